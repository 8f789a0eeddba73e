"""The grading results as plain data, and their JSON form (documented in the README).

Everything except the ``timing`` fields is deterministic: grading the same submission twice gives
byte-identical JSON once ``timing`` is removed.

Points are kept to the cent (``SCORE_DECIMALS``) and every format shows them that way (``points``):
a check's points are rounded so that an exercise's checks add up exactly to its score, and the
exercises exactly to the total. Text that candidates control is cleaned (``grader.sanitize``) when a
result is built (``clean_result``, ``clean_report``) and again when one is read back from JSON.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from grader.core import sanitize

SCHEMA_VERSION = 1
# The six check categories, in report order.
CATEGORY_ORDER = ("matches_reference", "matches_sklearn", "properties", "edge_cases", "input_validation", "efficiency")

# Exercise statuses, from best to worst.
GRADED = "graded"
NOT_SUBMITTED = "not_submitted"
IMPORT_ERROR = "import_error"
FORBIDDEN_IMPORT = "forbidden_import"
SUBMISSION_ERROR = "submission_error"
GRADER_ERROR = "grader_error"

SCORE_DECIMALS = 2
# Isolation modes that do not contain hostile code (see the README's security model).
UNSAFE_ISOLATION = ("process", "none")
# One line in every report (under 80 columns with "WARNING: "), and on stderr.
UNSAFE_ISOLATION_WARNING = "isolation '{}' is not safe for untrusted code (no bubblewrap)"


def points(value: float) -> str:
    """A score as every format shows it: two decimals."""
    return f"{value:.{SCORE_DECIMALS}f}"


def percent_text(value: float) -> str:
    return f"{value:.{SCORE_DECIMALS}f}%"


def split_exactly(values: list[float], total: float) -> list[float]:
    """``values`` rounded to the cent so that they add up to ``total`` (rounded to the cent) exactly.

    Largest remainders get the missing cents, earlier entries first on ties; a value of zero stays zero.
    """
    scale = int(10**SCORE_DECIMALS)
    cents = [value * scale for value in values]
    floors = [math.floor(value + 1e-9) for value in cents]
    missing = round(total * scale) - sum(floors)
    order = sorted((i for i, value in enumerate(cents) if value > 0), key=lambda i: -(cents[i] - floors[i]))
    for i in order[: max(0, missing)]:
        floors[i] += 1
    return [floor / scale for floor in floors]


def unsafe_isolation(isolation: str) -> str:
    """The unsafe mode among ``isolation`` ("bubblewrap+process"), or "" when every mode is safe."""
    return next((mode for mode in isolation.split("+") if mode in UNSAFE_ISOLATION), "")


@dataclass
class CheckResult:
    """One check: its category and weight, the points it was worth and earned, and why."""

    name: str
    category: str
    weight: float
    max_score: float
    score: float
    passed: bool
    message: str
    example: str = ""


@dataclass
class ExerciseResult:
    """One exercise of a submission."""

    slug: str
    title: str
    status: str
    score: float
    max_score: float
    message: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    categories: dict[str, dict[str, float]] = field(default_factory=dict)
    isolation: str = ""
    source: str = ""
    notes: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    candidate_output: str = ""
    candidate_output_bytes: int = 0
    worker_restarts: int = 0
    # Optional: the candidate's outputs on the visual report's fixed inputs (``grader.showcase``);
    # empty unless a showcase was collected. Plain data, deterministic like the rest.
    showcase: dict[str, Any] = field(default_factory=dict)
    timing: dict[str, float] = field(default_factory=dict)

    @property
    def failed_checks(self) -> list[CheckResult]:
        return [check for check in self.checks if not check.passed]


@dataclass
class GradeReport:
    """A whole submission's grading."""

    submission: str
    score: float
    max_score: float
    isolation: str
    exercises: list[ExerciseResult]
    version: str = ""
    schema: int = SCHEMA_VERSION
    timing: dict[str, float] = field(default_factory=dict)
    # What the grader skipped or noticed in the submission as a whole (links, named pipes...).
    notes: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["percent"] = round(self.percent, SCORE_DECIMALS)
        return data


def round_points(result: ExerciseResult) -> ExerciseResult:
    """Round ``result``'s points to the cent, checks first, so that every sum shown is exact.

    A check's maximum is rounded so the checks add up to the exercise's; a check that earned
    anything earned its (rounded) maximum; the exercise and its categories are the sums of their checks.
    """
    if not result.checks:
        result.score = round(result.score, SCORE_DECIMALS)
        result.max_score = round(result.max_score, SCORE_DECIMALS)
        return result
    worth = [check.max_score for check in result.checks]
    for check, rounded in zip(result.checks, split_exactly(worth, sum(worth)), strict=True):
        check.score = rounded if check.score > 0 else 0.0
        check.max_score = rounded
    result.score = _cents(check.score for check in result.checks)
    for name, value in result.categories.items():
        inside = [check for check in result.checks if check.category == name]
        result.categories[name] = (
            {"score": _cents(c.score for c in inside), "max_score": _cents(c.max_score for c in inside)}
            if inside
            else {k: round(v, SCORE_DECIMALS) for k, v in value.items()}
        )
    result.max_score = round(result.max_score, SCORE_DECIMALS)
    return result


def _cents(values: Iterable[float]) -> float:
    scale = int(10**SCORE_DECIMALS)
    return round(sum(round(value * scale) for value in values) / scale, SCORE_DECIMALS)


def total_points(exercises: list[ExerciseResult]) -> tuple[float, float]:
    """The report's score and maximum: exact sums of the exercises' (rounded) points."""
    return _cents(e.score for e in exercises), _cents(e.max_score for e in exercises)


def clean_result(result: ExerciseResult) -> ExerciseResult:
    """Make every text of ``result`` that candidate code or files can reach safe (``grader.sanitize``)."""
    sanitize.clean_dataclass(result, {"candidate_output": sanitize.OUTPUT_CHARS})
    result.source = sanitize.clean_name(result.source)
    for check in result.checks:
        sanitize.clean_dataclass(check)
    result.showcase = sanitize.clean_strings(result.showcase, 300)
    return result


def clean_report(report: GradeReport) -> GradeReport:
    """``clean_result`` on every exercise, and the submission's name and notes."""
    report.submission = sanitize.clean_name(report.submission)
    report.isolation = sanitize.clean_name(report.isolation)
    report.version = sanitize.clean_name(report.version)
    report.notes = [sanitize.clean(note) for note in report.notes]
    for exercise in report.exercises:
        clean_result(exercise)
    return report


def report_from_dict(data: dict[str, Any]) -> GradeReport:
    """Rebuild a report from its JSON form (for merging gradebooks and re-rendering)."""
    exercises = []
    for raw in data.get("exercises", []):
        checks = [CheckResult(**check) for check in raw.get("checks", [])]
        fields = {k: v for k, v in raw.items() if k != "checks"}
        # The JSON sorts keys; the categories' own order is the grader's, so restore it.
        categories = fields.get("categories", {})
        fields["categories"] = {name: categories[name] for name in CATEGORY_ORDER if name in categories}
        exercises.append(ExerciseResult(**fields, checks=checks))
    # A report file can be edited by anyone: its text is cleaned again, like a fresh result's.
    return clean_report(
        GradeReport(
            submission=str(data.get("submission", "")),
            score=float(data.get("score", 0.0)),
            max_score=float(data.get("max_score", 0.0)),
            isolation=str(data.get("isolation", "")),
            exercises=exercises,
            version=str(data.get("version", "")),
            schema=int(data.get("schema", 1)),
            timing=dict(data.get("timing", {})),
            notes=[str(note) for note in data.get("notes", [])],
        )
    )
