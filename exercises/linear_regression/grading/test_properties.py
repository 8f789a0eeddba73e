"""Invariants every correct implementation has: optimality conditions, symmetries of least squares,
a decreasing loss, state across calls, predictions and scores on new rows."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from linear_regression_oracle import (
    LINE_RTOL,
    descent_loss,
    expect_line,
    expect_predictions,
    read_line,
    read_path,
    reference_line,
    ridge_objective_gradient,
)
from linear_regression_problems import Descent, Problem, descents, make_problem, problems

from grader.testing import CheckFailed, brief, expect_close, points, read_number, without_shrinking

# |X.T @ r| at a least-squares solution is rounding: about eps * ||X|| * ||y||; allow a wide margin.
STATIONARY_RTOL = 1e-9


def _fit_line(model: Any, X: Any, y: Any, *, what: str) -> tuple[Any, float]:
    return read_line(model.fit(X, y), X.shape[1], what=what)


@points(3, category="properties")
@without_shrinking()
@given(problem=problems())
def test_the_residual_is_orthogonal_to_every_column(candidate: Any, problem: Problem) -> None:
    # The normal equations of least squares: X.T @ (y - X w - b) = 0 and sum(y - X w - b) = 0.
    what = "LinearRegression().fit(X, y)"
    line = _fit_line(candidate.LinearRegression(), problem.X, problem.y, what=what)
    grad_w, grad_b = ridge_objective_gradient(problem.X, problem.y, line, 0.0)
    scale = STATIONARY_RTOL * float(np.linalg.norm(problem.X) + 1.0) * float(np.linalg.norm(problem.y))
    worst = float(np.max(np.abs(np.append(grad_w, grad_b))))
    if not worst <= 2.0 * scale:
        raise CheckFailed(
            f"{what}: the residual r = y - X @ coef_ - intercept_ should be orthogonal to every column of X and "
            f"sum to 0 at the least-squares solution; largest |X.T @ r| or |sum(r)| is {worst / 2.0:.3g} "
            f"(at most {scale:.3g} allowed). coef_={brief(line[0])}, intercept_={line[1]:.8g}"
        )


@points(3, category="properties")
@without_shrinking()
@given(problem=problems())
def test_the_gradient_of_the_ridge_objective_vanishes_at_the_fit(candidate: Any, problem: Problem) -> None:
    what = f"Ridge(alpha={problem.alpha:g}).fit(X, y)"
    line = _fit_line(candidate.Ridge(alpha=problem.alpha), problem.X, problem.y, what=what)
    grad_w, grad_b = ridge_objective_gradient(problem.X, problem.y, line, problem.alpha)
    scale = STATIONARY_RTOL * float(np.linalg.norm(problem.X) + problem.alpha + 1.0) * float(np.linalg.norm(problem.y))
    if not abs(grad_b) <= scale:
        raise CheckFailed(
            f"{what}: the gradient of ||y - X w - b||² + alpha ||w||² over the intercept is {grad_b:.3g} at the "
            f"fit; it should vanish (at most {scale:.3g}): the intercept is not penalised. "
            f"intercept_={line[1]:.8g}"
        )
    worst = int(np.argmax(np.abs(grad_w)))
    if not abs(grad_w[worst]) <= scale:
        raise CheckFailed(
            f"{what}: the gradient of ||y - X w - b||² + alpha ||w||² over coef_[{worst}] is "
            f"{grad_w[worst]:.3g} at the fit; it should vanish (at most {scale:.3g}). Is alpha applied as "
            f"alpha * ||w||² (not alpha / 2, not scaled by n)? coef_={brief(line[0])}"
        )


@points(3, category="properties")
@without_shrinking()
@given(
    problem=problems(max_samples=100),
    shift=st.sampled_from([-7.5, 3.25, 100.0]),
    factor=st.sampled_from([-2.0, 0.5, 10.0]),
)
def test_shifting_and_scaling_y_moves_the_line_alike(
    candidate: Any, problem: Problem, shift: float, factor: float
) -> None:
    for name, kwargs in (("LinearRegression", {}), ("Ridge", {"alpha": problem.alpha})):
        call = f"{name}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())})"
        base = _fit_line(getattr(candidate, name)(**kwargs), problem.X, problem.y, what=f"{call}.fit(X, y)")
        what = f"{call}.fit(X, {factor:g} * y + {shift:g})"
        moved = _fit_line(getattr(candidate, name)(**kwargs), problem.X, factor * problem.y + shift, what=what)
        expect_line(
            moved,
            (factor * base[0], factor * base[1] + shift),
            what=what,
            source=f"{factor:g} x the weights of fit(X, y), and {factor:g} x its intercept + {shift:g}",
        )


@points(2, category="properties")
@without_shrinking()
@given(problem=problems(max_samples=100), seed=st.integers(0, 2**16))
def test_shifting_the_columns_only_moves_the_intercept(candidate: Any, problem: Problem, seed: int) -> None:
    offsets = np.random.default_rng(seed).uniform(-50.0, 50.0, problem.X.shape[1])
    for name, kwargs in (("LinearRegression", {}), ("Ridge", {"alpha": problem.alpha})):
        call = f"{name}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())})"
        base = _fit_line(getattr(candidate, name)(**kwargs), problem.X, problem.y, what=f"{call}.fit(X, y)")
        what = f"{call}.fit(X + offsets, y) with offsets {brief(offsets)}"
        moved = _fit_line(getattr(candidate, name)(**kwargs), problem.X + offsets, problem.y, what=what)
        expect_line(
            moved,
            (base[0], base[1] - float(offsets @ base[0])),
            what=what,
            source="the weights of fit(X, y) and its intercept - offsets @ coef_ (the intercept is not penalised)",
        )


@points(2, category="properties")
@without_shrinking()
@given(problem=problems(max_samples=100), seed=st.integers(0, 2**16))
def test_shuffling_rows_and_columns_permutes_nothing_else(candidate: Any, problem: Problem, seed: int) -> None:
    rng = np.random.default_rng(seed)
    rows, columns = rng.permutation(problem.X.shape[0]), rng.permutation(problem.X.shape[1])
    for name, kwargs in (("LinearRegression", {}), ("Ridge", {"alpha": problem.alpha})):
        call = f"{name}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())})"
        base = _fit_line(getattr(candidate, name)(**kwargs), problem.X, problem.y, what=f"{call}.fit(X, y)")
        what = f"{call}.fit(X[rows][:, columns], y[rows]) (rows and columns shuffled)"
        shuffled = _fit_line(
            getattr(candidate, name)(**kwargs), problem.X[rows][:, columns], problem.y[rows], what=what
        )
        expect_line(shuffled, (base[0][columns], base[1]), what=what, source="coef_[columns] of fit(X, y)")


@points(2, category="properties")
@without_shrinking()
@given(problem=problems(max_features=4, max_samples=100), column=st.integers(0, 3))
def test_a_duplicated_column_shares_its_weight_equally(candidate: Any, problem: Problem, column: int) -> None:
    # Among all least-squares solutions, the minimum-norm one splits the weight evenly between the copies.
    column = column % problem.X.shape[1]
    what_base = "LinearRegression().fit(X, y)"
    base = _fit_line(candidate.LinearRegression(), problem.X, problem.y, what=what_base)
    doubled = np.column_stack([problem.X, problem.X[:, column]])
    what = f"LinearRegression().fit(X, y) with column {column} duplicated at the end (a rank-deficient design)"
    coef, intercept = _fit_line(candidate.LinearRegression(), doubled, problem.y, what=what)
    expected = np.append(base[0], base[0][column] / 2.0)
    expected[column] /= 2.0
    expect_line(
        (coef, intercept),
        (expected, base[1]),
        what=what,
        source="the minimum-norm solution: the weight of the column without its copy, halved on each copy",
    )


@points(3, category="properties")
@without_shrinking()
@given(descent=descents())
def test_the_loss_decreases_and_ends_at_the_fitted_line(candidate: Any, descent: Descent) -> None:
    problem = descent.problem
    what = f"{descent.call()}.fit(X, y)"
    model = candidate.GradientDescentRegressor(**descent.params()).fit(problem.X, problem.y)
    line = read_line(model, problem.X.shape[1], what=what)
    n_iter, curve = read_path(model, what=what, max_iter=descent.max_iter)
    rises = np.flatnonzero(np.diff(curve) > 1e-12 * curve[:-1] + 1e-300)
    if rises.size:
        k = int(rises[0])
        raise CheckFailed(
            f"{what}.loss_curve_ rises from {curve[k]:.10g} to {curve[k + 1]:.10g} at update {k + 1}; with a "
            "learning rate below 1/lambda_max every update of gradient descent lowers L"
        )
    expect_close(
        curve[-1],
        descent_loss(problem.X, problem.y, line, problem.alpha),
        what=f"{what}.loss_curve_[-1]",
        rtol=1e-9,
        source="L(coef_, intercept_) = 1/(2n) ||y - X coef_ - intercept_||² + alpha/(2n) ||coef_||²",
    )
    if n_iter < descent.max_iter:
        grad_w, grad_b = ridge_objective_gradient(problem.X, problem.y, line, problem.alpha)
        worst = float(np.max(np.abs(np.append(grad_w, grad_b)))) / (2 * problem.X.shape[0])
        if not worst <= descent.tol * (1 + 1e-6) + 1e-14:
            raise CheckFailed(
                f"{what} stopped after {n_iter} updates, but the gradient of L there has an entry of size "
                f"{worst:.3g}, more than tol={descent.tol:g}; stop only once every entry is within tol"
            )


def _fit_three_times(module: Any, name: str, kwargs: dict[str, Any], fits: tuple[Problem, ...]) -> Any:
    model = getattr(module, name)(**kwargs)
    for problem in fits:
        model.fit(problem.X, problem.y)
    return model


@points(2, category="properties")
@without_shrinking(10)
@given(problem=problems(max_samples=80))
def test_fitting_again_on_other_data_gives_the_last_fit_s_model(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    n_features = problem.X.shape[1]
    other = make_problem(50, 3 if n_features != 3 else 2, 1.0, problem.alpha, seed=problem.seed // 2 + 1)
    same = make_problem(60, n_features, 1.0, problem.alpha, seed=problem.seed // 2 + 2)
    calls: tuple[tuple[str, dict[str, Any]], ...] = (
        ("LinearRegression", {}),
        ("Ridge", {"alpha": problem.alpha}),
        ("GradientDescentRegressor", {"alpha": problem.alpha, "learning_rate": 0.1, "max_iter": 300}),
    )
    for name, kwargs in calls:
        call = f"{name}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())})"
        what = (
            f"the last of three fits of one {call}: fit(X1, y1) with {other.X.shape[1]} features, fit(X2, y2) "
            f"with {n_features}, then fit(X3, y3) with {n_features}"
        )
        model = _fit_three_times(candidate, name, kwargs, (other, same, problem))
        expected = getattr(reference, name)(**kwargs).fit(problem.X, problem.y)
        if name == "GradientDescentRegressor":
            n_iter, curve = read_path(model, what=what, max_iter=300)
            if n_iter != expected.n_iter_ or not np.isclose(curve[0], expected.loss_curve_[0], rtol=1e-9):
                raise CheckFailed(
                    f"{what}: n_iter_ is {n_iter} and loss_curve_[0] is {curve[0]:.10g}; a new model fitted on "
                    f"(X3, y3) gives {expected.n_iter_} and {expected.loss_curve_[0]:.10g} (every fit starts again "
                    "from w = 0, b = 0 with a new loss_curve_)"
                )
        expect_line(
            read_line(model, n_features, what=what),
            reference_line(expected),
            what=what,
            source="a new model fitted on (X3, y3) alone (every fit starts again from scratch)",
            rtol=1e-6,
        )


@points(2, category="properties")
@without_shrinking(10)
@given(problem=problems(max_samples=100), n_new=st.integers(1, 30))
def test_predictions_and_scores_on_new_rows(
    candidate: Any, reference: ModuleType, problem: Problem, n_new: int
) -> None:
    rng = np.random.default_rng(problem.seed // 2 + 7)
    X_new = rng.standard_normal((n_new, problem.X.shape[1]))
    y_new = X_new @ rng.uniform(-2.0, 2.0, problem.X.shape[1]) + 50.0 + rng.standard_normal(n_new)
    for name, kwargs in (("LinearRegression", {}), ("Ridge", {"alpha": problem.alpha})):
        call = f"{name}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())})"
        what = f"{call}.fit(X, y), then called on {n_new} new row{'s' if n_new > 1 else ''}"
        model = getattr(candidate, name)(**kwargs).fit(problem.X, problem.y)
        expected = getattr(reference, name)(**kwargs).fit(problem.X, problem.y)
        expect_predictions(model, X_new, expected.predict(X_new), what=what, source="the fitted line on the new rows")
        if n_new > 1:
            expect_close(
                read_number(model.score(X_new, y_new), what=f"{what}: score(X_new, y_new)"),
                expected.score(X_new, y_new),
                what=f"{what}: score(X_new, y_new)",
                rtol=LINE_RTOL,
                atol=1e-9,
                source="R² with the mean of y_new (not of the training y) in the denominator",
            )
