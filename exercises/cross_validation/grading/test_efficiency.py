"""Splitting and scoring 200,000 samples, within a generous multiple of the reference's time.

Each repeat times a fresh input of the same size, from the call until every fold's indices (or every
score) are read back, and checks that output in full. Unshuffled ``KFold`` folds and the scores are
pinned down by the statement, so they are compared with the reference's; shuffled and stratified folds
are not, so every fold is checked against every promise the statement makes for them instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from cross_validation_checks import (
    Folds,
    collect_folds,
    expect_class_shares,
    expect_kfold_sizes,
    expect_partition,
    expect_sizes_within_one,
    expect_sorted,
)
from sklearn.dummy import DummyRegressor

from grader.testing import Array, CheckFailed, FloatArray, assert_fast_enough, points, trusted

N_SAMPLES = 200_000
N_SPLITS = 10
Inputs = tuple[FloatArray, Array, FloatArray]


def timing_input(repeat: int) -> Inputs:
    """``(X, labels, y)`` for ``N_SAMPLES`` samples, from a seed of its own per repeat."""
    rng = np.random.default_rng(20261106 + repeat)
    X = rng.normal(size=(N_SAMPLES, 3))
    labels = rng.choice(np.array(["rare", "common", "middle"]), size=N_SAMPLES, p=[0.1, 0.6, 0.3])
    y = X @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=N_SAMPLES)
    return X, labels, y


def reference_folds(splits: Any) -> Folds:
    return [(np.asarray(train, dtype=np.int64), np.asarray(test, dtype=np.int64)) for train, test in splits]


def expect_shuffled(folds: Folds, *, what: str) -> None:
    """A shuffled fold is spread over the samples: about 1/n_splits of it in every block of positions.

    With 20,000 samples a fold, a random permutation puts 2,000 +- 45 of them in the first tenth; the
    bounds below are 20 standard deviations wide, while consecutive blocks give 0 or all.
    """
    block = N_SAMPLES // N_SPLITS
    for fold, (_, test) in enumerate(folds):
        share = float(np.mean(test < block)) if test.size else 0.0
        if not 0.5 / N_SPLITS < share < 2.0 / N_SPLITS:
            raise CheckFailed(
                f"{what}: test fold {fold} has {share:.0%} of its samples among the first {block:,} positions; "
                f"shuffled folds spread over all samples (about {1 / N_SPLITS:.0%}), so these folds were not shuffled"
            )


@points(1, category="efficiency")
def test_kfold_splits_200000_samples_quickly(candidate: Any, reference: Any, sandbox: Any) -> None:
    what = f"KFold(n_splits={N_SPLITS}).split(X) on {N_SAMPLES:,} samples"

    def reference_and_crossing(data: Inputs) -> Folds:
        folds = reference_folds(reference.KFold(N_SPLITS).split(data[0]))
        # Unshuffled folds take the reference a few milliseconds, far less than bringing 2,000,000
        # indices back from the worker; the baseline pays that crossing too, so that only the work counts.
        sandbox.worker_call("numpy.arange", sum(len(train) + len(test) for train, test in folds))
        return folds

    assert_fast_enough(
        lambda held: collect_folds(candidate.KFold(N_SPLITS).split(held), what=what),
        reference_and_crossing,
        inputs=timing_input,
        prepare=lambda data: sandbox.hold(data[0]),
        within=2,
        repeats=5,
        what=what,
    )
    shuffled = f"KFold(n_splits={N_SPLITS}, shuffle=True, random_state=0).split(X) on {N_SAMPLES:,} samples"

    def valid(actual: Folds, expected: Folds, data: Inputs) -> None:
        expect_partition(actual, N_SAMPLES, N_SPLITS, what=shuffled)
        expect_sorted(actual, what=shuffled)
        expect_kfold_sizes(actual, N_SAMPLES, N_SPLITS, what=shuffled)
        expect_shuffled(actual, what=shuffled)

    assert_fast_enough(
        lambda held: collect_folds(candidate.KFold(N_SPLITS, shuffle=True, random_state=0).split(held), what=shuffled),
        lambda data: reference_folds(reference.KFold(N_SPLITS, shuffle=True, random_state=0).split(data[0])),
        inputs=timing_input,
        prepare=lambda data: sandbox.hold(data[0]),
        compare=valid,
        within=15,
        what=shuffled,
    )


@points(1, category="efficiency")
def test_stratified_kfold_splits_200000_samples_quickly(candidate: Any, reference: Any, sandbox: Any) -> None:
    what = f"StratifiedKFold(n_splits={N_SPLITS}).split(X, y) on {N_SAMPLES:,} samples"

    def valid(actual: Folds, expected: Folds, data: Inputs) -> None:
        expect_partition(actual, N_SAMPLES, N_SPLITS, what=what)
        expect_sorted(actual, what=what)
        expect_class_shares(actual, data[1], N_SPLITS, what=what)
        expect_sizes_within_one(actual, what=what)

    assert_fast_enough(
        lambda held: collect_folds(candidate.StratifiedKFold(N_SPLITS).split(*held), what=what),
        lambda data: reference_folds(reference.StratifiedKFold(N_SPLITS).split(data[0], data[1])),
        inputs=timing_input,
        prepare=lambda data: (sandbox.hold(data[0]), sandbox.hold(data[1])),
        compare=valid,
        within=15,
        what=what,
    )


@points(1, category="efficiency")
def test_cross_val_score_scores_200000_samples_quickly(candidate: Any, reference: Any, sandbox: Any) -> None:
    assert_fast_enough(
        lambda held: candidate.cross_val_score(trusted("sklearn.dummy.DummyRegressor"), *held, cv=5),
        lambda data: reference.cross_val_score(DummyRegressor(), data[0], data[2], cv=5),
        inputs=timing_input,
        prepare=lambda data: (sandbox.hold(data[0]), sandbox.hold(data[2])),
        within=15,
        what=f"cross_val_score(DummyRegressor(), X, y, cv=5) on {N_SAMPLES:,} samples",
    )
