"""cross_val_score: scikit-learn's scores, and what each fold's copy was fitted and scored on."""

from __future__ import annotations

import importlib
import warnings

import numpy as np
import pandas as pd
from cross_validation_checks import listed
from cross_validation_strategies import (
    Dataset,
    classification_data,
    regression_data,
    tagged_rows,
)
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from sklearn import model_selection
from sklearn.preprocessing import StandardScaler

from grader.datasets import load_dataset
from grader.testing import CheckFailed, expect_close, expect_equal, expect_shape, points, trusted

# Every step of these checks fits estimators in both processes, and shrinking a failure would take
# hundreds of steps; they report the first failing example instead, which Hypothesis draws small.
WITHOUT_SHRINKING = (Phase.explicit, Phase.reuse, Phase.generate)
LOGISTIC = ("sklearn.linear_model.LogisticRegression", {"solver": "newton-cholesky"})
RIDGE = ("sklearn.linear_model.Ridge", {"alpha": 0.5})
TREE = ("sklearn.tree.DecisionTreeClassifier", {"random_state": 0, "max_depth": 3})


def local(spec: tuple[str, dict[str, object]]):
    """The same estimator as ``trusted(spec)``, built in the judge for scikit-learn's answer."""
    path, params = spec
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)(**params)


def sklearn_scores(spec, X, y, n_splits: int, scoring: str | None = None, cv=None):
    """scikit-learn's ``cross_val_score`` with an unshuffled ``KFold`` (unless ``cv`` is given)."""
    splitter = cv if cv is not None else model_selection.KFold(n_splits)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model_selection.cross_val_score(
            local(spec), X, y, cv=splitter, scoring=scoring, error_score="raise"
        )


def candidate_scores(candidate, spec, X, y, cv, scoring: str | None = None):
    path, params = spec
    options = {} if scoring is None else {"scoring": trusted("sklearn.metrics.get_scorer", scoring)}
    return candidate.cross_val_score(trusted(path, **params), X, y, cv=cv, **options)


def describe(spec, cv, scoring: str | None, inputs: str = "") -> str:
    name = spec[0].rpartition(".")[2]
    params = ", ".join(f"{key}={value!r}" for key, value in spec[1].items())
    extra = "" if scoring is None else f", scoring=get_scorer({scoring!r})"
    return f"cross_val_score({name}({params}), X, y{inputs}, cv={cv}{extra})"


def expect_sklearn_scores(candidate, spec, data: Dataset, scoring: str | None = None) -> None:
    what = describe(spec, data.n_splits, scoring)
    got = candidate_scores(candidate, spec, data.X, data.y, data.n_splits, scoring)
    expected = sklearn_scores(spec, data.X, data.y, data.n_splits, scoring)
    expect_shape(got, expected.shape, what=what)
    expect_close(
        got,
        expected,
        what=what,
        rtol=1e-9,
        atol=1e-12,
        source=f"scikit-learn's cross_val_score with cv=KFold({data.n_splits})",
    )


# ----------------------------------------------------------------------------- matches_reference


@points(2, category="matches_reference")
def test_the_worked_example_scores_one_third_then_one_then_one(candidate):
    y = np.array([0, 0, 1, 1, 1, 1, 1])
    what = 'cross_val_score(DummyClassifier(strategy="most_frequent"), zeros((7, 1)), y, cv=3)'
    got = candidate.cross_val_score(
        trusted("sklearn.dummy.DummyClassifier", strategy="most_frequent"),
        np.zeros((7, 1)),
        y,
        cv=3,
    )
    expect_close(
        got, np.array([1 / 3, 1.0, 1.0]), what=what, rtol=1e-12, source="the worked example"
    )


# ----------------------------------------------------------------------------- matches_sklearn


@points(2, category="matches_sklearn")
@settings(max_examples=10, phases=WITHOUT_SHRINKING)
@given(data=classification_data())
def test_scores_equal_sklearns_for_a_linear_classifier_and_its_own_score(candidate, data):
    expect_sklearn_scores(candidate, LOGISTIC, data)


@points(2, category="matches_sklearn")
@settings(max_examples=12, phases=WITHOUT_SHRINKING)
@given(data=regression_data(), scoring=st.sampled_from(["neg_mean_squared_error", None]))
def test_scores_equal_sklearns_for_a_regressor_with_either_kind_of_scoring(
    candidate, data, scoring
):
    expect_sklearn_scores(candidate, RIDGE, data, scoring)


@points(2, category="matches_sklearn")
@settings(max_examples=10, phases=WITHOUT_SHRINKING)
@given(data=classification_data(), scoring=st.sampled_from(["balanced_accuracy", None]))
def test_scores_equal_sklearns_for_a_seeded_tree_with_either_kind_of_scoring(
    candidate, data, scoring
):
    expect_sklearn_scores(candidate, TREE, data, scoring)


@points(2, category="matches_sklearn")
def test_scores_equal_sklearns_on_the_wine_data(candidate):
    X, y = load_dataset("wine")
    # Standardised so that the logistic regression converges in its default iterations.
    X = StandardScaler().fit_transform(X)
    for spec, n_splits, scoring in (
        (LOGISTIC, 5, None),
        (TREE, 3, "accuracy"),
        (LOGISTIC, 4, "f1_macro"),
    ):
        what = describe(spec, n_splits, scoring) + " on the wine data"
        got = candidate_scores(candidate, spec, X, y, n_splits, scoring)
        expected = sklearn_scores(spec, X, y, n_splits, scoring)
        expect_close(
            got,
            expected,
            what=what,
            rtol=1e-9,
            atol=1e-12,
            source=f"scikit-learn's cross_val_score with cv=KFold({n_splits})",
        )


@points(2, category="matches_sklearn")
@settings(max_examples=8, phases=WITHOUT_SHRINKING)
@given(
    data=classification_data(),
    seed=st.integers(0, 2**32 - 1),
    model=st.sampled_from([(LOGISTIC, None), (TREE, "accuracy")]),
)
def test_scores_equal_sklearns_for_a_dataframe_and_series_with_any_index(
    candidate, data, seed, model
):
    spec, scoring = model
    rng = np.random.default_rng(seed)
    index = rng.permutation(len(data.y)) * 10
    X = pd.DataFrame(data.X, columns=[f"x{j}" for j in range(data.X.shape[1])], index=index)
    y = pd.Series(data.y, index=index)
    what = describe(
        spec,
        data.n_splits,
        scoring,
        inputs=" as a DataFrame and Series with a shuffled index (rows are taken by position)",
    )
    got = candidate_scores(candidate, spec, X, y, data.n_splits, scoring)
    expected = sklearn_scores(spec, data.X, data.y, data.n_splits, scoring)
    expect_close(
        got,
        expected,
        what=what,
        rtol=1e-9,
        atol=1e-12,
        source=f"scikit-learn's cross_val_score with cv=KFold({data.n_splits})",
    )


@points(1, category="matches_sklearn")
@settings(max_examples=8, phases=WITHOUT_SHRINKING)
@given(data=regression_data())
def test_scores_equal_sklearns_for_plain_lists(candidate, data):
    what = describe(RIDGE, data.n_splits, None, inputs=" as Python lists")
    got = candidate_scores(candidate, RIDGE, data.X.tolist(), data.y.tolist(), data.n_splits)
    expected = sklearn_scores(RIDGE, data.X, data.y, data.n_splits)
    expect_close(
        got,
        expected,
        what=what,
        rtol=1e-9,
        atol=1e-12,
        source=f"scikit-learn's cross_val_score with cv=KFold({data.n_splits})",
    )


@points(2, category="matches_sklearn")
@settings(max_examples=8, phases=WITHOUT_SHRINKING)
@given(data=classification_data(min_samples=20))
def test_an_int_cv_means_unshuffled_kfold_even_for_a_classifier(candidate, data):
    # Sorting by label makes StratifiedKFold (scikit-learn's default for classifiers) differ
    # from KFold; a tree can be fitted on a single class, so every fold works.
    order = np.argsort(data.y, kind="stable")
    X, y = data.X[order], data.y[order]
    what = describe(TREE, data.n_splits, None, inputs=" sorted by class") + (
        f" (an int cv means KFold(n_splits={data.n_splits}), not StratifiedKFold)"
    )
    got = candidate_scores(candidate, TREE, X, y, data.n_splits)
    expected = sklearn_scores(TREE, X, y, data.n_splits)
    expect_close(
        got,
        expected,
        what=what,
        rtol=1e-9,
        atol=1e-12,
        source=f"scikit-learn's cross_val_score with cv=KFold({data.n_splits})",
    )


@points(1, category="matches_sklearn")
@settings(max_examples=8, phases=WITHOUT_SHRINKING)
@given(data=regression_data(min_samples=12), seed=st.integers(0, 2**31 - 1))
def test_a_splitter_object_given_as_cv_decides_the_folds(candidate, data, seed):
    splitter = (
        "sklearn.model_selection.KFold",
        {"n_splits": data.n_splits, "shuffle": True, "random_state": seed},
    )
    what = describe(
        RIDGE, f"KFold(n_splits={data.n_splits}, shuffle=True, random_state={seed})", None
    )
    got = candidate.cross_val_score(
        trusted(RIDGE[0], **RIDGE[1]), data.X, data.y, cv=trusted(splitter[0], **splitter[1])
    )
    expected = sklearn_scores(
        RIDGE, data.X, data.y, data.n_splits, cv=model_selection.KFold(**splitter[1])
    )
    expect_close(
        got,
        expected,
        what=what,
        rtol=1e-9,
        atol=1e-12,
        source="scikit-learn's cross_val_score with the same splitter",
    )


# ----------------------------------------------------------------------------- properties (spies)


def spy_on(sandbox):
    """A spy around a linear regression, and its own instance id."""
    spy = sandbox.build("grader.spies.SpyEstimator", inner="sklearn.linear_model.LinearRegression")
    # Reading the journal creates it now, so that every copy made later shares it.
    spy.journal_  # noqa: B018
    return spy, spy.instance_id_


def run_spied(candidate, sandbox, data: Dataset):
    """Score a spy with the candidate; return the journal's fit and score events, and the spy."""
    spy, original = spy_on(sandbox)
    candidate.cross_val_score(spy, data.X, data.y, cv=data.n_splits)
    journal = spy.journal_
    fits = [record for record in journal if record["event"] == "fit"]
    scores = [record for record in journal if record["event"] == "score"]
    return fits, scores, spy, original


def expected_folds(data: Dataset) -> list[tuple[np.ndarray, np.ndarray]]:
    return list(model_selection.KFold(data.n_splits).split(data.X))


def rows_seen(record: dict, data: Dataset, *, what: str) -> np.ndarray:
    """The sample numbers a spied call saw (first column), checking the rows are intact."""
    X = np.asarray(record["X"], dtype=float)
    if X.ndim != 2 or X.shape[1] != data.X.shape[1]:
        raise CheckFailed(
            f"{what} received X of shape {X.shape}; expected rows of X with {data.X.shape[1]} "
            "columns"
        )
    ids = X[:, 0].astype(np.int64)
    if np.any(ids < 0) or np.any(ids >= len(data.y)) or not np.array_equal(X, data.X[ids]):
        raise CheckFailed(f"{what} received rows that are not rows of X")
    if record["y"] is not None and not np.array_equal(np.asarray(record["y"]), data.y[ids]):
        raise CheckFailed(f"{what} received y values that do not belong to its X rows")
    return ids


def expect_rows(
    seen: np.ndarray, expected: np.ndarray, *, what: str, kind: str, other: np.ndarray
) -> None:
    if np.array_equal(np.sort(seen), expected):
        return
    stray = np.intersect1d(seen, other)
    if stray.size:
        side = "test" if kind == "training" else "training"
        raise CheckFailed(
            f"{what} must see exactly the fold's {kind} rows, but it saw {side} rows "
            f"{listed(stray)}; expected rows {listed(expected)}"
        )
    raise CheckFailed(
        f"{what} must see exactly the fold's {kind} rows {listed(expected)}; it saw rows "
        f"{listed(np.sort(seen))}"
    )


@points(2, category="properties")
@settings(max_examples=10, phases=WITHOUT_SHRINKING)
@given(data=regression_data().map(tagged_rows))
def test_every_fold_fits_a_new_copy_of_the_estimator(candidate, sandbox, data):
    fits, _, _, original = run_spied(candidate, sandbox, data)
    what = f"cross_val_score(estimator, X, y, cv={data.n_splits})"
    if len(fits) != data.n_splits:
        raise CheckFailed(
            f"{what} called fit {len(fits)} times; expected one fit per fold, {data.n_splits} in "
            "all"
        )
    instances = [record["instance"] for record in fits]
    if original in instances:
        raise CheckFailed(
            f"{what} fitted the estimator it was given (fold "
            f"{instances.index(original)}); each fold must fit a fresh copy"
        )
    if len(set(instances)) != len(instances):
        first = next(i for i, inst in enumerate(instances) if instances.index(inst) != i)
        raise CheckFailed(
            f"{what} fitted the same object in fold {instances.index(instances[first])}"
            f" and fold {first}; each fold must fit a fresh copy of the estimator"
        )


@points(2, category="properties")
@settings(max_examples=10, phases=WITHOUT_SHRINKING)
@given(data=regression_data().map(tagged_rows))
def test_each_fit_sees_exactly_its_folds_training_rows(candidate, sandbox, data):
    fits, _, _, _ = run_spied(candidate, sandbox, data)
    what = f"cross_val_score(estimator, X, y, cv={data.n_splits})"
    folds = expected_folds(data)
    if len(fits) != len(folds):
        raise CheckFailed(
            f"{what} called fit {len(fits)} times; expected one fit per fold, {len(folds)} in all"
        )
    for fold, (record, (train, test)) in enumerate(zip(fits, folds, strict=True)):
        fit_what = f"{what}: the fit of fold {fold}"
        seen = rows_seen(record, data, what=fit_what)
        expect_rows(seen, train, what=fit_what, kind="training", other=test)


@points(2, category="properties")
@settings(max_examples=10, phases=WITHOUT_SHRINKING)
@given(data=regression_data().map(tagged_rows))
def test_each_score_sees_exactly_its_folds_test_rows(candidate, sandbox, data):
    fits, scores, _, _ = run_spied(candidate, sandbox, data)
    what = f"cross_val_score(estimator, X, y, cv={data.n_splits})"
    folds = expected_folds(data)
    if len(scores) != len(folds):
        raise CheckFailed(
            f"{what} called score {len(scores)} times; expected one score per fold, {len(folds)} "
            "in all"
        )
    for fold, (record, (train, test)) in enumerate(zip(scores, folds, strict=True)):
        score_what = f"{what}: the score of fold {fold}"
        seen = rows_seen(record, data, what=score_what)
        expect_rows(seen, test, what=score_what, kind="test", other=train)
        if fold < len(fits) and record["instance"] != fits[fold]["instance"]:
            raise CheckFailed(
                f"{score_what} was computed by another object than the copy fitted in that fold"
            )


@points(1, category="properties")
@settings(max_examples=5, phases=WITHOUT_SHRINKING)
@given(data=regression_data().map(tagged_rows))
def test_the_estimator_passed_in_is_never_fitted(candidate, sandbox, data):
    _, _, spy, _ = run_spied(candidate, sandbox, data)
    if spy.is_fitted_:
        raise CheckFailed(
            f"cross_val_score(estimator, X, y, cv={data.n_splits}) fitted the "
            "estimator it was given; it must stay unfitted (fit copies only)"
        )


@points(1, category="properties")
@settings(max_examples=8, phases=WITHOUT_SHRINKING)
@given(data=regression_data(min_samples=12).map(tagged_rows), seed=st.integers(0, 2**31 - 1))
def test_a_splitter_objects_folds_decide_the_rows_each_copy_sees(candidate, sandbox, data, seed):
    spy, _ = spy_on(sandbox)
    params = {"n_splits": data.n_splits, "shuffle": True, "random_state": seed}
    what = f"cross_val_score(estimator, X, y, cv=KFold({data.n_splits}, shuffle=True, ...))"
    candidate.cross_val_score(
        spy, data.X, data.y, cv=trusted("sklearn.model_selection.KFold", **params)
    )
    fits = [record for record in spy.journal_ if record["event"] == "fit"]
    folds = list(model_selection.KFold(**params).split(data.X))
    expect_equal(
        len(fits), len(folds), what=f"{what}: the number of fits", source="the splitter's folds"
    )
    for fold, (record, (train, test)) in enumerate(zip(fits, folds, strict=True)):
        seen = rows_seen(record, data, what=f"{what}: the fit of fold {fold}")
        expect_rows(
            seen, train, what=f"{what}: the fit of fold {fold}", kind="training", other=test
        )


# ----------------------------------------------------------------------------- edge_cases


def leave_one_out(data: Dataset) -> Dataset:
    """The same data with one fold per sample (a tree fits even a single-class training fold)."""
    return Dataset(X=data.X, y=data.y, n_splits=len(data.y))


@points(1, category="edge_cases")
@settings(max_examples=6, phases=WITHOUT_SHRINKING)
@given(data=classification_data(min_samples=4, max_samples=12).map(leave_one_out))
def test_leave_one_out_scores_equal_sklearns(candidate, data):
    n_samples = len(data.y)
    what = describe(TREE, n_samples, None) + " (n_splits == n_samples: leave-one-out)"
    got = candidate_scores(candidate, TREE, data.X, data.y, n_samples)
    expected = sklearn_scores(TREE, data.X, data.y, n_samples)
    expect_close(
        got,
        expected,
        what=what,
        rtol=1e-9,
        atol=1e-12,
        source=f"scikit-learn's cross_val_score with cv=KFold({n_samples})",
    )


@points(1, category="edge_cases")
@settings(max_examples=8, phases=WITHOUT_SHRINKING)
@given(data=classification_data(n_features=1))
def test_one_feature_scores_equal_sklearns(candidate, data):
    what = describe(LOGISTIC, data.n_splits, None, inputs=" with X of shape (n_samples, 1)")
    got = candidate_scores(candidate, LOGISTIC, data.X, data.y, data.n_splits)
    expected = sklearn_scores(LOGISTIC, data.X, data.y, data.n_splits)
    expect_close(
        got,
        expected,
        what=what,
        rtol=1e-9,
        atol=1e-12,
        source=f"scikit-learn's cross_val_score with cv=KFold({data.n_splits})",
    )
