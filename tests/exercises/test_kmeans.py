"""The kmeans suite is a fair judge: right answers get full marks, each mistake loses points in the
category that names it, with a message that points at it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import (
    FIXTURES,
    ROOT,
    assert_full_marks,
    assert_loses_in,
    assert_zero_not_implemented,
    grade_variant,
    variants,
)

SLUG = "kmeans"
CORRECT = variants(SLUG, "correct_")

# variant file, category that must lose points, a word the failing message must contain
BUGGY = [
    ("buggy_random_init_with_replacement", "properties", "distinct"),
    ("buggy_empty_cluster_becomes_nan", "edge_cases", "nan"),
    ("buggy_stale_labels", "properties", "nearest"),
    ("buggy_plusplus_proportional_to_distance", "properties", "squared distance"),
    ("buggy_plusplus_distance_to_last_centre", "properties", "squared distance"),
    ("buggy_stops_after_first_iteration", "matches_sklearn", "scikit-learn"),
    ("buggy_tol_not_scaled", "matches_sklearn", "tol"),
    ("buggy_empty_cluster_keeps_its_centre", "matches_reference", "relocated"),
    ("buggy_relocates_farthest_from_the_empty_centre", "matches_reference", "farthest"),
    ("buggy_inertia_not_squared", "properties", "inertia"),
    ("buggy_ignores_random_state", "properties", "random_state"),
    ("buggy_rejects_as_many_clusters_as_samples", "edge_cases", "as_many_clusters"),
    ("buggy_no_finite_check", "input_validation", "nan"),
    ("buggy_no_init_shape_check", "input_validation", "init"),
    ("buggy_predict_before_fit_attribute_error", "input_validation", "attributeerror"),
    ("buggy_python_loop_over_samples", "efficiency", "slower"),
]


def test_every_buggy_fixture_is_listed():
    listed = {name for name, _, _ in BUGGY}
    on_disk = {path.stem for path in variants(SLUG, "buggy_")}
    assert listed == on_disk


def test_there_are_at_least_three_correct_variants():
    assert len(CORRECT) >= 3


@pytest.mark.slow
def test_reference_gets_full_marks():
    assert_full_marks(grade_variant(SLUG, ROOT / "reference" / f"{SLUG}.py"))


@pytest.mark.slow
def test_stub_gets_zero():
    assert_zero_not_implemented(grade_variant(SLUG, ROOT / "exercises" / SLUG / f"{SLUG}.py"))


@pytest.mark.slow
@pytest.mark.parametrize("variant", CORRECT, ids=lambda path: path.stem)
def test_correct_variant_gets_full_marks(variant: Path):
    assert_full_marks(grade_variant(SLUG, variant))


@pytest.mark.slow
@pytest.mark.parametrize("variant, category, hint", BUGGY, ids=[name for name, _, _ in BUGGY])
def test_buggy_variant_loses_points_where_expected(variant: str, category: str, hint: str):
    # Only the category under test runs: the claim is about that category, and the rest costs time.
    assert_loses_in(grade_variant(SLUG, FIXTURES / SLUG / f"{variant}.py", categories=(category,)), category, hint)
