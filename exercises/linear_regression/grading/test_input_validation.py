"""Bad input raises ValueError with a message, as the statement lists; "not fitted" may also be an
AttributeError, as long as its message says the model is not fitted (scikit-learn's NotFittedError is both)."""

from __future__ import annotations

from typing import Any

import numpy as np
from linear_regression_problems import make_problem

from grader.testing import points, raises, raises_not_fitted

PROBLEM = make_problem(40, 3, 0.5, 1.0, seed=5)
CLASSES = ("LinearRegression", "Ridge", "GradientDescentRegressor")


@points(1, category="input_validation")
def test_X_that_is_not_2d_is_rejected(candidate: Any) -> None:
    for name in CLASSES:
        with raises(ValueError, what=f"{name}().fit(X, y) with a 1-D X of shape (40,)"):
            getattr(candidate, name)().fit(PROBLEM.X[:, 0], PROBLEM.y)


@points(1, category="input_validation")
def test_y_that_is_not_1d_is_rejected(candidate: Any) -> None:
    for name in CLASSES:
        with raises(ValueError, what=f"{name}().fit(X, y) with y of shape (40, 1) (y must be 1-D)"):
            getattr(candidate, name)().fit(PROBLEM.X, PROBLEM.y[:, None])


@points(1, category="input_validation")
def test_X_and_y_of_different_lengths_are_rejected(candidate: Any) -> None:
    for name in CLASSES:
        with raises(ValueError, what=f"{name}().fit(X, y) with 40 rows in X and 39 values in y"):
            getattr(candidate, name)().fit(PROBLEM.X, PROBLEM.y[:39])


@points(1, category="input_validation")
def test_nan_or_infinity_in_X_or_y_is_rejected(candidate: Any) -> None:
    X = PROBLEM.X.copy()
    X[3, 1] = np.nan
    y = PROBLEM.y.copy()
    y[5] = np.inf
    for name in CLASSES:
        with raises(ValueError, what=f"{name}().fit(X, y) with a NaN in X"):
            getattr(candidate, name)().fit(X, PROBLEM.y)
        with raises(ValueError, what=f"{name}().fit(X, y) with inf in y"):
            getattr(candidate, name)().fit(PROBLEM.X, y)


@points(1, category="input_validation")
def test_an_empty_X_is_rejected(candidate: Any) -> None:
    for name in CLASSES:
        with raises(ValueError, what=f"{name}().fit(X, y) with X of shape (0, 3)"):
            getattr(candidate, name)().fit(np.empty((0, 3)), np.empty(0))


@points(1, category="input_validation")
def test_a_negative_or_nan_alpha_is_rejected(candidate: Any) -> None:
    for alpha in (-1.0, float("nan")):
        with raises(ValueError, what=f"Ridge(alpha={alpha}).fit(X, y)"):
            candidate.Ridge(alpha=alpha).fit(PROBLEM.X, PROBLEM.y)
        with raises(ValueError, what=f"GradientDescentRegressor(alpha={alpha}).fit(X, y)"):
            candidate.GradientDescentRegressor(alpha=alpha).fit(PROBLEM.X, PROBLEM.y)


@points(1, category="input_validation")
def test_gradient_descent_parameters_out_of_range_are_rejected(candidate: Any) -> None:
    bad: list[dict[str, Any]] = [
        {"learning_rate": 0.0},
        {"learning_rate": -0.1},
        {"max_iter": 0},
        {"max_iter": 2.5},
        {"tol": -1e-3},
    ]
    for kwargs in bad:
        shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        with raises(ValueError, what=f"GradientDescentRegressor({shown}).fit(X, y)"):
            candidate.GradientDescentRegressor(**kwargs).fit(PROBLEM.X, PROBLEM.y)


@points(2, category="input_validation")
def test_predict_and_score_before_fit_say_the_model_is_not_fitted(candidate: Any) -> None:
    for name in CLASSES:
        with raises_not_fitted(what=f"{name}().predict(X) before fit"):
            getattr(candidate, name)().predict(PROBLEM.X)
        with raises_not_fitted(what=f"{name}().score(X, y) before fit"):
            getattr(candidate, name)().score(PROBLEM.X, PROBLEM.y)


@points(1, category="input_validation")
def test_predict_with_another_number_of_features_is_rejected(candidate: Any) -> None:
    for name in CLASSES:
        model = getattr(candidate, name)().fit(PROBLEM.X, PROBLEM.y)
        with raises(ValueError, what=f"{name}().fit(X, y) with 3 features, then predict(X) with 2"):
            model.predict(PROBLEM.X[:, :2])
