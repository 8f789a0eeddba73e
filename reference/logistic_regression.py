"""Binary L2-regularised logistic regression, NumPy only: the reference solution.

The model minimises scikit-learn's objective

    f(w, b) = 0.5 * ||w||^2 + C * sum_i log(1 + exp(-s_i * (x_i . w + b))),   s_i = -1 or +1,

where ``s_i = +1`` for the positive class ``classes_[1]``; the intercept ``b`` is not penalised.
``f`` is smooth and strictly convex in ``w`` (and in ``b`` whenever both classes are present), so
Newton's method converges fast: the Hessian

    H = P + C * X1^T diag(p * (1 - p)) X1,    P = diag(1, ..., 1, 0),   X1 = [X, 1],

is only ``(n_features + 1)`` square. A backtracking (Armijo) line search keeps every step a descent
step, which matters far from the optimum and on separable data.

Iteration stops when the largest absolute entry of the gradient, divided by ``C * n_samples``, is at
most ``tol``: the gradient of the mean loss plus ``||w||^2 / (2 C n)``, as scikit-learn's ``lbfgs``
solver does.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["LogisticRegression", "NotFittedError", "sigmoid"]

FloatArray = npt.NDArray[np.float64]

# Armijo sufficient-decrease constant and the most halvings of a Newton step before giving up.
_ARMIJO = 1e-4
_MAX_HALVINGS = 60
# A predicted decrease below this fraction of the objective is lost in rounding.
_ROUNDING = 64 * np.finfo(np.float64).eps


class NotFittedError(ValueError, AttributeError):
    """Raised when a model is used before ``fit``, like scikit-learn's error of the same name."""


def sigmoid(z: npt.ArrayLike) -> FloatArray:
    """Logistic function ``1 / (1 + exp(-z))``, elementwise and without overflow.

    Parameters
    ----------
    z : array_like of float
        Any finite (or infinite) values, of any shape.

    Returns
    -------
    ndarray of float64, same shape as ``z``
        Values in ``[0, 1]``; ``sigmoid(-z) == 1 - sigmoid(z)`` to rounding.
    """
    z = np.asarray(z, dtype=np.float64)
    # exp of a non-positive number never overflows: use exp(-|z|) and pick the algebraic form
    # that fits the sign of z.
    e = np.exp(-np.abs(z))
    values: FloatArray = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return values


def _decision(X: FloatArray, theta: FloatArray) -> FloatArray:
    """``X @ w + b`` where ``theta = (w, b)``, or ``(w,)`` without an intercept."""
    n_features = X.shape[1]
    z = X @ theta[:n_features]
    return z + theta[n_features] if theta.shape[0] > n_features else z


def _objective(theta: FloatArray, margins: FloatArray, C: float, n_features: int) -> float:
    """Objective at ``theta`` given its margins ``s * decision``; input is assumed valid.

    ``np.logaddexp(0, t)`` is ``log(1 + exp(t))`` without overflow.
    """
    w = theta[:n_features]
    return float(0.5 * np.dot(w, w) + C * np.sum(np.logaddexp(0.0, -margins)))


def _gradient(theta: FloatArray, X: FloatArray, s: FloatArray, p_wrong: FloatArray, C: float) -> FloatArray:
    """Gradient of the objective; ``p_wrong`` is the model's probability of the other label."""
    n_features = X.shape[1]
    residual = s * p_wrong
    grad = np.empty_like(theta)
    grad[:n_features] = theta[:n_features] - C * (X.T @ residual)
    if theta.shape[0] > n_features:
        grad[n_features] = -C * np.sum(residual)
    return grad


def _hessian(X: FloatArray, p_wrong: FloatArray, C: float, work: FloatArray) -> FloatArray:
    """Hessian of the objective: ``P + C * X1^T diag(p (1 - p)) X1`` with ``X1 = [X, 1]``.

    ``work`` is scratch space of shape ``(n_samples, len(theta))``, reused across iterations; its
    last column stands for the intercept's column of ones when there is one.
    """
    n_features = X.shape[1]
    root_weights = np.sqrt(p_wrong * (1.0 - p_wrong))
    # Z.T @ Z with Z = sqrt(weights) * X1 lets NumPy use a symmetric rank-k update (syrk), several
    # times faster than (X1.T * weights) @ X1.
    np.multiply(X, root_weights[:, None], out=work[:, :n_features])
    if work.shape[1] > n_features:
        work[:, n_features] = root_weights
    hessian = C * (work.T @ work)
    hessian[np.arange(n_features), np.arange(n_features)] += 1.0  # the penalty skips the intercept
    return hessian


def _newton(
    X: FloatArray, s: FloatArray, C: float, fit_intercept: bool, max_iter: int, tol: float
) -> tuple[FloatArray, int]:
    """Minimise the objective over ``theta = (w, b)`` by damped Newton; input is assumed valid.

    Returns the solution and the number of Newton steps taken.
    """
    n_samples, n_features = X.shape
    theta = np.zeros(n_features + 1 if fit_intercept else n_features)
    margins = np.zeros(n_samples)
    value = _objective(theta, margins, C, n_features)
    work = np.empty((n_samples, theta.shape[0]))
    for n_iter in range(max_iter):
        p_wrong = sigmoid(-margins)
        grad = _gradient(theta, X, s, p_wrong, C)
        if np.max(np.abs(grad)) <= tol * C * n_samples:
            return theta, n_iter
        step = _solve(_hessian(X, p_wrong, C, work), -grad)
        found = _line_search(theta, value, step, grad, X, s, C)
        if found is None:  # no decrease left that floating point can see: this is the optimum
            return theta, n_iter
        theta, margins, value = found
    warnings.warn(
        f"Newton's method did not converge in max_iter={max_iter} iterations; increase max_iter or tol.",
        RuntimeWarning,
        stacklevel=3,
    )
    return theta, max_iter


def _solve(hessian: FloatArray, rhs: FloatArray) -> FloatArray:
    """Newton direction; falls back to least squares when the Hessian is numerically singular.

    That happens only when every probability has saturated (separable data with a huge ``C``).
    """
    try:
        direction = np.linalg.solve(hessian, rhs)
    except np.linalg.LinAlgError:
        direction = np.linalg.lstsq(hessian, rhs, rcond=None)[0]
    return np.asarray(direction, dtype=np.float64)


def _line_search(
    theta: FloatArray,
    value: float,
    step: FloatArray,
    grad: FloatArray,
    X: FloatArray,
    s: FloatArray,
    C: float,
) -> tuple[FloatArray, FloatArray, float] | None:
    """Halve ``step`` until the Armijo condition holds; return the new point, margins, objective.

    Returns None when the predicted decrease is below the objective's rounding error, or when no
    step size decreases it: the iterate is then optimal to machine precision.
    """
    n_features = X.shape[1]
    slope = float(np.dot(grad, step))
    if -slope <= _ROUNDING * max(abs(value), 1.0):
        return None
    t = 1.0
    for _ in range(_MAX_HALVINGS):
        candidate = theta + t * step
        margins = s * _decision(X, candidate)
        new_value = _objective(candidate, margins, C, n_features)
        if new_value <= value + _ARMIJO * t * slope:
            return candidate, margins, new_value
        t *= 0.5
    return None


class LogisticRegression:
    """Binary logistic regression with an L2 penalty on the coefficients (not on the intercept).

    Minimises ``0.5 * ||w||^2 + C * sum_i log(1 + exp(-s_i * (x_i . w + b)))`` with ``s_i = +1``
    for the positive class ``classes_[1]`` and ``-1`` for the other, as scikit-learn does.

    Parameters
    ----------
    C : float, default=1.0
        Inverse of the regularisation strength; must be positive and finite. Smaller is stronger.
    fit_intercept : bool, default=True
        Whether to learn an (unpenalised) intercept; when False, ``intercept_`` is ``[0.0]``.
    max_iter : int, default=1000
        Most Newton iterations.
    tol : float, default=1e-6
        Stop when ``max|gradient| <= tol * C * n_samples``.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels, sorted; ``classes_[1]`` is the positive class.
    coef_ : ndarray of shape (1, n_features), float64
    intercept_ : ndarray of shape (1,), float64
    n_features_in_ : int
    n_iter_ : int
        Newton iterations run.
    """

    def __init__(self, *, C: float = 1.0, fit_intercept: bool = True, max_iter: int = 1000, tol: float = 1e-6) -> None:
        self.C = C
        self.fit_intercept = fit_intercept
        self.max_iter = max_iter
        self.tol = tol

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> LogisticRegression:
        """Learn ``coef_`` and ``intercept_`` from training data.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)
            Finite numbers.
        y : array_like of shape (n_samples,)
            Exactly two distinct labels of any sortable type (ints, strings, bools).

        Returns
        -------
        self : LogisticRegression

        Raises
        ------
        ValueError
            When a parameter is out of range, ``X`` is not 2-D or not finite, ``X`` and ``y``
            differ in length, or ``y`` does not hold exactly two classes.
        """
        self._check_params()
        X = _check_X(X)
        y = np.asarray(y)
        if y.ndim != 1:
            raise ValueError(f"y must be 1-D; got an array of shape {y.shape}.")
        if y.shape[0] != X.shape[0]:
            raise ValueError(
                f"X and y must have the same length; got {X.shape[0]} rows in X and {y.shape[0]} labels in y."
            )
        classes, encoded = np.unique(y, return_inverse=True)
        if classes.shape[0] != 2:
            raise ValueError(f"y must hold exactly two classes; got {classes.shape[0]}: {classes.tolist()!r}.")
        s = np.where(encoded == 1, 1.0, -1.0)
        theta, self.n_iter_ = _newton(X, s, float(self.C), bool(self.fit_intercept), self.max_iter, float(self.tol))
        n_features = X.shape[1]
        self.classes_ = classes
        self.coef_ = theta[:n_features].reshape(1, n_features)
        self.intercept_ = np.array([theta[n_features] if self.fit_intercept else 0.0])
        self.n_features_in_ = n_features
        return self

    def decision_function(self, X: npt.ArrayLike) -> FloatArray:
        """Signed distance ``X @ coef_[0] + intercept_[0]``; positive means ``classes_[1]``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), float64
        """
        X = self._check_predict_X(X)
        decision: FloatArray = X @ self.coef_[0] + self.intercept_[0]
        return decision

    def predict_proba(self, X: npt.ArrayLike) -> FloatArray:
        """Class probabilities, columns in ``classes_`` order.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, 2), float64
            Each row sums to 1.
        """
        z = self.decision_function(X)
        # Both columns from sigmoid (not 1 - p) so that tiny probabilities keep their digits.
        return np.column_stack([sigmoid(-z), sigmoid(z)])

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[Any]:
        """Predicted labels: ``classes_[1]`` where the decision value is > 0, else ``classes_[0]``.

        Parameters
        ----------
        X : array_like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), dtype of ``classes_``
        """
        positive = self.decision_function(X) > 0  # first: it checks that the model is fitted
        return self.classes_[positive.astype(np.intp)]

    def _check_params(self) -> None:
        """Reject parameters outside their range, naming the parameter, the rule and the value."""
        C = self.C
        if isinstance(C, bool) or not isinstance(C, int | float | np.number):
            raise ValueError(f"C must be a positive finite number; got C={C!r}.")
        if not (np.isfinite(C) and C > 0):
            raise ValueError(f"C must be a positive finite number; got C={C!r}.")
        if isinstance(self.max_iter, bool) or not isinstance(self.max_iter, int | np.integer):
            raise ValueError(f"max_iter must be an integer >= 1; got max_iter={self.max_iter!r}.")
        if self.max_iter < 1:
            raise ValueError(f"max_iter must be an integer >= 1; got max_iter={self.max_iter!r}.")
        if not (isinstance(self.tol, int | float | np.number) and self.tol >= 0):
            raise ValueError(f"tol must be a number >= 0; got tol={self.tol!r}.")

    def _check_predict_X(self, X: npt.ArrayLike) -> FloatArray:
        """Validate ``X`` for a fitted model."""
        if not hasattr(self, "coef_"):
            raise NotFittedError("This LogisticRegression is not fitted yet; call fit(X, y) before using it.")
        X = _check_X(X)
        if X.shape[1] != self.n_features_in_:
            raise ValueError(f"X has {X.shape[1]} features, but this model was fitted with {self.n_features_in_}.")
        return X


def _check_X(X: npt.ArrayLike) -> FloatArray:
    """Return ``X`` as a 2-D float64 array of finite values, or raise ``ValueError``."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features); got shape {X.shape}.")
    if X.shape[0] == 0:
        raise ValueError("X must have at least one row; got 0.")
    if not np.all(np.isfinite(X)):
        raise ValueError("X must not contain NaN or infinite values; found some.")
    return X
