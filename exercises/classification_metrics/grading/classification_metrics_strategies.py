"""Hypothesis strategies for the ``classification_metrics`` suite.

Labels come from small fixed pools chosen for their sort order: negative integers, strings whose
string order differs from their numeric order (``"10" < "2"``) or whose case matters
(``"B" < "ab" < "b"``), and bools. Counts are exact and every ratio is one division of two small
integers (or a mean of a few such ratios), so any correct implementation agrees with
scikit-learn to within rounding, whatever the data: no answer is ambiguous.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st

POOLS: dict[str, tuple[Any, ...]] = {
    "int": (-3, -1, 0, 1, 2, 5, 10, 12),
    "str": ("10", "2", "-1", "B", "ab", "b", "cat", "dog"),
    "bool": (False, True),
}
KINDS = tuple(POOLS)


@dataclass(frozen=True)
class LabelProblem:
    """True and predicted labels of one kind (``"int"``, ``"str"`` or ``"bool"``)."""

    kind: str
    y_true: np.ndarray
    y_pred: np.ndarray

    @property
    def present(self) -> list[Any]:
        """The sorted union of the labels in ``y_true`` and ``y_pred``."""
        return np.union1d(self.y_true, self.y_pred).tolist()


def as_labels(values: list[Any], kind: str) -> np.ndarray:
    """A label array of the kind's dtype (int64, unicode or bool), even when empty."""
    dtype: Any = {"int": np.int64, "str": np.str_, "bool": np.bool_}[kind]
    return np.array(values, dtype=dtype)


@st.composite
def label_problems(
    draw: st.DrawFn,
    *,
    kinds: tuple[str, ...] = KINDS,
    max_labels: int = 6,
    max_samples: int = 25,
) -> LabelProblem:
    """Labels drawn from a small vocabulary; some predictions copy the truth, some do not.

    ``y_true`` and ``y_pred`` draw from two overlapping parts of the vocabulary, so a label may
    appear only in ``y_true``, only in ``y_pred``, or in both.
    """
    kind = draw(st.sampled_from(kinds))
    pool = POOLS[kind]
    vocabulary = draw(
        st.lists(
            st.sampled_from(pool), min_size=1, max_size=min(max_labels, len(pool)), unique=True
        )
    )
    true_part = draw(st.lists(st.sampled_from(vocabulary), min_size=1, unique=True))
    pred_part = draw(st.lists(st.sampled_from(vocabulary), min_size=1, unique=True))
    n_samples = draw(st.integers(1, max_samples))
    y_true = draw(st.lists(st.sampled_from(true_part), min_size=n_samples, max_size=n_samples))
    # None means "predict the true label": it keeps a fair share of true positives.
    guesses = draw(
        st.lists(st.none() | st.sampled_from(pred_part), min_size=n_samples, max_size=n_samples)
    )
    y_pred = [
        truth if guess is None else guess for truth, guess in zip(y_true, guesses, strict=True)
    ]
    return LabelProblem(kind, as_labels(y_true, kind), as_labels(y_pred, kind))


@st.composite
def labels_arguments(
    draw: st.DrawFn, problem: LabelProblem, *, anchor_in_y_true: bool
) -> np.ndarray:
    """A ``labels=`` argument for ``problem``: distinct labels, in any order, some maybe absent.

    With ``anchor_in_y_true``, at least one of them occurs in ``y_true`` (scikit-learn's
    ``confusion_matrix`` refuses a ``labels`` list with none).
    """
    pool = POOLS[problem.kind]
    chosen = draw(
        st.lists(st.sampled_from(pool), min_size=1, max_size=min(6, len(pool)), unique=True)
    )
    if anchor_in_y_true and not set(chosen) & set(problem.y_true.tolist()):
        anchor = draw(st.sampled_from(sorted(set(problem.y_true.tolist()))))
        chosen.insert(draw(st.integers(0, len(chosen))), anchor)
    return as_labels(chosen, problem.kind)


@st.composite
def problems_with_labels(
    draw: st.DrawFn, *, anchor_in_y_true: bool = False, kinds: tuple[str, ...] = KINDS
) -> tuple[LabelProblem, np.ndarray]:
    """A label problem and a ``labels=`` argument for it."""
    problem = draw(label_problems(kinds=kinds))
    return problem, draw(labels_arguments(problem, anchor_in_y_true=anchor_in_y_true))


@st.composite
def binary_problems(draw: st.DrawFn, *, kinds: tuple[str, ...] = KINDS) -> tuple[LabelProblem, Any]:
    """Labels from a pair ``(negative, positive)`` and the positive label (``pos_label``).

    Either label may be missing from the data, but the positive one is always one of the pair,
    so ``average="binary"`` is well defined.
    """
    kind = draw(st.sampled_from(kinds))
    negative, positive = draw(
        st.lists(st.sampled_from(POOLS[kind]), min_size=2, max_size=2, unique=True)
    )
    n_samples = draw(st.integers(1, 25))
    pair = st.sampled_from([negative, positive])
    y_true = draw(st.lists(pair, min_size=n_samples, max_size=n_samples))
    y_pred = draw(st.lists(pair, min_size=n_samples, max_size=n_samples))
    return LabelProblem(kind, as_labels(y_true, kind), as_labels(y_pred, kind)), positive


@st.composite
def zero_one_problems(draw: st.DrawFn) -> LabelProblem:
    """Integer labels 0 and 1, for the default ``pos_label=1``."""
    n_samples = draw(st.integers(1, 25))
    y_true = draw(st.lists(st.sampled_from([0, 1]), min_size=n_samples, max_size=n_samples))
    y_pred = draw(st.lists(st.sampled_from([0, 1]), min_size=n_samples, max_size=n_samples))
    return LabelProblem("int", as_labels(y_true, "int"), as_labels(y_pred, "int"))


@st.composite
def renamings(draw: st.DrawFn, problem: LabelProblem) -> dict[Any, Any]:
    """A one-to-one renaming of the problem's labels into another kind's pool (or its own)."""
    present = problem.present
    targets = [kind for kind in KINDS if len(POOLS[kind]) >= len(present)]
    kind = draw(st.sampled_from(targets))
    names = draw(st.permutations(POOLS[kind]))
    return {label: (kind, names[i]) for i, label in enumerate(present)}


def rename(problem: LabelProblem, mapping: dict[Any, Any]) -> LabelProblem:
    """``problem`` with every label replaced through ``mapping`` (values ``(kind, name)``)."""
    kind = next(iter(mapping.values()))[0]
    y_true = [mapping[label][1] for label in problem.y_true.tolist()]
    y_pred = [mapping[label][1] for label in problem.y_pred.tolist()]
    return LabelProblem(kind, as_labels(y_true, kind), as_labels(y_pred, kind))
