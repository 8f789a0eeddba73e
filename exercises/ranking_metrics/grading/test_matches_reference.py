"""Hand-computed answers from the statement, and every function against the reference (``matches_reference``).

The worked example, the exact ``drop_intermediate`` rule (second differences of the counts, the first
and last threshold points always kept, the ``inf`` point added afterwards), the first threshold
``inf``, and the average precision as a step sum where the trapezoid gives another number.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from ranking_metrics_checks import STATEMENT, call_text, expect_area, expect_curve
from ranking_metrics_strategies import BinaryProblem, MulticlassProblem, binary_problems, multiclass_problems

from grader.testing import points

# The worked example of the statement (README.md).
Y_TRUE = ["spam", "ham", "spam", "ham", "ham", "spam", "ham", "ham"]
Y_SCORE = [0.9, 0.8, 0.7, 0.7, 0.4, 0.35, 0.1, 0.1]
INF = np.inf


@points(1, category="matches_reference")
def test_the_worked_example(candidate: Any) -> None:
    what = "roc_curve(y_true, y_score, pos_label='spam') of the worked example (tied scores are one threshold)"
    expected_roc = (
        [0.0, 0.0, 0.2, 0.4, 0.6, 0.6, 1.0],
        [0.0, 1 / 3, 1 / 3, 2 / 3, 2 / 3, 1.0, 1.0],
        [INF, 0.9, 0.8, 0.7, 0.4, 0.35, 0.1],
    )
    got = candidate.roc_curve(Y_TRUE, Y_SCORE, pos_label="spam")
    expect_curve(got, expected_roc, name="roc_curve", what=what, source=STATEMENT)
    expect_area(
        candidate.roc_auc_score(Y_TRUE, Y_SCORE),
        0.7,
        what="roc_auc_score(y_true, y_score) of the worked example ('spam' > 'ham' is the positive class)",
        source=STATEMENT,
    )
    expected_pr = (
        [0.375, 0.5, 0.4, 0.5, 0.5, 1.0, 1.0],
        [1.0, 1.0, 2 / 3, 2 / 3, 1 / 3, 1 / 3, 0.0],
        [0.1, 0.35, 0.4, 0.7, 0.8, 0.9],
    )
    got = candidate.precision_recall_curve(Y_TRUE, Y_SCORE, pos_label="spam")
    what = "precision_recall_curve(y_true, y_score, pos_label='spam') of the worked example"
    expect_curve(got, expected_pr, name="precision_recall_curve", what=what, source=STATEMENT)
    expect_area(
        candidate.average_precision_score(Y_TRUE, Y_SCORE, pos_label="spam"),
        2 / 3,
        what="average_precision_score(y_true, y_score, pos_label='spam') of the worked example",
        source=STATEMENT,
    )


@points(1, category="matches_reference")
def test_drop_intermediate_follows_the_second_difference_rule(candidate: Any) -> None:
    # fps = 0, 0, 1, 2 and tps = 1, 2, 2, 2: only the point at threshold 2 goes. Adding the (0, 0)
    # point before dropping would wrongly drop the point at 4 too.
    expect_curve(
        candidate.roc_curve([0, 0, 1, 1], [1, 2, 3, 4]),
        ([0.0, 0.0, 0.0, 1.0], [0.0, 0.5, 1.0, 1.0], [INF, 4.0, 3.0, 1.0]),
        name="roc_curve",
        what="roc_curve([0, 0, 1, 1], [1, 2, 3, 4]) (drop_intermediate=True by default; "
        "the first threshold point is kept)",
        source=STATEMENT,
    )
    expect_curve(
        candidate.roc_curve([0, 0, 1, 1], [1, 2, 3, 4], drop_intermediate=False),
        ([0.0, 0.0, 0.0, 0.5, 1.0], [0.0, 0.5, 1.0, 1.0, 1.0], [INF, 4.0, 3.0, 2.0, 1.0]),
        name="roc_curve",
        what="roc_curve([0, 0, 1, 1], [1, 2, 3, 4], drop_intermediate=False) (every threshold kept)",
        source=STATEMENT,
    )
    # fps = 0, 1, 2, 4 with tps = 1 throughout: the point at 4 goes (equal steps), the point at 3
    # stays (steps 1 then 2), although all of them lie on one straight line.
    expect_curve(
        candidate.roc_curve([1, 0, 0, 0, 0], [5, 4, 3, 2, 2]),
        ([0.0, 0.0, 0.5, 1.0], [0.0, 1.0, 1.0, 1.0], [INF, 5.0, 3.0, 2.0]),
        name="roc_curve",
        what="roc_curve([1, 0, 0, 0, 0], [5, 4, 3, 2, 2]) (drop_intermediate=True drops only where both second "
        "differences are zero, not every collinear point)",
        source=STATEMENT,
    )
    # Two threshold points: nothing is dropped.
    expect_curve(
        candidate.roc_curve([0, 1, 1], [1, 2, 3], drop_intermediate=True),
        ([0.0, 0.0, 0.0, 1.0], [0.0, 0.5, 1.0, 1.0], [INF, 3.0, 2.0, 1.0]),
        name="roc_curve",
        what="roc_curve([0, 1, 1], [1, 2, 3], drop_intermediate=True)",
        source=STATEMENT,
    )


@points(1, category="matches_reference")
def test_average_precision_is_the_step_sum_not_the_trapezoid(candidate: Any) -> None:
    # precision 0.5, 2/3, 0.5, 1 at recall 1, 1, 0.5, 0.5: the steps give 0.5 * 1 + 0.5 * 2/3 = 5/6
    # where the trapezoid would give about 0.79.
    expect_area(
        candidate.average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]),
        5 / 6,
        what="average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) (the step sum, not the trapezoid)",
        source=STATEMENT,
    )
    # Every score tied: one threshold, precision 3/5 at recall 1.
    expect_area(
        candidate.average_precision_score([1, 0, 1, 0, 1], [2.0] * 5),
        0.6,
        what="average_precision_score([1, 0, 1, 0, 1], [2.0] * 5) (one threshold: the share of positives)",
        source=STATEMENT,
    )


@points(2, category="matches_reference")
@given(problem=binary_problems(many_labels=True))
def test_curves_match_the_reference(candidate: Any, reference: Any, problem: BinaryProblem) -> None:
    for drop in (True, False):
        kwargs = {**problem.kwargs(), "drop_intermediate": drop}
        expect_curve(
            candidate.roc_curve(problem.y_true, problem.y_score, **kwargs),
            reference.roc_curve(problem.y_true, problem.y_score, **kwargs),
            name="roc_curve",
            what=call_text("roc_curve", **kwargs),
            source="the reference",
        )
    kwargs = problem.kwargs()
    expect_curve(
        candidate.precision_recall_curve(problem.y_true, problem.y_score, **kwargs),
        reference.precision_recall_curve(problem.y_true, problem.y_score, **kwargs),
        name="precision_recall_curve",
        what=call_text("precision_recall_curve", **kwargs),
        source="the reference",
    )


@points(1, category="matches_reference")
@given(problem=binary_problems())
def test_areas_match_the_reference(candidate: Any, reference: Any, problem: BinaryProblem) -> None:
    expect_area(
        candidate.roc_auc_score(problem.y_true, problem.y_score),
        reference.roc_auc_score(problem.y_true, problem.y_score),
        what=call_text("roc_auc_score"),
        source="the reference",
    )
    kwargs = {"pos_label": problem.positive}
    expect_area(
        candidate.average_precision_score(problem.y_true, problem.y_score, **kwargs),
        reference.average_precision_score(problem.y_true, problem.y_score, **kwargs),
        what=call_text("average_precision_score", **kwargs),
        source="the reference",
    )


@points(1, category="matches_reference")
@given(problem=multiclass_problems())
def test_one_vs_rest_auc_matches_the_reference(candidate: Any, reference: Any, problem: MulticlassProblem) -> None:
    for average in ("macro", "weighted", "micro", None):
        kwargs = {"multi_class": "ovr", "average": average}
        expect_area(
            candidate.roc_auc_score(problem.y_true, problem.y_score, **kwargs),
            reference.roc_auc_score(problem.y_true, problem.y_score, **kwargs),
            what=call_text("roc_auc_score", **kwargs),
            source="the reference",
        )
