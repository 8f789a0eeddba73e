"""KFold and StratifiedKFold: the stated fixtures, scikit-learn's unshuffled folds, guarantees."""

from __future__ import annotations

import numpy as np
import pandas as pd
from cross_validation_checks import (
    collect_folds,
    expect_class_shares,
    expect_fold_count,
    expect_kfold_sizes,
    expect_partition,
    expect_sizes_within_one,
    expect_sorted,
    listed,
    partition_of,
)
from cross_validation_strategies import Labelled, SplitSize, split_sizes, stratified_labels
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn import model_selection

from grader.testing import CheckFailed, expect_equal, points

SEEDS = (0, 1, 2, 3, 4)


def kfold_folds(candidate, size: SplitSize, **options):
    splitter = f"KFold(n_splits={size.n_splits}{_options(options)})"
    what = f"{splitter}.split(X) with {size.n_samples} samples"
    X = np.zeros((size.n_samples, 2))
    return collect_folds(candidate.KFold(size.n_splits, **options).split(X), what=what), what


def stratified_folds(candidate, labelled: Labelled, **options):
    name = f"StratifiedKFold(n_splits={labelled.n_splits}{_options(options)})"
    what = f"{name}.split(X, y) with {len(labelled.y)} samples"
    X = np.zeros((len(labelled.y), 1))
    splitter = candidate.StratifiedKFold(labelled.n_splits, **options)
    return collect_folds(splitter.split(X, labelled.y), what=what), what


def expect_same_folds(first, again, *, what: str) -> None:
    """Two splits with the same seed must give the same test folds."""
    for fold, (one, two) in enumerate(zip(partition_of(first), partition_of(again), strict=False)):
        if one != two:
            raise CheckFailed(
                f"{what} is not reproducible: two calls with the same random_state gave different "
                f"test folds (fold {fold}: {listed(one)} then {listed(two)})"
            )
    if len(first) != len(again):
        raise CheckFailed(
            f"{what} is not reproducible: two calls with the same random_state gave "
            f"{len(first)} then {len(again)} folds"
        )


def _options(options: dict[str, object]) -> str:
    return "".join(f", {name}={value!r}" for name, value in options.items())


# ----------------------------------------------------------------------------- matches_reference


@points(2, category="matches_reference")
def test_five_samples_in_two_folds_are_the_first_three_then_the_last_two(candidate):
    folds, what = kfold_folds(candidate, SplitSize(5, 2))
    expect_fold_count(folds, 2, what=what)
    for fold, (train, test) in enumerate([([3, 4], [0, 1, 2]), ([0, 1, 2], [3, 4])]):
        expect_equal(
            folds[fold][1],
            np.array(test),
            what=f"{what}: test_index of fold {fold}",
            source="the statement",
        )
        expect_equal(
            folds[fold][0],
            np.array(train),
            what=f"{what}: train_index of fold {fold}",
            source="the statement",
        )


@points(1, category="matches_reference")
def test_ten_samples_in_three_folds_give_the_extra_sample_to_the_first_fold(candidate):
    folds, what = kfold_folds(candidate, SplitSize(10, 3))
    expect_fold_count(folds, 3, what=what)
    for fold, test in enumerate([[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]]):
        expect_equal(
            folds[fold][1],
            np.array(test),
            what=f"{what}: test_index of fold {fold}",
            source="the statement",
        )


@points(1, category="matches_reference")
def test_get_n_splits_returns_n_splits(candidate):
    for name, n_splits in (("KFold", 4), ("StratifiedKFold", 3), ("KFold", 7)):
        got = getattr(candidate, name)(n_splits).get_n_splits()
        expect_equal(
            got,
            n_splits,
            what=f"{name}(n_splits={n_splits}).get_n_splits()",
            source="the statement",
        )


@points(1, category="matches_reference")
def test_the_stratified_example_puts_one_a_and_two_b_in_each_fold(candidate):
    y = np.array(["a", "a", "b", "b", "b", "b"])
    folds, what = stratified_folds(candidate, Labelled(y=y, n_splits=2))
    expect_partition(folds, len(y), 2, what=what)
    for fold, (_, test) in enumerate(folds):
        expect_equal(
            sorted(y[test].tolist()),
            ["a", "b", "b"],
            what=f"{what}: labels of test fold {fold}",
            source="the statement",
        )


@points(1, category="matches_reference")
def test_split_reads_only_the_length_of_a_list_or_a_dataframe(candidate):
    expected = [([3, 4], [0, 1, 2]), ([0, 1, 2], [3, 4])]
    inputs = {
        "a list of rows": [[0.5, 1.0]] * 5,
        "a DataFrame with a shuffled index": pd.DataFrame(
            {"a": np.arange(5.0), "b": list("vwxyz")}, index=[40, 10, 30, 20, 0]
        ),
    }
    for description, X in inputs.items():
        what = f"KFold(n_splits=2).split(X) for X {description}"
        folds = collect_folds(candidate.KFold(2).split(X), what=what)
        expect_fold_count(folds, 2, what=what)
        for fold, (train, test) in enumerate(expected):
            expect_equal(
                folds[fold][1],
                np.array(test),
                what=f"{what}: test_index of fold {fold}",
                source="the statement",
            )
            expect_equal(
                folds[fold][0],
                np.array(train),
                what=f"{what}: train_index of fold {fold}",
                source="the statement",
            )


# ----------------------------------------------------------------------------- matches_sklearn


@points(3, category="matches_sklearn")
@given(size=split_sizes(max_samples=80, max_splits=20))
def test_unshuffled_kfold_gives_exactly_sklearns_folds(candidate, size):
    folds, what = kfold_folds(candidate, size)
    X = np.zeros((size.n_samples, 2))
    expected = list(model_selection.KFold(size.n_splits).split(X))
    expect_fold_count(folds, size.n_splits, what=what)
    for fold, ((train, test), (sk_train, sk_test)) in enumerate(zip(folds, expected, strict=True)):
        expect_equal(
            test, sk_test, what=f"{what}: test_index of fold {fold}", source="scikit-learn"
        )
        expect_equal(
            train, sk_train, what=f"{what}: train_index of fold {fold}", source="scikit-learn"
        )


# ----------------------------------------------------------------------------- properties: KFold


@points(2, category="properties")
@given(size=split_sizes(), shuffle=st.booleans(), seed=st.integers(0, 2**31 - 1))
def test_kfold_test_folds_cover_every_sample_once_and_train_is_the_rest(
    candidate, size, shuffle, seed
):
    options = {"shuffle": True, "random_state": seed} if shuffle else {}
    folds, what = kfold_folds(candidate, size, **options)
    expect_partition(folds, size.n_samples, size.n_splits, what=what)


@points(1, category="properties")
@given(size=split_sizes(), shuffle=st.booleans(), seed=st.integers(0, 2**31 - 1))
def test_kfold_fold_sizes_give_the_extra_samples_to_the_first_folds(candidate, size, shuffle, seed):
    options = {"shuffle": True, "random_state": seed} if shuffle else {}
    folds, what = kfold_folds(candidate, size, **options)
    expect_fold_count(folds, size.n_splits, what=what)
    expect_kfold_sizes(folds, size.n_samples, size.n_splits, what=what)


@points(1, category="properties")
@given(size=split_sizes(min_samples=3), seed=st.integers(0, 2**31 - 1))
def test_splitters_return_sorted_indices_even_when_shuffling(candidate, size, seed):
    folds, what = kfold_folds(candidate, size, shuffle=True, random_state=seed)
    expect_sorted(folds, what=what)
    y = np.arange(size.n_samples) % 2
    labelled = Labelled(y=y, n_splits=min(size.n_splits, (size.n_samples + 1) // 2))
    folds, what = stratified_folds(candidate, labelled, shuffle=True, random_state=seed)
    expect_sorted(folds, what=what)


@points(2, category="properties")
@given(size=split_sizes(min_samples=10), seed=st.integers(0, 2**31 - 1))
def test_shuffled_kfold_is_reproducible_with_the_same_random_state(candidate, size, seed):
    first, what = kfold_folds(candidate, size, shuffle=True, random_state=seed)
    again, _ = kfold_folds(candidate, size, shuffle=True, random_state=seed)
    expect_same_folds(first, again, what=what)


@points(1, category="properties")
@settings(max_examples=10)
@given(size=split_sizes(min_samples=10))
def test_shuffled_kfold_depends_on_the_seed_and_moves_samples(candidate, size):
    unshuffled = partition_of(kfold_folds(candidate, size)[0])
    by_seed = {
        seed: partition_of(kfold_folds(candidate, size, shuffle=True, random_state=seed)[0])
        for seed in SEEDS
    }
    what = f"KFold(n_splits={size.n_splits}, shuffle=True).split(X) with {size.n_samples} samples"
    if all(folds == unshuffled for folds in by_seed.values()):
        raise CheckFailed(
            f"{what} gave the unshuffled folds for random_state in {list(SEEDS)}: shuffle=True "
            "must shuffle the samples"
        )
    if len({tuple(folds) for folds in by_seed.values()}) == 1:
        raise CheckFailed(
            f"{what} gave the same folds for random_state in {list(SEEDS)}: the shuffle must "
            "depend on the seed"
        )


# ----------------------------------------------------------------------- properties: stratified


@points(2, category="properties")
@given(labelled=stratified_labels(), shuffle=st.booleans(), seed=st.integers(0, 2**31 - 1))
def test_stratified_test_folds_cover_every_sample_once_and_train_is_the_rest(
    candidate, labelled, shuffle, seed
):
    options = {"shuffle": True, "random_state": seed} if shuffle else {}
    folds, what = stratified_folds(candidate, labelled, **options)
    expect_partition(folds, len(labelled.y), labelled.n_splits, what=what)


@points(3, category="properties")
@given(labelled=stratified_labels(), shuffle=st.booleans(), seed=st.integers(0, 2**31 - 1))
def test_stratified_folds_keep_each_class_within_floor_and_ceil_of_its_share(
    candidate, labelled, shuffle, seed
):
    options = {"shuffle": True, "random_state": seed} if shuffle else {}
    folds, what = stratified_folds(candidate, labelled, **options)
    expect_partition(folds, len(labelled.y), labelled.n_splits, what=what)
    expect_class_shares(folds, labelled.y, labelled.n_splits, what=what)


@points(2, category="properties")
@given(labelled=stratified_labels(), shuffle=st.booleans(), seed=st.integers(0, 2**31 - 1))
def test_stratified_fold_sizes_differ_by_at_most_one(candidate, labelled, shuffle, seed):
    options = {"shuffle": True, "random_state": seed} if shuffle else {}
    folds, what = stratified_folds(candidate, labelled, **options)
    expect_fold_count(folds, labelled.n_splits, what=what)
    expect_sizes_within_one(folds, what=what)


@points(1, category="properties")
@given(labelled=stratified_labels(max_splits=4), seed=st.integers(0, 2**31 - 1))
def test_shuffled_stratified_folds_are_reproducible_with_the_same_random_state(
    candidate, labelled, seed
):
    first, what = stratified_folds(candidate, labelled, shuffle=True, random_state=seed)
    again, _ = stratified_folds(candidate, labelled, shuffle=True, random_state=seed)
    expect_same_folds(first, again, what=what)


@points(1, category="properties")
def test_shuffled_stratified_folds_depend_on_the_seed(candidate):
    y = np.repeat([3, 1, 2], [12, 9, 7])
    labelled = Labelled(y=y, n_splits=3)
    by_seed = {
        seed: partition_of(
            stratified_folds(candidate, labelled, shuffle=True, random_state=seed)[0]
        )
        for seed in SEEDS
    }
    unshuffled = partition_of(stratified_folds(candidate, labelled)[0])
    what = f"StratifiedKFold(n_splits=3, shuffle=True).split(X, y) for y={y.tolist()}"
    if all(folds == unshuffled for folds in by_seed.values()):
        raise CheckFailed(
            f"{what} gave the unshuffled folds for random_state in {list(SEEDS)}: shuffle=True "
            "must shuffle the samples"
        )
    if len({tuple(folds) for folds in by_seed.values()}) == 1:
        raise CheckFailed(
            f"{what} gave the same folds for random_state in {list(SEEDS)}: the shuffle must "
            "depend on the seed"
        )


# ----------------------------------------------------------------------------- edge_cases


@points(1, category="edge_cases")
@given(n_samples=st.integers(2, 30))
def test_n_splits_equal_to_n_samples_leaves_one_out(candidate, n_samples):
    folds, what = kfold_folds(candidate, SplitSize(n_samples, n_samples))
    expect_fold_count(folds, n_samples, what=what)
    for fold, (train, test) in enumerate(folds):
        expect_equal(
            test,
            np.array([fold]),
            what=f"{what}: test_index of fold {fold}",
            source="the statement (leave-one-out)",
        )
        expect_equal(
            train,
            np.delete(np.arange(n_samples), fold),
            what=f"{what}: train_index of fold {fold}",
            source="the statement (leave-one-out)",
        )


@points(2, category="edge_cases")
@given(
    labelled=stratified_labels(small_class=True),
    shuffle=st.booleans(),
    seed=st.integers(0, 2**31 - 1),
)
def test_a_class_smaller_than_n_splits_is_allowed_and_spread_thinly(
    candidate, labelled, shuffle, seed
):
    options = {"shuffle": True, "random_state": seed} if shuffle else {}
    folds, what = stratified_folds(candidate, labelled, **options)
    what += " where a class has fewer than n_splits members"
    expect_partition(folds, len(labelled.y), labelled.n_splits, what=what)
    expect_class_shares(folds, labelled.y, labelled.n_splits, what=what)
    expect_sizes_within_one(folds, what=what)


@points(1, category="edge_cases")
@given(size=split_sizes(min_samples=2, max_samples=40))
def test_a_single_class_is_stratified_like_kfold_sizes(candidate, size):
    labelled = Labelled(y=np.full(size.n_samples, 7), n_splits=size.n_splits)
    folds, what = stratified_folds(candidate, labelled)
    what += " with a single class"
    expect_partition(folds, size.n_samples, size.n_splits, what=what)
    expect_sizes_within_one(folds, what=what)
