"""``mlgrade grade PATH``: grade one submission and print or write its report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from grader.cli.commands import summary
from grader.cli.common import (
    EXIT_BELOW_MIN_SCORE,
    EXIT_OK,
    ISOLATIONS,
    check_jobs,
    check_min_score,
    check_output,
    wants_color,
    warn,
    write_report,
)
from grader.cli.progress import Progress
from grader.core.errors import UsageError
from grader.core.sanitize import clean_name

FORMAT_NAMES = ("gradescope", "html", "json", "junit", "markdown", "text")
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
DEFAULT_VISIBILITY = "after_published"


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    grade = commands.add_parser("grade", help=summary("grade"))
    grade.set_defaults(handler=command_grade)
    grade.add_argument("path", type=Path, help="the submission: a folder, a .zip or .tar.gz, or one .py/.ipynb")
    grade.add_argument(
        "--exercise", action="append", default=[], metavar="SLUG", help="grade only this exercise (repeatable)"
    )
    grade.add_argument("--format", choices=FORMAT_NAMES, default="text", help="report format (default text)")
    grade.add_argument("-o", "--output", type=Path, help="write the report here instead of stdout")
    grade.add_argument(
        "--min-score", type=float, metavar="PCT", help="exit 1 unless the total score is at least PCT percent"
    )
    grade.add_argument(
        "--gradescope-visibility",
        choices=VISIBILITIES,
        default=DEFAULT_VISIBILITY,
        help=f"when students see the hidden checks in the gradescope format (default {DEFAULT_VISIBILITY})",
    )
    grade.add_argument("--jobs", type=int, default=1, help="exercises graded at once (default 1)")
    grade.add_argument(
        "--isolation",
        choices=ISOLATIONS,
        default="auto",
        help="auto: bubblewrap where it works, else process limits; none: UNSAFE, benchmarks only",
    )


def command_grade(options: argparse.Namespace) -> int:
    check_jobs(options.jobs)
    check_min_score(options.min_score)
    if not options.path.exists():
        raise UsageError(f"Submission {clean_name(options.path)} does not exist.")
    if options.output is not None:
        check_output(options.output)
    # Imported once the input is known to be usable: a mistyped path is told at once, not after NumPy.
    from grader.core.results import UNSAFE_ISOLATION_WARNING, unsafe_isolation
    from grader.grading import warm_judge
    from grader.grading.runner import GradeOptions, grade_submission, select_exercises
    from grader.reports import render

    slugs = [exercise.slug for exercise in select_exercises(tuple(options.exercise))]
    progress = Progress(enabled=sys.stderr.isatty(), slugs=slugs)
    grade_options = GradeOptions(slugs=tuple(options.exercise), isolation=options.isolation, jobs=options.jobs)
    try:
        with warm_judge.starting_servers(len(slugs) > 1):  # one judge: a warm server would only delay it
            report = grade_submission(options.path, grade_options, progress)
            if options.format == "html":
                from grader.grading import showcase  # NumPy and Hypothesis: only the HTML page draws inputs

                showcase.attach(report, options.path, options.isolation)
    finally:
        progress.finish()
    text = render(
        report,
        options.format,
        color=wants_color(options.output, options.format),
        min_score=options.min_score,
        gradescope_visibility=options.gradescope_visibility,
    )
    write_report(text, options.output)
    unsafe = unsafe_isolation(report.isolation)
    if unsafe:
        warn("mlgrade: warning: " + UNSAFE_ISOLATION_WARNING.format(unsafe) + "; grade only code you trust this way")
    if options.min_score is not None and report.percent < options.min_score:
        warn(f"mlgrade: score {report.percent:.2f}% is below --min-score {options.min_score:g}%")
        return EXIT_BELOW_MIN_SCORE
    return EXIT_OK
