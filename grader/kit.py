"""The candidate kit and CI templates (``mlgrade kit``, ``mlgrade ci-template``): see issue 8."""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Register this module's subcommands; each sets ``handler`` (options -> exit code)."""
