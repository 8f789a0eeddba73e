"""A Markdown summary, fit for a GitHub job summary or a pull-request comment.

Candidate text is inert here: every ASCII punctuation character in it is backslash-escaped, which
CommonMark defines as the literal character, so no HTML tag, emphasis, link, heading or table cell
can come from a message. The only HTML is the grader's own ``<details>``. The one table (an exercise
per row, four short columns) fits the job summary's width; failed checks are lists, folded in
``<details>`` so that a long report stays readable.
"""

from __future__ import annotations

import string

from grader.core.results import ExerciseResult, GradeReport, percent_text, points

_PUNCTUATION = frozenset(string.punctuation)


def escape(text: object) -> str:
    """Text for Markdown inline content: punctuation escaped, on one line (newlines become spaces)."""
    return "".join("\\" + char if char in _PUNCTUATION else char for char in " ".join(str(text).split()))


def code(text: object) -> str:
    """Text as a code span (shown literally), on one line, with a fence longer than any backtick run in it."""
    body = " ".join(str(text).split())
    longest = run = 0
    for char in body:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    return f"{fence} {body} {fence}"


def render(report: GradeReport, *, min_score: float | None = None) -> str:
    lines = [
        f"## mlgrade: {points(report.score)} / {points(report.max_score)} ({percent_text(report.percent)})",
        "",
        f"Submission {code(report.submission)}, isolation: {escape(report.isolation)}.",
    ]
    if min_score is not None:
        verdict = "passed" if report.percent >= min_score else "**failed**"
        lines += ["", f"Minimum score {escape(percent_text(min_score))}: {verdict}."]
    if report.notes:
        lines += ["", *(f"- note: {escape(note)}" for note in report.notes)]
    lines += ["", "| exercise | score | status | checks passed |", "| --- | ---: | --- | ---: |"]
    for exercise in report.exercises:
        passed = sum(1 for check in exercise.checks if check.passed)
        lines.append(
            f"| {escape(exercise.slug)} | {points(exercise.score)} / {points(exercise.max_score)} | "
            f"{escape(exercise.status.replace('_', ' '))} | {passed} / {len(exercise.checks)} |"
        )
    for exercise in report.exercises:
        lines += _details(exercise)
    return "\n".join(lines) + "\n"


def _details(exercise: ExerciseResult) -> list[str]:
    failed = exercise.failed_checks
    if not failed and not exercise.message and not exercise.notes:
        return []
    lines = ["", f"### {escape(exercise.slug)}: {points(exercise.score)} / {points(exercise.max_score)}", ""]
    if exercise.message:
        lines += [escape(exercise.message), ""]
    lines += [f"- note: {escape(note)}" for note in exercise.notes]
    if failed:
        lines += ["", f"<details><summary>{len(failed)} failed check{'s' if len(failed) > 1 else ''}</summary>", ""]
        for check in failed:
            item = (
                f"- **{escape(check.name)}** ({escape(check.category)}, {points(check.max_score)} pts): "
                f"{escape(check.message)}"
            )
            if check.example:
                item += f" Smallest failing input: {code(check.example)}"
            lines.append(item)
        lines += ["", "</details>"]
    return lines
