"""The logistic_regression suite is a fair judge: right answers get full marks, each mistake loses
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

SLUG = "logistic_regression"
CORRECT = variants(SLUG, "correct_")

# variant file, category that must lose points, a word the failing message must contain
BUGGY = [
    ("buggy_penalised_intercept", "matches_sklearn", "intercept"),
    ("buggy_c_as_penalty_strength", "matches_sklearn", "objective"),
    ("buggy_mean_loss", "matches_sklearn", "objective"),
    ("buggy_few_gradient_steps", "matches_sklearn", "objective"),
    ("buggy_naive_sigmoid", "edge_cases", "overflow"),
    ("buggy_clipped_sigmoid", "matches_reference", "sigmoid"),
    ("buggy_assumes_01_labels", "properties", "relabel"),
    ("buggy_classes_in_order_of_appearance", "properties", "classes_"),
    ("buggy_proba_columns_swapped", "properties", "predict_proba"),
    ("buggy_ignores_fit_intercept", "matches_reference", "fit_intercept"),
    ("buggy_coef_shape", "matches_reference", "coef_"),
    ("buggy_standardises_internally", "edge_cases", "constant"),
    ("buggy_no_finite_check", "input_validation", "nan"),
    ("buggy_no_C_check", "input_validation", "C="),
    ("buggy_no_not_fitted_check", "input_validation", "before fit"),
    ("buggy_python_loop", "efficiency", "slower"),
]


def test_every_buggy_fixture_is_listed():
    listed = {name for name, _, _ in BUGGY}
    on_disk = {path.stem for path in variants(SLUG, "buggy_")}
    assert listed == on_disk


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
