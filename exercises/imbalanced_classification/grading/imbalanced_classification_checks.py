"""Shared pieces of the ``imbalanced_classification`` suite: reading resampled output, the promises of
the samplers, and scikit-learn as an oracle.

Resampling checks run on tagged rows (column 0 of ``X`` is the row number): a returned row is a copy
of row ``tag`` exactly when it equals ``X[tag]``, which tells which original each output row copies.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn import metrics
from sklearn.utils import class_weight as sk_class_weight

from grader.testing import (
    CandidateRaised,
    CheckFailed,
    IntArray,
    RemoteObject,
    brief,
    expect_close,
    expect_equal,
    first_difference,
    listed,
    quietly,
    read_array,
)

STATEMENT = "the statement"
SAMPLERS = ("RandomOverSampler", "RandomUnderSampler")
SEEDS = (0, 1, 2, 3)
# Weights and balanced accuracy are a division or a mean of a few: 1e-12 leaves room for the order of a sum.
RTOL = 1e-12


@contextlib.contextmanager
def calling(what: str, *, promise: str = "") -> Iterator[None]:
    """Name the call (and the promise it broke) when candidate code raises on input the statement allows."""
    try:
        yield
    except CandidateRaised as error:
        broken = f"; {promise}" if promise else ""
        raise CheckFailed(f"{what} raised {error.remote_type}({str(error)[:200]!r}){broken}") from None


def sklearn(function: Any, *args: Any, **kwargs: Any) -> Any:
    """A scikit-learn function with its warnings silenced."""
    return quietly(function, *args, **kwargs)


def sklearn_class_weight(class_weight: Any, classes: Any, y: Any) -> Any:
    return sklearn(sk_class_weight.compute_class_weight, class_weight, classes=classes, y=y)


def sklearn_sample_weight(class_weight: Any, y: Any) -> Any:
    return sklearn(sk_class_weight.compute_sample_weight, class_weight, y)


def sklearn_balanced_accuracy(y_true: Any, y_pred: Any) -> float:
    return float(sklearn(metrics.balanced_accuracy_score, y_true, y_pred))


def sklearn_threshold(y_true: Any, y_score: Any, metric: str) -> float:
    """The smallest threshold with the best metric, from ``precision_recall_curve`` or ``roc_curve``.

    Only used where the best threshold is unique (the strategies make it so).
    """
    if metric == "f1":
        precision, recall, thresholds = sklearn(metrics.precision_recall_curve, y_true, y_score)
        total = precision + recall
        f1 = np.divide(2 * precision * recall, total, out=np.zeros_like(total), where=total > 0)[:-1]
        return float(thresholds[np.flatnonzero(f1 == f1.max())[0]])
    fpr, tpr, thresholds = sklearn(metrics.roc_curve, y_true, y_score, drop_intermediate=False)
    values = ((tpr + 1.0 - fpr) / 2.0)[1:]
    return float(thresholds[1:][np.flatnonzero(values == values.max())[-1]])


def weights_text(name: str, class_weight: Any, **arrays: Any) -> str:
    shown = "".join(f", {key}={np.asarray(value).tolist()!r}" for key, value in arrays.items())
    return f"{name}({class_weight!r}{shown})"


def expect_weights(actual: Any, expected: Any, *, what: str, source: str = "scikit-learn") -> None:
    """Float weights of the expected shape, each equal to ``expected`` to 1e-12."""
    array = read_array(actual, what=what, shape=np.shape(expected), kinds="f")
    expect_close(array, np.asarray(expected, dtype=np.float64), what=what, rtol=RTOL, source=source)


def expect_score(actual: Any, expected: float, *, what: str, source: str = "scikit-learn") -> None:
    if isinstance(actual, (np.ndarray, RemoteObject, list, tuple)) or not isinstance(actual, (float, np.floating)):
        raise CheckFailed(f"{what} returned {brief(actual)}; expected a float")
    expect_close(float(actual), expected, what=what, rtol=RTOL, atol=1e-15, source=source)


def expect_threshold(actual: Any, expected: float, *, what: str, source: str, why: str = "") -> None:
    """A threshold is one of the scores: it must be exactly ``expected``."""
    if isinstance(actual, (np.ndarray, RemoteObject, list, tuple, bool, np.bool_)) or not isinstance(
        actual, (float, int, np.floating, np.integer)
    ):
        raise CheckFailed(f"{what} returned {brief(actual)}; expected a float, one of the scores")
    if float(actual) != expected:
        hint = f" ({why})" if why else ""
        raise CheckFailed(f"{what} returned {float(actual)!r}; expected the threshold {expected!r} from {source}{hint}")


# ----------------------------------------------------------------------------- resampling


def resample(candidate: Any, name: str, X: Any, y: Any, random_state: int | None) -> tuple[Any, Any, Any]:
    """``name(random_state).fit_resample(X, y)``: the two outputs, the sampler, and the call's text."""
    what = f"{name}(random_state={random_state!r}).fit_resample(X, y)"
    sampler = getattr(candidate, name)(random_state=random_state)
    with calling(what):
        result = sampler.fit_resample(X, y)
    X_res, y_res = read_pair(result, X, y, what=what)
    return X_res, y_res, sampler


def read_pair(result: Any, X: Any, y: Any, *, what: str) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """``(X_resampled, y_resampled)``: arrays with the columns and dtype kinds of ``X`` and ``y``, same length."""
    if isinstance(result, RemoteObject) or not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed(f"{what} returned {brief(result)}; expected a pair (X_resampled, y_resampled)")
    X = np.asarray(X)
    y = np.asarray(y)
    X_res = read_array(result[0], what=f"X_resampled from {what}", ndim=2, kinds="fiub")
    if X_res.shape[1] != X.shape[1]:
        raise CheckFailed(f"X_resampled from {what} has {X_res.shape[1]} columns; X has {X.shape[1]}")
    y_res = read_array(result[1], what=f"y_resampled from {what}", ndim=1, kinds="iuUSfb")
    if y_res.shape[0] != X_res.shape[0]:
        raise CheckFailed(
            f"{what} returned {X_res.shape[0]} rows but {y_res.shape[0]} labels; each row comes with its label"
        )
    if X_res.size and X_res.dtype.kind != X.dtype.kind:
        raise CheckFailed(f"X_resampled from {what} has dtype {X_res.dtype}; X has dtype {X.dtype} (keep the dtype)")
    if y_res.size and y_res.dtype.kind != y.dtype.kind:
        raise CheckFailed(f"y_resampled from {what} has dtype {y_res.dtype}; y has dtype {y.dtype} (keep the dtype)")
    return X_res, y_res


def source_rows(X_res: npt.NDArray[Any], y_res: npt.NDArray[Any], X: Any, y: Any, *, what: str) -> IntArray:
    """The original row behind each output row (from the tag in column 0), checking rows and labels are copies."""
    X = np.asarray(X)
    y = np.asarray(y)
    tags = X_res[:, 0]
    rows = np.rint(tags).astype(np.int64) if tags.size else np.zeros(0, dtype=np.int64)
    inside = (rows >= 0) & (rows < X.shape[0]) & (tags == rows)
    copied = np.zeros(rows.shape[0], dtype=bool)
    copied[inside] = (X_res[inside] == X[rows[inside]]).all(axis=1)
    if not copied.all():
        bad = int(np.flatnonzero(~copied)[0])
        raise CheckFailed(
            f"{what}: output row {bad}, {X_res[bad].tolist()}, is not a row of X; every output row must be a copy "
            "of an original row"
        )
    if not np.array_equal(y_res, y[rows]):
        bad = int(np.flatnonzero(y_res != y[rows])[0])
        raise CheckFailed(
            f"{what}: output row {bad} copies row {rows[bad]} of X (label {y[rows[bad]]!r}) but comes with the label "
            f"{y_res[bad]!r}; a copy keeps its own label"
        )
    return rows


def expected_labels(y: Any, name: str) -> npt.NDArray[Any]:
    """The resampled labels the statement pins down: originals then copies by class, or kept rows by class."""
    y = np.asarray(y)
    classes, counts = np.unique(y, return_counts=True)
    if name == "RandomOverSampler":
        return np.concatenate([y, np.repeat(classes, counts.max() - counts)])
    return np.repeat(classes, counts.min())


def expect_balanced(y_res: npt.NDArray[Any], y: Any, name: str, *, what: str) -> None:
    """Every class of ``y`` (and no other) with ``n_max`` (over) or ``n_min`` (under) rows."""
    classes, counts = np.unique(np.asarray(y), return_counts=True)
    target = int(counts.max() if name == "RandomOverSampler" else counts.min())
    got_classes, got_counts = np.unique(y_res, return_counts=True)
    wanted = "the largest" if name == "RandomOverSampler" else "the smallest"
    if not np.array_equal(got_classes, classes) or not (got_counts == target).all():
        found = dict(zip(got_classes.tolist(), got_counts.tolist(), strict=True))
        raise CheckFailed(
            f"{what} returned the class counts {found}; expected {target} rows of each class of y "
            f"{classes.tolist()} (the size of {wanted} class): the classes must be balanced"
        )


def expect_over_sample(rows: IntArray, y: Any, *, what: str) -> None:
    """All originals first, in order; then copies of rows of the classes that needed them."""
    n = np.asarray(y).shape[0]
    if rows.shape[0] < n or not np.array_equal(rows[:n], np.arange(n)):
        missing = np.setdiff1d(np.arange(n), rows)
        detail = f"rows {listed(missing)} are missing" if missing.size else "they are not first, in their order"
        raise CheckFailed(
            f"{what} must return every original row, first and in its original order, then the copies; {detail}"
        )


def expect_under_sample(rows: IntArray, y: Any, *, what: str) -> None:
    """No row twice; rows grouped by class in sorted order, each class's rows in their original order."""
    unique, counts = np.unique(rows, return_counts=True)
    if (counts > 1).any():
        raise CheckFailed(
            f"{what} returned rows {listed(unique[counts > 1])} more than once; under-sampling draws without "
            "replacement (no row twice)"
        )
    labels = np.asarray(y)[rows]
    codes = np.searchsorted(np.unique(np.asarray(y)), labels)
    if (np.diff(codes) < 0).any() or any((np.diff(rows[codes == k]) < 0).any() for k in np.unique(codes)):
        raise CheckFailed(
            f"{what} returned the rows {listed(rows)}; the statement asks for the kept rows class by class in "
            "sorted order of the labels, each class's rows in their original order"
        )


def expect_sample_indices(sampler: Any, rows: IntArray, *, what: str) -> None:
    """``sample_indices_`` names the row behind each output row."""
    try:
        indices = sampler.sample_indices_
    except AttributeError:
        raise CheckFailed(f"{what}: the sampler has no attribute 'sample_indices_' after fit_resample") from None
    array = read_array(indices, what=f"sample_indices_ after {what}", ndim=1, kinds="iu")
    if not np.array_equal(array, rows):
        raise CheckFailed(
            f"sample_indices_ after {what} is {brief(array)}; the output rows copy the rows {brief(rows)} of X "
            f"(it differs {first_difference(array, rows)})"
        )


def expect_valid_resample(
    candidate: Any, name: str, X: Any, y: Any, random_state: int | None
) -> tuple[IntArray, npt.NDArray[Any], str]:
    """Every promise of one ``fit_resample`` call; the source rows, the labels and the call's text."""
    X_res, y_res, sampler = resample(candidate, name, X, y, random_state)
    what = f"{name}(random_state={random_state!r}).fit_resample(X, y)"
    rows = source_rows(X_res, y_res, X, y, what=what)
    expect_balanced(y_res, y, name, what=what)
    if name == "RandomOverSampler":
        expect_over_sample(rows, y, what=what)
    else:
        expect_under_sample(rows, y, what=what)
    expect_equal(y_res, expected_labels(y, name), what=f"y_resampled from {what}", source=STATEMENT)
    expect_sample_indices(sampler, rows, what=what)
    return rows, y_res, what
