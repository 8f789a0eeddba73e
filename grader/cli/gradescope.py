"""``mlgrade gradescope-autograder``: the zip Gradescope builds its grading image from."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from grader.cli.commands import summary
from grader.cli.common import check_jobs
from grader.cli.grade import DEFAULT_VISIBILITY, VISIBILITIES
from grader.core.errors import GraderError, UsageError


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``gradescope-autograder``; it sets ``handler`` (options -> exit code)."""
    bundle = commands.add_parser("gradescope-autograder", help=summary("gradescope-autograder"))
    bundle.set_defaults(handler=command_bundle)
    bundle.add_argument("-o", "--out", type=Path, required=True, metavar="PATH", help="the zip to write (ends in .zip)")
    bundle.add_argument(
        "--exercise",
        action="append",
        default=[],
        metavar="SLUG",
        help="grade only this exercise (repeatable; default: every exercise)",
    )
    bundle.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="exercises graded at once on Gradescope (default 1; give the autograder "
        "one CPU and about 2 GB of memory per job)",
    )
    bundle.add_argument(
        "--visibility",
        choices=VISIBILITIES,
        default=DEFAULT_VISIBILITY,
        help="when students see the hidden checks' names and messages (default %(default)s; "
        "the total score is always visible)",
    )
    bundle.add_argument(
        "--wheel",
        type=Path,
        metavar="PATH",
        help="the mlgrade wheel to install (default: this mlgrade, built or packed again)",
    )
    bundle.add_argument("--force", action="store_true", help="overwrite an existing file")


def command_bundle(options: argparse.Namespace) -> int:
    from grader.core.exercises import find
    from grader.workflows import wheel
    from grader.workflows.gradescope_bundle import bundle_files, write_zip

    out: Path = options.out
    if out.suffix.lower() != ".zip":
        raise UsageError(f"--out should end in .zip; got {out}.")
    if out.exists() and not options.force:
        raise UsageError(f"{out} already exists; pass --force to overwrite it.")
    check_jobs(options.jobs)
    if options.wheel is not None and not (options.wheel.is_file() and options.wheel.suffix == ".whl"):
        raise UsageError(f"--wheel {options.wheel} is not a wheel file.")
    selected = [find(slug) for slug in dict.fromkeys(options.exercise)]
    with tempfile.TemporaryDirectory(prefix="mlgrade-bundle-") as scratch:
        built = options.wheel or wheel.current_wheel(Path(scratch))
        files = bundle_files(selected, built, options.jobs, options.visibility)
        try:
            write_zip(files, out)
        except OSError as error:
            raise GraderError(f"Cannot write {out}: {error.strerror or error}.") from None
    graded = ", ".join(e.slug for e in selected) if selected else "every exercise"
    sys.stdout.write(f"mlgrade: Gradescope autograder written to {out} ({graded}; {built.name})\n")
    return 0
