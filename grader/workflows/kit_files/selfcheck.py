"""Self-checks for the candidate kit: run each exercise's public tests against your code.

This file is shipped in the kit, beside ``conftest.py``. It depends on nothing but the standard
library and pytest, so it runs wherever the kit does.

- From a terminal, ``python -m pytest`` (or ``make check``) in the kit's folder runs every
  exercise's ``test_public.py`` against your ``<slug>.py``; when you deleted the ``.py`` to work in
  the notebook, against the code cells of ``<slug>.ipynb`` instead.
- From a notebook, its last cell calls ``check_notebook``, which runs the same tests against the
  code the notebook has defined so far (no need to save first).

A notebook's code cells are read the way the grader reads them: IPython magics and shell lines are
dropped, stored outputs are ignored, and a cell that raises is skipped with a note.

A test that fails because the stub still raises ``NotImplementedError`` is reported in one short
line ("not implemented yet"), not with a traceback that repeats the stub's docstring: on a fresh kit
every test is in that state, and the useful tracebacks are the ones of code you wrote.
"""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

KIT = Path(__file__).resolve().parent
NOT_IMPLEMENTED = "not implemented"


def check_notebook(slug: str, namespace: dict[str, Any]) -> int:
    """Run ``<slug>``'s public tests against the names a notebook defined; return pytest's exit code.

    Parameters
    ----------
    slug : str
        The exercise, which is also the name its tests import.
    namespace : dict
        The notebook's globals (pass ``globals()``).
    """
    import pytest

    module = types.ModuleType(slug)
    module.__dict__.update(namespace)
    module.__name__ = slug
    sys.modules[slug] = module
    stub = KIT / slug / f"{slug}.py"
    if stub.is_file():
        print(
            f"note: {slug}/{stub.name} is still in this folder. When both files are there the grader "
            f"grades {stub.name} unless it is the untouched stub: delete it before you submit if your "
            "answer is in this notebook.\n"
        )
    try:
        return int(pytest.main([str(KIT / slug), "-q", "--rootdir", str(KIT)]))
    finally:
        sys.modules.pop(slug, None)


def pytest_collectstart(collector: Any) -> None:
    """Before a test file of an exercise is imported, make sure the exercise's code can be imported.

    Every exercise ships a ``test_public.py``: the one imported before is dropped from
    ``sys.modules`` so that the next one is not mistaken for it. When the folder holds the notebook
    but no ``<slug>.py``, the notebook's code cells become the module ``<slug>``.
    """
    path = getattr(collector, "path", None)
    if path is None or Path(path).suffix != ".py":
        return
    path = Path(path)
    sys.modules.pop(path.stem, None)
    folder, slug = path.parent, path.parent.name
    notebook = folder / f"{slug}.ipynb"
    if slug not in sys.modules and not (folder / f"{slug}.py").is_file() and notebook.is_file():
        try:
            sys.modules[slug] = notebook_module(notebook, slug)
        except (OSError, ValueError) as error:  # the tests then fail to import it, saying why
            print(f"cannot read {slug}/{notebook.name}: {error}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: Any, call: Any) -> Generator[None, Any, None]:
    """A failure from ``NotImplementedError`` becomes one line naming the function still to write."""
    outcome = yield
    report = outcome.get_result()
    excinfo = call.excinfo
    if report.failed and excinfo is not None and excinfo.errisinstance(NotImplementedError):
        where = excinfo.traceback[-1]
        path = Path(str(where.path))
        # A notebook's cells run from a file of Jupyter's own, whose name would only confuse.
        place = f" in {path.name}" if path.is_relative_to(KIT) else ""
        report.not_implemented = f"{where.name}{place} is not implemented yet"
        report.longrepr = report.not_implemented


def pytest_report_teststatus(report: Any, config: Any) -> tuple[str, str, str] | None:
    if getattr(report, "not_implemented", None):
        return NOT_IMPLEMENTED, "N", "NOT IMPLEMENTED"
    return None


def pytest_terminal_summary(terminalreporter: Any) -> None:
    reports = terminalreporter.stats.get(NOT_IMPLEMENTED, [])
    if reports:
        terminalreporter.write_sep("=", "not implemented yet (fill in the stub)")
        for report in reports:
            terminalreporter.write_line(f"{report.nodeid}: {report.not_implemented}")


def notebook_module(path: Path, name: str) -> types.ModuleType:
    """Run the code cells of the notebook at ``path`` as the module ``name``, as the grader does."""
    module = types.ModuleType(name)
    module.__file__ = str(path)
    for number, source in enumerate(code_cells(path), start=1):
        try:
            exec(compile(source, f"{path.name}, cell {number}", "exec"), module.__dict__)
        except Exception as error:
            print(
                f"{path.name}: code cell {number} raised {type(error).__name__}: {error}; "
                "it was skipped (the grader skips it too)"
            )
    return module


def code_cells(path: Path) -> list[str]:
    """The source of each code cell, with magics (``%``) and shell lines (``!``) blanked out."""
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict) or document.get("nbformat") != 4:
        raise ValueError(f"{path.name} is not a version-4 notebook")
    sources = []
    for cell in document.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        if text.lstrip().startswith("%%"):
            sources.append("")
            continue
        lines = ["" if line.lstrip().startswith(("%", "!")) else line for line in text.splitlines()]
        sources.append("\n".join(lines) + "\n")
    return sources
