"""``mlgrade batch`` (a cohort) and ``mlgrade gradebook`` (merge result folders)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from grader.cli.commands import summary
from grader.cli.common import (
    EXIT_BELOW_MIN_SCORE,
    EXIT_INCOMPLETE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    check_jobs,
    check_min_score,
    check_output,
    warn,
)
from grader.core.errors import GraderError, UsageError
from grader.core.sanitize import clean_name, one_line
from grader.workflows import similarity


def add_commands(commands: argparse._SubParsersAction[Any]) -> None:
    """Register this module's subcommands; each sets ``handler`` (options -> exit code)."""
    batch = commands.add_parser("batch", help=summary("batch"))
    batch.set_defaults(handler=command_batch)
    batch.add_argument("folder", type=Path, help="folder holding one subfolder or archive per submission")
    batch.add_argument("--out", type=Path, required=True, metavar="RESULTS", help="folder for the results")
    batch.add_argument(
        "--exercise", action="append", default=[], metavar="SLUG", help="grade only this exercise (repeatable)"
    )
    batch.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="submissions graded at once (default: the number of cores)",
    )
    batch.add_argument(
        "--isolation", choices=("auto", "bubblewrap", "process", "none"), default="auto", help="as for mlgrade grade"
    )
    batch.add_argument("--force", action="store_true", help="grade again even submissions that have not changed")
    batch.add_argument("--html", action="store_true", help="also write each submission's visual report")
    _add_shared(batch)
    merge = commands.add_parser("gradebook", help=summary("gradebook"))
    merge.set_defaults(handler=command_gradebook)
    merge.add_argument("results", type=Path, nargs="+", metavar="RESULTS", help="folders written by mlgrade batch")
    merge.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FOLDER",
        help="where to write gradebook.csv, report.md and similarity.json",
    )
    _add_shared(merge)


def _add_shared(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-score", type=float, metavar="PCT", help="exit 1 if any submission scores below PCT percent"
    )
    parser.add_argument(
        "--similarity-threshold",
        type=float,
        default=similarity.DEFAULT_THRESHOLD,
        metavar="J",
        help=f"flag pairs at least this alike, from 0 to 1 (default {similarity.DEFAULT_THRESHOLD:g})",
    )


def _check_shared(options: argparse.Namespace) -> None:
    check_min_score(options.min_score)
    if not 0 < options.similarity_threshold <= 1:
        raise UsageError(f"--similarity-threshold must be above 0 and at most 1; got {options.similarity_threshold:g}.")


def command_batch(options: argparse.Namespace) -> int:
    from grader.workflows.batch import BatchOptions, run_batch

    _check_shared(options)
    check_jobs(options.jobs)
    check_output(options.out, folder=True)
    batch_options = BatchOptions(
        source=options.folder,
        out=options.out,
        slugs=tuple(options.exercise),
        jobs=options.jobs,
        isolation=options.isolation,
        force=options.force,
        html=options.html,
        threshold=options.similarity_threshold,
        min_score=options.min_score,
        progress="bar" if sys.stderr.isatty() else "lines",
    )
    summary = run_batch(batch_options)
    warn(
        f"mlgrade batch: graded {len(summary.graded)}, unchanged {len(summary.skipped)}"
        + (f", not graded {len(summary.missing)}" if summary.missing else "")
        + f"; {summary.flagged_pairs} similar pair(s) flagged; gradebook: {options.out / 'gradebook.csv'}"
    )
    if summary.interrupted:
        return EXIT_INTERRUPTED
    if summary.incomplete:
        warn(
            f"mlgrade: {len(summary.incomplete)} submission(s) could not be graded or saved (see the gradebook's "
            f"issues column): {', '.join(summary.incomplete)}"
        )
        return EXIT_INCOMPLETE
    return _min_score_exit(summary.below_min_score, options.min_score, EXIT_OK, EXIT_BELOW_MIN_SCORE)


def command_gradebook(options: argparse.Namespace) -> int:
    from grader.workflows import gradebook

    _check_shared(options)
    check_output(options.out, folder=True)
    results = gradebook.merge_folders(options.results)
    try:
        frame, matches = gradebook.write_outputs(
            options.out, results, threshold=options.similarity_threshold, min_score=options.min_score
        )
    except OSError as error:
        raise GraderError(
            f"Cannot write the gradebook in {clean_name(options.out)}: {one_line(error.strerror or error)}."
        ) from None
    warn(
        f"mlgrade gradebook: {len(results)} submissions from {len(options.results)} folder(s); "
        f"{len(matches)} similar pair(s) flagged; gradebook: {options.out / 'gradebook.csv'}"
    )
    below = sorted(frame.loc[frame["below_min_score"], "submission"]) if options.min_score is not None else []
    return _min_score_exit(below, options.min_score, EXIT_OK, EXIT_BELOW_MIN_SCORE)


def _min_score_exit(below: list[str], min_score: float | None, ok: int, failing: int) -> int:
    if not below or min_score is None:
        return ok
    warn(f"mlgrade: {len(below)} submission(s) below --min-score {min_score:g}%: {', '.join(below)}")
    return failing
