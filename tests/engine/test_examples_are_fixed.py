"""A suite's examples depend on nothing but the suite and the Hypothesis release.

They do not depend on which of the grader's own modules are loaded, and a new release of a library
that decides verdicts starts a new grading fingerprint.

Hypothesis draws, now and then, a literal found in the source of loaded "local" modules. In a judge
those are the grader and the exercise's helpers, so an engine edit (one added import) used to change
the examples and a verdict of the sample submission. ``presets.register_grading_profile`` pins that
pool empty; this proves both that a local literal does reach the draws without it and that it never
does with it, in a fresh interpreter so that nothing drawn earlier in this process interferes.
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from grader.core.exercises import find
from grader.grading import fingerprint

MAGIC = 1_234_567_891  # a literal no strategy below would draw by chance (1 in 10**9 a draw)

PROBE = textwrap.dedent(
    """
    import json, sys
    from hypothesis import given, settings, strategies as st

    sys.path.insert(0, sys.argv[1])
    import local_literals  # a "local" module: neither site-packages nor a test file

    def hits() -> int:
        seen = []

        @settings(max_examples=300, derandomize=True, database=None)
        @given(st.integers(10**9, 2 * 10**9))
        def draw(value: int) -> None:
            seen.append(value)

        draw()
        return seen.count(local_literals.MAGIC)

    before = hits()
    from grader.testing.presets import register_grading_profile

    register_grading_profile()
    after = hits()
    print(json.dumps({"before": before, "after": after}))
    """
)


def test_a_literal_of_a_loaded_local_module_never_becomes_an_example(tmp_path: Path) -> None:
    modules = tmp_path / "modules"
    modules.mkdir()
    (modules / "local_literals.py").write_text(f"MAGIC = {MAGIC}\n", encoding="utf-8")
    script = tmp_path / "probe.py"
    script.write_text(PROBE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(modules)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    # Without the grading profile the literal is drawn (once: Hypothesis never repeats an example), so
    # the probe can see the leak it guards against.
    assert counts["before"] > 0, counts
    assert counts["after"] == 0, counts


def test_another_release_of_a_verdict_library_is_another_grading_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exercises = [find("toy")]
    before = fingerprint.grading_fingerprint(exercises)
    real_version = importlib.metadata.version

    def version(name: str) -> str:
        return "0.0.1" if name == "hypothesis" else real_version(name)

    monkeypatch.setattr(importlib.metadata, "version", version)
    fingerprint.library_versions.cache_clear()
    try:
        assert "hypothesis 0.0.1" in fingerprint.library_versions()
        assert fingerprint.grading_fingerprint(exercises) != before
    finally:
        fingerprint.library_versions.cache_clear()
