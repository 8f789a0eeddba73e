"""Where distances and votes tie, the statement's rules pin the answer: the reference is the oracle.

Points have small integer coordinates, so ties are exact under any way of computing a distance.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import given
from knn_data import (
    DISTANCE_RTOL,
    PROBA_ATOL,
    PROBA_RTOL,
    SMALLEST,
    STABLE,
    ZERO_RULE,
    Problem,
    acceptable_labels,
    expect_predictions,
    read_neighbours,
    read_predictions,
    read_proba,
    tied_problems,
)

from grader.testing import expect_close, expect_equal, load_dataset, points


@points(2, category="matches_reference")
@given(problem=tied_problems())
def test_kneighbors_with_tied_distances_matches_the_reference(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    what = f"KNeighborsClassifier({problem.params}).fit(X, y).kneighbors(queries) on integer points ({STABLE})"
    model = candidate.KNeighborsClassifier(problem.k, weights=problem.weights, p=problem.p).fit(problem.X, problem.y)
    dist, ind = read_neighbours(
        model.kneighbors(problem.queries), what=what, n_queries=problem.queries.shape[0], k=problem.k
    )
    expected = reference.KNeighborsClassifier(problem.k, weights=problem.weights, p=problem.p).fit(problem.X, problem.y)
    want_dist, want_ind = expected.kneighbors(problem.queries)
    expect_equal(ind, want_ind, what=f"{what}: indices")
    expect_close(dist, want_dist, what=f"{what}: distances", rtol=DISTANCE_RTOL, atol=1e-12)


@points(1, category="matches_reference")
@given(problem=tied_problems(min_train=2))
def test_kneighbors_of_the_training_points_with_ties_matches_the_reference(
    candidate: Any, reference: ModuleType, problem: Problem
) -> None:
    n = problem.X.shape[0]
    k = max(1, min(problem.k, n - 1))
    what = f"KNeighborsClassifier(p={problem.p}).fit(X, y).kneighbors(None, n_neighbors={k}) ({STABLE})"
    model = candidate.KNeighborsClassifier(1, p=problem.p).fit(problem.X, problem.y)
    dist, ind = read_neighbours(model.kneighbors(None, n_neighbors=k), what=what, n_queries=n, k=k)
    want_dist, want_ind = reference.KNeighborsClassifier(1, p=problem.p).fit(problem.X, problem.y).kneighbors(None, k)
    expect_equal(ind, want_ind, what=f"{what}: indices")
    expect_close(dist, want_dist, what=f"{what}: distances", rtol=DISTANCE_RTOL, atol=1e-12)


@points(2, category="matches_reference")
@given(problem=tied_problems())
def test_votes_with_ties_match_the_reference(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    what = f"KNeighborsClassifier({problem.params}).fit(X, y) on integer points"
    model = candidate.KNeighborsClassifier(problem.k, weights=problem.weights, p=problem.p).fit(problem.X, problem.y)
    expected = reference.KNeighborsClassifier(problem.k, weights=problem.weights, p=problem.p).fit(problem.X, problem.y)
    classes = expected.classes_
    n_queries = problem.queries.shape[0]
    want = expected.predict_proba(problem.queries)
    proba = read_proba(
        model.predict_proba(problem.queries),
        what=f"{what}.predict_proba(queries)",
        n_queries=n_queries,
        n_classes=classes.shape[0],
    )
    expect_close(
        proba,
        want,
        what=f"{what}.predict_proba(queries) (columns in sorted label order; {STABLE}; {ZERO_RULE})",
        rtol=PROBA_RTOL,
        atol=PROBA_ATOL,
    )
    predicted = read_predictions(model.predict(problem.queries), what=f"{what}.predict(queries)", n_queries=n_queries)
    expect_predictions(
        predicted,
        acceptable_labels(want, classes, problem.weights),
        what=f"{what}.predict(queries)",
        hint=f"the label with the largest vote; {SMALLEST}",
    )


@points(2, category="matches_reference")
@given(problem=tied_problems(regression=True))
def test_regression_with_ties_matches_the_reference(candidate: Any, reference: ModuleType, problem: Problem) -> None:
    what = f"KNeighborsRegressor({problem.params}).fit(X, y).predict(queries) on integer points ({STABLE}; {ZERO_RULE})"
    model = candidate.KNeighborsRegressor(problem.k, weights=problem.weights, p=problem.p).fit(problem.X, problem.y)
    expected = reference.KNeighborsRegressor(problem.k, weights=problem.weights, p=problem.p).fit(problem.X, problem.y)
    expect_close(
        model.predict(problem.queries),
        expected.predict(problem.queries),
        what=what,
        rtol=1e-9,
        atol=1e-12,
    )


@points(1, category="matches_reference")
def test_iris_in_millimetres_with_its_many_ties_matches_the_reference(candidate: Any, reference: ModuleType) -> None:
    X, y = load_dataset("iris")
    X = np.round(np.asarray(X, dtype=np.float64) * 10.0)  # whole millimetres: every tie is exact
    queries = X[::3] + np.array([0.0, 1.0, 0.0, -1.0])
    for k, weights, p in ((5, "uniform", 2), (7, "distance", 1), (4, "distance", 2), (6, "uniform", 1)):
        params = f"n_neighbors={k}, weights={weights!r}, p={p}"
        what = f"KNeighborsClassifier({params}).fit(iris in millimetres, y)"
        model = candidate.KNeighborsClassifier(k, weights=weights, p=p).fit(X, y)
        expected = reference.KNeighborsClassifier(k, weights=weights, p=p).fit(X, y)
        for shown, args in (("kneighbors(None)", ()), ("kneighbors(queries)", (queries,))):
            n_queries = X.shape[0] if not args else queries.shape[0]
            dist, ind = read_neighbours(model.kneighbors(*args), what=f"{what}.{shown}", n_queries=n_queries, k=k)
            want_dist, want_ind = expected.kneighbors(*args)
            expect_equal(ind, want_ind, what=f"{what}.{shown}: indices ({STABLE})")
            expect_close(dist, want_dist, what=f"{what}.{shown}: distances", rtol=DISTANCE_RTOL, atol=1e-12)
        want = expected.predict_proba(queries)
        proba = read_proba(
            model.predict_proba(queries), what=f"{what}.predict_proba(queries)", n_queries=queries.shape[0], n_classes=3
        )
        expect_close(
            proba, want, what=f"{what}.predict_proba(queries) ({STABLE}; {ZERO_RULE})", rtol=PROBA_RTOL, atol=PROBA_ATOL
        )
        expect_predictions(
            read_predictions(model.predict(queries), what=f"{what}.predict(queries)", n_queries=queries.shape[0]),
            acceptable_labels(want, expected.classes_, weights),
            what=f"{what}.predict(queries)",
            hint=f"the label with the largest vote; {SMALLEST}",
        )
