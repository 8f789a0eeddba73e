"""K-means clustering with k-means++ seeding: the reference solution of the ``kmeans`` exercise.

Lloyd's algorithm alternates two steps until the assignment stops changing:

1. assignment: every sample goes to its nearest centre,
   ``labels[i] = argmin_j ||x_i - c_j||²``;
2. update: every centre moves to the mean of its samples, ``c_j = mean{x_i : labels[i] = j}``.

The objective, the inertia ``sum_i ||x_i - c_labels[i]||²``, never increases. A centre that loses
all its samples is moved to the sample farthest from its own centre, as scikit-learn does, so that
no centre is ever NaN.

k-means++ seeding (Arthur and Vassilvitskii, 2007) draws the first centre uniformly from the rows
of ``X`` and every next one with probability proportional to ``D(x)²``, the squared distance from
``x`` to the nearest centre chosen so far.

NumPy only. Validation happens at the public edge (``kmeans_plusplus``, ``KMeans.fit``,
``KMeans.predict``); the private helpers assume valid input.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["KMeans", "NotFittedError", "kmeans_plusplus"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

_INIT_METHODS = ("k-means++", "random")
_BLOCK_ROWS = 1024


class NotFittedError(ValueError, AttributeError):
    """Raised when ``predict`` is called before ``fit`` (as scikit-learn's error of that name)."""


# --------------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------------


def kmeans_plusplus(X: Any, n_clusters: int, *, random_state: int | None = None) -> FloatArray:
    """Choose initial centres by k-means++ (D²) sampling.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The samples; finite numbers.
    n_clusters : int
        How many centres to choose, ``1 <= n_clusters <= n_samples``.
    random_state : int or None, default=None
        Seed of the random generator; ``None`` draws fresh entropy.

    Returns
    -------
    centres : ndarray of shape (n_clusters, n_features), float64
        Rows of ``X`` at distinct indices. The first is drawn uniformly; each next one with
        probability proportional to its squared distance to the nearest centre chosen so far.

    Raises
    ------
    ValueError
        When ``X`` is not a finite 2-D array or ``n_clusters`` is out of range.
    """
    X = _check_array(X, "X")
    _check_n_clusters(n_clusters, X.shape[0])
    rng = np.random.default_rng(random_state)
    centres: FloatArray = X[_plusplus_indices(X, n_clusters, rng)].copy()
    return centres


class KMeans:
    """K-means clustering by Lloyd's algorithm.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters, ``1 <= n_clusters <= n_samples``.
    init : {"k-means++", "random"} or array-like of shape (n_clusters, n_features), \
default="k-means++"
        Initial centres: k-means++ seeding, ``n_clusters`` distinct rows of ``X`` drawn uniformly
        at random, or the given array (copied, never modified).
    max_iter : int, default=300
        Maximum number of Lloyd iterations, at least 1.
    tol : float, default=1e-4
        Stop when the summed squared movement of the centres in one iteration is at most
        ``tol * mean(var(X, axis=0))``. Must be >= 0.
    random_state : int or None, default=None
        Seed of the random generator used by the initialisation.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features), float64
        The final centres.
    labels_ : ndarray of shape (n_samples,), int
        Index of the nearest final centre for every training sample.
    inertia_ : float
        Sum of squared distances from the training samples to their final centres.
    n_iter_ : int
        Number of Lloyd iterations run.
    """

    def __init__(
        self,
        n_clusters: int = 8,
        *,
        init: str | Any = "k-means++",
        max_iter: int = 300,
        tol: float = 1e-4,
        random_state: int | None = None,
    ) -> None:
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X: Any, y: object = None) -> KMeans:
        """Cluster ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training samples; finite numbers.
        y : ignored
            Present for API consistency.

        Returns
        -------
        self : KMeans
            The fitted estimator.

        Raises
        ------
        ValueError
            When ``X`` or a parameter is invalid; the message names it.
        """
        X = _check_array(X, "X")
        _check_n_clusters(self.n_clusters, X.shape[0])
        _check_iteration_parameters(self.max_iter, self.tol)
        start = self._initial_centres(X)
        # scikit-learn's rule: the tolerance is relative to the data's mean per-feature variance.
        tol = float(self.tol * np.var(X, axis=0).mean())
        centres, labels, n_iter = _lloyd(X, start, self.max_iter, tol)
        self.cluster_centers_ = centres
        self.labels_ = labels
        self.inertia_ = _inertia(X, centres, labels)
        self.n_iter_ = n_iter
        return self

    def predict(self, X: Any) -> IntArray:
        """Index of the nearest centre for every sample.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Samples with as many features as the training data.

        Returns
        -------
        labels : ndarray of shape (n_samples,), int

        Raises
        ------
        NotFittedError
            When called before ``fit`` (a ``ValueError``).
        ValueError
            When ``X`` is not a finite 2-D array with the training data's number of features.
        """
        if not hasattr(self, "cluster_centers_"):
            raise NotFittedError("This KMeans instance is not fitted yet; call fit(X) before predict(X).")
        X = _check_array(X, "X")
        n_features = self.cluster_centers_.shape[1]
        if X.shape[1] != n_features:
            raise ValueError(f"X has {X.shape[1]} features, but KMeans was fitted with {n_features} features.")
        return _assign(X, self.cluster_centers_)

    def fit_predict(self, X: Any, y: object = None) -> IntArray:
        """Fit on ``X`` and return ``labels_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training samples.
        y : ignored
            Present for API consistency.

        Returns
        -------
        labels : ndarray of shape (n_samples,), int
        """
        return self.fit(X).labels_

    def _initial_centres(self, X: FloatArray) -> FloatArray:
        """Starting centres for ``fit`` (``X`` and ``n_clusters`` already checked)."""
        k = self.n_clusters
        if isinstance(self.init, str):
            if self.init not in _INIT_METHODS:
                raise ValueError(
                    f"init should be 'k-means++', 'random' or an array of shape "
                    f"(n_clusters, n_features); got init={self.init!r}."
                )
            rng = np.random.default_rng(self.random_state)
            if self.init == "k-means++":
                indices = _plusplus_indices(X, k, rng)
            else:
                indices = rng.choice(X.shape[0], size=k, replace=False)
            return X[indices].copy()
        init = _check_array(self.init, "init")
        if init.shape != (k, X.shape[1]):
            raise ValueError(f"init array has shape {init.shape}; expected (n_clusters, n_features)={(k, X.shape[1])}.")
        return init.copy()


# --------------------------------------------------------------------------------------------------
# Validation (the public edge)
# --------------------------------------------------------------------------------------------------


def _check_array(values: Any, name: str) -> FloatArray:
    """Return ``values`` as a 2-D finite float64 array, or raise ``ValueError`` naming ``name``."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} should be a 2-D array of numbers; {error}.") from error
    if array.ndim != 2:
        raise ValueError(
            f"{name} should be a 2-D array of shape (n_samples, n_features); got an array of shape {array.shape}."
        )
    if not np.isfinite(array).all():
        raise ValueError(f"{name} contains NaN or infinite values.")
    return array


def _check_n_clusters(n_clusters: object, n_samples: int) -> None:
    """Raise ``ValueError`` unless ``1 <= n_clusters <= n_samples``."""
    if isinstance(n_clusters, bool) or not isinstance(n_clusters, numbers.Integral):
        raise ValueError(f"n_clusters should be an integer; got n_clusters={n_clusters!r}.")
    if int(n_clusters) < 1:
        raise ValueError(f"n_clusters={n_clusters} should be >= 1.")
    if n_samples < int(n_clusters):
        raise ValueError(f"n_samples={n_samples} should be >= n_clusters={n_clusters}.")


def _check_iteration_parameters(max_iter: object, tol: object) -> None:
    """Raise ``ValueError`` unless ``max_iter`` is an integer >= 1 and ``tol`` a number >= 0."""
    message = f"max_iter should be an integer >= 1; got max_iter={max_iter!r}."
    if isinstance(max_iter, bool) or not isinstance(max_iter, numbers.Integral):
        raise ValueError(message)
    if int(max_iter) < 1:
        raise ValueError(message)
    if isinstance(tol, bool) or not isinstance(tol, numbers.Real) or not float(tol) >= 0:
        raise ValueError(f"tol should be a number >= 0; got tol={tol!r}.")


# --------------------------------------------------------------------------------------------------
# The algorithm (input is assumed valid)
# --------------------------------------------------------------------------------------------------


def _plusplus_indices(X: FloatArray, n_clusters: int, rng: np.random.Generator) -> IntArray:
    """Row indices chosen by D² sampling; input is assumed valid."""
    n_samples = X.shape[0]
    indices = np.empty(n_clusters, dtype=np.intp)
    indices[0] = rng.integers(n_samples)
    closest = _squared_distances_to(X, X[indices[0]])
    for i in range(1, n_clusters):
        total = closest.sum()
        if total > 0:
            indices[i] = rng.choice(n_samples, p=closest / total)
        else:
            # Every row coincides with a chosen centre (fewer distinct rows than clusters):
            # D² gives no preference, so take an unused row uniformly.
            indices[i] = rng.choice(np.setdiff1d(np.arange(n_samples), indices[:i]))
        np.minimum(closest, _squared_distances_to(X, X[indices[i]]), out=closest)
    return indices


def _lloyd(X: FloatArray, centres: FloatArray, max_iter: int, tol: float) -> tuple[FloatArray, IntArray, int]:
    """Run Lloyd's algorithm from ``centres``; return ``(centres, labels, n_iter)``.

    Input is assumed valid; ``tol`` is already scaled by the data's variance.
    """
    # One contiguous copy per feature makes the per-cluster sums a few fast bincounts.
    columns = np.ascontiguousarray(X.T)
    previous: IntArray | None = None
    for n_iter in range(1, max_iter + 1):
        labels = _assign(X, centres)
        new_centres = _update_centres(X, columns, labels, centres)
        shift = float(((new_centres - centres) ** 2).sum())
        centres = new_centres
        if previous is not None and np.array_equal(labels, previous):
            # Same labels as last time: the new centres equal the old ones, so the labels are
            # already those of the final centres.
            return centres, labels, n_iter
        if shift <= tol:
            break
        previous = labels
    # Stopped on the tolerance or on max_iter: assign again so labels describe the final centres.
    return centres, _assign(X, centres), n_iter


def _assign(X: FloatArray, centres: FloatArray) -> IntArray:
    """Index of the nearest centre for every row of ``X``; input is assumed valid.

    Uses ``||x - c||² = ||x||² - 2 x·c + ||c||²`` and drops ``||x||²``, which is the same for every
    centre, so that the work is a matrix product. Rows go in blocks of ``_BLOCK_ROWS``: the
    scores of a block stay in cache, and BLAS keeps a product that small on one thread, which is
    faster for tall, narrow products than waking up its thread pool.
    """
    weights = -2.0 * centres.T
    offsets = (centres**2).sum(axis=1)
    labels = np.empty(X.shape[0], dtype=np.intp)
    for start in range(0, X.shape[0], _BLOCK_ROWS):
        block = slice(start, start + _BLOCK_ROWS)
        scores = X[block] @ weights
        scores += offsets
        labels[block] = scores.argmin(axis=1)
    return labels


def _update_centres(X: FloatArray, columns: FloatArray, labels: IntArray, centres: FloatArray) -> FloatArray:
    """Means of the clusters, relocating empty ones; ``columns`` is ``X.T``, contiguous.

    Input is assumed valid.
    """
    n_clusters = centres.shape[0]
    counts = np.bincount(labels, minlength=n_clusters)
    sums: FloatArray = np.stack(
        [np.bincount(labels, weights=column, minlength=n_clusters) for column in columns], axis=1
    ).astype(np.float64, copy=False)
    empty = np.flatnonzero(counts == 0)
    if empty.size:
        _relocate_empty_clusters(X, labels, centres, empty, sums, counts)
    new_centres = centres.copy()
    filled = counts > 0
    new_centres[filled] = sums[filled] / counts[filled, None]
    return new_centres


def _relocate_empty_clusters(
    X: FloatArray,
    labels: IntArray,
    centres: FloatArray,
    empty: IntArray,
    sums: FloatArray,
    counts: IntArray,
) -> None:
    """Give each empty cluster one of the samples farthest from their centres, in place.

    The e-th empty cluster takes the e-th farthest sample as its only member, and that sample
    leaves the cluster it was assigned to (scikit-learn's rule). When every sample coincides with
    its centre there is nothing to gain, and the empty clusters keep their centres.
    Input is assumed valid.
    """
    distances = ((X - centres[labels]) ** 2).sum(axis=1)
    if distances.max() == 0:
        return
    farthest = np.argsort(-distances, kind="stable")[: empty.size]
    for cluster, sample in zip(empty, farthest, strict=True):
        donor = labels[sample]
        sums[donor] -= X[sample]
        counts[donor] -= 1
        sums[cluster] = X[sample]
        counts[cluster] = 1


def _squared_distances_to(X: FloatArray, centre: FloatArray) -> FloatArray:
    """Squared Euclidean distance from every row of ``X`` to ``centre``; input is assumed valid."""
    difference = X - centre
    distances: FloatArray = np.einsum("ij,ij->i", difference, difference)
    return distances


def _inertia(X: FloatArray, centres: FloatArray, labels: IntArray) -> float:
    """Sum of squared distances to the assigned centres; input is assumed valid.

    Computed from the differences, not the expanded form, so that it stays accurate far from the
    origin.
    """
    difference = X - centres[labels]
    return float(np.einsum("ij,ij->", difference, difference))
