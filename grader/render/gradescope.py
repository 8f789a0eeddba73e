"""Gradescope's ``results.json``: total score, and one test per check with its own score and output.

Fields follow Gradescope's autograder specification: top level ``score``, ``output``,
``output_format``, ``visibility``, ``stdout_visibility``, ``tests``; each test ``name``, ``score``,
``max_score``, ``status`` (``passed`` / ``failed``), ``output``, ``tags``, ``visibility``.
"""

from __future__ import annotations

import json
from typing import Any

from grader.results import GRADED, GradeReport


def render(report: GradeReport) -> str:
    tests: list[dict[str, Any]] = []
    for exercise in report.exercises:
        if exercise.status != GRADED:
            tests.append({
                "name": f"{exercise.slug}: {exercise.status.replace('_', ' ')}",
                "score": 0.0, "max_score": 0.0, "status": "failed", "output": exercise.message,
                "tags": [exercise.slug], "visibility": "visible",
            })
        for check in exercise.checks:
            output = check.message if not check.passed else "passed"
            if check.example:
                output += f"\nSmallest failing input: {check.example}"
            tests.append({
                "name": f"{exercise.slug}: {check.name}", "score": check.score, "max_score": check.max_score,
                "status": "passed" if check.passed else "failed", "output": output,
                "tags": [exercise.slug, check.category], "visibility": "visible",
            })
        if not exercise.checks and exercise.status != GRADED:
            tests[-1]["max_score"] = exercise.max_score
    summary = f"mlgrade {report.version}: {report.score:g} / {report.max_score:g} ({report.percent:.1f}%)"
    document = {
        "score": report.score, "output": summary, "output_format": "text", "visibility": "visible",
        "stdout_visibility": "hidden", "tests": tests,
    }
    return json.dumps(document, indent=2, sort_keys=True) + "\n"
