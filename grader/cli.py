"""The ``mlgrade`` command line.

Exit codes: 0 when grading ran (whatever the score), 1 when ``--min-score`` was set and not met,
2 for a usage or input error, with a one-line message and no traceback, 3 when a batch finished but
some submission could not be graded or its result could not be saved (each is a gradebook row with
its error), 130 when interrupted. Everything written to stderr is one line per message, starting
with ``mlgrade``: candidate text in it (a folder name, an archive's error) is cleaned first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import textwrap
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

from grader import __version__, banks, batch, gradescope_bundle, kit, mutants, showcase
from grader.errors import GraderError, UsageError
from grader.exercises import discover
from grader.render import FORMATS, render
from grader.render.gradescope import DEFAULT_VISIBILITY, VISIBILITIES
from grader.results import UNSAFE_ISOLATION_WARNING, unsafe_isolation
from grader.runner import GradeOptions, grade_submission, select_exercises
from grader.sanitize import clean_name, defuse_line, one_line

EXIT_OK, EXIT_BELOW_MIN_SCORE, EXIT_USAGE, EXIT_INCOMPLETE = 0, 1, 2, 3
LIST_WIDTH = 80


def warn(message: str) -> None:
    """One line on stderr, cleaned: never an escape sequence, never a ``::`` workflow command."""
    sys.stderr.write(defuse_line(one_line(message)) + "\n")


class Progress:
    """A one-line live display on stderr while grading (only on a terminal).

    Every exercise is on the line with its checks done and failed so far, and the line fits the
    terminal: names are shortened before anything is dropped. The runner reports each check as
    ``(slug, check, passed)`` and a finished exercise as ``(slug, "", None)``.
    """

    def __init__(self, enabled: bool, slugs: Sequence[str] = (), stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.slugs = list(slugs)
        self.checks = dict.fromkeys(self.slugs, 0)
        self.failed = dict.fromkeys(self.slugs, 0)
        self.finished: set[str] = set()
        self.stream = stream or sys.stderr
        self._drawn = 0
        self._lock = threading.Lock()

    def __call__(self, slug: str, check: str, passed: bool | None) -> None:
        if not self.enabled:
            return
        with self._lock:
            if slug not in self.checks:
                self.slugs.append(slug)
                self.checks[slug] = self.failed[slug] = 0
            if check:
                self.checks[slug] += 1
                self.failed[slug] += 0 if passed else 1
            else:
                self.finished.add(slug)
            width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
            line = self.line(width)
            self.stream.write("\r" + line.ljust(self._drawn))
            self._drawn = len(line)
            self.stream.flush()

    def line(self, width: int) -> str:
        """The progress line, at most ``width`` characters: words first, then shorter names."""
        head = f"grading {len(self.finished)}/{len(self.slugs)} done, {sum(self.failed.values())} failed |"
        wordy = " ".join([head, *(self._words(slug) for slug in self.slugs)])
        if len(wordy) <= width:
            return wordy
        longest = max((len(slug) for slug in self.slugs), default=0)
        for keep in range(longest, 0, -1):
            line = " ".join([head, *(self._token(slug, keep) for slug in self.slugs)])
            if len(line) <= width:
                return line
        return line[:width]

    def _words(self, slug: str) -> str:
        failed = f", {self.failed[slug]} failed" if self.failed[slug] else ""
        return f"{slug} {self.checks[slug]} checks{failed}{', done' if slug in self.finished else ''};"

    def _token(self, slug: str, keep: int) -> str:
        # "kmeans 12/3x ok": 12 checks run, 3 failed, finished.
        name = slug if len(slug) <= keep else slug[: max(1, keep - 1)] + "~"
        failed = f"/{self.failed[slug]}x" if self.failed[slug] else ""
        return f"{name} {self.checks[slug]}{failed}{' ok' if slug in self.finished else ''}"

    def finish(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()


def check_output(path: Path, *, folder: bool = False) -> None:
    """Refuse, before any grading, an output path that cannot be written (``UsageError``, one line)."""
    shown = clean_name(path)
    if folder and path.exists() and not path.is_dir():
        raise UsageError(f"{shown} exists and is not a folder; choose another --out.")
    if not folder and path.is_dir():
        raise UsageError(f"--output {shown} is a folder; give a file name.")
    ancestor = path.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise UsageError(f"Cannot write {shown}: {clean_name(ancestor)} is not a folder.")
    target = path if path.exists() else ancestor
    if not os.access(target, os.W_OK):
        raise UsageError(f"Cannot write {shown}: permission denied.")


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
    grade.add_argument("path", type=Path, help="the submission: a folder, a .zip or .tar.gz, or one .py/.ipynb")
    grade.add_argument("--exercise", action="append", default=[], metavar="SLUG",
                       help="grade only this exercise (repeatable)")
    grade.add_argument("--format", choices=sorted(FORMATS), default="text",
                       help="report format (default text)")
    grade.add_argument("-o", "--output", type=Path, help="write the report here instead of stdout")
    grade.add_argument("--min-score", type=float, metavar="PCT",
                       help="exit 1 unless the total score is at least PCT percent")
    grade.add_argument("--gradescope-visibility", choices=VISIBILITIES, default=DEFAULT_VISIBILITY,
                       help="when students see the hidden checks in the gradescope format "
                            f"(default {DEFAULT_VISIBILITY})")
    grade.add_argument("--jobs", type=int, default=1, help="exercises graded at once (default 1)")
    grade.add_argument("--isolation", choices=("auto", "bubblewrap", "process", "none"), default="auto",
                       help="auto: bubblewrap where it works, else process limits; none: UNSAFE, benchmarks only")

    commands.add_parser("list", help="list the exercises").set_defaults(handler=command_list)
    kit.add_commands(commands)
    batch.add_commands(commands)
    gradescope_bundle.add_commands(commands)
    mutants.add_commands(commands)
    banks.add_option(parser, commands)  # last: every subcommand above takes --bank PATH
    return parser


def command_grade(options: argparse.Namespace) -> int:
    if options.jobs < 1:
        raise UsageError(f"--jobs must be at least 1; got {options.jobs}.")
    if options.min_score is not None and not 0 <= options.min_score <= 100:
        raise UsageError(f"--min-score must be a percentage from 0 to 100; got {options.min_score:g}.")
    if not options.path.exists():
        raise UsageError(f"Submission {clean_name(options.path)} does not exist.")
    if options.output is not None:
        check_output(options.output)
    slugs = [exercise.slug for exercise in select_exercises(tuple(options.exercise))]
    progress = Progress(enabled=sys.stderr.isatty(), slugs=slugs)
    grade_options = GradeOptions(slugs=tuple(options.exercise), isolation=options.isolation, jobs=options.jobs)
    try:
        report = grade_submission(options.path, grade_options, progress)
        if options.format == "html":
            showcase.attach(report, options.path, options.isolation)
    finally:
        progress.finish()
    color = (options.output is None and options.format == "text" and sys.stdout.isatty()
             and not os.environ.get("NO_COLOR"))
    text = render(report, options.format, color=color, min_score=options.min_score,
                  gradescope_visibility=options.gradescope_visibility)
    if options.output is not None:
        try:
            options.output.parent.mkdir(parents=True, exist_ok=True)
            options.output.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"Cannot write {clean_name(options.output)}: {error.strerror or error}.") from None
    else:
        sys.stdout.write(text)
    unsafe = unsafe_isolation(report.isolation)
    if unsafe:
        warn("mlgrade: warning: " + UNSAFE_ISOLATION_WARNING.format(unsafe) + "; grade only code you trust this way")
    if options.min_score is not None and report.percent < options.min_score:
        warn(f"mlgrade: score {report.percent:.2f}% is below --min-score {options.min_score:g}%")
        return EXIT_BELOW_MIN_SCORE
    return EXIT_OK


def command_list(options: argparse.Namespace) -> int:
    """One exercise per entry, its summary wrapped under it: never wider than 80 columns."""
    for exercise in discover():
        head = f"{exercise.slug:<24} {exercise.points:>6g} pts  {exercise.difficulty}"
        sys.stdout.write(head[:LIST_WIDTH].rstrip() + "\n")
        for line in textwrap.wrap(exercise.summary, LIST_WIDTH, initial_indent="    ", subsequent_indent="    "):
            sys.stdout.write(line + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    options = parser.parse_args(argv)
    try:
        code: int = options.handler(options)
        return code
    except GraderError as error:
        warn(f"mlgrade: {error}")
        return EXIT_USAGE
    except OSError as error:  # a file the grader needed could not be read or written: say which, in one line
        where = f"{error.filename}: " if error.filename else ""
        warn(f"mlgrade: {where}{error.strerror or error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        warn("mlgrade: interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
