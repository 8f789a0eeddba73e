"""Scoring: a pure function from check outcomes to points. It fails closed.

A check earns its points only when it passed; anything else (failed, errored, not run, missing from
the outcomes) earns nothing. A category's points are shared among its checks by their weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from grader.core.exercises import CATEGORIES, Exercise
from grader.core.results import CheckResult

DIGITS = 4


@dataclass(frozen=True)
class Outcome:
    """What the judge reported for one check."""

    name: str
    category: str
    weight: float
    passed: bool
    message: str
    example: str = ""


def score_checks(
    exercise: Exercise, outcomes: Sequence[Outcome], *, zeroed: bool = False
) -> tuple[float, list[CheckResult], dict[str, dict[str, float]]]:
    """Points earned, per-check results and per-category ``{"score", "max_score"}``.

    ``zeroed`` keeps every check's verdict but awards nothing (a forbidden import zeroes the exercise).
    """
    category_points = exercise.category_points()
    category_weight: dict[str, float] = {}
    for outcome in outcomes:
        category_weight[outcome.category] = category_weight.get(outcome.category, 0.0) + outcome.weight
    checks = []
    earned_by_category: dict[str, float] = {}
    for outcome in outcomes:
        total = category_weight[outcome.category]
        worth = category_points.get(outcome.category, 0.0) * outcome.weight / total if total else 0.0
        earned = worth if outcome.passed is True and not zeroed else 0.0
        earned_by_category[outcome.category] = earned_by_category.get(outcome.category, 0.0) + earned
        checks.append(
            CheckResult(
                name=outcome.name,
                category=outcome.category,
                weight=outcome.weight,
                max_score=round(worth, DIGITS),
                score=round(earned, DIGITS),
                passed=outcome.passed is True,
                message=outcome.message,
                example=outcome.example,
            )
        )
    # Sums are taken before rounding, so a category of three thirds shows 3, not 3.0001.
    categories = {
        category: {
            "score": round(earned_by_category.get(category, 0.0), DIGITS),
            "max_score": round(category_points[category], DIGITS),
        }
        for category in CATEGORIES
        if category in category_points
    }
    return round(sum(earned_by_category.values()), DIGITS), checks, categories
