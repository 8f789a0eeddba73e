"""Every exercise's public self-check, run once over all exercises in a single pytest process.

The candidate runs ``pytest test_public.py`` next to their file. Doing that per exercise costs a fresh
interpreter with pytest, NumPy and scikit-learn each time (about 2.5 s, thirty times over); one run over
folders laid out as the candidate's, each file renamed after its exercise so the names do not clash,
gives the same verdicts per file. The run is shared by the xdist workers through a lock and a result
file next to their temporary folders.
"""

from __future__ import annotations

import fcntl
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, replace
from pathlib import Path

from grader.core.exercises import Exercise


@dataclass(frozen=True)
class FileOutcome:
    """What pytest made of one exercise's ``test_public.py`` beside one implementation."""

    passed: int
    failed: int  # failures and errors of tests that were collected
    collection_error: str  # non-empty when the file could not even be collected

    def summary(self) -> str:
        broken = f", collection error: {self.collection_error}" if self.collection_error else ""
        return f"{self.passed} passed, {self.failed} failed{broken}"


def outcomes(exercises: list[Exercise], implementation: str, shared: Path) -> dict[str, FileOutcome]:
    """Per slug, the self-check's outcome beside its ``reference`` or its ``stub``; computed once per run."""
    shared.mkdir(parents=True, exist_ok=True)
    result = shared / f"self-checks-{implementation}.json"
    with (shared / f"self-checks-{implementation}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            found = _run(exercises, implementation, shared / f"self-checks-{implementation}")
            result.write_text(json.dumps({slug: vars(outcome) for slug, outcome in found.items()}), encoding="utf-8")
    return {slug: FileOutcome(**fields) for slug, fields in json.loads(result.read_text(encoding="utf-8")).items()}


def _run(exercises: list[Exercise], implementation: str, root: Path) -> dict[str, FileOutcome]:
    shutil.rmtree(root, ignore_errors=True)
    files: dict[str, str] = {}
    for exercise in exercises:
        folder = root / exercise.slug
        folder.mkdir(parents=True)
        source = exercise.reference_path if implementation == "reference" else exercise.stub_path
        shutil.copyfile(source, folder / f"{exercise.slug}.py")
        shutil.copyfile(exercise.folder / "test_public.py", folder / f"test_public_{exercise.slug}.py")
        files[f"test_public_{exercise.slug}"] = exercise.slug
    report = root / "junit.xml"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--continue-on-collection-errors",
            f"--junitxml={report}",
            ".",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=900,
    )
    counts = {slug: FileOutcome(0, 0, "") for slug in files.values()}
    if not report.is_file():
        return {slug: FileOutcome(0, 0, "pytest wrote no report") for slug in counts}
    for case in ElementTree.parse(report).getroot().iter("testcase"):
        # classname is "kmeans.test_public_kmeans[.Class]"; a file that failed to collect has only a name
        parts = [*str(case.get("classname", "")).split("."), *str(case.get("name", "")).split(".")]
        slug = next((files[part] for part in parts if part in files), None)
        if slug is None:
            continue
        before = counts[slug]
        problems = [child for child in case if child.tag in ("failure", "error")]
        if any(child.get("message") == "collection failure" for child in problems):
            counts[slug] = replace(before, collection_error=(problems[0].text or "")[-2000:])
        elif problems:
            counts[slug] = replace(before, failed=before.failed + 1)
        elif not any(child.tag == "skipped" for child in case):
            counts[slug] = replace(before, passed=before.passed + 1)
    return counts
