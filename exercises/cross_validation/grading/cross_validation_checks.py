"""Shared checks for the cross-validation suite: read folds back from the worker and judge them.

Folds come back from the candidate's ``split`` as data (``list`` of the generator handle iterates it
inside the worker). Each check raises ``CheckFailed`` with what the statement promises and what came
back, naming the fold and the samples involved.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from grader.proxy import RemoteObject
from grader.testing import CheckFailed, brief

Index = npt.NDArray[np.int64]
Folds = list[tuple[Index, Index]]
MAX_LISTED = 6


def listed(values: Any) -> str:
    """A short list of sample numbers or labels for a message."""
    items = np.asarray(values).tolist()
    shown = ", ".join(repr(item) for item in items[:MAX_LISTED])
    return f"[{shown}{', ...' if len(items) > MAX_LISTED else ''}]"


def _as_index(part: Any, *, what: str, fold: int, name: str) -> Index:
    if isinstance(part, RemoteObject):
        raise CheckFailed(
            f"{what} gave {brief(part)} as the {name} of fold {fold}; expected a 1-D integer "
            "ndarray"
        )
    array = np.asarray(part)
    if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
        raise CheckFailed(
            f"{what} gave {brief(array)} as the {name} of fold {fold}; expected a 1-D "
            "integer ndarray of sample positions"
        )
    return array.astype(np.int64)


def collect_folds(split_result: Any, *, what: str) -> Folds:
    """Iterate what ``split`` returned and check each item is a pair of 1-D integer arrays."""
    folds: Folds = []
    for fold, pair in enumerate(list(split_result)):
        if isinstance(pair, RemoteObject) or not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise CheckFailed(
                f"{what} yielded {brief(pair)} as fold {fold}; expected a (train_index, "
                "test_index) pair"
            )
        train = _as_index(pair[0], what=what, fold=fold, name="train_index")
        test = _as_index(pair[1], what=what, fold=fold, name="test_index")
        folds.append((train, test))
    return folds


def expect_fold_count(folds: Folds, n_splits: int, *, what: str) -> None:
    if len(folds) != n_splits:
        raise CheckFailed(f"{what} yielded {len(folds)} folds; expected n_splits={n_splits}")


def expect_tests_cover_every_sample_once(folds: Folds, n_samples: int, *, what: str) -> None:
    """The test folds are disjoint and together hold every sample exactly once."""
    tests = np.concatenate([test for _, test in folds]) if folds else np.zeros(0, dtype=np.int64)
    outside = tests[(tests < 0) | (tests >= n_samples)]
    if outside.size:
        raise CheckFailed(
            f"{what}: test folds hold positions {listed(np.unique(outside))}, outside "
            f"0..{n_samples - 1} for n_samples={n_samples}"
        )
    times = np.bincount(tests, minlength=n_samples)
    if np.any(times == 0):
        raise CheckFailed(
            f"{what}: test folds must cover every sample exactly once, but samples "
            f"{listed(np.flatnonzero(times == 0))} are in no test fold "
            f"(n_samples={n_samples}, test fold sizes {[len(t) for _, t in folds]})"
        )
    if np.any(times > 1):
        raise CheckFailed(
            f"{what}: test folds must be disjoint, but samples "
            f"{listed(np.flatnonzero(times > 1))} are in more than one test fold"
        )


def expect_sorted(folds: Folds, *, what: str) -> None:
    for fold, (train, test) in enumerate(folds):
        for name, part in (("test_index", test), ("train_index", train)):
            if np.any(np.diff(part) <= 0):
                raise CheckFailed(
                    f"{what}: the {name} of fold {fold} is not sorted (strictly increasing): "
                    f"{brief(part)}"
                )


def expect_train_is_complement(folds: Folds, n_samples: int, *, what: str) -> None:
    """Each fold's train_index is exactly the sorted samples outside its test fold."""
    everything = np.arange(n_samples)
    for fold, (train, test) in enumerate(folds):
        expected = np.setdiff1d(everything, test)
        if train.shape == expected.shape and np.array_equal(train, expected):
            continue
        leaked = np.intersect1d(train, test)
        missing = np.setdiff1d(expected, train)
        if leaked.size:
            problem = f"test samples {listed(leaked)} are also in train_index"
        elif missing.size:
            problem = f"samples {listed(missing)} are in neither train_index nor test_index"
        else:
            problem = f"got {brief(train)}, expected {brief(expected)}"
        raise CheckFailed(
            f"{what}: the train_index of fold {fold} must be exactly the samples "
            f"outside its test fold, sorted; {problem}"
        )


def kfold_sizes(n_samples: int, n_splits: int) -> list[int]:
    """Test fold sizes the statement gives: the first ``n_samples % n_splits`` get one extra."""
    base, extra = divmod(n_samples, n_splits)
    return [base + 1 if fold < extra else base for fold in range(n_splits)]


def expect_kfold_sizes(folds: Folds, n_samples: int, n_splits: int, *, what: str) -> None:
    sizes = [len(test) for _, test in folds]
    expected = kfold_sizes(n_samples, n_splits)
    if sizes != expected:
        raise CheckFailed(
            f"{what}: test fold sizes are {sizes}; expected {expected} (every fold "
            f"holds n_samples // n_splits = {n_samples // n_splits} and the first "
            f"n_samples % n_splits = {n_samples % n_splits} folds one extra sample)"
        )


def expect_partition(folds: Folds, n_samples: int, n_splits: int, *, what: str) -> None:
    """Fold count, coverage, sortedness and complement: what every splitter promises."""
    expect_fold_count(folds, n_splits, what=what)
    expect_tests_cover_every_sample_once(folds, n_samples, what=what)
    expect_train_is_complement(folds, n_samples, what=what)


def expect_class_shares(folds: Folds, y: npt.NDArray[Any], n_splits: int, *, what: str) -> None:
    """Each class has floor or ceil of ``n_class / n_splits`` members in every test fold."""
    classes, counts = np.unique(y, return_counts=True)
    for label, n_class in zip(classes.tolist(), counts.tolist(), strict=True):
        low, high = n_class // n_splits, -(-n_class // n_splits)
        for fold, (_, test) in enumerate(folds):
            got = int(np.sum(y[test] == label))
            if not low <= got <= high:
                allowed = f"{low}" if low == high else f"{low} or {high}"
                raise CheckFailed(
                    f"{what}: class {label!r} ({n_class} samples) has {got} samples in test fold "
                    f"{fold}; its share is {n_class}/{n_splits}, so every test fold must hold "
                    f"{allowed} of them (floor or ceil of the share)"
                )


def expect_sizes_within_one(folds: Folds, *, what: str) -> None:
    sizes = [len(test) for _, test in folds]
    if sizes and max(sizes) - min(sizes) > 1:
        raise CheckFailed(
            f"{what}: test fold sizes are {sizes}; stratified fold sizes must differ by at most one"
        )


def partition_of(folds: Folds) -> list[tuple[int, ...]]:
    """The test folds as tuples, to compare two splits."""
    return [tuple(test.tolist()) for _, test in folds]
