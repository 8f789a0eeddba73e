"""Vectorised trees are expected: ``fit`` and ``predict`` within a generous multiple of the reference's time.

Each repeat fits a fresh 5,000 x 8 problem (features on a grid of quarters, so every split is clear)
with 40 trees of depth 3; the time runs until the training predictions and ``train_score_`` are read
back, and both must match the reference's, so a shortcut earns nothing.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from gradient_boosting_checks import ATOL, RTOL
from gradient_boosting_problems import grid_matrix

from grader.testing import CheckFailed, FloatArray, assert_fast_enough, points, read_floats

N_ROWS, N_FEATURES, N_TREES = 5_000, 8, 40
Result = tuple[FloatArray, FloatArray]


def medium_problem(repeat: int, kind: str) -> tuple[FloatArray, Any]:
    """5,000 x 8 on the grid, a smooth target with noise (or labels from it)."""
    rng = np.random.default_rng(7_000 + repeat)
    X = grid_matrix(rng, N_ROWS, N_FEATURES)
    z = X / X.std(axis=0)
    signal = np.sin(z[:, 0]) + z[:, 1] * z[:, 2] + z @ rng.standard_normal(N_FEATURES)
    if kind == "regression":
        return X, signal + rng.standard_normal(N_ROWS)
    return X, (signal + rng.logistic(size=N_ROWS) > 0).astype(np.int64)


def _run(candidate: Any, reference: ModuleType, sandbox: Any, kind: str) -> None:
    name = "GradientBoostingRegressor" if kind == "regression" else "GradientBoostingClassifier"
    method = "predict" if kind == "regression" else "decision_function"
    what = f"{name}(n_estimators={N_TREES}).fit(X, y).{method}(X) on {N_ROWS:,} x {N_FEATURES}"

    def candidate_call(sent: tuple[Any, Any]) -> Result:
        X, y = sent
        model = getattr(candidate, name)(n_estimators=N_TREES).fit(X, y)
        raw = read_floats(getattr(model, method)(X), what=what, shape=(N_ROWS,))
        return raw, read_floats(model.train_score_, what=f"{what}: train_score_", shape=(N_TREES,))

    def reference_call(problem: tuple[FloatArray, Any]) -> Result:
        model = getattr(reference, name)(n_estimators=N_TREES).fit(*problem)
        return getattr(model, method)(problem[0]), model.train_score_

    def same(actual: Result, expected: Result, problem: Any) -> None:
        for mine, theirs, label in zip(actual, expected, (f"{method}(X)", "train_score_"), strict=True):
            if not np.allclose(mine, theirs, rtol=RTOL, atol=ATOL):
                row = int(np.argmax(np.abs(mine - theirs)))
                raise CheckFailed(
                    f"{what}: {label} differs from the reference's on the timing input at entry {row} "
                    f"({mine[row]!r} instead of {theirs[row]!r}), so speed does not count"
                )

    assert_fast_enough(
        candidate_call,
        reference_call,
        inputs=lambda repeat: medium_problem(repeat, kind),
        prepare=lambda problem: (sandbox.hold(problem[0]), sandbox.hold(problem[1])),
        compare=same,
        within=8,
        what=what,
        repeats=2,
    )


@points(1, category="efficiency")
def test_regressor_is_fast_enough(candidate: Any, reference: ModuleType, sandbox: Any) -> None:
    _run(candidate, reference, sandbox, "regression")


@points(1, category="efficiency")
def test_classifier_is_fast_enough(candidate: Any, reference: ModuleType, sandbox: Any) -> None:
    _run(candidate, reference, sandbox, "classification")
