"""``mlgrade new-exercise SLUG``: a new exercise's folder, reference and fixtures, ready to edit.

The scaffold is a complete tiny exercise (column means) that passes the contract and fairness tests
as it stands: every file shows its house layout, and each ``TODO`` marks what to replace with the
real task. It writes into a bank root (the repository itself, or a private bank)::

    exercises/<slug>/   README.md  <slug>.py  exercise.toml  test_public.py  benchmark.py  grading/
    reference/<slug>.py
    tests/fixtures/<slug>/   correct_*.py  buggy_*.py  noise.py
"""

from __future__ import annotations

import keyword
import re
from pathlib import Path

from grader.core.errors import UsageError

TEMPLATES = Path(__file__).resolve().parent / "scaffold_files"
SLUG = re.compile(r"[a-z][a-z0-9_]{1,40}")

CORRECT = {
    "sum_and_divide": ("sums divided by the row count", "X.sum(axis=0) / X.shape[0]"),
    "einsum": ("an einsum with a vector of ones", "np.einsum('ij,i->j', X, np.ones(X.shape[0])) / X.shape[0]"),
    "matrix_product": ("a matrix product", "np.ones(X.shape[0]) @ X / X.shape[0]"),
}
VALIDATES = '    if X.ndim != 2:\n        raise ValueError("X should be 2-D")\n'
# name: (mistake, category, word in the failing message, validation code, result expression)
BUGGY = {
    "row_means": ("means of rows, not columns", "matches_reference", "differs", VALIDATES, "X.mean(axis=1)"),
    "sums": ("sums instead of means", "matches_reference", "differs", VALIDATES, "X.sum(axis=0)"),
    "medians": ("medians instead of means", "matches_reference", "differs", VALIDATES, "np.median(X, axis=0)"),
    "sample_divisor": (
        "divides by n - 1",
        "matches_reference",
        "differs",
        VALIDATES,
        "X.sum(axis=0) / max(X.shape[0] - 1, 1)",
    ),
    "first_row": ("the first row, not the mean", "matches_reference", "differs", VALIDATES, "X[0].copy()"),
    "truncated": (
        "truncates values to integers",
        "matches_reference",
        "differs",
        VALIDATES,
        "X.astype(int).mean(axis=0)",
    ),
    "drops_last_row": (
        "leaves out the last row",
        "matches_reference",
        "differs",
        VALIDATES,
        "X[:-1].mean(axis=0) if X.shape[0] > 1 else X.mean(axis=0)",
    ),
    "absolute_values": ("means of absolute values", "properties", "differs", VALIDATES, "np.abs(X).mean(axis=0)"),
    "no_validation": ("accepts 1-D input", "input_validation", "did not raise", "", "X.mean(axis=0)"),
    "python_loop": (
        "a Python loop over every value",
        "efficiency",
        "slower",
        VALIDATES,
        "np.array([sum(row[j] for row in X.tolist()) / len(X) for j in range(X.shape[1])])",
    ),
}


def check_slug(slug: str) -> None:
    if not SLUG.fullmatch(slug) or keyword.iskeyword(slug):
        raise UsageError(
            f"Invalid slug {slug!r}: use lowercase letters, digits and underscores, starting "
            "with a letter (it becomes a Python module name)."
        )


def scaffold(slug: str, root: Path, *, title: str = "", minutes: int = 60) -> list[Path]:
    """Write the new exercise under ``root``; refuse to overwrite anything. Returns the files written."""
    check_slug(slug)
    folder = root / "exercises" / slug
    reference = root / "reference" / f"{slug}.py"
    fixtures = root / "tests" / "fixtures" / slug
    for existing in (folder, reference, fixtures):
        if existing.exists():
            raise UsageError(f"{existing} already exists; choose another slug or remove it.")
    values = {"slug": slug, "title": title or slug.replace("_", " ").capitalize(), "minutes": str(minutes)}
    files = {
        folder / "README.md": _fill("README.md.tmpl", values),
        folder / f"{slug}.py": _fill("stub.py.tmpl", values),
        folder / "exercise.toml": _fill("exercise.toml.tmpl", values),
        folder / "test_public.py": _fill("test_public.py.tmpl", values),
        folder / "benchmark.py": _fill("benchmark.py.tmpl", values),
        folder / "grading" / f"test_{slug}.py": _fill("grading_test.py.tmpl", values),
        reference: _fill("reference.py.tmpl", values),
        fixtures / "noise.py": _fill("noise.py.tmpl", values),
    }
    for name, (how, body) in CORRECT.items():
        files[fixtures / f"correct_{name}.py"] = _fill("correct.py.tmpl", {"how": how, "body": body})
    for name, (mistake, category, word, check, body) in BUGGY.items():
        files[fixtures / f"buggy_{name}.py"] = _fill(
            "buggy.py.tmpl", {"mistake": mistake, "category": category, "word": word, "check": check, "body": body}
        )
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(files)


def _fill(template: str, values: dict[str, str]) -> str:
    return (TEMPLATES / template).read_text(encoding="utf-8").format(**values)
