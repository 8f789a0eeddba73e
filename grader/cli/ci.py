"""``mlgrade ci-template`` (a CI workflow that grades) and ``mlgrade render`` (a saved report again)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grader.cli.commands import summary
from grader.cli.common import check_min_score, wants_color, write_report
from grader.cli.grade import FORMAT_NAMES
from grader.core.errors import GraderError, UsageError
from grader.workflows.ci_template import (
    DEFAULT_OUT,
    PYTHON_PATTERN,
    REF_PATTERN,
    REPOSITORY_PATTERN,
    WorkflowSettings,
)

if TYPE_CHECKING:
    from grader.core.results import GradeReport


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``ci-template`` and ``render``; each sets ``handler`` (options -> exit code)."""
    template = commands.add_parser("ci-template", help=summary("ci-template"))
    template.set_defaults(handler=command_ci_template)
    template.add_argument("system", choices=("github",), help="the CI system (GitHub Actions)")
    template.add_argument(
        "-o",
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="PATH",
        help=f"where to write the workflow ('-' for stdout; default {DEFAULT_OUT})",
    )
    template.add_argument(
        "--min-score",
        type=float,
        default=WorkflowSettings.min_score,
        metavar="PCT",
        help="the job fails below this total score, in percent (default %(default)g)",
    )
    template.add_argument(
        "--exercise",
        action="append",
        default=[],
        metavar="SLUG",
        help="grade only this exercise (repeatable; default: all)",
    )
    template.add_argument(
        "--mlgrade-repository",
        default=WorkflowSettings.repository,
        metavar="OWNER/NAME",
        help="the private GitHub repository holding your mlgrade (default %(default)s)",
    )
    template.add_argument(
        "--mlgrade-ref",
        default=WorkflowSettings.ref,
        metavar="REF",
        help="branch, tag or commit of that repository (default %(default)s)",
    )
    template.add_argument(
        "--python",
        default=WorkflowSettings.python,
        metavar="X.Y",
        help="Python version on the runner (default %(default)s)",
    )
    template.add_argument("--force", action="store_true", help="overwrite an existing file")

    convert = commands.add_parser("render", help=summary("render"))
    convert.set_defaults(handler=command_render)
    convert.add_argument("report", type=Path, help="a report written by mlgrade grade --format json")
    convert.add_argument("--format", choices=FORMAT_NAMES, default="text", help="report format (default text)")
    convert.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    convert.add_argument(
        "--min-score",
        type=float,
        metavar="PCT",
        help="the gate the markdown summary reports on (passed or not at PCT percent)",
    )


def settings_from(options: argparse.Namespace) -> WorkflowSettings:
    """Validate the command-line choices; every value ends up in YAML, so only safe characters pass."""
    if not 0 <= options.min_score <= 100:
        raise UsageError(f"--min-score must be a percentage from 0 to 100; got {options.min_score:g}.")
    checks = [
        (REPOSITORY_PATTERN, options.mlgrade_repository, "--mlgrade-repository", "OWNER/NAME"),
        (REF_PATTERN, options.mlgrade_ref, "--mlgrade-ref", "a branch, tag or commit"),
        (PYTHON_PATTERN, options.python, "--python", "a version such as 3.12"),
    ]
    for pattern, value, flag, expected in checks:
        if not pattern.fullmatch(value):
            raise UsageError(f"{flag} should be {expected}; got {value!r}.")
    from grader.core.exercises import find  # imported when used: `mlgrade --help` stays quick

    slugs = tuple(dict.fromkeys(options.exercise))
    for slug in slugs:
        find(slug)  # an unknown slug is a one-line ConfigurationError
    return WorkflowSettings(
        min_score=options.min_score,
        exercises=slugs,
        repository=options.mlgrade_repository,
        ref=options.mlgrade_ref,
        python=options.python,
    )


def command_ci_template(options: argparse.Namespace) -> int:
    from grader.workflows.ci_template import github_workflow

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
    from grader.core.results import report_from_dict
    from grader.reports import render

    path: Path = options.report
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        report = in_category_order(report_from_dict(data))
    except OSError as error:
        raise GraderError(f"Cannot read report {path}: {error.strerror or error}.") from None
    except (ValueError, TypeError, AttributeError, KeyError):
        raise GraderError(f"{path} is not a JSON report written by mlgrade grade --format json.") from None
    check_min_score(options.min_score)
    text = render(
        report, options.format, color=wants_color(options.output, options.format), min_score=options.min_score
    )
    write_report(text, options.output)
    return 0


def in_category_order(report: GradeReport) -> GradeReport:
    """Put each exercise's categories back in the grader's order (the JSON sorts keys alphabetically)."""
    from grader.core.exercises import CATEGORIES

    rank = {name: index for index, name in enumerate(CATEGORIES)}
    for exercise in report.exercises:
        ordered = sorted(exercise.categories.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))
        exercise.categories = dict(ordered)
    return report
