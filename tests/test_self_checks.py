"""The shared self-check run gives each exercise its own verdict, as a run per exercise would."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from grader.core.exercises import find
from tests import self_checks


def test_a_broken_file_and_a_wrong_answer_are_told_apart_and_hide_no_other_verdict(tmp_path: Path) -> None:
    unparsable = tmp_path / "unparsable.py"
    unparsable.write_text("def (:\n", encoding="utf-8")
    folds = find("cross_validation")
    wrong = tmp_path / "wrong.py"
    wrong.write_text(
        folds.reference_path.read_text(encoding="utf-8")
        + "\n\ndef cross_val_score(*args, **kwargs):\n    return [0.0]\n",
        encoding="utf-8",
    )
    exercises = [
        dataclasses.replace(find("kmeans"), reference_path=unparsable),
        dataclasses.replace(folds, reference_path=wrong),
        find("lasso"),
    ]
    found = self_checks.outcomes(exercises, "reference", tmp_path / "shared")
    assert found["kmeans"].collection_error and found["kmeans"].passed == 0
    assert found["cross_validation"].failed >= 1 and found["cross_validation"].passed >= 1
    assert found["lasso"].failed == 0 and found["lasso"].passed > 0 and not found["lasso"].collection_error
    again = self_checks.outcomes(exercises[2:], "reference", tmp_path / "shared")
    assert again == found, "a second call in the same run reads the first one's result"
