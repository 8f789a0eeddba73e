"""``make bench``: side-by-side ratios taken in one run.

Rows come from each exercise's ``benchmark.py`` (``comparisons()``: the reference against
scikit-learn), and from the grader itself (``bench_grading``: sandboxed against in-process grading,
the sample submission, a cohort with two jobs against one, the command line's start). Each exercise
row alternates the two sides and keeps the best time of each, so the ratio compares like with like on
whatever machine runs it.
"""

from __future__ import annotations

import argparse
import sys

from grader.core.bench import Comparison
from grader.core.exercises import Exercise, discover, load_module
from grader.workflows import bench_grading


def best_times(comparison: Comparison, repeats: int, warm_up: bool = True) -> tuple[float, float]:
    """Best wall time of ``ours`` and of ``baseline``, alternating, after one warm-up each."""
    return bench_grading.alternated(comparison.ours, comparison.baseline, repeats, warm_up)


def exercise_comparisons(exercise: Exercise) -> list[Comparison]:
    path = exercise.folder / "benchmark.py"
    if not path.is_file():
        return []
    comparisons: list[Comparison] = load_module(path, f"mlgrade_benchmark_{exercise.slug}").comparisons()
    return comparisons


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
    parser.add_argument("--skip-exercises", action="store_true", help="only the grading rows")
    parser.add_argument(
        "--batch", type=int, default=20, metavar="N", help="submissions in the batch row (0 leaves it out)"
    )
    options = parser.parse_args(argv)
    print("mlgrade benchmarks: ratios from one run (lower is faster for the first side)\n")
    for exercise in [] if options.skip_exercises else discover():
        for comparison in exercise_comparisons(exercise):
            print_row(comparison, *best_times(comparison, options.repeats))
    if not options.skip_grading:
        for row in bench_grading.rows(options.batch):
            print(row.text(), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
