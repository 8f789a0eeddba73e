"""Reading spy journals for the leakage checks of ``leakage_safe_scaling``.

A spy (``grader.testing.spy_transformer`` / ``spy_estimator``, kept in the judge; candidate code
holds a stand-in whose calls come back to it) journals every call made on it or on any of its
copies: the event, the copy's instance id, and the ``X`` and ``y`` it got. These helpers turn a
journal into facts the checks can state: which rows of ``X`` a scaler was fitted on, and which
journal record belongs to which fold (targets are distinct, so the ``y`` an estimator received
names the fold).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from leakage_safe_scaling_strategies import CVProblem
from sklearn.preprocessing import StandardScaler

from grader.testing import FloatArray, IntArray, records, spy_estimator, spy_transformer

Record = dict[str, Any]


def spy_scaler() -> Any:
    """A journaling scikit-learn ``StandardScaler``, kept in the judge."""
    return spy_transformer("sklearn.preprocessing.StandardScaler")


def spy_ridge() -> Any:
    """A journaling ``Ridge`` regressor, kept in the judge."""
    return spy_estimator("sklearn.linear_model.Ridge")


def run_with_spies(candidate: Any, problem: CVProblem) -> tuple[Any, Any]:
    """Call ``scaled_cross_val_score`` with a spy scaler and a spy Ridge; return both spies."""
    scaler, estimator = spy_scaler(), spy_ridge()
    candidate.scaled_cross_val_score(scaler, estimator, problem.X, problem.y, n_splits=problem.n_splits)
    return scaler, estimator


def describe_rows(rows: frozenset[int], folds: Sequence[tuple[IntArray, IntArray]]) -> str:
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


def record_for_targets(journal: Sequence[Record], y: FloatArray) -> Record | None:
    """The first record whose ``y`` holds exactly the values ``y`` (in any order)."""
    wanted = np.sort(np.asarray(y, dtype=np.float64))
    for record in journal:
        got = record.get("y")
        if got is None:
            continue
        received = np.sort(np.asarray(got, dtype=np.float64).ravel())
        if received.shape == wanted.shape and np.array_equal(received, wanted):
            return record
    return None


def rows_in_target_order(record: Record, y: FloatArray) -> FloatArray:
    """The record's ``X`` with its rows reordered to follow the order of ``y``."""
    X = np.asarray(record["X"], dtype=np.float64)
    received = np.asarray(record["y"], dtype=np.float64).ravel()
    position = {value: index for index, value in enumerate(received.tolist())}
    ordered: FloatArray = X[[position[value] for value in np.asarray(y, dtype=np.float64).tolist()]]
    return ordered


def estimator_calls(spy: Any, event: str) -> list[Record]:
    """The estimator spy's records of ``event`` (``"fit"``, ``"score"`` ...), in call order."""
    return records(spy.journal_, event)


def scaled_with_training_statistics(problem: CVProblem, fold: int) -> tuple[FloatArray, FloatArray]:
    """The fold's training and test rows, both scaled with the training rows' statistics."""
    train, test = problem.folds()[fold]
    scaler = StandardScaler().fit(problem.X[train])
    return scaler.transform(problem.X[train]), scaler.transform(problem.X[test])


def leak_diagnosis(received: FloatArray, problem: CVProblem, fold: int) -> str:
    """Explain wrongly scaled test rows when they match a known leaky recipe."""
    _, test = problem.folds()[fold]
    recipes = {
        "statistics of all rows of X (the data was scaled before splitting: the test fold "
        "leaked into the scaler)": StandardScaler().fit(problem.X).transform(problem.X[test]),
        "their own statistics, as if the scaler had been fitted on them": StandardScaler().fit_transform(
            problem.X[test]
        ),
    }
    for recipe, values in recipes.items():
        if received.shape == values.shape and np.allclose(received, values, rtol=1e-9, atol=1e-9):
            return f"they were scaled with {recipe}. "
    return ""
