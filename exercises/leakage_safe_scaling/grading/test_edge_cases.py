"""The corners the statement names (category ``edge_cases``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from leakage_safe_scaling_checks import read_scaled, ridge_scores
from leakage_safe_scaling_strategies import (
    CVProblem,
    cv_problems,
    feature_ranges,
    matrices,
    matrices_with_constant_columns,
)
from sklearn import preprocessing
from sklearn.linear_model import Ridge

from grader.testing import FloatArray, IntArray, expect_close, expect_shape, points

single_rows = (
    st.integers(1, 5)
    .flatmap(lambda n_cols: hnp.arrays(np.int64, (1, n_cols), elements=st.integers(-400, 400)))
    .map(lambda ints: ints / 4.0)
)


@points(1, category="edge_cases")
@given(X=single_rows, feature_range=feature_ranges())
def test_one_sample_is_centred_to_zero_and_mapped_to_the_range_minimum(
    candidate: Any, X: FloatArray, feature_range: tuple[float, float]
) -> None:
    scaler = candidate.StandardScaler()
    scaled = scaler.fit_transform(X)
    expect_close(
        scaled,
        np.zeros_like(X),
        atol=1e-12,
        what="StandardScaler().fit_transform(X) for one sample",
        source="zeros (one sample: mean is the sample, scale_ 1.0)",
    )
    expect_close(
        scaler.scale_,
        np.ones(X.shape[1]),
        what="StandardScaler().fit(X).scale_ for one sample",
        source="ones (zero variance)",
    )
    expect_close(
        scaler.inverse_transform(np.zeros_like(X)),
        X,
        rtol=1e-12,
        what="StandardScaler().fit(X).inverse_transform(zeros) for one sample",
        source="the sample itself",
    )
    low, _ = feature_range
    expect_close(
        candidate.MinMaxScaler(feature_range).fit_transform(X),
        np.full_like(X, low),
        rtol=1e-12,
        atol=1e-12,
        what=f"MinMaxScaler({feature_range}).fit_transform(X) for one sample",
        source="the range minimum (a constant feature has range 1)",
    )


@points(1, category="edge_cases")
@given(data=matrices_with_constant_columns())
def test_a_constant_column_is_centred_to_zero_with_scale_one(candidate: Any, data: tuple[FloatArray, IntArray]) -> None:
    X, constant = data
    scaler = candidate.StandardScaler()
    label = f"StandardScaler() with constant column(s) {constant.tolist()}"
    scaled = read_scaled(scaler.fit_transform(X), what=f"{label}: fit_transform(X)")
    expect_close(
        read_scaled(scaler.scale_, what=f"{label}: scale_")[constant],
        np.ones(constant.size),
        what=f"{label}: scale_ of the constant columns",
        source="1.0 (zero variance)",
    )
    expect_close(
        scaled[:, constant],
        np.zeros((X.shape[0], constant.size)),
        atol=1e-12,
        what=f"{label}: fit_transform(X) in the constant columns",
        source="0.0 (centred, not divided by zero)",
    )


@points(1, category="edge_cases")
@given(data=matrices_with_constant_columns(), feature_range=feature_ranges())
def test_a_constant_column_maps_to_the_feature_range_minimum(
    candidate: Any, data: tuple[FloatArray, IntArray], feature_range: tuple[float, float]
) -> None:
    X, constant = data
    low, high = feature_range
    scaler = candidate.MinMaxScaler(feature_range)
    label = f"MinMaxScaler({feature_range}) with constant column(s) {constant.tolist()}"
    scaled = read_scaled(scaler.fit_transform(X), what=f"{label}: fit_transform(X)")
    expect_close(
        read_scaled(scaler.scale_, what=f"{label}: scale_")[constant],
        np.full(constant.size, high - low),
        rtol=1e-12,
        what=f"{label}: scale_ of the constant columns",
        source="(max - min) / 1 (a constant feature has range 1)",
    )
    expect_close(
        scaled[:, constant],
        np.full((X.shape[0], constant.size), low),
        rtol=1e-12,
        atol=1e-12,
        what=f"{label}: fit_transform(X) in the constant columns",
        source=f"the range minimum {low}",
    )


@points(1, category="edge_cases")
@given(problem=cv_problems(max_cols=1))
def test_a_single_feature_keeps_its_two_dimensional_shape(candidate: Any, problem: CVProblem) -> None:
    X = problem.X
    for label, scaler in (
        ("StandardScaler()", candidate.StandardScaler()),
        ("MinMaxScaler()", candidate.MinMaxScaler()),
    ):
        scaled = scaler.fit_transform(X)
        expect_shape(scaled, X.shape, what=f"{label}.fit_transform(X) for one feature")
        expect_shape(scaler.inverse_transform(scaled), X.shape, what=f"{label}.inverse_transform(X) for one feature")
    scores = candidate.scaled_cross_val_score(
        candidate.StandardScaler(), Ridge(), X, problem.y, n_splits=problem.n_splits
    )
    expected = ridge_scores(preprocessing.StandardScaler(), X, problem.y, problem.n_splits)
    expect_close(
        scores,
        expected,
        rtol=1e-7,
        atol=1e-9,
        what=f"scaled_cross_val_score with a single feature, n_splits={problem.n_splits}",
        source="scikit-learn",
    )


@points(1, category="edge_cases")
@given(X=matrices())
def test_feature_range_minus_one_to_one_maps_the_training_data_onto_it(candidate: Any, X: FloatArray) -> None:
    scaler = candidate.MinMaxScaler(feature_range=(-1, 1))
    label = "MinMaxScaler(feature_range=(-1, 1)).fit_transform(X)"
    scaled = read_scaled(scaler.fit_transform(X), what=label)
    expect_close(
        scaled.min(axis=0),
        -np.ones(X.shape[1]),
        rtol=1e-12,
        atol=1e-12,
        what=f"the column minima of {label}",
        source="-1 (the feature_range minimum)",
    )
    expect_close(
        scaled.max(axis=0),
        np.ones(X.shape[1]),
        rtol=1e-12,
        atol=1e-12,
        what=f"the column maxima of {label}",
        source="1 (the feature_range maximum)",
    )
    data_range = X.max(axis=0) - X.min(axis=0)
    expect_close(
        scaler.scale_,
        2.0 / data_range,
        rtol=1e-12,
        what="MinMaxScaler(feature_range=(-1, 1)).fit(X).scale_",
        source="(1 - (-1)) / (data_max_ - data_min_)",
    )
    expect_close(
        scaler.min_,
        -1.0 - X.min(axis=0) * 2.0 / data_range,
        rtol=1e-9,
        atol=1e-9,
        what="MinMaxScaler(feature_range=(-1, 1)).fit(X).min_",
        source="-1 - data_min_ * scale_",
    )
