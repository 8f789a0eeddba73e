"""``--isolation none`` (the in-process baseline ``make bench`` times) gives the sandbox's verdicts."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.grading.runner import GradeOptions, grade_submission

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample_submission"


@pytest.mark.slow
def test_a_notebook_is_graded_in_process_with_the_sandboxs_verdicts() -> None:
    # The sample's scaling exercise is a notebook; in-process it used to be a broken suite, 0 of 20.
    slugs = ("leakage_safe_scaling",)
    sandboxed = grade_submission(SAMPLE, GradeOptions(slugs, isolation="auto")).exercises[0]
    in_process = grade_submission(SAMPLE, GradeOptions(slugs, isolation="none")).exercises[0]
    assert in_process.status == "graded", in_process.message[:2000]
    assert in_process.notes == sandboxed.notes
    assert {c.name: c.passed for c in in_process.checks} == {c.name: c.passed for c in sandboxed.checks}
    assert 0 < in_process.score == sandboxed.score < in_process.max_score
