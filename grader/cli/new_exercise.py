"""``mlgrade new-exercise SLUG``: scaffold an exercise (folder, reference, fixtures) to edit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from grader.cli.commands import summary
from grader.cli.common import EXIT_OK


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    new = commands.add_parser("new-exercise", help=summary("new-exercise"))
    new.set_defaults(handler=command_new_exercise)
    new.add_argument("slug", help="the exercise's name: lowercase letters, digits and underscores")
    new.add_argument(
        "--into",
        type=Path,
        default=Path("."),
        metavar="BANK",
        help="the bank root to write into: the repository, or a private bank (default: here)",
    )
    new.add_argument("--title", default="", help="the exercise's title (default: from the slug)")


def command_new_exercise(options: argparse.Namespace) -> int:
    from grader.workflows.scaffold import scaffold

    written = scaffold(options.slug, options.into, title=options.title)
    root = options.into.resolve()
    for path in written:
        sys.stdout.write(f"  {path.resolve().relative_to(root)}\n")
    sys.stdout.write(
        f"mlgrade: exercise {options.slug} scaffolded in {root}; replace every TODO "
        "(docs/writing-an-exercise.md), then run the contract and fairness tests\n"
    )
    return EXIT_OK
