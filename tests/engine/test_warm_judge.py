"""A judge forked from the warm server grades exactly like one started from scratch, and is started as safely."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from grader.core.exercises import find
from grader.grading import runner, warm_judge
from grader.grading.runner import grade_exercise
from grader.grading.submission import ExerciseSource
from tests.engine.conftest import TOY

BUGGY = """
import numpy as np


def column_means(X):
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be two-dimensional")
    return X.sum(axis=0) / (X.shape[0] + 1)   # off by one: divides by n + 1
"""


def _graded(source: Path, tmp_path: Path) -> dict[str, Any]:
    copy = tmp_path / "toy.py"
    copy.write_bytes(source.read_bytes())
    result = grade_exercise(find("toy"), ExerciseSource("toy", copy, "py", copy.name), "auto")
    data: dict[str, Any] = json.loads(json.dumps(vars(result), default=str))
    data.pop("timing", None)
    return data


@pytest.mark.parametrize("variant", ["reference", "buggy"])
def test_a_forked_judge_gives_the_result_a_fresh_one_gives(
    variant: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = TOY / "reference" / "toy.py"
    if variant == "buggy":
        source = tmp_path / "buggy.py"
        source.write_text(BUGGY)
    monkeypatch.setenv(warm_judge.VARIABLE, "off")
    fresh = _graded(source, tmp_path)
    monkeypatch.setenv(warm_judge.VARIABLE, "on")
    forked = _graded(source, tmp_path)
    assert forked == fresh
    assert (fresh["score"] == fresh["max_score"]) == (variant == "reference")


def test_the_server_starts_like_a_judge_and_leaves_with_its_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", "/somewhere/else")
    server = warm_judge.JudgeServer(runner.judge_env(), runner._limit_judge)
    try:
        pid = server._process.pid
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        assert b"-P" in command and b"-s" in command
        assert "mlgrade-judge-server-" in os.readlink(f"/proc/{pid}/cwd")
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
        assert not any(entry.startswith(b"PYTHONPATH=") for entry in environ)
        assert b"PYTHONHASHSEED=0" in environ
    finally:
        server.close()
    deadline = time.monotonic() + 10
    while server._process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server._process.poll() is not None


def test_one_server_per_environment_and_at_most_two(monkeypatch: pytest.MonkeyPatch) -> None:
    first = warm_judge.server_for(runner.judge_env(), runner._limit_judge)
    assert first is not None and warm_judge.server_for(runner.judge_env(), runner._limit_judge) is first
    monkeypatch.setenv("PYTEST_CURRENT_TEST", "another test")  # changes on every test: same server
    monkeypatch.setenv("MLGRADE_EXERCISES", str(TOY / "elsewhere"))  # read by the judge, after the fork
    assert warm_judge.server_for(runner.judge_env(), runner._limit_judge) is first
    servers: list[warm_judge.JudgeServer | None] = [first]
    for elsewhere in ("one", "two"):
        monkeypatch.setenv("MLGRADE_TEST_SETTING", elsewhere)
        servers.append(warm_judge.server_for(runner.judge_env(), runner._limit_judge))
    assert len({id(server) for server in servers}) == 3
    assert not first.alive and len(warm_judge._servers) == warm_judge.KEPT_SERVERS
    monkeypatch.setenv(warm_judge.VARIABLE, "off")
    assert warm_judge.server_for(runner.judge_env(), runner._limit_judge) is None


def test_a_judge_reads_the_bank_its_request_names_not_the_servers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = warm_judge.server_for(runner.judge_env(), runner._limit_judge)
    assert _graded(TOY / "reference" / "toy.py", tmp_path)["max_score"] == 10
    other = tmp_path / "bank" / "exercises"
    shutil.copytree(TOY / "exercises", other)
    config = other / "toy" / "exercise.toml"
    config.write_text(config.read_text().replace("points = 10", "points = 30"))
    monkeypatch.setenv("MLGRADE_EXERCISES", str(other))
    assert warm_judge.server_for(runner.judge_env(), runner._limit_judge) is server
    assert _graded(TOY / "reference" / "toy.py", tmp_path)["max_score"] == 30


def test_a_process_that_starts_one_judge_starts_no_server_but_uses_a_running_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    running = warm_judge.server_for(runner.judge_env(), runner._limit_judge)
    with warm_judge.starting_servers(False):
        assert warm_judge.server_for(runner.judge_env(), runner._limit_judge) is running
        monkeypatch.setenv("MLGRADE_TEST_SETTING", "a server of its own")
        assert warm_judge.server_for(runner.judge_env(), runner._limit_judge) is None
    assert warm_judge.server_for(runner.judge_env(), runner._limit_judge) is not None


def test_a_deadline_kills_the_whole_group_of_a_judge() -> None:
    sleeper = subprocess.Popen(["sleep", "30"], start_new_session=True)
    deadline = runner._Deadline(sleeper.pid, 0.2)
    try:
        assert sleeper.wait(timeout=10) != 0 and deadline.expired
    finally:
        deadline.cancel()
