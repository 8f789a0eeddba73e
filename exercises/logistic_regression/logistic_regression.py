"""Binary L2-regularised logistic regression, from scratch.

Implement the two names below with NumPy and the standard library only (see README.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt


def sigmoid(z: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Logistic function ``1 / (1 + exp(-z))``, elementwise and numerically stable.

    Parameters
    ----------
    z : array-like of float
        Values of any shape; any finite value (``-1e308`` included) must work.

    Returns
    -------
    ndarray of float64, same shape as ``z``
        Values in ``[0, 1]``, finite, computed without overflow warnings, with
        ``sigmoid(-z) == 1 - sigmoid(z)`` to rounding.
    """
    raise NotImplementedError


class LogisticRegression:
    """Binary logistic regression with an L2 penalty on the coefficients.

    ``fit`` minimises ``0.5 * ||w||^2 + C * sum_i log(1 + exp(-s_i * (x_i @ w + b)))``, where
    ``s_i = +1`` if ``y_i`` is the positive class ``classes_[1]`` and ``-1`` otherwise. The
    intercept ``b`` is not penalised.

    Parameters
    ----------
    C : float, default=1.0
        Inverse of the regularisation strength: positive and finite; smaller means a stronger
        penalty.
    fit_intercept : bool, default=True
        Whether to learn the intercept ``b``; when False, ``b = 0`` and ``intercept_`` is ``[0.0]``.
    max_iter : int, default=1000
        Maximum number of iterations of your optimiser.
    tol : float, default=1e-6
        Stop once every entry of the objective's gradient, divided by ``C * n_samples``, is at most
        ``tol`` in absolute value.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels seen in ``fit``, sorted; ``classes_[1]`` is the positive class.
    coef_ : ndarray of shape (1, n_features), float64
        The weights ``w``.
    intercept_ : ndarray of shape (1,), float64
        The intercept ``b`` (``[0.0]`` when ``fit_intercept=False``).
    """

    classes_: npt.NDArray[Any]
    coef_: npt.NDArray[np.float64]
    intercept_: npt.NDArray[np.float64]

    def __init__(self, *, C: float = 1.0, fit_intercept: bool = True, max_iter: int = 1000, tol: float = 1e-6) -> None:
        raise NotImplementedError

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> LogisticRegression:
        """Learn ``classes_``, ``coef_`` and ``intercept_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Finite numbers (a NumPy array or nested lists).
        y : array-like of shape (n_samples,)
            Exactly two distinct labels of any sortable type (ints, strings, bools), as an array or
            a list. A second call to ``fit`` replaces everything the first one learned.

        Returns
        -------
        self : LogisticRegression
            The fitted model itself.

        Raises
        ------
        ValueError
            If ``C <= 0`` or is not finite, ``X`` contains NaN or infinite values, ``X`` and ``y`` have different
            lengths, or ``y`` holds one class or more than two.
        """
        raise NotImplementedError

    def decision_function(self, X: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Decision values ``X @ coef_[0] + intercept_[0]``; positive means ``classes_[1]``.

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
            first").
        """
        raise NotImplementedError

    def predict_proba(self, X: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Probability of each class, columns in ``classes_`` order.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, 2), float64
            Column 1 is ``sigmoid(decision_function(X))``; each row sums to 1.

        Raises
        ------
        ValueError or AttributeError
            If the model is not fitted yet; the message must say so ("... not fitted yet; call fit
            first").
        """
        raise NotImplementedError

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[Any]:
        """Predicted labels: ``classes_[1]`` where the decision value is > 0, else ``classes_[0]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
            Labels taken from ``classes_`` (same dtype).

        Raises
        ------
        ValueError or AttributeError
            If the model is not fitted yet; the message must say so ("... not fitted yet; call fit
            first").
        """
        raise NotImplementedError
