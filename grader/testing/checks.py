"""What a grading suite imports: the ``@points`` marker, comparisons with clear messages, helpers.

Every comparison fails with ``CheckFailed`` (an ``AssertionError``) whose message says what was
checked, what was expected and what came back, compactly. The smallest failing input is added by the
plugin from the example Hypothesis shrank to; ``@points`` records it.
"""

from __future__ import annotations

import contextlib
import functools
import re
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import numpy as np
import pytest

from grader.errors import CandidateRaised
from grader.exercises import CATEGORIES
from grader.proxy import RemoteObject, Trusted, same_object

__all__ = [
    "CheckFailed",
    "assert_fast_enough",
    "brief",
    "expect_close",
    "expect_equal",
    "expect_shape",
    "points",
    "raises",
    "same_object",
    "trusted",
]

F = TypeVar("F", bound=Callable[..., Any])
MARKER = "mlgrade_check"
MAX_INLINE_ITEMS = 8


class CheckFailed(AssertionError):
    """A check's expectation was not met; the message is shown to the candidate."""


class ExampleRecorder:
    """Remembers the arguments of the latest Hypothesis example of the running check."""

    def __init__(self) -> None:
        self.latest: dict[str, Any] | None = None

    def reset(self) -> None:
        self.latest = None


RECORDER = ExampleRecorder()


def points(weight: float = 1, *, category: str) -> Callable[[F], F]:
    """Mark a test as a graded check of ``category`` worth ``weight`` within that category.

    Put it above ``@given``: it also wraps Hypothesis's inner test so that the example Hypothesis
    shrank to (the last one it runs) can be shown as the smallest failing input.
    """
    if category not in CATEGORIES:
        raise ValueError(f"Unknown category {category!r}; categories are {', '.join(CATEGORIES)}.")
    if not isinstance(weight, (int, float)) or weight <= 0:
        raise ValueError(f"Invalid weight {weight!r}: expected a positive number.")

    def decorate(test: F) -> F:
        hypothesis_handle = getattr(test, "hypothesis", None)
        if hypothesis_handle is not None:
            inner = hypothesis_handle.inner_test

            @functools.wraps(inner)
            def recording(*args: Any, **kwargs: Any) -> Any:
                RECORDER.latest = {k: v for k, v in kwargs.items() if k not in _FIXTURE_NAMES}
                return inner(*args, **kwargs)

            hypothesis_handle.inner_test = recording
        marked: F = pytest.mark.mlgrade_check(weight=float(weight), category=category)(test)
        return marked

    return decorate


_FIXTURE_NAMES = frozenset({"candidate", "reference", "sandbox", "exercise", "self"})


def trusted(path: str, /, *args: Any, **kwargs: Any) -> Trusted:
    """A trusted object (``"sklearn.linear_model.Ridge"`` ...) to build inside the worker for one call."""
    return Trusted(path, args, kwargs)


# ----------------------------------------------------------------------------- brief values


def brief(value: Any, *, limit: int = 160) -> str:
    """A compact, deterministic description of a value: type, shape, and a few entries."""
    if isinstance(value, RemoteObject):
        return f"a {value._type} object"
    if isinstance(value, np.ndarray):
        return _brief_array(value)
    if isinstance(value, np.generic):
        return repr(value.item())
    if isinstance(value, (list, tuple)):
        opener, closer = ("[", "]") if isinstance(value, list) else ("(", ")")
        shown = ", ".join(brief(item, limit=40) for item in value[:MAX_INLINE_ITEMS])
        more = f", ... ({len(value)} items)" if len(value) > MAX_INLINE_ITEMS else ""
        return _cut(f"{opener}{shown}{more}{closer}", limit)
    if isinstance(value, dict):
        shown = ", ".join(f"{brief(k, limit=30)}: {brief(v, limit=40)}" for k, v in list(value.items())[:6])
        return _cut("{" + shown + "}", limit)
    if isinstance(value, float):
        return f"{value:.6g}"
    if type(value).__module__.startswith("pandas"):
        return f"a pandas {type(value).__name__} of shape {getattr(value, 'shape', '?')}"
    return _cut(repr(value), limit)


def _brief_array(array: np.ndarray[Any, Any]) -> str:
    head = f"{array.dtype} array of shape {array.shape}"
    if array.size == 0:
        return head
    with np.printoptions(threshold=MAX_INLINE_ITEMS, edgeitems=2, precision=4, linewidth=10_000):
        body = np.array2string(array, separator=", ")
    compact = re.sub(r"\[\s+", "[", " ".join(body.split()))
    return f"{head}: {_cut(compact, 160)}"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


# ----------------------------------------------------------------------------- comparisons


def _require_data(actual: Any, *, what: str, expected: Any) -> Any:
    if isinstance(actual, RemoteObject):
        raise CheckFailed(f"{what} returned {brief(actual)}; expected {brief(expected)}")
    if isinstance(expected, np.ndarray) and not isinstance(actual, np.ndarray):
        if isinstance(actual, (list, tuple)) or np.isscalar(actual):
            try:
                return np.asarray(actual)
            except (ValueError, TypeError):
                pass
        raise CheckFailed(f"{what} returned {brief(actual)}; expected an array like {brief(expected)}")
    return actual


def expect_shape(actual: Any, shape: tuple[int, ...], *, what: str) -> None:
    """Fail unless ``actual`` is an array of exactly ``shape``."""
    actual = _require_data(actual, what=what, expected=np.zeros(shape))
    if tuple(actual.shape) != tuple(shape):
        raise CheckFailed(f"{what} has shape {tuple(actual.shape)}; expected {tuple(shape)}")


def expect_equal(actual: Any, expected: Any, *, what: str, source: str = "the reference") -> None:
    """Fail unless ``actual`` equals ``expected`` exactly (arrays: same shape and values)."""
    actual = _require_data(actual, what=what, expected=expected)
    if isinstance(expected, np.ndarray):
        _compare_arrays(actual, expected, what=what, source=source, close=None)
        return
    if not _plain_equal(actual, expected):
        raise CheckFailed(f"{what} returned {brief(actual)}; expected {brief(expected)} ({source})")


def expect_close(actual: Any, expected: Any, *, what: str, rtol: float = 1e-7, atol: float = 0.0,
                 source: str = "the reference") -> None:
    """Fail unless ``actual`` is within ``atol + rtol * |expected|`` of ``expected``, elementwise."""
    actual = _require_data(actual, what=what, expected=np.asarray(expected))
    expected_array = np.asarray(expected, dtype=float)
    try:
        actual_array = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{what} returned {brief(actual)}; expected numbers like "
                          f"{brief(expected)}") from None
    _compare_arrays(actual_array, expected_array, what=what, source=source, close=(rtol, atol))


def _compare_arrays(actual: np.ndarray[Any, Any], expected: np.ndarray[Any, Any], *, what: str, source: str,
                    close: tuple[float, float] | None) -> None:
    if actual.shape != expected.shape:
        raise CheckFailed(f"{what} has shape {actual.shape}; expected {expected.shape} ({source}). "
                          f"Got {brief(actual)}")
    if close is None:
        same = _elementwise_equal(actual, expected)
    else:
        if np.isnan(actual).any() and not np.isnan(expected).any():
            raise CheckFailed(f"{what} contains NaN: {brief(actual)}; expected {brief(expected)} ({source})")
        rtol, atol = close
        same = np.isclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)
    if bool(np.all(same)):
        return
    first = tuple(int(i) for i in np.argwhere(~same)[0])
    location = f"at index {first if len(first) != 1 else first[0]}"
    tolerance = "" if close is None else f" (tolerance rtol={close[0]:g}, atol={close[1]:g})"
    raise CheckFailed(
        f"{what} differs from {source} {location}: got {brief(actual[first])}, expected "
        f"{brief(expected[first])}{tolerance}. Got {brief(actual)}; expected {brief(expected)}"
    )


def _elementwise_equal(actual: np.ndarray[Any, Any], expected: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    if actual.dtype.kind in "USO" or expected.dtype.kind in "USO":
        flat = [_plain_equal(a, e) for a, e in zip(actual.ravel().tolist(), expected.ravel().tolist(), strict=True)]
        return np.array(flat, dtype=bool).reshape(expected.shape)
    return np.asarray(actual == expected) | (np.isnan(actual) & np.isnan(expected)
                                              if actual.dtype.kind == "f" and expected.dtype.kind == "f"
                                              else np.zeros(expected.shape, dtype=bool))


def _plain_equal(actual: Any, expected: Any) -> bool:
    if isinstance(actual, RemoteObject) or isinstance(expected, RemoteObject):
        return same_object(actual, expected)
    if isinstance(actual, np.ndarray) or isinstance(expected, np.ndarray):
        a, e = np.asarray(actual), np.asarray(expected)
        return a.shape == e.shape and bool(np.all(_elementwise_equal(a, e)))
    if isinstance(expected, (list, tuple)):
        return (isinstance(actual, (list, tuple)) and len(actual) == len(expected)
                and all(_plain_equal(a, e) for a, e in zip(actual, expected, strict=True)))
    if isinstance(expected, str) != isinstance(actual, str):
        return False
    try:
        return bool(actual == expected)
    except (TypeError, ValueError):
        return False


@contextlib.contextmanager
def raises(exc_type: type[BaseException], *, what: str, match: str | None = None) -> Iterator[None]:
    """Expect the block to raise ``exc_type`` with a non-empty message (matching ``match``)."""
    try:
        yield
    except NotImplementedError:
        raise
    except exc_type as error:
        message = str(error).strip()
        if not message:
            raise CheckFailed(f"{what} raised {exc_type.__name__} with an empty message; "
                              "the message should say what is wrong") from None
        if match is not None and not re.search(match, message, flags=re.IGNORECASE):
            raise CheckFailed(f"{what} raised {exc_type.__name__}({message!r}), whose message does not "
                              f"mention {match!r}") from None
        return
    except CandidateRaised as error:
        raise CheckFailed(f"{what} raised {error.remote_type}({str(error)[:200]!r}); expected "
                          f"{exc_type.__name__}") from None
    raise CheckFailed(f"{what} did not raise {exc_type.__name__}")


# ----------------------------------------------------------------------------- efficiency


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
        return (isinstance(actual, (list, tuple)) and len(actual) == len(expected)
                and all(_same_result(a, e, rtol, atol) for a, e in zip(actual, expected, strict=True)))
    if isinstance(expected, dict):
        return (isinstance(actual, dict) and actual.keys() == expected.keys()
                and all(_same_result(actual[k], expected[k], rtol, atol) for k in expected))
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
    return bool(np.all(_elementwise_equal(a, e)))



def assert_fast_enough(candidate_call: Callable[[Any], Any], reference_call: Callable[[Any], Any], *,
                       inputs: Callable[[int], Any], within: float, what: str, repeats: int = 3,
                       prepare: Callable[[Any], Any] | None = None,
                       compare: Callable[[Any, Any, Any], None] | None = None, floor_seconds: float = 0.05,
                       rtol: float = 1e-6, atol: float = 1e-9) -> None:
    """Fail when the candidate is wrong on a timing input, or slower than ``within`` x the reference.

    Every repeat draws a fresh input of the same size, ``inputs(repeat)``, so a cache kept between
    calls cannot pay. ``candidate_call(input)`` must return every output the statement defines for
    the call, read back as data (coefficients and intercept, every label, every fold's indices): the
    judge's clock runs from the call until that result is completely read back, so work postponed to
    an attribute read is counted. ``prepare`` (untimed) may send the input ahead, e.g.
    ``sandbox.hold``. Each repeat's result is compared in full with the reference's: ``compare(actual,
    expected, input)`` raises ``CheckFailed``, or by default every value must agree to ``rtol``/``atol``.
    A fast wrong answer earns nothing. Best of ``repeats``; ``floor_seconds`` absorbs noise.
    """
    candidate_best = reference_best = float("inf")
    for repeat in range(repeats):
        data = inputs(repeat)
        reference_seconds, expected = _wall_time(reference_call, data)
        sent = prepare(data) if prepare is not None else data
        candidate_seconds, actual = _wall_time(candidate_call, sent)
        if compare is not None:
            compare(actual, expected, data)
        elif not _is_data(actual) or not _same_result(actual, expected, rtol, atol):
            raise CheckFailed(f"{what} gives a different result from the reference on timing input "
                              f"{repeat + 1} ({brief(actual)}; expected {brief(expected)}), so its speed "
                              "does not count")
        reference_best = min(reference_best, reference_seconds)
        candidate_best = min(candidate_best, candidate_seconds)
    if candidate_best > within * reference_best + floor_seconds:
        raise CheckFailed(f"{what} is more than {within:g} times slower than the reference on the same "
                          "input; a vectorised NumPy solution is expected")
