"""The corners the statement names: thresholds, stopping rules, odd data, offsets, unrepresentable values."""

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
    trusted_stages,
)
from gradient_boosting_problems import Problem, make_problem

from grader.testing import CheckFailed, brief, expect_close, expect_equal, points, read_floats

REGRESSION = make_problem("regression", 36, 3, 6, 0.5, 3, 1, seed=404)
CLASSIFICATION = make_problem("classification", 36, 3, 6, 0.5, 3, 1, seed=404)


def _expect_like_reference(
    candidate: Any, reference: ModuleType, problem: Problem, X: Any, y: Any, rows: Any, *, what: str, atol: float = ATOL
) -> None:
    model = fit_candidate(candidate, problem, X=X, y=y)
    expected = fit_reference(reference, problem, X=X, y=y)
    method = "staged_predict" if problem.kind == "regression" else "staged_decision_function"
    expect_stages(
        read_stages(getattr(model, method)(rows), problem.n_estimators, len(rows), what=f"{what}.{method}"),
        trusted_stages(expected, problem.kind, rows),
        init=expected.init_raw_prediction_,
        kind=problem.kind,
        what=f"{what}.{method}",
        source="the reference",
    )


@points(2, category="edge_cases")
def test_a_row_exactly_at_a_threshold_goes_left(candidate: Any) -> None:
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array([0.0, 0.0, 10.0, 10.0])
    model = candidate.GradientBoostingRegressor(n_estimators=1, learning_rate=1.0, max_depth=1).fit(X, y)
    what = (
        "GradientBoostingRegressor(n_estimators=1, learning_rate=1.0, max_depth=1)"
        ".fit([[0], [1], [2], [3]], [0, 0, 10, 10])"
    )
    predicted = read_floats(
        model.predict([[1.5], [1.4], [1.6]]), what=f"{what}.predict([[1.5], [1.4], [1.6]])", shape=(3,)
    )
    expect_close(
        predicted,
        [0.0, 0.0, 10.0],
        what=f"{what}.predict([[1.5], [1.4], [1.6]])",
        rtol=0.0,
        atol=1e-12,
        source="the split at the threshold 1.5 (the midpoint of 1 and 2), where x <= threshold goes left",
    )


@points(1, category="edge_cases")
def test_max_depth_limits_every_tree(candidate: Any, reference: ModuleType) -> None:
    X = np.arange(16.0).reshape(-1, 1)
    y = np.sin(1.3 * X[:, 0]) * 5.0 + 0.37 * X[:, 0]
    for depth in (1, 2):
        what = f"GradientBoostingRegressor(n_estimators=1, learning_rate=1.0, max_depth={depth}) on 16 distinct rows"
        model = candidate.GradientBoostingRegressor(n_estimators=1, learning_rate=1.0, max_depth=depth).fit(X, y)
        predicted = read_floats(model.predict(X), what=f"{what}.predict(X)", shape=(16,))
        distinct = np.unique(predicted.round(9)).size
        if distinct > 2**depth:
            raise CheckFailed(
                f"{what}: predict(X) takes {distinct} distinct values; a tree of max_depth={depth} has at most "
                f"{2**depth} leaves (the root has depth 0; is the depth off by one?)"
            )
        expected = reference.GradientBoostingRegressor(n_estimators=1, learning_rate=1.0, max_depth=depth).fit(X, y)
        expect_close(
            predicted, expected.predict(X), what=f"{what}.predict(X) (max_depth={depth})", rtol=RTOL, atol=ATOL
        )


@points(1, category="edge_cases")
def test_min_samples_leaf_limits_every_leaf(candidate: Any, reference: ModuleType) -> None:
    X = np.arange(12.0).reshape(-1, 1)
    y = np.array([9.0, 0.0, 1.0, 2.0, 3.5, 3.0, 2.2, 7.0, 8.0, 1.0, 0.5, 11.0])
    for leaf in (3, 7):
        what = (
            f"GradientBoostingRegressor(n_estimators=1, learning_rate=1.0, max_depth=4, min_samples_leaf={leaf})"
            " on 12 rows"
        )
        model = candidate.GradientBoostingRegressor(
            n_estimators=1, learning_rate=1.0, max_depth=4, min_samples_leaf=leaf
        ).fit(X, y)
        predicted = read_floats(model.predict(X), what=f"{what}.predict(X)", shape=(12,))
        values, counts = np.unique(predicted.round(9), return_counts=True)
        if counts.min() < leaf:
            raise CheckFailed(
                f"{what}: the value {values[np.argmin(counts)]:.6g} is predicted for {counts.min()} training rows; "
                "every "
                f"leaf must keep at least min_samples_leaf={leaf} rows (predict(X) = {brief(predicted)})"
            )
        expected = reference.GradientBoostingRegressor(
            n_estimators=1, learning_rate=1.0, max_depth=4, min_samples_leaf=leaf
        )
        expect_close(
            predicted,
            expected.fit(X, y).predict(X),
            what=f"{what}.predict(X) (min_samples_leaf={leaf})",
            rtol=RTOL,
            atol=ATOL,
        )


@points(2, category="edge_cases")
def test_one_deep_tree_with_learning_rate_one_reproduces_y(candidate: Any) -> None:
    X = REGRESSION.X
    y = np.asarray(REGRESSION.y, dtype=np.float64)
    what = "GradientBoostingRegressor(n_estimators=1, learning_rate=1.0, max_depth=40).fit(X, y) on 36 distinct rows"
    model = candidate.GradientBoostingRegressor(n_estimators=1, learning_rate=1.0, max_depth=40).fit(X, y)
    expect_close(
        model.predict(X),
        y,
        what=f"{what}.predict(X)",
        rtol=1e-9,
        atol=1e-9,
        source="y itself: mean(y) plus a tree that isolates every row and predicts its residual y - mean(y)",
    )


@points(1, category="edge_cases")
def test_a_constant_feature_of_tenths_changes_nothing(candidate: Any, reference: ModuleType) -> None:
    for problem in (REGRESSION, CLASSIFICATION):
        X = np.column_stack([problem.X[:, :1], np.full(problem.X.shape[0], 0.1), problem.X[:, 1:]])
        rows = np.column_stack([problem.nudged()[:, :1], np.full(problem.X.shape[0], 0.1), problem.nudged()[:, 1:]])
        _expect_like_reference(
            candidate, reference, problem, X, problem.y, rows, what=f"{problem.call}.fit(X with a column of 0.1s, y)"
        )


@points(1, category="edge_cases")
def test_a_single_row_is_predicted_by_its_target(candidate: Any) -> None:
    what = "GradientBoostingRegressor(n_estimators=3).fit([[2.0, 5.0]], [7.5])"
    model = candidate.GradientBoostingRegressor(n_estimators=3).fit(np.array([[2.0, 5.0]]), np.array([7.5]))
    stages = candidate_stages(model, "regression", np.array([[2.0, 5.0], [-4.0, 9.0]]), 3, what=what)
    expect_close(
        np.array(stages),
        np.full((3, 2), 7.5),
        what=f"{what}.staged_predict([[2, 5], [-4, 9]])",
        rtol=0.0,
        atol=1e-12,
        source="7.5 at every stage (nothing to split)",
    )
    expect_close(model.train_score_, np.zeros(3), what=f"{what}.train_score_", rtol=0.0, atol=1e-12, source="zeros")


@points(1, category="edge_cases")
def test_two_rows_of_two_classes(candidate: Any, reference: ModuleType) -> None:
    X = np.array([[0.0], [1.0]])
    y = np.array(["b", "a"])
    what = "GradientBoostingClassifier(n_estimators=4).fit([[0], [1]], ['b', 'a'])"
    model = candidate.GradientBoostingClassifier(n_estimators=4).fit(X, y)
    expected = reference.GradientBoostingClassifier(n_estimators=4).fit(X, y)
    rows = np.array([[0.0], [1.0], [0.25], [3.0]])
    expect_stages(
        candidate_stages(model, "classification", rows, 4, what=what),
        trusted_stages(expected, "classification", rows),
        init=0.0,
        kind="classification",
        what=f"{what}.staged_decision_function",
        source="the reference",
    )


@points(2, category="edge_cases")
def test_large_offsets_in_X_and_y(candidate: Any, reference: ModuleType) -> None:
    offset = 1e6
    y = np.asarray(REGRESSION.y, dtype=np.float64) + offset
    _expect_like_reference(
        candidate,
        reference,
        REGRESSION,
        REGRESSION.X + offset,
        y,
        REGRESSION.nudged() + offset,
        what=f"{REGRESSION.call}.fit(X + 1e6, y + 1e6)",
        atol=1e-6,
    )
    _expect_like_reference(
        candidate,
        reference,
        CLASSIFICATION,
        CLASSIFICATION.X - offset,
        CLASSIFICATION.y,
        CLASSIFICATION.nudged() - offset,
        what=f"{CLASSIFICATION.call}.fit(X - 1e6, y)",
    )


@points(1, category="edge_cases")
def test_values_binary_cannot_hold(candidate: Any, reference: ModuleType) -> None:
    # Features on a grid of tenths: neither the values nor the midpoints are exact in binary.
    for problem in (REGRESSION, CLASSIFICATION):
        X = np.round(problem.X * 0.4, 10)
        rows = np.round(problem.nudged() * 0.4, 10)
        y = np.round(np.asarray(problem.y, dtype=np.float64) * 0.1, 10) if problem.kind == "regression" else problem.y
        _expect_like_reference(
            candidate, reference, problem, X, y, rows, what=f"{problem.call}.fit(X on a grid of 0.1, y)"
        )


@points(1, category="edge_cases")
def test_separable_classes_give_finite_scores(candidate: Any, reference: ModuleType) -> None:
    X = np.arange(20.0).reshape(-1, 1) * 0.25
    y = (np.arange(20) >= 8).astype(np.int64)
    what = "GradientBoostingClassifier(n_estimators=12, learning_rate=1.0, max_depth=1).fit(X, y) on separable classes"
    model = candidate.GradientBoostingClassifier(n_estimators=12, learning_rate=1.0, max_depth=1).fit(X, y)
    expected = reference.GradientBoostingClassifier(n_estimators=12, learning_rate=1.0, max_depth=1).fit(X, y)
    expect_close(
        read_floats(model.predict_proba(X), what=f"{what}.predict_proba(X)", shape=(20, 2)),
        expected.predict_proba(X),
        what=f"{what}.predict_proba(X)",
        rtol=RTOL,
        atol=1e-12,
    )
    expect_close(
        model.decision_function(X),
        expected.decision_function(X),
        what=f"{what}.decision_function(X)",
        rtol=RTOL,
        atol=ATOL,
    )


@points(1, category="edge_cases")
def test_a_decision_value_of_exactly_zero_predicts_the_first_class(candidate: Any) -> None:
    # Balanced labels start at log-odds 0; each leaf of the only allowed split holds one row of each
    # class, so every Newton step is 0 and F stays exactly 0.
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    y = np.array(["a", "b", "b", "a"])
    what = "GradientBoostingClassifier(n_estimators=2, max_depth=1, min_samples_leaf=2).fit(X, ['a', 'b', 'b', 'a'])"
    model = candidate.GradientBoostingClassifier(n_estimators=2, max_depth=1, min_samples_leaf=2).fit(X, y)
    expect_close(model.decision_function(X), np.zeros(4), what=f"{what}.decision_function(X)", rtol=0.0, atol=0.0)
    expect_equal(
        model.predict(X),
        np.array(["a", "a", "a", "a"]),
        what=f"{what}.predict(X) where decision_function(X) is exactly 0",
        source="classes_[0] wherever F(X) is not > 0",
    )
    expect_close(model.predict_proba(X), np.full((4, 2), 0.5), what=f"{what}.predict_proba(X)", rtol=0.0, atol=1e-15)
    for stage, labels in enumerate(list(model.staged_predict(X))):
        expect_equal(
            np.asarray(labels),
            np.array(["a", "a", "a", "a"]),
            what=f"{what}.staged_predict(X), stage {stage + 1}, where the decision value is exactly 0",
            source="classes_[0] wherever F(X) is not > 0",
        )


@points(1, category="edge_cases")
def test_a_leaf_of_certain_rows_takes_a_zero_newton_step(candidate: Any) -> None:
    # learning_rate=500 pushes F to +-1000 after one stage: p is exactly 0 or 1, every residual and every
    # p * (1 - p) is 0, and the statement (like scikit-learn) makes such a leaf's step 0, not 0 / 0.
    X = np.arange(8.0).reshape(-1, 1) * 0.25
    y = (np.arange(8) >= 4).astype(np.int64)
    what = "GradientBoostingClassifier(n_estimators=3, learning_rate=500.0, max_depth=1).fit(X, y) on separable classes"
    model = candidate.GradientBoostingClassifier(n_estimators=3, learning_rate=500.0, max_depth=1).fit(X, y)
    expected = np.where(y == 1, 1000.0, -1000.0)
    stages = candidate_stages(model, "classification", X, 3, what=what)
    expect_stages(
        stages,
        [expected, expected, expected],
        init=0.0,
        kind="classification",
        what=f"{what}.staged_decision_function(X) (a leaf whose sum of p * (1 - p) is below 1e-150 takes the step 0)",
        source="scikit-learn and the statement",
    )
