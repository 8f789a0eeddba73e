"""Data for the decision-tree suite on which the right tree is unambiguous, and the judge's tie finder.

A greedy tree is only pinned down by its data when, at every node that is split, the best candidate
split beats every other one clearly: two candidates with the same gain (two features giving the same
partition, or two thresholds of one feature with equal gains) may be resolved either way by
scikit-learn, which visits the features in a random order, and by rounding in any implementation.
``ambiguity(...)`` grows the tree the statement describes with plain per-feature loops (independent of
the reference) and returns the smallest gap, relative to the node's total impurity, between the best
and the second-best candidate at any split node, and between any node's best decrease and
``min_impurity_decrease``. Generated problems keep that gap above ``MARGIN``.

Feature values are multiples of 1/8 between -8 and 8, so that they, their midpoints and sums are exact
in float32 as well as float64 (scikit-learn casts X to float32): both sides split at the same
thresholds, and a query point at a midpoint lies exactly on a threshold in both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st

from grader.testing import FloatArray

MARGIN = 1e-6
GRID = 8.0  # values are multiples of 1 / GRID
SEEDS = st.integers(0, 2**32 - 1)
REDRAWS = 60


@dataclass(frozen=True)
class Params:
    """The constructor arguments of one tree (besides the criterion)."""

    max_depth: int | None = None
    min_samples_split: int = 2
    min_samples_leaf: int = 1
    min_impurity_decrease: float = 0.0

    def kwargs(self) -> dict[str, Any]:
        return {
            "max_depth": self.max_depth,
            "min_samples_split": self.min_samples_split,
            "min_samples_leaf": self.min_samples_leaf,
            "min_impurity_decrease": self.min_impurity_decrease,
        }

    def text(self) -> str:
        shown = [f"{k}={v!r}" for k, v in self.kwargs().items() if v != Params().kwargs()[k]]
        return ", ".join(shown)


@dataclass(frozen=True)
class Problem:
    """Training data, the tree's arguments, and query rows that are not training rows."""

    X: FloatArray
    y: np.ndarray[Any, Any]
    criterion: str
    params: Params
    queries: FloatArray
    seed: int
    labels: tuple[Any, ...] = field(default=())

    def call(self, kind: str) -> str:
        args = ", ".join(a for a in (f"criterion={self.criterion!r}", self.params.text()) if a)
        return f"{kind}({args}).fit(X, y)"

    def __repr__(self) -> str:
        return (
            f"Problem(n_samples={self.X.shape[0]}, n_features={self.X.shape[1]}, criterion={self.criterion!r}, "
            f"{self.params.text() or 'default parameters'}, seed={self.seed})"
        )


# ----------------------------------------------------------------------------- the tie finder


def _impurity(targets: FloatArray, criterion: str) -> float:
    if criterion == "squared_error":
        return float(np.mean((targets - targets.mean()) ** 2))
    shares = targets.mean(axis=0)
    shares = shares[shares > 0]
    if criterion == "gini":
        return float(1.0 - np.sum(shares**2))
    return float(-np.sum(shares * np.log2(shares)))


def _impurities(sums: FloatArray, squares: FloatArray, counts: FloatArray, criterion: str) -> FloatArray:
    """The impurity of each of several sets of rows, from their target sums (one row per set)."""
    if criterion == "squared_error":
        means = sums[:, 0] / counts
        result: FloatArray = np.maximum(squares / counts - means**2, 0.0)
        return result
    shares = sums / counts[:, None]
    if criterion == "gini":
        gini: FloatArray = 1.0 - np.sum(shares**2, axis=1)
        return gini
    logs = np.log2(np.where(shares > 0, shares, 1.0))
    entropy: FloatArray = -np.sum(shares * logs, axis=1)
    return entropy


def _is_pure(targets: FloatArray) -> bool:
    return bool(np.all(targets == targets[0]))


def _candidate_splits(
    X_node: FloatArray, node_targets: FloatArray, criterion: str, min_samples_leaf: int
) -> tuple[FloatArray, np.ndarray[Any, Any], FloatArray]:
    """Every allowed split of one node as (weighted child impurity, feature, threshold) arrays.

    In the order the statement visits them (feature by feature, thresholds ascending), computed from
    running sums over each feature's sorted values: one pass per feature instead of one per threshold.
    """
    m = X_node.shape[0]
    weighted_parts: list[FloatArray] = []
    feature_parts: list[np.ndarray[Any, Any]] = []
    threshold_parts: list[FloatArray] = []
    for feature in range(X_node.shape[1]):
        order = np.argsort(X_node[:, feature], kind="stable")
        values = X_node[order, feature]
        distinct = np.unique(values)
        thresholds = (distinct[:-1] + distinct[1:]) / 2.0
        n_left = np.searchsorted(values, thresholds, side="right")
        allowed = (n_left >= min_samples_leaf) & (m - n_left >= min_samples_leaf)
        thresholds, n_left = thresholds[allowed], n_left[allowed]
        if n_left.size == 0:
            continue
        sorted_targets = node_targets[order]
        running = np.cumsum(sorted_targets, axis=0)
        running_squares = np.cumsum(sorted_targets[:, 0] ** 2)
        left_sums, left_squares = running[n_left - 1], running_squares[n_left - 1]
        right_sums, right_squares = running[-1] - left_sums, running_squares[-1] - left_squares
        left_counts = n_left.astype(np.float64)
        right_counts = m - left_counts
        weighted = left_counts * _impurities(left_sums, left_squares, left_counts, criterion) + right_counts * (
            _impurities(right_sums, right_squares, right_counts, criterion)
        )
        weighted_parts.append(weighted)
        feature_parts.append(np.full(n_left.size, feature))
        threshold_parts.append(thresholds)
    if not weighted_parts:
        return np.empty(0), np.empty(0, dtype=np.int64), np.empty(0)
    return np.concatenate(weighted_parts), np.concatenate(feature_parts), np.concatenate(threshold_parts)


def ambiguity(
    X: FloatArray,
    targets: FloatArray,
    criterion: str,
    params: Params,
    *,
    same_partition_ok: bool = False,
    enough_below: float = 0.0,
) -> float:
    """The smallest relative gap between competing choices while growing the tree (inf: none).

    With ``same_partition_ok``, a candidate that splits the node's samples exactly as the best one
    does (another feature, the same two sets) does not count as a rival: whichever is chosen, the
    tree treats the training rows alike (its depth, leaves and training predictions are the same).
    Growing stops early once the gap is at most ``enough_below``: a caller asking "is it above the
    margin?" has its answer, and most drawn problems are rejected at their first few nodes.
    """
    n_total = X.shape[0]
    smallest = np.inf
    stack = [(np.arange(n_total), 0)]
    while stack and smallest > enough_below:
        rows, depth = stack.pop()
        m = rows.shape[0]
        node_targets = targets[rows]
        if (params.max_depth is not None and depth >= params.max_depth) or m < params.min_samples_split:
            continue
        if _is_pure(node_targets):
            continue
        parent = m * _impurity(node_targets, criterion)
        X_node = X[rows]
        weighted, features, thresholds = _candidate_splits(X_node, node_targets, criterion, params.min_samples_leaf)
        if weighted.size == 0:
            continue
        gains = parent - weighted
        ranked = np.argsort(-gains, kind="stable")  # ties keep the visiting order, as a stable sort does
        best = int(ranked[0])
        best_gain, feature, threshold = float(gains[best]), int(features[best]), float(thresholds[best])
        best_left = X_node[:, feature] <= threshold
        for rival in ranked[1:]:
            rival_left = X_node[:, features[rival]] <= thresholds[rival]
            if same_partition_ok and _same_sets(rival_left, best_left):
                continue
            smallest = min(smallest, (best_gain - float(gains[rival])) / parent)
            break
        if params.min_impurity_decrease > 0:
            gap = abs(best_gain / n_total - params.min_impurity_decrease) * n_total / parent
            smallest = min(smallest, gap)
            if best_gain / n_total < params.min_impurity_decrease:
                continue
        stack.append((rows[best_left], depth + 1))
        stack.append((rows[~best_left], depth + 1))
    return float(smallest)


def _same_sets(left: np.ndarray[Any, Any], other: np.ndarray[Any, Any]) -> bool:
    return bool(np.array_equal(left, other) or np.array_equal(left, ~other))


def one_hot(y: np.ndarray[Any, Any]) -> FloatArray:
    _, encoded = np.unique(y, return_inverse=True)
    encoded = encoded.reshape(-1)
    targets: FloatArray = np.zeros((y.shape[0], int(encoded.max()) + 1))
    targets[np.arange(y.shape[0]), encoded] = 1.0
    return targets


def is_unambiguous(
    X: FloatArray, y: np.ndarray[Any, Any], criterion: str, params: Params, *, same_partition_ok: bool = False
) -> bool:
    targets = y.astype(np.float64)[:, None] if criterion == "squared_error" else one_hot(y)
    gap = ambiguity(X, targets, criterion, params, same_partition_ok=same_partition_ok, enough_below=MARGIN)
    return gap > MARGIN


# ----------------------------------------------------------------------------- problems


def grid_values(rng: np.random.Generator, shape: tuple[int, ...]) -> FloatArray:
    """Multiples of 1/8 in [-8, 8]: exact in float32, and so are their midpoints."""
    values: FloatArray = rng.integers(-8 * int(GRID), 8 * int(GRID) + 1, size=shape) / GRID
    return values


def _labels_from(rng: np.random.Generator, X: FloatArray, n_classes: int, noise: float) -> np.ndarray[Any, Any]:
    direction = rng.standard_normal(X.shape[1])
    score = X @ direction + 2.0 * np.sin(X[:, 0])
    edges = np.quantile(score, np.linspace(0, 1, n_classes + 1)[1:-1])
    y = np.searchsorted(edges, score).astype(np.int64)
    flipped = np.asarray(rng.random(X.shape[0]) < noise)
    y[flipped] = rng.integers(0, n_classes, size=int(flipped.sum()))
    return y


def _targets_from(rng: np.random.Generator, X: FloatArray) -> FloatArray:
    direction = rng.standard_normal(X.shape[1])
    score = X @ direction + 3.0 * np.sign(X[:, 0]) + rng.standard_normal(X.shape[0])
    targets: FloatArray = np.round(score * 64.0) / 64.0  # exact sums in float64
    return targets


def make_problem(
    seed: int, n_samples: int, n_features: int, n_classes: int, criterion: str, params: Params, noise: float = 0.1
) -> Problem | None:
    """A problem whose tree is unambiguous, from ``seed`` (redrawn up to ``REDRAWS`` times), or None."""
    rng = np.random.default_rng(seed)
    for _ in range(REDRAWS):
        X = grid_values(rng, (n_samples, n_features))
        if criterion == "squared_error":
            y: np.ndarray[Any, Any] = _targets_from(rng, X)
        else:
            y = _labels_from(rng, X, n_classes, noise)
            if np.unique(y).shape[0] < 2:
                continue
        if is_unambiguous(X, y, criterion, params):
            queries = np.vstack([grid_values(rng, (n_samples, n_features)), _midpoints(X, rng), off_grid(X, rng)])
            return Problem(X=X, y=y, criterion=criterion, params=params, queries=queries, seed=seed)
    return None


def _midpoints(X: FloatArray, rng: np.random.Generator) -> FloatArray:
    """Rows whose every value is a midpoint between two consecutive distinct training values (or a value)."""
    columns = []
    for feature in range(X.shape[1]):
        values = np.unique(X[:, feature])
        mids = (values[:-1] + values[1:]) / 2.0 if values.shape[0] > 1 else values
        columns.append(rng.choice(mids, size=X.shape[0]))
    points: FloatArray = np.column_stack(columns)
    return points


def off_grid(X: FloatArray, rng: np.random.Generator) -> FloatArray:
    """New rows between the grid's values (a grid value plus 1/32): never on a threshold."""
    rows: FloatArray = grid_values(rng, X.shape) + 1.0 / 32.0
    return rows


# Label sets: (labels for codes 0, 1, 2), chosen so that sorted order and first-seen order differ.
LABEL_SETS: tuple[tuple[Any, ...], ...] = (
    (0, 1, 2),
    ("versicolor", "setosa", "virginica"),
    (7, -3, 2),
    ("b", "c", "a"),
)


def relabelled(problem: Problem, labels: tuple[Any, ...]) -> Problem:
    """The same problem with class codes 0, 1, 2 renamed ``labels`` (the tree's partitions do not change)."""
    y = np.asarray(labels)[problem.y]
    return Problem(problem.X, y, problem.criterion, problem.params, problem.queries, problem.seed, labels)


def scaled(problem: Problem, factor: float, shift: float = 0.0) -> Problem:
    """``X * factor + shift`` with queries off the grid (thresholds may not be exact any more)."""
    rng = np.random.default_rng(problem.seed)
    queries = off_grid(problem.X, rng) * factor + shift
    return Problem(problem.X * factor + shift, problem.y, problem.criterion, problem.params, queries, problem.seed)


MAX_DEPTHS = (None, None, 1, 2, 3, 4, 6)
MIN_SAMPLES_LEAF = (1, 1, 1, 2, 3, 5)
MIN_SAMPLES_SPLIT = (2, 2, 2, 5, 12)
MIN_IMPURITY_DECREASE = (0.0, 0.0, 0.0, 0.005, 0.02)
REGRESSION_DECREASE = (0.0, 0.0, 0.0, 0.05, 0.3)  # targets spread over about +-10


@st.composite
def parameters(draw: st.DrawFn, *, decreases: tuple[float, ...] = MIN_IMPURITY_DECREASE) -> Params:
    return Params(
        max_depth=draw(st.sampled_from(MAX_DEPTHS)),
        min_samples_split=draw(st.sampled_from(MIN_SAMPLES_SPLIT)),
        min_samples_leaf=draw(st.sampled_from(MIN_SAMPLES_LEAF)),
        min_impurity_decrease=draw(st.sampled_from(decreases)),
    )


@st.composite
def classification_problems(
    draw: st.DrawFn,
    *,
    criteria: tuple[str, ...] = ("gini", "entropy"),
    max_features: int = 4,
    params: Any = None,
    max_samples: int = 120,
) -> Problem:
    """Unambiguous classification problems on the grid, labels of a drawn type."""
    seed = draw(SEEDS)
    n_samples = draw(st.integers(20, max_samples))
    n_features = draw(st.integers(1, max_features))
    n_classes = draw(st.sampled_from((2, 2, 3)))
    criterion = draw(st.sampled_from(criteria))
    chosen = draw(parameters()) if params is None else params
    problem = make_problem(seed, n_samples, n_features, n_classes, criterion, chosen)
    if problem is None and params is None:  # rare: no unambiguous draw; a stump on the same data almost always is
        problem = make_problem(seed, n_samples, n_features, n_classes, criterion, Params(max_depth=1))
    assume(problem is not None)
    assert problem is not None
    return relabelled(problem, draw(st.sampled_from(LABEL_SETS)))


@st.composite
def regression_problems(
    draw: st.DrawFn, *, max_features: int = 4, params: Any = None, max_samples: int = 120
) -> Problem:
    """Unambiguous regression problems on the grid, targets multiples of 1/64."""
    seed = draw(SEEDS)
    n_samples = draw(st.integers(20, max_samples))
    n_features = draw(st.integers(1, max_features))
    chosen = draw(parameters(decreases=REGRESSION_DECREASE)) if params is None else params
    problem = make_problem(seed, n_samples, n_features, 0, "squared_error", chosen)
    if problem is None and params is None:
        problem = make_problem(seed, n_samples, n_features, 0, "squared_error", Params(max_depth=1))
    assume(problem is not None)
    assert problem is not None
    return problem
