"""Invariants of every correct tree: stopping rules respected, valid probabilities, state across calls.

Checks that values of the right shape could pass (probabilities summing to 1, importances summing to
1, a depth within max_depth) first require the tree to agree with the reference on the same data.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from decision_tree_checks import (
    expect_proba_consistent,
    expect_same_tree,
    fit_candidate,
    fit_reference,
    kind_of,
    read_view,
    view_of,
)
from decision_tree_data import Params, Problem, classification_problems, grid_values, regression_problems
from hypothesis import given
from hypothesis import strategies as st

from grader.testing import CheckFailed, expect_close, expect_equal, listed, points, without_shrinking


def _gate(candidate: Any, reference: Any, problem: Problem) -> Any:
    """Fit the candidate and require the same tree as the reference; return the fitted model and view."""
    what = problem.call(kind_of(problem))
    model = fit_candidate(candidate, problem)
    actual = view_of(model, problem, what=what)
    expect_same_tree(
        actual, view_of(fit_reference(reference, problem), problem, what="reference"), what=what, source="the reference"
    )
    return model, actual


def _groups(values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """How many training rows share each distinct prediction (row of probabilities, or value)."""
    rows = values.reshape(values.shape[0], -1)
    _, counts = np.unique(rows, axis=0, return_counts=True)
    return counts


@points(2, category="properties")
@without_shrinking()
@given(
    problem=st.one_of(
        classification_problems(params=Params(min_samples_leaf=7)),
        regression_problems(params=Params(min_samples_leaf=5)),
    )
)
def test_every_leaf_holds_at_least_min_samples_leaf_training_rows(candidate: Any, problem: Problem) -> None:
    # Rows in one leaf get the same prediction; merging leaves with equal predictions only makes the
    # groups larger, so a group smaller than min_samples_leaf is a leaf that is too small.
    least = problem.params.min_samples_leaf
    what = problem.call(kind_of(problem))
    model = fit_candidate(candidate, problem)
    view = view_of(model, problem, what=what)
    counts = _groups(view.proba_train if view.proba_train is not None else view.train)
    if counts.min() < least:
        raise CheckFailed(
            f"{what}: some leaf holds only {int(counts.min())} training row(s) (rows per distinct prediction: "
            f"{listed(np.sort(counts))}); with min_samples_leaf={least} every leaf holds at least {least}: only "
            "candidates leaving that many on each side may be chosen"
        )


@points(2, category="properties")
@without_shrinking()
@given(problem=st.one_of(classification_problems(), regression_problems()))
def test_depth_and_leaves_respect_max_depth(candidate: Any, reference: Any, problem: Problem) -> None:
    _, view = _gate(candidate, reference, problem)
    what = problem.call(kind_of(problem))
    limit = problem.params.max_depth
    if limit is not None and view.depth > limit:
        raise CheckFailed(f"{what}.get_depth() is {view.depth}; max_depth={limit} allows at most {limit}")
    if not 1 <= view.leaves <= 2**view.depth:
        raise CheckFailed(
            f"{what}: get_n_leaves() is {view.leaves} with get_depth() {view.depth}; a binary tree of "
            "depth d has 1 to 2**d leaves"
        )


@points(2, category="properties")
@without_shrinking()
@given(
    seed=st.integers(0, 2**32 - 1),
    n_samples=st.integers(2, 80),
    n_features=st.integers(1, 4),
    n_classes=st.integers(2, 5),
)
def test_a_tree_without_limits_reproduces_distinct_training_rows(
    candidate: Any, seed: int, n_samples: int, n_features: int, n_classes: int
) -> None:
    rng = np.random.default_rng(seed)
    X = np.unique(grid_values(rng, (n_samples, n_features)), axis=0)
    X = X[rng.permutation(X.shape[0])]
    y = rng.integers(0, n_classes, size=X.shape[0])
    targets = rng.integers(-500, 500, size=X.shape[0]) / 8.0
    expect_equal(
        candidate.DecisionTreeClassifier().fit(X, y).predict(X),
        y,
        what=f"DecisionTreeClassifier().fit(X, y).predict(X) on {X.shape[0]} distinct rows",
        source="y itself (a pure leaf for every distinct row: training accuracy 1)",
    )
    expect_close(
        candidate.DecisionTreeRegressor().fit(X, targets).predict(X),
        targets,
        what=f"DecisionTreeRegressor().fit(X, y).predict(X) on {X.shape[0]} distinct rows",
        rtol=0.0,
        atol=0.0,
        source="y itself (every leaf ends pure: one target value)",
    )


@points(2, category="properties")
@without_shrinking()
@given(problem=classification_problems())
def test_probabilities_are_valid_and_predict_takes_the_most_probable_class(
    candidate: Any, reference: Any, problem: Problem
) -> None:
    _, view = _gate(candidate, reference, problem)
    expect_proba_consistent(view, what=problem.call(kind_of(problem)))


@points(2, category="properties")
@without_shrinking()
@given(problem=st.one_of(classification_problems(), regression_problems()), seed=st.integers(0, 2**32 - 1))
def test_shuffling_the_training_rows_changes_nothing(
    candidate: Any, reference: Any, problem: Problem, seed: int
) -> None:
    _, base = _gate(candidate, reference, problem)
    order = np.random.default_rng(seed).permutation(problem.X.shape[0])
    what = f"{problem.call(kind_of(problem))} with the rows of X and y shuffled"
    model = getattr(candidate, kind_of(problem))(criterion=problem.criterion, **problem.params.kwargs())
    shuffled = view_of(model.fit(problem.X[order], problem.y[order]), problem, what=what)
    expect_same_tree(shuffled, base, what=what, source="the tree fitted on the rows in their original order")


@points(2, category="properties")
@without_shrinking()
@given(problem=st.one_of(classification_problems(), regression_problems()))
def test_doubling_x_doubles_the_thresholds(candidate: Any, reference: Any, problem: Problem) -> None:
    # Midpoints of doubled values are doubled midpoints (exactly, on the grid): the same tree on 2 * X.
    _, base = _gate(candidate, reference, problem)
    what = f"{problem.call(kind_of(problem))} on 2 * X, asked about 2 * rows"
    model = getattr(candidate, kind_of(problem))(criterion=problem.criterion, **problem.params.kwargs()).fit(
        2.0 * problem.X, problem.y
    )
    classifier = problem.criterion != "squared_error"
    doubled = read_view(
        model, 2.0 * problem.X, 2.0 * problem.queries, classifier=classifier, n_features=problem.X.shape[1], what=what
    )
    expect_same_tree(doubled, base, what=what, source="the tree fitted on X, asked about the rows")


@points(2, category="properties")
@without_shrinking(10)
@given(problem=classification_problems(), other=regression_problems())
def test_fitting_again_gives_the_last_fit_s_tree(
    candidate: Any, reference: Any, problem: Problem, other: Problem
) -> None:
    kind = kind_of(problem)
    model = getattr(candidate, kind)(criterion=problem.criterion, **problem.params.kwargs())
    first = np.hstack([other.X, other.X[:, :1] + 1.0])  # another number of features and other labels
    model.fit(first, np.where(other.y > 0, "high", "low"))
    model.fit(problem.X, problem.y)
    what = f"{problem.call(kind)} after a first fit on other data (other labels, {first.shape[1]} features)"
    expected = view_of(fit_reference(reference, problem), problem, what="reference")
    expect_same_tree(view_of(model, problem, what=what), expected, what=what, source="the tree of the last fit alone")
    twice = view_of(model.fit(problem.X, problem.y), problem, what=f"{what}, fitted a third time on the same data")
    expect_same_tree(
        twice, expected, what=f"{what}, fitted a third time on the same data", source="the tree of one fit"
    )


@points(2, category="properties")
@without_shrinking(10)
@given(problem=st.one_of(classification_problems(), regression_problems()))
def test_rows_predicted_one_by_one_get_the_answers_of_the_batch(
    candidate: Any, reference: Any, problem: Problem
) -> None:
    model, _ = _gate(candidate, reference, problem)
    what = problem.call(kind_of(problem))
    rows = problem.queries[:: max(1, problem.queries.shape[0] // 12)]
    batch = np.asarray(model.predict(rows))
    single = np.concatenate([np.asarray(model.predict(row[None, :])) for row in rows])
    expect_equal(single, batch, what=f"{what}.predict(row) for single rows", source="predict on all the rows at once")


@points(1, category="properties")
@without_shrinking(10)
@given(problem=st.one_of(classification_problems(), regression_problems()))
def test_importances_are_non_negative_and_sum_to_one(candidate: Any, reference: Any, problem: Problem) -> None:
    _, view = _gate(candidate, reference, problem)
    what = f"{problem.call(kind_of(problem))}.feature_importances_"
    if np.any(view.importances < 0):
        raise CheckFailed(f"{what} holds negative values: {listed(view.importances)}")
    total = 1.0 if view.leaves > 1 else 0.0
    expect_close(
        view.importances.sum(), total, what=f"{what}.sum()", rtol=0.0, atol=1e-9, source="1 (0 for a lone leaf)"
    )
