"""Bad input raises ValueError with a message, from the constructor or at the latest from split.

Every check first makes the same call on valid input and requires the right answer, so that raising
on everything (or returning noise) earns nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from cross_validation_checks import calling, collect_folds, expect_partition
from cross_validation_scoring import Spec, expect_scores, sklearn_scores
from sklearn import model_selection

from grader.testing import points, raises, trusted

SPLITTERS = ("KFold", "StratifiedKFold")
Y = np.array([0, 1] * 5)
X = np.zeros((10, 2))


LINEAR: Spec = ("sklearn.linear_model.LinearRegression", {})
PREDEFINED = "sklearn.model_selection.PredefinedSplit"
HALVES = [0] * 5 + [1] * 5


def expect_valid_split(candidate: Any, name: str) -> None:
    """``name(n_splits=2).split(X, y)`` on valid input gives two folds that split the samples."""
    what = f"{name}(n_splits=2).split(X, y) on valid input (10 samples, 5 of each class)"
    with calling(what):
        folds = collect_folds(getattr(candidate, name)(n_splits=2).split(X, Y), what=what)
    expect_partition(folds, len(Y), 2, what=what)


def expect_valid_scores(candidate: Any, cv: Any, expected_cv: Any, *, what: str) -> None:
    """``cross_val_score(LinearRegression(), X, y, cv=cv)`` on valid input gives scikit-learn's scores."""
    features = np.arange(20.0).reshape(10, 2) % 7
    target = np.arange(10.0) % 4
    with calling(what):
        got = candidate.cross_val_score(trusted(LINEAR[0]), features, target, cv=cv)
    expect_scores(
        got,
        sklearn_scores(LINEAR, features, target, 2, cv=expected_cv),
        what=what,
        source="scikit-learn's cross_val_score",
    )


def first_fold(candidate: Any, name: str, X: Any, y: Any, **params: Any) -> Any:
    """Build the splitter and ask for its first fold, so lazy validation counts too."""
    splitter = getattr(candidate, name)(**params)
    return next(iter(splitter.split(X, y)))


@points(1, category="input_validation")
def test_n_splits_that_is_not_an_int_is_rejected(candidate: Any) -> None:
    for name in SPLITTERS:
        expect_valid_split(candidate, name)
        for bad in (2.5, "3"):
            with raises(ValueError, what=f"{name}(n_splits={bad!r}).split(X, y)"):
                first_fold(candidate, name, X, Y, n_splits=bad)


@points(1, category="input_validation")
def test_n_splits_below_two_is_rejected(candidate: Any) -> None:
    for name in SPLITTERS:
        expect_valid_split(candidate, name)
        for bad in (1, 0, -3):
            with raises(ValueError, what=f"{name}(n_splits={bad}).split(X, y)"):
                first_fold(candidate, name, X, Y, n_splits=bad)


@points(1, category="input_validation")
def test_more_splits_than_samples_is_rejected(candidate: Any) -> None:
    for name in SPLITTERS:
        expect_valid_split(candidate, name)
        with raises(ValueError, what=f"{name}(n_splits=11).split(X, y) with 10 samples"):
            first_fold(candidate, name, X, Y, n_splits=11)


@points(1, category="input_validation")
def test_random_state_without_shuffle_is_rejected(candidate: Any) -> None:
    for name in SPLITTERS:
        expect_valid_split(candidate, name)
        with raises(ValueError, what=f"{name}(n_splits=2, random_state=0).split(X, y)"):
            first_fold(candidate, name, X, Y, n_splits=2, random_state=0)


@points(1, category="input_validation")
def test_x_and_y_of_different_lengths_are_rejected_when_splitting(candidate: Any) -> None:
    for name in SPLITTERS:
        expect_valid_split(candidate, name)
        with raises(ValueError, what=f"{name}(n_splits=2).split(X, y) with 10 rows in X, 9 in y"):
            first_fold(candidate, name, X, Y[:9], n_splits=2)


@points(1, category="input_validation")
def test_x_and_y_of_different_lengths_are_rejected_by_cross_val_score(candidate: Any) -> None:
    expect_valid_scores(candidate, 2, None, what="cross_val_score(LinearRegression(), X, y, cv=2) on valid input")
    what = "cross_val_score(LinearRegression(), X, y, cv=2) with 10 rows in X and 12 in y"
    with raises(ValueError, what=what):
        candidate.cross_val_score(trusted("sklearn.linear_model.LinearRegression"), X, np.arange(12.0), cv=2)


@points(1, category="input_validation")
def test_stratifying_when_no_class_has_n_splits_members_is_rejected(candidate: Any) -> None:
    expect_valid_split(candidate, "StratifiedKFold")
    y = np.array([0, 0, 1, 1, 2, 2, 2, 3, 3, 3])
    what = f"StratifiedKFold(n_splits=4).split(X, y) for y={y.tolist()} (no class has 4 members)"
    with raises(ValueError, what=what):
        first_fold(candidate, "StratifiedKFold", X, y, n_splits=4)


@points(1, category="input_validation")
def test_cross_val_score_rejects_an_int_cv_below_two(candidate: Any) -> None:
    expect_valid_scores(candidate, 2, None, what="cross_val_score(LinearRegression(), X, y, cv=2) on valid input")
    for bad in (1, 0):
        with raises(ValueError, what=f"cross_val_score(LinearRegression(), X, y, cv={bad})"):
            candidate.cross_val_score(trusted("sklearn.linear_model.LinearRegression"), X, np.arange(10.0), cv=bad)


@points(1, category="input_validation")
def test_x_and_y_of_different_lengths_are_rejected_with_any_splitter_object(candidate: Any) -> None:
    # PredefinedSplit.split ignores X and y: cross_val_score itself must compare their lengths.
    splitter = f"{PREDEFINED.rpartition('.')[2]}(test_fold={HALVES})"
    expect_valid_scores(
        candidate,
        trusted(PREDEFINED, test_fold=HALVES),
        model_selection.PredefinedSplit(HALVES),
        what=f"cross_val_score(LinearRegression(), X, y, cv={splitter}) on valid input",
    )
    what = (
        f"cross_val_score(LinearRegression(), X, y, cv={splitter}) with 10 rows in X and 12 in y "
        "(a splitter object that ignores X and y: cross_val_score must check the lengths itself)"
    )
    with raises(ValueError, what=what):
        candidate.cross_val_score(trusted(LINEAR[0]), X, np.arange(12.0), cv=trusted(PREDEFINED, test_fold=HALVES))
