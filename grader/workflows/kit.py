"""The candidate kit (``mlgrade kit``): the exercises as a candidate sees them, and nothing more.

``mlgrade kit [--exercise SLUG ...] --out PATH`` writes a folder, or a ``.zip`` when ``PATH`` ends in
``.zip``::

    README.md            rules, time budgets, what the hidden tests check, self-check, submission
    requirements.txt     what the self-checks need, pinned to the versions installed here
    Makefile             ``make check`` (= ``python -m pytest``)
    pytest.ini           test paths, so ``python -m pytest`` works from the kit's folder
    conftest.py          hands each exercise's tests the candidate's code (see ``selfcheck.py``)
    selfcheck.py         the self-check runner, also called by each notebook's last cell
    <slug>/README.md     the statement
    <slug>/<slug>.py     the stub
    <slug>/<slug>.ipynb  the same stub as a notebook (generated here with nbformat)
    <slug>/test_public.py   the public self-checks (or the files of ``exercises/<slug>/public/``)

Only those files are read from an exercise's folder: nothing of ``reference/``, of the hidden
``grading/`` suites or of the grader itself goes in, and the build refuses to write a file whose
content is a reference solution or a grading file. The layout is a valid submission: ``mlgrade
grade`` on the filled-in folder finds ``<slug>/<slug>.py`` or ``<slug>/<slug>.ipynb``. The output is
deterministic (sorted entries, fixed zip timestamps, fixed notebook cell ids).
"""

from __future__ import annotations

import ast
import importlib.metadata
import itertools
import sys
import textwrap
import zipfile
from collections.abc import Iterable
from pathlib import Path

import nbformat

from grader.core.errors import ConfigurationError, UsageError
from grader.core.exercises import Exercise
from grader.grading.imports import forbidden_imports

STATIC_FILES = Path(__file__).resolve().parent / "kit_files"
STATIC_NAMES = ("Makefile", "selfcheck.py")
PUBLIC_TESTS = "test_public.py"
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
CATEGORY_TEXT = {
    "matches_reference": "gives the same answers as a reference implementation, on inputs where the "
    "statement pins the answer down",
    "matches_sklearn": "agrees with scikit-learn (set up to compute the same thing) on generated data "
    "and on small real datasets",
    "properties": "keeps the guarantees every correct implementation has, on many generated inputs",
    "edge_cases": "handles the corner cases the statement names",
    "input_validation": "rejects bad input with a ValueError and a message, as the statement says",
    "efficiency": "runs within a generous multiple of the reference's time on a medium-sized input "
    "(vectorised NumPy passes easily; a Python loop over samples may not)",
}
CONFTEST = '''\
"""pytest set-up for the kit's self-checks; the work is done in selfcheck.py."""

from selfcheck import (
    pytest_collectstart,
    pytest_report_teststatus,
    pytest_runtest_makereport,
    pytest_terminal_summary,
)

__all__ = ["pytest_collectstart", "pytest_report_teststatus", "pytest_runtest_makereport",
           "pytest_terminal_summary"]
'''
YOUR_SOLUTION = (
    "## Your solution\n\nFill in the code cells below (add cells to experiment). The grader runs every "
    "code cell of this notebook, in order, as one module and grades what it defines; outputs stored "
    "in the notebook are ignored. The kit's README.md has the rules."
)
SELF_CHECK_CELL = """\
# Self-check: runs test_public.py against the code this notebook has defined (no need to save).
# The grader skips this cell: it grades the functions and classes the cells above define.
if __name__ == "__main__":
    import runpy

    runpy.run_path("../selfcheck.py")["check_notebook"]("{slug}", globals())
"""


def build_kit(exercises: list[Exercise]) -> dict[str, bytes]:
    """Every file of the kit, by its path inside the kit (``/``-separated)."""
    files: dict[str, bytes] = {}
    for exercise in exercises:
        files.update(exercise_files(exercise))
    for name in STATIC_NAMES:
        files[name] = (STATIC_FILES / name).read_bytes()
    files["conftest.py"] = CONFTEST.encode()
    files["pytest.ini"] = pytest_ini(exercises).encode()
    files["requirements.txt"] = requirements(exercises, files).encode()
    files["README.md"] = kit_readme(exercises).encode()
    refuse_leaks(files, exercises)
    return dict(sorted(files.items()))


def exercise_files(exercise: Exercise) -> dict[str, bytes]:
    """``<slug>/``: the statement, the stub, the stub as a notebook and the public self-checks."""
    slug = exercise.slug
    statement = _required_text(exercise.statement_path, exercise, "its statement")
    stub = _required_text(exercise.stub_path, exercise, "its stub")
    files = {
        f"{slug}/README.md": statement.encode(),
        f"{slug}/{slug}.py": stub.encode(),
        f"{slug}/{slug}.ipynb": notebook_text(stub_notebook(exercise, statement, stub)).encode(),
    }
    public = public_tests(exercise)
    clashes = sorted(set(public) & {"README.md", f"{slug}.py", f"{slug}.ipynb"})
    if clashes:
        raise ConfigurationError(f"{exercise.folder}/public/{clashes[0]} would overwrite a kit file.")
    files.update({f"{slug}/{name}": content for name, content in public.items()})
    return files


def public_tests(exercise: Exercise) -> dict[str, bytes]:
    """The public self-check files, by file name: ``test_public.py``, or the files in ``public/``."""
    single, folder = exercise.folder / PUBLIC_TESTS, exercise.folder / "public"
    found = {PUBLIC_TESTS: single.read_bytes()} if single.is_file() else {}
    if folder.is_dir():
        found.update(
            {
                path.name: path.read_bytes()
                for path in sorted(folder.iterdir())
                if path.is_file() and "__pycache__" not in path.parts
            }
        )
    if not any(name.startswith("test_") and name.endswith(".py") for name in found):
        raise ConfigurationError(
            f"Exercise {exercise.slug!r} has no {PUBLIC_TESTS} (or public/ folder "
            f"with test files) in {exercise.folder}: the kit needs its self-checks."
        )
    return found


def _required_text(path: Path, exercise: Exercise, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise ConfigurationError(
            f"Exercise {exercise.slug!r} has no {path.name} ({what}) in "
            f"{exercise.folder}: the kit cannot be built without it."
        ) from None


def stub_notebook(exercise: Exercise, statement: str, stub: str) -> nbformat.NotebookNode:
    """The stub as a notebook: the statement in Markdown cells, the stub in code cells, a self-check."""
    cells = [_cell("markdown", text) for text in markdown_sections(statement)]
    cells.append(_cell("markdown", YOUR_SOLUTION))
    cells += [_cell("code", source) for source in code_sections(stub, str(exercise.stub_path))]
    cells.append(_cell("markdown", "## Self-check"))
    cells.append(_cell("code", SELF_CHECK_CELL.format(slug=exercise.slug)))
    for number, cell in enumerate(cells, start=1):
        cell.id = f"{exercise.slug[:50]}-{number}"  # nbformat's ids are random; the kit is reproducible
    document: nbformat.NotebookNode = nbformat.v4.new_notebook(  # type: ignore[no-untyped-call]
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
    )
    nbformat.validate(document)
    return document


def _cell(kind: str, source: str) -> nbformat.NotebookNode:
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell: nbformat.NotebookNode = make(source)  # type: ignore[no-untyped-call]
    return cell


def notebook_text(document: nbformat.NotebookNode) -> str:
    text: str = nbformat.writes(document)  # type: ignore[no-untyped-call]
    return text


def markdown_sections(text: str) -> list[str]:
    """Split Markdown before each level-1 or level-2 heading that is not inside a code fence."""
    sections: list[list[str]] = [[]]
    fenced = False
    for line in text.strip().splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if not fenced and line.startswith(("# ", "## ")) and any(s.strip() for s in sections[-1]):
            sections.append([])
        sections[-1].append(line)
    return ["\n".join(lines).strip() for lines in sections if any(s.strip() for s in lines)]


def code_sections(source: str, name: str = "the stub") -> list[str]:
    """Split a module before each top-level ``def`` and ``class`` (with its decorators and comments).

    Joined again in order, the sections are the module itself, line for line.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ConfigurationError(f"{name} does not parse: {error}") from None
    lines = source.splitlines()
    starts = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            while start > 0 and lines[start - 1].lstrip().startswith("#"):
                start -= 1
            starts.append(start)
    bounds = [*sorted({0, *starts}), len(lines)]
    sections = ["\n".join(lines[a:b]).strip("\n") for a, b in itertools.pairwise(bounds)]
    return [section for section in sections if section.strip()]


def pytest_ini(exercises: list[Exercise]) -> str:
    return (
        "[pytest]\n"
        "# The self-checks of every exercise: `python -m pytest` here, `python -m pytest <folder>` for one.\n"
        f"testpaths = {' '.join(exercise.slug for exercise in exercises)}\n"
        "python_files = test_*.py\n"
        "addopts = -p no:cacheprovider\n"
    )


def requirements(exercises: list[Exercise], files: dict[str, bytes]) -> str:
    """Pins for pytest, each exercise's allowed imports and whatever the public tests import."""
    local = {Path(name).stem for name in files if name.endswith(".py")}
    modules = {"pytest"} | {name for exercise in exercises for name in exercise.allowed_imports}
    for name, content in files.items():
        if name.endswith(".py") and "/" in name:
            try:
                modules.update(forbidden_imports(content.decode(), ()))
            except SyntaxError as error:
                raise ConfigurationError(f"The kit file {name} does not parse: {error}") from None
    distributions = importlib.metadata.packages_distributions()
    pins = set()
    for module in sorted(modules - local - set(sys.stdlib_module_names)):
        names = distributions.get(module)
        if not names:
            raise ConfigurationError(
                f"The kit's files import {module!r}, which is not installed here: cannot pin it in requirements.txt."
            )
        pins.add(f"{names[0]}=={importlib.metadata.version(names[0])}")
    return (
        "# What the exercises and their self-checks need, pinned to the versions the grader uses.\n"
        "# Install with: python -m pip install -r requirements.txt\n"
        + "".join(f"{pin}\n" for pin in sorted(pins, key=str.lower))
    )


def kit_readme(exercises: list[Exercise]) -> str:
    """The kit's README: what is where, the rules, the hidden tests, self-checking and submitting."""
    categories = sorted({name for e in exercises for name in e.weights}, key=list(CATEGORY_TEXT).index)
    described = [
        textwrap.fill(f"- **{name}**: {CATEGORY_TEXT[name]}.", 100, subsequent_indent="  ") for name in categories
    ]
    return _README.format(
        count=f"{len(exercises)} exercise{'s' if len(exercises) > 1 else ''}",
        total_minutes=sum(e.time_budget_minutes for e in exercises),
        python=f"{sys.version_info.major}.{sys.version_info.minor}",
        example=exercises[0].slug,
        exercise_rows="\n".join(
            f"| {e.title} | `{e.slug}/` | {e.points:g} | {e.difficulty} | {e.time_budget_minutes} min |"
            for e in exercises
        ),
        import_rows="\n".join(
            f"  | `{e.slug}` | {', '.join(f'`{m}`' for m in e.allowed_imports) or 'none'} |" for e in exercises
        ),
        category_list="\n".join(described),
        category_header=" | ".join(categories),
        category_rule=" | ".join("---:" for _ in categories),
        point_rows="\n".join(
            f"| `{e.slug}` | " + " | ".join(_category_points(e, name) for name in categories) + " |" for e in exercises
        ),
        call_seconds=f"{min(e.call_timeout_seconds for e in exercises):g}",
    )


def _category_points(exercise: Exercise, category: str) -> str:
    value = exercise.category_points().get(category)
    return "-" if value is None else f"{value:.3g}"


def refuse_leaks(files: dict[str, bytes], exercises: Iterable[Exercise]) -> None:
    """Refuse to ship a file whose content is a reference solution or a file of a grading suite."""
    secret: dict[bytes, Path] = {}
    for exercise in exercises:
        paths = [exercise.reference_path]
        if exercise.grading_dir.is_dir():
            paths += [p for p in exercise.grading_dir.rglob("*") if p.is_file()]
        secret.update({p.read_bytes().strip(): p for p in paths if p.is_file()})
    for name, content in files.items():
        if content.strip() and content.strip() in secret:
            raise ConfigurationError(
                f"The kit file {name} is a copy of {secret[content.strip()]}, which candidates must not see."
            )


def write_folder(files: dict[str, bytes], out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(f"{out} already exists and is not an empty folder; choose another --out.")
    for name, content in files.items():
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def write_zip(files: dict[str, bytes], out: Path, *, top: str) -> None:
    """Write the kit as ``out``, under one top folder, byte-identical from one build to the next."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(f"{top}/{name}", date_time=ZIP_TIMESTAMP)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)


_README = """\
# Take-home exercises

{count}, about {total_minutes} minutes in all. Each folder holds:

- `README.md`: the statement: what to implement, the exact API, the rules, how it is graded;
- `<exercise>.py`: the stub to fill in;
- `<exercise>.ipynb`: the same stub as a notebook, if you prefer to work in one;
- `test_public.py`: quick self-checks.

| exercise | folder | points | difficulty | time budget |
| --- | --- | ---: | --- | ---: |
{exercise_rows}

## Setting up

You need Python {python} or newer (the grader runs Python {python}). In this folder:

    python -m pip install -r requirements.txt

(in a virtual environment if you like: `python -m venv .venv` first). To work in the notebooks you
also need Jupyter, or an editor that opens `.ipynb` files.

## Rules

- **Imports.** Your solution may import only these modules and the Python standard library:

  | exercise | allowed imports |
  | --- | --- |
{import_rows}

  Any other import in your solution file (pandas, scikit-learn, SciPy...) scores that exercise
  **zero**, wherever it is. In a notebook, cells that only plot or display (matplotlib, seaborn,
  plotly, IPython) are tolerated. Use scikit-learn as much as you like to check your work, in
  separate files.
- **Time.** The budget of each exercise is in the table above. Stop when it runs out: a clear,
  partial answer is worth more than a rushed complete one.
- **Names.** Keep the file names, the folder layout and the names and signatures in the stubs: the
  grader imports them.
- **Sandbox.** The grader runs your code in a sandbox: no network, no files, and a time limit on each
  call (about {call_seconds} seconds). Printing is fine but is never read.

## How you are graded

Hidden tests, run by the interviewer, check your code much more thoroughly than the self-checks do.
Each exercise's points are shared among these categories:

{category_list}

| exercise | {category_header} |
| --- | {category_rule} |
{point_rows}

Only what your functions and classes return (and the errors they raise) counts: printed output and
outputs stored in a notebook are ignored. Each statement's "How it is graded" section says more.

## Checking your work

    make check                          # or: python -m pytest
    python -m pytest {example}          # one exercise

Until you fill in the stub, each self-check prints one line saying which function is not
implemented yet. They are a quick sanity check, not the grade: passing them all does not mean full
marks.

In a notebook, run its last cell ("Self-check"): it runs the same tests against the code the
notebook has defined. Open the notebook from its own folder (Jupyter does) so that it finds
`selfcheck.py`.

## Working in a notebook

- The grader runs every code cell of the notebook, in order, as one module, and grades the functions
  and classes it defines. A cell that raises an error is skipped (and reported), so the rest is
  still graded.
- IPython magics (`%timeit`) and shell lines (`!pip install`) are dropped by the grader; cells that
  print are fine, and so are cells that only plot or display (matplotlib, seaborn, plotly, IPython;
  see Rules): you need not delete them. In a `.py` solution those imports are not allowed.

## Submitting

1. For each exercise keep exactly one file with your answer, `<exercise>.py` **or**
   `<exercise>.ipynb`, and delete the other one. When both are there the grader grades the `.py`,
   unless it is still the untouched stub (then it grades the notebook and says so).
2. Keep this folder's layout. An exercise you did not attempt can stay as it is (it scores zero).
3. Zip the whole folder (or push it to the repository you were given) and send it as instructed.
"""
