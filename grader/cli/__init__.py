"""The ``mlgrade`` command line: one module per subcommand, shared options checked once (``common``).

Exit codes: 0 when grading ran (whatever the score), 1 when ``--min-score`` was set and not met,
2 for a usage or input error, with a one-line message and no traceback, 3 when a batch finished but
some submission could not be graded or its result could not be saved (each is a gradebook row with
its error), 130 when interrupted. Everything written to stderr is one line per message, starting
with ``mlgrade``: candidate text in it (a folder name, an archive's error) is cleaned first.

Subcommand modules import the heavy parts of the engine (pytest, NumPy, scikit-learn) inside their
handlers, so ``mlgrade --help`` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from grader import __version__
from grader.cli import banks, batch, ci, grade, gradescope, kit, listing, mutants, new_exercise
from grader.cli.common import EXIT_INTERRUPTED, EXIT_USAGE, Parser, warn
from grader.core.errors import GraderError


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="mlgrade", description="Grade machine-learning coding exercises.")
    parser.add_argument("--version", action="version", version=f"mlgrade {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in (grade, listing, kit, ci, batch, gradescope, mutants, new_exercise):
        module.add_commands(commands)
    banks.add_option(parser, commands)  # last: every subcommand above takes --bank PATH
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    options = parser.parse_args(argv)
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
