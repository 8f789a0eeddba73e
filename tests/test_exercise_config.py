"""``exercise.toml`` is validated strictly: every mistake is one line naming the file, the key and the value."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.core.config import read_config
from grader.core.errors import ConfigurationError

VALID = """title = "Toy"
points = 10
allowed_imports = ["numpy"]

[grading]
seed = 7

[weights]
matches_reference = 2
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "exercise.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_reads_with_defaults(tmp_path: Path) -> None:
    config = read_config(write(tmp_path, VALID))
    assert config["points"] == 10.0 and config["allowed_imports"] == ("numpy",)
    assert config["grading"]["seed"] == 7 and config["grading"]["max_examples"] == 25
    assert config["weights"] == {"matches_reference": 2.0}


@pytest.mark.parametrize(
    "change, message",
    [
        (("[grading]\nseed = 7", '[grading]\nseed = "abc"'), "grading.seed = 'abc': expected a whole number"),
        (
            ('allowed_imports = ["numpy"]', 'allowed_imports = "numpy"'),
            "allowed_imports = 'numpy': expected a list of module names",
        ),
        (("points = 10", "points = 10\nponts = 3"), "unknown key ponts = 3"),
        (("[grading]\nseed = 7", "[grading]\nseed = 7\nmax_exemples = 3"), "unknown key grading.max_exemples = 3"),
        (("matches_reference = 2", "matches_referense = 2"), "unknown key weights.matches_referense = 2"),
        (("points = 10", "points = -1"), "points = -1: must be above 0"),
        (("points = 10", 'points = 10\ndifficulty = "extreme"'), "difficulty = 'extreme': must be one of"),
        (("points = 10\n", ""), "points is missing"),
        (("matches_reference = 2", "matches_reference = 0"), "at least one category a positive weight"),
    ],
)
def test_each_mistake_is_one_line_naming_the_file_the_key_and_the_value(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = write(tmp_path, VALID.replace(*change))
    with pytest.raises(ConfigurationError) as caught:
        read_config(path)
    text = str(caught.value)
    assert message in text and str(path) in text and "\n" not in text, text
