"""The text report for a terminal: a score table, then each failed check with its reason.

Fits in 80 columns. Colour only when asked (the CLI asks on a terminal without ``NO_COLOR``), and
the grader's colours are the only escape sequences in it: candidate text arrives cleaned
(``grader.sanitize``). No line starts with ``::``, which GitHub Actions would read as a workflow
command wherever the report is printed in a log.
"""

from __future__ import annotations

import textwrap

from grader.core.results import (
    GRADED,
    UNSAFE_ISOLATION_WARNING,
    CheckResult,
    ExerciseResult,
    GradeReport,
    percent_text,
    points,
    unsafe_isolation,
)
from grader.core.sanitize import defuse_line

WIDTH = 80
_COLOURS = {"red": "31", "green": "32", "yellow": "33", "bold": "1", "dim": "2"}


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, name: str) -> str:
        return f"\033[{_COLOURS[name]}m{text}\033[0m" if self.color else text


def render(report: GradeReport, *, color: bool = False) -> str:
    style = _Style(color)
    lines = [style(line, "bold") for line in _wrap(f"mlgrade {report.version}: {report.submission}", "")]
    lines += _wrap(f"isolation: {report.isolation}", "")
    unsafe = unsafe_isolation(report.isolation)
    if unsafe:
        lines.append(style("WARNING: " + UNSAFE_ISOLATION_WARNING.format(unsafe), "red"))
    for note in report.notes:
        lines += _wrap(f"note: {note}", "", subsequent="  ")
    lines += ["", f"{'exercise':<28}{'score':>17}  status", "-" * WIDTH]
    for exercise in report.exercises:
        score = f"{points(exercise.score):>6} / {points(exercise.max_score):<6}"
        status = exercise.status.replace("_", " ")
        colour = "green" if exercise.score == exercise.max_score else ("red" if exercise.score == 0 else "yellow")
        lines.append(f"{exercise.slug:<28}{style(f'{score:>17}', colour)}  {status}")
    lines.append("-" * WIDTH)
    total = f"{points(report.score):>6} / {points(report.max_score):<6}"
    lines.append(f"{'total':<28}{total:>17}  ({percent_text(report.percent)})")
    for exercise in report.exercises:
        lines += ["", *_exercise_details(exercise, style)]
    return "\n".join(defuse_line(line) for line in lines) + "\n"


def _exercise_details(exercise: ExerciseResult, style: _Style) -> list[str]:
    lines = [style(line, "bold") for line in _wrap(f"{exercise.slug}: {exercise.title}", "")]
    if exercise.message:
        lines += _wrap(exercise.message, "  ")
    for note in exercise.notes:
        lines += _wrap(f"note: {note}", "  ")
    if exercise.candidate_output_bytes:
        lines += _wrap(
            f"note: the candidate's process wrote {exercise.candidate_output_bytes} bytes to "
            "stdout/stderr (the first 4 KiB are in the JSON report; the grader never reads them)",
            "  ",
        )
    if not exercise.checks:
        return lines
    if exercise.status == GRADED:
        lines += _wrap(_category_line(exercise), "  ")
    failed = exercise.failed_checks
    passed = len(exercise.checks) - len(failed)
    lines.append(style(f"  {passed} of {len(exercise.checks)} checks passed", "green" if not failed else "yellow"))
    for check in failed:
        lines += _failed_check(check, style)
    return lines


def _category_line(exercise: ExerciseResult) -> str:
    parts = [
        f"{name} {points(value['score'])}/{points(value['max_score'])}" for name, value in exercise.categories.items()
    ]
    return "; ".join(parts)


def _failed_check(check: CheckResult, style: _Style) -> list[str]:
    title = f"  {style('x', 'red')} {check.name} [{check.category}, {points(check.max_score)} pts]"
    lines = _wrap(title, "", subsequent="      ")
    lines += _wrap(check.message, "      ")
    if check.example:
        lines += _wrap(f"smallest failing input: {check.example}", "      ")
    return lines


def _wrap(text: str, indent: str, subsequent: str | None = None) -> list[str]:
    # Each line of a message is wrapped on its own: a traceback keeps its lines.
    lines: list[str] = []
    for paragraph in text.split("\n"):
        first = indent if not lines else (subsequent or indent)
        lines += textwrap.wrap(
            paragraph,
            WIDTH,
            initial_indent=first,
            subsequent_indent=subsequent or indent,
            break_long_words=True,
            break_on_hyphens=False,
        ) or [first.rstrip() or first]
    return lines or [indent]
