"""Unshuffled ``KFold`` folds and ``cross_val_score`` equal scikit-learn's, for several estimators, both
kinds of ``scoring``, and every input type the statement allows."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from cross_validation_checks import expect_folds_equal, kfold_folds
from cross_validation_scoring import (
    LOGISTIC,
    RIDGE,
    TREE,
    candidate_scores,
    describe,
    expect_scores,
    expect_sklearn_scores,
    kfold_source,
    sklearn_scores,
)
from cross_validation_strategies import Dataset, SplitSize, classification_data, regression_data, split_sizes
from hypothesis import given
from hypothesis import strategies as st
from sklearn import model_selection
from sklearn.preprocessing import StandardScaler

from grader.testing import load_dataset, points, trusted, without_shrinking


@points(3, category="matches_sklearn")
@given(size=split_sizes(max_samples=80, max_splits=20))
def test_unshuffled_kfold_gives_exactly_sklearns_folds(candidate: Any, size: SplitSize) -> None:
    folds, what = kfold_folds(candidate, size)
    expected = list(model_selection.KFold(size.n_splits).split(np.zeros((size.n_samples, 2))))
    expect_folds_equal(folds, expected, what=what, source="scikit-learn")


@points(2, category="matches_sklearn")
@without_shrinking(10)
@given(data=classification_data())
def test_scores_equal_sklearns_for_a_linear_classifier_and_its_own_score(candidate: Any, data: Dataset) -> None:
    expect_sklearn_scores(candidate, LOGISTIC, data)


@points(2, category="matches_sklearn")
@without_shrinking(12)
@given(data=regression_data(), scoring=st.sampled_from(["neg_mean_squared_error", None]))
def test_scores_equal_sklearns_for_a_regressor_with_either_kind_of_scoring(
    candidate: Any, data: Dataset, scoring: str | None
) -> None:
    expect_sklearn_scores(candidate, RIDGE, data, scoring)


@points(2, category="matches_sklearn")
@without_shrinking(10)
@given(data=classification_data(), scoring=st.sampled_from(["balanced_accuracy", None]))
def test_scores_equal_sklearns_for_a_seeded_tree_with_either_kind_of_scoring(
    candidate: Any, data: Dataset, scoring: str | None
) -> None:
    expect_sklearn_scores(candidate, TREE, data, scoring)


@points(2, category="matches_sklearn")
def test_scores_equal_sklearns_on_the_wine_data(candidate: Any) -> None:
    X, y = load_dataset("wine")
    # Standardised so that the logistic regression converges in its default iterations.
    X = StandardScaler().fit_transform(X)
    for spec, n_splits, scoring in ((LOGISTIC, 5, None), (TREE, 3, "accuracy"), (LOGISTIC, 4, "f1_macro")):
        what = describe(spec, n_splits, scoring) + " on the wine data"
        expect_scores(
            candidate_scores(candidate, spec, X, y, n_splits, scoring, what=what),
            sklearn_scores(spec, X, y, n_splits, scoring),
            what=what,
            source=kfold_source(n_splits),
        )


@points(2, category="matches_sklearn")
@without_shrinking(8)
@given(
    data=classification_data(),
    seed=st.integers(0, 2**32 - 1),
    model=st.sampled_from([(LOGISTIC, None), (TREE, "accuracy")]),
)
def test_scores_equal_sklearns_for_a_dataframe_and_series_with_any_index(
    candidate: Any, data: Dataset, seed: int, model: tuple[Any, str | None]
) -> None:
    spec, scoring = model
    index = np.random.default_rng(seed).permutation(len(data.y)) * 10
    X = pd.DataFrame(data.X, columns=[f"x{j}" for j in range(data.X.shape[1])], index=index)
    y = pd.Series(data.y, index=index)
    inputs = " as a DataFrame and Series with a shuffled index (rows are taken by position)"
    what = describe(spec, data.n_splits, scoring, inputs=inputs)
    expect_scores(
        candidate_scores(candidate, spec, X, y, data.n_splits, scoring, what=what),
        sklearn_scores(spec, data.X, data.y, data.n_splits, scoring),
        what=what,
        source=kfold_source(data.n_splits),
    )


@points(1, category="matches_sklearn")
@without_shrinking(8)
@given(data=regression_data())
def test_scores_equal_sklearns_for_plain_lists(candidate: Any, data: Dataset) -> None:
    what = describe(RIDGE, data.n_splits, None, inputs=" as Python lists")
    expect_scores(
        candidate_scores(candidate, RIDGE, data.X.tolist(), data.y.tolist(), data.n_splits, what=what),
        sklearn_scores(RIDGE, data.X, data.y, data.n_splits),
        what=what,
        source=kfold_source(data.n_splits),
    )


@points(2, category="matches_sklearn")
@without_shrinking(8)
@given(data=classification_data(min_samples=20))
def test_an_int_cv_means_unshuffled_kfold_even_for_a_classifier(candidate: Any, data: Dataset) -> None:
    # Sorting by label makes StratifiedKFold (scikit-learn's default for classifiers) differ from KFold; a
    # tree can be fitted on a single class, so every fold works.
    order = np.argsort(data.y, kind="stable")
    X, y = data.X[order], data.y[order]
    what = describe(TREE, data.n_splits, None, inputs=" sorted by class") + (
        f" (an int cv means KFold(n_splits={data.n_splits}), not StratifiedKFold)"
    )
    expect_scores(
        candidate_scores(candidate, TREE, X, y, data.n_splits, what=what),
        sklearn_scores(TREE, X, y, data.n_splits),
        what=what,
        source=kfold_source(data.n_splits),
    )


@points(1, category="matches_sklearn")
@without_shrinking(8)
@given(data=regression_data(min_samples=12), seed=st.integers(0, 2**31 - 1))
def test_a_splitter_object_given_as_cv_decides_the_folds(candidate: Any, data: Dataset, seed: int) -> None:
    params = {"n_splits": data.n_splits, "shuffle": True, "random_state": seed}
    what = describe(RIDGE, f"KFold(n_splits={data.n_splits}, shuffle=True, random_state={seed})", None)
    splitter = trusted("sklearn.model_selection.KFold", **params)
    got = candidate_scores(candidate, RIDGE, data.X, data.y, splitter, what=what)
    expected = sklearn_scores(RIDGE, data.X, data.y, data.n_splits, cv=model_selection.KFold(**params))
    expect_scores(got, expected, what=what, source="scikit-learn's cross_val_score with the same splitter")


@points(1, category="matches_sklearn")
@without_shrinking(6)
@given(data=classification_data())
def test_a_stratified_splitter_object_is_given_x_then_y(candidate: Any, data: Dataset) -> None:
    # A StratifiedKFold reads the labels from its second argument: split(y, X) would stratify on X.
    what = describe(TREE, f"StratifiedKFold(n_splits={data.n_splits})", None)
    splitter = trusted("sklearn.model_selection.StratifiedKFold", n_splits=data.n_splits)
    got = candidate_scores(candidate, TREE, data.X, data.y, splitter, what=what)
    expected = sklearn_scores(TREE, data.X, data.y, data.n_splits, cv=model_selection.StratifiedKFold(data.n_splits))
    expect_scores(got, expected, what=what, source="scikit-learn's cross_val_score with the same splitter")
