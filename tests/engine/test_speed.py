"""Efficiency checks stop a call once its verdict is known, and leave a fast candidate alone."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from grader.core.errors import CandidateTimeout
from grader.grading.proxy import WorkerClient, WorkerConfig, call_deadline
from grader.testing.checks import CheckFailed
from grader.testing.speed import assert_fast_enough

MODULE = """
import numpy as np

def total(x):
    return np.asarray(x).sum()

def total_slowly(x):
    s = 0.0
    for _ in range(10**9):
        s += 1.0
    return s
"""

CALL_TIMEOUT = 30.0


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerClient]:
    source = Path(tmp_path_factory.mktemp("speed")) / "model.py"
    source.write_text(MODULE)
    worker = WorkerClient(WorkerConfig(module="model", source=source, call_timeout=CALL_TIMEOUT))
    yield worker
    worker.close()


def _inputs(repeat: int) -> np.ndarray:
    return np.arange(1000.0) + repeat


def test_a_fast_candidate_passes(client: WorkerClient) -> None:
    assert_fast_enough(client.module.total, np.sum, inputs=_inputs, within=50, what="total(x)", floor_seconds=0.2)


def test_a_hopeless_call_is_stopped_long_before_the_call_timeout(client: WorkerClient) -> None:
    started = time.monotonic()
    with pytest.raises(CheckFailed, match="times slower"):
        assert_fast_enough(client.module.total_slowly, np.sum, inputs=_inputs, within=5, what="total(x)")
    assert time.monotonic() - started < CALL_TIMEOUT / 3
    assert client.module.total(np.ones(3)) == 3.0, "the worker is restarted for the checks after it"


def test_a_deadline_covers_all_the_calls_in_its_block(client: WorkerClient) -> None:
    with call_deadline(0.5), pytest.raises(CandidateTimeout, match="timed out"):
        client.module.total(np.ones(3))  # well within
        client.module.total_slowly(1)  # the rest of the half second is not enough
    assert client.module.total(np.ones(2)) == 2.0, "outside the block the exercise's call timeout applies again"


def test_a_clear_pass_needs_one_repeat_and_a_close_call_gets_them_all(client: WorkerClient) -> None:
    drawn: list[int] = []

    def inputs(repeat: int) -> np.ndarray:
        drawn.append(repeat)
        return _inputs(repeat)

    assert_fast_enough(client.module.total, np.sum, inputs=inputs, within=1e6, what="total(x)")
    assert drawn == [0]
    drawn.clear()
    with pytest.raises(CheckFailed, match="times slower"):
        assert_fast_enough(client.module.total, np.sum, inputs=inputs, within=1, what="total(x)", floor_seconds=0)
    assert drawn == [0, 1, 2], "a failing verdict is the best of every repeat"
