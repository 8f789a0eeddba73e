"""Render a ``GradeReport`` in one of the output formats; rendering never changes the data.

Candidate text is cleaned where results are built (``grader.runner``, ``grader.results``); a report
built anywhere else (a test, a script) is cleaned on a copy here, so no format ever receives raw
candidate text. Cleaning is idempotent: a clean report renders the same either way. Each format
then escapes its own syntax.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from grader.core.results import GradeReport, clean_report
from grader.reports import gradescope, json_report, junit, markdown, text


def _html(report: GradeReport) -> str:
    from grader.reports import html  # draws pictures with NumPy: imported only when a page is asked for

    return html.render(report)


FORMATS: dict[str, Callable[[GradeReport], str]] = {
    "text": text.render,
    "json": json_report.render,
    "junit": junit.render,
    "gradescope": gradescope.render,
    "markdown": markdown.render,
    "html": _html,
}


def render(
    report: GradeReport,
    fmt: str,
    *,
    color: bool = False,
    min_score: float | None = None,
    gradescope_visibility: str = gradescope.DEFAULT_VISIBILITY,
) -> str:
    """The report as text in format ``fmt`` (one of ``FORMATS``).

    ``color`` is for ``text``; ``min_score`` lets ``markdown`` say whether the gate passed;
    ``gradescope_visibility`` is the students' view of the hidden checks in ``gradescope``.
    """
    safe = clean_report(copy.deepcopy(report))
    if fmt == "text":
        return text.render(safe, color=color)
    if fmt == "markdown":
        return markdown.render(safe, min_score=min_score)
    if fmt == "gradescope":
        return gradescope.render(safe, visibility=gradescope_visibility)
    return FORMATS[fmt](safe)
