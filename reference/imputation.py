"""Reference solution of ``imputation``: filling in missing values with NumPy only.

- ``SimpleImputer``: each missing entry (NaN) of a feature becomes one statistic of the observed
  values of that feature in the training data (mean, median, most frequent value, or a constant).
- ``MissingIndicator``: a boolean mask of the missing entries, one column per feature that had a
  missing value at fit time (or per feature, with ``features="all"``).
- ``KNNImputer``: a missing entry becomes the (weighted) mean of that feature over the
  ``n_neighbors`` training rows nearest in scikit-learn's NaN-aware Euclidean distance

      d(x, z) = sqrt(n_features / n_common * sum over common features of (x_j - z_j) ** 2)

  where the common features are those observed in both rows (``d`` is NaN when there is none).
- ``imputed_cross_val_score``: unshuffled K-fold scores with the imputer fitted on each fold's
  training rows only.

Validation happens in the public methods; the private helpers assume valid input.
"""

from __future__ import annotations

import copy
import math
import numbers
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]

STRATEGIES = ("mean", "median", "most_frequent", "constant")


class NotFittedError(ValueError, AttributeError):
    """Raised when a transformer is used before ``fit``."""


def _check_X(X: Any) -> FloatArray:
    """``X`` as a new float64 2-D array with at least one row and one column; NaN allowed, inf not."""
    array = np.asarray(X)
    if array.dtype.kind not in "fiub":
        raise ValueError(f"X must hold numbers (NaN for a missing value), got dtype {array.dtype}.")
    if array.ndim != 2:
        raise ValueError(f"Expected a 2-D array X of shape (n_samples, n_features), got shape {array.shape}.")
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"X needs at least one sample and one feature, got shape {array.shape}.")
    result = np.array(array, dtype=np.float64)
    if np.isinf(result).any():
        raise ValueError("X contains infinity; only NaN marks a missing value.")
    return result


def _check_missing_values(missing_values: Any) -> None:
    if not (isinstance(missing_values, float) and math.isnan(missing_values)):
        raise ValueError(f"missing_values must be np.nan (only NaN marks a missing value), got {missing_values!r}.")


def _check_fitted(model: Any, attribute: str) -> None:
    if not hasattr(model, attribute):
        raise NotFittedError(
            f"This {type(model).__name__} instance is not fitted yet; call 'fit' before using this method."
        )


def _check_n_features(X: FloatArray, n_features: int) -> None:
    if X.shape[1] != n_features:
        raise ValueError(f"X has {X.shape[1]} features, but the transformer was fitted with {n_features} features.")


def _most_frequent(values: FloatArray) -> float:
    """The most frequent value of a non-empty 1-D array; the smallest one among ties."""
    unique, counts = np.unique(values, return_counts=True)
    return float(unique[np.argmax(counts)])  # unique is sorted: argmax picks the smallest tie


def _column_statistics(X: FloatArray, missing: BoolArray, strategy: str, fill_value: float) -> FloatArray:
    """One statistic per column over its observed values; NaN for a column with none (input is valid)."""
    n_observed = (~missing).sum(axis=0)
    if strategy == "constant":
        return np.full(X.shape[1], fill_value, dtype=np.float64)
    if strategy == "mean":
        sums = np.where(missing, 0.0, X).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            means: FloatArray = sums / n_observed
        return means
    statistics = np.full(X.shape[1], np.nan)
    for column in np.flatnonzero(n_observed):
        observed = X[~missing[:, column], column]
        statistics[column] = np.median(observed) if strategy == "median" else _most_frequent(observed)
    return statistics


class MissingIndicator:
    """Mark missing values (NaN): one boolean column per feature with missing values at fit time.

    Parameters
    ----------
    features : {"missing-only", "all"}, default="missing-only"
        ``"missing-only"``: the features with at least one missing value in the training data;
        ``"all"``: every feature.
    """

    features_: npt.NDArray[np.int64]
    n_features_in_: int

    def __init__(self, features: str = "missing-only") -> None:
        self.features = features

    def fit(self, X: Any, y: Any = None) -> MissingIndicator:
        """Learn ``features_`` (int64 indices, increasing) and ``n_features_in_``."""
        if self.features not in ("missing-only", "all"):
            raise ValueError(f"features must be 'missing-only' or 'all', got {self.features!r}.")
        array = _check_X(X)
        self._fit_mask(np.isnan(array))
        return self

    def _fit_mask(self, missing: BoolArray) -> None:
        if self.features == "all":
            self.features_ = np.arange(missing.shape[1], dtype=np.int64)
        else:
            self.features_ = np.flatnonzero(missing.any(axis=0)).astype(np.int64)
        self.n_features_in_ = missing.shape[1]

    def transform(self, X: Any) -> BoolArray:
        """The boolean mask of missing entries, restricted to ``features_``: shape (n_samples, n_features_)."""
        _check_fitted(self, "features_")
        array = _check_X(X)
        _check_n_features(array, self.n_features_in_)
        mask: BoolArray = np.isnan(array)[:, self.features_]
        return mask

    def fit_transform(self, X: Any, y: Any = None) -> BoolArray:
        """``fit(X).transform(X)``."""
        return self.fit(X).transform(X)


class SimpleImputer:
    """Replace missing values (NaN) with one statistic per feature, learned on the training data.

    Parameters
    ----------
    missing_values : float, default=np.nan
        The marker of a missing value; only NaN is supported.
    strategy : {"mean", "median", "most_frequent", "constant"}, default="mean"
    fill_value : float or None, default=None
        The value used by ``strategy="constant"`` (None means 0).
    add_indicator : bool, default=False
        Append a ``MissingIndicator(features="missing-only")``'s columns (as 0.0/1.0) to the output.
    keep_empty_features : bool, default=False
        Keep a feature without any observed value at fit time (imputing 0, or ``fill_value`` for
        ``"constant"``) instead of dropping it from the output.
    """

    statistics_: FloatArray
    n_features_in_: int
    indicator_: MissingIndicator

    def __init__(
        self,
        missing_values: float = np.nan,
        strategy: str = "mean",
        fill_value: float | None = None,
        add_indicator: bool = False,
        keep_empty_features: bool = False,
    ) -> None:
        self.missing_values = missing_values
        self.strategy = strategy
        self.fill_value = fill_value
        self.add_indicator = add_indicator
        self.keep_empty_features = keep_empty_features

    def _validated_fill_value(self) -> float:
        if self.fill_value is None:
            return 0.0
        value = self.fill_value
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise ValueError(f"fill_value must be a number or None, got {value!r}.")
        return float(value)

    def fit(self, X: Any, y: Any = None) -> SimpleImputer:
        """Learn ``statistics_`` (float64, shape (n_features,); NaN for a dropped feature)."""
        _check_missing_values(self.missing_values)
        if self.strategy not in STRATEGIES:
            raise ValueError(f"strategy must be one of {STRATEGIES}, got {self.strategy!r}.")
        fill_value = self._validated_fill_value() if self.strategy == "constant" else 0.0
        array = _check_X(X)
        missing = np.isnan(array)
        statistics = _column_statistics(array, missing, self.strategy, fill_value)
        empty = missing.all(axis=0)
        statistics[empty] = (fill_value if self.strategy == "constant" else 0.0) if self.keep_empty_features else np.nan
        self.statistics_ = statistics
        self.n_features_in_ = array.shape[1]
        if self.add_indicator:
            self.indicator_ = MissingIndicator(features="missing-only")
            self.indicator_._fit_mask(missing)
        elif hasattr(self, "indicator_"):
            del self.indicator_
        return self

    def transform(self, X: Any) -> FloatArray:
        """``X`` with every NaN replaced by its feature's statistic, dropped features removed."""
        _check_fitted(self, "statistics_")
        array = _check_X(X)
        _check_n_features(array, self.n_features_in_)
        missing = np.isnan(array)
        kept = ~np.isnan(self.statistics_)
        imputed: FloatArray = np.where(missing, self.statistics_, array)[:, kept]
        if not self.add_indicator:
            return imputed
        indicator = missing[:, self.indicator_.features_].astype(np.float64)
        return np.hstack([imputed, indicator])

    def fit_transform(self, X: Any, y: Any = None) -> FloatArray:
        """``fit(X).transform(X)``."""
        return self.fit(X).transform(X)


def nan_euclidean_distances(A: FloatArray, B: FloatArray) -> FloatArray:
    """NaN-aware Euclidean distances between the rows of ``A`` and ``B`` (input is assumed valid).

    Computed from the differences themselves (not ``a**2 - 2ab + b**2``), so it keeps its digits
    far from zero. NaN where two rows have no observed feature in common.
    """
    n_features = A.shape[1]
    squares = np.zeros((A.shape[0], B.shape[0]))
    common = np.zeros((A.shape[0], B.shape[0]))
    for j in range(n_features):
        both = ~np.isnan(A[:, j, None]) & ~np.isnan(B[None, :, j])
        difference = np.where(both, A[:, j, None] - B[None, :, j], 0.0)
        squares += difference * difference
        common += both
    with np.errstate(invalid="ignore", divide="ignore"):
        distances: FloatArray = np.sqrt(squares * (n_features / common))
    distances[common == 0] = np.nan
    return distances


def _neighbour_means(distances: FloatArray, values: FloatArray, n_neighbors: int, weights: str) -> FloatArray:
    """Per row of ``distances`` (receivers x donors), the weighted mean of ``values`` over the nearest
    donors with a defined distance; NaN for a row without one (input is assumed valid)."""
    k = min(n_neighbors, distances.shape[1])
    ordered = np.argsort(np.where(np.isnan(distances), np.inf, distances), axis=1, kind="stable")[:, :k]
    nearest = np.take_along_axis(distances, ordered, axis=1)
    defined = ~np.isnan(nearest)
    if weights == "uniform":
        w = defined.astype(np.float64)
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            w = np.where(defined, 1.0 / nearest, 0.0)
        exact = (nearest == 0.0).any(axis=1)
        w[exact] = nearest[exact] == 0.0
    total = w.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        means: FloatArray = (w * values[ordered]).sum(axis=1) / total
    means[total == 0] = np.nan
    return means


class KNNImputer:
    """Replace a missing value with the mean of that feature over the nearest training rows.

    Parameters
    ----------
    n_neighbors : int, default=5
        How many donors (training rows observed in the feature) to average.
    weights : {"uniform", "distance"}, default="uniform"
        ``"distance"`` weights a donor by 1 / distance (only the donors at distance 0 count, equally,
        when there are any).
    """

    fit_X_: FloatArray
    n_features_in_: int

    def __init__(self, n_neighbors: int = 5, weights: str = "uniform") -> None:
        self.n_neighbors = n_neighbors
        self.weights = weights

    def fit(self, X: Any, y: Any = None) -> KNNImputer:
        """Remember the training rows; learn ``n_features_in_``."""
        n = self.n_neighbors
        if isinstance(n, bool) or not isinstance(n, numbers.Integral) or n < 1:
            raise ValueError(f"n_neighbors must be an integer >= 1, got {n!r}.")
        if self.weights not in ("uniform", "distance"):
            raise ValueError(f"weights must be 'uniform' or 'distance', got {self.weights!r}.")
        array = _check_X(X)
        self.fit_X_ = array
        self.n_features_in_ = array.shape[1]
        return self

    def transform(self, X: Any) -> FloatArray:
        """``X`` with every NaN imputed from the nearest donors, features empty at fit time dropped."""
        _check_fitted(self, "fit_X_")
        array = _check_X(X)
        _check_n_features(array, self.n_features_in_)
        fit_X = self.fit_X_
        fit_missing = np.isnan(fit_X)
        valid = ~fit_missing.all(axis=0)
        missing = np.isnan(array)
        result = array.copy()
        rows = np.flatnonzero(missing[:, valid].any(axis=1))
        if rows.size:
            distances = nan_euclidean_distances(array[rows], fit_X)
            for column in np.flatnonzero(valid):
                receivers = np.flatnonzero(missing[rows, column])
                if not receivers.size:
                    continue
                donors = np.flatnonzero(~fit_missing[:, column])
                values = _neighbour_means(
                    distances[np.ix_(receivers, donors)], fit_X[donors, column], int(self.n_neighbors), self.weights
                )
                # A receiver sharing no observed feature with any donor gets the column's training mean.
                values[np.isnan(values)] = fit_X[donors, column].mean()
                result[rows[receivers], column] = values
        imputed: FloatArray = result[:, valid]
        return imputed

    def fit_transform(self, X: Any, y: Any = None) -> FloatArray:
        """``fit(X).transform(X)``."""
        return self.fit(X).transform(X)


def _kfold(n_samples: int, n_splits: int) -> list[tuple[IntArray, IntArray]]:
    """Unshuffled K-fold (train, test) indices, as scikit-learn's ``KFold(n_splits)``."""
    sizes = np.full(n_splits, n_samples // n_splits)
    sizes[: n_samples % n_splits] += 1
    stops = np.cumsum(sizes)
    indices = np.arange(n_samples)
    return [
        (np.concatenate([indices[:start], indices[stop:]]), indices[start:stop])
        for start, stop in zip(stops - sizes, stops, strict=True)
    ]


def imputed_cross_val_score(imputer: Any, estimator: Any, X: Any, y: Any, *, cv: int = 5) -> FloatArray:
    """Unshuffled K-fold scores with the imputer fitted on each fold's training rows only.

    Returns
    -------
    scores : ndarray of shape (cv,)
        ``estimator.score`` on each test fold, in fold order.
    """
    array = _check_X(X)
    targets = np.asarray(y)
    if targets.ndim != 1 or targets.shape[0] != array.shape[0]:
        raise ValueError(f"y must have shape ({array.shape[0]},) to match X, got {targets.shape}.")
    n_samples = array.shape[0]
    if isinstance(cv, bool) or not isinstance(cv, numbers.Integral) or not 2 <= cv <= n_samples:
        raise ValueError(f"cv must be an integer between 2 and n_samples={n_samples}, got {cv!r}.")
    scores = []
    for train, test in _kfold(n_samples, int(cv)):
        fold_imputer, fold_estimator = copy.deepcopy(imputer), copy.deepcopy(estimator)
        fold_estimator.fit(fold_imputer.fit_transform(array[train]), targets[train])
        scores.append(fold_estimator.score(fold_imputer.transform(array[test]), targets[test]))
    return np.asarray(scores, dtype=np.float64)
