"""Which exercises a submission is graded on when no assignment is named."""

from __future__ import annotations

from pathlib import Path

from grader.core.exercises import discover
from grader.grading.runner import held_exercises
from grader.grading.submission import Submission
from grader.workflows.batch import cohort_exercises, find_submissions


def _submission(folder: Path, *files: str) -> Path:
    folder.mkdir(parents=True)
    for name in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text("x = 1\n")
    return folder


def test_a_submission_is_graded_on_the_exercises_it_holds(tmp_path: Path) -> None:
    exercises = discover()
    folder = _submission(tmp_path / "alice", "kmeans.py", "pca/pca.ipynb", "notes.txt")
    with Submission(folder) as submission:
        held, others = held_exercises(exercises, submission)
    assert [e.slug for e in held] == ["kmeans", "pca"]
    assert sorted(others) == sorted(e.slug for e in exercises if e.slug not in ("kmeans", "pca"))


def test_a_submission_holding_none_is_graded_on_all(tmp_path: Path) -> None:
    exercises = discover()
    with Submission(_submission(tmp_path / "bob", "notes.txt")) as submission:
        held, others = held_exercises(exercises, submission)
    assert held == exercises and others == []


def test_a_link_is_not_a_file_the_submission_holds(tmp_path: Path) -> None:
    folder = _submission(tmp_path / "carol", "notes.txt")
    (folder / "kmeans.py").symlink_to(folder / "notes.txt")
    with Submission(folder) as submission:
        assert not submission.holds("kmeans")


def test_a_cohort_is_graded_on_what_any_of_it_holds(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    _submission(cohort / "alice", "kmeans.py")
    _submission(cohort / "bob", "knn/knn.py")
    _submission(cohort / "carol", "readme.md")
    chosen = cohort_exercises(discover(), find_submissions(cohort))
    assert [e.slug for e in chosen] == ["kmeans", "knn"]
