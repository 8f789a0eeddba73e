"""The fitted model reaches scikit-learn's optimum: objective, optimality condition, probabilities.

scikit-learn's ``LogisticRegression(C=C, tol=1e-10, max_iter=10_000)`` minimises the same objective
as the statement, so its solution (converged far tighter than the candidate's default) is the
optimum. Judging the objective and its gradient, rather than coefficient digits, lets any optimiser
that stops close enough pass.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import given
from logistic_regression_oracle import (
    MAX_ITER,
    PROBA_ATOL,
    best_optimum,
    expect_optimal_objective,
    expect_stationary,
    sklearn_optimum,
)
from logistic_regression_problems import Problem, problems, standardise

from grader.testing import expect_close, expect_equal, load_dataset, points, without_shrinking

BREAST_CANCER_C = (0.1, 1.0)


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=problems())
def test_objective_at_the_fit_is_the_optimum_found_by_sklearn(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    model = candidate.LogisticRegression(C=problem.C).fit(problem.X, problem.y)
    optimum = best_optimum(reference, problem.X, problem.y, problem.C)
    expect_optimal_objective(
        model,
        problem.X,
        problem.y,
        problem.C,
        optimum,
        what=f"LogisticRegression(C={problem.C:g}).fit(X, y)",
    )


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=problems())
def test_gradient_of_the_objective_vanishes_at_the_fit(candidate: Any, problem: Problem) -> None:
    model = candidate.LogisticRegression(C=problem.C).fit(problem.X, problem.y)
    expect_stationary(
        model,
        problem.X,
        problem.y,
        problem.C,
        fit_intercept=True,
        what=f"LogisticRegression(C={problem.C:g}).fit(X, y)",
    )


@points(2, category="matches_sklearn")
@without_shrinking()
@given(problem=problems())
def test_probabilities_match_sklearn(candidate: Any, problem: Problem) -> None:
    model = candidate.LogisticRegression(C=problem.C).fit(problem.X, problem.y)
    optimum = sklearn_optimum(problem.X, problem.y, problem.C)
    proba = model.predict_proba(problem.X)
    expected = np.column_stack([1.0 - optimum.proba, optimum.proba])
    expect_close(
        proba,
        expected,
        what=f"LogisticRegression(C={problem.C:g}).fit(X, y).predict_proba(X)",
        rtol=0.0,
        atol=PROBA_ATOL,
        source="scikit-learn",
    )


@points(2, category="matches_sklearn")
def test_breast_cancer_fit_matches_sklearn(candidate: Any, reference: ModuleType) -> None:
    X, y = load_dataset("breast_cancer")
    X = standardise(X)
    for C in BREAST_CANCER_C:
        what = f"LogisticRegression(C={C:g}, max_iter={MAX_ITER}).fit(X, y) on breast_cancer"
        model = candidate.LogisticRegression(C=C, max_iter=MAX_ITER).fit(X, y)
        optimum = best_optimum(reference, X, y, C)
        expect_optimal_objective(model, X, y, C, optimum, what=what)
        expect_stationary(model, X, y, C, fit_intercept=True, what=what)
        expected = np.column_stack([1.0 - optimum.proba, optimum.proba])
        expect_close(
            model.predict_proba(X),
            expected,
            what=f"{what}, predict_proba(X)",
            rtol=0.0,
            atol=PROBA_ATOL,
            source="scikit-learn",
        )
        expect_equal(
            model.predict(X), (optimum.proba > 0.5).astype(np.int64), what=f"{what}, predict(X)", source="scikit-learn"
        )
