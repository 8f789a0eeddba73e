"""From the same explicit start, the candidate's k-means ends where scikit-learn's Lloyd ends."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import assume, given
from kmeans_checks import clear_assignment, expect_same_clustering, read_fit, sklearn_fit
from kmeans_strategies import blobs_with_start, slowly_converging_problem

from grader.testing import FloatArray, load_dataset, points

# Starts (row indices) checked offline: each run takes 4 to 11 iterations, never empties a cluster
# and never comes within 1e-4 of the data's squared scale of a tie between two centres.
IRIS_STARTS = ([40, 46], [1, 78, 99], [17, 19, 64, 137])
WINE_STARTS = ([113, 150], [89, 107, 160], [5, 71, 74, 84])


def fit_both(candidate: Any, X: FloatArray, init: FloatArray, *, what: str, tol: float) -> None:
    """Fit the candidate and scikit-learn from ``init`` and compare the clusterings."""
    expected = sklearn_fit(X, init, tol=tol)
    model = candidate.KMeans(n_clusters=init.shape[0], init=init, tol=tol).fit(X)
    actual = read_fit(model, X, init.shape[0], what=what)
    expect_same_clustering(actual, expected, X, what=what, source="scikit-learn")


@points(2, category="matches_sklearn")
@given(data=blobs_with_start())
def test_converged_clustering_matches_sklearn_from_the_same_start(
    candidate: Any, data: tuple[FloatArray, FloatArray]
) -> None:
    X, init = data
    expected = sklearn_fit(X, init)
    assume(clear_assignment(X, init) and clear_assignment(X, expected.centres))
    k = init.shape[0]
    what = f"KMeans(n_clusters={k}, init=<rows of X>, tol=0).fit(X)"
    actual = read_fit(candidate.KMeans(n_clusters=k, init=init, tol=0.0).fit(X), X, k, what=what)
    expect_same_clustering(actual, expected, X, what=what, source="scikit-learn")


@points(2, category="matches_sklearn")
def test_iris_clustering_matches_sklearn_from_fixed_starts(candidate: Any) -> None:
    X, _ = load_dataset("iris")
    for start in IRIS_STARTS:
        what = f"KMeans(n_clusters={len(start)}, init=X[{start}], tol=0).fit(iris)"
        fit_both(candidate, X, X[start], what=what, tol=0.0)


@points(2, category="matches_sklearn")
def test_standardised_wine_clustering_matches_sklearn_from_fixed_starts(candidate: Any) -> None:
    X, _ = load_dataset("wine")
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    for start in WINE_STARTS:
        what = f"KMeans(n_clusters={len(start)}, init=X[{start}], tol=0).fit(standardised wine)"
        fit_both(candidate, X, X[start], what=what, tol=0.0)


@points(2, category="matches_sklearn")
def test_default_tol_stops_where_sklearn_stops(candidate: Any) -> None:
    X, init = slowly_converging_problem()
    what = (
        "KMeans(n_clusters=3, tol=1e-4, init=<corner start>).fit(1,200 points in a 100 x 100 "
        "square), where scikit-learn stops on the tolerance (tol times the mean per-feature "
        "variance, 833) after 9 of the 13 iterations to convergence"
    )
    fit_both(candidate, X, init, what=what, tol=1e-4)
    # The same square moved 1,000 along the first feature: the per-feature variances, and so the
    # stop, do not change (a variance over the whole array, or along the rows, would grow 300-fold).
    shift = np.array([1000.0, 0.0])
    what = (
        "KMeans(n_clusters=3, tol=1e-4, init=<corner start>).fit(the same square moved by (1000, 0)), where "
        "the tolerance is tol times the mean of the per-feature variances (833, unchanged by the move: "
        "var(X, axis=0), not the variance of all the values), so scikit-learn still stops after 9 iterations"
    )
    fit_both(candidate, X + shift, init + shift, what=what, tol=1e-4)
