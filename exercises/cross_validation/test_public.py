"""Quick self-checks for your ``cross_validation.py``: run ``pytest test_public.py`` next to it.

scikit-learn is the oracle where the statement asks for its answer; elsewhere the checks test the
guarantees the statement gives. The hidden grading suite checks much more.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from cross_validation import KFold, StratifiedKFold, cross_val_score
from sklearn import model_selection
from sklearn.linear_model import LogisticRegression


def as_lists(folds: Any) -> list[tuple[list[int], list[int]]]:
    return [(np.asarray(train).tolist(), np.asarray(test).tolist()) for train, test in folds]


@pytest.mark.parametrize("n_samples, n_splits", [(5, 2), (10, 3), (7, 7), (23, 5)])
def test_unshuffled_kfold_matches_sklearn(n_samples: int, n_splits: int) -> None:
    X = np.zeros((n_samples, 2))
    ours = as_lists(KFold(n_splits=n_splits).split(X))
    theirs = as_lists(model_selection.KFold(n_splits=n_splits).split(X))
    assert ours == theirs


def test_shuffled_kfold_is_a_reproducible_partition() -> None:
    X = np.zeros((17, 1))
    first = as_lists(KFold(4, shuffle=True, random_state=0).split(X))
    again = as_lists(KFold(4, shuffle=True, random_state=0).split(X))
    assert first == again
    tests = sorted(i for _, test in first for i in test)
    assert tests == list(range(17))
    for train, test in first:
        assert train == sorted(set(range(17)) - set(test))


def test_stratified_folds_keep_each_class_share() -> None:
    y = np.array(["b"] * 7 + ["a"] * 11 + ["c"] * 3)
    n_splits = 3
    folds = as_lists(StratifiedKFold(n_splits).split(np.zeros((len(y), 1)), y))
    sizes = [len(test) for _, test in folds]
    assert max(sizes) - min(sizes) <= 1
    for label in "abc":
        n_label = int(np.sum(y == label))
        for _, test in folds:
            count = int(np.sum(y[test] == label))
            assert n_label // n_splits <= count <= -(-n_label // n_splits)


def test_cross_val_score_matches_sklearn_with_kfold() -> None:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 3))
    y = (X[:, 0] + 0.5 * rng.normal(size=40) > 0).astype(int)
    estimator = LogisticRegression()
    ours = cross_val_score(estimator, X, y, cv=4)
    theirs = model_selection.cross_val_score(estimator, X, y, cv=model_selection.KFold(4))
    np.testing.assert_allclose(ours, theirs)
    assert not hasattr(estimator, "coef_"), "the estimator passed in must stay unfitted"


def test_bad_n_splits_is_rejected() -> None:
    with pytest.raises(ValueError):
        list(KFold(n_splits=1).split(np.zeros((4, 1))))
