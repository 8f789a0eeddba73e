"""Hypothesis strategies for the ``pca`` suite: data whose principal components are unambiguous.

Every data set is built from its answer. With ``Q`` an ``n_samples x rank`` matrix of orthonormal,
centred columns, ``s`` decreasing singular values and ``V`` an orthogonal matrix,
``X = Q @ diag(s) @ V[:rank] + mean``: the centred data has exactly the singular values ``s`` and
the principal axes ``V[:rank]``. Consecutive singular values differ by a factor of at least 1.25
(variances by 1.56), so every axis is unique up to its sign and every correct algorithm (SVD,
eigendecomposition of the covariance) finds it to many digits; each axis has a clear largest
entry (by at least ``SIGN_MARGIN``), so the sign rule decides its sign without a tie.

Hypothesis draws the shape and a seed; NumPy builds the arrays from the seed, so shrinking works
on a few integers and a failing example is small.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st

from grader.testing import FloatArray

seeds = st.integers(0, 2**12 - 1)
SIGN_MARGIN = 0.1
MIN_STEP, MAX_STEP = 1.25, 2.0  # ratio between consecutive singular values


@dataclass(frozen=True)
class Problem:
    """Data with a known, well-separated spectrum, and new rows with the same features.

    ``rank`` components have a non-zero variance; when ``n_samples <= n_features`` the data has
    ``min(n_samples, n_features) = rank + 1`` components, the last one of variance 0 whose direction
    is not unique.
    """

    X: FloatArray
    other: FloatArray
    rank: int

    @property
    def n_samples(self) -> int:
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    @property
    def n_max(self) -> int:
        """``min(n_samples, n_features)``: how many components the data has."""
        return min(self.n_samples, self.n_features)


def orthogonal_with_clear_largest_entries(rng: np.random.Generator, size: int, rows: int) -> FloatArray:
    """A ``size x size`` orthogonal matrix whose first ``rows`` rows each have a clear largest entry."""
    for _ in range(10_000):
        basis, _ = np.linalg.qr(rng.standard_normal((size, size)))
        top = np.sort(np.abs(basis[:rows]), axis=1)
        if size == 1 or bool(np.all(top[:, -1] - top[:, -2] >= SIGN_MARGIN)):
            return np.asarray(basis, dtype=np.float64)
    raise AssertionError("no orthogonal matrix with clear largest entries found")  # pragma: no cover


def centred_orthonormal_columns(rng: np.random.Generator, n_rows: int, n_cols: int) -> FloatArray:
    """``n_rows x n_cols`` with orthonormal columns that each sum to 0 (needs ``n_cols < n_rows``)."""
    scores = rng.standard_normal((n_rows, n_cols))
    scores -= scores.mean(axis=0)
    q, _ = np.linalg.qr(scores)
    q -= q.mean(axis=0)  # rounding only
    return np.asarray(q, dtype=np.float64)


def singular_values(rng: np.random.Generator, rank: int, n_samples: int) -> FloatArray:
    """Decreasing singular values, consecutive ones ``MIN_STEP`` to ``MAX_STEP`` apart."""
    smallest = rng.uniform(0.5, 3.0) * np.sqrt(n_samples - 1)
    steps = rng.uniform(MIN_STEP, MAX_STEP, size=rank - 1)
    values = smallest * np.concatenate([np.cumprod(steps[::-1])[::-1], [1.0]])
    return np.asarray(values, dtype=np.float64)


def build(
    rng: np.random.Generator, n_samples: int, n_features: int, *, offset: float = 20.0, spread: float = 1.0
) -> Problem:
    """Data of the given shape with a well-separated spectrum, its mean within ``offset`` of 0."""
    rank = min(n_samples - 1, n_features)
    axes = orthogonal_with_clear_largest_entries(rng, n_features, rank)[:rank]
    scores = centred_orthonormal_columns(rng, n_samples, rank)
    values = singular_values(rng, rank, n_samples) * spread
    mean = rng.uniform(-offset, offset, size=n_features)
    X = (scores * values) @ axes + mean
    n_other = int(rng.integers(1, 7))
    other = rng.standard_normal((n_other, rank)) * values / np.sqrt(n_samples - 1) @ axes + mean
    other += 0.1 * spread * rng.standard_normal(other.shape)  # a little off the components' span
    return Problem(X=np.asarray(X, dtype=np.float64), other=np.asarray(other, dtype=np.float64), rank=rank)


@st.composite
def tall_problems(
    draw: st.DrawFn, *, min_features: int = 1, max_features: int = 6, max_extra_rows: int = 25
) -> Problem:
    """More samples than features: every one of the ``n_features`` components is unique."""
    n_features = draw(st.integers(min_features, max_features))
    n_samples = draw(st.integers(n_features + 1, n_features + 1 + max_extra_rows))
    return build(np.random.default_rng(draw(seeds)), n_samples, n_features)


@st.composite
def wide_problems(draw: st.DrawFn, *, max_features: int = 8) -> Problem:
    """No more samples than features (at least 3 samples): ``n_samples - 1`` unique components,
    then one of variance 0."""
    n_features = draw(st.integers(3, max_features))
    n_samples = draw(st.integers(3, n_features))
    return build(np.random.default_rng(draw(seeds)), n_samples, n_features)


def problems() -> st.SearchStrategy[Problem]:
    """Tall data mostly, wide data sometimes."""
    return st.one_of(tall_problems(), tall_problems(), wide_problems())


def threshold_for(ratios: FloatArray, kept: int) -> float:
    """A float ``n_components`` that keeps exactly ``kept`` components, halfway between the
    cumulative ratios around it (far from both, so rounding cannot move the count)."""
    cumulative = np.cumsum(ratios)
    below = cumulative[kept - 2] if kept >= 2 else 0.0
    return float((below + cumulative[kept - 1]) / 2.0)


@st.composite
def pca_settings(draw: st.DrawFn, problem: Problem, ratios: FloatArray) -> tuple[int | float | None, bool]:
    """``(n_components, whiten)`` for ``problem``: None, an int, or a float between cumulative ratios.

    ``ratios`` are all ``min(n_samples, n_features)`` ratios (from a trusted fit). Wide data keeps
    at most ``rank`` components when whitening (the last one has variance 0) or when None would
    keep the component of variance 0 whose direction is not unique.
    """
    kind = draw(st.sampled_from(["none", "int", "float"]))
    whiten = draw(st.booleans())
    if kind == "none" and problem.rank == problem.n_max:
        return None, whiten
    kept = draw(st.integers(1, problem.rank))
    if kind == "float":
        return threshold_for(ratios, kept), whiten
    return kept, whiten


def efficiency_problem(repeat: int) -> Problem:
    """15,000 x 60 with singular values 5% apart; the reference's thin SVD takes about 0.1 s."""
    rng = np.random.default_rng(4000 + repeat)
    n_samples, n_features = 15_000, 60
    axes, _ = np.linalg.qr(rng.standard_normal((n_features, n_features)))
    values = 1.05 ** np.arange(n_features, 0, -1)
    X = rng.standard_normal((n_samples, n_features)) * values @ axes.T + rng.uniform(-5, 5, size=n_features)
    other = rng.standard_normal((2_000, n_features)) * values @ axes.T
    return Problem(X=np.asarray(X, dtype=np.float64), other=np.asarray(other, dtype=np.float64), rank=n_features)
