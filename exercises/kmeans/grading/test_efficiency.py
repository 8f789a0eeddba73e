"""On 20,000 x 10 points, the candidate is within a generous multiple of the reference's time.

Each repeat times a fresh input of the same size, from the call until every output is read back,
and compares that output in full: a cache, postponed work or a shortcut on large inputs earns nothing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from kmeans_checks import Fit, expect_distinct_rows_of, expect_same_clustering, plusplus_centres, read_fit, rows_of
from kmeans_strategies import efficiency_problem, far_blobs_problem

from grader.testing import CheckFailed, FloatArray, IntArray, assert_fast_enough, points

# Best of 3 runs each; the reference takes a few tens of milliseconds for either call, so a
# vectorised solution passes with room to spare while a Python loop over samples does not.
WITHIN = 15.0
FIT = "KMeans(n_clusters=8, init=<array>).fit(X of shape (20000, 10))"
PLUSPLUS = "kmeans_plusplus(X of shape (20000, 10), 8, random_state=0)"


@points(1, category="efficiency")
def test_fit_on_20000_points_with_8_clusters_is_fast_enough(candidate: Any, reference: Any, sandbox: Any) -> None:
    def candidate_fit(sent: tuple[Any, FloatArray, FloatArray]) -> Fit:
        held, init, X = sent
        model = candidate.KMeans(n_clusters=8, init=init).fit(held)
        model.n_iter_  # noqa: B018  (read too, so that work postponed to it is timed)
        return read_fit(model, X, 8, what=FIT)

    def reference_fit(problem: tuple[FloatArray, FloatArray]) -> Fit:
        X, init = problem
        model = reference.KMeans(n_clusters=8, init=init).fit(X)
        return Fit(model.cluster_centers_, model.labels_.astype(np.int64), model.inertia_)

    def same(actual: Fit, expected: Fit, problem: tuple[FloatArray, FloatArray]) -> None:
        expect_same_clustering(actual, expected, problem[0], what=FIT, source="the reference")

    assert_fast_enough(
        candidate_fit,
        reference_fit,
        inputs=efficiency_problem,
        prepare=lambda problem: (sandbox.hold(problem[0]), problem[1], problem[0]),
        compare=same,
        within=WITHIN,
        what=FIT,
    )


@points(1, category="efficiency")
def test_kmeans_plusplus_on_20000_points_is_fast_enough(candidate: Any, reference: Any, sandbox: Any) -> None:
    def candidate_seeds(sent: tuple[Any, FloatArray]) -> FloatArray:
        held, X = sent
        return plusplus_centres(candidate, held, 8, 0, n_features=X.shape[1])

    def one_per_blob(actual: FloatArray, expected: FloatArray, problem: tuple[FloatArray, IntArray]) -> None:
        # Random draws differ between correct solutions, so the rows cannot be compared with the
        # reference's. On blobs this far apart D² sampling picks one row in every blob (a miss has
        # probability below 1e-8), which a shortcut on a subset of the rows, or the first rows, does not.
        X, blob = problem
        expect_distinct_rows_of(X, actual, what=PLUSPLUS)
        covered = np.unique(blob[rows_of(X, actual)])
        if covered.size != 8:
            missing = sorted(set(range(8)) - set(covered.tolist()))
            raise CheckFailed(
                f"{PLUSPLUS} on 8 blobs far apart picked no row of blob(s) {missing}: D² sampling "
                "over every row of X picks one row in each (the chance of a miss is below 1e-8)"
            )

    assert_fast_enough(
        candidate_seeds,
        lambda problem: reference.kmeans_plusplus(problem[0], 8, random_state=0),
        inputs=far_blobs_problem,
        prepare=lambda problem: (sandbox.hold(problem[0]), problem[0]),
        compare=one_per_blob,
        within=WITHIN,
        what=PLUSPLUS,
    )
