"""Boosting problems for the gradient-boosting suite, with one right answer by construction.

A tree's split is the best of many candidates, so two correct implementations (or a candidate and
scikit-learn) can part ways wherever two different ways of splitting a node reduce the squared error
equally, or so nearly equally that rounding decides. Log-loss residuals make this common: at the first
stage they take two values, so any two splits that send the same numbers of each class left tie
exactly. This module builds problems where that never happens:

- every feature holds distinct values on a grid of quarters (``k / 4``), so the values and the
  midpoints between them are exact in ``float32`` (scikit-learn's trees cast ``X`` to ``float32``)
  and every threshold lies at least ``1/8`` from every training value;
- :func:`split_margin` replays the whole boosting run in the judge and measures, at every node of
  every tree, how far the best way of splitting the rows is ahead of the best *different* way (two
  splits that separate the rows the same way, on whatever feature and whichever side left, are one
  way); a node whose targets are not all equal must also have a variance far above rounding;
- the strategies draw a few numbers and a seed, and take the first seed from there whose problem has
  a margin of at least ``MIN_MARGIN`` times the node's squared error.

Rows moved by less than ``1/8`` in every feature cannot cross any threshold, so such "nudged" rows are
new data whose predictions are pinned down even where several features split a node the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from hypothesis import strategies as st

from grader.testing import Array, FloatArray

MIN_MARGIN = 1e-6
SPACING = 0.25
NUDGE = 0.1  # less than half the spacing: a nudged row stays in every cell of its training row
MAX_TRIES = 200
SEEDS = st.integers(0, 2**32 - 1)


@dataclass(frozen=True)
class Problem:
    """A boosting problem: grid ``X``, targets (floats or 0/1 labels) and the model's parameters."""

    X: FloatArray
    y: Array
    kind: str  # "regression" or "classification"
    n_estimators: int
    learning_rate: float
    max_depth: int
    min_samples_leaf: int
    seed: int
    params: dict[str, float] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "params",
            {
                "n_estimators": self.n_estimators,
                "learning_rate": self.learning_rate,
                "max_depth": self.max_depth,
                "min_samples_leaf": self.min_samples_leaf,
            },
        )

    @property
    def call(self) -> str:
        """The constructor call, as text for messages."""
        name = "GradientBoostingRegressor" if self.kind == "regression" else "GradientBoostingClassifier"
        args = ", ".join(f"{key}={value:g}" for key, value in self.params.items())
        return f"{name}({args})"

    def nudged(self) -> FloatArray:
        """The training rows moved by +-NUDGE in every feature: new rows in the same cells."""
        signs = np.where(np.random.default_rng(self.seed).random(self.X.shape) < 0.5, -1.0, 1.0)
        moved: FloatArray = self.X + NUDGE * signs
        return moved

    def __repr__(self) -> str:
        n_samples, n_features = self.X.shape
        return f"Problem({self.call}, n_samples={n_samples}, n_features={n_features}, seed={self.seed})"


def grid_matrix(rng: np.random.Generator, n_samples: int, n_features: int) -> FloatArray:
    """Distinct multiples of ``SPACING`` in each column, centred near 0."""
    columns = [rng.permutation(2 * n_samples)[:n_samples] - n_samples for _ in range(n_features)]
    matrix: FloatArray = SPACING * np.column_stack(columns).astype(np.float64)
    return matrix


def _targets(rng: np.random.Generator, X: FloatArray, kind: str) -> Array:
    scale = X.std(axis=0) + 1.0
    z = X / scale
    weights = rng.standard_normal(X.shape[1])
    signal = np.sin(2.0 * z[:, 0]) + z @ weights
    if kind == "regression":
        values: FloatArray = 3.0 * signal + rng.standard_normal(X.shape[0])
        return values
    score = signal + rng.logistic(size=X.shape[0]) * 0.7
    labels: Array = (score > np.median(score)).astype(np.int64)
    return labels


def make_problem(
    kind: str,
    n_samples: int,
    n_features: int,
    n_estimators: int,
    learning_rate: float,
    max_depth: int,
    min_samples_leaf: int,
    seed: int,
) -> Problem:
    """The first problem from ``seed`` on (``seed``, ``seed + 1``, ...) with a clear best split everywhere."""
    for attempt in range(MAX_TRIES):
        rng = np.random.default_rng(seed + attempt)
        X = grid_matrix(rng, n_samples, n_features)
        y = _targets(rng, X, kind)
        problem = Problem(X, y, kind, n_estimators, learning_rate, max_depth, min_samples_leaf, seed + attempt)
        if split_margin(problem) >= MIN_MARGIN:
            return problem
    raise RuntimeError(
        f"no unambiguous problem within {MAX_TRIES} seeds from {seed} ({kind}, {n_samples} x {n_features})"
    )


def split_margin(problem: Problem) -> float:
    """The smallest lead of a node's best split over the best different one, over the whole run.

    Leads are relative to the node's squared error around its mean; a node with targets nearly but
    not exactly equal counts as a margin of 0.
    """
    X = problem.X
    y = np.asarray(problem.y, dtype=np.float64)
    n_samples = X.shape[0]
    keys: np.ndarray = np.asarray(np.random.default_rng(12345).integers(0, 2**63, size=n_samples, dtype=np.uint64))
    classify = problem.kind == "classification"
    if classify:
        share = y.mean()
        raw = np.full(n_samples, np.log(share / (1.0 - share)))
    else:
        raw = np.full(n_samples, y.mean())
    smallest = np.inf
    for _ in range(problem.n_estimators):
        p = 1.0 / (1.0 + np.exp(-raw)) if classify else raw
        residual = y - p
        leaves: list[np.ndarray] = []
        pending = [(np.arange(n_samples), 0)]
        while pending:
            rows, depth = pending.pop()
            targets = residual[rows]
            if depth >= problem.max_depth or targets.min() == targets.max():
                leaves.append(rows)
                continue
            margin, split = _node_margin(X, rows, targets, problem.min_samples_leaf, keys)
            smallest = min(smallest, margin)
            if split is None:
                leaves.append(rows)
                continue
            feature, threshold = split
            left = X[rows, feature] <= threshold
            pending.append((rows[left], depth + 1))
            pending.append((rows[~left], depth + 1))
        for rows in leaves:
            if classify:
                curvature = np.sum(p[rows] * (1.0 - p[rows]))
                value = np.sum(residual[rows]) / curvature
            else:
                value = np.mean(residual[rows])
            raw[rows] += problem.learning_rate * value
    return float(smallest)


def _node_margin(
    X: FloatArray, rows: np.ndarray, targets: FloatArray, min_leaf: int, keys: np.ndarray
) -> tuple[float, tuple[int, float] | None]:
    size = rows.shape[0]
    spread = float(np.sum((targets - targets.mean()) ** 2))
    if spread / size <= 1e-12:
        return 0.0, None
    scores, partitions, splits = [], [], []
    whole = np.sum(keys[rows], dtype=np.uint64)
    n_left = np.arange(1, size, dtype=np.float64)
    for feature in range(X.shape[1]):
        order = np.argsort(X[rows, feature], kind="stable")
        values = X[rows[order], feature]
        sorted_targets = targets[order]
        left_sum = np.cumsum(sorted_targets)[:-1]
        total = sorted_targets.sum()
        score = left_sum**2 / n_left + (total - left_sum) ** 2 / (size - n_left)
        valid = (values[1:] > values[:-1]) & (n_left >= min_leaf) & (size - n_left >= min_leaf)
        hashes = np.cumsum(keys[rows[order]], dtype=np.uint64)[:-1]
        partition = np.minimum(hashes, whole - hashes)
        for position in np.flatnonzero(valid):
            scores.append(score[position])
            partitions.append(partition[position])
            splits.append((feature, (values[position] + values[position + 1]) / 2.0))
    if not scores:
        return np.inf, None
    score_array = np.array(scores)
    partition_array = np.array(partitions, dtype=np.uint64)
    best = int(np.argmax(score_array))
    others = score_array[partition_array != partition_array[best]]
    lead = (score_array[best] - others.max()) / spread if others.size else np.inf
    return float(lead), splits[best]


KINDS = ("regression", "classification")


@st.composite
def problems(
    draw: st.DrawFn,
    kind: str,
    *,
    max_samples: int = 40,
    max_features: int = 3,
    max_estimators: int = 8,
    max_depth: int = 3,
) -> Problem:
    """Hypothesis strategy for :class:`Problem` (small: boosting in the judge is replayed in Python)."""
    n_features = draw(st.integers(1, max_features))
    n_samples = draw(st.integers(12, max_samples))
    n_estimators = draw(st.integers(1, max_estimators))
    learning_rate = draw(st.sampled_from([0.1, 0.5, 1.0, 0.3]))
    depth = draw(st.integers(1, max_depth))
    leaf = draw(st.sampled_from([1, 2, 3, 5]))
    seed = draw(SEEDS)
    return make_problem(kind, n_samples, n_features, n_estimators, learning_rate, depth, leaf, seed)
