"""Batch grading and the gradebook (``mlgrade batch``, ``mlgrade gradebook``): see issue 9."""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Register this module's subcommands; each sets ``handler`` (options -> exit code)."""
