"""The corners the statement names, with hand-computed answers (``edge_cases``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from classification_metrics_checks import (
    STATEMENT,
    expect_matrix,
    expect_ratio,
    expect_result,
    expect_scores,
    floating_point_warnings_raise,
)

from grader.testing import CandidateRaised, CheckFailed, points

FAR = 10**12


def _prfs(candidate: Any, y_true: Any, y_pred: Any, expected: tuple[Any, ...], **kwargs: Any) -> None:
    got = candidate.precision_recall_fscore_support(y_true, y_pred, **kwargs)
    shown = ", ".join(f"{key}={value!r}" for key, value in kwargs.items())
    expect_scores(
        got,
        expected,
        source=STATEMENT,
        what=f"precision_recall_fscore_support({y_true!r}, {y_pred!r}, {shown})",
    )


@points(1, category="edge_cases")
def test_one_sample(candidate: Any) -> None:
    expect_matrix(
        candidate.confusion_matrix([7], [7]),
        np.array([[1]]),
        what="confusion_matrix([7], [7])",
        source=STATEMENT,
    )
    expect_matrix(
        candidate.confusion_matrix([0], [1]),
        np.array([[0, 1], [0, 0]]),
        what="confusion_matrix([0], [1])",
        source=STATEMENT,
    )
    expect_ratio(candidate.accuracy_score([7], [7]), 1.0, what="accuracy_score([7], [7])", source=STATEMENT)
    _prfs(candidate, [7], [7], ([1.0], [1.0], [1.0], [1]), average=None)
    _prfs(candidate, [0], [1], (0.0, 1.0, 0.0, None), average="binary", zero_division=1.0)


@points(1, category="edge_cases")
def test_all_predictions_in_one_class(candidate: Any) -> None:
    y_true, y_pred = [0, 1, 2, 1, 0], [1, 1, 1, 1, 1]
    expect_matrix(
        candidate.confusion_matrix(y_true, y_pred),
        np.array([[0, 2, 0], [0, 2, 0], [0, 1, 0]]),
        what=f"confusion_matrix({y_true}, {y_pred})",
        source=STATEMENT,
    )
    recall, f1, support = [0.0, 1.0, 0.0], [0.0, 4 / 7, 0.0], [2, 2, 1]
    for zero_division in (0.0, 1.0):
        precision = [zero_division, 0.4, zero_division]
        _prfs(
            candidate,
            y_true,
            y_pred,
            (precision, recall, f1, support),
            average=None,
            zero_division=zero_division,
        )


@points(1, category="edge_cases")
def test_a_single_label_everywhere(candidate: Any) -> None:
    expect_matrix(
        candidate.confusion_matrix([3, 3, 3], [3, 3, 3]),
        np.array([[3]]),
        what="confusion_matrix([3, 3, 3], [3, 3, 3])",
        source=STATEMENT,
    )
    # average="binary" with pos_label=1 absent and a single label: every ratio is 0 / 0.
    for zero_division in (0.0, 1.0):
        _prfs(
            candidate,
            [3, 3, 3],
            [3, 3, 3],
            (zero_division,) * 3 + (None,),
            average="binary",
            zero_division=zero_division,
        )


@points(1, category="edge_cases")
def test_a_class_never_predicted_gets_zero_division_precision(candidate: Any) -> None:
    y_true, y_pred = [0, 1, 2, 2], [0, 1, 1, 1]
    for zero_division in (0.0, 1.0):
        _prfs(
            candidate,
            y_true,
            y_pred,
            ([1.0, 1 / 3, zero_division], [1.0, 1.0, 0.0], [1.0, 0.5, 0.0], [1, 1, 2]),
            average=None,
            zero_division=zero_division,
        )


@points(1, category="edge_cases")
def test_a_class_never_present_gets_zero_division_recall(candidate: Any) -> None:
    y_true, y_pred = [0, 0, 1], [0, 2, 1]
    expect_matrix(
        candidate.confusion_matrix(y_true, y_pred),
        np.array([[1, 0, 1], [0, 1, 0], [0, 0, 0]]),
        what=f"confusion_matrix({y_true}, {y_pred})",
        source=STATEMENT,
    )
    for zero_division in (0.0, 1.0):
        _prfs(
            candidate,
            y_true,
            y_pred,
            ([1.0, 1.0, 0.0], [0.5, 1.0, zero_division], [2 / 3, 1.0, 0.0], [2, 1, 0]),
            average=None,
            zero_division=zero_division,
        )


@points(1, category="edge_cases")
def test_labels_absent_from_the_data_give_zeros_and_zero_division_scores(candidate: Any) -> None:
    expect_matrix(
        candidate.confusion_matrix([0, 1], [1, 1], labels=[0, 3, 1]),
        np.array([[0, 0, 1], [0, 0, 0], [0, 0, 1]]),
        what="confusion_matrix([0, 1], [1, 1], labels=[0, 3, 1])",
        source=STATEMENT,
        label_order="in the order of `labels`; absent labels give zeros",
    )
    _prfs(
        candidate,
        [0, 1],
        [1, 1],
        ([1.0], [1.0], [1.0], [0]),
        labels=[3],
        average=None,
        zero_division=1.0,
    )
    # Every support is zero: the weighted average falls back to the plain mean.
    _prfs(
        candidate,
        [0, 1],
        [1, 1],
        (1.0, 1.0, 1.0, None),
        labels=[3, 4],
        average="weighted",
        zero_division=1.0,
    )
    # A total support of one sample is not zero: the weighted average is that label's values.
    _prfs(
        candidate,
        [0, 1, 1],
        [0, 1, 0],
        (0.5, 1.0, 2 / 3, None),
        labels=[0, 2],
        average="weighted",
        zero_division=1.0,
    )


@points(1, category="edge_cases")
def test_string_labels_sort_as_strings(candidate: Any) -> None:
    y_true = np.array(["2", "10", "2", "10", "2"])
    y_pred = np.array(["2", "2", "10", "10", "2"])
    # "10" < "2" as strings: row and column 0 are "10".
    expect_matrix(
        candidate.confusion_matrix(y_true, y_pred),
        np.array([[1, 1], [1, 2]]),
        what="confusion_matrix(['2', '10', '2', '10', '2'], ['2', '2', '10', '10', '2'])",
        source=STATEMENT,
        label_order="labels sorted as strings: '10' before '2'",
    )
    _prfs(candidate, y_true, y_pred, ([0.5, 2 / 3], [0.5, 2 / 3], [0.5, 2 / 3], [2, 3]), average=None)
    _prfs(candidate, y_true, y_pred, (0.5, 0.5, 0.5, None), average="binary", pos_label="10")


@points(1, category="edge_cases")
def test_negative_integer_labels_sort_numerically(candidate: Any) -> None:
    y_true, y_pred = np.array([-1, 2, 0, -1]), np.array([2, 2, -1, -1])
    expect_matrix(
        candidate.confusion_matrix(y_true, y_pred),
        np.array([[1, 0, 1], [1, 0, 0], [0, 0, 1]]),
        what="confusion_matrix([-1, 2, 0, -1], [2, 2, -1, -1])",
        source=STATEMENT,
        label_order="negative labels sorted numerically: -1, 0, 2",
    )


@points(1, category="edge_cases")
def test_integer_labels_far_apart(candidate: Any) -> None:
    # Two labels 10**12 apart: counting over the whole range of values would need 10**24 cells.
    y_true, y_pred = np.array([0, FAR, FAR, 5]), np.array([FAR, FAR, 0, 5])
    what = f"confusion_matrix([0, {FAR}, {FAR}, 5], [{FAR}, {FAR}, 0, 5])"
    try:
        got = candidate.confusion_matrix(y_true, y_pred)
    except CandidateRaised as error:
        raise CheckFailed(
            f"{what} raised {error.remote_type}: {str(error)[:200]}; integer labels far apart are "
            "counted over the labels that occur, not over the whole range of values between them"
        ) from None
    expected = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 1]])
    expect_matrix(got, expected, what=what, source=STATEMENT, label_order="labels sorted: 0, 5, 10**12")
    _prfs(candidate, y_true, y_pred, ([0.0, 1.0, 0.5], [0.0, 1.0, 0.5], [0.0, 1.0, 0.5], [1, 1, 2]), average=None)


@points(1, category="edge_cases")
def test_bool_labels(candidate: Any) -> None:
    y_true = np.array([True, False, True, True])
    y_pred = np.array([True, True, False, True])
    expect_matrix(
        candidate.confusion_matrix(y_true, y_pred),
        np.array([[0, 1], [1, 2]]),
        what="confusion_matrix of bool labels",
        source=STATEMENT,
        label_order="False before True",
    )
    # The default pos_label=1 is True.
    _prfs(candidate, y_true, y_pred, (2 / 3, 2 / 3, 2 / 3, None), average="binary")
    _prfs(candidate, y_true, y_pred, (0.0, 0.0, 0.0, None), average="binary", pos_label=False)


ZeroDivisionCase = tuple[str, tuple[list[int], list[int]], dict[str, Any]]


def _zero_division_cases() -> list[ZeroDivisionCase]:
    """Calls where some ratio has a zero denominator, or all of them do."""
    cases: list[ZeroDivisionCase] = []
    for data in (([0, 1, 2, 2], [0, 1, 1, 1]), ([0, 0, 1], [0, 2, 1]), ([3, 3], [3, 3])):
        for average in (None, "micro", "macro", "weighted"):
            for zero_division in (0.0, 1.0):
                kwargs = {"average": average, "zero_division": zero_division}
                cases.append(("precision_recall_fscore_support", data, kwargs))
        cases.append(("precision_recall_fscore_support", data, {"labels": [9], "average": None}))
        cases.append(("precision_recall_fscore_support", data, {"labels": [8, 9], "average": "weighted"}))
        for name in ("precision_score", "recall_score", "f1_score"):
            cases.append((name, data, {"average": "macro", "labels": [7, 8]}))
    cases.append(("precision_recall_fscore_support", ([0, 0], [0, 0]), {"average": "binary"}))
    cases.append(("f1_score", ([1, 0, 0], [0, 1, 0]), {"zero_division": 1.0}))
    return cases


@points(2, category="edge_cases")
def test_no_floating_point_warnings_when_a_denominator_is_zero(candidate: Any, reference: Any, sandbox: Any) -> None:
    # Gated on the right values: silence earns nothing unless the ratios are zero_division.
    for name, data, kwargs in _zero_division_cases():
        what = f"{name}({data[0]}, {data[1]}, " + ", ".join(f"{k}={v!r}" for k, v in kwargs.items()) + ")"
        with floating_point_warnings_raise(sandbox):
            try:
                got = getattr(candidate, name)(*data, **kwargs)
            except FloatingPointError as error:
                raise CheckFailed(
                    f"{what} emitted a NumPy floating-point warning ({error}); where a "
                    "denominator is zero the ratio is zero_division, computed without dividing "
                    "by zero (for example np.divide(..., where=denominator != 0))"
                ) from None
        expect_result(name, got, getattr(reference, name)(*data, **kwargs), what=what, source=STATEMENT)
