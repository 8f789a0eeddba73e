"""A Markdown summary, fit for a CI step summary or a pull-request comment."""

from __future__ import annotations

from grader.results import ExerciseResult, GradeReport


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: GradeReport) -> str:
    lines = [
        f"## mlgrade: {report.score:g} / {report.max_score:g} ({report.percent:.1f}%)",
        "",
        f"Submission `{report.submission}`, isolation: {report.isolation}.",
        "",
        "| exercise | score | status | checks passed |",
        "| --- | ---: | --- | ---: |",
    ]
    for exercise in report.exercises:
        passed = sum(1 for check in exercise.checks if check.passed)
        lines.append(f"| {exercise.slug} | {exercise.score:g} / {exercise.max_score:g} | "
                     f"{exercise.status.replace('_', ' ')} | {passed} / {len(exercise.checks)} |")
    for exercise in report.exercises:
        lines += _details(exercise)
    return "\n".join(lines) + "\n"


def _details(exercise: ExerciseResult) -> list[str]:
    failed = exercise.failed_checks
    if not failed and not exercise.message:
        return []
    lines = ["", f"### {exercise.slug}", ""]
    if exercise.message:
        lines += [_cell(exercise.message), ""]
    if failed:
        lines += ["| check | category | points | why |", "| --- | --- | ---: | --- |"]
        for check in failed:
            why = check.message + (f" Smallest failing input: {check.example}" if check.example else "")
            lines.append(f"| `{check.name}` | {check.category} | {check.max_score:g} | {_cell(why)} |")
    return lines
