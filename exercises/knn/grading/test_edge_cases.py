"""The corners the statement pins: ties, zero distances, far-off data, 0.1, one class, tiny inputs, lists."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from knn_data import DISTANCE_RTOL, SMALLEST, STABLE, ZERO_RULE, read_neighbours, read_predictions, read_proba

from grader.testing import CheckFailed, expect_close, expect_equal, points

EXACT_ZERO = "a query equal to a training point is at distance exactly 0: compute distances from differences x - t"
FAR = "data far from the origin: compute distances from differences x - t, not from ||x||² - 2 x·t + ||t||²"


@points(1, category="edge_cases")
def test_equal_distances_at_the_boundary_go_by_training_order(candidate: Any) -> None:
    X = np.array([[3.0], [-1.0], [1.0], [5.0], [-1.0]])
    what = f"KNeighborsRegressor(n_neighbors=2).fit([[3], [-1], [1], [5], [-1]], [0, 10, 20, 30, 40]) ({STABLE})"
    model = candidate.KNeighborsRegressor(2).fit(X, np.array([0.0, 10.0, 20.0, 30.0, 40.0]))
    dist, ind = read_neighbours(model.kneighbors(np.array([[0.0]])), what=f"{what}.kneighbors([[0]])", n_queries=1, k=2)
    expect_equal(ind, np.array([[1, 2]]), what=f"{what}.kneighbors([[0]]) indices", source="the statement's rule")
    expect_close(dist, np.array([[1.0, 1.0]]), what=f"{what}.kneighbors([[0]]) distances", source="the statement")
    expect_close(
        model.predict(np.array([[0.0]])), np.array([15.0]), what=f"{what}.predict([[0]])", source="the statement"
    )


def line_with_ties(seed: int) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """300 points on the integers 0..19 of a line (many at each distance) and 40 integer queries."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, 20, size=(300, 1)).astype(np.float64), rng.integers(-2, 22, size=(40, 1)).astype(np.float64)


@points(2, category="edge_cases")
def test_many_equal_distances_go_by_training_order(candidate: Any) -> None:
    for seed, k, p in ((1, 17, 2), (2, 40, 1), (3, 5, 2)):
        X, queries = line_with_ties(seed)
        y = np.arange(300) % 3
        d = np.abs(queries - X[:, 0][None, :])
        expected = np.array([np.lexsort((np.arange(300), row))[:k] for row in d])
        what = f"KNeighborsClassifier(n_neighbors={k}, p={p}).fit(300 points on 20 integers).kneighbors(40 queries)"
        model = candidate.KNeighborsClassifier(k, p=p).fit(X, y)
        dist, ind = read_neighbours(model.kneighbors(queries), what=what, n_queries=40, k=k)
        expect_equal(
            ind, expected, what=f"{what}: indices ({STABLE}; use a stable sort)", source="the statement's rule"
        )
        expect_close(dist, np.take_along_axis(d, expected, axis=1), what=f"{what}: distances", rtol=DISTANCE_RTOL)


@points(1.5, category="edge_cases")
def test_a_tied_vote_goes_to_the_smallest_label(candidate: Any) -> None:
    X = np.array([[-1.0], [1.0], [-2.0], [2.0]])
    for y, weights, k, smallest in (
        (np.array(["b", "a", "b", "a"]), "uniform", 2, "a"),
        (np.array([5, 3, 5, 3]), "distance", 2, 3),
        (np.array([9, 9, -4, -4]), "uniform", 4, -4),
        (np.array(["z", "y", "y", "z"]), "distance", 4, "y"),
    ):
        params = f"n_neighbors={k}, weights={weights!r}"
        what = f"KNeighborsClassifier({params}).fit({X.ravel().tolist()}, {y.tolist()}).predict([[0]])"
        model = candidate.KNeighborsClassifier(k, weights=weights).fit(X, y)
        predicted = read_predictions(model.predict(np.array([[0.0]])), what=what, n_queries=1)
        expect_equal(
            predicted,
            np.array([smallest]),
            what=f"{what} ({SMALLEST}, not the first label seen)",
            source="the statement's rule",
        )
        proba = read_proba(
            model.predict_proba(np.array([[0.0]])),
            what=what.replace(".predict", ".predict_proba"),
            n_queries=1,
            n_classes=2,
        )
        expect_close(
            proba, np.array([[0.5, 0.5]]), what=what.replace(".predict", ".predict_proba"), source="an even vote"
        )


@points(2, category="edge_cases")
def test_zero_distances_take_all_the_weight(candidate: Any) -> None:
    X = np.array([[0.0], [0.0], [1.0], [2.0]])
    y = np.array([1, 2, 2, 1])
    what = "KNeighborsClassifier(n_neighbors=3, weights='distance').fit([[0], [0], [1], [2]], [1, 2, 2, 1])"
    model = candidate.KNeighborsClassifier(3, weights="distance").fit(X, y)
    queries = np.array([[0.0], [1.0], [0.5]])
    proba = read_proba(
        model.predict_proba(queries),
        what=f"{what}.predict_proba([[0], [1], [0.5]]) ({ZERO_RULE}; no division by zero)",
        n_queries=3,
        n_classes=2,
    )
    expect_close(
        proba,
        np.array([[0.5, 0.5], [0.0, 1.0], [1.0 / 3.0, 2.0 / 3.0]]),
        what=f"{what}.predict_proba([[0], [1], [0.5]]) ({ZERO_RULE}; no division by zero)",
        atol=1e-12,
        source="the statement's rule",
    )
    predicted = read_predictions(model.predict(queries), what=f"{what}.predict([[0], [1], [0.5]])", n_queries=3)
    expect_equal(
        predicted,
        np.array([1, 2, 2]),
        what=f"{what}.predict([[0], [1], [0.5]]) ({ZERO_RULE})",
        source="the statement's rule",
    )
    targets = np.array([1.0, 3.0, 10.0, 20.0])
    what = "KNeighborsRegressor(n_neighbors=3, weights='distance').fit([[0], [0], [1], [2]], [1, 3, 10, 20])"
    regressor = candidate.KNeighborsRegressor(3, weights="distance").fit(X, targets)
    expect_close(
        regressor.predict(queries),
        np.array([2.0, 10.0, 14.0 / 3.0]),
        what=f"{what}.predict([[0], [1], [0.5]]) ({ZERO_RULE}; no division by zero)",
        atol=1e-12,
        source="the statement's rule",
    )


@points(1, category="edge_cases")
def test_a_query_on_a_training_point_with_values_like_0_1_is_at_distance_zero(candidate: Any) -> None:
    X = np.column_stack([np.full(8, 0.1), np.arange(8) * 0.1 + 0.3, np.full(8, 1e3 / 3)])
    y = np.array([0, 1, 2, 0, 1, 2, 0, 1])
    what = "KNeighborsClassifier(n_neighbors=3, weights='distance').fit(X with columns 0.1, 0.3 + 0.1 i, 1000/3)"
    model = candidate.KNeighborsClassifier(3, weights="distance").fit(X, y)
    dist, _ = read_neighbours(model.kneighbors(X, 1), what=f"{what}.kneighbors(X, 1)", n_queries=8, k=1)
    expect_equal(dist, np.zeros((8, 1)), what=f"{what}.kneighbors(X, 1) distances ({EXACT_ZERO})", source="exact zeros")
    proba = read_proba(
        model.predict_proba(X), what=f"{what}.predict_proba(X) ({EXACT_ZERO}; {ZERO_RULE})", n_queries=8, n_classes=3
    )
    expect_close(
        proba,
        np.eye(3)[y],
        what=f"{what}.predict_proba(X) ({EXACT_ZERO}; {ZERO_RULE})",
        atol=1e-12,
        source="the statement's rule",
    )


@points(1.5, category="edge_cases")
def test_data_far_from_the_origin_keep_their_neighbours(candidate: Any, reference: ModuleType) -> None:
    for offset, seed in ((1e6, 4), (1e9, 5), (-1e8, 6)):
        rng = np.random.default_rng(seed)
        X = offset + rng.uniform(0.0, 1.0, size=(60, 3))
        queries = offset + rng.uniform(0.0, 1.0, size=(20, 3))
        y = np.arange(60) % 4
        what = f"KNeighborsClassifier(n_neighbors=4, weights='distance').fit(X around {offset:g}, y)"
        model = candidate.KNeighborsClassifier(4, weights="distance").fit(X, y)
        expected = reference.KNeighborsClassifier(4, weights="distance").fit(X, y)
        want_dist, want_ind = expected.kneighbors(queries)
        dist, ind = read_neighbours(model.kneighbors(queries), what=f"{what}.kneighbors(queries)", n_queries=20, k=4)
        expect_equal(ind, want_ind, what=f"{what}.kneighbors(queries) indices ({FAR})")
        expect_close(dist, want_dist, what=f"{what}.kneighbors(queries) distances ({FAR})", rtol=1e-6)
        expect_close(
            model.predict_proba(queries),
            expected.predict_proba(queries),
            what=f"{what}.predict_proba(queries) ({FAR})",
            rtol=1e-6,
            atol=1e-9,
        )


@points(1, category="edge_cases")
def test_manhattan_and_euclidean_pick_different_neighbours(candidate: Any) -> None:
    X = np.array([[0.0, 3.0], [2.0, 2.0]])
    for p, nearest, distance in ((1, 0, 3.0), (2, 1, np.sqrt(8.0))):
        what = f"KNeighborsClassifier(n_neighbors=1, p={p}).fit([[0, 3], [2, 2]], [0, 1]).kneighbors([[0, 0]])"
        model = candidate.KNeighborsClassifier(1, p=p).fit(X, np.array([0, 1]))
        dist, ind = read_neighbours(model.kneighbors(np.array([[0.0, 0.0]])), what=what, n_queries=1, k=1)
        rule = "p=1: sum of |x - t|" if p == 1 else "p=2: square root of the sum of (x - t)²"
        expect_equal(ind, np.array([[nearest]]), what=f"{what} indices ({rule})", source="the statement")
        expect_close(dist, np.array([[distance]]), what=f"{what} distances ({rule})", source="the statement")


@points(1, category="edge_cases")
def test_a_duplicate_of_a_training_point_is_its_neighbour_at_distance_zero(candidate: Any) -> None:
    X = np.array([[0.0], [0.0], [1.0], [5.0]])
    what = "KNeighborsClassifier().fit([[0], [0], [1], [5]], y).kneighbors(None, n_neighbors=2)"
    model = candidate.KNeighborsClassifier(1).fit(X, np.array([0, 1, 0, 1]))
    dist, ind = read_neighbours(model.kneighbors(None, n_neighbors=2), what=what, n_queries=4, k=2)
    expect_equal(
        ind,
        np.array([[1, 2], [0, 2], [0, 1], [2, 0]]),
        what=f"{what} indices (each point left out by its index, not its value: a duplicate is a neighbour; {STABLE})",
        source="the statement's rule",
    )
    expect_close(
        dist,
        np.array([[0.0, 1.0], [0.0, 1.0], [1.0, 1.0], [4.0, 5.0]]),
        what=f"{what} distances",
        source="the statement",
    )


@points(1, category="edge_cases")
def test_one_class_one_sample_and_one_feature(candidate: Any) -> None:
    X = np.array([[1.0], [4.0], [2.0]])
    what = "KNeighborsClassifier(n_neighbors=2).fit([[1], [4], [2]], ['only', 'only', 'only'])"
    model = candidate.KNeighborsClassifier(2).fit(X, np.array(["only"] * 3))
    expect_equal(model.classes_, np.array(["only"]), what=f"{what}.classes_", source="the one label")
    proba = read_proba(
        model.predict_proba(np.array([[0.0], [9.0]])), what=f"{what}.predict_proba", n_queries=2, n_classes=1
    )
    expect_close(proba, np.ones((2, 1)), what=f"{what}.predict_proba([[0], [9]])", source="one class: probability 1")
    expect_equal(
        read_predictions(model.predict(np.array([[0.0], [9.0]])), what=f"{what}.predict", n_queries=2),
        np.array(["only", "only"]),
        what=f"{what}.predict([[0], [9]])",
        source="the one label",
    )
    what = "KNeighborsRegressor(n_neighbors=1).fit([[7, -1]], [2.5])"
    regressor = candidate.KNeighborsRegressor(1).fit(np.array([[7.0, -1.0]]), np.array([2.5]))
    expect_close(
        regressor.predict(np.array([[0.0, 0.0], [7.0, -1.0]])),
        np.array([2.5, 2.5]),
        what=f"{what}.predict",
        source="the one target",
    )


@points(1, category="edge_cases")
def test_nested_lists_and_integer_targets_are_accepted(candidate: Any) -> None:
    X = [[0, 0], [1, 0], [0, 1], [5, 5], [6, 5]]
    what = "KNeighborsClassifier(n_neighbors=3).fit(nested lists, list of labels)"
    try:
        model = candidate.KNeighborsClassifier(3).fit(X, [1, 1, 2, 2, 2])
        predicted = model.predict([[0.2, 0.1], [5.5, 5.0]])
        proba = model.predict_proba([[0.2, 0.1]])
        dist, ind = model.kneighbors([[0.0, 0.0]], 2)
    except (ValueError, TypeError, AttributeError) as error:
        raise CheckFailed(
            f"{what} raised {type(error).__name__}: {str(error)[:200]}; array-likes (nested lists) must be accepted"
        ) from None
    expect_equal(np.asarray(predicted), np.array([1, 2]), what=f"{what}.predict(list)", source="the statement")
    expect_close(proba, np.array([[2 / 3, 1 / 3]]), what=f"{what}.predict_proba(list)", source="the statement")
    expect_equal(
        np.asarray(ind), np.array([[0, 1]]), what=f"{what}.kneighbors(list, 2) indices", source="the statement"
    )
    expect_close(dist, np.array([[0.0, 1.0]]), what=f"{what}.kneighbors(list, 2) distances", source="the statement")
    what = "KNeighborsRegressor(n_neighbors=2).fit(nested lists, integer targets).predict"
    regressor = candidate.KNeighborsRegressor(2).fit(X, [1, 2, 4, 8, 16])
    result = regressor.predict([[0.0, 0.0]])
    expect_close(result, np.array([1.5]), what=f"{what}([[0, 0]]) (a float64 mean)", source="the mean of 1 and 2")
    if np.asarray(result).dtype.kind != "f":
        raise CheckFailed(f"{what}([[0, 0]]) has dtype {np.asarray(result).dtype}; expected float64 predictions")
