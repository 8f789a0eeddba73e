"""``cross_val_score`` on both sides: the candidate's (estimators built in the judge) and scikit-learn's.

Estimators are named by an import path and parameters (``Spec``): ``trusted`` builds one in the judge
for the candidate's call, ``local`` builds the same one for scikit-learn's. Spies journal every call
the candidate's code makes on its copies, so a check reads which rows each fold's copy saw.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np
from cross_validation_checks import calling
from cross_validation_strategies import Dataset
from sklearn import model_selection

from grader.testing import (
    CheckFailed,
    FloatArray,
    IntArray,
    expect_close,
    expect_shape,
    fit_records,
    listed,
    quietly,
    records,
    remembered,
    row_indices,
    spy_estimator,
    trusted,
)

Spec = tuple[str, dict[str, Any]]
Record = dict[str, Any]
LOGISTIC: Spec = ("sklearn.linear_model.LogisticRegression", {"solver": "newton-cholesky"})
RIDGE: Spec = ("sklearn.linear_model.Ridge", {"alpha": 0.5})
TREE: Spec = ("sklearn.tree.DecisionTreeClassifier", {"random_state": 0, "max_depth": 3})
SPIED = "sklearn.linear_model.LinearRegression"


def local(spec: Spec) -> Any:
    """The same estimator as ``trusted(*spec)``, built in the judge for scikit-learn's answer."""
    path, params = spec
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)(**params)


@remembered  # plain specs and arrays: computed once per input (DataFrames and splitter objects every time)
def sklearn_scores(spec: Spec, X: Any, y: Any, n_splits: int, scoring: str | None = None, cv: Any = None) -> FloatArray:
    """scikit-learn's ``cross_val_score`` with an unshuffled ``KFold`` (unless ``cv`` is given)."""
    splitter = cv if cv is not None else model_selection.KFold(n_splits)
    scores: FloatArray = quietly(
        model_selection.cross_val_score, local(spec), X, y, cv=splitter, scoring=scoring, error_score="raise"
    )
    return scores


def candidate_scores(
    candidate: Any, spec: Spec, X: Any, y: Any, cv: Any, scoring: str | None = None, *, what: str
) -> Any:
    """The candidate's ``cross_val_score`` on a trusted copy of ``spec`` (and a trusted scorer)."""
    path, params = spec
    options = {} if scoring is None else {"scoring": trusted("sklearn.metrics.get_scorer", scoring)}
    with calling(what):
        return candidate.cross_val_score(trusted(path, **params), X, y, cv=cv, **options)


def describe(spec: Spec, cv: object, scoring: str | None, inputs: str = "") -> str:
    name = spec[0].rpartition(".")[2]
    params = ", ".join(f"{key}={value!r}" for key, value in spec[1].items())
    extra = "" if scoring is None else f", scoring=get_scorer({scoring!r})"
    return f"cross_val_score({name}({params}), X, y{inputs}, cv={cv}{extra})"


def expect_scores(got: Any, expected: FloatArray, *, what: str, source: str) -> None:
    expect_shape(got, expected.shape, what=what)
    expect_close(got, expected, what=what, rtol=1e-9, atol=1e-12, source=source)


def kfold_source(n_splits: int) -> str:
    return f"scikit-learn's cross_val_score with cv=KFold({n_splits})"


def expect_sklearn_scores(
    candidate: Any, spec: Spec, data: Dataset, scoring: str | None = None, *, inputs: str = ""
) -> None:
    """The candidate's scores for ``data`` (int cv) equal scikit-learn's with an unshuffled ``KFold``."""
    what = describe(spec, data.n_splits, scoring, inputs)
    got = candidate_scores(candidate, spec, data.X, data.y, data.n_splits, scoring, what=what)
    expect_scores(
        got, sklearn_scores(spec, data.X, data.y, data.n_splits, scoring), what=what, source=kfold_source(data.n_splits)
    )


# ----------------------------------------------------------------------------- spies


def run_spied(candidate: Any, data: Dataset, cv: Any = None) -> tuple[list[Record], list[Record], Any]:
    """Score a spied linear regression with the candidate; its fit and score records, and the spy."""
    spy = spy_estimator(SPIED)
    with calling("cross_val_score(estimator, X, y, cv=...) on a LinearRegression"):
        candidate.cross_val_score(spy, data.X, data.y, cv=data.n_splits if cv is None else cv)
    journal = spy.journal_
    return fit_records(journal), records(journal, "score"), spy


def expected_folds(data: Dataset) -> list[tuple[IntArray, IntArray]]:
    return list(model_selection.KFold(data.n_splits).split(data.X))


def rows_seen(record: Record, data: Dataset, *, what: str) -> IntArray:
    """The sample numbers a spied call saw (the tag in the first column), checking the rows are intact."""
    X = np.asarray(record["X"], dtype=float)
    if X.ndim != 2 or X.shape[1] != data.X.shape[1]:
        raise CheckFailed(f"{what} received X of shape {X.shape}; expected rows of X with {data.X.shape[1]} columns")
    if row_indices(X, data.X) is None:
        raise CheckFailed(f"{what} received rows that are not rows of X")
    ids = X[:, 0].astype(np.int64)
    if record["y"] is not None and not np.array_equal(np.asarray(record["y"]), data.y[ids]):
        raise CheckFailed(f"{what} received y values that do not belong to its X rows")
    return ids


def expect_rows(seen: IntArray, expected: IntArray, *, what: str, kind: str, other: IntArray) -> None:
    """The rows a call saw are exactly ``expected`` (the fold's ``kind`` rows), each once."""
    if np.array_equal(np.sort(seen), expected):
        return
    stray = np.intersect1d(seen, other)
    if stray.size:
        side = "test" if kind == "training" else "training"
        raise CheckFailed(f"{what} must see exactly the fold's {kind} rows, but it saw {side} rows {listed(stray)}")
    clauses = [f"{what} must see exactly the fold's {kind} rows"]
    missing, extra = np.setdiff1d(expected, seen), np.setdiff1d(seen, expected)
    if missing.size:
        clauses.append(f"missing rows {listed(missing)}")
    if extra.size:
        clauses.append(f"unexpected rows {listed(extra)}")
    repeated = len(seen) - len(np.unique(seen))
    if repeated:
        clauses.append(f"{repeated} repeated")
    raise CheckFailed("; ".join(clauses))


def expect_fits_see_training_rows(
    fits: list[Record], folds: list[tuple[IntArray, IntArray]], data: Dataset, *, what: str
) -> None:
    """One fit per fold, each on exactly that fold's training rows."""
    if len(fits) != len(folds):
        raise CheckFailed(f"{what} called fit {len(fits)} times; expected one fit per fold, {len(folds)} in all")
    for fold, (record, (train, test)) in enumerate(zip(fits, folds, strict=True)):
        fit_what = f"{what}: the fit of fold {fold}"
        expect_rows(rows_seen(record, data, what=fit_what), train, what=fit_what, kind="training", other=test)
