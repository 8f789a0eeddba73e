"""The corners the statement names: leave-one-out, a class smaller than ``n_splits``, a single class,
a single feature."""

from __future__ import annotations

from typing import Any

import numpy as np
from cross_validation_checks import (
    expect_class_shares,
    expect_folds_equal,
    expect_partition,
    expect_sizes_within_one,
    kfold_folds,
    stratified_folds,
)
from cross_validation_scoring import LOGISTIC, TREE, expect_sklearn_scores
from cross_validation_strategies import (
    Dataset,
    Labelled,
    SplitSize,
    classification_data,
    split_sizes,
    stratified_labels,
)
from hypothesis import given
from hypothesis import strategies as st

from grader.testing import points, without_shrinking


def leave_one_out(data: Dataset) -> Dataset:
    """The same data with one fold per sample (a tree fits even a single-class training fold)."""
    return Dataset(X=data.X, y=data.y, n_splits=len(data.y))


@points(1, category="edge_cases")
@without_shrinking(6)
@given(data=classification_data(min_samples=4, max_samples=12).map(leave_one_out))
def test_leave_one_out_scores_equal_sklearns(candidate: Any, data: Dataset) -> None:
    expect_sklearn_scores(candidate, TREE, data, inputs=" (n_splits == n_samples: leave-one-out)")


@points(1, category="edge_cases")
@without_shrinking(8)
@given(data=classification_data(n_features=1))
def test_one_feature_scores_equal_sklearns(candidate: Any, data: Dataset) -> None:
    expect_sklearn_scores(candidate, LOGISTIC, data, inputs=" with a single feature (X of shape (n_samples, 1))")


@points(1, category="edge_cases")
@given(n_samples=st.integers(2, 30))
def test_n_splits_equal_to_n_samples_leaves_one_out(candidate: Any, n_samples: int) -> None:
    folds, what = kfold_folds(
        candidate, SplitSize(n_samples, n_samples), promise="n_splits == n_samples is allowed: leave-one-out"
    )
    expected = [(np.delete(np.arange(n_samples), fold), np.array([fold])) for fold in range(n_samples)]
    expect_folds_equal(folds, expected, what=what, source="the statement (leave-one-out)")


@points(2, category="edge_cases")
@given(labelled=stratified_labels(small_class=True), shuffle=st.booleans(), seed=st.integers(0, 2**31 - 1))
def test_a_class_smaller_than_n_splits_is_allowed_and_spread_thinly(
    candidate: Any, labelled: Labelled, shuffle: bool, seed: int
) -> None:
    options: dict[str, object] = {"shuffle": True, "random_state": seed} if shuffle else {}
    folds, what = stratified_folds(
        candidate, labelled, options, promise="a class with fewer than n_splits members is allowed"
    )
    what += " where a class has fewer than n_splits members"
    expect_partition(folds, len(labelled.y), labelled.n_splits, what=what)
    expect_class_shares(folds, labelled.y, labelled.n_splits, what=what)
    expect_sizes_within_one(folds, what=what)


@points(1, category="edge_cases")
@given(size=split_sizes(min_samples=2, max_samples=40))
def test_a_single_class_is_stratified_like_kfold_sizes(candidate: Any, size: SplitSize) -> None:
    labelled = Labelled(y=np.full(size.n_samples, 7), n_splits=size.n_splits)
    folds, what = stratified_folds(candidate, labelled)
    what += " with a single class"
    expect_partition(folds, size.n_samples, size.n_splits, what=what)
    expect_sizes_within_one(folds, what=what)
