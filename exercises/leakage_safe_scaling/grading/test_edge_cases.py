"""The corners the statement names (category ``edge_cases``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from leakage_safe_scaling_checks import read_scaled, ridge_scores, sklearn_scores
from leakage_safe_scaling_strategies import (
    CVProblem,
    OffsetProblem,
    cv_problems,
    feature_ranges,
    matrices,
    matrices_with_constant_columns,
    offset_problems,
    seeds,
)
from sklearn import preprocessing
from sklearn.linear_model import LogisticRegression, Ridge

from grader.testing import FloatArray, IntArray, expect_close, expect_shape, few_examples, listed, points

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


OFFSETS = "features far from zero (offsets up to 1e9, a spread of a few units)"


@points(1, category="edge_cases")
@given(problem=offset_problems())
def test_features_far_from_zero_are_standardised_without_cancellation(candidate: Any, problem: OffsetProblem) -> None:
    varying = np.setdiff1d(np.arange(problem.X.shape[1]), problem.constant)
    scaler = candidate.StandardScaler()
    scaler.fit(problem.X)
    label = f"StandardScaler().fit(X) on {OFFSETS}, columns {varying.tolist()}"
    mean = read_scaled(scaler.mean_, what=f"{label}: mean_")
    scale = read_scaled(scaler.scale_, what=f"{label}: scale_")
    expect_close(mean[varying], problem.mean[varying], rtol=1e-12, what=f"{label}: mean_", source="the exact mean")
    expect_close(
        scale[varying],
        problem.scale[varying],
        rtol=1e-6,
        what=f"{label}: scale_ (a one-pass variance, mean(x**2) - mean(x)**2, cancels here)",
        source="the exact standard deviation",
    )
    expected = (problem.other[:, varying] - problem.mean[varying]) / problem.scale[varying]
    scaled = read_scaled(scaler.transform(problem.other), what=f"{label}: transform(new rows)")
    expect_close(
        scaled[:, varying],
        expected,
        rtol=1e-6,
        atol=1e-5,
        what=f"{label}: transform(new rows)",
        source="(x - mean) / std, computed exactly",
    )


@points(1, category="edge_cases")
@given(problem=offset_problems())
def test_a_constant_column_of_values_binary_cannot_hold_is_centred_with_scale_one(
    candidate: Any, problem: OffsetProblem
) -> None:
    constant = problem.constant
    values = problem.X[0, constant]
    scaler = candidate.StandardScaler()
    scaled_X = read_scaled(scaler.fit_transform(problem.X), what="StandardScaler().fit_transform(X)")
    label = (
        f"StandardScaler().fit(X) with constant column(s) {constant.tolist()} repeating "
        f"{listed(values)}, values binary floating point cannot hold exactly"
    )
    expect_close(
        read_scaled(scaler.scale_, what=f"{label}: scale_")[constant],
        np.ones(constant.size),
        rtol=1e-12,
        what=f"{label}: scale_",
        source="1.0: the column is constant, its computed variance is zero up to rounding",
    )
    expect_close(
        scaled_X[:, constant],
        np.zeros((problem.X.shape[0], constant.size)),
        atol=1e-6 * max(1.0, float(np.abs(values).max())),
        what=f"{label}: fit_transform(X) in the constant column(s)",
        source="0.0, up to rounding (centred, divided by 1.0)",
    )


@points(1, category="edge_cases")
@few_examples(5)
@given(n_samples=st.integers(4, 9), seed=seeds)
def test_n_splits_equal_to_n_samples_leaves_one_row_out_per_fold(candidate: Any, n_samples: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    X = rng.permutation(n_samples).reshape(-1, 1) / 2.0 + rng.integers(-8, 9, size=(n_samples, 2)) / 4.0
    y = np.arange(n_samples) % 2
    scores = candidate.scaled_cross_val_score(
        candidate.StandardScaler(), LogisticRegression(), X, y, n_splits=n_samples
    )
    expected = sklearn_scores(preprocessing.StandardScaler(), LogisticRegression(), X, y, n_samples)
    expect_close(
        scores,
        expected,
        what=f"scaled_cross_val_score(StandardScaler(), LogisticRegression(), X, y, "
        f"n_splits={n_samples}) with n_splits = n_samples (one test row per fold)",
        source="cross_val_score(..., cv=KFold(n_samples))",
    )


TINY_STEP = 2.0**-20  # about 1e-6: multiples of it near small offsets are exact in binary


@points(1, category="edge_cases")
@given(n_rows=st.integers(3, 20), offset=st.sampled_from([0.0, 1.0, -3.0, 40.0]), seed=seeds)
def test_a_feature_with_a_tiny_spread_is_scaled_not_treated_as_constant(
    candidate: Any, n_rows: int, offset: float, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    steps = rng.integers(-8, 9, size=n_rows).astype(np.float64)
    steps[0] = steps[1] + 1.0  # at least two distinct values
    X = np.column_stack([offset + steps * TINY_STEP, rng.integers(-8, 9, size=n_rows) / 4.0 + 0.25 * np.arange(n_rows)])
    scale = read_scaled(candidate.StandardScaler().fit(X).scale_, what="StandardScaler().fit(X).scale_")
    expect_close(
        scale[:1],
        [steps.std() * TINY_STEP],
        rtol=1e-9,
        what=f"StandardScaler().fit(X).scale_ of a feature with a spread of about 1e-6 around {offset:g}",
        source="its standard deviation: a small spread is real spread, not rounding error",
    )


@points(1, category="edge_cases")
def test_values_near_the_largest_float_are_finite_and_accepted(candidate: Any) -> None:
    X = np.array([[1e308, 1.0], [1e308, 3.0], [1e308, 2.0]])
    expect_close(
        candidate.MinMaxScaler().fit_transform(X),
        [[0.0, 0.0], [0.0, 1.0], [0.0, 0.5]],
        atol=1e-12,
        what="MinMaxScaler().fit_transform(X) with a constant column of 1e308 (finite, valid input)",
        source="0.0 in the constant column, [0, 1] in the other",
    )
