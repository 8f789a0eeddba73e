"""Private banks: an exercise outside the engine's repository is listed, kitted, benchmarked and
graded exactly like a bundled one; its reference and hidden suite never reach the kit; mistakes in
naming banks are one line.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from grader import cli
from grader.core.datasets import load_dataset
from grader.core.errors import ConfigurationError
from grader.core.exercises import discover, find
from grader.workflows import bench_main
from tests.helpers import ROOT
from tests.private_bank import ORIGINAL, SLUG, make_private_bank, reference_submission


@pytest.fixture(autouse=True)
def no_banks(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``--bank`` writes ``MLGRADE_BANK`` into this process: start empty, and restore it after."""
    monkeypatch.setenv("MLGRADE_BANK", "")
    for name in ("MLGRADE_EXERCISES", "MLGRADE_REFERENCE"):
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_private_bank(tmp_path_factory.mktemp("acme-bank"))


def mlgrade(*args: str, cwd: Path, bank_variable: str = "") -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MLGRADE_")}
    env["MLGRADE_BANK"] = bank_variable
    return subprocess.run(
        [sys.executable, "-m", "grader.cli", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=900
    )


def test_list_shows_the_private_exercise_beside_the_bundled_ones(
    bank: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["list", "--bank", str(bank)]) == 0
    slugs = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line and not line[0].isspace()]
    assert SLUG in slugs and ORIGINAL in slugs and slugs == sorted(slugs)


def test_the_bank_variable_adds_the_bank_for_any_command(bank: Path, tmp_path: Path) -> None:
    run = mlgrade("list", cwd=tmp_path, bank_variable=str(bank))
    assert run.returncode == 0, run.stderr
    assert f"\n{SLUG} " in "\n" + run.stdout


def test_the_private_exercise_reads_its_reference_from_its_own_bank(
    bank: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLGRADE_BANK", str(bank))
    exercise = find(SLUG)
    assert exercise.folder == (bank / "exercises" / SLUG).resolve()
    assert exercise.reference_path == (bank / "reference" / f"{SLUG}.py").resolve()
    assert find(ORIGINAL).reference_path == ROOT / "reference" / f"{ORIGINAL}.py"


def test_a_slug_defined_twice_is_one_line_naming_both_places(tmp_path: Path) -> None:
    twin = tmp_path / "twin" / "exercises" / ORIGINAL
    twin.mkdir(parents=True)
    (twin / "exercise.toml").write_bytes((ROOT / "exercises" / ORIGINAL / "exercise.toml").read_bytes())
    run = mlgrade("list", "--bank", str(tmp_path / "twin"), cwd=tmp_path)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1, run.stderr
    assert f"Exercise '{ORIGINAL}' is defined twice" in run.stderr
    assert str(ROOT / "exercises" / ORIGINAL) in run.stderr and str(twin) in run.stderr


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda root: root / "missing", "is not a folder"),
        (lambda root: root, "has no exercises/ folder"),
    ],
)
def test_a_folder_that_is_not_a_bank_is_one_line(tmp_path: Path, make: Callable[[Path], Path], message: str) -> None:
    path = make(tmp_path)
    for args, variable in ((["list", "--bank", str(path)], ""), (["list"], str(path))):
        run = mlgrade(*args, cwd=tmp_path, bank_variable=variable)
        assert run.returncode == 2 and message in run.stderr and run.stderr.count("\n") == 1, run.stderr


def test_the_kit_has_the_statement_stub_and_self_checks_but_no_reference_or_suite(bank: Path, tmp_path: Path) -> None:
    run = mlgrade("kit", "--bank", str(bank), "--exercise", SLUG, "--out", str(tmp_path / "kit"), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    kit = tmp_path / "kit"
    exercise = bank / "exercises" / SLUG
    assert (kit / SLUG / f"{SLUG}.py").read_bytes() == (exercise / f"{SLUG}.py").read_bytes()
    assert (kit / SLUG / "README.md").read_bytes() == (exercise / "README.md").read_bytes()
    assert (kit / SLUG / "test_public.py").read_bytes() == (exercise / "test_public.py").read_bytes()
    hidden = [
        (bank / "reference" / f"{SLUG}.py").read_text(),
        *(p.read_text() for p in (exercise / "grading").iterdir() if p.suffix == ".py"),
    ]
    for path in kit.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert all(secret not in text for secret in hidden), path
            assert "grading" not in path.relative_to(kit).parts and "reference" not in path.name


def test_the_kit_self_checks_pass_on_the_reference(bank: Path, tmp_path: Path) -> None:
    assert (
        mlgrade("kit", "--bank", str(bank), "--exercise", SLUG, "--out", str(tmp_path / "kit"), cwd=tmp_path).returncode
        == 0
    )
    reference_submission(tmp_path / "kit" / SLUG)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=tmp_path / "kit",
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-2000:]


def test_the_benchmark_runs_from_the_bank(bank: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLGRADE_BANK", str(bank))
    comparisons = bench_main.exercise_comparisons(find(SLUG))
    assert comparisons
    ours, baseline = bench_main.best_times(comparisons[0], repeats=1, warm_up=False)
    assert ours > 0 and baseline > 0


@pytest.mark.slow
def test_the_private_exercise_grades_like_a_bundled_one(bank: Path, tmp_path: Path) -> None:
    submission = reference_submission(tmp_path / "candidate")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run = mlgrade("grade", str(submission), "--bank", str(bank), "--exercise", SLUG, "--format", "json", cwd=elsewhere)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    [exercise] = report["exercises"]
    assert (exercise["slug"], exercise["status"], exercise["score"]) == (SLUG, "graded", 20.0), exercise["message"]
    assert len(exercise["checks"]) > 20 and all(check["passed"] for check in exercise["checks"])


def test_a_private_bank_may_ship_datasets_listed_with_their_digests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datasets = tmp_path / "bank" / "datasets"
    datasets.mkdir(parents=True)
    (tmp_path / "bank" / "exercises").mkdir()
    content = b"a,b,target\n1.5,2,0\n3,4.25,1\n"
    (datasets / "tiny.csv").write_bytes(content)
    (datasets / "SHA256SUMS").write_text(f"{hashlib.sha256(content).hexdigest()}  tiny.csv\n")
    monkeypatch.setenv("MLGRADE_BANK", str(tmp_path / "bank"))
    X, y = load_dataset("tiny")
    np.testing.assert_array_equal(X, [[1.5, 2.0], [3.0, 4.25]])
    np.testing.assert_array_equal(y, [0, 1])
    assert load_dataset("iris")[0].shape == (150, 4)
    (datasets / "tiny.csv").write_bytes(content + b"5,6,1\n")
    with pytest.raises(ConfigurationError, match=r"tiny\.csv has sha256 [0-9a-f]{64}; expected"):
        load_dataset("tiny")
    with pytest.raises(
        ConfigurationError, match="Unknown dataset 'nope'; known: breast_cancer, diabetes, iris, tiny, wine"
    ):
        load_dataset("nope")


def test_without_banks_only_the_bundled_exercises_are_found() -> None:
    assert [exercise.slug for exercise in discover()] == sorted(
        p.name for p in (ROOT / "exercises").iterdir() if (p / "exercise.toml").is_file()
    )
