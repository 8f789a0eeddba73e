"""Quick self-checks for your ``classification_metrics.py``: run ``pytest test_public.py`` next to it.

scikit-learn is the oracle where the statement asks for its answer; elsewhere the checks test the
guarantees the statement gives. The hidden grading suite checks much more.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from classification_metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    precision_recall_fscore_support,
    precision_score,
    recall_score,
)
from sklearn import metrics


def sklearn(name: str, *args: Any, **kwargs: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return getattr(metrics, name)(*args, **kwargs)


@pytest.fixture
def labels() -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    rng = np.random.default_rng(3)
    y_true = rng.integers(-2, 4, size=40)
    y_pred = np.where(rng.random(40) < 0.6, y_true, rng.integers(-2, 5, size=40))
    return y_true, y_pred


def test_matrix_and_accuracy_agree_with_sklearn(labels: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]) -> None:
    y_true, y_pred = labels
    np.testing.assert_array_equal(confusion_matrix(y_true, y_pred), sklearn("confusion_matrix", y_true, y_pred))
    assert accuracy_score(y_true, y_pred) == pytest.approx(sklearn("accuracy_score", y_true, y_pred))


@pytest.mark.parametrize("average", [None, "micro", "macro", "weighted"])
@pytest.mark.parametrize("zero_division", [0.0, 1.0])
def test_scores_agree_with_sklearn(
    labels: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]], average: str | None, zero_division: float
) -> None:
    y_true, y_pred = labels
    kwargs: dict[str, Any] = {"average": average, "zero_division": zero_division, "labels": [3, -2, 0, 7]}
    ours = precision_recall_fscore_support(y_true, y_pred, **kwargs)
    theirs = sklearn("precision_recall_fscore_support", y_true, y_pred, **kwargs)
    for got, expected in zip(ours[:3], theirs[:3], strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)
    if average is None:
        np.testing.assert_array_equal(ours[3], theirs[3])
    else:
        assert ours[3] is None


def test_binary_scores_use_the_positive_label() -> None:
    y_true = np.array(["spam", "ham", "spam", "spam", "ham"])
    y_pred = np.array(["spam", "spam", "ham", "spam", "ham"])
    for function in (precision_score, recall_score, f1_score):
        expected = sklearn(function.__name__, y_true, y_pred, pos_label="spam")
        assert function(y_true, y_pred, pos_label="spam") == pytest.approx(expected, abs=1e-12)


def test_string_labels_are_sorted_as_strings() -> None:
    matrix = confusion_matrix(["2", "10", "10"], ["2", "2", "10"])
    np.testing.assert_array_equal(matrix, [[1, 1], [0, 1]])  # rows and columns: "10", "2"


def test_zero_division_sets_undefined_ratios_without_warnings() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        precision, recall, f1, support = precision_recall_fscore_support([0, 1, 1], [1, 1, 1], zero_division=1.0)
    np.testing.assert_allclose(precision, [1.0, 2 / 3])  # label 0 is never predicted
    np.testing.assert_allclose(recall, [0.0, 1.0])
    np.testing.assert_allclose(f1, [0.0, 0.8])
    np.testing.assert_array_equal(support, [1, 2])
    assert f1_score([1, 0, 0], [0, 1, 0], zero_division=1.0) == 0.0


def test_bad_input_raises_value_error() -> None:
    with pytest.raises(ValueError):
        confusion_matrix([0, 1, 1], [0, 1])
    with pytest.raises(ValueError):
        f1_score([0, 1, 2], [0, 1, 1])  # average="binary" on three labels
    with pytest.raises(ValueError):
        precision_recall_fscore_support([0, 1], [1, 1], average="mean")
