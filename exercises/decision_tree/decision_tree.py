"""CART decision trees: a classifier (gini or entropy) and a regressor (squared error).

Implement the two classes below; README.md says exactly what they must do.
NumPy and the Python standard library only.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class DecisionTreeClassifier:
    """A classification tree grown greedily (CART).

    Parameters
    ----------
    criterion : {"gini", "entropy"}, default="gini"
        The impurity: Gini impurity, or entropy in bits (base 2).
    max_depth : int or None, default=None
        The deepest a node may be (the root has depth 0); None: no limit.
    min_samples_split : int, default=2
        A node with fewer samples is not split.
    min_samples_leaf : int, default=1
        Only splits leaving at least this many samples on each side are candidates.
    min_impurity_decrease : float, default=0.0
        A node is split only when its best split's weighted impurity decrease
        ``(N_t / N) * (impurity - W / N_t)`` is at least this.

    Attributes
    ----------
    classes_ : ndarray of shape (n_classes,)
        The sorted distinct labels seen in ``fit``.
    feature_importances_ : ndarray of shape (n_features,), float64
        Each feature's total impurity decrease, normalised to sum to 1 (all 0 for a lone leaf).
    """

    classes_: np.ndarray
    feature_importances_: np.ndarray

    def __init__(
        self,
        criterion: str = "gini",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        min_impurity_decrease: float = 0.0,
    ) -> None:
        raise NotImplementedError

    def fit(self, X: Any, y: Any) -> DecisionTreeClassifier:
        """Grow the tree.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Finite numbers.
        y : array-like of shape (n_samples,)
            Labels of any type NumPy can sort.

        Returns
        -------
        self : DecisionTreeClassifier

        Raises
        ------
        ValueError
            When ``X`` or ``y`` is malformed or a parameter is out of range (see README.md).
        """
        raise NotImplementedError

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class shares of the leaf each row lands in (``x <= threshold`` goes left).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes), float64
            Columns in ``classes_`` order; rows sum to 1.
        """
        raise NotImplementedError

    def predict(self, X: Any) -> np.ndarray:
        """The most frequent class of each row's leaf (a tie: the first in ``classes_``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        labels : ndarray of shape (n_samples,)
            Values from ``classes_``.
        """
        raise NotImplementedError

    def get_depth(self) -> int:
        """The most splits on a path from the root to a leaf (a lone leaf: 0)."""
        raise NotImplementedError

    def get_n_leaves(self) -> int:
        """The number of leaves."""
        raise NotImplementedError


class DecisionTreeRegressor:
    """A regression tree grown greedily (CART) with the squared-error impurity.

    Parameters
    ----------
    criterion : {"squared_error"}, default="squared_error"
        The impurity: the mean squared deviation from the node's mean.
    max_depth : int or None, default=None
        The deepest a node may be (the root has depth 0); None: no limit.
    min_samples_split : int, default=2
        A node with fewer samples is not split.
    min_samples_leaf : int, default=1
        Only splits leaving at least this many samples on each side are candidates.
    min_impurity_decrease : float, default=0.0
        A node is split only when its best split's weighted impurity decrease
        ``(N_t / N) * (impurity - W / N_t)`` is at least this.

    Attributes
    ----------
    feature_importances_ : ndarray of shape (n_features,), float64
        Each feature's total impurity decrease, normalised to sum to 1 (all 0 for a lone leaf).
    """

    feature_importances_: np.ndarray

    def __init__(
        self,
        criterion: str = "squared_error",
        max_depth: int | None = None,
        min_samples_split: int = 2,
        min_samples_leaf: int = 1,
        min_impurity_decrease: float = 0.0,
    ) -> None:
        raise NotImplementedError

    def fit(self, X: Any, y: Any) -> DecisionTreeRegressor:
        """Grow the tree.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Finite numbers.
        y : array-like of shape (n_samples,)
            Finite numbers.

        Returns
        -------
        self : DecisionTreeRegressor

        Raises
        ------
        ValueError
            When ``X`` or ``y`` is malformed or a parameter is out of range (see README.md).
        """
        raise NotImplementedError

    def predict(self, X: Any) -> np.ndarray:
        """The mean target of the leaf each row lands in (``x <= threshold`` goes left).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        values : ndarray of shape (n_samples,), float64
        """
        raise NotImplementedError

    def get_depth(self) -> int:
        """The most splits on a path from the root to a leaf (a lone leaf: 0)."""
        raise NotImplementedError

    def get_n_leaves(self) -> int:
        """The number of leaves."""
        raise NotImplementedError
