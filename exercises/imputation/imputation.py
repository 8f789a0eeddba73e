"""Imputing missing values: write ``SimpleImputer``, ``MissingIndicator``, ``KNNImputer`` and
``imputed_cross_val_score`` here. See README.md for the full statement.

A missing value is NaN. Only NumPy and the standard library may be imported.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


class SimpleImputer:
    """Replace missing values (NaN) with one statistic per feature, learned on the training data.

    Parameters
    ----------
    missing_values : float, default=np.nan
        The marker of a missing value; only NaN is supported (anything else: ``ValueError`` in ``fit``).
    strategy : {"mean", "median", "most_frequent", "constant"}, default="mean"
        The statistic of the observed values of each feature. ``"most_frequent"`` breaks ties towards
        the smallest value.
    fill_value : float or None, default=None
        The value imputed by ``strategy="constant"`` (None means 0).
    add_indicator : bool, default=False
        Append the columns of a ``MissingIndicator(features="missing-only")`` fitted on the same data,
        as 0.0 / 1.0, after the imputed columns.
    keep_empty_features : bool, default=False
        A feature without any observed value at fit time is dropped from the output, unless this is
        True: then it is kept and imputed with 0 (``fill_value`` for ``"constant"``).

    Attributes
    ----------
    statistics_ : ndarray of shape (n_features,), float64
        The value imputed in each feature; NaN for a feature that is dropped.
    n_features_in_ : int
    indicator_ : MissingIndicator
        Only when ``add_indicator=True``.
    """

    statistics_: FloatArray
    n_features_in_: int

    def __init__(
        self,
        missing_values: float = np.nan,
        strategy: str = "mean",
        fill_value: float | None = None,
        add_indicator: bool = False,
        keep_empty_features: bool = False,
    ) -> None:
        raise NotImplementedError

    def fit(self, X: Any, y: Any = None) -> SimpleImputer:
        """Learn ``statistics_`` from the observed values of each feature of ``X``.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Numbers, NaN for a missing value.
        y : ignored

        Returns
        -------
        self : SimpleImputer
        """
        raise NotImplementedError

    def transform(self, X: Any) -> FloatArray:
        """Impute every NaN of ``X`` with its feature's statistic.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)

        Returns
        -------
        X_imputed : ndarray of shape (n_samples, n_kept_features + n_indicator_columns), float64
            The kept features in their order, then the indicator columns (``add_indicator=True``).
        """
        raise NotImplementedError

    def fit_transform(self, X: Any, y: Any = None) -> FloatArray:
        """``fit(X).transform(X)``."""
        raise NotImplementedError


class MissingIndicator:
    """Mark the missing values (NaN) of the features that had some at fit time.

    Parameters
    ----------
    features : {"missing-only", "all"}, default="missing-only"
        ``"missing-only"``: a column for each feature with a missing value in the training data;
        ``"all"``: a column for every feature.

    Attributes
    ----------
    features_ : ndarray of shape (n_indicator_columns,), int64
        The indices of the marked features, increasing.
    n_features_in_ : int
    """

    features_: npt.NDArray[np.int64]
    n_features_in_: int

    def __init__(self, features: str = "missing-only") -> None:
        raise NotImplementedError

    def fit(self, X: Any, y: Any = None) -> MissingIndicator:
        """Learn ``features_`` from ``X`` of shape (n_samples, n_features); returns ``self``."""
        raise NotImplementedError

    def transform(self, X: Any) -> BoolArray:
        """The mask ``isnan(X)`` restricted to ``features_``: ndarray of shape (n_samples, len(features_)), bool."""
        raise NotImplementedError

    def fit_transform(self, X: Any, y: Any = None) -> BoolArray:
        """``fit(X).transform(X)``."""
        raise NotImplementedError


class KNNImputer:
    """Impute a missing value with the mean of that feature over the nearest training rows.

    Distances are scikit-learn's NaN-aware Euclidean distances (see README.md).

    Parameters
    ----------
    n_neighbors : int, default=5
        How many donors (training rows that observe the feature) to average.
    weights : {"uniform", "distance"}, default="uniform"
        ``"distance"``: each donor weighs 1 / distance; when some donors are at distance 0, only
        they count, equally.

    Attributes
    ----------
    n_features_in_ : int
    """

    def __init__(self, n_neighbors: int = 5, weights: str = "uniform") -> None:
        raise NotImplementedError

    def fit(self, X: Any, y: Any = None) -> KNNImputer:
        """Remember the training rows ``X`` of shape (n_samples, n_features); returns ``self``."""
        raise NotImplementedError

    def transform(self, X: Any) -> FloatArray:
        """Impute every NaN of ``X`` from its nearest donors.

        Returns
        -------
        X_imputed : ndarray of shape (n_samples, n_kept_features), float64
            Features without any observed value at fit time are dropped.
        """
        raise NotImplementedError

    def fit_transform(self, X: Any, y: Any = None) -> FloatArray:
        """``fit(X).transform(X)``."""
        raise NotImplementedError


def imputed_cross_val_score(imputer: Any, estimator: Any, X: Any, y: Any, *, cv: int = 5) -> FloatArray:
    """Unshuffled K-fold scores, the imputer fitted on each fold's training rows only.

    Parameters
    ----------
    imputer : transformer
        Any object with ``fit_transform`` (or ``fit``) and ``transform``; copied for each fold.
    estimator : estimator
        Any object with ``fit(X, y)`` and ``score(X, y)``; copied for each fold.
    X : array-like of shape (n_samples, n_features)
        Numbers, NaN for a missing value.
    y : array-like of shape (n_samples,)
    cv : int, default=5
        The number of folds, ``2 <= cv <= n_samples``.

    Returns
    -------
    scores : ndarray of shape (cv,), float64
        ``estimator.score`` on each test fold, in fold order.
    """
    raise NotImplementedError
