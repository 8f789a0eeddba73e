"""Every function against scikit-learn, on generated labels and real predictions.

Category ``matches_sklearn``. Counts must be equal, ratios equal to 1e-12. ``confusion_matrix``
is only compared with a ``labels`` list holding at least one label of ``y_true``: scikit-learn
raises otherwise, where the statement asks for zeros (checked against the reference instead).
Labels arrive as NumPy arrays, and as Python lists in one check; one check passes no keyword at all,
so that a changed default shows.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest
from classification_metrics_checks import (
    call_text,
    expect_matrix,
    expect_ratio,
    expect_scores,
    sklearn,
)
from classification_metrics_strategies import (
    LabelProblem,
    binary_problems,
    label_problems,
    problems_with_labels,
    zero_one_problems,
)
from hypothesis import given
from hypothesis import strategies as st
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier

from grader.testing import load_dataset, points

AVERAGES = ("micro", "macro", "weighted")
ZERO_DIVISIONS = st.sampled_from([0.0, 1.0])
DEFAULTS = "default arguments: labels=None, average=None, zero_division=0.0"
BINARY_DEFAULTS = "default arguments: average='binary', pos_label=1, zero_division=0.0"


@points(2, category="matches_sklearn")
@given(problem=label_problems())
def test_confusion_matrix_matches_sklearn(candidate: Any, problem: LabelProblem) -> None:
    got = candidate.confusion_matrix(problem.y_true, problem.y_pred)
    expected = sklearn("confusion_matrix", problem.y_true, problem.y_pred)
    expect_matrix(got, expected, what=call_text("confusion_matrix"))


@points(2, category="matches_sklearn")
@given(problem=problems_with_labels(anchor_in_y_true=True))
def test_confusion_matrix_with_labels_matches_sklearn(candidate: Any, problem: LabelProblem) -> None:
    labels = problem.labels
    got = candidate.confusion_matrix(problem.y_true, problem.y_pred, labels=labels)
    expected = sklearn("confusion_matrix", problem.y_true, problem.y_pred, labels=labels)
    expect_matrix(
        got,
        expected,
        what=call_text("confusion_matrix", labels=labels),
        label_order="in the order of `labels`; samples with other labels left out",
    )


@points(1, category="matches_sklearn")
@given(problem=label_problems())
def test_accuracy_matches_sklearn(candidate: Any, problem: LabelProblem) -> None:
    got = candidate.accuracy_score(problem.y_true, problem.y_pred)
    expected = sklearn("accuracy_score", problem.y_true, problem.y_pred)
    expect_ratio(got, expected, what=call_text("accuracy_score"))


@points(2, category="matches_sklearn")
@given(problem=label_problems(), zero_division=ZERO_DIVISIONS)
def test_per_label_scores_match_sklearn(candidate: Any, problem: LabelProblem, zero_division: float) -> None:
    kwargs = {"average": None, "zero_division": zero_division}
    got = candidate.precision_recall_fscore_support(problem.y_true, problem.y_pred, **kwargs)
    expected = sklearn("precision_recall_fscore_support", problem.y_true, problem.y_pred, **kwargs)
    expect_scores(got, expected, what=call_text("precision_recall_fscore_support", **kwargs))


@points(2, category="matches_sklearn")
@given(problem=problems_with_labels(), zero_division=ZERO_DIVISIONS)
def test_per_label_scores_for_chosen_labels_match_sklearn(
    candidate: Any, problem: LabelProblem, zero_division: float
) -> None:
    labels = problem.labels
    kwargs = {"labels": labels, "average": None, "zero_division": zero_division}
    got = candidate.precision_recall_fscore_support(problem.y_true, problem.y_pred, **kwargs)
    expected = sklearn("precision_recall_fscore_support", problem.y_true, problem.y_pred, **kwargs)
    expect_scores(got, expected, what=call_text("precision_recall_fscore_support", **kwargs))


@points(3, category="matches_sklearn")
@given(problem=label_problems(), average=st.sampled_from(AVERAGES), zero_division=ZERO_DIVISIONS)
def test_averaged_scores_match_sklearn(
    candidate: Any, problem: LabelProblem, average: str | None, zero_division: float
) -> None:
    kwargs = {"average": average, "zero_division": zero_division}
    got = candidate.precision_recall_fscore_support(problem.y_true, problem.y_pred, **kwargs)
    expected = sklearn("precision_recall_fscore_support", problem.y_true, problem.y_pred, **kwargs)
    expect_scores(got, expected, what=call_text("precision_recall_fscore_support", **kwargs))


@points(2, category="matches_sklearn")
@given(problem=problems_with_labels(), average=st.sampled_from(AVERAGES), zero_division=ZERO_DIVISIONS)
def test_averaged_scores_over_chosen_labels_match_sklearn(
    candidate: Any, problem: LabelProblem, average: str | None, zero_division: float
) -> None:
    labels = problem.labels
    kwargs = {"labels": labels, "average": average, "zero_division": zero_division}
    got = candidate.precision_recall_fscore_support(problem.y_true, problem.y_pred, **kwargs)
    expected = sklearn("precision_recall_fscore_support", problem.y_true, problem.y_pred, **kwargs)
    expect_scores(got, expected, what=call_text("precision_recall_fscore_support", **kwargs))


@points(2, category="matches_sklearn")
@given(problem=binary_problems(), zero_division=ZERO_DIVISIONS)
def test_binary_scores_for_the_positive_label_match_sklearn(
    candidate: Any, problem: LabelProblem, zero_division: float
) -> None:
    pos_label = problem.pos_label
    kwargs = {"average": "binary", "pos_label": pos_label, "zero_division": zero_division}
    got = candidate.precision_recall_fscore_support(problem.y_true, problem.y_pred, **kwargs)
    expected = sklearn("precision_recall_fscore_support", problem.y_true, problem.y_pred, **kwargs)
    expect_scores(got, expected, what=call_text("precision_recall_fscore_support", **kwargs))


@points(2, category="matches_sklearn")
@given(
    problem=problems_with_labels(),
    average=st.sampled_from((None, *AVERAGES)),
    zero_division=ZERO_DIVISIONS,
)
def test_precision_recall_and_f1_score_functions_match_sklearn(
    candidate: Any, problem: LabelProblem, average: str | None, zero_division: float
) -> None:
    labels = problem.labels
    kwargs = {"labels": labels, "average": average, "zero_division": zero_division}
    for name in ("precision_score", "recall_score", "f1_score"):
        got = getattr(candidate, name)(problem.y_true, problem.y_pred, **kwargs)
        expected = sklearn(name, problem.y_true, problem.y_pred, **kwargs)
        expect_ratio(got, expected, what=call_text(name, **kwargs))


@points(1, category="matches_sklearn")
@given(problem=zero_one_problems(), zero_division=ZERO_DIVISIONS)
def test_score_functions_default_to_the_binary_average_of_label_1(
    candidate: Any, problem: LabelProblem, zero_division: float
) -> None:
    for name in ("precision_score", "recall_score", "f1_score"):
        got = getattr(candidate, name)(problem.y_true, problem.y_pred, zero_division=zero_division)
        expected = sklearn(name, problem.y_true, problem.y_pred, zero_division=zero_division)
        expect_ratio(got, expected, what=call_text(name, zero_division=zero_division))


@points(1, category="matches_sklearn")
@given(problem=label_problems(), binary=zero_one_problems())
def test_default_arguments_match_sklearn(candidate: Any, problem: LabelProblem, binary: LabelProblem) -> None:
    # No keyword at all: a changed default (zero_division, average) shows here.
    got = candidate.precision_recall_fscore_support(problem.y_true, problem.y_pred)
    expected = sklearn("precision_recall_fscore_support", problem.y_true, problem.y_pred, zero_division=0.0)
    expect_scores(got, expected, what=f"precision_recall_fscore_support(y_true, y_pred) ({DEFAULTS})")
    for name in ("precision_score", "recall_score", "f1_score"):
        got = getattr(candidate, name)(binary.y_true, binary.y_pred)
        expected = sklearn(name, binary.y_true, binary.y_pred, zero_division=0.0)
        expect_ratio(got, expected, what=f"{name}(y_true, y_pred) with labels 0 and 1 ({BINARY_DEFAULTS})")


@points(1, category="matches_sklearn")
@given(problem=problems_with_labels(anchor_in_y_true=True), average=st.sampled_from(AVERAGES))
def test_lists_of_labels_match_sklearn(candidate: Any, problem: LabelProblem, average: str) -> None:
    assert problem.labels is not None  # drawn by problems_with_labels
    y_true, y_pred, labels = problem.y_true.tolist(), problem.y_pred.tolist(), problem.labels.tolist()
    given_as = "y_true, y_pred and labels given as Python lists"
    expect_matrix(
        candidate.confusion_matrix(y_true, y_pred),
        sklearn("confusion_matrix", y_true, y_pred),
        what=f"confusion_matrix(y_true, y_pred) ({given_as})",
    )
    expect_matrix(
        candidate.confusion_matrix(y_true, y_pred, labels=labels),
        sklearn("confusion_matrix", y_true, y_pred, labels=labels),
        what=f"{call_text('confusion_matrix', labels=labels)} ({given_as})",
        label_order="in the order of `labels`; samples with other labels left out",
    )
    expect_ratio(
        candidate.accuracy_score(y_true, y_pred),
        sklearn("accuracy_score", y_true, y_pred),
        what=f"accuracy_score(y_true, y_pred) ({given_as})",
    )
    for kwargs in ({"labels": labels, "average": None}, {"labels": labels, "average": average}):
        got = candidate.precision_recall_fscore_support(y_true, y_pred, zero_division=0.0, **kwargs)
        expected = sklearn("precision_recall_fscore_support", y_true, y_pred, zero_division=0.0, **kwargs)
        expect_scores(got, expected, what=f"{call_text('precision_recall_fscore_support', **kwargs)} ({given_as})")


# ------------------------------------------------------------------ predictions on real datasets

SPECIES = np.array(["setosa", "versicolor", "virginica"])


@functools.cache
def dataset_predictions(name: str) -> tuple[np.ndarray, np.ndarray]:
    """True labels and a simple model's predictions on a bundled dataset (fitted in the judge).

    Iris: a depth-1 tree, which never predicts one of the three species (string labels).
    Wine: Gaussian naive Bayes on two features, wrong on a fair share of samples.
    Breast cancer: a depth-1 tree (two classes).
    """
    X, y = load_dataset(name)
    if name == "iris":
        predicted = DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y).predict(X)
        return SPECIES[y], SPECIES[predicted]
    if name == "wine":
        return y, GaussianNB().fit(X[:, :2], y).predict(X[:, :2])
    return y, DecisionTreeClassifier(max_depth=1, random_state=0).fit(X, y).predict(X)


def _settings_for(y_true: np.ndarray) -> list[dict[str, object]]:
    settings: list[dict[str, object]] = [
        {"average": average, "zero_division": zero_division}
        for average in (None, *AVERAGES)
        for zero_division in (0.0, 1.0)
    ]
    if np.unique(y_true).shape[0] == 2:
        settings += [{"average": "binary", "pos_label": label} for label in np.unique(y_true).tolist()]
    return settings


@points(1, category="matches_sklearn")
@pytest.mark.parametrize("dataset", ["iris", "wine", "breast_cancer"])
def test_metrics_of_predictions_on_a_real_dataset_match_sklearn(candidate: Any, dataset: str) -> None:
    y_true, y_pred = dataset_predictions(dataset)
    got = candidate.confusion_matrix(y_true, y_pred)
    expect_matrix(
        got,
        sklearn("confusion_matrix", y_true, y_pred),
        what=f"confusion_matrix on {dataset} predictions",
    )
    expect_ratio(
        candidate.accuracy_score(y_true, y_pred),
        sklearn("accuracy_score", y_true, y_pred),
        what=f"accuracy_score on {dataset} predictions",
    )
    for kwargs in _settings_for(y_true):
        got = candidate.precision_recall_fscore_support(y_true, y_pred, **kwargs)
        expected = sklearn("precision_recall_fscore_support", y_true, y_pred, **kwargs)
        what = call_text("precision_recall_fscore_support", **kwargs) + f" on {dataset} predictions"
        expect_scores(got, expected, what=what)
