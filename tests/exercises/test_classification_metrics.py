"""The classification_metrics suite is a fair judge: right answers get full marks, each mistake loses
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

SLUG = "classification_metrics"
CORRECT = variants(SLUG, "correct_")

# variant file, category that must lose points, a word the failing message must contain
BUGGY = [
    ("buggy_transposed_matrix", "matches_sklearn", "rows: true labels"),
    ("buggy_labels_in_order_of_appearance", "matches_sklearn", "labels sorted"),
    ("buggy_labels_ignored", "matches_sklearn", "labels="),
    ("buggy_macro_over_true_labels", "matches_sklearn", "macro"),
    ("buggy_nan_for_zero_division", "edge_cases", "nan"),
    ("buggy_f1_from_precision_and_recall", "matches_reference", "f1"),
    ("buggy_weighted_by_predictions", "matches_sklearn", "weighted"),
    ("buggy_micro_is_the_mean", "matches_sklearn", "micro"),
    ("buggy_warns_on_zero_division", "edge_cases", "warning"),
    ("buggy_scores_drop_samples_outside_labels", "matches_reference", "every_sample"),
    ("buggy_support_counts_predictions", "matches_sklearn", "support"),
    ("buggy_unknown_average_is_macro", "input_validation", "average"),
    ("buggy_binary_ignores_pos_label", "matches_sklearn", "pos_label"),
    ("buggy_binary_allows_many_labels", "input_validation", "binary"),
    ("buggy_assumes_labels_0_to_k", "edge_cases", "negative"),
    ("buggy_accuracy_is_a_count", "matches_sklearn", "accuracy"),
    ("buggy_python_loop_per_sample", "efficiency", "fast"),
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
