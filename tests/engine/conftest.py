"""Engine tests grade a tiny toy exercise, so they do not depend on the real exercises."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import FIXTURES

TOY = FIXTURES / "toy"


@pytest.fixture(autouse=True)
def toy_exercises(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MLGRADE_EXERCISES", str(TOY / "exercises"))
    monkeypatch.setenv("MLGRADE_REFERENCE", str(TOY / "reference"))
    yield TOY
