"""Invariants every correct solution keeps (category ``properties``).

No leakage first: fold scores alone cannot reveal it (a leaky score is just a slightly better
score), so those checks hand ``scaled_cross_val_score`` and ``Pipeline`` journaling spies that wrap
scikit-learn's ``StandardScaler`` and ``Ridge``, then read what candidate code did with them. Then
the scalers' own invariants: round trips, subsets of rows, inputs left unchanged, ``fit`` returning
``self``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from leakage_safe_scaling_checks import (
    ATOL,
    MIN_MAX_ATTRIBUTES,
    RTOL,
    SKLEARN,
    STANDARD_ATTRIBUTES,
    expect_attributes,
    make_scaler,
    read_scaled,
    scaler_kinds,
    sklearn_scaler,
)
from leakage_safe_scaling_spies import (
    describe_rows,
    estimator_calls,
    leak_diagnosis,
    record_for_targets,
    rows_in_target_order,
    run_with_spies,
    scaled_with_training_statistics,
    spy_ridge,
    spy_scaler,
)
from leakage_safe_scaling_strategies import (
    CVProblem,
    constant_columns_and_new_rows,
    cv_problems,
    feature_ranges,
    matrices,
    paired_matrices,
    refit_problems,
)
from sklearn import preprocessing
from sklearn.linear_model import Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from grader.testing import (
    CheckFailed,
    FloatArray,
    IntArray,
    expect_close,
    expect_equal,
    few_examples,
    fit_records,
    points,
    quietly,
    row_indices,
    same_object,
)

LEAK_EXAMPLES = 10


@points(2, category="properties")
@few_examples(LEAK_EXAMPLES)
@given(problem=cv_problems())
def test_each_folds_scaler_is_fitted_on_exactly_that_folds_training_rows(candidate: Any, problem: CVProblem) -> None:
    scaler, _ = run_with_spies(candidate, problem)
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
@few_examples(LEAK_EXAMPLES)
@given(problem=cv_problems())
def test_each_fold_scores_its_test_rows_scaled_with_the_training_statistics(candidate: Any, problem: CVProblem) -> None:
    _, estimator = run_with_spies(candidate, problem)
    fits, scores = estimator_calls(estimator, "fit"), estimator_calls(estimator, "score")
    for fold, (train, test) in enumerate(problem.folds()):
        expected_train, expected_test = scaled_with_training_statistics(problem, fold)
        for calls, rows, expected, method, kind in (
            (fits, train, expected_train, "fit", "training"),
            (scores, test, expected_test, "score", "test"),
        ):
            record = record_for_targets(calls, problem.y[rows])
            if record is None:
                raise CheckFailed(
                    f"fold {fold}: estimator.{method} was never called with that fold's {kind} "
                    f"rows ({len(rows)} rows; {len(calls)} {method} call(s) seen)"
                )
            received = rows_in_target_order(record, problem.y[rows])
            try:
                expect_close(
                    received,
                    expected,
                    rtol=1e-9,
                    atol=1e-9,
                    what=f"fold {fold}: the {kind} rows passed to estimator.{method}",
                    source="the rows scaled with the statistics of that fold's training rows",
                )
            except CheckFailed as error:
                diagnosis = leak_diagnosis(received, problem, fold) if kind == "test" else ""
                raise CheckFailed(f"{diagnosis}{error}") from None


@points(1, category="properties")
@few_examples(LEAK_EXAMPLES)
@given(problem=cv_problems(), data=st.data())
def test_changing_a_folds_test_rows_leaves_its_training_statistics_unchanged(
    candidate: Any, problem: CVProblem, data: st.DataObject
) -> None:
    fold = data.draw(st.integers(0, problem.n_splits - 1), label="fold")
    train, test = problem.folds()[fold]
    changed_X = problem.X.copy()
    changed_X[test] = problem.X[test] * 2.0 + 100.0
    changed = CVProblem(X=changed_X, y=problem.y, n_splits=problem.n_splits)
    scaled_train = []
    for run in (problem, changed):
        _, estimator = run_with_spies(candidate, run)
        record = record_for_targets(estimator_calls(estimator, "fit"), problem.y[train])
        if record is None:
            raise CheckFailed(f"fold {fold}: estimator.fit was never called with that fold's training rows")
        scaled_train.append(rows_in_target_order(record, problem.y[train]))
    expect_close(
        scaled_train[1],
        scaled_train[0],
        rtol=1e-12,
        atol=1e-12,
        what=f"fold {fold}: after changing only the test rows of fold {fold}, its scaled training rows",
        source="the same rows before the change: the scaling statistics depend on test rows, "
        "so the test fold leaks into training",
    )


@points(2, category="properties")
@few_examples(LEAK_EXAMPLES)
@given(problem=cv_problems())
def test_each_fold_gets_fresh_copies_of_the_scaler_and_the_estimator(candidate: Any, problem: CVProblem) -> None:
    scaler, estimator = run_with_spies(candidate, problem)
    for role, spy in (("scaler", scaler), ("estimator", estimator)):
        if spy.is_fitted_:
            raise CheckFailed(
                f"scaled_cross_val_score fitted the {role} object it was given; each fold should "
                "fit a fresh copy (copy.deepcopy) and leave the original untouched"
            )
        rows_by_instance: dict[int, set[frozenset[float]]] = {}
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
@few_examples(LEAK_EXAMPLES)
@given(pair=paired_matrices())
def test_pipeline_predict_and_score_only_transform_with_the_fitted_scaler(
    candidate: Any, pair: tuple[FloatArray, FloatArray]
) -> None:
    X, other = pair
    y = np.arange(X.shape[0], dtype=np.float64)
    scaler, model = spy_scaler(), spy_ridge()
    pipeline = candidate.Pipeline([("scale", scaler), ("model", model)])
    pipeline.fit(X, y)
    fitted = StandardScaler().fit(X)
    seen = len(scaler.journal_)
    for method in ("predict", "score"):
        if method == "predict":
            pipeline.predict(other)
        else:
            pipeline.score(other, np.arange(other.shape[0], dtype=np.float64))
        journal = scaler.journal_
        refits = [record["event"] for record in journal[seen:] if record["event"] != "transform"]
        if refits:
            raise CheckFailed(
                f"Pipeline.{method} called {refits[0]} on the scaler step; at prediction time "
                "only transform may be called, with the statistics learned in fit (refitting on "
                "the rows being predicted leaks them into their own scaling)"
            )
        seen = len(journal)
        calls = estimator_calls(model, method)
        if not calls:
            raise CheckFailed(f"Pipeline.{method} never called the final estimator's {method}")
        expect_close(
            calls[-1]["X"],
            fitted.transform(other),
            rtol=1e-9,
            atol=1e-9,
            what=f"the rows Pipeline.{method} passed to the final estimator",
            source="the rows transformed with the scaler fitted on the training data",
        )


@points(1, category="properties")
@given(pair=paired_matrices(), kind=scaler_kinds, feature_range=feature_ranges())
def test_inverse_transform_undoes_transform(
    candidate: Any, pair: tuple[FloatArray, FloatArray], kind: str, feature_range: tuple[float, float]
) -> None:
    X, other = pair
    scaler, label = make_scaler(candidate, kind, feature_range)
    scaler.fit(X)
    rows = np.vstack([X, other])
    round_trip = scaler.inverse_transform(scaler.transform(rows))
    expect_close(
        round_trip,
        rows,
        rtol=1e-9,
        atol=1e-9 * max(1.0, float(np.abs(rows).max())),
        what=f"{label}.inverse_transform(transform(X)) after fit",
        source="X itself (inverse_transform should undo transform)",
    )


@points(1, category="properties")
@given(pair=paired_matrices(), kind=scaler_kinds, feature_range=feature_ranges(), data=st.data())
def test_transforming_a_subset_of_rows_gives_the_same_rows_as_transforming_all(
    candidate: Any,
    pair: tuple[FloatArray, FloatArray],
    kind: str,
    feature_range: tuple[float, float],
    data: st.DataObject,
) -> None:
    X, other = pair
    rows = np.vstack([X, other])
    subset = data.draw(
        st.lists(st.integers(0, rows.shape[0] - 1), min_size=1, max_size=rows.shape[0] - 1, unique=True),
        label="subset",
    )
    scaler, label = make_scaler(candidate, kind, feature_range)
    scaler.fit(X)
    everything = read_scaled(scaler.transform(rows), what=f"{label}.transform(rows)")
    expect_close(
        scaler.transform(rows[subset]),
        everything[subset],
        rtol=1e-12,
        atol=1e-12,
        what=f"{label}.transform(rows[subset]) after fit",
        source="the same rows of transform(rows): transform must use only the statistics learned "
        "in fit, so a subset of rows is scaled the same way as the whole",
    )


@points(1, category="properties")
@given(pair=paired_matrices(), kind=scaler_kinds, feature_range=feature_ranges())
def test_fit_transform_and_transform_leave_their_input_unchanged(
    candidate: Any,
    sandbox: Any,
    pair: tuple[FloatArray, FloatArray],
    kind: str,
    feature_range: tuple[float, float],
) -> None:
    X, other = pair
    # Arguments are copied into the worker, so an in-place change is invisible in the judge's copy.
    # The input is sent ahead and kept in the worker (``sandbox.hold``); the candidate's scaler gets
    # that very array, and reading it back afterwards shows it as the candidate left it.
    for method, data in (("fit_transform", X), ("transform", other)):
        scaler, label = make_scaler(candidate, kind, feature_range)
        if method == "transform":
            scaler.fit(X)
        held = sandbox.hold(data)
        result = getattr(scaler, method)(held)
        after = np.asarray(sandbox.read(held), dtype=np.float64)
        expect_equal(
            after,
            data,
            what=f"X after {label}.{method}(X)",
            source="X before the call: the input was modified in place",
        )
        # Leaving the input alone only counts with the right result.
        expected = sklearn_scaler(kind, feature_range).fit(X).transform(data)
        expect_close(result, expected, rtol=RTOL, atol=ATOL, what=f"{label}.{method}(X)", source=SKLEARN)


@points(1, category="properties")
@given(X=matrices(), feature_range=feature_ranges())
def test_fit_returns_the_object_itself(candidate: Any, X: FloatArray, feature_range: tuple[float, float]) -> None:
    y = np.arange(X.shape[0], dtype=np.float64)
    objects = [
        ("StandardScaler().fit(X)", candidate.StandardScaler(), (X,), preprocessing.StandardScaler()),
        (
            f"MinMaxScaler({feature_range}).fit(X)",
            candidate.MinMaxScaler(feature_range),
            (X,),
            preprocessing.MinMaxScaler(feature_range),
        ),
        ("Pipeline([Ridge()]).fit(X, y)", candidate.Pipeline([("ridge", Ridge())]), (X, y), Ridge()),
    ]
    for label, instance, args, expected in objects:
        returned = instance.fit(*args)
        if not same_object(returned, instance):
            shown = "None" if returned is None else "another object"
            raise CheckFailed(f"{label} returned {shown}; expected the object itself (self)")
        # The object returned must also be the fitted one: the same answers as scikit-learn's.
        fitted = quietly(expected.fit, *args)
        if isinstance(expected, Ridge):
            expect_close(
                returned.predict(X), fitted.predict(X), rtol=1e-7, atol=1e-9, what=f"{label}.predict(X)", source=SKLEARN
            )
        else:
            expect_close(
                returned.transform(X),
                fitted.transform(X),
                rtol=RTOL,
                atol=ATOL,
                what=f"{label}.transform(X)",
                source=SKLEARN,
            )


@points(1, category="properties")
@given(data=constant_columns_and_new_rows(), feature_range=feature_ranges())
def test_new_rows_are_scaled_with_the_training_statistics_even_in_constant_features(
    candidate: Any, data: tuple[FloatArray, IntArray, FloatArray], feature_range: tuple[float, float]
) -> None:
    X, constant, new_rows = data
    for kind in ("StandardScaler", "MinMaxScaler"):
        scaler, label = make_scaler(candidate, kind, feature_range)
        scaler.fit(X)
        expected = sklearn_scaler(kind, feature_range).fit(X).transform(new_rows)
        expect_close(
            scaler.transform(new_rows),
            expected,
            rtol=RTOL,
            atol=ATOL,
            what=f"{label}.fit(X).transform(new rows), X with constant column(s) {constant.tolist()}",
            source="scikit-learn: new rows follow the same formula as the training rows, so a new "
            "value in a feature constant in training is shifted by the training statistics, not set to a "
            "fixed value",
        )


@points(1, category="properties")
@given(data=refit_problems(), kind=scaler_kinds, feature_range=feature_ranges())
def test_refitting_replaces_everything_the_first_fit_learned(
    candidate: Any, data: tuple[FloatArray, FloatArray, FloatArray], kind: str, feature_range: tuple[float, float]
) -> None:
    first, second, new_rows = data
    scaler, label = make_scaler(candidate, kind, feature_range)
    scaler.fit(first)
    scaler.transform(first)
    scaler.inverse_transform(first)
    scaler.fit(second)
    expected = sklearn_scaler(kind, feature_range).fit(second)
    what = f"{label} refitted (fit(X1), transform(X1), then fit(X2))"
    names = STANDARD_ATTRIBUTES if kind == "StandardScaler" else MIN_MAX_ATTRIBUTES
    expect_attributes(scaler, expected, names, what, source="a scaler fitted on X2 alone")
    expect_close(
        scaler.transform(new_rows),
        expected.transform(new_rows),
        rtol=RTOL,
        atol=ATOL,
        what=f"{what}.transform(new rows)",
        source="a scaler fitted on X2 alone",
    )
    expect_close(
        scaler.fit_transform(first),
        expected.fit(first).transform(first),
        rtol=RTOL,
        atol=ATOL,
        what=f"{what}, refitted once more with fit_transform(X1)",
        source="a scaler fitted on X1 alone",
    )
    y_first, y_second = first.sum(axis=1), second @ np.linspace(1.0, 2.0, second.shape[1])
    pipeline = candidate.Pipeline([("scale", make_scaler(candidate, kind, feature_range)[0]), ("ridge", Ridge())])
    pipeline.fit(first, y_first)
    pipeline.predict(first)
    pipeline.fit(second, y_second)
    reference_pipeline = quietly(make_pipeline(sklearn_scaler(kind, feature_range), Ridge()).fit, second, y_second)
    expect_close(
        pipeline.predict(new_rows),
        reference_pipeline.predict(new_rows),
        rtol=1e-7,
        atol=1e-9,
        what=f"Pipeline([{label}, Ridge()]) refitted on (X2, y2): predict(new rows)",
        source="a pipeline fitted on (X2, y2) alone",
    )
