"""Bad input raises ValueError with a message, as the statement lists; "not fitted" may also be an
AttributeError, as long as its message says the model is not fitted (scikit-learn's NotFittedError is both)."""

from __future__ import annotations

from typing import Any

import numpy as np
from gradient_boosting_problems import make_problem

from grader.testing import points, raises, raises_not_fitted

PROBLEM = make_problem("classification", 20, 2, 2, 0.5, 2, 1, seed=3)
NAMES = ("GradientBoostingRegressor", "GradientBoostingClassifier")


def _fit(candidate: Any, name: str, X: Any, y: Any, **params: Any) -> Any:
    return getattr(candidate, name)(n_estimators=2, **params).fit(X, y)


@points(1, category="input_validation")
def test_X_that_is_not_2d_is_rejected(candidate: Any) -> None:
    for name in NAMES:
        with raises(ValueError, what=f"{name}.fit(X, y) with a 1-D X"):
            _fit(candidate, name, PROBLEM.X[:, 0], PROBLEM.y)


@points(1, category="input_validation")
def test_X_without_rows_or_columns_is_rejected(candidate: Any) -> None:
    for shape in ((0, 2), (20, 0)):
        for name in NAMES:
            with raises(ValueError, what=f"{name}.fit(X, y) with X of shape {shape}"):
                _fit(candidate, name, np.zeros(shape), PROBLEM.y[: shape[0]])


@points(1, category="input_validation")
def test_X_and_y_of_different_lengths_are_rejected(candidate: Any) -> None:
    for name in NAMES:
        with raises(ValueError, what=f"{name}.fit(X, y) with 20 rows in X and 19 values in y"):
            _fit(candidate, name, PROBLEM.X, PROBLEM.y[:19])


@points(1, category="input_validation")
def test_nan_and_infinity_in_X_are_rejected(candidate: Any) -> None:
    for value in (np.nan, np.inf):
        X = PROBLEM.X.copy()
        X[4, 1] = value
        for name in NAMES:
            with raises(ValueError, what=f"{name}.fit(X, y) with {value} in X"):
                _fit(candidate, name, X, PROBLEM.y)


@points(1, category="input_validation")
def test_nan_in_the_regressor_s_y_is_rejected(candidate: Any) -> None:
    y = PROBLEM.y.astype(np.float64)
    y[2] = np.nan
    with raises(ValueError, what="GradientBoostingRegressor.fit(X, y) with NaN in y"):
        _fit(candidate, "GradientBoostingRegressor", PROBLEM.X, y)


@points(1, category="input_validation")
def test_one_class_or_three_are_rejected_by_the_classifier(candidate: Any) -> None:
    with raises(ValueError, what="GradientBoostingClassifier.fit(X, y) with every label equal to 1"):
        _fit(candidate, "GradientBoostingClassifier", PROBLEM.X, np.ones(20, dtype=np.int64))
    with raises(ValueError, what="GradientBoostingClassifier.fit(X, y) with labels 0, 1 and 2"):
        _fit(candidate, "GradientBoostingClassifier", PROBLEM.X, np.arange(20) % 3)


@points(2, category="input_validation")
def test_parameters_out_of_range_are_rejected(candidate: Any) -> None:
    bad: list[dict[str, Any]] = [
        {"n_estimators": 0},
        {"learning_rate": 0.0},
        {"learning_rate": -0.1},
        {"learning_rate": np.inf},
        {"max_depth": 0},
        {"min_samples_leaf": 0},
        {"n_estimators": 2.5},
    ]
    for name in NAMES:
        for params in bad:
            text = ", ".join(f"{key}={value!r}" for key, value in params.items())
            with raises(ValueError, what=f"{name}({text}).fit(X, y)"):
                getattr(candidate, name)(**params).fit(PROBLEM.X, PROBLEM.y)


@points(1, category="input_validation")
def test_another_number_of_features_is_rejected_after_fit(candidate: Any) -> None:
    for name in NAMES:
        model = _fit(candidate, name, PROBLEM.X, PROBLEM.y)
        method = "predict" if name == "GradientBoostingRegressor" else "decision_function"
        with raises(ValueError, what=f"{name}.{method}(X) with 3 features after fit with 2"):
            getattr(model, method)(np.zeros((4, 3)))


@points(2, category="input_validation")
def test_predicting_before_fit_says_the_model_is_not_fitted(candidate: Any) -> None:
    methods = {
        "GradientBoostingRegressor": ("predict", "staged_predict"),
        "GradientBoostingClassifier": ("predict", "predict_proba", "decision_function", "staged_decision_function"),
    }
    for name, names in methods.items():
        for method in names:
            with raises_not_fitted(what=f"{name}().{method}(X) before fit"):
                result = getattr(getattr(candidate, name)(), method)(PROBLEM.X)
                if method.startswith("staged"):
                    list(result)
