"""Remembered expected values never change what a check sees, and so never change a verdict."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grader.core.exercises import find
from grader.grading.runner import grade_exercise
from grader.grading.submission import ExerciseSource
from grader.testing import expected_values
from grader.testing.expected_values import remembered
from tests.helpers import FIXTURES

CALLS: list[tuple[Any, ...]] = []


@remembered
def echo(*args: Any, **kwargs: Any) -> Any:
    CALLS.append(args)
    return kwargs.get("result", args[0] if args else None)


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Path]:
    CALLS.clear()
    expected_values.configure("namespace", tmp_path)
    yield tmp_path
    expected_values.configure(None)


def _entries(root: Path) -> list[Path]:
    return sorted(root.rglob("*.frame"))


def _same(first: Any, second: Any) -> bool:
    """Equal in type, dtype, shape and every bit."""
    if type(first) is not type(second):
        return False
    if isinstance(first, np.ndarray):
        return bool(first.dtype == second.dtype and first.shape == second.shape and first.tobytes() == second.tobytes())
    if isinstance(first, np.generic):
        return bool(first.dtype == second.dtype and first.tobytes() == second.tobytes())
    if isinstance(first, float):
        return math.copysign(1.0, first) == math.copysign(1.0, second) and (
            first == second or (math.isnan(first) and math.isnan(second))
        )
    if isinstance(first, (list, tuple)):
        return len(first) == len(second) and all(_same(a, b) for a, b in zip(first, second, strict=True))
    if isinstance(first, dict):
        return list(first) == list(second) and all(_same(first[k], second[k]) for k in first)
    return bool(first == second)


VALUES = [
    np.arange(12, dtype=np.int32).reshape(3, 4),
    np.array([-0.0, np.nan, np.inf, 1e-308, 0.1]),
    np.float32(0.1),
    np.int64(-3),
    (1, 2.5, "three", None, True),
    {"coef": np.ones(3), "n_iter": 7, "labels": ["a", "b"]},
    -0.0,
    float("nan"),
    np.array(["x", "yy"]),
    np.zeros((0, 3)),
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_the_first_and_every_later_call_return_the_same_bits(cache: Path, value: Any) -> None:
    first = echo(value)
    again = echo(value)
    assert _same(first, value) and _same(again, value)
    assert len(CALLS) == 1 and len(_entries(cache)) == 1


def test_a_caller_changing_its_copy_changes_nothing_remembered(cache: Path) -> None:
    first = echo(np.zeros(3))
    first[0] = 99.0
    assert echo(np.zeros(3)).tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (np.zeros(4), np.zeros(4, dtype=np.float32)),
        (np.zeros(4), np.zeros((2, 2))),
        (np.array([0.0]), np.array([-0.0])),
        (1, 1.0),
        (1, True),
        ([1, 2], (1, 2)),
        ("a", "b"),
    ],
)
def test_arguments_that_differ_in_any_way_are_different_keys(cache: Path, one: Any, other: Any) -> None:
    assert _same(echo(one), one) and _same(echo(other), other)
    assert len(CALLS) == 2 and len(_entries(cache)) == 2


def test_keyword_arguments_and_the_function_are_part_of_the_key(cache: Path) -> None:
    echo(1, result="a")
    echo(1, result="b")

    @remembered
    def echo_too(*args: Any, **kwargs: Any) -> Any:
        return "other function"

    assert echo(1, result="a") == "a" and echo(1, result="b") == "b" and echo_too(1, result="a") == "other function"
    assert len(CALLS) == 2


def test_numpy_strings_are_never_remembered(cache: Path) -> None:
    # The encoding would hand them back as plain str: computed each time instead.
    assert type(echo(np.str_("a"))) is np.str_ and type(echo(np.str_("a"))) is np.str_
    assert len(CALLS) == 2 and _entries(cache) == []


def test_objects_are_never_remembered(cache: Path) -> None:
    class Model:
        pass

    model = Model()
    assert echo(model) is model and echo(model) is model  # an argument that is not data: computed each time
    assert echo(1, result=model) is model  # a result that is not data: computed each time
    assert echo(1, result=model) is model
    assert len(CALLS) == 4 and _entries(cache) == []


def test_a_damaged_entry_is_computed_again(cache: Path) -> None:
    echo(np.arange(3))
    (entry,) = _entries(cache)
    entry.write_bytes(entry.read_bytes()[:10])
    assert echo(np.arange(3)).tolist() == [0, 1, 2]
    assert len(CALLS) == 2
    assert echo(np.arange(3)).tolist() == [0, 1, 2] and len(CALLS) == 2  # written again, whole


def test_without_a_namespace_calls_go_straight_through(tmp_path: Path) -> None:
    CALLS.clear()
    expected_values.configure(None)
    echo(1)
    echo(1)
    assert len(CALLS) == 2 and _entries(tmp_path) == []


def test_the_cache_can_be_turned_off_or_moved(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MLGRADE_CACHE", "off")
    assert expected_values.default_folder() is None
    monkeypatch.setenv("MLGRADE_CACHE", str(tmp_path))
    assert expected_values.default_folder() == tmp_path.resolve()


def _grade(slug: str, path: Path, tmp_path: Path) -> dict[str, Any]:
    copy = tmp_path / f"{slug}.py"
    copy.write_bytes(path.read_bytes())
    result = grade_exercise(find(slug), ExerciseSource(slug, copy, "py", copy.name), "auto")
    data: dict[str, Any] = json.loads(json.dumps(vars(result), default=str))
    data.pop("timing", None)
    return data


@pytest.mark.slow
def test_a_grading_from_remembered_values_equals_one_that_computed_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # k-means remembers scikit-learn's fits; a buggy variant fails checks that use them.
    monkeypatch.setenv("MLGRADE_CACHE", str(tmp_path / "cache"))
    buggy = FIXTURES / "kmeans" / "buggy_tol_not_scaled.py"
    variants = [find("kmeans").reference_path, buggy]
    cold = [_grade("kmeans", path, tmp_path) for path in variants]
    remembered_files = _entries(tmp_path / "cache")
    assert remembered_files, "the k-means suite remembered no expected value"
    warm = [_grade("kmeans", path, tmp_path) for path in variants]
    assert warm == cold
    assert _entries(tmp_path / "cache") == remembered_files  # the second grading computed nothing new
    assert cold[0]["score"] == cold[0]["max_score"] and cold[1]["score"] < cold[1]["max_score"]
