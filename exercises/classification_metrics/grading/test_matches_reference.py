"""Hand-computed answers from the statement, and its one rule that differs from scikit-learn.

Category ``matches_reference``: the worked example, F1 with ``zero_division=1.0`` when precision
and recall are both 0, how ``labels`` selects samples (``confusion_matrix``) or only reports
(the scores), and a ``labels`` list with no label of ``y_true``, which gives zeros here where
scikit-learn raises.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from classification_metrics_checks import (
    STATEMENT,
    call_text,
    expect_integer_matrix,
    expect_matrix,
    expect_ratio,
    expect_scores,
)
from classification_metrics_strategies import LabelProblem, problems_with_labels
from hypothesis import given

from grader.testing import points

# The worked example of the statement (README.md).
Y_TRUE = ["cat", "cat", "dog", "bird", "dog", "cat"]
Y_PRED = ["cat", "dog", "dog", "cat", "dog", "cat"]
EVERY_SAMPLE = (
    "every sample still counts: one whose true label is not in `labels` but is predicted as one is a false positive"
)


@points(2, category="matches_reference")
def test_worked_example_confusion_matrix_and_accuracy_are_as_in_the_statement(candidate: Any) -> None:
    expected = np.array([[0, 1, 0], [0, 2, 1], [0, 0, 2]])
    expect_matrix(
        candidate.confusion_matrix(Y_TRUE, Y_PRED),
        expected,
        what="confusion_matrix(y_true, y_pred) of the worked example",
        source=STATEMENT,
    )
    expect_ratio(
        candidate.accuracy_score(Y_TRUE, Y_PRED),
        4 / 6,
        what="accuracy_score(y_true, y_pred) of the worked example",
        source=STATEMENT,
    )


@points(2, category="matches_reference")
def test_worked_example_scores_are_as_in_the_statement(candidate: Any) -> None:
    expected = {
        (None, 0.0): ([0, 2 / 3, 2 / 3], [0, 2 / 3, 1], [0, 2 / 3, 0.8], [1, 3, 2]),
        (None, 1.0): ([1, 2 / 3, 2 / 3], [0, 2 / 3, 1], [0, 2 / 3, 0.8], [1, 3, 2]),
        ("macro", 0.0): (4 / 9, 5 / 9, 22 / 45, None),
        ("macro", 1.0): (7 / 9, 5 / 9, 22 / 45, None),
        ("micro", 0.0): (2 / 3, 2 / 3, 2 / 3, None),
        ("weighted", 0.0): (5 / 9, 2 / 3, 0.6, None),
    }
    for (average, zero_division), scores in expected.items():
        kwargs = {"average": average, "zero_division": zero_division}
        got = candidate.precision_recall_fscore_support(Y_TRUE, Y_PRED, **kwargs)
        expect_scores(
            got,
            scores,
            source=STATEMENT,
            what=call_text("precision_recall_fscore_support", **kwargs) + " of the worked example",
        )


@points(2, category="matches_reference")
def test_f1_is_zero_when_precision_and_recall_are_zero_even_with_zero_division_one(candidate: Any) -> None:
    # tp = 0, fp = 1, fn = 1: F1 = 2 tp / (2 tp + fp + fn) = 0 / 2, no division by zero.
    kwargs = {"zero_division": 1.0}
    got = candidate.f1_score([1, 0, 0], [0, 1, 0], **kwargs)
    expect_ratio(
        got,
        0.0,
        what="f1_score([1, 0, 0], [0, 1, 0], zero_division=1.0) (F1 = 2 tp / (2 tp + fp + fn) = 0 / 2)",
        source=STATEMENT,
    )
    got = candidate.precision_recall_fscore_support([1, 0, 0], [0, 1, 0], average="binary", **kwargs)
    expect_scores(
        got,
        (0.0, 0.0, 0.0, None),
        source=STATEMENT,
        what="precision_recall_fscore_support([1, 0, 0], [0, 1, 0], average='binary', zero_division=1.0)",
    )


@points(1, category="matches_reference")
def test_confusion_matrix_with_labels_leaves_out_samples_with_other_labels(candidate: Any) -> None:
    got = candidate.confusion_matrix([0, 1, 2, 2, 1], [0, 2, 1, 2, 1], labels=[2, 0])
    expect_matrix(
        got,
        np.array([[1, 0], [0, 1]]),
        source=STATEMENT,
        what="confusion_matrix([0, 1, 2, 2, 1], [0, 2, 1, 2, 1], labels=[2, 0])",
        label_order="in the order of `labels`; samples with other labels left out",
    )
    expect_matrix(
        candidate.confusion_matrix(Y_TRUE, Y_PRED, labels=["dog", "cat"]),
        np.array([[2, 0], [1, 2]]),
        source=STATEMENT,
        what="confusion_matrix(y_true, y_pred, labels=['dog', 'cat']) of the worked example",
        label_order="in the order of `labels`; the 'bird' sample left out",
    )


@points(1, category="matches_reference")
def test_scores_for_chosen_labels_still_count_every_sample(candidate: Any) -> None:
    # Label 1 is predicted once, for a sample whose true label (2) is not in `labels`: that
    # prediction still counts as a false positive, so precision of label 1 is 0 / 1.
    kwargs: dict[str, Any] = {"labels": [0, 1], "average": None, "zero_division": 1.0}
    got = candidate.precision_recall_fscore_support([0, 1, 2], [0, 2, 1], **kwargs)
    expect_scores(
        got,
        ([1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1, 1]),
        source=STATEMENT,
        what="precision_recall_fscore_support([0, 1, 2], [0, 2, 1], labels=[0, 1], zero_division=1.0) "
        f"({EVERY_SAMPLE})",
    )
    kwargs = {"labels": [0, 1], "average": "micro"}
    got = candidate.precision_recall_fscore_support([0, 1, 2], [0, 2, 1], **kwargs)
    expect_scores(
        got,
        (0.5, 0.5, 0.5, None),
        source=STATEMENT,
        what=f"precision_recall_fscore_support([0, 1, 2], [0, 2, 1], labels=[0, 1], average='micro') ({EVERY_SAMPLE})",
    )


@points(1, category="matches_reference")
def test_confusion_matrix_is_an_integer_array(candidate: Any) -> None:
    # Gated on the right counts: an integer array of random counts earns nothing.
    what = "confusion_matrix(y_true, y_pred) of the worked example"
    got = candidate.confusion_matrix(Y_TRUE, Y_PRED)
    expect_matrix(got, np.array([[0, 1, 0], [0, 2, 1], [0, 0, 2]]), what=what, source=STATEMENT)
    expect_integer_matrix(got, what=what)


@points(2, category="matches_reference")
@given(problem=problems_with_labels(anchor_in_y_true=False))
def test_confusion_matrix_for_any_labels_matches_the_reference(
    candidate: Any, reference: Any, problem: LabelProblem
) -> None:
    # Includes `labels` lists with no label of y_true: zero rows and columns, not an error.
    labels = problem.labels
    got = candidate.confusion_matrix(problem.y_true, problem.y_pred, labels=labels)
    expected = reference.confusion_matrix(problem.y_true, problem.y_pred, labels=labels)
    expect_matrix(
        got,
        expected,
        what=call_text("confusion_matrix", labels=labels),
        source="the reference",
        label_order="in the order of `labels`; absent labels give zeros",
    )
