"""Invariants every correct implementation has, whatever its loop: the stopping rule's promise,
``n_iter_``, row order, scaling, fitting again, new rows."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from lasso_oracle import (
    MAX_ITER,
    TIGHT_TOL,
    expect_fitted_to_the_optimum,
    expect_optimal_objective,
    expect_within_the_promise,
    fit_tightly,
    fitted_parameters,
    make_model,
    reference_optimum,
)
from lasso_problems import Problem, cancelling_problem, make_problem, problems

from grader.testing import CheckFailed, brief, expect_close, points, read_whole_number, without_shrinking

TOLS = (1e-2, 1e-3, 1e-4, 1e-6)
Y_SCALES = (1.0, 1e-4, 1e4)
# Two tight fits of one problem agree to about the tolerance's square root; be generous.
SAME_MODEL_RTOL = 1e-5


@points(3, category="properties")
@without_shrinking()
@given(problem=problems(), tol=st.sampled_from(TOLS), factor=st.sampled_from(Y_SCALES))
def test_the_stopping_rule_keeps_its_promise_for_any_tol_and_scale_of_y(
    candidate: Any, reference: ModuleType, problem: Problem, tol: float, factor: float
) -> None:
    # Scaling y and alpha together scales the whole problem: the promise scales with it.
    scaled = Problem(
        X=problem.X, y=factor * problem.y, alpha=factor * problem.alpha, l1_ratio=problem.l1_ratio, seed=problem.seed
    )
    model = make_model(candidate, scaled, tol=tol).fit(scaled.X, scaled.y)
    what = f"{scaled.model_text[:-1]}, tol={tol:g}).fit(X, y) with y of scale {factor:g}"
    expect_within_the_promise(model, scaled, reference_optimum(reference, scaled).value, tol, what=what)


@points(1, category="properties")
def test_the_stopping_rule_keeps_its_promise_when_y_is_tiny(candidate: Any, reference: ModuleType) -> None:
    # With y (and alpha) of scale 1e-6 every weight and every change is tiny too: a rule that compares
    # the changes with tol itself, rather than with the weights, stops after a sweep or two.
    for seed in (1, 2, 5):
        base = make_problem(100, 5, 0.1, 1.0, seed)
        tiny = Problem(X=base.X, y=1e-6 * base.y, alpha=1e-6 * base.alpha, l1_ratio=1.0, seed=seed)
        best = reference_optimum(reference, tiny).value
        for tol in (1e-4, 1e-6):
            model = candidate.Lasso(tiny.alpha, tol=tol).fit(tiny.X, tiny.y)
            what = f"Lasso(alpha={tiny.alpha:.4g}, tol={tol:g}).fit(X, y) with y of scale 1e-6"
            expect_within_the_promise(model, tiny, best, tol, what=what)


@points(1, category="properties")
def test_the_stopping_rule_keeps_its_promise_when_correlated_columns_cancel(
    candidate: Any, reference: ModuleType
) -> None:
    # y = x0 - x1 with x0 and x1 correlated at 0.99: coordinate descent creeps along the valley, each
    # sweep changing the weights by a small share of their size long before the optimum, so a rule
    # that stops on small changes alone (without the duality gap) breaks the promise.
    for seed in (0, 1):
        problem = cancelling_problem(seed)
        best = reference_optimum(reference, problem).value
        for tol in (1e-1, 1e-2):
            model = candidate.Lasso(problem.alpha, tol=tol, max_iter=MAX_ITER).fit(problem.X, problem.y)
            what = (
                f"Lasso(alpha={problem.alpha:.4g}, tol={tol:g}, max_iter={MAX_ITER}).fit(X, y) where y = x0 - x1 "
                "and x0, x1 are correlated at 0.99"
            )
            expect_within_the_promise(model, problem, best, tol, what=what)


@points(2, category="properties")
@without_shrinking(10)
@given(problem=problems(max_samples=100), max_iter=st.integers(1, 4))
def test_n_iter_counts_the_sweeps_and_stays_within_max_iter(
    candidate: Any, reference: ModuleType, problem: Problem, max_iter: int
) -> None:
    what = f"{problem.model_text[:-1]}, max_iter={max_iter}, tol={TIGHT_TOL:g}).fit(X, y)"
    short_fit = make_model(candidate, problem, max_iter=max_iter, tol=TIGHT_TOL).fit(problem.X, problem.y)
    read_whole_number(short_fit.n_iter_, what=f"{what}.n_iter_", low=1, high=max_iter)
    full, full_what = fit_tightly(candidate, problem)
    expect_fitted_to_the_optimum(reference, full, problem, what=full_what)
    n_iter = read_whole_number(full.n_iter_, what=f"{full_what}.n_iter_", low=1, high=MAX_ITER)
    # Sweeps are counted, not coordinate updates: a well-conditioned problem converges in far fewer
    # than 1,000 sweeps.
    if n_iter > 1_000:
        raise CheckFailed(
            f"{full_what}: n_iter_ is {n_iter}; a sweep updates all {problem.X.shape[1]} coordinates once and "
            "this problem converges in well under 1,000 sweeps (are coordinate updates counted instead?)"
        )


@points(1, category="properties")
@without_shrinking(10)
@given(problem=problems(), seed=st.integers(0, 2**32 - 1))
def test_shuffling_the_rows_changes_nothing(candidate: Any, problem: Problem, seed: int) -> None:
    order = np.random.default_rng(seed).permutation(problem.X.shape[0])
    base, what = fit_tightly(candidate, problem)
    shuffled = make_model(candidate, problem, tol=TIGHT_TOL, max_iter=MAX_ITER).fit(problem.X[order], problem.y[order])
    coef, _ = fitted_parameters(base, problem.X.shape[1], what=what)
    scale = float(np.max(np.abs(coef))) + 1.0
    expect_close(
        shuffled.coef_,
        coef,
        what=f"{what} with the rows shuffled, coef_",
        rtol=SAME_MODEL_RTOL,
        atol=SAME_MODEL_RTOL * scale,
        source="the model fitted on the rows in their original order",
    )


@points(1, category="properties")
@without_shrinking(10)
@given(problem=problems(l1_ratios=(1.0,)), factor=st.sampled_from([0.01, 3.0, 1000.0]))
def test_scaling_y_and_alpha_together_scales_the_lasso(candidate: Any, problem: Problem, factor: float) -> None:
    # P(c w, c b; c y, c alpha) = c^2 P(w, b; y, alpha) for the lasso: the solution scales by c.
    base, what = fit_tightly(candidate, problem)
    coef, _ = fitted_parameters(base, problem.X.shape[1], what=what)
    scaled = candidate.Lasso(problem.alpha * factor, tol=TIGHT_TOL, max_iter=MAX_ITER).fit(
        problem.X, problem.y * factor
    )
    scaled_what = f"Lasso(alpha={problem.alpha * factor:.6g}).fit(X, {factor:g} * y)"
    scale = float(np.max(np.abs(coef))) + 1.0
    expect_close(
        scaled.coef_,
        factor * coef,
        what=f"{scaled_what}, coef_",
        rtol=SAME_MODEL_RTOL,
        atol=SAME_MODEL_RTOL * factor * scale,
        source=f"{factor:g} x the coef_ of Lasso(alpha={problem.alpha:.6g}).fit(X, y)",
    )


@points(2, category="properties")
@without_shrinking(8)
@given(problem=problems(max_samples=100))
def test_fitting_again_on_other_data_gives_the_second_fit_s_model(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    n_features = problem.X.shape[1]
    wider = make_problem(60, n_features + 2, 0.1, problem.l1_ratio, seed=problem.seed // 2 + 1)
    model = make_model(candidate, problem, tol=TIGHT_TOL, max_iter=MAX_ITER)
    model.fit(wider.X, wider.y + 100.0)
    model.fit(3.0 * problem.X[::-1] + 50.0, problem.y[::-1] - 100.0)  # same width, other data
    model.fit(problem.X, problem.y)
    what = (
        f"the third fit of one {problem.model_text[:-1]}, tol={TIGHT_TOL:g}): fit(X1, y1) with "
        f"{n_features + 2} features, fit(3 * X2[::-1] + 50, y2[::-1] - 100), then fit(X2, y2): the second fit"
        " and the others must leave nothing behind"
    )
    expect_optimal_objective(model, problem, reference_optimum(reference, problem), what=what)


@points(1, category="properties")
@without_shrinking(8)
@given(problem=problems(max_samples=100), n_new=st.integers(1, 20))
def test_predictions_on_new_rows_come_from_the_fitted_model(
    candidate: Any, reference: ModuleType, problem: Problem, n_new: int
) -> None:
    new_rows = np.random.default_rng(problem.seed // 2 + 7).standard_normal((n_new, problem.X.shape[1])) * 3.0
    model, what = fit_tightly(candidate, problem)
    optimum = reference_optimum(reference, problem)
    rows = f"{n_new} new row{'s' if n_new > 1 else ''}"
    predicted = model.predict(new_rows)
    if not isinstance(predicted, np.ndarray) or predicted.shape != (n_new,):
        raise CheckFailed(f"{what}.predict({rows}) returned {brief(predicted)}; expected shape ({n_new},)")
    expect_close(
        predicted,
        new_rows @ optimum.coef + optimum.intercept,
        what=f"{what}, then predict on {rows} (not the rows of fit)",
        rtol=0.0,
        atol=1e-4 * float(np.std(problem.y)) * (1.0 + float(np.abs(new_rows).max())),
    )
