"""scikit-learn's brute-force estimators, run in the judge, as the oracle on tie-free data."""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor

from grader.testing import FloatArray, IntArray, load_dataset


def sklearn_classifier(k: int, weights: str, p: int) -> KNeighborsClassifier:
    return KNeighborsClassifier(n_neighbors=k, weights=weights, p=p, algorithm="brute")


def sklearn_regressor(k: int, weights: str, p: int) -> KNeighborsRegressor:
    return KNeighborsRegressor(n_neighbors=k, weights=weights, p=p, algorithm="brute")


def sklearn_neighbours(X: FloatArray, queries: FloatArray | None, k: int, p: int) -> IntArray:
    """scikit-learn's neighbour indices (its distances are not used: see ``distances``)."""
    model = sklearn_classifier(1, "uniform", p).fit(X, np.zeros(X.shape[0]))
    return np.asarray(model.kneighbors(queries, n_neighbors=k, return_distance=False), dtype=np.int64)


def split_dataset(name: str, *, standardise: bool) -> tuple[FloatArray, Any, FloatArray, Any]:
    """``(X_train, y_train, X_test, y_test)``: every third row of a bundled dataset is a query."""
    X, y = load_dataset(name)
    X = np.asarray(X, dtype=np.float64)
    if standardise:
        X = (X - X.mean(axis=0)) / X.std(axis=0)
    test = np.arange(X.shape[0]) % 3 == 0
    return X[~test], np.asarray(y)[~test], X[test], np.asarray(y)[test]
