"""The corners the statement names: one cluster, one cluster per point, duplicates, one feature,
emptied clusters."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from kmeans_checks import (
    Fit,
    clear_assignment,
    coordinate_atol,
    expect_consistent_fit,
    expect_identical_fits,
    expect_same_clustering,
    fit_allowed,
    inertia_atol,
    read_fit,
    sklearn_fit,
)
from kmeans_strategies import (
    INITS,
    SEEDS,
    blobs,
    blobs_with_start,
    emptied_cluster_problem,
    points_on_their_centres_problem,
    scattered_points,
)

from grader.testing import (
    CheckFailed,
    FloatArray,
    expect_close,
    expect_equal,
    listed,
    offset_matrices,
    points,
    read_array,
    read_labels,
    read_whole_number,
)

AS_MANY = "as many clusters as points is allowed (n_clusters <= n_samples), each point then its own cluster"


@points(1, category="edge_cases")
@given(data=blobs(), init=INITS, seed=SEEDS)
def test_one_cluster_has_the_mean_as_its_centre(
    candidate: Any, data: tuple[FloatArray, int], init: str, seed: int
) -> None:
    X, _ = data
    what = f"KMeans(n_clusters=1, init={init!r}, random_state={seed}).fit(X)"
    fit = read_fit(candidate.KMeans(n_clusters=1, init=init, random_state=seed).fit(X), X, 1, what=what)
    mean = X.mean(axis=0, keepdims=True)
    expect_close(
        fit.centres, mean, what=f"{what}.cluster_centers_", rtol=1e-7, atol=coordinate_atol(X), source="the mean of X"
    )
    expect_equal(fit.labels, np.zeros(X.shape[0], dtype=np.int64), what=f"{what}.labels_", source="a single cluster")
    expect_close(
        fit.inertia,
        float(((X - mean) ** 2).sum()),
        what=f"{what}.inertia_",
        rtol=1e-7,
        atol=inertia_atol(X),
        source="the sum of squared distances to the mean",
    )


@points(1, category="edge_cases")
@given(X=scattered_points(), init=INITS, seed=SEEDS)
def test_as_many_clusters_as_points_gives_zero_inertia(candidate: Any, X: FloatArray, init: str, seed: int) -> None:
    n = X.shape[0]
    what = f"KMeans(n_clusters={n}, init={init!r}, random_state={seed}).fit(X with {n} points)"
    model = fit_allowed(
        lambda: candidate.KMeans(n_clusters=n, init=init, random_state=seed).fit(X), what=what, rule=AS_MANY
    )
    fit = read_fit(model, X, n, what=what)
    expect_close(fit.inertia, 0.0, what=f"{what}.inertia_", atol=inertia_atol(X), source="one cluster per point")
    expect_close(
        fit.centres[fit.labels],
        X,
        what=f"{what}: the centre of each point's cluster",
        rtol=1e-7,
        atol=coordinate_atol(X),
        source="the point itself",
    )
    if np.unique(fit.labels).size != n:
        raise CheckFailed(f"{what}.labels_ is {listed(fit.labels, most=8)}; expected every point in its own cluster")


@points(1, category="edge_cases")
@given(data=blobs_with_start())
def test_duplicated_rows_give_the_same_centres_as_the_originals(
    candidate: Any, data: tuple[FloatArray, FloatArray]
) -> None:
    X, init = data
    expected = sklearn_fit(X, init)
    assume(clear_assignment(X, init) and clear_assignment(X, expected.centres))
    doubled = np.repeat(X, 2, axis=0)
    twice = Fit(expected.centres, np.repeat(expected.labels, 2), 2 * expected.inertia)
    k = init.shape[0]
    what = f"KMeans(n_clusters={k}, init=<rows of X>, tol=0).fit(X with every row duplicated)"
    fit = read_fit(candidate.KMeans(n_clusters=k, init=init, tol=0.0).fit(doubled), doubled, k, what=what)
    expect_same_clustering(fit, twice, doubled, what=what, source="scikit-learn on X without the duplicates")


@points(1, category="edge_cases")
@given(init=st.sampled_from(["k-means++", "random", "array"]), seed=SEEDS)
def test_more_clusters_than_distinct_points_keeps_every_centre_finite(candidate: Any, init: str, seed: int) -> None:
    X = np.repeat(np.array([[1.5, -2.0], [4.0, 3.5]]), 3, axis=0)
    start: Any = X[[0, 1, 3]] if init == "array" else init
    shown = "[[1.5, -2], [1.5, -2], [4, 3.5]]" if init == "array" else repr(init)
    what = f"KMeans(n_clusters=3, init={shown}, random_state={seed}).fit(X with 2 distinct rows, 3 copies each)"
    fit = read_fit(candidate.KMeans(n_clusters=3, init=start, random_state=seed).fit(X), X, 3, what=what)
    expect_close(fit.inertia, 0.0, what=f"{what}.inertia_", atol=inertia_atol(X), source="every point on a centre")
    expect_close(
        fit.centres[fit.labels],
        X,
        what=f"{what}: the centre of each point's cluster",
        rtol=1e-7,
        atol=coordinate_atol(X),
        source="the point itself",
    )


@points(1, category="edge_cases")
@given(data=blobs_with_start(n_features=1))
def test_single_feature_data_matches_sklearn(candidate: Any, data: tuple[FloatArray, FloatArray]) -> None:
    X, init = data
    expected = sklearn_fit(X, init)
    assume(clear_assignment(X, init) and clear_assignment(X, expected.centres))
    k = init.shape[0]
    what = f"KMeans(n_clusters={k}, init=<rows of X>, tol=0).fit(X of shape {X.shape})"
    fit = read_fit(candidate.KMeans(n_clusters=k, init=init, tol=0.0).fit(X), X, k, what=what)
    expect_same_clustering(fit, expected, X, what=what, source="scikit-learn")


@points(2, category="edge_cases")
@given(max_iter=st.sampled_from([1, 2, 300]))
def test_an_emptied_cluster_gets_a_finite_centre(candidate: Any, max_iter: int) -> None:
    X, init, _ = emptied_cluster_problem()
    what = (
        f"KMeans(n_clusters=3, init=[[0.5, 0.5], [9.5, 0.5], [-40, 40]], max_iter={max_iter})"
        ".fit(X), where no point is nearest to (-40, 40) at the first assignment"
    )
    # read_fit fails with a message naming NaN when a centre is not finite.
    fit = read_fit(candidate.KMeans(n_clusters=3, init=init, max_iter=max_iter).fit(X), X, 3, what=what)
    if not np.isfinite(fit.inertia):
        raise CheckFailed(f"{what}.inertia_ is {fit.inertia}; expected a finite number (no NaN)")
    # Finite is not enough: the fit must also be one (labels_ and inertia_ describe the centres).
    expect_consistent_fit(fit, X, what=what)


@points(1, category="edge_cases")
@given(X=scattered_points(max_samples=1))
def test_a_single_point_is_its_own_cluster(candidate: Any, X: FloatArray) -> None:
    what = f"KMeans(n_clusters=1).fit(X of shape {X.shape})"
    fit = read_fit(fit_allowed(lambda: candidate.KMeans(n_clusters=1).fit(X), what=what, rule=AS_MANY), X, 1, what=what)
    expect_close(fit.centres, X, what=f"{what}.cluster_centers_", rtol=1e-12, source="X itself")
    expect_equal(fit.labels, np.zeros(1, dtype=np.int64), what=f"{what}.labels_", source="the only cluster")
    expect_close(fit.inertia, 0.0, what=f"{what}.inertia_", atol=1e-12, source="a single point")


@points(0.5, category="edge_cases")
def test_an_empty_cluster_keeps_its_centre_when_every_point_sits_on_a_centre(candidate: Any) -> None:
    X, init = points_on_their_centres_problem()
    what = (
        "KMeans(n_clusters=3, init=[[1.5, -2], [4, 3.5], [50, 50]]).fit(X: rows (1.5, -2) and (4, 3.5), 3 copies each)"
    )
    model = candidate.KMeans(n_clusters=3, init=init, tol=0.0).fit(X)
    fit = read_fit(model, X, 3, what=what)
    expect_close(
        fit.centres,
        init,
        what=f"{what}.cluster_centers_",
        rtol=0.0,
        atol=1e-12,
        source="the start (every point sits on its centre and the cluster at (50, 50) is empty: with no "
        "point away from its centre there is nothing to relocate, and the empty cluster keeps its centre)",
    )
    expect_equal(fit.labels, np.repeat(np.arange(2), 3), what=f"{what}.labels_", source="each point's own row")
    expect_close(fit.inertia, 0.0, what=f"{what}.inertia_", atol=1e-12, source="every point on a centre")
    n_iter = read_whole_number(model.n_iter_, what=f"{what}.n_iter_")
    if n_iter != 1:
        raise CheckFailed(
            f"{what}.n_iter_ is {n_iter}; expected 1: the first update moves no centre (shift 0 <= tol=0), "
            "so the run stops after its first iteration"
        )


@points(0.5, category="edge_cases")
@given(data=blobs_with_start())
def test_x_given_as_nested_lists_gives_the_same_fit_as_an_array(
    candidate: Any, data: tuple[FloatArray, FloatArray]
) -> None:
    X, init = data
    k = init.shape[0]
    what = f"KMeans(n_clusters={k}, init=<rows of X as lists>).fit(X as nested lists)"
    expected = read_fit(candidate.KMeans(n_clusters=k, init=init).fit(X), X, k, what=what.replace(" as lists", ""))
    expect_consistent_fit(expected, X, what=f"KMeans(n_clusters={k}, init=<rows of X>).fit(X)")
    model = fit_allowed(
        lambda: candidate.KMeans(n_clusters=k, init=init.tolist()).fit(X.tolist()),
        what=what,
        rule="X and init are array-likes: nested lists of numbers must work as arrays do",
    )
    expect_identical_fits(read_fit(model, X, k, what=what), expected, what=what, source="the same fit on arrays")
    plusplus = f"kmeans_plusplus(X as nested lists, {k}, random_state=0)"
    centres = fit_allowed(
        lambda: candidate.kmeans_plusplus(X.tolist(), k, random_state=0),
        what=plusplus,
        rule="X is an array-like: nested lists of numbers must work as arrays do",
    )
    expect_equal(
        read_array(centres, what=plusplus),
        read_array(candidate.kmeans_plusplus(X, k, random_state=0), what=plusplus.replace(" as nested lists", "")),
        what=plusplus,
        source="the same call on an array",
    )
    what = f"{what}.predict(X as nested lists)"
    predicted = fit_allowed(
        lambda: model.predict(X.tolist()),
        what=what,
        rule="predict takes an array-like: nested lists of numbers must work as arrays do",
    )
    expect_equal(
        read_labels(predicted, what=what, n_samples=X.shape[0], n_labels=k),
        expected.labels,
        what=what,
        source="labels_ of the same fit on arrays",
    )


@points(1, category="edge_cases")
@given(X=offset_matrices(), seed=SEEDS)
def test_data_far_from_the_origin_gives_an_accurate_inertia(candidate: Any, X: FloatArray, seed: int) -> None:
    what = (
        f"KMeans(n_clusters=1, random_state={seed}).fit(X whose columns sit around "
        f"{listed(np.round(X.mean(axis=0), 1), most=4)} with a spread of 1)"
    )
    fit = read_fit(candidate.KMeans(n_clusters=1, random_state=seed).fit(X), X, 1, what=what)
    mean = X.mean(axis=0, keepdims=True)
    expect_close(fit.centres, mean, what=f"{what}.cluster_centers_", rtol=1e-12, atol=0.0, source="the mean of X")
    # From differences the inertia is accurate to a few ulps; the expanded form, sum(x²) - 2 x·c + sum(c²),
    # cancels catastrophically here (1e18 against a spread of 1).
    expect_close(
        fit.inertia,
        float(((X - mean) ** 2).sum()),
        what=f"{what}.inertia_",
        rtol=1e-6,
        atol=1e-9,
        source="the sum of squared differences to the mean (data far from the origin: compute it from x - c)",
    )
