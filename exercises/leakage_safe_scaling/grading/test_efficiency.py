"""Speed on a large input, relative to the reference in the same run (category ``efficiency``)."""

from __future__ import annotations

import functools

import numpy as np

from grader.suite import assert_fast_enough, points

N_ROWS, N_FEATURES = 1_000_000, 20


@functools.cache
def large_matrix() -> np.ndarray:
    """A 1,000,000 x 20 matrix with columns of different means and spreads, built cheaply."""
    rng = np.random.default_rng(20261107)
    return rng.random((N_ROWS, N_FEATURES)) * np.arange(1, N_FEATURES + 1) + np.arange(N_FEATURES)


@points(1, category="efficiency")
def test_standard_scaler_fit_transform_is_fast_on_a_million_rows(candidate, reference):
    X = large_matrix()
    scaler = candidate.StandardScaler()
    assert_fast_enough(
        lambda: scaler.fit_transform(X),
        lambda: reference.StandardScaler().fit_transform(X),
        within=10,
        # Each call moves 2 x 160 MB between processes; two runs keep the check affordable.
        repeats=2,
        what=f"StandardScaler().fit_transform(X) on {N_ROWS:,} x {N_FEATURES}",
    )
