"""``make bench`` rows for ``imputation``: the reference against scikit-learn, same run."""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.impute import KNNImputer, SimpleImputer

from grader.testing import Comparison, FloatArray, load_dataset, load_reference


def _with_holes(X: FloatArray, rate: float, seed: int) -> FloatArray:
    holed = X.astype(np.float64).copy()
    holed[np.random.default_rng(seed).random(holed.shape) < rate] = np.nan
    return holed


def comparisons() -> list[Comparison]:
    """KNN imputation of breast cancer (569 x 30, 10% missing) and median imputation of 500,000 x 20."""
    reference = load_reference("imputation")
    X_knn = _with_holes(load_dataset("breast_cancer")[0], 0.1, 0)
    X_big = _with_holes(np.random.default_rng(1).normal(size=(500_000, 20)) * np.arange(1, 21), 0.1, 2)
    warnings.filterwarnings("ignore", module="sklearn")
    return [
        Comparison(
            name="KNNImputer(weights='distance').fit_transform, breast cancer 569 x 30, 10% missing",
            ours=lambda: reference.KNNImputer(weights="distance").fit_transform(X_knn),
            baseline=lambda: KNNImputer(weights="distance").fit_transform(X_knn),
            target=2.0,
        ),
        Comparison(
            name="SimpleImputer(strategy='median').fit_transform, 500,000 x 20, 10% missing",
            ours=lambda: reference.SimpleImputer(strategy="median").fit_transform(X_big),
            baseline=lambda: SimpleImputer(strategy="median").fit_transform(X_big),
            target=2.0,
        ),
    ]
