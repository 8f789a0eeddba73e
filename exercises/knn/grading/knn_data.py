"""Data and read-back helpers for the k-nearest-neighbours suite.

Two kinds of generated problems:

- ``tied_problems``: small integer coordinates (0..3), so distances tie often and *exactly* under any
  formula (differences or expanded form, squared or not): the statement's tie rules decide the answer
  and the reference is the oracle.
- ``clear_problems``: continuous coordinates, kept only when every query's ``k + 1`` nearest distances
  are separated by a margin (``clear_margins``), so no tie rule is involved and scikit-learn's brute
  force (whose tie order is not stable) is a fair oracle.

Distances in the judge are computed from differences, never from the expanded form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st

from grader.testing import CheckFailed, FloatArray, IntArray, brief, read_array, read_floats

SEEDS = st.integers(0, 2**16 - 1)
# Two distances closer than this (relative to the larger) count as a near tie.
MARGIN = 1e-7
# No query nearer a training point than this share of the data's scale: scikit-learn's expanded-form
# Euclidean distances lose relative accuracy there.
NEAREST_FLOOR = 1e-3
# Two class votes closer than this (relative) may be ordered either way by correct summations.
VOTE_HAIR = 1e-9
PROBA_RTOL = 1e-9
PROBA_ATOL = 1e-12
DISTANCE_RTOL = 1e-9
# Labels whose first-seen order rarely matches their sorted order.
INT_LABELS = np.array([7, -2, 3, 0, 12])
STR_LABELS = np.array(["pear", "apple", "fig", "banana", "cherry"])

STABLE = "equal distances go by training order, the smaller index first"
SMALLEST = "a tied vote goes to the smallest label"
ZERO_RULE = "with weights='distance', the neighbours at zero distance share all the weight and the others get none"


@dataclass(frozen=True)
class Problem:
    """Training points, targets, queries and the estimator's parameters."""

    X: FloatArray
    y: Any
    queries: FloatArray
    k: int
    weights: str
    p: int

    @property
    def params(self) -> str:
        return f"n_neighbors={self.k}, weights={self.weights!r}, p={self.p}"


def labels_for(codes: IntArray, kind: str) -> Any:
    pool = INT_LABELS if kind == "int" else STR_LABELS
    return pool[codes]


def distances(queries: FloatArray, X: FloatArray, p: int) -> FloatArray:
    """``(n_queries, n_train)`` Minkowski distances from differences."""
    difference = np.abs(queries[:, None, :] - X[None, :, :])
    if p == 1:
        return np.asarray(difference.sum(axis=2), dtype=np.float64)
    return np.asarray(np.sqrt((difference * difference).sum(axis=2)), dtype=np.float64)


def clear_margins(queries: FloatArray, X: FloatArray, k: int, p: int, *, exclude_self: bool = False) -> bool:
    """Whether every query's ``k + 1`` nearest distances are apart by a margin, and none is tiny."""
    d = distances(queries, X, p)
    if exclude_self:
        d[np.arange(d.shape[0]), np.arange(d.shape[0])] = np.inf
    first = np.sort(d, axis=1)[:, : min(k + 1, X.shape[0] - int(exclude_self))]
    if np.any(first[:, 0] <= NEAREST_FLOOR * max(1.0, float(np.abs(X).max()))):
        return False
    if first.shape[1] < 2:
        return True
    gaps = np.diff(first, axis=1)
    return bool(np.all(gaps > MARGIN * first[:, 1:]))


@st.composite
def tied_problems(draw: st.DrawFn, *, regression: bool = False, min_train: int = 1, max_train: int = 25) -> Problem:
    """Integer points in 0..3 (duplicates and exact ties everywhere), some queries equal to training rows."""
    rng = np.random.default_rng(draw(SEEDS))
    n = draw(st.integers(min_train, max_train))
    d = draw(st.integers(1, 3))
    top = draw(st.integers(1, 3))
    X = rng.integers(0, top + 1, size=(n, d)).astype(np.float64)
    n_queries = draw(st.integers(1, 12))
    queries = rng.integers(0, top + 1, size=(n_queries, d)).astype(np.float64)
    queries[: n_queries // 3] = X[rng.integers(0, n, size=n_queries // 3)]
    k = draw(st.integers(1, n))
    if regression:
        y: Any = rng.integers(-5, 6, size=n) * 0.5
    else:
        n_classes = draw(st.integers(1, 4))
        y = labels_for(rng.integers(0, n_classes, size=n), draw(st.sampled_from(["int", "str"])))
    return Problem(X, y, queries, k, draw(st.sampled_from(["uniform", "distance"])), draw(st.sampled_from([1, 2])))


@st.composite
def clear_problems(
    draw: st.DrawFn, *, regression: bool = False, min_train: int = 2, max_train: int = 40, max_k: int = 7
) -> Problem:
    """Continuous points; the caller keeps the example only when ``clear_margins`` holds."""
    rng = np.random.default_rng(draw(SEEDS))
    n = draw(st.integers(min_train, max_train))
    d = draw(st.integers(1, 4))
    scale = draw(st.sampled_from([1.0, 10.0, 1000.0]))
    X = rng.uniform(-scale, scale, size=(n, d))
    queries = rng.uniform(-1.2 * scale, 1.2 * scale, size=(draw(st.integers(1, 15)), d))
    k = draw(st.integers(1, min(n - 1, max_k)))
    if regression:
        y: Any = rng.normal(size=n) * 10.0
    else:
        n_classes = draw(st.integers(2, 4))
        y = labels_for(rng.integers(0, n_classes, size=n), draw(st.sampled_from(["int", "str"])))
    return Problem(X, y, queries, k, draw(st.sampled_from(["uniform", "distance"])), draw(st.sampled_from([1, 2])))


def read_neighbours(result: Any, *, what: str, n_queries: int, k: int) -> tuple[FloatArray, IntArray]:
    """``kneighbors(...)`` read back as ``(distances, indices)`` of shape ``(n_queries, k)``."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        raise CheckFailed(f"{what} returned {brief(result)}; expected a pair (distances, indices)")
    dist = read_floats(result[0], what=f"{what}[0] (distances)", shape=(n_queries, k))
    ind = read_indices(result[1], what=f"{what}[1] (indices)", n_queries=n_queries, k=k)
    return dist, ind


def read_indices(value: Any, *, what: str, n_queries: int, k: int) -> IntArray:
    return read_array(value, what=what, shape=(n_queries, k), kinds="iu").astype(np.int64)


def read_proba(value: Any, *, what: str, n_queries: int, n_classes: int) -> FloatArray:
    return read_floats(value, what=what, shape=(n_queries, n_classes))


def read_predictions(value: Any, *, what: str, n_queries: int) -> Any:
    return read_array(value, what=what, shape=(n_queries,), kinds="fiubU")


def acceptable_labels(proba: FloatArray, classes: Any, weights: str) -> list[set[Any]]:
    """For each row, the labels a correct ``predict`` may return given the exact vote shares.

    Uniform votes are exact counts: only the smallest of the tied labels. Distance-weighted votes
    within ``VOTE_HAIR`` of the largest may come out in any order from a correct summation.
    """
    accepted = []
    for row in proba:
        best = row.max()
        if weights == "uniform":
            accepted.append({classes[int(np.argmax(row))]})
        else:
            near = np.flatnonzero(row >= best - VOTE_HAIR * max(best, 1.0))
            accepted.append({classes[int(i)] for i in near})
    return accepted


def expect_predictions(actual: Any, accepted: list[set[Any]], *, what: str, hint: str) -> None:
    """Every predicted label is one of the accepted ones of its row."""
    for i, (label, allowed) in enumerate(zip(list(actual), accepted, strict=True)):
        if label not in allowed:
            shown = sorted(allowed, key=str)
            expected = shown[0] if len(shown) == 1 else f"one of {shown}"
            raise CheckFailed(f"{what}: row {i} is predicted {label!r}; expected {expected!r} ({hint})")
