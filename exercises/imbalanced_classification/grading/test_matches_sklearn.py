"""Weights, balanced accuracy, thresholds and cross-validated scores equal scikit-learn's (``matches_sklearn``)."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from imbalanced_classification_checks import (
    calling,
    expect_score,
    expect_threshold,
    expect_weights,
    sklearn_balanced_accuracy,
    sklearn_class_weight,
    sklearn_sample_weight,
    sklearn_threshold,
    weights_text,
)
from imbalanced_classification_folds import expect_sklearn_scores
from imbalanced_classification_strategies import (
    Folded,
    Labels,
    Scored,
    class_labels,
    folded_rows,
    scored_labels,
    tag,
)
from sklearn import model_selection
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from grader.testing import few_examples, load_dataset, points, trusted, without_shrinking

DATASETS = ("iris", "wine", "breast_cancer")
WEIGHT_VALUES = (0.1, 0.5, 2.0, 3.7, 10.0)


def class_weight_choices(classes_array: np.ndarray[Any, Any], choice: str, rng: np.random.Generator) -> Any:
    """``None``, ``"balanced"``, or a dict naming some, all, or all of ``classes`` and more labels."""
    classes = classes_array.tolist()
    values = rng.choice(WEIGHT_VALUES, size=len(classes) + 1).tolist()
    if choice in ("None", "balanced"):
        return None if choice == "None" else "balanced"
    named = {label: value for label, value in zip(classes, values, strict=False)}
    if choice == "some":
        return dict(list(named.items())[: max(1, len(classes) - 1)])
    if choice == "all_and_more":
        extra = 99 if isinstance(classes[0], int) else "zebra"
        named[extra] = values[-1]
    return named


def extended_classes(labels: Labels, add: bool, seed: int) -> np.ndarray[Any, Any]:
    """``np.unique(y)`` in an order drawn from ``seed`` (any order is allowed), with a label absent from
    ``y`` added when ``add``."""
    classes = labels.classes
    if add:
        extra = np.array([50] if classes.dtype.kind in "iu" else ["yak"], dtype=classes.dtype)
        classes = np.concatenate([classes, extra])
    return np.random.default_rng(seed).permutation(classes)


@points(2, category="matches_sklearn")
@given(
    labels=class_labels(),
    choice=st.sampled_from(["None", "balanced", "some", "all", "all_and_more"]),
    add=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_class_weights_match_sklearn(candidate: Any, labels: Labels, choice: str, add: bool, seed: int) -> None:
    classes = extended_classes(labels, add and choice != "balanced", seed)
    class_weight = class_weight_choices(classes, choice, np.random.default_rng(seed))
    what = weights_text("compute_class_weight", class_weight, classes=classes, y=labels.y)
    expected = sklearn_class_weight(class_weight, classes, labels.y)
    with calling(what, promise="scikit-learn accepts this input"):
        got = candidate.compute_class_weight(class_weight, classes=classes, y=labels.y)
    expect_weights(got, expected, what=what)


@points(1, category="matches_sklearn")
@given(
    labels=class_labels(),
    choice=st.sampled_from(["None", "balanced", "some", "all", "all_and_more"]),
    seed=st.integers(0, 2**32 - 1),
)
def test_sample_weights_match_sklearn(candidate: Any, labels: Labels, choice: str, seed: int) -> None:
    class_weight = class_weight_choices(labels.classes, choice, np.random.default_rng(seed))
    what = weights_text("compute_sample_weight", class_weight, y=labels.y)
    expected = sklearn_sample_weight(class_weight, labels.y)
    with calling(what, promise="scikit-learn accepts this input"):
        got = candidate.compute_sample_weight(class_weight, labels.y)
    expect_weights(got, expected, what=what)


@points(1, category="matches_sklearn")
def test_balanced_weights_match_sklearn_on_real_datasets(candidate: Any) -> None:
    for name in DATASETS:
        _, y = load_dataset(name)
        y = y[: int(len(y) * 0.7)]  # unbalance iris too
        classes = np.unique(y)
        what = f"compute_class_weight('balanced', classes=np.unique(y), y=y) on {name} (first 70% of rows)"
        expect_weights(
            candidate.compute_class_weight("balanced", classes=classes, y=y),
            sklearn_class_weight("balanced", classes, y),
            what=what,
        )
        what = f"compute_sample_weight('balanced', y) on {name} (first 70% of rows)"
        expect_weights(candidate.compute_sample_weight("balanced", y), sklearn_sample_weight("balanced", y), what=what)


def predictions(labels: Labels, seed: int, extra: bool) -> np.ndarray[Any, Any]:
    """Predictions right about 60% of the time, some of them a label absent from ``y_true`` when ``extra``."""
    rng = np.random.default_rng(seed)
    y = labels.y
    pool = labels.classes
    if extra:
        pool = np.concatenate([pool, np.array([77] if pool.dtype.kind in "iu" else ["owl"], dtype=pool.dtype)])
    wrong = rng.random(len(y)) < 0.4
    return np.where(wrong, rng.choice(pool, size=len(y)), y)


@points(2, category="matches_sklearn")
@given(labels=class_labels(), seed=st.integers(0, 2**32 - 1), extra=st.booleans())
def test_balanced_accuracy_matches_sklearn(candidate: Any, labels: Labels, seed: int, extra: bool) -> None:
    y_pred = predictions(labels, seed, extra)
    what = f"balanced_accuracy_score(y_true={labels.y.tolist()!r}, y_pred={y_pred.tolist()!r})"
    note = " (labels only in y_pred are not averaged over)" if extra else ""
    with calling(what):
        got = candidate.balanced_accuracy_score(labels.y, y_pred)
    expect_score(got, sklearn_balanced_accuracy(labels.y, y_pred), what=what + note)


@points(1, category="matches_sklearn")
def test_balanced_accuracy_matches_sklearn_on_real_datasets(candidate: Any) -> None:
    for name in DATASETS:
        X, y = load_dataset(name)
        y_pred = model_selection.cross_val_predict(LogisticRegression(max_iter=50), X[:, :2], y, cv=3)
        what = f"balanced_accuracy_score(y, y_pred) on {name} (predictions of a model on two features)"
        expect_score(candidate.balanced_accuracy_score(y, y_pred), sklearn_balanced_accuracy(y, y_pred), what=what)


@points(2, category="matches_sklearn")
@given(scored=scored_labels())
def test_tuned_thresholds_match_sklearn_curves(candidate: Any, scored: Scored) -> None:
    what = f"tune_threshold(y_true, y_score, metric={scored.metric!r})"
    with calling(what):
        got = candidate.tune_threshold(scored.y_true, scored.y_score, metric=scored.metric)
    curve = "precision_recall_curve" if scored.metric == "f1" else "roc_curve"
    expected = sklearn_threshold(scored.y_true, scored.y_score, scored.metric)
    expect_threshold(got, expected, what=what, source=f"the best point of scikit-learn's {curve}")


@points(1, category="matches_sklearn")
def test_tuned_thresholds_match_sklearn_on_breast_cancer(candidate: Any) -> None:
    X, y = load_dataset("breast_cancer")
    model = make_pipeline(StandardScaler(), LogisticRegression(C=0.01))
    scores = np.round(model_selection.cross_val_predict(model, X, y, cv=3, method="predict_proba")[:, 1], 3)
    for metric in ("f1", "balanced_accuracy"):
        what = f"tune_threshold(y, scores, metric={metric!r}) on breast_cancer (probabilities rounded to 3 decimals)"
        with calling(what):
            got = candidate.tune_threshold(y, scores, metric=metric)
        curve = "precision_recall_curve" if metric == "f1" else "roc_curve"
        expected = sklearn_threshold(y, scores, metric)
        expect_threshold(got, expected, what=what, source=f"the best point of scikit-learn's {curve}")


@points(2, category="matches_sklearn")
@without_shrinking(8)
@given(data=folded_rows(), name=st.sampled_from(["RandomOverSampler", "RandomUnderSampler"]), seed=st.integers(0, 99))
def test_int_cv_scores_match_sklearn_stratified_folds(candidate: Any, data: Folded, name: str, seed: int) -> None:
    expect_sklearn_scores(candidate, data, name, seed)


@points(1, category="matches_sklearn")
@few_examples(6)
@given(data=folded_rows(), seed=st.integers(0, 2**31 - 1))
def test_a_splitter_objects_folds_give_sklearns_scores(candidate: Any, data: Folded, seed: int) -> None:
    params = {"n_splits": data.cv, "shuffle": True, "random_state": seed}
    expect_sklearn_scores(
        candidate,
        data,
        "RandomUnderSampler",
        seed % 100,
        cv=trusted("sklearn.model_selection.StratifiedKFold", **params),
        local_cv=model_selection.StratifiedKFold(**params),
        cv_name=f"StratifiedKFold({data.cv}, shuffle=True, random_state={seed})",
    )


@points(1, category="matches_sklearn")
def test_int_cv_scores_match_sklearn_on_wine_and_breast_cancer(candidate: Any) -> None:
    for name in ("wine", "breast_cancer"):
        X, y = load_dataset(name)
        rng = np.random.default_rng(5)
        data = Folded(np.hstack([tag(y, rng, n_features=1), X]), y, 5)
        expect_sklearn_scores(candidate, data, "RandomOverSampler", 3)
