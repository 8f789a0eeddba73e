"""Exercise files loaded by path behave as imported modules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from grader.core.exercises import load_module


def test_a_reference_may_define_dataclasses(tmp_path: Path) -> None:
    path = tmp_path / "with_dataclass.py"
    path.write_text(
        "from __future__ import annotations\n"
        "from dataclasses import dataclass\n\n"
        "@dataclass\nclass Node:\n    value: float\n    left: Node | None = None\n"
    )
    module = load_module(path, "mlgrade_reference_with_dataclass")
    assert module.Node(1.0).value == 1.0


def test_a_module_that_fails_to_load_is_not_left_registered(tmp_path: Path) -> None:
    path = tmp_path / "broken.py"
    path.write_text("raise RuntimeError('broken on purpose')\n")
    with pytest.raises(RuntimeError, match="broken on purpose"):
        load_module(path, "mlgrade_reference_broken")
    assert "mlgrade_reference_broken" not in sys.modules
