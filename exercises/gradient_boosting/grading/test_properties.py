"""Invariants of boosting that any correct implementation has, checked on its own outputs."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from gradient_boosting_checks import (
    ATOL,
    RTOL,
    candidate_stages,
    expect_stages,
    fit_candidate,
    fit_reference,
    read_stages,
    sigmoid,
    trusted_stages,
)
from gradient_boosting_problems import NUDGE, Problem, make_problem, problems
from hypothesis import given
from hypothesis import strategies as st

from grader.testing import CheckFailed, expect_close, expect_equal, points, read_array, read_floats, without_shrinking

KINDS = st.sampled_from(["regression", "classification"])
# (label for y == 0, label for y == 1); sorting decides which one is positive.
LABEL_PAIRS: list[tuple[object, object]] = [("no", "yes"), (-1, 1), (False, True), ("spam", "ham"), (7, 3)]


def _full(model: Any, kind: str, X: Any, what: str) -> np.ndarray:
    method = "predict" if kind == "regression" else "decision_function"
    return read_floats(getattr(model, method)(X), what=f"{what}.{method}(X)", shape=(len(X),))


@points(2, category="properties")
@without_shrinking(10)
@given(kind=KINDS, data=st.data())
def test_the_last_stage_is_the_full_prediction_and_there_is_one_array_per_stage(
    candidate: Any, reference: ModuleType, kind: str, data: st.DataObject
) -> None:
    problem = data.draw(problems(kind))
    model = fit_candidate(candidate, problem)
    stages = candidate_stages(model, kind, problem.X, problem.n_estimators, what=problem.call)
    method = "staged_predict" if kind == "regression" else "staged_decision_function"
    expect_close(
        _full(model, kind, problem.X, problem.call),
        stages[-1],
        what=f"{problem.call}: the full prediction",
        rtol=1e-12,
        atol=1e-12,
        source=f"the last stage of {method}(X)",
    )
    # The same count and last stage are what a model off by one stage or a wrong model can have too.
    expected = fit_reference(reference, problem)
    expect_stages(
        stages,
        trusted_stages(expected, kind, problem.X),
        init=expected.init_raw_prediction_,
        kind=kind,
        what=f"{problem.call}.{method}(X)",
        source="the reference",
    )


@points(2, category="properties")
@without_shrinking(10)
@given(kind=KINDS, data=st.data())
def test_train_score_is_the_loss_of_the_staged_predictions(
    candidate: Any, reference: ModuleType, kind: str, data: st.DataObject
) -> None:
    problem = data.draw(problems(kind))
    model = fit_candidate(candidate, problem)
    stages = np.array(candidate_stages(model, kind, problem.X, problem.n_estimators, what=problem.call))
    y = np.asarray(problem.y, dtype=np.float64)
    if kind == "regression":
        loss, name = np.mean((y - stages) ** 2, axis=1), "mean((y - F_m(X))**2)"
    else:
        loss, name = (
            2.0 * np.mean(np.logaddexp(0.0, stages) - y * stages, axis=1),
            "2 * mean(log(1 + exp(F_m)) - y * F_m)",
        )
    scores = read_floats(model.train_score_, what=f"{problem.call}.train_score_", shape=(problem.n_estimators,))
    expect_close(
        scores,
        loss,
        what=f"{problem.call}.train_score_",
        rtol=1e-9,
        atol=1e-12,
        source=f"{name} from the model's own staged predictions, stage by stage (after each stage, not before)",
    )
    expect_close(scores, fit_reference(reference, problem).train_score_, what=f"{problem.call}.train_score_", rtol=RTOL)


@points(2, category="properties")
@without_shrinking(10)
@given(problem=problems("classification"))
def test_probabilities_are_the_sigmoid_of_the_decision_function(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    model = fit_candidate(candidate, problem)
    rows = np.vstack([problem.X, problem.nudged()])
    decision = _full(model, "classification", rows, problem.call)
    # Probabilities that fit random decision values are worth nothing: the decision values must be right.
    expect_close(
        decision,
        fit_reference(reference, problem).decision_function(rows),
        what=f"{problem.call}.decision_function(X)",
        rtol=RTOL,
        atol=ATOL,
    )
    proba = read_floats(model.predict_proba(rows), what=f"{problem.call}.predict_proba(X)", shape=(len(rows), 2))
    expected = sigmoid(decision)
    expect_close(
        proba,
        np.column_stack([1.0 - expected, expected]),
        what=f"{problem.call}.predict_proba(X)",
        rtol=1e-9,
        atol=1e-12,
        source=(
            "[1 - sigmoid(F), sigmoid(F)] with F = decision_function(X) (the raw score is log-odds, not a probability)"
        ),
    )
    clear = np.abs(decision) > 1e-9
    expect_equal(
        np.asarray(model.predict(rows))[clear],
        np.asarray(model.classes_)[(decision[clear] > 0).astype(int)],
        what=f"{problem.call}.predict(X)",
        source="classes_[1] where decision_function(X) > 0, classes_[0] elsewhere",
    )


@points(2, category="properties")
@without_shrinking(10)
@given(problem=problems("classification"), pair=st.sampled_from(LABEL_PAIRS))
def test_labels_of_any_type_and_swapping_the_positive_class_negates_the_scores(
    candidate: Any, problem: Problem, pair: tuple[object, object]
) -> None:
    base = fit_candidate(candidate, problem)
    labels = np.where(problem.y == 1, np.array([pair[1]]), np.array([pair[0]]))
    relabelled = fit_candidate(candidate, problem, y=labels)
    classes = np.unique(labels)
    expect_equal(
        relabelled.classes_,
        classes,
        what=f"classes_ after fit with labels {sorted(set(labels.tolist()))}",
        source="the two labels, sorted",
    )
    sign = 1.0 if classes[1] == pair[1] else -1.0
    what = f"{problem.call}.decision_function(X) with y relabelled {{0: {pair[0]!r}, 1: {pair[1]!r}}}"
    expect_close(
        relabelled.decision_function(problem.X),
        sign * _full(base, "classification", problem.X, problem.call),
        what=what,
        rtol=RTOL,
        atol=ATOL,
        source=(
            f"{'' if sign > 0 else '-1 x '}the scores with labels 0 and 1 (classes_[1], the larger label, is positive)"
        ),
    )
    predicted = np.asarray(relabelled.predict(problem.X))
    if not set(predicted.tolist()) <= set(classes.tolist()):
        raise CheckFailed(
            f"{problem.call}.predict(X) returned labels {sorted(set(map(str, predicted.tolist())))}; "
            f"expected labels from {classes.tolist()}"
        )


@points(2, category="properties")
@without_shrinking(10)
@given(problem=problems("regression"), shift=st.sampled_from([-50.0, 3.5, 1000.0]), scale=st.sampled_from([0.5, 4.0]))
def test_shifting_and_scaling_y_shifts_and_scales_the_predictions(
    candidate: Any, problem: Problem, shift: float, scale: float
) -> None:
    base = _full(fit_candidate(candidate, problem), "regression", problem.X, problem.call)
    y = np.asarray(problem.y, dtype=np.float64)
    moved = fit_candidate(candidate, problem, y=scale * y + shift)
    expect_close(
        _full(moved, "regression", problem.X, problem.call),
        scale * base + shift,
        what=f"{problem.call}.fit(X, {scale:g} * y + {shift:g}).predict(X)",
        rtol=1e-7,
        atol=1e-7 * (1.0 + abs(shift)),
        source=(
            f"{scale:g} * predict(X) + {shift:g} for the model of y "
            "(boosting starts from the mean of y and fits residuals)"
        ),
    )


@points(2, category="properties")
@without_shrinking(10)
@given(kind=KINDS, data=st.data())
def test_rows_near_a_training_row_are_predicted_like_it(candidate: Any, kind: str, data: st.DataObject) -> None:
    problem = data.draw(problems(kind))
    model = fit_candidate(candidate, problem)
    on_training = _full(model, kind, problem.X, problem.call)
    nudged = problem.nudged()
    expect_close(
        _full(model, kind, nudged, problem.call),
        on_training,
        what=f"{problem.call}: predictions for the training rows moved by +-{NUDGE:g} in every feature",
        rtol=1e-12,
        atol=1e-12,
        source=(
            "the predictions for the training rows themselves: the features take values k/4, every threshold lies "
            "halfway between two of them (the midpoint), so a row moved by 0.1 stays on the same side of every "
            "threshold"
        ),
    )


@points(2, category="properties")
@without_shrinking(8)
@given(kind=KINDS, data=st.data())
def test_fitting_again_on_other_data_gives_the_second_fit_s_model(
    candidate: Any, reference: ModuleType, kind: str, data: st.DataObject
) -> None:
    problem = data.draw(problems(kind))
    first = make_problem(kind, 25, 4 - problem.X.shape[1], 3, 0.5, 2, 1, seed=problem.seed // 2 + 1)
    model = fit_candidate(
        candidate, problem, X=first.X, y=first.y if kind == "regression" else np.where(first.y == 1, "b", "a")
    )
    model.fit(problem.X, problem.y)
    what = f"{problem.call}: fit on other data ({first.X.shape[1]} features), then fit(X, y)"
    if kind == "classification":
        expect_equal(model.classes_, np.array([0, 1]), what=f"{what}; classes_", source="the labels of the second fit")
    method = "staged_predict" if kind == "regression" else "staged_decision_function"
    expected = fit_reference(reference, problem)
    expect_stages(
        read_stages(
            getattr(model, method)(problem.X), problem.n_estimators, len(problem.X), what=f"{what}; {method}(X)"
        ),
        trusted_stages(expected, kind, problem.X),
        init=expected.init_raw_prediction_,
        kind=kind,
        what=f"{what}; {method}(X)",
        source="the model of the second fit alone",
    )
    read_array(model.train_score_, what=f"{what}; train_score_", shape=(problem.n_estimators,))
