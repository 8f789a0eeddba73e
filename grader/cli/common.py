"""What every subcommand shares: exit codes, one-line messages, option checks made once, output."""

from __future__ import annotations

import argparse
import os
import sys

from grader.core.errors import UsageError

# Not typing.TYPE_CHECKING: importing typing is a tenth of `mlgrade --help`; mypy reads the name alike.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import NoReturn

# pathlib and grader.core.sanitize (re, dataclasses) are imported where used: `mlgrade --help` only
# builds the parser, and each import here is a share of its start.

EXIT_OK, EXIT_BELOW_MIN_SCORE, EXIT_USAGE, EXIT_INCOMPLETE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
ISOLATIONS = ("auto", "bubblewrap", "process", "none")


def warn(message: str) -> None:
    """One line on stderr, cleaned: never an escape sequence, never a ``::`` workflow command."""
    from grader.core.sanitize import defuse_line, one_line

    sys.stderr.write(defuse_line(one_line(message)) + "\n")


def check_output(path: Path, *, folder: bool = False) -> None:
    """Refuse, before any grading, an output path that cannot be written (``UsageError``, one line)."""
    from grader.core.sanitize import clean_name

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


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line on stderr (exit 2), not the whole usage text."""

    def error(self, message: str) -> NoReturn:
        # argparse quotes some arguments with repr, but "unrecognized arguments" joins them as typed:
        # one with a newline would start a line of its own (a ``::`` workflow command in CI).
        warn(f"{self.prog}: {message} (see {self.prog} --help)")
        self.exit(EXIT_USAGE)


def check_jobs(jobs: int) -> None:
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1; got {jobs}.")


def check_min_score(min_score: float | None) -> None:
    if min_score is not None and not 0 <= min_score <= 100:
        raise UsageError(f"--min-score must be a percentage from 0 to 100; got {min_score:g}.")


def wants_color(output: Path | None, fmt: str) -> bool:
    """Colour only for a text report on a terminal, and never with a non-empty ``NO_COLOR``."""
    return output is None and fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def write_report(text: str, output: Path | None) -> None:
    """The report on stdout, or in ``output`` (its folder made); a failure is one line."""
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        from grader.core.sanitize import clean_name

        raise UsageError(f"Cannot write {clean_name(output)}: {error.strerror or error}.") from None
