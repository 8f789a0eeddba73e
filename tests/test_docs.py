"""The guide's examples run: its whole-suite example grades a scaffolded exercise fairly."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.core.exercises import find
from grader.grading.runner import grade_exercise
from grader.grading.submission import ExerciseSource
from grader.workflows.scaffold import scaffold
from tests.helpers import ROOT

GUIDE = ROOT / "docs" / "writing-an-exercise.md"


def whole_suite() -> str:
    section = GUIDE.read_text(encoding="utf-8").split("### A whole suite", 1)[1]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_scaffold_writes_the_guides_suite() -> None:
    template = (ROOT / "grader" / "workflows" / "scaffold_files" / "grading_test.py.tmpl").read_text()
    assert whole_suite() in template.replace("{{", "{").replace("}}", "}")


@pytest.mark.slow
def test_the_guides_suite_gives_the_reference_full_marks_and_the_stub_zero(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scaffold("guide_example", tmp_path)
    (tmp_path / "exercises" / "guide_example" / "grading" / "test_guide_example.py").write_text(whole_suite())
    monkeypatch.setenv("MLGRADE_EXERCISES", str(tmp_path / "exercises"))
    monkeypatch.setenv("MLGRADE_REFERENCE", str(tmp_path / "reference"))
    exercise = find("guide_example")
    for path, full in ((exercise.reference_path, True), (exercise.stub_path, False)):
        result = grade_exercise(exercise, ExerciseSource(exercise.slug, path, "py", path.name))
        assert result.status == "graded", result.message
        assert result.score == (result.max_score if full else 0), [c.message for c in result.failed_checks]
