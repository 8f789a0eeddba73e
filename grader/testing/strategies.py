"""Hypothesis strategies for generated data on which the right answer is unambiguous.

Hypothesis draws the few numbers that describe an input (sizes, a seed, a spread); NumPy builds the
arrays from them. Shrinking then works on those numbers, a failing example is reproducible from its
``repr``, and generation is fast. Every strategy builds valid data by construction instead of
filtering: separated clusters, bounded condition numbers, distinct rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import strategies as st

from grader.testing.arrays import FloatArray, IntArray

# A small range keeps Hypothesis's shrinking short; the arrays come from NumPy's generator.
SEEDS = st.integers(0, 2**16 - 1)
GRID_SPACING = 12.0
GRID_CELLS = 5  # per feature: enough distinct cells for 5 clusters even with one feature
LABEL_POOLS: dict[str, tuple[Any, ...]] = {
    "int": (-3, -1, 0, 1, 2, 5, 10, 12),
    "str": ("10", "2", "-1", "B", "ab", "b", "cat", "dog"),
    "float": (-2.5, -1.0, 0.0, 0.5, 1.0, 3.25, 7.0, 10.5),
    "bool": (False, True),
}


def rng_from(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


@st.composite
def seeded_matrices(
    draw: st.DrawFn,
    *,
    min_rows: int = 1,
    max_rows: int = 20,
    min_cols: int = 1,
    max_cols: int = 5,
    scale: float = 10.0,
    distinct_rows: bool = True,
) -> FloatArray:
    """A float matrix of continuous values (rows distinct almost surely), in ``[-scale, scale]``."""
    rows = draw(st.integers(min_rows, max_rows))
    cols = draw(st.integers(min_cols, max_cols))
    X = rng_from(draw(SEEDS)).uniform(-scale, scale, size=(rows, cols))
    if distinct_rows and rows > 1:
        X[:, 0] += np.arange(rows) * 1e-3 * scale  # continuous values already differ; this makes sure
    return X


@st.composite
def offset_matrices(draw: st.DrawFn, *, max_rows: int = 20, max_cols: int = 4) -> FloatArray:
    """Matrices whose columns sit far from zero (up to 1e9) with a small spread, or repeat a value
    that binary floating point cannot hold exactly (0.1): where ``E[x²] − E[x]²`` cancels."""
    X = draw(seeded_matrices(min_rows=2, max_rows=max_rows, max_cols=max_cols, scale=1.0))
    offsets = np.array([draw(st.sampled_from((1e3, 1e6, 1e9, -1e8, 0.1))) for _ in range(X.shape[1])])
    shifted: FloatArray = X + offsets
    return shifted


@st.composite
def separated_blobs(
    draw: st.DrawFn,
    *,
    n_features: int | None = None,
    min_clusters: int = 2,
    max_clusters: int = 5,
    min_size: int = 2,
    max_size: int = 12,
) -> tuple[FloatArray, IntArray]:
    """``(X, blob)``: well-separated blobs of continuous points in random row order, and each row's blob.

    Centres sit on distinct cells of a grid 12 apart; points stay within 1.5 of their centre, so every
    point is far nearer its own centre than any other.
    """
    n_blobs = draw(st.integers(min_clusters, max_clusters))
    d = n_features if n_features is not None else draw(st.integers(1, 4))
    sizes = draw(st.lists(st.integers(min_size, max_size), min_size=n_blobs, max_size=n_blobs))
    rng = rng_from(draw(SEEDS))
    spread = rng.uniform(0.2, 1.5)
    offset = rng.uniform(-30.0, 30.0)
    cells = rng.choice(GRID_CELLS**d, size=n_blobs, replace=False)
    grid = np.column_stack(np.unravel_index(cells, (GRID_CELLS,) * d)).astype(np.float64)
    centres = offset + GRID_SPACING * grid + rng.uniform(-1.0, 1.0, size=(n_blobs, d))
    blob = np.repeat(np.arange(n_blobs), sizes)
    X = centres[blob] + rng.uniform(-spread, spread, size=(blob.size, d))
    order = rng.permutation(blob.size)
    return X[order], blob[order].astype(np.int64)


def standardise(X: FloatArray) -> FloatArray:
    """Columns with mean 0 and standard deviation 1 (constant columns are only centred)."""
    scale = X.std(axis=0)
    standardised: FloatArray = (X - X.mean(axis=0)) / np.where(scale > 0, scale, 1.0)
    return standardised


def condition_number(X: FloatArray) -> float:
    singular = np.linalg.svd(X, compute_uv=False)
    return float(singular[0] / singular[-1]) if singular[-1] > 0 else float("inf")


@st.composite
def well_conditioned_designs(
    draw: st.DrawFn,
    *,
    min_samples: int = 15,
    max_samples: int = 60,
    min_features: int = 1,
    max_features: int = 5,
    max_condition: float = 4.0,
) -> FloatArray:
    """A standardised Gaussian design with a bounded condition number (redrawn from the seed until so)."""
    n_features = draw(st.integers(min_features, max_features))
    n_samples = draw(st.integers(max(min_samples, 3 * n_features), max(max_samples, 3 * n_features)))
    rng = rng_from(draw(SEEDS))
    X = standardise(rng.standard_normal((n_samples, n_features)))
    while condition_number(X) > max_condition:
        X = standardise(rng.standard_normal((n_samples, n_features)))
    return X


def as_labels(codes: Any, kind: str) -> np.ndarray[Any, Any]:
    """Integer codes turned into labels of ``kind`` (``int``, ``str``, ``float`` or ``bool``)."""
    pool = LABEL_POOLS[kind]
    values = [pool[int(code) % len(pool)] for code in np.asarray(codes).ravel()]
    return np.array(values, dtype=object if kind == "str" else None).astype(str) if kind == "str" else np.array(values)


@st.composite
def label_vectors(
    draw: st.DrawFn,
    *,
    min_size: int = 1,
    max_size: int = 25,
    min_classes: int = 1,
    max_classes: int = 4,
    kinds: tuple[str, ...] = ("int", "str"),
) -> np.ndarray[Any, Any]:
    """Labels of one drawn kind, with between ``min_classes`` and ``max_classes`` distinct values present."""
    kind = draw(st.sampled_from(kinds))
    limit = min(max_classes, len(LABEL_POOLS[kind]))
    n_classes = draw(st.integers(min(min_classes, limit), limit))
    size = draw(st.integers(max(min_size, n_classes), max(max_size, n_classes)))
    rng = rng_from(draw(SEEDS))
    classes = rng.choice(len(LABEL_POOLS[kind]), size=n_classes, replace=False)
    codes = np.concatenate([classes, rng.choice(classes, size=size - n_classes)])
    return as_labels(codes[rng.permutation(size)], kind)
