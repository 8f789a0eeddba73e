"""Find exercises and read their ``exercise.toml``: every folder under ``exercises/`` with one counts."""

from __future__ import annotations

import importlib.util
import os
import tomllib
import types
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.errors import ConfigurationError
from grader.results import CATEGORY_ORDER

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = CATEGORY_ORDER
DIFFICULTIES = ("easy", "medium", "hard")


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
    worker_preload: tuple[str, ...] = ()
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


def exercises_root() -> Path:
    """The folder holding the exercises; ``MLGRADE_EXERCISES`` overrides it (tests use a toy one)."""
    return Path(os.environ.get("MLGRADE_EXERCISES", PROJECT_ROOT / "exercises")).resolve()


def reference_root() -> Path:
    return Path(os.environ.get("MLGRADE_REFERENCE", PROJECT_ROOT / "reference")).resolve()


def discover() -> list[Exercise]:
    """Every exercise under the exercises root, sorted by slug."""
    root = exercises_root()
    if not root.is_dir():
        raise ConfigurationError(f"Exercises folder {root} does not exist.")
    return [load_exercise(folder) for folder in sorted(root.iterdir()) if (folder / "exercise.toml").is_file()]


def find(slug: str) -> Exercise:
    """The exercise named ``slug``."""
    folder = exercises_root() / slug
    if not (folder / "exercise.toml").is_file():
        known = ", ".join(exercise.slug for exercise in discover())
        raise ConfigurationError(f"Unknown exercise {slug!r}; known: {known}.")
    return load_exercise(folder)


def load_exercise(folder: Path) -> Exercise:
    """Parse and check ``folder/exercise.toml``."""
    path = folder / "exercise.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"Cannot read {path}: {error}") from error
    slug = folder.name
    grading = _table(data, "grading", path)
    weights = {str(k): _number(v, f"weights.{k}", path) for k, v in _table(data, "weights", path).items()}
    unknown = sorted(set(weights) - set(CATEGORIES))
    if unknown:
        raise ConfigurationError(f"Unknown category {unknown[0]!r} in [weights] of {path}; "
                                 f"categories are {', '.join(CATEGORIES)}.")
    if not weights or any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
        raise ConfigurationError(f"[weights] in {path} must give non-negative weights with a positive sum.")
    difficulty = str(data.get("difficulty", "medium"))
    if difficulty not in DIFFICULTIES:
        raise ConfigurationError(f"Invalid difficulty {difficulty!r} from {path}; use one of {DIFFICULTIES}.")
    return Exercise(
        slug=slug,
        folder=folder,
        title=str(data.get("title", slug)),
        summary=str(data.get("summary", "")),
        points=_number(data.get("points"), "points", path),
        difficulty=difficulty,
        time_budget_minutes=int(_number(data.get("time_budget_minutes", 60), "time_budget_minutes", path)),
        allowed_imports=tuple(str(name) for name in data.get("allowed_imports", ["numpy"])),
        weights={k: v for k, v in weights.items() if v > 0},
        call_timeout_seconds=_number(grading.get("call_timeout_seconds", 10), "call_timeout_seconds", path),
        budget_seconds=_number(grading.get("budget_seconds", 300), "budget_seconds", path),
        max_examples=int(_number(grading.get("max_examples", 25), "max_examples", path)),
        seed=int(grading.get("seed", zlib.crc32(slug.encode()))),
        worker_preload=tuple(str(name) for name in grading.get("worker_preload", [])),
        memory_mb=int(_number(grading.get("memory_mb", 3072), "memory_mb", path)),
        reference_path=reference_root() / f"{slug}.py",
    )


def _table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ConfigurationError(f"[{name}] in {path} must be a table.")
    return value


def _number(value: Any, name: str, path: Path) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ConfigurationError(f"Invalid {name} {value!r} from {path}: expected a non-negative number.")
    return float(value)


def load_reference(slug: str) -> types.ModuleType:
    """Import ``reference/<slug>.py`` by path (the reference is never an installed package)."""
    path = reference_root() / f"{slug}.py"
    spec = importlib.util.spec_from_file_location(f"mlgrade_reference_{slug}", path)
    if spec is None or spec.loader is None or not path.is_file():
        raise ConfigurationError(f"Reference solution {path} is missing.")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
