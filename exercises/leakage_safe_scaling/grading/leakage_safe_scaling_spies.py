"""Reading spy journals for the leakage checks of ``leakage_safe_scaling``.

A spy (``grader.spies.SpyTransformer`` / ``SpyEstimator``, kept in the judge; candidate code holds a
stand-in whose calls come back to it) journals every call
made on it or on any of its copies: the event, the copy's instance id, and the ``X`` and ``y`` it got.
These helpers turn a journal into facts the checks can state: which rows of ``X`` a scaler was
fitted on, and which journal record belongs to which fold (targets are distinct, so the ``y`` an
estimator received names the fold).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

Array = np.ndarray
Record = dict[str, Any]

FIT_EVENTS = ("fit", "fit_transform")


def spy_scaler(sandbox: Any, inner: str = "sklearn.preprocessing.StandardScaler") -> Any:
    """A journaling scikit-learn scaler, kept in the judge."""
    return _with_shared_journal(sandbox.build("grader.spies.SpyTransformer", inner=inner))


def spy_ridge(sandbox: Any) -> Any:
    """A journaling ``Ridge`` regressor, kept in the judge."""
    return _with_shared_journal(
        sandbox.build("grader.spies.SpyEstimator", inner="sklearn.linear_model.Ridge")
    )


def _with_shared_journal(spy: Any) -> Any:
    """Make the spy create its journal now, before candidate code copies it.

    A spy creates its journal lazily; a copy made before that would start a journal of its own,
    invisible from the original's handle. Reading ``journal_`` once creates it.
    """
    spy.journal_  # noqa: B018  (the read has the side effect we need)
    return spy


def fit_records(journal: Sequence[Record]) -> list[Record]:
    """The ``fit`` and ``fit_transform`` records, in call order."""
    return [record for record in journal if record["event"] in FIT_EVENTS]


def row_indices(rows: Any, X: Array) -> frozenset[int] | None:
    """The indices of ``X`` that ``rows`` holds, or None if some row is not a row of ``X``.

    Rows of ``X`` are distinct by construction, so each row names one index.
    """
    lookup = {tuple(row): index for index, row in enumerate(X.tolist())}
    array = np.asarray(rows, dtype=np.float64)
    if array.ndim != 2 or array.shape[1] != X.shape[1]:
        return None
    found = [lookup.get(tuple(row)) for row in array.tolist()]
    if any(index is None for index in found):
        return None
    return frozenset(index for index in found if index is not None)


def describe_rows(rows: frozenset[int], folds: Sequence[tuple[Array, Array]]) -> str:
    """Say how a set of row indices relates to the folds, for a failure message."""
    n_samples = sum(len(test) for _, test in folds)
    if len(rows) == n_samples:
        return f"all {n_samples} rows of X, every fold's test rows included"
    tests = [frozenset(test.tolist()) for _, test in folds]
    for fold, test in enumerate(tests):
        if rows == test:
            return f"the {len(rows)} test rows of fold {fold}"
    # Name the fold the rows were most likely meant to train, and what of its test fold they hold.
    fold = max(range(len(folds)), key=lambda i: len(rows - tests[i]) - len(rows & tests[i]))
    leaked = rows & tests[fold]
    if leaked:
        return f"{len(rows)} rows, {len(leaked)} of them test rows of fold {fold}"
    return f"{len(rows)} rows instead of the {len(folds[fold][0])} training rows of fold {fold}"


def record_for_targets(records: Sequence[Record], y: Array) -> Record | None:
    """The first record whose ``y`` holds exactly the values ``y`` (in any order)."""
    wanted = np.sort(np.asarray(y, dtype=np.float64))
    for record in records:
        got = record.get("y")
        if got is None:
            continue
        got = np.sort(np.asarray(got, dtype=np.float64).ravel())
        if got.shape == wanted.shape and np.array_equal(got, wanted):
            return record
    return None


def rows_in_target_order(record: Record, y: Array) -> Array:
    """The record's ``X`` with its rows reordered to follow the order of ``y``."""
    X = np.asarray(record["X"], dtype=np.float64)
    received = np.asarray(record["y"], dtype=np.float64).ravel()
    position = {value: index for index, value in enumerate(received.tolist())}
    return X[[position[value] for value in np.asarray(y, dtype=np.float64).tolist()]]
