"""The ``mlgrade`` command line.

Exit codes: 0 when grading ran (whatever the score), 1 when ``--min-score`` was set and not met,
2 for a usage or input error, with a one-line message and no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from grader import __version__, banks, batch, gradescope_bundle, kit, showcase
from grader.errors import GraderError, UsageError
from grader.exercises import discover
from grader.render import FORMATS, render
from grader.runner import GradeOptions, grade_submission

EXIT_OK, EXIT_BELOW_MIN_SCORE, EXIT_USAGE = 0, 1, 2


class Progress:
    """A one-line live display on stderr while grading (only on a terminal)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.done: dict[str, int] = {}
        self.failed: dict[str, int] = {}
        self._lock = threading.Lock()

    def __call__(self, slug: str, check: str, passed: bool | None) -> None:
        if not self.enabled:
            return
        with self._lock:
            self.done[slug] = self.done.get(slug, 0) + 1
            self.failed[slug] = self.failed.get(slug, 0) + (0 if passed else 1)
            parts = [f"{s} {n}" + (f" ({self.failed[s]} failed)" if self.failed[s] else "")
                     for s, n in sorted(self.done.items())]
            line = "grading: " + ", ".join(parts)
            sys.stderr.write("\r" + line[:79].ljust(79))
            sys.stderr.flush()

    def finish(self) -> None:
        if self.enabled and self.done:
            sys.stderr.write("\r" + " " * 79 + "\r")
            sys.stderr.flush()


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr (exit 2), not the whole usage text."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mlgrade", description="Grade machine-learning coding exercises.")
    parser.add_argument("--version", action="version", version=f"mlgrade {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    grade = commands.add_parser("grade", help="grade a submission (folder, .zip or .tar.gz)")
    grade.set_defaults(handler=command_grade)
    grade.add_argument("path", type=Path)
    grade.add_argument("--exercise", action="append", default=[], metavar="SLUG",
                       help="grade only this exercise (repeatable)")
    grade.add_argument("--format", choices=sorted(FORMATS), default="text")
    grade.add_argument("-o", "--output", type=Path, help="write the report here instead of stdout")
    grade.add_argument("--min-score", type=float, metavar="PCT",
                       help="exit 1 unless the total score is at least PCT percent")
    grade.add_argument("--jobs", type=int, default=1, help="exercises graded at once (default 1)")
    grade.add_argument("--isolation", choices=("auto", "bubblewrap", "process", "none"), default="auto",
                       help="auto: bubblewrap where it works, else process limits; none: UNSAFE, benchmarks only")

    commands.add_parser("list", help="list the exercises").set_defaults(handler=command_list)
    kit.add_commands(commands)
    batch.add_commands(commands)
    gradescope_bundle.add_commands(commands)
    banks.add_option(parser, commands)  # last: every subcommand above takes --bank PATH
    return parser


def command_grade(options: argparse.Namespace) -> int:
    if options.jobs < 1:
        raise UsageError(f"--jobs must be at least 1; got {options.jobs}.")
    if options.min_score is not None and not 0 <= options.min_score <= 100:
        raise UsageError(f"--min-score must be a percentage from 0 to 100; got {options.min_score:g}.")
    if not options.path.exists():
        raise UsageError(f"Submission {options.path} does not exist.")
    progress = Progress(enabled=sys.stderr.isatty())
    grade_options = GradeOptions(slugs=tuple(options.exercise), isolation=options.isolation, jobs=options.jobs)
    try:
        report = grade_submission(options.path, grade_options, progress)
        if options.format == "html":
            showcase.attach(report, options.path, options.isolation)
    finally:
        progress.finish()
    color = (options.output is None and options.format == "text" and sys.stdout.isatty()
             and not os.environ.get("NO_COLOR"))
    text = render(report, options.format, color=color)
    if options.output is not None:
        options.output.parent.mkdir(parents=True, exist_ok=True)
        options.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if options.min_score is not None and report.percent < options.min_score:
        sys.stderr.write(f"mlgrade: score {report.percent:.1f}% is below --min-score {options.min_score:g}%\n")
        return EXIT_BELOW_MIN_SCORE
    return EXIT_OK


def command_list(options: argparse.Namespace) -> int:
    for exercise in discover():
        sys.stdout.write(f"{exercise.slug:<24} {exercise.points:>5g} pts  {exercise.difficulty:<6}  "
                         f"{exercise.summary}\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    options = parser.parse_args(argv)
    try:
        code: int = options.handler(options)
        return code
    except GraderError as error:
        sys.stderr.write(f"mlgrade: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("mlgrade: interrupted\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
