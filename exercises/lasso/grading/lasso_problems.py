"""Regression problems for the lasso suite, unambiguous by construction.

A problem is a Gaussian design with columns of different scales and offsets and a bounded condition
number (after centring and scaling), sparse true weights, Gaussian noise, and ``alpha`` drawn as a
share of ``alpha_max``, the smallest ``alpha`` whose optimum is ``w = 0``. The noise and the share
keep the optimum's objective well away from 0, so a relative tolerance on it is meaningful, and the
bounded condition number makes coordinate descent converge in tens of sweeps.

Hypothesis draws the sizes, the share, ``l1_ratio`` and a seed; NumPy builds the arrays from the
seed, so shrinking works on a few numbers and a failing example is reproducible from its ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from grader.testing import FloatArray

MAX_CONDITION = 5.0
SHARES = (0.05, 0.1, 0.2, 0.4, 0.7)
L1_RATIOS = (1.0, 0.5, 0.9, 0.2)
SEEDS = st.integers(0, 2**32 - 1)


@dataclass(frozen=True)
class Problem:
    """A regression problem and the penalty to fit it with."""

    X: FloatArray
    y: FloatArray
    alpha: float
    l1_ratio: float
    seed: int

    def __repr__(self) -> str:
        n_samples, n_features = self.X.shape
        return (
            f"Problem(n_samples={n_samples}, n_features={n_features}, alpha={self.alpha:.6g}, "
            f"l1_ratio={self.l1_ratio:g}, seed={self.seed})"
        )

    @property
    def model_text(self) -> str:
        """How the suite builds the model for this problem, for messages."""
        if self.l1_ratio == 1.0:
            return f"Lasso(alpha={self.alpha:.6g})"
        return f"ElasticNet(alpha={self.alpha:.6g}, l1_ratio={self.l1_ratio:g})"


def alpha_max(X: FloatArray, y: FloatArray, l1_ratio: float = 1.0, fit_intercept: bool = True) -> float:
    """The smallest ``alpha`` at which every weight of the optimum is 0."""
    if fit_intercept:
        X, y = X - X.mean(axis=0), y - y.mean()
    return float(np.max(np.abs(X.T @ y)) / (X.shape[0] * l1_ratio))


def _condition(X: FloatArray) -> float:
    centred = X - X.mean(axis=0)
    scaled = centred / np.linalg.norm(centred, axis=0)
    singular = np.linalg.svd(scaled, compute_uv=False)
    return float(singular[0] / singular[-1])


def make_design(rng: np.random.Generator, n_samples: int, n_features: int) -> FloatArray:
    """Gaussian columns with scales in [0.5, 3] and offsets in [-5, 5], condition number bounded."""
    scales = rng.uniform(0.5, 3.0, n_features)
    offsets = rng.uniform(-5.0, 5.0, n_features)
    while True:
        X = rng.standard_normal((n_samples, n_features)) * scales + offsets
        if n_features == 1 or _condition(X) <= MAX_CONDITION:
            design: FloatArray = X
            return design


def make_problem(
    n_samples: int, n_features: int, share: float, l1_ratio: float, seed: int, *, noise: float = 1.0
) -> Problem:
    """Build a problem from a few numbers (see the module docstring)."""
    rng = np.random.default_rng(seed)
    X = make_design(rng, n_samples, n_features)
    n_informative = max(1, n_features // 2)
    w = np.zeros(n_features)
    chosen = rng.choice(n_features, size=n_informative, replace=False)
    w[chosen] = rng.uniform(0.5, 3.0, n_informative) * rng.choice([-1.0, 1.0], n_informative)
    y = X @ w + rng.uniform(-10.0, 10.0) + noise * rng.standard_normal(n_samples)
    alpha = share * alpha_max(X, y, l1_ratio)
    return Problem(X=X, y=y, alpha=alpha, l1_ratio=l1_ratio, seed=seed)


@st.composite
def problems(
    draw: st.DrawFn,
    *,
    max_features: int = 8,
    max_samples: int = 150,
    l1_ratios: tuple[float, ...] = L1_RATIOS,
    shares: tuple[float, ...] = SHARES,
) -> Problem:
    """Hypothesis strategy for :class:`Problem` (well-conditioned, sparse weights, noisy)."""
    n_features = draw(st.integers(1, max_features))
    n_samples = draw(st.integers(max(30, 6 * n_features), max(max_samples, 6 * n_features)))
    share = draw(st.sampled_from(shares))
    l1_ratio = draw(st.sampled_from(l1_ratios))
    seed = draw(SEEDS)
    return make_problem(n_samples, n_features, share, l1_ratio, seed)


def cancelling_problem(seed: int) -> Problem:
    """``y = x0 - x1 + noise`` with ``x0`` and ``x1`` correlated at 0.99, and a third, unrelated column."""
    rng = np.random.default_rng(seed)
    n_samples, rho = 200, 0.99
    z = rng.standard_normal((n_samples, 2))
    x1 = rho * z[:, 0] + np.sqrt(1.0 - rho**2) * z[:, 1]
    X = np.column_stack([z[:, 0], x1, rng.standard_normal(n_samples)])
    y = X[:, 0] - X[:, 1] + 0.01 * rng.standard_normal(n_samples)
    return Problem(X=X, y=y, alpha=0.01 * alpha_max(X, y), l1_ratio=1.0, seed=seed)
