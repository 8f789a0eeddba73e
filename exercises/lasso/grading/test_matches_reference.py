"""Outputs the statement pins down: the worked example, one sweep from 0, defaults, no intercept,
shapes and types, and ``score``."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import assume, given
from lasso_oracle import (
    MAX_ITER,
    TIGHT_TOL,
    expect_fitted_to_the_optimum,
    expect_kkt,
    expect_optimal_objective,
    expect_within_the_promise,
    fit_tightly,
    fitted_parameters,
    make_model,
    one_sweep_margin,
    reference_optimum,
    short,
)
from lasso_problems import Problem, cancelling_problem, problems

from grader.testing import (
    CheckFailed,
    brief,
    expect_close,
    expect_shape,
    points,
    quietly,
    read_number,
    same_object,
    without_shrinking,
)

# The statement's worked example.
EXAMPLE_X = np.array(
    [[1.0, 0.5, 2.0], [2.0, 1.5, 1.0], [3.0, 1.0, 3.0], [4.0, 3.0, 1.0], [5.0, 2.5, 2.0], [6.0, 3.5, 3.0]]
)
EXAMPLE_Y = np.array([1.5, 3.0, 4.0, 6.5, 7.0, 9.5])
EXAMPLE_QUERY = np.array([[3.5, 2.0, 2.0]])
# (class, alpha, l1_ratio, tol) fitted on the example; the default tol reaches the optimum exactly only
# where the support is found in the first sweep.
EXAMPLE_FITS = (
    ("Lasso", 0.5, 1.0, 1e-4),
    ("Lasso", 0.1, 1.0, 1e-10),
    ("ElasticNet", 0.5, 0.5, 1e-10),
    ("Lasso", 10.0, 1.0, 1e-4),
)
DEFAULT_TOL = 1e-4


def _example_model(module: Any, name: str, alpha: float, l1_ratio: float, **params: Any) -> Any:
    if name == "Lasso":
        return module.Lasso(alpha, **params)
    return module.ElasticNet(alpha, l1_ratio=l1_ratio, **params)


@points(3, category="matches_reference")
def test_worked_example_from_the_statement(candidate: Any, reference: ModuleType) -> None:
    for name, alpha, l1_ratio, tol in EXAMPLE_FITS:
        ratio = "" if name == "Lasso" else f", l1_ratio={l1_ratio:g}"
        what = f"{name}(alpha={alpha:g}{ratio}, tol={tol:g}).fit(X, y) on the statement's example"
        model = _example_model(candidate, name, alpha, l1_ratio, tol=tol).fit(EXAMPLE_X, EXAMPLE_Y)
        expected = _example_model(reference, name, alpha, l1_ratio, tol=1e-12).fit(EXAMPLE_X, EXAMPLE_Y)
        coef, intercept = fitted_parameters(model, 3, what=what)
        expect_close(coef, expected.coef_, what=f"{what}, coef_", rtol=1e-4, atol=1e-6)
        if np.any((expected.coef_ == 0.0) & (coef != 0.0)):
            raise CheckFailed(
                f"{what}: coef_ is {short(coef)}; expected exact zeros where the reference has them: "
                f"{short(expected.coef_)} (soft-thresholding gives exactly 0.0)"
            )
        expect_close(intercept, expected.intercept_, what=f"{what}, intercept_", rtol=1e-4, atol=1e-6)
        expect_close(
            model.predict(EXAMPLE_QUERY),
            expected.predict(EXAMPLE_QUERY),
            what=f"{what}, predict([[3.5, 2.0, 2.0]])",
            rtol=1e-5,
        )
        score = read_number(model.score(EXAMPLE_X, EXAMPLE_Y), what=f"{what}, score(X, y)")
        expect_close(score, expected.score(EXAMPLE_X, EXAMPLE_Y), what=f"{what}, score(X, y)", rtol=1e-5)


@points(3, category="matches_reference")
@without_shrinking()
@given(problem=problems())
def test_one_sweep_from_zero_matches_the_reference(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    # One cyclic sweep from w = 0 is pinned down by the statement; a threshold call within rounding of
    # its threshold could go either way, so such draws are skipped.
    assume(one_sweep_margin(problem) > 1e-6)
    what = f"{problem.model_text[:-1]}, max_iter=1, tol={TIGHT_TOL:g}).fit(X, y)"
    model = make_model(candidate, problem, max_iter=1, tol=TIGHT_TOL).fit(problem.X, problem.y)
    expected = quietly(make_model(reference, problem, max_iter=1, tol=TIGHT_TOL).fit, problem.X, problem.y)
    coef, intercept = fitted_parameters(model, problem.X.shape[1], what=what)
    scale = float(np.max(np.abs(expected.coef_))) + 1e-300
    expect_close(
        coef,
        expected.coef_,
        what=f"{what}, coef_ after one sweep over the coordinates in column order, from w = 0",
        rtol=1e-8,
        atol=1e-10 * scale,
    )
    expect_close(
        intercept, expected.intercept_, what=f"{what}, intercept_", rtol=1e-8, atol=1e-8 * float(np.std(problem.y))
    )
    n_iter = read_number(model.n_iter_, what=f"{what}.n_iter_")
    if n_iter != 1:
        raise CheckFailed(f"{what}: n_iter_ is {n_iter:g}; expected 1 (one complete sweep, max_iter=1)")


@points(2, category="matches_reference")
@without_shrinking(8)
@given(problem=problems(max_samples=100))
def test_default_arguments_keep_the_stopping_rule_s_promise(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    # alpha=1.0 by default: scale y so that alpha=1 is the drawn share of alpha_max.
    scale = 1.0 / problem.alpha
    scaled = Problem(X=problem.X, y=problem.y * scale, alpha=1.0, l1_ratio=problem.l1_ratio, seed=problem.seed)
    if problem.l1_ratio == 1.0:
        model, what = candidate.Lasso(), "Lasso() with its default arguments"
    else:
        scaled = Problem(X=scaled.X, y=scaled.y, alpha=1.0, l1_ratio=0.5, seed=problem.seed)
        model, what = candidate.ElasticNet(), "ElasticNet() with its default arguments (l1_ratio=0.5)"
    model.fit(scaled.X, scaled.y)
    what = f"{what}, fit(X, y)"
    expect_within_the_promise(model, scaled, reference_optimum(reference, scaled).value, DEFAULT_TOL, what=what)


@points(2, category="matches_reference")
@without_shrinking()
@given(problem=problems())
def test_without_an_intercept_the_fit_matches_the_reference(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    model, what = fit_tightly(candidate, problem, fit_intercept=False)
    intercept = read_number(model.intercept_, what=f"{what}.intercept_")
    if intercept != 0.0:
        raise CheckFailed(f"{what}: intercept_ is {intercept:.6g}; expected 0.0 with fit_intercept=False")
    optimum = reference_optimum(reference, problem, fit_intercept=False)
    expect_optimal_objective(model, problem, optimum, what=what)
    expect_kkt(model, problem, what=what, fit_intercept=False)


@points(1, category="matches_reference")
@without_shrinking(8)
@given(problem=problems(max_samples=80))
def test_learned_attributes_have_the_stated_types_and_fit_returns_self(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    model = make_model(candidate, problem, tol=TIGHT_TOL, max_iter=MAX_ITER)
    returned = model.fit(problem.X, problem.y)
    what = f"{problem.model_text}.fit(X, y)"
    if not same_object(returned, model):
        raise CheckFailed(f"{what} returned {brief(returned)}; expected the model itself (fit returns self)")
    n_samples, n_features = problem.X.shape
    coef = model.coef_
    if not isinstance(coef, np.ndarray) or coef.dtype != np.float64 or coef.shape != (n_features,):
        raise CheckFailed(f"{what}: coef_ is {brief(coef)}; expected a float64 ndarray of shape ({n_features},)")
    intercept = model.intercept_
    if not isinstance(intercept, float | np.floating) or isinstance(intercept, np.ndarray):
        raise CheckFailed(f"{what}: intercept_ is {brief(intercept)}; expected a float (not an array)")
    n_iter = model.n_iter_
    if isinstance(n_iter, bool) or not isinstance(n_iter, int | np.integer) or not 0 <= n_iter <= MAX_ITER:
        raise CheckFailed(f"{what}: n_iter_ is {brief(n_iter)}; expected an int between 0 and max_iter")
    expect_shape(model.predict(problem.X), (n_samples,), what=f"{what}, predict(X)")
    # Types alone are what random values have too: the point is for a model that was fitted.
    expect_fitted_to_the_optimum(reference, model, problem, what=what)


@points(1, category="matches_reference")
@without_shrinking(10)
@given(problem=problems(max_samples=100))
def test_score_is_r2_of_the_predictions(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    model, what = fit_tightly(candidate, problem)
    expect_fitted_to_the_optimum(reference, model, problem, what=what)
    rng = np.random.default_rng(problem.seed // 3)
    X_new = problem.X[rng.permutation(problem.X.shape[0])[: max(5, problem.X.shape[0] // 2)]]
    y_new = X_new @ rng.standard_normal(problem.X.shape[1]) + rng.standard_normal(X_new.shape[0])
    predicted = np.asarray(model.predict(X_new), dtype=float)
    expected = 1.0 - np.sum((y_new - predicted) ** 2) / np.sum((y_new - y_new.mean()) ** 2)
    score = read_number(model.score(X_new, y_new), what=f"{what}, score(X_new, y_new)")
    expect_close(
        score, expected, what=f"{what}, score(X_new, y_new)", rtol=1e-9, atol=1e-12, source="1 - SS_res/SS_tot"
    )
    constant = np.full(X_new.shape[0], 2.5)
    score = read_number(model.score(X_new, constant), what=f"{what}, score(X_new, a constant y)")
    if score != 0.0:
        raise CheckFailed(
            f"{what}: score(X_new, y) for a constant y = 2.5 (SS_tot = 0) is {score:.6g}; the statement "
            "gives 0.0 when the prediction is not perfect"
        )


@points(1, category="matches_reference")
def test_default_max_iter_is_1000_sweeps(candidate: Any) -> None:
    # Two columns correlated at 0.999 that cancel: no fit is within tol=1e-12 of the optimum after
    # 1,000 sweeps, so every correct rule runs exactly max_iter sweeps, 1,000 by default.
    problem = cancelling_problem(0)
    X = problem.X.copy()
    X[:, 1] = 0.999 * X[:, 0] + np.sqrt(1.0 - 0.999**2) * np.random.default_rng(3).standard_normal(X.shape[0])
    y = X[:, 0] - X[:, 1] + 0.01 * np.random.default_rng(4).standard_normal(X.shape[0])
    for name, model in (
        ("Lasso", candidate.Lasso(1e-4, tol=1e-12)),
        ("ElasticNet", candidate.ElasticNet(1e-4, tol=1e-12)),
    ):
        what = f"{name}(alpha=1e-4, tol=1e-12).fit(X, y) on a slow problem (max_iter left at its default)"
        n_iter = read_number(model.fit(X, y).n_iter_, what=f"{what}.n_iter_")
        if n_iter != 1000:
            raise CheckFailed(
                f"{what}: n_iter_ is {n_iter:g}; expected 1000 (the default max_iter: this problem needs far more "
                "sweeps to meet tol=1e-12)"
            )
