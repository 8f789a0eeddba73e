"""Invariants any correct implementation keeps (``properties``).

Most compare the candidate with itself (one call against another) or with a judge-side formula
(Mann-Whitney with mid-ranks, the trapezoid, the step sum). The state checks compare with the
reference: the arrays passed in stay as they were, a second call agrees with the first, and a call
on other data in between changes nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from ranking_metrics_checks import (
    AREA_ATOL,
    AREA_RTOL,
    call_text,
    expect_area,
    expect_curve,
    expect_result,
    expect_unchanged,
    mann_whitney,
    read_area,
    read_curve,
    trapezoid,
)
from ranking_metrics_strategies import (
    MONOTONE,
    BinaryProblem,
    MulticlassProblem,
    binary_problems,
    multiclass_problems,
    shuffle,
    shuffled_problems,
)

from grader.testing import CheckFailed, brief, expect_close, few_examples, points, read_array


def _auc(candidate: Any, problem: BinaryProblem, scores: Any = None) -> float:
    y_score = problem.y_score if scores is None else scores
    return read_area(candidate.roc_auc_score(problem.y_true, y_score), what=call_text("roc_auc_score"))


@points(1, category="properties")
@given(problem=binary_problems())
def test_negated_scores_give_one_minus_the_auc(candidate: Any, problem: BinaryProblem) -> None:
    auc = _auc(candidate, problem)
    expect_close(
        _auc(candidate, problem, -problem.y_score),
        1.0 - auc,
        what="roc_auc_score(y_true, -y_score)",
        source=f"1 - roc_auc_score(y_true, y_score) = 1 - {auc!r}",
        rtol=AREA_RTOL,
        atol=AREA_ATOL,
    )


@points(1, category="properties")
@given(problem=binary_problems())
def test_auc_is_the_mann_whitney_statistic_with_mid_ranks(candidate: Any, problem: BinaryProblem) -> None:
    positive = problem.y_true == np.unique(problem.y_true)[1]
    expect_area(
        candidate.roc_auc_score(problem.y_true, problem.y_score),
        mann_whitney(positive, problem.y_score),
        what=call_text("roc_auc_score"),
        source="the share of (positive, negative) pairs ranked right, a tie counting one half",
    )


@points(1, category="properties")
@given(problem=binary_problems(kinds=("01", "pm1", "bool")), drop=st.booleans())
def test_auc_is_the_area_under_your_roc_curve(candidate: Any, problem: BinaryProblem, drop: bool) -> None:
    what = call_text("roc_curve", drop_intermediate=drop)
    fpr, tpr, _ = read_curve(
        candidate.roc_curve(problem.y_true, problem.y_score, drop_intermediate=drop), name="roc_curve", what=what
    )
    if fpr.shape != tpr.shape:
        raise CheckFailed(f"fpr and tpr from {what} have lengths {fpr.shape[0]} and {tpr.shape[0]}; expected equal")
    expect_area(
        candidate.roc_auc_score(problem.y_true, problem.y_score),
        trapezoid(fpr, tpr),
        what=call_text("roc_auc_score"),
        source=f"the trapezoidal area under your {what}",
    )


@points(1, category="properties")
@given(problem=binary_problems(many_labels=True), transform=st.sampled_from(sorted(MONOTONE)))
def test_a_strictly_increasing_transform_of_the_scores_changes_no_rate(
    candidate: Any, problem: BinaryProblem, transform: str
) -> None:
    moved = MONOTONE[transform](problem.y_score)
    kwargs = problem.kwargs()
    for name in ("roc_curve", "precision_recall_curve"):
        before = read_curve(
            getattr(candidate, name)(problem.y_true, problem.y_score, **kwargs),
            name=name,
            what=call_text(name, **kwargs),
        )
        what = call_text(name, **kwargs).replace("y_score", f"{transform} for s in y_score", 1)
        after = getattr(candidate, name)(problem.y_true, moved, **kwargs)
        # Same rates; the thresholds are the transformed scores.
        finite = before[2][np.isfinite(before[2])]
        thresholds = _moved_thresholds(transform, finite, problem.y_score)
        expected_thresholds = np.concatenate(([np.inf], thresholds)) if name == "roc_curve" else thresholds
        expect_curve(
            after,
            (before[0], before[1], expected_thresholds),
            name=name,
            what=what,
            source="the same call on the untransformed scores",
        )
    if problem.two_labels:
        expect_area(
            candidate.roc_auc_score(problem.y_true, moved),
            _auc(candidate, problem),
            what=f"roc_auc_score(y_true, {transform} for s in y_score)",
            source="roc_auc_score(y_true, y_score)",
        )


def _moved_thresholds(transform: str, thresholds: Any, scores: Any) -> Any:
    """The transformed scores at the thresholds (the exp transform shifts by the minimum of all scores)."""
    if transform.startswith("exp"):
        return np.exp((thresholds - scores.min()) / 4.0)
    return MONOTONE[transform](thresholds)


@points(1, category="properties")
@given(problem=shuffled_problems(many_labels=True))
def test_shuffling_the_samples_changes_nothing_even_with_ties(candidate: Any, problem: BinaryProblem) -> None:
    shuffled = shuffle(problem)
    kwargs = problem.kwargs()
    for name in ("roc_curve", "precision_recall_curve"):
        first = read_curve(
            getattr(candidate, name)(problem.y_true, problem.y_score, **kwargs),
            name=name,
            what=call_text(name, **kwargs),
        )
        expect_curve(
            getattr(candidate, name)(shuffled.y_true, shuffled.y_score, **kwargs),
            first,
            name=name,
            what=f"{call_text(name, **kwargs)} with the samples shuffled "
            "(tied scores are one threshold, whatever the order)",
            source="the same call in the original order",
        )
    if problem.two_labels:
        for name, extra in (("roc_auc_score", {}), ("average_precision_score", {"pos_label": problem.positive})):
            first_area = read_area(
                getattr(candidate, name)(problem.y_true, problem.y_score, **extra), what=call_text(name, **extra)
            )
            expect_area(
                getattr(candidate, name)(shuffled.y_true, shuffled.y_score, **extra),
                first_area,
                what=f"{call_text(name, **extra)} with the samples shuffled (ties included)",
                source="the same call in the original order",
            )


@points(1, category="properties")
@given(problem=binary_problems(many_labels=True))
def test_curves_are_monotone_and_start_and_end_where_the_statement_says(candidate: Any, problem: BinaryProblem) -> None:
    kwargs = problem.kwargs()
    distinct = np.unique(problem.y_score).shape[0]
    _expect_roc_shape(candidate, problem, kwargs, distinct)
    _expect_pr_shape(candidate, problem, kwargs, distinct)


def _expect_roc_shape(candidate: Any, problem: BinaryProblem, kwargs: dict[str, Any], distinct: int) -> None:
    what = call_text("roc_curve", **kwargs, drop_intermediate=False)
    got = candidate.roc_curve(problem.y_true, problem.y_score, **kwargs, drop_intermediate=False)
    fpr, tpr, thresholds = read_curve(got, name="roc_curve", what=what)
    lengths = (fpr.shape[0], tpr.shape[0], thresholds.shape[0])
    _expect(
        lengths == (distinct + 1,) * 3,
        f"{what} has lengths {lengths}; expected {distinct + 1} each (a point per distinct score, and the inf point)",
    )
    _expect(
        fpr[0] == 0 and tpr[0] == 0 and thresholds[0] == np.inf,
        f"{what} starts at fpr={fpr[0]}, tpr={tpr[0]}, threshold={thresholds[0]}; expected 0, 0, inf",
    )
    _expect(fpr[-1] == 1 and tpr[-1] == 1, f"{what} ends at fpr={fpr[-1]}, tpr={tpr[-1]}; expected 1, 1")
    _expect(
        bool(np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0)),
        f"fpr or tpr from {what} decreases somewhere: {brief(fpr)}, {brief(tpr)}",
    )
    _expect(
        bool(np.all(np.diff(thresholds) < 0)),
        f"thresholds from {what} are not strictly decreasing: {brief(thresholds)}",
    )


def _expect_pr_shape(candidate: Any, problem: BinaryProblem, kwargs: dict[str, Any], distinct: int) -> None:
    what = call_text("precision_recall_curve", **kwargs)
    got = candidate.precision_recall_curve(problem.y_true, problem.y_score, **kwargs)
    precision, recall, thresholds = read_curve(got, name="precision_recall_curve", what=what)
    lengths = (precision.shape[0], recall.shape[0], thresholds.shape[0])
    _expect(
        lengths == (distinct + 1, distinct + 1, distinct),
        f"{what} has lengths {lengths}; expected {(distinct + 1, distinct + 1, distinct)} (a threshold per distinct "
        "score)",
    )
    _expect(
        precision[-1] == 1 and recall[-1] == 0 and recall[0] == 1,
        f"{what}: recall runs from {recall[0]} to {recall[-1]} and the last precision is {precision[-1]}; "
        "expected recall 1 down to 0, and a last precision of 1",
    )
    _expect(bool(np.all(np.diff(recall) <= 0)), f"recall from {what} increases somewhere: {brief(recall)}")
    _expect(
        bool(np.all(np.diff(thresholds) > 0)),
        f"thresholds from {what} are not strictly increasing: {brief(thresholds)}",
    )


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


@points(1, category="properties")
@given(problem=binary_problems(many_labels=True))
def test_drop_intermediate_keeps_a_subsequence_with_the_same_area(candidate: Any, problem: BinaryProblem) -> None:
    kwargs = problem.kwargs()
    full = read_curve(
        candidate.roc_curve(problem.y_true, problem.y_score, **kwargs, drop_intermediate=False),
        name="roc_curve",
        what=call_text("roc_curve", **kwargs, drop_intermediate=False),
    )
    what = call_text("roc_curve", **kwargs, drop_intermediate=True)
    kept = read_curve(
        candidate.roc_curve(problem.y_true, problem.y_score, **kwargs, drop_intermediate=True),
        name="roc_curve",
        what=what,
    )
    positions = {value: i for i, value in enumerate(full[2].tolist())}
    index = [positions.get(value, -1) for value in kept[2].tolist()]
    if (
        -1 in index
        or index != sorted(index)
        or len(set(index)) != len(index)
        or not index
        or index[0] != 0
        or index[-1] != len(full[2]) - 1
    ):
        raise CheckFailed(
            f"thresholds from {what} ({brief(kept[2])}) are not a subsequence of the "
            f"drop_intermediate=False thresholds ({brief(full[2])}) keeping the first and the last"
        )
    for i, part in enumerate(("fpr", "tpr")):
        expect_close(
            kept[i],
            full[i][index],
            what=f"{part} from {what}",
            source="the same thresholds' points with drop_intermediate=False",
            rtol=1e-12,
            atol=1e-12,
        )
    expect_close(
        trapezoid(kept[0], kept[1]),
        trapezoid(full[0], full[1]),
        what=f"the area under {what}",
        source="the area with drop_intermediate=False",
        rtol=AREA_RTOL,
        atol=AREA_ATOL,
    )


@points(1, category="properties")
@given(problem=binary_problems())
def test_average_precision_is_the_step_sum_of_your_curve(candidate: Any, problem: BinaryProblem) -> None:
    kwargs = {"pos_label": problem.positive}
    what = call_text("precision_recall_curve", **kwargs)
    precision, recall, _ = read_curve(
        candidate.precision_recall_curve(problem.y_true, problem.y_score, **kwargs),
        name="precision_recall_curve",
        what=what,
    )
    if precision.shape != recall.shape:
        raise CheckFailed(
            f"precision and recall from {what} have lengths {precision.shape[0]} and {recall.shape[0]}; expected equal"
        )
    expect_area(
        candidate.average_precision_score(problem.y_true, problem.y_score, **kwargs),
        float(np.sum((recall[:-1] - recall[1:]) * precision[:-1])),
        what=call_text("average_precision_score", **kwargs),
        source=f"the step sum over your {what}",
    )


@points(1, category="properties")
@given(problem=multiclass_problems())
def test_macro_and_weighted_auc_are_means_of_the_per_class_aucs(candidate: Any, problem: MulticlassProblem) -> None:
    what = call_text("roc_auc_score", multi_class="ovr", average=None)
    classes, support = np.unique(problem.y_true, return_counts=True)
    per_class = read_array(
        candidate.roc_auc_score(problem.y_true, problem.y_score, multi_class="ovr", average=None),
        what=what,
        kinds="f",
        shape=classes.shape,
    )
    expect_area(
        candidate.roc_auc_score(problem.y_true, problem.y_score, multi_class="ovr", average="macro"),
        float(per_class.mean()),
        what=call_text("roc_auc_score", multi_class="ovr", average="macro"),
        source=f"the mean of your {what}",
    )
    expect_area(
        candidate.roc_auc_score(problem.y_true, problem.y_score, multi_class="ovr", average="weighted"),
        float(np.average(per_class, weights=support)),
        what=call_text("roc_auc_score", multi_class="ovr", average="weighted"),
        source=f"the mean of your {what} weighted by each class's number of samples",
    )


@points(1, category="properties")
@few_examples(10)
@given(problem=binary_problems(), other=binary_problems(kinds=("01",)))
def test_inputs_are_left_unchanged_and_no_state_is_kept(
    candidate: Any, reference: Any, sandbox: Any, problem: BinaryProblem, other: BinaryProblem
) -> None:
    # The same two arrays, kept in the worker, go to every call: a function that sorts them in place
    # changes what the next call sees. A call on other data in between must change nothing.
    held = {"y_true": sandbox.hold(problem.y_true), "y_score": sandbox.hold(problem.y_score)}
    originals = {"y_true": problem.y_true, "y_score": problem.y_score}
    calls: list[tuple[str, dict[str, Any]]] = [
        ("roc_curve", problem.kwargs()),
        ("precision_recall_curve", problem.kwargs()),
        ("roc_auc_score", {}),
        ("average_precision_score", {"pos_label": problem.positive}),
    ]
    for name, kwargs in calls:
        expected = getattr(reference, name)(problem.y_true, problem.y_score, **kwargs)
        for attempt in ("first call", "second call on the same arrays, after a call on other data"):
            what = f"{call_text(name, **kwargs)} ({attempt})"
            expect_result(
                name,
                getattr(candidate, name)(held["y_true"], held["y_score"], **kwargs),
                expected,
                what=what,
                source="the reference",
            )
            for argument, handle in held.items():
                expect_unchanged(sandbox.read(handle), originals[argument], what=f"{argument} after {what}")
            getattr(candidate, name)(other.y_true, other.y_score)
