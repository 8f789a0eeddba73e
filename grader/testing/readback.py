"""Read what candidate code returned, as data of the promised type and shape, or fail the check.

Every reader names what it read (``what``) and says what came back instead, so a check that reads
through these helpers never fails with a bare ``TypeError`` from NumPy.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.grading.proxy import RemoteObject
from grader.testing.arrays import Array, FloatArray, IntArray
from grader.testing.checks import CheckFailed
from grader.testing.messages import brief

KIND_NAMES = {
    "f": "floating-point",
    "i": "integer",
    "u": "unsigned integer",
    "b": "boolean",
    "U": "string",
    "O": "object",
}


def read_array(
    value: Any, *, what: str, shape: tuple[int, ...] | None = None, kinds: str = "fiub", ndim: int | None = None
) -> Array:
    """``value`` as an ndarray of one of the dtype ``kinds`` (and ``shape``/``ndim`` when given)."""
    if isinstance(value, RemoteObject):
        raise CheckFailed(f"{what} returned {brief(value)}; expected an ndarray")
    if not isinstance(value, np.ndarray):
        raise CheckFailed(f"{what} returned {brief(value)} ({type(value).__name__}); expected an ndarray")
    if value.dtype.kind not in kinds and value.size:
        wanted = " or ".join(KIND_NAMES.get(kind, kind) for kind in kinds)
        raise CheckFailed(f"{what} has dtype {value.dtype}; expected {wanted} values")
    if ndim is not None and value.ndim != ndim:
        raise CheckFailed(f"{what} has {value.ndim} dimension(s) (shape {value.shape}); expected {ndim}")
    if shape is not None and tuple(value.shape) != tuple(shape):
        raise CheckFailed(f"{what} has shape {tuple(value.shape)}; expected {tuple(shape)}")
    return value


def read_floats(value: Any, *, what: str, shape: tuple[int, ...] | None = None) -> FloatArray:
    """``value`` as a float64 array of numbers (integers and booleans accepted), all finite."""
    array = read_array(value, what=what, shape=shape, kinds="fiub").astype(np.float64)
    if not np.isfinite(array).all():
        raise CheckFailed(f"{what} contains NaN or infinite values: {brief(array)}")
    return array


def read_labels(value: Any, *, what: str, n_samples: int, n_labels: int | None = None) -> IntArray:
    """``value`` as integer labels of shape ``(n_samples,)``, each in ``0 .. n_labels - 1``."""
    array = read_array(value, what=what, shape=(n_samples,), kinds="iu")
    labels = array.astype(np.int64)
    if n_labels is not None and labels.size and (labels.min() < 0 or labels.max() >= n_labels):
        raise CheckFailed(f"{what} holds labels outside 0..{n_labels - 1}: {brief(labels)}")
    return labels


def read_number(value: Any, *, what: str, finite: bool = True) -> float:
    """``value`` as a Python float: a Python or NumPy number, or a 0-d / one-element array."""
    if isinstance(value, (bool, np.bool_, RemoteObject)):
        raise CheckFailed(f"{what} returned {brief(value)}; expected a number")
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "fiu":
        value = value.reshape(()).item()
    if not isinstance(value, (int, float, np.integer, np.floating)):
        raise CheckFailed(f"{what} returned {brief(value)} ({type(value).__name__}); expected a number")
    number = float(value)
    if finite and not np.isfinite(number):
        raise CheckFailed(f"{what} is {number}; expected a finite number")
    return number


def read_whole_number(value: Any, *, what: str, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an int (a float with no fraction is accepted), within ``low..high`` when given."""
    number = read_number(value, what=what)
    if number != int(number):
        raise CheckFailed(f"{what} is {number:g}; expected a whole number")
    whole = int(number)
    if (low is not None and whole < low) or (high is not None and whole > high):
        raise CheckFailed(f"{what} is {whole}; expected a whole number between {low} and {high}")
    return whole


def read_attributes(model: Any, names: tuple[str, ...], *, what: str) -> dict[str, Any]:
    """Read several attributes of a fitted candidate object; a missing one fails with its name."""
    values = {}
    for name in names:
        try:
            values[name] = getattr(model, name)
        except AttributeError:
            raise CheckFailed(f"{what} has no attribute {name!r} after fit") from None
    return values
