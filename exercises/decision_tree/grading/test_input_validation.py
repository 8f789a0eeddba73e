"""Bad input raises ValueError with a message, as the statement lists; "not fitted" says so."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.testing import points, raises, raises_not_fitted

X = np.array([[0.0, 1.0], [1.5, 0.5], [3.0, 2.5], [4.5, 4.0], [6.0, 3.5]])
Y = np.array([0, 1, 0, 1, 1])
TARGETS = np.array([0.5, 1.0, 2.0, 4.0, 8.0])
NOT_FINITE = r"nan|inf|finite"
KINDS = (("DecisionTreeClassifier", Y), ("DecisionTreeRegressor", TARGETS))


@points(2, category="input_validation")
def test_predict_before_fit_says_the_model_is_not_fitted(candidate: Any) -> None:
    for kind, _ in KINDS:
        with raises_not_fitted(what=f"{kind}().predict(X) before fit (should say the model is not fitted)"):
            getattr(candidate, kind)().predict(X)
    with raises_not_fitted(
        what="DecisionTreeClassifier().predict_proba(X) before fit (should say the model is not fitted)"
    ):
        candidate.DecisionTreeClassifier().predict_proba(X)


@points(2, category="input_validation")
def test_x_that_is_not_a_finite_matrix_is_rejected(candidate: Any) -> None:
    for kind, y in KINDS:
        with raises(ValueError, what=f"{kind}().fit(X of shape (5,), y)"):
            getattr(candidate, kind)().fit(X[:, 0], y)
        with raises(ValueError, what=f"{kind}().fit(X of shape (5, 2, 1), y)"):
            getattr(candidate, kind)().fit(X[:, :, None], y)
        for bad_value in (np.nan, np.inf):
            bad = X.copy()
            bad[2, 1] = bad_value
            with raises(ValueError, what=f"{kind}().fit(X with {bad_value}, y)", match=NOT_FINITE):
                getattr(candidate, kind)().fit(bad, y)
        with raises(ValueError, what=f"{kind}().fit(X of shape (0, 2), y of shape (0,))"):
            getattr(candidate, kind)().fit(np.zeros((0, 2)), y[:0])
        with raises(ValueError, what=f"{kind}().fit(X of shape (5, 0), y)"):
            getattr(candidate, kind)().fit(np.zeros((5, 0)), y)


@points(2, category="input_validation")
def test_x_and_y_of_different_lengths_are_rejected(candidate: Any) -> None:
    for kind, y in KINDS:
        with raises(ValueError, what=f"{kind}().fit(X with 5 rows, y with 4)"):
            getattr(candidate, kind)().fit(X, y[:4])
        with raises(ValueError, what=f"{kind}().fit(X, y of shape (5, 1))"):
            getattr(candidate, kind)().fit(X, y[:, None])


@points(1, category="input_validation")
def test_regression_targets_must_be_finite(candidate: Any) -> None:
    bad = TARGETS.copy()
    bad[1] = np.nan
    with raises(ValueError, what="DecisionTreeRegressor().fit(X, y with a NaN)", match=NOT_FINITE):
        candidate.DecisionTreeRegressor().fit(X, bad)


@points(2, category="input_validation")
def test_parameters_out_of_range_are_rejected(candidate: Any) -> None:
    cases = (
        {"max_depth": 0},
        {"min_samples_split": 1},
        {"min_samples_leaf": 0},
        {"min_impurity_decrease": -0.1},
        {"criterion": "mse"},
    )
    for kind, y in KINDS:
        for params in cases:
            shown = ", ".join(f"{k}={v!r}" for k, v in params.items())
            name = next(iter(params))
            with raises(
                ValueError,
                what=f"{kind}({shown}).fit(X, y)",
                match=name.split("_")[-1] if name != "criterion" else "criterion",
            ):
                getattr(candidate, kind)(**params).fit(X, y)
    with raises(ValueError, what="DecisionTreeClassifier(criterion='squared_error').fit(X, y)", match="criterion"):
        candidate.DecisionTreeClassifier(criterion="squared_error").fit(X, Y)


@points(1, category="input_validation")
def test_predict_with_another_number_of_features_is_rejected(candidate: Any) -> None:
    for kind, y in KINDS:
        model = getattr(candidate, kind)().fit(X, y)
        with raises(ValueError, what=f"{kind}().fit(X with 2 features).predict(X with 3 features)"):
            model.predict(np.zeros((4, 3)))
    model = candidate.DecisionTreeClassifier().fit(X, Y)
    with raises(ValueError, what="DecisionTreeClassifier().fit(X with 2 features).predict_proba(X with 1 feature)"):
        model.predict_proba(np.zeros((4, 1)))
