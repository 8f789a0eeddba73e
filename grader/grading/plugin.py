"""The pytest plugin that turns a grading suite's run into check outcomes.

It provides the suite's fixtures (``candidate``, ``reference``, ``sandbox``, ``exercise``), loads the
derandomised Hypothesis profile with the exercise's seed, requires ``@points`` on every test, and
records each check's outcome with a message a candidate can act on. It never reads anything the
candidate printed: outcomes come from pytest's own reports.
"""

from __future__ import annotations

import contextvars
import importlib
import importlib.util
import sys
import types
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from grader.core.errors import CandidateFault, CandidateImportFailed, CandidateRaised, SuiteError
from grader.core.exercises import Exercise, load_reference
from grader.grading.notebook import module_from_cells
from grader.grading.proxy import (
    HYPOTHESIS_MOCK_PROBE,
    WorkerClient,
    build_trusted,
    build_trusted_at_once,
    describe_import_error,
    undo_build_trusted_at_once,
)
from grader.testing.checks import MARKER, RECORDER, CheckFailed
from grader.testing.messages import brief
from grader.testing.presets import register_grading_profile


@dataclass
class CheckOutcome:
    """What happened to one check; ``passed`` is True only for a clean pass."""

    name: str
    category: str
    weight: float
    passed: bool = False
    message: str = "not run"
    example: str = ""


@dataclass
class InProcessSession:
    """Candidate code imported into the judge itself: no isolation, for benchmarks only."""

    module_path: Path
    module_name: str
    kind: str = "py"  # or "cells": a notebook's code cells (``notebook.cells_file``)
    isolation: str = "none"
    violations: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    restarts: int = 0
    candidate_seconds: float = 0.0
    import_error: str | None = None
    _module: types.ModuleType | None = None
    _at_once: contextvars.Token[bool] | None = None

    def __post_init__(self) -> None:
        # The candidate gets scikit-learn's objects themselves, as its stand-ins stand for them in the
        # worker: otherwise a benchmark would time in-process checks that fail on a spec object.
        self._at_once = build_trusted_at_once(True)

    @property
    def module(self) -> types.ModuleType:
        if self.import_error is not None:
            raise CandidateImportFailed(self.import_error)
        if self._module is None:
            try:
                module = self._load()
            except (Exception, SystemExit) as error:  # the candidate's import: a verdict, as in the worker
                self.import_error = describe_import_error({"type": type(error).__name__, "message": str(error)})
                raise CandidateImportFailed(self.import_error) from None
            # As a worker's module answers (proxy.RemoteObject): never Hypothesis's runner, whatever
            # hooks the module defines. In-process grading trusts the candidate anyway; this keeps its
            # verdicts the sandbox's.
            setattr(module, HYPOTHESIS_MOCK_PROBE, True)
            self._module = module
        return self._module

    def _load(self) -> types.ModuleType:
        if self.kind == "cells":
            module, notes = module_from_cells(self.module_name, self.module_path)
            self.notes.extend(notes)
            return module
        spec = importlib.util.spec_from_file_location(self.module_name, self.module_path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot load {self.module_path.name}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    def worker_call(self, path: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return build_trusted(path, args, kwargs)

    def launch(self) -> None:
        return None  # nothing to start: the module is imported here, at first use

    def hold(self, value: Any) -> Any:
        return value

    def read(self, held: Any) -> Any:
        return held

    def new_check(self) -> None:
        return None

    def cpu_seconds(self) -> float:
        return 0.0

    def close(self) -> None:
        if self._at_once is not None:
            undo_build_trusted_at_once(self._at_once)
            self._at_once = None


Session = WorkerClient | InProcessSession


class Sandbox:
    """The ``sandbox`` fixture: trusted objects for candidate code, data sent ahead, worker calls."""

    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def isolation(self) -> str:
        return self._session.isolation

    def build(self, path: str, /, *args: Any, **kwargs: Any) -> Any:
        """Construct ``path(*args, **kwargs)`` here in the judge (scikit-learn, NumPy, ``grader.spies``).

        Passed to candidate code, it stays here: the candidate gets a stand-in whose calls come back.
        """
        return build_trusted(path, args, kwargs)

    def hold(self, value: Any) -> Any:
        """Send data to the worker now; the returned handle passes it to a later call without a copy."""
        return self._session.hold(value)

    def read(self, held: Any) -> Any:
        """The data behind a ``hold`` handle as it is now in the candidate's process (changed or not)."""
        return self._session.read(held)

    def worker_call(self, path: str, /, *args: Any, **kwargs: Any) -> Any:
        """Call a NumPy function inside the candidate's process (to observe it, e.g. warnings)."""
        return self._session.worker_call(path, args, kwargs)


def category_named_by(path: Path, categories: Iterable[str]) -> str | None:
    """The category a grading file is named after (``test_efficiency.py``), or None for any other name.

    Such a file holds only that category's checks, so a grading of other categories can skip it.
    """
    named = path.stem.removeprefix("test_")
    return named if path.stem.startswith("test_") and named in categories else None


class Unavailable:
    """Stands in for a candidate module that could not be loaded; any use re-raises the reason."""

    def __init__(self, fault: CandidateFault) -> None:
        self._fault = fault

    def __getattr__(self, name: str) -> Any:
        raise type(self._fault)(str(self._fault))


class GradingPlugin:
    """Collects outcomes for one exercise's suite run against one candidate session."""

    def __init__(
        self,
        exercise: Exercise,
        session: Session,
        on_check: Callable[[CheckOutcome], None] | None = None,
        categories: tuple[str, ...] = (),
    ) -> None:
        self._exercise = exercise
        self._categories = categories
        self._session = session
        self.outcomes: dict[str, CheckOutcome] = {}
        self.suite_errors: list[str] = []
        self._on_check = on_check
        self._reference: types.ModuleType | None = None

    # -- configuration
    def pytest_configure(self, config: pytest.Config) -> None:
        # Outcomes come from the exceptions themselves; pytest's own long report of each failed check
        # would re-read and parse the test's source for nothing (a tenth of a second per failure).
        config.option.tbstyle = "native"
        config.addinivalue_line("markers", "mlgrade_check(weight, category): a graded check")
        register_grading_profile(max_examples=self._exercise.max_examples)

    def pytest_collection_modifyitems(self, config: pytest.Config, items: list[pytest.Item]) -> None:
        self._check_markers(items)
        if self._categories:
            kept = [item for item in items if self._category_of(item) in self._categories]
            dropped = [item for item in items if item not in kept]
            config.hook.pytest_deselected(items=dropped)
            items[:] = kept
            self.outcomes = {k: v for k, v in self.outcomes.items() if v.category in self._categories}

    @staticmethod
    def _category_of(item: pytest.Item) -> str:
        marker = item.get_closest_marker(MARKER)
        return "" if marker is None else str(marker.kwargs["category"])

    def _check_markers(self, items: list[pytest.Item]) -> None:
        for item in items:
            marker = item.get_closest_marker(MARKER)
            if marker is None:
                self.suite_errors.append(f"{item.name} has no @points(...) marker")
                continue
            named = category_named_by(item.path, self._exercise.weights)
            category = str(marker.kwargs["category"])
            if named is not None and named != category:
                # A grading of some categories collects only their files (grader/grading/judge.py).
                self.suite_errors.append(
                    f"{item.name} is in {item.path.name} but its category is {category}: "
                    f"a file named after a category holds only that category's checks"
                )
            test = getattr(item, "obj", None)
            if getattr(test, "hypothesis", None) is not None:
                seed = zlib.crc32(f"{self._exercise.seed}:{item.name}".encode())
                test._hypothesis_internal_use_seed = seed  # type: ignore[union-attr]
            self.outcomes[item.nodeid] = CheckOutcome(
                name=item.name, category=category, weight=float(marker.kwargs["weight"])
            )
        used = {outcome.category for outcome in self.outcomes.values()}
        weighed = set(self._exercise.weights)
        for category in sorted((weighed & set(self._categories) if self._categories else weighed) - used):
            self.suite_errors.append(f"category {category} has weight but no check")

    # -- fixtures
    @pytest.fixture
    def candidate(self) -> Any:
        # A fault must surface inside the test, not in fixture set-up: pytest does not expect a
        # BaseException there, and the check would lose its message.
        try:
            return self._session.module
        except CandidateFault as fault:
            return Unavailable(fault)

    @pytest.fixture
    def reference(self) -> types.ModuleType:
        if self._reference is None:
            self._reference = load_reference(self._exercise.slug)
        return self._reference

    @pytest.fixture
    def sandbox(self) -> Sandbox:
        return Sandbox(self._session)

    @pytest.fixture
    def exercise(self) -> Exercise:
        return self._exercise

    # -- outcomes
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        RECORDER.reset()
        self._session.new_check()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
        yield
        outcome = self.outcomes.get(item.nodeid)
        if outcome is None or (call.when == "teardown" and call.excinfo is None):
            return
        if call.excinfo is not None:
            if call.when != "call" and not isinstance(call.excinfo.value, CandidateFault):
                # A fixture of the suite failed: the grader's fault, never a quiet zero for the candidate.
                self.suite_errors.append(f"{item.name}: error in {call.when}: {_traceback(call.excinfo)}")
            outcome.passed = False
            outcome.message = failure_message(call.excinfo.value)
            example = RECORDER.latest
            if example and not isinstance(call.excinfo.value, (CandidateFault, NotImplementedError)):
                outcome.example = ", ".join(f"{k}={brief(v, limit=120)}" for k, v in example.items())
            self._finish(outcome)
        elif call.when == "call":
            outcome.passed = True
            outcome.message = "passed"
            self._finish(outcome)

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        """A grading module that fails to import is an authoring error, reported with its traceback."""
        if report.failed:
            where = report.nodeid or "the grading suite"
            self.suite_errors.append(f"{where} could not be collected: {report.longreprtext[-AUTHOR_TRACE_CHARS:]}")

    def _finish(self, outcome: CheckOutcome) -> None:
        if self._on_check is not None:
            self._on_check(outcome)


AUTHOR_TRACE_CHARS = 2000


def _traceback(excinfo: pytest.ExceptionInfo[BaseException]) -> str:
    return str(excinfo.getrepr(style="short"))[-AUTHOR_TRACE_CHARS:]


def failure_message(error: BaseException) -> str:
    """A one-paragraph reason for a failed check, meant for the candidate."""
    if isinstance(error, BaseExceptionGroup) and error.exceptions:
        more = len(error.exceptions) - 1
        first = failure_message(error.exceptions[0])
        return first + (f" (and {more} other distinct failure{'s' if more > 1 else ''})" if more else "")
    if isinstance(error, NotImplementedError):
        where = getattr(error, "location", "")
        return "not implemented" + (f" ({where})" if where else "")
    if isinstance(error, (CheckFailed, CandidateFault)):
        return str(error)
    if isinstance(error, CandidateRaised):
        where = f" ({error.location})" if error.location else ""
        return f"candidate code raised {error.remote_type}: {str(error)[:300]}{where}"
    if isinstance(error, AssertionError):
        lines = [line for line in str(error).splitlines() if line.strip()][:6]
        return "check failed: " + " / ".join(lines)[:600] if lines else "check failed"
    kind = type(error).__name__
    if "Flaky" in kind:
        return (
            "the result was not reproducible: a failure did not repeat on the same input "
            "(unseeded randomness, or state kept between calls?)"
        )
    if isinstance(error, SuiteError):
        return f"grading suite error: {error}"
    return f"error while checking the result: {kind}: {str(error)[:300]}"


def ensure_importable(folder: Path) -> None:
    """Let a suite import its helper modules (``<slug>_strategies.py``) by plain name."""
    path = str(folder)
    if path not in sys.path:
        sys.path.insert(0, path)
