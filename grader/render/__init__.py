"""Render a ``GradeReport`` in one of the output formats; rendering never changes the data."""

from __future__ import annotations

from collections.abc import Callable

from grader.render import gradescope, html, json_report, junit, markdown, text
from grader.results import GradeReport

FORMATS: dict[str, Callable[[GradeReport], str]] = {
    "text": text.render,
    "json": json_report.render,
    "junit": junit.render,
    "gradescope": gradescope.render,
    "markdown": markdown.render,
    "html": html.render,
}


def render(report: GradeReport, fmt: str, *, color: bool = False) -> str:
    """The report as text in format ``fmt`` (one of ``FORMATS``)."""
    if fmt == "text":
        return text.render(report, color=color)
    return FORMATS[fmt](report)
