"""The grader's own ``make bench`` rows: how long graders, cohorts and the command line take.

Each row is a ratio taken in this run. The rows against other graders (nbgrader, otter-grader) time
them too where ``make bench`` could install them (``bench_anchors``); where it could not, their side
is a figure measured once on this project's 2-core machine and checked in here, and the row says so.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from grader.core.exercises import PROJECT_ROOT, discover, find
from grader.grading.runner import GradeOptions, grade_submission
from grader.workflows import bench_anchors
from grader.workflows.batch import BatchOptions, run_batch

SAMPLE = PROJECT_ROOT / "examples" / "sample_submission"
# Measured once (issue 16), idle, on the project's 2-core machine: the lower ends of the ranges; used
# only where make bench could not install the tool (installed on 2026-12-06, nbgrader 0.9.6 read
# 3.5-4.8 s and otter 7.0.0 1.1-1.8 s: otter's start is now three times faster than this figure).
NBGRADER_AUTOGRADE_SECONDS = 3.6  # `nbgrader autograde` of a 3-test notebook: 3.6-4.3 s
OTTER_VERSION_SECONDS = 3.6  # `otter --version`: 3.6-4.1 s


@dataclass(frozen=True)
class Row:
    """One printed row: ``ours / baseline`` against a target, with what each side was."""

    name: str
    ours: float
    baseline: float
    baseline_name: str
    target: float
    note: str = ""

    def text(self) -> str:
        ratio = self.ours / self.baseline if self.baseline > 0 else float("inf")
        verdict = "meets" if ratio <= self.target else "misses"
        lines = [
            self.name,
            f"    ratio {ratio:6.2f} against {self.baseline_name} (target <= {self.target:g}: {verdict})",
        ]
        if self.note:
            lines.append(f"    {self.note}")
        return "\n".join(lines)


def seconds(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def reference_submission(folder: Path) -> Path:
    """A complete correct submission: every reference solution under its exercise's name."""
    folder.mkdir(parents=True, exist_ok=True)
    for exercise in discover():
        shutil.copyfile(exercise.reference_path, folder / f"{exercise.slug}.py")
    return folder


def sandboxed_over_in_process(folder: Path, jobs: int = 2) -> Row:
    """Grading every reference sandboxed, against the same suites run in-process (both warm)."""

    def grade(isolation: str) -> None:
        grade_submission(folder, GradeOptions(isolation=isolation, jobs=jobs))

    grade("auto")  # warms the server and the remembered expected values for both sides
    # Alternated, best of two each: a machine that slows down half-way slows both sides alike.
    sandboxed, in_process = alternated(lambda: grade("auto"), lambda: grade("none"), repeats=2, warm_up=False)
    exercises = len(discover())
    return Row(
        f"mlgrade grade, all {exercises} references, --jobs {jobs}: sandboxed / in-process",
        sandboxed,
        in_process,
        "in-process",
        1.2,
        f"sandboxed {sandboxed:.1f} s, in-process {in_process:.1f} s on this machine",
    )


def sample_over_target(jobs: int = 2) -> Row:
    """Wall time of grading the sample submission (as ``make grade`` does), expected values remembered."""
    grade_submission(SAMPLE, GradeOptions(jobs=jobs))
    wall = min(seconds(lambda: grade_submission(SAMPLE, GradeOptions(jobs=jobs))) for _ in range(2))
    return Row(
        f"mlgrade grade examples/sample_submission, --jobs {jobs}, wall seconds",
        wall,
        6.0,
        "the issue's 6 s",
        1.0,
    )


def metrics_over_nbgrader(anchors: Path = bench_anchors.ANCHORS) -> list[Row]:
    """Grading the classification-metrics reference against nbgrader's autograde of a 3-test notebook.

    Two rows, since mlgrade has two starts: a judge forked from a warm server (every exercise of a
    submission or a batch after the first, the server started once) and ``mlgrade grade --exercise``
    typed in a fresh process, as nbgrader's own command is (Python, pytest, Hypothesis, NumPy and
    scikit-learn imported anew). With nbgrader installed by ``make bench``, each alternates with it in
    this run, best of three; without it, nbgrader's side is the figure measured once and checked in.
    """
    exercise = find("classification_metrics")
    nbgrader = bench_anchors.anchor_program("nbgrader", "nbgrader", anchors)
    with tempfile.TemporaryDirectory(prefix="mlgrade-bench-") as scratch:
        folder = Path(scratch) / "submission"
        folder.mkdir()
        shutil.copyfile(exercise.reference_path, folder / "classification_metrics.py")

        def warm() -> None:
            grade_submission(folder, GradeOptions(slugs=("classification_metrics",)))

        def fresh() -> None:
            command = [*_mlgrade_command(), "grade", str(folder), "--exercise", "classification_metrics"]
            subprocess.run(command, capture_output=True, check=True)

        sides = [
            ("mlgrade grade, classification_metrics reference, a judge forked from the warm server", warm),
            ("mlgrade grade --exercise classification_metrics, a fresh process (as typed)", fresh),
        ]
        if nbgrader is None:
            why = "nbgrader is not installed (make bench installs it into .venv-anchors/)"
            return [_metrics_alone(name, grade, why) for name, grade in sides]
        rows = []
        try:
            course = bench_anchors.NbgraderCourse(nbgrader, Path(scratch))
            for name, grade in sides:
                ours, theirs = alternated(grade, course.autograde, repeats=3)
                course.expect_full_marks()
                rows.append(
                    Row(
                        name,
                        ours,
                        theirs,
                        "nbgrader autograde of a 3-test notebook, in this run",
                        0.5,
                        f"{ours:.2f} s against {theirs:.2f} s on this machine (nbgrader graded 3 of 3)",
                    )
                )
        except bench_anchors.AnchorFailed as error:
            return [_metrics_alone(name, grade, str(error)) for name, grade in sides]
    return rows


def _mlgrade_command() -> list[str]:
    """The installed ``mlgrade`` beside this interpreter, or ``python -m grader.cli`` without one."""
    program = Path(sys.executable).parent / "mlgrade"
    return [str(program)] if program.is_file() else [sys.executable, "-m", "grader.cli"]


def _metrics_alone(name: str, grade: Callable[[], None], why: str) -> Row:
    """The metrics row against nbgrader's checked-in figure, saying why nbgrader was not timed."""
    grade()
    ours = min(seconds(grade) for _ in range(3))
    return Row(
        name,
        ours,
        NBGRADER_AUTOGRADE_SECONDS,
        f"nbgrader autograde of a 3-test notebook ({NBGRADER_AUTOGRADE_SECONDS:g} s, measured once, checked in)",
        0.5,
        f"{why}: its figure is a constant",
    )


def help_over_otter(anchors: Path = bench_anchors.ANCHORS) -> Row:
    """``mlgrade --help`` in a fresh process against otter-grader's ``otter --version``, best of five."""
    command = [*_mlgrade_command(), "--help"]
    otter = bench_anchors.anchor_program("otter", "otter", anchors)

    def run(argv: list[str]) -> Callable[[], None]:
        def start() -> None:
            subprocess.run(argv, capture_output=True, check=True)

        return start

    note = "the issue's target: 100 ms"
    if otter is not None:
        try:
            ours, theirs = alternated(run(command), run([str(otter), "--version"]), repeats=5)
        except (OSError, subprocess.CalledProcessError) as error:
            why = f"otter --version failed ({error})"
        else:
            return Row(
                "mlgrade --help, a fresh process",
                ours,
                theirs,
                "otter --version, in this run",
                0.03,
                f"{ours * 1000:.0f} ms against {theirs * 1000:.0f} ms on this machine ({note})",
            )
    else:
        why = "otter is not installed (make bench installs it)"
    run(command)()
    ours = min(seconds(run(command)) for _ in range(5))
    return Row(
        "mlgrade --help, a fresh process",
        ours,
        OTTER_VERSION_SECONDS,
        f"otter --version ({OTTER_VERSION_SECONDS:g} s, measured once, checked in)",
        0.03,
        f"{ours * 1000:.0f} ms on this machine ({note}); {why}",
    )


def alternated(
    ours: Callable[[], object], theirs: Callable[[], object], repeats: int, warm_up: bool = True
) -> tuple[float, float]:
    """Best wall time of each side, the two taking turns, after one warm-up each (unless told not to)."""
    if warm_up:
        ours()
        theirs()
    best_ours = best_theirs = float("inf")
    for _ in range(repeats):
        best_ours = min(best_ours, seconds(ours))
        best_theirs = min(best_theirs, seconds(theirs))
    return best_ours, best_theirs


def batch_rows(submissions: int = 20) -> list[Row]:
    """``mlgrade batch`` of copies of the sample submission: ``--jobs 2`` against ``--jobs 1``."""
    with tempfile.TemporaryDirectory(prefix="mlgrade-bench-") as scratch:
        source = Path(scratch) / "submissions"
        for n in range(submissions):
            shutil.copytree(SAMPLE, source / f"candidate{n:02d}")

        def batch(jobs: int) -> None:
            out = Path(scratch) / f"results-{jobs}"
            shutil.rmtree(out, ignore_errors=True)
            run_batch(BatchOptions(source=source, out=out, jobs=jobs, progress="off"))

        two = seconds(lambda: batch(2))
        one = seconds(lambda: batch(1))
    per_minute = submissions / two * 60
    return [
        Row(
            f"mlgrade batch, {submissions} copies of the sample submission, --jobs 2",
            two,
            one,
            "--jobs 1",
            0.6,
            f"{per_minute:.1f} submissions a minute with --jobs 2 (the issue's target: 15)",
        )
    ]


def rows(batch_size: int = 20) -> Iterator[Row]:
    """The grader's rows, in print order, each measured when the previous one is printed."""
    with tempfile.TemporaryDirectory(prefix="mlgrade-bench-") as scratch:
        yield sandboxed_over_in_process(reference_submission(Path(scratch) / "references"))
    yield sample_over_target()
    yield from metrics_over_nbgrader()
    yield help_over_otter()
    if batch_size > 0:
        yield from batch_rows(batch_size)
