"""Folds read back from the candidate's splitters, and the promises the statement makes about them.

Folds come back from the candidate's ``split`` as data (``list`` of the generator handle iterates it
inside the worker). Each check raises ``CheckFailed`` with what the statement promises and what came
back, naming the fold and the samples involved.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import numpy as np
from cross_validation_strategies import Labelled, SplitSize

from grader.testing import (
    Array,
    CandidateRaised,
    CheckFailed,
    IntArray,
    RemoteObject,
    brief,
    first_difference,
    listed,
)

Folds = list[tuple[IntArray, IntArray]]
SEEDS = (0, 1, 2, 3, 4)


@contextlib.contextmanager
def calling(what: str, *, promise: str = "") -> Iterator[None]:
    """Name the call (and the promise it broke) when candidate code raises where the statement allows the input."""
    try:
        yield
    except CandidateRaised as error:
        broken = f"; {promise}" if promise else ""
        raise CheckFailed(f"{what} raised {error.remote_type}({str(error)[:200]!r}){broken}") from None


def _as_index(part: Any, *, what: str, fold: int, name: str) -> IntArray:
    if isinstance(part, RemoteObject):
        raise CheckFailed(f"{what} gave {brief(part)} as the {name} of fold {fold}; expected a 1-D integer ndarray")
    array = np.asarray(part)
    if array.ndim != 1 or (array.size and array.dtype.kind not in "iu"):
        raise CheckFailed(
            f"{what} gave {brief(array)} as the {name} of fold {fold}; expected a 1-D integer ndarray of sample "
            "positions"
        )
    return array.astype(np.int64)


def collect_folds(split_result: Any, *, what: str) -> Folds:
    """Iterate what ``split`` returned and check each item is a pair of 1-D integer arrays."""
    folds: Folds = []
    for fold, pair in enumerate(list(split_result)):
        if isinstance(pair, RemoteObject) or not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise CheckFailed(f"{what} yielded {brief(pair)} as fold {fold}; expected a (train_index, test_index) pair")
        train = _as_index(pair[0], what=what, fold=fold, name="train_index")
        test = _as_index(pair[1], what=what, fold=fold, name="test_index")
        folds.append((train, test))
    return folds


def options_text(options: dict[str, object]) -> str:
    return "".join(f", {name}={value!r}" for name, value in options.items())


def kfold_folds(
    candidate: Any, size: SplitSize, options: dict[str, object] | None = None, *, promise: str = ""
) -> tuple[Folds, str]:
    """The candidate's ``KFold(n_splits, **options).split(X)`` folds for ``size.n_samples`` rows."""
    options = options or {}
    what = f"KFold(n_splits={size.n_splits}{options_text(options)}).split(X) with {size.n_samples} samples"
    X = np.zeros((size.n_samples, 2))
    with calling(what, promise=promise):
        return collect_folds(candidate.KFold(size.n_splits, **options).split(X), what=what), what


def stratified_folds(
    candidate: Any,
    labelled: Labelled,
    options: dict[str, object] | None = None,
    *,
    promise: str = "",
    as_list: bool = False,
) -> tuple[Folds, str]:
    """The candidate's ``StratifiedKFold(n_splits, **options).split(X, y)`` folds for ``labelled.y``."""
    options = options or {}
    name = f"StratifiedKFold(n_splits={labelled.n_splits}{options_text(options)})"
    given = " (X and y given as lists)" if as_list else ""
    what = f"{name}.split(X, y) with {len(labelled.y)} samples{given}"
    X: Any = np.zeros((len(labelled.y), 1))
    y: Any = labelled.y
    if as_list:
        X, y = X.tolist(), y.tolist()
    with calling(what, promise=promise):
        splitter = candidate.StratifiedKFold(labelled.n_splits, **options)
        return collect_folds(splitter.split(X, y), what=what), what


def split_twice(
    candidate: Any, name: str, n_splits: int, X: Any, y: Any, options: dict[str, object]
) -> tuple[Folds, Folds]:
    """The folds of two ``split`` calls on one splitter object."""
    what = f"{name}(n_splits={n_splits}{options_text(options)}): split(X, y) called twice on the same object"
    with calling(what):
        splitter = getattr(candidate, name)(n_splits, **options)
        first = collect_folds(splitter.split(X, y), what=f"{what} (first call)")
        again = collect_folds(splitter.split(X, y), what=f"{what} (second call)")
    return first, again


def expect_fold_count(folds: Folds, n_splits: int, *, what: str) -> None:
    if len(folds) != n_splits:
        raise CheckFailed(f"{what} yielded {len(folds)} folds; expected n_splits={n_splits}")


def expect_tests_cover_every_sample_once(folds: Folds, n_samples: int, *, what: str) -> None:
    """The test folds are disjoint and together hold every sample exactly once."""
    tests = np.concatenate([test for _, test in folds]) if folds else np.zeros(0, dtype=np.int64)
    outside = tests[(tests < 0) | (tests >= n_samples)]
    if outside.size:
        raise CheckFailed(
            f"{what}: test folds hold positions {listed(np.unique(outside))}, outside 0..{n_samples - 1} for "
            f"n_samples={n_samples}"
        )
    times = np.bincount(tests, minlength=n_samples)
    if np.any(times == 0):
        raise CheckFailed(
            f"{what}: test folds must cover every sample exactly once, but samples "
            f"{listed(np.flatnonzero(times == 0))} are in no test fold (n_samples={n_samples}, test fold sizes "
            f"{[len(t) for _, t in folds]})"
        )
    if np.any(times > 1):
        raise CheckFailed(
            f"{what}: test folds must be disjoint, but samples {listed(np.flatnonzero(times > 1))} are in more "
            "than one test fold"
        )


def expect_sorted(folds: Folds, *, what: str) -> None:
    for fold, (train, test) in enumerate(folds):
        for name, part in (("test_index", test), ("train_index", train)):
            if np.any(np.diff(part) <= 0):
                at = int(np.flatnonzero(np.diff(part) <= 0)[0])
                raise CheckFailed(
                    f"{what}: the {name} of fold {fold} is not sorted (strictly increasing): at index {at + 1}, "
                    f"{part[at + 1]} follows {part[at]} ({brief(part)})"
                )


def expect_train_is_complement(folds: Folds, n_samples: int, *, what: str) -> None:
    """Each fold's train_index is exactly the sorted samples outside its test fold."""
    for fold, (train, test) in enumerate(folds):
        expected = samples_outside(test, n_samples)
        if train.shape == expected.shape and np.array_equal(train, expected):
            continue
        leaked = np.intersect1d(train, test)
        missing = np.setdiff1d(expected, train)
        if leaked.size:
            problem = f"test samples {listed(leaked)} are also in train_index"
        elif missing.size:
            problem = f"samples {listed(missing)} are in neither train_index nor test_index"
        else:
            problem = f"train_index differs {first_difference(train, expected)}"
        raise CheckFailed(
            f"{what}: the train_index of fold {fold} must be exactly the samples outside its test fold, sorted; "
            f"{problem}"
        )


def samples_outside(test: Array, n_samples: int) -> Array:
    """``np.setdiff1d(np.arange(n_samples), test)``, in linear time for integer indices (a mask, no sort)."""
    if test.dtype.kind not in "iu":
        return np.setdiff1d(np.arange(n_samples), test)
    outside = np.ones(n_samples, dtype=bool)
    outside[test[(test >= 0) & (test < n_samples)]] = False
    return np.flatnonzero(outside)


def kfold_sizes(n_samples: int, n_splits: int) -> list[int]:
    """Test fold sizes the statement gives: the first ``n_samples % n_splits`` get one extra."""
    base, extra = divmod(n_samples, n_splits)
    return [base + 1 if fold < extra else base for fold in range(n_splits)]


def expect_kfold_sizes(folds: Folds, n_samples: int, n_splits: int, *, what: str) -> None:
    sizes = [len(test) for _, test in folds]
    expected = kfold_sizes(n_samples, n_splits)
    if sizes != expected:
        raise CheckFailed(
            f"{what}: test fold sizes are {sizes}; expected {expected} (every fold holds n_samples // n_splits = "
            f"{n_samples // n_splits} and the first n_samples % n_splits = {n_samples % n_splits} folds one extra "
            "sample)"
        )


def expect_partition(folds: Folds, n_samples: int, n_splits: int, *, what: str) -> None:
    """Fold count, coverage and complement: what every splitter promises."""
    expect_fold_count(folds, n_splits, what=what)
    expect_tests_cover_every_sample_once(folds, n_samples, what=what)
    expect_train_is_complement(folds, n_samples, what=what)


def expect_class_shares(folds: Folds, y: Array, n_splits: int, *, what: str) -> None:
    """Each class has floor or ceil of ``n_class / n_splits`` members in every test fold."""
    classes, counts = np.unique(y, return_counts=True)
    for label, n_class in zip(classes.tolist(), counts.tolist(), strict=True):
        low, high = n_class // n_splits, -(-n_class // n_splits)
        for fold, (_, test) in enumerate(folds):
            got = int(np.sum(y[test] == label))
            if not low <= got <= high:
                allowed = f"{low}" if low == high else f"{low} or {high}"
                raise CheckFailed(
                    f"{what}: class {label!r} ({n_class} samples) has {got} samples in test fold {fold}; its share "
                    f"is {n_class}/{n_splits}, so every test fold must hold {allowed} of them (floor or ceil of the "
                    "share)"
                )


def expect_sizes_within_one(folds: Folds, *, what: str) -> None:
    sizes = [len(test) for _, test in folds]
    if sizes and max(sizes) - min(sizes) > 1:
        raise CheckFailed(f"{what}: test fold sizes are {sizes}; stratified fold sizes must differ by at most one")


def partition_of(folds: Folds) -> list[tuple[int, ...]]:
    """The test folds as tuples, to compare two splits."""
    return [tuple(test.tolist()) for _, test in folds]


def expect_same_folds(
    first: Folds, again: Folds, *, what: str, how: str = "two calls with the same random_state"
) -> None:
    """Two splits that the statement says must agree give the same test folds."""
    for fold, (one, two) in enumerate(zip(partition_of(first), partition_of(again), strict=False)):
        if one != two:
            raise CheckFailed(
                f"{what} is not reproducible: {how} gave different test folds (fold {fold} differs "
                f"{first_difference(two, one)})"
            )
    if len(first) != len(again):
        raise CheckFailed(f"{what} is not reproducible: {how} gave {len(first)} then {len(again)} folds")


def expect_folds_equal(folds: Folds, expected: Folds, *, what: str, source: str) -> None:
    """The same number of folds, and each fold's test and train indices exactly as ``expected``."""
    expect_fold_count(folds, len(expected), what=what)
    for fold, ((train, test), (want_train, want_test)) in enumerate(zip(folds, expected, strict=True)):
        for name, got, want in (("test_index", test, want_test), ("train_index", train, want_train)):
            if not np.array_equal(got, want):
                raise CheckFailed(f"{what}: {name} of fold {fold} differs from {source} {first_difference(got, want)}")


def expect_seed_matters(
    candidate_folds: dict[int | None, list[tuple[int, ...]]], unshuffled: list[tuple[int, ...]], *, what: str
) -> None:
    """Shuffled folds differ from the unshuffled ones for some seed, and differ between seeds."""
    if all(folds == unshuffled for folds in candidate_folds.values()):
        raise CheckFailed(
            f"{what} gave the unshuffled folds for random_state in {list(SEEDS)}: shuffle=True must shuffle the samples"
        )
    if len({tuple(folds) for folds in candidate_folds.values()}) == 1:
        raise CheckFailed(
            f"{what} gave the same folds for random_state in {list(SEEDS)}: the shuffle must depend on the seed"
        )


def expect_test_folds(folds: Folds, tests: list[list[int]], *, what: str, source: str) -> None:
    """The same number of folds, and each fold's test indices exactly as ``tests``."""
    expect_fold_count(folds, len(tests), what=what)
    for fold, ((_, test), want) in enumerate(zip(folds, tests, strict=True)):
        if not np.array_equal(test, np.array(want)):
            raise CheckFailed(f"{what}: test_index of fold {fold} differs from {source} {first_difference(test, want)}")
