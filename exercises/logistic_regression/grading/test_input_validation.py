"""Bad input raises ValueError with a message, as the statement lists; "not fitted" may also be an
AttributeError, as long as its message says the model is not fitted (scikit-learn's NotFittedError is both)."""

from __future__ import annotations

from typing import Any

import numpy as np
from logistic_regression_problems import make_problem

from grader.testing import points, raises, raises_not_fitted

PROBLEM = make_problem(40, 3, 0.5, 0.1, 1.0, seed=5)


@points(1, category="input_validation")
def test_a_single_class_is_rejected(candidate: Any) -> None:
    with raises(ValueError, what="fit(X, y) with every label equal to 1"):
        candidate.LogisticRegression().fit(PROBLEM.X, np.ones(40, dtype=np.int64))


@points(1, category="input_validation")
def test_three_classes_are_rejected(candidate: Any) -> None:
    y = np.arange(40) % 3
    with raises(ValueError, what="fit(X, y) with labels 0, 1 and 2"):
        candidate.LogisticRegression().fit(PROBLEM.X, y)


@points(1, category="input_validation")
def test_X_and_y_of_different_lengths_are_rejected(candidate: Any) -> None:
    with raises(ValueError, what="fit(X, y) with 40 rows in X and 39 labels in y"):
        candidate.LogisticRegression().fit(PROBLEM.X, PROBLEM.y[:39])


@points(1, category="input_validation")
def test_nan_in_X_is_rejected(candidate: Any) -> None:
    X = PROBLEM.X.copy()
    X[3, 1] = np.nan
    with raises(ValueError, what="fit(X, y) with a NaN in X"):
        candidate.LogisticRegression().fit(X, PROBLEM.y)


@points(1, category="input_validation")
def test_infinite_values_in_X_are_rejected(candidate: Any) -> None:
    X = PROBLEM.X.copy()
    X[7, 0] = -np.inf
    with raises(ValueError, what="fit(X, y) with -inf in X"):
        candidate.LogisticRegression().fit(X, PROBLEM.y)


@points(1, category="input_validation")
def test_C_that_is_not_positive_is_rejected(candidate: Any) -> None:
    for C in (0.0, -1.0):
        with raises(ValueError, what=f"LogisticRegression(C={C:g}).fit(X, y)"):
            candidate.LogisticRegression(C=C).fit(PROBLEM.X, PROBLEM.y)


@points(1, category="input_validation")
def test_infinite_C_is_rejected(candidate: Any) -> None:
    # scikit-learn reads C=inf as "no penalty"; the statement makes it an error (C must be finite).
    with raises(ValueError, what="LogisticRegression(C=inf).fit(X, y) (C must be finite)"):
        candidate.LogisticRegression(C=np.inf).fit(PROBLEM.X, PROBLEM.y)


@points(2, category="input_validation")
def test_predict_before_fit_says_the_model_is_not_fitted(candidate: Any) -> None:
    for method in ("predict", "predict_proba", "decision_function"):
        with raises_not_fitted(what=f"{method}(X) before fit"):
            getattr(candidate.LogisticRegression(), method)(PROBLEM.X)
