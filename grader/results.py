"""The grading results as plain data, and their JSON form (documented in the README).

Everything except the ``timing`` fields is deterministic: grading the same submission twice gives
byte-identical JSON once ``timing`` is removed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA_VERSION = 1
# The six check categories, in report order.
CATEGORY_ORDER = ("matches_reference", "matches_sklearn", "properties", "edge_cases", "input_validation",
                  "efficiency")

# Exercise statuses, from best to worst.
GRADED = "graded"
NOT_SUBMITTED = "not_submitted"
IMPORT_ERROR = "import_error"
FORBIDDEN_IMPORT = "forbidden_import"
SUBMISSION_ERROR = "submission_error"
GRADER_ERROR = "grader_error"


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

    @property
    def percent(self) -> float:
        return 100.0 * self.score / self.max_score if self.max_score else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["percent"] = round(self.percent, 2)
        return data


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
    return GradeReport(
        submission=str(data.get("submission", "")), score=float(data.get("score", 0.0)),
        max_score=float(data.get("max_score", 0.0)), isolation=str(data.get("isolation", "")),
        exercises=exercises, version=str(data.get("version", "")), schema=int(data.get("schema", 1)),
        timing=dict(data.get("timing", {})),
    )
