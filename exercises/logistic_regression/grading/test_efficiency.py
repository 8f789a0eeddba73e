"""A vectorised fit is expected: within a generous multiple of the reference's time.

Each repeat fits a fresh problem of the same size; the time runs until ``coef_`` and ``intercept_``
are read back, and the fitted objective must be as low as the reference's (so a shortcut such as
fitting a subsample, or stopping early, earns nothing).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from logistic_regression_oracle import OBJECTIVE_RTOL, OBJECTIVE_TEXT, fitted_parameters, objective, signs
from logistic_regression_problems import Problem, make_problem

from grader.testing import CheckFailed, FloatArray, assert_fast_enough, points

WHAT = "LogisticRegression().fit(X, y) on 20,000 x 20"
Parameters = tuple[FloatArray, float]


def medium_problem(repeat: int) -> Problem:
    """20,000 rows x 20 features; the reference's Newton fit takes a few tens of milliseconds."""
    return make_problem(20_000, 20, 0.5, 0.1, 1.0, seed=2026 + repeat)


@points(1, category="efficiency")
def test_fit_on_20000_rows_and_20_features_is_fast_enough(candidate: Any, reference: ModuleType, sandbox: Any) -> None:
    def candidate_fit(sent: tuple[Any, Any, int]) -> Parameters:
        X, y, n_features = sent
        return fitted_parameters(candidate.LogisticRegression().fit(X, y), n_features, what=WHAT)

    def reference_fit(problem: Problem) -> Parameters:
        model = reference.LogisticRegression().fit(problem.X, problem.y)
        coef: FloatArray = np.asarray(model.coef_, dtype=float).ravel()
        return coef, float(np.asarray(model.intercept_).ravel()[0])

    def as_low(actual: Parameters, expected: Parameters, problem: Problem) -> None:
        s = signs(problem.y)
        value = objective(actual[0], actual[1], problem.X, s, problem.C)
        best = objective(expected[0], expected[1], problem.X, s, problem.C)
        if (value - best) / max(abs(best), 1e-300) > OBJECTIVE_RTOL:
            raise CheckFailed(
                f"{WHAT}: the objective {OBJECTIVE_TEXT} at the fitted parameters is {value:.10g}, "
                f"above the reference's {best:.10g} on the timing input, so speed does not count"
            )

    assert_fast_enough(
        candidate_fit,
        reference_fit,
        inputs=medium_problem,
        prepare=lambda problem: (sandbox.hold(problem.X), sandbox.hold(problem.y), problem.X.shape[1]),
        compare=as_low,
        within=15,
        what=WHAT,
    )
