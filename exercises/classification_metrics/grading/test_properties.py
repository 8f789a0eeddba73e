"""Invariants any correct implementation keeps (``properties``).

Most are checked on the candidate alone (a call against another call). The state checks compare with
the reference: the arrays passed in stay as they were, a second call on them agrees with the first,
and a call on other data in between changes nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from classification_metrics_checks import (
    SCORE_NAMES,
    Scores,
    call_text,
    expect_matrix,
    expect_ratio,
    expect_result,
    expect_unchanged,
    matrix_total,
    unpack_scores,
)
from classification_metrics_strategies import (
    LabelProblem,
    label_problems,
    problems_with_labels,
    rename,
    renamed_problems,
    shuffle,
    shuffled_problems,
)
from hypothesis import given
from hypothesis import strategies as st

from grader.testing import Array, expect_equal, few_examples, points, read_array

ZERO_DIVISIONS = st.sampled_from([0.0, 1.0])


def _scores(candidate: Any, y_true: Array, y_pred: Array, **kwargs: Any) -> Scores:
    """``precision_recall_fscore_support`` of the candidate, checked to be a 4-tuple."""
    result = candidate.precision_recall_fscore_support(y_true, y_pred, **kwargs)
    return unpack_scores(
        result,
        what="precision_recall_fscore_support" + "".join(f", {k}={v!r}" for k, v in kwargs.items()),
    )


@points(1, category="properties")
@given(problem=label_problems())
def test_confusion_matrix_sums_to_the_number_of_samples(candidate: Any, problem: LabelProblem) -> None:
    total = matrix_total(candidate.confusion_matrix(problem.y_true, problem.y_pred))
    expect_equal(
        total,
        problem.y_true.shape[0],
        what="the sum of confusion_matrix(y_true, y_pred)",
        source="the number of samples",
    )


@points(1, category="properties")
@given(problem=label_problems())
def test_trace_over_the_number_of_samples_is_the_accuracy(candidate: Any, problem: LabelProblem) -> None:
    matrix = candidate.confusion_matrix(problem.y_true, problem.y_pred)
    matrix_total(matrix)
    expect_ratio(
        candidate.accuracy_score(problem.y_true, problem.y_pred),
        np.trace(matrix) / problem.y_true.shape[0],
        what="accuracy_score(y_true, y_pred)",
        source="trace(confusion_matrix) / n_samples",
    )


@points(1, category="properties")
@given(problem=label_problems())
def test_swapping_truth_and_predictions_transposes_the_matrix(candidate: Any, problem: LabelProblem) -> None:
    matrix = candidate.confusion_matrix(problem.y_true, problem.y_pred)
    matrix_total(matrix)
    swapped = candidate.confusion_matrix(problem.y_pred, problem.y_true)
    expect_matrix(
        swapped,
        matrix.T,
        what="confusion_matrix(y_pred, y_true)",
        source="the transpose of confusion_matrix(y_true, y_pred)",
    )


@points(1, category="properties")
@given(problem=label_problems(), average=st.sampled_from([None, "macro"]), zero_division=ZERO_DIVISIONS)
def test_swapping_truth_and_predictions_swaps_precision_and_recall(
    candidate: Any, problem: LabelProblem, average: str | None, zero_division: float
) -> None:
    kwargs = {"average": average, "zero_division": zero_division}
    forward = _scores(candidate, problem.y_true, problem.y_pred, **kwargs)
    backward = _scores(candidate, problem.y_pred, problem.y_true, **kwargs)
    expect_ratio(
        backward[0],
        forward[1],
        what=f"precision with y_true and y_pred swapped (average={average!r})",
        source="the recall before the swap",
    )
    expect_ratio(
        backward[1],
        forward[0],
        what=f"recall with y_true and y_pred swapped (average={average!r})",
        source="the precision before the swap",
    )
    expect_ratio(
        backward[2],
        forward[2],
        what=f"f1 with y_true and y_pred swapped (average={average!r})",
        source="the f1 before the swap",
    )


@points(1, category="properties")
@given(problem=label_problems())
def test_micro_averaged_f1_equals_the_accuracy(candidate: Any, problem: LabelProblem) -> None:
    got = candidate.f1_score(problem.y_true, problem.y_pred, average="micro")
    expect_ratio(
        got,
        candidate.accuracy_score(problem.y_true, problem.y_pred),
        what="f1_score(y_true, y_pred, average='micro')",
        source="accuracy_score(y_true, y_pred)",
    )


@points(1, category="properties")
@given(problem=label_problems(), zero_division=ZERO_DIVISIONS)
def test_macro_average_is_the_mean_of_the_per_label_values(
    candidate: Any, problem: LabelProblem, zero_division: float
) -> None:
    per_label = _scores(candidate, problem.y_true, problem.y_pred, average=None, zero_division=zero_division)
    macro = _scores(candidate, problem.y_true, problem.y_pred, average="macro", zero_division=zero_division)
    for index, name in enumerate(SCORE_NAMES):
        expect_ratio(
            macro[index],
            np.mean(np.asarray(per_label[index], dtype=float)),
            what=f"{name} with average='macro'",
            source=f"the mean of the per-label {name} values",
        )


@points(1, category="properties")
@given(problem=label_problems(), zero_division=ZERO_DIVISIONS)
def test_weighted_average_is_the_support_weighted_mean(
    candidate: Any, problem: LabelProblem, zero_division: float
) -> None:
    per_label = _scores(candidate, problem.y_true, problem.y_pred, average=None, zero_division=zero_division)
    weighted = _scores(candidate, problem.y_true, problem.y_pred, average="weighted", zero_division=zero_division)
    support = np.asarray(per_label[3], dtype=float)
    for index, name in enumerate(SCORE_NAMES):
        values = np.asarray(per_label[index], dtype=float)
        expect_ratio(
            weighted[index],
            float(values @ support / support.sum()),
            what=f"{name} with average='weighted'",
            source=f"the per-label {name} values weighted by support",
        )


@points(1, category="properties")
@given(problem=shuffled_problems(), zero_division=ZERO_DIVISIONS)
def test_permuting_the_samples_changes_nothing(candidate: Any, problem: LabelProblem, zero_division: float) -> None:
    shuffled = shuffle(problem)
    expect_matrix(
        candidate.confusion_matrix(shuffled.y_true, shuffled.y_pred),
        candidate.confusion_matrix(problem.y_true, problem.y_pred),
        what="confusion_matrix of the shuffled samples",
        source="confusion_matrix of the samples in their original order",
    )
    kwargs = {"average": None, "zero_division": zero_division}
    got = _scores(candidate, shuffled.y_true, shuffled.y_pred, **kwargs)
    before = _scores(candidate, problem.y_true, problem.y_pred, **kwargs)
    for index, name in enumerate((*SCORE_NAMES, "support")):
        expect_ratio(
            got[index],
            before[index],
            what=f"{name} of the shuffled samples",
            source="the samples in their original order",
        )


@points(1, category="properties")
@given(problem=renamed_problems(), zero_division=ZERO_DIVISIONS)
def test_renaming_labels_consistently_only_reorders_the_results(
    candidate: Any, problem: LabelProblem, zero_division: float
) -> None:
    renamed = rename(problem)
    # Where each original label lands in the sorted order of the new names.
    renaming = problem.renaming or {}
    new_names = np.array([renaming[label][1] for label in problem.present])
    order = np.argsort(new_names, kind="stable")
    n_labels = len(problem.present)
    matrix = read_array(
        candidate.confusion_matrix(problem.y_true, problem.y_pred),
        what="confusion_matrix(y_true, y_pred)",
        shape=(n_labels, n_labels),
    )
    expect_matrix(
        candidate.confusion_matrix(renamed.y_true, renamed.y_pred),
        matrix[np.ix_(order, order)],
        what="confusion_matrix of the renamed labels",
        source="the original matrix with rows and columns in the new names' order",
    )
    kwargs = {"average": None, "zero_division": zero_division}
    got = _scores(candidate, renamed.y_true, renamed.y_pred, **kwargs)
    before = _scores(candidate, problem.y_true, problem.y_pred, **kwargs)
    for index, name in enumerate((*SCORE_NAMES, "support")):
        expect_ratio(
            got[index],
            read_array(before[index], what=f"per-label {name}", shape=(n_labels,)).astype(float)[order],
            what=f"per-label {name} of the renamed labels",
            source="the original values in the new names' order",
        )


STEPS = (
    "call 1 of 3",
    "call 2 of 3, after a call on other data",
    "call 3 of 3, on the data of call 1 again, after a call on other data",
)


def _calls_to_repeat(problem: LabelProblem) -> list[tuple[str, dict[str, Any]]]:
    return [
        ("confusion_matrix", {}),
        ("confusion_matrix", {"labels": problem.labels}),
        ("accuracy_score", {}),
        ("precision_recall_fscore_support", {"labels": problem.labels, "average": None}),
        ("precision_recall_fscore_support", {"average": "macro", "zero_division": 1.0}),
        ("f1_score", {"average": "weighted"}),
    ]


@points(1, category="properties")
@few_examples(10)
@given(problem=problems_with_labels())
def test_the_arrays_passed_in_are_left_unchanged_and_a_second_call_agrees(
    candidate: Any, reference: Any, sandbox: Any, problem: LabelProblem
) -> None:
    # The same two arrays, kept in the worker, go to every call: a function that rewrites them
    # (labels encoded in place, sorted in place) changes what the next call sees.
    held = {"y_true": sandbox.hold(problem.y_true), "y_pred": sandbox.hold(problem.y_pred)}
    originals = {"y_true": problem.y_true, "y_pred": problem.y_pred}
    for name, kwargs in _calls_to_repeat(problem):
        expected = getattr(reference, name)(problem.y_true, problem.y_pred, **kwargs)
        for attempt in ("first", "second"):
            what = f"{call_text(name, **kwargs)} ({attempt} call on the same arrays)"
            got = getattr(candidate, name)(held["y_true"], held["y_pred"], **kwargs)
            expect_result(name, got, expected, what=what, source="the reference")
            for argument, handle in held.items():
                expect_unchanged(sandbox.read(handle), originals[argument], what=f"{argument} after {what}")


@points(1, category="properties")
@few_examples(10)
@given(first=label_problems(), second=label_problems())
def test_each_call_answers_for_its_own_data(
    candidate: Any, reference: Any, first: LabelProblem, second: LabelProblem
) -> None:
    # No state is kept between calls: data seen before changes nothing.
    for step, problem in enumerate((first, second, first)):
        for name, kwargs in (("confusion_matrix", {}), ("precision_recall_fscore_support", {"average": None})):
            expected = getattr(reference, name)(problem.y_true, problem.y_pred, **kwargs)
            got = getattr(candidate, name)(problem.y_true, problem.y_pred, **kwargs)
            what = f"{call_text(name, **kwargs)} ({STEPS[step]})"
            expect_result(name, got, expected, what=what, source="the reference")
