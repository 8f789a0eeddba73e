"""Authoring mistakes are loud (status ``grader_error`` with the author's traceback, never a quiet zero),
and ``mlgrade new-exercise`` scaffolds an exercise that grades as it stands."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.core.exercises import find
from grader.grading.judge import suite_paths
from grader.grading.runner import grade_exercise
from grader.grading.submission import ExerciseSource
from grader.workflows.scaffold import scaffold
from tests.helpers import FIXTURES

TOY = FIXTURES / "toy"


@pytest.fixture
def bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private copy of the toy bank, pointed at by the environment, to break on purpose."""
    shutil.copytree(TOY / "exercises", tmp_path / "exercises")
    shutil.copytree(TOY / "reference", tmp_path / "reference")
    monkeypatch.setenv("MLGRADE_EXERCISES", str(tmp_path / "exercises"))
    monkeypatch.setenv("MLGRADE_REFERENCE", str(tmp_path / "reference"))
    yield tmp_path


def grade_reference(bank: Path, slug: str = "toy") -> tuple[str, str, float]:
    source = bank / "reference" / f"{slug}.py"
    result = grade_exercise(find(slug), ExerciseSource(slug, source, "py", source.name))
    return result.status, result.message, result.score


def test_a_grading_module_that_fails_to_import_is_a_grader_error_with_its_traceback(bank: Path) -> None:
    (bank / "exercises" / "toy" / "grading" / "test_more.py").write_text("import no_such_module_here\n")
    status, message, score = grade_reference(bank)
    assert status == "grader_error" and score == 0
    assert "test_more.py could not be collected" in message and "no_such_module_here" in message


def test_a_failing_fixture_of_the_suite_is_a_grader_error(bank: Path) -> None:
    (bank / "exercises" / "toy" / "grading" / "conftest.py").write_text(
        "import pytest\n\n@pytest.fixture\ndef broken():\n    raise RuntimeError('the author broke it')\n"
    )
    suite = bank / "exercises" / "toy" / "grading" / "test_toy.py"
    suite.write_text(suite.read_text() + "\n\n@points(1, category='properties')\ndef test_uses_it(broken):\n    pass\n")
    status, message, _ = grade_reference(bank)
    assert status == "grader_error" and "the author broke it" in message and "error in setup" in message


def test_a_check_without_points_is_a_grader_error(bank: Path) -> None:
    suite = bank / "exercises" / "toy" / "grading" / "test_toy.py"
    suite.write_text(suite.read_text() + "\n\ndef test_forgot_its_points(candidate):\n    pass\n")
    status, message, _ = grade_reference(bank)
    assert status == "grader_error" and "test_forgot_its_points has no @points" in message


def test_a_file_named_after_a_category_holds_only_that_category(bank: Path) -> None:
    suite = bank / "exercises" / "toy" / "grading" / "test_properties.py"
    suite.write_text(
        "from grader.testing import points\n\n"
        "@points(1, category='efficiency')\ndef test_misfiled(candidate):\n    pass\n"
    )
    status, message, _ = grade_reference(bank)
    assert status == "grader_error"
    assert "test_misfiled is in test_properties.py but its category is efficiency" in message


def test_a_grading_of_some_categories_does_not_import_the_files_of_the_others(bank: Path) -> None:
    grading = bank / "exercises" / "toy" / "grading"
    for category in ("properties", "efficiency"):
        (grading / f"test_{category}.py").write_text("raise RuntimeError('imported')\n")
    exercise = find("toy")
    assert suite_paths(exercise, ()) == [str(grading)]
    assert suite_paths(exercise, ("properties",)) == [str(grading / "test_properties.py"), str(grading / "test_toy.py")]
    source = bank / "reference" / "toy.py"
    only = grade_exercise(exercise, ExerciseSource("toy", source, "py", source.name), categories=("input_validation",))
    assert only.status == "graded", only.message  # neither broken file was imported
    assert {check.category for check in only.checks} == {"input_validation"}


def test_a_scaffolded_exercise_lists_and_grades_as_it_stands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written = scaffold("demo_means", tmp_path)
    assert tmp_path / "exercises" / "demo_means" / "exercise.toml" in written
    monkeypatch.setenv("MLGRADE_EXERCISES", str(tmp_path / "exercises"))
    monkeypatch.setenv("MLGRADE_REFERENCE", str(tmp_path / "reference"))
    exercise = find("demo_means")
    reference = grade_exercise(exercise, ExerciseSource("demo_means", exercise.reference_path, "py", "r.py"))
    assert reference.status == "graded" and reference.score == reference.max_score, reference.message
    stub = grade_exercise(exercise, ExerciseSource("demo_means", exercise.stub_path, "py", "s.py"))
    assert stub.score == 0 and all("not implemented" in check.message for check in stub.checks)
    fixtures = tmp_path / "tests" / "fixtures" / "demo_means"
    assert len(list(fixtures.glob("correct_*.py"))) >= 3 and len(list(fixtures.glob("buggy_*.py"))) >= 10


def test_a_slug_that_is_not_a_module_name_or_exists_already_is_refused(tmp_path: Path) -> None:
    from grader.core.errors import UsageError

    with pytest.raises(UsageError, match="Invalid slug"):
        scaffold("Bad-Name", tmp_path)
    scaffold("once", tmp_path)
    with pytest.raises(UsageError, match="already exists"):
        scaffold("once", tmp_path)


def test_the_exception_tree_in_the_docstring_is_complete_and_has_no_dead_entries() -> None:
    import re

    from grader.core import errors

    drawn = set(re.findall(r"[├└]── (\w+)", errors.__doc__ or ""))
    defined = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and issubclass(value, BaseException) and value.__module__ == errors.__name__
    }
    assert drawn == defined
