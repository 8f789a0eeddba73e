"""Hypothesis strategies for the cross-validation suite: sizes, labels and data, valid by design.

Every strategy draws inputs on which the right answer is unambiguous: sizes with
``2 <= n_splits <= n_samples``, labels where at least one class has ``n_splits`` members, and
classification data whose every training fold holds both classes (so every estimator can be fitted,
by the candidate and by scikit-learn). Floats come from a seeded NumPy generator (Hypothesis draws
the seed), which is cheap: the sizes, not the values, make a split right or wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from hypothesis import strategies as st

LABEL_KINDS = ("int", "str", "float")
ORDERS = ("grouped", "interleaved", "random")


@dataclass(frozen=True)
class SplitSize:
    """A number of samples and a number of folds, ``2 <= n_splits <= n_samples``."""

    n_samples: int
    n_splits: int

    def __repr__(self) -> str:
        return f"n_samples={self.n_samples}, n_splits={self.n_splits}"


@dataclass(frozen=True)
class Labelled:
    """Class labels to stratify, with the number of folds to ask for."""

    y: npt.NDArray[Any]
    n_splits: int

    def __repr__(self) -> str:
        classes, counts = np.unique(self.y, return_counts=True)
        shown = ", ".join(f"{c!r}: {n}" for c, n in zip(classes.tolist(), counts.tolist(), strict=True))
        return f"n_splits={self.n_splits}, y={self.y.tolist()!r} (class sizes {{{shown}}})"


@dataclass(frozen=True)
class Dataset:
    """Features and targets for ``cross_val_score``, with the number of folds to use."""

    X: npt.NDArray[np.float64]
    y: npt.NDArray[Any]
    n_splits: int

    def __repr__(self) -> str:
        return f"X of shape {self.X.shape}, y={self.y.tolist()!r}, cv={self.n_splits}"


@st.composite
def split_sizes(draw: st.DrawFn, *, min_samples: int = 2, max_samples: int = 60, max_splits: int = 12) -> SplitSize:
    """``n_samples`` in ``[min_samples, max_samples]`` and ``n_splits`` in ``[2, n_samples]``."""
    n_samples = draw(st.integers(min_samples, max_samples))
    n_splits = draw(st.integers(2, min(n_samples, max_splits)))
    return SplitSize(n_samples, n_splits)


def _label_values(draw: st.DrawFn, kind: str, n_classes: int) -> list[Any]:
    """``n_classes`` distinct labels of one kind, in the order they will first appear."""
    if kind == "int":
        element: st.SearchStrategy[Any] = st.integers(-20, 20)
    elif kind == "str":
        element = st.text(alphabet="abcxyz", min_size=1, max_size=3)
    else:
        element = st.integers(-8, 8).map(lambda value: value / 4)
    return draw(st.lists(element, min_size=n_classes, max_size=n_classes, unique=True))


def _arrange(draw: st.DrawFn, class_of_sample: npt.NDArray[np.intp]) -> npt.NDArray[np.intp]:
    """Put samples (given as class numbers, grouped) in one of several orders of appearance."""
    order = draw(st.sampled_from(ORDERS))
    if order == "grouped":
        return class_of_sample
    if order == "interleaved":
        # Samples of each class take turns, so every class appears early.
        rank_in_class = np.concatenate([np.arange(n) for n in np.bincount(class_of_sample)])
        return class_of_sample[np.lexsort((class_of_sample, rank_in_class))]
    seed = draw(st.integers(0, 2**32 - 1))
    return np.random.default_rng(seed).permutation(class_of_sample)


@st.composite
def stratified_labels(
    draw: st.DrawFn,
    *,
    max_classes: int = 4,
    max_class_size: int = 25,
    max_splits: int = 6,
    kinds: tuple[str, ...] = LABEL_KINDS,
    small_class: bool = False,
    min_samples: int = 2,
) -> Labelled:
    """Labels of one kind in any order of appearance, where at least one class has ``n_splits``.

    With ``small_class=True`` at least one class has fewer than ``n_splits`` members.
    """
    n_splits = draw(st.integers(2, max_splits))
    n_classes = draw(st.integers(2 if small_class else 1, max_classes))
    big = draw(st.integers(n_splits, max(n_splits, max_class_size)))
    others = draw(st.lists(st.integers(1, max_class_size), min_size=n_classes - 1, max_size=n_classes - 1))
    if small_class:
        others[0] = draw(st.integers(1, n_splits - 1))
    counts = [big, *others]
    if sum(counts) < min_samples:
        counts[0] += min_samples - sum(counts)
    # The big class need not come first: rotate which class number gets which count.
    shift = draw(st.integers(0, n_classes - 1))
    counts = counts[shift:] + counts[:shift]
    class_of_sample = _arrange(draw, np.repeat(np.arange(n_classes), counts))
    # Class numbers follow first appearance; label values are drawn unsorted, so the order of
    # appearance and the sorted order of the labels differ.
    _, first = np.unique(class_of_sample, return_index=True)
    appearance = np.argsort(np.argsort(first))
    values = _label_values(draw, draw(st.sampled_from(kinds)), n_classes)
    y = np.array(values)[appearance[class_of_sample]]
    return Labelled(y=y, n_splits=n_splits)


def _both_classes_in_every_training_fold(y: npt.NDArray[np.int64], n_splits: int) -> bool:
    n_samples = len(y)
    sizes = np.full(n_splits, n_samples // n_splits)
    sizes[: n_samples % n_splits] += 1
    stops = np.cumsum(sizes)
    for start, stop in zip(stops - sizes, stops, strict=True):
        train = np.concatenate([y[:start], y[stop:]])
        if len(np.unique(train)) < 2:
            return False
    return True


@st.composite
def classification_data(
    draw: st.DrawFn,
    *,
    min_samples: int = 12,
    max_samples: int = 60,
    max_features: int = 4,
    max_splits: int = 6,
    n_features: int | None = None,
) -> Dataset:
    """Two noisy, overlapping classes; every unshuffled training fold holds both classes."""
    n_samples = draw(st.integers(min_samples, max_samples))
    n_splits = draw(st.integers(2, min(max_splits, n_samples)))
    p = n_features if n_features is not None else draw(st.integers(1, max_features))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = rng.normal(size=(n_samples, p))
    y = (X[:, 0] + rng.normal(size=n_samples) > 0).astype(np.int64)
    # Labels taking turns make every training fold hold both classes; keep the noisy labels when
    # they already do.
    if not _both_classes_in_every_training_fold(y, n_splits):
        y = np.arange(n_samples, dtype=np.int64) % 2
    return Dataset(X=X, y=y, n_splits=n_splits)


@st.composite
def regression_data(
    draw: st.DrawFn,
    *,
    min_samples: int = 8,
    max_samples: int = 60,
    max_features: int = 4,
    max_splits: int = 6,
) -> Dataset:
    """A noisy linear target; each training fold has at least as many rows as a ridge needs."""
    n_samples = draw(st.integers(min_samples, max_samples))
    n_splits = draw(st.integers(2, min(max_splits, n_samples // 2)))
    p = draw(st.integers(1, max_features))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = rng.normal(size=(n_samples, p))
    y = X @ rng.normal(size=p) + 0.5 * rng.normal(size=n_samples)
    return Dataset(X=X, y=y, n_splits=n_splits)


def tagged_rows(data: Dataset) -> Dataset:
    """The same data with a first column ``0, 1, 2, ...``: each row then says which sample it is."""
    tags = np.arange(len(data.y), dtype=np.float64)[:, np.newaxis]
    return Dataset(X=np.hstack([tags, data.X]), y=data.y, n_splits=data.n_splits)
