"""Coordinate descent without a Python loop over samples: within a generous multiple of the reference.

Each repeat fits a fresh problem of the same size; the time runs until ``coef_`` and ``intercept_``
are read back, and the fitted objective must be as low as the reference's (so a shortcut such as
fitting a subsample, or stopping early, earns nothing).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from lasso_oracle import OBJECTIVE_RTOL, OBJECTIVE_TEXT, fitted_parameters, objective
from lasso_problems import Problem, alpha_max

from grader.testing import CheckFailed, FloatArray, assert_fast_enough, points

N_SAMPLES, N_FEATURES = 100_000, 80
TOL = 1e-8
WHAT = f"Lasso(alpha, tol={TOL:g}).fit(X, y) on {N_SAMPLES:,} x {N_FEATURES}"
Parameters = tuple[FloatArray, float]


def medium_problem(repeat: int) -> Problem:
    """Correlated columns (neighbours correlate at 0.7), 10 informative features, alpha small."""
    rng = np.random.default_rng(2026 + repeat)
    correlation = 0.7 ** np.abs(np.subtract.outer(np.arange(N_FEATURES), np.arange(N_FEATURES)))
    X = rng.standard_normal((N_SAMPLES, N_FEATURES)) @ np.linalg.cholesky(correlation).T + 1.0
    w = np.zeros(N_FEATURES)
    w[rng.choice(N_FEATURES, 10, replace=False)] = rng.uniform(1.0, 3.0, 10)
    y = X @ w + 2.0 * rng.standard_normal(N_SAMPLES)
    return Problem(X=X, y=y, alpha=0.005 * alpha_max(X, y), l1_ratio=1.0, seed=repeat)


@points(1, category="efficiency")
def test_fit_on_a_medium_problem_is_fast_enough(candidate: Any, reference: ModuleType, sandbox: Any) -> None:
    def candidate_fit(sent: tuple[Any, Any, float]) -> Parameters:
        X, y, alpha = sent
        return fitted_parameters(candidate.Lasso(alpha, tol=TOL).fit(X, y), N_FEATURES, what=WHAT)

    def reference_fit(problem: Problem) -> Parameters:
        model = reference.Lasso(problem.alpha, tol=TOL).fit(problem.X, problem.y)
        return np.asarray(model.coef_, dtype=float), float(model.intercept_)

    def as_low(actual: Parameters, expected: Parameters, problem: Problem) -> None:
        args = (problem.X, problem.y, problem.alpha, problem.l1_ratio)
        value, best = objective(actual[0], actual[1], *args), objective(expected[0], expected[1], *args)
        if (value - best) / abs(best) > OBJECTIVE_RTOL:
            raise CheckFailed(
                f"{WHAT}: the objective {OBJECTIVE_TEXT} at the fitted parameters is {value:.10g}, above the "
                f"reference's {best:.10g} on the timing input, so speed does not count"
            )

    assert_fast_enough(
        candidate_fit,
        reference_fit,
        inputs=medium_problem,
        prepare=lambda problem: (sandbox.hold(problem.X), sandbox.hold(problem.y), problem.alpha),
        compare=as_low,
        within=15,
        what=WHAT,
    )
