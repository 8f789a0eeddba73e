"""Every exercise ships what docs/writing-an-exercise.md requires, and its pieces agree."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from grader.core.exercises import CATEGORIES, Exercise, discover
from grader.grading import imports
from tests import self_checks

EXERCISES = discover()
IDS = [exercise.slug for exercise in EXERCISES]


def public_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_")
    }


def test_the_five_exercises_are_discovered() -> None:
    assert {
        "classification_metrics",
        "kmeans",
        "logistic_regression",
        "cross_validation",
        "leakage_safe_scaling",
    } <= set(IDS)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_an_exercise_ships_every_file(exercise: Exercise) -> None:
    for path in (
        exercise.statement_path,
        exercise.stub_path,
        exercise.folder / "test_public.py",
        exercise.reference_path,
        exercise.folder / "benchmark.py",
    ):
        assert path.is_file(), f"{path} is missing"
    assert list(exercise.grading_dir.glob("test_*.py")), "the hidden suite has no test file"
    assert set(exercise.weights) <= set(CATEGORIES)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_statement_names_the_rules_and_the_categories(exercise: Exercise) -> None:
    statement = exercise.statement_path.read_text(encoding="utf-8")
    assert "NumPy" in statement and "standard library" in statement
    for category in exercise.weights:
        assert category in statement, f"the statement does not mention {category}"


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_stub_and_the_reference_share_the_public_api(exercise: Exercise) -> None:
    assert public_names(exercise.stub_path) <= public_names(exercise.reference_path)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_reference_and_the_stub_import_only_what_the_candidate_may(exercise: Exercise) -> None:
    for path in (exercise.reference_path, exercise.stub_path):
        assert imports.forbidden_imports(path.read_text(encoding="utf-8"), exercise.allowed_imports) == []


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_public_self_check_passes_on_the_reference(
    exercise: Exercise, tmp_path_factory: pytest.TempPathFactory
) -> None:
    outcome = self_checks.outcomes(EXERCISES, "reference", _shared(tmp_path_factory))[exercise.slug]
    assert outcome.passed > 0 and outcome.failed == 0 and not outcome.collection_error, outcome.summary()


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_public_self_check_fails_on_the_stub(exercise: Exercise, tmp_path_factory: pytest.TempPathFactory) -> None:
    outcome = self_checks.outcomes(EXERCISES, "stub", _shared(tmp_path_factory))[exercise.slug]
    assert outcome.failed > 0 and not outcome.collection_error, outcome.summary()


def _shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every xdist worker of this run sees, and no other run: the parent of the workers' folders."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_hidden_test_names_never_appear_in_candidate_files(exercise: Exercise) -> None:
    hidden = {
        node.name
        for path in exercise.grading_dir.glob("test_*.py")
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }
    shipped = " ".join(
        path.read_text(encoding="utf-8")
        for path in (exercise.statement_path, exercise.stub_path, exercise.folder / "test_public.py")
    )
    assert not {name for name in hidden if name in shipped}
