"""The text report for a terminal: a score table, then each failed check with its reason.

Fits in 80 columns. Colour only when asked (the CLI asks on a terminal without ``NO_COLOR``).
"""

from __future__ import annotations

import textwrap

from grader.results import GRADED, CheckResult, ExerciseResult, GradeReport

WIDTH = 80
_COLOURS = {"red": "31", "green": "32", "yellow": "33", "bold": "1", "dim": "2"}


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, name: str) -> str:
        return f"\033[{_COLOURS[name]}m{text}\033[0m" if self.color else text


def render(report: GradeReport, *, color: bool = False) -> str:
    style = _Style(color)
    lines = [
        style(f"mlgrade {report.version}: {report.submission}", "bold"),
        f"isolation: {report.isolation}",
        "",
        f"{'exercise':<28}{'score':>16}  status",
        "-" * WIDTH,
    ]
    for exercise in report.exercises:
        score = f"{exercise.score:6.2f} / {exercise.max_score:<6g}"
        status = exercise.status.replace("_", " ")
        colour = "green" if exercise.score == exercise.max_score else ("red" if exercise.score == 0 else "yellow")
        lines.append(f"{exercise.slug:<28}{style(f'{score:>16}', colour)}  {status}")
    lines.append("-" * WIDTH)
    lines.append(f"{'total':<28}{report.score:6.2f} / {report.max_score:<6g}  ({report.percent:.1f}%)")
    for exercise in report.exercises:
        lines += ["", *_exercise_details(exercise, style)]
    return "\n".join(lines) + "\n"


def _exercise_details(exercise: ExerciseResult, style: _Style) -> list[str]:
    lines = [style(line, "bold") for line in _wrap(f"{exercise.slug}: {exercise.title}", "")]
    if exercise.message:
        lines += _wrap(exercise.message, "  ")
    for note in exercise.notes:
        lines += _wrap(f"note: {note}", "  ")
    if exercise.candidate_output_bytes:
        lines += _wrap(f"note: the candidate's process wrote {exercise.candidate_output_bytes} bytes to "
                       "stdout/stderr (the first 4 KiB are in the JSON report; the grader never reads them)", "  ")
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
    parts = [f"{name} {value['score']:g}/{value['max_score']:g}" for name, value in exercise.categories.items()]
    return "; ".join(parts)


def _failed_check(check: CheckResult, style: _Style) -> list[str]:
    title = f"  {style('x', 'red')} {check.name} [{check.category}, {check.max_score:g} pts]"
    lines = _wrap(title, "", subsequent="      ")
    lines += _wrap(check.message, "      ")
    if check.example:
        lines += _wrap(f"smallest failing input: {check.example}", "      ")
    return lines


def _wrap(text: str, indent: str, subsequent: str | None = None) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=subsequent or indent,
                         break_long_words=True, break_on_hyphens=False) or [indent]
