"""``mlgrade list``: the exercises, one entry each, never wider than 80 columns."""

from __future__ import annotations

import argparse
import sys
import textwrap
from typing import Any

from grader.cli.commands import summary
from grader.cli.common import EXIT_OK

LIST_WIDTH = 80


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    commands.add_parser("list", help=summary("list")).set_defaults(handler=command_list)


def command_list(options: argparse.Namespace) -> int:
    """One exercise per entry, its summary wrapped under it: never wider than 80 columns."""
    from grader.core.exercises import discover

    for exercise in discover():
        head = f"{exercise.slug:<24} {exercise.points:>6g} pts  {exercise.difficulty}"
        sys.stdout.write(head[:LIST_WIDTH].rstrip() + "\n")
        for line in textwrap.wrap(exercise.summary, LIST_WIDTH, initial_indent="    ", subsequent_indent="    "):
            sys.stdout.write(line + "\n")
    return EXIT_OK
