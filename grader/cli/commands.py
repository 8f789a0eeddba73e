"""The subcommands by name: which module defines each, and the line ``mlgrade --help`` gives it.

Kept apart from the modules so that ``mlgrade --help`` (and a mistyped command) can be answered
without importing any of them; a subcommand's module is imported only when that subcommand runs.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing is a tenth of `mlgrade --help`; mypy reads it alike
if TYPE_CHECKING:
    from collections.abc import Sequence


class Command:
    """A subcommand: its name, its module under ``grader.cli``, and its line in ``mlgrade --help``."""

    __slots__ = ("module", "name", "summary")

    def __init__(self, name: str, module: str, summary: str) -> None:
        self.name, self.module, self.summary = name, module, summary


# In the order ``mlgrade --help`` lists them.
COMMANDS = (
    Command("grade", "grade", "grade a submission (folder, .zip or .tar.gz)"),
    Command("list", "listing", "list the exercises"),
    Command("kit", "kit", "write the candidate kit (a folder, or a .zip)"),
    Command("ci-template", "ci", "write a CI workflow that grades a take-home repository"),
    Command("render", "ci", "render a saved JSON report in another format"),
    Command("batch", "batch", "grade every submission (subfolder or archive) of a folder"),
    Command("gradebook", "batch", "merge result folders (from several machines) into one gradebook"),
    Command("gradescope-autograder", "gradescope", "write the autograder zip for Gradescope"),
    Command("mutants", "mutants", "mutation score of exercises' hidden suites"),
    Command("new-exercise", "new_exercise", "scaffold a new exercise that passes the contract tests"),
)
MODULES = tuple(dict.fromkeys(command.module for command in COMMANDS))
# Options the program itself takes before the subcommand, and whether each takes a value.
PROGRAM_OPTIONS = {"--bank": True, "--version": False, "--help": False}


def summary(name: str) -> str:
    """The one-line help of subcommand ``name``."""
    return next(command.summary for command in COMMANDS if command.name == name)


def named_command(argv: Sequence[str]) -> Command | None:
    """The subcommand ``argv`` names, as argparse would find it; ``None`` for none or an unknown one.

    Skips the program's own options, and the value of ``--bank PATH`` (argparse also accepts a
    long option shortened to any unambiguous prefix, such as ``--ba PATH``).
    """
    arguments = iter(argv)
    for argument in arguments:
        if argument == "--":
            argument = next(arguments, "")
        elif argument.startswith("-"):
            option, has_value = argument.partition("=")[0], "=" in argument
            matches = [name for name in PROGRAM_OPTIONS if name.startswith(option)] if option.startswith("--") else []
            if len(matches) == 1 and PROGRAM_OPTIONS[matches[0]] and not has_value:
                next(arguments, None)
            continue
        return next((command for command in COMMANDS if command.name == argument), None)
    return None
