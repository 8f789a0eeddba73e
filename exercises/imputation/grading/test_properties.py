"""``properties``: fold-wise fitting without leakage, state across calls, inputs left unchanged."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from imputation_checks import (
    expect_matrix,
    read_matrix,
    simple_label,
    sklearn_fold_imputation,
    sklearn_indicator,
    sklearn_knn,
    sklearn_simple,
)
from imputation_spies import in_target_order, record_for_targets, row_keys, run_with_spies
from imputation_strategies import CVProblem, KNNProblem, cv_problems, knn_problems, train_and_new

from grader.testing import (
    CheckFailed,
    FloatArray,
    expect_close,
    expect_equal,
    few_examples,
    fit_records,
    points,
    same_object,
)

LEAK_EXAMPLES = 8


@points(3, category="properties")
@few_examples(LEAK_EXAMPLES)
@given(problem=cv_problems())
def test_each_folds_imputer_is_fitted_on_that_folds_training_rows_only(candidate: Any, problem: CVProblem) -> None:
    imputer, _ = run_with_spies(candidate, problem)
    train_sets = [row_keys(problem.X[train]) for train, _ in problem.folds()]
    everything = row_keys(problem.X)
    fitted = []
    for record in fit_records(imputer.journal_):
        rows = row_keys(record["X"])
        if rows - everything:
            raise CheckFailed(
                f"imputed_cross_val_score called the imputer's {record['event']} on data that is not rows "
                "of X; each fold's imputer should be fitted on that fold's training rows of X"
            )
        if rows not in train_sets:
            leaked = (
                "all rows of X" if rows == everything else f"{rows.total()} rows that are not a fold's training rows"
            )
            raise CheckFailed(
                f"imputed_cross_val_score fitted the imputer on {leaked}: fitting on all rows (or on test "
                "rows) leaks the test fold into the imputation statistics. Each fold's imputer should be "
                "fitted on exactly that fold's training rows"
            )
        fitted.append(rows)
    for fold, train in enumerate(train_sets):
        if train not in fitted:
            raise CheckFailed(
                f"imputed_cross_val_score never fitted an imputer on the {train.total()} training rows of fold "
                f"{fold} (of {problem.cv} unshuffled folds, {len(fitted)} imputer fit(s) seen)"
            )


@points(2, category="properties")
@few_examples(LEAK_EXAMPLES)
@given(problem=cv_problems())
def test_each_fold_trains_and_scores_on_rows_imputed_with_the_training_statistics(
    candidate: Any, problem: CVProblem
) -> None:
    _, estimator = run_with_spies(candidate, problem)
    for fold, (train, test) in enumerate(problem.folds()):
        expected_train, expected_test = sklearn_fold_imputation(problem.X[train], problem.X[test])
        for event, rows, expected, kind in (
            ("fit", train, expected_train, "training"),
            ("score", test, expected_test, "test"),
        ):
            record = record_for_targets(estimator.journal_, event, problem.y[rows])
            if record is None:
                raise CheckFailed(
                    f"fold {fold}: estimator.{event} was never called with that fold's {kind} rows "
                    f"({len(rows)} rows, unshuffled KFold({problem.cv}))"
                )
            expect_close(
                in_target_order(record, problem.y[rows]),
                expected,
                rtol=1e-9,
                atol=1e-9,
                what=f"fold {fold}: the {kind} rows passed to estimator.{event}",
                source="the rows imputed by an imputer fitted on that fold's training rows only "
                "(fitting on all rows leaks)",
            )


@points(1, category="properties")
@few_examples(LEAK_EXAMPLES)
@given(problem=cv_problems())
def test_the_given_imputer_and_estimator_are_copied_not_fitted(candidate: Any, problem: CVProblem) -> None:
    imputer, estimator = run_with_spies(candidate, problem)
    for role, spy in (("imputer", imputer), ("estimator", estimator)):
        instances = {record["instance"] for record in fit_records(spy.journal_)}
        if spy.is_fitted_ or len(instances) < problem.cv:
            raise CheckFailed(
                f"imputed_cross_val_score fitted {len(instances)} distinct {role} object(s) for {problem.cv} "
                f"folds{' (the object it was given among them)' if spy.is_fitted_ else ''}; each fold needs a "
                f"fresh copy of the {role} (copy.deepcopy), the given one left unfitted"
            )


def _build(candidate: Any, kind: str, problem: KNNProblem) -> tuple[Any, str]:
    if kind == "KNNImputer":
        label = f"KNNImputer(n_neighbors={problem.n_neighbors}, weights={problem.weights!r})"
        return candidate.KNNImputer(n_neighbors=problem.n_neighbors, weights=problem.weights), label
    if kind == "MissingIndicator":
        return candidate.MissingIndicator(), "MissingIndicator()"
    return candidate.SimpleImputer(strategy=kind, add_indicator=True), simple_label(kind, add_indicator=True)


def _expected(kind: str, problem: KNNProblem, X: FloatArray, new: FloatArray) -> FloatArray:
    if kind == "KNNImputer":
        return sklearn_knn(X, new, problem.n_neighbors, problem.weights)[1]
    if kind == "MissingIndicator":
        return np.asarray(sklearn_indicator(X, new, "missing-only")[2], dtype=np.float64)
    return sklearn_simple(X, new, kind, None, True, False)[2]


kinds = st.sampled_from(["mean", "median", "KNNImputer", "MissingIndicator"])


@points(2, category="properties")
@given(first=knn_problems(), second=knn_problems(), kind=kinds)
def test_refitting_replaces_everything_the_first_fit_learned(
    candidate: Any, first: KNNProblem, second: KNNProblem, kind: str
) -> None:
    # The two fits may see different widths: everything learned from X1 must go.
    model, label = _build(candidate, kind, second)
    model.fit(first.X)
    model.transform(first.X)
    model.fit(second.X)
    expected = _expected(kind, second, second.X, second.new)
    expect_matrix(
        model.transform(second.new),
        expected,
        what=f"{label}: fit(X1), transform(X1), fit(X2), then transform(new rows)",
        source="the same object fitted on X2 alone",
        rtol=1e-7,
    )


@points(1, category="properties")
@given(problem=knn_problems(), kind=kinds)
def test_fit_returns_the_fitted_object_itself(candidate: Any, problem: KNNProblem, kind: str) -> None:
    model, label = _build(candidate, kind, problem)
    returned = model.fit(problem.X)
    if not same_object(returned, model):
        shown = "None" if returned is None else "another object"
        raise CheckFailed(f"{label}.fit(X) returned {shown}; expected the object itself (self)")
    expect_matrix(
        returned.transform(problem.new),
        _expected(kind, problem, problem.X, problem.new),
        what=f"{label}.fit(X).transform(new rows)",
        rtol=1e-7,
    )


@points(1, category="properties")
@given(problem=knn_problems(), kind=kinds)
def test_fit_transform_equals_fit_then_transform_and_leaves_x_unchanged(
    candidate: Any, sandbox: Any, problem: KNNProblem, kind: str
) -> None:
    model, label = _build(candidate, kind, problem)
    held = sandbox.hold(problem.X)
    result = read_matrix(model.fit_transform(held), what=f"{label}.fit_transform(X)")
    expect_equal(
        np.asarray(sandbox.read(held), dtype=np.float64),
        problem.X,
        what=f"X after {label}.fit_transform(X)",
        source="X before the call: the input was modified in place",
    )
    held_new = sandbox.hold(problem.new)
    model.transform(held_new)
    expect_equal(
        np.asarray(sandbox.read(held_new), dtype=np.float64),
        problem.new,
        what=f"new rows after {label}.transform(new rows)",
        source="the rows before the call: the input was modified in place",
    )
    expect_matrix(
        result,
        _expected(kind, problem, problem.X, problem.X),
        what=f"{label}.fit_transform(X)",
        source="fit(X).transform(X) as scikit-learn computes it",
        rtol=1e-7,
    )


@points(1, category="properties")
@given(data=train_and_new(), strategy=st.sampled_from(["mean", "median", "most_frequent", "constant"]))
def test_observed_entries_pass_through_and_holes_get_the_columns_statistic(
    candidate: Any, data: tuple[FloatArray, FloatArray], strategy: str
) -> None:
    X, new = data
    label = simple_label(strategy)
    imputer = candidate.SimpleImputer(strategy=strategy).fit(X)
    statistics, _, _ = sklearn_simple(X, new, strategy, None, False, False)
    result = read_matrix(imputer.transform(new), what=f"{label}.fit(X).transform(new rows)")
    expected = np.where(np.isnan(new), statistics, new)
    expect_close(
        result,
        expected,
        rtol=1e-9,
        atol=1e-9,
        what=f"{label}.fit(X).transform(new rows)",
        source="the new rows, each NaN replaced by its feature's statistic learned from X (observed entries unchanged)",
    )
