"""Bad input raises ``ValueError`` with a message (``input_validation``).

Each check first makes a valid call and compares its answer with the reference's, so that raising
``ValueError`` on everything earns nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from imbalanced_classification_checks import (
    SAMPLERS,
    calling,
    expect_score,
    expect_threshold,
    expect_valid_resample,
    expect_weights,
)
from imbalanced_classification_strategies import tag

from grader.testing import expect_close, points, raises, trusted

Y = np.array([1, 0, 1, 1, 2, 1])
CLASSES = np.array([0, 1, 2])


def _valid_weights(candidate: Any, reference: Any) -> None:
    for class_weight in ("balanced", {1: 0.5, 2: 3.0}):
        what = f"compute_class_weight({class_weight!r}, classes=[0, 1, 2], y={Y.tolist()}) (valid input)"
        with calling(what):
            got = candidate.compute_class_weight(class_weight, classes=CLASSES, y=Y)
        expect_weights(
            got, reference.compute_class_weight(class_weight, classes=CLASSES, y=Y), what=what, source="the reference"
        )


@points(2, category="input_validation")
def test_compute_class_weight_rejects_what_scikit_learn_rejects(candidate: Any, reference: Any) -> None:
    _valid_weights(candidate, reference)
    bad: list[tuple[Any, Any, Any, str, str]] = [
        ("balance", CLASSES, Y, "an unknown class_weight string", "class_weight|balanced"),
        ([1.0, 2.0, 3.0], CLASSES, Y, "a list as class_weight", "class_weight|balanced|dict"),
        (None, CLASSES[np.newaxis, :], Y, "2-D classes", "classes|1-D|1D|dimension|shape"),
        ("balanced", CLASSES, Y[np.newaxis, :], "2-D y", "y|1-D|1D|dimension|shape"),
        ("balanced", np.array([0, 1]), Y, "a label of y (2) not in classes", "classes|label|2"),
        (None, np.array([0, 1]), Y, "a label of y (2) not in classes", "classes|label|2"),
        ("balanced", np.array([0, 1, 2, 3]), Y, "'balanced' with a class (3) absent from y", "classes|3|y"),
        (
            {1: 2.0, 7: 1.0},
            CLASSES,
            Y,
            "a dict with a label (7) not in classes, leaving out classes 0 and 2",
            "class|7|0|2",
        ),
    ]
    for class_weight, classes, y, problem, match in bad:
        what = f"compute_class_weight({class_weight!r}, classes={classes.tolist()}, y={y.tolist()}) ({problem})"
        with raises(ValueError, what=what, match=match):
            candidate.compute_class_weight(class_weight, classes=classes, y=y)


@points(1, category="input_validation")
def test_compute_sample_weight_rejects_bad_class_weights(candidate: Any, reference: Any) -> None:
    what = f"compute_sample_weight('balanced', {Y.tolist()}) (valid input)"
    with calling(what):
        got = candidate.compute_sample_weight("balanced", Y)
    expect_weights(got, reference.compute_sample_weight("balanced", Y), what=what, source="the reference")
    with raises(ValueError, what="compute_sample_weight('even', y) (an unknown class_weight string)"):
        candidate.compute_sample_weight("even", Y)
    with raises(ValueError, what="compute_sample_weight({1: 2.0, 9: 1.0}, y=[1, 0, 1, 1, 2, 1]) (extra label 9)"):
        candidate.compute_sample_weight({1: 2.0, 9: 1.0}, Y)
    with raises(ValueError, what="compute_sample_weight('balanced', []) (no samples)"):
        candidate.compute_sample_weight("balanced", np.array([], dtype=np.int64))


@points(1, category="input_validation")
def test_balanced_accuracy_rejects_mismatched_or_empty_labels(candidate: Any) -> None:
    what = "balanced_accuracy_score([0, 1, 1], [0, 1, 0]) (valid input)"
    with calling(what):
        expect_score(candidate.balanced_accuracy_score([0, 1, 1], [0, 1, 0]), 0.75, what=what, source="the statement")
    with raises(
        ValueError, what="balanced_accuracy_score([0, 1, 1], [0, 1]) (lengths 3 and 2)", match="length|shape|same|3|2"
    ):
        candidate.balanced_accuracy_score(np.array([0, 1, 1]), np.array([0, 1]))
    with raises(
        ValueError, what="balanced_accuracy_score([0, 1, 1], [1]) (lengths 3 and 1)", match="length|shape|same|3|1"
    ):
        candidate.balanced_accuracy_score(np.array([0, 1, 1]), np.array([1]))
    with raises(ValueError, what="balanced_accuracy_score([], []) (no samples)"):
        candidate.balanced_accuracy_score(np.array([], dtype=np.int64), np.array([], dtype=np.int64))
    with raises(ValueError, what="balanced_accuracy_score(2-D y_true, 2-D y_pred)"):
        candidate.balanced_accuracy_score(np.zeros((3, 2), dtype=np.int64), np.zeros((3, 2), dtype=np.int64))


@points(2, category="input_validation")
def test_tune_threshold_rejects_bad_metrics_labels_and_scores(candidate: Any) -> None:
    y_true, y_score = np.array([0, 1, 1, 0]), np.array([0.2, 0.8, 0.4, 0.5])
    what = "tune_threshold([0, 1, 1, 0], [0.2, 0.8, 0.4, 0.5], metric='balanced_accuracy') (valid input)"
    with calling(what):
        got = candidate.tune_threshold(y_true, y_score, metric="balanced_accuracy")
    expect_threshold(got, 0.4, what=what, source="the statement")
    bad: list[tuple[Any, Any, str, str, str]] = [
        (y_true, y_score, "accuracy", "an unknown metric", "metric|accuracy|f1"),
        (np.array([0, 2, 2, 0]), y_score, "f1", "labels other than 0 and 1", "0|1|label|y_true"),
        (np.array([0, 1, 2, 0]), y_score, "f1", "a label 2 beside 0 and 1", "0|1|2|label|y_true"),
        (np.array([1, 1, 1, 1]), y_score, "f1", "a single class", "class|0|1|y_true"),
        (y_true, np.array([0.2, np.nan, 0.4, 0.5]), "f1", "a NaN score", "finite|nan|NaN|score"),
        (y_true, np.array([0.2, 0.8, 0.4]), "f1", "lengths 4 and 3", "length|shape|same|4|3"),
    ]
    for labels, scores, metric, problem, match in bad:
        what = f"tune_threshold({labels.tolist()}, {scores.tolist()}, metric={metric!r}) ({problem})"
        with raises(ValueError, what=what, match=match):
            candidate.tune_threshold(labels, scores, metric=metric)


@points(1, category="input_validation")
def test_samplers_reject_bad_shapes_and_seeds(candidate: Any) -> None:
    y = np.array([0, 1, 1, 1])
    X = tag(y, np.random.default_rng(0))
    for name in SAMPLERS:
        expect_valid_resample(candidate, name, X, y, 0)
        with raises(
            ValueError, what=f"{name}().fit_resample(X of shape (4,), y) (X not 2-D)", match="2-D|2D|dimension|shape"
        ):
            getattr(candidate, name)().fit_resample(np.arange(4.0), y)
        with raises(
            ValueError, what=f"{name}().fit_resample(X with 4 rows, y with 3 labels)", match="length|shape|same|4|3"
        ):
            getattr(candidate, name)().fit_resample(X, y[:3])
        for seed in (-1, 1.5, "seed"):
            with raises(
                ValueError, what=f"{name}(random_state={seed!r}) then fit_resample(X, y)", match="random_state"
            ):
                getattr(candidate, name)(random_state=seed).fit_resample(X, y)


@points(1, category="input_validation")
def test_cross_validation_rejects_impossible_folds(candidate: Any) -> None:
    y = np.array([0, 0, 0, 1, 1, 1, 1, 1])
    X = tag(y, np.random.default_rng(0))
    what = "resampled_cross_val_score(RandomOverSampler(random_state=0), DummyClassifier(), X, y, cv=3) (valid input)"
    with calling(what):
        got = candidate.resampled_cross_val_score(
            candidate.RandomOverSampler(random_state=0),
            trusted("sklearn.dummy.DummyClassifier", strategy="constant", constant=1),
            X,
            y,
            cv=3,
        )
    expect_close(
        got, [2 / 3, 2 / 3, 0.5], what=what, rtol=1e-12, source="the statement's folds ([0, 3, 4], [1, 5, 6], [2, 7])"
    )
    for cv, problem in ((1, "cv=1, fewer than 2 folds"), (9, "cv=9 > 8 samples"), (6, "cv=6, no class with 6 members")):
        with raises(ValueError, what=f"resampled_cross_val_score(sampler, estimator, X, y, cv={cv}) ({problem})"):
            candidate.resampled_cross_val_score(
                candidate.RandomOverSampler(random_state=0), trusted("sklearn.dummy.DummyClassifier"), X, y, cv=cv
            )
    with raises(ValueError, what="resampled_cross_val_score(sampler, estimator, X with 8 rows, y with 7 labels)"):
        candidate.resampled_cross_val_score(
            candidate.RandomOverSampler(random_state=0), trusted("sklearn.dummy.DummyClassifier"), X, y[:7], cv=2
        )
