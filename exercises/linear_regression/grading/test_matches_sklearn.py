"""The fits agree with scikit-learn's: ``LinearRegression``, ``Ridge``, ``r2_score``; gradient descent
lands on ``Ridge``'s solution for the same ``alpha`` (its objective is Ridge's divided by ``2n``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from linear_regression_oracle import (
    descent_bound,
    expect_line,
    expect_near_optimum,
    expect_predictions,
    read_line,
    read_path,
    sklearn_line,
)
from linear_regression_problems import Descent, Problem, curvature, descents, problems, standardise
from sklearn.metrics import r2_score

from grader.testing import CheckFailed, FloatArray, expect_close, load_dataset, points, read_number, without_shrinking

DIABETES_ALPHAS = (0.1, 1.0)
# Diabetes, standardised, is correlated (mu is small): a penalty of 50 keeps the descent short.
DIABETES_DESCENT_ALPHA = 50.0


def _offset(problem: Problem) -> FloatArray:
    """The problem's design with its columns moved off 0 (by up to 5), so that centring matters."""
    shifted: FloatArray = problem.X + np.random.default_rng(problem.seed).uniform(-5.0, 5.0, problem.X.shape[1])
    return shifted


def _diabetes() -> tuple[Any, Any]:
    X, y = load_dataset("diabetes")
    return np.asarray(X, dtype=float), np.asarray(y, dtype=float)


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=problems())
def test_least_squares_matches_sklearn(candidate: Any, problem: Problem) -> None:
    what = "LinearRegression().fit(X, y)"
    X = _offset(problem)
    model = candidate.LinearRegression().fit(X, problem.y)
    expected = sklearn_line(X, problem.y)
    expect_line(read_line(model, X.shape[1], what=what), expected, what=what, source="scikit-learn")
    expect_predictions(model, X, X @ expected[0] + expected[1], what=what, source="scikit-learn's predictions")


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=problems())
def test_ridge_matches_sklearn(candidate: Any, problem: Problem) -> None:
    what = f"Ridge(alpha={problem.alpha:g}).fit(X, y)"
    X = _offset(problem)
    model = candidate.Ridge(alpha=problem.alpha).fit(X, problem.y)
    expected = sklearn_line(X, problem.y, alpha=problem.alpha)
    hint = " (the intercept is not penalised: centre X and y, solve for w, then b = mean(y) - mean(X) @ w)"
    expect_line(read_line(model, X.shape[1], what=what), expected, what=what, source=f"scikit-learn's Ridge{hint}")


@points(2, category="matches_sklearn")
@without_shrinking()
@given(problem=problems(max_samples=100), n_new=st.integers(2, 40))
def test_score_on_new_rows_matches_r2_score(candidate: Any, problem: Problem, n_new: int) -> None:
    rng = np.random.default_rng(problem.seed // 3 + 1)
    X_new = rng.standard_normal((n_new, problem.X.shape[1]))
    y_new = X_new @ rng.uniform(-3.0, 3.0, problem.X.shape[1]) + rng.uniform(-20.0, 20.0)
    model = candidate.LinearRegression().fit(problem.X, problem.y)
    what = "LinearRegression().fit(X, y), then score(X_new, y_new) on other rows"
    expected_line = sklearn_line(problem.X, problem.y)
    expect_line(
        read_line(model, problem.X.shape[1], what="LinearRegression().fit(X, y)"),
        expected_line,
        what="LinearRegression().fit(X, y)",
        source="scikit-learn",
    )
    expected = float(r2_score(y_new, X_new @ expected_line[0] + expected_line[1]))
    score = read_number(model.score(X_new, y_new), what=what)
    expect_close(
        score,
        expected,
        what=what,
        rtol=1e-6,
        atol=1e-9,
        source="sklearn.metrics.r2_score(y_new, predict(X_new)): 1 - sum((y - ŷ)²) / sum((y - mean(y))²), "
        "the mean of y_new",
    )


@points(2, category="matches_sklearn")
def test_diabetes_fits_match_sklearn(candidate: Any) -> None:
    X, y = _diabetes()
    what = "LinearRegression().fit(X, y) on diabetes"
    model = candidate.LinearRegression().fit(X, y)
    expected = sklearn_line(X, y)
    expect_line(read_line(model, X.shape[1], what=what), expected, what=what, source="scikit-learn")
    expect_close(
        read_number(model.score(X, y), what=f"{what}.score(X, y)"),
        float(r2_score(y, X @ expected[0] + expected[1])),
        what=f"{what}.score(X, y)",
        rtol=1e-9,
        source="sklearn.metrics.r2_score",
    )
    for alpha in DIABETES_ALPHAS:
        what = f"Ridge(alpha={alpha:g}).fit(X, y) on diabetes"
        ridge = candidate.Ridge(alpha=alpha).fit(X, y)
        expect_line(
            read_line(ridge, X.shape[1], what=what),
            sklearn_line(X, y, alpha=alpha),
            what=what,
            source="scikit-learn's Ridge",
        )


def _expect_descent_reaches_ridge(candidate: Any, descent: Descent, what: str) -> None:
    problem = descent.problem
    model = candidate.GradientDescentRegressor(**descent.params()).fit(problem.X, problem.y)
    line = read_line(model, problem.X.shape[1], what=what)
    n_iter, _ = read_path(model, what=what, max_iter=descent.max_iter)
    mu, _ = curvature(problem.X, problem.alpha)
    optimum = sklearn_line(problem.X, problem.y, alpha=problem.alpha)
    if n_iter == descent.max_iter:
        raise CheckFailed(
            f"{what} used all max_iter={descent.max_iter} updates; the statement's descent stops within tol far "
            "sooner on this well-conditioned problem (is the step, or the gradient's scale, right?)"
        )
    expect_near_optimum(
        line,
        optimum,
        descent_bound(problem.X, descent.tol, mu),
        what=what,
        source=f"scikit-learn's Ridge(alpha={problem.alpha:g})",
    )


@points(3, category="matches_sklearn")
@without_shrinking()
@given(descent=descents(tol=1e-8, shift=False))
def test_gradient_descent_reaches_ridge_s_solution(candidate: Any, descent: Descent) -> None:
    _expect_descent_reaches_ridge(candidate, descent, f"{descent.call()}.fit(X, y)")


@points(1, category="matches_sklearn")
def test_gradient_descent_on_standardised_diabetes_reaches_ridge_s_solution(candidate: Any) -> None:
    X, y = _diabetes()
    X = standardise(X)
    _, top = curvature(X, DIABETES_DESCENT_ALPHA)
    problem = Problem(X=X, y=y, alpha=DIABETES_DESCENT_ALPHA, seed=0)
    descent = Descent(problem, round(0.9 / top, 6), 20_000, 1e-8, shifted=False)
    _expect_descent_reaches_ridge(candidate, descent, f"{descent.call()}.fit(X, y) on diabetes, standardised")
