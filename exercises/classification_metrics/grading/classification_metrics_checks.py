"""Shared pieces of the ``classification_metrics`` suite: scikit-learn as an oracle, comparisons.

scikit-learn runs here, in the judge, on the same arrays the candidate receives; its warnings
(``UndefinedMetricWarning``, "a single label was found") are silenced by ``quietly`` because the
statement settles those cases with ``zero_division``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import numpy as np
from sklearn import metrics

from grader.testing import (
    Array,
    CheckFailed,
    brief,
    expect_close,
    expect_equal,
    first_difference,
    quietly,
    remembered,
)

# Ratios are one division of small integers (or a mean of a few): 1e-12 leaves room for the
# order of a sum, nothing more.
RATIO_RTOL = 1e-12
RATIO_ATOL = 1e-12
SCORE_NAMES = ("precision", "recall", "f1")
STATEMENT = "the statement"

Scores = tuple[Any, Any, Any, Any]


@remembered  # label vectors in, scores out: computed once per input, for every submission
def sklearn(name: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``sklearn.metrics.<name>`` with its warnings silenced."""
    return quietly(getattr(metrics, name), *args, **kwargs)


def call_text(name: str, **kwargs: Any) -> str:
    """``name(y_true, y_pred, key=value, ...)`` for the keyword arguments that are set."""
    shown = "".join(f", {key}={_short(value)}" for key, value in kwargs.items())
    return f"{name}(y_true, y_pred{shown})"


def _short(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return repr(value.tolist())
    return repr(value)


def unpack_scores(actual: Any, *, what: str) -> Scores:
    """The four parts of a ``precision_recall_fscore_support`` result, or a clear failure."""
    if not isinstance(actual, (tuple, list)) or len(actual) != 4:
        raise CheckFailed(f"{what} returned {brief(actual)}; expected a tuple (precision, recall, f1, support)")
    return actual[0], actual[1], actual[2], actual[3]


def expect_scores(actual: Any, expected: Scores, *, what: str, source: str = "scikit-learn") -> None:
    """Compare a ``(precision, recall, f1, support)`` tuple with the expected one."""
    scores = unpack_scores(actual, what=what)
    for name, got, wanted in zip(SCORE_NAMES, scores[:3], expected[:3], strict=True):
        expect_ratio(got, wanted, what=f"{name} from {what}", source=source)
    expect_support(scores[3], expected[3], what=what, source=source)


def expect_support(actual: Any, expected: Any, *, what: str, source: str) -> None:
    """Support: exact counts per label, or None when the scores are averaged."""
    if expected is None:
        if actual is not None:
            raise CheckFailed(f"support from {what} is {brief(actual)}; expected None, since the scores are averaged")
        return
    expect_equal(actual, np.asarray(expected), what=f"support from {what}", source=source)


def expect_matrix(
    actual: Any, expected: Array, *, what: str, source: str = "scikit-learn", label_order: str = "labels sorted"
) -> None:
    """Compare a confusion matrix exactly, and say which way round it should be."""
    layout = f"rows: true labels, columns: predicted labels, {label_order}"
    expect_equal(actual, expected, what=f"{what} ({layout})", source=source)


def expect_ratio(actual: Any, expected: Any, *, what: str, source: str = "scikit-learn") -> None:
    """Compare one score (a float, or an array of per-label scores) to 1e-12."""
    expect_close(actual, expected, what=what, source=source, rtol=RATIO_RTOL, atol=RATIO_ATOL)


def expect_result(name: str, actual: Any, expected: Any, *, what: str, source: str) -> None:
    """Compare what the function ``name`` returned with ``expected``, the way its result is compared."""
    if name == "confusion_matrix":
        expect_matrix(actual, expected, what=what, source=source, label_order="in the order of `labels`")
    elif name == "precision_recall_fscore_support":
        expect_scores(actual, expected, what=what, source=source)
    else:
        expect_ratio(actual, expected, what=what, source=source)


def expect_right_answer(candidate: Any, reference: Any, name: str, *args: Any, **kwargs: Any) -> None:
    """``name(*args, **kwargs)`` of the candidate equals the reference's: the valid call beside an invalid one.

    Validation checks start with it, so that raising ``ValueError`` on everything earns nothing.
    """
    shown = ", ".join([*(repr(arg) for arg in args), *(f"{key}={value!r}" for key, value in kwargs.items())])
    what = f"{name}({shown}) (valid input)"
    expected = getattr(reference, name)(*args, **kwargs)
    expect_result(name, getattr(candidate, name)(*args, **kwargs), expected, what=what, source="the reference")


def expect_unchanged(after: Any, before: Array, *, what: str) -> None:
    """An array the candidate was given must hold the same labels after the call."""
    if not isinstance(after, np.ndarray) or after.shape != before.shape or after.tolist() != before.tolist():
        raise CheckFailed(
            f"{what} is {brief(after)}, no longer the labels passed in ({brief(before)}): it differs "
            f"{first_difference(after, before)}. The arrays you are given must be left unchanged"
        )


def expect_integer_matrix(actual: Any, *, what: str) -> None:
    """A confusion matrix must hold integer counts (checked once its values are right)."""
    if not isinstance(actual, np.ndarray) or actual.dtype.kind not in "iu":
        raise CheckFailed(f"{what} returned {brief(actual)}; expected an integer array of counts")


def matrix_total(matrix: Any) -> int:
    """The sum of a confusion matrix the candidate returned, which must be an array."""
    if not isinstance(matrix, np.ndarray):
        raise CheckFailed(f"confusion_matrix returned {brief(matrix)}; expected an array")
    return int(matrix.sum())


@contextlib.contextmanager
def floating_point_warnings_raise(sandbox: Any) -> Iterator[None]:
    """Inside the block, a NumPy floating-point warning in candidate code raises instead.

    ``numpy.seterr`` is called inside the worker, in the candidate's own process; the previous
    settings are restored afterwards.
    """
    previous = sandbox.worker_call("numpy.seterr", all="raise")
    try:
        yield
    finally:
        sandbox.worker_call("numpy.seterr", **previous)
