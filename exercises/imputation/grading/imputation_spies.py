"""Running ``imputed_cross_val_score`` with journaling spies, and reading their journals.

The imputer spy wraps scikit-learn's mean ``SimpleImputer``, the estimator spy a ``Ridge``; both stay
in the judge. Targets are distinct, so the ``y`` an estimator call received names its fold; the
rows an imputer was fitted on are matched to rows of ``X`` with NaN compared as equal.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
from imputation_checks import nan_safe_key
from imputation_strategies import CVProblem

from grader.testing import FloatArray, records, spy_estimator, spy_transformer

Record = dict[str, Any]


def run_with_spies(candidate: Any, problem: CVProblem) -> tuple[Any, Any]:
    """Call ``imputed_cross_val_score`` with a spy imputer and a spy Ridge; return both spies."""
    imputer, estimator = spy_transformer("sklearn.impute.SimpleImputer"), spy_estimator("sklearn.linear_model.Ridge")
    candidate.imputed_cross_val_score(imputer, estimator, problem.X, problem.y, cv=problem.cv)
    return imputer, estimator


def row_keys(rows: Any) -> Counter[tuple[float | None, ...]]:
    """The rows as a multiset of NaN-safe keys (equal rows, NaN included, count together)."""
    return Counter(nan_safe_key(row) for row in np.asarray(rows, dtype=np.float64))


def record_for_targets(journal: list[Record], event: str, y: FloatArray) -> Record | None:
    """The first ``event`` record whose ``y`` holds exactly the values ``y`` (in any order)."""
    wanted = np.sort(np.asarray(y, dtype=np.float64))
    for record in records(journal, event):
        got = record.get("y")
        if got is None:
            continue
        received = np.sort(np.asarray(got, dtype=np.float64).ravel())
        if received.shape == wanted.shape and np.array_equal(received, wanted):
            return record
    return None


def in_target_order(record: Record, y: FloatArray) -> FloatArray:
    """The record's ``X`` with its rows reordered to follow the order of ``y``."""
    X = np.asarray(record["X"], dtype=np.float64)
    position = {value: i for i, value in enumerate(np.asarray(record["y"], dtype=np.float64).ravel().tolist())}
    ordered: FloatArray = X[[position[value] for value in np.asarray(y, dtype=np.float64).tolist()]]
    return ordered
