"""Invariants every correct implementation keeps, and state across calls (refit, call twice, new data)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from knn_data import (
    DISTANCE_RTOL,
    PROBA_ATOL,
    PROBA_RTOL,
    SEEDS,
    SMALLEST,
    Problem,
    clear_margins,
    clear_problems,
    distances,
    read_indices,
    read_neighbours,
    read_predictions,
    read_proba,
    tied_problems,
)

from grader.testing import CheckFailed, brief, expect_close, expect_equal, points, same_object


def fitted(candidate: Any, problem: Problem, *, regression: bool = False) -> Any:
    name = "KNeighborsRegressor" if regression else "KNeighborsClassifier"
    return getattr(candidate, name)(problem.k, weights=problem.weights, p=problem.p).fit(problem.X, problem.y)


@points(1, category="properties")
@given(problem=clear_problems(), seed=SEEDS)
def test_shuffling_the_training_rows_changes_no_prediction(candidate: Any, problem: Problem, seed: int) -> None:
    assume(clear_margins(problem.queries, problem.X, problem.k, problem.p))
    n, n_queries = problem.X.shape[0], problem.queries.shape[0]
    order = np.random.default_rng(seed).permutation(n)
    shuffled = Problem(problem.X[order], problem.y[order], problem.queries, problem.k, problem.weights, problem.p)
    what = f"KNeighborsClassifier({problem.params}) fitted on the training rows shuffled"
    n_classes = np.unique(problem.y).shape[0]
    original = fitted(candidate, problem)
    moved = fitted(candidate, shuffled)
    expect_close(
        read_proba(
            moved.predict_proba(problem.queries),
            what=f"{what}, predict_proba",
            n_queries=n_queries,
            n_classes=n_classes,
        ),
        read_proba(
            original.predict_proba(problem.queries), what="predict_proba", n_queries=n_queries, n_classes=n_classes
        ),
        what=f"{what}, predict_proba(queries)",
        rtol=PROBA_RTOL,
        atol=PROBA_ATOL,
        source="the fit on the rows in their first order (the order of the rows must not matter without ties)",
    )
    ind = read_indices(
        moved.kneighbors(problem.queries, return_distance=False),
        what=f"{what}, kneighbors(queries, return_distance=False)",
        n_queries=n_queries,
        k=problem.k,
    )
    want = read_indices(
        original.kneighbors(problem.queries, return_distance=False),
        what="kneighbors(queries, return_distance=False)",
        n_queries=n_queries,
        k=problem.k,
    )
    expect_equal(
        order[ind],
        want,
        what=f"{what}, kneighbors(queries, return_distance=False) mapped back to the first order",
        source="the fit on the rows in their first order",
    )


@points(1, category="properties")
@given(problem=tied_problems(), weights=st.sampled_from(["uniform", "distance"]))
def test_as_many_neighbours_as_training_points_gives_the_class_frequencies(
    candidate: Any, problem: Problem, weights: str
) -> None:
    n = problem.X.shape[0]
    classes, counts = np.unique(problem.y, return_counts=True)
    what = f"KNeighborsClassifier(n_neighbors={n}, p={problem.p}).fit(X, y) (k = n_samples)"
    model = candidate.KNeighborsClassifier(n, p=problem.p).fit(problem.X, problem.y)
    n_queries = problem.queries.shape[0]
    proba = read_proba(
        model.predict_proba(problem.queries),
        what=f"{what}.predict_proba(queries)",
        n_queries=n_queries,
        n_classes=classes.shape[0],
    )
    expect_close(
        proba,
        np.tile(counts / n, (n_queries, 1)),
        what=f"{what}.predict_proba(queries)",
        rtol=PROBA_RTOL,
        atol=PROBA_ATOL,
        source="the class frequencies of y (every training point votes once)",
    )
    predicted = read_predictions(model.predict(problem.queries), what=f"{what}.predict(queries)", n_queries=n_queries)
    majority = classes[int(np.argmax(counts))]
    expect_equal(
        predicted,
        np.full(n_queries, majority),
        what=f"{what}.predict(queries)",
        source=f"the majority class of y ({SMALLEST})",
    )


@points(1, category="properties")
@given(problem=clear_problems(), weights=st.sampled_from(["uniform", "distance"]))
def test_one_neighbour_gives_each_training_point_its_own_label(candidate: Any, problem: Problem, weights: str) -> None:
    n = problem.X.shape[0]
    what = f"KNeighborsClassifier(n_neighbors=1, weights={weights!r}, p={problem.p}).fit(X, y).predict(X)"
    model = candidate.KNeighborsClassifier(1, weights=weights, p=problem.p).fit(problem.X, problem.y)
    expect_equal(
        read_predictions(model.predict(problem.X), what=what, n_queries=n),
        problem.y,
        what=what,
        source="y (each distinct training point is its own nearest neighbour, at distance 0)",
    )
    targets = np.arange(n) * 0.7 - 3.0
    what = f"KNeighborsRegressor(n_neighbors=1, weights={weights!r}, p={problem.p}).fit(X, y).predict(X)"
    regressor = candidate.KNeighborsRegressor(1, weights=weights, p=problem.p).fit(problem.X, targets)
    expect_close(regressor.predict(problem.X), targets, what=what, rtol=1e-12, atol=0.0, source="y")


@points(1, category="properties")
@given(problem=tied_problems())
def test_kneighbors_returns_distinct_training_points_nearest_first_with_their_distances(
    candidate: Any, problem: Problem
) -> None:
    n_queries, k = problem.queries.shape[0], problem.k
    what = f"KNeighborsClassifier({problem.params}).fit(X, y).kneighbors(queries)"
    dist, ind = read_neighbours(
        fitted(candidate, problem).kneighbors(problem.queries), what=what, n_queries=n_queries, k=k
    )
    if ind.min() < 0 or ind.max() >= problem.X.shape[0]:
        raise CheckFailed(f"{what}: indices hold values outside 0..{problem.X.shape[0] - 1}: {brief(ind)}")
    for row in range(n_queries):
        if np.unique(ind[row]).size != k:
            raise CheckFailed(f"{what}: query {row} lists a training point twice: {brief(ind[row])}")
    expect_close(
        dist,
        np.take_along_axis(distances(problem.queries, problem.X, problem.p), ind, axis=1),
        what=f"{what}: distances",
        rtol=DISTANCE_RTOL,
        atol=1e-12,
        source=f"the p={problem.p} distances to the returned indices",
    )
    if np.any(np.diff(dist, axis=1) < 0):
        raise CheckFailed(f"{what}: distances are not in increasing order, nearest first: {brief(dist)}")
    every = np.sort(distances(problem.queries, problem.X, problem.p), axis=1)[:, :k]
    expect_close(
        dist, every, what=f"{what}: distances", rtol=DISTANCE_RTOL, atol=1e-12, source="the k smallest distances"
    )


@points(1, category="properties")
@given(problem=tied_problems())
def test_predict_is_the_label_with_the_largest_probability(candidate: Any, problem: Problem) -> None:
    classes = np.unique(problem.y)
    what = f"KNeighborsClassifier({problem.params}).fit(X, y)"
    model = fitted(candidate, problem)
    expect_equal(model.classes_, classes, what=f"{what}.classes_", source="the distinct labels of y, sorted")
    n_queries = problem.queries.shape[0]
    proba = read_proba(
        model.predict_proba(problem.queries),
        what=f"{what}.predict_proba(queries)",
        n_queries=n_queries,
        n_classes=classes.shape[0],
    )
    expect_close(
        proba.sum(axis=1),
        np.ones(n_queries),
        what=f"{what}.predict_proba(queries) row sums",
        rtol=1e-12,
        atol=1e-12,
        source="1",
    )
    if np.any(proba < 0):
        raise CheckFailed(f"{what}.predict_proba(queries) holds negative values: {brief(proba)}")
    predicted = read_predictions(model.predict(problem.queries), what=f"{what}.predict(queries)", n_queries=n_queries)
    best = proba.max(axis=1, keepdims=True)
    for row in range(n_queries):
        near = classes[np.flatnonzero(proba[row] >= best[row] - 1e-9)]
        if predicted[row] not in set(near.tolist()):
            raise CheckFailed(
                f"{what}.predict(queries): row {row} is {predicted[row]!r}, but predict_proba's largest "
                f"entries are for {near.tolist()}"
            )


@points(1, category="properties")
@given(first=tied_problems(), second=clear_problems())
def test_fitting_again_on_other_data_forgets_the_first_fit(candidate: Any, first: Problem, second: Problem) -> None:
    assume(clear_margins(second.queries, second.X, second.k, second.p) and first.X.shape[0] >= second.k)
    params = second.params
    model = candidate.KNeighborsClassifier(second.k, weights=second.weights, p=second.p)
    returned = model.fit(first.X, first.y)
    if not same_object(returned, model):
        raise CheckFailed(f"KNeighborsClassifier({params}).fit(X, y) returned {brief(returned)}; expected self")
    model.fit(second.X, second.y)
    fresh = fitted(candidate, second)
    what = f"KNeighborsClassifier({params}).fit(other data).fit(X, y)"
    n_queries = second.queries.shape[0]
    classes = np.unique(second.y)
    expect_equal(model.classes_, classes, what=f"{what}.classes_", source="the labels of the second fit's y")
    for attempt in ("", ", called twice"):
        expect_equal(
            read_proba(
                model.predict_proba(second.queries),
                what=f"{what}.predict_proba(queries){attempt}",
                n_queries=n_queries,
                n_classes=classes.shape[0],
            ),
            read_proba(
                fresh.predict_proba(second.queries),
                what="predict_proba(queries)",
                n_queries=n_queries,
                n_classes=classes.shape[0],
            ),
            what=f"{what}.predict_proba(queries){attempt}",
            source="a fresh estimator fitted on X, y alone (fit again must forget the first fit)",
        )
    regressor = candidate.KNeighborsRegressor(second.k, weights=second.weights, p=second.p)
    targets = np.arange(first.X.shape[0], dtype=np.float64)
    regressor.fit(first.X, targets)
    second_targets = np.linspace(-1.0, 1.0, second.X.shape[0])
    regressor.fit(second.X, second_targets)
    fresh_regressor = candidate.KNeighborsRegressor(second.k, weights=second.weights, p=second.p).fit(
        second.X, second_targets
    )
    expect_equal(
        regressor.predict(second.queries),
        fresh_regressor.predict(second.queries),
        what=f"KNeighborsRegressor({params}).fit(other data).fit(X, y).predict(queries)",
        source="a fresh estimator fitted on X, y alone (fit again must forget the first fit)",
    )


@points(0.5, category="properties")
@given(problem=tied_problems())
def test_default_parameters_are_five_uniform_neighbours_in_euclidean_distance(candidate: Any, problem: Problem) -> None:
    assume(problem.X.shape[0] >= 5)
    n_queries = problem.queries.shape[0]
    explicit = candidate.KNeighborsClassifier(n_neighbors=5, weights="uniform", p=2).fit(problem.X, problem.y)
    default = candidate.KNeighborsClassifier().fit(problem.X, problem.y)
    what = "KNeighborsClassifier().fit(X, y).kneighbors(queries) (defaults)"
    expect_equal(
        default.kneighbors(problem.queries),
        explicit.kneighbors(problem.queries),
        what=what,
        source="KNeighborsClassifier(n_neighbors=5, weights='uniform', p=2), the default parameters",
    )
    expect_equal(
        default.predict_proba(problem.queries),
        explicit.predict_proba(problem.queries),
        what="KNeighborsClassifier().fit(X, y).predict_proba(queries) (defaults)",
        source="KNeighborsClassifier(n_neighbors=5, weights='uniform', p=2), the default parameters",
    )
    targets = np.arange(problem.X.shape[0]) * 0.25
    expect_equal(
        candidate.KNeighborsRegressor().fit(problem.X, targets).predict(problem.queries),
        candidate.KNeighborsRegressor(n_neighbors=5, weights="uniform", p=2)
        .fit(problem.X, targets)
        .predict(problem.queries),
        what="KNeighborsRegressor().fit(X, y).predict(queries) (defaults)",
        source="KNeighborsRegressor(n_neighbors=5, weights='uniform', p=2), the default parameters",
    )
    ind = read_indices(
        explicit.kneighbors(problem.queries, return_distance=False),
        what="kneighbors(queries, return_distance=False)",
        n_queries=n_queries,
        k=5,
    )
    expect_equal(
        ind,
        read_neighbours(
            explicit.kneighbors(problem.queries, 5, True), what="kneighbors(queries, 5, True)", n_queries=n_queries, k=5
        )[1],
        what="kneighbors(queries, return_distance=False)",
        source="the indices of kneighbors(queries, n_neighbors=5, return_distance=True)",
    )


@points(0.5, category="properties")
@given(problem=clear_problems(regression=True), shift=st.floats(-100.0, 100.0), factor=st.floats(0.01, 100.0))
def test_shifting_targets_shifts_predictions_and_scaling_x_changes_nothing(
    candidate: Any, problem: Problem, shift: float, factor: float
) -> None:
    assume(clear_margins(problem.queries, problem.X, problem.k, problem.p))
    what = f"KNeighborsRegressor({problem.params})"
    base = np.asarray(fitted(candidate, problem, regression=True).predict(problem.queries), dtype=np.float64)
    model = candidate.KNeighborsRegressor(problem.k, weights=problem.weights, p=problem.p)
    expect_close(
        model.fit(factor * problem.X, problem.y + shift).predict(factor * problem.queries),
        base + shift,
        what=f"{what}.fit({factor:.4g} * X, y + {shift:.4g}).predict({factor:.4g} * queries)",
        rtol=1e-9,
        atol=1e-9 * (1.0 + abs(shift)),
        source="the unscaled fit's predictions plus the shift",
    )
