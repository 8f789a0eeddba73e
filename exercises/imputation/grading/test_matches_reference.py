"""``matches_reference``: the reference's answers where the statement pins them and no oracle differs."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from imputation_checks import expect_matrix, simple_label
from imputation_strategies import KNNProblem, knn_problems, missing_matrices, train_and_new

from grader.testing import FloatArray, points


@points(2, category="matches_reference")
@given(
    data=train_and_new(empty_columns=True, integers=True),
    strategy=st.sampled_from(["mean", "median", "most_frequent", "constant"]),
    add_indicator=st.booleans(),
    keep=st.booleans(),
)
def test_simple_imputer_matches_the_reference(
    candidate: Any, reference: Any, data: tuple[FloatArray, FloatArray], strategy: str, add_indicator: bool, keep: bool
) -> None:
    X, new = data
    fill_value = -3.25 if strategy == "constant" else None
    options = {
        "strategy": strategy,
        "fill_value": fill_value,
        "add_indicator": add_indicator,
        "keep_empty_features": keep,
    }
    label = simple_label(strategy, fill_value=fill_value, add_indicator=add_indicator, keep=keep)
    expected = reference.SimpleImputer(**options).fit(X)
    imputer = candidate.SimpleImputer(**options).fit(X)
    for rows, name in ((X, "X"), (new, "new rows")):
        expect_matrix(
            imputer.transform(rows),
            expected.transform(rows),
            what=f"{label}.fit(X).transform({name})",
            source="the reference",
        )


@points(2, category="matches_reference")
@given(problem=knn_problems(), data=st.data())
def test_knn_imputer_matches_the_reference_with_rows_far_from_every_donor(
    candidate: Any, reference: Any, problem: KNNProblem, data: st.DataObject
) -> None:
    # Rows observing only features no donor of the missing ones observes fall back to the mean.
    X = problem.X.copy()
    lonely = data.draw(st.integers(0, X.shape[0] - 1), label="row emptied")
    X[lonely] = np.nan
    label = f"KNNImputer(n_neighbors={problem.n_neighbors}, weights={problem.weights!r})"
    expected = reference.KNNImputer(n_neighbors=problem.n_neighbors, weights=problem.weights).fit(X)
    imputer = candidate.KNNImputer(n_neighbors=problem.n_neighbors, weights=problem.weights).fit(X)
    for rows, name in ((X, f"X (row {lonely} all NaN)"), (problem.new, "new rows")):
        expect_matrix(
            imputer.transform(rows),
            expected.transform(rows),
            what=f"{label}.fit(X).transform({name})",
            source="the reference",
            rtol=1e-7,
        )


@points(1, category="matches_reference")
@given(X=missing_matrices(empty_columns=True), features=st.sampled_from(["missing-only", "all"]))
def test_missing_indicator_matches_the_reference(candidate: Any, reference: Any, X: FloatArray, features: str) -> None:
    expect_matrix(
        candidate.MissingIndicator(features=features).fit_transform(X),
        reference.MissingIndicator(features=features).fit_transform(X).astype(np.float64),
        what=f"MissingIndicator(features={features!r}).fit_transform(X)",
        source="the reference",
    )
