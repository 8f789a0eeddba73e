"""Stored batch results, the gradebook built from them, and the batch report around it.

A batch writes one JSON file per submission, ``RESULTS/submissions/<id>.json``: the submission's
ordinary JSON report plus a ``batch`` object (the submission's id, its content hash, the grading
fingerprint and the code of each exercise, kept for similarity flags). Each file is complete on its
own, so result folders from several machines merge by reading them all (``mlgrade gradebook``).

From those files: ``gradebook.csv`` (one row per submission, a column per exercise, the total, the
rank and what went wrong: exercises that could not be graded, a result that could not be saved),
``similarity.json`` and ``report.md``. Submission names are candidate text: in the CSV a cell a
spreadsheet would read as a formula is neutralised, in the Markdown every punctuation is escaped.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.core.errors import ConfigurationError, GraderError
from grader.core.exercises import find
from grader.core.results import GRADED, GradeReport, report_from_dict
from grader.core.sanitize import clean, clean_name
from grader.reports.markdown import code as md_code
from grader.reports.markdown import escape as md_escape
from grader.workflows import similarity

if TYPE_CHECKING:  # pandas takes a fifth of a second to import: only writing a gradebook needs it
    import pandas as pd

# A spreadsheet reads a cell starting with one of these as a formula (OWASP's "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")

SUBMISSIONS = "submissions"
BATCH_SCHEMA = 1
EXCERPT_LINES = 40


class ResultError(GraderError):
    """A results folder or file is not what ``mlgrade batch`` writes."""


@dataclass
class StoredResult:
    """One submission's stored result: its report and what the batch needs to reuse and compare it."""

    id: str
    content_sha256: str
    fingerprint: str
    report: GradeReport
    code: dict[str, str] = field(default_factory=dict)
    origin: Path = field(default=Path())
    # Set when this run could not write the result: the row says so, the next run grades it again.
    save_error: str = ""

    def to_json(self) -> str:
        data = self.report.to_dict()
        data["batch"] = {
            "schema": BATCH_SCHEMA,
            "id": self.id,
            "content_sha256": self.content_sha256,
            "fingerprint": self.fingerprint,
            "code": dict(sorted(self.code.items())),
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader (or a crash) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def load_result(path: Path) -> StoredResult:
    """Read one stored result; ``ResultError`` names the file and the problem."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        meta = data["batch"]
        if not isinstance(meta, dict) or meta.get("schema") != BATCH_SCHEMA:
            raise ValueError(
                f"unknown batch schema {meta.get('schema')!r}" if isinstance(meta, dict) else "'batch' is not an object"
            )
        code = {clean_name(slug): clean(text, 2**20) for slug, text in dict(meta.get("code", {})).items()}
        return StoredResult(
            id=clean_name(meta["id"]),
            content_sha256=str(meta["content_sha256"]),
            fingerprint=str(meta["fingerprint"]),
            report=report_from_dict(data),
            code=code,
            origin=path,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise ResultError(f"{path} is not an mlgrade batch result: {type(error).__name__}: {error}") from None


def result_files(folder: Path) -> list[Path]:
    """The result files of a results folder (``folder/submissions/*.json``, or ``folder/*.json``)."""
    inner = folder / SUBMISSIONS
    base = inner if inner.is_dir() else folder
    if not base.is_dir():
        raise ResultError(f"Results folder {folder} does not exist.")
    return sorted(path for path in base.glob("*.json") if not path.name.startswith("."))


def merge_folders(folders: Sequence[Path]) -> list[StoredResult]:
    """Every result in ``folders``; one submission found twice must be the same grading of the same code."""
    merged: dict[str, StoredResult] = {}
    for folder in folders:
        files = result_files(folder)
        if not files:
            raise ResultError(f"Results folder {folder} holds no results (no {SUBMISSIONS}/*.json).")
        for path in files:
            result = load_result(path)
            seen = merged.get(result.id)
            if seen is None:
                merged[result.id] = result
            elif (seen.content_sha256, seen.fingerprint) != (result.content_sha256, result.fingerprint):
                raise ResultError(
                    f"Submission {result.id!r} has different results in {seen.origin} and {path} "
                    "(other code or another grading setup); keep one of them."
                )
    return [merged[key] for key in sorted(merged)]


# ----------------------------------------------------------------------------- the gradebook


def gradebook_frame(results: Iterable[StoredResult], min_score: float | None = None) -> pd.DataFrame:
    """One row per submission: a score column per exercise, total, max_score, percent, rank, issues."""
    rows: list[dict[str, Any]] = []
    slugs: set[str] = set()
    for result in results:
        report = result.report
        row: dict[str, Any] = {"submission": result.id}
        for exercise in report.exercises:
            row[exercise.slug] = round(exercise.score, 4)
            slugs.add(exercise.slug)
        row.update(
            total=round(report.score, 4),
            max_score=round(report.max_score, 4),
            percent=round(report.percent, 2),
            issues=issues(result),
        )
        rows.append(row)
    import pandas as pd

    columns = ["submission", *sorted(slugs), "total", "max_score", "percent", "rank", "issues"]
    frame = pd.DataFrame(rows, columns=[c for c in columns if c != "rank"])
    frame.insert(
        columns.index("rank"),
        "rank",
        frame["percent"].rank(method="min", ascending=False).astype("int64") if len(frame) else [],
    )
    if min_score is not None:
        frame["below_min_score"] = frame["percent"] < min_score
    return frame.sort_values(["rank", "submission"], kind="stable").reset_index(drop=True)


def issues(result: StoredResult) -> str:
    """What went wrong for one submission, with the reason: exercises not graded, a result not saved."""
    problems = [
        (e.slug, e.status, clean_name(" ".join(e.message.split()), 160))
        for e in result.report.exercises
        if e.status != GRADED
    ]
    parts = []
    if len(problems) > 1 and len(problems) == len(result.report.exercises) and len({p[1:] for p in problems}) == 1:
        problems = [("every exercise", *problems[0][1:])]  # one archive error, not one per exercise
    parts += [f"{where}: {status}" + (f" ({message})" if message else "") for where, status, message in problems]
    if result.save_error:
        parts.append(f"result not saved: {clean_name(result.save_error, 160)}")
    return "; ".join(parts)


def neutralise(value: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    import pandas as pd

    safe = frame.copy()
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):  # text: object or pandas' str dtype
            safe[column] = safe[column].map(neutralise)
    write_atomically(path, safe.to_csv(index=False, lineterminator="\n"))


# ----------------------------------------------------------------------------- similarity


def find_matches(results: Sequence[StoredResult], threshold: float) -> list[similarity.Match]:
    """Similarity flags per exercise over the stored code, the stub's own code left out."""
    slugs = sorted({slug for result in results for slug in result.code})
    matches: list[similarity.Match] = []
    for slug in slugs:
        sources = {result.id: result.code[slug] for result in results if result.code.get(slug)}
        matches += similarity.find_matches(slug, sources, stub=_stub(slug), threshold=threshold)
    return matches


def _stub(slug: str) -> str:
    try:
        return find(slug).stub_path.read_text(encoding="utf-8")
    except (ConfigurationError, OSError):
        return ""  # an exercise not installed here: nothing to leave out


def write_outputs(
    out: Path,
    results: Sequence[StoredResult],
    *,
    threshold: float,
    min_score: float | None = None,
    missing: Sequence[str] = (),
) -> tuple[pd.DataFrame, list[similarity.Match]]:
    """Write ``gradebook.csv``, ``similarity.json`` and ``report.md`` into ``out``."""
    frame = gradebook_frame(results, min_score)
    matches = find_matches(results, threshold)
    write_csv(frame, out / "gradebook.csv")
    document = {
        "threshold": threshold,
        "shingle_tokens": similarity.SHINGLE,
        "pairs": [match.to_dict() for match in matches],
    }
    write_atomically(out / "similarity.json", json.dumps(document, indent=2, sort_keys=True) + "\n")
    write_atomically(out / "report.md", batch_report(frame, matches, results, threshold, missing))
    return frame, matches


# ----------------------------------------------------------------------------- the batch report


def batch_report(
    frame: pd.DataFrame,
    matches: Sequence[similarity.Match],
    results: Sequence[StoredResult],
    threshold: float,
    missing: Sequence[str] = (),
) -> str:
    """The batch report in Markdown: the ranked gradebook, then the similarity flags with their code."""
    lines = [f"# mlgrade batch: {len(frame)} submissions", ""]
    if missing:
        lines += [f"Not graded yet (the batch was interrupted): {md_escape(', '.join(missing))}.", ""]
    unsaved = [result.id for result in results if result.save_error]
    if unsaved:
        lines += [
            f"Graded but not saved (see the issues column; the next run grades them again): "
            f"{md_escape(', '.join(unsaved))}.",
            "",
        ]
    columns = [c for c in frame.columns if c not in ("max_score",)]
    lines += ["| " + " | ".join(columns) + " |", "|" + "|".join(" --- " for _ in columns) + "|"]
    for record in frame.to_dict("records"):
        lines.append("| " + " | ".join(_cell(record[c]) for c in columns) + " |")
    lines += [
        "",
        "## Similarity flags",
        "",
        f"Pairs whose code for the same exercise has a Jaccard similarity of at least {threshold:g} over "
        f"{similarity.SHINGLE}-token shingles, with names, comments, whitespace and literal values normalised "
        "away and the stub's own code left out.",
        "",
    ]
    if not matches:
        lines.append("No pair reaches the threshold.")
    code = {result.id: result.code for result in results}
    for match in matches:
        lines += _match_section(match, code)
    return "\n".join(lines) + "\n"


def _match_section(match: similarity.Match, code: dict[str, dict[str, str]]) -> list[str]:
    first, second = md_escape(match.first), md_escape(match.second)
    lines = ["", f"### {md_escape(match.exercise)}: {first} and {second}, similarity {match.score:.2f}", ""]
    for region in match.regions:
        lines.append(
            f"- {first} lines {region.first[0]}–{region.first[1]} match {second} lines "
            f"{region.second[0]}–{region.second[1]} ({region.tokens} tokens)"
        )
    if match.regions:
        largest = max(match.regions, key=lambda region: region.tokens)
        lines += ["", "<details><summary>the largest matching region, side by side</summary>"]
        for name, span in ((match.first, largest.first), (match.second, largest.second)):
            excerpt = _excerpt(code.get(name, {}).get(match.exercise, ""), span)
            fence = "`" * max(3, _longest_backtick_run(excerpt) + 1)
            lines += ["", f"{md_code(name)}, lines {span[0]}–{span[1]}:", "", f"{fence}python", excerpt, fence]
        lines += ["", "</details>"]
    return lines


def _excerpt(source: str, span: tuple[int, int]) -> str:
    chosen = source.splitlines()[span[0] - 1 : span[1]]
    cut = len(chosen) > EXCERPT_LINES
    return "\n".join(chosen[:EXCERPT_LINES] + ([f"# ... {len(chosen) - EXCERPT_LINES} more lines"] if cut else []))


def _longest_backtick_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.2f}"
    return md_escape(value)
