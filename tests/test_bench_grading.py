"""The grader's bench rows: what they print and that they measure what they name."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from grader.core.exercises import discover
from grader.workflows import bench_anchors, bench_grading
from grader.workflows.bench_grading import Row

# A stand-in for an anchor's program: it records its arguments (and whether ``alembic`` is on its
# PATH, as nbgrader needs), and plays nbgrader's part where the bench reads its results back.
FAKE_PROGRAM = """#!{python}
import json, os, shutil, sqlite3, sys
from pathlib import Path
from typing import Any
here = Path(sys.argv[0]).parent
with open(here / "calls.jsonl", "a") as log:
    log.write(json.dumps({{"argv": sys.argv[1:], "cwd": os.getcwd(), "alembic": shutil.which("alembic")}}) + "\\n")
if sys.argv[1:2] == ["autograde"]:
    with sqlite3.connect("gradebook.db") as db:
        db.execute("CREATE TABLE IF NOT EXISTS base_cell (id TEXT, name TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS grade (cell_id TEXT, auto_score REAL)")
        db.execute("DELETE FROM base_cell"); db.execute("DELETE FROM grade")
        for n, name in enumerate(["test_zero", "test_value", "test_shapes"]):
            db.execute("INSERT INTO base_cell VALUES (?, ?)", (str(n), name))
            db.execute("INSERT INTO grade VALUES (?, ?)", (str(n), {score}))
"""


def fake_anchor(anchors: Path, venv: str, program: str, score: float = 1.0) -> Path:
    bin_folder = anchors / venv / "bin"
    bin_folder.mkdir(parents=True, exist_ok=True)
    for name in (program, "alembic"):
        path = bin_folder / name
        path.write_text(FAKE_PROGRAM.format(python=sys.executable, score=score), encoding="utf-8")
        path.chmod(0o755)
    return bin_folder


def test_a_row_prints_its_ratio_against_its_target() -> None:
    meets = Row("grading", 1.0, 2.0, "in-process", 1.2, "1.0 s against 2.0 s").text()
    assert "ratio   0.50 against in-process (target <= 1.2: meets)" in meets and meets.endswith("1.0 s against 2.0 s")
    assert "misses" in Row("grading", 3.0, 2.0, "in-process", 1.2).text()


def test_the_reference_submission_holds_every_exercise(tmp_path: Path) -> None:
    folder = bench_grading.reference_submission(tmp_path / "all")
    assert sorted(p.stem for p in folder.glob("*.py")) == sorted(e.slug for e in discover())


def test_the_help_row_times_a_fresh_process_against_the_checked_in_figure_without_otter(tmp_path: Path) -> None:
    row = bench_grading.help_over_otter(anchors=tmp_path)
    assert 0 < row.ours < 30 and row.baseline == bench_grading.OTTER_VERSION_SECONDS and row.target == 0.03
    assert "measured once, checked in" in row.baseline_name and "otter is not installed" in row.note


def test_with_otter_installed_the_help_row_times_it_in_the_same_run(tmp_path: Path) -> None:
    bin_folder = fake_anchor(tmp_path, "otter", "otter")
    row = bench_grading.help_over_otter(anchors=tmp_path)
    calls = [json.loads(line) for line in (bin_folder / "calls.jsonl").read_text().splitlines()]
    assert [call["argv"] for call in calls] == [["--version"]] * 6  # a warm-up, then best of five
    assert row.baseline != bench_grading.OTTER_VERSION_SECONDS and row.baseline_name == "otter --version, in this run"


def test_an_otter_that_fails_leaves_the_checked_in_figure_and_says_why(tmp_path: Path) -> None:
    program = tmp_path / "otter" / "bin" / "otter"
    program.parent.mkdir(parents=True)
    program.write_text(f"#!{sys.executable}\nimport sys\nsys.exit(3)\n", encoding="utf-8")
    program.chmod(0o755)
    row = bench_grading.help_over_otter(anchors=tmp_path)
    assert row.baseline == bench_grading.OTTER_VERSION_SECONDS and "otter --version failed" in row.note


def test_the_nbgrader_course_releases_once_submits_the_solution_and_reads_the_grades_back(tmp_path: Path) -> None:
    bin_folder = fake_anchor(tmp_path / "anchors", "nbgrader", "nbgrader")
    course = bench_anchors.NbgraderCourse(bin_folder / "nbgrader", tmp_path / "scratch")
    course.autograde()
    course.autograde()
    calls = [json.loads(line) for line in (bin_folder / "calls.jsonl").read_text().splitlines()]
    assert [call["argv"] for call in calls] == [
        ["generate_assignment", "ps1", "--force"],
        ["autograde", "ps1", "--force", "--create"],
        ["autograde", "ps1", "--force", "--create"],
    ]
    assert {call["cwd"] for call in calls} == {str(course.root)}
    assert {call["alembic"] for call in calls} == {str(bin_folder / "alembic")}
    submitted = course.root / "submitted" / "student1" / "ps1" / "ps1.ipynb"
    assert submitted.read_bytes() == (bench_anchors.COURSE / "source" / "ps1" / "ps1.ipynb").read_bytes()
    assert course.scores() == {"test_zero": 1.0, "test_value": 1.0, "test_shapes": 1.0}


def test_the_bench_notebook_has_one_solution_and_three_graded_tests_of_a_point_each() -> None:
    notebook = json.loads((bench_anchors.COURSE / "source" / "ps1" / "ps1.ipynb").read_text(encoding="utf-8"))
    marks = [cell["metadata"].get("nbgrader", {}) for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert [mark.get("solution") for mark in marks] == [True, False, False, False]
    assert [mark.get("points") for mark in marks if mark.get("grade")] == [1, 1, 1]


def test_a_failing_nbgrader_command_is_reported_with_its_error(tmp_path: Path) -> None:
    bin_folder = tmp_path / "nbgrader" / "bin"
    bin_folder.mkdir(parents=True)
    program = bin_folder / "nbgrader"
    program.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('no database here')\n", encoding="utf-8")
    program.chmod(0o755)
    with pytest.raises(bench_anchors.AnchorFailed, match=r"generate_assignment failed .*no database here"):
        bench_anchors.NbgraderCourse(program, tmp_path / "scratch")


def test_an_nbgrader_run_that_did_not_pass_the_three_tests_times_nothing(tmp_path: Path) -> None:
    bin_folder = fake_anchor(tmp_path / "anchors", "nbgrader", "nbgrader", score=0.0)
    course = bench_anchors.NbgraderCourse(bin_folder / "nbgrader", tmp_path / "scratch")
    course.autograde()
    with sqlite3.connect(course.root / "gradebook.db") as database:
        assert database.execute("SELECT COUNT(*) FROM grade").fetchone() == (3,)
    with pytest.raises(bench_anchors.AnchorFailed, match="did not pass the 3 tests"):
        course.expect_full_marks()


def test_the_metrics_rows_time_a_forked_judge_and_a_fresh_command_each_against_nbgrader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both sides of each row run in this run: nbgrader (here a stand-in) alternates with the warm
    # grading and with ``mlgrade grade --exercise`` typed as a new process, as nbgrader's own command is.
    graded: list[tuple[Path, tuple[str, ...]]] = []
    typed: list[list[str]] = []
    real_run = subprocess.run

    def run(argv: list[str], **kwargs: Any) -> object:
        if "grade" in argv:
            typed.append(argv)
            return None
        return real_run(argv, **kwargs)

    monkeypatch.setattr(
        bench_grading, "grade_submission", lambda folder, options: graded.append((folder, options.slugs))
    )
    monkeypatch.setattr(subprocess, "run", run)
    bin_folder = fake_anchor(tmp_path / "anchors", "nbgrader", "nbgrader")
    warm, fresh = bench_grading.metrics_over_nbgrader(anchors=tmp_path / "anchors")
    assert len(graded) == 4 and {slugs for _, slugs in graded} == {("classification_metrics",)}  # warm-up, best of 3
    assert len(typed) == 4 and all(argv[-4:-2] == ["grade", str(graded[0][0])] for argv in typed)
    assert all(argv[-2:] == ["--exercise", "classification_metrics"] for argv in typed)
    autogrades = [c for c in (bin_folder / "calls.jsonl").read_text().splitlines() if '"autograde"' in c]
    assert len(autogrades) == 8
    assert "warm server" in warm.name and "fresh process" in fresh.name
    for row in (warm, fresh):
        assert row.target == 0.5 and row.baseline_name == "nbgrader autograde of a 3-test notebook, in this run"


def test_without_nbgrader_both_metrics_rows_use_the_checked_in_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bench_grading, "grade_submission", lambda folder, options: None)
    monkeypatch.setattr(subprocess, "run", lambda argv, **kwargs: None)
    rows = bench_grading.metrics_over_nbgrader(anchors=tmp_path)
    assert len(rows) == 2 and all(row.baseline == bench_grading.NBGRADER_AUTOGRADE_SECONDS for row in rows)
    assert all("nbgrader is not installed" in row.note for row in rows)


def test_the_bench_can_print_its_grading_rows_alone(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from grader.workflows import bench_main

    printed = [Row("a grading row", 1.0, 2.0, "a baseline", 1.0)]
    monkeypatch.setattr(bench_grading, "rows", lambda batch: iter(printed))
    monkeypatch.setattr(bench_main, "exercise_comparisons", lambda exercise: pytest.fail("an exercise row was timed"))
    assert bench_main.main(["--skip-exercises", "--batch", "0"]) == 0
    assert "a grading row" in capsys.readouterr().out


def test_the_sandbox_row_warms_up_once_then_alternates_the_two_isolations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graded: list[str] = []
    monkeypatch.setattr(bench_grading, "grade_submission", lambda folder, options: graded.append(options.isolation))
    row = bench_grading.sandboxed_over_in_process(tmp_path, jobs=2)
    assert graded == ["auto", "auto", "none", "auto", "none"]
    assert row.baseline_name == "in-process" and row.target == 1.2
