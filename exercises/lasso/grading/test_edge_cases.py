"""The corners the statement names: constant columns, alpha above alpha_max, one feature, more
features than samples, large offsets, a constant y, plain lists."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import numpy as np
from lasso_oracle import (
    MAX_ITER,
    TIGHT_TOL,
    best_optimum,
    expect_kkt,
    expect_optimal_objective,
    fit_tightly,
    fitted_parameters,
    reference_optimum,
    short,
)
from lasso_problems import Problem, alpha_max, make_problem

from grader.testing import CandidateRaised, CheckFailed, expect_close, points, read_number

BASE = make_problem(120, 4, 0.1, 1.0, seed=7)


@contextmanager
def failing_as(what: str) -> Iterator[None]:
    """An exception from candidate code fails the check naming the input (``what``)."""
    try:
        yield
    except NotImplementedError:
        raise
    except CandidateRaised as error:
        raise CheckFailed(f"{what} raised {error.remote_type}({str(error).strip()[:200]!r})") from None


def _with_column(X: np.ndarray[Any, Any], column: np.ndarray[Any, Any], at: int) -> np.ndarray[Any, Any]:
    widened: np.ndarray[Any, Any] = np.insert(X, at, column, axis=1)
    return widened


@points(3, category="edge_cases")
def test_a_constant_column_gets_an_exact_zero_without_dividing_by_zero(candidate: Any, reference: ModuleType) -> None:
    # Centred, a column of 1s is exactly 0 and x_j . x_j = 0; a column of 0.1s centres to about 1e-17.
    n_samples = BASE.X.shape[0]
    cases = [(1.0, True, 1.0), (0.1, True, 1.0), (0.1, True, 0.5), (0.0, False, 1.0), (1.0, True, 0.5)]
    for value, fit_intercept, l1_ratio in cases:
        X = _with_column(BASE.X, np.full(n_samples, value), 1)
        alpha = 0.1 * alpha_max(X, BASE.y, l1_ratio, fit_intercept)
        problem = Problem(X=X, y=BASE.y, alpha=alpha, l1_ratio=l1_ratio, seed=BASE.seed)
        what = f"a constant column of {value:g}s: "
        with failing_as(what + "fit(X, y)"):
            model, fitted = fit_tightly(candidate, problem, fit_intercept=fit_intercept)
        what += fitted
        coef, _ = fitted_parameters(model, X.shape[1], what=what)
        if coef[1] != 0.0:
            raise CheckFailed(
                f"{what}: coef_[1], the constant column's weight, is {coef[1]:.6g}; expected exactly 0.0 "
                f"(its x_j . x_j is 0 after centring, or about 1e-32 for 0.1s). coef_={short(coef)}"
            )
        expect_optimal_objective(
            model, problem, best_optimum(reference, problem, fit_intercept=fit_intercept), what=what
        )


@points(2, category="edge_cases")
def test_alpha_above_alpha_max_gives_all_zeros_and_the_mean_as_intercept(candidate: Any) -> None:
    for factor, l1_ratio in ((1.01, 1.0), (5.0, 1.0), (1.01, 0.5)):
        alpha = factor * alpha_max(BASE.X, BASE.y, l1_ratio)
        problem = Problem(X=BASE.X, y=BASE.y, alpha=alpha, l1_ratio=l1_ratio, seed=BASE.seed)
        model, what = fit_tightly(candidate, problem)
        what += f" with alpha = {factor:g} x alpha_max"
        coef, intercept = fitted_parameters(model, BASE.X.shape[1], what=what)
        if np.any(coef != 0.0):
            raise CheckFailed(
                f"{what}: coef_ is {short(coef)}; above alpha_max = max|x_j . (y - mean(y))|/(n l1_ratio) every "
                "weight is exactly 0.0"
            )
        expect_close(intercept, BASE.y.mean(), what=f"{what}, intercept_", rtol=1e-12, source="mean(y)")


@points(2, category="edge_cases")
def test_one_feature_has_the_soft_threshold_closed_form(candidate: Any) -> None:
    x = BASE.X[:, 2]
    xc, yc = x - x.mean(), BASE.y - BASE.y.mean()
    n_samples = x.shape[0]
    for share, l1_ratio in ((0.3, 1.0), (0.7, 0.5)):
        alpha = share * alpha_max(x[:, None], BASE.y, l1_ratio)
        z = float(xc @ yc)
        threshold = n_samples * alpha * l1_ratio
        expected = np.sign(z) * (abs(z) - threshold) / (xc @ xc + n_samples * alpha * (1.0 - l1_ratio))
        problem = Problem(X=x[:, None], y=BASE.y, alpha=alpha, l1_ratio=l1_ratio, seed=BASE.seed)
        model, what = fit_tightly(candidate, problem)
        what += " with one feature"
        coef, intercept = fitted_parameters(model, 1, what=what)
        expect_close(
            coef,
            np.array([expected]),
            what=f"{what}, coef_",
            rtol=1e-9,
            source="S(x.y, n alpha l1_ratio) / (x.x + n alpha (1 - l1_ratio)) on centred x, y",
        )
        expect_close(intercept, BASE.y.mean() - x.mean() * expected, what=f"{what}, intercept_", rtol=1e-9)


@points(2, category="edge_cases")
def test_more_features_than_samples(candidate: Any, reference: ModuleType) -> None:
    rng = np.random.default_rng(21)
    X = rng.standard_normal((25, 60))
    w = np.zeros(60)
    w[[3, 17, 40]] = [2.0, -1.5, 1.0]
    y = X @ w + 0.5 * rng.standard_normal(25)
    for share, l1_ratio in ((0.2, 1.0), (0.1, 0.5)):
        problem = Problem(X=X, y=y, alpha=share * alpha_max(X, y, l1_ratio), l1_ratio=l1_ratio, seed=21)
        model, what = fit_tightly(candidate, problem)
        what += " with 25 samples and 60 features"
        expect_optimal_objective(model, problem, best_optimum(reference, problem), what=what)
        expect_kkt(model, problem, what=what)


@points(2, category="edge_cases")
def test_large_offsets_in_X_and_y(candidate: Any, reference: ModuleType) -> None:
    problem = Problem(X=BASE.X + 1e6, y=BASE.y + 1e6, alpha=BASE.alpha, l1_ratio=BASE.l1_ratio, seed=BASE.seed)
    with failing_as("fit(X + 1e6, y + 1e6)"):
        model, what = fit_tightly(candidate, problem)
    what += " with X + 1e6 and y + 1e6"
    # Shifting X and y changes nothing but the intercept: compare with the unshifted optimum.
    optimum = reference_optimum(reference, BASE)
    coef, _ = fitted_parameters(model, BASE.X.shape[1], what=what)
    scale = float(np.max(np.abs(optimum.coef)))
    expect_close(
        coef, optimum.coef, what=f"{what}, coef_", rtol=1e-5, atol=1e-5 * scale, source="coef_ of the unshifted data"
    )
    # The intercept: the mean residual on the shifted data must vanish (it is not penalised).
    expect_kkt(model, problem, what=what)


@points(1, category="edge_cases")
def test_a_constant_y_gives_zero_weights(candidate: Any) -> None:
    for value in (3.0, 0.1):
        y = np.full(BASE.X.shape[0], value)
        what = f"Lasso(alpha=0.1, tol={TIGHT_TOL:g}).fit(X, y) with y constant at {value:g}"
        with failing_as(what):
            model = candidate.Lasso(0.1, tol=TIGHT_TOL, max_iter=MAX_ITER).fit(BASE.X, y)
        coef, intercept = fitted_parameters(model, BASE.X.shape[1], what=what)
        if np.any(coef != 0.0):
            raise CheckFailed(f"{what}: coef_ is {short(coef)}; expected exact zeros (nothing to explain)")
        expect_close(intercept, value, what=f"{what}, intercept_", rtol=1e-12, source="the constant")
        if value == 3.0:
            score = read_number(model.score(BASE.X, y), what=f"{what}, score(X, y)")
            if score != 1.0:
                raise CheckFailed(f"{what}: score(X, y) is {score:g}; a perfect prediction of a constant y scores 1.0")
    # A single training row is valid input (n_samples >= 1 in the statement), and its y is constant too.
    what = f"Lasso(alpha=0.1, tol={TIGHT_TOL:g}).fit(X[:1], y[:1]) (a single training row)"
    with failing_as(what):
        model = candidate.Lasso(0.1, tol=TIGHT_TOL, max_iter=MAX_ITER).fit(BASE.X[:1], BASE.y[:1])
    coef, intercept = fitted_parameters(model, BASE.X.shape[1], what=what)
    if np.any(coef != 0.0):
        raise CheckFailed(f"{what}: coef_ is {short(coef)}; expected exact zeros (one row leaves nothing to explain)")
    expect_close(intercept, float(BASE.y[0]), what=f"{what}, intercept_", rtol=1e-12, source="y[0]")


@points(1, category="edge_cases")
def test_plain_python_lists_are_accepted(candidate: Any, reference: ModuleType) -> None:
    what = "ElasticNet(alpha, l1_ratio=0.5).fit(X, y) with X and y given as Python lists"
    alpha = 0.1 * alpha_max(BASE.X, BASE.y, 0.5)
    with failing_as(what):
        model = candidate.ElasticNet(alpha, l1_ratio=0.5, tol=TIGHT_TOL, max_iter=MAX_ITER)
        model.fit(BASE.X.tolist(), BASE.y.tolist())
        predicted = model.predict(BASE.X[:5].tolist())
        one_row = model.predict(BASE.X[:1].tolist())
        score = read_number(model.score(BASE.X[:20].tolist(), BASE.y[:20].tolist()), what=f"{what}: score(lists)")
    problem = Problem(X=BASE.X, y=BASE.y, alpha=alpha, l1_ratio=0.5, seed=BASE.seed)
    expect_optimal_objective(model, problem, reference_optimum(reference, problem), what=what)
    optimum = reference_optimum(reference, problem)
    expect_close(
        predicted,
        BASE.X[:5] @ optimum.coef + optimum.intercept,
        what=f"{what}: predict(a list of 5 rows)",
        rtol=1e-6,
    )
    expect_close(one_row, predicted[:1], what=f"{what}: predict(a list of 1 row)", rtol=1e-12)
    expected_score = (
        reference.ElasticNet(alpha, l1_ratio=0.5, tol=1e-12).fit(BASE.X, BASE.y).score(BASE.X[:20], BASE.y[:20])
    )
    expect_close(score, expected_score, what=f"{what}: score(a list of 20 rows, a list of 20 values)", rtol=1e-6)


@points(1, category="edge_cases")
def test_tol_zero_is_accepted_and_runs_to_the_optimum(candidate: Any, reference: ModuleType) -> None:
    # tol=0 is allowed: the rule then rarely stops before max_iter, and the result is the optimum.
    what = "Lasso(alpha, tol=0.0, max_iter=300).fit(X, y)"
    with failing_as(what):
        model = candidate.Lasso(BASE.alpha, tol=0.0, max_iter=300).fit(BASE.X, BASE.y)
    expect_optimal_objective(model, BASE, best_optimum(reference, BASE), what=what)
