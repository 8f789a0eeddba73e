"""Same answers as the reference on generated data with well-separated variances."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from pca_checks import REFERENCE, all_ratios, expect_fit_matches, expect_projection, label
from pca_strategies import Problem, pca_settings, problems, tall_problems, threshold_for, wide_problems

from grader.testing import CheckFailed, points, read_whole_number


@points(3, category="matches_reference")
@given(problem=problems(), data=st.data())
def test_every_learned_attribute_matches_the_reference(
    candidate: Any, reference: ModuleType, problem: Problem, data: st.DataObject
) -> None:
    n_components, whiten = data.draw(pca_settings(problem, all_ratios(problem.X)), label="settings")
    expected = reference.PCA(n_components=n_components, whiten=whiten).fit(problem.X)
    expect_fit_matches(candidate, problem.X, n_components, whiten, expected, source=REFERENCE)


@points(2, category="matches_reference")
@given(problem=problems(), data=st.data())
def test_transform_and_inverse_transform_match_the_reference(
    candidate: Any, reference: ModuleType, problem: Problem, data: st.DataObject
) -> None:
    n_components, whiten = data.draw(pca_settings(problem, all_ratios(problem.X)), label="settings")
    expected = reference.PCA(n_components=n_components, whiten=whiten).fit(problem.X)
    model = candidate.PCA(n_components=n_components, whiten=whiten).fit(problem.X)
    name = label(n_components, whiten)
    for rows, which in ((problem.X, "X"), (problem.other, "new rows")):
        expect_projection(
            model.transform(rows), expected.transform(rows), what=f"{name}.fit(X).transform({which})", source=REFERENCE
        )
    projections = expected.transform(problem.other)
    expect_projection(
        model.inverse_transform(projections),
        expected.inverse_transform(projections),
        what=f"{name}.fit(X).inverse_transform(projections of new rows)",
        source=REFERENCE,
    )


@points(2, category="matches_reference")
@given(problem=tall_problems(min_features=2), data=st.data())
def test_a_float_n_components_keeps_as_many_components_as_the_reference(
    candidate: Any, reference: ModuleType, problem: Problem, data: st.DataObject
) -> None:
    ratios = all_ratios(problem.X)
    kept = data.draw(st.integers(1, problem.rank), label="kept")
    fraction = threshold_for(ratios, kept)
    expected = int(reference.PCA(n_components=fraction).fit(problem.X).n_components_)
    model = candidate.PCA(n_components=fraction).fit(problem.X)
    what = f"{label(fraction)}.fit(X).n_components_"
    got = read_whole_number(model.n_components_, what=what)
    if got != expected:
        cumulative = np.round(np.cumsum(ratios), 6).tolist()
        raise CheckFailed(
            f"{what} is {got}; expected {expected} ({REFERENCE}): the cumulative ratios are {cumulative}, "
            f"and the count is the fewest components whose cumulative ratio is strictly above {fraction:.6g}"
        )


@points(1, category="matches_reference")
@given(problem=wide_problems(), data=st.data())
def test_wide_data_matches_the_reference(
    candidate: Any, reference: ModuleType, problem: Problem, data: st.DataObject
) -> None:
    n_components = data.draw(st.integers(1, problem.rank), label="n_components")
    expected = reference.PCA(n_components=n_components).fit(problem.X)
    expect_fit_matches(candidate, problem.X, n_components, False, expected, source=REFERENCE)
