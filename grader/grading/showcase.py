"""The candidate's outputs on an exercise's fixed input, for the pictures of the visual report.

An exercise may ship ``exercises/<slug>/showcase.py`` (see ``grader.testing.pictures``). Its
``candidate_side`` runs here against the candidate file, in a sandboxed worker of its own (the same
isolation as grading, through ``grader.grading.judge.open_session``); only plain numbers are kept, in
``ExerciseResult.showcase``. The trusted side is computed when the picture is drawn, from the same
input, so the report carries no trusted data.

A showcase never changes a score and never raises: anything that goes wrong (not implemented, a
timeout, a handle where an array was expected) is kept as ``{"error": "..."}`` and shown as text.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import ModuleType
from typing import Any

from grader.core import sanitize
from grader.core.errors import CandidateFault, CandidateRaised, GraderError, NotImplementedFault
from grader.core.exercises import Exercise, find, load_showcase
from grader.core.results import GRADED, GradeReport
from grader.grading.submission import ExerciseSource, Submission
from grader.testing.pictures import ShowcaseError

BUDGET_SECONDS = 60.0


def run(showcase: ModuleType, candidate: Any) -> dict[str, Any]:
    """The showcase data from the candidate module (or its proxy); never raises."""
    try:
        data: dict[str, Any] = showcase.candidate_side(candidate)
    except ShowcaseError as error:
        data = {"error": str(error)}
    except (NotImplementedError, NotImplementedFault):
        data = {"error": "not implemented"}
    except CandidateRaised as error:
        data = {"error": f"candidate code raised {error.remote_type}: {str(error)[:300]}"}
    except CandidateFault as fault:
        data = {"error": str(fault)[:300]}
    except Exception as error:  # a picture is optional; it must never stop a report
        data = {"error": f"{type(error).__name__}: {str(error)[:300]}"}
    return {"input": showcase.INPUT_VERSION, **data}


def collect(exercise: Exercise, source: ExerciseSource, isolation: str = "auto") -> dict[str, Any]:
    """Run the exercise's showcase against the candidate file ``source`` in a fresh sandboxed worker."""
    from grader.grading.judge import open_session, resolve_isolation  # imports pytest: only when collecting

    showcase = load_showcase(exercise)
    if showcase is None or source.path is None:
        return {}
    limited = dataclasses.replace(exercise, budget_seconds=min(exercise.budget_seconds, BUDGET_SECONDS))
    session = open_session(limited, source.path, source.kind, resolve_isolation(isolation))
    try:
        try:
            module = session.module
        except CandidateFault as fault:
            return {"input": showcase.INPUT_VERSION, "error": str(fault)[:300]}
        return run(showcase, module)
    finally:
        session.close()


def attach(report: GradeReport, path: Path, isolation: str = "auto") -> None:
    """Fill ``showcase`` for every graded exercise of ``report`` that has one (``path``: the submission).

    Exercises that were not graded (not submitted, import error, forbidden import) get none: their
    code is not run again.
    """
    wanted = [(result, find(result.slug)) for result in report.exercises if result.status == GRADED]
    wanted = [(result, exercise) for result, exercise in wanted if load_showcase(exercise) is not None]
    if not wanted:
        return
    try:
        with Submission(path) as submission:
            for result, exercise in wanted:
                result.showcase = collect(exercise, submission.source_for(result.slug, exercise.stub_path), isolation)
    except GraderError as error:
        for result, exercise in wanted:
            module = load_showcase(exercise)
            result.showcase = {"input": module.INPUT_VERSION if module else 0, "error": str(error)[:300]}
    for result, _ in wanted:  # an error message quotes candidate code: candidate text, cleaned like the rest
        result.showcase = sanitize.clean_strings(result.showcase, 300)
