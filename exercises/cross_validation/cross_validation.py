"""K-fold and stratified K-fold cross-validation, and ``cross_val_score``.

Implement the three names below with NumPy and the standard library only (see README.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np


class KFold:
    """K-fold cross-validation: consecutive (or shuffled) blocks of samples as test folds.

    Parameters
    ----------
    n_splits : int, default=5
        Number of folds, at least 2 and at most ``n_samples``.
    shuffle : bool, default=False
        Whether to cut the blocks from a random permutation of the samples.
    random_state : int or None, default=None
        Seed of that permutation; only allowed with ``shuffle=True``.
    """

    def __init__(self, n_splits: int = 5, *, shuffle: bool = False, random_state: Any = None) -> None:
        raise NotImplementedError

    def split(self, X: Any, y: Any = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield ``(train_index, test_index)`` pairs, one per fold.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Only its length is used.
        y : array-like of shape (n_samples,), default=None
            Ignored, but must have the length of ``X`` when given.

        Yields
        ------
        train_index : ndarray of shape (n_samples - fold_size,)
            Sorted integer positions of the training samples.
        test_index : ndarray of shape (fold_size,)
            Sorted integer positions of the test samples. Without shuffling, fold ``i`` is the
            ``i``-th consecutive block; the first ``n_samples % n_splits`` folds have one extra
            sample.

        Raises
        ------
        ValueError
            On an invalid ``n_splits``, ``n_splits > n_samples``, ``random_state`` without
            ``shuffle``, or ``X`` and ``y`` of different lengths.
        """
        raise NotImplementedError

    def get_n_splits(self, X: Any = None, y: Any = None) -> int:
        """Return the number of folds.

        Parameters
        ----------
        X, y : object, default=None
            Ignored.

        Returns
        -------
        n_splits : int
        """
        raise NotImplementedError


class StratifiedKFold:
    """K-fold cross-validation that keeps each class's share in every test fold.

    Parameters
    ----------
    n_splits : int, default=5
        Number of folds, at least 2 and at most ``n_samples``; at least one class must have
        ``n_splits`` members.
    shuffle : bool, default=False
        Whether to shuffle the samples of each class before sharing them out.
    random_state : int or None, default=None
        Seed of that shuffle; only allowed with ``shuffle=True``.
    """

    def __init__(self, n_splits: int = 5, *, shuffle: bool = False, random_state: Any = None) -> None:
        raise NotImplementedError

    def split(self, X: Any, y: Any) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Yield ``(train_index, test_index)`` pairs, one per fold.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Only its length is used.
        y : array-like of shape (n_samples,)
            Class labels of any sortable type (ints, strings, ...).

        Yields
        ------
        train_index : ndarray
            Sorted integer positions of the training samples.
        test_index : ndarray
            Sorted integer positions of the test samples. In every test fold each class with
            ``n_c`` members has ``floor(n_c / n_splits)`` or ``ceil(n_c / n_splits)`` samples,
            and fold sizes differ by at most one.

        Raises
        ------
        ValueError
            On an invalid ``n_splits``, ``n_splits > n_samples``, ``random_state`` without
            ``shuffle``, ``X`` and ``y`` of different lengths, or no class with ``n_splits``
            members.
        """
        raise NotImplementedError

    def get_n_splits(self, X: Any = None, y: Any = None) -> int:
        """Return the number of folds.

        Parameters
        ----------
        X, y : object, default=None
            Ignored.

        Returns
        -------
        n_splits : int
        """
        raise NotImplementedError


def cross_val_score(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    cv: Any = 5,
    scoring: Callable[[Any, Any, Any], float] | None = None,
) -> np.ndarray:
    """Score a fresh copy of ``estimator`` on each fold of a cross-validation split.

    Parameters
    ----------
    estimator : object
        Unfitted estimator with ``fit(X, y)`` and ``score(X, y)``; it must stay unfitted.
    X : array-like of shape (n_samples, n_features)
        List of rows, ndarray or pandas DataFrame.
    y : array-like of shape (n_samples,)
        List, ndarray or pandas Series.
    cv : int or object with a ``split(X, y)`` method, default=5
        An int ``k`` means ``KFold(n_splits=k)``, unshuffled (for classifiers too).
    scoring : callable or None, default=None
        ``scoring(fitted_estimator, X_test, y_test) -> float``; None means the estimator's
        ``score`` method.

    Returns
    -------
    scores : ndarray of shape (n_splits,), float64
        One score per split, in the splitter's order.

    Raises
    ------
    ValueError
        When ``X`` and ``y`` have different lengths or an int ``cv`` is not a valid ``n_splits``.
    """
    raise NotImplementedError
