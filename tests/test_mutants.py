"""Mutation testing: the mutator makes the changes it promises, and a suite's score is measured honestly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from grader.core.errors import ConfigurationError
from grader.core.exercises import find
from grader.workflows.mutants import Report, equivalent_mutants, make_mutants, render, run, sample
from tests.helpers import FIXTURES

SOURCE = '''
import numpy as np


def centred(X, ddof=0):
    """Docstrings are never mutated."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError("X must be 2-D")
    mean = X.mean(axis=0)
    spread = X[1:].std(axis=0, ddof=ddof)
    return (X - mean) / (spread + 1)
'''


def descriptions(source: str = SOURCE) -> list[str]:
    return [mutant.description for mutant in make_mutants(source)]


def test_each_kind_of_mutation_is_made_and_described_by_its_code() -> None:
    made = descriptions()
    for expected in (
        "centred: `!=` -> `==` in `X.ndim != 2`",
        "centred: `-` -> `+` in `X - mean`",
        "centred: `axis=0` -> `axis=1` in `X.mean(axis=0)`",
        "centred: slice lower bound + 1 in `1:`",
        "centred: statement dropped: `mean = X.mean(axis=0)`",
        "centred: `1` -> `0` in `1`",
    ):
        assert expected in made, made


def test_docstrings_annotations_and_error_messages_are_left_alone() -> None:
    made = " ".join(descriptions())
    assert "Docstrings" not in made and "2-D" not in made


def test_every_mutant_is_valid_python_that_differs_from_the_source() -> None:
    import ast

    for mutant in make_mutants(SOURCE):
        assert ast.dump(ast.parse(mutant.source)) != ast.dump(ast.parse(SOURCE)), mutant.description


def test_descriptions_are_unique_and_stable_when_unrelated_code_moves() -> None:
    before = descriptions()
    after = descriptions("\n\n# a comment\nTHRESHOLD = 'x'\n" + SOURCE)
    assert len(set(before)) == len(before)
    assert set(before) <= set(after)


def test_a_sample_is_the_same_on_every_run_and_no_larger_than_asked() -> None:
    mutants = make_mutants(SOURCE)
    first, second = sample(mutants, 5, seed="toy"), sample(mutants, 5, seed="toy")
    assert first == second and len(first) == 5


@pytest.fixture
def toy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("MLGRADE_EXERCISES", str(FIXTURES / "toy" / "exercises"))
    monkeypatch.setenv("MLGRADE_REFERENCE", str(FIXTURES / "toy" / "reference"))
    yield FIXTURES / "toy"


def test_the_toy_suite_kills_its_mutants_and_the_verdicts_are_cached(toy: Path, tmp_path: Path) -> None:
    exercise = find("toy")
    report = run(exercise, most=6, jobs=2, cache=tmp_path / "cache")
    assert len(report.outcomes) == 6
    assert report.killed, render(report)
    cached = sorted((tmp_path / "cache").glob("*.json"))
    assert len(cached) == 6
    again = run(exercise, most=6, jobs=2, cache=tmp_path / "cache")
    assert [o.killed for o in again.outcomes] == [o.killed for o in report.outcomes]


def test_the_score_leaves_out_recorded_equivalents() -> None:
    from grader.workflows.mutants import Mutant, Outcome

    kept, lost, same = (Mutant(name, 1, "") for name in ("a", "b", "c"))
    report = Report("toy", 3, [Outcome(kept, True), Outcome(lost, False), Outcome(same, False)], {"c": "why"})
    assert report.score == 0.5
    assert "survived: b" in render(report) and "survived: c" not in render(report)


def test_an_equivalent_without_a_reason_is_a_loud_error(toy: Path, tmp_path: Path) -> None:
    from dataclasses import replace

    exercise = replace(find("toy"), folder=tmp_path)
    (tmp_path / "mutants.toml").write_text('[[equivalent]]\nmutant = "x"\n')
    with pytest.raises(ConfigurationError, match="needs a mutant and a reason"):
        equivalent_mutants(exercise)
