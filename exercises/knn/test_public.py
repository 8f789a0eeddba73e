"""Quick self-checks for your knn.py: run ``pytest test_public.py`` next to it.

They use scikit-learn's brute-force estimators as the oracle on data without ties, and the statement's
worked example for the tie rules. Passing them is a good sign, not a guarantee: the hidden suite checks
much more (see README.md).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from knn import KNeighborsClassifier, KNeighborsRegressor
from sklearn.neighbors import KNeighborsClassifier as SklearnClassifier
from sklearn.neighbors import KNeighborsRegressor as SklearnRegressor

FloatArray = npt.NDArray[np.float64]


def make_data(seed: int = 0) -> tuple[FloatArray, npt.NDArray[np.int64], FloatArray]:
    rng = np.random.default_rng(seed)
    return rng.normal(size=(80, 3)), rng.integers(0, 3, size=80), rng.normal(size=(25, 3))


@pytest.mark.parametrize("p", [1, 2])
@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_classifier_matches_sklearn(weights: str, p: int) -> None:
    X, y, queries = make_data()
    mine = KNeighborsClassifier(5, weights=weights, p=p).fit(X, y)
    theirs = SklearnClassifier(n_neighbors=5, weights=weights, p=p, algorithm="brute").fit(X, y)
    distances, indices = mine.kneighbors(queries)
    expected_distances, expected_indices = theirs.kneighbors(queries)
    np.testing.assert_array_equal(indices, expected_indices)
    np.testing.assert_allclose(distances, expected_distances, rtol=1e-7)
    np.testing.assert_allclose(mine.predict_proba(queries), theirs.predict_proba(queries), rtol=1e-7, atol=1e-12)
    np.testing.assert_array_equal(mine.predict(queries), theirs.predict(queries))
    np.testing.assert_array_equal(mine.kneighbors(n_neighbors=3)[1], theirs.kneighbors(n_neighbors=3)[1])


@pytest.mark.parametrize("p", [1, 2])
@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_regressor_matches_sklearn(weights: str, p: int) -> None:
    X, y, queries = make_data(1)
    target = y * 2.0 + X[:, 0]
    mine = KNeighborsRegressor(4, weights=weights, p=p).fit(X, target)
    theirs = SklearnRegressor(n_neighbors=4, weights=weights, p=p, algorithm="brute").fit(X, target)
    np.testing.assert_allclose(mine.predict(queries), theirs.predict(queries), rtol=1e-7)


def test_the_worked_example() -> None:
    X = np.array([[3.0], [-1.0], [1.0], [5.0], [-1.0]])
    model = KNeighborsClassifier(n_neighbors=2).fit(X, np.array(["b", "a", "b", "c", "a"]))
    np.testing.assert_array_equal(model.classes_, ["a", "b", "c"])
    distances, indices = model.kneighbors(np.array([[0.0]]))
    np.testing.assert_array_equal(indices, [[1, 2]])  # equal distances go by training order
    np.testing.assert_allclose(distances, [[1.0, 1.0]])
    np.testing.assert_allclose(model.predict_proba(np.array([[0.0]])), [[0.5, 0.5, 0.0]])
    np.testing.assert_array_equal(model.predict(np.array([[0.0]])), ["a"])  # a tie: the smallest label
    np.testing.assert_array_equal(model.kneighbors(n_neighbors=1)[1].ravel(), [2, 4, 0, 0, 1])
    weighted = KNeighborsRegressor(n_neighbors=3, weights="distance")
    weighted.fit(np.array([[0.0], [0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 10.0, 20.0]))
    np.testing.assert_allclose(weighted.predict(np.array([[0.0], [0.5]])), [2.0, 14.0 / 3.0])


def test_predict_before_fit_says_not_fitted() -> None:
    with pytest.raises((ValueError, AttributeError), match=r"not fitted|fit"):
        KNeighborsClassifier().predict(np.zeros((1, 2)))


def test_too_many_neighbours_are_rejected() -> None:
    X, y, _ = make_data()
    with pytest.raises(ValueError):
        KNeighborsClassifier(81).fit(X, y).predict(X)
