"""Efficiency checks that cannot be gamed: the judge's clock, fresh inputs, full comparison.

The candidate's time runs on the judge's wall clock from the call until its result is completely read
back; every repeat draws a fresh input of the same size; every repeat's output is compared in full
with the reference's. A clock patched inside the worker, work postponed to an attribute read, a cache
between repeats and a shortcut on large inputs all earn nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from grader.core.errors import CandidateTimeout
from grader.grading.proxy import RemoteObject, call_deadline
from grader.testing.checks import CheckFailed, elementwise_equal
from grader.testing.messages import brief

# A candidate call this far past the verdict's threshold is stopped: its verdict is already "slower",
# and the margin leaves a correct solution untouched by a noisy machine (three times the threshold).
DEADLINE_FACTOR = 3.0
DEADLINE_SLACK_SECONDS = 1.0
# Best-of-repeats can only tighten the threshold if the reference gets faster: a candidate already this
# many times under it keeps its pass however much faster the reference's later repeats might be.
CLEAR_PASS_FACTOR = 4.0


def _wall_time(call: Callable[[Any], Any], argument: Any) -> tuple[float, Any]:
    """The judge's wall-clock seconds from the call until its result is completely read back."""
    started = time.perf_counter()
    result = call(argument)
    return time.perf_counter() - started, result


def _is_data(value: Any) -> bool:
    if isinstance(value, (np.ndarray, np.generic, int, float, str, bool)) or value is None:
        return True
    if isinstance(value, (list, tuple)):
        return all(_is_data(item) for item in value)
    if isinstance(value, dict):
        return all(_is_data(item) for item in value.values())
    return False


def _same_result(actual: Any, expected: Any, rtol: float, atol: float) -> bool:
    if isinstance(expected, (list, tuple)) and not isinstance(expected, str):
        return (
            isinstance(actual, (list, tuple))
            and len(actual) == len(expected)
            and all(_same_result(a, e, rtol, atol) for a, e in zip(actual, expected, strict=True))
        )
    if isinstance(expected, dict):
        return (
            isinstance(actual, dict)
            and actual.keys() == expected.keys()
            and all(_same_result(actual[k], expected[k], rtol, atol) for k in expected)
        )
    if isinstance(actual, RemoteObject):
        return False
    try:
        a, e = np.asarray(actual), np.asarray(expected)
    except (TypeError, ValueError):
        return False
    if a.shape != e.shape:
        return False
    if a.dtype.kind in "biuf" and e.dtype.kind in "biuf":
        return bool(np.allclose(a.astype(float), e.astype(float), rtol=rtol, atol=atol, equal_nan=True))
    return bool(np.all(elementwise_equal(a, e)))


def assert_fast_enough(
    candidate_call: Callable[[Any], Any],
    reference_call: Callable[[Any], Any],
    *,
    inputs: Callable[[int], Any],
    within: float,
    what: str,
    repeats: int = 3,
    prepare: Callable[[Any], Any] | None = None,
    compare: Callable[[Any, Any, Any], None] | None = None,
    floor_seconds: float = 0.05,
    rtol: float = 1e-6,
    atol: float = 1e-9,
) -> None:
    """Fail when the candidate is wrong on a timing input, or slower than ``within`` x the reference.

    Every repeat draws a fresh input of the same size, ``inputs(repeat)``, so a cache kept between
    calls cannot pay. ``candidate_call(input)`` must return every output the statement defines for
    the call, read back as data (coefficients and intercept, every label, every fold's indices): the
    judge's clock runs from the call until that result is completely read back, so work postponed to
    an attribute read is counted. ``prepare`` (untimed) may send the input ahead, e.g.
    ``sandbox.hold``. Each repeat's result is compared in full with the reference's: ``compare(actual,
    expected, input)`` raises ``CheckFailed``, or by default every value must agree to ``rtol``/``atol``.
    A fast wrong answer earns nothing. Best of ``repeats``; ``floor_seconds`` absorbs noise. A call
    still running at ``DEADLINE_FACTOR`` times the threshold (plus a second) is stopped and fails; a
    candidate ``CLEAR_PASS_FACTOR`` times under the threshold passes without the remaining repeats.
    """

    def threshold(reference_seconds: float) -> float:
        return within * reference_seconds + floor_seconds

    candidate_best = reference_best = float("inf")
    for repeat in range(repeats):
        data = inputs(repeat)
        reference_seconds, expected = _wall_time(reference_call, data)
        sent = prepare(data) if prepare is not None else data
        limit = DEADLINE_FACTOR * threshold(reference_seconds) + DEADLINE_SLACK_SECONDS
        try:
            with call_deadline(limit):
                candidate_seconds, actual = _wall_time(candidate_call, sent)
        except CandidateTimeout as timeout:
            # Past the call timeout the verdict is the same as "slower", and says so on any machine.
            raise CheckFailed(
                f"{timeout}: far more than {within:g} times slower than the reference on the same input; "
                "a vectorised NumPy solution is expected"
            ) from None
        if compare is not None:
            compare(actual, expected, data)
        elif not _is_data(actual) or not _same_result(actual, expected, rtol, atol):
            raise CheckFailed(
                f"{what} gives a different result from the reference on timing input "
                f"{repeat + 1} ({brief(actual)}; expected {brief(expected)}), so its speed "
                "does not count"
            )
        reference_best = min(reference_best, reference_seconds)
        candidate_best = min(candidate_best, candidate_seconds)
        if candidate_best * CLEAR_PASS_FACTOR <= threshold(reference_best):
            return
    if candidate_best > threshold(reference_best):
        raise CheckFailed(
            f"{what} is more than {within:g} times slower than the reference on the same "
            "input; a vectorised NumPy solution is expected"
        )
