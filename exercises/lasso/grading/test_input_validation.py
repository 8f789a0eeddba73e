"""Bad input raises ValueError with a message, as the statement lists; "not fitted" may also be an
AttributeError, as long as its message says the model is not fitted."""

from __future__ import annotations

from typing import Any

import numpy as np
from lasso_problems import make_problem

from grader.testing import points, raises, raises_not_fitted

PROBLEM = make_problem(40, 3, 0.1, 1.0, seed=5)


@points(2, category="input_validation")
def test_alpha_that_is_not_positive_and_finite_is_rejected(candidate: Any) -> None:
    for alpha in (0.0, -1.0, np.nan, np.inf):
        for name in ("Lasso", "ElasticNet"):
            with raises(ValueError, what=f"{name}(alpha={alpha}).fit(X, y)"):
                getattr(candidate, name)(alpha).fit(PROBLEM.X, PROBLEM.y)


@points(1, category="input_validation")
def test_l1_ratio_outside_zero_to_one_is_rejected(candidate: Any) -> None:
    for l1_ratio in (0.0, -0.5, 1.5):
        with raises(ValueError, what=f"ElasticNet(l1_ratio={l1_ratio:g}).fit(X, y)"):
            candidate.ElasticNet(l1_ratio=l1_ratio).fit(PROBLEM.X, PROBLEM.y)


@points(1, category="input_validation")
def test_max_iter_below_one_and_tol_that_is_not_finite_and_non_negative_are_rejected(candidate: Any) -> None:
    with raises(ValueError, what="Lasso(max_iter=0).fit(X, y)"):
        candidate.Lasso(max_iter=0).fit(PROBLEM.X, PROBLEM.y)
    for tol in (-1e-4, np.nan, np.inf):
        with raises(ValueError, what=f"Lasso(tol={tol}).fit(X, y)"):
            candidate.Lasso(tol=tol).fit(PROBLEM.X, PROBLEM.y)


@points(1, category="input_validation")
def test_X_that_is_not_2d_is_rejected(candidate: Any) -> None:
    with raises(ValueError, what="Lasso().fit(X, y) with a 1-D X"):
        candidate.Lasso().fit(PROBLEM.X[:, 0], PROBLEM.y)


@points(1, category="input_validation")
def test_X_and_y_of_different_lengths_are_rejected(candidate: Any) -> None:
    with raises(ValueError, what="Lasso().fit(X, y) with 40 rows in X and 39 values in y"):
        candidate.Lasso().fit(PROBLEM.X, PROBLEM.y[:39])


@points(1, category="input_validation")
def test_nan_or_infinite_values_are_rejected(candidate: Any) -> None:
    X = PROBLEM.X.copy()
    X[3, 1] = np.nan
    with raises(ValueError, what="Lasso().fit(X, y) with a NaN in X"):
        candidate.Lasso().fit(X, PROBLEM.y)
    y = PROBLEM.y.copy()
    y[7] = np.inf
    with raises(ValueError, what="Lasso().fit(X, y) with inf in y"):
        candidate.Lasso().fit(PROBLEM.X, y)


@points(2, category="input_validation")
def test_predict_before_fit_says_the_model_is_not_fitted(candidate: Any) -> None:
    with raises_not_fitted(what="Lasso().predict(X) before fit"):
        candidate.Lasso().predict(PROBLEM.X)
    with raises_not_fitted(what="ElasticNet().predict(X) before fit"):
        candidate.ElasticNet().predict(PROBLEM.X)


@points(1, category="input_validation")
def test_predict_with_another_number_of_features_is_rejected(candidate: Any) -> None:
    model = candidate.Lasso(0.01).fit(PROBLEM.X, PROBLEM.y)
    with raises(ValueError, what="predict(X) with 2 features after fit with 3"):
        model.predict(PROBLEM.X[:, :2])
