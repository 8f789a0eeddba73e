"""Every stage against scikit-learn's models with the same parameters, on data with one right answer.

scikit-learn's ``GradientBoostingRegressor`` / ``GradientBoostingClassifier`` with ``subsample=1.0``,
``max_features=None`` and a fixed ``random_state`` compute what the statement asks for. Its trees work
in ``float32`` and break ties at random; the generated features sit on a grid of quarters (exact in
``float32``, midpoints too) and every node has one clearly best split (see
``gradient_boosting_problems``), so both sides grow the same trees. Besides the training rows, every
stage is compared on the rows "nudged" by 0.1, new rows whose cells are pinned down.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from gradient_boosting_checks import (
    ATOL,
    RTOL,
    candidate_stages,
    expect_number,
    expect_stages,
    fit_candidate,
    fit_sklearn,
    read_stages,
    sklearn_init,
    trusted_stages,
)
from gradient_boosting_problems import MIN_MARGIN, Problem, problems, split_margin
from hypothesis import given

from grader.testing import CheckFailed, expect_close, expect_equal, load_dataset, points, read_floats, without_shrinking


def _expect_staged_like_sklearn(candidate: Any, problem: Problem) -> None:
    model = fit_candidate(candidate, problem)
    theirs = fit_sklearn(problem)
    init = sklearn_init(theirs, problem.kind)
    for rows, name in ((problem.X, "the training rows"), (problem.nudged(), "the training rows nudged by 0.1")):
        expect_stages(
            candidate_stages(model, problem.kind, rows, problem.n_estimators, what=problem.call),
            trusted_stages(theirs, problem.kind, rows),
            init=init,
            kind=problem.kind,
            what=f"{problem.call}.fit(X, y), on {name}",
            source="scikit-learn",
        )


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=problems("regression"))
def test_regressor_stages_match_sklearn(candidate: Any, problem: Problem) -> None:
    _expect_staged_like_sklearn(candidate, problem)


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=problems("classification"))
def test_classifier_stages_match_sklearn(candidate: Any, problem: Problem) -> None:
    _expect_staged_like_sklearn(candidate, problem)


@points(2, category="matches_sklearn")
@without_shrinking(10)
@given(problem=problems("classification"))
def test_classifier_staged_probabilities_and_labels_match_sklearn(candidate: Any, problem: Problem) -> None:
    model = fit_candidate(candidate, problem)
    theirs = fit_sklearn(problem)
    n_rows = problem.X.shape[0]
    what = f"{problem.call}.fit(X, y).staged_predict_proba(X)"
    result = model.staged_predict_proba(problem.X)
    items = list(result) if not isinstance(result, (list, tuple)) else result
    if len(items) != problem.n_estimators:
        raise CheckFailed(f"{what} gave {len(items)} arrays; expected {problem.n_estimators}, one per stage")
    for stage, (mine, expected) in enumerate(zip(items, theirs.staged_predict_proba(problem.X), strict=True)):
        proba = read_floats(mine, what=f"{what}, stage {stage + 1}", shape=(n_rows, 2))
        expect_close(proba, expected, what=f"{what}, stage {stage + 1}", rtol=RTOL, atol=ATOL, source="scikit-learn")
    labels = list(model.staged_predict(problem.X))
    expected_labels = list(theirs.staged_predict(problem.X))
    if len(labels) != len(expected_labels):
        raise CheckFailed(
            f"{problem.call}.staged_predict(X) gave {len(labels)} arrays; expected {len(expected_labels)}"
        )
    raw = trusted_stages(theirs, problem.kind, problem.X)
    for stage, (mine, expected) in enumerate(zip(labels, expected_labels, strict=True)):
        clear = np.abs(raw[stage]) > 1e-9
        expect_equal(
            np.asarray(mine)[clear],
            expected[clear],
            what=f"{problem.call}.staged_predict(X), stage {stage + 1}",
            source="scikit-learn",
        )


def _expect_scores_like_sklearn(candidate: Any, problem: Problem) -> None:
    model = fit_candidate(candidate, problem)
    theirs = fit_sklearn(problem)
    start = "the mean of y" if problem.kind == "regression" else "the log-odds of the share of classes_[1]"
    expect_number(
        model.init_raw_prediction_,
        sklearn_init(theirs, problem.kind),
        what=f"{problem.call}.fit(X, y).init_raw_prediction_",
        source="scikit-learn's init_",
        hint=f" Boosting starts from {start}, not from 0.",
    )
    loss = "mean squared error" if problem.kind == "regression" else "binomial deviance, 2 x the mean log-loss"
    expect_close(
        read_floats(model.train_score_, what=f"{problem.call}.train_score_", shape=(problem.n_estimators,)),
        theirs.train_score_,
        what=f"{problem.call}.fit(X, y).train_score_ (the {loss} on the training data after each stage)",
        rtol=RTOL,
        atol=ATOL,
        source="scikit-learn",
    )


@points(2, category="matches_sklearn")
@without_shrinking(10)
@given(problem=problems("regression"))
def test_regressor_init_and_train_score_match_sklearn(candidate: Any, problem: Problem) -> None:
    _expect_scores_like_sklearn(candidate, problem)


@points(2, category="matches_sklearn")
@without_shrinking(10)
@given(problem=problems("classification"))
def test_classifier_init_and_train_score_match_sklearn(candidate: Any, problem: Problem) -> None:
    _expect_scores_like_sklearn(candidate, problem)


def _dataset_problem(name: str, kind: str, n_estimators: int, max_depth: int, min_samples_leaf: int) -> Problem:
    X, y = load_dataset(name)
    target: Any = y.astype(np.float64) if kind == "regression" else y
    problem = Problem(X, target, kind, n_estimators, 0.1, max_depth, min_samples_leaf, seed=0)
    if split_margin(problem) < MIN_MARGIN:  # pragma: no cover - the suite's own sanity check
        raise RuntimeError(f"{name}: a near tie between splits; pick other parameters")
    return problem


@points(2, category="matches_sklearn")
def test_diabetes_regressor_matches_sklearn(candidate: Any) -> None:
    problem = _dataset_problem("diabetes", "regression", 20, 3, 1)
    model = fit_candidate(candidate, problem)
    theirs = fit_sklearn(problem)
    what = f"{problem.call}.fit(X, y) on diabetes"
    expect_stages(
        candidate_stages(model, problem.kind, problem.X, problem.n_estimators, what=what),
        trusted_stages(theirs, problem.kind, problem.X),
        init=sklearn_init(theirs, problem.kind),
        kind=problem.kind,
        what=f"{what}, on the training rows",
        source="scikit-learn",
    )
    expect_close(model.train_score_, theirs.train_score_, what=f"{what}.train_score_", rtol=RTOL, source="scikit-learn")


@points(2, category="matches_sklearn")
def test_breast_cancer_classifier_matches_sklearn(candidate: Any) -> None:
    problem = _dataset_problem("breast_cancer", "classification", 20, 2, 30)
    model = fit_candidate(candidate, problem)
    theirs = fit_sklearn(problem)
    what = f"{problem.call}.fit(X, y) on breast_cancer"
    expect_stages(
        read_stages(model.staged_decision_function(problem.X), problem.n_estimators, len(problem.X), what=what),
        trusted_stages(theirs, problem.kind, problem.X),
        init=sklearn_init(theirs, problem.kind),
        kind=problem.kind,
        what=f"{what}, staged_decision_function on the training rows",
        source="scikit-learn",
    )
    expect_close(
        model.predict_proba(problem.X),
        theirs.predict_proba(problem.X),
        what=f"{what}.predict_proba(X)",
        rtol=RTOL,
        atol=ATOL,
        source="scikit-learn",
    )
    expect_close(model.train_score_, theirs.train_score_, what=f"{what}.train_score_", rtol=RTOL, source="scikit-learn")
