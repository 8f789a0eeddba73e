"""Principal component analysis: the reference solution of the ``pca`` exercise.

PCA finds the orthonormal directions along which centred data varies most. With ``Xc = X - mean``
(centred, not scaled) and its thin singular value decomposition ``Xc = U diag(S) Vt``:

- the rows of ``Vt`` are the principal axes (``components_``), by decreasing singular value;
- ``explained_variance_ = S² / (n_samples - 1)``, the variance of the data along each axis
  (the eigenvalues of the sample covariance matrix, with ``n - 1``);
- ``explained_variance_ratio_`` divides by the total variance, the sum of all ``min(n_samples,
  n_features)`` variances;
- ``transform(X) = (X - mean_) @ components_.T``, divided by ``sqrt(explained_variance_)`` when
  whitening.

A singular vector is only defined up to its sign. As scikit-learn 1.9.1's ``PCA`` does
(``svd_flip(U, Vt, u_based_decision=False)``), each component is flipped so that its entry of
largest absolute value is positive.

NumPy only. Validation happens at the public edge (``fit``, ``transform``, ``inverse_transform``);
the private helpers assume valid input.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["PCA", "NotFittedError"]

FloatArray = npt.NDArray[np.float64]


class NotFittedError(ValueError, AttributeError):
    """Raised when ``transform`` or ``inverse_transform`` is called before ``fit``."""


class PCA:
    """Principal component analysis by the singular value decomposition of the centred data.

    Parameters
    ----------
    n_components : None, int or float, default=None
        How many components to keep: ``None`` keeps ``min(n_samples, n_features)``; an int ``k``
        with ``1 <= k <= min(n_samples, n_features)`` keeps ``k``; a float ``f`` with
        ``0 < f < 1`` keeps the fewest components whose explained variance ratios add up to
        strictly more than ``f``.
    whiten : bool, default=False
        Divide the projections by ``sqrt(explained_variance_)`` so each has unit variance.

    Attributes
    ----------
    components_ : ndarray of shape (n_components_, n_features)
        Principal axes, orthonormal rows, by decreasing explained variance; the entry of largest
        absolute value of each row is positive.
    explained_variance_ : ndarray of shape (n_components_,)
        Variance along each component (``n - 1`` in the denominator).
    explained_variance_ratio_ : ndarray of shape (n_components_,)
        ``explained_variance_`` divided by the total variance of the data.
    singular_values_ : ndarray of shape (n_components_,)
        Singular values of the centred data for the kept components.
    mean_ : ndarray of shape (n_features,)
        Per-feature mean of the training data.
    n_components_ : int
        The number of components kept.
    noise_variance_ : float
        Mean of the variances of the discarded components among the ``min(n_samples,
        n_features)`` the data has; 0.0 when none is discarded.
    """

    components_: FloatArray
    explained_variance_: FloatArray
    explained_variance_ratio_: FloatArray
    singular_values_: FloatArray
    mean_: FloatArray
    n_components_: int
    noise_variance_: float
    n_features_in_: int

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
            When ``X`` is not a finite 2-D array with at least two samples, or ``n_components``
            is not one of the values described above.
        """
        data = _validated_data(X)
        n_samples, n_features = data.shape
        requested = _validated_n_components(self.n_components, n_samples, n_features)

        mean = data.mean(axis=0)
        _, singular_values, axes = np.linalg.svd(data - mean, full_matrices=False)
        axes = _largest_entry_positive(axes)
        variances = singular_values**2 / (n_samples - 1)
        ratios = variances / variances.sum()
        kept = _count_kept(requested, ratios)

        self.mean_ = mean
        self.n_features_in_ = n_features
        self.n_components_ = kept
        self.components_ = axes[:kept].copy()
        self.explained_variance_ = variances[:kept].copy()
        self.explained_variance_ratio_ = ratios[:kept].copy()
        self.singular_values_ = singular_values[:kept].copy()
        self.noise_variance_ = float(variances[kept:].mean()) if kept < variances.size else 0.0
        return self

    def transform(self, X: npt.ArrayLike) -> FloatArray:
        """Project ``X`` on the components: ``(X - mean_) @ components_.T`` (whitened if asked).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_), float64

        Raises
        ------
        ValueError
            When ``X`` is invalid or has another number of features than ``fit`` saw.
        ValueError or AttributeError
            When the model is not fitted yet.
        """
        self._check_is_fitted("transform")
        data = _validated_data(X, min_samples=1)
        _check_width(data, self.n_features_in_, "features", "transform")
        projected: FloatArray = (data - self.mean_) @ self.components_.T
        if self.whiten:
            projected /= self._whitening_scale()
        return projected

    def fit_transform(self, X: npt.ArrayLike, y: object = None) -> FloatArray:
        """Fit to ``X``, then project it: the same as ``fit(X).transform(X)``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        X_new : ndarray of shape (n_samples, n_components_), float64
        """
        return self.fit(X).transform(X)

    def inverse_transform(self, X: npt.ArrayLike) -> FloatArray:
        """Map projections back to the original space: ``X @ components_ + mean_``.

        With ``whiten=True`` the projections are first multiplied by
        ``sqrt(explained_variance_)``, so that ``inverse_transform`` undoes ``transform``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_components_)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features), float64
        """
        self._check_is_fitted("inverse_transform")
        data = _validated_data(X, min_samples=1)
        _check_width(data, self.n_components_, "columns (one per component)", "inverse_transform")
        if self.whiten:
            data = data * self._whitening_scale()
        restored: FloatArray = data @ self.components_ + self.mean_
        return restored

    def _check_is_fitted(self, method: str) -> None:
        if not hasattr(self, "components_"):
            raise NotFittedError(f"This PCA instance is not fitted yet; call 'fit' before '{method}'.")

    def _whitening_scale(self) -> FloatArray:
        """``sqrt(explained_variance_)``, raised to machine epsilon where smaller (as scikit-learn)."""
        scale: FloatArray = np.maximum(np.sqrt(self.explained_variance_), np.finfo(np.float64).eps)
        return scale


def _validated_data(X: npt.ArrayLike, *, min_samples: int = 2) -> FloatArray:
    """``X`` as a finite 2-D float64 array with at least ``min_samples`` rows and one column."""
    array = np.asarray(X, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(
            f"X should be a 2-D array of shape (n_samples, n_features); got {array.ndim} dimension(s), "
            f"shape {array.shape}."
        )
    if array.shape[0] < min_samples or array.shape[1] == 0:
        raise ValueError(f"X should have at least {min_samples} sample(s) and one feature; got shape {array.shape}.")
    if not np.isfinite(array).all():
        raise ValueError("X contains NaN or infinite values; every value should be finite.")
    return array


def _validated_n_components(n_components: Any, n_samples: int, n_features: int) -> int | float:
    """``n_components`` resolved against the data: an int count, or a float fraction in (0, 1)."""
    most = min(n_samples, n_features)
    if n_components is None:
        return most
    if isinstance(n_components, bool):
        raise ValueError(f"n_components={n_components!r} should be None, an int or a float in (0, 1).")
    if isinstance(n_components, numbers.Integral):
        if not 1 <= int(n_components) <= most:
            raise ValueError(f"n_components={n_components} should be between 1 and min(n_samples, n_features)={most}.")
        return int(n_components)
    if isinstance(n_components, numbers.Real):
        if not 0.0 < float(n_components) < 1.0:
            raise ValueError(f"n_components={n_components!r} as a float should lie strictly between 0 and 1.")
        return float(n_components)
    raise ValueError(f"n_components={n_components!r} should be None, an int or a float in (0, 1).")


def _largest_entry_positive(axes: FloatArray) -> FloatArray:
    """Flip each row so that its entry of largest absolute value is positive (input assumed valid)."""
    largest = np.argmax(np.abs(axes), axis=1)
    signs = np.sign(axes[np.arange(axes.shape[0]), largest])
    flipped: FloatArray = axes * signs[:, np.newaxis]
    return flipped


def _count_kept(requested: int | float, ratios: FloatArray) -> int:
    """How many components to keep: an int as it is; for a fraction, the fewest whose cumulative
    ratio is strictly above it (all of them if rounding leaves the total at or below it)."""
    if isinstance(requested, int):
        return requested
    above = int(np.searchsorted(np.cumsum(ratios), requested, side="right")) + 1
    return min(above, ratios.size)


def _check_width(data: FloatArray, expected: int, unit: str, method: str) -> None:
    """Raise when ``data`` has another number of columns than ``expected``."""
    if data.shape[1] != expected:
        raise ValueError(f"X has {data.shape[1]} {unit}, but PCA.{method} expects {expected}.")
