"""Imbalanced classification: class weights, random resampling, balanced accuracy, threshold tuning
and cross-validation that resamples the training rows only. Implement the functions below (see README.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt


def compute_class_weight(class_weight: Any, *, classes: npt.ArrayLike, y: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Weight of each class, as ``sklearn.utils.class_weight.compute_class_weight``.

    Parameters
    ----------
    class_weight : dict, "balanced" or None
        ``None`` (or ``{}``): uniform weights. ``"balanced"``: ``n_samples / (n_classes * n_c)``.
        A dict ``{label: weight}``: classes it leaves out weigh 1.
    classes : ndarray of shape (n_classes,)
        Distinct labels, every label of ``y`` among them.
    y : array-like of shape (n_samples,)
        Labels of the samples.

    Returns
    -------
    weights : ndarray of shape (n_classes,), float64
        ``weights[i]`` is the weight of ``classes[i]``.
    """
    raise NotImplementedError


def compute_sample_weight(class_weight: Any, y: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Each sample's class weight, as ``sklearn.utils.class_weight.compute_sample_weight`` for 1-D ``y``.

    Parameters
    ----------
    class_weight : dict, "balanced" or None
        As in ``compute_class_weight``, with ``classes=np.unique(y)``.
    y : array-like of shape (n_samples,)
        Labels of the samples.

    Returns
    -------
    sample_weight : ndarray of shape (n_samples,), float64
    """
    raise NotImplementedError


class RandomOverSampler:
    """Copy random rows of every class (with replacement) until each class is as large as the largest.

    Parameters
    ----------
    random_state : int or None, default=None
        Seed of a generator made anew on every call of ``fit_resample``; None: fresh randomness.

    Attributes
    ----------
    sample_indices_ : ndarray of shape (n_resampled,), int
        The row of ``X`` behind each output row (set by ``fit_resample``).
    """

    def __init__(self, random_state: int | None = None) -> None:
        self.random_state = random_state

    def fit_resample(self, X: npt.ArrayLike, y: npt.ArrayLike) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        """Over-sample every class to the size of the largest.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        X_resampled : ndarray of shape (n_classes * n_max, n_features)
            Every row of ``X`` in order, then the copies, class by class in sorted order of the labels.
        y_resampled : ndarray of shape (n_classes * n_max,)
        """
        raise NotImplementedError


class RandomUnderSampler:
    """Keep, of every class, as many random rows (without replacement) as the smallest class has.

    Parameters
    ----------
    random_state : int or None, default=None
        Seed of a generator made anew on every call of ``fit_resample``; None: fresh randomness.

    Attributes
    ----------
    sample_indices_ : ndarray of shape (n_resampled,), int
        The row of ``X`` behind each output row (set by ``fit_resample``).
    """

    def __init__(self, random_state: int | None = None) -> None:
        self.random_state = random_state

    def fit_resample(self, X: npt.ArrayLike, y: npt.ArrayLike) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        """Under-sample every class to the size of the smallest.

        Parameters
        ----------
        X : ndarray of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        X_resampled : ndarray of shape (n_classes * n_min, n_features)
            The kept rows, class by class in sorted order of the labels, each class in original order.
        y_resampled : ndarray of shape (n_classes * n_min,)
        """
        raise NotImplementedError


def balanced_accuracy_score(y_true: npt.ArrayLike, y_pred: npt.ArrayLike) -> float:
    """The mean recall over the classes present in ``y_true``.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
    y_pred : array-like of shape (n_samples,)

    Returns
    -------
    score : float
    """
    raise NotImplementedError


def tune_threshold(y_true: npt.ArrayLike, y_score: npt.ArrayLike, *, metric: str = "f1") -> float:
    """The distinct score that, as ``score >= threshold``, maximises ``metric`` (ties: the smallest).

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        0 and 1, both present.
    y_score : array-like of shape (n_samples,)
        Finite scores, higher for class 1.
    metric : {"f1", "balanced_accuracy"}, default="f1"

    Returns
    -------
    threshold : float
        One of the values of ``y_score``.
    """
    raise NotImplementedError


def resampled_cross_val_score(
    sampler: Any, estimator: Any, X: npt.ArrayLike, y: npt.ArrayLike, *, cv: Any = 5
) -> npt.NDArray[np.float64]:
    """Cross-validated scores, resampling the training rows of each fold only.

    Parameters
    ----------
    sampler : object with ``fit_resample(X, y)``
    estimator : object with ``fit(X, y)`` and ``score(X, y)``
        Never fitted itself: each fold fits a fresh copy.
    X : ndarray of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    cv : int or object with ``split(X, y)``, default=5
        An int means scikit-learn's unshuffled ``StratifiedKFold(n_splits=cv)`` (see README.md).

    Returns
    -------
    scores : ndarray of shape (n_splits,), float64
    """
    raise NotImplementedError
