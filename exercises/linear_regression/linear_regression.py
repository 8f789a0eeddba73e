"""Linear regression three ways: least squares, ridge, and batch gradient descent.

Implement the three classes below with NumPy and the standard library only (see README.md).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


class LinearRegression:
    """Ordinary least squares: minimise ``||y - X @ w - b||²``.

    On a rank-deficient design (collinear columns, more features than samples) the answer is the
    minimum-norm ``w`` among all minimisers, as scikit-learn gives.

    Parameters
    ----------
    fit_intercept : bool, default=True
        Whether to learn the intercept ``b`` (never penalised, never part of the norm); when False,
        ``b = 0`` and ``intercept_`` is ``0.0``.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,), float64
        The weights ``w``.
    intercept_ : float
        The intercept ``b``.
    """

    coef_: npt.NDArray[np.float64]
    intercept_: float

    def __init__(self, *, fit_intercept: bool = True) -> None:
        raise NotImplementedError

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> LinearRegression:
        """Learn ``coef_`` and ``intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Finite numbers (a NumPy array or nested lists).
        y : array-like of shape (n_samples,)
            Finite numbers (ints are fine: treat them as floats). A second ``fit`` replaces
            everything the first one learned.

        Returns
        -------
        self : LinearRegression
            The fitted model itself.

        Raises
        ------
        ValueError
            If ``X`` is not 2-D or has no rows, ``y`` is not 1-D, their lengths differ, or either
            holds NaN or infinite values.
        """
        raise NotImplementedError

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Predicted targets ``X @ coef_ + intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), float64

        Raises
        ------
        ValueError or AttributeError
            If the model is not fitted yet; the message must say so ("... not fitted yet; call fit
            first"). ``ValueError`` if ``X`` has another number of features than in ``fit``.
        """
        raise NotImplementedError

    def score(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        """Coefficient of determination R² of ``predict(X)`` against ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        float
            ``1 - Σ(y - ŷ)² / Σ(y - mean(y))²``, the mean being that of this ``y``. When ``y`` is
            constant: 1.0 if ``ŷ == y`` exactly, else 0.0.
        """
        raise NotImplementedError


class Ridge:
    """Least squares with an L2 penalty: minimise ``||y - X @ w - b||² + alpha * ||w||²``.

    The intercept ``b`` is not penalised. Solve it in closed form.

    Parameters
    ----------
    alpha : float, default=1.0
        Strength of the penalty: finite and >= 0 (0 gives ``LinearRegression``'s solution).
    fit_intercept : bool, default=True
        As for ``LinearRegression``.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,), float64
    intercept_ : float
    """

    coef_: npt.NDArray[np.float64]
    intercept_: float

    def __init__(self, alpha: float = 1.0, *, fit_intercept: bool = True) -> None:
        raise NotImplementedError

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> Ridge:
        """Learn ``coef_`` and ``intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : Ridge

        Raises
        ------
        ValueError
            As ``LinearRegression.fit``, and if ``alpha`` is negative, NaN or infinite.
        """
        raise NotImplementedError

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Predicted targets ``X @ coef_ + intercept_``, shape (n_samples,); as ``LinearRegression.predict``."""
        raise NotImplementedError

    def score(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        """R² of ``predict(X)`` against ``y``; as ``LinearRegression.score``."""
        raise NotImplementedError


class GradientDescentRegressor:
    """Batch gradient descent on ``L(w, b) = 1/(2n) * ||y - X @ w - b||² + alpha/(2n) * ||w||²``.

    Start at ``w = 0, b = 0``; at each step compute the gradient ``g`` of ``L`` at the current
    point; stop if every entry of ``g`` is at most ``tol`` in absolute value, or if ``max_iter``
    updates have been made; otherwise update ``(w, b) <- (w, b) - learning_rate * g``.

    Parameters
    ----------
    alpha : float, default=0.0
        Penalty strength: finite and >= 0. ``L`` is the ridge objective divided by ``2n``, so its
        minimiser is ``Ridge(alpha)``'s.
    learning_rate : float, default=0.1
        The fixed step size: finite and > 0.
    max_iter : int, default=1000
        Most updates: an integer >= 1.
    tol : float, default=1e-6
        Stop before an update once ``max |g| <= tol``: finite and >= 0.
    fit_intercept : bool, default=True
        When False, ``b`` stays 0 and is not part of ``g``.

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,), float64
    intercept_ : float
    n_iter_ : int
        The number of updates made, from 0 to ``max_iter``.
    loss_curve_ : list of float
        ``L`` after 0, 1, ..., ``n_iter_`` updates: ``n_iter_ + 1`` values, the first at
        ``w = 0, b = 0``, the last at the returned ``coef_`` and ``intercept_``.
    """

    coef_: npt.NDArray[np.float64]
    intercept_: float
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
        raise NotImplementedError

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> GradientDescentRegressor:
        """Run gradient descent; learn ``coef_``, ``intercept_``, ``n_iter_`` and ``loss_curve_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : GradientDescentRegressor

        Raises
        ------
        ValueError
            As ``LinearRegression.fit``, and if a parameter is out of its range.
        """
        raise NotImplementedError

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Predicted targets ``X @ coef_ + intercept_``, shape (n_samples,); as ``LinearRegression.predict``."""
        raise NotImplementedError

    def score(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        """R² of ``predict(X)`` against ``y``; as ``LinearRegression.score``."""
        raise NotImplementedError
