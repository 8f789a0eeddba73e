"""``mlgrade gradescope-autograder``: the zip holds what Gradescope needs at its root, the scripts
pass shellcheck, and in a simulated ``/autograder`` (bubblewrap binds a temporary folder there)
``setup.sh`` installs mlgrade and ``run_autograder`` grades a real submission into a results file
that follows Gradescope's specification.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from grader import cli
from tests.private_bank import SLUG, make_private_bank, reference_submission

# Gradescope's autograder specification: the fields results.json may hold, and their values.
TOP_LEVEL = {
    "score",
    "execution_time",
    "output",
    "output_format",
    "test_output_format",
    "test_name_format",
    "visibility",
    "stdout_visibility",
    "extra_data",
    "tests",
    "leaderboard",
}
TEST_FIELDS = {
    "score",
    "max_score",
    "status",
    "name",
    "name_format",
    "number",
    "output",
    "output_format",
    "tags",
    "visibility",
    "extra_data",
}
VISIBILITIES = {"hidden", "after_due_date", "after_published", "visible"}
FORMATS = {"text", "html", "simple_format", "md", "ansi"}


@pytest.fixture(autouse=True)
def no_banks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLGRADE_BANK", "")  # --bank writes it; restored after each test
    for name in ("MLGRADE_EXERCISES", "MLGRADE_REFERENCE"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_private_bank(tmp_path_factory.mktemp("acme-bank"))


@pytest.fixture(scope="module")
def bundle(bank: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The autograder for the private exercise, built once (building the wheel takes seconds)."""
    out = tmp_path_factory.mktemp("bundle") / "autograder.zip"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLGRADE_BANK", "")
        assert cli.main(["gradescope-autograder", "--bank", str(bank), "--exercise", SLUG, "--out", str(out)]) == 0
    return out


def extract(bundle: Path, folder: Path) -> Path:
    """Unpack as ``unzip`` does, modes included (Python's zipfile drops them)."""
    with zipfile.ZipFile(bundle) as archive:
        for info in archive.infolist():
            path = Path(archive.extract(info, folder))
            path.chmod((info.external_attr >> 16) & 0o777)
    return folder


def test_the_zip_holds_the_scripts_the_wheel_and_the_private_exercise_at_its_root(bundle: Path, bank: Path) -> None:
    archive = zipfile.ZipFile(bundle)
    modes = {info.filename: (info.external_attr >> 16) & 0o777 for info in archive.infolist()}
    assert modes["setup.sh"] == modes["run_autograder"] == 0o755
    [wheel_name] = [name for name in modes if name.endswith(".whl")]
    assert "/" not in wheel_name and wheel_name.startswith("mlgrade-")
    exercise = bank / "exercises" / SLUG
    private = {
        f"banks/1/exercises/{SLUG}/{p.relative_to(exercise).as_posix()}" for p in exercise.rglob("*") if p.is_file()
    } | {f"banks/1/reference/{SLUG}.py"}
    assert set(modes) == {"setup.sh", "run_autograder", "config.sh", "constraints.txt", wheel_name} | private
    config = archive.read("config.sh").decode()
    assert f"MLGRADE_EXERCISES=({SLUG})" in config and "MLGRADE_PRIVATE_BANKS=(banks/1)" in config
    assert f"MLGRADE_WHEEL={wheel_name}\n" in config and "MLGRADE_VISIBILITY=after_published " in config
    pins = archive.read("constraints.txt").decode().splitlines()[1:]
    assert {pin.split("==")[0] for pin in pins} == {
        "hypothesis",
        "nbformat",
        "numpy",
        "pandas",
        "pytest",
        "scikit-learn",
    }


def test_only_the_selected_private_exercises_travel(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "kmeans-only.zip"
    assert cli.main(["gradescope-autograder", "--bank", str(bank), "--exercise", "kmeans", "--out", str(out)]) == 0
    names = zipfile.ZipFile(out).namelist()
    assert not [name for name in names if name.startswith("banks/")]
    assert "MLGRADE_PRIVATE_BANKS=()" in zipfile.ZipFile(out).read("config.sh").decode()


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed (apt-get shellcheck)")
def test_shellcheck_finds_nothing_in_the_scripts(bundle: Path, tmp_path: Path) -> None:
    folder = extract(bundle, tmp_path / "source")
    run = subprocess.run(
        ["shellcheck", "--external-sources", "--severity=style", "setup.sh", "run_autograder", "config.sh"],
        cwd=folder,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stdout


@pytest.mark.parametrize(
    "args, message",
    [
        (["--out", "{tmp}/autograder.tar"], "--out should end in .zip"),
        (["--out", "{tmp}/existing.zip"], "already exists; pass --force"),
        (["--out", "{tmp}/a.zip", "--exercise", "nope"], "Unknown exercise 'nope'"),
        (["--out", "{tmp}/a.zip", "--jobs", "0"], "--jobs must be at least 1"),
        (["--out", "{tmp}/a.zip", "--wheel", "{tmp}/existing.zip"], "is not a wheel file"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "existing.zip").write_bytes(b"mine")
    code = cli.main(["gradescope-autograder", *[arg.replace("{tmp}", str(tmp_path)) for arg in args]])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert (tmp_path / "existing.zip").read_bytes() == b"mine" and not (tmp_path / "a.zip").exists()


def simulated(autograder: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with ``autograder`` seen at ``/autograder``: the machine's own folders on a
    fresh root, so the mount point exists only inside (nothing is created on this machine)."""
    jail = ["bwrap", "--die-with-parent", "--tmpfs", "/"]
    for entry in sorted(os.listdir("/")):
        path = f"/{entry}"
        if entry in {"proc", "dev", "autograder"}:
            continue
        if os.path.islink(path):
            jail += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            jail += ["--bind", path, path]
    jail += [
        "--dev-bind",
        "/dev",
        "/dev",
        "--bind",
        "/proc",
        "/proc",
        "--bind",
        str(autograder),
        "/autograder",
        "--chdir",
        "/autograder",
    ]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLGRADE_", "PYTHON", "VIRTUAL_ENV"))}
    return subprocess.run(jail + command, capture_output=True, text=True, env=env, timeout=1800)


def check_results_file(results: dict[str, Any]) -> None:
    """``results.json`` as Gradescope's specification describes it."""
    assert set(results) <= TOP_LEVEL, set(results) - TOP_LEVEL
    assert isinstance(results["score"], (int, float)) and not isinstance(results["score"], bool)
    assert results.get("output_format", "text") in FORMATS
    for key in ("visibility", "stdout_visibility"):
        assert results.get(key, "visible") in VISIBILITIES
    for test in results["tests"]:
        assert set(test) <= TEST_FIELDS, set(test) - TEST_FIELDS
        assert isinstance(test["name"], str) and test["name"]
        assert test.get("status", "passed") in {"passed", "failed"}
        assert test.get("visibility", "visible") in VISIBILITIES
        assert 0 <= test["score"] <= test["max_score"] + 1e-9


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("bwrap") is None or os.geteuid() != 0,
    reason="the simulated /autograder needs bubblewrap and root, as on Gradescope",
)
def test_setup_and_run_autograder_grade_a_submission_in_a_simulated_autograder(bundle: Path, tmp_path: Path) -> None:
    autograder = tmp_path / "autograder"
    extract(bundle, autograder / "source")
    shutil.copy2(autograder / "source" / "run_autograder", autograder / "run_autograder")  # as Gradescope does
    setup = simulated(autograder, ["bash", "/autograder/source/setup.sh"])
    assert setup.returncode == 0, setup.stdout[-2000:] + setup.stderr[-3000:]
    assert f"\n{SLUG} " in "\n" + setup.stdout  # setup.sh lists what the image grades
    [bundled] = (autograder / "mlgrade-venv").glob("lib/python3.*/site-packages/grader/bank")
    for hidden in (bundled, autograder / "source", autograder / "source" / "banks" / "1" / "reference"):
        assert hidden.stat().st_mode & 0o077 == 0, f"{hidden} is readable by other users"

    # The kit's layout, uploaded as a zip of its folder: one folder inside the submission.
    reference_submission(autograder / "submission" / "mlgrade-kit" / SLUG)
    (autograder / "results").mkdir()
    run = simulated(autograder, ["/autograder/run_autograder"])
    assert run.returncode == 0, run.stderr[-3000:]
    results = json.loads((autograder / "results" / "results.json").read_text())
    check_results_file(results)
    assert results["score"] == 20.0, results["output"]
    assert results["tests"] and all(test["status"] == "passed" for test in results["tests"])
    assert sum(test["score"] for test in results["tests"]) == pytest.approx(20.0)
    assert {test["visibility"] for test in results["tests"]} == {"after_published"}  # hidden until published

    # The same kit uploaded as a zip and kept whole: mlgrade reads the archive.
    shutil.make_archive(str(tmp_path / "kit"), "zip", autograder / "submission")
    shutil.rmtree(autograder / "submission")
    (autograder / "submission").mkdir()
    shutil.move(tmp_path / "kit.zip", autograder / "submission" / "kit.zip")
    zipped = simulated(autograder, ["/autograder/run_autograder"])
    assert zipped.returncode == 0, zipped.stderr[-3000:]
    assert json.loads((autograder / "results" / "results.json").read_text())["score"] == 20.0

    # When mlgrade cannot grade at all (here: no submission folder), a results file still says why.
    shutil.rmtree(autograder / "submission")
    broken = simulated(autograder, ["/autograder/run_autograder"])
    assert broken.returncode == 0, broken.stderr[-3000:]
    results = json.loads((autograder / "results" / "results.json").read_text())
    check_results_file(results)
    assert (results["score"], results["tests"]) == (0.0, [])
    assert results["output"].startswith("This submission could not be graded: mlgrade: Submission")
