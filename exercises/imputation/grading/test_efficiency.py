"""``efficiency``: vectorised imputation on medium inputs, the whole result compared with the reference."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.testing import FloatArray, assert_fast_enough, points

KNN_ROWS, KNN_FEATURES = 1500, 12
SIMPLE_ROWS, SIMPLE_FEATURES = 300_000, 20


def _with_holes(rng: np.random.Generator, n_rows: int, n_features: int) -> FloatArray:
    X = rng.normal(size=(n_rows, n_features)) * np.arange(1, n_features + 1)
    X[rng.random(X.shape) < 0.1] = np.nan
    return X


def _knn_input(repeat: int) -> FloatArray:
    return _with_holes(np.random.default_rng(100 + repeat), KNN_ROWS, KNN_FEATURES)


def _simple_input(repeat: int) -> FloatArray:
    return _with_holes(np.random.default_rng(200 + repeat), SIMPLE_ROWS, SIMPLE_FEATURES)


@points(1, category="efficiency")
def test_knn_fit_transform_is_fast(candidate: Any, reference: Any, sandbox: Any) -> None:
    assert_fast_enough(
        lambda X: candidate.KNNImputer(n_neighbors=5, weights="distance").fit_transform(X),
        lambda X: reference.KNNImputer(n_neighbors=5, weights="distance").fit_transform(X),
        inputs=_knn_input,
        prepare=sandbox.hold,
        within=10,
        floor_seconds=0.5,
        rtol=1e-7,
        what=f"KNNImputer(weights='distance').fit_transform on {KNN_ROWS:,} x {KNN_FEATURES}, 10% missing",
    )


@points(1, category="efficiency")
def test_median_imputation_with_indicator_is_fast(candidate: Any, reference: Any, sandbox: Any) -> None:
    assert_fast_enough(
        lambda X: candidate.SimpleImputer(strategy="median", add_indicator=True).fit_transform(X),
        lambda X: reference.SimpleImputer(strategy="median", add_indicator=True).fit_transform(X),
        inputs=_simple_input,
        prepare=sandbox.hold,
        within=10,
        floor_seconds=0.5,
        what=f"SimpleImputer(strategy='median', add_indicator=True).fit_transform on {SIMPLE_ROWS:,} x "
        f"{SIMPLE_FEATURES}, 10% missing",
    )
