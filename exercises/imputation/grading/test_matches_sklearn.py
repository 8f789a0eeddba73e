"""``matches_sklearn``: the imputers and the fold scores equal scikit-learn's on the same data."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from imputation_checks import (
    expect_matrix,
    simple_label,
    sklearn_cv_scores,
    sklearn_indicator,
    sklearn_knn,
    sklearn_simple,
)
from imputation_strategies import CVProblem, KNNProblem, cv_problems, dataset_with_holes, knn_problems, train_and_new
from sklearn.impute import SimpleImputer
from sklearn.linear_model import Ridge

from grader.testing import FloatArray, expect_close, expect_equal, few_examples, points, read_array


def _check_simple(candidate: Any, X: FloatArray, new: FloatArray, strategy: str, **options: Any) -> None:
    fill_value, add_indicator, keep = (
        options.get("fill_value"),
        options.get("add_indicator", False),
        options.get("keep", False),
    )
    label = simple_label(strategy, fill_value=fill_value, add_indicator=add_indicator, keep=keep)
    imputer = candidate.SimpleImputer(
        strategy=strategy, fill_value=fill_value, add_indicator=add_indicator, keep_empty_features=keep
    )
    statistics, on_X, on_new = sklearn_simple(X, new, strategy, fill_value, add_indicator, keep)
    imputer.fit(X)
    expect_close(
        read_array(imputer.statistics_, what=f"{label}.fit(X).statistics_").astype(np.float64),
        statistics,
        rtol=1e-9,
        atol=1e-9,
        what=f"{label}.fit(X).statistics_",
        source="scikit-learn (NaN for a feature without observed values)",
    )
    expect_matrix(imputer.transform(X), on_X, what=f"{label}.fit(X).transform(X)")
    expect_matrix(imputer.transform(new), on_new, what=f"{label}.fit(X).transform(new rows)")


@points(2, category="matches_sklearn")
@given(data=train_and_new(), strategy=st.sampled_from(["mean", "median"]))
def test_mean_and_median_imputation_match_sklearn(
    candidate: Any, data: tuple[FloatArray, FloatArray], strategy: str
) -> None:
    _check_simple(candidate, *data, strategy)


@points(2, category="matches_sklearn")
@given(data=train_and_new(integers=True))
def test_most_frequent_imputation_matches_sklearn(candidate: Any, data: tuple[FloatArray, FloatArray]) -> None:
    _check_simple(candidate, *data, "most_frequent")


@points(1, category="matches_sklearn")
@given(data=train_and_new(), fill_value=st.sampled_from([None, -1.5, 0.1, 7]))
def test_constant_imputation_matches_sklearn(
    candidate: Any, data: tuple[FloatArray, FloatArray], fill_value: float | None
) -> None:
    _check_simple(candidate, *data, "constant", fill_value=fill_value)


@points(2, category="matches_sklearn")
@given(
    data=train_and_new(empty_columns=True),
    strategy=st.sampled_from(["mean", "median", "most_frequent", "constant"]),
    add_indicator=st.booleans(),
    keep=st.booleans(),
)
def test_indicator_and_empty_features_match_sklearn(
    candidate: Any, data: tuple[FloatArray, FloatArray], strategy: str, add_indicator: bool, keep: bool
) -> None:
    fill_value = 2.5 if strategy == "constant" else None
    _check_simple(candidate, *data, strategy, fill_value=fill_value, add_indicator=add_indicator, keep=keep)


@points(1, category="matches_sklearn")
@given(data=train_and_new(), features=st.sampled_from(["missing-only", "all"]))
def test_missing_indicator_matches_sklearn(candidate: Any, data: tuple[FloatArray, FloatArray], features: str) -> None:
    X, new = data
    label = f"MissingIndicator(features={features!r})"
    expected_features, on_X, on_new = sklearn_indicator(X, new, features)
    indicator = candidate.MissingIndicator(features=features).fit(X)
    expect_equal(
        read_array(indicator.features_, what=f"{label}.fit(X).features_", kinds="iu").astype(np.int64),
        expected_features,
        what=f"{label}.fit(X).features_",
        source="scikit-learn",
    )
    for rows, expected, name in ((X, on_X, "X"), (new, on_new, "new rows")):
        expect_equal(
            indicator.transform(rows), expected, what=f"{label}.fit(X).transform({name})", source="scikit-learn"
        )


@points(3, category="matches_sklearn")
@given(problem=knn_problems())
def test_knn_imputation_matches_sklearn(candidate: Any, problem: KNNProblem) -> None:
    label = f"KNNImputer(n_neighbors={problem.n_neighbors}, weights={problem.weights!r})"
    on_X, on_new = sklearn_knn(problem.X, problem.new, problem.n_neighbors, problem.weights)
    imputer = candidate.KNNImputer(n_neighbors=problem.n_neighbors, weights=problem.weights).fit(problem.X)
    expect_matrix(imputer.transform(problem.X), on_X, what=f"{label}.fit(X).transform(X)", rtol=1e-7)
    expect_matrix(imputer.transform(problem.new), on_new, what=f"{label}.fit(X).transform(new rows)", rtol=1e-7)


@points(2, category="matches_sklearn")
def test_imputers_match_sklearn_on_real_datasets(candidate: Any) -> None:
    for dataset in ("iris", "wine", "breast_cancer", "diabetes"):
        X, _ = dataset_with_holes(dataset)
        train, new = X[: X.shape[0] * 2 // 3], X[X.shape[0] * 2 // 3 :]
        for strategy in ("mean", "median", "most_frequent"):
            _, _, on_new = sklearn_simple(train, new, strategy, None, True, False)
            label = f"{simple_label(strategy, add_indicator=True)} on {dataset} with holes"
            expect_matrix(
                candidate.SimpleImputer(strategy=strategy, add_indicator=True).fit(train).transform(new),
                on_new,
                what=f"{label}: fit(first 2/3).transform(last 1/3)",
            )
    for dataset in ("wine", "breast_cancer"):
        X, _ = dataset_with_holes(dataset)
        train, new = X[: X.shape[0] * 2 // 3], X[X.shape[0] * 2 // 3 :]
        for weights in ("uniform", "distance"):
            _, on_new = sklearn_knn(train, new, 5, weights)
            expect_matrix(
                candidate.KNNImputer(weights=weights).fit(train).transform(new),
                on_new,
                what=f"KNNImputer(weights={weights!r}) on {dataset} with holes: fit(first 2/3).transform(last 1/3)",
                rtol=1e-7,
            )


@points(2, category="matches_sklearn")
@few_examples(10)
@given(problem=cv_problems(), strategy=st.sampled_from(["mean", "median"]))
def test_fold_scores_match_sklearns_pipeline(candidate: Any, problem: CVProblem, strategy: str) -> None:
    expected = sklearn_cv_scores(problem.X, problem.y, problem.cv, strategy, 1.0)
    scores = candidate.imputed_cross_val_score(
        SimpleImputer(strategy=strategy), Ridge(alpha=1.0), problem.X, problem.y, cv=problem.cv
    )
    expect_close(
        read_array(scores, what="imputed_cross_val_score(...)", ndim=1).astype(np.float64),
        expected,
        rtol=1e-7,
        atol=1e-9,
        what=f"imputed_cross_val_score(SimpleImputer(strategy={strategy!r}), Ridge(), X, y, cv={problem.cv})",
        source="scikit-learn's cross_val_score(make_pipeline(SimpleImputer, Ridge), X, y, cv=KFold(cv))",
    )


@points(1, category="matches_sklearn")
def test_default_cv_gives_five_fold_scores_on_diabetes(candidate: Any) -> None:
    X, y = dataset_with_holes("diabetes")
    expected = sklearn_cv_scores(X, y, 5, "mean", 1.0)
    scores = candidate.imputed_cross_val_score(SimpleImputer(), Ridge(alpha=1.0), X, y)
    expect_close(
        read_array(scores, what="imputed_cross_val_score(...)", ndim=1).astype(np.float64),
        expected,
        rtol=1e-7,
        atol=1e-9,
        what="imputed_cross_val_score(SimpleImputer(), Ridge(), X, y) on diabetes with holes (default cv)",
        source="scikit-learn's cross_val_score(make_pipeline(SimpleImputer(), Ridge()), X, y, cv=KFold(5))",
    )
