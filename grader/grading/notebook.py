"""Turn a candidate's notebook into the code the worker runs: its code cells, in order.

Outputs stored in the notebook are ignored (never trusted). IPython magics and shell lines (``%``,
``!``) are dropped with a note, and a cell magic (``%%``) drops its whole cell. The worker runs the
cells one by one; a cell that raises is skipped and reported, as a notebook user would expect.
"""

from __future__ import annotations

import json
import types
from pathlib import Path

from grader.core.errors import SubmissionError

NOTEBOOK_VERSION = 4
# A notebook may plot or display its results; these imports are tolerated in notebooks only (they
# cannot compute a solution), and a cell that fails on them is skipped like any failing cell.
DISPLAY_MODULES = ("matplotlib", "seaborn", "plotly", "IPython")


def code_cells(path: Path) -> tuple[list[dict[str, object]], list[str]]:
    """The notebook's code cells as ``{"cell": n, "source": text}``, and notes on what was dropped.

    Raises
    ------
    SubmissionError
        When the file is not valid JSON, not a version-4 notebook, or has no code cells.
    """
    import nbformat  # a tenth of a second (jsonschema): imported when a notebook is read, not at every start

    try:
        document = nbformat.read(str(path), as_version=NOTEBOOK_VERSION)  # type: ignore[no-untyped-call]
        nbformat.validate(document)
    except nbformat.reader.NotJSONError:
        raise SubmissionError(f"{path.name} is not valid notebook JSON.") from None
    except Exception as error:  # any parse failure of untrusted input becomes a message
        first_line = (str(error).splitlines() or [type(error).__name__])[0][:200]
        raise SubmissionError(
            f"{path.name} is not a valid nbformat {NOTEBOOK_VERSION} notebook: {first_line}"
        ) from None
    cells: list[dict[str, object]] = []
    notes: list[str] = []
    number = 0
    for cell in document.cells:
        if cell.get("cell_type") != "code":
            continue
        number += 1
        source = str(cell.get("source", ""))
        if source.lstrip().startswith("%%"):
            notes.append(f"cell {number}: cell magic dropped ({source.strip().splitlines()[0][:60]})")
            continue
        kept, dropped = [], 0
        for line in source.splitlines():
            if line.lstrip().startswith(("%", "!")):
                dropped += 1
                kept.append("")  # keep line numbers stable for error messages
            else:
                kept.append(line)
        if dropped:
            notes.append(f"cell {number}: {dropped} IPython magic/shell line(s) dropped")
        cells.append({"cell": number, "source": "\n".join(kept) + "\n"})
    if not cells:
        raise SubmissionError(f"{path.name} has no code cells.")
    return cells, notes


def cells_file(path: Path, destination: Path) -> tuple[Path, list[str]]:
    """Write the code cells of ``path`` as JSON to ``destination``; return it and the notes."""
    cells, notes = code_cells(path)
    destination.write_text(json.dumps(cells), encoding="utf-8")
    return destination, notes


def cells_text(cells_path: Path) -> str:
    """The code of a cells file written by ``cells_file``, joined into one module's text."""
    cells = json.loads(cells_path.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(str(cell.get("source", "")) for cell in cells)


def module_from_cells(name: str, cells_path: Path) -> tuple[types.ModuleType, list[str]]:
    """Run the cells of a cells file into a new module, as the worker does; the module and its notes.

    For ``--isolation none`` only: the jailed worker has its own copy of this loop, since it runs
    without the grader installed. A cell that raises is skipped and noted, like a notebook user's.
    """
    cells = json.loads(cells_path.read_text(encoding="utf-8", errors="replace"))
    module = types.ModuleType(name)
    module.__file__ = str(cells_path)
    notes: list[str] = []
    for cell in cells:
        try:
            exec(compile(str(cell["source"]), f"{name}.ipynb, cell {cell['cell']}", "exec"), module.__dict__)
        except Exception as error:  # the candidate's cell: whatever it raises is reported, not fatal
            notes.append(f"cell {cell['cell']} raised {type(error).__name__}: {str(error)[:200]}; it was skipped")
    return module, notes
