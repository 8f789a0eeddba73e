"""Gradient boosting with regression trees: your solution (NumPy and the standard library only).

See README.md for the full statement. Write your own regression tree in this file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


class GradientBoostingRegressor:
    """Gradient boosting for regression with the squared error.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of boosting stages (trees), at least 1.
    learning_rate : float, default=0.1
        Shrinkage of every tree's contribution, a finite number > 0.
    max_depth : int, default=3
        Depth of each tree (the root has depth 0), at least 1.
    min_samples_leaf : int, default=1
        Fewest training rows a leaf may hold, at least 1.

    Attributes
    ----------
    init_raw_prediction_ : float
        The mean of ``y``: the prediction before any tree.
    train_score_ : ndarray of shape (n_estimators,)
        Mean squared error on the training data after each stage.
    n_features_in_ : int
        Number of features seen in ``fit``.
    """

    init_raw_prediction_: float
    train_score_: FloatArray
    n_features_in_: int

    def __init__(
        self, n_estimators: int = 100, learning_rate: float = 0.1, max_depth: int = 3, min_samples_leaf: int = 1
    ) -> None:
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> GradientBoostingRegressor:
        """Fit the ensemble.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Finite feature values.
        y : array-like of shape (n_samples,)
            Finite targets.

        Returns
        -------
        self : GradientBoostingRegressor
            The fitted model.
        """
        raise NotImplementedError

    def predict(self, X: npt.ArrayLike) -> FloatArray:
        """Predictions of the whole ensemble.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), float64
        """
        raise NotImplementedError

    def staged_predict(self, X: npt.ArrayLike) -> Iterable[FloatArray]:
        """Predictions after stage 1, 2, ..., ``n_estimators``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        iterable of ``n_estimators`` ndarrays of shape (n_samples,), float64
        """
        raise NotImplementedError


class GradientBoostingClassifier:
    """Gradient boosting for two classes with the log-loss and Newton-step leaves.

    Parameters
    ----------
    n_estimators : int, default=100
        Number of boosting stages (trees), at least 1.
    learning_rate : float, default=0.1
        Shrinkage of every tree's contribution, a finite number > 0.
    max_depth : int, default=3
        Depth of each tree (the root has depth 0), at least 1.
    min_samples_leaf : int, default=1
        Fewest training rows a leaf may hold, at least 1.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
        The two labels, sorted; ``classes_[1]`` is the positive class.
    init_raw_prediction_ : float
        ``log(q / (1 - q))``, ``q`` the share of ``classes_[1]`` in ``y``.
    train_score_ : ndarray of shape (n_estimators,)
        Twice the mean log-loss on the training data after each stage.
    n_features_in_ : int
        Number of features seen in ``fit``.
    """

    classes_: npt.NDArray[Any]
    init_raw_prediction_: float
    train_score_: FloatArray
    n_features_in_: int

    def __init__(
        self, n_estimators: int = 100, learning_rate: float = 0.1, max_depth: int = 3, min_samples_leaf: int = 1
    ) -> None:
        self.n_estimators = n_estimators
        self.learning_rate = learning_rate
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf

    def fit(self, X: npt.ArrayLike, y: npt.ArrayLike) -> GradientBoostingClassifier:
        """Fit the ensemble.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Finite feature values.
        y : array-like of shape (n_samples,)
            Exactly two distinct labels, of any sortable type.

        Returns
        -------
        self : GradientBoostingClassifier
            The fitted model.
        """
        raise NotImplementedError

    def decision_function(self, X: npt.ArrayLike) -> FloatArray:
        """Raw scores ``F(X)``, the log-odds of ``classes_[1]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,), float64
        """
        raise NotImplementedError

    def staged_decision_function(self, X: npt.ArrayLike) -> Iterable[FloatArray]:
        """Raw scores after stage 1, 2, ..., ``n_estimators``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        iterable of ``n_estimators`` ndarrays of shape (n_samples,), float64
        """
        raise NotImplementedError

    def predict_proba(self, X: npt.ArrayLike) -> FloatArray:
        """Probabilities of ``classes_[0]`` and ``classes_[1]``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples, 2), float64
            Column 1 is ``sigmoid(decision_function(X))``; rows sum to 1.
        """
        raise NotImplementedError

    def staged_predict_proba(self, X: npt.ArrayLike) -> Iterable[FloatArray]:
        """Probabilities after stage 1, 2, ..., ``n_estimators``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        iterable of ``n_estimators`` ndarrays of shape (n_samples, 2), float64
        """
        raise NotImplementedError

    def predict(self, X: npt.ArrayLike) -> npt.NDArray[Any]:
        """Labels: ``classes_[1]`` where ``decision_function(X) > 0``, ``classes_[0]`` elsewhere.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        ndarray of shape (n_samples,)
        """
        raise NotImplementedError

    def staged_predict(self, X: npt.ArrayLike) -> Iterable[npt.NDArray[Any]]:
        """Labels after stage 1, 2, ..., ``n_estimators``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        iterable of ``n_estimators`` ndarrays of shape (n_samples,)
        """
        raise NotImplementedError
