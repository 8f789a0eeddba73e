"""The grading fingerprint: a digest of everything that can decide a score.

It covers, by construction, every file of the layers that grade (``core``, ``grading``, ``sandbox``,
``testing``: a module added there is covered without a list to keep), each exercise's folder and
reference, the bank's datasets, the version and the isolation, and the releases of Python and of the
libraries that decide a verdict: Hypothesis draws the examples (another release, other examples), and
NumPy, SciPy, scikit-learn and pandas compute the expected values remembered under the fingerprint.
The layers that only present results (``reports``, ``workflows``, ``cli``) are left out, so a new
report format does not re-grade a cohort.
A stored result is reused only while its fingerprint is the current one.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import platform
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from grader import __version__
from grader.core import banks
from grader.core.exercises import Exercise

ENGINE = Path(__file__).resolve().parents[1]
GRADING_LAYERS = ("core", "grading", "sandbox", "testing")
VERDICT_LIBRARIES = ("hypothesis", "numpy", "scipy", "scikit-learn", "pandas", "pytest")


def grading_fingerprint(exercises: Sequence[Exercise], isolation: str = "") -> str:
    """SHA-256 of the grading code, the exercises' files and references, the datasets and options."""
    digest = hashlib.sha256(f"mlgrade {__version__}\0isolation {isolation}\0".encode())
    digest.update(library_versions().encode())
    for layer in GRADING_LAYERS:
        _add_files(digest, ENGINE / layer, f"engine/{layer}")
    for exercise in exercises:
        _add_files(digest, exercise.folder, f"exercise/{exercise.slug}")
        _add_file(digest, exercise.reference_path, f"reference/{exercise.slug}.py")
    datasets = banks.bundled().datasets
    if datasets.is_dir():
        _add_files(digest, datasets, "datasets")
    return digest.hexdigest()


@functools.cache
def library_versions() -> str:
    """Python's release and each verdict library's, one per line (``-`` for one not installed)."""
    lines = [f"python {platform.python_version()}"]
    for name in VERDICT_LIBRARIES:
        try:
            lines.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            lines.append(f"{name} -")
    return "\n".join(lines) + "\n"


# Beside an exercise but never read when grading: recording an equivalent mutant re-grades nothing.
NOT_GRADING = frozenset({"mutants.toml"})


def _files(root: Path) -> Iterable[Path]:
    return sorted(
        p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts and p.name not in NOT_GRADING
    )


def _add_files(digest: Any, root: Path, label: str) -> None:
    for path in _files(root):
        _add_file(digest, path, f"{label}/{path.relative_to(root).as_posix()}")


def _add_file(digest: Any, path: Path, label: str) -> None:
    digest.update(label.encode() + b"\0")
    if path.is_file():
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
    digest.update(b"\0")
