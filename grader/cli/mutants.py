"""``mlgrade mutants``: the mutation score of exercises' hidden suites."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from grader.cli.commands import summary
from grader.cli.common import check_jobs, warn


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Register ``mlgrade mutants``."""
    parser = commands.add_parser("mutants", help=summary("mutants"))
    parser.add_argument("slugs", nargs="*", metavar="SLUG", help="exercises to mutate (default: all)")
    parser.add_argument(
        "--sample",
        type=int,
        default=None,
        metavar="N",
        help="grade at most N mutants per exercise, drawn the same way every run",
    )
    parser.add_argument("--jobs", type=int, default=2, help="mutants graded at once (default 2)")
    parser.add_argument(
        "--isolation",
        choices=("auto", "bubblewrap", "process"),
        default="auto",
        help="how mutants are sandboxed (they are graded like submissions)",
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(".mlgrade-cache") / "mutants",
        help="where verdicts are kept between runs (default .mlgrade-cache/mutants)",
    )
    parser.add_argument(
        "--min-score",
        type=float,
        default=None,
        metavar="PCT",
        help="exit 1 unless every exercise's mutation score is at least PCT percent",
    )
    parser.set_defaults(handler=command_mutants)


def command_mutants(options: argparse.Namespace) -> int:
    from grader.core.exercises import discover, find
    from grader.workflows.mutants import Outcome, render, run

    check_jobs(options.jobs)
    exercises = [find(slug) for slug in options.slugs] if options.slugs else discover()
    failing = False
    for exercise in exercises:

        def progress(outcome: Outcome, slug: str = exercise.slug) -> None:
            verdict = "killed" if outcome.killed else "survived"
            warn(f"mlgrade mutants: {slug}: {verdict}: {outcome.mutant.description}")

        report = run(
            exercise,
            most=options.sample,
            jobs=options.jobs,
            isolation=options.isolation,
            cache=options.cache,
            progress=progress,
        )
        print(render(report), flush=True)
        if options.min_score is not None and 100 * report.score < options.min_score:
            failing = True
    return 1 if failing else 0
