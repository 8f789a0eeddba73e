"""k-nearest neighbours: a classifier and a regressor.

Implement the two classes below; README.md says exactly what they must do, including every tie rule.
NumPy and the Python standard library only.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class KNeighborsClassifier:
    """Classifier voting among the ``n_neighbors`` nearest training points.

    Parameters
    ----------
    n_neighbors : int, default=5
        Number of neighbours, ``1 <= n_neighbors <= n_samples``.
    weights : {"uniform", "distance"}, default="uniform"
        ``"uniform"``: every neighbour's vote weighs 1. ``"distance"``: a neighbour at distance ``d``
        weighs ``1 / d``; when some neighbours of a query are at distance 0, they share all the weight
        and the others get none.
    p : {1, 2}, default=2
        Minkowski power: 1 is the Manhattan distance, 2 the Euclidean distance.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The distinct labels of ``y``, sorted.
    n_samples_fit_ : int
        Number of training points.
    n_features_in_ : int
        Number of features of the training points.
    """

    classes_: np.ndarray
    n_samples_fit_: int
    n_features_in_: int

    def __init__(self, n_neighbors: int = 5, *, weights: str = "uniform", p: int = 2) -> None:
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.p = p

    def fit(self, X: Any, y: Any) -> KNeighborsClassifier:
        """Store the training points and their labels.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training points; finite numbers.
        y : array-like of shape (n_samples,)
            Labels: integers or strings.

        Returns
        -------
        self : KNeighborsClassifier
            The fitted estimator.

        Raises
        ------
        ValueError
            When a parameter, ``X`` or ``y`` is invalid; the message names the problem.
        """
        raise NotImplementedError

    def kneighbors(
        self, X: Any = None, n_neighbors: int | None = None, return_distance: bool = True
    ) -> tuple[np.ndarray, np.ndarray] | np.ndarray:
        """The nearest training points of every query, nearest first.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features) or None, default=None
            The queries. ``None``: the training points themselves, each one left out of its own
            neighbours (by its index).
        n_neighbors : int or None, default=None
            How many neighbours; ``None`` means ``self.n_neighbors``.
        return_distance : bool, default=True
            Whether to return the distances as well as the indices.

        Returns
        -------
        distances : ndarray of shape (n_queries, n_neighbors), float64
            Distances to the neighbours, in increasing order (only when ``return_distance``).
        indices : ndarray of shape (n_queries, n_neighbors), int
            Row indices of the neighbours in the training data; equal distances by increasing index.

        Raises
        ------
        ValueError or AttributeError
            When called before ``fit``; the message says the model is not fitted yet.
        ValueError
            When ``X`` is invalid or there are fewer candidate points than ``n_neighbors``.
        """
        raise NotImplementedError

    def predict_proba(self, X: Any) -> np.ndarray:
        """Share of the (weighted) vote of every class.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)
            The queries.

        Returns
        -------
        proba : ndarray of shape (n_queries, n_classes), float64
            Columns in the order of ``classes_``; every row sums to 1.
        """
        raise NotImplementedError

    def predict(self, X: Any) -> np.ndarray:
        """The label with the largest vote; a tied vote goes to the smallest label.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)
            The queries.

        Returns
        -------
        labels : ndarray of shape (n_queries,)
            Labels taken from ``classes_``.
        """
        raise NotImplementedError


class KNeighborsRegressor:
    """Regressor averaging the targets of the ``n_neighbors`` nearest training points.

    Parameters
    ----------
    n_neighbors : int, default=5
        Number of neighbours, ``1 <= n_neighbors <= n_samples``.
    weights : {"uniform", "distance"}, default="uniform"
        As for ``KNeighborsClassifier``: the prediction is the weighted mean of the neighbours' targets.
    p : {1, 2}, default=2
        Minkowski power: 1 is the Manhattan distance, 2 the Euclidean distance.

    Attributes
    ----------
    n_samples_fit_ : int
        Number of training points.
    n_features_in_ : int
        Number of features of the training points.
    """

    n_samples_fit_: int
    n_features_in_: int

    def __init__(self, n_neighbors: int = 5, *, weights: str = "uniform", p: int = 2) -> None:
        self.n_neighbors = n_neighbors
        self.weights = weights
        self.p = p

    def fit(self, X: Any, y: Any) -> KNeighborsRegressor:
        """Store the training points and their targets.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training points; finite numbers.
        y : array-like of shape (n_samples,)
            Targets; finite numbers.

        Returns
        -------
        self : KNeighborsRegressor
            The fitted estimator.

        Raises
        ------
        ValueError
            When a parameter, ``X`` or ``y`` is invalid; the message names the problem.
        """
        raise NotImplementedError

    def kneighbors(
        self, X: Any = None, n_neighbors: int | None = None, return_distance: bool = True
    ) -> tuple[np.ndarray, np.ndarray] | np.ndarray:
        """The nearest training points of every query, nearest first (as ``KNeighborsClassifier``'s).

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features) or None, default=None
            The queries; ``None``: the training points, each one left out of its own neighbours.
        n_neighbors : int or None, default=None
            How many neighbours; ``None`` means ``self.n_neighbors``.
        return_distance : bool, default=True
            Whether to return the distances as well as the indices.

        Returns
        -------
        distances : ndarray of shape (n_queries, n_neighbors), float64
            Only when ``return_distance``.
        indices : ndarray of shape (n_queries, n_neighbors), int
        """
        raise NotImplementedError

    def predict(self, X: Any) -> np.ndarray:
        """Weighted mean of the neighbours' targets.

        Parameters
        ----------
        X : array-like of shape (n_queries, n_features)
            The queries.

        Returns
        -------
        predictions : ndarray of shape (n_queries,), float64

        Raises
        ------
        ValueError or AttributeError
            When called before ``fit``; the message says the model is not fitted yet.
        """
        raise NotImplementedError
