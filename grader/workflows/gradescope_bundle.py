"""``mlgrade gradescope-autograder``: the zip from which Gradescope builds its autograder image.

``mlgrade gradescope-autograder --out autograder.zip [--exercise SLUG ...] [--bank PATH ...]``::

    setup.sh                 run once, as root, when Gradescope builds the image: Python 3.11+,
                             bubblewrap, and /autograder/mlgrade-venv with mlgrade from the wheel
    run_autograder           run for every submission: grades /autograder/submission into
                             /autograder/results/results.json (mlgrade's gradescope format; the
                             hidden checks shown to students after publication by default)
    config.sh                what this bundle grades, read by both scripts
    constraints.txt          mlgrade's dependencies, pinned to the versions installed here
    mlgrade-<v>-<tag>.whl    the engine with its bundled exercises (``grader.wheel``)
    banks/<n>/               the selected exercises of each private bank: exercise folders (hidden
                             suites included), references and datasets

The zip is for the interviewer's Gradescope account only (it holds hidden suites and reference
solutions); students see only what ``results.json`` shows them. The two scripts are static files in
``grader/gradescope_files/``; everything that varies is in ``config.sh``.
"""

from __future__ import annotations

import importlib.metadata
import re
import shlex
import zipfile
from pathlib import Path

from grader.core import banks
from grader.core.errors import ConfigurationError
from grader.core.exercises import Exercise, discover
from grader.reports.gradescope import DEFAULT_VISIBILITY
from grader.workflows import wheel

SCRIPTS = Path(__file__).resolve().parent / "gradescope_files"
EXECUTABLE, REGULAR = 0o100755 << 16, 0o100644 << 16
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_SAFE = re.compile(r"[A-Za-z0-9_.-]+")
_SKIPPED = {"__pycache__", ".hypothesis", ".pytest_cache"}


def bundle_files(
    selected: list[Exercise], built: Path, jobs: int, visibility: str = DEFAULT_VISIBILITY
) -> dict[str, tuple[bytes, int]]:
    """Every file of the zip: its path, its content and its mode."""
    everyone = discover()
    chosen = selected or everyone
    private_roots = {bank.exercises: f"banks/{number}" for number, bank in enumerate(banks.private(), start=1)}
    files: dict[str, tuple[bytes, int]] = {}
    used: dict[str, None] = {}
    for exercise in chosen:
        prefix = private_roots.get(exercise.folder.parent)
        if prefix is not None:
            files.update(exercise_files(exercise, prefix))
            used[prefix] = None
    for bank in banks.private():
        prefix = private_roots[bank.exercises]
        if prefix in used and bank.datasets.is_dir():
            files.update(_tree(bank.datasets, f"{prefix}/datasets"))
    config = config_text(
        built.name, [e.slug for e in selected], [e.slug for e in everyone], list(used), jobs, visibility
    )
    files["config.sh"] = (config.encode(), REGULAR)
    files["constraints.txt"] = (constraints().encode(), REGULAR)
    files[built.name] = (built.read_bytes(), REGULAR)
    for name in ("setup.sh", "run_autograder"):
        files[name] = ((SCRIPTS / name).read_bytes(), EXECUTABLE)
    return dict(sorted(files.items()))


def exercise_files(exercise: Exercise, prefix: str) -> dict[str, tuple[bytes, int]]:
    """A private exercise's folder and its reference, under the bank's folder in the zip."""
    if not exercise.reference_path.is_file():
        raise ConfigurationError(f"Reference solution {exercise.reference_path} is missing.")
    files = _tree(exercise.folder, f"{prefix}/exercises/{exercise.slug}")
    files[f"{prefix}/reference/{exercise.slug}.py"] = (exercise.reference_path.read_bytes(), REGULAR)
    return files


def _tree(folder: Path, prefix: str) -> dict[str, tuple[bytes, int]]:
    """Regular files under ``folder`` (no caches, no byte code), by their path in the zip."""
    return {
        f"{prefix}/{path.relative_to(folder).as_posix()}": (path.read_bytes(), REGULAR)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not path.is_symlink()
        and path.suffix != ".pyc"
        and not _SKIPPED & set(path.relative_to(folder).parts)
    }


def config_text(
    wheel_name: str, exercises: list[str], slugs: list[str], private: list[str], jobs: int, visibility: str
) -> str:
    """``config.sh``: shell assignments, every value checked to be a plain name first."""
    for value in (wheel_name, *exercises, *slugs, *private):
        if not _SAFE.fullmatch(value.replace("/", "")):
            raise ConfigurationError(
                f"{value!r} cannot go in the autograder's scripts: use letters, digits, "
                "'_', '.' and '-' in exercise names."
            )

    def array(values: list[str]) -> str:
        return "(" + " ".join(shlex.quote(value) for value in values) + ")"

    return (
        "# Written by mlgrade gradescope-autograder; read by setup.sh and run_autograder.\n"
        "# shellcheck shell=bash disable=SC2034  # bash arrays; each script uses some of these\n"
        f"MLGRADE_WHEEL={shlex.quote(wheel_name)}\n"
        f"MLGRADE_EXERCISES={array(exercises)}  # empty: every exercise\n"
        f"MLGRADE_SLUGS={array(slugs)}\n"
        f"MLGRADE_PRIVATE_BANKS={array(private)}\n"
        f"MLGRADE_JOBS={jobs}\n"
        f"MLGRADE_VISIBILITY={visibility}  # of the hidden checks in results.json\n"
    )


def constraints() -> str:
    """mlgrade's own requirements, pinned to the versions this machine grades with."""
    pins = []
    for requirement in importlib.metadata.requires(wheel.DISTRIBUTION) or []:
        if ";" in requirement:
            continue  # an extra (report, dev): not installed on Gradescope
        name = re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0]
        pins.append(f"{name}=={importlib.metadata.version(name)}")
    return "# mlgrade's dependencies at the versions the bundle was built with (pip install --constraint).\n" + "".join(
        f"{pin}\n" for pin in sorted(pins, key=str.lower)
    )


def write_zip(files: dict[str, tuple[bytes, int]], out: Path) -> None:
    """The zip, files at its root as Gradescope requires, byte-identical from one build to the next."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, (content, mode) in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIMESTAMP)
            info.external_attr = mode
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
