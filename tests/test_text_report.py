"""The text report is readable in 80 columns, coloured only on a terminal, and honours ``NO_COLOR``."""

from __future__ import annotations

import io
import os
import pty
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import cli
from grader.core.exercises import discover
from grader.core.results import CheckResult, ExerciseResult, GradeReport
from grader.reports import text
from tests.helpers import FIXTURES

ANSI = re.compile(r"\033\[[0-9;]*m")
TOY = FIXTURES / "toy"


def visible_width(line: str) -> int:
    return len(ANSI.sub("", line))


def long_check(number: int) -> CheckResult:
    return CheckResult(
        name=f"test_a_rather_long_check_name_that_says_exactly_what_it_checks_in_words_{number}",
        category="input_validation",
        weight=1.0,
        max_score=1.3333,
        score=0.0,
        passed=False,
        message="KMeans(n_clusters=0).fit(X) raised TypeError instead of ValueError: "
        "'<' not supported between instances of 'NoneType' and 'int' " + "x" * 120,
        example="X=array([[0., 0.], [1., 1.]]), n_clusters=0, init='k-means++', random_state=0, tol=1e-4",
    )


def report_with(exercises: list[ExerciseResult]) -> GradeReport:
    return GradeReport(
        submission="candidate-with-a-long-name.zip",
        score=0.0,
        max_score=100.0,
        isolation="bubblewrap",
        exercises=exercises,
        version="0.1.0",
    )


def exercise_result(slug: str, title: str) -> ExerciseResult:
    return ExerciseResult(
        slug=slug,
        title=title,
        status="graded",
        score=0.0,
        max_score=20.0,
        message="the grading suite reported something long enough to need wrapping " * 3,
        checks=[long_check(1), long_check(2)],
        notes=["cell 4 raised NameError: name 'x' is not defined; " * 3],
        categories={"input_validation": {"score": 0.0, "max_score": 20.0}},
        candidate_output_bytes=123456,
    )


@pytest.mark.parametrize("color", [False, True])
def test_a_report_on_the_real_exercises_fits_in_80_columns(color: bool) -> None:
    exercises = [exercise_result(e.slug, e.title) for e in discover()]
    lines = text.render(report_with(exercises), color=color).splitlines()
    too_wide = [line for line in lines if visible_width(line) > 80]
    assert not too_wide, "\n".join(too_wide)


@pytest.mark.parametrize("color", [False, True])
def test_long_messages_names_and_slugs_are_wrapped_to_80_columns(color: bool) -> None:
    exercises = [
        exercise_result("a_slug_of_exactly_28_chars__", "Short"),
        exercise_result("toy", "A title long enough to need wrapping on its own, " * 2),
    ]
    lines = text.render(report_with(exercises), color=color).splitlines()
    too_wide = [line for line in lines if visible_width(line) > 80]
    assert not too_wide, "\n".join(too_wide)


class Terminal(io.StringIO):
    """A stdout that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def canned_report(*_: object, **__: object) -> GradeReport:
    return report_with([exercise_result("toy", "Toy: column means")])


@pytest.mark.parametrize(
    "terminal, no_color, coloured",
    [
        (True, None, True),
        (True, "1", False),
        (False, None, False),
    ],
)
def test_colour_only_on_a_terminal_without_no_color(
    monkeypatch: pytest.MonkeyPatch, terminal: bool, no_color: str | None, coloured: bool, tmp_path: Path
) -> None:
    monkeypatch.setattr("grader.grading.runner.grade_submission", canned_report)
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    out = Terminal() if terminal else io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert cli.main(["grade", str(tmp_path)]) == 0
    assert ("\033[" in out.getvalue()) is coloured


def test_a_report_written_to_a_file_has_no_colour_even_from_a_terminal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("grader.grading.runner.grade_submission", canned_report)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys, "stdout", Terminal())
    assert cli.main(["grade", str(tmp_path), "--output", str(tmp_path / "report.txt")]) == 0
    assert "\033[" not in (tmp_path / "report.txt").read_text()


def run_on_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run ``mlgrade`` with stdout on a pseudo-terminal; return what it wrote there."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "grader.cli", *args], stdout=follower, stderr=subprocess.DEVNULL, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=600)
    os.close(leader)
    return b"".join(chunks).decode()


def test_mlgrade_grade_on_a_real_terminal_is_coloured_unless_no_color_is_set(tmp_path: Path) -> None:
    (tmp_path / "candidate").mkdir()
    shutil.copyfile(TOY / "exercises" / "toy" / "toy.py", tmp_path / "candidate" / "toy.py")
    env = {**os.environ, "MLGRADE_EXERCISES": str(TOY / "exercises"), "MLGRADE_REFERENCE": str(TOY / "reference")}
    env.pop("NO_COLOR", None)
    args = ["grade", str(tmp_path / "candidate")]
    assert "\033[" in run_on_a_terminal(args, env)
    plain = run_on_a_terminal(args, {**env, "NO_COLOR": "1"})
    assert "\033[" not in plain and "0 of 5 checks passed" in plain
