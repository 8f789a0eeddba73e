"""The ``mlgrade`` command: output formats, exit codes, determinism, notebooks and archives."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tarfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import nbformat
import pytest

from tests.engine.conftest import TOY

REFERENCE = TOY / "reference" / "toy.py"
STUB = TOY / "exercises" / "toy" / "toy.py"
JSON_TOP = {"score", "max_score", "isolation", "exercises", "percent", "submission", "version", "schema", "timing"}
JSON_EXERCISE = {"slug", "score", "max_score", "status", "checks", "title", "message", "categories", "isolation"}
JSON_CHECK = {"name", "category", "weight", "passed", "message", "score", "max_score", "example"}


def mlgrade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "grader.cli", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture
def submission(tmp_path: Path) -> Path:
    folder = tmp_path / "candidate"
    folder.mkdir()
    shutil.copyfile(REFERENCE, folder / "toy.py")
    return folder


@pytest.fixture
def stub_submission(tmp_path: Path) -> Path:
    folder = tmp_path / "stub"
    folder.mkdir()
    shutil.copyfile(STUB, folder / "toy.py")
    return folder


def test_json_report_has_the_documented_keys(submission: Path) -> None:
    run = mlgrade("grade", str(submission), "--format", "json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert set(report) >= JSON_TOP
    assert report["score"] == report["max_score"] == 10
    exercise = report["exercises"][0]
    assert set(exercise) >= JSON_EXERCISE
    assert all(set(check) >= JSON_CHECK for check in exercise["checks"])


def test_json_is_byte_identical_across_runs_apart_from_timing(stub_submission: Path) -> None:
    def without_timing() -> str:
        report = json.loads(mlgrade("grade", str(stub_submission), "--format", "json").stdout)
        report.pop("timing")
        for exercise in report["exercises"]:
            exercise.pop("timing")
        return json.dumps(report, sort_keys=True)

    assert without_timing() == without_timing()


def test_junit_has_one_testcase_per_check(stub_submission: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    assert mlgrade("grade", str(stub_submission), "--format", "junit", "--output", str(out)).returncode == 0
    root = ET.parse(out).getroot()
    cases = root.findall("./testsuite/testcase")
    assert len(cases) == 5
    assert root.get("failures") == "5"
    assert all(case.find("failure") is not None for case in cases)


def test_gradescope_results_follow_the_documented_fields(submission: Path) -> None:
    document = json.loads(mlgrade("grade", str(submission), "--format", "gradescope").stdout)
    assert document["score"] == 10
    assert document["visibility"] in {"hidden", "after_due_date", "after_published", "visible"}
    assert {"score", "output", "tests"} <= set(document)
    for test in document["tests"]:
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
        assert test["status"] in {"passed", "failed"}
    assert sum(test["max_score"] for test in document["tests"]) == pytest.approx(10)


def test_markdown_summary_has_a_table(stub_submission: Path) -> None:
    text = mlgrade("grade", str(stub_submission), "--format", "markdown").stdout
    assert text.startswith("## mlgrade: 0.00 / 10.00 (0.00%)")
    assert "| toy | 0.00 / 10.00 | graded | 0 / 5 |" in text
    assert "not implemented" in text


def test_text_report_fits_in_80_columns_and_has_no_colour_off_a_terminal(stub_submission: Path) -> None:
    text = mlgrade("grade", str(stub_submission)).stdout
    assert "\033[" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "0 of 5 checks passed" in text


def test_min_score_gates_the_exit_code(submission: Path, stub_submission: Path) -> None:
    assert mlgrade("grade", str(submission), "--min-score", "100").returncode == 0
    failing = mlgrade("grade", str(stub_submission), "--min-score", "50")
    assert failing.returncode == 1
    assert "below --min-score 50%" in failing.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["grade", "/no/such/submission"], "does not exist"),
        (["grade", "{tmp}/broken.zip"], "Cannot read archive"),
        (["grade", "{tmp}/candidate", "--exercise", "nope"], "Unknown exercise 'nope'"),
        (["grade", "{tmp}/candidate", "--min-score", "120"], "--min-score must be a percentage"),
    ],
)
def test_input_errors_exit_2_with_one_line(args: list[str], message: str, submission: Path, tmp_path: Path) -> None:
    (tmp_path / "broken.zip").write_bytes(b"this is not a zip")
    run = mlgrade(*[arg.replace("{tmp}", str(tmp_path)) for arg in args])
    assert run.returncode == 2
    assert message in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


def test_list_and_version() -> None:
    assert "toy" in mlgrade("list").stdout
    assert mlgrade("--version").stdout.startswith("mlgrade ")


def test_an_exercise_with_no_file_is_not_submitted(tmp_path: Path) -> None:
    report = json.loads(mlgrade("grade", str(tmp_path), "--format", "json").stdout)
    exercise = report["exercises"][0]
    assert exercise["status"] == "not_submitted" and exercise["score"] == 0


def notebook_of(source: str, path: Path, extra_cells: list[str] = ()) -> Path:  # type: ignore[assignment]
    document = nbformat.v4.new_notebook()
    document.cells = [
        nbformat.v4.new_markdown_cell("# My solution"),
        nbformat.v4.new_code_cell("%matplotlib inline\n!pip install nothing"),
    ]
    document.cells += [nbformat.v4.new_code_cell(source)] + [nbformat.v4.new_code_cell(c) for c in extra_cells]
    nbformat.write(document, str(path))
    return path


def test_a_notebook_grades_exactly_like_the_same_code_as_a_py(tmp_path: Path, submission: Path) -> None:
    folder = tmp_path / "nb"
    folder.mkdir()
    notebook_of(REFERENCE.read_text(), folder / "toy.ipynb", extra_cells=["print('demo')", "undefined_name + 1"])
    from_notebook = json.loads(mlgrade("grade", str(folder), "--format", "json").stdout)["exercises"][0]
    from_py = json.loads(mlgrade("grade", str(submission), "--format", "json").stdout)["exercises"][0]
    assert from_notebook["checks"] == from_py["checks"]
    assert from_notebook["score"] == 10
    notes = " ".join(from_notebook["notes"])
    assert "magic/shell line(s) dropped" in notes and "cell 4 raised NameError" in notes


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid notebook JSON"),
        (json.dumps({"nbformat": 3, "cells": []}), "not a valid nbformat 4 notebook"),
        (json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": []}), "no code cells"),
    ],
)
def test_a_malformed_notebook_gets_a_clear_message(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "toy.ipynb").write_text(content)
    exercise = json.loads(mlgrade("grade", str(tmp_path), "--format", "json").stdout)["exercises"][0]
    assert exercise["status"] == "submission_error"
    assert message in exercise["message"]


def test_zip_and_tar_archives_in_the_kit_layout_are_graded(tmp_path: Path) -> None:
    archive = tmp_path / "submission.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.write(REFERENCE, "take-home/toy/toy.py")
    assert json.loads(mlgrade("grade", str(archive), "--format", "json").stdout)["score"] == 10
    tarball = tmp_path / "submission.tar.gz"
    with tarfile.open(tarball, "w:gz") as bundle:
        bundle.add(REFERENCE, "toy.py")
    assert json.loads(mlgrade("grade", str(tarball), "--format", "json").stdout)["score"] == 10


@pytest.mark.parametrize("member", ["../escape.py", "/etc/evil.py"])
def test_archive_members_escaping_the_folder_are_refused(tmp_path: Path, member: str) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr(member, "print('x')")
    run = mlgrade("grade", str(archive))
    assert run.returncode == 2 and "points outside the submission" in run.stderr
    assert not (tmp_path.parent / "escape.py").exists()


@pytest.mark.parametrize("command", [["grade", "{tmp}/nowhere"], ["batch", "{tmp}/nowhere", "--out", "{tmp}/out"]])
def test_a_mistyped_path_is_told_before_numpy_pandas_or_hypothesis_load(command: list[str], tmp_path: Path) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in command]
    probe = (
        "import sys\n"
        "from grader import cli\n"
        f"code = cli.main({args!r})\n"
        "heavy = [name for name in ('numpy', 'pandas', 'hypothesis', 'nbformat') if name in sys.modules]\n"
        "print(heavy)\n"
        "sys.exit(code)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2, run.stderr
    assert "does not exist" in run.stderr
    assert run.stdout.strip() == "[]"


def test_help_lists_every_subcommand_without_importing_their_modules() -> None:
    probe = (
        "import sys\n"
        "from grader import cli\n"
        "try:\n"
        "    cli.main(['--help'])\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "loaded = sorted(f'grader.cli.{m}' for m in cli.MODULES if f'grader.cli.{m}' in sys.modules)\n"
        "print(loaded, code, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert run.stderr.strip() == "[] 0", run.stderr
    from grader.cli.commands import COMMANDS

    assert all(f"    {command.name}" in run.stdout for command in COMMANDS), run.stdout


def test_the_command_table_is_what_the_modules_register_in_the_order_help_lists_them() -> None:
    import argparse

    from grader import cli
    from grader.cli.commands import COMMANDS

    full = cli.build_parser()
    light = cli.build_parser([])
    for parser in (full, light):
        commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        assert list(commands.choices) == [command.name for command in COMMANDS]
        assert [action.help for action in commands._choices_actions] == [command.summary for command in COMMANDS]
    for command in COMMANDS:  # each name is registered by the module the table gives, the listing unchanged
        alone = cli.build_parser([command.module])
        subcommands = next(a for a in alone._actions if isinstance(a, argparse._SubParsersAction))
        assert subcommands.choices[command.name].get_default("handler") is not None, command.name
        assert alone.format_help() == full.format_help(), f"mlgrade -h {command.name} lists them otherwise"


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["grade", "x"], "grade"),
        (["--bank", "b", "list"], "list"),
        (["--ba", "b", "kit"], "kit"),
        (["--bank=b", "batch", "f"], "batch"),
        (["--version"], None),
        (["-h"], None),
        ([], None),
        (["frob"], None),
        (["--bank", "grade"], None),  # grade is --bank's value, not a command
    ],
)
def test_the_named_subcommand_is_found_past_the_programs_own_options(argv: list[str], named: str | None) -> None:
    from grader.cli.commands import named_command

    found = named_command(argv)
    assert (found.name if found is not None else None) == named


def test_a_command_the_scan_misses_is_still_run_with_its_arguments(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from grader import cli

    monkeypatch.setattr(cli, "named_command", lambda argv: None)
    assert cli.main(["list"]) == 0
    assert "toy" in capsys.readouterr().out
    assert cli.main(["render", str(tmp_path / "missing.json"), "--format", "markdown"]) == 2
    error = capsys.readouterr().err
    assert "missing.json" in error and "unrecognized" not in error, error


def test_an_argument_with_a_newline_stays_on_the_one_line_of_its_usage_error() -> None:
    # argparse joins unrecognised arguments as typed: a newline would start a line of its own, here a
    # GitHub workflow command in a CI log.
    run = mlgrade("list", "x\n::warning::forged")
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "\n::" not in run.stderr, run.stderr
    assert run.stderr.startswith("mlgrade: unrecognized arguments: x")
