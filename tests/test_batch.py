"""``mlgrade batch`` and ``mlgrade gradebook`` on the toy exercise: results, gradebook, resuming,
merging, similarity flags, hostile submissions and usage errors."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt

from grader.core.sanitize import clean_name
from grader.workflows import batch
from grader.workflows.batch import BatchOptions, run_batch
from grader.workflows.gradebook import StoredResult, load_result
from tests.helpers import FIXTURES

TOY = FIXTURES / "toy"
REFERENCE = TOY / "reference" / "toy.py"
STUB = TOY / "exercises" / "toy" / "toy.py"
TOY_ENV = {"MLGRADE_EXERCISES": str(TOY / "exercises"), "MLGRADE_REFERENCE": str(TOY / "reference")}
# The toy reference, renamed and reformatted: the copy the similarity flags must catch.
DISGUISED = """import numpy as np

def column_means(data):
    # compute the means
    data = np.asarray(data, dtype=float)
    if data.ndim != 2: raise ValueError("wrong number of dimensions: %d" % data.ndim)
    return data.mean(axis=0)

class Centerer:
    def fit(self, data):
        self.mean_ = column_means(data); return self
    def transform(self, data):
        return np.asarray(data, dtype=float) - self.mean_
"""


def mlgrade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "grader.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **TOY_ENV},
        timeout=900,
    )


def submission(folder: Path, name: str, code: str | Path) -> Path:
    (folder / name).mkdir(parents=True)
    text = code.read_text(encoding="utf-8") if isinstance(code, Path) else code
    (folder / name / "toy.py").write_text(text, encoding="utf-8")
    return folder / name


@pytest.fixture
def toy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in TOY_ENV.items():
        monkeypatch.setenv(name, value)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """One batch of five: a correct folder, its disguised copy as a zip, the stub, a broken archive and a
    module that hangs at import."""
    root = tmp_path_factory.mktemp("batch")
    source = root / "submissions"
    submission(source, "alice", REFERENCE)
    submission(source, "stub", STUB)
    submission(source, "hang", FIXTURES / "adversarial" / "infinite_loop_at_import.py")
    with zipfile.ZipFile(source / "mallory.zip", "w") as archive:
        archive.writestr("mallory/toy.py", DISGUISED)
    (source / "broken.tar.gz").write_bytes(b"not an archive")
    (source / "notes.txt").write_text("not a submission", encoding="utf-8")
    run = mlgrade("batch", str(source), "--out", str(root / "results"), "--jobs", "2")
    return source, root / "results", run


def test_batch_writes_a_ranked_gradebook(graded: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    _, results, run = graded
    assert run.returncode == 0, run.stderr
    book = pd.read_csv(results / "gradebook.csv", keep_default_na=False)
    assert list(book.columns) == ["submission", "toy", "total", "max_score", "percent", "rank", "issues"]
    assert book["submission"].tolist() == ["alice", "mallory", "broken", "hang", "stub"]
    assert book["total"].tolist() == [10, 10, 0, 0, 0]
    assert book["rank"].tolist() == [1, 1, 3, 3, 3]
    issues = dict(zip(book["submission"], book["issues"], strict=True))
    assert issues["alice"] == issues["mallory"] == issues["stub"] == ""
    # The reason is cut at 160 characters, and this one quotes the (test-run dependent) archive path.
    reason = (
        f"Cannot read archive {results.parent}/submissions/broken.tar.gz: it is not a valid .tar, .tar.gz or "
        ".tgz file (damaged or of another format)."
    )
    assert issues["broken"] == f"toy: submission_error ({clean_name(reason, 160)})"
    assert issues["hang"] == "toy: import_error (importing the module timed out after 3 s)"


def test_each_submission_gets_a_json_and_a_markdown_report(
    graded: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    _, results, _ = graded
    names = sorted(path.name for path in (results / "submissions").iterdir())
    assert names == sorted(
        f"{n}.{kind}" for n in ("alice", "broken", "hang", "mallory", "stub") for kind in ("json", "md")
    )
    stored = load_result(results / "submissions" / "mallory.json")
    assert stored.report.score == 10 and stored.code["toy"] == DISGUISED
    assert len(stored.content_sha256) == 64 and len(stored.fingerprint) == 64
    markdown = (results / "submissions" / "hang.md").read_text(encoding="utf-8")
    assert markdown.startswith("## mlgrade: 0.00 / 10.00 (0.00%)") and "timed out" in markdown
    broken = load_result(results / "submissions" / "broken.json").report.exercises[0]
    assert broken.status == "submission_error" and "Cannot read archive" in broken.message


def test_progress_is_reported_on_stderr(graded: tuple[Path, Path, subprocess.CompletedProcess[str]]) -> None:
    _, _, run = graded
    lines = run.stderr.splitlines()
    assert sorted(line.split("] ")[0] for line in lines if "] " in line) == [
        f"mlgrade batch: [{n}/5" for n in range(1, 6)
    ]
    assert lines[-1].startswith("mlgrade batch: graded 5, unchanged 0; 1 similar pair(s) flagged")
    assert run.stdout == ""


def test_a_renamed_and_reformatted_copy_is_flagged_in_the_batch_report(
    graded: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    _, results, _ = graded
    pairs = json.loads((results / "similarity.json").read_text(encoding="utf-8"))["pairs"]
    assert [(p["exercise"], p["first"], p["second"]) for p in pairs] == [("toy", "alice", "mallory")]
    assert pairs[0]["score"] >= 0.5 and pairs[0]["regions"]
    report = (results / "report.md").read_text(encoding="utf-8")
    assert "### toy: alice and mallory, similarity" in report
    assert "alice lines 2–18 match mallory lines 1–13" in report


def test_a_rerun_skips_unchanged_submissions_and_regrades_the_rest(
    graded: tuple[Path, Path, subprocess.CompletedProcess[str]], tmp_path: Path, toy_env: None
) -> None:
    source, results, _ = graded
    shutil.copytree(source, tmp_path / "submissions")
    shutil.copytree(results, tmp_path / "results")
    (tmp_path / "submissions" / "stub" / "toy.py").write_text(REFERENCE.read_text(), encoding="utf-8")
    (tmp_path / "results" / "submissions" / "hang.json").write_text('{"score": 10', encoding="utf-8")  # damaged
    summary = run_batch(BatchOptions(source=tmp_path / "submissions", out=tmp_path / "results", jobs=2))
    assert sorted(summary.graded) == ["hang", "stub"]
    assert summary.skipped == ["alice", "broken", "mallory"]
    book = pd.read_csv(tmp_path / "results" / "gradebook.csv", keep_default_na=False)
    assert dict(zip(book["submission"], book["total"], strict=True))["stub"] == 10


def test_force_grades_unchanged_submissions_again(tmp_path: Path, toy_env: None) -> None:
    (tmp_path / "submissions").mkdir()
    (tmp_path / "submissions" / "broken.zip").write_bytes(b"not a zip")  # quick to grade: nothing runs
    options = BatchOptions(source=tmp_path / "submissions", out=tmp_path / "results")
    assert run_batch(options).graded == ["broken"]
    assert run_batch(options).skipped == ["broken"]
    forced = BatchOptions(source=options.source, out=options.out, force=True)
    assert run_batch(forced).graded == ["broken"]


def test_an_interrupted_batch_resumes_and_loses_no_finished_result(tmp_path: Path, toy_env: None) -> None:
    source, out = tmp_path / "submissions", tmp_path / "results"
    for name in ("a", "b", "c"):
        submission(source, name, STUB)
    command = [sys.executable, "-m", "grader.cli", "batch", str(source), "--out", str(out), "--jobs", "1"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    finished = _wait_for(lambda: sorted(out.glob("submissions/*.json")), timeout=300)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=300)
    assert process.returncode == 130, stderr
    assert "interrupted: finishing 1 submission(s) in progress" in stderr
    kept = sorted(path.stem for path in out.glob("submissions/*.json"))
    assert kept and [path.stem for path in finished] == kept[: len(finished)] and len(kept) < 3
    assert all(load_result(out / "submissions" / f"{name}.json").report.exercises for name in kept)
    assert "Not graded yet (the batch was interrupted)" in (out / "report.md").read_text(encoding="utf-8")
    summary = run_batch(BatchOptions(source=source, out=out))
    assert summary.skipped == kept and sorted(summary.graded + kept) == ["a", "b", "c"]
    assert pd.read_csv(out / "gradebook.csv")["submission"].tolist() == ["a", "b", "c"]


def _wait_for(probe: object, timeout: float) -> list[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found: list[Path] = probe()  # type: ignore[operator]
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("no result was written in time")


def test_gradebook_merges_result_folders_from_several_machines(
    graded: tuple[Path, Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    _, results, _ = graded
    for machine, names in (("one", ("alice", "broken")), ("two", ("hang", "mallory", "stub"))):
        (tmp_path / machine / "submissions").mkdir(parents=True)
        for name in names:
            shutil.copy(results / "submissions" / f"{name}.json", tmp_path / machine / "submissions")
    run = mlgrade("gradebook", str(tmp_path / "one"), str(tmp_path / "two"), "--out", str(tmp_path / "merged"))
    assert run.returncode == 0, run.stderr
    assert "5 submissions from 2 folder(s); 1 similar pair(s) flagged" in run.stderr
    merged = (tmp_path / "merged" / "gradebook.csv").read_text(encoding="utf-8")
    assert merged == (results / "gradebook.csv").read_text(encoding="utf-8")
    assert "alice and mallory" in (tmp_path / "merged" / "report.md").read_text(encoding="utf-8")


def test_gradebook_refuses_two_different_results_for_one_submission(
    graded: tuple[Path, Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    _, results, _ = graded
    other = tmp_path / "other" / "submissions"
    other.mkdir(parents=True)
    data = json.loads((results / "submissions" / "alice.json").read_text(encoding="utf-8"))
    data["batch"]["content_sha256"] = "0" * 64
    (other / "alice.json").write_text(json.dumps(data), encoding="utf-8")
    run = mlgrade("gradebook", str(results), str(tmp_path / "other"), "--out", str(tmp_path / "merged"))
    assert run.returncode == 2
    assert "Submission 'alice' has different results in" in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1


def test_min_score_gates_the_exit_code_and_marks_the_gradebook(
    graded: tuple[Path, Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    _, results, _ = graded
    run = mlgrade("gradebook", str(results), "--out", str(tmp_path), "--min-score", "50")
    assert run.returncode == 1
    assert "3 submission(s) below --min-score 50%: broken, hang, stub" in run.stderr
    book = pd.read_csv(tmp_path / "gradebook.csv")
    assert book["below_min_score"].tolist() == [False, False, True, True, True]


@pytest.mark.parametrize(
    "args, message",
    [
        (["batch", "{tmp}/nowhere", "--out", "{tmp}/r"], "does not exist or is not a folder"),
        (["batch", "{tmp}/empty", "--out", "{tmp}/r"], "No submissions (subfolders or .zip/.tar.gz archives)"),
        (["batch", "{tmp}/twins", "--out", "{tmp}/r"], "Two submissions are both named 'alice'"),
        (["batch", "{tmp}/empty", "--out", "{tmp}/r", "--jobs", "0"], "--jobs must be at least 1; got 0."),
        (
            ["batch", "{tmp}/empty", "--out", "{tmp}/r", "--similarity-threshold", "1.5"],
            "--similarity-threshold must be above 0 and at most 1; got 1.5.",
        ),
        (["batch", "{tmp}/empty", "--out", "{tmp}/r", "--exercise", "nope"], "Unknown exercise 'nope'"),
        (["gradebook", "{tmp}/nowhere", "--out", "{tmp}/r"], "Results folder {tmp}/nowhere does not exist."),
        (["gradebook", "{tmp}/empty", "--out", "{tmp}/r"], "holds no results"),
        (["gradebook", "{tmp}/garbage", "--out", "{tmp}/r"], "is not an mlgrade batch result"),
    ],
)
def test_input_errors_exit_2_with_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "twins" / "alice").mkdir(parents=True)
    (tmp_path / "twins" / "alice.zip").write_bytes(b"")
    (tmp_path / "garbage" / "submissions").mkdir(parents=True)
    (tmp_path / "garbage" / "submissions" / "x.json").write_text("{}", encoding="utf-8")
    run = mlgrade(*[arg.replace("{tmp}", str(tmp_path)) for arg in args])
    assert run.returncode == 2, run.stderr
    assert message.replace("{tmp}", str(tmp_path)) in run.stderr
    assert len(run.stderr.strip().splitlines()) == 1 and "Traceback" not in run.stderr


def test_the_content_hash_follows_the_code_and_ignores_caches(tmp_path: Path) -> None:
    folder = submission(tmp_path, "alice", REFERENCE)
    first = batch.content_hash(folder)
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__" / "toy.cpython-311.pyc").write_bytes(b"cache")
    (folder / ".ipynb_checkpoints").mkdir()
    assert batch.content_hash(folder) == first
    (folder / "toy.py").write_text(REFERENCE.read_text() + "\n# edited\n", encoding="utf-8")
    assert batch.content_hash(folder) != first


def test_a_result_that_cannot_be_saved_is_reported_and_the_rest_go_on(
    tmp_path: Path, toy_env: None, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "submissions"
    source.mkdir()
    for name in ("a", "b"):
        (source / f"{name}.zip").write_bytes(b"not a zip")  # quick to grade: nothing runs
    real_save = batch.save

    def save(result: StoredResult, options: BatchOptions, path: Path, stem: str | None = None) -> None:
        if result.id == "a":
            raise OSError("No space left on device")
        real_save(result, options, path, stem)

    monkeypatch.setattr(batch, "save", save)
    summary = run_batch(BatchOptions(source=source, out=tmp_path / "results", jobs=2))
    assert sorted(summary.graded) == ["a", "b"] and summary.unsaved == ["a"] and not summary.missing
    assert (
        "a: not saved (OSError: No space left on device); it is in the gradebook with this error, and the "
        "next run grades it again"
    ) in capsys.readouterr().err
    book = pd.read_csv(tmp_path / "results" / "gradebook.csv")
    assert book["submission"].tolist() == ["a", "b"]
    assert "result not saved: OSError: No space left on device" in str(book.loc[0, "issues"])
    assert "interrupted" not in (tmp_path / "results" / "report.md").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- hostile batches


def test_a_report_that_cannot_be_written_is_a_row_with_its_error_and_exit_3(tmp_path: Path) -> None:
    source = tmp_path / "submissions"
    submission(source, "alice", REFERENCE)
    submission(source, "bob", REFERENCE)
    (tmp_path / "results" / "submissions" / "bob.md").mkdir(parents=True)  # a folder where the report goes
    run = mlgrade("batch", str(source), "--out", str(tmp_path / "results"), "--jobs", "1", "--min-score", "50")
    assert run.returncode == 3, run.stderr
    assert "1 submission(s) could not be graded or saved (see the gradebook's issues column): bob" in run.stderr
    rows = list(csv.DictReader(io.StringIO((tmp_path / "results" / "gradebook.csv").read_text(encoding="utf-8"))))
    assert [row["submission"] for row in rows] == ["alice", "bob"]
    assert rows[1]["total"] == "10.0" and rows[1]["issues"].startswith("result not saved: IsADirectoryError")
    report = (tmp_path / "results" / "report.md").read_text(encoding="utf-8")
    assert "interrupted" not in report and "Graded but not saved" in report


def test_a_named_pipe_in_a_submission_does_not_hang_the_batch(tmp_path: Path) -> None:
    source = tmp_path / "submissions"
    folder = submission(source, "alice", REFERENCE)
    os.mkfifo(folder / "pipe")
    os.mkfifo(folder / "notes.py")
    os.mkfifo(source / "pipe.zip")  # not a submission: never opened
    run = mlgrade("batch", str(source), "--out", str(tmp_path / "results"))
    assert run.returncode == 0, run.stderr
    stored = load_result(tmp_path / "results" / "submissions" / "alice.json")
    assert stored.report.score == 10
    assert stored.report.notes == [
        "notes.py was skipped: it is a named pipe; only regular files of a submission are read",
        "pipe was skipped: it is a named pipe; only regular files of a submission are read",
    ]


HOSTILE_NAMES = [
    '=HYPERLINK("https:evil.example","x")',
    "a\n::error ::owned\n::add-mask::x",
    "<h2>big<\\h2>",
    "\x1b[2Jclear",
    "+SUM(1)",
    "*em* [link](https:evil.example)",
]


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("hostile")
    source = root / "submissions"
    for name in HOSTILE_NAMES:
        submission(source, name, "this is not python (")
    os.mkdir(os.fsencode(source) + b"/bad\xffbyte")  # a name that is not UTF-8: a lone surrogate in Python
    (source / "bad\udcffbyte" / "toy.py").write_text("x = 1\n", encoding="utf-8")
    run = mlgrade("batch", str(source), "--out", str(root / "results"), "--min-score", "50")
    return root / "results", run


def test_hostile_folder_names_cannot_write_workflow_commands_or_escapes_on_stderr(
    hostile_batch: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    _, run = hostile_batch
    assert run.returncode == 1, run.stderr
    assert "\x1b" not in run.stderr and "\udcff" not in run.stderr
    assert not [line for line in run.stderr.splitlines() if not line.startswith("mlgrade")]
    assert "a\\x0a::error ::owned\\x0a::add-mask::x" in run.stderr
    assert "7 submission(s) below --min-score 50%" in run.stderr


def test_hostile_folder_names_are_inert_in_the_gradebook_csv(
    hostile_batch: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    results, _ = hostile_batch
    rows = list(csv.DictReader(io.StringIO((results / "gradebook.csv").read_text(encoding="utf-8"))))
    names = sorted(row["submission"] for row in rows)
    assert len(rows) == 7
    assert '\'=HYPERLINK("https:evil.example","x")' in names and "'+SUM(1)" in names
    assert "bad\ufffdbyte" in names and "\\x1b[2Jclear" in names
    assert not [name for name in names if name.startswith(("=", "+", "-", "@"))]


def test_hostile_folder_names_are_inert_in_the_batch_report(
    hostile_batch: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    results, _ = hostile_batch
    tokens = MarkdownIt("commonmark").enable("table").parse((results / "report.md").read_text(encoding="utf-8"))
    inline = [child.type for token in tokens for child in token.children or []]
    assert "html_inline" not in inline and "link_open" not in inline and "em_open" not in inline
    assert not [token for token in tokens if token.type == "html_block"]
    rows = sum(1 for token in tokens if token.type == "tr_open")
    assert rows == 8  # the header and one row per submission: no name split a row


def test_every_hostile_submission_has_its_result_files(
    hostile_batch: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    results, _ = hostile_batch
    stored = [load_result(path) for path in sorted((results / "submissions").glob("*.json"))]
    assert sorted(result.id for result in stored) == sorted(
        [
            '=HYPERLINK("https:evil.example","x")',
            "a\\x0a::error ::owned\\x0a::add-mask::x",
            "<h2>big<\\h2>",
            "\\x1b[2Jclear",
            "+SUM(1)",
            "*em* [link](https:evil.example)",
            "bad\ufffdbyte",
        ]
    )


def test_an_out_folder_that_is_a_file_is_refused_before_grading(tmp_path: Path) -> None:
    submission(tmp_path / "submissions", "alice", REFERENCE)
    (tmp_path / "results").write_text("a file")
    run = mlgrade("batch", str(tmp_path / "submissions"), "--out", str(tmp_path / "results"))
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert f"{tmp_path / 'results'} exists and is not a folder; choose another --out." in run.stderr


def test_the_content_hash_skips_links_and_special_files(tmp_path: Path) -> None:
    folder = submission(tmp_path, "alice", REFERENCE)
    first = batch.content_hash(folder)
    os.mkfifo(folder / "pipe")
    (folder / "link.py").symlink_to(REFERENCE)
    (folder / "linked").symlink_to(REFERENCE.parent, target_is_directory=True)
    assert batch.content_hash(folder) == first
