"""The tree matches the reference's on generated problems, on float64 values, and on the worked example."""

from __future__ import annotations

from typing import Any

import numpy as np
from decision_tree_checks import expect_same_tree, fit_candidate, fit_reference, kind_of, view_of
from decision_tree_data import Params, Problem, classification_problems, regression_problems, scaled
from hypothesis import given
from hypothesis import strategies as st

from grader.testing import expect_close, expect_equal, points, without_shrinking

EXAMPLE_X = np.array([[1.0, 7.0], [2.0, 6.0], [3.0, 8.0], [4.0, 5.0], [5.0, 9.0], [6.0, 4.0]])
EXAMPLE_Y = np.array(["cat", "cat", "dog", "dog", "bird", "bird"])
EXAMPLE_TARGETS = np.array([1.0, 1.5, 3.0, 3.5, 8.0, 9.0])
# Off-grid scalings: thresholds are no longer exact, so the new rows avoid them.
SCALES = ((1.0, 0.0), (0.1, 0.0), (3.0, -0.7), (0.01, 0.3))


def _compare(candidate: Any, reference: Any, problem: Problem) -> None:
    what = problem.call(kind_of(problem))
    actual = view_of(fit_candidate(candidate, problem), problem, what=what)
    expected = view_of(fit_reference(reference, problem), problem, what="reference")
    expect_same_tree(actual, expected, what=what, source="the reference")


@points(3, category="matches_reference")
@without_shrinking()
@given(problem=classification_problems(), scale=st.sampled_from(SCALES))
def test_classifier_matches_the_reference(
    candidate: Any, reference: Any, problem: Problem, scale: tuple[float, float]
) -> None:
    _compare(candidate, reference, problem if scale == (1.0, 0.0) else scaled(problem, *scale))


@points(3, category="matches_reference")
@without_shrinking()
@given(problem=regression_problems(), scale=st.sampled_from(SCALES))
def test_regressor_matches_the_reference(
    candidate: Any, reference: Any, problem: Problem, scale: tuple[float, float]
) -> None:
    _compare(candidate, reference, problem if scale == (1.0, 0.0) else scaled(problem, *scale))


@points(2, category="matches_reference")
def test_worked_example(candidate: Any) -> None:
    stump = candidate.DecisionTreeClassifier(max_depth=1).fit(EXAMPLE_X, EXAMPLE_Y)
    what = "DecisionTreeClassifier(max_depth=1).fit(X, y) of the worked example"
    expect_equal(stump.classes_, np.array(["bird", "cat", "dog"]), what=f"{what}.classes_")
    rows = np.array([[2.5, 0.0], [2.6, 0.0]])
    expect_close(
        stump.predict_proba(rows),
        np.array([[0.0, 1.0, 0.0], [0.5, 0.0, 0.5]]),
        what=f"{what}.predict_proba({rows.tolist()})",
    )
    expect_equal(stump.predict(rows), np.array(["cat", "bird"]), what=f"{what}.predict({rows.tolist()})")
    tree = candidate.DecisionTreeClassifier().fit(EXAMPLE_X, EXAMPLE_Y)
    what = "DecisionTreeClassifier().fit(X, y) of the worked example"
    expect_equal(tree.get_depth(), 2, what=f"{what}.get_depth()")
    expect_equal(tree.get_n_leaves(), 3, what=f"{what}.get_n_leaves()")
    expect_close(tree.feature_importances_, np.array([1.0, 0.0]), what=f"{what}.feature_importances_")
    expect_equal(
        tree.predict([[4.5, 0.0], [4.6, 0.0]]), np.array(["dog", "bird"]), what=f"{what}.predict([[4.5, 0], [4.6, 0]])"
    )
    reg = candidate.DecisionTreeRegressor(min_samples_leaf=2).fit(EXAMPLE_X, EXAMPLE_TARGETS)
    what = "DecisionTreeRegressor(min_samples_leaf=2).fit(X, y) of the worked example"
    expect_close(
        reg.predict([[2.5, 0.0], [3.5, 0.0], [6.0, 0.0]]), np.array([1.25, 3.25, 8.5]), what=f"{what}.predict(...)"
    )
    expect_equal((reg.get_depth(), reg.get_n_leaves()), (2, 3), what=f"{what}: (get_depth(), get_n_leaves())")


@points(2, category="matches_reference")
@without_shrinking(8)
@given(
    problem=classification_problems(criteria=("gini",), params=Params(), max_samples=60),
    regression=regression_problems(params=Params(), max_samples=60),
)
def test_default_arguments_grow_a_full_tree(
    candidate: Any, reference: Any, problem: Problem, regression: Problem
) -> None:
    # No arguments at all: criterion "gini" / "squared_error", no depth limit, 2 samples to split, 1 per leaf.
    for case, kind in ((problem, "DecisionTreeClassifier"), (regression, "DecisionTreeRegressor")):
        what = (
            f"{kind}().fit(X, y) (default arguments: criterion={case.criterion!r}, max_depth=None, "
            "min_samples_split=2, min_samples_leaf=1, min_impurity_decrease=0.0)"
        )
        actual = view_of(getattr(candidate, kind)().fit(case.X, case.y), case, what=what)
        expected = view_of(getattr(reference, kind)().fit(case.X, case.y), case, what="reference")
        expect_same_tree(actual, expected, what=what, source="the reference")
