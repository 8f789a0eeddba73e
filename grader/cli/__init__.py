"""The ``mlgrade`` command line: one module per subcommand, shared options checked once (``common``).

Exit codes: 0 when grading ran (whatever the score), 1 when ``--min-score`` was set and not met,
2 for a usage or input error, with a one-line message and no traceback, 3 when a batch finished but
some submission could not be graded or its result could not be saved (each is a gradebook row with
its error), 130 when interrupted. Everything written to stderr is one line per message, starting
with ``mlgrade``: candidate text in it (a folder name, an archive's error) is cleaned first.

Only the module of the subcommand being run is imported (``commands`` names them all), and
subcommand modules import the heavy parts of the engine (pytest, NumPy, scikit-learn) inside their
handlers, so ``mlgrade --help`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from grader import __version__
from grader.cli import banks
from grader.cli.commands import COMMANDS, MODULES, named_command
from grader.cli.common import EXIT_INTERRUPTED, EXIT_USAGE, Parser, warn
from grader.core.errors import GraderError


def build_parser(modules: Sequence[str] = MODULES) -> argparse.ArgumentParser:
    """The command line, with the subcommands of ``modules`` complete (by default all of them).

    Any other subcommand is there by name and summary only, so ``mlgrade --help`` lists them all, and
    a mistyped one is told the choices, without importing their modules.
    """
    parser = Parser(prog="mlgrade", description="Grade machine-learning coding exercises.")
    parser.add_argument("--version", action="version", version=f"mlgrade {__version__}")
    # prog given: argparse would otherwise build a help formatter (and import shutil) to work it out.
    commands = parser.add_subparsers(dest="command", required=True, prog="mlgrade")
    complete: list[argparse.ArgumentParser] = []
    for command in COMMANDS:  # in the table's order, the order the listing shows
        if command.name in commands.choices:
            continue
        if command.module in modules:  # registers every subcommand of its module (each module's are adjacent)
            before = set(commands.choices)
            importlib.import_module(f"grader.cli.{command.module}").add_commands(commands)
            complete += [choice for name, choice in commands.choices.items() if name not in before]
        else:  # by name only: never parsed with (see main), so no options
            commands.add_parser(command.name, help=command.summary, add_help=False)
    banks.add_option([parser, *complete])  # every complete subcommand takes --bank PATH
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    named = named_command(arguments)
    parser = build_parser([named.module] if named is not None else [])
    if named is None:
        # No command, an unknown one, --help or --version: told (and exited) here. Should argparse find a
        # command the scan did not, that command is parsed again below, with every module loaded.
        parser.parse_known_args(arguments)
        parser = build_parser()
    options = parser.parse_args(arguments)
    try:
        code: int = options.handler(options)
        return code
    except GraderError as error:
        warn(f"mlgrade: {error}")
        return EXIT_USAGE
    except BrokenPipeError:  # ``mlgrade list | head``: the reader has gone, nothing more to say
        sys.stderr.close()
        return 0
    except OSError as error:  # a file the grader needed could not be read or written: say which, in one line
        where = f"{error.filename}: " if error.filename else ""
        warn(f"mlgrade: {where}{error.strerror or error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        warn("mlgrade: interrupted")
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
