"""Shared checks for the k-means suite: read a fitted model back from the worker and judge it.

Clusterings are compared up to renaming the clusters: a match maps every cluster of the candidate to
one cluster of the expected answer, and the centres are then compared in that order. Distances here
are computed from differences (never the expanded form), so they are accurate wherever the data sit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.cluster import KMeans as SklearnKMeans

from grader.testing import (
    CandidateRaised,
    CheckFailed,
    FloatArray,
    IntArray,
    brief,
    expect_close,
    first_difference,
    listed,
    quietly,
    read_array,
    read_labels,
    read_number,
    remembered,
)

# Gaps between the nearest and second-nearest centre smaller than this share of the data's squared
# scale are "near ties": two correct implementations may break them differently.
NEAR_TIE = 1e-8
# Elementwise tolerances for centres and inertia (both are sums: only rounding may differ).
RTOL = 1e-7


@dataclass(frozen=True)
class Fit:
    """What a fitted model holds, as plain data."""

    centres: FloatArray
    labels: IntArray
    inertia: float


def squared_distances(X: FloatArray, centres: FloatArray) -> FloatArray:
    """``(n_samples, n_clusters)`` squared Euclidean distances, from differences."""
    difference = X[:, None, :] - centres[None, :, :]
    distances: FloatArray = np.einsum("ijk,ijk->ij", difference, difference)
    return distances


def scale_of(X: FloatArray) -> float:
    """The data's squared scale: the largest squared norm, at least 1."""
    return max(1.0, float(np.max(np.einsum("ij,ij->i", X, X))))


def coordinate_atol(X: FloatArray) -> float:
    """Absolute tolerance for coordinates, relative to the data's magnitude."""
    return 1e-9 * max(1.0, float(np.max(np.abs(X))))


def inertia_atol(X: FloatArray) -> float:
    """Absolute tolerance for an inertia: the rounding of the expanded distance formula."""
    return 1e-9 * max(1.0, float(np.einsum("ij,ij->", X, X)))


def clear_assignment(X: FloatArray, centres: FloatArray) -> bool:
    """Whether every point's nearest centre beats the second nearest by more than a near tie."""
    if centres.shape[0] < 2:
        return True
    distances = np.sort(squared_distances(X, centres), axis=1)
    return bool(np.min(distances[:, 1] - distances[:, 0]) > NEAR_TIE * scale_of(X))


def sklearn_fit(X: FloatArray, init: FloatArray, *, tol: float = 0.0, max_iter: int = 300) -> Fit:
    """scikit-learn's Lloyd k-means from ``init``, run once."""
    return Fit(*_sklearn_fit(X, init, tol, max_iter))


@remembered  # computed once per input, for every submission graded with this suite
def _sklearn_fit(X: FloatArray, init: FloatArray, tol: float, max_iter: int) -> tuple[FloatArray, IntArray, float]:
    model = SklearnKMeans(n_clusters=init.shape[0], init=init, n_init=1, tol=tol, max_iter=max_iter, algorithm="lloyd")
    quietly(model.fit, X)
    return model.cluster_centers_, model.labels_.astype(np.int64), float(model.inertia_)


def reference_fit(reference: Any, X: FloatArray, init: FloatArray, **params: Any) -> Fit:
    """The reference's fit from ``init``, run in the judge."""
    model = reference.KMeans(n_clusters=init.shape[0], init=init, **params).fit(X)
    return Fit(model.cluster_centers_, model.labels_.astype(np.int64), float(model.inertia_))


def read_fit(model: Any, X: FloatArray, n_clusters: int, *, what: str) -> Fit:
    """Read ``cluster_centers_``, ``labels_`` and ``inertia_`` back and check their form."""
    centres = read_array(model.cluster_centers_, what=f"{what}.cluster_centers_", shape=(n_clusters, X.shape[1]))
    labels = read_labels(model.labels_, what=f"{what}.labels_", n_samples=X.shape[0], n_labels=n_clusters)
    inertia = read_number(model.inertia_, what=f"{what}.inertia_", finite=False)
    if not np.isfinite(centres).all():
        raise CheckFailed(
            f"{what}.cluster_centers_ contains NaN or infinite values: {brief(centres)}; every "
            "centre must stay finite (an empty cluster moves to the point farthest from its centre)"
        )
    return Fit(centres.astype(np.float64), labels, inertia)


def read_predicted(values: Any, *, what: str, n_samples: int, n_clusters: int) -> IntArray:
    """Labels returned by ``predict`` or ``fit_predict``: integers in ``0..n_clusters - 1``."""
    return read_labels(values, what=what, n_samples=n_samples, n_labels=n_clusters)


def matching(actual: IntArray, expected: IntArray, n_clusters: int) -> IntArray | None:
    """``order`` with ``actual`` cluster ``a`` = ``expected`` cluster ``order[a]``, or None.

    Clusters without points (in both answers) are paired in increasing order.
    """
    order = np.full(n_clusters, -1, dtype=np.int64)
    for cluster in range(n_clusters):
        members = expected[actual == cluster]
        if members.size == 0:
            continue
        if np.any(members != members[0]):
            return None
        order[cluster] = members[0]
    used = order[order >= 0]
    if np.unique(used).size != used.size:
        return None
    order[order < 0] = np.setdiff1d(np.arange(n_clusters), used)
    return order


def partition_difference(actual: IntArray, expected: IntArray, *, source: str) -> str:
    """Two points that show how the partitions differ, in words."""
    for cluster in np.unique(actual):
        members = np.flatnonzero(actual == cluster)
        apart = members[expected[members] != expected[members[0]]]
        if apart.size:
            i, j = int(members[0]), int(apart[0])
            return (
                f"points {i} and {j} share cluster {cluster} in labels_, but {source} puts "
                f"them in different clusters ({expected[i]} and {expected[j]})"
            )
    for cluster in np.unique(expected):
        members = np.flatnonzero(expected == cluster)
        apart = members[actual[members] != actual[members[0]]]
        if apart.size:
            i, j = int(members[0]), int(apart[0])
            return (
                f"points {i} and {j} share a cluster in {source}'s answer, but labels_ puts "
                f"them in clusters {actual[i]} and {actual[j]}"
            )
    return "the partitions are the same"


def expect_same_clustering(actual: Fit, expected: Fit, X: FloatArray, *, what: str, source: str) -> None:
    """Same partition (up to renaming clusters), same centres in that order, same inertia."""
    n_clusters = expected.centres.shape[0]
    order = matching(actual.labels, expected.labels, n_clusters)
    if order is None:
        raise CheckFailed(
            f"{what}: labels_ group the points differently from {source}: "
            f"{partition_difference(actual.labels, expected.labels, source=source)}"
        )
    expect_close(
        actual.centres,
        expected.centres[order],
        what=f"{what}: cluster_centers_",
        rtol=RTOL,
        atol=coordinate_atol(X),
        source=source,
    )
    expect_close(
        actual.inertia, expected.inertia, what=f"{what}: inertia_", rtol=RTOL, atol=inertia_atol(X), source=source
    )


def expect_identical_fits(actual: Fit, expected: Fit, *, what: str, source: str) -> None:
    """Exactly the same centres (in the same order), labels and inertia."""
    for name, got, wanted in (
        ("cluster_centers_", actual.centres, expected.centres),
        ("labels_", actual.labels, expected.labels),
    ):
        if got.shape != wanted.shape or not np.array_equal(got, wanted):
            raise CheckFailed(f"{what}.{name} differs from {source} {first_difference(got, wanted)}")
    if actual.inertia != expected.inertia:
        raise CheckFailed(f"{what}.inertia_ is {actual.inertia!r}; {source} has {expected.inertia!r}")


AFTER_THE_LAST_UPDATE = (
    "labels_ must describe the final cluster_centers_, so assign the points again after the last centre update"
)


def expect_nearest_labels(
    labels: IntArray, centres: FloatArray, X: FloatArray, *, what: str, hint: str = AFTER_THE_LAST_UPDATE
) -> None:
    """Every label points to a nearest centre (ties, up to rounding, go either way)."""
    distances = squared_distances(X, centres)
    chosen = distances[np.arange(X.shape[0]), labels]
    best = distances.min(axis=1)
    worse = np.flatnonzero(chosen > best + NEAR_TIE * scale_of(X))
    if worse.size:
        i = int(worse[0])
        raise CheckFailed(
            f"{what}: point {i} is labelled {labels[i]}, but its nearest centre is "
            f"{int(np.argmin(distances[i]))} (squared distances {chosen[i]:.6g} and "
            f"{best[i]:.6g}); {hint} ({worse.size} of {X.shape[0]} points are off)"
        )


def expect_consistent_fit(fit: Fit, X: FloatArray, *, what: str) -> None:
    """Labels point to nearest centres and ``inertia_`` sums the squared distances to them."""
    expect_nearest_labels(fit.labels, fit.centres, X, what=what)
    expect_close(
        fit.inertia,
        float(squared_distances(X, fit.centres).min(axis=1).sum()),
        what=f"{what}.inertia_",
        rtol=RTOL,
        atol=inertia_atol(X),
        source="the sum of squared distances from each point to its nearest centre in cluster_centers_",
    )


def plusplus_centres(
    candidate: Any, X: Any, n_clusters: int, seed: int, *, n_features: int | None = None
) -> FloatArray:
    """``kmeans_plusplus(X, n_clusters, random_state=seed)``, checked to be an array of centres.

    ``X`` may be a held handle (``sandbox.hold``); then ``n_features`` gives its width.
    """
    what = f"kmeans_plusplus(X, {n_clusters}, random_state={seed})"
    width = X.shape[1] if n_features is None else n_features
    centres = read_array(
        candidate.kmeans_plusplus(X, n_clusters, random_state=seed),
        what=what,
        shape=(n_clusters, width),
        kinds="fiu",
    )
    return centres.astype(np.float64)


def rows_of(X: FloatArray, centres: FloatArray) -> IntArray:
    """For each centre, the index of the row of ``X`` it equals, or -1 when it is none."""
    matches = np.all(centres[:, None, :] == X[None, :, :], axis=2)
    rows: IntArray = np.where(matches.any(axis=1), matches.argmax(axis=1), -1).astype(np.int64)
    return rows


def expect_distinct_rows_of(X: FloatArray, centres: FloatArray, *, what: str) -> None:
    """Every centre is a row of ``X`` (whose rows are distinct), and no row is used twice."""
    rows = rows_of(X, centres)
    missing = np.flatnonzero(rows < 0)
    if missing.size:
        raise CheckFailed(
            f"{what}: centre {missing[0]} ({brief(centres[missing[0]])}) is not a row of X; "
            "every k-means++ centre must be a row of X"
        )
    values, counts = np.unique(rows, return_counts=True)
    if np.any(counts > 1):
        twice = int(values[counts > 1][0])
        raise CheckFailed(
            f"{what} picked row {twice} of X {int(counts.max())} times (rows picked: {listed(rows, most=10)}); "
            "the rows must be distinct (a chosen row has D² = 0)"
        )


def interval_means(line: FloatArray) -> FloatArray:
    """The means of every run of consecutive points of a sorted 1-D ``line``."""
    sums = np.concatenate([[0.0], np.cumsum(line)])
    start, stop = np.triu_indices(line.size + 1, k=1)
    means: FloatArray = (sums[stop] - sums[start]) / (stop - start)
    return means


def fit_allowed(fit: Callable[[], Any], *, what: str, rule: str) -> Any:
    """``fit()``, failing with ``rule`` in the message when candidate code rejects valid input."""
    try:
        return fit()
    except CandidateRaised as error:
        if not isinstance(error, ValueError):
            raise
        raise CheckFailed(f"{what} raised ValueError({str(error)[:200]!r}); {rule}") from None


def expect_interval_means(X: FloatArray, centres: FloatArray, *, what: str) -> None:
    """Every centre is the mean of a run of consecutive points of the 1-D data ``X`` (one column)."""
    means = interval_means(np.sort(X[:, 0]))
    gaps = np.abs(centres[:, 0][:, None] - means[None, :]).min(axis=1)
    off = np.flatnonzero(gaps > 1e-9 * max(1.0, float(np.abs(X).max())))
    if off.size:
        raise CheckFailed(
            f"{what}: centre {int(off[0])} ({centres[off[0], 0]:.6g}) is not the mean of any run of "
            "consecutive points; after one Lloyd step from rows of X on a line, every centre is the mean "
            "of the points nearest to it"
        )
