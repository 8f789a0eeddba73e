"""The JSON report: the ``GradeReport`` as data, keys sorted, so that runs compare byte for byte."""

from __future__ import annotations

import json

from grader.core.results import GradeReport


def render(report: GradeReport) -> str:
    return json.dumps(report.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
