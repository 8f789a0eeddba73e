"""The corners the statement names: an ill-conditioned design, rank deficiency (collinear, constant,
wide), one sample, one feature, large offsets, integer targets, lists, a constant ``y``, and
gradient descent that starts at the optimum or never stops early."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from linear_regression_oracle import (
    expect_line,
    expect_predictions,
    read_line,
    read_path,
    reference_line,
    sklearn_line,
)
from linear_regression_problems import (
    ILL_CONDITION,
    collinear,
    design,
    ill_conditioned,
    make_problem,
    minimum_norm,
)

from grader.testing import CandidateRaised, CheckFailed, brief, expect_close, load_dataset, points, read_number

BASE = make_problem(80, 3, 0.5, 1.0, seed=11)
ILL_RTOL = 1e-6


def _fit(model: Any, X: Any, y: Any, n_features: int, *, what: str, hint: str = "") -> tuple[Any, float]:
    """Fit and read the line; a crash fails the check naming the input."""
    try:
        fitted = model.fit(X, y)
    except NotImplementedError:
        raise
    except CandidateRaised as error:
        raise CheckFailed(f"{what} raised {error.remote_type}({str(error)[:200]!r}){hint}") from None
    return read_line(fitted, n_features, what=what)


@points(3, category="edge_cases")
def test_an_ill_conditioned_design_is_solved_to_many_digits(candidate: Any) -> None:
    for seed in (1, 2, 3):
        X, y, w, b = ill_conditioned(seed)
        what = f"LinearRegression().fit(X, y) on a design with condition number {ILL_CONDITION:g} (seed {seed})"
        coef, intercept = _fit(candidate.LinearRegression(), X, y, X.shape[1], what=what)
        error = float(max(np.max(np.abs(coef - w)), abs(intercept - b)) / max(np.max(np.abs(w)), abs(b)))
        if not error <= ILL_RTOL:
            raise CheckFailed(
                f"{what}: coef_={brief(coef)}, intercept_={intercept:.10g} are a relative {error:.3g} from the exact "
                f"weights {brief(w)} and intercept {b:.10g} (y = X @ w + b exactly); at most {ILL_RTOL:g} is "
                "allowed. An SVD or QR solver loses about 7 digits on this ill-conditioned design; forming and "
                "inverting X.T @ X (the normal equations) squares the condition number and loses about 14: use "
                "numpy.linalg.lstsq"
            )


@points(3, category="edge_cases")
def test_collinear_columns_give_the_minimum_norm_solution(candidate: Any) -> None:
    for seed in (4, 5):
        X, y = collinear(seed)
        what = (
            "LinearRegression().fit(X, y) with collinear columns (column 3 = column 0, "
            "column 4 = column 1 + 2 column 2)"
        )
        line = _fit(
            candidate.LinearRegression(),
            X,
            y,
            X.shape[1],
            what=what,
            hint="; collinear columns make X.T @ X singular: use an SVD-based least squares (numpy.linalg.lstsq)",
        )
        expect_line(line, minimum_norm(X, y), what=what, source="the minimum-norm least-squares solution")
        expect_line(line, sklearn_line(X, y), what=what, source="scikit-learn (also the minimum-norm solution)")


@points(2, category="edge_cases")
def test_a_constant_column_gets_weight_zero(candidate: Any, reference: ModuleType) -> None:
    # The intercept does a constant column's job for free; the minimum-norm (or penalised) weight is 0.
    # 0.1 has no exact binary form: its centred column is about 1e-17, not 0, and must still get 0.
    for value in (1.0, 0.1):
        X = np.column_stack([BASE.X[:, 0], np.full(BASE.X.shape[0], value), BASE.X[:, 1:]])
        for name, kwargs in (("LinearRegression", {}), ("Ridge", {"alpha": 1.0})):
            call = f"{name}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())})"
            what = f"{call}.fit(X, y) with a constant column of {value:g}s (column 1)"
            coef, intercept = _fit(getattr(candidate, name)(**kwargs), X, BASE.y, X.shape[1], what=what)
            if not abs(coef[1]) <= 1e-8:
                raise CheckFailed(
                    f"{what}: coef_[1], the constant column's weight, is {coef[1]:.6g}; expected 0 (the intercept, "
                    "free and not part of the norm, already does its job: centre X before solving). "
                    f"coef_={brief(coef)}"
                )
            expected = getattr(reference, name)(**kwargs).fit(X, BASE.y)
            expect_line((coef, intercept), reference_line(expected), what=what, source="the reference")


@points(2, category="edge_cases")
def test_more_features_than_samples(candidate: Any) -> None:
    rng = np.random.default_rng(8)
    X = rng.standard_normal((6, 10))
    y = rng.standard_normal(6) * 3.0 + 1.0
    what = "LinearRegression().fit(X, y) with 6 samples and 10 features"
    line = _fit(candidate.LinearRegression(), X, y, 10, what=what)
    expect_line(line, minimum_norm(X, y), what=what, source="the minimum-norm solution (it fits y exactly)")
    what = "Ridge(alpha=0.5).fit(X, y) with 6 samples and 10 features"
    ridge = _fit(candidate.Ridge(alpha=0.5), X, y, 10, what=what)
    expect_line(ridge, sklearn_line(X, y, alpha=0.5), what=what, source="scikit-learn's Ridge")


@points(2, category="edge_cases")
def test_a_single_sample(candidate: Any) -> None:
    # One row: the centred design is 0, so w = 0 (minimum norm, or the penalty) and b = y[0].
    X, y = np.array([[2.0, -1.0, 0.5]]), np.array([7.25])
    for name, kwargs in (("LinearRegression", {}), ("Ridge", {"alpha": 1.0})):
        call = f"{name}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())})"
        what = f"{call}.fit(X, y) with a single sample"
        line = _fit(getattr(candidate, name)(**kwargs), X, y, 3, what=what)
        expect_line(line, (np.zeros(3), 7.25), what=what, source="w = 0 and b = y[0]")


@points(2, category="edge_cases")
def test_a_single_feature(candidate: Any, reference: ModuleType) -> None:
    X = BASE.X[:, :1].copy()
    for name, kwargs in (
        ("LinearRegression", {}),
        ("Ridge", {"alpha": 2.0}),
        ("GradientDescentRegressor", {"learning_rate": 0.5, "tol": 1e-9}),
    ):
        call = f"{name}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())})"
        what = f"{call}.fit(X, y) with one feature"
        line = _fit(getattr(candidate, name)(**kwargs), X, BASE.y, 1, what=what)
        expected = getattr(reference, name)(**kwargs).fit(X, BASE.y)
        expect_line(line, reference_line(expected), what=what, source="the reference", rtol=1e-6)


@points(3, category="edge_cases")
def test_large_offsets_in_X_and_y(candidate: Any, reference: ModuleType) -> None:
    # Columns 1e6 + x with a spread of 1, y around 1e6: forming [X, 1].T @ [X, 1] squares a condition
    # number of about 1e6 and loses almost every digit; centring first keeps them.
    rng = np.random.default_rng(9)
    Z = design(rng, 120, 3)
    X = Z + np.array([1e6, -1e6, 1e6])
    y = Z @ np.array([2.0, -1.0, 0.5]) + 1e6 + 0.1 * rng.standard_normal(120)
    for name, kwargs in (("LinearRegression", {}), ("Ridge", {"alpha": 1.0})):
        call = f"{name}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())})"
        what = f"{call}.fit(X, y) with columns offset by 1e6 and y around 1e6"
        line = _fit(getattr(candidate, name)(**kwargs), X, y, 3, what=what)
        centred = getattr(reference, name)(**kwargs).fit(Z, y)
        expect_line(
            (line[0], line[1]),
            (reference_line(centred)[0], float(np.asarray(y).mean() - X.mean(axis=0) @ centred.coef_)),
            what=what,
            source="the weights of the fit on the centred columns (offsets only move the intercept; centre "
            "X and y before solving)",
            rtol=1e-6,
        )


@points(2, category="edge_cases")
def test_integer_targets_and_python_lists(candidate: Any, reference: ModuleType) -> None:
    X, y = load_dataset("diabetes")  # y is int64
    X = np.asarray(X, dtype=float)[:120]
    y_int = np.asarray(y)[:120]
    for name, kwargs in (
        ("LinearRegression", {}),
        ("Ridge", {"alpha": 0.1}),
        ("GradientDescentRegressor", {"learning_rate": 0.5, "max_iter": 50}),
    ):
        call = f"{name}({', '.join(f'{k}={v:g}' for k, v in kwargs.items())})"
        expected = getattr(reference, name)(**kwargs).fit(X, y_int.astype(float))
        what = f"{call}.fit(X, y) with y of dtype int64 (diabetes)"
        line = _fit(getattr(candidate, name)(**kwargs), X, y_int, 10, what=what, hint="; y may hold integers")
        expect_line(line, reference_line(expected), what=what, source="the fit with y as floats", rtol=1e-6)
        what = f"{call}.fit(X.tolist(), y.tolist())"
        model = getattr(candidate, name)(**kwargs)
        line = _fit(model, X.tolist(), y_int.tolist(), 10, what=what, hint="; X and y may be Python lists")
        expect_line(line, reference_line(expected), what=what, source="the fit of the arrays", rtol=1e-6)
        expect_predictions(model, X[:5].tolist(), expected.predict(X[:5]), what=what, source="the reference")


@points(1, category="edge_cases")
def test_score_on_a_constant_target_is_zero_unless_perfect(candidate: Any) -> None:
    # 2.5 is exact in binary, so mean(y) is exactly 2.5 and the denominator exactly 0 (with 0.1 it would
    # be about 1e-34, and R² a huge negative number: the statement leaves that case alone).
    model = candidate.LinearRegression().fit(BASE.X, BASE.y)
    X_new = BASE.X[:6]
    y_constant = np.full(6, 2.5)
    what = "LinearRegression().fit(X, y).score(X_new, y_new) with every y_new equal to 2.5"
    score = read_number(model.score(X_new, y_constant), what=what)
    if score != 0.0:
        raise CheckFailed(
            f"{what} returned {score!r}; expected 0.0: with a constant y the denominator sum((y - mean(y))²) "
            "is 0, and the statement gives 0.0 for imperfect predictions (1.0 only when they equal y)"
        )
    # Fitted on the constant itself, w is exactly 0 and b exactly 2.5: the predictions are perfect.
    for name in ("LinearRegression", "Ridge"):
        what = f"{name}().fit(X, y).score(X, y) with every y equal to 2.5"
        fitted = getattr(candidate, name)().fit(BASE.X, np.full(BASE.X.shape[0], 2.5))
        expect_predictions(fitted, BASE.X, np.full(BASE.X.shape[0], 2.5), what=what, source="the constant 2.5")
        score = read_number(fitted.score(BASE.X, np.full(BASE.X.shape[0], 2.5)), what=what)
        if score != 1.0:
            raise CheckFailed(
                f"{what} returned {score!r}; expected 1.0: the denominator is 0 and the predictions equal y "
                "exactly (the statement gives 1.0 for perfect predictions of a constant y)"
            )


@points(1, category="edge_cases")
def test_ridge_with_alpha_zero_is_least_squares(candidate: Any, reference: ModuleType) -> None:
    what = "Ridge(alpha=0.0).fit(X, y) on a full-rank design"
    X = BASE.X + 2.0
    line = _fit(candidate.Ridge(alpha=0.0), X, BASE.y, X.shape[1], what=what, hint="; alpha=0 is allowed")
    expected = reference.LinearRegression().fit(X, BASE.y)
    expect_line(line, reference_line(expected), what=what, source="the least-squares solution", rtol=1e-6)


@points(2, category="edge_cases")
def test_gradient_descent_at_the_optimum_and_with_tol_zero(candidate: Any) -> None:
    X = BASE.X
    what = "GradientDescentRegressor().fit(X, y) with y all 0 (the start w = 0, b = 0 is the optimum)"
    model = candidate.GradientDescentRegressor().fit(X, np.zeros(X.shape[0]))
    n_iter, curve = read_path(model, what=what, max_iter=1000)
    line = read_line(model, X.shape[1], what=what)
    if n_iter != 0 or curve.tolist() != [0.0]:
        raise CheckFailed(
            f"{what}: n_iter_={n_iter}, loss_curve_={brief(curve)}; expected 0 updates and [0.0] (the gradient "
            "at the start is exactly 0, within tol)"
        )
    expect_line(line, (np.zeros(X.shape[1]), 0.0), what=what, source="w = 0, b = 0")
    what = "GradientDescentRegressor(tol=0.0, max_iter=25).fit(X, y)"
    model = candidate.GradientDescentRegressor(tol=0.0, max_iter=25).fit(X, BASE.y)
    n_iter, curve = read_path(model, what=what, max_iter=25)
    if n_iter != 25:
        raise CheckFailed(f"{what}.n_iter_ is {n_iter}; with tol=0 every one of the max_iter=25 updates is made")
    expect_close(curve.size, 26, what=f"len({what}.loss_curve_)", rtol=0.0, source="n_iter_ + 1")
    what = "GradientDescentRegressor(tol=0.0).fit(X, y) with y all 0 (the gradient at the start is exactly 0)"
    model = candidate.GradientDescentRegressor(tol=0.0).fit(X, np.zeros(X.shape[0]))
    n_iter, _ = read_path(model, what=what, max_iter=1000)
    if n_iter != 0:
        raise CheckFailed(f"{what}.n_iter_ is {n_iter}; expected 0: every entry of the gradient, 0, is within tol=0")
