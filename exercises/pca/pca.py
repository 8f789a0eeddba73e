"""Principal component analysis with scikit-learn's conventions.

Fill in every ``raise NotImplementedError``. Use NumPy and the standard library only; the statement
(README.md) gives the exact rules: centred (not scaled) data, variances with ``n - 1``, components by
decreasing variance with the largest entry of each positive, and how a float ``n_components``
chooses the count.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


class PCA:
    """Principal component analysis.

    Parameters
    ----------
    n_components : None, int or float, default=None
        ``None`` keeps ``min(n_samples, n_features)`` components; an int ``k`` with
        ``1 <= k <= min(n_samples, n_features)`` keeps ``k``; a float ``f`` with ``0 < f < 1`` keeps
        the fewest components whose explained variance ratios add up to strictly more than ``f``.
    whiten : bool, default=False
        Divide the projections by ``sqrt(explained_variance_)``.

    Attributes
    ----------
    components_ : ndarray of shape (n_components_, n_features)
        Principal axes (orthonormal rows) by decreasing explained variance; the entry of largest
        absolute value of each row is positive.
    explained_variance_ : ndarray of shape (n_components_,)
        Variance along each component, with ``n_samples - 1`` in the denominator.
    explained_variance_ratio_ : ndarray of shape (n_components_,)
        ``explained_variance_`` divided by the total variance of the data.
    singular_values_ : ndarray of shape (n_components_,)
        Singular values of the centred data for the kept components.
    mean_ : ndarray of shape (n_features,)
        Per-feature mean of the training data.
    n_components_ : int
        The number of components kept.
    noise_variance_ : float
        Mean variance of the discarded components among the ``min(n_samples, n_features)``;
        0.0 when none is discarded.
    """

    # Set by ``fit`` only (declared here for type checkers; they do not exist before ``fit``).
    components_: np.ndarray
    explained_variance_: np.ndarray
    explained_variance_ratio_: np.ndarray
    singular_values_: np.ndarray
    mean_: np.ndarray
    n_components_: int
    noise_variance_: float

    def __init__(self, n_components: int | float | None = None, whiten: bool = False) -> None:
        self.n_components = n_components
        self.whiten = whiten

    def fit(self, X: npt.ArrayLike, y: object = None) -> PCA:
        """Learn the principal components of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data: finite values, at least two samples.
        y : ignored

        Returns
        -------
        self : PCA

        Raises
        ------
        ValueError
            If ``X`` is not a finite 2-D array with at least two samples, or ``n_components`` is
            not ``None``, an int in ``[1, min(n_samples, n_features)]`` or a float in ``(0, 1)``.
        """
        raise NotImplementedError

    def transform(self, X: npt.ArrayLike) -> np.ndarray:
        """Project ``X``: ``(X - mean_) @ components_.T``, divided by ``sqrt(explained_variance_)``
        when ``whiten`` is true.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_), float64

        Raises
        ------
        ValueError
            If ``X`` is invalid or its number of features differs from the one seen in ``fit``.
        ValueError or AttributeError
            If the model is not fitted yet (the message says so).
        """
        raise NotImplementedError

    def fit_transform(self, X: npt.ArrayLike, y: object = None) -> np.ndarray:
        """Fit to ``X``, then project it (the same result as ``fit(X).transform(X)``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_), float64
        """
        raise NotImplementedError

    def inverse_transform(self, X: npt.ArrayLike) -> np.ndarray:
        """Map projections back: ``X @ components_ + mean_`` (multiplying ``X`` by
        ``sqrt(explained_variance_)`` first when ``whiten`` is true).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_components_)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features), float64

        Raises
        ------
        ValueError
            If ``X`` is invalid or does not have ``n_components_`` columns.
        ValueError or AttributeError
            If the model is not fitted yet (the message says so).
        """
        raise NotImplementedError
