"""Fitting both sides of a problem and comparing them stage by stage, with messages that diagnose.

The expected stages come from scikit-learn (``matches_sklearn``) or from the reference (the other
categories). When a stage differs, :func:`expect_stages` names the first stage that does and looks
for the usual reasons: the stages shifted by one, the first tree pushing away from ``y`` (the
residual's sign), or, for the classifier, leaves holding the mean residual instead of the Newton
step.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from gradient_boosting_problems import Problem
from sklearn.ensemble import GradientBoostingClassifier as SklearnClassifier
from sklearn.ensemble import GradientBoostingRegressor as SklearnRegressor

from grader.testing import CheckFailed, FloatArray, RemoteObject, brief, read_floats, read_number

RTOL = 1e-8
ATOL = 1e-10


def fit_candidate(candidate: Any, problem: Problem, X: Any = None, y: Any = None) -> Any:
    """The candidate's model of ``problem.kind`` with the problem's parameters, fitted."""
    cls = candidate.GradientBoostingRegressor if problem.kind == "regression" else candidate.GradientBoostingClassifier
    return cls(**problem.params).fit(problem.X if X is None else X, problem.y if y is None else y)


def fit_reference(reference: ModuleType, problem: Problem, X: Any = None, y: Any = None) -> Any:
    """The reference's model, fitted like :func:`fit_candidate`."""
    cls = reference.GradientBoostingRegressor if problem.kind == "regression" else reference.GradientBoostingClassifier
    return cls(**problem.params).fit(problem.X if X is None else X, problem.y if y is None else y)


def fit_sklearn(problem: Problem) -> Any:
    """scikit-learn's model with the same parameters (every feature, no sampling, fixed random_state)."""
    cls = SklearnRegressor if problem.kind == "regression" else SklearnClassifier
    return cls(**problem.params, subsample=1.0, max_features=None, random_state=0).fit(problem.X, problem.y)


def raw_method(kind: str) -> str:
    """The name of the staged raw-score method of a model of ``kind``."""
    return "staged_predict" if kind == "regression" else "staged_decision_function"


def read_stages(result: Any, n_stages: int, n_rows: int, *, what: str) -> list[FloatArray]:
    """Read an iterable of per-stage arrays of shape ``(n_rows,)``; the count must be ``n_stages``."""
    items = list(result) if isinstance(result, RemoteObject) else result
    if not isinstance(items, (list, tuple)):
        try:
            items = list(items)
        except TypeError:
            raise CheckFailed(
                f"{what} returned {brief(items)}; expected an iterable of arrays, one per stage"
            ) from None
    if len(items) != n_stages:
        raise CheckFailed(
            f"{what} gave {len(items)} arrays; expected {n_stages}, one per stage: the predictions after stage "
            f"1, 2, ..., n_estimators={n_stages} (not the initial prediction before the first tree)"
        )
    return [read_floats(item, what=f"{what}, stage {k + 1}", shape=(n_rows,)) for k, item in enumerate(items)]


def candidate_stages(model: Any, kind: str, X: Any, n_stages: int, *, what: str) -> list[FloatArray]:
    """The candidate's raw score after every stage on ``X``."""
    method = raw_method(kind)
    return read_stages(getattr(model, method)(X), n_stages, len(X), what=f"{what}.{method}(X)")


def trusted_stages(model: Any, kind: str, X: Any) -> list[FloatArray]:
    """A trusted model's (scikit-learn's or the reference's) raw scores after every stage."""
    return [np.ravel(np.asarray(stage, dtype=np.float64)) for stage in getattr(model, raw_method(kind))(X)]


def sklearn_init(model: Any, kind: str) -> float:
    """scikit-learn's initial raw prediction: the mean, or the log-odds of the prior."""
    if kind == "regression":
        return float(np.ravel(model.init_.constant_)[0])
    prior = float(model.init_.class_prior_[1])
    return float(np.log(prior / (1.0 - prior)))


def _close(actual: FloatArray, expected: FloatArray) -> bool:
    return bool(np.allclose(actual, expected, rtol=RTOL, atol=ATOL))


def _hint(actual: list[FloatArray], expected: list[FloatArray], stage: int, init: float, kind: str) -> str:
    """Why stage ``stage`` (0-based) may differ, from the usual mistakes."""
    previous = np.full_like(expected[0], init) if stage == 0 else expected[stage - 1]
    if _close(actual[stage], previous):
        return (
            " It equals the expected values one stage earlier: is the staged output off by one stage "
            "(the first array comes after the first tree)?"
        )
    if stage + 1 < len(expected) and _close(actual[stage], expected[stage + 1]):
        return " It equals the expected values one stage later: is the staged output off by one stage?"
    step = expected[stage] - previous
    taken = actual[stage] - previous
    if np.abs(step).max() > 1e-9 and _close(taken, -step):
        return (
            f" Stage {stage + 1} moves every prediction by minus the expected step: is the residual's sign "
            "flipped (the negative gradient is y - F, not F - y)?"
        )
    if kind == "classification" and stage == 0 and np.abs(step).max() > 1e-9:
        p = 1.0 / (1.0 + np.exp(-init))
        if _close(taken, step * p * (1.0 - p)):
            return (
                " Its leaf values are the mean residuals: the classifier's leaves hold one Newton step, "
                "sum(y - p) / sum(p * (1 - p))."
            )
    if stage == 0:
        return (
            " The first stage is the initial prediction (the mean, or the log-odds) plus learning_rate times "
            "the first tree, grown on the residuals."
        )
    return f" Stages 1 to {stage} agree: stage {stage + 1} adds learning_rate times a tree grown on the residuals."


def expect_stages(
    actual: list[FloatArray], expected: list[FloatArray], *, init: float, kind: str, what: str, source: str
) -> None:
    """Fail at the first stage whose values differ, with the row, both values and a hint."""
    for stage, (mine, theirs) in enumerate(zip(actual, expected, strict=True)):
        if _close(mine, theirs):
            continue
        bad = np.abs(mine - theirs) > ATOL + RTOL * np.abs(theirs)
        row = int(np.argmax(bad))
        raise CheckFailed(
            f"{what}: stage {stage + 1} of {len(expected)} differs from {source} first, at row {row}: "
            f"{mine[row]!r} instead of {theirs[row]!r} (stage {stage + 1}: {brief(mine)}; expected "
            f"{brief(theirs)}).{_hint(actual, expected, stage, init, kind)}"
        )


def expect_number(actual: Any, expected: float, *, what: str, source: str, hint: str = "") -> None:
    """A scalar attribute within the suite's tolerance."""
    value = read_number(actual, what=what)
    if not abs(value - expected) <= ATOL + RTOL * abs(expected):
        raise CheckFailed(f"{what} is {value!r}; {source} gives {expected!r}.{hint}")


def sigmoid(z: FloatArray) -> FloatArray:
    """The logistic function, without overflow."""
    e = np.exp(-np.abs(z))
    result: FloatArray = np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))
    return result
