"""The guarantees the statement gives for any sizes, labels and seeds, and what each fold's copy of the
estimator was fitted and scored on (read from a spy's journal)."""

from __future__ import annotations

from typing import Any

import numpy as np
from cross_validation_checks import (
    SEEDS,
    expect_class_shares,
    expect_kfold_sizes,
    expect_partition,
    expect_same_folds,
    expect_seed_matters,
    expect_sizes_within_one,
    expect_sorted,
    kfold_folds,
    options_text,
    partition_of,
    split_twice,
    stratified_folds,
)
from cross_validation_scoring import (
    expect_fits_see_training_rows,
    expect_rows,
    expected_folds,
    rows_seen,
    run_spied,
)
from cross_validation_strategies import (
    Dataset,
    Labelled,
    SplitSize,
    regression_data,
    split_sizes,
    stratified_labels,
    tagged_rows,
)
from hypothesis import given
from hypothesis import strategies as st
from sklearn import model_selection

from grader.testing import CheckFailed, few_examples, points, trusted, without_shrinking

RANDOM_STATES = st.integers(0, 2**31 - 1)


def shuffling(shuffle: bool, seed: int) -> dict[str, object]:
    return {"shuffle": True, "random_state": seed} if shuffle else {}


# ----------------------------------------------------------------------------- cross_val_score (spies)


@points(2, category="properties")
@without_shrinking(10)
@given(data=regression_data().map(tagged_rows))
def test_every_fold_fits_a_new_copy_of_the_estimator(candidate: Any, data: Dataset) -> None:
    fits, _, spy = run_spied(candidate, data)
    original = spy.instance_id_
    what = f"cross_val_score(estimator, X, y, cv={data.n_splits})"
    if len(fits) != data.n_splits:
        raise CheckFailed(f"{what} called fit {len(fits)} times; expected one fit per fold, {data.n_splits} in all")
    instances = [record["instance"] for record in fits]
    if original in instances:
        raise CheckFailed(
            f"{what} fitted the estimator it was given (fold {instances.index(original)}); each fold must fit a "
            "fresh copy"
        )
    if len(set(instances)) != len(instances):
        again = next(fold for fold, instance in enumerate(instances) if instances.index(instance) != fold)
        raise CheckFailed(
            f"{what} fitted the same object in fold {instances.index(instances[again])} and fold {again}; each fold "
            "must fit a fresh copy of the estimator"
        )


@points(2, category="properties")
@without_shrinking(10)
@given(data=regression_data().map(tagged_rows))
def test_each_fit_sees_exactly_its_folds_training_rows(candidate: Any, data: Dataset) -> None:
    fits, _, _ = run_spied(candidate, data)
    what = f"cross_val_score(estimator, X, y, cv={data.n_splits})"
    expect_fits_see_training_rows(fits, expected_folds(data), data, what=what)


@points(2, category="properties")
@without_shrinking(10)
@given(data=regression_data().map(tagged_rows))
def test_each_score_sees_exactly_its_folds_test_rows(candidate: Any, data: Dataset) -> None:
    fits, scores, _ = run_spied(candidate, data)
    what = f"cross_val_score(estimator, X, y, cv={data.n_splits})"
    folds = expected_folds(data)
    if len(scores) != len(folds):
        raise CheckFailed(f"{what} called score {len(scores)} times; expected one score per fold, {len(folds)} in all")
    for fold, (record, (train, test)) in enumerate(zip(scores, folds, strict=True)):
        score_what = f"{what}: the score of fold {fold}"
        expect_rows(rows_seen(record, data, what=score_what), test, what=score_what, kind="test", other=train)
        if fold < len(fits) and record["instance"] != fits[fold]["instance"]:
            raise CheckFailed(f"{score_what} was computed by another object than the copy fitted in that fold")


@points(1, category="properties")
@without_shrinking(5)
@given(data=regression_data().map(tagged_rows))
def test_the_estimator_passed_in_is_never_fitted(candidate: Any, data: Dataset) -> None:
    fits, _, spy = run_spied(candidate, data)
    if len(fits) != data.n_splits:
        raise CheckFailed(
            f"cross_val_score(estimator, X, y, cv={data.n_splits}) called fit {len(fits)} times; expected one fit "
            f"per fold, {data.n_splits} in all, each on a copy"
        )
    if spy.is_fitted_:
        raise CheckFailed(
            f"cross_val_score(estimator, X, y, cv={data.n_splits}) fitted the estimator it was given; it must stay "
            "unfitted (fit copies only)"
        )


@points(1, category="properties")
@without_shrinking(8)
@given(data=regression_data(min_samples=12).map(tagged_rows), seed=RANDOM_STATES)
def test_a_splitter_objects_folds_decide_the_rows_each_copy_sees(candidate: Any, data: Dataset, seed: int) -> None:
    params = {"n_splits": data.n_splits, "shuffle": True, "random_state": seed}
    fits, _, _ = run_spied(candidate, data, cv=trusted("sklearn.model_selection.KFold", **params))
    what = f"cross_val_score(estimator, X, y, cv=KFold({data.n_splits}, shuffle=True, ...))"
    folds = list(model_selection.KFold(**params).split(data.X))
    expect_fits_see_training_rows(fits, folds, data, what=what)


# ----------------------------------------------------------------------------- KFold


@points(2, category="properties")
@given(size=split_sizes(), shuffle=st.booleans(), seed=RANDOM_STATES)
def test_kfold_test_folds_cover_every_sample_once_and_train_is_the_rest(
    candidate: Any, size: SplitSize, shuffle: bool, seed: int
) -> None:
    folds, what = kfold_folds(candidate, size, shuffling(shuffle, seed))
    expect_partition(folds, size.n_samples, size.n_splits, what=what)


@points(1, category="properties")
@given(size=split_sizes(), shuffle=st.booleans(), seed=RANDOM_STATES)
def test_kfold_fold_sizes_give_the_extra_samples_to_the_first_folds(
    candidate: Any, size: SplitSize, shuffle: bool, seed: int
) -> None:
    folds, what = kfold_folds(candidate, size, shuffling(shuffle, seed))
    expect_partition(folds, size.n_samples, size.n_splits, what=what)
    expect_kfold_sizes(folds, size.n_samples, size.n_splits, what=what)


@points(1, category="properties")
@given(size=split_sizes(min_samples=3), seed=RANDOM_STATES)
def test_splitters_return_sorted_indices_even_when_shuffling(candidate: Any, size: SplitSize, seed: int) -> None:
    folds, what = kfold_folds(candidate, size, {"shuffle": True, "random_state": seed})
    expect_partition(folds, size.n_samples, size.n_splits, what=what)
    expect_sorted(folds, what=what)
    y = np.arange(size.n_samples) % 2
    labelled = Labelled(y=y, n_splits=min(size.n_splits, (size.n_samples + 1) // 2))
    folds, what = stratified_folds(candidate, labelled, {"shuffle": True, "random_state": seed})
    expect_partition(folds, size.n_samples, labelled.n_splits, what=what)
    expect_sorted(folds, what=what)


@points(2, category="properties")
@given(size=split_sizes(min_samples=10), seed=RANDOM_STATES)
def test_shuffled_kfold_is_reproducible_with_the_same_random_state(candidate: Any, size: SplitSize, seed: int) -> None:
    first, what = kfold_folds(candidate, size, {"shuffle": True, "random_state": seed})
    expect_partition(first, size.n_samples, size.n_splits, what=what)
    again, _ = kfold_folds(candidate, size, {"shuffle": True, "random_state": seed})
    expect_same_folds(first, again, what=what)


@points(1, category="properties")
@few_examples(10)
@given(size=split_sizes(min_samples=10))
def test_shuffled_kfold_depends_on_the_seed_and_moves_samples(candidate: Any, size: SplitSize) -> None:
    by_seed: dict[int | None, list[tuple[int, ...]]] = {}
    for seed in [None, *SEEDS]:
        options: dict[str, object] = {} if seed is None else {"shuffle": True, "random_state": seed}
        folds, what = kfold_folds(candidate, size, options)
        expect_partition(folds, size.n_samples, size.n_splits, what=what)
        by_seed[seed] = partition_of(folds)
    unshuffled = by_seed.pop(None)
    what = f"KFold(n_splits={size.n_splits}, shuffle=True).split(X) with {size.n_samples} samples"
    expect_seed_matters(by_seed, unshuffled, what=what)


# ----------------------------------------------------------------------------- StratifiedKFold


@points(2, category="properties")
@given(labelled=stratified_labels(), shuffle=st.booleans(), seed=RANDOM_STATES)
def test_stratified_test_folds_cover_every_sample_once_and_train_is_the_rest(
    candidate: Any, labelled: Labelled, shuffle: bool, seed: int
) -> None:
    folds, what = stratified_folds(candidate, labelled, shuffling(shuffle, seed))
    expect_partition(folds, len(labelled.y), labelled.n_splits, what=what)


@points(3, category="properties")
@given(labelled=stratified_labels(), shuffle=st.booleans(), seed=RANDOM_STATES)
def test_stratified_folds_keep_each_class_within_floor_and_ceil_of_its_share(
    candidate: Any, labelled: Labelled, shuffle: bool, seed: int
) -> None:
    folds, what = stratified_folds(candidate, labelled, shuffling(shuffle, seed))
    expect_partition(folds, len(labelled.y), labelled.n_splits, what=what)
    expect_class_shares(folds, labelled.y, labelled.n_splits, what=what)


@points(2, category="properties")
@given(labelled=stratified_labels(), shuffle=st.booleans(), seed=RANDOM_STATES)
def test_stratified_fold_sizes_differ_by_at_most_one(
    candidate: Any, labelled: Labelled, shuffle: bool, seed: int
) -> None:
    folds, what = stratified_folds(candidate, labelled, shuffling(shuffle, seed))
    expect_partition(folds, len(labelled.y), labelled.n_splits, what=what)
    expect_sizes_within_one(folds, what=what)


@points(1, category="properties")
@given(labelled=stratified_labels(max_splits=4), seed=RANDOM_STATES)
def test_shuffled_stratified_folds_are_reproducible_with_the_same_random_state(
    candidate: Any, labelled: Labelled, seed: int
) -> None:
    first, what = stratified_folds(candidate, labelled, {"shuffle": True, "random_state": seed})
    expect_partition(first, len(labelled.y), labelled.n_splits, what=what)
    again, _ = stratified_folds(candidate, labelled, {"shuffle": True, "random_state": seed})
    expect_same_folds(first, again, what=what)


@points(1, category="properties")
def test_shuffled_stratified_folds_depend_on_the_seed(candidate: Any) -> None:
    y = np.repeat([3, 1, 2], [12, 9, 7])
    labelled = Labelled(y=y, n_splits=3)
    by_seed: dict[int | None, list[tuple[int, ...]]] = {}
    for seed in [None, *SEEDS]:
        options: dict[str, object] = {} if seed is None else {"shuffle": True, "random_state": seed}
        folds, what = stratified_folds(candidate, labelled, options)
        expect_partition(folds, len(y), 3, what=what)
        by_seed[seed] = partition_of(folds)
    unshuffled = by_seed.pop(None)
    what = f"StratifiedKFold(n_splits=3, shuffle=True).split(X, y) for y={y.tolist()}"
    expect_seed_matters(by_seed, unshuffled, what=what)


# ----------------------------------------------------------------------------- state across calls, array-likes


@points(2, category="properties")
@given(
    labelled=stratified_labels(max_splits=4, min_samples=8),
    name=st.sampled_from(["KFold", "StratifiedKFold"]),
    shuffle=st.booleans(),
    seed=RANDOM_STATES,
)
def test_splitting_twice_with_the_same_splitter_gives_the_same_folds(
    candidate: Any, labelled: Labelled, name: str, shuffle: bool, seed: int
) -> None:
    X = np.zeros((len(labelled.y), 2))
    first, again = split_twice(candidate, name, labelled.n_splits, X, labelled.y, shuffling(shuffle, seed))
    what = f"{name}(n_splits={labelled.n_splits}{options_text(shuffling(shuffle, seed))}).split(X, y)"
    expect_partition(first, len(labelled.y), labelled.n_splits, what=what + " (first call)")
    expect_same_folds(first, again, what=what, how="calling split twice on the same splitter with an int random_state")


@points(1, category="properties")
@given(labelled=stratified_labels(), shuffle=st.booleans(), seed=RANDOM_STATES)
def test_stratified_folds_for_labels_given_as_a_list_keep_every_promise(
    candidate: Any, labelled: Labelled, shuffle: bool, seed: int
) -> None:
    folds, what = stratified_folds(candidate, labelled, shuffling(shuffle, seed), as_list=True)
    expect_partition(folds, len(labelled.y), labelled.n_splits, what=what)
    expect_class_shares(folds, labelled.y, labelled.n_splits, what=what)
    expect_sizes_within_one(folds, what=what)
