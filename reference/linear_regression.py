"""Least squares, ridge regression and batch gradient descent, NumPy only: the reference solution.

All three models predict ``X @ coef_ + intercept_``; the intercept is never penalised.

* ``LinearRegression`` minimises ``||y - X w - b||²``. With an intercept, the optimal ``b`` is
  ``mean(y) - mean(X) · w`` whatever ``w`` is, so ``w`` solves the least-squares problem of the
  *centred* data ``Xc = X - mean(X)``, ``yc = y - mean(y)``. That problem is solved by the SVD
  (``numpy.linalg.lstsq``), never by inverting ``Xcᵀ Xc``: squaring the design squares its
  condition number, and on a design with condition number 1e7 the normal equations lose about 14
  digits where the SVD loses 7. On a rank-deficient design the SVD gives the minimum-norm ``w``
  (singular values below ``RCOND`` times the largest count as zero), as scikit-learn does.
* ``Ridge`` minimises ``||y - X w - b||² + alpha ||w||²``: on the centred data,
  ``w = (Xcᵀ Xc + alpha I)⁻¹ Xcᵀ yc`` and ``b = mean(y) - mean(X) · w``. With ``alpha > 0`` the
  matrix is positive definite and no worse conditioned than ``(σ_max² + alpha) / alpha``.
* ``GradientDescentRegressor`` minimises, by plain batch gradient descent from ``w = 0, b = 0``,

      L(w, b) = 1/(2n) ||y - X w - b||² + alpha/(2n) ||w||²,

  which is the ridge objective divided by ``2n``: the same minimiser as ``Ridge(alpha)``. Its
  gradient is ``∇w = (alpha w - Xᵀ r) / n`` and ``∂b = -sum(r) / n`` with ``r = y - X w - b``. It
  stops before an update once every entry of the gradient is at most ``tol`` in absolute value,
  or after ``max_iter`` updates.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["GradientDescentRegressor", "LinearRegression", "NotFittedError", "Ridge"]

FloatArray = npt.NDArray[np.float64]

# Singular values of the centred design below RCOND x the largest count as zero (rank deficiency).
RCOND = 1e-10


class NotFittedError(ValueError, AttributeError):
    """Raised when a model is used before ``fit``, like scikit-learn's error of the same name."""


def _check_X(X: npt.ArrayLike) -> FloatArray:
    """``X`` as a 2-D float64 array with at least one row and finite values, or ``ValueError``."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got shape {X.shape}.")
    if X.shape[0] == 0:
        raise ValueError("X must have at least one row; got 0.")
    if not np.all(np.isfinite(X)):
        raise ValueError("X must not contain NaN or infinite values; found some.")
    return X


def _check_X_y(X: npt.ArrayLike, y: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """``X`` as by ``_check_X`` and ``y`` as a finite 1-D float64 array of the same length."""
    X = _check_X(X)
    return X, _check_y(y, X.shape[0])


def _check_y(y: npt.ArrayLike, n_samples: int) -> FloatArray:
    """``y`` as a finite 1-D float64 array of ``n_samples`` values, or ``ValueError``."""
    y = np.asarray(y, dtype=np.float64)
    if y.ndim != 1:
        raise ValueError(f"y must be 1-D (n_samples,); got shape {y.shape}.")
    if y.shape[0] != n_samples:
        raise ValueError(f"X and y must have the same length; got {n_samples} rows in X and {y.shape[0]} in y.")
    if not np.all(np.isfinite(y)):
        raise ValueError("y must not contain NaN or infinite values; found some.")
    return y


def _check_number(name: str, value: Any, *, low: float, strict: bool) -> float:
    """``value`` as a float, finite and ``> low`` (``strict``) or ``>= low``; else ``ValueError``."""
    rule = f"a finite number {'>' if strict else '>='} {low:g}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be {rule}; got {name}={value!r}.")
    number = float(value)
    if not np.isfinite(number) or number < low or (strict and number == low):
        raise ValueError(f"{name} must be {rule}; got {name}={value!r}.")
    return number


def _centre(X: FloatArray, y: FloatArray, fit_intercept: bool) -> tuple[FloatArray, FloatArray, FloatArray, float]:
    """``(Xc, yc, mean(X), mean(y))``; without an intercept the data are left as they are."""
    if not fit_intercept:
        return X, y, np.zeros(X.shape[1]), 0.0
    x_mean = X.mean(axis=0)
    y_mean = float(y.mean())
    return X - x_mean, y - y_mean, x_mean, y_mean


def r2_score(y: FloatArray, predicted: FloatArray) -> float:
    """``1 - Σ(y - ŷ)² / Σ(y - mean(y))²``; for a constant ``y``, 1.0 if ``ŷ == y`` exactly, else 0.0."""
    residual = float(np.sum((y - predicted) ** 2))
    total = float(np.sum((y - y.mean()) ** 2))
    if total == 0.0:
        return 1.0 if residual == 0.0 else 0.0
    return 1.0 - residual / total


def _lstsq(Xc: FloatArray, yc: FloatArray) -> FloatArray:
    """Minimum-norm least-squares solution by the SVD; singular values below ``RCOND`` x the largest are 0."""
    return np.asarray(np.linalg.lstsq(Xc, yc, rcond=RCOND)[0], dtype=np.float64)


class _LinearModel:
    """What the three models share: the fitted line, ``predict`` and ``score``."""

    coef_: FloatArray
    intercept_: float
    n_features_in_: int

    def predict(self, X: npt.ArrayLike) -> FloatArray:
        """Predicted targets ``X @ coef_ + intercept_``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), float64
        """
        if not hasattr(self, "coef_"):
            raise NotFittedError(f"This {type(self).__name__} is not fitted yet; call fit(X, y) before using it.")
        X = _check_X(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but this model was fitted with {self.n_features_in_}.")
        predicted: FloatArray = X @ self.coef_ + self.intercept_
        return predicted

    def score(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        """Coefficient of determination R² of ``predict(X)`` against ``y``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)

        Returns
        -------
        float
            ``1 - Σ(y - ŷ)² / Σ(y - mean(y))²``; for a constant ``y``, 1.0 if the predictions are
            exactly ``y`` and 0.0 otherwise.
        """
        predicted = self.predict(X)
        return r2_score(_check_y(y, predicted.shape[0]), predicted)

    def _set_line(self, coef: FloatArray, x_mean: FloatArray, y_mean: float, fit_intercept: bool) -> None:
        self.coef_ = coef
        self.intercept_ = float(y_mean - x_mean @ coef) if fit_intercept else 0.0
        self.n_features_in_ = coef.shape[0]


class LinearRegression(_LinearModel):
    """Ordinary least squares; the minimum-norm solution on a rank-deficient design.

    Parameters
    ----------
    fit_intercept : bool, default=True
        Whether to learn an intercept; when False, ``intercept_`` is 0.0.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,), float64
    intercept_ : float
    n_features_in_ : int
    """

    def __init__(self, *, fit_intercept: bool = True) -> None:
        self.fit_intercept = fit_intercept

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> LinearRegression:
        """Learn ``coef_`` and ``intercept_`` minimising ``||y - X coef_ - intercept_||²``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)

        Returns
        -------
        self : LinearRegression
        """
        X, y = _check_X_y(X, y)
        Xc, yc, x_mean, y_mean = _centre(X, y, bool(self.fit_intercept))
        coef = _lstsq(Xc, yc)
        self._set_line(coef, x_mean, y_mean, bool(self.fit_intercept))
        return self


class Ridge(_LinearModel):
    """Least squares with an L2 penalty ``alpha ||w||²`` on the coefficients (not the intercept).

    Parameters
    ----------
    alpha : float, default=1.0
        Strength of the penalty, finite and >= 0; 0 gives ``LinearRegression``'s solution.
    fit_intercept : bool, default=True

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,), float64
    intercept_ : float
    n_features_in_ : int
    """

    def __init__(self, alpha: float = 1.0, *, fit_intercept: bool = True) -> None:
        self.alpha = alpha
        self.fit_intercept = fit_intercept

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> Ridge:
        """Learn ``coef_`` and ``intercept_`` minimising ``||y - X w - b||² + alpha ||w||²``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)

        Returns
        -------
        self : Ridge
        """
        alpha = _check_number("alpha", self.alpha, low=0.0, strict=False)
        X, y = _check_X_y(X, y)
        Xc, yc, x_mean, y_mean = _centre(X, y, bool(self.fit_intercept))
        if alpha == 0.0:
            coef = _lstsq(Xc, yc)
        else:
            gram = Xc.T @ Xc
            gram.flat[:: gram.shape[0] + 1] += alpha  # the diagonal
            coef = np.asarray(np.linalg.solve(gram, Xc.T @ yc), dtype=np.float64)
        self._set_line(coef, x_mean, y_mean, bool(self.fit_intercept))
        return self


class GradientDescentRegressor(_LinearModel):
    """Batch gradient descent on ``L(w, b) = 1/(2n) ||y - X w - b||² + alpha/(2n) ||w||²``.

    Parameters
    ----------
    alpha : float, default=0.0
        Penalty strength, finite and >= 0; the minimiser of ``L`` is ``Ridge(alpha)``'s.
    learning_rate : float, default=0.1
        The fixed step size: each update is ``(w, b) <- (w, b) - learning_rate * ∇L(w, b)``.
    max_iter : int, default=1000
        Most updates.
    tol : float, default=1e-6
        Stop before an update once ``max |∇L(w, b)| <= tol``.
    fit_intercept : bool, default=True

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,), float64
    intercept_ : float
    n_iter_ : int
        Updates made.
    loss_curve_ : list of float
        ``L`` after 0, 1, ..., ``n_iter_`` updates (length ``n_iter_ + 1``).
    n_features_in_ : int
    """

    n_iter_: int
    loss_curve_: list[float]

    def __init__(
        self,
        *,
        alpha: float = 0.0,
        learning_rate: float = 0.1,
        max_iter: int = 1000,
        tol: float = 1e-6,
        fit_intercept: bool = True,
    ) -> None:
        self.alpha = alpha
        self.learning_rate = learning_rate
        self.max_iter = max_iter
        self.tol = tol
        self.fit_intercept = fit_intercept

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> GradientDescentRegressor:
        """Run gradient descent from ``w = 0, b = 0``; learn ``coef_``, ``intercept_``, ``n_iter_``, ``loss_curve_``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)

        Returns
        -------
        self : GradientDescentRegressor
        """
        alpha = _check_number("alpha", self.alpha, low=0.0, strict=False)
        learning_rate = _check_number("learning_rate", self.learning_rate, low=0.0, strict=True)
        tol = _check_number("tol", self.tol, low=0.0, strict=False)
        max_iter = self.max_iter
        if isinstance(max_iter, bool) or not isinstance(max_iter, numbers.Integral) or max_iter < 1:
            raise ValueError(f"max_iter must be an integer >= 1; got max_iter={max_iter!r}.")
        X, y = _check_X_y(X, y)
        coef, intercept, losses = _descend(X, y, alpha, learning_rate, int(max_iter), tol, bool(self.fit_intercept))
        self.coef_ = coef
        self.intercept_ = intercept
        self.n_features_in_ = X.shape[1]
        self.loss_curve_ = losses
        self.n_iter_ = len(losses) - 1
        return self


def _descend(
    X: FloatArray, y: FloatArray, alpha: float, learning_rate: float, max_iter: int, tol: float, fit_intercept: bool
) -> tuple[FloatArray, float, list[float]]:
    """Gradient descent on ``L``; returns ``(w, b, losses)``. Input is assumed valid.

    One residual ``r = y - X w - b`` per iteration serves both the loss after the last update and
    the gradient for the next one.
    """
    n_samples, n_features = X.shape
    w = np.zeros(n_features)
    b = 0.0
    residual = y.copy()
    losses = [_loss(residual, w, alpha)]
    for _ in range(max_iter):
        grad_w = (alpha * w - X.T @ residual) / n_samples
        grad_b = -float(residual.sum()) / n_samples if fit_intercept else 0.0
        if max(float(np.max(np.abs(grad_w))), abs(grad_b)) <= tol:
            break
        w = w - learning_rate * grad_w
        b = b - learning_rate * grad_b
        residual = y - X @ w - b
        losses.append(_loss(residual, w, alpha))
    return w, b, losses


def _loss(residual: FloatArray, w: FloatArray, alpha: float) -> float:
    """``(||r||² + alpha ||w||²) / (2n)``."""
    return float((residual @ residual + alpha * (w @ w)) / (2 * residual.shape[0]))
