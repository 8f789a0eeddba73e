"""Hypothesis strategies for the ``leakage_safe_scaling`` suite.

Every value is a multiple of 1/4 (times a power of two), so sums, means and products are exact or
nearly so, and "constant" means exactly constant: a constant column has variance exactly 0 under
every usual formula, and a non-constant one has a variance far above rounding error. Correct
implementations written differently then agree to within a few ulps. ``offset_matrices`` is the
exception on purpose: columns far from zero, and constant columns of values binary floating point
cannot hold (0.1), where rounding is the point.

Hypothesis draws the shapes and a seed; NumPy fills the arrays from that seed. Shrinking then works
on a handful of integers instead of every entry, which keeps a failing check cheap (each shrink step
is a round trip to the candidate's process): the smallest failing input is the smallest shape, with
the first seed that still fails.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from hypothesis import strategies as st
from sklearn.model_selection import KFold

from grader.testing import FloatArray, IntArray

# Few enough seeds that shrinking one takes a handful of steps; plenty of data sets per shape.
seeds = st.integers(0, 2**12 - 1)

# Offsets of the float corner: far from zero (the spread stays small), and one that 0.1 cannot be
# exact at. Constant values binary floating point cannot hold, so their mean is rarely the value.
LARGE_OFFSETS = (1e6, -3e7, 1e9, -1e8 + 0.5)
UNREPRESENTABLE = (0.1, 0.3, -0.7, 1e6 + 0.1, 1e9 / 3)


def _grid_columns(rng: np.random.Generator, n_rows: int, n_cols: int) -> FloatArray:
    """An (n_rows, n_cols) float array on a 1/4 grid, each column shifted and stretched."""
    ints = rng.integers(-40, 41, size=(n_rows, n_cols))
    offsets = rng.integers(-60, 61, size=n_cols)
    exponents = rng.integers(-2, 6, size=n_cols)
    columns: FloatArray = ints / 4.0 * np.exp2(exponents) + offsets
    return columns


def _unconstant(X: FloatArray) -> FloatArray:
    """Make every column take at least two values (needs two rows): nudge one entry if not."""
    X = X.copy()
    for column in np.flatnonzero(np.ptp(X, axis=0) == 0):
        X[0, column] += 0.25
    return X


@st.composite
def matrices(
    draw: st.DrawFn, *, min_rows: int = 2, max_rows: int = 25, min_cols: int = 1, max_cols: int = 5
) -> FloatArray:
    """A grid matrix whose every column takes at least two values."""
    n_rows = draw(st.integers(max(min_rows, 2), max_rows))
    n_cols = draw(st.integers(min_cols, max_cols))
    rng = np.random.default_rng(draw(seeds))
    return _unconstant(_grid_columns(rng, n_rows, n_cols))


@st.composite
def matrices_with_constant_columns(
    draw: st.DrawFn, *, max_rows: int = 25, max_cols: int = 5
) -> tuple[FloatArray, IntArray]:
    """A grid matrix and the indices of its constant columns (at least one, not all)."""
    X = draw(matrices(min_rows=2, max_rows=max_rows, min_cols=2, max_cols=max_cols))
    n_cols = X.shape[1]
    constant = draw(st.lists(st.integers(0, n_cols - 1), min_size=1, max_size=n_cols - 1, unique=True))
    for column in constant:
        X[:, column] = draw(st.integers(-400, 400)) / 4.0
    return X, np.array(sorted(constant), dtype=np.int64)


@st.composite
def paired_matrices(draw: st.DrawFn, *, max_rows: int = 25) -> tuple[FloatArray, FloatArray]:
    """Training data and other rows to transform, with the same number of features."""
    X = draw(matrices(max_rows=max_rows))
    n_other = draw(st.integers(2, 10))
    other = _grid_columns(np.random.default_rng(draw(seeds)), n_other, X.shape[1])
    return X, other


def feature_ranges() -> st.SearchStrategy[tuple[float, float]]:
    """``(low, high)`` with ``low < high``, on a 1/2 grid."""
    return st.tuples(st.integers(-6, 6), st.integers(1, 12)).map(
        lambda pair: (pair[0] / 2.0, (pair[0] + pair[1]) / 2.0)
    )


@dataclass(frozen=True)
class OffsetProblem:
    """A float-corner matrix with its exact statistics, known without rounding trouble.

    ``X = offsets + spread`` where ``spread`` lives on a 1/4 grid near zero, so ``mean_`` is
    ``offsets + spread.mean(axis=0)`` and ``scale_`` is ``spread.std(axis=0)``, computed on small
    numbers; the ``constant`` columns repeat one value that binary floating point cannot hold.
    """

    X: FloatArray
    mean: FloatArray
    scale: FloatArray
    constant: IntArray
    other: FloatArray


@st.composite
def offset_problems(draw: st.DrawFn, *, max_rows: int = 20) -> OffsetProblem:
    """Columns around 1e6 to 1e9 with a spread of a few units, and constant columns of 0.1-like
    values (at least one of each), plus new rows near the same offsets."""
    n_rows = draw(st.integers(3, max_rows))
    n_cols = draw(st.integers(2, 5))
    n_constant = draw(st.integers(1, n_cols - 1))
    rng = np.random.default_rng(draw(seeds))
    kinds = rng.permutation(np.arange(n_cols) < n_constant)
    spread = _unconstant(rng.integers(-12, 13, size=(n_rows, n_cols)) / 4.0)
    new_spread = rng.integers(-20, 21, size=(4, n_cols)) / 4.0
    offsets = np.array([draw(st.sampled_from(LARGE_OFFSETS)) for _ in range(n_cols)])
    values = np.array([draw(st.sampled_from(UNREPRESENTABLE)) for _ in range(n_cols)])
    constant = np.flatnonzero(kinds).astype(np.int64)
    X = spread + offsets
    X[:, constant] = values[constant]
    mean = spread.mean(axis=0) + offsets
    mean[constant] = values[constant]
    scale = spread.std(axis=0)
    scale[constant] = 1.0
    other = new_spread + np.where(kinds, values, offsets)
    return OffsetProblem(X=X, mean=mean, scale=scale, constant=constant, other=other)


@dataclass(frozen=True)
class CVProblem:
    """Data for one cross-validation call: distinct rows, distinct targets, enough rows per fold.

    Rows are distinct (the first column is a permutation) so a row seen by a spy identifies its
    index; targets are distinct so the ``y`` a spy received identifies the fold; every test fold
    holds at least two rows so that R² is defined.
    """

    X: FloatArray
    y: FloatArray
    n_splits: int

    def folds(self) -> list[tuple[IntArray, IntArray]]:
        """``(train, test)`` index arrays of scikit-learn's unshuffled ``KFold``."""
        return [(train, test) for train, test in KFold(self.n_splits).split(self.X)]


@st.composite
def cv_problems(
    draw: st.DrawFn,
    *,
    min_splits: int = 2,
    max_splits: int = 5,
    max_rows: int = 30,
    max_cols: int = 4,
) -> CVProblem:
    """A regression problem for ``scaled_cross_val_score`` with ``Ridge``."""
    n_splits = draw(st.integers(min_splits, max_splits))
    n_rows = draw(st.integers(2 * n_splits, max(max_rows, 2 * n_splits)))
    n_cols = draw(st.integers(1, max_cols))
    rng = np.random.default_rng(draw(seeds))
    X = _unconstant(_grid_columns(rng, n_rows, n_cols))
    X[:, 0] = rng.permutation(n_rows) / 2.0
    weights = rng.integers(-4, 5, size=n_cols) / 2.0
    ranks = rng.permutation(n_rows).astype(np.float64)
    # A signal the model can learn, rounded to a grid and spread by n_rows, plus a rank that
    # differs on every row: ``a * n_rows + rank`` with ``0 <= rank < n_rows`` are all distinct.
    y: FloatArray = (np.round(X @ weights * 4.0) * n_rows + ranks) / 4.0
    return CVProblem(X=X, y=y, n_splits=n_splits)


@st.composite
def constant_columns_and_new_rows(
    draw: st.DrawFn, *, max_rows: int = 25, max_cols: int = 5
) -> tuple[FloatArray, IntArray, FloatArray]:
    """``(X, constant, new_rows)``: training data with constant columns, and new rows whose values
    in those columns differ from the training value."""
    X, constant = draw(matrices_with_constant_columns(max_rows=max_rows, max_cols=max_cols))
    rng = np.random.default_rng(draw(seeds))
    new_rows = _grid_columns(rng, draw(st.integers(1, 6)), X.shape[1])
    shift = new_rows[:, constant] == X[0, constant]
    new_rows[:, constant] += np.where(shift, 1.25, 0.0)
    return X, constant, new_rows


@st.composite
def refit_problems(draw: st.DrawFn, *, max_rows: int = 25) -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(first, second, new_rows)``: two different training sets of the same width, and rows to
    transform after refitting on the second."""
    first = draw(matrices(max_rows=max_rows))
    rng = np.random.default_rng(draw(seeds))
    n_cols = first.shape[1]
    second = _unconstant(_grid_columns(rng, draw(st.integers(2, max_rows)), n_cols) * 3.0 + 7.0)
    new_rows = _grid_columns(rng, draw(st.integers(1, 6)), n_cols)
    return first, second, new_rows
