"""Same answers as scikit-learn (category ``matches_sklearn``), on generated and real data."""

from __future__ import annotations

import functools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from leakage_safe_scaling_strategies import (
    cv_problems,
    feature_ranges,
    matrices_with_constant_columns,
    paired_matrices,
)
from sklearn import preprocessing
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import make_pipeline

from grader.datasets import load_dataset
from grader.testing import expect_close, points, trusted

SKLEARN = "scikit-learn"
RTOL, ATOL = 1e-9, 1e-9


def expect_attributes(fitted, expected, names: tuple[str, ...], label: str) -> None:
    for name in names:
        expect_close(getattr(fitted, name), getattr(expected, name), rtol=RTOL, atol=ATOL,
                     what=f"{label}.fit(X).{name}", source=SKLEARN)


@points(2, category="matches_sklearn")
@given(pair=paired_matrices())
def test_standard_scaler_learns_and_applies_sklearns_mean_and_scale(candidate, pair):
    X, other = pair
    expected = preprocessing.StandardScaler().fit(X)
    scaler = candidate.StandardScaler()
    scaler.fit(X)
    expect_attributes(scaler, expected, ("mean_", "scale_"), "StandardScaler()")
    expect_close(scaler.transform(other), expected.transform(other), rtol=RTOL, atol=ATOL,
                 what="StandardScaler().fit(X).transform(other rows)", source=SKLEARN)
    expect_close(candidate.StandardScaler().fit_transform(X), expected.transform(X), rtol=RTOL,
                 atol=ATOL, what="StandardScaler().fit_transform(X)", source=SKLEARN)


@points(2, category="matches_sklearn")
@given(pair=paired_matrices(), feature_range=feature_ranges())
def test_min_max_scaler_learns_and_applies_sklearns_range(candidate, pair, feature_range):
    X, other = pair
    label = f"MinMaxScaler(feature_range={feature_range})"
    expected = preprocessing.MinMaxScaler(feature_range=feature_range).fit(X)
    scaler = candidate.MinMaxScaler(feature_range=feature_range)
    scaler.fit(X)
    expect_attributes(scaler, expected, ("data_min_", "data_max_", "scale_", "min_"), label)
    expect_close(scaler.transform(other), expected.transform(other), rtol=RTOL, atol=ATOL,
                 what=f"{label}.fit(X).transform(other rows)", source=SKLEARN)
    expect_close(candidate.MinMaxScaler(feature_range=feature_range).fit_transform(X),
                 expected.transform(X), rtol=RTOL, atol=ATOL, what=f"{label}.fit_transform(X)",
                 source=SKLEARN)


@points(1, category="matches_sklearn")
@given(data=matrices_with_constant_columns())
def test_both_scalers_match_sklearn_on_constant_features(candidate, data):
    X, constant = data
    pairs = (
        (candidate.StandardScaler(), preprocessing.StandardScaler(), ("mean_", "scale_"),
         "StandardScaler()"),
        (candidate.MinMaxScaler(), preprocessing.MinMaxScaler(),
         ("data_min_", "data_max_", "scale_", "min_"), "MinMaxScaler()"),
    )
    for scaler, expected, names, label in pairs:
        scaled = scaler.fit_transform(X)
        expected.fit(X)
        described = f"{label} with constant column(s) {constant.tolist()}"
        expect_attributes(scaler, expected, names, described)
        expect_close(scaled, expected.transform(X), rtol=RTOL, atol=ATOL,
                     what=f"{described}: fit_transform(X)", source=SKLEARN)


@points(1, category="matches_sklearn")
@given(pair=paired_matrices(), feature_range=feature_ranges())
def test_inverse_transform_matches_sklearn(candidate, pair, feature_range):
    X, other = pair
    pairs = (
        (candidate.StandardScaler(), preprocessing.StandardScaler(), "StandardScaler()"),
        (candidate.MinMaxScaler(feature_range), preprocessing.MinMaxScaler(feature_range),
         f"MinMaxScaler({feature_range})"),
    )
    for scaler, expected, label in pairs:
        scaler.fit(X)
        expected.fit(X)
        expect_close(scaler.inverse_transform(other), expected.inverse_transform(other),
                     rtol=RTOL, atol=ATOL * max(1.0, float(np.abs(X).max())),
                     what=f"{label}.fit(X).inverse_transform(other rows)", source=SKLEARN)


@points(2, category="matches_sklearn")
@given(pair=paired_matrices(), alpha=st.sampled_from([0.1, 1.0, 10.0]))
def test_pipeline_predictions_and_score_match_sklearns_pipeline(candidate, sandbox, pair, alpha):
    X, other = pair
    y = X.sum(axis=1) + np.arange(X.shape[0]) % 3
    y_other = other.sum(axis=1)
    # scikit-learn's own transformers as steps, so this checks the chaining, not the scalers.
    steps = [
        ("standard", sandbox.build("sklearn.preprocessing.StandardScaler")),
        ("minmax", sandbox.build("sklearn.preprocessing.MinMaxScaler", feature_range=(-1, 1))),
        ("ridge", sandbox.build("sklearn.linear_model.Ridge", alpha=alpha)),
    ]
    pipeline = candidate.Pipeline(steps)
    pipeline.fit(X, y)
    expected = make_pipeline(preprocessing.StandardScaler(),
                             preprocessing.MinMaxScaler(feature_range=(-1, 1)),
                             Ridge(alpha=alpha)).fit(X, y)
    label = f"Pipeline([StandardScaler, MinMaxScaler((-1, 1)), Ridge(alpha={alpha})]).fit(X, y)"
    expect_close(pipeline.predict(other), expected.predict(other), rtol=1e-7, atol=1e-9,
                 what=f"{label}.predict(other rows)", source=SKLEARN)
    expect_close(pipeline.score(other, y_other), expected.score(other, y_other), rtol=1e-7,
                 atol=1e-9, what=f"{label}.score(other rows, y)", source=SKLEARN)


def sklearn_scores(scaler, estimator, X, y, n_splits: int) -> np.ndarray:
    return cross_val_score(make_pipeline(scaler, estimator), X, y, cv=KFold(n_splits))


@points(2, category="matches_sklearn")
@settings(max_examples=12)
@given(problem=cv_problems())
def test_scaled_cross_val_score_with_standard_scaler_matches_sklearn(candidate, problem):
    scores = candidate.scaled_cross_val_score(
        candidate.StandardScaler(), trusted("sklearn.linear_model.Ridge"), problem.X, problem.y,
        n_splits=problem.n_splits,
    )
    expected = sklearn_scores(preprocessing.StandardScaler(), Ridge(), problem.X, problem.y,
                              problem.n_splits)
    expect_close(scores, expected, rtol=1e-7, atol=1e-9,
                 what=f"scaled_cross_val_score(StandardScaler(), Ridge(), X, y, "
                 f"n_splits={problem.n_splits})",
                 source="cross_val_score(make_pipeline(StandardScaler(), Ridge()), cv=KFold)")


@points(1, category="matches_sklearn")
@settings(max_examples=12)
@given(problem=cv_problems(), feature_range=st.sampled_from([(0, 1), (-1, 1), (0, 10)]))
def test_scaled_cross_val_score_with_min_max_scaler_matches_sklearn(
    candidate, problem, feature_range
):
    scores = candidate.scaled_cross_val_score(
        candidate.MinMaxScaler(feature_range=feature_range), trusted("sklearn.linear_model.Ridge"),
        problem.X, problem.y, n_splits=problem.n_splits,
    )
    expected = sklearn_scores(preprocessing.MinMaxScaler(feature_range=feature_range), Ridge(),
                              problem.X, problem.y, problem.n_splits)
    expect_close(scores, expected, rtol=1e-7, atol=1e-9,
                 what=f"scaled_cross_val_score(MinMaxScaler({feature_range}), Ridge(), X, y, "
                 f"n_splits={problem.n_splits})",
                 source=f"cross_val_score(make_pipeline(MinMaxScaler({feature_range}), Ridge()), "
                 "cv=KFold)")


@functools.cache
def breast_cancer_expected(kind: str, n_splits: int) -> np.ndarray:
    X, y = load_dataset("breast_cancer")
    scaler = preprocessing.StandardScaler() if kind == "StandardScaler" else preprocessing.MinMaxScaler()
    return sklearn_scores(scaler, LogisticRegression(), X, y, n_splits)


@points(2, category="matches_sklearn")
def test_scaled_cross_val_score_matches_sklearn_on_breast_cancer(candidate):
    X, y = load_dataset("breast_cancer")
    for kind, n_splits in (("StandardScaler", 5), ("MinMaxScaler", 4)):
        scaler = getattr(candidate, kind)()
        scores = candidate.scaled_cross_val_score(
            scaler, trusted("sklearn.linear_model.LogisticRegression"), X, y, n_splits=n_splits
        )
        expect_close(scores, breast_cancer_expected(kind, n_splits), rtol=1e-9, atol=1e-12,
                     what=f"scaled_cross_val_score({kind}(), LogisticRegression(), breast-cancer "
                     f"X, y, n_splits={n_splits})",
                     source=f"cross_val_score(make_pipeline({kind}(), LogisticRegression()), "
                     "cv=KFold)")
