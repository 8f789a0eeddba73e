"""Regression problems for the linear-regression suite, unambiguous by construction.

A problem is a standardised Gaussian design (columns of mean 0 and standard deviation 1, condition
number at most ``MAX_CONDITION``), a target ``y = X w + b + noise`` and the ``alpha`` to use. Every
estimator has exactly one answer on it and every numerically sound solver finds it to many digits.

Hypothesis draws the sizes, the noise, ``alpha`` and a seed; NumPy builds the arrays from the seed.
Shrinking then works on the few numbers that describe a problem, and a failing example is
reproducible from its ``repr``.

The special designs of the edge cases (ill-conditioned, rank-deficient) are built here too, with
their singular values placed by hand: every singular value of the centred design is either above
``1e-8`` times the largest or below ``1e-13`` times it, as the statement promises.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from grader.testing import FloatArray

MAX_CONDITION = 4.0
ALPHAS = (0.01, 0.3, 1.0, 5.0, 40.0)
SEEDS = st.integers(0, 2**32 - 1)
# Condition number of the ill-conditioned design: the SVD loses about 7 digits on it, the normal
# equations about 14.
ILL_CONDITION = 1e7


@dataclass(frozen=True)
class Problem:
    """A regression problem: ``X`` of shape ``(n, d)``, ``y`` of shape ``(n,)``, the ``alpha`` to use."""

    X: FloatArray
    y: FloatArray
    alpha: float
    seed: int

    def __repr__(self) -> str:
        n_samples, n_features = self.X.shape
        return f"Problem(n_samples={n_samples}, n_features={n_features}, alpha={self.alpha:g}, seed={self.seed})"


def standardise(X: FloatArray) -> FloatArray:
    """Columns with mean 0 and standard deviation 1 (constant columns are only centred)."""
    scale = X.std(axis=0)
    standardised: FloatArray = (X - X.mean(axis=0)) / np.where(scale > 0, scale, 1.0)
    return standardised


def condition_number(X: FloatArray) -> float:
    singular = np.linalg.svd(X, compute_uv=False)
    return float(singular[0] / singular[-1]) if singular[-1] > 0 else float("inf")


def design(
    rng: np.random.Generator, n_samples: int, n_features: int, max_condition: float = MAX_CONDITION
) -> FloatArray:
    """A standardised Gaussian design with a bounded condition number (redrawn until so)."""
    X = standardise(rng.standard_normal((n_samples, n_features)))
    while condition_number(X) > max_condition:
        X = standardise(rng.standard_normal((n_samples, n_features)))
    return X


def make_problem(n_samples: int, n_features: int, noise: float, alpha: float, seed: int) -> Problem:
    """``y = X w + b + noise`` on a standardised design; weights of size about 3, ``b`` within 10."""
    rng = np.random.default_rng(seed)
    X = design(rng, n_samples, n_features)
    w = rng.uniform(-3.0, 3.0, n_features)
    b = rng.uniform(-10.0, 10.0)
    y = X @ w + b + noise * rng.standard_normal(n_samples)
    return Problem(X=X, y=y, alpha=alpha, seed=seed)


@st.composite
def problems(
    draw: st.DrawFn, *, max_features: int = 6, max_samples: int = 150, alphas: tuple[float, ...] = ALPHAS
) -> Problem:
    """Hypothesis strategy for :class:`Problem` (standardised, well-conditioned, noisy targets)."""
    n_features = draw(st.integers(1, max_features))
    n_samples = draw(st.integers(max(20, 8 * n_features), max(max_samples, 8 * n_features)))
    noise = draw(st.sampled_from([0.5, 0.1, 2.0]))
    alpha = draw(st.sampled_from(alphas))
    return make_problem(n_samples, n_features, noise, alpha, draw(SEEDS))


@dataclass(frozen=True)
class Descent:
    """A gradient-descent problem: the data, ``alpha``, a learning rate below ``1/λ_max``, ``tol``."""

    problem: Problem
    learning_rate: float
    max_iter: int
    tol: float
    shifted: bool

    def __repr__(self) -> str:
        return (
            f"Descent({self.problem!r}, learning_rate={self.learning_rate:.6g}, max_iter={self.max_iter}, "
            f"tol={self.tol:g}, columns {'shifted by 0.5' if self.shifted else 'centred'})"
        )

    def params(self) -> dict[str, float | int]:
        return {
            "alpha": self.problem.alpha,
            "learning_rate": self.learning_rate,
            "max_iter": self.max_iter,
            "tol": self.tol,
        }

    def call(self) -> str:
        return (
            f"GradientDescentRegressor(alpha={self.problem.alpha:g}, learning_rate={self.learning_rate:.6g}, "
            f"max_iter={self.max_iter}, tol={self.tol:g})"
        )


def hessian(X: FloatArray, alpha: float, fit_intercept: bool = True) -> FloatArray:
    """Hessian of ``L(w, b) = 1/(2n) ||y - X w - b||² + alpha/(2n) ||w||²`` over ``(w, b)``."""
    n_samples, n_features = X.shape
    X1 = np.column_stack([X, np.ones(n_samples)]) if fit_intercept else X
    penalty = np.zeros(X1.shape[1])
    penalty[:n_features] = alpha
    matrix: FloatArray = (X1.T @ X1 + np.diag(penalty)) / n_samples
    return matrix


def curvature(X: FloatArray, alpha: float, fit_intercept: bool = True) -> tuple[float, float]:
    """``(μ, λ_max)``: the extreme eigenvalues of ``L``'s Hessian."""
    eigenvalues = np.linalg.eigvalsh(hessian(X, alpha, fit_intercept))
    return float(eigenvalues[0]), float(eigenvalues[-1])


@st.composite
def descents(
    draw: st.DrawFn, *, max_features: int = 5, max_samples: int = 120, tol: float | None = None, shift: bool = True
) -> Descent:
    """A problem, a learning rate of 0.3 to 0.9 times ``1/λ_max``, and ``tol``; columns maybe shifted.

    Shifted columns (mean 0.5) couple the intercept with the weights, so a descent that centres the
    data first follows another path; the path is what the statement pins.
    """
    problem = draw(problems(max_features=max_features, max_samples=max_samples))
    shifted = shift and draw(st.booleans())
    X = problem.X + 0.5 if shifted else problem.X
    problem = Problem(X=X, y=problem.y, alpha=problem.alpha, seed=problem.seed)
    _, top = curvature(X, problem.alpha)
    fraction = draw(st.sampled_from([0.9, 0.5, 0.3]))
    chosen_tol = tol if tol is not None else draw(st.sampled_from([1e-6, 1e-4, 1e-8]))
    return Descent(problem, round(fraction / top, 6), 20_000, chosen_tol, shifted)


def ill_conditioned(
    seed: int, n_samples: int = 200, n_features: int = 5
) -> tuple[FloatArray, FloatArray, FloatArray, float]:
    """``(X, y, w, b)``: a design with condition number ``ILL_CONDITION`` (centred), ``y = X w + b`` exactly.

    The columns are offset from 0 (by up to 3), so a solver must centre or carry the intercept; the
    target has no noise, so the exact weights are the least-squares answer and a backward-stable
    solver finds them to about ``ILL_CONDITION * eps``.
    """
    rng = np.random.default_rng(seed)
    centred = rng.standard_normal((n_samples, n_features))
    centred -= centred.mean(axis=0)
    U, _ = np.linalg.qr(centred)
    U -= U.mean(axis=0)  # already centred in exact arithmetic; remove the rounding
    V, _ = np.linalg.qr(rng.standard_normal((n_features, n_features)))
    singular = np.logspace(0.0, -np.log10(ILL_CONDITION), n_features) * np.sqrt(n_samples)
    X = (U * singular) @ V.T + rng.uniform(-3.0, 3.0, n_features)
    w = rng.uniform(-2.0, 2.0, n_features)
    b = float(rng.uniform(-5.0, 5.0))
    return X, X @ w + b, w, b


def collinear(seed: int, n_samples: int = 60) -> tuple[FloatArray, FloatArray]:
    """A design of rank 3 with 5 columns: column 3 copies column 0, column 4 is column 1 + 2 * column 2."""
    rng = np.random.default_rng(seed)
    base = design(rng, n_samples, 3) + np.array([1.0, -2.0, 0.5])
    X = np.column_stack([base, base[:, 0], base[:, 1] + 2.0 * base[:, 2]])
    y = base @ np.array([1.5, -2.0, 0.7]) + 4.0 + 0.3 * rng.standard_normal(n_samples)
    return X, y


def minimum_norm(X: FloatArray, y: FloatArray, fit_intercept: bool = True) -> tuple[FloatArray, float]:
    """The minimum-norm least-squares ``(w, b)`` by the pseudo-inverse of the centred design."""
    if fit_intercept:
        x_mean, y_mean = X.mean(axis=0), float(y.mean())
    else:
        x_mean, y_mean = np.zeros(X.shape[1]), 0.0
    w: FloatArray = np.linalg.pinv(X - x_mean, rcond=1e-10) @ (y - y_mean)
    return w, (y_mean - float(x_mean @ w)) if fit_intercept else 0.0
