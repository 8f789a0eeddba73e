"""The other graders ``make bench`` compares with: nbgrader and otter-grader, each in a venv of its own.

``make bench`` installs them from the package registry into ``.venv-anchors/<name>``
(``bench/anchors/requirements-<name>.txt``, versions pinned), so that the rows against them are ratios
taken in one run on one machine. Where they could not be installed (no registry), the rows fall back
on figures measured once on the project's 2-core machine, and say so.

nbgrader's side is its usual workflow on a course kept under ``bench/anchors/nbgrader``: the assignment
is released once (``generate_assignment``), a student's notebook (the solution) is submitted, and each
timed run is one ``nbgrader autograde``, whose grades are read back: an anchor that failed to grade
would time the wrong thing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from grader.core.exercises import PROJECT_ROOT

ANCHORS = PROJECT_ROOT / ".venv-anchors"
COURSE = PROJECT_ROOT / "bench" / "anchors" / "nbgrader"
ASSIGNMENT = "ps1"
STUDENT = "student1"


class AnchorFailed(RuntimeError):
    """An anchor tool ran but did not do what its row times."""


def anchor_program(venv: str, program: str, anchors: Path = ANCHORS) -> Path | None:
    """``program`` of the anchor venv ``venv``, or ``None`` where it was not installed."""
    path = anchors / venv / "bin" / program
    return path if path.is_file() and os.access(path, os.X_OK) else None


class NbgraderCourse:
    """A scratch copy of the bench's course: the assignment released, one student's notebook submitted."""

    def __init__(self, nbgrader: Path, scratch: Path, course: Path = COURSE) -> None:
        self.nbgrader = nbgrader
        self.root = scratch / "course"
        shutil.copytree(course, self.root)
        # nbgrader runs its database migrations as ``alembic``, found on PATH: its venv's bin comes first.
        self.env = dict(os.environ, PATH=os.pathsep.join([str(nbgrader.parent), os.environ.get("PATH", "")]))
        self._run("generate_assignment", ASSIGNMENT, "--force")
        submitted = self.root / "submitted" / STUDENT / ASSIGNMENT
        submitted.mkdir(parents=True)
        source = self.root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        shutil.copyfile(source, submitted / source.name)

    def autograde(self) -> None:
        """One timed run: ``nbgrader autograde`` of the submitted notebook (re-graded each time)."""
        self._run("autograde", ASSIGNMENT, "--force", "--create")

    def scores(self) -> dict[str, float]:
        """Each graded cell's automatic score, as nbgrader stored it."""
        with contextlib.closing(sqlite3.connect(self.root / "gradebook.db")) as database:
            rows = database.execute(
                "SELECT base_cell.name, grade.auto_score FROM grade JOIN base_cell ON grade.cell_id = base_cell.id"
            ).fetchall()
        return {str(name): float(score or 0.0) for name, score in rows}

    def expect_full_marks(self) -> None:
        """Raise ``AnchorFailed`` unless nbgrader passed each of the notebook's three tests."""
        scores = self.scores()
        if sorted(scores.values()) != [1.0, 1.0, 1.0]:
            raise AnchorFailed(f"nbgrader's autograde did not pass the 3 tests: {scores}")

    def _run(self, *arguments: str) -> None:
        done = subprocess.run(
            [str(self.nbgrader), *arguments],
            cwd=self.root,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            tail = " ".join(done.stderr.strip().splitlines()[-3:])[:500]
            raise AnchorFailed(f"nbgrader {arguments[0]} failed (exit {done.returncode}): {tail}")
