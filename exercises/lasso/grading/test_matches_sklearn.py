"""The fitted model reaches scikit-learn's optimum: objective, optimality conditions, exact zeros.

scikit-learn's ``Lasso`` and ``ElasticNet`` minimise the statement's objective; converged with
``tol=1e-13`` they give the optimum. Judging the objective, the KKT conditions and the clear zeros,
rather than coefficient digits, lets any coordinate descent that stops close enough pass.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import given
from lasso_oracle import (
    best_optimum,
    expect_clear_zeros_and_signs,
    expect_kkt,
    expect_optimal_objective,
    fit_tightly,
    sklearn_optimum,
)
from lasso_problems import Problem, alpha_max, problems

from grader.testing import expect_close, load_dataset, points, without_shrinking

# (alpha as a share of alpha_max, l1_ratio) on diabetes: sparse, middling and dense fits.
DIABETES_FITS = ((0.3, 1.0), (0.05, 1.0), (0.005, 1.0), (0.02, 0.5), (0.002, 0.8))


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=problems())
def test_objective_at_the_fit_is_the_optimum_found_by_sklearn(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    model, what = fit_tightly(candidate, problem)
    expect_optimal_objective(model, problem, best_optimum(reference, problem), what=what)


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=problems())
def test_optimality_conditions_hold_at_the_fit(candidate: Any, problem: Problem) -> None:
    model, what = fit_tightly(candidate, problem)
    expect_kkt(model, problem, what=what)


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=problems(l1_ratios=(1.0, 0.7), shares=(0.1, 0.2, 0.4)))
def test_clear_zeros_of_sklearn_s_solution_are_exact_zeros(candidate: Any, problem: Problem) -> None:
    model, what = fit_tightly(candidate, problem)
    optimum = sklearn_optimum(problem)
    expect_clear_zeros_and_signs(model, problem, optimum, what=what)
    # Zeros and signs can match by chance: the point is for a model that was fitted.
    expect_optimal_objective(model, problem, optimum, what=what)


@points(2, category="matches_sklearn")
@without_shrinking()
@given(problem=problems())
def test_predictions_match_sklearn(candidate: Any, problem: Problem) -> None:
    model, what = fit_tightly(candidate, problem)
    optimum = sklearn_optimum(problem)
    expect_close(
        model.predict(problem.X),
        problem.X @ optimum.coef + optimum.intercept,
        what=f"{what}.predict(X)",
        rtol=0.0,
        atol=1e-4 * float(np.std(problem.y)),
        source="scikit-learn",
    )


@points(3, category="matches_sklearn")
def test_diabetes_fits_match_sklearn(candidate: Any, reference: ModuleType) -> None:
    X, labels = load_dataset("diabetes")
    y = labels.astype(np.float64)
    for share, l1_ratio in DIABETES_FITS:
        problem = Problem(X=X, y=y, alpha=share * alpha_max(X, y, l1_ratio), l1_ratio=l1_ratio, seed=0)
        model, what = fit_tightly(candidate, problem)
        what = f"{what} on diabetes"
        expect_optimal_objective(model, problem, best_optimum(reference, problem), what=what)
        expect_kkt(model, problem, what=what)
        expect_clear_zeros_and_signs(model, problem, sklearn_optimum(problem), what=what)
