"""Hypothesis strategies for the ``ranking_metrics`` suite.

Scores come from a small grid (``offset + code * step``), so that ties are frequent and exact: two
samples with the same code have the same float score, two with different codes scores at least
``1e-3`` apart. Every answer is then a function of exact integer counts, the same for any correct
implementation whatever the order of the samples. Both classes are always present (a single class is
an error, checked elsewhere). Each strategy draws a problem whose short ``repr`` is what a candidate
sees as the smallest failing input.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from hypothesis import strategies as st

from grader.testing import Array, FloatArray

# Label pairs: which label is positive, which negative, and whether pos_label=None is allowed.
PAIRS: dict[str, tuple[Any, Any]] = {
    "01": (1, 0),
    "pm1": (1, -1),
    "bool": (True, False),
}
POOLS: dict[str, tuple[Any, ...]] = {
    "int": (-3, 0, 2, 5, 10),
    "str": ("10", "2", "B", "ab", "ham", "spam"),
}
STEPS = (0.1, 0.25, 1.0, 1e-3, 3.0)
OFFSETS = (0.0, -2.0, 0.5, 1e6)


@dataclass(frozen=True, eq=False)
class BinaryProblem:
    """Labels, scores and the ``pos_label`` to pass (None: the default rule of the statement).

    ``positive`` is the label that counts as positive; ``negatives`` the other labels present.
    """

    kind: str
    y_true: Array
    y_score: FloatArray
    pos_label: Any
    positive: Any
    permutation: list[int] | None = None

    @property
    def is_positive(self) -> Array:
        return np.asarray(self.y_true == self.positive, dtype=bool)

    @property
    def two_labels(self) -> bool:
        return bool(np.unique(self.y_true).shape[0] == 2)

    def kwargs(self) -> dict[str, Any]:
        """``pos_label=...`` when the problem passes one, else nothing (the default)."""
        return {} if self.pos_label is None else {"pos_label": self.pos_label}

    def __repr__(self) -> str:
        parts = [f"y_true={self.y_true.tolist()!r}", f"y_score={self.y_score.tolist()!r}"]
        if self.pos_label is not None:
            parts.append(f"pos_label={self.pos_label!r}")
        if self.permutation is not None:
            parts.append(f"permutation={self.permutation!r}")
        return "(" + ", ".join(parts) + ")"


@dataclass(frozen=True, eq=False)
class MulticlassProblem:
    """Three or more classes and a probability matrix, one column per class in sorted order."""

    y_true: Array
    y_score: FloatArray

    def __repr__(self) -> str:
        return f"(y_true={self.y_true.tolist()!r}, y_score={np.round(self.y_score, 4).tolist()!r})"


def as_labels(values: list[Any]) -> Array:
    return np.array(values)


_FLAGGED_CODES = st.lists(st.tuples(st.booleans(), st.integers(0, 11)), min_size=2, max_size=30)


@st.composite
def grid_scores(draw: st.DrawFn, codes: list[int]) -> FloatArray:
    """Scores ``offset + code * step`` for the drawn codes (ties exactly where codes are equal)."""
    levels = draw(st.integers(1, 12))
    step = draw(st.sampled_from(STEPS))
    offset = draw(st.sampled_from(OFFSETS))
    return np.array([offset + (code % levels) * step for code in codes], dtype=np.float64)


@st.composite
def binary_problems(
    draw: st.DrawFn, *, kinds: tuple[str, ...] = ("01", "pm1", "bool", "int", "str"), many_labels: bool = False
) -> BinaryProblem:
    """Labels of one kind with both classes present, scores with ties.

    Kinds ``01``, ``pm1`` and ``bool`` pass ``pos_label=None`` (the positive label is 1 or True);
    ``int`` and ``str`` pass the drawn positive label. With ``many_labels``, ``int`` and ``str``
    problems may hold up to three negative labels (``pos_label`` given: every other label is negative).
    """
    kind = draw(st.sampled_from(kinds))
    flagged = draw(_FLAGGED_CODES)
    flags = [flag for flag, _ in flagged]
    if all(flags) or not any(flags):
        flags[0] = not flags[0]
    if kind in PAIRS:
        positive, negative = PAIRS[kind]
        negatives = [negative]
        pos_label = None
    else:
        pool = draw(st.permutations(POOLS[kind]))
        positive = pool[0]
        negatives = list(pool[1 : 1 + (draw(st.integers(1, 3)) if many_labels else 1)])
        pos_label = positive
    picks = draw(st.lists(st.integers(0, 2), min_size=len(flags), max_size=len(flags)))
    labels = [positive if flag else negatives[pick % len(negatives)] for flag, pick in zip(flags, picks, strict=True)]
    scores = draw(grid_scores([code for _, code in flagged]))
    return BinaryProblem(kind, as_labels(labels), scores, pos_label, positive)


@st.composite
def shuffled_problems(draw: st.DrawFn, *, many_labels: bool = False) -> BinaryProblem:
    """A binary problem with a permutation of its samples."""
    problem = draw(binary_problems(many_labels=many_labels))
    permutation = draw(st.permutations(range(problem.y_true.shape[0])))
    return replace(problem, permutation=list(permutation))


def shuffle(problem: BinaryProblem) -> BinaryProblem:
    """``problem`` with its samples in the order of ``problem.permutation``."""
    assert problem.permutation is not None  # drawn by shuffled_problems
    order = np.asarray(problem.permutation, dtype=np.intp)
    return replace(problem, y_true=problem.y_true[order], y_score=problem.y_score[order], permutation=None)


@st.composite
def multiclass_problems(draw: st.DrawFn) -> MulticlassProblem:
    """3 to 5 classes, each present; rows of small integers divided by their sum (ties in columns)."""
    kind = draw(st.sampled_from(("int", "str")))
    n_classes = draw(st.integers(3, 5))
    classes = sorted(draw(st.permutations(POOLS[kind]))[:n_classes])
    codes = draw(st.lists(st.integers(0, n_classes - 1), min_size=0, max_size=25))
    labels = [classes[i] for i in range(n_classes)] + [classes[code] for code in codes]
    order = draw(st.permutations(range(len(labels))))
    weights = draw(
        st.lists(
            st.lists(st.integers(1, 6), min_size=n_classes, max_size=n_classes),
            min_size=len(labels),
            max_size=len(labels),
        )
    )
    matrix = np.array(weights, dtype=np.float64)
    matrix /= matrix.sum(axis=1, keepdims=True)
    y_true = as_labels([labels[i] for i in order])
    return MulticlassProblem(y_true, matrix)


# Strictly increasing maps that keep distinct grid scores distinct (and equal ones equal).
MONOTONE = {
    "2 * s + 7": lambda s: 2.0 * s + 7.0,
    "exp((s - min(s)) / 4)": lambda s: np.exp((s - s.min()) / 4.0),
    "s ** 3 + s": lambda s: s**3 + s,
}
