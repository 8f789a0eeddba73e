"""Read a submission: a folder, or a ``.zip`` / ``.tar.gz`` of one, unpacked safely.

Per exercise the submission holds ``<slug>.py`` or ``<slug>.ipynb``, at the top level or in
``<slug>/`` (the candidate kit's layout). A submission is what is inside it: archives are unpacked
into a private folder with every member checked (no absolute paths, no ``..``, no links or devices,
caps on count and size), and a folder is copied there, regular files only. A symbolic link (which
could lead to the reference solutions), a named pipe (which would hang a reader), a socket or a
device is never followed or opened: it is skipped with a note.
"""

from __future__ import annotations

import os
import shutil
import stat
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from grader.core.errors import SubmissionError
from grader.core.sanitize import clean_name, one_line
from grader.grading import notebook

MAX_MEMBERS = 2_000
MAX_UNPACKED_BYTES = 200 * 2**20
MAX_SOURCE_BYTES = 2 * 2**20


@dataclass(frozen=True)
class ExerciseSource:
    """Where one exercise's code is, and in which form (``py`` or ``cells`` JSON for notebooks)."""

    slug: str
    path: Path | None
    kind: str = "py"
    original: str = ""
    notes: tuple[str, ...] = ()
    error: str = ""


class Submission:
    """A submission's files, unpacked if needed; use as a context manager to clean up."""

    def __init__(self, path: Path) -> None:
        self.original = path
        # (path inside the submission, note) for each entry that was not read.
        self.skipped: list[tuple[str, str]] = []
        self._scratch = Path(tempfile.mkdtemp(prefix="mlgrade-submission-"))
        try:
            self.root = self._open(path)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> Submission:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        shutil.rmtree(self._scratch, ignore_errors=True)

    def _open(self, path: Path) -> Path:
        if not path.exists():
            raise SubmissionError(f"Submission {clean_name(path)} does not exist.")
        target = self._scratch / "unpacked"
        target.mkdir()
        if path.is_dir():
            self.skipped = copy_regular_files(path, target)
            return target
        name = path.name.lower()
        if name.endswith(".zip"):
            _unzip(path, target)
        elif name.endswith((".tar.gz", ".tgz", ".tar")):
            _untar(path, target)
        elif name.endswith((".py", ".ipynb")):
            shutil.copyfile(path, target / path.name)
        else:
            raise SubmissionError(f"Submission {clean_name(path)} is not a folder, .zip, .tar.gz, .py or .ipynb file.")
        return _single_top_folder(target)

    def notes_for(self, slug: str) -> tuple[str, ...]:
        """Notes on skipped entries that could have been ``slug``'s file or folder."""
        own = {slug, f"{slug}.py", f"{slug}.ipynb"}
        return tuple(note for where, note in self.skipped if PurePosixPath(where).parts[0] in own)

    def other_notes(self, slugs: Sequence[str]) -> list[str]:
        """Notes on skipped entries that belong to none of ``slugs`` (they go on the whole report)."""
        own = {name for slug in slugs for name in (slug, f"{slug}.py", f"{slug}.ipynb")}
        return [note for where, note in self.skipped if PurePosixPath(where).parts[0] not in own]

    def _files_for(self, slug: str) -> list[tuple[Path, bool, Path, bool]]:
        """Per place ``<slug>/`` then the root: the script and the notebook, each with whether it is there."""
        places = []
        for folder in (self.root / slug, self.root):
            script, notebook = folder / f"{slug}.py", folder / f"{slug}.ipynb"
            places.append((script, _is_candidate_file(script), notebook, _is_candidate_file(notebook)))
        return places

    def holds(self, slug: str) -> bool:
        """Whether the submission has a ``<slug>.py`` or ``<slug>.ipynb`` (at its root or in ``<slug>/``)."""
        return any(has_script or has_notebook for _, has_script, _, has_notebook in self._files_for(slug))

    def source_for(self, slug: str, stub: Path | None = None) -> ExerciseSource:
        """Find ``slug``'s file; notebooks are converted to a JSON list of code cells.

        A kit holds both ``<slug>.py`` and ``<slug>.ipynb``; the candidate fills in one. When the
        ``.py`` is still the untouched ``stub``, the notebook is graded instead, with a note.
        """
        for script, has_script, notebook_path, has_notebook in self._files_for(slug):
            if has_script and has_notebook and stub is not None and _same_bytes(script, stub):
                prepared = self._prepare(slug, notebook_path)
                note = f"{script.relative_to(self.root)} is the untouched stub; the notebook was graded"
                return ExerciseSource(
                    prepared.slug,
                    prepared.path,
                    prepared.kind,
                    prepared.original,
                    (note, *prepared.notes),
                    prepared.error,
                )
            if has_script:
                return self._with_notes(self._prepare(slug, script))
            if has_notebook:
                return self._with_notes(self._prepare(slug, notebook_path))
        return ExerciseSource(slug=slug, path=None, notes=self.notes_for(slug))

    def _with_notes(self, source: ExerciseSource) -> ExerciseSource:
        extra = self.notes_for(source.slug)
        return (
            source
            if not extra
            else ExerciseSource(
                source.slug, source.path, source.kind, source.original, (*source.notes, *extra), source.error
            )
        )

    def _prepare(self, slug: str, path: Path) -> ExerciseSource:
        original = str(path.relative_to(self.root))
        if path.stat().st_size > MAX_SOURCE_BYTES:
            return ExerciseSource(
                slug, None, original=original, error=f"{original} is larger than {MAX_SOURCE_BYTES // 2**20} MiB"
            )
        if path.suffix == ".py":
            return ExerciseSource(slug, path, "py", original)
        try:
            cells_path, notes = notebook.cells_file(path, self._scratch / f"{slug}.cells.json")
        except SubmissionError as error:
            return ExerciseSource(slug, None, original=original, error=str(error))
        return ExerciseSource(slug, cells_path, "cells", original, tuple(notes))


def copy_regular_files(folder: Path, target: Path) -> list[tuple[str, str]]:
    """Copy the regular files under ``folder`` into ``target``; return what was skipped, with a note.

    Nothing is followed: a symbolic link is skipped whatever it points to (inside or outside the
    submission), and so are named pipes, sockets and devices, which are never opened. Hidden
    entries (``.git``, ``.ipynb_checkpoints``) and ``__pycache__`` are left out without a note. The
    archive caps apply: a folder of more than ``MAX_MEMBERS`` files or ``MAX_UNPACKED_BYTES`` is refused.
    """
    skipped: list[tuple[str, str]] = []
    count = total = 0
    pending = [PurePosixPath()]
    while pending:
        relative = pending.pop()
        try:
            entries = sorted(os.scandir(folder / relative), key=lambda entry: entry.name)
        except OSError as error:
            raise SubmissionError(f"Cannot read {clean_name(folder / relative)}: {one_line(error.strerror)}.") from None
        for entry in entries:
            where = relative / entry.name
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue  # vanished while being read
            if stat.S_ISDIR(info.st_mode):
                (target / where).mkdir()
                pending.append(where)
            elif stat.S_ISREG(info.st_mode):
                count, total = count + 1, total + info.st_size
                if count > MAX_MEMBERS or total > MAX_UNPACKED_BYTES:
                    raise SubmissionError(
                        f"Submission folder {clean_name(folder)} holds more than {MAX_MEMBERS} "
                        f"files or {MAX_UNPACKED_BYTES // 2**20} MiB; send only the solution files."
                    )
                try:
                    shutil.copyfile(entry.path, target / where, follow_symlinks=False)
                except OSError as error:  # unreadable (permissions, vanished): not part of the submission
                    skipped.append(
                        (
                            str(where),
                            f"{clean_name(where)} was skipped: it cannot be read ({one_line(error.strerror or error)})",
                        )
                    )
            else:
                skipped.append(
                    (
                        str(where),
                        f"{clean_name(where)} was skipped: {_kind(info.st_mode)}; "
                        "only regular files of a submission are read",
                    )
                )
    return sorted(skipped)


def _is_candidate_file(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _kind(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "it is a symbolic link, which the grader does not follow"
    if stat.S_ISFIFO(mode):
        return "it is a named pipe"
    if stat.S_ISSOCK(mode):
        return "it is a socket"
    return "it is a device or another special file"


def _same_bytes(first: Path, second: Path) -> bool:
    try:
        return first.read_bytes() == second.read_bytes()
    except OSError:
        return False


def _single_top_folder(target: Path) -> Path:
    entries = [entry for entry in target.iterdir() if not entry.name.startswith(("__MACOSX", "."))]
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return target


def _check_member(name: str, size: int, total: int, count: int) -> int:
    if count > MAX_MEMBERS:
        raise SubmissionError(f"Archive has more than {MAX_MEMBERS} members.")
    member = PurePosixPath(name)
    drive_letter = len(name) > 1 and name[1] == ":"
    if member.is_absolute() or ".." in member.parts or name.startswith(("/", "\\")) or drive_letter:
        raise SubmissionError(f"Archive member {name!r} points outside the submission.")
    total += size
    if total > MAX_UNPACKED_BYTES:
        raise SubmissionError(f"Archive unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MiB.")
    return total


def _unzip(path: Path, target: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            total = 0
            for count, info in enumerate(archive.infolist(), start=1):
                total = _check_member(info.filename, info.file_size, total, count)
                if stat.S_ISLNK(info.external_attr >> 16):
                    raise SubmissionError(f"Archive member {info.filename!r} is a symbolic link.")
            for info in archive.infolist():
                destination = target / info.filename
                if info.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
                with archive.open(info) as source, destination.open("wb") as sink:
                    _copy_capped(source, sink, info.file_size)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        zlib.error,
        ValueError,
        NotImplementedError,
        RuntimeError,
    ) as error:
        raise SubmissionError(f"Cannot read archive {clean_name(path)}: {_reason(error)}") from None


def _untar(path: Path, target: Path) -> None:
    try:
        with tarfile.open(path) as archive:
            total = 0
            members = archive.getmembers()
            for count, member in enumerate(members, start=1):
                total = _check_member(member.name, member.size, total, count)
                if not (member.isfile() or member.isdir()):
                    raise SubmissionError(f"Archive member {member.name!r} is not a regular file or folder.")
            archive.extractall(target, members=members, filter="data")
    except tarfile.ReadError:
        # tarfile tries every compression and lists each failure on its own line: say it once.
        raise SubmissionError(
            f"Cannot read archive {clean_name(path)}: it is not a valid .tar, .tar.gz "
            "or .tgz file (damaged or of another format)."
        ) from None
    except (tarfile.TarError, OSError, EOFError, zlib.error, ValueError) as error:
        raise SubmissionError(f"Cannot read archive {clean_name(path)}: {_reason(error)}") from None


def _reason(error: BaseException) -> str:
    """An archive library's error on one line, without the file name it may repeat."""
    text = getattr(error, "strerror", None) or str(error) or type(error).__name__
    first = str(text).strip().splitlines()[0] if str(text).strip() else type(error).__name__
    return one_line(first, 300).rstrip(".") + "."


def _copy_capped(source: object, sink: object, declared: int) -> None:
    # A zip's declared size can lie; copy at most what it declared, plus nothing.
    remaining = declared
    read = source.read  # type: ignore[attr-defined]
    write = sink.write  # type: ignore[attr-defined]
    while remaining > 0:
        chunk = read(min(remaining, 1 << 20))
        if not chunk:
            break
        write(chunk)
        remaining -= len(chunk)
    if read(1):
        raise SubmissionError("Archive member is larger than its declared size.")
