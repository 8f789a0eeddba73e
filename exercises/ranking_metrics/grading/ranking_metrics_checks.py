"""Shared pieces of the ``ranking_metrics`` suite: scikit-learn as an oracle, reading and comparing curves.

scikit-learn runs here, in the judge, on the same arrays the candidate receives. Every count behind a
curve is an exact integer and every rate one division of two of them, so a correct candidate agrees
with scikit-learn to rounding: curves are compared to 1e-12, areas (sums of many terms, in any order)
to 1e-10.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn import metrics

from grader.testing import Array, CheckFailed, FloatArray, brief, expect_close, quietly, read_array

CURVE_RTOL = 1e-12
CURVE_ATOL = 1e-12
AREA_RTOL = 1e-10
AREA_ATOL = 1e-12
STATEMENT = "the statement"
ROC_NAMES = ("fpr", "tpr", "thresholds")
PR_NAMES = ("precision", "recall", "thresholds")

Curve = tuple[FloatArray, FloatArray, FloatArray]


def sklearn(name: str, *args: Any, **kwargs: Any) -> Any:
    """Call ``sklearn.metrics.<name>`` with its warnings silenced."""
    return quietly(getattr(metrics, name), *args, **kwargs)


def sklearn_curve(name: str, *args: Any, **kwargs: Any) -> Curve:
    """scikit-learn's curve, thresholds as float64 (the statement pins float64)."""
    first, second, thresholds = sklearn(name, *args, **kwargs)
    return first, second, np.asarray(thresholds, dtype=np.float64)


def call_text(name: str, **kwargs: Any) -> str:
    """``name(y_true, y_score, key=value, ...)`` for the keyword arguments given."""
    shown = "".join(f", {key}={value!r}" for key, value in kwargs.items())
    return f"{name}(y_true, y_score{shown})"


def names_of(name: str) -> tuple[str, str, str]:
    return ROC_NAMES if name == "roc_curve" else PR_NAMES


def read_curve(actual: Any, *, name: str, what: str) -> Curve:
    """The three arrays of a curve, each 1-D float64; the first two of the same length."""
    if not isinstance(actual, (tuple, list)) or len(actual) != 3:
        raise CheckFailed(f"{what} returned {brief(actual)}; expected a tuple of three arrays {names_of(name)}")
    parts = []
    for part_name, part in zip(names_of(name), actual, strict=True):
        array = read_array(part, what=f"{part_name} from {what}", kinds="fiub", ndim=1)
        if array.dtype != np.float64:
            raise CheckFailed(f"{part_name} from {what} has dtype {array.dtype}; expected float64")
        parts.append(array)
    return parts[0], parts[1], parts[2]


def expect_curve(actual: Any, expected: Any, *, name: str, what: str, source: str = "scikit-learn") -> Curve:
    """Compare a whole curve (every array, its length first) with the expected one; return it read."""
    curve = read_curve(actual, name=name, what=what)
    wanted_points = np.asarray(expected[0]).shape[0]
    if curve[0].shape[0] != wanted_points:
        raise CheckFailed(
            f"{what} has {curve[0].shape[0]} points; expected {wanted_points} ({source}): one point per "
            f"threshold kept, a threshold per distinct score (tied scores share one threshold, none is "
            f"repeated). Got {names_of(name)[2]} {brief(curve[2])}, expected {brief(np.asarray(expected[2]))}"
        )
    for part_name, got, wanted in zip(names_of(name), curve, expected, strict=True):
        expect_close(
            got,
            np.asarray(wanted, dtype=np.float64),
            what=f"{part_name} from {what}",
            source=source,
            rtol=CURVE_RTOL,
            atol=CURVE_ATOL,
        )
    return curve


def read_area(actual: Any, *, what: str) -> float:
    """A single number (float or NumPy float), finite."""
    number = isinstance(actual, (float, int, np.floating, np.integer)) and not isinstance(actual, (bool, np.bool_))
    zero_d = isinstance(actual, np.ndarray) and actual.shape == () and actual.dtype.kind == "f"
    if not (number or zero_d):
        raise CheckFailed(f"{what} returned {brief(actual)}; expected a float")
    value = float(actual)
    if not np.isfinite(value):
        raise CheckFailed(f"{what} returned {value}; expected a finite number (a single class is an error, not nan)")
    return value


def expect_area(actual: Any, expected: Any, *, what: str, source: str = "scikit-learn") -> None:
    """Compare an AUC or an average precision (a float, or per-class AUCs) to 1e-10."""
    if isinstance(expected, np.ndarray) and expected.ndim == 1:
        got = read_array(actual, what=what, kinds="f", ndim=1)
        expect_close(got, expected, what=what, source=source, rtol=AREA_RTOL, atol=AREA_ATOL)
        return
    value = read_area(actual, what=what)
    expect_close(value, float(expected), what=what, source=source, rtol=AREA_RTOL, atol=AREA_ATOL)


def expect_result(name: str, actual: Any, expected: Any, *, what: str, source: str) -> None:
    """Compare what the function ``name`` returned with ``expected``, the way its result is compared."""
    if name in ("roc_curve", "precision_recall_curve"):
        expect_curve(actual, expected, name=name, what=what, source=source)
    else:
        expect_area(actual, expected, what=what, source=source)


def expect_right_answer(candidate: Any, reference: Any, name: str, *args: Any, **kwargs: Any) -> None:
    """The candidate's ``name(*args, **kwargs)`` equals the reference's: the valid call beside an invalid one.

    Validation checks start with it, so that raising ``ValueError`` on everything earns nothing.
    """
    shown = ", ".join([*(_short(arg) for arg in args), *(f"{key}={value!r}" for key, value in kwargs.items())])
    what = f"{name}({shown}) (valid input)"
    expected = getattr(reference, name)(*args, **kwargs)
    expect_result(name, getattr(candidate, name)(*args, **kwargs), expected, what=what, source="the reference")


def _short(value: Any) -> str:
    if isinstance(value, np.ndarray):
        return repr(value.tolist())
    return repr(value)


def expect_unchanged(after: Any, before: Array, *, what: str) -> None:
    """An array the candidate was given must hold the same values after the call."""
    if not isinstance(after, np.ndarray) or after.shape != before.shape or after.tolist() != before.tolist():
        raise CheckFailed(
            f"{what} is {brief(after)} after the call, no longer {brief(before)}: the arrays you are "
            "given must be left unchanged"
        )


def mann_whitney(positive: Any, scores: Any) -> float:
    """P(score of a random positive > score of a random negative), a tie counting one half (judge side)."""
    mask = np.asarray(positive, dtype=bool)
    values = np.asarray(scores, dtype=np.float64)
    pos, neg = values[mask][:, None], values[~mask][None, :]
    wins = np.count_nonzero(pos > neg) + 0.5 * np.count_nonzero(pos == neg)
    return float(wins / (pos.size * neg.size))


def trapezoid(x: FloatArray, y: FloatArray) -> float:
    """Trapezoidal area under ``y(x)`` (x sorted)."""
    return float(np.sum(np.diff(x) * (y[1:] + y[:-1]) / 2.0))
