"""The leakage_safe_scaling suite is a fair judge: right answers get full marks, each mistake loses
points in the category that names it, with a message that points at it."""

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

SLUG = "leakage_safe_scaling"
CORRECT = variants(SLUG, "correct_")

# variant file, category that must lose points, a word the failing message must contain
BUGGY = [
    ("buggy_sample_std", "matches_sklearn", "scale_"),
    ("buggy_constant_feature_divides_by_zero", "edge_cases", "constant"),
    ("buggy_scales_before_splitting", "properties", "leak"),
    ("buggy_refits_scaler_on_test_fold", "properties", "own statistics"),
    ("buggy_pipeline_refits_at_predict", "properties", "fit_transform"),
    ("buggy_reuses_the_given_scaler", "properties", "fresh copy"),
    ("buggy_reuses_the_given_estimator", "properties", "fresh copy"),
    ("buggy_copies_by_calling_the_class", "matches_sklearn", "MinMaxScaler"),
    ("buggy_last_fold_takes_the_remainder", "matches_sklearn", "scaled_cross_val_score"),
    ("buggy_scores_training_rows", "matches_sklearn", "scaled_cross_val_score"),
    ("buggy_pipeline_does_not_chain", "matches_sklearn", "Pipeline"),
    ("buggy_min_max_ignores_feature_range", "edge_cases", "feature_range"),
    ("buggy_min_max_inverse_wrong", "properties", "inverse_transform"),
    ("buggy_transform_refits_on_its_input", "properties", "subset"),
    ("buggy_transform_in_place", "properties", "modified in place"),
    ("buggy_fit_returns_none", "properties", "self"),
    ("buggy_accepts_nan", "input_validation", "nan"),
    ("buggy_no_feature_count_check", "input_validation", "features"),
    ("buggy_not_fitted_attribute_error", "input_validation", "before fit"),
    ("buggy_python_loop_over_rows", "efficiency", "fast"),
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
