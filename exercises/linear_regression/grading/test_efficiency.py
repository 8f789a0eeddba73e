"""Vectorised fits are expected: within a generous multiple of the reference's time.

Each repeat fits a fresh problem of the same size; the time runs until ``coef_`` and ``intercept_``
(and, for gradient descent, ``n_iter_`` and ``loss_curve_``) are read back, and every repeat's result
must equal the reference's (so a shortcut such as fitting a subsample, or stopping early, earns
nothing).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from linear_regression_oracle import read_line, read_path

from grader.testing import FloatArray, assert_fast_enough, points

Input = tuple[FloatArray, FloatArray]
DESCENT = {"learning_rate": 0.2, "max_iter": 2000, "tol": 1e-8, "alpha": 3.0}


def _problem(n_samples: int, n_features: int, seed: int) -> Input:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features)) + rng.uniform(-2.0, 2.0, n_features)
    y = X @ rng.uniform(-3.0, 3.0, n_features) + 5.0 + rng.standard_normal(n_samples)
    return X, y


def _line(model: Any, n_features: int, what: str) -> tuple[FloatArray, float]:
    return read_line(model, n_features, what=what)


def _check_closed_form(candidate: Any, reference: ModuleType, sandbox: Any, name: str, shape: tuple[int, int]) -> None:
    n_samples, n_features = shape
    what = f"{name}().fit(X, y) on {n_samples:,} x {n_features}"
    assert_fast_enough(
        lambda held: _line(getattr(candidate, name)().fit(*held), n_features, what),
        lambda problem: _line(getattr(reference, name)().fit(*problem), n_features, what),
        inputs=lambda repeat: _problem(n_samples, n_features, seed=2026 + repeat),
        prepare=lambda problem: (sandbox.hold(problem[0]), sandbox.hold(problem[1])),
        within=10,
        what=what,
        rtol=1e-6,
        atol=1e-8,
    )


@points(1, category="efficiency")
def test_least_squares_on_50000_rows_is_fast_enough(candidate: Any, reference: ModuleType, sandbox: Any) -> None:
    _check_closed_form(candidate, reference, sandbox, "LinearRegression", (50_000, 40))


@points(1, category="efficiency")
def test_ridge_on_100000_rows_is_fast_enough(candidate: Any, reference: ModuleType, sandbox: Any) -> None:
    _check_closed_form(candidate, reference, sandbox, "Ridge", (100_000, 40))


@points(2, category="efficiency")
def test_gradient_descent_on_20000_rows_is_fast_enough(candidate: Any, reference: ModuleType, sandbox: Any) -> None:
    what = "GradientDescentRegressor(alpha=3, learning_rate=0.2, max_iter=2000, tol=1e-8).fit(X, y) on 20,000 x 20"

    def read(model: Any) -> tuple[FloatArray, float, int, FloatArray]:
        coef, intercept = read_line(model, 20, what=what)
        n_iter, curve = read_path(model, what=what, max_iter=2000)
        return coef, intercept, n_iter, curve

    def centred(repeat: int) -> Input:
        X, y = _problem(20_000, 20, seed=3030 + repeat)
        return X - X.mean(axis=0), y

    assert_fast_enough(
        lambda held: read(candidate.GradientDescentRegressor(**DESCENT).fit(*held)),
        lambda problem: read(reference.GradientDescentRegressor(**DESCENT).fit(*problem)),
        inputs=centred,
        prepare=lambda problem: (sandbox.hold(problem[0]), sandbox.hold(problem[1])),
        within=10,
        what=what,
        rtol=1e-7,
        atol=1e-9,
    )
