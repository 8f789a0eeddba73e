"""Attacks by a candidate who has read the grader's source, one per class of the trust boundary.

Each attack is graded through the whole pipeline (judge process, jailed worker, scoring) against the
``trusty`` exercise, whose suite uses every trusted device: spies, efficiency timing, generators.
Where the jail makes the difference, the attack is graded under bubblewrap; where the judge or the
process limits do, under both isolations.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.core.results import ExerciseResult
from grader.grading.launcher import bubblewrap_available
from tests.helpers import FIXTURES, failures, grade_variant

TRUST = FIXTURES / "trust"
ATTACKS = TRUST / "attacks"
ISOLATIONS = ["process"] + (["bubblewrap"] if bubblewrap_available() else [])
needs_bubblewrap = pytest.mark.skipif(not bubblewrap_available(), reason="bubblewrap cannot run here")


@pytest.fixture(autouse=True)
def trust_bank(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MLGRADE_EXERCISES", str(TRUST / "exercises"))
    monkeypatch.setenv("MLGRADE_REFERENCE", str(TRUST / "reference"))
    yield TRUST


def grade(name: str, isolation: str = "auto") -> ExerciseResult:
    result = grade_variant("trusty", ATTACKS / f"{name}.py", isolation)
    assert result.status in ("graded", "forbidden_import"), failures(result)
    return result


def earned(result: ExerciseResult, category: str) -> float:
    return float(result.categories[category]["score"])


def full(result: ExerciseResult, category: str) -> bool:
    return result.categories[category]["score"] == result.categories[category]["max_score"]


@pytest.mark.parametrize("isolation", ISOLATIONS)
def test_the_honest_twin_earns_full_marks(isolation: str) -> None:
    result = grade("honest", isolation)
    assert result.score == result.max_score, failures(result)


# ----------------------------------------------------------------------------- forbidden imports


@needs_bubblewrap
@pytest.mark.parametrize(
    "name", ["import_via_subclasses", "import_via_pkgutil", "import_via_compile", "import_policy_edit"]
)
def test_forbidden_work_scores_zero_because_the_jail_lacks_the_files(name: str) -> None:
    result = grade(name, "bubblewrap")
    matches = result.categories["matches_reference"]
    assert matches["score"] == 0, failures(result)
    assert result.status == "forbidden_import" or all(
        "sklearn" in check.message or "No module" in check.message
        for check in result.checks
        if check.name == "test_column_means_match_the_reference"
    ), failures(result)


@pytest.mark.parametrize("name", ["import_via_pkgutil", "import_via_compile", "import_via_subclasses"])
def test_the_reporters_still_name_a_forbidden_import_tried_through_a_side_door(name: str) -> None:
    result = grade(name)
    assert result.status == "forbidden_import", failures(result)
    assert "sklearn" in result.message and result.score == 0


# ----------------------------------------------------------------------------- efficiency


@pytest.mark.parametrize("name", ["clock_patch", "lazy_attribute", "cache_by_shape", "subsample_large"])
def test_gamed_efficiency_loses_the_efficiency_points(name: str) -> None:
    result = grade(name)
    assert earned(result, "efficiency") == 0, failures(result)


def test_the_slow_honest_twin_loses_only_efficiency() -> None:
    result = grade("slow_honest")
    assert earned(result, "efficiency") == 0, failures(result)
    assert full(result, "matches_reference") and full(result, "properties"), failures(result)


@pytest.mark.parametrize("name", ["clock_patch", "lazy_attribute", "cache_by_shape"])
def test_an_efficiency_gamer_keeps_the_points_its_correct_answers_earn(name: str) -> None:
    result = grade(name)
    assert full(result, "matches_reference") and full(result, "properties"), failures(result)


def test_a_shortcut_on_large_inputs_is_caught_by_the_full_comparison() -> None:
    result = grade("subsample_large")
    message = next(c.message for c in result.checks if c.category == "efficiency")
    assert "different result" in message or "differs" in message, message


# ----------------------------------------------------------------------------- trusted objects


@pytest.mark.parametrize("isolation", ISOLATIONS)
def test_a_spy_journal_cannot_be_forged_from_candidate_code(isolation: str) -> None:
    result = grade("forge_journal", isolation)
    fresh = next(c for c in result.checks if c.name.startswith("test_each_pair_is_fitted_on_a_fresh_copy"))
    assert not fresh.passed, failures(result)
    assert "fitted the estimator it was given" in fresh.message or "same copy" in fresh.message, fresh.message
    assert "refused" in result.candidate_output, result.candidate_output


def test_an_endless_generator_fails_its_check_with_a_plain_reason() -> None:
    result = grade("endless_generator")
    check = next(c for c in result.checks if c.name == "test_batches_cover_the_rows_in_order")
    assert not check.passed
    assert "more than 10,000 items" in check.message or "time budget" in check.message, check.message
    assert result.status == "graded" and full(result, "properties"), failures(result)


# ----------------------------------------------------------------------------- totals


@pytest.mark.parametrize("isolation", ISOLATIONS)
def test_a_disk_flood_fails_its_checks_and_leaves_the_host_clean(isolation: str) -> None:
    before = set(os.listdir("/tmp"))
    result = grade("disk_flood", isolation)
    matches = next(c for c in result.checks if c.name == "test_column_means_match_the_reference")
    assert not matches.passed, failures(result)
    assert any(word in matches.message for word in ("No space left", "wrote more than", "disk")), matches.message
    leftovers = [name for name in set(os.listdir("/tmp")) - before if name.startswith("mlgrade-flood")]
    assert not leftovers
    for root, _, files in os.walk("/tmp"):
        assert not any(name.startswith("mlgrade-flood-") for name in files), root


def test_a_memory_flood_fails_its_check_without_taking_the_grader_down() -> None:
    result = grade("memory_flood")
    matches = next(c for c in result.checks if c.name == "test_column_means_match_the_reference")
    assert not matches.passed and "memory" in matches.message.lower(), matches.message
    assert full(result, "properties"), failures(result)


# ----------------------------------------------------------------------------- the judge


MALICIOUS_JUDGE = """
import pathlib, sys
pathlib.Path(__file__).resolve().parent.parent.joinpath("PWNED").write_text("the submission ran as the judge")
"""


def _submission_with_a_fake_grader(folder: Path) -> Path:
    (folder / "grader").mkdir(parents=True)
    for name in ("__init__.py", "judge.py", "__main__.py"):
        (folder / "grader" / name).write_text(MALICIOUS_JUDGE)
    shutil.copyfile(TRUST / "exercises" / "trusty" / "trusty.py", folder / "trusty.py")
    return folder


def _mlgrade(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "mlgrade"), *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, env={**os.environ})


def test_grading_from_inside_the_submission_never_runs_its_files(tmp_path: Path) -> None:
    submission = _submission_with_a_fake_grader(tmp_path / "candidate")
    done = _mlgrade("grade", ".", "--format", "json", cwd=submission)
    assert not (submission / "PWNED").exists(), done.stderr
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    (exercise,) = report["exercises"]
    assert exercise["status"] == "graded", exercise
    assert exercise["checks"] and all("not implemented" in c["message"] for c in exercise["checks"]), exercise


def test_a_batch_run_from_inside_the_submissions_folder_never_runs_a_submission(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    _submission_with_a_fake_grader(cohort / "alice")
    # A submission folder named ``grader``: from inside ``cohort`` it would shadow the judge's package.
    (cohort / "grader").mkdir()
    (cohort / "grader" / "__init__.py").write_text(MALICIOUS_JUDGE.replace("parent.parent", "parent"))
    (cohort / "grader" / "judge.py").write_text(MALICIOUS_JUDGE.replace("parent.parent", "parent"))
    done = _mlgrade("batch", ".", "--out", str(tmp_path / "results"), cwd=cohort)
    assert not list(cohort.rglob("PWNED")), done.stderr
    assert done.returncode in (0, 1), done.stderr
    stored = json.loads((tmp_path / "results" / "submissions" / "alice.json").read_text())
    assert stored["exercises"][0]["status"] == "graded", stored


def test_the_judge_gets_none_of_the_variables_that_inject_code(monkeypatch: pytest.MonkeyPatch) -> None:
    from grader.grading.runner import judge_env

    monkeypatch.setenv("PYTHONPATH", "/somewhere/else")
    monkeypatch.setenv("PYTHONSTARTUP", "/somewhere/startup.py")
    env = judge_env()
    assert "PYTHONPATH" not in env and "PYTHONSTARTUP" not in env
    assert env["PYTHONHASHSEED"] == "0"


# ----------------------------------------------------------------------------- process mode as root


def test_nobody_can_run_reads_the_permission_bits_of_every_parent(tmp_path: Path) -> None:
    from grader.grading.launcher import nobody_can_run

    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (private / "python").write_text("")
    (private / "python").chmod(0o755)
    public = tmp_path / "public"
    public.mkdir(mode=0o755)
    (public / "python").write_text("")
    (public / "python").chmod(0o755)
    tmp_path.chmod(0o755)
    assert not nobody_can_run([private / "python"])
    assert nobody_can_run([public / "python"]) == all(p.stat().st_mode & 0o001 for p in tmp_path.parents)


@pytest.mark.skipif(os.geteuid() != 0, reason="dropping privileges needs root")
def test_a_worker_started_as_nobody_runs_with_uid_nobody() -> None:
    from grader.grading.launcher import NOBODY, Limits, apply_limits

    done = subprocess.run(
        ["id", "-u"],
        capture_output=True,
        text=True,
        check=True,
        preexec_fn=lambda: apply_limits(Limits(), as_nobody=True),
    )
    assert done.stdout.strip() == str(NOBODY)
