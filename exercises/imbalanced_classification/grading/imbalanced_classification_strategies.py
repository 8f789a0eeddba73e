"""Hypothesis strategies for the imbalanced-classification suite: labels, tagged rows and scores whose
right answer is unambiguous.

- Labels come in one of two kinds (integers, or strings that do not look like numbers), with class
  sizes drawn independently (so usually imbalanced) and rows in random order.
- Rows are **tagged**: column 0 of ``X`` is ``0, 1, 2, ...``, so every row says which sample it is and a
  copy of a row says which row it copies.
- Scores for ``tune_threshold`` are redrawn from the seed until exactly one threshold reaches the best
  value of the metric (computed exactly, with fractions): a correct answer does not depend on how a
  formula rounds.
- Cross-validation data gives every class at least ``2 * cv`` members, so that every training fold
  holds every class and every estimator can be fitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt
from hypothesis import strategies as st

INT_LABELS = np.array([-3, 0, 2, 7, 11, 40])
STR_LABELS = np.array(["ant", "bee", "cat", "dog", "eel", "fox"])
METRICS = ("f1", "balanced_accuracy")


@dataclass(frozen=True)
class Labels:
    """A label vector and its distinct classes (sorted)."""

    y: npt.NDArray[Any]

    @property
    def classes(self) -> npt.NDArray[Any]:
        return np.unique(self.y)

    def __repr__(self) -> str:
        return f"y={self.y.tolist()!r}"


@dataclass(frozen=True)
class Rows:
    """Tagged rows ``X`` (column 0 is the row number) and their labels ``y``."""

    X: npt.NDArray[Any]
    y: npt.NDArray[Any]

    def __repr__(self) -> str:
        classes, counts = np.unique(self.y, return_counts=True)
        sizes = ", ".join(f"{c!r}: {n}" for c, n in zip(classes.tolist(), counts.tolist(), strict=True))
        return f"X of shape {self.X.shape} ({self.X.dtype}, column 0 = row number), y={self.y.tolist()!r} ({{{sizes}}})"


@dataclass(frozen=True)
class Scored:
    """Binary labels and scores with exactly one best threshold for ``metric``."""

    y_true: npt.NDArray[np.int64]
    y_score: npt.NDArray[np.float64]
    metric: str

    def __repr__(self) -> str:
        return f"y_true={self.y_true.tolist()!r}, y_score={self.y_score.tolist()!r}, metric={self.metric!r}"


@dataclass(frozen=True)
class Folded:
    """Tagged rows for cross-validation, with ``cv`` folds and every class of at least ``2 * cv`` members."""

    X: npt.NDArray[np.float64]
    y: npt.NDArray[Any]
    cv: int

    def __repr__(self) -> str:
        return f"X of shape {self.X.shape} (column 0 = row number), y={self.y.tolist()!r}, cv={self.cv}"


def _labelled(rng: np.random.Generator, kind: str, counts: list[int]) -> npt.NDArray[Any]:
    pool = INT_LABELS if kind == "int" else STR_LABELS
    values = rng.permutation(pool)[: len(counts)]
    return rng.permutation(np.repeat(values, counts))


@st.composite
def class_labels(
    draw: st.DrawFn, *, min_classes: int = 1, max_classes: int = 4, min_count: int = 1, max_count: int = 25
) -> Labels:
    """Labels of one kind with ``min_classes..max_classes`` classes of independent sizes, shuffled."""
    n_classes = draw(st.integers(min_classes, max_classes))
    counts = draw(st.lists(st.integers(min_count, max_count), min_size=n_classes, max_size=n_classes))
    kind = draw(st.sampled_from(["int", "str"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return Labels(_labelled(rng, kind, counts))


def tag(y: npt.NDArray[Any], rng: np.random.Generator, *, n_features: int = 3, integer: bool = False) -> Any:
    """Rows for ``y``: column 0 the row number, then features (floats such as 0.1, or integers)."""
    n = y.shape[0]
    if integer:
        features = rng.integers(-50, 50, size=(n, n_features - 1))
        return np.hstack([np.arange(n)[:, np.newaxis], features]).astype(np.int64)
    features = np.round(rng.normal(scale=3.0, size=(n, n_features - 1)), 1)
    return np.hstack([np.arange(n, dtype=np.float64)[:, np.newaxis], features])


@st.composite
def tagged_rows(draw: st.DrawFn, *, min_classes: int = 1, max_classes: int = 4, max_count: int = 25) -> Rows:
    """Tagged rows (float or integer features) with labels of independent class sizes."""
    labels = draw(class_labels(min_classes=min_classes, max_classes=max_classes, max_count=max_count))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    n_features = draw(st.integers(1, 4))
    return Rows(tag(labels.y, rng, n_features=n_features, integer=draw(st.booleans())), labels.y)


def exact_values(y_true: npt.NDArray[Any], y_score: npt.NDArray[Any], metric: str) -> list[tuple[float, Fraction]]:
    """Every distinct score with the exact value of ``metric`` when predicting ``score >= threshold``."""
    positive = np.asarray(y_true).astype(bool)
    n_pos, n_neg = int(positive.sum()), int((~positive).sum())
    values = []
    for threshold in np.unique(y_score).tolist():
        predicted = y_score >= threshold
        tp = int((predicted & positive).sum())
        fp = int((predicted & ~positive).sum())
        if metric == "f1":
            value = Fraction(2 * tp, 2 * tp + fp + (n_pos - tp))
        else:
            value = (Fraction(tp, n_pos) + Fraction(n_neg - fp, n_neg)) / 2
        values.append((float(threshold), value))
    return values


def best_thresholds(y_true: npt.NDArray[Any], y_score: npt.NDArray[Any], metric: str) -> list[float]:
    """The thresholds that reach the exact best value of ``metric``, smallest first."""
    values = exact_values(y_true, y_score, metric)
    best = max(value for _, value in values)
    return sorted(threshold for threshold, value in values if value == best)


def _draw_scores(rng: np.random.Generator, n: int, style: str) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    y_true = (rng.random(n) < rng.uniform(0.1, 0.5)).astype(np.int64)
    y_true[rng.choice(n, size=2, replace=False)] = [0, 1]
    signal: npt.NDArray[np.float64] = rng.normal(size=n) + 1.5 * y_true
    scores: npt.NDArray[np.float64]
    if style == "tenths":  # values like 0.1 that binary cannot hold, with tied scores
        scores = np.round(signal, 1)
    elif style == "offset":  # far from zero, distinct steps of 0.5
        scores = 1e9 + 0.5 * np.round(signal * 4)
    else:
        scores = signal
    return y_true, scores.astype(np.float64)


@st.composite
def scored_labels(draw: st.DrawFn, *, metric: str | None = None, min_samples: int = 4, max_samples: int = 60) -> Scored:
    """Binary labels and scores with exactly one best threshold (redrawn from the seed until so)."""
    chosen = metric if metric is not None else draw(st.sampled_from(METRICS))
    n = draw(st.integers(min_samples, max_samples))
    style = draw(st.sampled_from(["tenths", "offset", "continuous"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    while True:
        y_true, scores = _draw_scores(rng, n, style)
        if len(best_thresholds(y_true, scores, chosen)) == 1:
            return Scored(y_true, scores, chosen)


@st.composite
def folded_rows(draw: st.DrawFn, *, max_cv: int = 5, max_classes: int = 3) -> Folded:
    """Tagged rows for ``cv`` folds, every class with at least ``2 * cv`` members, imbalanced."""
    cv = draw(st.integers(2, max_cv))
    n_classes = draw(st.integers(2, max_classes))
    counts = draw(st.lists(st.integers(2 * cv, 6 * cv), min_size=n_classes, max_size=n_classes))
    kind = draw(st.sampled_from(["int", "str"]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    y = _labelled(rng, kind, counts)
    return Folded(tag(y, rng, n_features=3).astype(np.float64), y, cv)
