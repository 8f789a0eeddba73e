"""The cross_validation suite is a fair judge: right answers get full marks, each mistake loses
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

SLUG = "cross_validation"
CORRECT = variants(SLUG, "correct_")

# variant file, category that must lose points, a word the failing message must contain
BUGGY = [
    ("buggy_drops_remainder", "properties", "in no test fold"),
    ("buggy_remainder_in_last_fold", "properties", "extra sample"),
    ("buggy_reuses_estimator", "properties", "fresh copy"),
    ("buggy_copies_once", "properties", "fresh copy"),
    ("buggy_scores_training_rows", "properties", "test rows"),
    ("buggy_test_rows_left_in_train", "properties", "also in train_index"),
    ("buggy_global_unseeded_shuffle", "properties", "reproducible"),
    ("buggy_shuffle_discarded", "properties", "must shuffle"),
    ("buggy_seed_hard_coded", "properties", "depend on the seed"),
    ("buggy_unsorted_shuffled_test", "properties", "not sorted"),
    ("buggy_stratified_blocks", "properties", "floor or ceil"),
    ("buggy_stratified_extras_first", "properties", "at most one"),
    ("buggy_labels_as_indices", "properties", "raised"),
    ("buggy_int_cv_stratified", "matches_sklearn", "not stratifiedkfold"),
    ("buggy_pandas_rows_by_label", "matches_sklearn", "dataframe"),
    ("buggy_scoring_arguments_swapped", "matches_sklearn", "scoring"),
    ("buggy_leave_one_out_rejected", "edge_cases", "leaves_one_out"),
    ("buggy_small_class_rejected", "edge_cases", "smaller_than_n_splits"),
    ("buggy_squeezes_one_feature", "edge_cases", "one_feature"),
    ("buggy_random_state_unchecked", "input_validation", "random_state"),
    ("buggy_n_splits_cast_to_int", "input_validation", "n_splits=2.5"),
    ("buggy_lengths_unchecked", "input_validation", "rows in x"),
    ("buggy_python_loop_per_sample", "efficiency", "slower"),
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
    assert_loses_in(
        grade_variant(SLUG, FIXTURES / SLUG / f"{variant}.py", categories=(category,)),
        category,
        hint,
    )
