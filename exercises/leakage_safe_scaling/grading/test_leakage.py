"""Leakage checks (category ``properties``): what each fold's scaler sees, read from spy journals.

Fold scores alone cannot reveal leakage (a leaky score is just a slightly better score), so these
checks hand ``scaled_cross_val_score`` and ``Pipeline`` journaling spies that wrap scikit-learn's
``StandardScaler`` and ``Ridge``, then read what candidate code did with them.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from leakage_safe_scaling_spies import (
    describe_rows,
    fit_records,
    record_for_targets,
    row_indices,
    rows_in_target_order,
    spy_ridge,
    spy_scaler,
)
from leakage_safe_scaling_strategies import CVProblem, cv_problems, paired_matrices
from sklearn.preprocessing import StandardScaler as SkStandardScaler

from grader.testing import CheckFailed, expect_close, points

LEAK_EXAMPLES = 10


def run_with_spies(candidate, sandbox, problem: CVProblem) -> tuple[object, object]:
    """Call ``scaled_cross_val_score`` with a spy scaler and a spy Ridge; return both spies."""
    scaler, estimator = spy_scaler(sandbox), spy_ridge(sandbox)
    candidate.scaled_cross_val_score(
        scaler, estimator, problem.X, problem.y, n_splits=problem.n_splits
    )
    return scaler, estimator


def scaled_with_training_statistics(problem: CVProblem, fold: int) -> tuple[np.ndarray, np.ndarray]:
    """The fold's training and test rows, both scaled with the training rows' statistics."""
    train, test = problem.folds()[fold]
    scaler = SkStandardScaler().fit(problem.X[train])
    return scaler.transform(problem.X[train]), scaler.transform(problem.X[test])


def leak_diagnosis(received: np.ndarray, problem: CVProblem, fold: int) -> str:
    """Explain wrongly scaled test rows when they match a known leaky recipe."""
    _, test = problem.folds()[fold]
    recipes = {
        "statistics of all rows of X (the data was scaled before splitting: the test fold "
        "leaked into the scaler)": SkStandardScaler().fit(problem.X).transform(problem.X[test]),
        "their own statistics, as if the scaler had been fitted on them":
            SkStandardScaler().fit_transform(problem.X[test]),
    }
    for recipe, values in recipes.items():
        if received.shape == values.shape and np.allclose(received, values, rtol=1e-9, atol=1e-9):
            return f"they were scaled with {recipe}. "
    return ""


@points(2, category="properties")
@settings(max_examples=LEAK_EXAMPLES)
@given(problem=cv_problems())
def test_each_folds_scaler_is_fitted_on_exactly_that_folds_training_rows(
    candidate, sandbox, problem
):
    scaler, _ = run_with_spies(candidate, sandbox, problem)
    folds = problem.folds()
    train_sets = [frozenset(train.tolist()) for train, _ in folds]
    fitted = []
    for record in fit_records(scaler.journal_):
        rows = row_indices(record["X"], problem.X)
        if rows is None:
            raise CheckFailed(
                f"scaled_cross_val_score called the scaler's {record['event']} on data that is not "
                "rows of X; each fold's scaler should be fitted on that fold's training rows of X"
            )
        if rows not in train_sets:
            raise CheckFailed(
                f"scaled_cross_val_score fitted a scaler on {describe_rows(rows, folds)}: test rows "
                "leak into the scaling statistics. Each fold's scaler should be fitted on exactly "
                "that fold's training rows, never on a test row"
            )
        fitted.append(rows)
    for fold, train in enumerate(train_sets):
        if train not in fitted:
            raise CheckFailed(
                f"scaled_cross_val_score never fitted a scaler on the {len(train)} training rows "
                f"of fold {fold} (of {problem.n_splits} unshuffled folds, {len(fitted)} scaler "
                "fit(s) seen)"
            )


@points(2, category="properties")
@settings(max_examples=LEAK_EXAMPLES)
@given(problem=cv_problems())
def test_each_fold_scores_its_test_rows_scaled_with_the_training_statistics(
    candidate, sandbox, problem
):
    _, estimator = run_with_spies(candidate, sandbox, problem)
    journal = estimator.journal_
    fits = [record for record in journal if record["event"] == "fit"]
    scores = [record for record in journal if record["event"] == "score"]
    for fold, (train, test) in enumerate(problem.folds()):
        expected_train, expected_test = scaled_with_training_statistics(problem, fold)
        for records, rows, expected, method, kind in (
            (fits, train, expected_train, "fit", "training"),
            (scores, test, expected_test, "score", "test"),
        ):
            record = record_for_targets(records, problem.y[rows])
            if record is None:
                raise CheckFailed(
                    f"fold {fold}: estimator.{method} was never called with that fold's {kind} "
                    f"rows ({len(rows)} rows; {len(records)} {method} call(s) seen)"
                )
            received = rows_in_target_order(record, problem.y[rows])
            try:
                expect_close(
                    received, expected, rtol=1e-9, atol=1e-9,
                    what=f"fold {fold}: the {kind} rows passed to estimator.{method}",
                    source="the rows scaled with the statistics of that fold's training rows",
                )
            except CheckFailed as error:
                diagnosis = leak_diagnosis(received, problem, fold) if kind == "test" else ""
                raise CheckFailed(f"{diagnosis}{error}") from None


@points(1, category="properties")
@settings(max_examples=LEAK_EXAMPLES)
@given(problem=cv_problems(), data=st.data())
def test_changing_a_folds_test_rows_leaves_its_training_statistics_unchanged(
    candidate, sandbox, problem, data
):
    fold = data.draw(st.integers(0, problem.n_splits - 1), label="fold")
    train, test = problem.folds()[fold]
    changed_X = problem.X.copy()
    changed_X[test] = problem.X[test] * 2.0 + 100.0
    changed = CVProblem(X=changed_X, y=problem.y, n_splits=problem.n_splits)
    scaled_train = []
    for run in (problem, changed):
        _, estimator = run_with_spies(candidate, sandbox, run)
        fits = [record for record in estimator.journal_ if record["event"] == "fit"]
        record = record_for_targets(fits, problem.y[train])
        if record is None:
            raise CheckFailed(
                f"fold {fold}: estimator.fit was never called with that fold's training rows"
            )
        scaled_train.append(rows_in_target_order(record, problem.y[train]))
    expect_close(
        scaled_train[1], scaled_train[0], rtol=1e-12, atol=1e-12,
        what=f"fold {fold}: after changing only the test rows of fold {fold}, its scaled training "
        "rows",
        source="the same rows before the change: the scaling statistics depend on test rows, "
        "so the test fold leaks into training",
    )


@points(2, category="properties")
@settings(max_examples=LEAK_EXAMPLES)
@given(problem=cv_problems())
def test_each_fold_gets_fresh_copies_of_the_scaler_and_the_estimator(candidate, sandbox, problem):
    scaler, estimator = run_with_spies(candidate, sandbox, problem)
    for role, spy in (("scaler", scaler), ("estimator", estimator)):
        if spy.is_fitted_:
            raise CheckFailed(
                f"scaled_cross_val_score fitted the {role} object it was given; each fold should "
                f"fit a fresh copy (copy.deepcopy) and leave the original untouched"
            )
        rows_by_instance: dict[int, set[frozenset[int] | None]] = {}
        for record in fit_records(spy.journal_):
            rows = record["y"] if role == "estimator" else record["X"]
            key = frozenset(np.asarray(rows, dtype=np.float64).ravel().tolist())
            rows_by_instance.setdefault(record["instance"], set()).add(key)
        reused = [rows for rows in rows_by_instance.values() if len(rows) > 1]
        if reused or len(rows_by_instance) < problem.n_splits:
            raise CheckFailed(
                f"scaled_cross_val_score fitted {len(rows_by_instance)} distinct {role} object(s) "
                f"for {problem.n_splits} folds"
                + (", one of them fitted on several different sets of rows" if reused else "")
                + f"; each fold needs a fresh copy of the {role}"
            )


@points(2, category="properties")
@settings(max_examples=LEAK_EXAMPLES)
@given(pair=paired_matrices())
def test_pipeline_predict_and_score_only_transform_with_the_fitted_scaler(
    candidate, sandbox, pair
):
    X, other = pair
    y = np.arange(X.shape[0], dtype=np.float64)
    scaler, model = spy_scaler(sandbox), spy_ridge(sandbox)
    pipeline = candidate.Pipeline([("scale", scaler), ("model", model)])
    pipeline.fit(X, y)
    fitted = SkStandardScaler().fit(X)
    seen = len(scaler.journal_)
    for method, call in (
        ("predict", lambda: pipeline.predict(other)),
        ("score", lambda: pipeline.score(other, np.arange(other.shape[0], dtype=np.float64))),
    ):
        call()
        journal = scaler.journal_
        refits = [record["event"] for record in journal[seen:] if record["event"] != "transform"]
        if refits:
            raise CheckFailed(
                f"Pipeline.{method} called {refits[0]} on the scaler step; at prediction time "
                "only transform may be called, with the statistics learned in fit (refitting on "
                "the rows being predicted leaks them into their own scaling)"
            )
        seen = len(journal)
        received = [record for record in model.journal_ if record["event"] == method][-1]
        expect_close(
            received["X"], fitted.transform(other), rtol=1e-9, atol=1e-9,
            what=f"the rows Pipeline.{method} passed to the final estimator",
            source="the rows transformed with the scaler fitted on the training data",
        )
