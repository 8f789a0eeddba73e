"""Reference solution for the ``classification_metrics`` exercise: metrics from a confusion matrix.

Everything is computed from one count matrix over the sorted union of the labels seen in
``y_true`` and ``y_pred``:

- ``confusion_matrix`` selects and reorders its rows and columns when ``labels`` is given, so
  samples whose true or predicted label is not listed drop out;
- ``precision_recall_fscore_support`` reads, for each label, the true positives (diagonal), the
  predicted count (column sum) and the true count (row sum) over *all* samples, then picks the
  labels asked for. With ``tp``, ``fp``, ``fn`` the usual counts::

      precision = tp / (tp + fp)      recall = tp / (tp + fn)      F1 = 2 tp / (2 tp + fp + fn)

  and ``zero_division`` wherever a denominator is zero.

Labels are integers (negative too), strings or bools. Integer labels in a small range are counted
over the whole range with one ``np.bincount`` (linear time); any other labels are first encoded
with ``np.unique`` (a sort).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "accuracy_score",
    "confusion_matrix",
    "f1_score",
    "precision_recall_fscore_support",
    "precision_score",
    "recall_score",
]

_AVERAGES = (None, "binary", "micro", "macro", "weighted")

# Integer labels are counted over their whole range (span x span cells) when that costs no more
# than a pass over the samples plus this many cells; sparser labels go through np.unique.
_SMALL_RANGE_CELLS = 1 << 16

Labels = npt.NDArray[Any]
Floats = npt.NDArray[np.float64]
Counts = npt.NDArray[np.int64]


# ---------------------------------------------------------------------------------------------
# Validation at the public edge
# ---------------------------------------------------------------------------------------------


def _check_targets(y_true: Any, y_pred: Any) -> tuple[Labels, Labels]:
    """Return ``y_true`` and ``y_pred`` as 1-D arrays of the same, non-zero length."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    for name, y in (("y_true", y_true), ("y_pred", y_pred)):
        if y.ndim != 1:
            raise ValueError(f"{name} should be 1-D; got an array of shape {y.shape}.")
    if y_true.shape[0] != y_pred.shape[0]:
        raise ValueError(f"y_true and y_pred should have the same length; got {y_true.shape[0]} and {y_pred.shape[0]}.")
    if y_true.shape[0] == 0:
        raise ValueError("y_true and y_pred should hold at least one sample; got 0.")
    return y_true, y_pred


def _check_labels(labels: Any) -> Labels | None:
    """Return ``labels`` as a 1-D array, or None; an empty list is rejected."""
    if labels is None:
        return None
    wanted: Labels = np.asarray(labels)
    if wanted.ndim != 1:
        raise ValueError(f"labels should be 1-D; got an array of shape {wanted.shape}.")
    if wanted.shape[0] == 0:
        raise ValueError("labels should contain at least one label; got an empty list.")
    return wanted


def _check_zero_division(zero_division: Any) -> float:
    """Return ``zero_division`` as a float; only 0.0 and 1.0 are accepted."""
    if isinstance(zero_division, bool) or zero_division not in (0, 1):
        raise ValueError(f"zero_division should be 0.0 or 1.0; got {zero_division!r}.")
    return float(zero_division)


def _check_average(average: Any) -> None:
    """Reject anything but the five averaging modes."""
    if not (average is None or (isinstance(average, str) and average in _AVERAGES)):
        raise ValueError(f"average should be one of None, 'binary', 'micro', 'macro', 'weighted'; got {average!r}.")


# ---------------------------------------------------------------------------------------------
# Counting (input is assumed valid below this line)
# ---------------------------------------------------------------------------------------------


def _count_matrix(y_true: Labels, y_pred: Labels) -> tuple[Labels, Counts]:
    """Return the sorted union of labels and the confusion matrix over it. Input is assumed valid.

    ``matrix[i, j]`` counts the samples whose true label is ``classes[i]`` and whose predicted
    label is ``classes[j]``: each sample gets the index ``i * n_classes + j`` of its cell, and one
    ``bincount`` counts them all.
    """
    if y_true.dtype.kind in "iu" and y_pred.dtype.kind in "iu":
        low = min(int(y_true.min()), int(y_pred.min()))
        span = max(int(y_true.max()), int(y_pred.max())) - low + 1
        if span * span <= y_true.shape[0] + _SMALL_RANGE_CELLS:
            return _count_small_integer_range(y_true, y_pred, low, span)
    classes, codes = np.unique(np.concatenate([y_true, y_pred]), return_inverse=True)
    codes = codes.reshape(-1).astype(np.int64, copy=False)
    n_samples, n_classes = y_true.shape[0], classes.shape[0]
    cells = codes[:n_samples] * n_classes + codes[n_samples:]
    matrix = np.bincount(cells, minlength=n_classes * n_classes).reshape(n_classes, n_classes)
    return classes, matrix.astype(np.int64, copy=False)


def _count_small_integer_range(y_true: Labels, y_pred: Labels, low: int, span: int) -> tuple[Labels, Counts]:
    """``_count_matrix`` for integers in ``[low, low + span)``, skipping the sort of ``np.unique``.

    Input is assumed valid. The matrix is counted over the whole range, then cut down to the
    labels that occur (a row or a column with a non-zero count).
    """
    cells = (y_true - low).astype(np.int64) * span + (y_pred - low).astype(np.int64)
    full = np.bincount(cells, minlength=span * span).reshape(span, span)
    present = np.flatnonzero(full.sum(axis=0) + full.sum(axis=1))
    classes = (present + low).astype(np.result_type(y_true, y_pred), copy=False)
    return classes, full[np.ix_(present, present)].astype(np.int64, copy=False)


def _is_text(values: Labels) -> bool:
    return values.dtype.kind in "US"


def _locate(classes: Labels, wanted: Labels) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_]]:
    """Return, for each wanted label, its index in the sorted ``classes`` and whether it is there.

    Input is assumed valid. A label of another kind than the data (a number asked of string
    labels) is simply not there.
    """
    if _is_text(classes) != _is_text(wanted):
        return np.zeros(wanted.shape[0], dtype=np.intp), np.zeros(wanted.shape[0], dtype=bool)
    index = np.minimum(np.searchsorted(classes, wanted), classes.shape[0] - 1)
    return index, classes[index] == wanted


def _take(values: Counts, index: npt.NDArray[np.intp], found: npt.NDArray[np.bool_]) -> Counts:
    """``values[index]`` where the label was found, 0 elsewhere. Input is assumed valid."""
    return np.where(found, values[index], 0)


def _divide(numerator: Counts, denominator: Counts, zero_division: float) -> Floats:
    """Element-wise ratio, ``zero_division`` where the denominator is zero, without warnings."""
    numerator = np.asarray(numerator, dtype=np.float64)
    denominator = np.asarray(denominator, dtype=np.float64)
    result = np.full(denominator.shape, zero_division, dtype=np.float64)
    np.divide(numerator, denominator, out=result, where=denominator != 0)
    return result


def _label_counts(classes: Labels, matrix: Counts, labels: Labels | None) -> tuple[Counts, Counts, Counts]:
    """Return, per label, the true positives, the predicted count and the true count.

    Input is assumed valid. The counts come from the whole matrix, so every sample counts,
    whether or not its labels are among those reported.
    """
    tp, pred_sum, true_sum = np.diag(matrix), matrix.sum(axis=0), matrix.sum(axis=1)
    if labels is None:
        return tp, pred_sum, true_sum
    index, found = _locate(classes, labels)
    return _take(tp, index, found), _take(pred_sum, index, found), _take(true_sum, index, found)


def _binary_label(classes: Labels, pos_label: Any) -> Labels:
    """Return ``[pos_label]`` after checking that a binary average makes sense on ``classes``."""
    if classes.shape[0] > 2:
        raise ValueError(
            "average='binary' needs at most two labels in y_true and y_pred together; "
            f"got {classes.shape[0]}: {classes.tolist()}. "
            "Use average=None, 'micro', 'macro' or 'weighted' instead."
        )
    wanted = np.asarray([pos_label])
    _, found = _locate(classes, wanted)
    if classes.shape[0] == 2 and not found[0]:
        raise ValueError(f"pos_label={pos_label!r} is not a valid label; it should be one of {classes.tolist()}.")
    return wanted


# ---------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------


def confusion_matrix(y_true: Sequence[Any] | Labels, y_pred: Sequence[Any] | Labels, *, labels: Any = None) -> Counts:
    """Count the samples for each pair (true label, predicted label).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels: integers, strings or bools.
    y_pred : array-like of shape (n_samples,)
        Predicted labels, of the same kind as ``y_true``.
    labels : array-like of shape (n_labels,), default=None
        The labels to report, in this order. Samples whose true or predicted label is not listed
        are left out; listed labels absent from the data give rows and columns of zeros. By
        default, the sorted union of the labels in ``y_true`` and ``y_pred``.

    Returns
    -------
    matrix : ndarray of shape (n_labels, n_labels), int64
        ``matrix[i, j]`` is the number of samples whose true label is ``labels[i]`` and whose
        predicted label is ``labels[j]``.

    Raises
    ------
    ValueError
        When ``y_true`` and ``y_pred`` differ in length or are empty, or ``labels`` is empty.
    """
    y_true, y_pred = _check_targets(y_true, y_pred)
    wanted = _check_labels(labels)
    classes, matrix = _count_matrix(y_true, y_pred)
    if wanted is None:
        return matrix
    index, found = _locate(classes, wanted)
    selected = matrix[np.ix_(index, index)]
    return np.where(found[:, None] & found[None, :], selected, 0).astype(np.int64)


def accuracy_score(y_true: Sequence[Any] | Labels, y_pred: Sequence[Any] | Labels) -> float:
    """Return the fraction of samples whose predicted label equals the true label.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.

    Returns
    -------
    accuracy : float
        In ``[0, 1]``.

    Raises
    ------
    ValueError
        When ``y_true`` and ``y_pred`` differ in length or are empty.
    """
    y_true, y_pred = _check_targets(y_true, y_pred)
    return float(np.count_nonzero(y_true == y_pred) / y_true.shape[0])


def precision_recall_fscore_support(
    y_true: Sequence[Any] | Labels,
    y_pred: Sequence[Any] | Labels,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = None,
    zero_division: float = 0.0,
) -> tuple[Floats | float, Floats | float, Floats | float, Counts | None]:
    """Return precision, recall, F1 and support, per label or averaged.

    For one label, with ``tp``, ``fp``, ``fn`` its true positives, false positives and false
    negatives: ``precision = tp / (tp + fp)``, ``recall = tp / (tp + fn)`` and
    ``F1 = 2 tp / (2 tp + fp + fn)``; a ratio whose denominator is zero is ``zero_division``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like of shape (n_labels,), default=None
        The labels to report (``average=None``) or average over, in this order; every sample
        still counts. By default, the sorted union of the labels in ``y_true`` and ``y_pred``.
        Ignored when ``average="binary"``.
    pos_label : int, str or bool, default=1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {None, "binary", "micro", "macro", "weighted"}, default=None
        ``None``: one value per label. ``"binary"``: the ``pos_label`` class only (the data
        must hold at most two labels). ``"micro"``: ratios of the counts summed over the labels.
        ``"macro"``: the unweighted mean of the per-label values. ``"weighted"``: their mean
        weighted by support (the plain mean when every support is zero).
    zero_division : {0.0, 1.0}, default=0.0
        The value of a ratio whose denominator is zero.

    Returns
    -------
    precision : ndarray of shape (n_labels,), float64, or float
    recall : ndarray of shape (n_labels,), float64, or float
    f1 : ndarray of shape (n_labels,), float64, or float
    support : ndarray of shape (n_labels,), int64, or None
        The number of samples whose true label is each label; None when ``average`` is set.

    Raises
    ------
    ValueError
        When the inputs differ in length or are empty, ``labels`` is empty, ``average`` is
        unknown, ``zero_division`` is not 0.0 or 1.0, or ``average="binary"`` is asked of more
        than two labels or with a ``pos_label`` absent while two labels are present.
    """
    _check_average(average)
    zero = _check_zero_division(zero_division)
    y_true, y_pred = _check_targets(y_true, y_pred)
    wanted = _check_labels(labels)
    classes, matrix = _count_matrix(y_true, y_pred)
    if average == "binary":
        wanted = _binary_label(classes, pos_label)
    tp, pred_sum, true_sum = _label_counts(classes, matrix, wanted)
    if average == "micro":
        # Micro-averaging pools the counts of the chosen labels before dividing.
        tp, pred_sum, true_sum = (c.sum(keepdims=True) for c in (tp, pred_sum, true_sum))
    precision = _divide(tp, pred_sum, zero)
    recall = _divide(tp, true_sum, zero)
    f1 = _divide(2 * tp, true_sum + pred_sum, zero)
    if average is None:
        return precision, recall, f1, true_sum.astype(np.int64, copy=False)
    weights = true_sum if average == "weighted" and true_sum.sum() > 0 else None
    return (
        float(np.average(precision, weights=weights)),
        float(np.average(recall, weights=weights)),
        float(np.average(f1, weights=weights)),
        None,
    )


def precision_score(
    y_true: Sequence[Any] | Labels,
    y_pred: Sequence[Any] | Labels,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: float = 0.0,
) -> Floats | float:
    """Return the precision ``tp / (tp + fp)``; see ``precision_recall_fscore_support``.

    Parameters
    ----------
    y_true, y_pred, labels, pos_label, zero_division
        As in ``precision_recall_fscore_support``.
    average : {None, "binary", "micro", "macro", "weighted"}, default="binary"
        As in ``precision_recall_fscore_support``.

    Returns
    -------
    precision : float, or ndarray of shape (n_labels,) when ``average`` is None
    """
    return precision_recall_fscore_support(
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        zero_division=zero_division,
    )[0]


def recall_score(
    y_true: Sequence[Any] | Labels,
    y_pred: Sequence[Any] | Labels,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: float = 0.0,
) -> Floats | float:
    """Return the recall ``tp / (tp + fn)``; see ``precision_recall_fscore_support``.

    Parameters
    ----------
    y_true, y_pred, labels, pos_label, zero_division
        As in ``precision_recall_fscore_support``.
    average : {None, "binary", "micro", "macro", "weighted"}, default="binary"
        As in ``precision_recall_fscore_support``.

    Returns
    -------
    recall : float, or ndarray of shape (n_labels,) when ``average`` is None
    """
    return precision_recall_fscore_support(
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        zero_division=zero_division,
    )[1]


def f1_score(
    y_true: Sequence[Any] | Labels,
    y_pred: Sequence[Any] | Labels,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: float = 0.0,
) -> Floats | float:
    """Return the F1 score ``2 tp / (2 tp + fp + fn)``; see ``precision_recall_fscore_support``.

    Parameters
    ----------
    y_true, y_pred, labels, pos_label, zero_division
        As in ``precision_recall_fscore_support``.
    average : {None, "binary", "micro", "macro", "weighted"}, default="binary"
        As in ``precision_recall_fscore_support``.

    Returns
    -------
    f1 : float, or ndarray of shape (n_labels,) when ``average`` is None
    """
    return precision_recall_fscore_support(
        y_true,
        y_pred,
        labels=labels,
        pos_label=pos_label,
        average=average,
        zero_division=zero_division,
    )[2]
