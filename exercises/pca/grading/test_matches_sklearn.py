"""Same answers as scikit-learn's ``PCA(svd_solver="full")``, signs included, on generated data
with well-separated variances and on real datasets."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from pca_checks import (
    SKLEARN,
    all_ratios,
    expect_fit_matches,
    expect_projection,
    expect_same_fit,
    label,
    read_fitted,
    sklearn_pca,
    trusted_fitted,
)
from pca_strategies import Problem, pca_settings, problems, tall_problems, threshold_for

from grader.testing import load_dataset, points


@points(3, category="matches_sklearn")
@given(problem=problems(), data=st.data())
def test_every_learned_attribute_matches_sklearn(candidate: Any, problem: Problem, data: st.DataObject) -> None:
    n_components, whiten = data.draw(pca_settings(problem, all_ratios(problem.X)), label="settings")
    expected = sklearn_pca(problem.X, n_components, whiten)
    expect_fit_matches(candidate, problem.X, n_components, whiten, expected, source=SKLEARN)


@points(2, category="matches_sklearn")
@given(problem=problems(), data=st.data())
def test_transform_of_new_rows_matches_sklearn(candidate: Any, problem: Problem, data: st.DataObject) -> None:
    n_components, whiten = data.draw(pca_settings(problem, all_ratios(problem.X)), label="settings")
    expected = sklearn_pca(problem.X, n_components, whiten)
    model = candidate.PCA(n_components=n_components, whiten=whiten).fit(problem.X)
    expect_projection(
        model.transform(problem.other),
        expected.transform(problem.other),
        what=f"{label(n_components, whiten)}.fit(X).transform(new rows)",
        source=SKLEARN,
    )


@points(2, category="matches_sklearn")
@given(problem=problems(), data=st.data())
def test_fit_transform_matches_sklearn(candidate: Any, problem: Problem, data: st.DataObject) -> None:
    n_components, whiten = data.draw(pca_settings(problem, all_ratios(problem.X)), label="settings")
    expected = sklearn_pca(problem.X, n_components, whiten).transform(problem.X)
    expect_projection(
        candidate.PCA(n_components=n_components, whiten=whiten).fit_transform(problem.X),
        expected,
        what=f"{label(n_components, whiten)}.fit_transform(X)",
        source=SKLEARN,
    )


@points(1, category="matches_sklearn")
@given(problem=problems(), data=st.data())
def test_inverse_transform_matches_sklearn(candidate: Any, problem: Problem, data: st.DataObject) -> None:
    n_components, whiten = data.draw(pca_settings(problem, all_ratios(problem.X)), label="settings")
    expected = sklearn_pca(problem.X, n_components, whiten)
    projections = expected.transform(problem.other)
    model = candidate.PCA(n_components=n_components, whiten=whiten).fit(problem.X)
    expect_projection(
        model.inverse_transform(projections),
        expected.inverse_transform(projections),
        what=f"{label(n_components, whiten)}.fit(X).inverse_transform(Z)",
        source=SKLEARN,
    )


@points(2, category="matches_sklearn")
@given(problem=tall_problems(min_features=2), data=st.data())
def test_a_float_n_components_matches_sklearn(candidate: Any, problem: Problem, data: st.DataObject) -> None:
    kept = data.draw(st.integers(1, problem.rank), label="kept")
    fraction = threshold_for(all_ratios(problem.X), kept)
    expect_fit_matches(candidate, problem.X, fraction, False, sklearn_pca(problem.X, fraction), source=SKLEARN)


# (dataset, n_components, whiten): breast cancer's smallest variances are 1e-12 of its largest, where
# an eigendecomposition of the covariance keeps few digits, so it is compared on its leading ones.
DATASET_SETTINGS: tuple[tuple[str, int | float | None, bool], ...] = (
    ("iris", None, False),
    ("iris", 0.97, True),
    ("wine", None, False),
    ("wine", 3, True),
    ("breast_cancer", 6, False),
    ("breast_cancer", 0.9999, True),
)


@points(2, category="matches_sklearn")
def test_iris_wine_and_breast_cancer_match_sklearn(candidate: Any) -> None:
    for name, n_components, whiten in DATASET_SETTINGS:
        X, _ = load_dataset(name)
        X = np.asarray(X, dtype=np.float64)
        expected = sklearn_pca(X, n_components, whiten)
        model = expect_fit_matches(candidate, X, n_components, whiten, expected, source=f"{SKLEARN} on {name}")
        expect_projection(
            model.transform(X),
            expected.transform(X),
            what=f"{label(n_components, whiten)}.fit(X).transform(X) on {name}",
            source=SKLEARN,
        )


@points(1, category="matches_sklearn")
@given(problem=tall_problems())
def test_default_parameters_and_nested_lists_match_sklearn(candidate: Any, problem: Problem) -> None:
    expected = sklearn_pca(problem.X)
    model = candidate.PCA().fit(problem.X.tolist())
    what = "PCA().fit(X as nested lists)"
    expect_same_fit(
        read_fitted(model, what=what, n_features=problem.n_features),
        trusted_fitted(expected),
        what=what,
        source=SKLEARN,
        n_samples=problem.n_samples,
    )
    expect_projection(
        model.transform(problem.other.tolist()),
        expected.transform(problem.other),
        what="PCA().fit(X).transform(new rows as nested lists)",
        source=SKLEARN,
    )
