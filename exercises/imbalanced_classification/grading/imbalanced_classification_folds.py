"""``resampled_cross_val_score`` on both sides: what the candidate's code fitted and scored (read from a
spy's journal), and the scores scikit-learn's folds give with a model fitted on the sampler's output.

The spy wraps a scikit-learn classifier in the judge; candidate code holds a stand-in, so the journal
records exactly the rows each fold's copy was fitted and scored on. Rows are tagged (column 0 is the
row number), so a row in a fit names the original it is, or copies.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
from imbalanced_classification_checks import calling, read_pair, source_rows
from imbalanced_classification_strategies import Folded
from sklearn import model_selection
from sklearn.tree import DecisionTreeClassifier

from grader.testing import (
    CheckFailed,
    FloatArray,
    IntArray,
    expect_close,
    fit_records,
    listed,
    quietly,
    records,
    spy_estimator,
    trusted,
)

Record = dict[str, Any]
Folds = list[tuple[IntArray, IntArray]]
SPIED = "sklearn.dummy.DummyClassifier"


def sklearn_folds(data: Folded, cv: Any = None) -> Folds:
    """The folds of ``cv`` (a local twin of the trusted splitter), or of ``StratifiedKFold(data.cv)``."""
    splitter = cv if cv is not None else model_selection.StratifiedKFold(data.cv)
    return [
        (np.asarray(train, dtype=np.int64), np.asarray(test, dtype=np.int64))
        for train, test in quietly(list, splitter.split(data.X, data.y))
    ]


def cv_text(sampler: str, seed: int, data: Folded, cv: str | None = None) -> str:
    return f"resampled_cross_val_score({sampler}(random_state={seed}), estimator, X, y, cv={cv or data.cv})"


def run_spied(
    candidate: Any, data: Folded, sampler: str, seed: int, cv: Any = None, *, what: str
) -> tuple[list[Record], list[Record], Any]:
    """Run the candidate's cross-validation on a spied classifier: its fit and score records, and the spy."""
    spy = spy_estimator(SPIED)
    with calling(what):
        candidate.resampled_cross_val_score(
            getattr(candidate, sampler)(random_state=seed), spy, data.X, data.y, cv=data.cv if cv is None else cv
        )
    journal = spy.journal_
    return fit_records(journal), records(journal, "score"), spy


def expect_fold_count(found: list[Record], folds: Folds, event: str, *, what: str) -> None:
    if len(found) != len(folds):
        raise CheckFailed(
            f"{what} called {event} {len(found)} times; expected one {event} per fold, {len(folds)} in all"
        )


def fit_rows(record: Record, data: Folded, *, what: str) -> IntArray:
    """The original rows behind a fit's rows, checking each is a copy of a row of X with its label."""
    X, y = record["X"], record["y"]
    if y is None:
        raise CheckFailed(f"{what} was called without y")
    X_fit, y_fit = read_pair((np.asarray(X), np.asarray(y)), data.X, data.y, what=what)
    return source_rows(X_fit, y_fit, data.X, data.y, what=what)


def expect_no_test_rows(rows: IntArray, test: IntArray, *, what: str) -> None:
    leaked = np.intersect1d(rows, test)
    if leaked.size:
        raise CheckFailed(
            f"{what} was fitted on test rows {listed(leaked)} (or copies of them): split first, then resample only "
            "the training rows of each fold"
        )


def expect_resampled_training_rows(
    rows: IntArray, train: IntArray, y: npt.NDArray[Any], sampler: str, *, what: str
) -> None:
    """The fit saw a balanced resample of exactly the fold's training rows (as the sampler promises)."""
    stray = np.setdiff1d(rows, train)
    if stray.size:
        raise CheckFailed(f"{what} was fitted on rows {listed(stray)}, which are not training rows of the fold")
    classes, counts = np.unique(y[train], return_counts=True)
    got_classes, got_counts = np.unique(y[rows], return_counts=True)
    target = counts.max() if sampler == "RandomOverSampler" else counts.min()
    if not np.array_equal(got_classes, classes) or not (got_counts == target).all():
        found = dict(zip(got_classes.tolist(), got_counts.tolist(), strict=True))
        raise CheckFailed(
            f"{what} was fitted on the class counts {found}; the fold's training rows resampled by {sampler} give "
            f"{target} rows of each class {classes.tolist()}: resample the training rows of each fold"
        )
    if sampler == "RandomOverSampler":
        missing = np.setdiff1d(train, rows)
        if missing.size:
            raise CheckFailed(f"{what} was fitted without the training rows {listed(missing)}; over-sampling keeps all")


def expect_scores_on_test_rows(scores: list[Record], folds: Folds, data: Folded, *, what: str) -> None:
    """Each score call saw exactly its fold's test rows, as they are: in order, once each, not resampled."""
    expect_fold_count(scores, folds, "score", what=what)
    for fold, (record, (_, test)) in enumerate(zip(scores, folds, strict=True)):
        X = np.asarray(record["X"])
        if X.shape != data.X[test].shape or not np.array_equal(X, data.X[test]):
            rows = np.rint(X[:, 0]).astype(np.int64) if X.ndim == 2 and X.shape[0] else np.zeros(0, dtype=np.int64)
            raise CheckFailed(
                f"{what}: the score of fold {fold} saw the rows {listed(rows)}; expected exactly the fold's test rows "
                f"{listed(test)}, in order and not resampled"
            )


def expect_fresh_copies(fits: list[Record], scores: list[Record], spy: Any, *, what: str) -> None:
    """Every fold fits its own copy (never the estimator given) and scores with that same copy."""
    instances = [record["instance"] for record in fits]
    if spy.is_fitted_ or spy.instance_id_ in instances:
        raise CheckFailed(f"{what} fitted the estimator it was given; each fold must fit a fresh copy")
    if len(set(instances)) != len(instances):
        raise CheckFailed(
            f"{what} fitted the same object in two folds; each fold must fit a fresh copy of the estimator"
        )
    for fold, (fit, score) in enumerate(zip(fits, scores, strict=False)):
        if fit["instance"] != score["instance"]:
            raise CheckFailed(f"{what}: fold {fold} was scored by another object than the copy fitted in that fold")


def expect_clean_folds(
    candidate: Any,
    data: Folded,
    sampler: str,
    seed: int,
    cv: Any = None,
    local_cv: Any = None,
    cv_name: str | None = None,
) -> None:
    """Every promise about what each fold's copy was fitted and scored on."""
    what = cv_text(sampler, seed, data, cv_name)
    fits, scores, spy = run_spied(candidate, data, sampler, seed, cv, what=what)
    folds = sklearn_folds(data, local_cv)
    expect_fold_count(fits, folds, "fit", what=what)
    for fold, (record, (train, test)) in enumerate(zip(fits, folds, strict=True)):
        fit_what = f"{what}: the copy fitted in fold {fold}"
        rows = fit_rows(record, data, what=fit_what)
        expect_no_test_rows(rows, test, what=fit_what)
        expect_resampled_training_rows(rows, train, data.y, sampler, what=fit_what)
    expect_scores_on_test_rows(scores, folds, data, what=what)
    expect_fresh_copies(fits, scores, spy, what=what)


# ----------------------------------------------------------------------------- scores


def expected_scores(candidate: Any, data: Folded, sampler: str, seed: int, folds: Folds, **tree: Any) -> FloatArray:
    """scikit-learn's folds, the candidate's seeded sampler on each training fold, a tree fitted on its output."""
    scores = []
    for train, test in folds:
        what = f"{sampler}(random_state={seed}).fit_resample(X[train], y[train])"
        with calling(what):
            result = getattr(candidate, sampler)(random_state=seed).fit_resample(data.X[train], data.y[train])
        X_res, y_res = read_pair(result, data.X, data.y, what=what)
        model = DecisionTreeClassifier(random_state=0, **tree).fit(X_res, y_res)
        scores.append(model.score(data.X[test], data.y[test]))
    return np.asarray(scores, dtype=np.float64)


def expect_sklearn_scores(
    candidate: Any,
    data: Folded,
    sampler: str,
    seed: int,
    *,
    cv: Any = None,
    local_cv: Any = None,
    cv_name: str | None = None,
) -> None:
    """The candidate's scores equal a tree's on scikit-learn's folds, fitted on the candidate sampler's output."""
    what = cv_text(sampler, seed, data, cv_name).replace("estimator", "DecisionTreeClassifier(max_depth=3)")
    with calling(what):
        got = candidate.resampled_cross_val_score(
            getattr(candidate, sampler)(random_state=seed),
            trusted("sklearn.tree.DecisionTreeClassifier", random_state=0, max_depth=3),
            data.X,
            data.y,
            cv=data.cv if cv is None else cv,
        )
    folds = sklearn_folds(data, local_cv)
    expected = expected_scores(candidate, data, sampler, seed, folds, max_depth=3)
    source = "scikit-learn's StratifiedKFold folds" if cv is None else "the splitter's folds"
    expect_close(
        got, expected, what=what, rtol=1e-12, atol=1e-12, source=f"{source}, a tree fitted on your sampler's output"
    )
    if not isinstance(got, np.ndarray) or got.dtype != np.float64:
        raise CheckFailed(f"{what} returned {type(got).__name__}; expected a float64 ndarray")
