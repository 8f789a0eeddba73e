"""Lasso and elastic net by cyclic coordinate descent: implement the classes below (see README.md)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


class ElasticNet:
    """Linear regression with a mixed L1 and L2 penalty, fitted by cyclic coordinate descent.

    Minimises ``1/(2n) ||y - X w - b||^2 + alpha * l1_ratio * ||w||_1
    + alpha * (1 - l1_ratio) / 2 * ||w||^2`` (the intercept ``b`` is not penalised).

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
        Stopping tolerance (see README.md, "The stopping rule and the precision required").

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,), float64
        The weights, with exact zeros where soft-thresholding gives 0.
    intercept_ : float
        The intercept.
    n_iter_ : int
        Complete sweeps run, between 0 and ``max_iter``.
    """

    coef_: npt.NDArray[np.float64]
    intercept_: float
    n_iter_: int

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
        """Learn ``coef_``, ``intercept_`` and ``n_iter_`` by cyclic coordinate descent from 0.

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
            When a parameter is out of range, ``X`` is not 2-D, ``X`` and ``y`` differ in length,
            or either holds NaN or infinite values.
        """
        raise NotImplementedError

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Predicted values ``X @ coef_ + intercept_``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), float64

        Raises
        ------
        ValueError or AttributeError
            Before ``fit``, with a message saying the model is not fitted.
        """
        raise NotImplementedError

    def score(self, X: npt.ArrayLike, y: npt.ArrayLike) -> float:
        """Coefficient of determination ``R^2 = 1 - SS_res / SS_tot`` of ``predict(X)`` against ``y``.

        When ``y`` is constant: 1.0 for a perfect prediction, else 0.0.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
        y : array_like of shape (n_samples,)

        Returns
        -------
        float
        """
        raise NotImplementedError


class Lasso(ElasticNet):
    """Linear regression with an L1 penalty: ``ElasticNet`` with ``l1_ratio = 1``.

    Minimises ``1/(2n) ||y - X w - b||^2 + alpha * ||w||_1``.

    Parameters
    ----------
    alpha : float, default=1.0
        Strength of the penalty; positive and finite.
    fit_intercept : bool, default=True
    max_iter : int, default=1000
    tol : float, default=1e-4

    Attributes
    ----------
    coef_ : ndarray of shape (n_features,), float64
    intercept_ : float
    n_iter_ : int
    """

    def __init__(
        self, alpha: float = 1.0, *, fit_intercept: bool = True, max_iter: int = 1000, tol: float = 1e-4
    ) -> None:
        super().__init__(alpha, l1_ratio=1.0, fit_intercept=fit_intercept, max_iter=max_iter, tol=tol)
