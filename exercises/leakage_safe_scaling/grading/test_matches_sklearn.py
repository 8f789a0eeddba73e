"""Same answers as scikit-learn (category ``matches_sklearn``), on generated and real data."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from leakage_safe_scaling_checks import (
    ATOL,
    MIN_MAX_ATTRIBUTES,
    RTOL,
    SKLEARN,
    STANDARD_ATTRIBUTES,
    expect_attributes,
    ridge_scores,
    sklearn_scores,
)
from leakage_safe_scaling_strategies import (
    CVProblem,
    cv_problems,
    feature_ranges,
    matrices_with_constant_columns,
    paired_matrices,
)
from sklearn import preprocessing
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline

from grader.testing import (
    CandidateRaised,
    CheckFailed,
    FloatArray,
    IntArray,
    brief,
    expect_close,
    few_examples,
    load_dataset,
    points,
    quietly,
)


@points(2, category="matches_sklearn")
@given(pair=paired_matrices())
def test_standard_scaler_learns_and_applies_sklearns_mean_and_scale(
    candidate: Any, pair: tuple[FloatArray, FloatArray]
) -> None:
    X, other = pair
    expected = preprocessing.StandardScaler().fit(X)
    scaler = candidate.StandardScaler()
    scaler.fit(X)
    expect_attributes(scaler, expected, STANDARD_ATTRIBUTES, "StandardScaler()")
    expect_close(
        scaler.transform(other),
        expected.transform(other),
        rtol=RTOL,
        atol=ATOL,
        what="StandardScaler().fit(X).transform(other rows)",
        source=SKLEARN,
    )
    expect_close(
        candidate.StandardScaler().fit_transform(X),
        expected.transform(X),
        rtol=RTOL,
        atol=ATOL,
        what="StandardScaler().fit_transform(X)",
        source=SKLEARN,
    )


@points(2, category="matches_sklearn")
@given(pair=paired_matrices(), feature_range=feature_ranges())
def test_min_max_scaler_learns_and_applies_sklearns_range(
    candidate: Any, pair: tuple[FloatArray, FloatArray], feature_range: tuple[float, float]
) -> None:
    X, other = pair
    label = f"MinMaxScaler(feature_range={feature_range})"
    expected = preprocessing.MinMaxScaler(feature_range=feature_range).fit(X)
    scaler = candidate.MinMaxScaler(feature_range=feature_range)
    scaler.fit(X)
    expect_attributes(scaler, expected, MIN_MAX_ATTRIBUTES, label)
    expect_close(
        scaler.transform(other),
        expected.transform(other),
        rtol=RTOL,
        atol=ATOL,
        what=f"{label}.fit(X).transform(other rows)",
        source=SKLEARN,
    )
    expect_close(
        candidate.MinMaxScaler(feature_range=feature_range).fit_transform(X),
        expected.transform(X),
        rtol=RTOL,
        atol=ATOL,
        what=f"{label}.fit_transform(X)",
        source=SKLEARN,
    )


@points(1, category="matches_sklearn")
@given(data=matrices_with_constant_columns())
def test_both_scalers_match_sklearn_on_constant_features(candidate: Any, data: tuple[FloatArray, IntArray]) -> None:
    X, constant = data
    pairs = (
        (candidate.StandardScaler(), preprocessing.StandardScaler(), STANDARD_ATTRIBUTES, "StandardScaler()"),
        (candidate.MinMaxScaler(), preprocessing.MinMaxScaler(), MIN_MAX_ATTRIBUTES, "MinMaxScaler()"),
    )
    for scaler, expected, names, label in pairs:
        scaled = scaler.fit_transform(X)
        expected.fit(X)
        described = f"{label} with constant column(s) {constant.tolist()}"
        expect_attributes(scaler, expected, names, described)
        expect_close(
            scaled, expected.transform(X), rtol=RTOL, atol=ATOL, what=f"{described}: fit_transform(X)", source=SKLEARN
        )


@points(1, category="matches_sklearn")
@given(pair=paired_matrices(), feature_range=feature_ranges())
def test_inverse_transform_matches_sklearn(
    candidate: Any, pair: tuple[FloatArray, FloatArray], feature_range: tuple[float, float]
) -> None:
    X, other = pair
    pairs = (
        (candidate.StandardScaler(), preprocessing.StandardScaler(), "StandardScaler()"),
        (
            candidate.MinMaxScaler(feature_range),
            preprocessing.MinMaxScaler(feature_range),
            f"MinMaxScaler({feature_range})",
        ),
    )
    for scaler, expected, label in pairs:
        scaler.fit(X)
        expected.fit(X)
        expect_close(
            scaler.inverse_transform(other),
            expected.inverse_transform(other),
            rtol=RTOL,
            atol=ATOL * max(1.0, float(np.abs(X).max())),
            what=f"{label}.fit(X).inverse_transform(other rows)",
            source=SKLEARN,
        )


@points(2, category="matches_sklearn")
@given(pair=paired_matrices(), alpha=st.sampled_from([0.1, 1.0, 10.0]))
def test_pipeline_predictions_and_score_match_sklearns_pipeline(
    candidate: Any, pair: tuple[FloatArray, FloatArray], alpha: float
) -> None:
    X, other = pair
    y = X.sum(axis=1) + np.arange(X.shape[0]) % 3
    y_other = other.sum(axis=1)
    # scikit-learn's own transformers as steps, so this checks the chaining, not the scalers.
    pipeline = candidate.Pipeline(
        [
            ("standard", preprocessing.StandardScaler()),
            ("minmax", preprocessing.MinMaxScaler(feature_range=(-1, 1))),
            ("ridge", Ridge(alpha=alpha)),
        ]
    )
    pipeline.fit(X, y)
    expected = quietly(
        make_pipeline(
            preprocessing.StandardScaler(), preprocessing.MinMaxScaler(feature_range=(-1, 1)), Ridge(alpha=alpha)
        ).fit,
        X,
        y,
    )
    label = f"Pipeline([StandardScaler, MinMaxScaler((-1, 1)), Ridge(alpha={alpha})]).fit(X, y)"
    expect_close(
        pipeline.predict(other),
        expected.predict(other),
        rtol=1e-7,
        atol=1e-9,
        what=f"{label}.predict(other rows)",
        source=SKLEARN,
    )
    expect_close(
        pipeline.score(other, y_other),
        expected.score(other, y_other),
        rtol=1e-7,
        atol=1e-9,
        what=f"{label}.score(other rows, y)",
        source=SKLEARN,
    )


@points(2, category="matches_sklearn")
@few_examples(12)
@given(problem=cv_problems())
def test_scaled_cross_val_score_with_standard_scaler_matches_sklearn(candidate: Any, problem: CVProblem) -> None:
    scores = candidate.scaled_cross_val_score(
        candidate.StandardScaler(), Ridge(), problem.X, problem.y, n_splits=problem.n_splits
    )
    expected = ridge_scores(preprocessing.StandardScaler(), problem.X, problem.y, problem.n_splits)
    expect_close(
        scores,
        expected,
        rtol=1e-7,
        atol=1e-9,
        what=f"scaled_cross_val_score(StandardScaler(), Ridge(), X, y, n_splits={problem.n_splits})",
        source="cross_val_score(make_pipeline(StandardScaler(), Ridge()), cv=KFold)",
    )


@points(1, category="matches_sklearn")
@few_examples(12)
@given(problem=cv_problems(), feature_range=st.sampled_from([(0, 1), (-1, 1), (0, 10)]))
def test_scaled_cross_val_score_with_min_max_scaler_matches_sklearn(
    candidate: Any, problem: CVProblem, feature_range: tuple[float, float]
) -> None:
    scores = candidate.scaled_cross_val_score(
        candidate.MinMaxScaler(feature_range=feature_range),
        Ridge(),
        problem.X,
        problem.y,
        n_splits=problem.n_splits,
    )
    expected = ridge_scores(
        preprocessing.MinMaxScaler(feature_range=feature_range), problem.X, problem.y, problem.n_splits
    )
    expect_close(
        scores,
        expected,
        rtol=1e-7,
        atol=1e-9,
        what=f"scaled_cross_val_score(MinMaxScaler({feature_range}), Ridge(), X, y, n_splits={problem.n_splits})",
        source=f"cross_val_score(make_pipeline(MinMaxScaler({feature_range}), Ridge()), cv=KFold)",
    )


@functools.cache
def breast_cancer_expected(kind: str, n_splits: int) -> FloatArray:
    X, y = load_dataset("breast_cancer")
    scaler = preprocessing.StandardScaler() if kind == "StandardScaler" else preprocessing.MinMaxScaler()
    return sklearn_scores(scaler, LogisticRegression(), X, y, n_splits)


@points(2, category="matches_sklearn")
def test_scaled_cross_val_score_matches_sklearn_on_breast_cancer(candidate: Any) -> None:
    X, y = load_dataset("breast_cancer")
    for kind, n_splits in (("StandardScaler", 5), ("MinMaxScaler", 4)):
        scores = candidate.scaled_cross_val_score(
            getattr(candidate, kind)(), LogisticRegression(), X, y, n_splits=n_splits
        )
        expect_close(
            scores,
            breast_cancer_expected(kind, n_splits),
            rtol=1e-9,
            atol=1e-12,
            what=f"scaled_cross_val_score({kind}(), LogisticRegression(), breast-cancer X, y, n_splits={n_splits})",
            source=f"cross_val_score(make_pipeline({kind}(), LogisticRegression()), cv=KFold)",
        )


@points(1, category="matches_sklearn")
@few_examples(8)
@given(problem=cv_problems(min_splits=5, max_splits=5))
def test_scaled_cross_val_score_uses_five_folds_by_default_and_accepts_nested_lists(
    candidate: Any, problem: CVProblem
) -> None:
    scores = candidate.scaled_cross_val_score(candidate.StandardScaler(), Ridge(), problem.X, problem.y)
    expected = ridge_scores(preprocessing.StandardScaler(), problem.X, problem.y, 5)
    expect_close(
        scores,
        expected,
        rtol=1e-7,
        atol=1e-9,
        what="scaled_cross_val_score(StandardScaler(), Ridge(), X, y) with the default n_splits (5)",
        source="cross_val_score(make_pipeline(StandardScaler(), Ridge()), cv=KFold(5))",
    )
    what = "scaled_cross_val_score(MinMaxScaler(), Ridge(), X, y, n_splits=3) with X and y as nested lists"
    try:
        scores = candidate.scaled_cross_val_score(
            candidate.MinMaxScaler(), Ridge(), problem.X.tolist(), problem.y.tolist(), n_splits=3
        )
    except CandidateRaised as error:
        raise CheckFailed(
            f"{what} raised {error.remote_type}({brief(str(error))}); "
            "nested lists are valid input, as with numpy arrays"
        ) from None
    expected = ridge_scores(preprocessing.MinMaxScaler(), problem.X, problem.y, 3)
    expect_close(
        scores,
        expected,
        rtol=1e-7,
        atol=1e-9,
        what=what,
        source="cross_val_score(make_pipeline(MinMaxScaler(), Ridge()), cv=KFold(3))",
    )
