"""The tree matches scikit-learn's on generated problems without tied candidates and on real data sets.

scikit-learn casts ``X`` to float32: the generated values are multiples of 1/8 and the real data sets
are cast to float32 first, so both sides see the same numbers and split at the same midpoints.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from decision_tree_checks import TreeView, expect_same_tree, fit_candidate, fit_sklearn, kind_of, view_of
from decision_tree_data import Params, Problem, classification_problems, regression_problems
from hypothesis import given

from grader.testing import load_dataset, points, without_shrinking

# Real data sets, cast to float32, with parameters under which the tree is pinned down. "strict": no
# tied candidates at all (checked offline with decision_tree_data.is_unambiguous), so everything is
# compared; "partition": the only ties are two features splitting a node's samples into the same two
# sets (iris's petal length and width isolate setosa alike), which scikit-learn breaks at random:
# the training rows, the depth and the leaves are then the same whichever feature is chosen, but the
# importances and new rows are not, so only the former are compared.
DATASETS = (
    ("iris", "gini", Params(), "partition"),
    ("iris", "entropy", Params(max_depth=3), "partition"),
    ("wine", "gini", Params(max_depth=2), "strict"),
    ("wine", "entropy", Params(min_impurity_decrease=0.02), "partition"),
    ("breast_cancer", "entropy", Params(max_depth=2), "strict"),
    ("diabetes", "squared_error", Params(max_depth=4, min_samples_leaf=10), "strict"),
)


def _compare(candidate: Any, problem: Problem) -> None:
    what = problem.call(kind_of(problem))
    actual = view_of(fit_candidate(candidate, problem), problem, what=what)
    expected = view_of(fit_sklearn(problem), problem, what="scikit-learn")
    expect_same_tree(
        actual,
        expected,
        what=what,
        source="scikit-learn",
        scale=float(np.abs(problem.y).max()) if problem.criterion == "squared_error" else 1.0,
    )


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=classification_problems(criteria=("gini",)))
def test_gini_classifier_matches_sklearn(candidate: Any, problem: Problem) -> None:
    _compare(candidate, problem)


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=classification_problems(criteria=("entropy",)))
def test_entropy_classifier_matches_sklearn(candidate: Any, problem: Problem) -> None:
    _compare(candidate, problem)


@points(3, category="matches_sklearn")
@without_shrinking()
@given(problem=regression_problems())
def test_regressor_matches_sklearn(candidate: Any, problem: Problem) -> None:
    _compare(candidate, problem)


def dataset_problem(name: str, criterion: str, params: Params) -> Problem:
    X, y = load_dataset(name)
    X = X.astype(np.float32).astype(np.float64)
    target: np.ndarray[Any, Any] = y.astype(np.float64) if criterion == "squared_error" else y
    rng = np.random.default_rng(0)
    low, high = X.min(axis=0), X.max(axis=0)
    queries = (low + rng.random((100, X.shape[1])) * (high - low)).astype(np.float32).astype(np.float64)
    return Problem(X=X, y=target, criterion=criterion, params=params, queries=queries, seed=0)


@points(3, category="matches_sklearn")
def test_real_data_sets_match_sklearn(candidate: Any) -> None:
    for name, criterion, params, mode in DATASETS:
        problem = dataset_problem(name, criterion, params)
        what = f"{problem.call(kind_of(problem))} on {name}"
        actual = view_of(fit_candidate(candidate, problem), problem, what=what)
        expected = view_of(fit_sklearn(problem), problem, what="scikit-learn")
        scale = float(np.abs(problem.y).max()) if criterion == "squared_error" else 1.0
        if mode == "partition":
            expected = TreeView(
                expected.depth,
                expected.leaves,
                actual.importances,
                expected.train,
                actual.queries,
                expected.proba_train,
                actual.proba_queries,
                expected.classes,
            )
        expect_same_tree(actual, expected, what=what, source="scikit-learn", scale=scale)
