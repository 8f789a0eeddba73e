"""Every function against scikit-learn, on generated labels and scores and on real classifiers' scores.

Category ``matches_sklearn``. Curves equal to 1e-12 (thresholds compared as float64), areas to 1e-10.
Both classes are always present: a single class, where scikit-learn returns ``nan`` or warns, is an
error in the statement and is checked in ``input_validation`` instead.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from ranking_metrics_checks import call_text, expect_area, expect_curve, sklearn, sklearn_curve
from ranking_metrics_strategies import BinaryProblem, MulticlassProblem, binary_problems, multiclass_problems
from sklearn.naive_bayes import GaussianNB
from sklearn.tree import DecisionTreeClassifier

from grader.testing import load_dataset, points

AVERAGES = ("macro", "weighted", "micro", None)


# Explicit examples: the first threshold point on a straight line from (0, 0) (kept: the inf point is
# added after dropping), and collinear points with unequal steps (kept).
EXPLICIT = (
    BinaryProblem("01", np.array([0, 0, 1, 1]), np.array([1.0, 2.0, 3.0, 4.0]), None, 1),
    BinaryProblem("01", np.array([1, 0, 0, 0, 0]), np.array([5.0, 4.0, 3.0, 2.0, 2.0]), None, 1),
)


@points(2, category="matches_sklearn")
@example(problem=EXPLICIT[0], drop=True)
@example(problem=EXPLICIT[1], drop=True)
@given(problem=binary_problems(many_labels=True), drop=st.booleans())
def test_roc_curve_matches_sklearn(candidate: Any, problem: BinaryProblem, drop: bool) -> None:
    kwargs = {**problem.kwargs(), "drop_intermediate": drop}
    expect_curve(
        candidate.roc_curve(problem.y_true, problem.y_score, **kwargs),
        sklearn_curve("roc_curve", problem.y_true, problem.y_score, **kwargs),
        name="roc_curve",
        what=call_text("roc_curve", **kwargs),
    )


@points(2, category="matches_sklearn")
@given(problem=binary_problems(many_labels=True))
def test_precision_recall_curve_matches_sklearn(candidate: Any, problem: BinaryProblem) -> None:
    kwargs = problem.kwargs()
    expect_curve(
        candidate.precision_recall_curve(problem.y_true, problem.y_score, **kwargs),
        sklearn_curve("precision_recall_curve", problem.y_true, problem.y_score, **kwargs),
        name="precision_recall_curve",
        what=call_text("precision_recall_curve", **kwargs),
    )


@points(1, category="matches_sklearn")
@given(problem=binary_problems())
def test_average_precision_matches_sklearn(candidate: Any, problem: BinaryProblem) -> None:
    kwargs = {"pos_label": problem.positive}
    expect_area(
        candidate.average_precision_score(problem.y_true, problem.y_score, **kwargs),
        sklearn("average_precision_score", problem.y_true, problem.y_score, **kwargs),
        what=call_text("average_precision_score", **kwargs),
    )


@points(2, category="matches_sklearn")
@given(problem=binary_problems())
def test_binary_roc_auc_matches_sklearn(candidate: Any, problem: BinaryProblem) -> None:
    # No pos_label: the positive class is the greater of the two labels, whichever the problem drew.
    expect_area(
        candidate.roc_auc_score(problem.y_true, problem.y_score),
        sklearn("roc_auc_score", problem.y_true, problem.y_score),
        what=call_text("roc_auc_score") + " (the positive class is the greater label)",
    )


@points(2, category="matches_sklearn")
@given(problem=multiclass_problems(), average=st.sampled_from(AVERAGES))
def test_one_vs_rest_auc_matches_sklearn(candidate: Any, problem: MulticlassProblem, average: str | None) -> None:
    kwargs = {"multi_class": "ovr", "average": average}
    expect_area(
        candidate.roc_auc_score(problem.y_true, problem.y_score, **kwargs),
        sklearn("roc_auc_score", problem.y_true, problem.y_score, **kwargs),
        what=call_text("roc_auc_score", **kwargs),
    )


@points(1, category="matches_sklearn")
@given(problem=binary_problems(kinds=("01",)))
def test_lists_and_default_arguments_match_sklearn(candidate: Any, problem: BinaryProblem) -> None:
    # Python lists, no keyword at all: a changed default (pos_label, drop_intermediate) shows here.
    y_true, y_score = problem.y_true.tolist(), problem.y_score.tolist()
    given_as = "(Python lists, default arguments)"
    for name in ("roc_curve", "precision_recall_curve"):
        expect_curve(
            getattr(candidate, name)(y_true, y_score),
            sklearn_curve(name, y_true, y_score),
            name=name,
            what=f"{name}(y_true, y_score) {given_as}",
        )
    for name in ("roc_auc_score", "average_precision_score"):
        expect_area(
            getattr(candidate, name)(y_true, y_score),
            sklearn(name, y_true, y_score),
            what=f"{name}(y_true, y_score) {given_as}",
        )


# ------------------------------------------------------------------ scores of models on real datasets


@functools.cache
def dataset_scores(name: str) -> tuple[np.ndarray, np.ndarray]:
    """True labels and a simple model's scores on a bundled dataset (fitted in the judge).

    Breast cancer: a depth-3 tree's probabilities (few distinct values: many ties) and, for the
    multi-class datasets (iris, wine), Gaussian naive Bayes probabilities on two features.
    """
    X, y = load_dataset(name)
    if name == "breast_cancer":
        return y, DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y).predict_proba(X)[:, 1]
    return y, GaussianNB().fit(X[:, :2], y).predict_proba(X[:, :2])


@points(1, category="matches_sklearn")
def test_breast_cancer_tree_scores_match_sklearn(candidate: Any) -> None:
    y_true, y_score = dataset_scores("breast_cancer")
    for drop in (True, False):
        expect_curve(
            candidate.roc_curve(y_true, y_score, drop_intermediate=drop),
            sklearn_curve("roc_curve", y_true, y_score, drop_intermediate=drop),
            name="roc_curve",
            what=f"roc_curve on breast_cancer tree scores, drop_intermediate={drop}",
        )
    for pos_label in (0, 1):
        expect_curve(
            candidate.precision_recall_curve(y_true, y_score, pos_label=pos_label),
            sklearn_curve("precision_recall_curve", y_true, y_score, pos_label=pos_label),
            name="precision_recall_curve",
            what=f"precision_recall_curve on breast_cancer tree scores, pos_label={pos_label}",
        )
        expect_area(
            candidate.average_precision_score(y_true, y_score, pos_label=pos_label),
            sklearn("average_precision_score", y_true, y_score, pos_label=pos_label),
            what=f"average_precision_score on breast_cancer tree scores, pos_label={pos_label}",
        )
    expect_area(
        candidate.roc_auc_score(y_true, y_score),
        sklearn("roc_auc_score", y_true, y_score),
        what="roc_auc_score on breast_cancer tree scores",
    )


@points(1, category="matches_sklearn")
@pytest.mark.parametrize("dataset", ["iris", "wine"])
def test_one_vs_rest_auc_of_naive_bayes_matches_sklearn(candidate: Any, dataset: str) -> None:
    y_true, y_score = dataset_scores(dataset)
    for average in AVERAGES:
        kwargs = {"multi_class": "ovr", "average": average}
        expect_area(
            candidate.roc_auc_score(y_true, y_score, **kwargs),
            sklearn("roc_auc_score", y_true, y_score, **kwargs),
            what=f"roc_auc_score on {dataset} naive Bayes probabilities, multi_class='ovr', average={average!r}",
        )
