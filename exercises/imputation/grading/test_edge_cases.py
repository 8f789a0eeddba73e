"""``edge_cases``: the corners the statement pins down, on small hand-made inputs."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from imputation_checks import expect_matrix, read_matrix
from imputation_strategies import KNNProblem, knn_problems

from grader.testing import CheckFailed, expect_close, expect_equal, points, read_array

nan = np.nan


@points(2, category="edge_cases")
def test_most_frequent_breaks_ties_towards_the_smallest_value(candidate: Any) -> None:
    X = np.array([[3.0, -1.0], [1.0, nan], [3.0, 2.0], [1.0, 2.0], [nan, -1.0], [5.0, 7.0]])
    imputer = candidate.SimpleImputer(strategy="most_frequent").fit(X)
    expect_close(
        read_array(imputer.statistics_, what="statistics_").astype(np.float64),
        np.array([1.0, -1.0]),
        what="SimpleImputer(strategy='most_frequent').fit(X).statistics_ (1 and 3 tie, -1 and 2 tie)",
        source="the smallest of the tied values (mode tie rule)",
    )


@points(2, category="edge_cases")
def test_an_all_missing_column_is_dropped_unless_kept(candidate: Any) -> None:
    X = np.array([[1.0, nan, 4.0], [nan, nan, 6.0], [3.0, nan, nan]])
    new = np.array([[nan, nan, nan]])
    cases = (
        ("mean", None, False, [[2.0, 5.0]]),
        ("mean", None, True, [[2.0, 0.0, 5.0]]),
        ("median", None, True, [[2.0, 0.0, 5.0]]),
        ("most_frequent", None, False, [[1.0, 4.0]]),
        ("constant", 9.5, False, [[9.5, 9.5]]),
        ("constant", 9.5, True, [[9.5, 9.5, 9.5]]),
    )
    for strategy, fill_value, keep, expected in cases:
        imputer = candidate.SimpleImputer(strategy=strategy, fill_value=fill_value, keep_empty_features=keep)
        what = (
            f"SimpleImputer(strategy={strategy!r}, fill_value={fill_value}, keep_empty_features={keep})"
            ".fit(X).transform([[nan, nan, nan]]), column 1 of X all-missing (empty)"
        )
        rule = "kept, imputed with 0 (fill_value for 'constant')" if keep else "dropped"
        expect_matrix(
            imputer.fit(X).transform(new), np.array(expected), what=what, source=f"the all-missing column {rule}"
        )
    expect_matrix(
        candidate.KNNImputer(n_neighbors=2).fit(X).transform(X),
        np.array([[1.0, 4.0], [1.0, 6.0], [3.0, 4.0]]),
        what="KNNImputer(n_neighbors=2).fit(X).transform(X), column 1 all-missing (empty)",
        source="the all-missing column dropped",
    )


@points(2, category="edge_cases")
def test_indicator_columns_only_for_features_missing_at_fit_time(candidate: Any) -> None:
    X = np.array([[1.0, nan, 3.0], [2.0, 5.0, 4.0], [4.0, 6.0, 5.0]])
    new = np.array([[nan, nan, nan], [1.0, 2.0, nan]])
    indicator = candidate.MissingIndicator().fit(X)
    expect_equal(
        read_array(indicator.features_, what="features_", kinds="iu").astype(np.int64),
        np.array([1]),
        what="MissingIndicator().fit(X).features_ (only feature 1 has a NaN in X)",
        source="the features missing at fit time",
    )
    expect_matrix(
        indicator.transform(new),
        np.array([[1.0], [0.0]]),
        what="MissingIndicator().fit(X).transform(new rows missing features 0 and 2 only at transform time)",
        source="one column, for feature 1: a feature missing only at transform time gets no column",
    )
    expect_matrix(
        candidate.SimpleImputer(add_indicator=True).fit(X).transform(new),
        np.array([[7 / 3, 5.5, 4.0, 1.0], [1.0, 2.0, 4.0, 0.0]]),
        what="SimpleImputer(add_indicator=True).fit(X).transform(new rows)",
        source="the imputed columns, then one indicator column, for feature 1 (features 0 and 2, missing only at "
        "transform time, get no column)",
    )


@points(2, category="edge_cases")
def test_knn_distance_is_scaled_by_the_share_of_common_features(candidate: Any) -> None:
    # Donor A shares 1 of 4 features (squared difference 1): distance sqrt(4/1 * 1) = 2.
    # Donor B shares 3 of 4 (squared differences 1.44): distance sqrt(4/3 * 1.44) = 1.386: nearer.
    X = np.array([[nan, 0.0, 0.0, 0.0], [10.0, 1.0, nan, nan], [20.0, 1.2, 0.0, 0.0]])
    result = read_matrix(candidate.KNNImputer(n_neighbors=1).fit(X).transform(X), what="transform(X)")
    if result.shape == (3, 4) and np.isclose(result[0, 0], 10.0):
        raise CheckFailed(
            "KNNImputer(n_neighbors=1) imputed X[0, 0] from the donor at unscaled distance 1 (value 10); "
            "the NaN-Euclidean distance scales by sqrt(n_features / n_common): that donor is at 2, the other "
            "at 1.386, so the expected value is 20"
        )
    expect_close(
        result[:1, :1] if result.ndim == 2 else result,
        np.array([[20.0]]),
        what="KNNImputer(n_neighbors=1).fit(X).transform(X)[0, 0]",
        source="the value of the nearest donor after the sqrt(n_features / n_common) scaling",
    )


@points(2, category="edge_cases")
def test_knn_skips_donors_missing_the_feature(candidate: Any) -> None:
    # Row 1 is nearest to row 0 but misses feature 0 too: the donors are rows 2 and 3.
    X = np.array([[nan, 0.0, 0.0], [nan, 0.1, 0.1], [4.0, 1.0, 1.0], [8.0, 2.0, 2.0], [100.0, 9.0, 9.0]])
    expected = np.array([6.0, 6.0])
    result = read_matrix(candidate.KNNImputer(n_neighbors=2).fit(X).transform(X), what="transform(X)")
    expect_close(
        result[:2, 0] if result.shape == (5, 3) else result,
        expected,
        what="KNNImputer(n_neighbors=2).fit(X).transform(X)[:2, 0]",
        source="the mean of the 2 nearest donors that observe feature 0 (a donor missing the feature is skipped)",
    )


@points(1, category="edge_cases")
def test_knn_without_a_donor_sharing_a_feature_uses_the_training_mean(candidate: Any) -> None:
    # The donors of each feature observe nothing the receivers observe.
    X = np.array([[1.0, nan], [3.0, nan], [nan, 2.0], [nan, 4.0]])
    result = read_matrix(candidate.KNNImputer(n_neighbors=1).fit(X).transform(X), what="transform(X)")
    expect_close(
        result,
        np.array([[1.0, 3.0], [3.0, 3.0], [2.0, 2.0], [2.0, 4.0]]),
        what="KNNImputer(n_neighbors=1).fit(X).transform(X); no receiver shares an observed feature with a donor",
        source="the feature's training mean (2.0 and 3.0) when no donor has a feature in common with the row",
    )


@points(1, category="edge_cases")
def test_knn_distance_weights_with_an_exact_match_use_only_the_match(candidate: Any) -> None:
    X = np.array([[nan, 1.0, 2.0], [5.0, 1.0, 2.0], [7.0, 1.5, 2.0], [9.0, 3.0, 3.0]])
    result = read_matrix(
        candidate.KNNImputer(n_neighbors=3, weights="distance").fit(X).transform(X), what="transform(X)"
    )
    expect_close(
        result[0] if result.shape == (4, 3) else result,
        np.array([5.0, 1.0, 2.0]),
        what="KNNImputer(n_neighbors=3, weights='distance').fit(X).transform(X)[0]",
        source="only the donor at distance 0 (weight 1/0): its value 5",
    )


@points(1, category="edge_cases")
def test_more_neighbours_than_donors_uses_every_donor(candidate: Any) -> None:
    X = np.array([[nan, 0.0], [1.0, 1.0], [2.0, 3.0], [nan, 5.0]])
    expect_matrix(
        candidate.KNNImputer(n_neighbors=10).fit(X).transform(X),
        np.array([[1.5, 0.0], [1.0, 1.0], [2.0, 3.0], [1.5, 5.0]]),
        what="KNNImputer(n_neighbors=10).fit(X).transform(X) with 2 donors for feature 0",
        source="the mean of every donor",
    )


@points(1, category="edge_cases")
def test_values_like_tenths_and_single_rows(candidate: Any) -> None:
    X = np.array([[0.1, nan], [0.1, 0.2], [nan, 0.7], [0.1, 0.3]])
    expect_matrix(
        candidate.SimpleImputer().fit(X).transform([[nan, nan]]),
        np.array([[0.1, 0.4]]),
        what="SimpleImputer().fit(X).transform([[nan, nan]]) with values 0.1, 0.2, 0.3, 0.7",
        source="the column means (0.1 and 0.4, up to rounding)",
    )
    one = np.array([[2.5, nan, -1.0]])
    expect_matrix(
        candidate.SimpleImputer(strategy="median").fit(one).transform([[nan, 4.0, nan]]),
        np.array([[2.5, -1.0]]),
        what="SimpleImputer(strategy='median').fit(one row [[2.5, nan, -1.0]]).transform([[nan, 4.0, nan]])",
        source="the one row's values, the all-missing feature dropped",
    )


@points(2, category="edge_cases")
@given(problem=knn_problems(offset=1e8, max_rows=20))
def test_knn_far_from_zero_matches_the_reference(candidate: Any, reference: Any, problem: KNNProblem) -> None:
    label = f"KNNImputer(n_neighbors={problem.n_neighbors}, weights={problem.weights!r})"
    imputer = candidate.KNNImputer(n_neighbors=problem.n_neighbors, weights=problem.weights).fit(problem.X)
    expected = reference.KNNImputer(n_neighbors=problem.n_neighbors, weights=problem.weights).fit(problem.X)
    expect_matrix(
        imputer.transform(problem.new),
        expected.transform(problem.new),
        what=f"{label}.fit(X).transform(new rows), features far from zero (around 1e8)",
        source="the reference (distances computed from differences keep their digits far from zero)",
        rtol=1e-12,
    )
