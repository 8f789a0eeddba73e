"""CI auto-scoring: ``mlgrade ci-template github`` writes a GitHub Actions workflow for a take-home
repository, and ``mlgrade render`` turns the JSON report it saves into the other formats.

The workflow grades once, to JSON, and renders the Markdown job summary and the JUnit file from that
JSON, so the three can never disagree and the grading (minutes) runs once. The grading step is the
only one that runs ``--min-score``: it fails the job below the interviewer's threshold, after which
the summary and upload steps still run (``if: always()``).

The hidden tests and references must not be in the candidate's repository, so the workflow checks
out the interviewer's mlgrade repository with a read-only token and installs it (the wheel carries
the exercise bank). Ubuntu 24.04 runners let unprivileged programs create user namespaces only
under an AppArmor profile, which bubblewrap lacks: the workflow lifts that restriction for the job
(the runner is thrown away afterwards), checks that bubblewrap works, and says in the job summary
which sandbox graded.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.errors import GraderError, UsageError
from grader.exercises import CATEGORIES, find
from grader.render import FORMATS, render
from grader.results import GradeReport, report_from_dict

DEFAULT_OUT = Path(".github/workflows/grade.yml")
REPORT_DIR = "mlgrade-report"
# The current major versions, all on Node.js 24: GitHub's runners stopped running the Node.js 20
# actions (checkout v4, setup-python v5, upload-artifact v4) by default in June 2026.
ACTIONS = {"checkout": "actions/checkout@v7", "setup_python": "actions/setup-python@v7",
           "upload_artifact": "actions/upload-artifact@v7"}
SUBMISSION_DIR = "submission"
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
_REF = re.compile(r"[A-Za-z0-9_./-]+")
_PYTHON = re.compile(r"3\.\d{1,2}")


@dataclass(frozen=True)
class WorkflowSettings:
    """What the interviewer chooses for the generated workflow (validated by ``settings_from``)."""

    min_score: float = 50.0
    exercises: tuple[str, ...] = ()
    repository: str = "your-org/mlgrade"
    ref: str = "main"
    python: str = f"{sys.version_info.major}.{sys.version_info.minor}"
    jobs: int = 2


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``ci-template`` and ``render``; each sets ``handler`` (options -> exit code)."""
    template = commands.add_parser("ci-template", help="write a CI workflow that grades a take-home repository")
    template.set_defaults(handler=command_ci_template)
    template.add_argument("system", choices=("github",), help="the CI system (GitHub Actions)")
    template.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT, metavar="PATH",
                          help=f"where to write the workflow ('-' for stdout; default {DEFAULT_OUT})")
    template.add_argument("--min-score", type=float, default=WorkflowSettings.min_score, metavar="PCT",
                          help="the job fails below this total score, in percent (default %(default)g)")
    template.add_argument("--exercise", action="append", default=[], metavar="SLUG",
                          help="grade only this exercise (repeatable; default: all)")
    template.add_argument("--mlgrade-repository", default=WorkflowSettings.repository, metavar="OWNER/NAME",
                          help="the private GitHub repository holding your mlgrade (default %(default)s)")
    template.add_argument("--mlgrade-ref", default=WorkflowSettings.ref, metavar="REF",
                          help="branch, tag or commit of that repository (default %(default)s)")
    template.add_argument("--python", default=WorkflowSettings.python, metavar="X.Y",
                          help="Python version on the runner (default %(default)s)")
    template.add_argument("--force", action="store_true", help="overwrite an existing file")

    convert = commands.add_parser("render", help="render a saved JSON report in another format")
    convert.set_defaults(handler=command_render)
    convert.add_argument("report", type=Path, help="a report written by mlgrade grade --format json")
    convert.add_argument("--format", choices=sorted(FORMATS), default="text")
    convert.add_argument("-o", "--output", type=Path, help="write here instead of stdout")


def settings_from(options: argparse.Namespace) -> WorkflowSettings:
    """Validate the command-line choices; every value ends up in YAML, so only safe characters pass."""
    if not 0 <= options.min_score <= 100:
        raise UsageError(f"--min-score must be a percentage from 0 to 100; got {options.min_score:g}.")
    checks = [(_REPOSITORY, options.mlgrade_repository, "--mlgrade-repository", "OWNER/NAME"),
              (_REF, options.mlgrade_ref, "--mlgrade-ref", "a branch, tag or commit"),
              (_PYTHON, options.python, "--python", "a version such as 3.12")]
    for pattern, value, flag, expected in checks:
        if not pattern.fullmatch(value):
            raise UsageError(f"{flag} should be {expected}; got {value!r}.")
    slugs = tuple(dict.fromkeys(options.exercise))
    for slug in slugs:
        find(slug)  # an unknown slug is a one-line ConfigurationError
    return WorkflowSettings(min_score=options.min_score, exercises=slugs, repository=options.mlgrade_repository,
                            ref=options.mlgrade_ref, python=options.python)


def command_ci_template(options: argparse.Namespace) -> int:
    text = github_workflow(settings_from(options))
    out: Path = options.out
    if str(out) == "-":
        sys.stdout.write(text)
        return 0
    if out.exists() and not options.force:
        raise UsageError(f"{out} already exists; pass --force to overwrite it.")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    sys.stdout.write(f"mlgrade: workflow written to {out}; set the secret MLGRADE_TOKEN (see its header)\n")
    return 0


def command_render(options: argparse.Namespace) -> int:
    path: Path = options.report
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        report = in_category_order(report_from_dict(data))
    except OSError as error:
        raise GraderError(f"Cannot read report {path}: {error.strerror or error}.") from None
    except (ValueError, TypeError, AttributeError, KeyError):
        raise GraderError(f"{path} is not a JSON report written by mlgrade grade --format json.") from None
    color = (options.output is None and options.format == "text" and sys.stdout.isatty()
             and "NO_COLOR" not in os.environ)
    text = render(report, options.format, color=color)
    if options.output is None:
        sys.stdout.write(text)
    else:
        options.output.parent.mkdir(parents=True, exist_ok=True)
        options.output.write_text(text, encoding="utf-8")
    return 0


def in_category_order(report: GradeReport) -> GradeReport:
    """Put each exercise's categories back in the grader's order (the JSON sorts keys alphabetically)."""
    rank = {name: index for index, name in enumerate(CATEGORIES)}
    for exercise in report.exercises:
        ordered = sorted(exercise.categories.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))
        exercise.categories = dict(ordered)
    return report


def grading_command(settings: WorkflowSettings) -> str:
    """The one command that grades: JSON report out, exit 1 below ``$MIN_SCORE``."""
    selection = "".join(f" --exercise {slug}" for slug in settings.exercises)
    return (f'mlgrade grade {SUBMISSION_DIR} --format json --output "$REPORT_DIR/report.json" '
            f'--min-score "$MIN_SCORE" --jobs {settings.jobs}{selection}')


def github_workflow(settings: WorkflowSettings) -> str:
    """The GitHub Actions workflow, as YAML text with comments for the interviewer."""
    return _GITHUB.format(
        min_score=f"{settings.min_score:g}", repository=settings.repository, ref=settings.ref,
        python=settings.python, report_dir=REPORT_DIR, submission=SUBMISSION_DIR,
        grade=grading_command(settings), **ACTIONS,
        has_report="always() && hashFiles(format('{0}/report.json', env.REPORT_DIR)) != ''",
    )


_GITHUB = """\
# Grades a take-home submission with mlgrade. Generated by `mlgrade ci-template github`.
#
# This repository is the candidate kit, filled in by the candidate. The grader, with its hidden
# tests and reference solutions, comes from your private mlgrade repository (MLGRADE_REPOSITORY):
# create a fine-grained, read-only token for that repository alone and store it in this
# repository's secret MLGRADE_TOKEN. Anyone who can change this workflow can read what the token
# reads: keep candidates from editing .github/workflows (branch protection, CODEOWNERS), or run
# this workflow from a repository of yours that checks out theirs. Secrets are not given to pull
# requests from forks, so grade branches of this repository, not forks.
#
# The job fails when the total score is below MIN_SCORE percent. The Markdown report goes to the
# job summary; the JSON and JUnit reports are uploaded as the artifact "mlgrade-report".
name: Grade submission

on:
  push:
  pull_request:
  workflow_dispatch:

permissions:
  contents: read

env:
  MIN_SCORE: "{min_score}"
  MLGRADE_REPOSITORY: {repository}
  MLGRADE_REF: {ref}
  REPORT_DIR: {report_dir}

jobs:
  grade:
    name: Grade the submission
    runs-on: ubuntu-latest
    timeout-minutes: 60
    steps:
      - name: Check out the submission
        uses: {checkout}
        with:
          path: {submission}
          persist-credentials: false

      - name: Check out mlgrade
        uses: {checkout}
        with:
          repository: ${{{{ env.MLGRADE_REPOSITORY }}}}
          ref: ${{{{ env.MLGRADE_REF }}}}
          token: ${{{{ secrets.MLGRADE_TOKEN }}}}
          path: mlgrade
          persist-credentials: false

      - name: Set up Python
        uses: {setup_python}
        with:
          python-version: "{python}"

      - name: Set up bubblewrap
        # bubblewrap is the strongest sandbox. Ubuntu 24.04 lets unprivileged programs create user
        # namespaces only under an AppArmor profile; this runner is thrown away after the job, so
        # the restriction is lifted for it. Without a working bubblewrap, mlgrade falls back to
        # process limits (--isolation auto) and the report says so.
        run: |
          if ! {{ sudo apt-get update -qq && sudo apt-get install -y -qq bubblewrap; }}; then
            echo "::warning::apt-get could not install bubblewrap"
          fi
          if [ -e /proc/sys/kernel/apparmor_restrict_unprivileged_userns ]; then
            sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0
          fi
          if bwrap --unshare-all --die-with-parent --ro-bind / / true; then
            echo "SANDBOX_NOTE=bubblewrap works on this runner" >> "$GITHUB_ENV"
          else
            echo "::warning::bubblewrap cannot create its sandbox here; grading falls back to process limits"
            echo "SANDBOX_NOTE=bubblewrap does not work on this runner: process limits only" >> "$GITHUB_ENV"
          fi

      - name: Install mlgrade
        run: |
          python -m pip install --upgrade pip
          python -m pip install ./mlgrade

      - name: Grade
        run: |
          {grade}

      - name: Write the job summary
        if: "{has_report}"
        run: |
          mlgrade render "$REPORT_DIR/report.json" --format markdown >> "$GITHUB_STEP_SUMMARY"
          echo "Sandbox check: ${{SANDBOX_NOTE:-not run}}." >> "$GITHUB_STEP_SUMMARY"

      - name: Write the JUnit report
        if: "{has_report}"
        run: |
          mlgrade render "$REPORT_DIR/report.json" --format junit --output "$REPORT_DIR/junit.xml"

      - name: Upload the JSON and JUnit reports
        if: "{has_report}"
        uses: {upload_artifact}
        with:
          name: mlgrade-report
          path: ${{{{ env.REPORT_DIR }}}}
"""
