"""Outputs the statement pins down: the worked example, types and shapes, defaults, no intercept,
and gradient descent's path (every update is the statement's, so ``n_iter_`` and ``loss_curve_`` are
the reference's)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import given
from linear_regression_oracle import (
    expect_line,
    expect_predictions,
    expect_same_path,
    read_line,
    read_path,
    reference_line,
)
from linear_regression_problems import Descent, Problem, descents, problems, standardise

from grader.testing import CheckFailed, brief, expect_close, points, read_number, same_object, without_shrinking

EXAMPLE_X = np.array([[1.0], [2.0], [3.0], [4.0], [5.0]])
EXAMPLE_Y = np.array([2.0, 4.1, 5.9, 8.2, 9.8])
EXAMPLE_QUERIES = np.array([[0.0], [6.0]])
CLASSES = ("LinearRegression", "Ridge", "GradientDescentRegressor")


def _line_models(module: Any, problem: Problem) -> list[tuple[str, Any]]:
    """The three estimators with the problem's parameters, and how each is written in a message."""
    descent = {"alpha": problem.alpha, "learning_rate": 0.2, "max_iter": 5000, "tol": 1e-6}
    return [
        ("LinearRegression()", module.LinearRegression()),
        (f"Ridge(alpha={problem.alpha:g})", module.Ridge(alpha=problem.alpha)),
        (
            f"GradientDescentRegressor(alpha={problem.alpha:g}, learning_rate=0.2, max_iter=5000)",
            module.GradientDescentRegressor(**descent),
        ),
    ]


@points(3, category="matches_reference")
def test_worked_example_from_the_statement(candidate: Any, reference: ModuleType) -> None:
    for name in CLASSES:
        what = f"{name}().fit(X, y) on the statement's example"
        model = getattr(candidate, name)().fit(EXAMPLE_X, EXAMPLE_Y)
        expected = getattr(reference, name)().fit(EXAMPLE_X, EXAMPLE_Y)
        expect_line(read_line(model, 1, what=what), reference_line(expected), what=what, source="the worked example")
        expect_predictions(
            model, EXAMPLE_QUERIES, expected.predict(EXAMPLE_QUERIES), what=what, source="the worked example"
        )
        score = read_number(model.score(EXAMPLE_X, EXAMPLE_Y), what=f"{what}.score(X, y)")
        expect_close(score, expected.score(EXAMPLE_X, EXAMPLE_Y), what=f"{what}.score(X, y)", rtol=1e-9, source="R²")
        if name == "GradientDescentRegressor":
            expect_same_path(model, expected, 1, what=what, max_iter=1000)


@points(2, category="matches_reference")
def test_one_update_is_the_learning_rate_times_the_gradient(candidate: Any) -> None:
    # From w = 0, b = 0 the residual is y: the gradient is (-X.T @ y / n, -mean(y)), the loss sum(y²)/(2n).
    for rate in (0.1, 0.05):
        what = f"GradientDescentRegressor(learning_rate={rate:g}, max_iter=1).fit(X, y) on the statement's example"
        model = candidate.GradientDescentRegressor(learning_rate=rate, max_iter=1).fit(EXAMPLE_X, EXAMPLE_Y)
        n = EXAMPLE_X.shape[0]
        want_coef = rate * (EXAMPLE_X.T @ EXAMPLE_Y) / n
        want_intercept = rate * float(EXAMPLE_Y.mean())
        coef, intercept = read_line(model, 1, what=what)
        hint = " (one update: learning_rate times the gradient -X.T @ y / n_samples of L = 1/(2n) ||y - X w - b||²)"
        expect_close(
            coef, want_coef, what=f"{what}.coef_", rtol=1e-12, source=f"w = 0 - learning_rate * gradient{hint}"
        )
        expect_close(
            intercept, want_intercept, what=f"{what}.intercept_", rtol=1e-12, source="b = learning_rate * mean(y)"
        )
        n_iter, curve = read_path(model, what=what, max_iter=1)
        if n_iter != 1:
            raise CheckFailed(f"{what}.n_iter_ is {n_iter}; expected 1 (one update, max_iter=1)")
        residual = EXAMPLE_Y - EXAMPLE_X @ want_coef - want_intercept
        expected_curve = np.array([EXAMPLE_Y @ EXAMPLE_Y, residual @ residual]) / (2 * n)
        expect_close(
            curve,
            expected_curve,
            what=f"{what}.loss_curve_",
            rtol=1e-12,
            source="[L before the update, L after it], L = 1/(2n) ||y - X w - b||²",
        )


@points(4, category="matches_reference")
@without_shrinking()
@given(descent=descents())
def test_gradient_descent_follows_the_statement_s_path(candidate: Any, reference: ModuleType, descent: Descent) -> None:
    problem = descent.problem
    what = f"{descent.call()}.fit(X, y)"
    model = candidate.GradientDescentRegressor(**descent.params()).fit(problem.X, problem.y)
    expected = reference.GradientDescentRegressor(**descent.params()).fit(problem.X, problem.y)
    expect_same_path(model, expected, problem.X.shape[1], what=what, max_iter=descent.max_iter)


@points(2, category="matches_reference")
@without_shrinking(10)
@given(problem=problems(max_samples=80))
def test_default_arguments(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    for name in CLASSES:
        what = f"{name}() with its default arguments, fit(X, y)"
        model = getattr(candidate, name)().fit(problem.X, problem.y)
        expected = getattr(reference, name)().fit(problem.X, problem.y)
        if name == "GradientDescentRegressor":
            expect_same_path(model, expected, problem.X.shape[1], what=what, max_iter=1000)
        else:
            expect_line(
                read_line(model, problem.X.shape[1], what=what),
                reference_line(expected),
                what=what,
                source="the reference with the statement's defaults",
            )


@points(1, category="matches_reference")
def test_default_max_iter_runs_out_on_nearly_collinear_columns(candidate: Any, reference: ModuleType) -> None:
    # Two columns with correlation about 0.995: the smallest curvature is about 0.004, so the default
    # descent (learning_rate=0.1, tol=1e-6) is still far from tol after its max_iter=1000 updates.
    rng = np.random.default_rng(21)
    z = rng.standard_normal(60)
    X = standardise(np.column_stack([z, z + 0.1 * rng.standard_normal(60)]))
    y = X @ np.array([1.0, 2.0]) + 3.0 + 0.5 * rng.standard_normal(60)
    what = "GradientDescentRegressor() with its defaults, fit(X, y) on two nearly collinear columns"
    model = candidate.GradientDescentRegressor().fit(X, y)
    expected = reference.GradientDescentRegressor().fit(X, y)
    expect_same_path(model, expected, 2, what=what, max_iter=10_000)


@points(3, category="matches_reference")
@without_shrinking()
@given(problem=problems(max_samples=100))
def test_types_and_shapes_of_what_a_fit_returns(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    n_features = problem.X.shape[1]
    for (what, model), (_, expected) in zip(
        _line_models(candidate, problem), _line_models(reference, problem), strict=True
    ):
        returned = model.fit(problem.X, problem.y)
        if not same_object(returned, model):
            raise CheckFailed(
                f"{what}.fit(X, y) returned {brief(returned)}; expected the model itself (fit returns self)"
            )
        expected.fit(problem.X, problem.y)
        what = f"{what}.fit(X, y)"
        # read_line checks coef_'s type, shape and dtype and intercept_'s type; the values must be
        # the fit's too, or random numbers of the right shape would pass.
        line = read_line(model, n_features, what=what)
        expect_line(line, reference_line(expected), what=what, source="the reference", rtol=1e-5)
        expect_predictions(model, problem.X, expected.predict(problem.X), what=what, source="X @ coef_ + intercept_")
        score = model.score(problem.X, problem.y)
        if not isinstance(score, (float, np.floating)):
            raise CheckFailed(f"{what}.score(X, y) returned {brief(score)} ({type(score).__name__}); expected a float")
        expect_close(score, expected.score(problem.X, problem.y), what=f"{what}.score(X, y)", rtol=1e-6)


@points(3, category="matches_reference")
@without_shrinking()
@given(problem=problems(max_samples=100))
def test_without_an_intercept_the_line_goes_through_the_origin(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    # Shift X so that an intercept would matter: without one, w must absorb the mean of y.
    X = problem.X + 1.5
    params = {"alpha": problem.alpha, "learning_rate": 0.05, "max_iter": 200, "tol": 1e-6}
    calls = [
        ("LinearRegression", {}),
        ("Ridge", {"alpha": problem.alpha}),
        ("GradientDescentRegressor", params),
    ]
    for name, kwargs in calls:
        shown = ", ".join(f"{k}={v:g}" for k, v in kwargs.items())
        what = f"{name}({shown + ', ' if shown else ''}fit_intercept=False).fit(X, y)"
        model = getattr(candidate, name)(**kwargs, fit_intercept=False).fit(X, problem.y)
        expected = getattr(reference, name)(**kwargs, fit_intercept=False).fit(X, problem.y)
        coef, intercept = read_line(model, X.shape[1], what=what)
        if intercept != 0.0:
            raise CheckFailed(f"{what}.intercept_ is {intercept:.6g}; expected 0.0 (fit_intercept=False)")
        if name == "GradientDescentRegressor":
            expect_same_path(model, expected, X.shape[1], what=what, max_iter=200)
        else:
            expect_line((coef, intercept), reference_line(expected), what=what, source="the reference")
