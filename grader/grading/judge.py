"""The judge: runs one exercise's grading suite against one candidate file, in a process of its own.

``python -m grader.grading.judge --exercise SLUG --source FILE --kind py --isolation auto --result OUT.json``

The judge is trusted code. It never imports the candidate (except with ``--isolation none``, which
exists for benchmarks); candidate code runs in the worker it starts. It writes the raw outcomes as
JSON to ``--result`` and one JSON line per finished check to stdout, for the progress display.
Scoring happens in the parent, from the outcomes, so a crashed judge can only lose points.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from grader.core.errors import GraderError
from grader.core.exercises import Exercise, find
from grader.grading import imports, launcher
from grader.grading.fingerprint import grading_fingerprint
from grader.grading.notebook import DISPLAY_MODULES, cells_text
from grader.grading.plugin import (
    CheckOutcome,
    GradingPlugin,
    InProcessSession,
    Session,
    category_named_by,
    ensure_importable,
)
from grader.grading.proxy import WorkerClient, WorkerConfig
from grader.testing import expected_values


def resolve_isolation(requested: str) -> str:
    """``auto`` means bubblewrap where it works here, else process limits plus the audit hook."""
    if requested == "auto":
        return "bubblewrap" if launcher.bubblewrap_available() else "process"
    return requested


def allowed_imports(exercise: Exercise, kind: str) -> tuple[str, ...]:
    return exercise.allowed_imports + (DISPLAY_MODULES if kind == "cells" else ())


def open_session(exercise: Exercise, source: Path, kind: str, isolation: str) -> Session:
    if isolation == "none":
        return InProcessSession(module_path=source, module_name=exercise.slug, kind=kind)
    config = WorkerConfig(
        module=exercise.slug,
        source=source,
        kind=kind,
        allowed_imports=allowed_imports(exercise, kind),
        input_packages=exercise.input_packages,
        call_timeout=exercise.call_timeout_seconds,
        budget_seconds=exercise.budget_seconds,
        use_bubblewrap=isolation == "bubblewrap",
        limits=launcher.Limits(memory_bytes=exercise.memory_mb * 2**20, cpu_seconds=int(exercise.budget_seconds) + 60),
    )
    return WorkerClient(config)


def suite_paths(exercise: Exercise, categories: tuple[str, ...]) -> list[str]:
    """What pytest collects: the grading folder, or for some categories only the files that can hold them.

    A file named after a category (``test_efficiency.py``) holds only that category's checks (the plugin
    refuses anything else), so the files named after the other categories need not even be imported.
    """
    files = [
        path
        for pattern in ("test_*.py", "*_test.py")
        for path in sorted(exercise.grading_dir.glob(pattern))
        if category_named_by(path, exercise.weights) in (None, *categories)
    ]
    return [str(path) for path in files] if categories and files else [str(exercise.grading_dir)]


def run_suite(
    exercise: Exercise, session: Session, *, progress: bool, categories: tuple[str, ...] = (), fail_fast: bool = False
) -> GradingPlugin:
    def announce(outcome: CheckOutcome) -> None:
        if progress:
            print(json.dumps({"check": outcome.name, "passed": outcome.passed}), flush=True)

    plugin = GradingPlugin(exercise, session, on_check=announce, categories=categories)
    ensure_importable(exercise.grading_dir)
    with tempfile.TemporaryDirectory(prefix="mlgrade-judge-") as scratch:
        ini = Path(scratch) / "pytest.ini"
        ini.write_text("[pytest]\n", encoding="utf-8")
        args = [
            *suite_paths(exercise, categories),
            "-c",
            str(ini),
            "--rootdir",
            str(exercise.grading_dir),
            "--confcutdir",
            str(exercise.grading_dir),
            "--import-mode=importlib",
            # Only the plugins grading needs: scanning every installed package for pytest plugins costs
            # a fifth of a second per judge, and a plugin installed beside the grader (one that shuffles
            # tests, say) must not change a verdict.
            "--disable-plugin-autoload",
            "-p",
            "_hypothesis_pytestplugin",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:terminal",
            "-p",
            "no:stepwise",
            "-W",
            "ignore",
        ]
        if fail_fast:
            args.append("-x")
        code = pytest.main(args, plugins=[plugin])
        if code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
            # Never a quiet zero: a suite pytest could not even start is the grader's fault.
            name = pytest.ExitCode(code).name
            plugin.suite_errors.append(f"pytest could not run the grading suite ({name}, exit code {int(code)})")
    return plugin


def judge(
    exercise: Exercise,
    source: Path,
    kind: str,
    isolation: str,
    *,
    progress: bool = False,
    categories: tuple[str, ...] = (),
    fail_fast: bool = False,
) -> dict[str, Any]:
    """Grade one file; return the raw outcomes and what the worker reported, as JSON-ready data."""
    text = _source_text(source, kind)
    try:
        static_forbidden = imports.forbidden_imports(text or "", allowed_imports(exercise, kind))
    except SyntaxError:
        static_forbidden = []  # the worker reports the syntax error, with its line, at import
    # Expected values are remembered per grading fingerprint: any change to the suite, the reference,
    # the datasets or the engine starts a fresh namespace (grader/testing/expected_values.py).
    expected_values.configure(grading_fingerprint([exercise]))
    session = open_session(exercise, source, kind, isolation)
    session.launch()  # the worker starts Python and NumPy while pytest collects the suite
    try:
        plugin = run_suite(exercise, session, progress=progress, categories=categories, fail_fast=fail_fast)
    finally:
        session.close()
    output = session.output.text() if isinstance(session, WorkerClient) else ""
    output_bytes = session.output.total if isinstance(session, WorkerClient) else 0
    return {
        "checks": [vars(outcome) for outcome in plugin.outcomes.values()],
        "suite_errors": plugin.suite_errors,
        "isolation": session.isolation,
        "violations": session.violations,
        "static_forbidden": static_forbidden,
        "notes": session.notes,
        "import_error": session.import_error,
        "restarts": session.restarts,
        "candidate_output": output,
        "candidate_output_bytes": output_bytes,
        "candidate_seconds": session.candidate_seconds,
        "candidate_cpu_seconds": session.cpu_seconds(),
    }


def _source_text(source: Path, kind: str) -> str | None:
    try:
        return cells_text(source) if kind == "cells" else source.read_text(encoding="utf-8", errors="replace")
    except (OSError, ValueError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m grader.grading.judge")
    parser.add_argument("--exercise", required=True)
    parser.add_argument("--source", required=True, type=Path)
    parser.add_argument("--kind", choices=("py", "cells"), default="py")
    parser.add_argument("--isolation", choices=("auto", "bubblewrap", "process", "none"), default="auto")
    parser.add_argument("--result", required=True, type=Path)
    parser.add_argument("--progress", action="store_true")
    parser.add_argument(
        "--category",
        action="append",
        default=[],
        help="run only the checks of this category (the fairness tests use it)",
    )
    parser.add_argument(
        "--fail-fast",
        action="store_true",
        help="stop at the first failed check (mutation testing: one failure kills a mutant)",
    )
    options = parser.parse_args(argv)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    try:
        exercise = find(options.exercise)
        result = judge(
            exercise,
            options.source,
            options.kind,
            resolve_isolation(options.isolation),
            progress=options.progress,
            categories=tuple(options.category),
            fail_fast=options.fail_fast,
        )
    except (GraderError, SyntaxError, ValueError) as error:
        result = {"grader_error": f"{type(error).__name__}: {error}"}
    options.result.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
