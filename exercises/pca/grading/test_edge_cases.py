"""The corners the statement names: one feature, two samples, wide data, a constant feature, every
component kept, data far from zero, values binary floating point cannot hold, integer input."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from pca_checks import (
    SKLEARN,
    expect_fit_matches,
    expect_projection,
    expect_same_fit,
    label,
    read_fitted,
    sklearn_pca,
    trusted_fitted,
)
from pca_strategies import Problem, build, seeds, tall_problems, wide_problems

from grader.testing import CheckFailed, FloatArray, expect_close, points, read_floats, read_number

UNREPRESENTABLE = (0.1, 0.3, -0.7, 1e6 + 0.1, 1e9 / 3)
FAR = (1e8, -3e8, 1e9)


@points(1, category="edge_cases")
@given(problem=tall_problems(min_features=1, max_features=1), whiten=st.booleans())
def test_a_single_feature_gives_the_component_one(candidate: Any, problem: Problem, whiten: bool) -> None:
    model = expect_fit_matches(candidate, problem.X, None, whiten, sklearn_pca(problem.X, None, whiten), source=SKLEARN)
    what = f"{label(None, whiten)}.fit(X with one feature)"
    expect_close(
        read_floats(model.components_, what=f"{what}.components_"),
        np.ones((1, 1)),
        atol=1e-12,
        what=f"{what}.components_",
        source="[[1.0]]: the one axis, with its entry positive",
    )
    centred = problem.X - problem.X.mean(axis=0)
    wanted = centred / problem.X.std(ddof=1) if whiten else centred
    expect_projection(
        model.transform(problem.X),
        wanted,
        what=f"{what}.transform(X)",
        source="X - mean_" + (" divided by its standard deviation (n - 1)" if whiten else ""),
    )


@points(1, category="edge_cases")
@given(n_features=st.integers(2, 5), seed=seeds)
def test_two_samples_have_one_direction_and_no_noise_left(candidate: Any, n_features: int, seed: int) -> None:
    X = build(np.random.default_rng(seed), 2, n_features).X
    expect_fit_matches(candidate, X, 1, False, sklearn_pca(X, 1), source=SKLEARN)
    # Every component kept: the second has variance 0 and a direction that is not unique.
    expect_fit_matches(candidate, X, None, False, sklearn_pca(X), source=SKLEARN, unique_rows=1)


@points(2, category="edge_cases")
@given(problem=wide_problems())
def test_more_features_than_samples_has_n_samples_components(candidate: Any, problem: Problem) -> None:
    # min(n_samples, n_features) = n_samples components; the last has variance 0 and counts in the
    # total and in noise_variance_, the features beyond n_samples do not.
    expect_fit_matches(
        candidate, problem.X, None, False, sklearn_pca(problem.X), source=SKLEARN, unique_rows=problem.rank
    )
    for kept in sorted({1, problem.rank - 1, problem.rank} - {0}):
        expect_fit_matches(candidate, problem.X, kept, False, sklearn_pca(problem.X, kept), source=SKLEARN)


@points(1, category="edge_cases")
@given(problem=tall_problems(min_features=1, max_features=5), data=st.data())
def test_a_constant_feature_gets_a_component_of_variance_zero(
    candidate: Any, problem: Problem, data: st.DataObject
) -> None:
    column = data.draw(st.integers(0, problem.n_features), label="column")
    value = data.draw(st.sampled_from(UNREPRESENTABLE), label="value")
    X = np.insert(problem.X, column, value, axis=1)
    # The constant feature's axis is unique (the data spans every other direction), so every row counts.
    expect_fit_matches(candidate, X, None, False, sklearn_pca(X), source=f"{SKLEARN} (feature {column} constant)")
    kept = problem.rank
    model = expect_fit_matches(candidate, X, kept, True, sklearn_pca(X, kept, True), source=SKLEARN)
    other = np.insert(problem.other, column, value, axis=1)
    expect_projection(
        model.transform(other),
        sklearn_pca(X, kept, True).transform(other),
        what=f"{label(kept, True)}.fit(X with a constant feature).transform(new rows)",
        source=SKLEARN,
    )


@points(1, category="edge_cases")
@given(problem=tall_problems())
def test_keeping_every_component_leaves_no_noise_variance(candidate: Any, problem: Problem) -> None:
    k = problem.n_max
    model = expect_fit_matches(candidate, problem.X, k, False, sklearn_pca(problem.X, k), source=SKLEARN)
    noise = read_number(model.noise_variance_, what=f"{label(k)}.fit(X).noise_variance_")
    if noise != 0.0:
        raise CheckFailed(
            f"{label(k)}.fit(X).noise_variance_ is {noise!r}; expected 0.0 when no component is discarded"
        )


@points(2, category="edge_cases")
@given(
    n_features=st.integers(1, 4),
    extra=st.integers(1, 15),
    seed=seeds,
    offset=st.sampled_from(FAR),
    whiten=st.booleans(),
)
def test_data_far_from_zero_is_centred_before_anything_else(
    candidate: Any, n_features: int, extra: int, seed: int, offset: float, whiten: bool
) -> None:
    rng = np.random.default_rng(seed)
    near = build(rng, n_features + 1 + extra, n_features, offset=0.0, spread=4.0)
    shift = offset * np.linspace(1.0, 1.5, n_features)
    X = near.X + shift
    # X - shift is exact (Sterbenz), so the exact answer is the fit of the data near zero, moved.
    expected = sklearn_pca(X - shift, None, whiten)
    expected.mean_ = expected.mean_ + shift
    what = f"{label(None, whiten)}.fit(X around {offset:g})"
    model = candidate.PCA(whiten=whiten).fit(X)
    expect_same_fit(
        read_fitted(model, what=what, n_features=n_features),
        trusted_fitted(expected),
        what=what,
        source="the exact answer (the fit of X - c, moved by c)",
        n_samples=X.shape[0],
        rtol=1e-5,
    )
    other = near.other + shift
    expect_projection(
        model.transform(other),
        _far_projection(expected, other, shift),
        what=f"{what}.transform(new rows)",
        source="the exact projection",
        rtol=1e-5,
    )


def _far_projection(expected: Any, other: FloatArray, shift: FloatArray) -> FloatArray:
    projected: FloatArray = (other - shift - (expected.mean_ - shift)) @ expected.components_.T
    if expected.whiten:
        projected /= np.sqrt(expected.explained_variance_)
    return projected


@points(1, category="edge_cases")
@given(problem=tall_problems())
def test_integer_input_gives_float64_results(candidate: Any, problem: Problem) -> None:
    X = np.round(problem.X * 64).astype(np.int64)
    expected = sklearn_pca(X.astype(np.float64))
    model = expect_fit_matches(candidate, X, None, False, expected, source=SKLEARN)
    result = model.transform(X[:3])
    if not isinstance(result, np.ndarray) or result.dtype != np.float64:
        shown = getattr(result, "dtype", type(result).__name__)
        raise CheckFailed(f"PCA().fit(integer X).transform(integer rows) returned {shown}; expected float64")
    expect_projection(
        result,
        expected.transform(X[:3].astype(np.float64)),
        what="PCA().fit(integer X).transform(rows)",
        source=SKLEARN,
    )
