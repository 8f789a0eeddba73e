"""Where the statement pins the answer down step by step, the candidate matches the reference."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import assume, given
from kmeans_checks import clear_assignment, coordinate_atol, expect_same_clustering, read_fit, reference_fit
from kmeans_strategies import blobs_with_start, emptied_cluster_problem, two_emptied_clusters_problem

from grader.testing import FloatArray, expect_close, expect_equal, points


@points(3, category="matches_reference")
@given(data=blobs_with_start())
def test_one_lloyd_step_from_a_given_start_matches_the_reference(
    candidate: Any, reference: Any, data: tuple[FloatArray, FloatArray]
) -> None:
    X, init = data
    k = init.shape[0]
    expected = reference_fit(reference, X, init, max_iter=1)
    assume(clear_assignment(X, init) and clear_assignment(X, expected.centres))
    what = f"KMeans(n_clusters={k}, init=<rows of X>, max_iter=1).fit(X)"
    actual = read_fit(candidate.KMeans(n_clusters=k, init=init, max_iter=1).fit(X), X, k, what=what)
    # One step from a start of distinct rows empties no cluster: clusters keep their numbers.
    expect_close(actual.centres, expected.centres, what=f"{what}.cluster_centers_", rtol=1e-7, atol=coordinate_atol(X))
    expect_equal(actual.labels, expected.labels, what=f"{what}.labels_ (for the new centres)")
    expect_close(actual.inertia, expected.inertia, what=f"{what}.inertia_", rtol=1e-7)


@points(2, category="matches_reference")
def test_an_emptied_cluster_is_relocated_to_the_farthest_point(candidate: Any, reference: Any) -> None:
    X, init, _ = emptied_cluster_problem()
    what = (
        "KMeans(n_clusters=3, init=[[0.5, 0.5], [9.5, 0.5], [-40, 40]]).fit(X), where the centre "
        "at (-40, 40) gets no point and must be relocated to the point farthest from its centre, "
        "(4.1, 13.3)"
    )
    expected = reference_fit(reference, X, init)
    actual = read_fit(candidate.KMeans(n_clusters=3, init=init).fit(X), X, 3, what=what)
    expect_same_clustering(actual, expected, X, what=what, source="the reference")
    # The farthest point at squared distance exactly 1 from its centre still moves (only 0 keeps it).
    X, init = np.array([[0.0], [2.0], [3.0]]), np.array([[0.0], [2.0], [100.0]])
    what = (
        "KMeans(n_clusters=3, init=[[0], [2], [100]]).fit([[0], [2], [3]]), where the centre at 100 gets no "
        "point and must be relocated to 3, the point farthest from its centre (squared distance 1)"
    )
    expected = reference_fit(reference, X, init)
    actual = read_fit(candidate.KMeans(n_clusters=3, init=init).fit(X), X, 3, what=what)
    expect_same_clustering(actual, expected, X, what=what, source="the reference")


@points(1, category="matches_reference")
def test_two_emptied_clusters_take_the_two_farthest_points(candidate: Any, reference: Any) -> None:
    X, init, _ = two_emptied_clusters_problem()
    for max_iter in (1, 300):
        what = (
            f"KMeans(n_clusters=4, init=[[0.5, 0.5], [9.5, 0.5], [60, 0], [-50, 0]], "
            f"max_iter={max_iter}).fit(X), where the two far centres get no point at the first "
            "assignment and must move to the two points farthest from their centres, (2.5, 14) "
            "and (6, -12), which leave the clusters of A and B"
        )
        expected = reference_fit(reference, X, init, max_iter=max_iter)
        actual = read_fit(candidate.KMeans(n_clusters=4, init=init, max_iter=max_iter).fit(X), X, 4, what=what)
        expect_same_clustering(actual, expected, X, what=what, source="the reference")
