"""Every exercise's suite is a fair judge, proved on its own fixtures (see ``tests/fairness.py``).

Discovered, not listed: a new exercise is covered as soon as ``tests/fixtures/<slug>/`` holds its
correct, buggy and noise variants. The reference gets full marks; the stub gets zero with "not
implemented"; random values of the right shapes get zero; every correct variant gets full marks; every
buggy variant loses points in the category it declares, with a failing message that names its mistake.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.core.exercises import Exercise, discover
from tests.fairness import BuggyFixture, declared
from tests.helpers import (
    FIXTURES,
    assert_full_marks,
    assert_zero_not_implemented,
    failures,
    grade_variant,
)

EXERCISES = discover()
SLUGS = [exercise.slug for exercise in EXERCISES]


def _correct() -> list[Path]:
    return [path for slug in SLUGS for path in sorted((FIXTURES / slug).glob("correct_*.py"))]


def _buggy() -> list[BuggyFixture]:
    return [declared(path) for slug in SLUGS for path in sorted((FIXTURES / slug).glob("buggy_*.py"))]


@pytest.mark.parametrize("exercise", EXERCISES, ids=SLUGS)
def test_every_exercise_has_enough_fixtures(exercise: Exercise) -> None:
    folder = FIXTURES / exercise.slug
    assert len(list(folder.glob("correct_*.py"))) >= 3, f"{folder}: at least three correct variants"
    assert len(list(folder.glob("buggy_*.py"))) >= 10, f"{folder}: at least ten buggy variants"
    assert (folder / "noise.py").is_file(), f"{folder}: a noise.py submission"


@pytest.mark.parametrize("fixture", _buggy(), ids=lambda fixture: fixture.name)
def test_every_buggy_fixture_declares_a_category_the_exercise_weighs(fixture: BuggyFixture) -> None:
    exercise = next(e for e in EXERCISES if e.slug == fixture.path.parent.name)
    assert fixture.category in exercise.weights, f"{fixture.name}: {fixture.category} carries no points"


@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES, ids=SLUGS)
def test_the_reference_gets_full_marks(exercise: Exercise) -> None:
    assert_full_marks(grade_variant(exercise.slug, exercise.reference_path))


@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES, ids=SLUGS)
def test_the_stub_gets_zero(exercise: Exercise) -> None:
    assert_zero_not_implemented(grade_variant(exercise.slug, exercise.stub_path))


@pytest.mark.slow
@pytest.mark.parametrize("exercise", EXERCISES, ids=SLUGS)
def test_random_values_of_the_right_shapes_get_zero(exercise: Exercise) -> None:
    result = grade_variant(exercise.slug, FIXTURES / exercise.slug / "noise.py")
    assert result.score == 0, failures(result)


@pytest.mark.slow
@pytest.mark.parametrize("variant", _correct(), ids=lambda path: f"{path.parent.name}/{path.stem}")
def test_a_correct_variant_gets_full_marks(variant: Path) -> None:
    assert_full_marks(grade_variant(variant.parent.name, variant))


@pytest.mark.slow
@pytest.mark.parametrize("fixture", _buggy(), ids=lambda fixture: fixture.name)
def test_a_buggy_variant_loses_points_in_its_category(fixture: BuggyFixture) -> None:
    # Only the declared category runs: the claim is about that category, and the rest costs time.
    # It stops at the first failure, which usually names the mistake; when it does not, the whole
    # category is graded and every failed message is searched (the same claim, proved either way).
    slug = fixture.path.parent.name
    for fail_fast in (True, False):
        result = grade_variant(slug, fixture.path, categories=(fixture.category,), fail_fast=fail_fast)
        earned = result.categories.get(fixture.category, {"score": 0.0, "max_score": 0.0})
        assert earned["score"] < earned["max_score"], f"no points lost in {fixture.category}\n{failures(result)}"
        messages = [check.message.lower() for check in result.failed_checks if check.category == fixture.category]
        if any(fixture.word.lower() in message for message in messages):
            return
    raise AssertionError(f'no failed {fixture.category} message mentions "{fixture.word}"\n{failures(result)}')
