"""Ranking metrics: ROC and precision-recall curves. Implement the functions below (see README.md).

Allowed imports: NumPy and the Python standard library.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt


def roc_curve(
    y_true: npt.ArrayLike, y_score: npt.ArrayLike, *, pos_label: Any = None, drop_intermediate: bool = True
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Receiver operating characteristic curve of a binary problem.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Labels (integers, strings or bools). Positive samples are those equal to ``pos_label``.
    y_score : array-like of shape (n_samples,)
        Scores, higher meaning "more likely positive". Tied scores are one threshold.
    pos_label : label, default=None
        The positive label. None means 1, allowed only when the labels are in {0, 1} or {-1, 1}.
    drop_intermediate : bool, default=True
        Drop the points whose second differences of ``fps`` and ``tps`` are both zero (README.md).

    Returns
    -------
    fpr : ndarray of shape (n_points,), float64
        False positive rates, increasing; ``fpr[0] = 0`` and ``fpr[-1] = 1``.
    tpr : ndarray of shape (n_points,), float64
        True positive rates, increasing; ``tpr[0] = 0`` and ``tpr[-1] = 1``.
    thresholds : ndarray of shape (n_points,), float64
        ``np.inf`` first, then the distinct scores kept, decreasing.

    Raises
    ------
    ValueError
        Lengths differ, NaN or infinite scores, a single class, or labels outside {0, 1} and
        {-1, 1} with ``pos_label=None``.
    """
    raise NotImplementedError


def roc_auc_score(
    y_true: npt.ArrayLike, y_score: npt.ArrayLike, *, average: str | None = "macro", multi_class: str = "raise"
) -> float | npt.NDArray[np.float64]:
    """Area under the ROC curve: binary, or one-vs-rest over three or more classes.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Labels. With two classes the positive class is the greater label (sorted order).
    y_score : array-like of shape (n_samples,) or (n_samples, n_classes)
        1-D scores for two classes; for three or more, probabilities with one column per class in
        sorted class order, each row summing to 1.
    average : {"macro", "weighted", "micro"} or None, default="macro"
        How the one-vs-rest AUCs are combined (ignored, but checked, for two classes).
    multi_class : {"raise", "ovr"}, default="raise"
        "ovr" is required for three or more classes.

    Returns
    -------
    auc : float, or ndarray of shape (n_classes,) with ``average=None`` and three or more classes

    Raises
    ------
    ValueError
        A single class, unknown ``average`` or ``multi_class``, or ``y_score`` of the wrong shape or
        not summing to 1 (see README.md).
    """
    raise NotImplementedError


def precision_recall_curve(
    y_true: npt.ArrayLike, y_score: npt.ArrayLike, *, pos_label: Any = None
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Precision-recall pairs at every distinct score.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Labels. Positive samples are those equal to ``pos_label``.
    y_score : array-like of shape (n_samples,)
        Scores; tied scores are one threshold.
    pos_label : label, default=None
        The positive label. None means 1, allowed only when the labels are in {0, 1} or {-1, 1}.

    Returns
    -------
    precision : ndarray of shape (n_thresholds + 1,), float64
        Precision at each threshold; the last entry is 1.
    recall : ndarray of shape (n_thresholds + 1,), float64
        Recall at each threshold, decreasing from 1; the last entry is 0.
    thresholds : ndarray of shape (n_thresholds,), float64
        The distinct scores, increasing.

    Raises
    ------
    ValueError
        As ``roc_curve``.
    """
    raise NotImplementedError


def average_precision_score(y_true: npt.ArrayLike, y_score: npt.ArrayLike, *, pos_label: Any = 1) -> float:
    """Average precision: the step sum of precision weighted by the recall each threshold adds.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        Labels: exactly two distinct ones, ``pos_label`` among them.
    y_score : array-like of shape (n_samples,)
        Scores; tied scores are one threshold.
    pos_label : label, default=1
        The positive label.

    Returns
    -------
    average_precision : float
        ``sum_i (recall[i] - recall[i + 1]) * precision[i]`` over ``precision_recall_curve``.

    Raises
    ------
    ValueError
        Lengths differ, NaN or infinite scores, not exactly two labels, or ``pos_label`` not one
        of them.
    """
    raise NotImplementedError
