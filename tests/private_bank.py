"""A private bank for tests: ``classification_metrics`` copied under the slug ``acme_metrics``.

Copying an exercise under a new slug means renaming its stub and reference and the two imports that
name the module (the public self-checks and the benchmark); the hidden suite reaches the candidate
through the ``candidate`` proxy and needs no change.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import ROOT

ORIGINAL, SLUG = "classification_metrics", "acme_metrics"


def make_private_bank(root: Path) -> Path:
    """Write the bank under ``root`` and return it."""
    exercise = root / "exercises" / SLUG
    shutil.copytree(ROOT / "exercises" / ORIGINAL, exercise, ignore=shutil.ignore_patterns("__pycache__", ".*"))
    (exercise / f"{ORIGINAL}.py").rename(exercise / f"{SLUG}.py")
    for name, old, new in (
        ("test_public.py", f"from {ORIGINAL} import", f"from {SLUG} import"),
        ("benchmark.py", f'load_reference("{ORIGINAL}")', f'load_reference("{SLUG}")'),
    ):
        text = (exercise / name).read_text(encoding="utf-8")
        assert old in text, f"{name} no longer says {old!r}: update this helper"
        (exercise / name).write_text(text.replace(old, new), encoding="utf-8")
    (root / "reference").mkdir()
    shutil.copyfile(ROOT / "reference" / f"{ORIGINAL}.py", root / "reference" / f"{SLUG}.py")
    return root


def reference_submission(folder: Path) -> Path:
    """A submission holding the reference solution as ``acme_metrics.py``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "reference" / f"{ORIGINAL}.py", folder / f"{SLUG}.py")
    return folder
