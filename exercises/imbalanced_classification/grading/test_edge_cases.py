"""The corners the statement names, with hand-computed answers (``edge_cases``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from imbalanced_classification_checks import (
    SAMPLERS,
    STATEMENT,
    calling,
    expect_score,
    expect_threshold,
    expect_valid_resample,
    expect_weights,
    resample,
)
from imbalanced_classification_folds import expect_clean_folds
from imbalanced_classification_strategies import Folded, tag

from grader.testing import CheckFailed, expect_equal, points


@points(1, category="edge_cases")
def test_a_single_class_is_returned_unchanged(candidate: Any) -> None:
    y = np.array(["cat"] * 5)
    X = tag(y, np.random.default_rng(0))
    for name in SAMPLERS:
        X_res, y_res, _ = resample(candidate, name, X, y, 0)
        what = f"{name}(random_state=0).fit_resample(X, y) with a single class"
        expect_equal(X_res, X, what=f"X_resampled from {what}", source=STATEMENT)
        expect_equal(y_res, y, what=f"y_resampled from {what}", source=STATEMENT)


@points(1, category="edge_cases")
def test_balanced_data_is_kept_whole(candidate: Any) -> None:
    y = np.array([2, 0, 2, 0, 1, 1])
    X = tag(y, np.random.default_rng(1))
    X_res, _, _ = resample(candidate, "RandomOverSampler", X, y, 3)
    expect_equal(
        X_res, X, what="RandomOverSampler(random_state=3).fit_resample(X, y) with balanced classes", source=STATEMENT
    )
    X_res, _, _ = resample(candidate, "RandomUnderSampler", X, y, 3)
    expect_equal(
        X_res,
        X[[1, 3, 4, 5, 0, 2]],
        what="RandomUnderSampler(random_state=3).fit_resample(X, y) with balanced classes (y=[2, 0, 2, 0, 1, 1])",
        source=STATEMENT + " (every row, class by class, each class in original order)",
    )


@points(1, category="edge_cases")
def test_a_class_with_one_row(candidate: Any) -> None:
    y = np.array([0, 0, 0, 1, 0, 0, 2, 2])
    X = tag(y, np.random.default_rng(2), integer=True)
    rows, _, what = expect_valid_resample(candidate, "RandomOverSampler", X, y, 4)
    if not (rows[len(y) :][:4] == 3).all():
        raise CheckFailed(
            f"{what}: the four copies of class 1 must all copy its only row, 3; got rows {rows[8:12].tolist()}"
        )
    rows, _, what = expect_valid_resample(candidate, "RandomUnderSampler", X, y, 4)
    if rows[1] != 3:
        raise CheckFailed(f"{what}: class 1 has one row, 3, which must be kept; got rows {rows.tolist()}")


@points(1, category="edge_cases")
def test_class_weights_for_classes_absent_from_y(candidate: Any) -> None:
    classes, y = np.array([0, 1, 5]), np.array([1, 0, 1, 1])
    cases: list[tuple[Any, list[float]]] = [
        (None, [1.0, 1.0, 1.0]),
        ({}, [1.0, 1.0, 1.0]),
        ({5: 4.0}, [1.0, 1.0, 4.0]),
        ({0: 0.1, 1: 0.2, 5: 0.3, 9: 7.0}, [0.1, 0.2, 0.3]),
    ]
    for class_weight, expected in cases:
        what = f"compute_class_weight({class_weight!r}, classes=[0, 1, 5], y=[1, 0, 1, 1])"
        with calling(what, promise="a class absent from y is allowed unless class_weight='balanced'"):
            got = candidate.compute_class_weight(class_weight, classes=classes, y=y)
        expect_weights(got, expected, what=what, source=STATEMENT)


@points(1, category="edge_cases")
def test_balanced_accuracy_ignores_labels_only_predicted(candidate: Any) -> None:
    cases: list[tuple[list[Any], list[Any], float]] = [
        ([0, 0, 1, 1], [0, 2, 1, 2], 0.5),
        (["a", "a", "a", "b"], ["a", "c", "c", "b"], (1 / 3 + 1) / 2),
        ([4], [4], 1.0),
        ([3, 3], [5, 5], 0.0),
    ]
    for y_true, y_pred, expected in cases:
        what = f"balanced_accuracy_score({y_true!r}, {y_pred!r})"
        with calling(what):
            got = candidate.balanced_accuracy_score(np.array(y_true), np.array(y_pred))
        expect_score(got, expected, what=what + " (labels only in y_pred are not averaged over)", source=STATEMENT)


@points(2, category="edge_cases")
def test_tied_metrics_go_to_the_smallest_threshold(candidate: Any) -> None:
    cases: list[tuple[list[int], list[float], str, float]] = [
        ([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6], "balanced_accuracy", 0.7),
        ([1, 0, 0, 1, 0, 0], [6, 5, 4, 3, 2, 1], "balanced_accuracy", 3.0),
        ([1, 0, 1, 0, 0, 1, 0, 1], [8, 7, 6, 5, 4, 3, 2, 1], "balanced_accuracy", 6.0),
        # Ties at values every usual formula computes alike (P and N powers of two, or P and R swapped).
        # F1 = 2/3 at 0.3 (TP 1 of 1 predicted) and at 0.1 (TP 2 of 4 predicted): P = R swapped.
        ([1, 0, 1, 0], [0.3, 0.2, 0.1, 0.2], "f1", 0.1),
    ]
    for y_true, y_score, metric, expected in cases:
        what = f"tune_threshold({y_true!r}, {y_score!r}, metric={metric!r})"
        with calling(what):
            got = candidate.tune_threshold(np.array(y_true), np.array(y_score, dtype=float), metric=metric)
        expect_threshold(
            got,
            expected,
            what=what,
            source=STATEMENT,
            why="several thresholds reach the best value: the smallest one wins",
        )


@points(1, category="edge_cases")
def test_thresholds_on_tied_scores_large_offsets_and_tenths(candidate: Any, reference: Any) -> None:
    cases: list[tuple[Any, Any, str]] = [
        (np.array([1, 1, 0, 0, 1, 0]), np.array([0.3, 0.3, 0.3, 0.1, 0.7, 0.1]), "f1"),
        (np.array([True, False, True, False, False]), np.array([0.5, 0.5, 0.5, 0.5, 0.5]), "f1"),
        (np.array([0, 1, 1, 0, 1, 0, 0]), 1e9 + np.array([0.5, 2.0, 1.5, 0.0, 1.0, 1.0, 0.0]), "balanced_accuracy"),
        (np.array([0.0, 1.0, 1.0, 0.0, 0.0]), np.array([2, 7, 3, 3, -1]), "balanced_accuracy"),
        (np.array([1, 0, 1, 1, 0, 0]), np.array([0.1, 0.2, 0.3, 0.7, 0.6, 0.1]), "f1"),
        (
            np.array([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
            np.array([-0.1, 0.3, 0.1, -0.2, 0.9, 0.0, 0.0, -0.7, 0.5, -1.0, 1.7, 1.5]),
            "f1",
        ),
    ]
    for y_true, y_score, metric in cases:
        what = f"tune_threshold({y_true.tolist()!r}, {y_score.tolist()!r}, metric={metric!r})"
        with calling(what):
            got = candidate.tune_threshold(y_true, y_score, metric=metric)
        expect_threshold(
            got, reference.tune_threshold(y_true, y_score, metric=metric), what=what, source="the reference"
        )


@points(1, category="edge_cases")
def test_cross_validation_with_a_class_smaller_than_cv(candidate: Any) -> None:
    y = np.array([0] * 9 + [1] * 2 + [2] * 4)
    rng = np.random.default_rng(8)
    order = rng.permutation(len(y))
    data = Folded(tag(y[order], rng), y[order], 3)
    for name in SAMPLERS:
        expect_clean_folds(candidate, data, name, 1)


@points(1, category="edge_cases")
def test_cv_as_large_as_the_largest_class_or_the_number_of_samples(candidate: Any) -> None:
    y = np.array([0, 1, 0, 0, 1, 0, 1, 0])
    expect_clean_folds(candidate, Folded(tag(y, np.random.default_rng(4)), y, 5), "RandomOverSampler", 2)
    y = np.array(["a", "a", "a", "a"])
    expect_clean_folds(candidate, Folded(tag(y, np.random.default_rng(5)), y, 4), "RandomUnderSampler", 2)


@points(1, category="edge_cases")
def test_labels_given_as_lists(candidate: Any, reference: Any) -> None:
    y = [2, 0, 2, 2, 1, 2]
    calls: list[tuple[str, Any]] = [
        (
            "compute_class_weight('balanced', classes=[0, 1, 2], y=[2, 0, 2, 2, 1, 2])",
            lambda module: module.compute_class_weight("balanced", classes=[0, 1, 2], y=y),
        ),
        (
            "compute_sample_weight('balanced', [2, 0, 2, 2, 1, 2])",
            lambda module: module.compute_sample_weight("balanced", y),
        ),
    ]
    for what, call in calls:
        with calling(what, promise="labels may be given as lists"):
            got = call(candidate)
        expect_weights(got, call(reference), what=what, source="the reference")
    what = "balanced_accuracy_score([2, 0, 2, 2, 1, 2], [2, 0, 0, 2, 2, 2])"
    with calling(what, promise="labels may be given as lists"):
        got = candidate.balanced_accuracy_score(y, [2, 0, 0, 2, 2, 2])
    expect_score(got, (1.0 + 0.0 + 0.75) / 3, what=what, source=STATEMENT)
    what = "tune_threshold([0, 1, 1, 0], [0.2, 0.8, 0.4, 0.5])"
    with calling(what, promise="labels may be given as lists"):
        got = candidate.tune_threshold([0, 1, 1, 0], [0.2, 0.8, 0.4, 0.5])
    expect_threshold(got, 0.4, what=what, source=STATEMENT)
    X = tag(np.asarray(y), np.random.default_rng(6))
    for name in SAMPLERS:
        what = f"{name}(random_state=0).fit_resample(X, y as a list)"
        with calling(what, promise="labels may be given as lists"):
            result = getattr(candidate, name)(random_state=0).fit_resample(X, y)
        _, expected = getattr(reference, name)(random_state=0).fit_resample(X, np.asarray(y))
        expect_equal(result[1] if isinstance(result, tuple) else result, expected, what=f"y_resampled from {what}")
