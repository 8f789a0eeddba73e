"""The engine as a wheel: it carries the exercise bank as package data, builds without setuptools
deprecation warnings, and once installed in a fresh virtual environment grades from any folder, with
the same report as the source checkout.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from grader.core.datasets import SHA256
from grader.workflows import gradescope_bundle, wheel
from tests.helpers import ROOT

BUNDLED = sorted(p.name for p in (ROOT / "exercises").iterdir() if (p / "exercise.toml").is_file())
GRADED = "classification_metrics"  # one real exercise end to end; the others are proved elsewhere
COMPARED = "leakage_safe_scaling"  # the sample's notebook, graded from the wheel and from this checkout


@pytest.fixture(scope="module")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return wheel.build_from_source(ROOT, tmp_path_factory.mktemp("build"))


def clean_env() -> dict[str, str]:
    """The environment of a user who never heard of this checkout."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("MLGRADE_", "PYTHON", "VIRTUAL_ENV"))}


def test_the_wheel_carries_the_bundled_bank_as_package_data(built_wheel: Path) -> None:
    names = set(zipfile.ZipFile(built_wheel).namelist())
    for slug in BUNDLED:
        folder = ROOT / "exercises" / slug
        expected = {
            f"grader/bank/exercises/{slug}/{p.relative_to(folder).as_posix()}"
            for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
        }
        assert expected <= names and any(n.startswith(f"grader/bank/exercises/{slug}/grading/test_") for n in names)
        assert f"grader/bank/reference/{slug}.py" in names
    datasets = {f"grader/bank/datasets/{p.name}" for p in (ROOT / "datasets").iterdir() if p.suffix in {".csv", ".md"}}
    assert datasets <= names and len(datasets) == len(SHA256) + 1  # every CSV and the README
    assert {
        "grader/workflows/kit_files/selfcheck.py",
        "grader/workflows/gradescope_files/run_autograder",
        "grader/workflows/scaffold_files/stub.py.tmpl",
        "grader/py.typed",
    } <= names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or n.startswith(("tests/", "exercises/"))]


def test_every_package_of_the_engine_is_in_the_wheel(built_wheel: Path) -> None:
    names = set(zipfile.ZipFile(built_wheel).namelist())
    for init in (ROOT / "grader").rglob("__init__.py"):
        package = init.parent.relative_to(ROOT)
        modules = {f"{package.as_posix()}/{p.name}" for p in init.parent.glob("*.py")}
        assert modules <= names, f"{package} is missing from [tool.setuptools] packages in pyproject.toml"


def test_the_metadata_gives_the_licence_as_an_spdx_expression(built_wheel: Path) -> None:
    archive = zipfile.ZipFile(built_wheel)
    [metadata] = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    headers = archive.read(metadata).decode().split("\n\n", 1)[0].splitlines()
    assert "License-Expression: MIT" in headers and not [h for h in headers if h.startswith("License:")]


def test_building_prints_no_setuptools_deprecation_warning(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for part in wheel.SOURCE_PARTS:
        path = ROOT / part
        if path.is_dir():
            shutil.copytree(path, source / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
        else:
            shutil.copyfile(path, source / part)
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(tmp_path / "out"), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    output = run.stdout + run.stderr
    assert "Running setup.py" not in output  # the PEP 517 backend built it, from pyproject.toml alone
    assert "deprecat" not in output.lower(), [line for line in output.splitlines() if "eprecat" in line]


@pytest.mark.slow
def test_an_installed_wheel_grades_a_submission_from_another_folder(built_wheel: Path, tmp_path: Path) -> None:
    venv, elsewhere = tmp_path / "venv", tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(gradescope_bundle.constraints())
    install = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--constraint",
            str(constraints),
            str(built_wheel),
        ],
        capture_output=True,
        text=True,
        timeout=1200,
        env=clean_env(),
    )
    assert install.returncode == 0, install.stderr[-3000:]
    mlgrade = str(venv / "bin" / "mlgrade")

    listed = subprocess.run([mlgrade, "list"], capture_output=True, text=True, cwd=elsewhere, env=clean_env())
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[0] for line in listed.stdout.splitlines() if line[:1].isalpha()] == BUNDLED

    submission = tmp_path / "submission"
    submission.mkdir()
    shutil.copyfile(ROOT / "reference" / f"{GRADED}.py", submission / f"{GRADED}.py")
    graded = subprocess.run(
        [mlgrade, "grade", str(submission), "--exercise", GRADED, "--format", "json"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=clean_env(),
        timeout=900,
    )
    assert graded.returncode == 0, graded.stderr
    [exercise] = json.loads(graded.stdout)["exercises"]
    assert (exercise["status"], exercise["score"]) == ("graded", 20.0), exercise["message"] or [
        c["message"] for c in exercise["checks"] if not c["passed"]
    ]

    # How mlgrade was installed changes no example: a partly correct notebook, graded from the wheel, gets
    # the source checkout's report byte for byte, failed checks' shrunk counterexamples included.
    # Hypothesis used to draw literals of "local" modules (the engine's, in a checkout only) into the
    # examples; this comparison failed then. (The sample's metrics file gave equal reports either way,
    # so the notebook is the file compared.)
    sample = tmp_path / "sample"
    shutil.copytree(ROOT / "examples" / "sample_submission" / COMPARED, sample / COMPARED)
    arguments = ["grade", str(sample), "--exercise", COMPARED, "--format", "json"]
    from_wheel = subprocess.run(
        [mlgrade, *arguments], capture_output=True, text=True, cwd=elsewhere, env=clean_env(), timeout=900
    )
    from_source = subprocess.run(
        [sys.executable, "-m", "grader.cli", *arguments], capture_output=True, text=True, cwd=ROOT, timeout=900
    )
    assert from_wheel.returncode == 0 and from_source.returncode == 0, from_wheel.stderr + from_source.stderr
    wheel_report, source_report = untimed(json.loads(from_wheel.stdout)), untimed(json.loads(from_source.stdout))
    assert any(not check["passed"] for check in wheel_report["exercises"][0]["checks"])
    assert wheel_report == source_report

    bundle = subprocess.run(
        [mlgrade, "gradescope-autograder", "--out", str(tmp_path / "ag.zip")],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=clean_env(),
        timeout=600,
    )
    assert bundle.returncode == 0, bundle.stderr
    assert_same_wheel_packed_again(
        built_wheel, zipfile.ZipFile(tmp_path / "ag.zip").read(built_wheel.name), tmp_path / "repacked.whl"
    )


def untimed(report: dict[str, Any]) -> dict[str, Any]:
    """A JSON report without its timing fields, the only ones that may differ between two gradings."""
    report.pop("timing", None)
    for exercise in report["exercises"]:
        exercise.pop("timing", None)
    return report


def assert_same_wheel_packed_again(built: Path, repacked_bytes: bytes, scratch: Path) -> None:
    """The installed mlgrade, packed again, has the built wheel's files and a RECORD that holds."""
    scratch.write_bytes(repacked_bytes)
    original, repacked = zipfile.ZipFile(built), zipfile.ZipFile(scratch)
    assert set(repacked.namelist()) == set(original.namelist())
    for name in original.namelist():
        if not name.endswith(("RECORD", "WHEEL")):
            assert repacked.read(name) == original.read(name), name
    [record] = [n for n in repacked.namelist() if n.endswith(".dist-info/RECORD")]
    for line in repacked.read(record).decode().splitlines():
        name, digest, size = line.rsplit(",", 2)
        if name != record:
            content = repacked.read(name)
            expected = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
            assert (digest, int(size)) == (f"sha256={expected}", len(content)), name
