"""Grade a submission: find each exercise's file, run a judge process per exercise, score the outcomes.

Exercises are graded in parallel (``jobs``), each in its own judge process with its own worker, so a
hostile or broken exercise cannot stop or corrupt the others; a judge that dies or overruns its
deadline costs only its own exercise.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from grader import __version__
from grader.core import results
from grader.core.exercises import Exercise, discover, find
from grader.core.results import ExerciseResult, GradeReport
from grader.core.scoring import Outcome, score_checks
from grader.grading import warm_judge
from grader.grading.submission import ExerciseSource, Submission

ProgressCallback = Callable[[str, str, bool | None], None]
JUDGE_GRACE_SECONDS = 240
# The judge holds the suite, scikit-learn and what it reads back from candidate code (at most
# ``grader.proxy.MAX_BYTES_PER_CHECK`` a check); address space, so mappings count too.
JUDGE_MEMORY_BYTES = 8 * 2**30


@dataclass(frozen=True)
class GradeOptions:
    """How to grade: which exercises, which isolation, how many at once."""

    slugs: Sequence[str] = ()
    isolation: str = "auto"
    jobs: int = 1


def select_exercises(slugs: Sequence[str]) -> list[Exercise]:
    return [find(slug) for slug in slugs] if slugs else discover()


def held_exercises(exercises: Sequence[Exercise], submission: Submission) -> tuple[list[Exercise], list[str]]:
    """The exercises ``submission`` holds a file for, and the slugs of the others.

    Without a named assignment, a submission is graded on what it holds: a kit carries every assigned
    exercise's stub, so an untouched exercise is still graded (to zero), while a bank grown to many
    exercises does not count the ones this candidate was never given. A submission holding none of
    them is graded on all, so that "not submitted" says what is missing.
    """
    held = [exercise for exercise in exercises if submission.holds(exercise.slug)]
    if not held:
        return list(exercises), []
    held_slugs = {exercise.slug for exercise in held}
    return held, [exercise.slug for exercise in exercises if exercise.slug not in held_slugs]


def grade_submission(
    path: Path, options: GradeOptions = GradeOptions(), progress: ProgressCallback | None = None
) -> GradeReport:
    """Grade every selected exercise of the submission at ``path``."""
    started = time.monotonic()
    exercises = select_exercises(options.slugs)
    with Submission(path) as submission:
        unassigned: list[str] = []
        if not options.slugs:
            exercises, unassigned = held_exercises(exercises, submission)
        sources = [submission.source_for(exercise.slug, exercise.stub_path) for exercise in exercises]
        notes = submission.other_notes([exercise.slug for exercise in exercises])
        if unassigned:
            notes.append(
                f"{len(unassigned)} other exercises of the bank have no file here and were not graded"
                " (name the assignment with --exercise to score a missing file as zero)"
            )

        def grade_one(pair: tuple[Exercise, ExerciseSource]) -> ExerciseResult:
            result = grade_exercise(pair[0], pair[1], options.isolation, progress)
            if progress is not None:
                progress(pair[0].slug, "", None)  # an empty check name: this exercise is finished
            return results.round_points(results.clean_result(result))

        with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            graded = list(pool.map(grade_one, zip(exercises, sources, strict=True)))
    isolations = sorted({r.isolation for r in graded if r.isolation})
    score, max_score = results.total_points(graded)
    # Names are candidate text too: a folder can be called anything.
    return results.clean_report(
        GradeReport(
            submission=path.resolve().name,
            score=score,
            max_score=max_score,
            isolation="+".join(isolations) if isolations else "none needed",
            exercises=graded,
            version=__version__,
            timing={"seconds": round(time.monotonic() - started, 3)},
            notes=notes,
        )
    )


def grade_exercise(
    exercise: Exercise,
    source: ExerciseSource,
    isolation: str = "auto",
    progress: ProgressCallback | None = None,
    categories: tuple[str, ...] = (),
    fail_fast: bool = False,
) -> ExerciseResult:
    """Grade one exercise's file (already located) and score it.

    ``categories`` runs only those categories' checks (the others score nothing): for tests that
    prove a mistake costs points in one category without paying for the whole suite.
    """
    base = ExerciseResult(
        slug=exercise.slug,
        title=exercise.title,
        status=results.GRADED,
        score=0.0,
        max_score=exercise.points,
        source=source.original,
        notes=list(source.notes),
    )
    if source.error:
        base.status, base.message = results.SUBMISSION_ERROR, source.error
        return base
    if source.path is None:
        base.status = results.NOT_SUBMITTED
        base.message = f"not submitted: no {exercise.slug}.py or {exercise.slug}.ipynb found"
        return base
    started = time.monotonic()
    raw = run_judge(exercise, source, isolation, progress, categories, fail_fast)
    base.timing = {
        "seconds": round(time.monotonic() - started, 3),
        "candidate_seconds": round(float(raw.get("candidate_seconds", 0.0)), 3),
    }
    return interpret(exercise, base, raw)


def run_judge(
    exercise: Exercise,
    source: ExerciseSource,
    isolation: str,
    progress: ProgressCallback | None,
    categories: tuple[str, ...] = (),
    fail_fast: bool = False,
) -> dict[str, Any]:
    """Run the judge process for one exercise; its JSON result, or a ``grader_error``.

    The judge is trusted code, so it is started where nothing the candidate controls can replace it:
    a working folder of its own, ``-P`` (no current folder on ``sys.path``), no user site, none of
    the ``PYTHON*`` variables that add paths or start-up code, and a memory limit.
    """
    assert source.path is not None  # callers handle "not submitted"
    deadline = exercise.budget_seconds * 2 + JUDGE_GRACE_SECONDS
    with tempfile.TemporaryDirectory(prefix="mlgrade-judge-") as scratch:
        result_path = Path(scratch) / "result.json"
        workdir = Path(scratch) / "cwd"
        workdir.mkdir()
        arguments = [
            "--exercise",
            exercise.slug,
            "--source",
            str(source.path.resolve()),
            "--kind",
            source.kind,
            "--isolation",
            isolation,
            "--result",
            str(result_path),
            "--progress",
        ]
        for category in categories:
            arguments += ["--category", category]
        if fail_fast:
            arguments.append("--fail-fast")
        env = judge_env()
        # A judge forked from the warm server (imports done once) is the same judge, started the same
        # way; without one (off, unavailable, or it died), a fresh process.
        server = warm_judge.server_for(env, _limit_judge)
        forked = server.start(arguments, str(workdir), env) if server is not None else None
        stdout: IO[str]
        stderr_stream: IO[str]
        if forked is not None:
            pid = forked.pid
            stdout = open(forked.stdout, encoding="utf-8", errors="replace")  # noqa: SIM115 - closed below
            stderr_stream = open(forked.stderr, encoding="utf-8", errors="replace")  # noqa: SIM115
            wait: Callable[[], int | None] = lambda: forked.wait_exit(JUDGE_GRACE_SECONDS)  # noqa: E731
        else:
            process = subprocess.Popen(
                [sys.executable, "-P", "-s", "-m", "grader.grading.judge", *arguments],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env=env,
                cwd=workdir,
                text=True,
                start_new_session=True,
                preexec_fn=_limit_judge,
            )
            assert process.stdout is not None and process.stderr is not None
            pid, stdout, stderr_stream, wait = process.pid, process.stdout, process.stderr, process.wait
        timer = _Deadline(pid, deadline)
        stderr: list[str] = []
        drain = threading.Thread(target=lambda: stderr.append(stderr_stream.read()), daemon=True)
        drain.start()
        with stdout:
            for line in stdout:
                _announce(exercise.slug, line, progress)
        code = wait()
        drain.join(timeout=5)
        stderr_stream.close()
        timer.cancel()
        if timer.expired:
            return {"grader_error": f"grading did not finish within {deadline:g} s and was stopped"}
        try:
            data: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            tail = " ".join("".join(stderr).strip().splitlines()[-3:])[:500]
            return {"grader_error": f"the judge process failed (exit {code}): {tail}"}
        return data


# Variables that would let something other than the installed grader run inside the judge.
_UNSAFE_PYTHON_VARIABLES = (
    "PYTHONPATH",
    "PYTHONSTARTUP",
    "PYTHONHOME",
    "PYTHONUSERBASE",
    "PYTHONINSPECT",
    "PYTHONSAFEPATH",
    "PYTHONPLATLIBDIR",
    "PYTHONEXECUTABLE",
    "PYTHONBREAKPOINT",
)


# Folders named relative to where mlgrade started: the judge starts elsewhere, so they become absolute.
_PATH_VARIABLES = ("MLGRADE_EXERCISES", "MLGRADE_REFERENCE", "MLGRADE_BANK")


def judge_env() -> dict[str, str]:
    """The judge's environment: the caller's, less what could inject code, plus determinism."""
    env = {name: value for name, value in os.environ.items() if name not in _UNSAFE_PYTHON_VARIABLES}
    for name in _PATH_VARIABLES:
        if env.get(name):
            env[name] = os.pathsep.join(
                str(Path(part).resolve()) if part else part for part in env[name].split(os.pathsep)
            )
    cache = env.get("MLGRADE_CACHE", "")
    if cache and cache.lower() not in ("off", "0", "no", "false"):
        env["MLGRADE_CACHE"] = str(Path(cache).resolve())
    env.update({"PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"})
    return env


def _limit_judge() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (JUDGE_MEMORY_BYTES, JUDGE_MEMORY_BYTES))


class _Deadline:
    """Kill a process group if it outlives its deadline."""

    def __init__(self, pid: int, seconds: float) -> None:
        self.expired = False
        self._pid = pid
        self._timer = threading.Timer(seconds, self._kill)
        self._timer.daemon = True
        self._timer.start()

    def _kill(self) -> None:
        import signal

        self.expired = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._pid, signal.SIGKILL)

    def cancel(self) -> None:
        self._timer.cancel()


def _announce(slug: str, line: str, progress: ProgressCallback | None) -> None:
    if progress is None:
        return
    try:
        event = json.loads(line)
    except ValueError:
        return
    if isinstance(event, dict) and "check" in event:
        progress(slug, str(event["check"]), bool(event.get("passed")))


def interpret(exercise: Exercise, base: ExerciseResult, raw: dict[str, Any]) -> ExerciseResult:
    """Turn a judge's raw result into a scored ``ExerciseResult``; anything odd fails closed."""
    if "grader_error" in raw:
        base.status, base.message = results.GRADER_ERROR, str(raw["grader_error"])
        return base
    outcomes = [
        Outcome(
            name=str(c["name"]),
            category=str(c["category"]),
            weight=float(c["weight"]),
            passed=c.get("passed") is True,
            message=str(c.get("message", "")),
            example=str(c.get("example", "")),
        )
        for c in raw.get("checks", [])
    ]
    forbidden = sorted(set(raw.get("static_forbidden", [])) | _dynamic_forbidden(raw.get("violations", [])))
    suite_errors = [str(e) for e in raw.get("suite_errors", [])]
    base.isolation = str(raw.get("isolation", ""))
    base.notes += [str(note) for note in raw.get("notes", [])]
    base.violations = [str(v) for v in raw.get("violations", [])]
    base.candidate_output = str(raw.get("candidate_output", ""))
    base.candidate_output_bytes = int(raw.get("candidate_output_bytes", 0))
    base.worker_restarts = int(raw.get("restarts", 0))
    if suite_errors:
        base.status = results.GRADER_ERROR
        base.message = "the grading suite is broken: " + "; ".join(suite_errors)
    elif forbidden:
        base.status = results.FORBIDDEN_IMPORT
        base.message = (
            f"imports {', '.join(forbidden)}, which this exercise does not allow "
            f"(allowed: {', '.join(exercise.allowed_imports)} and the standard library); "
            "the exercise scores zero"
        )
    elif raw.get("import_error"):
        base.status, base.message = results.IMPORT_ERROR, str(raw["import_error"])
    zeroed = base.status != results.GRADED
    base.score, base.checks, base.categories = score_checks(exercise, outcomes, zeroed=zeroed)
    # Candidate text becomes safe text here, once, before any format sees it.
    return results.round_points(results.clean_result(base))


def _dynamic_forbidden(violations: list[Any]) -> set[str]:
    names = set()
    for violation in violations:
        text = str(violation)
        if text.startswith("import of "):
            names.add(text.removeprefix("import of ").strip("'\""))
    return names
