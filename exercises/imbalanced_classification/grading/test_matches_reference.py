"""The outputs the statement pins down, compared with the reference (``matches_reference``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from imbalanced_classification_checks import (
    SAMPLERS,
    STATEMENT,
    calling,
    expect_score,
    expect_threshold,
    expect_weights,
    resample,
)
from imbalanced_classification_folds import expected_scores
from imbalanced_classification_strategies import Folded, Rows, Scored, folded_rows, scored_labels, tagged_rows

from grader.testing import (
    CheckFailed,
    expect_close,
    expect_equal,
    few_examples,
    first_difference,
    points,
    records,
    spy_estimator,
    trusted,
)


@points(2, category="matches_reference")
@given(rows=tagged_rows(), name=st.sampled_from(SAMPLERS), seed=st.integers(0, 2**31 - 1))
def test_resampled_labels_and_kept_originals_match_the_reference(
    candidate: Any, reference: Any, rows: Rows, name: str, seed: int
) -> None:
    X_res, y_res, _ = resample(candidate, name, rows.X, rows.y, seed)
    what = f"{name}(random_state={seed}).fit_resample(X, y)"
    _, expected_y = getattr(reference, name)(random_state=seed).fit_resample(rows.X, rows.y)
    expect_equal(y_res, expected_y, what=f"y_resampled from {what}")
    if name == "RandomOverSampler" and not np.array_equal(X_res[: len(rows.y)], rows.X):
        raise CheckFailed(
            f"X_resampled from {what} must start with every row of X in its original order; its first "
            f"{len(rows.y)} rows differ {first_difference(X_res[: len(rows.y), 0], rows.X[:, 0])} (row numbers)"
        )


@points(2, category="matches_reference")
@given(scored=scored_labels())
def test_tuned_thresholds_match_the_reference(candidate: Any, reference: Any, scored: Scored) -> None:
    what = f"tune_threshold(y_true, y_score, metric={scored.metric!r})"
    with calling(what):
        got = candidate.tune_threshold(scored.y_true, scored.y_score, metric=scored.metric)
    expected = reference.tune_threshold(scored.y_true, scored.y_score, metric=scored.metric)
    expect_threshold(got, expected, what=what, source="the reference")


@points(1, category="matches_reference")
def test_the_worked_example(candidate: Any) -> None:
    y = np.array([1, 1, 1, 1, 0, 0])
    expect_weights(
        candidate.compute_class_weight("balanced", classes=np.array([0, 1]), y=y),
        [1.5, 0.75],
        what="compute_class_weight('balanced', classes=[0, 1], y=[1, 1, 1, 1, 0, 0])",
        source=STATEMENT,
    )
    expect_weights(
        candidate.compute_sample_weight({1: 2.0}, y),
        [2.0, 2.0, 2.0, 2.0, 1.0, 1.0],
        what="compute_sample_weight({1: 2.0}, [1, 1, 1, 1, 0, 0])",
        source=STATEMENT,
    )
    expect_score(
        candidate.balanced_accuracy_score([0, 0, 1, 1, 1], [0, 2, 1, 1, 0]),
        7 / 12,
        what="balanced_accuracy_score([0, 0, 1, 1, 1], [0, 2, 1, 1, 0])",
        source=STATEMENT,
    )
    y_true, y_score = np.array([1, 0, 1, 0]), np.array([0.9, 0.8, 0.7, 0.6])
    for metric in ("f1", "balanced_accuracy"):
        expect_threshold(
            candidate.tune_threshold(y_true, y_score, metric=metric),
            0.7,
            what=f"tune_threshold([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6], metric={metric!r})",
            source=STATEMENT,
        )
    X, y = np.arange(10.0).reshape(-1, 1), np.array([0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
    what = (
        "resampled_cross_val_score(RandomOverSampler(random_state=0), DecisionTreeClassifier(random_state=0), X, y, "
        "cv=3)"
    )
    with calling(what):
        got = candidate.resampled_cross_val_score(
            candidate.RandomOverSampler(random_state=0),
            trusted("sklearn.tree.DecisionTreeClassifier", random_state=0),
            X,
            y,
            cv=3,
        )
    expect_close(got, [0.75, 1.0, 2 / 3], what=what, rtol=1e-12, source=STATEMENT)


@points(1, category="matches_reference")
@few_examples(8)
@given(data=folded_rows(), name=st.sampled_from(SAMPLERS), seed=st.integers(0, 2**31 - 1))
def test_int_cv_scores_match_the_reference_folds(
    candidate: Any, reference: Any, data: Folded, name: str, seed: int
) -> None:
    tree = "DecisionTreeClassifier(max_depth=3)"
    what = f"resampled_cross_val_score({name}(random_state={seed}), {tree}, X, y, cv={data.cv})"
    with calling(what):
        got = candidate.resampled_cross_val_score(
            getattr(candidate, name)(random_state=seed),
            trusted("sklearn.tree.DecisionTreeClassifier", random_state=0, max_depth=3),
            data.X,
            data.y,
            cv=data.cv,
        )
    folds = reference._stratified_folds(data.y, data.cv)
    expected = expected_scores(candidate, data, name, seed, folds, max_depth=3)
    expect_close(
        got,
        expected,
        what=what,
        rtol=1e-12,
        atol=1e-12,
        source=(
            "the reference's folds (classes numbered in order of first appearance) with a tree fitted on your "
            "sampler's output"
        ),
    )


@points(1, category="matches_reference")
def test_cv_defaults_to_five_stratified_folds(candidate: Any) -> None:
    y = np.array([1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0])
    X = np.column_stack([np.arange(20.0), np.linspace(-1.0, 1.0, 20)])
    what = "resampled_cross_val_score(RandomUnderSampler(random_state=0), DummyClassifier(), X, y) (default cv)"
    spy = spy_estimator("sklearn.dummy.DummyClassifier")
    with calling(what):
        candidate.resampled_cross_val_score(candidate.RandomUnderSampler(random_state=0), spy, X, y)
    tests = [np.rint(np.asarray(record["X"])[:, 0]).astype(int).tolist() for record in records(spy.journal_, "score")]
    expected = [[0, 1, 2, 4], [3, 5, 6, 8], [7, 9, 11, 12], [10, 13, 15, 16], [14, 17, 18, 19]]
    if tests != expected:
        raise CheckFailed(
            f"{what} scored on the test rows {tests}; cv=5 by default gives the stratified folds {expected}"
        )
