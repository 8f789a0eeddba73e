"""Classification problems for the logistic-regression suite, unambiguous by construction.

A problem is a standardised Gaussian design (columns with mean 0 and standard deviation 1, condition
number bounded), labels from a noisy linear score with a drawn share of positives, and some labels
flipped at random. The flips make the data non-separable, so the optimum is well inside the region
where every optimiser converges quickly, and both classes always hold at least a fifth of the rows.

Hypothesis draws the sizes, the share, the noise, ``C`` and a seed; NumPy builds the arrays from the
seed. Shrinking then works on the few numbers that describe a problem, and a failing example is
reproducible from its ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from grader.testing import FloatArray, IntArray

# Largest ratio of the extreme singular values of a standardised design we accept.
MAX_CONDITION = 4.0
C_VALUES = (0.05, 0.3, 1.0, 3.0, 10.0)
SEEDS = st.integers(0, 2**32 - 1)

# Eleven points in 2-D, separable but for two labels, with a large C: the optimum is far from 0 (weights
# about (12.3, 0.3), intercept -15.7) and a full Newton step from 0 lands where the curvature has all
# but vanished, so the next full step overshoots without bound. Any safeguard (a line search, a trust
# region, a step that must decrease the objective) reaches the optimum; plain gradient descent with
# step 1/L needs about 30,000 iterations, hence the larger max_iter.
OVERSHOOT_X = np.array(
    [
        [-1.315, -0.044],
        [-2.378, 1.509],
        [-3.777, 1.083],
        [1.498, -1.625],
        [1.124, -1.512],
        [0.979, -1.584],
        [1.701, 2.348],
        [-1.99, 3.136],
        [-2.196, -1.481],
        [0.261, -1.37],
        [-1.419, -1.208],
    ]
)
OVERSHOOT_Y = np.array([0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0])
OVERSHOOT_C = 300.0
OVERSHOOT_MAX_ITER = 100_000


@dataclass(frozen=True)
class Problem:
    """A binary classification problem: ``X`` standardised, ``y`` in {0, 1}, and the ``C`` to use."""

    X: FloatArray
    y: IntArray
    C: float
    seed: int

    def __repr__(self) -> str:
        n_samples, n_features = self.X.shape
        return (
            f"Problem(n_samples={n_samples}, n_features={n_features}, C={self.C:g}, "
            f"positives={int(self.y.sum())}, seed={self.seed})"
        )


def standardise(X: FloatArray) -> FloatArray:
    """Columns with mean 0 and standard deviation 1 (constant columns are only centred)."""
    scale = X.std(axis=0)
    standardised: FloatArray = (X - X.mean(axis=0)) / np.where(scale > 0, scale, 1.0)
    return standardised


def make_problem(n_samples: int, n_features: int, share: float, noise: float, C: float, seed: int) -> Problem:
    """Build a problem from a few numbers (see the module docstring)."""
    rng = np.random.default_rng(seed)
    X = standardise(rng.standard_normal((n_samples, n_features)))
    while _condition(X) > MAX_CONDITION:  # rare for n_samples >= 15 * n_features; redraw
        X = standardise(rng.standard_normal((n_samples, n_features)))
    direction = rng.standard_normal(n_features)
    w = 1.5 * direction / np.linalg.norm(direction)
    score = X @ w + rng.logistic(size=n_samples)
    y = np.zeros(n_samples, dtype=np.int64)
    y[np.argsort(score)[n_samples - round(share * n_samples) :]] = 1
    flipped = rng.choice(n_samples, size=round(noise * n_samples), replace=False)
    y[flipped] = 1 - y[flipped]
    return Problem(X=X, y=y, C=C, seed=seed)


def _condition(X: FloatArray) -> float:
    singular = np.linalg.svd(X, compute_uv=False)
    return float(singular[0] / singular[-1])


@st.composite
def problems(
    draw: st.DrawFn, *, max_features: int = 6, max_samples: int = 200, C_values: tuple[float, ...] = C_VALUES
) -> Problem:
    """Hypothesis strategy for :class:`Problem` (standardised, well-conditioned, noisy labels)."""
    n_features = draw(st.integers(1, max_features))
    n_samples = draw(st.integers(max(60, 15 * n_features), max(max_samples, 15 * n_features)))
    share = draw(st.sampled_from([0.5, 0.35, 0.65, 0.25, 0.75]))
    noise = draw(st.sampled_from([0.1, 0.05, 0.15]))
    C = draw(st.sampled_from(C_values))
    seed = draw(SEEDS)
    return make_problem(n_samples, n_features, share, noise, C, seed)


def symmetric_problem(n_pairs: int, n_features: int, scale: float, C: float, seed: int) -> Problem:
    """Rows come in pairs ``(x, 1)`` and ``(-x, 0)`` (a few pairs flipped), scaled by ``scale``.

    The objective is symmetric under ``b -> -b``, so the optimal intercept is exactly 0 whatever the
    scale of ``X``: large feature values then test overflow, not the optimiser's conditioning.
    """
    half = make_problem(n_pairs, n_features, 0.5, 0.1, C, seed)
    X = scale * np.vstack([half.X, -half.X])
    y = np.concatenate([half.y, 1 - half.y])
    return Problem(X=X, y=y, C=C, seed=seed)
