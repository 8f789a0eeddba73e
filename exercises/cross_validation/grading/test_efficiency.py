"""Splitting and scoring 200,000 samples, within a generous multiple of the reference's time."""

from __future__ import annotations

import numpy as np
from sklearn.dummy import DummyRegressor

from grader.suite import assert_fast_enough, points, trusted

N_SAMPLES = 200_000
N_SPLITS = 10


def _inputs() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20261106)
    X = rng.normal(size=(N_SAMPLES, 3))
    labels = rng.choice(np.array(["rare", "common", "middle"]), size=N_SAMPLES, p=[0.1, 0.6, 0.3])
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=N_SAMPLES)
    return X, labels, y


X, LABELS, Y = _inputs()


@points(1, category="efficiency")
def test_kfold_splits_200000_samples_quickly(candidate, reference):
    for options in ({}, {"shuffle": True, "random_state": 0}):
        assert_fast_enough(
            lambda options=options: list(candidate.KFold(N_SPLITS, **options).split(X)),
            lambda options=options: list(reference.KFold(N_SPLITS, **options).split(X)),
            within=15,
            what=f"KFold(n_splits={N_SPLITS}, {options}).split(X) on {N_SAMPLES:,} samples",
        )


@points(1, category="efficiency")
def test_stratified_kfold_splits_200000_samples_quickly(candidate, reference):
    assert_fast_enough(
        lambda: list(candidate.StratifiedKFold(N_SPLITS).split(X, LABELS)),
        lambda: list(reference.StratifiedKFold(N_SPLITS).split(X, LABELS)),
        within=15,
        what=f"StratifiedKFold(n_splits={N_SPLITS}).split(X, y) on {N_SAMPLES:,} samples",
    )


@points(1, category="efficiency")
def test_cross_val_score_scores_200000_samples_quickly(candidate, reference):
    assert_fast_enough(
        lambda: candidate.cross_val_score(trusted("sklearn.dummy.DummyRegressor"), X, Y, cv=5),
        lambda: reference.cross_val_score(DummyRegressor(), X, Y, cv=5),
        within=15,
        what=f"cross_val_score(DummyRegressor(), X, y, cv=5) on {N_SAMPLES:,} samples",
    )
