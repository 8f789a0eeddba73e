"""The objective, its optimality conditions and the optimum, computed in the judge.

A correct coordinate descent may stop anywhere close enough to the optimum, so the suite judges a
fitted model by what it achieves rather than by its digits (the statement's "How a fit is judged"):

- the objective at the fitted ``coef_`` and ``intercept_`` is within ``OBJECTIVE_RTOL`` (relative) of
  the optimum, the lower of scikit-learn's and the reference's values, both converged far tighter
  than the ``TIGHT_TOL`` the suite passes to the candidate;
- the KKT conditions hold to ``KKT_RTOL * sqrt(L_j) * std(y)`` per coordinate (an objective excess
  ``e`` allows a violation of about ``sqrt(2 L_j e)``, far below this at ``TIGHT_TOL``);
- the optimum's clear zeros are exact zeros, and its clearly non-zero weights keep their sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
from lasso_problems import Problem
from sklearn.linear_model import ElasticNet as SklearnElasticNet
from sklearn.linear_model import Lasso as SklearnLasso

from grader.testing import CheckFailed, FloatArray, quietly, read_array, read_number

OBJECTIVE_RTOL = 1e-6
KKT_RTOL = 1e-4
MEAN_RESIDUAL_RTOL = 1e-6
CLEAR_ZERO = 0.9
CLEAR_WEIGHT = 1e-3
# What the suite passes to the candidate where it wants the optimum, and to the oracles.
TIGHT_TOL = 1e-10
MAX_ITER = 10_000
ORACLE_TOL = 1e-13
# The promise of the stopping rule is checked with this margin (its bound, plus 10%).
PROMISE_MARGIN = 1.1
ORACLE_MAX_ITER = 1_000_000
OBJECTIVE_TEXT = "1/(2n)||y - Xw - b||^2 + alpha*l1_ratio*||w||_1 + alpha*(1 - l1_ratio)/2*||w||^2"


@dataclass(frozen=True)
class Optimum:
    """The best solution known for a problem: parameters and objective value."""

    coef: FloatArray
    intercept: float
    value: float
    source: str


def objective(coef: FloatArray, intercept: float, X: FloatArray, y: FloatArray, alpha: float, l1_ratio: float) -> float:
    """The statement's objective ``P(w, b)``."""
    residual = y - X @ coef - intercept
    return float(
        residual @ residual / (2 * X.shape[0])
        + alpha * l1_ratio * np.sum(np.abs(coef))
        + alpha * (1.0 - l1_ratio) / 2.0 * coef @ coef
    )


def make_model(module: Any, problem: Problem, **params: Any) -> Any:
    """``Lasso(alpha)`` or ``ElasticNet(alpha, l1_ratio=...)`` from ``module`` for ``problem``."""
    if problem.l1_ratio == 1.0:
        return module.Lasso(problem.alpha, **params)
    return module.ElasticNet(problem.alpha, l1_ratio=problem.l1_ratio, **params)


def fit_tightly(candidate: Any, problem: Problem, *, fit_intercept: bool = True) -> tuple[Any, str]:
    """The candidate's model for ``problem`` fitted with the suite's tight ``tol`` and large ``max_iter``."""
    model = make_model(candidate, problem, fit_intercept=fit_intercept, tol=TIGHT_TOL, max_iter=MAX_ITER)
    model.fit(problem.X, problem.y)
    extra = "" if fit_intercept else ", fit_intercept=False"
    what = f"{problem.model_text[:-1]}{extra}, tol={TIGHT_TOL:g}, max_iter={MAX_ITER}).fit(X, y)"
    return model, what


def sklearn_optimum(problem: Problem, *, fit_intercept: bool = True) -> Optimum:
    """scikit-learn's coordinate descent, converged with ``tol=ORACLE_TOL``."""
    params: dict[str, Any] = {"fit_intercept": fit_intercept, "tol": ORACLE_TOL, "max_iter": ORACLE_MAX_ITER}
    if problem.l1_ratio == 1.0:
        model: Any = SklearnLasso(alpha=problem.alpha, **params)
    else:
        model = SklearnElasticNet(alpha=problem.alpha, l1_ratio=problem.l1_ratio, **params)
    quietly(model.fit, problem.X, problem.y)
    return _optimum(model, problem, "scikit-learn")


def reference_optimum(reference: ModuleType, problem: Problem, *, fit_intercept: bool = True) -> Optimum:
    """The reference's solution, converged with ``tol=ORACLE_TOL``."""
    model = make_model(reference, problem, fit_intercept=fit_intercept, tol=ORACLE_TOL, max_iter=ORACLE_MAX_ITER)
    quietly(model.fit, problem.X, problem.y)
    return _optimum(model, problem, "the reference")


def best_optimum(reference: ModuleType, problem: Problem, *, fit_intercept: bool = True) -> Optimum:
    """scikit-learn's optimum, replaced by the reference's if its objective is lower."""
    theirs = sklearn_optimum(problem, fit_intercept=fit_intercept)
    ours = reference_optimum(reference, problem, fit_intercept=fit_intercept)
    return ours if ours.value < theirs.value else theirs


def _optimum(model: Any, problem: Problem, source: str) -> Optimum:
    coef = np.asarray(model.coef_, dtype=float).ravel()
    intercept = float(model.intercept_)
    value = objective(coef, intercept, problem.X, problem.y, problem.alpha, problem.l1_ratio)
    return Optimum(coef, intercept, value, source)


def fitted_parameters(model: Any, n_features: int, *, what: str) -> tuple[FloatArray, float]:
    """Read ``coef_`` (shape ``(n_features,)``) and ``intercept_`` (a number), both finite."""
    coef = read_array(model.coef_, what=f"{what}.coef_", shape=(n_features,), kinds="fiu").astype(np.float64)
    intercept = read_number(model.intercept_, what=f"{what}.intercept_", finite=False)
    if not (np.all(np.isfinite(coef)) and np.isfinite(intercept)):
        raise CheckFailed(
            f"{what} learned non-finite parameters: coef_={short(coef)}, intercept_={intercept}; expected "
            "finite numbers (a division by zero, for a column whose x_j . x_j is 0?)"
        )
    return coef, intercept


def short(values: FloatArray) -> str:
    """A few entries of a vector, for messages."""
    shown = ", ".join(f"{v:.6g}" for v in values[:8])
    return f"[{shown}{', ...' if values.shape[0] > 8 else ''}]"


def expect_optimal_objective(model: Any, problem: Problem, optimum: Optimum, *, what: str) -> None:
    """Fail unless the objective at the fitted parameters is within ``OBJECTIVE_RTOL`` of the optimum."""
    coef, intercept = fitted_parameters(model, problem.X.shape[1], what=what)
    value = objective(coef, intercept, problem.X, problem.y, problem.alpha, problem.l1_ratio)
    excess = (value - optimum.value) / max(abs(optimum.value), 1e-300)
    if excess > OBJECTIVE_RTOL:
        raise CheckFailed(
            f"{what}: the objective {OBJECTIVE_TEXT} at the fitted coef_ and intercept_ is {value:.10g}; "
            f"the optimum ({optimum.source}) is {optimum.value:.10g}, a relative excess of {excess:.3g} "
            f"(at most {OBJECTIVE_RTOL:g} allowed). Fitted coef_={short(coef)}, intercept_={intercept:.6g}; "
            f"optimal coef_={short(optimum.coef)}, intercept_={optimum.intercept:.6g}"
        )


def gradient_terms(
    coef: FloatArray, intercept: float, problem: Problem, *, fit_intercept: bool = True
) -> tuple[FloatArray, FloatArray, float]:
    """``g_j = x_j . r / n - alpha (1 - l1_ratio) w_j`` (``x_j`` centred with an intercept), its tolerance,
    and the mean residual."""
    X, y = problem.X, problem.y
    n_samples = X.shape[0]
    residual = y - X @ coef - intercept
    # With an intercept the columns are centred: the same g_j once the mean residual is 0 (checked
    # apart), without the rounding that large offsets in X bring to x_j . r.
    columns = X - X.mean(axis=0) if fit_intercept else X
    g = columns.T @ residual / n_samples - problem.alpha * (1.0 - problem.l1_ratio) * coef
    lipschitz = np.einsum("ij,ij->j", columns, columns) / n_samples + problem.alpha * (1.0 - problem.l1_ratio)
    spread = float(np.std(y)) if fit_intercept else float(np.sqrt(np.mean(y**2)))
    allowed = KKT_RTOL * np.sqrt(lipschitz) * spread
    return g, allowed, float(np.mean(residual))


def expect_kkt(model: Any, problem: Problem, *, what: str, fit_intercept: bool = True) -> None:
    """Fail unless the optimality conditions of the statement hold at the fitted parameters."""
    coef, intercept = fitted_parameters(model, problem.X.shape[1], what=what)
    g, allowed, mean_residual = gradient_terms(coef, intercept, problem, fit_intercept=fit_intercept)
    spread = float(np.std(problem.y))
    if fit_intercept and abs(mean_residual) > MEAN_RESIDUAL_RTOL * spread:
        raise CheckFailed(
            f"{what}: the mean residual mean(y - X @ coef_ - intercept_) is {mean_residual:.6g}; with an "
            f"unpenalised intercept it is 0 at the optimum (at most {MEAN_RESIDUAL_RTOL * spread:.3g} allowed; "
            "is the intercept penalised, or computed from uncentred data?)"
        )
    l1 = problem.alpha * problem.l1_ratio
    violation = np.where(coef != 0.0, np.abs(g - l1 * np.sign(coef)), np.maximum(np.abs(g) - l1, 0.0))
    worst = int(np.argmax(violation / allowed))
    if violation[worst] > allowed[worst]:
        rule = (
            f"g_j = alpha*l1_ratio*sign(w_j) = {l1 * np.sign(coef[worst]):.6g} since w_j = {coef[worst]:.6g} != 0"
            if coef[worst] != 0.0
            else f"|g_j| <= alpha*l1_ratio = {l1:.6g} since w_j = 0"
        )
        raise CheckFailed(
            f"{what}: the optimality (KKT) conditions fail for coef_[{worst}]: g_j = x_j.(y - Xw - b)/n - "
            f"alpha*(1 - l1_ratio)*w_j is {g[worst]:.6g}, but {rule} (to within {allowed[worst]:.3g}). "
            f"Fitted coef_={short(coef)}"
        )


def expect_clear_zeros_and_signs(model: Any, problem: Problem, optimum: Optimum, *, what: str) -> None:
    """Where the optimum has a clear zero the fit has exactly 0.0; clear non-zeros keep their sign."""
    coef, _ = fitted_parameters(model, problem.X.shape[1], what=what)
    g, _, _ = gradient_terms(optimum.coef, optimum.intercept, problem)
    l1 = problem.alpha * problem.l1_ratio
    clear_zero = (optimum.coef == 0.0) & (np.abs(g) <= CLEAR_ZERO * l1)
    not_exact = np.flatnonzero(clear_zero & (coef != 0.0))
    if not_exact.size:
        j = int(not_exact[0])
        raise CheckFailed(
            f"{what}: coef_[{j}] is {coef[j]:.6g}, but the optimum has an exact zero there (|g_j| = "
            f"{abs(g[j]):.4g} is well below alpha*l1_ratio = {l1:.4g}); soft-thresholding gives exactly 0.0. "
            f"Fitted coef_={short(coef)}; optimal ({optimum.source}) {short(optimum.coef)}"
        )
    largest = float(np.max(np.abs(optimum.coef))) if optimum.coef.size else 0.0
    clear_weight = np.abs(optimum.coef) > CLEAR_WEIGHT * largest
    wrong = np.flatnonzero(clear_weight & (np.sign(coef) != np.sign(optimum.coef)))
    if wrong.size:
        j = int(wrong[0])
        raise CheckFailed(
            f"{what}: coef_[{j}] is {coef[j]:.6g}; the optimum ({optimum.source}) has {optimum.coef[j]:.6g} "
            f"there, so the selected features (the non-zero weights) or their signs differ. Fitted coef_="
            f"{short(coef)}; optimal {short(optimum.coef)}"
        )


def expect_fitted_to_the_optimum(reference: ModuleType, model: Any, problem: Problem, *, what: str) -> None:
    """The gate of a check that random values could pass: the model is a right fit (reference only)."""
    expect_optimal_objective(model, problem, reference_optimum(reference, problem), what=what)


def one_sweep_margin(problem: Problem) -> float:
    """Smallest ``| |z_j| - l1 | / l1`` over the first sweep from 0 (how clear each threshold call is)."""
    X = problem.X - problem.X.mean(axis=0)
    y = problem.y - problem.y.mean()
    n_samples = X.shape[0]
    l1 = n_samples * problem.alpha * problem.l1_ratio
    l2 = n_samples * problem.alpha * (1.0 - problem.l1_ratio)
    residual = y.copy()
    margin = np.inf
    for j in range(X.shape[1]):
        z = float(X[:, j] @ residual)
        margin = min(margin, abs(abs(z) - l1) / l1)
        new = np.sign(z) * max(abs(z) - l1, 0.0) / (X[:, j] @ X[:, j] + l2)
        residual -= new * X[:, j]
    return float(margin)


def expect_within_the_promise(model: Any, problem: Problem, best: float, tol: float, *, what: str) -> None:
    """``P(coef_, intercept_) - min P <= tol * ||y - mean(y)||^2 / n``, with a 10% margin."""
    coef, intercept = fitted_parameters(model, problem.X.shape[1], what=what)
    value = objective(coef, intercept, problem.X, problem.y, problem.alpha, problem.l1_ratio)
    centred = problem.y - problem.y.mean()
    bound = PROMISE_MARGIN * tol * float(centred @ centred) / problem.X.shape[0]
    if value - best > bound:
        raise CheckFailed(
            f"{what}: the objective at the fitted coef_ and intercept_ exceeds the optimum by {value - best:.4g}; "
            f"with tol={tol:g} the stopping rule promises at most tol*||y - mean(y)||^2/n = "
            f"{bound / PROMISE_MARGIN:.4g} "
            f"(stopped too early? the duality gap certifies it). Fitted coef_={short(coef)}"
        )
