"""Every exercise ships what docs/writing-an-exercise.md requires, and its pieces agree."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.core.exercises import CATEGORIES, Exercise, discover
from grader.grading import imports

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
def test_the_public_self_check_passes_on_the_reference(exercise: Exercise, tmp_path: Path) -> None:
    shutil.copyfile(exercise.reference_path, tmp_path / f"{exercise.slug}.py")
    shutil.copyfile(exercise.folder / "test_public.py", tmp_path / "test_public.py")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_public.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:]


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_the_public_self_check_fails_on_the_stub(exercise: Exercise, tmp_path: Path) -> None:
    shutil.copyfile(exercise.stub_path, tmp_path / f"{exercise.slug}.py")
    shutil.copyfile(exercise.folder / "test_public.py", tmp_path / "test_public.py")
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_public.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 1, run.stdout[-3000:]


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
