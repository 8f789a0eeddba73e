"""K-means clustering with k-means++ initialisation.

Implement the function and the class below; README.md says exactly what they must do.
NumPy and the Python standard library only.
"""

from __future__ import annotations

from typing import Any

import numpy as np


def kmeans_plusplus(X: Any, n_clusters: int, *, random_state: int | None = None) -> np.ndarray:
    """Choose initial centres by k-means++ (D²) sampling.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        The samples; finite numbers.
    n_clusters : int
        How many centres to choose, ``1 <= n_clusters <= n_samples``.
    random_state : int or None, default=None
        Seed of the random generator; the same integer gives the same centres.

    Returns
    -------
    centres : ndarray of shape (n_clusters, n_features), float64
        Rows of ``X`` at distinct indices: the first drawn uniformly, each next one with
        probability proportional to its squared distance to the nearest centre chosen so far.

    Raises
    ------
    ValueError
        When ``X`` is not a finite 2-D array or ``n_clusters`` is out of range.
    """
    raise NotImplementedError


class KMeans:
    """K-means clustering by Lloyd's algorithm.

    Parameters
    ----------
    n_clusters : int, default=8
        Number of clusters, ``1 <= n_clusters <= n_samples``.
    init : {"k-means++", "random"} or array-like of shape (n_clusters, n_features), \
default="k-means++"
        Initial centres: k-means++ seeding, ``n_clusters`` distinct rows of ``X`` drawn uniformly
        at random, or the given array (never modified).
    max_iter : int, default=300
        Maximum number of iterations.
    tol : float, default=1e-4
        Stop when the summed squared movement of the centres in one iteration is at most
        ``tol * mean(var(X, axis=0))``.
    random_state : int or None, default=None
        Seed of the random generator used by the initialisation.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features), float64
        The final centres.
    labels_ : ndarray of shape (n_samples,), int
        Index of the nearest final centre of every training sample.
    inertia_ : float
        Sum of squared distances from the training samples to their final centres.
    n_iter_ : int
        Number of iterations run.
    """

    cluster_centers_: np.ndarray
    labels_: np.ndarray
    inertia_: float
    n_iter_: int

    def __init__(
        self,
        n_clusters: int = 8,
        *,
        init: Any = "k-means++",
        max_iter: int = 300,
        tol: float = 1e-4,
        random_state: int | None = None,
    ) -> None:
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X: Any, y: Any = None) -> KMeans:
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
            When ``X`` or a parameter is invalid; the message names the problem.
        """
        raise NotImplementedError

    def predict(self, X: Any) -> np.ndarray:
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
        ValueError or AttributeError
            When called before ``fit``; the message says the model is not fitted yet.
        ValueError
            When ``X`` is invalid.
        """
        raise NotImplementedError

    def fit_predict(self, X: Any, y: Any = None) -> np.ndarray:
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
        raise NotImplementedError
