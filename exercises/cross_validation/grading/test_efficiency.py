"""Splitting and scoring 200,000 samples, within a generous multiple of the reference's time.

``assert_fast_enough`` first compares the candidate's result with the reference's. Unshuffled
``KFold`` folds are pinned down by the statement, so they are compared whole; shuffled and
stratified folds are not, so those calls return what every correct split agrees on: the test fold
sizes (for stratified folds, sorted, since only their spread is stated).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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


def fold_sizes(folds: Iterable[Any]) -> list[int]:
    """Test fold sizes, in fold order (iterating a candidate's generator inside the worker)."""
    return [len(test) for _, test in folds]


@points(1, category="efficiency")
def test_kfold_splits_200000_samples_quickly(candidate, reference):
    assert_fast_enough(
        lambda: list(candidate.KFold(N_SPLITS).split(X)),
        lambda: list(reference.KFold(N_SPLITS).split(X)),
        within=15,
        what=f"KFold(n_splits={N_SPLITS}).split(X) on {N_SAMPLES:,} samples",
    )
    shuffled = {"shuffle": True, "random_state": 0}
    assert_fast_enough(
        lambda: fold_sizes(candidate.KFold(N_SPLITS, **shuffled).split(X)),
        lambda: fold_sizes(reference.KFold(N_SPLITS, **shuffled).split(X)),
        within=15,
        what=f"KFold(n_splits={N_SPLITS}, shuffle=True, random_state=0).split(X) on "
        f"{N_SAMPLES:,} samples (test fold sizes)",
    )


@points(1, category="efficiency")
def test_stratified_kfold_splits_200000_samples_quickly(candidate, reference):
    assert_fast_enough(
        lambda: sorted(fold_sizes(candidate.StratifiedKFold(N_SPLITS).split(X, LABELS))),
        lambda: sorted(fold_sizes(reference.StratifiedKFold(N_SPLITS).split(X, LABELS))),
        within=15,
        what=f"StratifiedKFold(n_splits={N_SPLITS}).split(X, y) on {N_SAMPLES:,} samples (sorted "
        "test fold sizes)",
    )


@points(1, category="efficiency")
def test_cross_val_score_scores_200000_samples_quickly(candidate, reference):
    assert_fast_enough(
        lambda: candidate.cross_val_score(trusted("sklearn.dummy.DummyRegressor"), X, Y, cv=5),
        lambda: reference.cross_val_score(DummyRegressor(), X, Y, cv=5),
        within=15,
        what=f"cross_val_score(DummyRegressor(), X, y, cv=5) on {N_SAMPLES:,} samples",
    )
