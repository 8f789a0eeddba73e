"""``mlgrade kit``: the kit's layout and contents, what it must never hold, its self-checks, and the
kit filled in (as ``.py`` files or as notebooks) graded as a submission.

Most tests use two copies of the engine's toy exercise (``toy`` and ``toy2``, which grade in seconds),
given the statement and public tests a real exercise has. The leak tests build the kit of each real
exercise.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import re
import runpy
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from grader import cli
from grader.workflows.kit import code_sections, markdown_sections
from tests.helpers import FIXTURES, ROOT

TOY = FIXTURES / "toy"
SLUGS = ("toy", "toy2")
STATEMENT = """\
# Toy: column means

Implement `column_means(X)` and `Centerer` in `{slug}.py`.

## Rules

NumPy only. Time budget: 5 minutes.

```python
# a comment in a code block, not a heading
```

## How it is graded

Hidden tests compare with a reference.
"""
PUBLIC_TESTS = '''\
"""Quick self-checks for your ``{slug}.py``: run ``pytest test_public.py`` next to it."""
import numpy as np
from {slug} import Centerer, column_means


def test_column_means_of_a_small_matrix():
    np.testing.assert_allclose(column_means([[1.0, 2.0], [3.0, 4.0]]), [2.0, 3.0])


def test_centred_columns_have_zero_mean():
    X = np.array([[1.0, 2.0], [3.0, 6.0]])
    np.testing.assert_allclose(Centerer().fit(X).transform(X).mean(axis=0), [0.0, 0.0])
'''
EXPECTED_LAYOUT = {
    "README.md",
    "requirements.txt",
    "Makefile",
    "pytest.ini",
    "conftest.py",
    "selfcheck.py",
    *(f"{slug}/{name}" for slug in SLUGS for name in ("README.md", f"{slug}.py", f"{slug}.ipynb", "test_public.py")),
}
REAL_SLUGS = sorted(p.name for p in (ROOT / "exercises").iterdir() if (p / "exercise.toml").is_file())


def mlgrade(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader.cli", *args], capture_output=True, text=True, timeout=900, cwd=cwd
    )


def in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``mlgrade ARGS`` in this process (quicker than a subprocess): exit code, stdout, stderr."""
    code = cli.main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def python(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=600, cwd=cwd)


@pytest.fixture
def toys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An exercises root with ``toy`` and ``toy2``, each with a statement and public tests."""
    root = tmp_path / "toys"
    for slug in SLUGS:
        folder = root / "exercises" / slug
        shutil.copytree(TOY / "exercises" / "toy", folder)
        (folder / "toy.py").rename(folder / f"{slug}.py")
        (folder / "README.md").write_text(STATEMENT.format(slug=slug), encoding="utf-8")
        (folder / "test_public.py").write_text(PUBLIC_TESTS.format(slug=slug), encoding="utf-8")
        (root / "reference").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TOY / "reference" / "toy.py", root / "reference" / f"{slug}.py")
    monkeypatch.setenv("MLGRADE_EXERCISES", str(root / "exercises"))
    monkeypatch.setenv("MLGRADE_REFERENCE", str(root / "reference"))
    return root


@pytest.fixture
def kit(toys: Path, tmp_path: Path) -> Path:
    """The toys' kit, built in this process (the command line is tested on its own above)."""
    out = tmp_path / "kit"
    assert cli.main(["kit", "--out", str(out)]) == 0
    return out


def fill_py(kit: Path, root: Path, slugs: tuple[str, ...] = SLUGS) -> None:
    for slug in slugs:
        shutil.copyfile(root / "reference" / f"{slug}.py", kit / slug / f"{slug}.py")


def fill_notebook(kit: Path, root: Path, slug: str, extra_cells: tuple[str, ...] = ()) -> Path:
    """Write the reference into the kit notebook's code cells, the way a candidate fills them in."""
    path = kit / slug / f"{slug}.ipynb"
    document = nbformat.read(str(path), as_version=4)
    code = [cell for cell in document.cells if cell.cell_type == "code"]
    answer = (root / "reference" / f"{slug}.py").read_text(encoding="utf-8")
    code[0].source = answer
    for cell in code[1:-1]:
        cell.source = ""
    position = document.cells.index(code[-1])
    document.cells[position:position] = [nbformat.v4.new_code_cell(text) for text in extra_cells]
    nbformat.write(document, str(path))
    return path


def text_files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------------------- layout


def test_the_zip_kit_has_the_documented_layout_under_one_folder(toys: Path, tmp_path: Path) -> None:
    out = tmp_path / "dist" / "mlgrade-kit.zip"
    run = mlgrade("kit", "--out", str(out))
    assert run.returncode == 0, run.stderr
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
    assert names == {f"mlgrade-kit/{name}" for name in EXPECTED_LAYOUT}


def test_the_kit_is_byte_identical_from_one_build_to_the_next(
    toys: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "1" / "kit.zip", tmp_path / "2" / "kit.zip"
    assert in_process(capsys, "kit", "--out", str(first))[0] == 0
    assert in_process(capsys, "kit", "--out", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()


def test_exercise_selects_what_goes_in_the_kit(toys: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert in_process(capsys, "kit", "--exercise", "toy2", "--out", str(tmp_path / "kit"))[0] == 0
    assert sorted(p.name for p in (tmp_path / "kit").iterdir() if p.is_dir()) == ["toy2"]
    assert "testpaths = toy2\n" in (tmp_path / "kit" / "pytest.ini").read_text()


def test_the_statement_and_stub_are_copied_unchanged(kit: Path, toys: Path) -> None:
    for slug in SLUGS:
        source = toys / "exercises" / slug
        for name in ("README.md", f"{slug}.py", "test_public.py"):
            assert (kit / slug / name).read_bytes() == (source / name).read_bytes()


def test_the_notebook_is_the_statement_then_the_stub_then_a_self_check(kit: Path, toys: Path) -> None:
    document = nbformat.read(str(kit / "toy" / "toy.ipynb"), as_version=4)
    nbformat.validate(document)
    kinds = [cell.cell_type for cell in document.cells]
    statement = STATEMENT.format(slug="toy")
    sections = markdown_sections(statement)
    assert len(sections) == 3, "split at the two '## ' headings, not at the comment in the code block"
    assert [cell.source for cell in document.cells[:3]] == sections
    code = [cell for cell in document.cells if cell.cell_type == "code"]
    stub = (toys / "exercises" / "toy" / "toy.py").read_text()
    joined = "\n\n".join(cell.source for cell in code[:-1])
    assert ast.dump(ast.parse(joined)) == ast.dump(ast.parse(stub))
    assert len(code) - 1 == len(code_sections(stub)) == 3
    assert kinds[-1] == "code" and 'if __name__ == "__main__":' in code[-1].source
    assert 'check_notebook"]("toy", globals())' in code[-1].source
    assert all(not cell.get("outputs") for cell in code)


def test_stub_sections_keep_decorators_and_comments_with_their_definition() -> None:
    source = "import numpy as np\n\nX = 1\n\n\n# helper\n@staticmethod\ndef f():\n    pass\n\n\nclass A:\n    x = 1\n"
    assert code_sections(source) == [
        "import numpy as np\n\nX = 1",
        "# helper\n@staticmethod\ndef f():\n    pass",
        "class A:\n    x = 1",
    ]


def test_the_readme_states_the_rules_hidden_tests_self_check_and_submission(kit: Path) -> None:
    readme = (kit / "README.md").read_text()
    for expected in (
        "| Toy: column means | `toy/` | 10 | easy | 5 min |",
        "| `toy2` | `numpy` |",
        "Hidden tests",
        "**matches_reference**",
        "**efficiency**",
        "make check",
        "python -m pytest",
        "## Submitting",
        "delete the other one",
        "scores that exercise\n  **zero**",
    ):
        assert expected in readme, expected
    assert "**edge_cases**" not in readme, "the toy has no edge_cases checks: the README must not list it"


def test_requirements_pin_what_the_stubs_and_self_checks_import(kit: Path) -> None:
    lines = [line for line in (kit / "requirements.txt").read_text().splitlines() if not line.startswith("#")]
    assert lines == [f"numpy=={importlib.metadata.version('numpy')}", f"pytest=={importlib.metadata.version('pytest')}"]


# ------------------------------------------------------------------------------ command-line errors


@pytest.mark.parametrize(
    "case, message",
    [
        ("non_empty_out", "already exists and is not an empty folder"),
        ("unknown_exercise", "Unknown exercise 'nope'"),
        ("no_statement", "Exercise 'toy' has no README.md (its statement)"),
        ("no_public_tests", "Exercise 'toy' has no test_public.py"),
        ("zip_is_a_folder", "Cannot write the kit to"),
    ],
)
def test_kit_errors_exit_2_with_one_line(
    toys: Path, tmp_path: Path, case: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    args = ["kit", "--out", str(out)]
    if case == "non_empty_out":
        out.mkdir()
        (out / "work.py").write_text("candidate work")
    elif case == "unknown_exercise":
        args += ["--exercise", "nope"]
    elif case == "zip_is_a_folder":
        args = ["kit", "--out", str(tmp_path / "kit.zip")]
        (tmp_path / "kit.zip").mkdir()
    elif case == "no_statement":
        (toys / "exercises" / "toy" / "README.md").unlink()
    else:
        (toys / "exercises" / "toy" / "test_public.py").unlink()
    code, _, err = in_process(capsys, *args)
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1, err


def test_a_stub_identical_to_its_reference_is_refused(
    toys: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copyfile(toys / "reference" / "toy.py", toys / "exercises" / "toy" / "toy.py")
    code, _, err = in_process(capsys, "kit", "--out", str(tmp_path / "kit"))
    assert code == 2
    assert "toy/toy.py is a copy of" in err and "must not see" in err
    assert not (tmp_path / "kit").exists()


def test_the_command_line_reports_a_kit_error_in_one_line_without_a_traceback(toys: Path, tmp_path: Path) -> None:
    (toys / "exercises" / "toy" / "README.md").unlink()
    run = mlgrade("kit", "--out", str(tmp_path / "kit"))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert (
        run.stderr == f"mlgrade: Exercise 'toy' has no README.md (its statement) in {toys}/exercises/toy: "
        "the kit cannot be built without it.\n"
    )


# --------------------------------------------------------------------------- nothing leaks out


def function_bodies(path: Path) -> list[str]:
    """The body of every function in ``path``, docstring left out, whitespace squeezed out."""
    source = path.read_text(encoding="utf-8")
    bodies = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            if body:
                text = "\n".join(ast.get_source_segment(source, stmt) or "" for stmt in body)
                bodies.append(squeeze(text))
    return [body for body in bodies if len(body) >= 40]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_names(paths: list[Path]) -> set[str]:
    names = set()
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {
            node.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_")
        }
    return names


test_names.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


@pytest.mark.parametrize("slug", REAL_SLUGS)
def test_the_kit_of_a_real_exercise_leaks_nothing(
    slug: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kit"
    code, _, err = in_process(capsys, "kit", "--exercise", slug, "--out", str(out))
    assert code == 0, err
    files = text_files(out)
    assert not any({"grading", "reference", "grader"} & set(Path(name).parts) for name in files)
    exercise = ROOT / "exercises" / slug
    grading = sorted((exercise / "grading").rglob("*.py"))
    # The kit's own helper files come from grader/workflows/kit_files/; nothing else of grader/ may appear.
    secret = [
        ROOT / "reference" / f"{slug}.py",
        *grading,
        *(p for p in (ROOT / "grader").rglob("*.py") if "kit_files" not in p.parts),
    ]
    contents = {squeeze(text) for text in files.values()}
    for path in secret:
        assert squeeze(path.read_text(encoding="utf-8")) not in contents, f"the kit holds a copy of {path}"
    everything = squeeze("\n".join(files.values()))
    public_bodies = set(function_bodies(exercise / f"{slug}.py"))  # a stub may ship __init__ bodies
    for body in set(function_bodies(ROOT / "reference" / f"{slug}.py")) - public_bodies:
        assert body not in everything, f"a reference function body is in the kit: {body[:80]}"
    public = test_names([ROOT / "exercises" / slug / "test_public.py"])
    hidden = test_names(grading) - public
    text = "\n".join(files.values())
    leaked = sorted(name for name in hidden if re.search(rf"\b{name}\b", text))
    assert not leaked, f"hidden test names in the kit: {leaked}"


# ------------------------------------------------------------------------------------ self-checks


def test_self_checks_fail_on_the_bare_kit_and_pass_once_filled_in(kit: Path, toys: Path) -> None:
    bare = python("-m", "pytest", cwd=kit)
    assert bare.returncode == 1, bare.stdout
    assert "4 not implemented" in bare.stdout
    lines = bare.stdout.splitlines()
    assert sorted(line for line in lines if line.endswith("is not implemented yet")) == [
        f"{slug}/test_public.py::{test}: {function} in {slug}.py is not implemented yet"
        for slug in SLUGS
        for test, function in (
            ("test_centred_columns_have_zero_mean", "fit"),
            ("test_column_means_of_a_small_matrix", "column_means"),
        )
    ]
    assert len(lines) < 20 and "Traceback" not in bare.stdout and "Return the mean" not in bare.stdout
    fill_py(kit, toys)
    filled = python("-m", "pytest", cwd=kit)
    assert filled.returncode == 0, filled.stdout
    assert "4 passed" in filled.stdout  # both exercises' test_public.py, without a name clash
    one = python("-m", "pytest", "test_public.py", cwd=kit / "toy2")
    assert one.returncode == 0 and "2 passed" in one.stdout, one.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_check_runs_the_self_checks(kit: Path, toys: Path) -> None:
    fill_py(kit, toys)
    run = subprocess.run(
        ["make", "check", f"PYTHON={sys.executable}"], cwd=kit, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0 and "4 passed" in run.stdout, run.stdout + run.stderr


def test_self_checks_test_the_notebook_once_the_py_is_deleted(kit: Path, toys: Path) -> None:
    fill_notebook(kit, toys, "toy", extra_cells=("%timeit column_means([[1.0]])", "1 / 0"))
    (kit / "toy" / "toy.py").unlink()
    fill_py(kit, toys, ("toy2",))
    run = python("-m", "pytest", cwd=kit)
    assert run.returncode == 0, run.stdout
    assert "4 passed" in run.stdout
    assert "toy.ipynb: code cell 5 raised ZeroDivisionError" in run.stdout


KERNEL = """\
import os, sys
import nbformat

# What a Jupyter kernel does: run the cells in order, in __main__, from the notebook's folder.
os.chdir(sys.argv[1])
for path in sys.argv[2:]:
    namespace = {"__name__": "__main__"}
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            exec(compile(cell.source, path, "exec"), namespace)
    print("=== end of", path, flush=True)
"""


def test_the_notebooks_last_cell_runs_the_self_check_on_the_notebooks_own_code(
    kit: Path, toys: Path, tmp_path: Path
) -> None:
    folder = kit / "toy"
    bare = tmp_path / "bare.ipynb"
    shutil.copyfile(folder / "toy.ipynb", bare)
    filled = fill_notebook(kit, toys, "toy")
    # One kernel, the stub first and then the filled-in code: the second run must not see the first.
    run = python("-c", KERNEL, str(folder), str(bare), str(filled), cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    first, second = run.stdout.split("=== end of")[:2]
    assert "2 not implemented" in first
    assert "test_column_means_of_a_small_matrix: column_means is not implemented yet" in first
    assert "2 passed" in second and "failed" not in second
    assert "toy/toy.py is still in this folder" in second, "the candidate is warned about the stub .py"


# -------------------------------------------------------------------------- the kit as a submission


def grade_json(path: Path, *args: str) -> dict[str, object]:
    run = mlgrade("grade", str(path), "--format", "json", *args)
    assert run.returncode == 0, run.stderr
    report: dict[str, object] = json.loads(run.stdout)
    return report


def exercise_of(report: dict[str, object], slug: str) -> dict[str, object]:
    exercises = report["exercises"]
    assert isinstance(exercises, list)
    return next(e for e in exercises if e["slug"] == slug)


def test_the_kit_filled_in_py_files_grades_full_marks_as_a_folder_and_as_a_zip(
    kit: Path, toys: Path, tmp_path: Path
) -> None:
    fill_py(kit, toys)
    assert grade_json(kit)["score"] == 20
    archive = tmp_path / "submission.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(kit.rglob("*")):
            bundle.write(path, f"candidate-kit/{path.relative_to(kit)}")
    assert grade_json(archive, "--exercise", "toy")["score"] == 10


def test_the_bare_kit_grades_zero_with_not_implemented(kit: Path) -> None:
    toy = exercise_of(grade_json(kit, "--exercise", "toy"), "toy")
    assert toy["status"] == "graded" and toy["score"] == 0
    assert all("not implemented" in check["message"] for check in toy["checks"])  # type: ignore[attr-defined]


def test_a_filled_kit_notebook_grades_exactly_like_the_py(kit: Path, toys: Path, tmp_path: Path) -> None:
    """Cells that print, fail, use magics and shell lines, and outputs claiming full marks."""
    path = fill_notebook(
        kit,
        toys,
        "toy",
        extra_cells=(
            "print('column means of the identity:', column_means(np.eye(3)))",
            "%matplotlib inline\n!pip install seaborn\nhistogram, _ = np.histogram(column_means(np.eye(3)), bins=3)",
            "%%time\nthis cell magic is dropped whole",
            "undefined_name + 1",
        ),
    )
    document = nbformat.read(str(path), as_version=4)
    for cell in document.cells:
        if cell.cell_type == "code":
            cell.execution_count = 1
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ALL HIDDEN TESTS PASSED 10/10")]
    nbformat.write(document, str(path))
    (kit / "toy" / "toy.py").unlink()  # as the kit's README says: keep one of the two
    from_notebook = exercise_of(grade_json(kit, "--exercise", "toy"), "toy")

    py_only = tmp_path / "py-only"
    (py_only / "toy").mkdir(parents=True)
    shutil.copyfile(toys / "reference" / "toy.py", py_only / "toy" / "toy.py")
    from_py = exercise_of(grade_json(py_only, "--exercise", "toy"), "toy")

    assert from_notebook["source"] == "toy/toy.ipynb"
    assert from_notebook["checks"] == from_py["checks"]
    assert from_notebook["score"] == from_py["score"] == 10
    notes = " ".join(from_notebook["notes"])  # type: ignore[arg-type]
    assert "cell 5: 2 IPython magic/shell line(s) dropped" in notes
    assert "cell 6: cell magic dropped (%%time)" in notes
    assert "cell 7 raised NameError" in notes
    assert "selfcheck" not in notes and "cell 8" not in notes, "the self-check cell does nothing when graded"
    assert "ALL HIDDEN TESTS PASSED" not in json.dumps(from_notebook), "stored outputs are never read"


def test_a_notebook_cell_that_plots_is_tolerated_as_the_readme_says(kit: Path, toys: Path) -> None:
    fill_notebook(kit, toys, "toy", extra_cells=("import matplotlib.pyplot as plt\nplt.plot([1, 2])",))
    (kit / "toy" / "toy.py").unlink()
    toy = exercise_of(grade_json(kit, "--exercise", "toy"), "toy")
    assert toy["status"] == "graded" and toy["score"] == toy["max_score"], toy.get("message")
    readme = (kit / "README.md").read_text()
    assert "matplotlib" in readme and "delete plotting cells" not in readme
    assert "you need not delete them" in readme


def test_a_notebook_that_computes_with_scikit_learn_scores_zero(kit: Path, toys: Path) -> None:
    fill_notebook(kit, toys, "toy", extra_cells=("from sklearn.preprocessing import StandardScaler",))
    (kit / "toy" / "toy.py").unlink()
    toy = exercise_of(grade_json(kit, "--exercise", "toy"), "toy")
    assert toy["status"] == "forbidden_import" and toy["score"] == 0
    assert "sklearn" in str(toy["message"])


def test_a_malformed_notebook_is_reported_and_the_other_exercise_still_graded(kit: Path, toys: Path) -> None:
    (kit / "toy" / "toy.py").unlink()
    (kit / "toy" / "toy.ipynb").write_text('{"cells": [', encoding="utf-8")
    fill_py(kit, toys, ("toy2",))
    report = grade_json(kit)
    toy, toy2 = exercise_of(report, "toy"), exercise_of(report, "toy2")
    assert toy["status"] == "submission_error" and "not valid notebook JSON" in str(toy["message"])
    assert toy2["status"] == "graded" and toy2["score"] == 10
    assert report["score"] == 10


def test_selfcheck_reads_notebook_cells_the_way_the_grader_does(tmp_path: Path) -> None:
    selfcheck = runpy.run_path(str(ROOT / "grader" / "workflows" / "kit_files" / "selfcheck.py"))
    path = tmp_path / "toy.ipynb"
    path.write_text(
        json.dumps(
            {
                "nbformat": 4,
                "nbformat_minor": 5,
                "metadata": {},
                "cells": [
                    {"cell_type": "markdown", "source": "# x", "metadata": {}},
                    {
                        "cell_type": "code",
                        "source": ["%matplotlib inline\n", "x = 1\n", "!ls\n"],
                        "metadata": {},
                        "outputs": [{"output_type": "stream", "name": "stdout", "text": "stored, never run"}],
                    },
                    {"cell_type": "code", "source": "%%time\nraise SystemExit", "metadata": {}, "outputs": []},
                    {"cell_type": "code", "source": "y = x + 1\n1 / 0", "metadata": {}, "outputs": []},
                    {"cell_type": "code", "source": "z = y * 10", "metadata": {}, "outputs": []},
                ],
            }
        )
    )
    assert selfcheck["code_cells"](path) == ["\nx = 1\n\n", "", "y = x + 1\n1 / 0\n", "z = y * 10\n"]
    module = selfcheck["notebook_module"](path, "toy")
    assert (module.x, module.y, module.z) == (1, 2, 20)
    path.write_text(json.dumps({"nbformat": 3, "worksheets": []}))
    with pytest.raises(ValueError, match="not a version-4 notebook"):
        selfcheck["code_cells"](path)
