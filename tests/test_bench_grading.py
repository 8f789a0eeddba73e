"""The grader's bench rows: what they print and that they measure what they name."""

from __future__ import annotations

from pathlib import Path

from grader.core.exercises import discover
from grader.workflows import bench_grading
from grader.workflows.bench_grading import Row


def test_a_row_prints_its_ratio_against_its_target() -> None:
    meets = Row("grading", 1.0, 2.0, "in-process", 1.2, "1.0 s against 2.0 s").text()
    assert "ratio   0.50 against in-process (target <= 1.2: meets)" in meets and meets.endswith("1.0 s against 2.0 s")
    assert "misses" in Row("grading", 3.0, 2.0, "in-process", 1.2).text()


def test_the_reference_submission_holds_every_exercise(tmp_path: Path) -> None:
    folder = bench_grading.reference_submission(tmp_path / "all")
    assert sorted(p.stem for p in folder.glob("*.py")) == sorted(e.slug for e in discover())


def test_the_help_row_times_a_fresh_process() -> None:
    row = bench_grading.help_over_otter()
    assert 0 < row.ours < 30 and row.baseline == bench_grading.OTTER_VERSION_SECONDS and row.target == 0.03
