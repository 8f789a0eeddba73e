"""The ``@points`` marker and the comparisons a check makes, each failing with a clear message.

Every comparison fails with ``CheckFailed`` (an ``AssertionError``) whose message says what was
checked, what was expected and what came back, compactly. The smallest failing input is added by the
plugin from the example Hypothesis shrank to; ``@points`` records it.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import numpy as np
import pytest

from grader.core.errors import CandidateRaised
from grader.core.exercises import CATEGORIES
from grader.grading.proxy import RemoteObject, same_object, trusted_spec
from grader.testing.messages import brief, first_difference

F = TypeVar("F", bound=Callable[..., Any])
MARKER = "mlgrade_check"


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


def trusted(path: str, /, *args: Any, **kwargs: Any) -> Any:
    """A trusted object (``"sklearn.linear_model.Ridge"`` ...) built in the judge for one call; candidate
    code receives a stand-in whose calls come back to it."""
    return trusted_spec(path, args, kwargs)


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
        if isinstance(actual, (list, tuple)) and isinstance(expected, (list, tuple)):
            raise CheckFailed(f"{what} differs from {source} {first_difference(actual, expected)}")
        raise CheckFailed(f"{what} returned {brief(actual)}; expected {brief(expected)} ({source})")


def expect_close(
    actual: Any, expected: Any, *, what: str, rtol: float = 1e-7, atol: float = 0.0, source: str = "the reference"
) -> None:
    """Fail unless ``actual`` is within ``atol + rtol * |expected|`` of ``expected``, elementwise."""
    actual = _require_data(actual, what=what, expected=np.asarray(expected))
    expected_array = np.asarray(expected, dtype=float)
    try:
        actual_array = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        raise CheckFailed(f"{what} returned {brief(actual)}; expected numbers like {brief(expected)}") from None
    _compare_arrays(actual_array, expected_array, what=what, source=source, close=(rtol, atol))


def _compare_arrays(
    actual: np.ndarray[Any, Any],
    expected: np.ndarray[Any, Any],
    *,
    what: str,
    source: str,
    close: tuple[float, float] | None,
) -> None:
    if actual.shape != expected.shape:
        shown = first_difference(actual, expected) if actual.ndim == expected.ndim == 1 else f"Got {brief(actual)}"
        raise CheckFailed(f"{what} has shape {actual.shape}; expected {expected.shape} ({source}): {shown}")
    if close is None:
        same = elementwise_equal(actual, expected)
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
    differing = int(np.count_nonzero(~same))
    raise CheckFailed(
        f"{what} differs from {source} {location}: got {brief(actual[first])}, expected "
        f"{brief(expected[first])}{tolerance} ({differing} of {same.size} entries differ)"
    )


def elementwise_equal(actual: np.ndarray[Any, Any], expected: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    if actual.dtype.kind in "USO" or expected.dtype.kind in "USO":
        flat = [_plain_equal(a, e) for a, e in zip(actual.ravel().tolist(), expected.ravel().tolist(), strict=True)]
        return np.array(flat, dtype=bool).reshape(expected.shape)
    return np.asarray(actual == expected) | (
        np.isnan(actual) & np.isnan(expected)
        if actual.dtype.kind == "f" and expected.dtype.kind == "f"
        else np.zeros(expected.shape, dtype=bool)
    )


def _plain_equal(actual: Any, expected: Any) -> bool:
    if isinstance(actual, RemoteObject) or isinstance(expected, RemoteObject):
        return same_object(actual, expected)
    if isinstance(actual, np.ndarray) or isinstance(expected, np.ndarray):
        a, e = np.asarray(actual), np.asarray(expected)
        return a.shape == e.shape and bool(np.all(elementwise_equal(a, e)))
    if isinstance(expected, (list, tuple)):
        return (
            isinstance(actual, (list, tuple))
            and len(actual) == len(expected)
            and all(_plain_equal(a, e) for a, e in zip(actual, expected, strict=True))
        )
    if isinstance(expected, str) != isinstance(actual, str):
        return False
    try:
        return bool(actual == expected)
    except (TypeError, ValueError):
        return False


@contextlib.contextmanager
def raises(
    exc_type: type[BaseException] | tuple[type[BaseException], ...], *, what: str, match: str | None = None
) -> Iterator[None]:
    """Expect the block to raise ``exc_type`` (or one of them) with a non-empty message matching ``match``."""
    types = exc_type if isinstance(exc_type, tuple) else (exc_type,)
    expected = " or ".join(kind.__name__ for kind in types)
    try:
        yield
    except NotImplementedError:
        raise
    except types as error:
        kind = getattr(error, "remote_type", type(error).__name__)
        message = str(error).strip()
        if not message:
            raise CheckFailed(
                f"{what} raised {kind} with an empty message; the message should say what is wrong"
            ) from None
        if match is not None and not re.search(match, message, flags=re.IGNORECASE):
            raise CheckFailed(f"{what} raised {kind}({message!r}), whose message does not mention {match!r}") from None
        return
    except CandidateRaised as error:
        raise CheckFailed(f"{what} raised {error.remote_type}({str(error)[:200]!r}); expected {expected}") from None
    raise CheckFailed(f"{what} did not raise {expected}")


NOT_FITTED = r"not (yet )?fitted|fit\b.*(first|before)|before.*\bfit|call.*\bfit\b|unfitted|has not been fit"


@contextlib.contextmanager
def raises_not_fitted(*, what: str) -> Iterator[None]:
    """Expect a "not fitted" error: ``ValueError`` or ``AttributeError`` (scikit-learn's
    ``NotFittedError`` is both) whose message says the model is not fitted yet."""
    with raises((ValueError, AttributeError), what=what, match=NOT_FITTED):
        yield
