"""The worked examples of the statement, the default arguments, shapes and ``fit`` returning ``self``."""

from __future__ import annotations

import functools
from types import ModuleType
from typing import Any

import numpy as np
from gradient_boosting_checks import (
    ATOL,
    RTOL,
    candidate_stages,
    expect_number,
    expect_stages,
    fit_reference,
    trusted_stages,
)
from gradient_boosting_problems import Problem, make_problem

from grader.testing import CheckFailed, expect_close, expect_equal, points, read_floats, same_object

EXAMPLE_X = np.array([[1.0], [2.0], [3.0], [4.0], [5.0], [6.0]])
EXAMPLE_Y = np.array([1.0, 1.2, 1.1, 3.0, 3.3, 2.9])
EXAMPLE_CLASS_X = np.arange(1.0, 8.0).reshape(-1, 1)
EXAMPLE_CLASS_Y = np.array(["no", "no", "no", "yes", "no", "yes", "yes"])
EXAMPLE_PARAMS = {"n_estimators": 2, "learning_rate": 0.5, "max_depth": 1}


@functools.cache
def default_problem(kind: str) -> Problem:
    """A problem with one right answer under the default parameters (100 trees of depth 3)."""
    return make_problem(kind, 40, 3, 100, 0.1, 3, 1, seed=2026)


@points(2, category="matches_reference")
def test_regressor_worked_example(candidate: Any) -> None:
    model = candidate.GradientBoostingRegressor(**EXAMPLE_PARAMS).fit(EXAMPLE_X, EXAMPLE_Y)
    what = "the worked example GradientBoostingRegressor(n_estimators=2, learning_rate=0.5, max_depth=1)"
    expect_number(
        model.init_raw_prediction_, 2.0833333333333335, what=f"{what}.init_raw_prediction_", source="the statement"
    )
    rows = [[2.5], [4.5]]
    expected = [np.array([1.5916666666666668, 2.5750000000000002]), np.array([1.3458333333333334, 2.8208333333333333])]
    expect_stages(
        candidate_stages(model, "regression", rows, 2, what=what),
        expected,
        init=2.0833333333333335,
        kind="regression",
        what=f"{what}.staged_predict([[2.5], [4.5]])",
        source="the statement",
    )
    expect_close(model.train_score_, [0.25951388888888893, 0.07821180555555557], what=f"{what}.train_score_", rtol=RTOL)


@points(2, category="matches_reference")
def test_classifier_worked_example(candidate: Any) -> None:
    model = candidate.GradientBoostingClassifier(**EXAMPLE_PARAMS).fit(EXAMPLE_CLASS_X, EXAMPLE_CLASS_Y)
    what = "the worked example GradientBoostingClassifier(n_estimators=2, learning_rate=0.5, max_depth=1)"
    expect_equal(model.classes_, np.array(["no", "yes"]), what=f"{what}.classes_", source="the statement")
    init = float(np.log(3.0 / 4.0))
    expect_number(model.init_raw_prediction_, init, what=f"{what}.init_raw_prediction_", source="the statement")
    rows = [[2.0], [6.5]]
    expected = [np.array([init - 0.5 * 1.75, init + 0.5 * 1.3125]), np.array([-1.5989594774862398, 1.2144300355225094])]
    expect_stages(
        candidate_stages(model, "classification", rows, 2, what=what),
        expected,
        init=init,
        kind="classification",
        what=f"{what}.staged_decision_function([[2.0], [6.5]])",
        source="the statement",
    )
    expect_close(
        model.predict_proba(rows),
        np.array([[0.8319, 0.1681], [0.2289, 0.7711]]),
        what=f"{what}.predict_proba({rows})",
        rtol=0.0,
        atol=5e-5,
        source="the statement",
    )
    expect_equal(model.predict(rows), np.array(["no", "yes"]), what=f"{what}.predict({rows})", source="the statement")


def _expect_default_model(candidate: Any, reference: ModuleType, kind: str) -> None:
    problem = default_problem(kind)
    name = "GradientBoostingRegressor" if kind == "regression" else "GradientBoostingClassifier"
    model = getattr(candidate, name)().fit(problem.X, problem.y)
    expected = fit_reference(reference, problem)
    for rows in (problem.X, problem.nudged()):
        expect_stages(
            candidate_stages(model, kind, rows, 100, what=f"{name}()"),
            trusted_stages(expected, kind, rows),
            init=expected.init_raw_prediction_,
            kind=kind,
            what=f"{name}() (defaults n_estimators=100, learning_rate=0.1, max_depth=3, min_samples_leaf=1)",
            source="the reference",
        )


@points(1, category="matches_reference")
def test_regressor_default_arguments(candidate: Any, reference: ModuleType) -> None:
    _expect_default_model(candidate, reference, "regression")


@points(1, category="matches_reference")
def test_classifier_default_arguments(candidate: Any, reference: ModuleType) -> None:
    _expect_default_model(candidate, reference, "classification")


@points(1, category="matches_reference")
def test_fit_returns_self_and_outputs_have_the_stated_shapes(candidate: Any, reference: ModuleType) -> None:
    for kind, name in (("regression", "GradientBoostingRegressor"), ("classification", "GradientBoostingClassifier")):
        problem = make_problem(kind, 30, 2, 5, 0.3, 2, 1, seed=11)
        n_rows, y = problem.X.shape[0], problem.y
        model = getattr(candidate, name)(**problem.params)
        fitted = model.fit(problem.X, y)
        if not same_object(fitted, model):
            raise CheckFailed(f"{name}.fit(X, y) returned {fitted!r}, not the model itself (fit returns self)")
        expected = getattr(reference, name)(**problem.params).fit(problem.X, y)
        method = "predict" if kind == "regression" else "decision_function"
        # Right shapes are what random values have too: the values must be the reference's.
        expect_close(
            read_floats(getattr(model, method)(problem.X), what=f"{name}.{method}(X)", shape=(n_rows,)),
            getattr(expected, method)(problem.X),
            what=f"{name}.{method}(X)",
            rtol=RTOL,
            atol=ATOL,
        )
        read_floats(model.train_score_, what=f"{name}.train_score_", shape=(problem.n_estimators,))
        expect_equal(model.n_features_in_, 2, what=f"{name}.n_features_in_", source="the number of columns of X")
    proba = read_floats(
        model.predict_proba(problem.X), what="GradientBoostingClassifier.predict_proba(X)", shape=(n_rows, 2)
    )
    expect_close(
        proba,
        expected.predict_proba(problem.X),
        what="GradientBoostingClassifier.predict_proba(X)",
        rtol=RTOL,
        atol=ATOL,
    )
