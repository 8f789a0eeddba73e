"""Hypothesis strategies for the ``classification_metrics`` suite.

Labels come from small fixed pools chosen for their sort order: negative integers, strings whose
string order differs from their numeric order (``"10" < "2"``) or whose case matters
(``"B" < "ab" < "b"``), and bools. Counts are exact and every ratio is one division of two small
integers (or a mean of a few such ratios), so any correct implementation agrees with
scikit-learn to within rounding, whatever the data: no answer is ambiguous.

Every strategy draws one ``LabelProblem``, whose short ``repr`` is what a candidate sees as the
smallest failing input.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from hypothesis import strategies as st

from grader.testing import Array

POOLS: dict[str, tuple[Any, ...]] = {
    "int": (-3, -1, 0, 1, 2, 5, 10, 12),
    "str": ("10", "2", "-1", "B", "ab", "b", "cat", "dog"),
    "bool": (False, True),
}
KINDS = tuple(POOLS)


@dataclass(frozen=True, eq=False)
class LabelProblem:
    """True and predicted labels of one kind, and the arguments a check passes with them.

    ``kind`` is ``"int"``, ``"str"`` or ``"bool"``. ``labels`` and ``pos_label`` are the
    arguments of that name (None when not drawn); ``permutation`` reorders the samples and
    ``renaming`` maps each label to ``(kind, new_label)``, for the properties that use them.
    """

    kind: str
    y_true: Array
    y_pred: Array
    labels: Array | None = None
    pos_label: Any = None
    permutation: list[int] | None = None
    renaming: dict[Any, tuple[str, Any]] | None = field(default=None)

    @property
    def present(self) -> list[Any]:
        """The sorted union of the labels in ``y_true`` and ``y_pred``."""
        present: list[Any] = np.union1d(self.y_true, self.y_pred).tolist()
        return present

    def __repr__(self) -> str:
        parts = [f"y_true={self.y_true.tolist()!r}", f"y_pred={self.y_pred.tolist()!r}"]
        if self.labels is not None:
            parts.append(f"labels={self.labels.tolist()!r}")
        if self.pos_label is not None:
            parts.append(f"pos_label={self.pos_label!r}")
        if self.permutation is not None:
            parts.append(f"permutation={self.permutation!r}")
        if self.renaming is not None:
            parts.append(f"renaming={ {old: new for old, (_, new) in self.renaming.items()}!r}")
        return "(" + ", ".join(parts) + ")"


def as_labels(values: list[Any], kind: str) -> Array:
    """A label array of the kind's dtype (int64, unicode or bool), even when empty."""
    dtype: Any = {"int": np.int64, "str": np.str_, "bool": np.bool_}[kind]
    return np.array(values, dtype=dtype)


# Strategies built once: drawing from fixed strategies keeps generation and shrinking cheap
# (Hypothesis re-validates every strategy built inside a draw).
_ORDERS = {kind: st.permutations(pool) for kind, pool in POOLS.items()}
_SMALL = st.integers(0, 5)
_COUNTS = st.integers(1, 6)
_CODE_PAIRS = st.lists(st.tuples(_SMALL, st.integers(-1, 5)), min_size=1, max_size=25)
_FLAG_PAIRS = st.lists(st.tuples(st.booleans(), st.booleans()), min_size=1, max_size=25)


@st.composite
def label_problems(draw: st.DrawFn, *, kinds: tuple[str, ...] = KINDS) -> LabelProblem:
    """Up to 6 labels and 25 samples; some predictions copy the truth, some do not.

    The vocabulary is a random part of the kind's pool. ``y_true`` draws from its first labels
    and ``y_pred`` from its last ones, so a label may appear only in ``y_true``, only in
    ``y_pred``, or in both.
    """
    kind = draw(st.sampled_from(kinds))
    vocabulary = draw(_ORDERS[kind])[: draw(_COUNTS)]
    true_part = vocabulary[: 1 + draw(_SMALL) % len(vocabulary)]
    pred_part = vocabulary[draw(_SMALL) % len(vocabulary) :]
    y_true: list[Any] = []
    y_pred: list[Any] = []
    for true_code, pred_code in draw(_CODE_PAIRS):
        truth = true_part[true_code % len(true_part)]
        y_true.append(truth)
        # A negative code means "predict the true label": it keeps a share of true positives.
        y_pred.append(truth if pred_code < 0 else pred_part[pred_code % len(pred_part)])
    return LabelProblem(kind, as_labels(y_true, kind), as_labels(y_pred, kind))


@st.composite
def problems_with_labels(
    draw: st.DrawFn, *, anchor_in_y_true: bool = False, kinds: tuple[str, ...] = KINDS
) -> LabelProblem:
    """A label problem with a ``labels`` argument: distinct labels in any order, maybe absent.

    With ``anchor_in_y_true``, at least one of them occurs in ``y_true`` (scikit-learn's
    ``confusion_matrix`` refuses a ``labels`` list with none).
    """
    problem = draw(label_problems(kinds=kinds))
    chosen = list(draw(_ORDERS[problem.kind])[: draw(_COUNTS)])
    if anchor_in_y_true and not set(chosen) & set(problem.y_true.tolist()):
        anchor = problem.y_true[draw(_SMALL) % problem.y_true.shape[0]].item()
        chosen.insert(draw(_SMALL) % (len(chosen) + 1), anchor)
    return replace(problem, labels=as_labels(chosen, problem.kind))


@st.composite
def binary_problems(draw: st.DrawFn, *, kinds: tuple[str, ...] = KINDS) -> LabelProblem:
    """Labels from a pair ``(negative, positive)``, with the positive one as ``pos_label``.

    Either label may be missing from the data, but ``pos_label`` is always one of the pair, so
    ``average="binary"`` is well defined.
    """
    kind = draw(st.sampled_from(kinds))
    negative, positive = draw(_ORDERS[kind])[:2]
    pairs = draw(_FLAG_PAIRS)
    y_true = [positive if truth else negative for truth, _ in pairs]
    y_pred = [positive if guess else negative for _, guess in pairs]
    return LabelProblem(kind, as_labels(y_true, kind), as_labels(y_pred, kind), pos_label=positive)


@st.composite
def zero_one_problems(draw: st.DrawFn) -> LabelProblem:
    """Integer labels 0 and 1, for the default ``pos_label=1``."""
    pairs = draw(_FLAG_PAIRS)
    y_true = [int(truth) for truth, _ in pairs]
    y_pred = [int(guess) for _, guess in pairs]
    return LabelProblem("int", as_labels(y_true, "int"), as_labels(y_pred, "int"))


@st.composite
def shuffled_problems(draw: st.DrawFn) -> LabelProblem:
    """A label problem with a permutation of its samples."""
    problem = draw(label_problems())
    permutation = draw(st.permutations(range(problem.y_true.shape[0])))
    return replace(problem, permutation=list(permutation))


@st.composite
def renamed_problems(draw: st.DrawFn) -> LabelProblem:
    """A label problem with a one-to-one renaming of its labels, into any kind's pool."""
    problem = draw(label_problems())
    present = problem.present
    kind = draw(st.sampled_from([k for k in KINDS if len(POOLS[k]) >= len(present)]))
    names = draw(_ORDERS[kind])
    return replace(problem, renaming={label: (kind, names[i]) for i, label in enumerate(present)})


def shuffle(problem: LabelProblem) -> LabelProblem:
    """``problem`` with its samples in the order of ``problem.permutation``."""
    assert problem.permutation is not None  # drawn by shuffled_problems
    order = np.asarray(problem.permutation, dtype=np.intp)
    return replace(problem, y_true=problem.y_true[order], y_pred=problem.y_pred[order], permutation=None)


def rename(problem: LabelProblem) -> LabelProblem:
    """``problem`` with every label replaced through ``problem.renaming``."""
    assert problem.renaming is not None  # drawn by renamed_problems
    kind = next(iter(problem.renaming.values()))[0]
    y_true = [problem.renaming[label][1] for label in problem.y_true.tolist()]
    y_pred = [problem.renaming[label][1] for label in problem.y_pred.tolist()]
    return LabelProblem(kind, as_labels(y_true, kind), as_labels(y_pred, kind))
