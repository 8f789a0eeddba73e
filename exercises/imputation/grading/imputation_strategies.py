"""Hypothesis strategies for the ``imputation`` suite.

Hypothesis draws shapes, a missing-value rate and a seed; NumPy fills the arrays from the seed, so a
failing example shrinks over a handful of integers. Values are continuous (normal draws) unless a
check asks for small integers (the mode's ties). KNN draws are tie-free with a margin: for every
receiver and every feature it misses, the k-th and (k+1)-th nearest donor distances differ by at
least ``GAP`` (relative), so scikit-learn's distance formula, the reference's and any correct one
pick the same donors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from sklearn.model_selection import KFold

from grader.testing import FloatArray, IntArray, load_dataset

seeds = st.integers(0, 2**12 - 1)
GAP = 1e-6


def _values(rng: np.random.Generator, n_rows: int, n_cols: int, *, integers: bool) -> FloatArray:
    if integers:
        return rng.integers(-2, 3, size=(n_rows, n_cols)).astype(np.float64)
    scales = rng.uniform(0.5, 3.0, size=n_cols)
    offsets = rng.uniform(-5.0, 5.0, size=n_cols)
    values: FloatArray = rng.normal(size=(n_rows, n_cols)) * scales + offsets
    return values


def _punch(rng: np.random.Generator, X: FloatArray, rate: float, *, keep_one: bool = True) -> FloatArray:
    """``X`` with entries set to NaN at ``rate``; every column keeps an observed value if ``keep_one``."""
    X = X.copy()
    holes = rng.random(X.shape) < rate
    if keep_one:
        holes[rng.integers(0, X.shape[0], size=X.shape[1]), np.arange(X.shape[1])] = False
    X[holes] = np.nan
    return X


@st.composite
def missing_matrices(
    draw: st.DrawFn,
    *,
    min_rows: int = 2,
    max_rows: int = 30,
    max_cols: int = 6,
    integers: bool = False,
    empty_columns: bool = False,
) -> FloatArray:
    """A matrix with NaN holes; with ``empty_columns``, one or more columns entirely missing."""
    n_rows = draw(st.integers(min_rows, max_rows), label="n_rows")
    n_cols = draw(st.integers(2 if empty_columns else 1, max_cols), label="n_cols")
    rate = draw(st.sampled_from([0.1, 0.3, 0.5]), label="missing rate")
    rng = np.random.default_rng(draw(seeds, label="seed"))
    X = _punch(rng, _values(rng, n_rows, n_cols, integers=integers), rate)
    if empty_columns:
        empty = draw(st.lists(st.integers(0, n_cols - 1), min_size=1, max_size=n_cols - 1, unique=True))
        X[:, empty] = np.nan
    return X


@st.composite
def train_and_new(
    draw: st.DrawFn, *, integers: bool = False, empty_columns: bool = False
) -> tuple[FloatArray, FloatArray]:
    """Training rows and new rows of the same width; the new rows may miss any feature."""
    X = draw(missing_matrices(integers=integers, empty_columns=empty_columns))
    rng = np.random.default_rng(draw(seeds, label="seed of the new rows"))
    new = _punch(rng, _values(rng, int(rng.integers(1, 8)), X.shape[1], integers=integers), 0.4, keep_one=False)
    return X, new


def exact_nan_euclidean(A: FloatArray, B: FloatArray) -> FloatArray:
    """NaN-aware Euclidean distances from differences (NaN where no feature is observed in both)."""
    both = ~np.isnan(A)[:, None, :] & ~np.isnan(B)[None, :, :]
    difference = np.where(both, A[:, None, :] - B[None, :, :], 0.0)
    common = both.sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        distances: FloatArray = np.sqrt((difference**2).sum(axis=2) * (A.shape[1] / common))
    distances[common == 0] = np.nan
    return distances


def knn_is_unambiguous(fit_X: FloatArray, X: FloatArray, n_neighbors: int) -> bool:
    """No receiver meets a near-tie at its k-th donor, for any feature it misses."""
    distances = exact_nan_euclidean(X, fit_X)
    fit_missing = np.isnan(fit_X)
    for row, column in zip(*np.nonzero(np.isnan(X)), strict=True):
        donors = distances[row, ~fit_missing[:, column]]
        donors = np.sort(donors[~np.isnan(donors)])
        if n_neighbors < donors.size:
            low, high = donors[n_neighbors - 1], donors[n_neighbors]
            if high - low <= GAP * max(1.0, high):
                return False
    return True


@dataclass(frozen=True)
class KNNProblem:
    """Training rows, new rows and the imputer's settings, drawn tie-free."""

    X: FloatArray
    new: FloatArray
    n_neighbors: int
    weights: str


@st.composite
def knn_problems(draw: st.DrawFn, *, offset: float = 0.0, max_rows: int = 30) -> KNNProblem:
    """A KNN imputation problem whose nearest donors are unambiguous (see ``knn_is_unambiguous``)."""
    n_rows = draw(st.integers(2, max_rows), label="n_rows")
    n_cols = draw(st.integers(1, 6), label="n_cols")
    rate = draw(st.sampled_from([0.1, 0.3, 0.5]), label="missing rate")
    n_neighbors = draw(st.integers(1, 7), label="n_neighbors")
    weights = draw(st.sampled_from(["uniform", "distance"]), label="weights")
    rng = np.random.default_rng(draw(seeds, label="seed"))
    X = _punch(rng, _values(rng, n_rows, n_cols, integers=False), rate) + offset
    new = _punch(rng, _values(rng, int(rng.integers(1, 8)), n_cols, integers=False), 0.4, keep_one=False) + offset
    assume(knn_is_unambiguous(X, X, n_neighbors) and knn_is_unambiguous(X, new, n_neighbors))
    return KNNProblem(X=X, new=new, n_neighbors=n_neighbors, weights=weights)


@dataclass(frozen=True)
class CVProblem:
    """Rows with holes, distinct targets (they name each row, so each fold), and the fold count."""

    X: FloatArray
    y: FloatArray
    cv: int

    def folds(self) -> list[tuple[IntArray, IntArray]]:
        """The unshuffled K-fold (train, test) index pairs the statement promises."""
        return [(train, test) for train, test in KFold(self.cv).split(self.X)]


@st.composite
def cv_problems(draw: st.DrawFn) -> CVProblem:
    """A regression problem with holes; each fold's training rows observe every feature."""
    cv = draw(st.integers(2, 5), label="cv")
    n_rows = draw(st.integers(max(3 * cv, 8), 40), label="n_rows")
    n_cols = draw(st.integers(1, 4), label="n_cols")
    rng = np.random.default_rng(draw(seeds, label="seed"))
    full = _values(rng, n_rows, n_cols, integers=False)
    y = full @ rng.uniform(-2.0, 2.0, size=n_cols) + rng.normal(scale=0.3, size=n_rows)
    X = _punch(rng, full, 0.2)
    # Two observed values per column in the first and the last fold keep every training set observed.
    X[[0, 1, -1, -2]] = full[[0, 1, -1, -2]]
    return CVProblem(X=X, y=y, cv=cv)


def dataset_with_holes(name: str, rate: float = 0.15, seed: int = 0) -> tuple[FloatArray, FloatArray]:
    """A bundled dataset with NaN inserted deterministically (rows shuffled by a fixed permutation)."""
    X, y = load_dataset(name)
    rng = np.random.default_rng(seed)
    order = rng.permutation(X.shape[0])
    X, labels = X[order].astype(np.float64), y[order].astype(np.float64)
    return _punch(rng, X, rate), labels
