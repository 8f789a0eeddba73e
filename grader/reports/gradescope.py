"""Gradescope's ``results.json``: total score, and one test per check with its own score and output.

Fields follow Gradescope's autograder specification: top level ``score``, ``execution_time``,
``output``, ``output_format``, ``visibility``, ``stdout_visibility``, ``tests``; each test ``name``,
``score``, ``max_score``, ``status`` (``passed`` / ``failed``), ``output``, ``tags``, ``visibility``.

The checks are the hidden suite's: their names and failing inputs would teach the hidden tests to
the next student, so by default students see them only once the grades are published
(``after_published``; ``--gradescope-visibility`` chooses). The total and the exercise-level
problems (not submitted, import error) are the student's own and stay visible. Points are to the
cent and a test's score is the check's, so the tests add up exactly to the total.
"""

from __future__ import annotations

import json
import math
from typing import Any

from grader.core.results import GRADED, GradeReport, percent_text, points

VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")
DEFAULT_VISIBILITY = "after_published"


def render(report: GradeReport, *, visibility: str = DEFAULT_VISIBILITY) -> str:
    if visibility not in VISIBILITIES:
        raise ValueError(f"visibility must be one of {', '.join(VISIBILITIES)}; got {visibility!r}")
    tests: list[dict[str, Any]] = []
    for exercise in report.exercises:
        if exercise.status != GRADED:
            tests.append(
                {
                    "name": f"{exercise.slug}: {exercise.status.replace('_', ' ')}",
                    "score": 0.0,
                    "max_score": 0.0 if exercise.checks else exercise.max_score,
                    "status": "failed",
                    "output": exercise.message,
                    "tags": [exercise.slug],
                    "visibility": "visible",
                }
            )
        for check in exercise.checks:
            output = check.message if not check.passed else "passed"
            if check.example:
                output += f"\nSmallest failing input: {check.example}"
            tests.append(
                {
                    "name": f"{exercise.slug}: {check.name}",
                    "score": check.score,
                    "max_score": check.max_score,
                    "status": "passed" if check.passed else "failed",
                    "output": output,
                    "tags": [exercise.slug, check.category],
                    "visibility": visibility,
                }
            )
    summary = (
        f"mlgrade {report.version}: {points(report.score)} / {points(report.max_score)} "
        f"({percent_text(report.percent)})"
    )
    document = {
        "score": report.score,
        "output": summary,
        "output_format": "text",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "execution_time": math.ceil(float(report.timing.get("seconds", 0.0))),
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"
