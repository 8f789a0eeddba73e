"""The corners the statement names, with hand-computed answers (``edge_cases``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from ranking_metrics_checks import STATEMENT, expect_area, expect_curve

from grader.testing import points

INF = np.inf


def _roc(candidate: Any, y_true: Any, y_score: Any, expected: Any, note: str, **kwargs: Any) -> None:
    shown = "".join(f", {key}={value!r}" for key, value in kwargs.items())
    what = f"roc_curve({y_true!r}, {y_score!r}{shown}) ({note})"
    expect_curve(
        candidate.roc_curve(y_true, y_score, **kwargs), expected, name="roc_curve", what=what, source=STATEMENT
    )


def _pr(candidate: Any, y_true: Any, y_score: Any, expected: Any, note: str, **kwargs: Any) -> None:
    shown = "".join(f", {key}={value!r}" for key, value in kwargs.items())
    what = f"precision_recall_curve({y_true!r}, {y_score!r}{shown}) ({note})"
    got = candidate.precision_recall_curve(y_true, y_score, **kwargs)
    expect_curve(got, expected, name="precision_recall_curve", what=what, source=STATEMENT)


def _area(candidate: Any, name: str, y_true: Any, y_score: Any, expected: float, note: str, **kwargs: Any) -> None:
    shown = "".join(f", {key}={value!r}" for key, value in kwargs.items())
    what = f"{name}({y_true!r}, {y_score!r}{shown}) ({note})"
    expect_area(getattr(candidate, name)(y_true, y_score, **kwargs), expected, what=what, source=STATEMENT)


@points(1, category="edge_cases")
def test_every_score_tied(candidate: Any) -> None:
    y_true, y_score = [0, 1, 1, 0, 1], [0.5] * 5
    note = "every score tied: one threshold"
    for drop in (True, False):
        _roc(candidate, y_true, y_score, ([0.0, 1.0], [0.0, 1.0], [INF, 0.5]), note, drop_intermediate=drop)
    _pr(candidate, y_true, y_score, ([0.6, 1.0], [1.0, 0.0], [0.5]), note)
    _area(candidate, "roc_auc_score", y_true, y_score, 0.5, note + ": every pair a tie")
    _area(candidate, "average_precision_score", y_true, y_score, 0.6, note + ": the share of positives")


@points(1, category="edge_cases")
def test_two_samples_and_perfect_and_reversed_rankings(candidate: Any) -> None:
    _roc(candidate, [0, 1], [0.2, 0.8], ([0.0, 0.0, 1.0], [0.0, 1.0, 1.0], [INF, 0.8, 0.2]), "two samples")
    _pr(candidate, [0, 1], [0.2, 0.8], ([0.5, 1.0, 1.0], [1.0, 1.0, 0.0], [0.2, 0.8]), "two samples")
    _area(candidate, "roc_auc_score", [0, 1], [0.2, 0.8], 1.0, "two samples, ranked right")
    _area(candidate, "roc_auc_score", [0, 1], [0.8, 0.2], 0.0, "two samples, ranked wrong")
    y_true = [1, 1, 0, 0, 0]
    _area(candidate, "roc_auc_score", y_true, [5, 4, 3, 2, 1], 1.0, "a perfect ranking")
    _area(candidate, "average_precision_score", y_true, [5, 4, 3, 2, 1], 1.0, "a perfect ranking")
    _area(candidate, "roc_auc_score", y_true, [1, 2, 3, 4, 5], 0.0, "a reversed ranking")
    # Reversed: the positives come last, at precision 1/4 and then 2/5.
    _area(candidate, "average_precision_score", y_true, [1, 2, 3, 4, 5], 0.5 * 0.25 + 0.5 * 0.4, "a reversed ranking")


@points(1, category="edge_cases")
def test_bool_and_minus_one_labels_with_the_default_pos_label(candidate: Any) -> None:
    scores = [0.1, 0.4, 0.35, 0.8]
    expected = ([0.0, 0.0, 0.5, 0.5, 1.0], [0.0, 0.5, 0.5, 1.0, 1.0], [INF, 0.8, 0.4, 0.35, 0.1])
    _roc(candidate, [False, False, True, True], scores, expected, "bool labels: True is positive")
    _roc(candidate, [-1, -1, 1, 1], scores, expected, "labels -1 and 1: 1 is positive")
    _area(candidate, "roc_auc_score", [False, False, True, True], scores, 0.75, "bool labels: True is positive")
    _area(candidate, "average_precision_score", [-1, -1, 1, 1], scores, 5 / 6, "labels -1 and 1, pos_label=1")
    _area(
        candidate,
        "average_precision_score",
        [False, False, True, True],
        scores,
        5 / 6,
        "bool labels, pos_label=1 is True",
    )


@points(1, category="edge_cases")
def test_string_labels_with_pos_label(candidate: Any) -> None:
    y_true, scores = ["b", "a", "b", "a"], [0.9, 0.8, 0.3, 0.1]
    # pos_label="a" is the smaller label: the curve follows "a", not the greater label.
    _roc(
        candidate,
        y_true,
        scores,
        ([0.0, 0.5, 0.5, 1.0, 1.0], [0.0, 0.0, 0.5, 0.5, 1.0], [INF, 0.9, 0.8, 0.3, 0.1]),
        "pos_label='a'",
        pos_label="a",
        drop_intermediate=False,
    )
    _pr(
        candidate,
        y_true,
        scores,
        ([0.5, 1 / 3, 0.5, 0.0, 1.0], [1.0, 0.5, 0.5, 0.0, 0.0], [0.1, 0.3, 0.8, 0.9]),
        "pos_label='a'",
        pos_label="a",
    )
    _area(candidate, "average_precision_score", y_true, scores, 0.5 * 0.5 + 0.5 * 0.5, "pos_label='a'", pos_label="a")
    _area(candidate, "average_precision_score", y_true, scores, 0.5 * 1.0 + 0.5 * 2 / 3, "pos_label='b'", pos_label="b")
    # roc_auc_score: the positive class is the greater label, "b".
    _area(candidate, "roc_auc_score", y_true, scores, 0.75, "'b' > 'a' is the positive class")


@points(1, category="edge_cases")
def test_more_than_two_labels_with_pos_label(candidate: Any) -> None:
    # Every label other than pos_label is negative.
    y_true, scores = [2, 0, 1, 2, 1], [0.9, 0.7, 0.6, 0.5, 0.2]
    _roc(
        candidate,
        y_true,
        scores,
        ([0.0, 0.0, 1 / 3, 2 / 3, 2 / 3, 1.0], [0.0, 0.5, 0.5, 0.5, 1.0, 1.0], [INF, 0.9, 0.7, 0.6, 0.5, 0.2]),
        "three labels, pos_label=2: labels 0 and 1 are negative",
        pos_label=2,
        drop_intermediate=False,
    )
    _pr(
        candidate,
        y_true,
        scores,
        ([0.4, 0.5, 1 / 3, 0.5, 1.0, 1.0], [1.0, 1.0, 0.5, 0.5, 0.5, 0.0], [0.2, 0.5, 0.6, 0.7, 0.9]),
        "three labels, pos_label=2",
        pos_label=2,
    )


@points(1, category="edge_cases")
def test_integer_scores_give_float64_thresholds(candidate: Any) -> None:
    _roc(
        candidate,
        [0, 1, 0, 1],
        [3, 7, 3, 9],
        ([0.0, 0.0, 0.0, 1.0], [0.0, 0.5, 1.0, 1.0], [INF, 9.0, 7.0, 3.0]),
        "integer scores; thresholds are float64",
    )
    _pr(
        candidate,
        [0, 1, 0, 1],
        [3, 7, 3, 9],
        ([0.5, 1.0, 1.0, 1.0], [1.0, 1.0, 0.5, 0.0], [3.0, 7.0, 9.0]),
        "integer scores; thresholds are float64",
    )


@points(1, category="edge_cases")
def test_scores_far_from_zero_and_not_representable_in_binary(candidate: Any) -> None:
    big = 1e12
    scores = [big + 3, big + 1, big + 2, big + 1]
    _roc(
        candidate,
        [1, 0, 1, 0],
        scores,
        ([0.0, 0.0, 0.0, 1.0], [0.0, 0.5, 1.0, 1.0], [INF, big + 3, big + 2, big + 1]),
        "scores near 1e12",
        drop_intermediate=False,
    )
    # 0.1 + 0.2 != 0.3 in binary floating point: two thresholds, returned exactly as given.
    scores = [0.1 + 0.2, 0.3, 0.1, 0.3]
    _roc(
        candidate,
        [1, 0, 0, 1],
        scores,
        ([0.0, 0.0, 0.5, 1.0], [0.0, 0.5, 1.0, 1.0], [INF, 0.1 + 0.2, 0.3, 0.1]),
        "0.1 + 0.2 and 0.3 are different scores",
        drop_intermediate=False,
    )
    _pr(
        candidate,
        [1, 0, 0, 1],
        scores,
        ([0.5, 2 / 3, 1.0, 1.0], [1.0, 1.0, 0.5, 0.0], [0.1, 0.3, 0.1 + 0.2]),
        "0.1 + 0.2 and 0.3 are different scores",
    )
    _area(candidate, "roc_auc_score", [1, 0, 0, 1], scores, 0.875, "0.1 + 0.2 > 0.3: no tie")
