"""The folds and scores the statement pins down: its worked examples and its fold-size rule."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from cross_validation_checks import (
    calling,
    collect_folds,
    expect_folds_equal,
    expect_partition,
    expect_test_folds,
    kfold_folds,
    stratified_folds,
)
from cross_validation_strategies import Labelled, SplitSize
from sklearn.dummy import DummyRegressor

from grader.testing import expect_close, expect_equal, points, trusted

FIVE_IN_TWO = [(np.array([3, 4]), np.array([0, 1, 2])), (np.array([0, 1, 2]), np.array([3, 4]))]


@points(2, category="matches_reference")
def test_the_worked_example_scores_one_third_then_one_then_one(candidate: Any) -> None:
    y = np.array([0, 0, 1, 1, 1, 1, 1])
    what = 'cross_val_score(DummyClassifier(strategy="most_frequent"), zeros((7, 1)), y, cv=3)'
    got = candidate.cross_val_score(
        trusted("sklearn.dummy.DummyClassifier", strategy="most_frequent"), np.zeros((7, 1)), y, cv=3
    )
    expect_close(got, np.array([1 / 3, 1.0, 1.0]), what=what, rtol=1e-12, source="the worked example")


@points(2, category="matches_reference")
def test_five_samples_in_two_folds_are_the_first_three_then_the_last_two(candidate: Any) -> None:
    folds, what = kfold_folds(candidate, SplitSize(5, 2))
    expect_folds_equal(folds, FIVE_IN_TWO, what=what, source="the statement")


@points(1, category="matches_reference")
def test_ten_samples_in_three_folds_give_the_extra_sample_to_the_first_fold(candidate: Any) -> None:
    folds, what = kfold_folds(candidate, SplitSize(10, 3))
    expect_test_folds(folds, [[0, 1, 2, 3], [4, 5, 6], [7, 8, 9]], what=what, source="the statement")


@points(1, category="matches_reference")
def test_get_n_splits_returns_n_splits(candidate: Any) -> None:
    for name, n_splits in (("KFold", 4), ("StratifiedKFold", 3), ("KFold", 7)):
        got = getattr(candidate, name)(n_splits).get_n_splits()
        expect_equal(got, n_splits, what=f"{name}(n_splits={n_splits}).get_n_splits()", source="the statement")


@points(1, category="matches_reference")
def test_the_stratified_example_puts_one_a_and_two_b_in_each_fold(candidate: Any) -> None:
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
def test_split_reads_only_the_length_of_a_list_or_a_dataframe(candidate: Any) -> None:
    inputs: dict[str, Any] = {
        "a list of rows": [[0.5, 1.0]] * 5,
        "a DataFrame with a shuffled index": pd.DataFrame(
            {"a": np.arange(5.0), "b": list("vwxyz")}, index=[40, 10, 30, 20, 0]
        ),
    }
    for description, X in inputs.items():
        what = f"KFold(n_splits=2).split(X) for X {description}"
        folds = collect_folds(candidate.KFold(2).split(X), what=what)
        expect_folds_equal(folds, FIVE_IN_TWO, what=what, source="the statement")


@points(1, category="matches_reference")
def test_the_defaults_are_five_unshuffled_folds(candidate: Any) -> None:
    # Twelve samples in five folds: 3, 3, 2, 2, 2; a changed default n_splits or cv changes the folds.
    tests = [[0, 1, 2], [3, 4, 5], [6, 7], [8, 9], [10, 11]]
    X, y = np.arange(24.0).reshape(12, 2) % 5, np.array([0, 1] * 6)
    for name in ("KFold", "StratifiedKFold"):
        what = f"{name}() with the default arguments: get_n_splits()"
        with calling(what):
            expect_equal(getattr(candidate, name)().get_n_splits(), 5, what=what, source="the default n_splits=5")
    what = "KFold() with the default arguments: split(X) with 12 samples"
    with calling(what):
        folds = collect_folds(candidate.KFold().split(X), what=what)
    expect_test_folds(folds, tests, what=what, source="the default n_splits=5, shuffle=False")
    what = "cross_val_score(DummyRegressor(), X, y) with the default cv and scoring"
    with calling(what):
        got = candidate.cross_val_score(trusted("sklearn.dummy.DummyRegressor"), X, y.astype(float))
    expected = np.array([DummyRegressor().fit(np.delete(X, t, 0), np.delete(y, t)).score(X[t], y[t]) for t in tests])
    source = "the default cv=5 (unshuffled KFold) and the estimator's own score"
    expect_close(got, expected, what=what, rtol=1e-12, source=source)
