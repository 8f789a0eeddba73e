"""Reading a fitted candidate model and judging it: the line, the optimum, the descent's path.

``read_line`` reads ``coef_`` and ``intercept_`` with the statement's types and shapes. The other
helpers compare a fitted line with an expected one (scikit-learn's, the reference's or one computed
here), or a gradient-descent run with the reference's run on the same input, with messages that
name what differs and, where one mistake explains it, which.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.linear_model import LinearRegression as SklearnLinearRegression
from sklearn.linear_model import Ridge as SklearnRidge

from grader.testing import CheckFailed, FloatArray, RemoteObject, brief, expect_close, read_whole_number

# LinearRegression and Ridge: agreement asked of coef_, intercept_ and predictions.
LINE_RTOL = 1e-6
LINE_ATOL = 1e-9
# Gradient descent: agreement with the reference on the same path.
PATH_RTOL = 1e-7
PATH_ATOL = 1e-9
# How far beyond the statement's bound sqrt(d + 1) * tol / mu a descent may land from Ridge's optimum.
BOUND_FACTOR = 10.0

Line = tuple[FloatArray, float]


def read_intercept(value: Any, *, what: str) -> float:
    """``intercept_`` as a float: a Python or NumPy real scalar (not an array, not a list)."""
    if isinstance(value, (bool, np.bool_, RemoteObject)):
        raise CheckFailed(f"{what}.intercept_ is {brief(value)}; expected a float")
    if not isinstance(value, (int, float, np.integer, np.floating)):
        shape = f" of shape {value.shape}" if isinstance(value, np.ndarray) else ""
        raise CheckFailed(
            f"{what}.intercept_ is {brief(value)} ({type(value).__name__}{shape}); expected a float "
            "(a Python float or a NumPy float64), not an array"
        )
    number = float(value)
    if not np.isfinite(number):
        raise CheckFailed(f"{what}.intercept_ is {number}; expected a finite number (did the descent diverge?)")
    return number


def read_line(model: Any, n_features: int, *, what: str) -> Line:
    """``(coef_, intercept_)`` of a fitted model: a float64 array of shape ``(n_features,)`` and a float."""
    coef = model.coef_
    if not isinstance(coef, np.ndarray):
        raise CheckFailed(f"{what}.coef_ is {brief(coef)} ({type(coef).__name__}); expected an ndarray")
    if coef.shape != (n_features,):
        raise CheckFailed(
            f"{what}.coef_ has shape {coef.shape}; expected ({n_features},), one weight per feature "
            "(a 1-D array, not a row or a column)"
        )
    if coef.dtype != np.float64:
        raise CheckFailed(f"{what}.coef_ has dtype {coef.dtype}; expected float64")
    if not np.all(np.isfinite(coef)):
        raise CheckFailed(f"{what}.coef_ is {brief(coef)}; expected finite numbers (did the descent diverge?)")
    return coef, read_intercept(model.intercept_, what=what)


def scale_of(values: FloatArray) -> float:
    return float(np.max(np.abs(values))) if values.size else 0.0


def expect_line(actual: Line, expected: Line, *, what: str, source: str, rtol: float = LINE_RTOL) -> None:
    """``coef_`` and ``intercept_`` equal to ``expected``'s to ``rtol`` (absolute: ``LINE_ATOL`` x scale)."""
    coef, intercept = actual
    want_coef, want_intercept = expected
    scale = max(scale_of(want_coef), abs(want_intercept), 1.0)
    expect_close(coef, want_coef, what=f"{what}.coef_", rtol=rtol, atol=LINE_ATOL * scale, source=source)
    expect_close(intercept, want_intercept, what=f"{what}.intercept_", rtol=rtol, atol=LINE_ATOL * scale, source=source)


def expect_predictions(model: Any, X: FloatArray, expected: FloatArray, *, what: str, source: str) -> None:
    """``model.predict(X)``: a float array of shape ``(n,)`` equal to ``expected``."""
    predicted = model.predict(X)
    if not isinstance(predicted, np.ndarray) or predicted.shape != expected.shape:
        shape = predicted.shape if isinstance(predicted, np.ndarray) else type(predicted).__name__
        raise CheckFailed(
            f"{what}.predict(X) returned {brief(predicted)} (shape {shape}); expected an ndarray of shape "
            f"{expected.shape}, one prediction per row (not a column of shape ({expected.shape[0]}, 1))"
        )
    scale = max(scale_of(expected), 1.0)
    expect_close(predicted, expected, what=f"{what}.predict(X)", rtol=LINE_RTOL, atol=LINE_ATOL * scale, source=source)


def sklearn_line(X: FloatArray, y: FloatArray, *, alpha: float | None = None, fit_intercept: bool = True) -> Line:
    """scikit-learn's ``LinearRegression`` (``alpha=None``) or ``Ridge(alpha)`` fit of ``(X, y)``."""
    model = (
        SklearnLinearRegression(fit_intercept=fit_intercept)
        if alpha is None
        else SklearnRidge(alpha=alpha, fit_intercept=fit_intercept)
    ).fit(X, y)
    return np.asarray(model.coef_, dtype=float), float(model.intercept_)


def reference_line(model: Any) -> Line:
    return np.asarray(model.coef_, dtype=float), float(model.intercept_)


def ridge_objective_gradient(X: FloatArray, y: FloatArray, line: Line, alpha: float) -> tuple[FloatArray, float]:
    """Gradient of ``||y - X w - b||² + alpha ||w||²`` at ``line``: ``(over w, over b)``."""
    coef, intercept = line
    residual = y - X @ coef - intercept
    return 2.0 * (alpha * coef - X.T @ residual), -2.0 * float(residual.sum())


def descent_loss(X: FloatArray, y: FloatArray, line: Line, alpha: float) -> float:
    """``L(w, b) = 1/(2n) ||y - X w - b||² + alpha/(2n) ||w||²``."""
    coef, intercept = line
    residual = y - X @ coef - intercept
    return float((residual @ residual + alpha * coef @ coef) / (2 * X.shape[0]))


def read_path(model: Any, *, what: str, max_iter: int) -> tuple[int, FloatArray]:
    """``(n_iter_, loss_curve_)`` of a fitted descent: an int in ``0..max_iter`` and ``n_iter_ + 1`` floats."""
    n_iter = read_whole_number(model.n_iter_, what=f"{what}.n_iter_", low=0, high=max_iter)
    curve = model.loss_curve_
    if isinstance(curve, np.ndarray):
        curve = curve.tolist() if curve.ndim == 1 else curve
    if not isinstance(curve, list) or not all(
        isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool) for v in curve
    ):
        raise CheckFailed(f"{what}.loss_curve_ is {brief(curve)}; expected a list of floats")
    if len(curve) != n_iter + 1:
        raise CheckFailed(
            f"{what}.loss_curve_ holds {len(curve)} values but n_iter_ is {n_iter}; expected n_iter_ + 1 = "
            f"{n_iter + 1} (the loss after 0, 1, ..., n_iter_ updates)"
        )
    return n_iter, np.asarray(curve, dtype=float)


def expect_same_path(model: Any, expected: Any, n_features: int, *, what: str, max_iter: int) -> None:
    """The candidate's descent made the reference's updates: ``n_iter_``, ``loss_curve_``, the line."""
    n_iter, curve = read_path(model, what=what, max_iter=max_iter)
    want_curve = np.asarray(expected.loss_curve_, dtype=float)
    first = min(curve.size, want_curve.size)
    if first and not np.isclose(curve[0], want_curve[0], rtol=PATH_RTOL, atol=0.0):
        raise CheckFailed(
            f"{what}.loss_curve_[0] is {curve[0]:.10g}; expected L(0, 0) = sum(y**2) / (2 * n_samples) = "
            f"{want_curve[0]:.10g} (is the loss scaled by 1/(2n) as the statement says?)"
        )
    expect_close(
        curve[:first],
        want_curve[:first],
        what=f"{what}.loss_curve_ (its first {first} values)",
        rtol=PATH_RTOL,
        atol=PATH_ATOL * max(float(want_curve[0]), 1.0),
        source="the statement's algorithm (learning_rate times the gradient of L, from w = 0, b = 0)",
    )
    if n_iter != expected.n_iter_:
        raise CheckFailed(
            f"{what}.n_iter_ is {n_iter}; the statement's algorithm makes {expected.n_iter_} updates before "
            "every entry of the gradient is within tol (or max_iter runs out)"
        )
    expect_line(
        read_line(model, n_features, what=what),
        reference_line(expected),
        what=what,
        source="the statement's algorithm",
        rtol=PATH_RTOL,
    )


def descent_bound(X: FloatArray, tol: float, mu: float) -> float:
    """The statement's bound on the distance from the optimum at the stop, times ``BOUND_FACTOR``."""
    return BOUND_FACTOR * float(np.sqrt(X.shape[1] + 1)) * tol / mu


def expect_near_optimum(actual: Line, optimum: Line, bound: float, *, what: str, source: str) -> None:
    """Euclidean distance between ``(coef_, intercept_)`` and ``optimum``'s within ``bound``."""
    distance = float(np.sqrt(np.sum((actual[0] - optimum[0]) ** 2) + (actual[1] - optimum[1]) ** 2))
    if not distance <= bound:
        raise CheckFailed(
            f"{what}: (coef_, intercept_) = ({brief(actual[0])}, {actual[1]:.8g}) is {distance:.3g} away from "
            f"{source}'s solution ({brief(optimum[0])}, {optimum[1]:.8g}); at most {bound:.3g} is allowed "
            "(ten times sqrt(n_features + 1) * tol / mu). Did the descent stop early, or minimise "
            "another objective (alpha scaled by 1/n as in L)?"
        )
