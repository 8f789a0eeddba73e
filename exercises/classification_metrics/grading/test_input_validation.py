"""Bad input raises ``ValueError`` with a message, as the statement lists (``input_validation``).

Every check first makes the valid call beside the invalid one and compares it with the reference:
raising on everything earns nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from classification_metrics_checks import expect_right_answer

from grader.testing import points, raises

SCORE_FUNCTIONS = ("precision_recall_fscore_support", "precision_score", "recall_score", "f1_score")


def _averaged(name: str) -> dict[str, Any]:
    return {} if name in ("confusion_matrix", "accuracy_score") else {"average": "macro"}


@points(1, category="input_validation")
@pytest.mark.parametrize("name", ["confusion_matrix", "accuracy_score", *SCORE_FUNCTIONS])
def test_different_lengths_are_rejected(candidate: Any, reference: Any, name: str) -> None:
    expect_right_answer(candidate, reference, name, [0, 1, 1], [0, 1, 0], **_averaged(name))
    with raises(ValueError, what=f"{name}([0, 1, 1], [0, 1]) (y_true and y_pred of different lengths)"):
        getattr(candidate, name)([0, 1, 1], [0, 1], **_averaged(name))


@points(1, category="input_validation")
@pytest.mark.parametrize("name", SCORE_FUNCTIONS)
def test_binary_average_on_more_than_two_labels_is_rejected(candidate: Any, reference: Any, name: str) -> None:
    expect_right_answer(candidate, reference, name, [0, 1, 1], [0, 1, 0], average="binary")
    with raises(ValueError, what=f"{name}([0, 1, 2], [0, 2, 1], average='binary') (three labels)"):
        getattr(candidate, name)([0, 1, 2], [0, 2, 1], average="binary")


@points(1, category="input_validation")
def test_binary_average_counts_labels_of_y_pred_too(candidate: Any, reference: Any) -> None:
    expect_right_answer(candidate, reference, "f1_score", [0, 1, 1], [0, 1, 0])
    with raises(
        ValueError,
        what="f1_score([0, 1, 1], [0, 1, 2]) (three labels in y_true and "
        "y_pred together; the default average is 'binary')",
    ):
        candidate.f1_score([0, 1, 1], [0, 1, 2])


@points(1, category="input_validation")
@pytest.mark.parametrize(
    "y_true, y_pred, pos_label",
    [
        (["cat", "dog", "dog"], ["dog", "dog", "cat"], 1),
        ([0, 2, 2], [2, 0, 2], 1),
        ([0, 1, 1], [1, 1, 0], 2),
    ],
)
def test_binary_average_with_an_absent_pos_label_is_rejected(
    candidate: Any, reference: Any, y_true: list[Any], y_pred: list[Any], pos_label: Any
) -> None:
    name = "precision_recall_fscore_support"
    expect_right_answer(candidate, reference, name, y_true, y_pred, average="binary", pos_label=y_true[1])
    what = (
        f"{name}({y_true}, {y_pred}, average='binary', pos_label={pos_label!r}) "
        "(pos_label is not one of the two labels)"
    )
    with raises(ValueError, what=what):
        candidate.precision_recall_fscore_support(y_true, y_pred, average="binary", pos_label=pos_label)


@points(1, category="input_validation")
@pytest.mark.parametrize("average", ["samples", "mean", "Macro", ""])
def test_an_unknown_average_is_rejected(candidate: Any, reference: Any, average: str) -> None:
    # Every score function validates `average`, not only the one the others call.
    for name in SCORE_FUNCTIONS:
        expect_right_answer(candidate, reference, name, [0, 1, 2], [0, 2, 2], average="macro")
        with raises(ValueError, what=f"{name}([0, 1, 2], [0, 2, 2], average={average!r})"):
            getattr(candidate, name)([0, 1, 2], [0, 2, 2], average=average)


@points(1, category="input_validation")
@pytest.mark.parametrize("name", ["confusion_matrix", *SCORE_FUNCTIONS])
def test_an_empty_labels_list_is_rejected(candidate: Any, reference: Any, name: str) -> None:
    expect_right_answer(candidate, reference, name, [0, 1, 2], [0, 2, 2], labels=[2, 0], **_averaged(name))
    with raises(ValueError, what=f"{name}([0, 1, 2], [0, 2, 2], labels=[])"):
        getattr(candidate, name)([0, 1, 2], [0, 2, 2], labels=[], **_averaged(name))
