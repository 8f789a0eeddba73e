"""Bad input raises ``ValueError`` with a message, as the statement lists (``input_validation``).

Every check first makes the valid call beside the invalid one and compares it with the reference:
raising on everything earns nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from ranking_metrics_checks import expect_right_answer

from grader.testing import points, raises

FUNCTIONS = ("roc_curve", "precision_recall_curve", "roc_auc_score", "average_precision_score")
CURVES = ("roc_curve", "precision_recall_curve")
Y, S = [0, 1, 1, 0, 1], [0.2, 0.9, 0.4, 0.4, 0.7]
PROBS = np.array([[0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4], [0.6, 0.2, 0.2]])
Y3 = [0, 1, 2, 2, 0]


@points(1, category="input_validation")
@pytest.mark.parametrize("name", FUNCTIONS)
def test_different_lengths_are_rejected(candidate: Any, reference: Any, name: str) -> None:
    expect_right_answer(candidate, reference, name, Y, S)
    with raises(ValueError, what=f"{name}({Y}, {S[:4]}) (y_true and y_score of different lengths)"):
        getattr(candidate, name)(Y, S[:4])


@points(1, category="input_validation")
@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_nan_or_infinite_scores_are_rejected(candidate: Any, reference: Any, name: str, bad: float) -> None:
    expect_right_answer(candidate, reference, name, Y, S)
    scores = [0.2, 0.9, bad, 0.4, 0.7]
    with raises(ValueError, what=f"{name}({Y}, {scores}) (a NaN or infinite score)"):
        getattr(candidate, name)(Y, scores)


@points(2, category="input_validation")
@pytest.mark.parametrize("name", FUNCTIONS)
@pytest.mark.parametrize("y_true", [[1, 1, 1, 1, 1], [0, 0, 0, 0, 0]])
def test_a_single_class_is_rejected(candidate: Any, reference: Any, name: str, y_true: list[int]) -> None:
    expect_right_answer(candidate, reference, name, Y, S)
    with raises(ValueError, what=f"{name}({y_true}, {S}) (a single class in y_true)"):
        getattr(candidate, name)(y_true, S)


@points(1, category="input_validation")
@pytest.mark.parametrize("name", [*CURVES, "average_precision_score"])
def test_a_pos_label_absent_from_y_true_is_rejected(candidate: Any, reference: Any, name: str) -> None:
    y_true = ["a", "b", "b", "a", "b"]
    expect_right_answer(candidate, reference, name, y_true, S, pos_label="b")
    with raises(ValueError, what=f"{name}({y_true}, {S}, pos_label='c') (no positive sample: a single class)"):
        getattr(candidate, name)(y_true, S, pos_label="c")


@points(1, category="input_validation")
@pytest.mark.parametrize("name", CURVES)
@pytest.mark.parametrize("y_true", [["a", "b", "b", "a", "b"], [0, 2, 2, 0, 2], [0, 1, 2, 0, 1]])
def test_labels_other_than_0_1_need_a_pos_label(candidate: Any, reference: Any, name: str, y_true: list[Any]) -> None:
    expect_right_answer(candidate, reference, name, y_true, S, pos_label=y_true[1])
    with raises(ValueError, what=f"{name}({y_true}, {S}) (pos_label=None with labels not in {{0, 1}} or {{-1, 1}})"):
        getattr(candidate, name)(y_true, S)


@points(1, category="input_validation")
def test_average_precision_needs_two_labels_and_a_valid_pos_label(candidate: Any, reference: Any) -> None:
    name = "average_precision_score"
    expect_right_answer(candidate, reference, name, ["a", "b", "b", "a", "b"], S, pos_label="a")
    with raises(
        ValueError, what=f"{name}(['a', 'b', 'b', 'a', 'b'], {S}) (string labels with the default pos_label=1)"
    ):
        candidate.average_precision_score(["a", "b", "b", "a", "b"], S)
    with raises(ValueError, what=f"{name}({Y3}, {S}, pos_label=2) (three labels: average precision is binary here)"):
        candidate.average_precision_score(Y3, S, pos_label=2)


@points(1, category="input_validation")
@pytest.mark.parametrize(
    "kwargs", [{"average": "samples"}, {"average": "Macro"}, {"multi_class": "ovo"}, {"multi_class": "auto"}]
)
def test_roc_auc_rejects_an_unknown_average_or_multi_class(
    candidate: Any, reference: Any, kwargs: dict[str, Any]
) -> None:
    # Checked on every call, even with two classes where the value is not used.
    expect_right_answer(candidate, reference, "roc_auc_score", Y, S, average="weighted")
    with raises(ValueError, what=f"roc_auc_score({Y}, {S}, {kwargs}) (two classes)"):
        candidate.roc_auc_score(Y, S, **kwargs)
    expect_right_answer(candidate, reference, "roc_auc_score", Y3, PROBS, multi_class="ovr")
    with raises(ValueError, what=f"roc_auc_score({Y3}, y_score (5 x 3), multi_class='ovr', {kwargs}) (three classes)"):
        candidate.roc_auc_score(Y3, PROBS, **{"multi_class": "ovr", **kwargs})


@points(1, category="input_validation")
def test_roc_auc_with_three_classes_needs_ovr_and_probabilities_of_the_right_shape(
    candidate: Any, reference: Any
) -> None:
    expect_right_answer(candidate, reference, "roc_auc_score", Y3, PROBS, multi_class="ovr")
    with raises(ValueError, what="roc_auc_score(y_true with 3 classes, y_score) (the default multi_class='raise')"):
        candidate.roc_auc_score(Y3, PROBS)
    with raises(
        ValueError, what="roc_auc_score(5 labels of 3 classes, y_score of 4 rows, multi_class='ovr') (lengths differ)"
    ):
        candidate.roc_auc_score(Y3, PROBS[:4], multi_class="ovr")
    with raises(ValueError, what="roc_auc_score(y_true with 3 classes, 1-D y_score, multi_class='ovr')"):
        candidate.roc_auc_score(Y3, S, multi_class="ovr")
    with raises(
        ValueError,
        what="roc_auc_score(y_true with 3 classes, y_score with 2 columns, multi_class='ovr') (columns != classes)",
    ):
        candidate.roc_auc_score(Y3, PROBS[:, :2] / PROBS[:, :2].sum(axis=1, keepdims=True), multi_class="ovr")
    with raises(
        ValueError,
        what="roc_auc_score(y_true with 3 classes, y_score rows summing to 2, multi_class='ovr') (rows must sum to 1)",
    ):
        candidate.roc_auc_score(Y3, 2 * PROBS, multi_class="ovr")


@points(1, category="input_validation")
def test_roc_auc_with_two_classes_needs_1d_scores(candidate: Any, reference: Any) -> None:
    expect_right_answer(candidate, reference, "roc_auc_score", Y, S)
    scores = np.column_stack([1 - np.array(S), S])
    with raises(ValueError, what="roc_auc_score(y_true with 2 classes, y_score of shape (5, 2)) (y_score must be 1-D)"):
        candidate.roc_auc_score(Y, scores)
