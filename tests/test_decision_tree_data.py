"""The decision-tree suite's tie finder: its running-sum version agrees with a plain loop over thresholds.

The suite keeps only problems whose tree is unambiguous (``decision_tree_data.is_unambiguous``); the
fast version must keep exactly the problems the plain definition keeps, or the examples would change.
"""

from __future__ import annotations

import importlib
import itertools
import sys
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from tests.helpers import ROOT

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


@pytest.fixture(scope="module")
def data() -> ModuleType:
    sys.path.insert(0, str(ROOT / "exercises" / "decision_tree" / "grading"))
    try:
        return importlib.import_module("decision_tree_data")
    finally:
        sys.path.pop(0)


def _plain_ambiguity(
    data: ModuleType, X: FloatArray, targets: FloatArray, criterion: str, params: Any, ok: bool
) -> float:
    """The definition, one candidate threshold at a time."""
    smallest = np.inf
    stack = [(np.arange(X.shape[0]), 0)]
    while stack:
        rows, depth = stack.pop()
        m, node = rows.shape[0], targets[rows]
        if (params.max_depth is not None and depth >= params.max_depth) or m < params.min_samples_split:
            continue
        if np.all(node == node[0]):
            continue
        parent = m * data._impurity(node, criterion)
        candidates = []
        for feature in range(X.shape[1]):
            for low, high in itertools.pairwise(np.unique(X[rows, feature])):
                left = X[rows, feature] <= (low + high) / 2.0
                n_left = int(left.sum())
                if min(n_left, m - n_left) < params.min_samples_leaf:
                    continue
                weighted = n_left * data._impurity(node[left], criterion)
                weighted += (m - n_left) * data._impurity(node[~left], criterion)
                candidates.append((parent - weighted, left))
        if not candidates:
            continue
        candidates.sort(key=lambda c: -c[0])
        best_gain, best_left = candidates[0]
        rivals = [c for c in candidates[1:] if not (ok and data._same_sets(c[1], best_left))]
        if rivals:
            smallest = min(smallest, (best_gain - rivals[0][0]) / parent)
        if params.min_impurity_decrease > 0:
            n_total = X.shape[0]
            smallest = min(smallest, abs(best_gain / n_total - params.min_impurity_decrease) * n_total / parent)
            if best_gain / n_total < params.min_impurity_decrease:
                continue
        stack += [(rows[best_left], depth + 1), (rows[~best_left], depth + 1)]
    return float(smallest)


def test_the_fast_tie_finder_agrees_with_the_plain_loop(data: ModuleType) -> None:
    rng = np.random.default_rng(0)
    kept = 0
    for trial in range(240):
        m, n_features = int(rng.integers(2, 50)), int(rng.integers(1, 4))
        X = data.grid_values(rng, (m, n_features))
        if trial % 3 == 0:
            X = np.round(X)  # many repeated values: equal gains and equal partitions
        criterion = ("gini", "entropy", "squared_error")[trial % 3]
        if criterion == "squared_error":
            targets = (np.round(rng.standard_normal(m) * 192) / 64)[:, None]
        else:
            targets = data.one_hot(rng.integers(0, int(rng.integers(2, 4)), m))
        params = data.Params(
            max_depth=(None, 2, 4)[trial % 3] if trial % 7 else None,
            min_samples_split=int(rng.integers(2, 6)),
            min_samples_leaf=int(rng.integers(1, 4)),
            min_impurity_decrease=(0.0, 0.01)[trial % 2],
        )
        for ok in (False, True):
            plain = _plain_ambiguity(data, X, targets, criterion, params, ok)
            fast = data.ambiguity(X, targets, criterion, params, same_partition_ok=ok)
            assert fast == pytest.approx(plain, rel=1e-9, abs=1e-12), (trial, ok)
            early = data.ambiguity(X, targets, criterion, params, same_partition_ok=ok, enough_below=data.MARGIN)
            assert (early > data.MARGIN) == (plain > data.MARGIN), (trial, ok)
            kept += plain > data.MARGIN
    assert 0 < kept < 480, "the cases must include both kept and rejected problems"
