"""k-nearest neighbours, NumPy only: the reference solution.

A query's neighbours are the ``k`` training points nearest to it in the Minkowski distance

    d_p(x, t) = (sum_j |x_j - t_j|^p)^(1/p),     p = 1 (Manhattan) or p = 2 (Euclidean),

ordered by distance and, among equal distances, by training index (a stable order). The classifier
votes with them: each neighbour's weight is 1 (``weights="uniform"``) or ``1 / d``
(``weights="distance"``); when some neighbours of a query are at distance 0, they share all the
weight and the others get none (scikit-learn's rule). A tied vote goes to the smallest label. The
regressor predicts the weighted mean of the neighbours' targets.

Distances are computed from the differences ``x - t`` (never from the expanded form
``||x||^2 - 2 x.t + ||t||^2``), so a query equal to a training point is at distance exactly 0 and data
far from the origin keep their digits. Queries are processed in blocks, so the distance matrix never
holds more than ``_BLOCK_CELLS`` entries.
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["KNeighborsClassifier", "KNeighborsRegressor", "NotFittedError"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

# Most entries of one block of the query-by-training distance matrix.
_BLOCK_CELLS = 1 << 21


class NotFittedError(ValueError, AttributeError):
    """Raised when a model is used before ``fit``, like scikit-learn's error of the same name."""


def _as_samples(X: Any, what: str) -> FloatArray:
    """``X`` as a finite 2-D float64 array with at least one row, or ``ValueError``."""
    array = np.asarray(X, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(
            f"{what} should be a 2-D array of shape (n_samples, n_features); got {array.ndim} dimension(s)."
        )
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{what} should have at least one row and one column; got shape {array.shape}.")
    if not np.isfinite(array).all():
        raise ValueError(f"{what} contains NaN or infinite values; every value should be finite.")
    return array


def _manhattan(queries: FloatArray, train: FloatArray) -> FloatArray:
    """``(n_queries, n_train)`` Manhattan distances, from differences; input is assumed valid."""
    total = np.zeros((queries.shape[0], train.shape[0]))
    for j in range(train.shape[1]):  # one feature at a time: memory stays (n_queries, n_train)
        total += np.abs(queries[:, j, None] - train[None, :, j])
    return total


def _ranking_scores(queries: FloatArray, train: FloatArray, p: int) -> FloatArray:
    """Scores that order the training points like their distances to each query; input is assumed valid.

    ``p = 1``: the Manhattan distances. ``p = 2``: ``||t||^2 - 2 q.t`` (the squared distance minus
    ``||q||^2``, which is the same along a row), one matrix product, after shifting both sides by the
    first training point so that data far from the origin keep their digits. On small integers (and
    other values whose products are exact) equal distances give exactly equal scores.
    """
    if p == 1:
        return _manhattan(queries, train)
    origin = train[0]
    shifted_train = train - origin
    scores: FloatArray = np.einsum("ij,ij->i", shifted_train, shifted_train)[None, :] - 2.0 * (
        (queries - origin) @ shifted_train.T
    )
    return scores


def _exact_distances(queries: FloatArray, train: FloatArray, indices: IntArray, p: int) -> FloatArray:
    """``(n_queries, k)`` distances from each query to its chosen training points, from differences."""
    difference = queries[:, None, :] - train[indices]
    if p == 1:
        return np.asarray(np.abs(difference).sum(axis=2), dtype=np.float64)
    return np.asarray(np.sqrt(np.einsum("ijk,ijk->ij", difference, difference)), dtype=np.float64)


def _nearest(scores: FloatArray, k: int) -> IntArray:
    """Column indices of the ``k`` smallest entries of every row, in increasing column order.

    ``argpartition`` finds them; only rows where entries equal to the ``k``-th smallest straddle the
    boundary are redone: every entry below it, then the equal ones in column order until ``k``
    (the stable rule).
    """
    n_rows, n_cols = scores.shape
    if k >= n_cols:
        return np.broadcast_to(np.arange(n_cols, dtype=np.int64), (n_rows, n_cols)).copy()
    partition = np.argpartition(scores, k - 1, axis=1)[:, :k]
    kth = np.take_along_axis(scores, partition, axis=1).max(axis=1, keepdims=True)
    ambiguous = np.flatnonzero((scores <= kth).sum(axis=1) > k)
    if ambiguous.size:
        rows = scores[ambiguous]
        below = rows < kth[ambiguous]
        equal = rows == kth[ambiguous]
        room = k - below.sum(axis=1, keepdims=True)
        chosen = below | (equal & (np.cumsum(equal, axis=1) <= room))
        partition[ambiguous] = np.nonzero(chosen)[1].reshape(ambiguous.size, k)
    return np.asarray(np.sort(partition, axis=1), dtype=np.int64)


def _in_order(distances: FloatArray, indices: IntArray) -> tuple[FloatArray, IntArray]:
    """Each row sorted by distance, equal distances by index (``indices`` rows are increasing)."""
    order = np.argsort(distances, axis=1, kind="stable")
    return np.take_along_axis(distances, order, axis=1), np.take_along_axis(indices, order, axis=1)


def _check_parameters(n_neighbors: Any, weights: Any, p: Any) -> None:
    """The constructor's parameters, checked when ``fit`` starts (scikit-learn's habit)."""
    if isinstance(n_neighbors, bool) or not isinstance(n_neighbors, numbers.Integral) or n_neighbors < 1:
        raise ValueError(f"n_neighbors should be an integer >= 1; got n_neighbors={n_neighbors!r}.")
    if not isinstance(weights, str) or weights not in ("uniform", "distance"):
        raise ValueError(f"weights should be 'uniform' or 'distance'; got weights={weights!r}.")
    if isinstance(p, bool) or p not in (1, 2):
        raise ValueError(f"p should be 1 (Manhattan) or 2 (Euclidean); got p={p!r}.")


def _vote_weights(distances: FloatArray, weights: str) -> FloatArray:
    """``(n_queries, k)`` weights of the neighbours; input is assumed valid.

    ``"distance"``: ``1 / d``, except in rows with a zero distance, where the neighbours at distance 0
    get weight 1 and the others 0 (so no division by zero happens).
    """
    if weights == "uniform":
        return np.ones_like(distances)
    zero = distances == 0.0
    exact = zero.any(axis=1)
    safe = np.where(zero, 1.0, distances)
    return np.where(exact[:, None], zero.astype(np.float64), 1.0 / safe)


class _KNeighbors:
    """What both estimators share: parameters, ``fit``'s checks and ``kneighbors``."""

    _fit_X: FloatArray
    n_samples_fit_: int
    n_features_in_: int

    def __init__(self, n_neighbors: int = 5, *, weights: str = "uniform", p: int = 2) -> None:
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.p = p

    def _fit_samples(self, X: Any, y: Any) -> npt.NDArray[Any]:
        """Check the parameters, ``X`` and ``y``; store ``X``; return ``y`` as a 1-D array."""
        _check_parameters(self.n_neighbors, self.weights, self.p)
        samples = _as_samples(X, "X")
        labels = np.asarray(y)
        if labels.ndim != 1:
            raise ValueError(f"y should be a 1-D array of shape (n_samples,); got shape {labels.shape}.")
        if labels.shape[0] != samples.shape[0]:
            raise ValueError(
                f"X and y should have the same number of samples; got {samples.shape[0]} rows in X "
                f"and {labels.shape[0]} values in y."
            )
        if self.n_neighbors > samples.shape[0]:
            raise ValueError(f"n_samples={samples.shape[0]} should be >= n_neighbors={self.n_neighbors}.")
        self._fit_X = samples
        self.n_samples_fit_ = samples.shape[0]
        self.n_features_in_ = samples.shape[1]
        return labels

    def _check_fitted(self) -> None:
        if not hasattr(self, "_fit_X"):
            raise NotFittedError(f"This {type(self).__name__} instance is not fitted yet; call fit first.")

    def _queries(self, X: Any) -> FloatArray:
        self._check_fitted()
        queries = _as_samples(X, "X")
        if queries.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {queries.shape[1]} features, but this model was fitted with {self.n_features_in_} features."
            )
        return queries

    def kneighbors(
        self, X: Any = None, n_neighbors: int | None = None, return_distance: bool = True
    ) -> tuple[FloatArray, IntArray] | IntArray:
        """The ``n_neighbors`` nearest training points of every query, nearest first.

        ``X=None`` queries the training points themselves, each one excluded from its own neighbours.
        Returns ``(distances, indices)``, both of shape ``(n_queries, n_neighbors)``, or the indices
        alone when ``return_distance`` is false.
        """
        self._check_fitted()
        k = self.n_neighbors if n_neighbors is None else n_neighbors
        if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 1:
            raise ValueError(f"n_neighbors should be an integer >= 1; got n_neighbors={k!r}.")
        query_is_train = X is None
        queries = self._fit_X if query_is_train else self._queries(X)
        available = self.n_samples_fit_ - 1 if query_is_train else self.n_samples_fit_
        if k > available:
            rule = "n_neighbors < n_samples_fit" if query_is_train else "n_neighbors <= n_samples_fit"
            raise ValueError(f"Expected {rule}; got n_neighbors={k}, n_samples_fit={self.n_samples_fit_}.")
        return self._search(queries, int(k), query_is_train, return_distance)

    def _search(
        self, queries: FloatArray, k: int, query_is_train: bool, return_distance: bool
    ) -> tuple[FloatArray, IntArray] | IntArray:
        """Blocks of queries against every training point; input is assumed valid."""
        n_queries = queries.shape[0]
        distances = np.empty((n_queries, k))
        indices = np.empty((n_queries, k), dtype=np.int64)
        block = max(1, _BLOCK_CELLS // self.n_samples_fit_)
        for start in range(0, n_queries, block):
            stop = min(start + block, n_queries)
            scores = _ranking_scores(queries[start:stop], self._fit_X, self.p)
            if query_is_train:  # a training point is never its own neighbour
                scores[np.arange(stop - start), np.arange(start, stop)] = np.inf
            nearest = _nearest(scores, k)
            exact = _exact_distances(queries[start:stop], self._fit_X, nearest, self.p)
            distances[start:stop], indices[start:stop] = _in_order(exact, nearest)
        return (distances, indices) if return_distance else indices

    def _neighbour_weights(self, X: Any) -> tuple[FloatArray, IntArray]:
        """``(weights, indices)`` of the ``n_neighbors`` neighbours of every row of ``X``."""
        queries = self._queries(X)
        if self.n_neighbors > self.n_samples_fit_:
            raise ValueError(f"n_samples_fit={self.n_samples_fit_} should be >= n_neighbors={self.n_neighbors}.")
        found = self._search(queries, self.n_neighbors, False, True)
        assert isinstance(found, tuple)
        distances, indices = found
        return _vote_weights(distances, self.weights), indices


class KNeighborsClassifier(_KNeighbors):
    """Classifier voting among the ``n_neighbors`` nearest training points.

    Attributes after ``fit``: ``classes_`` (the sorted distinct labels), ``n_samples_fit_``,
    ``n_features_in_``.
    """

    classes_: npt.NDArray[Any]
    _codes: IntArray

    def fit(self, X: Any, y: Any) -> KNeighborsClassifier:
        """Store the training points and their labels; returns ``self``."""
        labels = self._fit_samples(X, y)
        self.classes_, codes = np.unique(labels, return_inverse=True)
        self._codes = np.asarray(codes, dtype=np.int64).ravel()
        return self

    def predict_proba(self, X: Any) -> FloatArray:
        """``(n_queries, n_classes)`` share of the vote of every class, columns in ``classes_`` order."""
        weights, indices = self._neighbour_weights(X)
        n_queries = indices.shape[0]
        votes = np.zeros((n_queries, self.classes_.shape[0]))
        rows = np.broadcast_to(np.arange(n_queries)[:, None], indices.shape)
        np.add.at(votes, (rows, self._codes[indices]), weights)
        proba: FloatArray = votes / votes.sum(axis=1, keepdims=True)
        return proba

    def predict(self, X: Any) -> npt.NDArray[Any]:
        """The label with the largest vote; a tie goes to the smallest label (the first in ``classes_``)."""
        winners = np.argmax(self.predict_proba(X), axis=1)  # argmax keeps the first of equal maxima
        return np.asarray(self.classes_[winners])


class KNeighborsRegressor(_KNeighbors):
    """Regressor averaging the targets of the ``n_neighbors`` nearest training points.

    Attributes after ``fit``: ``n_samples_fit_``, ``n_features_in_``.
    """

    _fit_y: FloatArray

    def fit(self, X: Any, y: Any) -> KNeighborsRegressor:
        """Store the training points and their targets; returns ``self``."""
        targets = self._fit_samples(X, y)
        if targets.dtype.kind not in "biuf":
            raise ValueError(f"y should hold numbers; got dtype {targets.dtype}.")
        targets = targets.astype(np.float64)
        if not np.isfinite(targets).all():
            raise ValueError("y contains NaN or infinite values; every target should be finite.")
        self._fit_y = targets
        return self

    def predict(self, X: Any) -> FloatArray:
        """``(n_queries,)`` weighted mean of the neighbours' targets."""
        weights, indices = self._neighbour_weights(X)
        prediction: FloatArray = (weights * self._fit_y[indices]).sum(axis=1) / weights.sum(axis=1)
        return prediction
