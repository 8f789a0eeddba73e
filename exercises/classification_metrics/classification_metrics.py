"""Classification metrics from a confusion matrix: counts, accuracy, precision, recall and F1.

Fill in every ``raise NotImplementedError``. Use NumPy and the standard library only; the statement
(README.md) gives the exact rules.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt


def confusion_matrix(y_true: npt.ArrayLike, y_pred: npt.ArrayLike, *, labels: Any = None) -> np.ndarray:
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
    matrix : ndarray of shape (n_labels, n_labels), integer
        ``matrix[i, j]`` is the number of samples whose true label is ``labels[i]`` and whose
        predicted label is ``labels[j]``.

    Raises
    ------
    ValueError
        If ``y_true`` and ``y_pred`` differ in length, or ``labels`` is empty.
    """
    raise NotImplementedError


def accuracy_score(y_true: npt.ArrayLike, y_pred: npt.ArrayLike) -> float:
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
        If ``y_true`` and ``y_pred`` differ in length.
    """
    raise NotImplementedError


def precision_recall_fscore_support(
    y_true: npt.ArrayLike,
    y_pred: npt.ArrayLike,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = None,
    zero_division: float = 0.0,
) -> tuple[Any, Any, Any, Any]:
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
        The labels to report (``average=None``) or to average over, in this order. Every sample
        still counts. By default, the sorted union of the labels in ``y_true`` and ``y_pred``.
        Ignored when ``average="binary"``.
    pos_label : int, str or bool, default=1
        The positive class when ``average="binary"``; ignored otherwise.
    average : {None, "binary", "micro", "macro", "weighted"}, default=None
        ``None``: one value per label. ``"binary"``: the ``pos_label`` class only.
        ``"micro"``: ratios of the counts summed over the labels. ``"macro"``: the unweighted
        mean of the per-label values. ``"weighted"``: their mean weighted by support.
    zero_division : {0.0, 1.0}, default=0.0
        The value of a ratio whose denominator is zero.

    Returns
    -------
    precision : ndarray of shape (n_labels,), float64, or float
    recall : ndarray of shape (n_labels,), float64, or float
    f1 : ndarray of shape (n_labels,), float64, or float
    support : ndarray of shape (n_labels,), integer, or None
        The number of samples whose true label is each label; None when ``average`` is set.

    Raises
    ------
    ValueError
        If the inputs differ in length, ``labels`` is empty, ``average`` is unknown, or
        ``average="binary"`` is asked of more than two labels or with a ``pos_label`` that is
        absent while two labels are present.
    """
    raise NotImplementedError


def precision_score(
    y_true: npt.ArrayLike,
    y_pred: npt.ArrayLike,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: float = 0.0,
) -> Any:
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
    raise NotImplementedError


def recall_score(
    y_true: npt.ArrayLike,
    y_pred: npt.ArrayLike,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: float = 0.0,
) -> Any:
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
    raise NotImplementedError


def f1_score(
    y_true: npt.ArrayLike,
    y_pred: npt.ArrayLike,
    *,
    labels: Any = None,
    pos_label: Any = 1,
    average: str | None = "binary",
    zero_division: float = 0.0,
) -> Any:
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
    raise NotImplementedError
