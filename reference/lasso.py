"""Lasso and elastic net by cyclic coordinate descent, NumPy only: the reference solution.

Both models minimise scikit-learn's objective

    P(w, b) = 1/(2n) ||y - X w - b||^2 + alpha * rho * ||w||_1 + alpha * (1 - rho) / 2 * ||w||^2,

with ``rho = l1_ratio`` (1 for the lasso). The intercept ``b`` is not penalised, so at the optimum
``b = mean(y) - mean(X, axis=0) @ w``: the solver works on centred ``X`` and ``y`` and recovers ``b``
at the end.

Multiplied by ``n``, the objective is ``1/2 ||r||^2 + l1 ||w||_1 + l2/2 ||w||^2`` with ``l1 = n alpha
rho`` and ``l2 = n alpha (1 - rho)``. Minimising it over one coordinate ``w_j`` with the others fixed
has a closed form, a soft-threshold:

    w_j = S(z_j, l1) / (||x_j||^2 + l2),   z_j = x_j . (r + w_j x_j),   S(z, t) = sign(z) max(|z| - t, 0).

``S`` returns exactly 0 whenever ``|z_j| <= l1``: this is where the lasso's zeros come from. With the
Gram matrix ``G = X^T X`` and ``c = X^T y`` of the centred data, ``z_j = c_j - G_j . w + G_jj w_j``
costs ``O(n_features)`` instead of ``O(n_samples)`` (Friedman et al.'s "covariance updates").

Stopping rule (scikit-learn's): after each sweep over the coordinates, when the largest coordinate
change is at most ``tol`` times the largest ``|w_j|`` (or ``w`` is 0, or the sweep was the last one),
compute the duality gap; stop when it is at most ``tol * ||y - mean(y)||^2``. The gap bounds
``n * (P(w) - min P)`` from above, so the result is certified that close to the optimum. The same gap
test is run once before the first sweep: when ``w = 0`` is already optimal, no sweep runs.
"""

from __future__ import annotations

import warnings

import numpy as np
import numpy.typing as npt

__all__ = ["ConvergenceWarning", "ElasticNet", "Lasso", "NotFittedError"]

FloatArray = npt.NDArray[np.float64]


class NotFittedError(ValueError, AttributeError):
    """Raised when a model is used before ``fit``, like scikit-learn's error of the same name."""


class ConvergenceWarning(UserWarning):
    """Coordinate descent ran ``max_iter`` sweeps without meeting the stopping rule."""


def _soft_threshold(z: float, threshold: float) -> float:
    """``sign(z) * max(|z| - threshold, 0)``; exactly 0.0 when ``|z| <= threshold``."""
    if z > threshold:
        return z - threshold
    if z < -threshold:
        return z + threshold
    return 0.0


def _duality_gap(X: FloatArray, y: FloatArray, w: FloatArray, l1: float, l2: float) -> float:
    """Duality gap of ``1/2 ||y - X w||^2 + l1 ||w||_1 + l2/2 ||w||^2``; input is assumed valid.

    The dual point is the residual, scaled down until it is feasible (``||X^T v - l2 w||_inf <= l1``).
    """
    residual = y - X @ w
    correlation = X.T @ residual - l2 * w
    dual_norm = float(np.max(np.abs(correlation))) if correlation.size else 0.0
    squared = float(residual @ residual + l2 * (w @ w))
    primal = 0.5 * squared + l1 * float(np.sum(np.abs(w)))
    scale = l1 / dual_norm if dual_norm > l1 else 1.0
    dual = -0.5 * scale**2 * squared + scale * float(residual @ y)
    return primal - dual


def _coordinate_descent(
    X: FloatArray, y: FloatArray, l1: float, l2: float, max_iter: int, tol: float
) -> tuple[FloatArray, int]:
    """Cyclic coordinate descent from ``w = 0``; ``X`` and ``y`` centred if there is an intercept.

    Input is assumed valid. Returns the coefficients and the number of complete sweeps.
    """
    n_features = X.shape[1]
    w = np.zeros(n_features)
    gram = X.T @ X
    xty = X.T @ y
    squared_norms = np.diag(gram).copy()
    gap_tol = tol * float(y @ y)
    if _duality_gap(X, y, w, l1, l2) <= gap_tol:
        return w, 0
    for sweep in range(1, max_iter + 1):
        largest_change = largest_weight = 0.0
        for j in range(n_features):
            if squared_norms[j] == 0.0:  # a column of zeros: its weight stays 0
                continue
            old = w[j]
            z = xty[j] - gram[j] @ w + squared_norms[j] * old
            new = _soft_threshold(z, l1) / (squared_norms[j] + l2)
            w[j] = new
            largest_change = max(largest_change, abs(new - old))
            largest_weight = max(largest_weight, abs(new))
        small_change = largest_weight == 0.0 or largest_change <= tol * largest_weight
        if (small_change or sweep == max_iter) and _duality_gap(X, y, w, l1, l2) <= gap_tol:
            return w, sweep
    warnings.warn(
        f"Coordinate descent did not converge in max_iter={max_iter} sweeps; increase max_iter or tol.",
        ConvergenceWarning,
        stacklevel=4,
    )
    return w, max_iter


class ElasticNet:
    """Linear regression with a mixed L1 and L2 penalty, fitted by cyclic coordinate descent.

    Minimises ``1/(2n) ||y - X w - b||^2 + alpha * l1_ratio * ||w||_1
    + alpha * (1 - l1_ratio) / 2 * ||w||^2``, as scikit-learn's ``ElasticNet`` does.

    Parameters
    ----------
    alpha : float, default=1.0
        Strength of the penalty; positive and finite.
    l1_ratio : float, default=0.5
        Share of the L1 part, in ``(0, 1]``; 1 is the lasso.
    fit_intercept : bool, default=True
        Whether to learn an (unpenalised) intercept; when False, ``intercept_`` is 0.0.
    max_iter : int, default=1000
        Most sweeps over the coordinates.
    tol : float, default=1e-4
        Stopping tolerance (see the module docstring).

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,), float64
    intercept_ : float
    n_iter_ : int
        Complete sweeps run, between 0 and ``max_iter``.
    n_features_in_ : int
    """

    coef_: FloatArray
    intercept_: float
    n_iter_: int
    n_features_in_: int

    def __init__(
        self,
        alpha: float = 1.0,
        *,
        l1_ratio: float = 0.5,
        fit_intercept: bool = True,
        max_iter: int = 1000,
        tol: float = 1e-4,
    ) -> None:
        self.alpha = alpha
        self.l1_ratio = l1_ratio
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> ElasticNet:
        """Learn ``coef_``, ``intercept_`` and ``n_iter_`` from training data.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Finite numbers.
        y : array_like of shape (n_samples,)
            Finite numbers.

        Returns
        -------
        self : ElasticNet

        Raises
        ------
        ValueError
            When a parameter is out of range, ``X`` is not 2-D, ``y`` not 1-D, they differ in
            length, or either holds NaN or infinite values.
        """
        l1_ratio = self._l1_ratio()
        self._check_params(l1_ratio)
        data, target = _check_X(X), _as_floats(y)
        if target.ndim != 1:
            raise ValueError(f"y must be 1-D; got an array of shape {target.shape}.")
        if target.shape[0] != data.shape[0]:
            raise ValueError(
                f"X and y must have the same length; got {data.shape[0]} rows in X and {target.shape[0]} values in y."
            )
        if not np.all(np.isfinite(target)):
            raise ValueError("y must not contain NaN or infinite values; found some.")
        n_samples, n_features = data.shape
        if self.fit_intercept:
            X_mean, y_mean = data.mean(axis=0), float(target.mean())
            data, target = data - X_mean, target - y_mean
        else:
            X_mean, y_mean = np.zeros(n_features), 0.0
        alpha = float(self.alpha)
        l1 = n_samples * alpha * l1_ratio
        l2 = n_samples * alpha * (1.0 - l1_ratio)
        w, self.n_iter_ = _coordinate_descent(data, target, l1, l2, int(self.max_iter), float(self.tol))
        self.coef_ = w
        self.intercept_ = y_mean - float(X_mean @ w) if self.fit_intercept else 0.0
        self.n_features_in_ = n_features
        return self

    def predict(self, X: npt.ArrayLike) -> FloatArray:
        """Predicted values ``X @ coef_ + intercept_``.

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
        """Coefficient of determination R^2 = 1 - SS_res / SS_tot of ``predict(X)`` against ``y``.

        When ``y`` is constant (``SS_tot == 0``): 1.0 for a perfect prediction, else 0.0.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)

        Returns
        -------
        float
        """
        predicted = self.predict(X)
        y = _as_floats(y)
        if y.shape != predicted.shape:
            raise ValueError(f"y must have shape {predicted.shape}; got {y.shape}.")
        residual = float(np.sum((y - predicted) ** 2))
        total = float(np.sum((y - y.mean()) ** 2))
        if total == 0.0:
            return 1.0 if residual == 0.0 else 0.0
        return 1.0 - residual / total

    def _l1_ratio(self) -> float:
        return float(self.l1_ratio)

    def _check_params(self, l1_ratio: float) -> None:
        """Reject parameters outside their range, naming the parameter, the rule and the value."""
        if not _is_number(self.alpha) or not (np.isfinite(self.alpha) and self.alpha > 0):
            raise ValueError(f"alpha must be a positive finite number; got alpha={self.alpha!r}.")
        if not 0.0 < l1_ratio <= 1.0:
            raise ValueError(f"l1_ratio must be in (0, 1]; got l1_ratio={l1_ratio!r}.")
        if isinstance(self.max_iter, bool) or not isinstance(self.max_iter, int | np.integer) or self.max_iter < 1:
            raise ValueError(f"max_iter must be an integer >= 1; got max_iter={self.max_iter!r}.")
        if not _is_number(self.tol) or not (self.tol >= 0 and np.isfinite(self.tol)):
            raise ValueError(f"tol must be a finite number >= 0; got tol={self.tol!r}.")


class Lasso(ElasticNet):
    """Linear regression with an L1 penalty: ``ElasticNet`` with ``l1_ratio = 1``.

    Minimises ``1/(2n) ||y - X w - b||^2 + alpha * ||w||_1``, as scikit-learn's ``Lasso`` does.

    Parameters
    ----------
    alpha : float, default=1.0
    fit_intercept : bool, default=True
    max_iter : int, default=1000
    tol : float, default=1e-4

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,), float64
    intercept_ : float
    n_iter_ : int
    n_features_in_ : int
    """

    def __init__(
        self, alpha: float = 1.0, *, fit_intercept: bool = True, max_iter: int = 1000, tol: float = 1e-4
    ) -> None:
        self.alpha = alpha
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def _l1_ratio(self) -> float:
        return 1.0


def _is_number(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, int | float | np.integer | np.floating)


def _as_floats(values: npt.ArrayLike) -> FloatArray:
    array: FloatArray = np.asarray(values, dtype=np.float64)
    return array


def _check_X(X: npt.ArrayLike) -> FloatArray:
    """Return ``X`` as a 2-D float64 array of finite values, or raise ``ValueError``."""
    X = _as_floats(X)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got shape {X.shape}.")
    if X.shape[0] == 0:
        raise ValueError("X must have at least one row; got 0.")
    if not np.all(np.isfinite(X)):
        raise ValueError("X must not contain NaN or infinite values; found some.")
    return X
