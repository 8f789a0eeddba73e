"""The visual report: one self-contained HTML page, readable offline.

Everything is inline: the style sheet and the pictures (PNG as ``data:`` URLs); a Content Security
Policy forbids anything else, scripts included. Every string from the report is escaped, since
messages quote what candidate code raised, and arrives cleaned (``grader.sanitize``), so the page
holds no control character or non-character HTML forbids. No timings, so the same report gives the
same bytes.
Pictures need matplotlib (``pip install 'mlgrade[report]'``); without it the page says so and
shows everything else.
"""

from __future__ import annotations

import base64
from html import escape

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
from grader.reports import pictures as plots

POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; margin: 0;
       background: #f4f6f9; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 32px 0 8px; }
.meta { color: #5b6475; margin: 0; }
.total { font-size: 30px; font-weight: 700; margin: 12px 0 4px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
th, td { border-bottom: 1px solid #dde2ea; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f6; } td.num { text-align: right; white-space: nowrap; }
.bar { background: #e6e9ef; border-radius: 3px; height: 8px; width: 120px; }
.bar > span { display: block; height: 8px; border-radius: 3px; background: #2e8540; }
.bar.partial > span { background: #d08b0b; } .bar.zero > span { background: #c0392b; }
.status { font-weight: 600; } .status.bad { color: #c0392b; }
.message { background: #fff4f2; border-left: 4px solid #c0392b; padding: 8px 12px; }
.note { color: #5b6475; font-size: 13px; }
figure { margin: 12px 0 20px; } figure img { max-width: 100%; border: 1px solid #dde2ea; }
figcaption { color: #39414f; font-size: 13px; }
code, .example { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 12.5px; }
.example { display: block; background: #f6f8fa; padding: 4px 6px; margin-top: 4px; white-space: pre-wrap;
           word-break: break-all; }
"""


def render(report: GradeReport) -> str:
    title = f"mlgrade: {report.submission} ({percent_text(report.percent)})"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>",
        "<body><main>",
        f'<h1>mlgrade report: <span id="submission">{escape(report.submission)}</span></h1>',
        f'<p class="total" id="total">{points(report.score)} / {points(report.max_score)} '
        f"({percent_text(report.percent)})</p>",
        f'<p class="meta">isolation: {escape(report.isolation)} · mlgrade {escape(report.version)}</p>',
    ]
    unsafe = unsafe_isolation(report.isolation)
    if unsafe:
        parts.append(f'<p class="message" id="unsafe-isolation">{escape(UNSAFE_ISOLATION_WARNING.format(unsafe))}</p>')
    parts += [f'<p class="note">note: {escape(note)}</p>' for note in report.notes]
    parts.append(_score_table(report))
    if not plots.available():
        parts.append(
            '<p class="note" id="no-plots">Pictures need matplotlib: <code>pip install \'mlgrade[report]\'</code>.</p>'
        )
    parts += [_exercise(exercise) for exercise in report.exercises]
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _score_table(report: GradeReport) -> str:
    rows = [
        '<h2 id="scores">Scores</h2><table id="score-table">',
        "<thead><tr><th>exercise</th><th>score</th><th></th><th>status</th><th>checks passed</th>"
        "<th>by category</th></tr></thead><tbody>",
    ]
    for exercise in report.exercises:
        passed = sum(1 for check in exercise.checks if check.passed)
        fraction = exercise.score / exercise.max_score if exercise.max_score else 0.0
        kind = "" if fraction >= 1 else ("zero" if fraction <= 0 else "partial")
        categories = ", ".join(
            f"{escape(name)} {points(value['score'])}/{points(value['max_score'])}"
            for name, value in exercise.categories.items()
        )
        status_class = "status" if exercise.status == GRADED else "status bad"
        rows.append(
            f'<tr><td><a href="#ex-{escape(exercise.slug)}">{escape(exercise.slug)}</a></td>'
            f'<td class="num">{points(exercise.score)} / {points(exercise.max_score)}</td>'
            f'<td><div class="bar {kind}"><span style="width:{100 * fraction:.0f}%"></span></div></td>'
            f'<td class="{status_class}">{escape(exercise.status.replace("_", " "))}</td>'
            f'<td class="num">{passed} / {len(exercise.checks)}</td><td class="note">{categories}</td></tr>'
        )
    rows.append(
        f'<tr><th>total</th><th class="num">{points(report.score)} / {points(report.max_score)}</th>'
        f"<th></th><th>{percent_text(report.percent)}</th><th></th><th></th></tr>"
    )
    rows.append("</tbody></table>")
    return "\n".join(rows)


def _exercise(exercise: ExerciseResult) -> str:
    slug = escape(exercise.slug)
    parts = [
        f'<section class="exercise" id="ex-{slug}">',
        f"<h2>{slug}: {escape(exercise.title)} — {points(exercise.score)} / {points(exercise.max_score)}</h2>",
    ]
    if exercise.message:
        parts.append(f'<p class="message">{escape(exercise.message)}</p>')
    notes = list(exercise.notes)
    if exercise.candidate_output_bytes:
        notes.append(
            f"candidate code printed {exercise.candidate_output_bytes} bytes (kept, cut, in the JSON "
            "report; never read by the grader)"
        )
    parts += [f'<p class="note">note: {escape(note)}</p>' for note in notes]
    if plots.available():
        parts += [_picture(picture) for picture in plots.pictures_for(exercise)]
    failed = exercise.failed_checks
    if exercise.checks:
        parts.append(f"<p>{len(exercise.checks) - len(failed)} of {len(exercise.checks)} checks passed.</p>")
    if failed:
        parts.append(
            '<table class="failed-checks"><thead><tr><th>failed check</th><th>category</th>'
            "<th>points</th><th>why</th></tr></thead><tbody>"
        )
        parts += [_failed_check(check) for check in failed]
        parts.append("</tbody></table>")
    parts.append("</section>")
    return "\n".join(parts)


def _failed_check(check: CheckResult) -> str:
    example = f'<span class="example">smallest failing input: {escape(check.example)}</span>' if check.example else ""
    return (
        f'<tr class="failed-check"><td><code>{escape(check.name)}</code></td><td>{escape(check.category)}</td>'
        f'<td class="num">{points(check.max_score)}</td><td>{escape(check.message)}{example}</td></tr>'
    )


def _picture(picture: plots.Picture) -> str:
    if not picture.png:
        return f'<p class="note picture-missing"><b>{escape(picture.title)}</b>: {escape(picture.caption)}</p>'
    data = base64.b64encode(picture.png).decode("ascii")
    return (
        f'<figure class="picture"><img alt="{escape(picture.title)}" src="data:image/png;base64,{data}">'
        f"<figcaption><b>{escape(picture.title)}.</b> {escape(picture.caption)}</figcaption></figure>"
    )
