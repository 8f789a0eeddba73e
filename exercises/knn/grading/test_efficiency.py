"""A vectorised search is expected: within 30 times the reference's time (a loop over pairs is far slower).

Each repeat draws fresh data of the same size; the time runs until every output is read back, and the
outputs are compared in full with the reference's (the data keep every query's nearest distances apart,
so no tie rule is involved and any correct method gives the same answer).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np

from grader.testing import FloatArray, IntArray, assert_fast_enough, points

N_TRAIN, N_QUERIES, N_FEATURES = 4000, 2000, 8
WITHIN = 30

Problem = tuple[FloatArray, IntArray, FloatArray]


def medium_problem(repeat: int) -> Problem:
    """4,000 training points and 2,000 queries in 8 dimensions, 4 classes."""
    rng = np.random.default_rng(2026 + repeat)
    X = rng.normal(size=(N_TRAIN, N_FEATURES))
    return X, rng.integers(0, 4, size=N_TRAIN), rng.normal(size=(N_QUERIES, N_FEATURES))


def held(sandbox: Any) -> Any:
    return lambda problem: tuple(sandbox.hold(part) for part in problem)


@points(1, category="efficiency")
def test_classifier_on_4000_points_and_2000_queries_is_fast_enough(
    candidate: Any, reference: ModuleType, sandbox: Any
) -> None:
    def run(module: Any) -> Any:
        def call(problem: Any) -> tuple[Any, Any, Any]:
            X, y, queries = problem
            model = module.KNeighborsClassifier(5, weights="distance").fit(X, y)
            dist, ind = model.kneighbors(queries)
            return dist, ind, model.predict_proba(queries)

        return call

    assert_fast_enough(
        run(candidate),
        run(reference),
        inputs=medium_problem,
        prepare=held(sandbox),
        within=WITHIN,
        what=(
            f"KNeighborsClassifier(5, weights='distance') kneighbors and predict_proba, {N_TRAIN:,} x {N_FEATURES}, "
            f"{N_QUERIES:,} queries"
        ),
    )


@points(1, category="efficiency")
def test_manhattan_regressor_on_4000_points_and_2000_queries_is_fast_enough(
    candidate: Any, reference: ModuleType, sandbox: Any
) -> None:
    def run(module: Any) -> Any:
        def call(problem: Any) -> Any:
            X, y, queries = problem
            return module.KNeighborsRegressor(7, p=1).fit(X, y).predict(queries)

        return call

    assert_fast_enough(
        run(candidate),
        run(reference),
        inputs=medium_problem,
        prepare=held(sandbox),
        within=WITHIN,
        what=f"KNeighborsRegressor(7, p=1).predict, {N_TRAIN:,} x {N_FEATURES}, {N_QUERIES:,} queries",
    )
