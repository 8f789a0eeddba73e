"""Leakage-safe scaling: two scalers, a pipeline, and K-fold scores without leakage.

Fill in every ``raise NotImplementedError``. Use NumPy and the standard library only; the statement
(README.md) gives the exact rules.
"""

from __future__ import annotations

import copy  # noqa: F401  (copy.deepcopy makes the fresh per-fold copies)
from typing import Any

import numpy as np
import numpy.typing as npt


class StandardScaler:
    """Standardise features: subtract the mean, divide by the population standard deviation.

    Attributes
    ----------
    mean_ : ndarray of shape (n_features,)
        Per-feature mean of the training data.
    scale_ : ndarray of shape (n_features,)
        Per-feature population standard deviation (``ddof=0``); 1.0 for a constant feature
        (variance zero up to rounding error: see the statement).
    """

    # Set by ``fit`` only (declared here for type checkers; they do not exist before ``fit``).
    mean_: np.ndarray
    scale_: np.ndarray

    def __init__(self) -> None:
        pass

    def fit(self, X: npt.ArrayLike, y: object = None) -> StandardScaler:
        """Learn ``mean_`` and ``scale_`` from ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; finite values only.
        y : ignored
            Accepted for compatibility with ``Pipeline``.

        Returns
        -------
        self : StandardScaler

        Raises
        ------
        ValueError
            If ``X`` is not 2-D or holds NaN or infinite values.
        """
        raise NotImplementedError

    def transform(self, X: npt.ArrayLike) -> np.ndarray:
        """Return ``(X - mean_) / scale_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features), float64

        Raises
        ------
        ValueError
            If ``X`` is invalid, or its number of features differs from the one seen in ``fit``.
        ValueError or AttributeError
            If the scaler is not fitted yet (the message says so).
        """
        raise NotImplementedError

    def fit_transform(self, X: npt.ArrayLike, y: object = None) -> np.ndarray:
        """Fit to ``X``, then transform it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features), float64
        """
        raise NotImplementedError

    def inverse_transform(self, X: npt.ArrayLike) -> np.ndarray:
        """Return ``X * scale_ + mean_``, undoing ``transform``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features), float64
        """
        raise NotImplementedError


class MinMaxScaler:
    """Scale each feature linearly so that its training range maps onto ``feature_range``.

    Parameters
    ----------
    feature_range : tuple (min, max), default=(0, 1)
        The range the training data is mapped onto; ``min`` must be below ``max`` (checked in
        ``fit``).

    Attributes
    ----------
    data_min_ : ndarray of shape (n_features,)
        Per-feature minimum of the training data.
    data_max_ : ndarray of shape (n_features,)
        Per-feature maximum of the training data.
    scale_ : ndarray of shape (n_features,)
        ``(max - min) / (data_max_ - data_min_)``, a constant feature counting as range 1.
    min_ : ndarray of shape (n_features,)
        ``min - data_min_ * scale_``.
    """

    # Set by ``fit`` only (declared here for type checkers; they do not exist before ``fit``).
    data_min_: np.ndarray
    data_max_: np.ndarray
    scale_: np.ndarray
    min_: np.ndarray

    def __init__(self, feature_range: tuple[float, float] = (0, 1)) -> None:
        self.feature_range = feature_range

    def fit(self, X: npt.ArrayLike, y: object = None) -> MinMaxScaler:
        """Learn ``data_min_``, ``data_max_``, ``scale_`` and ``min_`` from ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; finite values only.
        y : ignored

        Returns
        -------
        self : MinMaxScaler

        Raises
        ------
        ValueError
            If ``feature_range``'s minimum is not below its maximum, or ``X`` is invalid.
        """
        raise NotImplementedError

    def transform(self, X: npt.ArrayLike) -> np.ndarray:
        """Return ``X * scale_ + min_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features), float64
        """
        raise NotImplementedError

    def fit_transform(self, X: npt.ArrayLike, y: object = None) -> np.ndarray:
        """Fit to ``X``, then transform it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features), float64
        """
        raise NotImplementedError

    def inverse_transform(self, X: npt.ArrayLike) -> np.ndarray:
        """Return ``(X - min_) / scale_``, undoing ``transform``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features), float64
        """
        raise NotImplementedError


class Pipeline:
    """Chain transformers and a final estimator.

    Parameters
    ----------
    steps : list of (str, object) tuples
        Zero or more transformers (with ``fit_transform`` and ``transform``), then a final
        estimator (with ``fit``, ``predict`` and ``score``). The step objects themselves are
        fitted.
    """

    def __init__(self, steps: list[tuple[str, Any]]) -> None:
        self.steps = steps

    def fit(self, X: Any, y: Any = None) -> Pipeline:
        """Call ``fit_transform`` of each transformer in turn, then ``fit`` of the final estimator.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : Pipeline
        """
        raise NotImplementedError

    def predict(self, X: Any) -> Any:
        """Pass ``X`` through each fitted transformer's ``transform``, then predict.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        raise NotImplementedError

    def score(self, X: Any, y: Any) -> float:
        """Pass ``X`` through each fitted transformer's ``transform``, then return the final score.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        score : float
        """
        raise NotImplementedError


def scaled_cross_val_score(
    scaler: Any,
    estimator: Any,
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    n_splits: int = 5,
) -> np.ndarray:
    """Score ``estimator`` by unshuffled K-fold, scaling inside each fold without leakage.

    In each fold: fresh copies of ``scaler`` and ``estimator``; the scaler copy is fitted on the
    training rows only; the estimator copy is trained on the scaled training rows and scored with
    ``score`` on the test rows scaled with the training statistics. The folds are those of
    scikit-learn's ``KFold(n_splits)`` (no shuffling).

    Parameters
    ----------
    scaler : transformer
        Any object with ``fit_transform`` and ``transform``; never fitted itself.
    estimator : estimator
        Any object with ``fit`` and ``score``; never fitted itself.
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,)
    n_splits : int, default=5
        Number of folds, ``2 <= n_splits <= n_samples``.

    Returns
    -------
    scores : ndarray of shape (n_splits,), float64
        The score of each fold, in fold order.

    Raises
    ------
    ValueError
        If ``X`` is not 2-D or holds NaN or infinite values, or ``n_splits`` is out of range.
    """
    raise NotImplementedError
