"""Shared helpers for the tests that prove each grading suite is a fair judge.

``grade_variant`` grades one candidate file through the whole pipeline (judge process, sandboxed
worker, scoring), exactly as ``mlgrade grade`` would, and caches the result per file content.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from grader.core.banks import BANK_VARIABLES
from grader.core.exercises import find
from grader.core.results import ExerciseResult
from grader.grading.runner import grade_exercise
from grader.grading.submission import ExerciseSource

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
_CACHE: dict[tuple[str, str, str, tuple[str, ...], bool, tuple[str, ...]], ExerciseResult] = {}


def grade_variant(
    slug: str,
    path: Path | str,
    isolation: str = "auto",
    categories: tuple[str, ...] = (),
    fail_fast: bool = False,
) -> ExerciseResult:
    """Grade ``path`` as the candidate's ``<slug>.py`` and return the scored result.

    With ``categories``, only those categories' checks run (the rest score nothing); with
    ``fail_fast``, grading stops at the first failed check.
    """
    source = Path(path)
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    # The exercise comes from whatever bank the environment names: a test may point it at a changed copy.
    bank = tuple(os.environ.get(name, "") for name in BANK_VARIABLES)
    key = (slug, digest, isolation, categories, fail_fast, bank)
    if key not in _CACHE:
        with tempfile.TemporaryDirectory(prefix="mlgrade-variant-") as folder:
            copy = Path(folder) / f"{slug}.py"
            shutil.copyfile(source, copy)
            source_file = ExerciseSource(slug, copy, "py", copy.name)
            _CACHE[key] = grade_exercise(find(slug), source_file, isolation, categories=categories, fail_fast=fail_fast)
    return _CACHE[key]


def variants(slug: str, prefix: str) -> list[Path]:
    """The fixture files ``tests/fixtures/<slug>/<prefix>*.py``, sorted."""
    return sorted((FIXTURES / slug).glob(f"{prefix}*.py"))


def failures(result: ExerciseResult) -> str:
    lines = [f"{c.category}/{c.name}: {c.message}" for c in result.failed_checks]
    return f"status={result.status} {result.message}\n" + "\n".join(lines)


def assert_full_marks(result: ExerciseResult) -> None:
    assert result.status == "graded", failures(result)
    assert result.score == result.max_score, f"{result.score} / {result.max_score}\n{failures(result)}"
    # A correct submission is never reported for what the grader did (pandas reading its time zones).
    assert result.violations == [], result.violations


def assert_zero_not_implemented(result: ExerciseResult) -> None:
    """The untouched stub: zero points, every check failing with "not implemented"."""
    assert result.score == 0, failures(result)
    assert result.checks, "the suite has no checks"
    for check in result.checks:
        assert "not implemented" in check.message.lower(), f"{check.name}: {check.message}"


def assert_loses_in(result: ExerciseResult, category: str, hint: str) -> None:
    """The result lost points in ``category``, and a failed check there mentions ``hint``."""
    earned = result.categories.get(category, {"score": 0.0, "max_score": 0.0})
    assert earned["score"] < earned["max_score"], f"no points lost in {category}: {earned}\n{failures(result)}"
    in_category = [c for c in result.failed_checks if c.category == category]
    texts = [f"{c.name} {c.message}".lower() for c in in_category]
    assert any(hint.lower() in text for text in texts), (
        f"no failed {category} check mentions {hint!r}:\n{failures(result)}"
    )
