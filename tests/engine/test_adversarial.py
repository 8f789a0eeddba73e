"""Hostile and broken submissions: each is graded without crashing or hanging the grader, and none
earns a point it did not earn honestly."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from grader.grading.launcher import bubblewrap_available
from tests.helpers import FIXTURES, assert_full_marks, failures, grade_variant

ADVERSARIAL = FIXTURES / "adversarial"
ISOLATIONS = ["process"] + (["bubblewrap"] if bubblewrap_available() else [])


def grade(name: str, isolation: str = "auto"):  # type: ignore[no-untyped-def]
    return grade_variant("toy", ADVERSARIAL / f"{name}.py", isolation)


@pytest.fixture
def tight_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The toy exercise with a 4 s time budget (20 s as shipped): the budget at work, sooner."""
    shutil.copytree(FIXTURES / "toy" / "exercises", tmp_path / "exercises")
    config = tmp_path / "exercises" / "toy" / "exercise.toml"
    shipped = config.read_text()
    assert "budget_seconds = 20" in shipped
    config.write_text(shipped.replace("budget_seconds = 20", "budget_seconds = 4"))
    monkeypatch.setenv("MLGRADE_EXERCISES", str(tmp_path / "exercises"))


@pytest.mark.parametrize("name", ["infinite_loop_at_import", "sys_exit_at_import", "os_exit_at_import"])
def test_a_module_that_never_imports_scores_zero_with_a_reason(name: str) -> None:
    result = grade(name)
    assert result.status == "import_error", failures(result)
    assert result.score == 0
    reason = {
        "infinite_loop_at_import": "timed out",
        "sys_exit_at_import": "sys.exit",
        "os_exit_at_import": "exited with status 0",
    }[name]
    assert reason in result.message
    assert all(reason in check.message for check in result.checks), failures(result)


def test_a_syntax_error_is_reported_with_its_line() -> None:
    result = grade("syntax_error")
    assert result.status == "import_error"
    assert "SyntaxError" in result.message and "line 4" in result.message, result.message


@pytest.mark.usefixtures("tight_budget")
def test_an_infinite_loop_in_a_method_times_out_and_grading_goes_on() -> None:
    result = grade("infinite_loop_in_method")
    assert result.score == 0
    assert result.status == "graded"
    messages = [check.message for check in result.checks]
    assert any("timed out after 3 s" in m for m in messages), failures(result)
    assert result.worker_restarts >= 1


def test_a_memory_bomb_fails_its_checks_without_taking_the_grader_down() -> None:
    result = grade("memory_bomb")
    assert result.score == 0
    assert any("memory" in c.message.lower() or "killed" in c.message for c in result.checks), failures(result)


def test_exiting_inside_a_method_fails_that_check_and_restarts_the_worker() -> None:
    result = grade("exit_in_method")
    assert result.score == 0
    messages = " ".join(check.message for check in result.checks)
    assert "sys.exit" in messages and "exited with status 0" in messages, failures(result)


def test_a_segfault_is_reported_as_a_crash() -> None:
    result = grade("segfault")
    assert result.score == 0
    assert any("SIGSEGV" in c.message for c in result.checks), failures(result)


@pytest.mark.parametrize("name", ["patch_numpy_testing", "lying_eq", "fake_report"])
def test_cheating_the_comparisons_earns_nothing(name: str) -> None:
    result = grade(name)
    assert result.score == 0, failures(result)
    assert all(not check.passed for check in result.checks)


def test_printed_fake_reports_are_kept_apart_and_never_read() -> None:
    result = grade("fake_report")
    assert "5 passed" in result.candidate_output
    assert result.score == 0


def test_a_stdout_flood_is_cut_and_does_not_block_grading() -> None:
    result = grade("stdout_flood")
    assert_full_marks(result)
    assert result.candidate_output_bytes > 10_000_000
    assert len(result.candidate_output) <= 4096


def test_a_missing_function_fails_only_the_checks_that_need_it() -> None:
    result = grade("missing_function")
    by_name = {check.name: check for check in result.checks}
    assert by_name["test_centerer_learns_the_means"].passed
    missing = by_name["test_column_means_match_the_reference"]
    assert not missing.passed and "defines no `column_means`" in missing.message


@pytest.mark.parametrize("name", ["forbidden_import", "hidden_import"])
def test_a_forbidden_import_zeroes_the_exercise_and_is_named(name: str) -> None:
    result = grade(name)
    assert result.status == "forbidden_import", failures(result)
    assert result.score == 0
    assert "sklearn" in result.message


@pytest.mark.parametrize("isolation", ISOLATIONS)
def test_the_reference_cannot_be_read_by_absolute_path(isolation: str) -> None:
    result = grade("read_reference", isolation)
    assert result.score == 0, failures(result)
    assert "read 0" in result.candidate_output, result.candidate_output


@pytest.mark.parametrize("isolation", ISOLATIONS)
def test_files_cannot_be_written_outside_the_submission_copy(isolation: str) -> None:
    result = grade("write_outside", isolation)
    assert result.score == 0
    for target in (
        "/tmp/mlgrade-adversarial-was-here",
        os.path.expanduser("~/mlgrade-adversarial-was-here"),
        str(Path(__file__).resolve().parents[2] / "mlgrade-adversarial-was-here"),
    ):
        assert not os.path.exists(target), target
    assert any(violation.startswith("blocked writing ") for violation in result.violations), result.violations


@pytest.mark.parametrize("isolation", ISOLATIONS)
def test_a_read_outside_the_sandbox_is_noted_even_of_a_file_pandas_reads_itself(isolation: str) -> None:
    # The worker does not note pandas' own read of the time-zone files when it imports pandas to decode
    # a judge's DataFrame (a correct submission is never reported); the candidate's own read still is.
    result = grade("read_system_file", isolation)
    assert any(v.startswith("blocked reading /usr/share/zoneinfo/") for v in result.violations), result.violations


@pytest.mark.parametrize("isolation", ISOLATIONS)
def test_sockets_are_refused(isolation: str) -> None:
    result = grade("open_socket", isolation)
    assert result.score == 0
    messages = " ".join(check.message for check in result.checks)
    assert "socket" in messages.lower() or "network" in messages.lower(), failures(result)


@pytest.mark.parametrize("isolation", ISOLATIONS)
def test_no_process_outlives_grading_and_the_parent_survives(isolation: str) -> None:
    result = grade("spawn_and_kill", isolation)
    assert result.score == 0
    assert result.candidate_output.count("blocked") >= 2, result.candidate_output
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            assert cmdline != b"sleep\x00600\x00", f"process {pid} outlived grading"


def test_the_environment_is_scrubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLGRADE_TEST_SECRET", "hunter2-do-not-leak")
    result = grade("read_environment")
    assert "hunter2" not in result.candidate_output
    assert "PYTHONHASHSEED" in result.candidate_output  # the output was captured


@pytest.mark.usefixtures("tight_budget")
def test_code_slow_on_every_call_runs_out_of_time_budget() -> None:
    result = grade("slow_everywhere")
    messages = " ".join(check.message for check in result.checks)
    assert "time budget exceeded" in messages, failures(result)
    assert result.score < result.max_score


def test_keyboard_interrupt_and_memory_error_fail_their_checks_with_a_reason() -> None:
    result = grade("keyboard_interrupt")
    messages = " ".join(check.message for check in result.checks)
    assert "KeyboardInterrupt" in messages and "MemoryError" in messages, failures(result)
    assert result.score == 0


def test_garbage_on_the_protocol_pipe_fails_the_check_as_malformed() -> None:
    result = grade("malformed_reply")
    assert result.score == 0
    messages = " ".join(check.message for check in result.checks)
    assert "malformed" in messages, failures(result)


@pytest.mark.parametrize("isolation", [*ISOLATIONS, "none"])
def test_hypothesis_runner_hooks_in_the_module_run_no_example_and_score_nothing(isolation: str) -> None:
    # Hypothesis makes a test's first argument (here ``candidate``) its runner unless it looks like a
    # mock: a module-level execute_example that never runs the example would pass every check untested.
    result = grade("hypothesis_runner_hooks", isolation)
    assert result.status == "graded"
    assert result.score == 0, failures(result)
    assert all(not check.passed for check in result.checks)
    assert any("not implemented" in check.message for check in result.checks), failures(result)
