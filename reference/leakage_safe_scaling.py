"""Reference for ``leakage_safe_scaling``: scalers, a pipeline, and leak-free K-fold scores.

The point of the exercise is the order of operations in cross-validation: split first, then fit the
scaler on the training rows only, and transform the test rows with the training statistics. Fitting
the scaler on the whole dataset before splitting lets every test fold leak its mean and spread into
the model it is scored against.

Everything here follows scikit-learn's conventions: ``__init__`` only stores parameters, ``fit``
returns ``self``, learned attributes end in ``_``, and input is validated once, at the public edge.
Deliberate differences from scikit-learn: NaN and infinite values are rejected (scikit-learn's
scalers ignore NaN in ``fit`` and pass it through), and outputs are always ``float64``.
"""

from __future__ import annotations

import copy
import numbers
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

__all__ = [
    "MinMaxScaler",
    "NotFittedError",
    "Pipeline",
    "StandardScaler",
    "scaled_cross_val_score",
]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]


class NotFittedError(ValueError, AttributeError):
    """Raised when a scaler is used before ``fit``; a ``ValueError``, as in scikit-learn."""


class Transformer(Protocol):
    """What ``Pipeline`` and ``scaled_cross_val_score`` need from every step but the last."""

    def fit_transform(self, X: Any, y: Any = None) -> Any: ...

    def transform(self, X: Any) -> Any: ...


class Estimator(Protocol):
    """What ``Pipeline`` and ``scaled_cross_val_score`` need from the final step."""

    def fit(self, X: Any, y: Any) -> Any: ...

    def predict(self, X: Any) -> Any: ...

    def score(self, X: Any, y: Any) -> float: ...


# ---------------------------------------------------------------------------------------------
# Validation at the public edge
# ---------------------------------------------------------------------------------------------


def _validated_data(X: npt.ArrayLike, *, name: str = "X") -> FloatArray:
    """Return ``X`` as a 2-D, finite ``float64`` array, without copying when it already is one.

    Raises
    ------
    ValueError
        When ``X`` is not 2-D, has no sample or no feature, or holds NaN or infinity.
    """
    array = np.asarray(X, dtype=np.float64)
    if array.ndim != 2:
        raise ValueError(
            f"{name} should be a 2-D array of shape (n_samples, n_features); "
            f"got a {array.ndim}-D array of shape {array.shape}."
        )
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"{name} should have at least one sample and one feature; got shape {array.shape}.")
    # One cheap reduction settles the common case; only a non-finite total (a NaN, an infinity,
    # or an overflow of large finite values) needs the elementwise check.
    if not np.isfinite(array.sum()) and not np.isfinite(array).all():
        n_bad = int(np.count_nonzero(~np.isfinite(array)))
        raise ValueError(f"{name} contains {n_bad} NaN or infinite value(s); every value should be finite.")
    return array


def _validated_feature_range(feature_range: Any) -> tuple[float, float]:
    """Return ``feature_range`` as ``(low, high)`` floats with ``low < high``."""
    try:
        low, high = (float(bound) for bound in feature_range)
    except (TypeError, ValueError) as error:
        raise ValueError(f"feature_range={feature_range!r} should be a pair of numbers (min, max).") from error
    if not (np.isfinite(low) and np.isfinite(high)):
        raise ValueError(f"feature_range={feature_range!r} should hold finite numbers.")
    if not low < high:
        raise ValueError(f"feature_range={feature_range!r} should have its minimum below its maximum.")
    return low, high


def _validated_n_splits(n_splits: Any, n_samples: int) -> int:
    """Return ``n_splits`` when it is an integer in ``[2, n_samples]``."""
    if isinstance(n_splits, bool) or not isinstance(n_splits, numbers.Integral):
        raise ValueError(f"n_splits={n_splits!r} should be an integer.")
    n_folds = int(n_splits)
    if n_folds < 2:
        raise ValueError(f"n_splits={n_folds} should be >= 2.")
    if n_folds > n_samples:
        raise ValueError(f"n_splits={n_folds} should be <= n_samples={n_samples}.")
    return n_folds


# ---------------------------------------------------------------------------------------------
# Scalers
# ---------------------------------------------------------------------------------------------


class _Scaler:
    """Shared plumbing of the two scalers: the fitted check and the feature-count check."""

    n_features_in_: int

    def _check_is_fitted(self, method: str) -> None:
        if not hasattr(self, "n_features_in_"):
            raise NotFittedError(
                f"This {type(self).__name__} instance is not fitted yet; call 'fit' before '{method}'."
            )

    def _validated_for(self, X: npt.ArrayLike, method: str) -> FloatArray:
        """Validate ``X`` for a fitted scaler's ``method``: finite, 2-D, same feature count."""
        self._check_is_fitted(method)
        array = _validated_data(X)
        if array.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {array.shape[1]} features, but {type(self).__name__} was fitted with "
                f"{self.n_features_in_} features."
            )
        return array


class StandardScaler(_Scaler):
    """Standardise features: subtract the mean, divide by the population standard deviation.

    ``z = (x - mean_) / scale_`` with ``scale_ = sqrt(mean((x - mean_) ** 2))`` (``ddof=0``). A
    feature with zero variance gets ``scale_`` 1.0, so it is centred to 0 rather than divided by 0.
    As in scikit-learn, a variance that is zero up to rounding error counts as zero.

    Attributes
    ----------
    mean_ : ndarray of shape (n_features,)
        Per-feature mean of the training data.
    var_ : ndarray of shape (n_features,)
        Per-feature population variance of the training data.
    scale_ : ndarray of shape (n_features,)
        ``sqrt(var_)``, with 1.0 for constant features.
    n_features_in_ : int
        Number of features seen in ``fit``.
    n_samples_seen_ : int
        Number of samples seen in ``fit``.
    """

    mean_: FloatArray
    var_: FloatArray
    scale_: FloatArray
    n_samples_seen_: int

    def __init__(self) -> None:
        # No hyper-parameters: the scaler is fully described by what it learns.
        pass

    def fit(self, X: npt.ArrayLike, y: object = None) -> StandardScaler:
        """Learn the per-feature mean and standard deviation of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; finite values only.
        y : ignored
            Accepted for compatibility with ``Pipeline``.

        Returns
        -------
        self : StandardScaler
        """
        self._fit_centred(_validated_data(X))
        return self

    def transform(self, X: npt.ArrayLike) -> FloatArray:
        """Standardise ``X`` with the statistics learned in ``fit``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features), float64
        """
        array = self._validated_for(X, "transform")
        scaled = array - self.mean_
        scaled /= self.scale_
        return scaled

    def fit_transform(self, X: npt.ArrayLike, y: object = None) -> FloatArray:
        """Fit to ``X``, then standardise it (one pass fewer than ``fit(X).transform(X)``).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features), float64
        """
        scaled = self._fit_centred(_validated_data(X))
        scaled /= self.scale_
        return scaled

    def inverse_transform(self, X: npt.ArrayLike) -> FloatArray:
        """Undo ``transform``: ``X * scale_ + mean_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features), float64
        """
        array = self._validated_for(X, "inverse_transform")
        original = array * self.scale_
        original += self.mean_
        return original

    def _fit_centred(self, X: FloatArray) -> FloatArray:
        """Learn the statistics of ``X`` (assumed valid) and return the new array ``X - mean_``."""
        n_samples = X.shape[0]
        mean = X.mean(axis=0)
        centred: FloatArray = X - mean
        # Two-pass variance from the centred values; einsum sums the squares without a temporary.
        var: FloatArray = np.einsum("ij,ij->j", centred, centred) / n_samples
        self.mean_ = mean
        self.var_ = var
        self.scale_ = np.where(_is_constant(var, mean, n_samples), 1.0, np.sqrt(var))
        self.n_features_in_ = X.shape[1]
        self.n_samples_seen_ = n_samples
        return centred


def _is_constant(var: FloatArray, mean: FloatArray, n_samples: int) -> npt.NDArray[np.bool_]:
    """Tell which variances are zero up to the rounding error of the two-pass algorithm.

    The bound is scikit-learn's (Chan, Golub and LeVeque): a constant column whose value is not
    exactly representable can leave a variance of about ``(n * mean * eps) ** 2`` instead of 0.
    """
    eps = np.finfo(np.float64).eps
    upper_bound = n_samples * eps * var + (n_samples * mean * eps) ** 2
    return np.asarray(var <= upper_bound)


class MinMaxScaler(_Scaler):
    """Scale each feature linearly so that its training range maps onto ``feature_range``.

    ``x_scaled = x * scale_ + min_`` with ``scale_ = (high - low) / (data_max_ - data_min_)`` and
    ``min_ = low - data_min_ * scale_``. A constant feature has range 1, so it maps to ``low``.

    Parameters
    ----------
    feature_range : tuple (min, max), default=(0, 1)
        The range the training data is mapped onto; ``min`` must be below ``max``.

    Attributes
    ----------
    data_min_ : ndarray of shape (n_features,)
    data_max_ : ndarray of shape (n_features,)
    data_range_ : ndarray of shape (n_features,)
        ``data_max_ - data_min_``.
    scale_ : ndarray of shape (n_features,)
    min_ : ndarray of shape (n_features,)
    n_features_in_ : int
    n_samples_seen_ : int
    """

    data_min_: FloatArray
    data_max_: FloatArray
    data_range_: FloatArray
    scale_: FloatArray
    min_: FloatArray
    n_samples_seen_: int

    def __init__(self, feature_range: tuple[float, float] = (0, 1)) -> None:
        self.feature_range = feature_range

    def fit(self, X: npt.ArrayLike, y: object = None) -> MinMaxScaler:
        """Learn the per-feature minimum and maximum of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data; finite values only.
        y : ignored

        Returns
        -------
        self : MinMaxScaler
        """
        low, high = _validated_feature_range(self.feature_range)
        array = _validated_data(X)
        data_min = array.min(axis=0)
        data_max = array.max(axis=0)
        data_range = data_max - data_min
        # A range within rounding error of 0 is treated as 1, as scikit-learn does, so a constant
        # feature maps onto ``low`` instead of producing 0 / 0.
        safe_range = np.where(data_range < 10 * np.finfo(np.float64).eps, 1.0, data_range)
        self.data_min_ = data_min
        self.data_max_ = data_max
        self.data_range_ = data_range
        self.scale_ = (high - low) / safe_range
        self.min_ = low - data_min * self.scale_
        self.n_features_in_ = array.shape[1]
        self.n_samples_seen_ = array.shape[0]
        return self

    def transform(self, X: npt.ArrayLike) -> FloatArray:
        """Map ``X`` with the range learned in ``fit``: ``X * scale_ + min_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features), float64
        """
        array = self._validated_for(X, "transform")
        scaled = array * self.scale_
        scaled += self.min_
        return scaled

    def fit_transform(self, X: npt.ArrayLike, y: object = None) -> FloatArray:
        """Fit to ``X``, then transform it.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : ignored

        Returns
        -------
        X_scaled : ndarray of shape (n_samples, n_features), float64
        """
        return self.fit(X).transform(X)

    def inverse_transform(self, X: npt.ArrayLike) -> FloatArray:
        """Undo ``transform``: ``(X - min_) / scale_``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_original : ndarray of shape (n_samples, n_features), float64
        """
        array = self._validated_for(X, "inverse_transform")
        original = array - self.min_
        original /= self.scale_
        return original


# ---------------------------------------------------------------------------------------------
# Pipeline and cross-validation
# ---------------------------------------------------------------------------------------------


class Pipeline:
    """Chain transformers and a final estimator, fitting each step on its predecessor's output.

    ``fit`` calls ``fit_transform`` on every transformer in turn, then ``fit`` on the final
    estimator. ``predict`` and ``score`` only call ``transform``: at prediction time the statistics
    learned from the training data are reused, never re-estimated from the data being predicted.
    The step objects themselves are fitted (no copies), as in scikit-learn.

    Parameters
    ----------
    steps : list of (str, object) tuples
        The transformers, then the final estimator, each with a name.
    """

    def __init__(self, steps: Sequence[tuple[str, Any]]) -> None:
        self.steps = steps

    def fit(self, X: Any, y: Any = None) -> Pipeline:
        """Fit the transformers one after another, then the final estimator.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or None

        Returns
        -------
        self : Pipeline
        """
        transformers, estimator = self._split_steps()
        Xt = X
        for transformer in transformers:
            Xt = transformer.fit_transform(Xt, y)
        estimator.fit(Xt, y)
        return self

    def predict(self, X: Any) -> Any:
        """Transform ``X`` through the fitted transformers and predict with the final estimator.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
        """
        transformers, estimator = self._split_steps()
        return estimator.predict(_transform_through(transformers, X))

    def score(self, X: Any, y: Any) -> float:
        """Transform ``X`` through the fitted transformers and return the final estimator's score.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        score : float
        """
        transformers, estimator = self._split_steps()
        return float(estimator.score(_transform_through(transformers, X), y))

    def _split_steps(self) -> tuple[list[Transformer], Estimator]:
        steps = list(self.steps)
        if not steps:
            raise ValueError("steps=[] should hold at least one (name, estimator) pair.")
        for step in steps:
            if not (isinstance(step, tuple | list) and len(step) == 2):
                raise ValueError(f"Each step should be a (name, estimator) pair; got {step!r}.")
        return [transformer for _, transformer in steps[:-1]], steps[-1][1]


def _transform_through(transformers: Sequence[Transformer], X: Any) -> Any:
    """Apply already fitted transformers in order (input is assumed valid)."""
    for transformer in transformers:
        X = transformer.transform(X)
    return X


def _kfold_indices(n_samples: int, n_splits: int) -> Iterator[tuple[IntArray, IntArray]]:
    """Yield ``(train, test)`` index arrays of unshuffled K-fold, scikit-learn's ``KFold`` layout.

    The test folds are consecutive blocks; the first ``n_samples % n_splits`` of them hold one row
    more than the others. Input is assumed valid (``2 <= n_splits <= n_samples``).
    """
    fold_sizes = np.full(n_splits, n_samples // n_splits)
    fold_sizes[: n_samples % n_splits] += 1
    stops = np.cumsum(fold_sizes)
    indices = np.arange(n_samples)
    for start, stop in zip(stops - fold_sizes, stops, strict=True):
        test = indices[start:stop]
        train = np.concatenate([indices[:start], indices[stop:]])
        yield train, test


def scaled_cross_val_score(
    scaler: Any,
    estimator: Any,
    X: npt.ArrayLike,
    y: npt.ArrayLike,
    *,
    n_splits: int = 5,
) -> FloatArray:
    """Score ``estimator`` by unshuffled K-fold, scaling inside each fold without leakage.

    In each fold a fresh copy of ``scaler`` is fitted on the training rows only, a fresh copy of
    ``estimator`` is trained on the scaled training rows, and it is scored with ``score`` on the
    test rows scaled with the training statistics. The objects passed in are never fitted.

    Parameters
    ----------
    scaler : transformer
        Anything with ``fit_transform`` and ``transform`` (a scaler from this module, or
        scikit-learn's); deep-copied for every fold.
    estimator : estimator
        Anything with ``fit`` and ``score``; deep-copied for every fold.
    X : array-like of shape (n_samples, n_features)
        Finite values only.
    y : array-like of shape (n_samples,)
    n_splits : int, default=5
        Number of folds, ``2 <= n_splits <= n_samples``.

    Returns
    -------
    scores : ndarray of shape (n_splits,), float64
        The score of each fold, in fold order.
    """
    array = _validated_data(X)
    target = np.asarray(y)
    n_samples = array.shape[0]
    if target.ndim == 0 or target.shape[0] != n_samples:
        raise ValueError(f"y should have one entry per sample of X (n_samples={n_samples}); got shape {target.shape}.")
    n_splits = _validated_n_splits(n_splits, n_samples)
    scores = np.empty(n_splits, dtype=np.float64)
    for fold, (train, test) in enumerate(_kfold_indices(n_samples, n_splits)):
        # The pipeline is what prevents leakage: the scaler only ever sees X[train] in fit.
        model = Pipeline([("scaler", copy.deepcopy(scaler)), ("estimator", copy.deepcopy(estimator))])
        model.fit(array[train], target[train])
        scores[fold] = model.score(array[test], target[test])
    return scores
