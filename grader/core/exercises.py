"""Find exercises and read their ``exercise.toml``: every folder with one under a bank's ``exercises/``
counts (``grader.banks`` says which banks there are). A slug defined in two banks is an error.
"""

from __future__ import annotations

import importlib.util
import sys
import types
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from grader.core import banks
from grader.core.banks import PROJECT_ROOT
from grader.core.config import read_config
from grader.core.errors import ConfigurationError
from grader.core.results import CATEGORY_ORDER

__all__ = ["CATEGORIES", "PROJECT_ROOT", "Exercise", "discover", "find", "load_exercise", "load_reference"]
CATEGORIES = CATEGORY_ORDER


@dataclass(frozen=True)
class Exercise:
    """One exercise's configuration, as read from its ``exercise.toml``."""

    slug: str
    folder: Path
    title: str
    summary: str
    points: float
    difficulty: str
    time_budget_minutes: int
    allowed_imports: tuple[str, ...]
    weights: dict[str, float]
    call_timeout_seconds: float = 10.0
    budget_seconds: float = 300.0
    max_examples: int = 25
    seed: int = 0
    # Packages the jail holds so that input types the statement promises (a pandas DataFrame) can
    # reach candidate code; candidate code still may not import them.
    input_packages: tuple[str, ...] = ()
    memory_mb: int = 3072
    reference_path: Path = field(default=Path())

    @property
    def grading_dir(self) -> Path:
        return self.folder / "grading"

    @property
    def statement_path(self) -> Path:
        return self.folder / "README.md"

    @property
    def stub_path(self) -> Path:
        return self.folder / f"{self.slug}.py"

    def category_points(self) -> dict[str, float]:
        """Points per category: the exercise's points shared out by the category weights."""
        total = sum(self.weights.values())
        return {name: self.points * weight / total for name, weight in self.weights.items()}


def discover() -> list[Exercise]:
    """Every exercise of every bank, sorted by slug."""
    return [load_exercise(folder, reference) for _, (folder, reference) in sorted(_locations().items())]


def find(slug: str) -> Exercise:
    """The exercise named ``slug``, from whichever bank defines it."""
    locations = _locations()
    if slug not in locations:
        known = ", ".join(sorted(locations))
        raise ConfigurationError(f"Unknown exercise {slug!r}; known: {known}.")
    folder, reference = locations[slug]
    return load_exercise(folder, reference)


def _locations() -> dict[str, tuple[Path, Path]]:
    """Each slug's folder and reference folder, across the banks; a slug defined twice is an error."""
    bundled = banks.bundled()
    if not bundled.exercises.is_dir():
        raise ConfigurationError(f"Exercises folder {bundled.exercises} does not exist.")
    found: dict[str, tuple[Path, Path]] = {}
    for bank in (bundled, *banks.private()):
        for folder in sorted(bank.exercises.iterdir()):
            if not (folder / "exercise.toml").is_file():
                continue
            if folder.name in found:
                raise ConfigurationError(
                    f"Exercise {folder.name!r} is defined twice: in {found[folder.name][0]} "
                    f"and in {folder}; rename one of them."
                )
            found[folder.name] = (folder, bank.reference)
    return found


def load_exercise(folder: Path, reference: Path | None = None) -> Exercise:
    """Parse and check ``folder/exercise.toml``; ``reference`` is the bank's ``reference/`` folder
    (by default the one beside the bank's ``exercises/``)."""
    config = read_config(folder / "exercise.toml")
    grading = config["grading"]
    slug = folder.name
    return Exercise(
        slug=slug,
        folder=folder,
        title=config["title"] or slug,
        summary=config["summary"],
        points=config["points"],
        difficulty=config["difficulty"],
        time_budget_minutes=config["time_budget_minutes"],
        allowed_imports=config["allowed_imports"],
        weights={name: weight for name, weight in config["weights"].items() if weight > 0},
        call_timeout_seconds=grading["call_timeout_seconds"],
        budget_seconds=grading["budget_seconds"],
        max_examples=grading["max_examples"],
        seed=grading["seed"] if grading["seed"] >= 0 else zlib.crc32(slug.encode()),
        input_packages=grading["input_packages"],
        memory_mb=grading["memory_mb"],
        reference_path=(reference or folder.parent.parent / "reference") / f"{slug}.py",
    )


def load_module(path: Path, name: str) -> types.ModuleType:
    """Import an exercise's file by path (references, showcases and benchmarks are never installed)."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None or not path.is_file():
        raise ConfigurationError(f"Cannot load {path}: it is missing.")
    module = importlib.util.module_from_spec(spec)
    # Registered while it runs, as an import would: dataclasses and typing look their module up there.
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def load_reference(slug: str) -> types.ModuleType:
    """Import the exercise's ``reference/<slug>.py``."""
    return load_module(find(slug).reference_path, f"mlgrade_reference_{slug}")


def load_showcase(exercise: Exercise) -> types.ModuleType | None:
    """The exercise's optional ``showcase.py`` (its picture in the visual report), or None."""
    path = exercise.folder / "showcase.py"
    if not path.is_file():
        return None
    if path not in _SHOWCASES:
        module = load_module(path, f"mlgrade_showcase_{exercise.slug}")
        for name in ("TITLE", "INPUT_VERSION", "candidate_side", "draw"):
            if not hasattr(module, name):
                raise ConfigurationError(f"{path} defines no {name} (see grader/testing/pictures.py).")
        _SHOWCASES[path] = module
    return _SHOWCASES[path]


_SHOWCASES: dict[Path, types.ModuleType] = {}
