"""Where exercises come from: the bundled bank, private banks, and the tests' toy bank.

A *bank* is a folder laid out like this repository's own exercises::

    BANK/
      exercises/<slug>/exercise.toml   the exercise (statement, stub, public tests, grading/ ...)
      reference/<slug>.py              its reference solution
      datasets/<name>.csv              optional: real datasets its suites load ...
      datasets/SHA256SUMS              ... each listed with its digest (``sha256sum`` format)

The *bundled* bank ships with mlgrade. In a source checkout it is the repository's ``exercises/``,
``reference/`` and ``datasets/``; in an installed wheel it is the same files, installed as package
data under ``grader/bank/`` (see ``pyproject.toml``). ``MLGRADE_EXERCISES`` and ``MLGRADE_REFERENCE``
replace it (the engine's tests grade a toy bank that way).

*Private* banks are added with ``--bank PATH`` (any subcommand, repeatable) or ``MLGRADE_BANK``
(paths joined with ``os.pathsep``). ``--bank`` is written into ``MLGRADE_BANK`` while the command
runs, so the judge processes that ``mlgrade grade`` starts find the same exercises.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from grader.core.errors import ConfigurationError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PACKAGED = Path(__file__).resolve().parents[1] / "bank"
BANK_VARIABLE = "MLGRADE_BANK"
EXERCISES_VARIABLE = "MLGRADE_EXERCISES"
REFERENCE_VARIABLE = "MLGRADE_REFERENCE"
# Every variable that decides which exercises exist: read when a bank is looked up, never at import.
BANK_VARIABLES = (EXERCISES_VARIABLE, REFERENCE_VARIABLE, BANK_VARIABLE)


@dataclass(frozen=True)
class Bank:
    """One bank's folders; ``private`` banks never leave the interviewer's hands (no kit content)."""

    exercises: Path
    reference: Path
    datasets: Path
    private: bool = False


def bundled() -> Bank:
    """The bank that ships with mlgrade (or the one ``MLGRADE_EXERCISES`` puts in its place)."""
    base = PACKAGED if (PACKAGED / "exercises").is_dir() else PROJECT_ROOT
    exercises = Path(os.environ.get(EXERCISES_VARIABLE, base / "exercises")).resolve()
    reference = Path(os.environ.get(REFERENCE_VARIABLE, base / "reference")).resolve()
    return Bank(exercises=exercises, reference=reference, datasets=(base / "datasets").resolve())


def private() -> list[Bank]:
    """The private banks named by ``MLGRADE_BANK``, in order, each checked for its layout."""
    roots: dict[Path, None] = {}
    for entry in os.environ.get(BANK_VARIABLE, "").split(os.pathsep):
        if entry.strip():
            roots[checked_root(entry.strip(), f"in {BANK_VARIABLE}")] = None
    return [
        Bank(exercises=root / "exercises", reference=root / "reference", datasets=root / "datasets", private=True)
        for root in roots
    ]


def every() -> list[Bank]:
    """The bundled bank first, then the private ones."""
    return [bundled(), *private()]


def checked_root(path: str, origin: str) -> Path:
    """``path`` resolved, when it is a folder holding ``exercises/``; else a one-line error."""
    root = Path(path).expanduser().resolve()
    if not root.is_dir():
        raise ConfigurationError(f"Bank {path} ({origin}) is not a folder.")
    if not (root / "exercises").is_dir():
        raise ConfigurationError(
            f"Bank {path} ({origin}) has no exercises/ folder; a bank holds "
            "exercises/<slug>/exercise.toml and reference/<slug>.py."
        )
    return root


def use(paths: list[str]) -> None:
    """Add banks for this process and the processes it starts (through ``MLGRADE_BANK``)."""
    known = [entry for entry in os.environ.get(BANK_VARIABLE, "").split(os.pathsep) if entry]
    for path in paths:
        root = str(checked_root(path, "from --bank"))
        if root not in known:
            known.append(root)
    os.environ[BANK_VARIABLE] = os.pathsep.join(known)
