"""Invariants any correct k-means has, and the statistics of its two random initialisations."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st
from kmeans_checks import (
    clear_assignment,
    coordinate_atol,
    expect_consistent_fit,
    expect_distinct_rows_of,
    expect_identical_fits,
    expect_interval_means,
    expect_nearest_labels,
    inertia_atol,
    plusplus_centres,
    read_fit,
    read_predicted,
    sklearn_fit,
    squared_distances,
)
from kmeans_strategies import (
    INITS,
    SEEDS,
    blobs,
    blobs_with_start,
    far_apart_groups,
    group_of_each_point,
    line_with_a_close_pair,
    tol_sensitive_problem,
)

from grader.testing import (
    CheckFailed,
    FloatArray,
    brief,
    expect_close,
    expect_equal,
    points,
    read_array,
    read_whole_number,
    same_object,
)

# far_apart_groups: plain D² sampling puts one centre in each of the 3 groups with probability
# 0.9601 (exact, by enumerating the first two draws); sampling proportional to D does so with
# probability 0.235, D² to the last centre only with 0.029, uniform sampling with 0.0006.
# Over 60 seeds, a correct sampler falls below 44 successes with probability 1.2e-10, and a
# D-proportional sampler reaches 44 with probability 5e-16.
PLUSPLUS_SEEDS = 60
PLUSPLUS_MIN_SUCCESSES = 44
# line_with_a_close_pair with n_clusters=19 of 20 points: a start of 19 distinct rows misses one
# point, one of the close pair with probability 2/20, and only then does one step give a centre at
# the pair's mean 0.05. Drawn with replacement, about half the starts do (empty clusters relocate to
# the farthest points, leaving the close pair's lone point merged). Over 100 seeds, distinct rows
# reach 33 such starts with probability 3e-10.
RANDOM_INIT_SEEDS = 100
RANDOM_INIT_MAX_MERGES = 32


@points(2, category="properties")
@given(data=blobs_with_start(), max_iter=st.integers(1, 3), tol=st.sampled_from([0.0, 1e-4, 0.1]))
def test_every_point_is_labelled_with_a_nearest_final_centre(
    candidate: Any, data: tuple[FloatArray, FloatArray], max_iter: int, tol: float
) -> None:
    X, init = data
    k = init.shape[0]
    what = f"KMeans(n_clusters={k}, init=<rows of X>, max_iter={max_iter}, tol={tol:g}).fit(X)"
    fit = read_fit(candidate.KMeans(n_clusters=k, init=init, max_iter=max_iter, tol=tol).fit(X), X, k, what=what)
    expect_nearest_labels(fit.labels, fit.centres, X, what=what)


@points(1, category="properties")
@given(data=blobs_with_start(), max_iter=st.integers(1, 3))
def test_inertia_is_the_sum_of_squared_distances_to_the_nearest_final_centres(
    candidate: Any, data: tuple[FloatArray, FloatArray], max_iter: int
) -> None:
    X, init = data
    k = init.shape[0]
    what = f"KMeans(n_clusters={k}, init=<rows of X>, max_iter={max_iter}).fit(X).inertia_"
    fit = read_fit(candidate.KMeans(n_clusters=k, init=init, max_iter=max_iter).fit(X), X, k, what=what)
    expect_close(
        fit.inertia,
        float(squared_distances(X, fit.centres).min(axis=1).sum()),
        what=what,
        rtol=1e-7,
        atol=inertia_atol(X),
        source="the sum of squared distances from each point to its nearest centre in cluster_centers_",
    )


@points(1, category="properties")
@given(data=blobs_with_start())
def test_centres_are_the_means_of_their_points_at_convergence(
    candidate: Any, data: tuple[FloatArray, FloatArray]
) -> None:
    X, init = data
    k = init.shape[0]
    what = f"KMeans(n_clusters={k}, init=<rows of X>, tol=0).fit(X)"
    fit = read_fit(candidate.KMeans(n_clusters=k, init=init, tol=0.0).fit(X), X, k, what=what)
    for cluster in np.unique(fit.labels):
        members = fit.labels == cluster
        expect_close(
            fit.centres[cluster],
            X[members].mean(axis=0),
            rtol=1e-7,
            atol=coordinate_atol(X),
            what=f"{what}: cluster_centers_[{cluster}] after convergence",
            source=f"the mean of the {int(members.sum())} points labelled {cluster}",
        )


@points(1, category="properties")
@given(data=blobs_with_start(), seed=SEEDS)
def test_predict_gives_each_point_its_nearest_centre(
    candidate: Any, data: tuple[FloatArray, FloatArray], seed: int
) -> None:
    X, init = data
    n, k = X.shape[0], init.shape[0]
    model_what = f"KMeans(n_clusters={k}, init=<rows of X>)"
    model = candidate.KMeans(n_clusters=k, init=init).fit(X)
    fit = read_fit(model, X, k, what=f"{model_what}.fit(X)")
    what = f"{model_what}.fit(X).predict(X)"
    expect_equal(
        read_predicted(model.predict(X), what=what, n_samples=n, n_clusters=k), fit.labels, what=what, source="labels_"
    )
    what = f"{model_what}.fit_predict(X)"
    again = candidate.KMeans(n_clusters=k, init=init).fit_predict(X)
    expect_equal(
        read_predicted(again, what=what, n_samples=n, n_clusters=k),
        fit.labels,
        what=what,
        source="labels_ of the same fit",
    )
    new = np.random.default_rng(seed).uniform(X.min(axis=0) - 5.0, X.max(axis=0) + 5.0, size=(7, X.shape[1]))
    what = f"{model_what}.fit(X).predict(new points)"
    expect_nearest_labels(
        read_predicted(model.predict(new), what=what, n_samples=7, n_clusters=k),
        fit.centres,
        new,
        what=what,
        hint="predict must give each new point its nearest centre in cluster_centers_",
    )


@points(0.5, category="properties")
@given(data=blobs_with_start(), seed=SEEDS)
def test_shifting_and_scaling_x_shifts_and_scales_the_centres(
    candidate: Any, data: tuple[FloatArray, FloatArray], seed: int
) -> None:
    X, init = data
    k = init.shape[0]
    expected = sklearn_fit(X, init, tol=1e-4)
    assume(clear_assignment(X, init) and clear_assignment(X, expected.centres))
    rng = np.random.default_rng(seed)
    factor = float(10.0 ** rng.uniform(-1.0, 1.0))
    offset = rng.uniform(-100.0, 100.0, size=X.shape[1])
    what = f"KMeans(n_clusters={k}, init=<rows of X>).fit(X)"
    original = read_fit(candidate.KMeans(n_clusters=k, init=init).fit(X), X, k, what=what)
    moved_what = f"KMeans(n_clusters={k}, init={factor:.4g} * init + b).fit({factor:.4g} * X + b)"
    Y = factor * X + offset
    moved = read_fit(candidate.KMeans(n_clusters=k, init=factor * init + offset).fit(Y), Y, k, what=moved_what)
    expect_equal(moved.labels, original.labels, what=f"{moved_what}.labels_", source="labels_ of the unmoved fit")
    expect_close(
        moved.centres,
        factor * original.centres + offset,
        rtol=1e-7,
        atol=coordinate_atol(Y),
        what=f"{moved_what}.cluster_centers_",
        source="the unmoved fit's centres, scaled and shifted the same way",
    )


@points(0.5, category="properties")
@given(data=blobs(), n_clusters=st.integers(1, 6), seed=SEEDS)
def test_kmeans_plusplus_returns_distinct_rows_of_x(
    candidate: Any, data: tuple[FloatArray, int], n_clusters: int, seed: int
) -> None:
    X, _ = data
    what = f"kmeans_plusplus(X, {n_clusters}, random_state={seed})"
    expect_distinct_rows_of(X, plusplus_centres(candidate, X, n_clusters, seed), what=what)


@points(2, category="properties")
def test_kmeans_plusplus_finds_far_apart_groups_far_more_often_than_uniform_sampling(candidate: Any) -> None:
    unit, n_groups = far_apart_groups()
    group = group_of_each_point(unit)
    # D² sampling does not depend on the scale: the same points shrunk 1,000-fold (every D² below 1)
    # must be sampled the same way.
    for scale, shown in (
        (1.0, "200 points in a unit disc and two tight pairs 60 away"),
        (1e-3, "the same points shrunk 1,000-fold"),
    ):
        X = scale * unit
        successes = 0
        for seed in range(PLUSPLUS_SEEDS):
            centres = plusplus_centres(candidate, X, n_groups, seed)
            nearest = squared_distances(centres, X).argmin(axis=1)
            successes += int(np.unique(group[nearest]).size == n_groups)
        if successes < PLUSPLUS_MIN_SUCCESSES:
            raise_few_successes(successes, shown)


def raise_few_successes(successes: int, shown: str) -> None:
    """The k-means++ statistic failed: say how often each sampling rule finds the three groups."""
    raise CheckFailed(
        f"kmeans_plusplus(X, 3, random_state=seed) for seeds 0..{PLUSPLUS_SEEDS - 1}, on {shown}, "
        f"put one centre in each group {successes} times; sampling with probability proportional to the "
        f"squared distance to the nearest chosen centre (D²) does so about 58 times (at least "
        f"{PLUSPLUS_MIN_SUCCESSES} expected), sampling proportional to D about 14, uniform sampling almost never"
    )


@points(1, category="properties")
def test_random_init_starts_from_distinct_rows(candidate: Any) -> None:
    X = line_with_a_close_pair()
    k = X.shape[0] - 1
    merges = 0
    for seed in range(RANDOM_INIT_SEEDS):
        model = candidate.KMeans(n_clusters=k, init="random", max_iter=1, random_state=seed).fit(X)
        what = f"KMeans(n_clusters={k}, init='random', max_iter=1, random_state={seed}).fit(20 points on a line)"
        fit = read_fit(model, X, k, what=what)
        # Only a real Lloyd step counts: labels_ on the nearest centres, every centre a mean of nearby points.
        expect_consistent_fit(fit, X, what=what)
        expect_interval_means(X, fit.centres, what=what)
        merges += int(np.any(np.abs(fit.centres.ravel() - 0.05) < 1e-9))
    if merges > RANDOM_INIT_MAX_MERGES:
        raise CheckFailed(
            f"KMeans(n_clusters={k}, init='random', max_iter=1, random_state=seed).fit(X) for "
            f"seeds 0..{RANDOM_INIT_SEEDS - 1}, on 20 points of a line with one close pair (0 and "
            f"0.1), ended with a centre at the pair's mean 0.05 in {merges} fits; a start of "
            f"{k} distinct rows does so only when it misses a point of the pair (about 10 fits, "
            f"at most {RANDOM_INIT_MAX_MERGES} expected). Are the starting rows drawn with "
            "replacement? They must be distinct rows of X"
        )


@points(0.5, category="properties")
@given(data=blobs(), seed=SEEDS, init=INITS)
def test_the_same_random_state_gives_the_same_result(
    candidate: Any, data: tuple[FloatArray, int], seed: int, init: str
) -> None:
    X, n_blobs = data
    what = f"KMeans(n_clusters={n_blobs}, init={init!r}, max_iter=1, random_state={seed}).fit(X)"
    first, second = (
        read_array(
            candidate.KMeans(n_clusters=n_blobs, init=init, max_iter=1, random_state=seed).fit(X).cluster_centers_,
            what=f"{what}.cluster_centers_",
        )
        for _ in range(2)
    )
    expect_equal(
        second,
        first,
        what=f"{what}.cluster_centers_, fitted a second time",
        source="the first fit with the same random_state",
    )
    plusplus = f"kmeans_plusplus(X, {n_blobs}, random_state={seed})"
    first, second = (plusplus_centres(candidate, X, n_blobs, seed) for _ in range(2))
    expect_equal(
        second, first, what=f"{plusplus}, called a second time", source="the first call with the same random_state"
    )


@points(0.5, category="properties")
@given(data=blobs_with_start(), max_iter=st.integers(1, 300))
def test_fit_returns_the_estimator_itself(candidate: Any, data: tuple[FloatArray, FloatArray], max_iter: int) -> None:
    X, init = data
    k = init.shape[0]
    model = candidate.KMeans(n_clusters=k, init=init, max_iter=max_iter)
    what = f"KMeans(n_clusters={k}, init=<rows of X>, max_iter={max_iter}).fit(X)"
    returned = model.fit(X)
    if not same_object(returned, model):
        raise CheckFailed(f"{what} returned {brief(returned)}; expected the estimator itself (self)")
    expect_consistent_fit(read_fit(model, X, k, what=what), X, what=what)
    n_iter = read_whole_number(model.n_iter_, what=f"{what}.n_iter_")
    if not 1 <= n_iter <= max_iter:
        raise CheckFailed(
            f"{what}.n_iter_ is {n_iter}; expected a whole number of iterations between 1 and max_iter={max_iter}"
        )


@points(1, category="properties")
@given(
    first=blobs_with_start(),
    second=blobs_with_start(),
    init=st.sampled_from(["k-means++", "random", "array"]),
    max_iter=st.sampled_from([1, 300]),
    seed=SEEDS,
)
def test_fitting_again_on_other_data_gives_the_second_fits_model(
    candidate: Any,
    first: tuple[FloatArray, FloatArray],
    second: tuple[FloatArray, FloatArray],
    init: str,
    max_iter: int,
    seed: int,
) -> None:
    X, start = second
    k = start.shape[0]
    old = first[0]
    assume(old.shape[0] >= k)
    d = X.shape[1]
    old = old[:, :d] if old.shape[1] >= d else np.hstack([old, np.zeros((old.shape[0], d - old.shape[1]))])
    chosen: Any = start if init == "array" else init
    shown = "<rows of X>" if init == "array" else repr(init)
    params = f"n_clusters={k}, init={shown}, max_iter={max_iter}, random_state={seed}"
    what = f"KMeans({params}).fit(other data).fit(X)"
    expected = read_fit(
        candidate.KMeans(n_clusters=k, init=chosen, max_iter=max_iter, random_state=seed).fit(X),
        X,
        k,
        what=f"KMeans({params}).fit(X)",
    )
    expect_consistent_fit(expected, X, what=f"KMeans({params}).fit(X)")
    model = candidate.KMeans(n_clusters=k, init=chosen, max_iter=max_iter, random_state=seed)
    model.fit(old)
    model.fit(X)
    expect_identical_fits(
        read_fit(model, X, k, what=what),
        expected,
        what=what,
        source="a fresh estimator fitted on X alone (a second fit must forget the first: nothing learned from "
        "the other data may carry over)",
    )
    what = f"{what}.predict(X)"
    expect_equal(
        read_predicted(model.predict(X), what=what, n_samples=X.shape[0], n_clusters=k),
        expected.labels,
        what=what,
        source="labels_ of the second fit",
    )


@points(0.5, category="properties")
@given(data=blobs_with_start(), seed=SEEDS)
def test_predict_on_as_many_new_points_as_training_points_gives_their_nearest_centres(
    candidate: Any, data: tuple[FloatArray, FloatArray], seed: int
) -> None:
    X, init = data
    n, k = X.shape[0], init.shape[0]
    model = candidate.KMeans(n_clusters=k, init=init).fit(X)
    fit = read_fit(model, X, k, what=f"KMeans(n_clusters={k}, init=<rows of X>).fit(X)")
    new = np.random.default_rng(seed).uniform(X.min(axis=0) - 5.0, X.max(axis=0) + 5.0, size=X.shape)
    what = f"KMeans(n_clusters={k}, init=<rows of X>).fit(X).predict({n} new points, as many as in X)"
    predicted = read_predicted(model.predict(new), what=what, n_samples=n, n_clusters=k)
    expect_nearest_labels(
        predicted,
        fit.centres,
        new,
        what=what,
        hint="predict must give each row of the X it is given its nearest centre, whatever the rows: these are "
        "new points, not the training ones",
    )


@points(0.5, category="properties")
@given(data=blobs(), seed=SEEDS)
def test_default_parameters_are_the_ones_the_statement_gives(
    candidate: Any, data: tuple[FloatArray, int], seed: int
) -> None:
    X, n_blobs = data
    k = min(n_blobs, X.shape[0])
    explicit = f"KMeans(n_clusters={k}, init='k-means++', max_iter=300, tol=1e-4, random_state={seed}).fit(X)"
    expected = read_fit(
        candidate.KMeans(n_clusters=k, init="k-means++", max_iter=300, tol=1e-4, random_state=seed).fit(X),
        X,
        k,
        what=explicit,
    )
    expect_consistent_fit(expected, X, what=explicit)
    what = f"KMeans(n_clusters={k}, random_state={seed}).fit(X) (default init, max_iter and tol)"
    actual = read_fit(candidate.KMeans(n_clusters=k, random_state=seed).fit(X), X, k, what=what)
    expect_identical_fits(actual, expected, what=what, source=f"the default parameters spelled out, {explicit}")
    X, init = tol_sensitive_problem()
    explicit = "KMeans(n_clusters=3, init=<corner start>, max_iter=300, tol=1e-4).fit(1,500 points in a square)"
    expected = read_fit(candidate.KMeans(n_clusters=3, init=init, max_iter=300, tol=1e-4).fit(X), X, 3, what=explicit)
    what = "KMeans(n_clusters=3, init=<corner start>).fit(1,500 points in a square) (default max_iter and tol)"
    actual = read_fit(candidate.KMeans(n_clusters=3, init=init).fit(X), X, 3, what=what)
    expect_identical_fits(actual, expected, what=what, source=f"the default parameters spelled out, {explicit}")
    what = f"KMeans(random_state={seed}).fit(1,500 points in a square) (default n_clusters=8)"
    expect_consistent_fit(read_fit(candidate.KMeans(random_state=seed).fit(X), X, 8, what=what), X, what=what)
