"""The candidate's outputs on small fixed inputs, for the pictures of the visual report.

For some exercises the HTML report draws what the candidate's code does on a fixed input beside what
trusted code (the reference, scikit-learn) does on the same input. This module owns those inputs and
collects the candidate's side: it calls the candidate through a sandboxed worker (the same isolation
as grading, through ``grader.judge.open_session``), keeps only plain numbers of the expected shapes,
and stores them in ``ExerciseResult.showcase``. The trusted side is computed when the figure is drawn
(``grader.plots``), from the same input functions, so the report carries no trusted data.

A showcase never changes a score and never raises: anything that goes wrong (not implemented, a
timeout, a handle where an array was expected) is kept as ``{"error": "..."}`` and shown as text.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from grader.core import sanitize
from grader.core.errors import CandidateFault, CandidateRaised, GraderError, NotImplementedFault
from grader.core.exercises import Exercise, find
from grader.core.results import GRADED, GradeReport
from grader.grading.proxy import RemoteObject, Trusted
from grader.grading.submission import ExerciseSource, Submission

# Bumped whenever an input below changes, so a figure never pairs old candidate data with new input.
INPUT_VERSION = 2
BUDGET_SECONDS = 60.0
GRID_SIDE = 30
N_FOLDS = 5


class ShowcaseError(Exception):
    """The candidate's output cannot be drawn; the message says why."""


# ----------------------------------------------------------------------------- fixed inputs


def kmeans_input() -> np.ndarray:
    """Three separated 2-D blobs, 150 points in shuffled order; the first three rows start Lloyd's."""
    rng = np.random.default_rng(20261121)
    centres = np.array([[0.0, 0.0], [6.0, 1.0], [2.5, 5.5]])
    X = np.concatenate([rng.normal(centre, 1.0, size=(50, 2)) for centre in centres])
    return np.asarray(X[rng.permutation(len(X))], dtype=np.float64)


def logistic_input() -> tuple[np.ndarray, np.ndarray]:
    """Two overlapping 2-D Gaussian classes (labels 0 and 1), 120 points."""
    rng = np.random.default_rng(7)
    X = np.concatenate([rng.normal([-1.0, -0.5], 1.1, size=(60, 2)), rng.normal([1.2, 0.8], 1.1, size=(60, 2))])
    y = np.repeat([0, 1], 60)
    order = rng.permutation(len(X))
    return X[order], y[order]


def boundary_grid(X: np.ndarray, side: int = GRID_SIDE) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A ``side`` x ``side`` grid over ``X``'s range plus a margin: ``(xs, ys, points)``."""
    low, high = X.min(axis=0) - 1.0, X.max(axis=0) + 1.0
    xs, ys = np.linspace(low[0], high[0], side), np.linspace(low[1], high[1], side)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()])


def metrics_input() -> tuple[np.ndarray, np.ndarray]:
    """True and predicted labels of 90 animals, three classes, about 70% right."""
    rng = np.random.default_rng(11)
    classes = np.array(["cat", "dog", "fox"])
    y_true = classes[rng.integers(0, 3, size=90)]
    wrong = rng.random(90) < 0.3
    y_pred = np.where(wrong, classes[rng.integers(0, 3, size=90)], y_true)
    return y_true, y_pred


def folds_input() -> tuple[np.ndarray, np.ndarray]:
    """A three-class problem of 147 samples, 4 features on different scales, drifting along the rows.

    Chosen so that the usual mistakes change the per-fold scores: 147 is not a multiple of 5 (a lost
    or misplaced remainder shows), the classes (61, 47, 39) do not divide evenly either, and the
    drift makes unshuffled folds differ, so that scaling with the test rows (leakage) moves a score.
    """
    rng = np.random.default_rng(5)
    y = np.concatenate([np.full(count, label) for label, count in enumerate((61, 47, 39))])
    y = y[rng.permutation(len(y))]
    X = rng.normal(size=(len(y), 4)) + y[:, None] * np.array([1.2, 0.9, 0.6, 0.0])
    X += np.linspace(0.0, 4.0, len(y))[:, None] * np.array([1.0, -1.0, 0.5, 2.0])
    X *= np.array([1.0, 10.0, 100.0, 0.1])
    return X, y


# Trusted objects built inside the worker for the fold-score pictures, and their judge-side twins.
FOLDS_ESTIMATOR: tuple[str, dict[str, Any]] = ("sklearn.tree.DecisionTreeClassifier",
                                                {"max_depth": 3, "random_state": 0})
SCALING_ESTIMATOR: tuple[str, dict[str, Any]] = ("sklearn.linear_model.LogisticRegression",
                                                  {"C": 0.1, "max_iter": 1000})
SCALING_SCALER: tuple[str, dict[str, Any]] = ("sklearn.preprocessing.StandardScaler", {})


# ----------------------------------------------------------------------------- candidate side


def _array(value: Any, shape: tuple[int, ...], what: str, kind: str = "f") -> np.ndarray:
    """``value`` (untrusted) as a float array of ``shape``; with ``kind="i"``, whole numbers only."""
    if isinstance(value, RemoteObject):
        raise ShowcaseError(f"{what} is a {value._type} object, not an array")
    if not isinstance(value, (np.ndarray, list, tuple, np.generic, int, float)):
        raise ShowcaseError(f"{what} is a {type(value).__name__}, not an array")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ShowcaseError(f"{what} is not numeric") from None
    if array.shape != shape:
        raise ShowcaseError(f"{what} has shape {array.shape}; expected {shape}")
    if kind == "i" and not np.all(np.isfinite(array) & (array == np.round(array))):
        raise ShowcaseError(f"{what} holds values that are not integers")
    return array


def _numbers(array: np.ndarray, kind: str = "f") -> Any:
    if kind == "i":
        return array.astype(np.int64).tolist()
    # Six significant digits: enough to draw, small in the JSON; NaN/inf become None (JSON has none).
    return [_numbers(row) for row in array] if array.ndim > 1 else [
        float(f"{v:.6g}") if np.isfinite(v) else None for v in array.tolist()]


def _kmeans(candidate: Any) -> dict[str, Any]:
    X = kmeans_input()
    model = candidate.KMeans(n_clusters=3, init=X[:3].copy(), random_state=0)
    model.fit(X)
    labels = _array(model.labels_, (len(X),), "KMeans.labels_", "i")
    centres = _array(model.cluster_centers_, (3, 2), "KMeans.cluster_centers_")
    return {"labels": _numbers(labels, "i"), "centres": _numbers(centres)}


def _logistic(candidate: Any) -> dict[str, Any]:
    X, y = logistic_input()
    model = candidate.LogisticRegression(C=1.0)
    model.fit(X, y)
    _, _, grid = boundary_grid(X)
    decision = _array(model.decision_function(grid), (len(grid),), "LogisticRegression.decision_function(grid)")
    return {"decision": _numbers(decision)}


def _metrics(candidate: Any) -> dict[str, Any]:
    y_true, y_pred = metrics_input()
    matrix = _array(candidate.confusion_matrix(y_true, y_pred), (3, 3), "confusion_matrix(y_true, y_pred)", "i")
    return {"matrix": _numbers(matrix, "i")}


def trusted_object(candidate: Any, path: str, params: dict[str, Any]) -> Any:
    """``path(**params)`` where the candidate's code runs: built in the worker, or here without one."""
    if isinstance(candidate, RemoteObject):
        return Trusted(path, (), params)
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)(**params)


def _folds(candidate: Any) -> dict[str, Any]:
    X, y = folds_input()
    kfold = candidate.cross_val_score(trusted_object(candidate, *FOLDS_ESTIMATOR), X, y, cv=N_FOLDS)
    splitter = candidate.StratifiedKFold(n_splits=N_FOLDS)
    stratified = candidate.cross_val_score(trusted_object(candidate, *FOLDS_ESTIMATOR), X, y, cv=splitter)
    return {"kfold": _numbers(_array(kfold, (N_FOLDS,), "cross_val_score(..., cv=5)")),
            "stratified": _numbers(_array(stratified, (N_FOLDS,), "cross_val_score(..., cv=StratifiedKFold(5))"))}


def _scaling(candidate: Any) -> dict[str, Any]:
    X, y = folds_input()
    scaler = trusted_object(candidate, *SCALING_SCALER)
    estimator = trusted_object(candidate, *SCALING_ESTIMATOR)
    scores = candidate.scaled_cross_val_score(scaler, estimator, X, y, n_splits=N_FOLDS)
    return {"scores": _numbers(_array(scores, (N_FOLDS,), "scaled_cross_val_score(..., n_splits=5)"))}


SHOWCASES: dict[str, Callable[[Any], dict[str, Any]]] = {
    "kmeans": _kmeans,
    "logistic_regression": _logistic,
    "classification_metrics": _metrics,
    "cross_validation": _folds,
    "leakage_safe_scaling": _scaling,
}


def run(slug: str, candidate: Any) -> dict[str, Any]:
    """The showcase data of exercise ``slug`` from the candidate module (or its proxy); never raises."""
    try:
        data = SHOWCASES[slug](candidate)
    except ShowcaseError as error:
        data = {"error": str(error)}
    except (NotImplementedError, NotImplementedFault):
        data = {"error": "not implemented"}
    except CandidateRaised as error:
        data = {"error": f"candidate code raised {error.remote_type}: {str(error)[:300]}"}
    except CandidateFault as fault:
        data = {"error": str(fault)[:300]}
    except Exception as error:  # a picture is optional; it must never stop a report
        data = {"error": f"{type(error).__name__}: {str(error)[:300]}"}
    return {"input": INPUT_VERSION, **data}


def collect(exercise: Exercise, source: ExerciseSource, isolation: str = "auto") -> dict[str, Any]:
    """Run exercise's showcase against the candidate file ``source`` in a fresh sandboxed worker."""
    from grader.grading.judge import open_session, resolve_isolation  # imports pytest: only when collecting

    if exercise.slug not in SHOWCASES or source.path is None:
        return {}
    limited = dataclasses.replace(exercise, budget_seconds=min(exercise.budget_seconds, BUDGET_SECONDS))
    session = open_session(limited, source.path, source.kind, resolve_isolation(isolation))
    try:
        try:
            module = session.module
        except CandidateFault as fault:
            return {"input": INPUT_VERSION, "error": str(fault)[:300]}
        return run(exercise.slug, module)
    finally:
        session.close()


def attach(report: GradeReport, path: Path, isolation: str = "auto") -> None:
    """Fill ``showcase`` for every graded exercise of ``report`` that has one (``path``: the submission).

    Exercises that were not graded (not submitted, import error, forbidden import) get none: their
    code is not run again.
    """
    wanted = [result for result in report.exercises if result.slug in SHOWCASES and result.status == GRADED]
    if not wanted:
        return
    try:
        with Submission(path) as submission:
            for result in wanted:
                exercise = find(result.slug)
                result.showcase = collect(exercise, submission.source_for(result.slug, exercise.stub_path), isolation)
    except GraderError as error:
        for result in wanted:
            result.showcase = {"input": INPUT_VERSION, "error": str(error)[:300]}
    for result in wanted:  # an error message quotes candidate code: candidate text, cleaned like the rest
        result.showcase = sanitize.clean_strings(result.showcase, 300)
