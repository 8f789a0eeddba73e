"""``mlgrade kit``: write the candidate kit (statements, stubs, notebooks, self-checks)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from grader.cli.commands import summary
from grader.core.errors import GraderError


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Register this module's subcommands; each sets ``handler`` (options -> exit code)."""
    kit = commands.add_parser("kit", help=summary("kit"))
    kit.set_defaults(handler=command_kit)
    kit.add_argument(
        "--exercise",
        action="append",
        default=[],
        metavar="SLUG",
        help="put only this exercise in the kit (repeatable; default: all)",
    )
    kit.add_argument(
        "-o", "--out", type=Path, required=True, metavar="PATH", help="a new or empty folder, or a file ending in .zip"
    )


def command_kit(options: argparse.Namespace) -> int:
    from grader.core.exercises import discover, find
    from grader.workflows.kit import build_kit, write_folder, write_zip

    exercises = [find(slug) for slug in dict.fromkeys(options.exercise)] or discover()
    if not exercises:
        raise GraderError("There are no exercises to put in the kit.")
    files = build_kit(exercises)
    out: Path = options.out
    try:
        if out.suffix.lower() == ".zip":
            write_zip(files, out, top=out.stem)
        else:
            write_folder(files, out)
    except OSError as error:
        raise GraderError(f"Cannot write the kit to {out}: {error.strerror or error}.") from None
    sys.stdout.write(f"mlgrade: kit of {len(exercises)} exercise(s) written to {out}\n")
    return 0
