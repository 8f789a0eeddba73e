"""The objective, its gradient, and the optimum, computed in the judge from the candidate's numbers.

A correct optimiser may stop anywhere close enough to the optimum, so the suite judges a fitted
model by what it achieves rather than by its digits: the objective at the fitted ``coef_`` and
``intercept_`` must not exceed the optimum by more than ``OBJECTIVE_RTOL`` (relative), and the
gradient there, divided by ``C * n_samples`` (scikit-learn's ``lbfgs`` scale, the statement's
``tol``), must be below ``GRADIENT_ATOL`` in every entry. The optimum is the lower of scikit-learn's
and the reference's objective values, both converged far tighter than the candidate's default.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression as SklearnLogisticRegression

from grader.testing import CheckFailed, FloatArray, expect_shape, quietly, remembered

OBJECTIVE_RTOL = 1e-6
GRADIENT_ATOL = 1e-4
PROBA_ATOL = 1e-3
TIGHT_TOL = 1e-10
# The suite passes this max_iter to the candidate, like the scikit-learn fits it compares with, so a
# first-order optimiser has room to converge; a Newton or quasi-Newton one stops long before.
MAX_ITER = 10_000
OBJECTIVE_TEXT = "0.5*||w||^2 + C*sum(log(1 + exp(-s*(X @ w + b))))"


@dataclass(frozen=True)
class Optimum:
    """The best solution known for a problem: parameters, objective value, probabilities."""

    coef: FloatArray
    intercept: float
    value: float
    proba: FloatArray
    source: str


def signs(y: npt.ArrayLike) -> FloatArray:
    """+1 for the positive class (the larger of the two sorted labels), -1 for the other."""
    labels = np.asarray(y)
    signed: FloatArray = np.where(labels == np.unique(labels)[1], 1.0, -1.0)
    return signed


def objective(coef: FloatArray, intercept: float, X: FloatArray, s: FloatArray, C: float) -> float:
    """``0.5 * ||w||^2 + C * sum(log(1 + exp(-s * (X @ w + b))))``, without overflow."""
    margins = s * (X @ coef + intercept)
    return float(0.5 * coef @ coef + C * np.sum(np.logaddexp(0.0, -margins)))


def scaled_gradient(
    coef: FloatArray, intercept: float, X: FloatArray, s: FloatArray, C: float, fit_intercept: bool
) -> FloatArray:
    """Gradient of the objective over ``(w, b)`` (``w`` alone without intercept), / ``C * n``."""
    margins = s * (X @ coef + intercept)
    residual = -s * np.exp(-np.logaddexp(0.0, margins))  # -s * sigmoid(-margins)
    n_samples = X.shape[0]
    grad_w: FloatArray = (coef + C * (X.T @ residual)) / (C * n_samples)
    if not fit_intercept:
        return grad_w
    grad: FloatArray = np.append(grad_w, np.sum(residual) / n_samples)
    return grad


def sklearn_optimum(X: FloatArray, y: npt.ArrayLike, C: float, fit_intercept: bool = True) -> Optimum:
    """scikit-learn's ``lbfgs`` solution, converged with ``tol=1e-10``."""
    coef, intercept, value, proba = _sklearn_optimum(X, y, C, fit_intercept)
    return Optimum(coef, intercept, value, proba, "scikit-learn")


@remembered  # computed once per input, for every submission graded with this suite
def _sklearn_optimum(
    X: FloatArray, y: npt.ArrayLike, C: float, fit_intercept: bool
) -> tuple[FloatArray, float, float, FloatArray]:
    model = SklearnLogisticRegression(C=C, fit_intercept=fit_intercept, tol=TIGHT_TOL, max_iter=MAX_ITER)
    quietly(model.fit, X, y)  # a ConvergenceWarning at 1e-10 is no news
    found = _optimum(model, X, y, C, "scikit-learn")
    return found.coef, found.intercept, found.value, found.proba


def reference_optimum(
    reference: ModuleType, X: FloatArray, y: npt.ArrayLike, C: float, fit_intercept: bool = True
) -> Optimum:
    """The reference's Newton solution, converged with ``tol=1e-10``."""
    model = reference.LogisticRegression(C=C, fit_intercept=fit_intercept, tol=TIGHT_TOL, max_iter=MAX_ITER).fit(X, y)
    return _optimum(model, X, y, C, "the reference")


def best_optimum(
    reference: ModuleType, X: FloatArray, y: npt.ArrayLike, C: float, fit_intercept: bool = True
) -> Optimum:
    """scikit-learn's optimum, with its value lowered to the reference's if that is lower."""
    theirs = sklearn_optimum(X, y, C, fit_intercept)
    ours = reference_optimum(reference, X, y, C, fit_intercept)
    if ours.value < theirs.value:
        return Optimum(theirs.coef, theirs.intercept, ours.value, theirs.proba, theirs.source)
    return theirs


def _optimum(model: Any, X: FloatArray, y: npt.ArrayLike, C: float, source: str) -> Optimum:
    coef = np.asarray(model.coef_, dtype=float).ravel()
    intercept = float(np.asarray(model.intercept_).ravel()[0])
    value = objective(coef, intercept, X, signs(y), C)
    proba = np.asarray(model.predict_proba(X), dtype=float)[:, 1]
    return Optimum(coef, intercept, value, proba, source)


def fitted_parameters(model: Any, n_features: int, *, what: str) -> tuple[FloatArray, float]:
    """Read ``coef_`` and ``intercept_`` from a fitted candidate model, checking shapes and values."""
    coef = model.coef_
    expect_shape(coef, (1, n_features), what=f"{what}.coef_")
    intercept = model.intercept_
    expect_shape(intercept, (1,), what=f"{what}.intercept_")
    weights: FloatArray = np.asarray(coef, dtype=float).ravel()
    intercept_value = float(np.asarray(intercept, dtype=float)[0])
    if not (np.all(np.isfinite(weights)) and np.isfinite(intercept_value)):
        raise CheckFailed(
            f"{what} learned non-finite parameters: coef_={_short(weights)}, "
            f"intercept_=[{intercept_value}]; expected finite numbers (overflow or divergence?)"
        )
    return weights, intercept_value


def expect_optimal_objective(
    model: Any, X: FloatArray, y: npt.ArrayLike, C: float, optimum: Optimum, *, what: str
) -> None:
    """Fail unless the objective at the fitted parameters is within ``OBJECTIVE_RTOL`` of the optimum."""
    coef, intercept = fitted_parameters(model, X.shape[1], what=what)
    value = objective(coef, intercept, X, signs(y), C)
    excess = (value - optimum.value) / max(abs(optimum.value), 1e-300)
    if excess > OBJECTIVE_RTOL:
        raise CheckFailed(
            f"{what}: the objective {OBJECTIVE_TEXT} at the fitted coef_ and intercept_ is "
            f"{value:.10g}; the optimum ({optimum.source}) is {optimum.value:.10g}, a relative "
            f"excess of {excess:.3g} (at most {OBJECTIVE_RTOL:g} allowed). Fitted coef_="
            f"{_short(coef)}, intercept_={intercept:.6g}; optimal coef_={_short(optimum.coef)}, "
            f"intercept_={optimum.intercept:.6g}"
        )


def expect_stationary(model: Any, X: FloatArray, y: npt.ArrayLike, C: float, *, fit_intercept: bool, what: str) -> None:
    """Fail unless the scaled gradient at the fitted parameters is below ``GRADIENT_ATOL``."""
    coef, intercept = fitted_parameters(model, X.shape[1], what=what)
    grad = scaled_gradient(coef, intercept, X, signs(y), C, fit_intercept)
    worst = int(np.argmax(np.abs(grad)))
    if abs(grad[worst]) > GRADIENT_ATOL:
        entry = "intercept_" if worst == X.shape[1] else f"coef_[0, {worst}]"
        hint = " (the intercept is not penalised: is it in the penalty?)" if entry == "intercept_" else ""
        raise CheckFailed(
            f"{what}: the gradient of the objective {OBJECTIVE_TEXT}, divided by C*n_samples, "
            f"should vanish at the fitted model; its largest entry is {grad[worst]:.3g}, for "
            f"{entry}{hint}, and at most {GRADIENT_ATOL:g} is allowed. Fitted coef_={_short(coef)}, "
            f"intercept_={intercept:.6g}"
        )


def _short(values: FloatArray) -> str:
    shown = ", ".join(f"{v:.6g}" for v in values[:6])
    return f"[{shown}{', ...' if values.shape[0] > 6 else ''}]"


def expect_fitted_to_the_optimum(
    reference: ModuleType, model: Any, X: FloatArray, y: npt.ArrayLike, C: float, *, what: str
) -> None:
    """The gate of a check that random values could pass: the model (with an intercept) is a right fit.

    Only the reference's optimum is computed (fast); scikit-learn's is left to ``matches_sklearn``.
    """
    expect_optimal_objective(model, X, y, C, reference_optimum(reference, X, y, C), what=what)
