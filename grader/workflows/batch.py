"""Batch grading (``mlgrade batch``) and merging result folders (``mlgrade gradebook``).

``mlgrade batch DIR --out RESULTS`` grades every subfolder or archive of ``DIR`` as one submission,
``--jobs`` at a time, each through ``grade_submission`` (its own judge processes and sandboxed
workers), and writes ``RESULTS/submissions/<id>.json`` and ``.md`` as each one finishes, then the
gradebook (``grader.gradebook``). Each result file is written atomically and records the
submission's content hash and the grading fingerprint (grader code, exercise files, references,
options): a re-run skips every submission whose result still matches, so an interrupted batch
resumes where it stopped. A broken or hostile submission costs only its own slot, for at most its
own time limits: grading it happens in other processes, and any error becomes its result.

Nothing is lost: every submission found ends as a gradebook row, with its error when it could not
be graded or its result could not be saved (and the exit code says so). Folder names are candidate
text: they are cleaned (``grader.sanitize``) before they name anything in a report or on stderr, and
a result file's name stays plain (a hash suffix stands in for what cleaning changed). Only regular
files are read: links, named pipes, sockets and devices inside a submission are skipped.
"""

from __future__ import annotations

import hashlib
import os
import queue
import stat
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader import __version__
from grader.core.errors import GraderError, SubmissionError
from grader.core.exercises import Exercise, find
from grader.core.results import GRADER_ERROR, SUBMISSION_ERROR, ExerciseResult, GradeReport, clean_report
from grader.core.sanitize import MESSAGE_CHARS, clean, clean_name, defuse_line, one_line
from grader.grading.fingerprint import grading_fingerprint
from grader.grading.notebook import cells_text
from grader.grading.runner import GradeOptions, grade_submission, select_exercises
from grader.grading.submission import Submission
from grader.reports import render
from grader.workflows import gradebook, similarity
from grader.workflows.gradebook import SUBMISSIONS, ResultError, StoredResult

ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".zip")
MAX_STORED_CODE_CHARS = 512 * 1024
PLAIN_STEM_CHARS = 120


@dataclass(frozen=True)
class Entry:
    """One submission of the batch: its id (the name without archive suffix, cleaned) and its path."""

    id: str
    path: Path
    stem: str = ""  # the name of its result files; the id when that is a plain, short name

    @property
    def file_stem(self) -> str:
        return self.stem or self.id


@dataclass(frozen=True)
class BatchOptions:
    """What ``run_batch`` grades, where it writes, and how."""

    source: Path
    out: Path
    slugs: tuple[str, ...] = ()
    jobs: int = 1
    isolation: str = "auto"
    force: bool = False
    html: bool = False
    threshold: float = similarity.DEFAULT_THRESHOLD
    min_score: float | None = None
    progress: str = "lines"  # "bar" (a terminal), "lines" (one per finished submission) or "off"


@dataclass
class BatchSummary:
    """What a batch did: graded, skipped as unchanged, left undone by an interruption, and the flags."""

    graded: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    below_min_score: list[str] = field(default_factory=list)
    # Rows of the gradebook whose grading failed on the grader's side, or whose result was not saved.
    ungraded: list[str] = field(default_factory=list)
    unsaved: list[str] = field(default_factory=list)
    flagged_pairs: int = 0
    interrupted: bool = False

    @property
    def incomplete(self) -> list[str]:
        return sorted(set(self.ungraded) | set(self.unsaved))


# ----------------------------------------------------------------------------- finding and hashing


def find_submissions(folder: Path) -> list[Entry]:
    """Every subfolder and archive in ``folder``, sorted by id; hidden entries are ignored."""
    if not folder.is_dir():
        raise SubmissionError(f"Submissions folder {folder} does not exist or is not a folder.")
    entries: dict[str, Entry] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_symlink():
            continue
        suffix = next((s for s in ARCHIVE_SUFFIXES if path.name.lower().endswith(s)), None)
        if path.is_dir():
            raw = path.name
        elif suffix is not None and path.is_file():
            raw = path.name[: -len(suffix)]
        else:
            continue  # a FIFO or a device is never opened
        key = clean_name(raw)
        if key in entries:
            raise SubmissionError(
                f"Two submissions are both named {key!r}: {clean_name(entries[key].path.name)} "
                f"and {clean_name(path.name)}; rename one."
            )
        entries[key] = Entry(key, path, _file_stem(raw, key))
    return [entries[key] for key in sorted(entries)]


def _file_stem(raw: str, key: str) -> str:
    """The result files' name: the id itself when plain, else a readable part plus a hash of the name."""
    if raw == key and len(key) <= PLAIN_STEM_CHARS and key.isprintable():
        return key
    digest = hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    readable = "".join(char if char.isalnum() or char in "-_" else "_" for char in key[:60])
    return f"{readable}-{digest}"


def content_hash(path: Path) -> str:
    """SHA-256 of a submission's content: an archive's bytes, or a folder's files and their paths."""
    digest = hashlib.sha256()
    if path.is_file():
        _hash_file(digest, path)
        return digest.hexdigest()
    # Only what grading reads counts: regular files, never through a link (os.walk does not follow
    # linked folders); a named pipe would block the read for ever.
    for folder, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            file = Path(folder) / name
            if name.startswith(".") or name.endswith(".pyc") or not _is_regular(file):
                continue
            digest.update(file.relative_to(path).as_posix().encode("utf-8", "surrogateescape") + b"\0")
            _hash_file(digest, file)
    return digest.hexdigest()


def _hash_file(digest: Any, path: Path) -> None:
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    digest.update(b"\0")


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


# ----------------------------------------------------------------------------- grading one submission


def grade_entry(
    entry: Entry, exercises: Sequence[Exercise], options: BatchOptions, content: str, fingerprint: str
) -> StoredResult:
    """Grade one submission and write its files; any failure becomes its result, never an exception.

    A result that cannot be saved is still returned, with ``save_error`` set: it is a row of this
    run's gradebook, and the next run grades it again.
    """
    slugs = tuple(exercise.slug for exercise in exercises)
    try:
        report = grade_submission(entry.path, GradeOptions(slugs=slugs, isolation=options.isolation, jobs=1))
    except SubmissionError as error:
        report = _failed_report(entry, exercises, SUBMISSION_ERROR, str(error))
    except Exception as error:  # one submission's grader failure must not stop the batch
        report = _failed_report(entry, exercises, GRADER_ERROR, f"{type(error).__name__}: {error}")
    result = StoredResult(entry.id, content, fingerprint, report, code=read_code(entry.path, slugs))
    try:
        save(result, options, entry.path, entry.file_stem)
    except Exception as error:  # a full disk, a folder in the way: the row says so
        result.save_error = one_line(f"{type(error).__name__}: {error}", 300)
    return result


def unsaved_result(
    entry: Entry, exercises: Sequence[Exercise], content: str, fingerprint: str, error: BaseException
) -> StoredResult:
    """The row of a submission whose grading raised where nothing should: a grader error, not saved."""
    reason = one_line(f"{type(error).__name__}: {error}", 300)
    report = _failed_report(entry, exercises, GRADER_ERROR, reason)
    return StoredResult(entry.id, content, fingerprint, report, save_error=reason)


def save(result: StoredResult, options: BatchOptions, path: Path, stem: str | None = None) -> None:
    """Write the Markdown report, then the JSON: a result exists only once it is complete.

    The visual report comes last: it is derived, and a missing one is written again on the next run.
    """
    folder = options.out / SUBMISSIONS
    stem = stem or result.id
    if options.html and not any(exercise.showcase for exercise in result.report.exercises):
        from grader.grading import showcase

        showcase.attach(result.report, path, options.isolation)
    gradebook.write_atomically(folder / f"{stem}.md", render(result.report, "markdown", min_score=options.min_score))
    gradebook.write_atomically(folder / f"{stem}.json", result.to_json())
    if options.html:
        gradebook.write_atomically(folder / f"{stem}.html", render(result.report, "html"))


def _failed_report(entry: Entry, exercises: Sequence[Exercise], status: str, message: str) -> GradeReport:
    results = [
        ExerciseResult(slug=e.slug, title=e.title, status=status, score=0.0, max_score=e.points, message=message)
        for e in exercises
    ]
    return clean_report(
        GradeReport(
            submission=entry.path.name,
            score=0.0,
            max_score=round(sum(e.points for e in exercises), 2),
            isolation="none needed",
            exercises=results,
            version=__version__,
        )
    )


def read_code(path: Path, slugs: Sequence[str]) -> dict[str, str]:
    """Each exercise's code as text (a notebook's code cells joined), for similarity flags."""
    code: dict[str, str] = {}
    try:
        with Submission(path) as submission:
            for slug in slugs:
                source = submission.source_for(slug, find(slug).stub_path)
                if source.path is None:
                    continue
                if source.kind == "cells":
                    text = cells_text(source.path)
                else:
                    text = source.path.read_text(encoding="utf-8", errors="replace")
                code[slug] = clean(text, MAX_STORED_CODE_CHARS)
    except (GraderError, OSError, ValueError):
        pass  # an unreadable submission has no code to compare; its result says why
    return code


# ----------------------------------------------------------------------------- the batch


def previous_result(path: Path) -> StoredResult | None:
    try:
        return gradebook.load_result(path) if path.is_file() else None
    except ResultError:
        return None  # a damaged result is simply graded again


def cohort_exercises(exercises: Sequence[Exercise], entries: Sequence[Entry]) -> list[Exercise]:
    """The exercises any submission of the cohort holds a file for (all of them when none holds one).

    A cohort shares one assignment: a candidate who deleted an exercise's folder scores zero on it like
    one who left the stub, and exercises of the bank that nobody was given stay out of the gradebook.
    """
    held: set[str] = set()
    for entry in entries:
        try:
            with Submission(entry.path) as submission:
                held.update(exercise.slug for exercise in exercises if submission.holds(exercise.slug))
        except Exception:  # an unreadable submission is reported when it is graded
            continue
    return [exercise for exercise in exercises if exercise.slug in held] or list(exercises)


def run_batch(options: BatchOptions) -> BatchSummary:
    """Grade ``options.source`` into ``options.out`` and write the gradebook; see the module docstring."""
    exercises = select_exercises(options.slugs)
    entries = find_submissions(options.source)
    if not entries:
        raise SubmissionError(f"No submissions (subfolders or .zip/.tar.gz archives) in {options.source}.")
    if not options.slugs:
        exercises = cohort_exercises(exercises, entries)
    fingerprint = grading_fingerprint(exercises, options.isolation)
    (options.out / SUBMISSIONS).mkdir(parents=True, exist_ok=True)
    summary = BatchSummary()
    stored: dict[str, StoredResult] = {}
    todo: list[tuple[Entry, str]] = []
    for entry in entries:
        content = content_hash(entry.path)
        old = previous_result(options.out / SUBMISSIONS / f"{entry.file_stem}.json")
        if old is not None and not options.force and (old.content_sha256, old.fingerprint) == (content, fingerprint):
            stored[entry.id] = old
            summary.skipped.append(entry.id)
            if options.html and not (options.out / SUBMISSIONS / f"{entry.file_stem}.html").is_file():
                try:
                    save(old, options, entry.path, entry.file_stem)
                except Exception as error:  # derived and optional: the next run writes it again
                    old.save_error = one_line(f"visual report: {type(error).__name__}: {error}", 300)
        else:
            todo.append((entry, content))
    progress = BatchProgress(len(entries), len(summary.skipped), mode=options.progress)

    def work(item: tuple[Entry, str]) -> StoredResult:
        return grade_entry(item[0], exercises, options, item[1], fingerprint)

    def started(item: tuple[Entry, str]) -> None:
        progress.started(item[0].id)

    def finished(item: tuple[Entry, str], result: StoredResult | Exception) -> None:
        entry = item[0]
        if isinstance(result, Exception):  # grade_entry never raises; if it did, the row still exists
            result = unsaved_result(entry, exercises, item[1], fingerprint, result)
        stored[entry.id] = result
        summary.graded.append(entry.id)
        if any(e.status == GRADER_ERROR for e in result.report.exercises):
            summary.ungraded.append(entry.id)
        if result.save_error:
            summary.unsaved.append(entry.id)
            progress.failed(entry.id, result.save_error)
        else:
            progress.finished(entry.id, result.report.percent)

    summary.interrupted = run_parallel(todo, options.jobs, work, started, finished, progress.interrupted)
    progress.close()
    summary.unsaved += [entry_id for entry_id in summary.skipped if stored[entry_id].save_error]
    summary.missing = [entry.id for entry in entries if entry.id not in stored]
    results = [stored[entry.id] for entry in entries if entry.id in stored]
    try:
        frame, matches = gradebook.write_outputs(
            options.out, results, threshold=options.threshold, min_score=options.min_score, missing=summary.missing
        )
    except OSError as error:  # every result is saved: a re-run writes the gradebook without grading
        raise GraderError(
            f"Cannot write the gradebook in {clean_name(options.out)}: "
            f"{one_line(error.strerror or error)}; the results are saved, run again to retry."
        ) from None
    summary.flagged_pairs = len(matches)
    if options.min_score is not None:
        summary.below_min_score = sorted(frame.loc[frame["below_min_score"], "submission"])
    return summary


def run_parallel(
    items: Sequence[Any],
    jobs: int,
    work: Callable[[Any], Any],
    started: Callable[[Any], None],
    finished: Callable[[Any, Any], None],
    interrupted: Callable[[int], None],
) -> bool:
    """Run ``work`` over ``items`` on ``jobs`` threads; callbacks run in this thread. True if interrupted.

    On the first Ctrl-C no new item starts and the running ones finish (their results are kept); a
    second Ctrl-C leaves at once. The threads are daemons so that leaving never waits for them.
    """
    pending: queue.Queue[Any] = queue.Queue()
    for item in items:
        pending.put(item)
    events: queue.Queue[tuple[str, Any, Any]] = queue.Queue()
    stop = threading.Event()

    def worker() -> None:
        while not stop.is_set():
            try:
                item = pending.get_nowait()
            except queue.Empty:
                return
            events.put(("started", item, None))
            try:
                value = work(item)
            except Exception as error:  # reported by ``finished``; the other items go on
                value = error
            events.put(("finished", item, value))

    threads = [
        threading.Thread(target=worker, daemon=True, name=f"mlgrade-batch-{n}")
        for n in range(min(max(1, jobs), len(items)))
    ]
    for thread in threads:
        thread.start()
    was_interrupted = False
    while any(thread.is_alive() for thread in threads) or not events.empty():
        try:
            kind, item, value = events.get(timeout=0.2)
        except queue.Empty:
            continue
        except KeyboardInterrupt:
            if was_interrupted:
                raise
            was_interrupted = True
            stop.set()
            interrupted(sum(1 for thread in threads if thread.is_alive()))
            continue
        if kind == "started":
            started(item)
        else:
            finished(item, value)
    return was_interrupted


class BatchProgress:
    """Progress on stderr: a live bar (on a terminal), one line per finished submission, or nothing."""

    WIDTH = 79

    def __init__(self, total: int, skipped: int, *, mode: str = "lines") -> None:
        self.total, self.done, self.mode = total, skipped, mode
        self.live = mode == "bar"
        self.running: list[str] = []
        if skipped:
            self._line(
                f"{skipped} of {total} submissions unchanged since their last grading: skipped "
                "(--force grades them again)"
            )

    def started(self, name: str) -> None:
        self.running.append(name)
        self._draw()

    def finished(self, name: str, percent: float) -> None:
        self.done += 1
        if name in self.running:
            self.running.remove(name)
        if self.mode == "lines":
            self._line(f"[{self.done}/{self.total}] {name}: {percent:.2f}%")
        self._draw()

    def failed(self, name: str, reason: str) -> None:
        self.done += 1
        if name in self.running:
            self.running.remove(name)
        self._line(
            f"[{self.done}/{self.total}] {name}: not saved ({reason[:200]}); it is in the gradebook "
            "with this error, and the next run grades it again"
        )
        self._draw()

    def interrupted(self, running: int) -> None:
        self._line(
            f"interrupted: finishing {running} submission(s) in progress, then writing the gradebook "
            "(Ctrl-C again to leave now; a re-run resumes)"
        )

    def close(self) -> None:
        if self.live:
            sys.stderr.write("\r" + " " * self.WIDTH + "\r")
            sys.stderr.flush()

    def _draw(self) -> None:
        if not self.live:
            return
        filled = int(30 * self.done / self.total) if self.total else 30
        text = f"[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total}  " + ", ".join(self.running)
        sys.stderr.write("\r" + one_line(text)[: self.WIDTH].ljust(self.WIDTH))
        sys.stderr.flush()

    def _line(self, text: str) -> None:
        if self.mode == "off":
            return
        if self.live:
            sys.stderr.write("\r" + " " * self.WIDTH + "\r")
        sys.stderr.write(defuse_line(one_line(f"mlgrade batch: {text}", MESSAGE_CHARS)) + "\n")
        sys.stderr.flush()


# ----------------------------------------------------------------------------- the command line
