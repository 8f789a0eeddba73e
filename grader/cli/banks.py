"""``--bank PATH`` on every subcommand: private banks of exercises, checked as soon as they are read."""

from __future__ import annotations

import argparse

from grader.core.errors import ConfigurationError

# Not typing.TYPE_CHECKING: importing typing is a tenth of `mlgrade --help`; mypy reads the name alike.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any


class BankAction(argparse.Action):
    """``--bank PATH``: checked as soon as it is read, then exported (see ``use``)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from pathlib import Path  # imported when used, like the banks: `mlgrade --help` stays quick

        try:
            from grader.core.banks import use

            use([str(values)])
        except ConfigurationError as error:
            parser.error(str(error))
        banks = list(getattr(namespace, self.dest, None) or [])
        setattr(namespace, self.dest, [*banks, Path(str(values))])


def add_option(parsers: Iterable[argparse.ArgumentParser]) -> None:
    """Give each of ``parsers`` (the program and its subcommands) the ``--bank PATH`` option."""
    for target in dict.fromkeys(parsers):  # once each, however many names a subcommand has
        target.add_argument(
            "--bank",
            action=BankAction,
            metavar="PATH",
            default=argparse.SUPPRESS,
            help="add a private bank of exercises (repeatable; also MLGRADE_BANK)",
        )
