"""Quick self-checks for your ``imbalanced_classification.py``: run ``pytest test_public.py`` next to it.

scikit-learn is the oracle where the statement asks for its answer; elsewhere the checks test the
promises the statement makes. The hidden grading suite checks much more.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from imbalanced_classification import (
    RandomOverSampler,
    RandomUnderSampler,
    balanced_accuracy_score,
    compute_class_weight,
    compute_sample_weight,
    resampled_cross_val_score,
    tune_threshold,
)
from sklearn import metrics
from sklearn.model_selection import StratifiedKFold
from sklearn.tree import DecisionTreeClassifier
from sklearn.utils import class_weight as sk_class_weight

Y = np.array([3, 1, 3, 3, 7, 3, 1, 3])


def quietly(function: Any, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


@pytest.mark.parametrize("class_weight", [None, "balanced", {3: 0.5}, {1: 2.0, 3: 1.0, 7: 4.0, 9: 1.0}])
def test_weights_agree_with_sklearn(class_weight: Any) -> None:
    classes = np.unique(Y)
    expected = sk_class_weight.compute_class_weight(class_weight, classes=classes, y=Y)
    np.testing.assert_allclose(compute_class_weight(class_weight, classes=classes, y=Y), expected, rtol=1e-12)
    expected = sk_class_weight.compute_sample_weight(class_weight, Y)
    np.testing.assert_allclose(compute_sample_weight(class_weight, Y), expected, rtol=1e-12)


def test_balanced_accuracy_agrees_with_sklearn() -> None:
    y_pred = np.array([3, 1, 1, 3, 9, 3, 3, 3])  # 9 is only predicted
    expected = quietly(metrics.balanced_accuracy_score, Y, y_pred)
    assert balanced_accuracy_score(Y, y_pred) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("sampler", [RandomOverSampler, RandomUnderSampler])
def test_samplers_balance_the_classes_with_copies_of_rows(sampler: Any) -> None:
    X = np.column_stack([np.arange(len(Y)), np.linspace(0.1, 0.8, len(Y))])  # column 0: the row number
    resampler = sampler(random_state=0)
    X_res, y_res = resampler.fit_resample(X, Y)
    rows = X_res[:, 0].astype(int)
    np.testing.assert_array_equal(X_res, X[rows])
    np.testing.assert_array_equal(y_res, Y[rows])
    np.testing.assert_array_equal(resampler.sample_indices_, rows)
    counts = np.unique(y_res, return_counts=True)[1]
    assert (counts == (5 if sampler is RandomOverSampler else 1)).all()
    again = sampler(random_state=0).fit_resample(X, Y)
    np.testing.assert_array_equal(again[0], X_res)  # same seed, same rows
    if sampler is RandomOverSampler:
        np.testing.assert_array_equal(rows[: len(Y)], np.arange(len(Y)))  # all originals first
    else:
        assert len(set(rows.tolist())) == len(rows)  # no row twice


def test_tuned_thresholds_and_their_tie_rule() -> None:
    y_true, y_score = np.array([1, 0, 1, 0]), np.array([0.9, 0.8, 0.7, 0.6])
    assert tune_threshold(y_true, y_score) == 0.7
    assert tune_threshold(y_true, y_score, metric="balanced_accuracy") == 0.7  # 0.9 and 0.7 tie: the smallest


def test_cross_validation_agrees_with_stratified_folds() -> None:
    rng = np.random.default_rng(0)
    y = np.repeat(["no", "yes"], [40, 10])[rng.permutation(50)]
    X = np.column_stack([np.arange(50.0), rng.normal(size=50) + (y == "yes")])
    expected = []
    for train, test in StratifiedKFold(5).split(X, y):
        X_res, y_res = RandomOverSampler(random_state=1).fit_resample(X[train], y[train])
        expected.append(DecisionTreeClassifier(max_depth=2, random_state=0).fit(X_res, y_res).score(X[test], y[test]))
    got = resampled_cross_val_score(
        RandomOverSampler(random_state=1), DecisionTreeClassifier(max_depth=2, random_state=0), X, y, cv=5
    )
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_bad_input_raises_value_error() -> None:
    with pytest.raises(ValueError):
        compute_class_weight("balanced", classes=np.array([1, 3]), y=Y)  # 7 is not in classes
    with pytest.raises(ValueError):
        tune_threshold([0, 2, 1], [0.1, 0.2, 0.3])
    with pytest.raises(ValueError):
        RandomUnderSampler(random_state=-1).fit_resample(np.zeros((8, 1)), Y)
