"""Unit tests of the engine's pure parts: the wire codec, scoring, the import scan, archive checks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from grader.core.errors import ConfigurationError, SubmissionError
from grader.core.exercises import load_exercise
from grader.core.results import CheckResult
from grader.core.scoring import Outcome, score_checks
from grader.grading import imports
from grader.grading.submission import _check_member
from grader.sandbox import wire
from grader.testing import CheckFailed, brief, expect_close, expect_equal, raises
from tests.engine.conftest import TOY


def round_trip(value: object) -> object:
    encoder = wire.Encoder(lambda other: (_ for _ in ()).throw(TypeError(type(other).__name__)))
    tree = encoder.encode(value)
    read, write = os.pipe()
    try:
        wire.write_frame(write, {"v": tree}, encoder.blobs)
        header, blobs = wire.read_frame(read, deadline=None)
    finally:
        os.close(read)
        os.close(write)
    return wire.Decoder(blobs, lambda tag: None).decode(header["v"])


@given(array=hnp.arrays(hnp.scalar_dtypes(), hnp.array_shapes(min_dims=0, max_dims=3, max_side=4)))
def test_arrays_survive_the_wire_with_dtype_and_shape(array: np.ndarray[Any, Any]) -> None:
    back = round_trip(array)
    assert isinstance(back, np.ndarray)
    assert back.dtype == array.dtype and back.shape == array.shape
    np.testing.assert_array_equal(back, array)


def test_containers_scalars_and_pandas_survive_the_wire() -> None:
    value = {
        "a": (1, 2.5, "x", None, True),
        3: [np.float32(1.5), {1, 2}],
        "b": b"bytes",
        "o": np.array(["a", 1, None], dtype=object),
    }
    back = round_trip(value)
    assert isinstance(back, dict)
    assert back["a"] == (1, 2.5, "x", None, True)
    assert isinstance(back[3][0], np.float32) and back[3][1] == {1, 2}
    assert back["b"] == b"bytes" and back["o"].tolist() == ["a", 1, None]
    frame = pd.DataFrame({"x": [1.0, 2.0], "label": ["a", "b"]})
    pd.testing.assert_frame_equal(round_trip(frame), frame)  # type: ignore[arg-type]
    series = pd.Series([1, 2], name="y")
    pd.testing.assert_series_equal(round_trip(series), series)  # type: ignore[call-overload]


def test_pickled_arrays_are_refused() -> None:
    import io

    buffer = io.BytesIO()
    np.save(buffer, np.array([object()], dtype=object), allow_pickle=True)
    with pytest.raises(wire.WireError, match="invalid array data"):
        wire.Decoder([buffer.getvalue()], lambda tag: None).decode({"$": "npy", "i": 0})


def test_array_layouts_and_unusual_dtypes_survive_the_wire() -> None:
    fortran = np.asfortranarray(np.arange(12.0).reshape(3, 4))
    back = round_trip(fortran)
    assert isinstance(back, np.ndarray) and back.flags.f_contiguous and not back.flags.c_contiguous
    np.testing.assert_array_equal(back, fortran)
    strided = np.arange(20).reshape(4, 5)[::2, 1::2]
    np.testing.assert_array_equal(round_trip(strided), strided)
    structured = np.array([(1, 2.5)], dtype=[("a", "<i4"), ("b", "<f8")])
    np.testing.assert_array_equal(round_trip(structured), structured)
    dates = np.array(["2020-01-01", "NaT"], dtype="datetime64[D]")
    np.testing.assert_array_equal(round_trip(dates), dates)
    assert round_trip(np.float32(1.5)) == np.float32(1.5) and type(round_trip(np.float32(1.5))) is np.float32
    back_array = round_trip(np.arange(3.0))
    assert isinstance(back_array, np.ndarray) and back_array.flags.writeable


@pytest.mark.parametrize(
    ("tree", "message"),
    [
        ({"$": "nd", "i": 0, "dtype": "<f8", "shape": [3]}, "does not match"),
        ({"$": "nd", "i": 0, "dtype": "O", "shape": [2]}, "not a plain dtype"),
        ({"$": "nd", "i": 0, "dtype": "i4,f4", "shape": [1]}, "not a plain dtype"),
        ({"$": "nd", "i": 0, "dtype": "(2,)f8", "shape": [1]}, "not a plain dtype"),
        ({"$": "nd", "i": 0, "dtype": "S0", "shape": [10**12]}, "not a plain dtype"),
        ({"$": "nd", "i": 0, "dtype": "no such dtype", "shape": [2]}, "unknown dtype"),
        ({"$": "nd", "i": 0, "dtype": "<f8", "shape": [-2, -1]}, "shape"),
        ({"$": "nd", "i": 0, "dtype": "<f8", "shape": [True, 2]}, "shape"),
        ({"$": "nd", "i": 0, "dtype": "<f8", "shape": "2"}, "shape"),
        ({"$": "nd", "i": 1, "dtype": "<f8", "shape": [2]}, "missing blob"),
        ({"$": "np", "a": {"$": "nd", "i": 0, "dtype": "<f8", "shape": [2]}}, "several values"),
        ({"$": "np", "a": {"$": "tuple", "v": []}}, "expected an array"),
    ],
)
def test_raw_arrays_that_lie_about_their_data_are_refused(tree: dict[str, Any], message: str) -> None:
    with pytest.raises(wire.WireError, match=message):
        wire.Decoder([bytearray(16)], lambda tag: None).decode(tree)


def test_a_blob_named_twice_gives_arrays_that_share_no_memory() -> None:
    node = {"$": "nd", "i": 0, "dtype": "<f8", "shape": [2]}
    first, second = wire.Decoder([bytearray(16)], lambda tag: None).decode([node, node])
    first[0] = 1.0
    assert second[0] == 0.0 and not np.shares_memory(first, second)


def test_frames_that_lie_about_their_size_are_refused() -> None:
    read, write = os.pipe()
    os.write(write, wire._PREFIX.pack(wire.MAGIC, 0, wire.MAX_HEADER_BYTES + 1))
    with pytest.raises(wire.WireError):
        wire.read_frame(read, deadline=None)
    os.close(read)
    os.close(write)


def outcome(name: str, category: str, passed: bool, weight: float = 1.0) -> Outcome:
    return Outcome(name=name, category=category, weight=weight, passed=passed, message="")


def test_points_are_shared_by_category_then_by_weight() -> None:
    exercise = load_exercise(TOY / "exercises" / "toy")  # 10 points; weights 2, 1, 1, 1
    outcomes = [
        outcome("a", "matches_reference", True, 3),
        outcome("b", "matches_reference", False, 1),
        outcome("c", "properties", True),
        outcome("d", "input_validation", False),
        outcome("e", "efficiency", True),
    ]
    score, checks, categories = score_checks(exercise, outcomes)
    assert [c.max_score for c in checks] == [3.0, 1.0, 2.0, 2.0, 2.0]
    assert score == 7.0
    assert categories["matches_reference"] == {"score": 3.0, "max_score": 4.0}


def test_scoring_fails_closed_and_zeroing_keeps_verdicts() -> None:
    exercise = load_exercise(TOY / "exercises" / "toy")
    score, checks, _ = score_checks(exercise, [outcome("a", "matches_reference", True)], zeroed=True)
    assert score == 0 and checks[0].passed and checks[0].score == 0
    assert isinstance(checks[0], CheckResult)


def test_unknown_categories_are_configuration_errors(tmp_path: os.PathLike[str]) -> None:
    folder = TOY.parent / "does-not-exist"
    with pytest.raises(ConfigurationError):
        load_exercise(folder)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import numpy as np\nimport os, math", []),
        ("from sklearn.cluster import KMeans", ["sklearn"]),
        ("import scipy.linalg\nimport torch", ["scipy", "torch"]),
        ("import importlib\nimportlib.import_module('sklearn.base')", ["sklearn"]),
        ("__import__('pandas')", ["pandas"]),
        ("def f():\n    try:\n        import sklearn\n    except ImportError:\n        pass", ["sklearn"]),
        ("from . import sibling", []),
    ],
)
def test_the_static_scan_names_forbidden_imports(source: str, expected: list[str]) -> None:
    assert imports.forbidden_imports(source, ("numpy",)) == expected


@pytest.mark.parametrize("name", ["../x.py", "/abs.py", "a/../../b.py", "C:/windows.py", "\\\\share\\x"])
def test_archive_members_outside_the_folder_are_refused(name: str) -> None:
    with pytest.raises(SubmissionError):
        _check_member(name, 1, 0, 1)


def test_archive_size_caps_apply() -> None:
    with pytest.raises(SubmissionError, match="MiB"):
        _check_member("big.py", 10**12, 0, 1)


def test_messages_say_what_was_expected_and_what_came_back() -> None:
    with pytest.raises(CheckFailed, match=r"labels_ differs from the reference at index 1: got 0, expected 2"):
        expect_equal(np.array([1, 0]), np.array([1, 2]), what="labels_")
    with pytest.raises(CheckFailed, match=r"has shape \(3,\); expected \(3, 2\)"):
        expect_close(np.zeros(3), np.zeros((3, 2)), what="centres")
    with pytest.raises(CheckFailed, match="contains NaN"):
        expect_close(np.array([np.nan]), np.array([1.0]), what="x")
    with pytest.raises(CheckFailed, match="did not raise ValueError"), raises(ValueError, what="f(x)"):
        pass
    assert brief(np.arange(100)).startswith("int64 array of shape (100,): [0, 1, ..., 98, 99]")


@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=5))
def test_expect_close_accepts_identical_values(values: list[float]) -> None:
    expect_close(np.array(values), np.array(values), what="x")


def test_a_category_filter_runs_only_that_categorys_checks() -> None:
    from tests.helpers import grade_variant

    result = grade_variant("toy", TOY / "reference" / "toy.py", categories=("input_validation",))
    assert [check.category for check in result.checks] == ["input_validation"]
    assert result.categories["input_validation"] == {"score": 2.0, "max_score": 2.0}
    assert result.categories["matches_reference"]["score"] == 0


# ----------------------------------------------------------------------------- a submission folder is copied


def test_a_submission_folder_is_read_as_regular_files_only(tmp_path: Path) -> None:
    from grader.grading.submission import Submission

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.py").write_text("SECRET = 1\n")
    folder = tmp_path / "candidate"
    (folder / "toy").mkdir(parents=True)
    (folder / "toy" / "toy.py").write_text("x = 1\n")
    (folder / "toy" / "helper.py").symlink_to(outside / "secret.py")
    (folder / "linked").symlink_to(outside, target_is_directory=True)
    os.mkfifo(folder / "pipe")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref\n")
    with Submission(folder) as submission:
        copied = sorted(str(p.relative_to(submission.root)) for p in submission.root.rglob("*"))
        assert copied == ["toy", "toy/toy.py"]
        assert submission.root != folder
        source = submission.source_for("toy")
        assert source.notes == (
            "toy/helper.py was skipped: it is a symbolic link, which the grader does not "
            "follow; only regular files of a submission are read",
        )
        assert submission.other_notes(["toy"]) == [
            "linked was skipped: it is a symbolic link, which the grader does not follow; only regular files of "
            "a submission are read",
            "pipe was skipped: it is a named pipe; only regular files of a submission are read",
        ]
