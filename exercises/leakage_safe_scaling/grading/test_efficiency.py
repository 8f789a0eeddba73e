"""Speed on a large input, relative to the reference in the same run (category ``efficiency``).

Each repeat scales a fresh matrix of the same size; the time runs until the whole scaled matrix and
the learned ``mean_`` and ``scale_`` are read back, and all three are compared in full with the
reference's, so skipped rows, a cache or postponed work earn nothing.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from grader.testing import FloatArray, assert_fast_enough, expect_close, points

N_ROWS, N_FEATURES = 500_000, 20
LABEL = f"StandardScaler().fit_transform(X) on {N_ROWS:,} x {N_FEATURES}"
Outputs = tuple[Any, Any, Any]


@functools.cache
def large_matrix(repeat: int = 0) -> FloatArray:
    """A 500,000 x 20 matrix with columns of different means and spreads, built cheaply."""
    rng = np.random.default_rng(20261107 + repeat)
    X: FloatArray = rng.random((N_ROWS, N_FEATURES)) * np.arange(1, N_FEATURES + 1) + np.arange(N_FEATURES)
    return X


def scaled(scaler: Any, X: Any) -> Outputs:
    return scaler.fit_transform(X), scaler.mean_, scaler.scale_


def same(actual: Outputs, expected: Outputs, X: FloatArray) -> None:
    for name, got, want in zip(("fit_transform(X)", "mean_", "scale_"), actual, expected, strict=True):
        expect_close(got, want, rtol=1e-9, atol=1e-9, what=f"{name} of {LABEL} (timing input)")


@points(1, category="efficiency")
def test_standard_scaler_fit_transform_is_fast_on_half_a_million_rows(
    candidate: Any, reference: Any, sandbox: Any
) -> None:
    assert_fast_enough(
        lambda held: scaled(candidate.StandardScaler(), held),
        lambda X: scaled(reference.StandardScaler(), X),
        inputs=large_matrix,
        prepare=sandbox.hold,
        compare=same,
        within=10,
        # Each call still moves 80 MB back from the worker; two runs keep the check affordable.
        repeats=2,
        what=LABEL,
    )
