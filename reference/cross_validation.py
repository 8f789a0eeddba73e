"""K-fold and stratified K-fold splitters, and ``cross_val_score``, in NumPy only.

Both splitters give every sample a fold number in ``0 .. n_splits - 1`` (its *test* fold) and then
yield, for each fold, the sorted indices outside it (train) and inside it (test):

- ``KFold`` numbers consecutive blocks; the first ``n_samples % n_splits`` blocks hold one extra
  sample. With ``shuffle=True`` the blocks are cut from a seeded permutation instead.
- ``StratifiedKFold`` decides first how many samples of each class every fold receives (dealing
  the samples, sorted by class, round-robin over the folds), then gives each class its folds in
  blocks, in order of appearance (shuffled when ``shuffle=True``). Each class then has the floor or
  the ceiling of its share ``n_class / n_splits`` in every fold, and fold sizes differ by at most
  one.

Both reproduce scikit-learn's folds exactly, shuffled or not, for the same integer ``random_state``.
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["KFold", "StratifiedKFold", "cross_val_score"]

IndexArray = npt.NDArray[np.intp]
FoldPair = tuple[IndexArray, IndexArray]


def _num_samples(X: Any) -> int:
    """Number of rows of an array, DataFrame, Series or sequence."""
    shape = getattr(X, "shape", None)
    if shape is not None and len(shape) > 0:
        return int(shape[0])
    try:
        return len(X)
    except TypeError:
        raise ValueError(
            f"X should be an array-like with a length; got an object of type {type(X).__name__}."
        ) from None


def _check_lengths(X: Any, y: Any) -> int:
    """Return ``n_samples``, raising when ``y`` is given and has another length than ``X``."""
    n_samples = _num_samples(X)
    if y is not None and _num_samples(y) != n_samples:
        raise ValueError(
            f"X and y should have the same number of samples; got n_samples={n_samples} in X and "
            f"{_num_samples(y)} in y."
        )
    return n_samples


def _check_random_state(random_state: Any) -> np.random.RandomState:
    """Turn ``None``, an int or a ``RandomState`` into a ``RandomState`` (as scikit-learn does)."""
    if random_state is None:
        return np.random.RandomState()
    if isinstance(random_state, numbers.Integral) and not isinstance(random_state, bool):
        return np.random.RandomState(int(random_state))
    if isinstance(random_state, np.random.RandomState):
        return random_state
    raise ValueError(f"random_state should be None, an int or a numpy RandomState; got {random_state!r}.")


def _folds_from_labels(fold_of: IndexArray, n_splits: int) -> Iterator[FoldPair]:
    """Yield ``(train, test)`` for each fold number; input is assumed valid.

    Parameters
    ----------
    fold_of : ndarray of shape (n_samples,)
        The test fold of each sample, in ``0 .. n_splits - 1``.
    n_splits : int
        The number of folds.
    """
    for fold in range(n_splits):
        in_test = fold_of == fold
        yield np.flatnonzero(~in_test), np.flatnonzero(in_test)


def _consecutive_folds(fold_sizes: IndexArray) -> Iterator[FoldPair]:
    """Yield ``(train, test)`` for consecutive blocks of the given sizes; input is assumed valid.

    The test fold is a range and its training set the two ranges around it, which is cheaper than
    comparing every sample's fold number.
    """
    n_samples = int(fold_sizes.sum())
    stop = 0
    for size in fold_sizes.tolist():
        start, stop = stop, stop + size
        yield np.concatenate([np.arange(start), np.arange(stop, n_samples)]), np.arange(start, stop)


class _BaseKFold:
    """Parameters and validation shared by ``KFold`` and ``StratifiedKFold``."""

    def __init__(self, n_splits: int = 5, *, shuffle: bool = False, random_state: Any = None) -> None:
        self.n_splits = n_splits
        self.shuffle = shuffle
        self.random_state = random_state

    def get_n_splits(self, X: Any = None, y: Any = None, groups: Any = None) -> int:
        """Return the number of folds, ``n_splits``.

        Parameters
        ----------
        X, y, groups : object, default=None
            Ignored; present for compatibility with scikit-learn.

        Returns
        -------
        n_splits : int
        """
        return int(self.n_splits)

    def _check_params(self, n_samples: int) -> None:
        """Validate the parameters against the number of samples, naming the bad one."""
        n_splits = self.n_splits
        if not isinstance(n_splits, numbers.Integral) or isinstance(n_splits, bool):
            raise ValueError(f"n_splits should be an int; got {n_splits!r} of type {type(n_splits).__name__}.")
        if n_splits < 2:
            raise ValueError(f"n_splits should be >= 2; got n_splits={n_splits}.")
        if not isinstance(self.shuffle, bool | np.bool_):
            raise ValueError(f"shuffle should be True or False; got shuffle={self.shuffle!r}.")
        if not self.shuffle and self.random_state is not None:
            raise ValueError(
                f"random_state={self.random_state!r} has no effect without shuffling; leave it "
                "None or set shuffle=True."
            )
        if n_splits > n_samples:
            raise ValueError(
                f"n_splits={n_splits} should be <= n_samples={n_samples}: every test fold needs at least one sample."
            )


class KFold(_BaseKFold):
    """K-fold cross-validation: consecutive (or shuffled) blocks of samples as test folds.

    The first ``n_samples % n_splits`` folds hold ``n_samples // n_splits + 1`` samples, the others
    ``n_samples // n_splits``. Without shuffling, fold ``i`` is the ``i``-th consecutive block.

    Parameters
    ----------
    n_splits : int, default=5
        Number of folds, at least 2 and at most ``n_samples``.
    shuffle : bool, default=False
        Whether to cut the blocks from a random permutation of the samples.
    random_state : int, RandomState or None, default=None
        Seed of that permutation; only allowed with ``shuffle=True``.

    Examples
    --------
    >>> [test.tolist() for _, test in KFold(n_splits=2).split(np.zeros((5, 1)))]
    [[0, 1, 2], [3, 4]]
    """

    def split(self, X: Any, y: Any = None, groups: Any = None) -> Iterator[FoldPair]:
        """Return an iterator over ``(train_index, test_index)`` pairs, one per fold.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Only its length is used.
        y : array-like of shape (n_samples,), default=None
            Ignored, but must have the length of ``X`` when given.
        groups : object, default=None
            Ignored; present for compatibility with scikit-learn.

        Returns
        -------
        folds : iterator of (ndarray, ndarray)
            Sorted integer indices of the training and test samples of each fold.

        Raises
        ------
        ValueError
            On invalid parameters, more folds than samples, or ``X`` and ``y`` of different lengths.
        """
        n_samples = _check_lengths(X, y)
        self._check_params(n_samples)
        n_splits = int(self.n_splits)
        fold_sizes = np.full(n_splits, n_samples // n_splits, dtype=np.intp)
        fold_sizes[: n_samples % n_splits] += 1
        if not self.shuffle:
            return _consecutive_folds(fold_sizes)
        order = np.arange(n_samples)
        _check_random_state(self.random_state).shuffle(order)
        fold_of = np.empty(n_samples, dtype=np.intp)
        fold_of[order] = np.repeat(np.arange(n_splits), fold_sizes)
        return _folds_from_labels(fold_of, n_splits)


class StratifiedKFold(_BaseKFold):
    """K-fold cross-validation that keeps each class's share in every test fold.

    In every test fold each class has ``floor`` or ``ceil`` of ``n_class / n_splits`` samples, and
    fold sizes differ by at most one. Classes are labels of any kind ``np.unique`` can sort (ints,
    floats, strings, booleans).

    Parameters
    ----------
    n_splits : int, default=5
        Number of folds, at least 2 and at most ``n_samples``; at least one class must have
        ``n_splits`` members.
    shuffle : bool, default=False
        Whether to shuffle each class's samples before sharing them out.
    random_state : int, RandomState or None, default=None
        Seed of that shuffle; only allowed with ``shuffle=True``.

    Examples
    --------
    >>> y = np.array([0, 0, 1, 1, 1, 1])
    >>> [test.tolist() for _, test in StratifiedKFold(n_splits=2).split(y, y)]
    [[0, 2, 3], [1, 4, 5]]
    """

    def split(self, X: Any, y: Any, groups: Any = None) -> Iterator[FoldPair]:
        """Return an iterator over ``(train_index, test_index)`` pairs, one per fold.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Only its length is used.
        y : array-like of shape (n_samples,)
            Class labels.
        groups : object, default=None
            Ignored; present for compatibility with scikit-learn.

        Returns
        -------
        folds : iterator of (ndarray, ndarray)
            Sorted integer indices of the training and test samples of each fold.

        Raises
        ------
        ValueError
            On invalid parameters, more folds than samples, lengths of ``X`` and ``y`` that differ,
            ``y`` that is not one-dimensional, or no class with ``n_splits`` members.
        """
        if y is None:
            raise ValueError("StratifiedKFold.split needs the class labels y; got y=None.")
        n_samples = _check_lengths(X, y)
        self._check_params(n_samples)
        labels = np.asarray(y)
        if labels.ndim != 1:
            raise ValueError(f"y should be one-dimensional; got an array of shape {labels.shape}.")
        return _folds_from_labels(self._fold_of(labels), int(self.n_splits))

    def _fold_of(self, labels: npt.NDArray[Any]) -> IndexArray:
        """Test fold of each sample; parameters are assumed valid."""
        n_splits = int(self.n_splits)
        codes = _codes_by_appearance(labels)
        counts = np.bincount(codes)
        if np.all(counts < n_splits):
            raise ValueError(
                f"n_splits={n_splits} should be <= the number of members of at least one class; "
                f"the largest class has {counts.max()}."
            )
        allocation = _round_robin_allocation(counts, n_splits)
        rng = _check_random_state(self.random_state) if self.shuffle else None
        fold_of = np.empty(len(labels), dtype=np.intp)
        for code, per_fold in enumerate(allocation):
            # Blocks in fold order keep the data's order within a class; shuffling breaks them up.
            folds_for_class = np.repeat(np.arange(n_splits), per_fold)
            if rng is not None:
                rng.shuffle(folds_for_class)
            fold_of[codes == code] = folds_for_class
        return fold_of


def _codes_by_appearance(labels: npt.NDArray[Any]) -> IndexArray:
    """Encode labels as ``0, 1, ...`` in order of first appearance; input is assumed 1-D."""
    _, first_index, sorted_code = np.unique(labels, return_index=True, return_inverse=True)
    appearance_rank = np.empty(len(first_index), dtype=np.intp)
    appearance_rank[np.argsort(first_index)] = np.arange(len(first_index))
    return appearance_rank[sorted_code.ravel()]


def _round_robin_allocation(counts: IndexArray, n_splits: int) -> IndexArray:
    """How many samples of each class go to each fold; input is assumed valid.

    Sort the samples by class and deal them round-robin over the folds: position ``j`` goes to
    fold ``j % n_splits``. Class ``c`` occupies positions ``[start_c, stop_c)``, and the number of
    positions below ``x`` that fall in fold ``i`` is ``ceil((x - i) / n_splits)`` (zero when
    ``x <= i``).

    Returns
    -------
    allocation : ndarray of shape (n_classes, n_splits)
        Row ``c`` sums to ``counts[c]``; column ``i`` sums to the size of test fold ``i``.
    """
    stop = np.cumsum(counts)[:, np.newaxis]
    start = stop - counts[:, np.newaxis]
    fold = np.arange(n_splits)[np.newaxis, :]

    def below(x: IndexArray) -> IndexArray:
        return np.asarray((x - fold + n_splits - 1) // n_splits, dtype=np.intp)

    return below(stop) - below(start)


def _take_rows(data: Any, rows: IndexArray) -> Any:
    """Rows of an array or pandas object by position (pandas by ``iloc``, never by label)."""
    if hasattr(data, "iloc"):
        return data.iloc[rows]
    return data[rows]


def cross_val_score(
    estimator: Any,
    X: Any,
    y: Any,
    *,
    cv: Any = 5,
    scoring: Callable[[Any, Any, Any], float] | None = None,
) -> npt.NDArray[np.float64]:
    """Score a fresh copy of ``estimator`` on each fold of a cross-validation split.

    Parameters
    ----------
    estimator : object
        Unfitted estimator with ``fit(X, y)`` (and ``score(X, y)`` when ``scoring`` is None). It is
        never fitted itself: each fold fits a ``copy.deepcopy`` of it.
    X : array-like of shape (n_samples, n_features)
        List, ndarray or DataFrame.
    y : array-like of shape (n_samples,)
        List, ndarray or Series.
    cv : int or splitter, default=5
        An int means ``KFold(n_splits=cv)`` (unshuffled, even for classifiers); otherwise any object
        whose ``split(X, y)`` yields ``(train_index, test_index)`` pairs.
    scoring : callable or None, default=None
        ``scoring(fitted_estimator, X_test, y_test) -> float``; None means ``estimator.score``.

    Returns
    -------
    scores : ndarray of shape (n_splits,), float64
        One score per fold, in the splitter's order.

    Raises
    ------
    ValueError
        When ``X`` and ``y`` have different lengths, ``cv`` is an invalid int or not a splitter.
    """
    _check_lengths(X, y)
    splitter = _check_cv(cv)
    if not hasattr(X, "iloc"):
        X = np.asarray(X)
    if not hasattr(y, "iloc"):
        y = np.asarray(y)
    scores = [_fit_and_score(estimator, X, y, train, test, scoring) for train, test in splitter.split(X, y)]
    return np.asarray(scores, dtype=np.float64)


def _check_cv(cv: Any) -> Any:
    """An int becomes an unshuffled ``KFold``; anything with ``split`` is used as it is."""
    if isinstance(cv, numbers.Integral) and not isinstance(cv, bool):
        return KFold(n_splits=int(cv))
    if not callable(getattr(cv, "split", None)) or isinstance(cv, str):
        raise ValueError(f"cv should be an int or an object with a split method; got {cv!r}.")
    return cv


def _fit_and_score(
    estimator: Any,
    X: Any,
    y: Any,
    train: IndexArray,
    test: IndexArray,
    scoring: Callable[[Any, Any, Any], float] | None,
) -> float:
    """Fit a deep copy on the training rows, score it on the test rows; input is assumed valid."""
    fold_estimator = copy.deepcopy(estimator)
    fold_estimator.fit(_take_rows(X, train), _take_rows(y, train))
    X_test, y_test = _take_rows(X, test), _take_rows(y, test)
    if scoring is None:
        return float(fold_estimator.score(X_test, y_test))
    return float(scoring(fold_estimator, X_test, y_test))
