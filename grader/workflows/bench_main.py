"""``make bench``: side-by-side ratios taken in one run.

Rows come from each exercise's ``benchmark.py`` (``comparisons()``: the reference against
scikit-learn), from the batch grader, and from the grader itself: grading a complete correct
submission in the sandbox against the same suites run in-process. Each row alternates the two sides
and keeps the best time of each, so the ratio compares like with like on whatever machine runs it.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from grader.core.bench import Comparison
from grader.core.exercises import Exercise, discover, load_module
from grader.grading.runner import GradeOptions, grade_submission


def best_times(comparison: Comparison, repeats: int, warm_up: bool = True) -> tuple[float, float]:
    """Best wall time of ``ours`` and of ``baseline``, alternating, after one warm-up each."""
    if warm_up:
        comparison.ours()
        comparison.baseline()
    ours = baseline = float("inf")
    for _ in range(repeats):
        ours = min(ours, _seconds(comparison.ours))
        baseline = min(baseline, _seconds(comparison.baseline))
    return ours, baseline


def _seconds(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def exercise_comparisons(exercise: Exercise) -> list[Comparison]:
    path = exercise.folder / "benchmark.py"
    if not path.is_file():
        return []
    comparisons: list[Comparison] = load_module(path, f"mlgrade_benchmark_{exercise.slug}").comparisons()
    return comparisons


def reference_submission(folder: Path) -> Path:
    """A complete correct submission: every reference solution under its exercise's name."""
    for exercise in discover():
        shutil.copyfile(exercise.reference_path, folder / f"{exercise.slug}.py")
    return folder


def grading_comparison(folder: Path, jobs: int) -> tuple[Comparison, dict[str, float]]:
    """Sandboxed grading against the same suites run in-process; also records the sandboxed wall time."""
    recorded: dict[str, float] = {}

    def sandboxed() -> None:
        started = time.perf_counter()
        report = grade_submission(folder, GradeOptions(isolation="auto", jobs=jobs))
        recorded["seconds"] = time.perf_counter() - started
        recorded["percent"] = report.percent
        recorded["isolation_" + report.isolation] = 1.0

    def in_process() -> None:
        grade_submission(folder, GradeOptions(isolation="none", jobs=jobs))

    name = f"mlgrade grade, all references, --jobs {jobs}: sandboxed / in-process"
    return Comparison(name, sandboxed, in_process, target=1.3, baseline_name="in-process"), recorded


def print_row(comparison: Comparison, ours: float, baseline: float) -> None:
    ratio = ours / baseline if baseline > 0 else float("inf")
    verdict = "meets" if ratio <= comparison.target else "misses"
    print(
        f"{comparison.name}\n    ratio {ratio:6.2f} against {comparison.baseline_name} "
        f"(target <= {comparison.target:g}: {verdict})",
        flush=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.workflows.bench_main")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-grading", action="store_true", help="only the exercise rows")
    options = parser.parse_args(argv)
    print("mlgrade benchmarks: ratios from one run (lower is faster for the first side)\n")
    for exercise in discover():
        for comparison in exercise_comparisons(exercise):
            print_row(comparison, *best_times(comparison, options.repeats))
    if not options.skip_grading:
        with tempfile.TemporaryDirectory(prefix="mlgrade-bench-") as scratch:
            comparison, recorded = grading_comparison(reference_submission(Path(scratch)), jobs=2)
            ours, baseline = best_times(comparison, repeats=1, warm_up=False)
            print_row(comparison, ours, baseline)
            isolation = next((k.removeprefix("isolation_") for k in recorded if k.startswith("isolation_")), "?")
            print(
                f"    sandboxed grading ({isolation}) of the complete correct submission took "
                f"{recorded['seconds']:.0f} s on this machine and scored {recorded['percent']:.1f}%"
            )
        batch_rows = _batch_comparisons()
        for comparison in batch_rows:
            print_row(comparison, *best_times(comparison, repeats=1, warm_up=False))
    return 0


def _batch_comparisons() -> list[Comparison]:
    from grader.workflows import batch

    rows: Callable[[], list[Comparison]] | None = getattr(batch, "bench_comparisons", None)
    return rows() if rows is not None else []


if __name__ == "__main__":
    sys.exit(main())
