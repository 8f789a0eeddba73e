"""Candidate text and candidate files at the boundary, end to end on the toy exercise.

What a candidate controls (exception messages, file and folder names, links, named pipes) is graded
through ``mlgrade grade`` and the reports are read back; usage mistakes are refused before grading.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from grader import cli
from grader.cli.progress import Progress
from tests.engine.conftest import TOY

REFERENCE = TOY / "reference" / "toy.py"
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent.parent / "data" / "junit-10.xsd")))
HOSTILE_CANDIDATE = """\
import numpy as np


def column_means(X):
    raise ValueError("\\x1b[2J\\x1b[H\\x1b[32mtoy 10.00 / 10\\x1b[0m\\n"
                     "::error file=a::owned \\ud800 <script>x</script>")


class Centerer:
    def fit(self, X):
        raise ValueError("=HYPERLINK(1)\\x00\\x0b")

    def transform(self, X):
        return X
"""


def mlgrade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], capture_output=True, text=True, timeout=600)


def folder_with(tmp_path: Path, name: str = "candidate", code: str | None = None) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    if code is not None:
        (folder / "toy.py").write_text(code, encoding="utf-8")
    return folder


def one_line_error(run: subprocess.CompletedProcess[str], code: int = 2) -> str:
    assert run.returncode == code, run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr, run.stderr
    return run.stderr


# ----------------------------------------------------------------------------- hostile messages


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "candidate"
    folder.mkdir()
    (folder / "toy.py").write_text(HOSTILE_CANDIDATE, encoding="utf-8")
    env = {**os.environ, "MLGRADE_EXERCISES": str(TOY / "exercises"), "MLGRADE_REFERENCE": str(TOY / "reference")}
    outputs = {}
    for fmt in ("json", "text", "junit"):
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "grader.cli",
                "grade",
                str(folder),
                "--format",
                fmt,
                "-o",
                str(root / f"report.{fmt}"),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        assert run.returncode == 0, run.stderr
        outputs[fmt] = (root / f"report.{fmt}").read_text(encoding="utf-8")
    return outputs


def test_a_message_with_escapes_and_a_lone_surrogate_is_reported_as_text(hostile_run: dict[str, str]) -> None:
    report = json.loads(hostile_run["json"])
    messages = " ".join(check["message"] for check in report["exercises"][0]["checks"])
    assert "\\x1b[2J" in messages and "\ufffd" in messages and "\x1b" not in messages
    assert report["score"] < report["max_score"]


def test_the_text_report_of_a_hostile_candidate_has_no_escape_and_no_workflow_command(
    hostile_run: dict[str, str],
) -> None:
    text = hostile_run["text"]
    assert "\x1b" not in text
    assert not [line for line in text.splitlines() if line.lstrip().startswith("::")]
    assert "\\::error file=a::owned" in text


def test_the_junit_of_a_hostile_candidate_is_valid_against_the_schema(hostile_run: dict[str, str]) -> None:
    assert SCHEMA.validate(etree.fromstring(hostile_run["junit"].encode("utf-8"))), SCHEMA.error_log


# ----------------------------------------------------------------------------- links and special files


def test_an_exercise_folder_linked_to_the_reference_is_not_followed(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    (folder / "toy").symlink_to(REFERENCE.parent, target_is_directory=True)
    report = json.loads(mlgrade("grade", str(folder), "--format", "json").stdout)
    exercise = report["exercises"][0]
    assert exercise["score"] == 0 and exercise["status"] == "not_submitted"
    assert exercise["notes"] == [
        "toy was skipped: it is a symbolic link, which the grader does not follow; "
        "only regular files of a submission are read"
    ]


def test_a_solution_file_linked_to_the_reference_is_not_followed(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    (folder / "toy.py").symlink_to(REFERENCE)
    exercise = json.loads(mlgrade("grade", str(folder), "--format", "json").stdout)["exercises"][0]
    assert exercise["score"] == 0 and "toy.py was skipped" in exercise["notes"][0]


def test_a_named_pipe_is_skipped_with_a_note_and_grading_does_not_hang(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, code=REFERENCE.read_text())
    os.mkfifo(folder / "pipe")
    os.mkfifo(folder / "toy.ipynb")
    started = time.monotonic()
    report = json.loads(mlgrade("grade", str(folder), "--format", "json").stdout)
    assert time.monotonic() - started < 300
    assert report["score"] == 10
    assert report["notes"] == ["pipe was skipped: it is a named pipe; only regular files of a submission are read"]
    assert "toy.ipynb was skipped: it is a named pipe" in report["exercises"][0]["notes"][0]


# ----------------------------------------------------------------------------- refused before grading


def test_an_output_that_is_a_folder_is_refused_before_grading(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, code=REFERENCE.read_text())
    started = time.monotonic()
    error = one_line_error(mlgrade("grade", str(folder), "-o", str(tmp_path)))
    assert f"--output {tmp_path} is a folder; give a file name." in error
    assert time.monotonic() - started < 20  # nothing was graded


def test_an_output_under_a_file_is_refused_before_grading(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, code=REFERENCE.read_text())
    (tmp_path / "file.txt").write_text("x")
    error = one_line_error(mlgrade("grade", str(folder), "-o", str(tmp_path / "file.txt" / "sub" / "r.json")))
    assert f"{tmp_path / 'file.txt'} is not a folder" in error


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("broken.tar.gz", b"\x1f\x8b\x08\x00garbage that is not gzip", "is not a valid .tar, .tar.gz or .tgz file"),
        ("empty.tar.gz", b"", "is not a valid .tar, .tar.gz or .tgz file"),
        ("broken.zip", b"PK\x03\x04 truncated", "Cannot read archive"),
    ],
)
def test_an_unreadable_archive_is_one_line(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    (tmp_path / name).write_bytes(content)
    assert message in one_line_error(mlgrade("grade", str(tmp_path / name)))


def test_a_path_with_a_newline_cannot_print_a_workflow_command(tmp_path: Path) -> None:
    error = one_line_error(mlgrade("grade", str(tmp_path / "x\n::error ::owned")))
    assert "x\\x0a::error ::owned" in error


# ----------------------------------------------------------------------------- isolation, list, help


def test_process_isolation_says_it_is_not_safe(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, code=REFERENCE.read_text())
    run = mlgrade("grade", str(folder), "--isolation", "process")
    assert run.returncode == 0
    assert run.stderr.strip() == (
        "mlgrade: warning: isolation 'process' is not safe for untrusted code "
        "(no bubblewrap); grade only code you trust this way"
    )
    assert "WARNING: isolation 'process' is not safe" in run.stdout


def test_list_fits_80_columns() -> None:
    lines = mlgrade("list").stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 80


def every_action(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.Action]]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found += [(f"{name} {where}", inner) for where, inner in every_action(sub)]
        elif not isinstance(action, argparse._HelpAction):
            found.append((action.dest, action))
    return found


def test_every_argument_of_grade_list_batch_gradebook_and_kit_has_help() -> None:
    mine = ("grade ", "list ", "batch ", "gradebook ", "kit ")
    missing = [name for name, action in every_action(cli.build_parser()) if name.startswith(mine) and not action.help]
    assert not missing


def test_the_progress_line_shows_every_exercise_within_the_width() -> None:
    slugs = [
        "classification_metrics",
        "cross_validation",
        "kmeans",
        "leakage_safe_scaling",
        "logistic_regression",
        "pca",
    ]
    progress = Progress(True, slugs, stream=io.StringIO())
    for _ in range(40):
        progress("kmeans", "test_x", False)
    progress("pca", "test_y", True)
    progress("pca", "", None)
    for width in (30, 79, 120, 250):
        assert len(progress.line(width)) <= width
    assert progress.line(79).startswith("grading 1/6 done, 40 failed |")
    wide = progress.line(250)
    assert all(slug in wide for slug in slugs)
    assert "kmeans 40 checks, 40 failed;" in wide and "pca 1 checks, done;" in wide
    narrow = progress.line(79)
    assert narrow.count(" 0") == 4 and "40/40x" in narrow and " 1 ok" in narrow  # all six, named shorter


def test_a_gradescope_file_hides_the_hidden_checks_unless_asked(tmp_path: Path) -> None:
    folder = folder_with(
        tmp_path, code=shutil.copyfile(TOY / "exercises" / "toy" / "toy.py", tmp_path / "stub.py").read_text()
    )
    default = json.loads(mlgrade("grade", str(folder), "--format", "gradescope").stdout)
    assert {test["visibility"] for test in default["tests"]} == {"after_published"}
    assert sum(test["max_score"] for test in default["tests"]) == 10
    shown = json.loads(
        mlgrade("grade", str(folder), "--format", "gradescope", "--gradescope-visibility", "visible").stdout
    )
    assert {test["visibility"] for test in shown["tests"]} == {"visible"}
