"""``mlgrade ci-template github`` and ``mlgrade render``: the workflow parses and names its steps, and
the exact commands it runs pass on the kit filled with the reference and fail on the bare kit.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml

from grader import cli
from grader.core.results import GradeReport
from grader.grading.runner import GradeOptions, grade_submission
from grader.reports import FORMATS, render
from tests.helpers import FIXTURES, ROOT

REAL_EXERCISE = "classification_metrics"  # one real exercise end to end; the others are proved elsewhere
MIN_SCORE = "60"
TOY = FIXTURES / "toy"


def mlgrade(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader.cli", *args], capture_output=True, text=True, timeout=1800, cwd=cwd
    )


@pytest.fixture(scope="module")
def workflow(tmp_path_factory: pytest.TempPathFactory) -> dict[Any, Any]:
    out = tmp_path_factory.mktemp("workflow") / ".github" / "workflows" / "grade.yml"
    run = mlgrade(
        "ci-template",
        "github",
        "--out",
        str(out),
        "--min-score",
        MIN_SCORE,
        "--exercise",
        REAL_EXERCISE,
        "--mlgrade-repository",
        "acme/mlgrade",
        "--mlgrade-ref",
        "v1",
    )
    assert run.returncode == 0, run.stderr
    document: dict[Any, Any] = yaml.safe_load(out.read_text(encoding="utf-8"))
    return document


def steps(workflow: dict[Any, Any]) -> dict[str, dict[str, Any]]:
    return {step["name"]: step for step in workflow["jobs"]["grade"]["steps"]}


def test_the_workflow_parses_and_names_every_step(workflow: dict[Any, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert isinstance(triggers, dict) and {"push", "pull_request", "workflow_dispatch"} <= set(triggers)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["env"]["MIN_SCORE"] == MIN_SCORE
    assert workflow["env"]["MLGRADE_REPOSITORY"] == "acme/mlgrade" and workflow["env"]["MLGRADE_REF"] == "v1"
    assert list(steps(workflow)) == [
        "Check out the submission",
        "Check out mlgrade",
        "Set up Python",
        "Set up bubblewrap",
        "Install mlgrade",
        "Grade",
        "Write the job summary",
        "Write the JUnit report",
        "Upload the JSON and JUnit reports",
    ]


def test_each_step_does_what_its_name_says(workflow: dict[Any, Any]) -> None:
    named = steps(workflow)
    mlgrade_checkout = named["Check out mlgrade"]
    assert mlgrade_checkout["uses"].startswith("actions/checkout@")
    assert mlgrade_checkout["with"]["token"] == "${{ secrets.MLGRADE_TOKEN }}"
    assert named["Set up Python"]["uses"].startswith("actions/setup-python@")
    assert named["Install mlgrade"]["run"].splitlines()[-1] == "python -m pip install ./mlgrade"
    grade = named["Grade"]["run"]
    assert grade.startswith("mlgrade grade submission ") and grade.count("mlgrade grade") == 1
    assert '--format json --output "$REPORT_DIR/report.json" --min-score "$MIN_SCORE"' in grade
    assert f"--exercise {REAL_EXERCISE}" in grade
    assert "--format markdown" in named["Write the job summary"]["run"]
    assert '>> "$GITHUB_STEP_SUMMARY"' in named["Write the job summary"]["run"]
    assert "--format junit" in named["Write the JUnit report"]["run"]
    upload = named["Upload the JSON and JUnit reports"]
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert upload["with"]["path"] == "${{ env.REPORT_DIR }}"
    for name in ("Write the job summary", "Write the JUnit report", "Upload the JSON and JUnit reports"):
        assert named[name]["if"].startswith("always() && "), "reports must follow a failing score too"
    assert "if" not in named["Grade"]


def run_step(
    step: dict[str, Any], workflow: dict[Any, Any], cwd: Path, summary: Path
) -> subprocess.CompletedProcess[str]:
    """Run a step's ``run`` script as GitHub does (``bash -e``), with the workflow's environment.

    ``mlgrade`` is on ``PATH`` as the install step leaves it, and the real exercises are graded.
    """
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    env = {
        **os.environ,
        **{str(k): str(v) for k, v in workflow["env"].items()},
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": path,
        "SANDBOX_NOTE": "bubblewrap works on this runner",
    }  # as the bubblewrap step leaves it
    for name in ("MLGRADE_EXERCISES", "MLGRADE_REFERENCE"):
        env.pop(name, None)
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=cwd, env=env, capture_output=True, text=True, timeout=1800
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """The runner's workspace: the candidate kit of the real exercise checked out in ``submission/``."""
    run = mlgrade("kit", "--exercise", REAL_EXERCISE, "--out", str(tmp_path / "submission"))
    assert run.returncode == 0, run.stderr
    return tmp_path


@pytest.mark.slow
def test_the_exact_commands_pass_on_the_kit_filled_with_the_reference(
    workflow: dict[Any, Any], workspace: Path
) -> None:
    shutil.copyfile(
        ROOT / "reference" / f"{REAL_EXERCISE}.py", workspace / "submission" / REAL_EXERCISE / f"{REAL_EXERCISE}.py"
    )
    named, summary = steps(workflow), workspace / "summary.md"
    grade = run_step(named["Grade"], workflow, workspace, summary)
    assert grade.returncode == 0, grade.stderr
    for name in ("Write the job summary", "Write the JUnit report"):
        step = run_step(named[name], workflow, workspace, summary)
        assert step.returncode == 0, step.stderr
    assert_summary_is_the_saved_report(summary, workspace, percent=100.0)
    junit = ET.parse(workspace / "mlgrade-report" / "junit.xml").getroot()
    assert junit.get("failures") == "0" and int(junit.get("tests", "0")) > 0
    uploaded = workspace / workflow["env"]["REPORT_DIR"]
    assert sorted(path.name for path in uploaded.iterdir()) == ["junit.xml", "report.json"]


@pytest.mark.slow
def test_the_exact_grading_command_fails_on_the_bare_kit_and_the_summary_still_follows(
    workflow: dict[Any, Any], workspace: Path
) -> None:
    named, summary = steps(workflow), workspace / "summary.md"
    grade = run_step(named["Grade"], workflow, workspace, summary)
    assert grade.returncode == 1, grade.stderr
    assert f"below --min-score {MIN_SCORE}%" in grade.stderr
    assert run_step(named["Write the job summary"], workflow, workspace, summary).returncode == 0
    assert_summary_is_the_saved_report(summary, workspace, percent=0.0)


def assert_summary_is_the_saved_report(summary: Path, workspace: Path, percent: float) -> None:
    """The job summary is the Markdown of the JSON report the grading step saved, then the sandbox line."""
    saved = workspace / "mlgrade-report" / "report.json"
    assert json.loads(saved.read_text())["percent"] == percent
    markdown = mlgrade("render", str(saved), "--format", "markdown")
    assert markdown.returncode == 0, markdown.stderr
    assert summary.read_text() == markdown.stdout + "Sandbox check: bubblewrap works on this runner.\n"


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_render_of_the_saved_json_gives_what_grade_would_have_written(
    toy_report: GradeReport, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "report.json"
    saved.write_text(render(toy_report, "json"), encoding="utf-8")
    assert cli.main(["render", str(saved), "--format", fmt]) == 0
    assert capsys.readouterr().out == render(toy_report, fmt)


@pytest.fixture(scope="module")
def toy_report(tmp_path_factory: pytest.TempPathFactory) -> GradeReport:
    """The toy stub graded once, in this process (its judge runs in a process of its own)."""
    folder = tmp_path_factory.mktemp("toy") / "candidate"
    folder.mkdir()
    shutil.copyfile(TOY / "exercises" / "toy" / "toy.py", folder / "toy.py")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLGRADE_EXERCISES", str(TOY / "exercises"))
        patch.setenv("MLGRADE_REFERENCE", str(TOY / "reference"))
        report = grade_submission(folder, GradeOptions(slugs=("toy",)))
    assert report.exercises[0].checks and report.score == 0
    return report


@pytest.mark.parametrize(
    "args, message",
    [
        (["ci-template", "github", "--out", "-", "--min-score", "120"], "--min-score must be a percentage"),
        (
            ["ci-template", "github", "--out", "-", "--mlgrade-repository", "not a repo"],
            "--mlgrade-repository should be",
        ),
        (["ci-template", "github", "--out", "-", "--mlgrade-ref", "main; rm -rf /"], "--mlgrade-ref should be"),
        (["ci-template", "github", "--out", "-", "--python", "python3"], "--python should be"),
        (["ci-template", "github", "--out", "-", "--exercise", "nope"], "Unknown exercise 'nope'"),
        (["ci-template", "github", "--out", "{tmp}/existing.yml"], "already exists; pass --force"),
        (["render", "{tmp}/missing.json"], "Cannot read report"),
        (["render", "{tmp}/existing.yml"], "is not a JSON report"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "existing.yml").write_text("name: mine\n")
    assert cli.main([arg.replace("{tmp}", str(tmp_path)) for arg in args]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1, err
    assert (tmp_path / "existing.yml").read_text() == "name: mine\n"


def test_force_overwrites_and_dash_prints_the_same_workflow(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "existing.yml"
    out.write_text("name: mine\n")
    assert cli.main(["ci-template", "github", "--out", str(out), "--force"]) == 0
    capsys.readouterr()
    assert cli.main(["ci-template", "github", "--out", "-"]) == 0
    printed = capsys.readouterr().out
    assert printed == out.read_text()
    assert json.dumps(yaml.safe_load(printed)["env"]) == json.dumps(
        {
            "MIN_SCORE": "50",
            "MLGRADE_REPOSITORY": "your-org/mlgrade",
            "MLGRADE_REF": "main",
            "REPORT_DIR": "mlgrade-report",
        }
    )


def test_the_actions_are_the_current_node24_majors(workflow: dict[Any, Any]) -> None:
    used = {step["uses"] for step in workflow["jobs"]["grade"]["steps"] if "uses" in step}
    assert used == {"actions/checkout@v7", "actions/setup-python@v7", "actions/upload-artifact@v7"}


def test_the_report_folder_is_named_once_and_read_from_the_environment(
    workflow: dict[Any, Any], tmp_path: Path
) -> None:
    text = cli_workflow_text(tmp_path)
    assert text.count("mlgrade-report/") == 0 and text.count("REPORT_DIR: mlgrade-report\n") == 1
    for step in steps(workflow).values():
        if "if" in step:
            assert step["if"] == "always() && hashFiles(format('{0}/report.json', env.REPORT_DIR)) != ''"


def test_bubblewrap_is_made_to_work_on_ubuntu_24_04_and_the_summary_says_so(workflow: dict[Any, Any]) -> None:
    script = steps(workflow)["Set up bubblewrap"]["run"]
    lift = "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0"
    guard = "if [ -e /proc/sys/kernel/apparmor_restrict_unprivileged_userns ]; then"
    assert guard in script and script.index(guard) < script.index(lift) < script.index("bwrap --unshare-all")
    assert script.count('>> "$GITHUB_ENV"') == 2  # SANDBOX_NOTE, whichever way the check went
    assert "$SANDBOX_NOTE" in steps(workflow)["Write the job summary"]["run"].replace("{", "").replace("}", "")


def cli_workflow_text(folder: Path) -> str:
    out = folder / "grade.yml"
    assert cli.main(["ci-template", "github", "--out", str(out)]) == 0
    return out.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("shellcheck") is None, reason="shellcheck is not installed (apt-get shellcheck)")
def test_shellcheck_finds_nothing_in_the_run_scripts(workflow: dict[Any, Any], tmp_path: Path) -> None:
    for number, step in enumerate(workflow["jobs"]["grade"]["steps"]):
        if "run" in step:
            script = tmp_path / f"step{number}.sh"
            script.write_text("#!/usr/bin/env bash\nset -eo pipefail\n" + step["run"], encoding="utf-8")
            run = subprocess.run(["shellcheck", "--severity=style", str(script)], capture_output=True, text=True)
            assert run.returncode == 0, f"{step['name']}: {run.stdout}"


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint is not installed")
def test_actionlint_finds_nothing_in_the_workflow(tmp_path: Path) -> None:
    cli_workflow_text(tmp_path)
    run = subprocess.run(["actionlint", str(tmp_path / "grade.yml")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
