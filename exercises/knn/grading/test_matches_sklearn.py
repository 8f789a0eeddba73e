"""On data without distance ties, the answers are scikit-learn's brute-force ``KNeighbors*``'s.

scikit-learn orders equal distances in no promised way, so every generated example keeps the ``k + 1``
nearest distances of each query apart by a margin (``clear_margins``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import assume, given
from knn_data import (
    DISTANCE_RTOL,
    Problem,
    acceptable_labels,
    clear_margins,
    clear_problems,
    distances,
    expect_predictions,
    read_neighbours,
    read_predictions,
    read_proba,
)
from knn_oracle import sklearn_classifier, sklearn_neighbours, sklearn_regressor, split_dataset

from grader.testing import expect_close, expect_equal, points

# scikit-learn's weights come from its expanded-form distances, a few digits short of exact ones.
SKLEARN_RTOL = 1e-6
SKLEARN_ATOL = 1e-9
MINKOWSKI = "p=1 is the Manhattan distance (sum of |x - t|), p=2 the Euclidean distance (not squared)"


def expect_neighbours_like_sklearn(result: Any, X: Any, queries: Any, k: int, p: int, *, what: str) -> None:
    n_queries = X.shape[0] if queries is None else queries.shape[0]
    dist, ind = read_neighbours(result, what=what, n_queries=n_queries, k=k)
    want_ind = sklearn_neighbours(X, queries, k, p)
    expect_equal(ind, want_ind, what=f"{what}: indices, nearest first", source="scikit-learn")
    # The distances to scikit-learn's neighbours, from differences (scikit-learn's own lose digits).
    want_dist = np.take_along_axis(distances(X if queries is None else queries, X, p), want_ind, axis=1)
    expect_close(
        dist, want_dist, what=f"{what}: distances ({MINKOWSKI})", rtol=DISTANCE_RTOL, atol=1e-12, source="scikit-learn"
    )


@points(2, category="matches_sklearn")
@given(problem=clear_problems())
def test_kneighbors_matches_sklearn(candidate: Any, problem: Problem) -> None:
    assume(clear_margins(problem.queries, problem.X, problem.k, problem.p))
    model = candidate.KNeighborsClassifier(problem.k, p=problem.p).fit(problem.X, problem.y)
    what = f"KNeighborsClassifier(n_neighbors={problem.k}, p={problem.p}).fit(X, y).kneighbors(queries)"
    expect_neighbours_like_sklearn(
        model.kneighbors(problem.queries), problem.X, problem.queries, problem.k, problem.p, what=what
    )


@points(1, category="matches_sklearn")
@given(problem=clear_problems())
def test_kneighbors_of_the_training_points_leaves_each_point_out_like_sklearn(candidate: Any, problem: Problem) -> None:
    assume(clear_margins(problem.X, problem.X, problem.k, problem.p, exclude_self=True))
    model = candidate.KNeighborsClassifier(1, p=problem.p).fit(problem.X, problem.y)
    what = (
        f"KNeighborsClassifier(p={problem.p}).fit(X, y).kneighbors(None, n_neighbors={problem.k}) "
        "(each training point's neighbours among the others, never itself)"
    )
    expect_neighbours_like_sklearn(
        model.kneighbors(None, n_neighbors=problem.k), problem.X, None, problem.k, problem.p, what=what
    )


def expect_classifier_like_sklearn(model: Any, problem: Problem, *, what: str) -> None:
    oracle = sklearn_classifier(problem.k, problem.weights, problem.p).fit(problem.X, problem.y)
    n_queries = problem.queries.shape[0]
    want = oracle.predict_proba(problem.queries)
    proba = read_proba(
        model.predict_proba(problem.queries),
        what=f"{what}.predict_proba(queries)",
        n_queries=n_queries,
        n_classes=oracle.classes_.shape[0],
    )
    expect_close(
        proba,
        want,
        what=f"{what}.predict_proba(queries) (weights={problem.weights!r}, {MINKOWSKI})",
        rtol=SKLEARN_RTOL,
        atol=SKLEARN_ATOL,
        source="scikit-learn",
    )
    predicted = read_predictions(model.predict(problem.queries), what=f"{what}.predict(queries)", n_queries=n_queries)
    expect_predictions(
        predicted,
        acceptable_labels(want, oracle.classes_, problem.weights),
        what=f"{what}.predict(queries)",
        hint=f"scikit-learn's vote with weights={problem.weights!r}",
    )


@points(3, category="matches_sklearn")
@given(problem=clear_problems())
def test_classifier_votes_match_sklearn(candidate: Any, problem: Problem) -> None:
    assume(clear_margins(problem.queries, problem.X, problem.k, problem.p))
    what = f"KNeighborsClassifier({problem.params}).fit(X, y)"
    model = candidate.KNeighborsClassifier(problem.k, weights=problem.weights, p=problem.p).fit(problem.X, problem.y)
    expect_classifier_like_sklearn(model, problem, what=what)


@points(2, category="matches_sklearn")
@given(problem=clear_problems(regression=True))
def test_regressor_predictions_match_sklearn(candidate: Any, problem: Problem) -> None:
    assume(clear_margins(problem.queries, problem.X, problem.k, problem.p))
    what = f"KNeighborsRegressor({problem.params}).fit(X, y).predict(queries)"
    model = candidate.KNeighborsRegressor(problem.k, weights=problem.weights, p=problem.p).fit(problem.X, problem.y)
    oracle = sklearn_regressor(problem.k, problem.weights, problem.p).fit(problem.X, problem.y)
    expect_close(
        model.predict(problem.queries),
        oracle.predict(problem.queries),
        what=f"{what} (the mean of the neighbours' targets, weighted by 1/distance with weights='distance')",
        rtol=SKLEARN_RTOL,
        atol=SKLEARN_ATOL,
        source="scikit-learn",
    )


@points(2, category="matches_sklearn")
def test_wine_and_breast_cancer_match_sklearn(candidate: Any) -> None:
    for name in ("wine", "breast_cancer"):
        for standardise in (False, True):
            X, y, queries, _ = split_dataset(name, standardise=standardise)
            shown = f"{name}{' standardised' if standardise else ''} (every third row a query)"
            for k, weights, p in ((5, "uniform", 2), (7, "distance", 1), (1, "uniform", 1), (4, "distance", 2)):
                problem = Problem(X, y, queries, k, weights, p)
                model = candidate.KNeighborsClassifier(k, weights=weights, p=p).fit(X, y)
                what = f"KNeighborsClassifier({problem.params}).fit(X, y) on {shown}"
                expect_neighbours_like_sklearn(
                    model.kneighbors(queries), X, queries, k, p, what=f"{what}.kneighbors(queries)"
                )
                expect_classifier_like_sklearn(model, problem, what=what)
            target = np.asarray(y, dtype=np.float64) * 1.5 + X[:, 0]
            regressor = candidate.KNeighborsRegressor(5, weights="distance").fit(X, target)
            oracle = sklearn_regressor(5, "distance", 2).fit(X, target)
            expect_close(
                regressor.predict(queries),
                oracle.predict(queries),
                what=f"KNeighborsRegressor(5, weights='distance').fit(X, y).predict(queries) on {shown}",
                rtol=SKLEARN_RTOL,
                atol=SKLEARN_ATOL,
                source="scikit-learn",
            )


@points(1, category="matches_sklearn")
def test_kneighbors_of_2000_training_points_leaves_each_point_out_like_sklearn(candidate: Any) -> None:
    # Large enough that a blockwise search handles the training points in several blocks of queries.
    X = np.random.default_rng(1).uniform(-10.0, 10.0, size=(2000, 3))
    for p in (1, 2):
        model = candidate.KNeighborsRegressor(1, p=p).fit(X, X[:, 0])
        what = (
            f"KNeighborsRegressor(p={p}).fit(2,000 points, y).kneighbors(None, n_neighbors=6) (never the point itself)"
        )
        expect_neighbours_like_sklearn(model.kneighbors(None, n_neighbors=6), X, None, 6, p, what=what)
