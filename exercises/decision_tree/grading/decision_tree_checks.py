"""Read what a fitted tree does, as data, and compare two trees by it.

A tree is judged by its behaviour, never its internals: predictions (and probabilities) on the
training rows and on new rows, ``get_depth()``, ``get_n_leaves()``, ``feature_importances_`` and
``classes_``. The same reader serves candidate models (through the proxy), the reference and
scikit-learn's trees, which share the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from decision_tree_data import Problem
from sklearn.tree import DecisionTreeClassifier as SklearnClassifier
from sklearn.tree import DecisionTreeRegressor as SklearnRegressor

from grader.testing import (
    CheckFailed,
    FloatArray,
    brief,
    expect_close,
    expect_equal,
    read_array,
    read_floats,
    read_whole_number,
)

IMPORTANCE_RTOL = 1e-9
PROBA_ATOL = 1e-12
VALUE_RTOL = 1e-9
SHAPE_HINT = (
    "; the trees differ in shape: the best split minimises N_L * impurity(left) + N_R * impurity(right) "
    "(children weighted by their sizes), and a node stops only by the statement's rules"
)
THRESHOLD_HINT = (
    "; the training rows agree, so the splits partition them alike: are the thresholds halfway "
    "between consecutive distinct values, and does x <= threshold go left?"
)


@dataclass(frozen=True)
class TreeView:
    """What a fitted tree does on given rows."""

    depth: int
    leaves: int
    importances: FloatArray
    train: np.ndarray[Any, Any]
    queries: np.ndarray[Any, Any]
    proba_train: FloatArray | None = None
    proba_queries: FloatArray | None = None
    classes: np.ndarray[Any, Any] | None = None


def kind_of(problem: Problem) -> str:
    return "DecisionTreeRegressor" if problem.criterion == "squared_error" else "DecisionTreeClassifier"


def constructor_kwargs(problem: Problem) -> dict[str, Any]:
    return {"criterion": problem.criterion, **problem.params.kwargs()}


def fit_candidate(candidate: Any, problem: Problem) -> Any:
    return getattr(candidate, kind_of(problem))(**constructor_kwargs(problem)).fit(problem.X, problem.y)


def fit_reference(reference: Any, problem: Problem) -> Any:
    return getattr(reference, kind_of(problem))(**constructor_kwargs(problem)).fit(problem.X, problem.y)


def fit_sklearn(problem: Problem, random_state: int = 0) -> Any:
    kind = SklearnRegressor if problem.criterion == "squared_error" else SklearnClassifier
    return kind(random_state=random_state, **constructor_kwargs(problem)).fit(problem.X, problem.y)


def read_view(model: Any, X: Any, queries: Any, *, classifier: bool, n_features: int, what: str) -> TreeView:
    """Everything the tree does on ``X`` and ``queries``, read back and checked for form."""
    n_train, n_queries = len(X), len(queries)
    depth = read_whole_number(model.get_depth(), what=f"{what}.get_depth()", low=0)
    leaves = read_whole_number(model.get_n_leaves(), what=f"{what}.get_n_leaves()", low=1)
    importances = read_floats(model.feature_importances_, what=f"{what}.feature_importances_", shape=(n_features,))
    if not classifier:
        train = read_floats(model.predict(X), what=f"{what}.predict(X)", shape=(n_train,))
        queried = read_floats(model.predict(queries), what=f"{what}.predict(new rows)", shape=(n_queries,))
        return TreeView(depth, leaves, importances, train, queried)
    classes = read_array(model.classes_, what=f"{what}.classes_", kinds="iubUS", ndim=1)
    k = classes.shape[0]
    train = read_array(model.predict(X), what=f"{what}.predict(X)", shape=(n_train,), kinds="iubUSO")
    queried = read_array(model.predict(queries), what=f"{what}.predict(new rows)", shape=(n_queries,), kinds="iubUSO")
    proba_train = read_floats(model.predict_proba(X), what=f"{what}.predict_proba(X)", shape=(n_train, k))
    proba_queries = read_floats(
        model.predict_proba(queries), what=f"{what}.predict_proba(new rows)", shape=(n_queries, k)
    )
    return TreeView(depth, leaves, importances, train, queried, proba_train, proba_queries, classes)


def view_of(model: Any, problem: Problem, *, what: str) -> TreeView:
    classifier = problem.criterion != "squared_error"
    return read_view(model, problem.X, problem.queries, classifier=classifier, n_features=problem.X.shape[1], what=what)


def expect_same_tree(actual: TreeView, expected: TreeView, *, what: str, source: str, scale: float = 1.0) -> None:
    """Fail at the first difference, in an order that names the likeliest mistake."""
    if expected.classes is not None:
        expect_equal(actual.classes, expected.classes, what=f"{what}.classes_", source=f"{source} (the sorted labels)")
    _expect_predictions(
        actual.train, expected.train, what=f"{what}.predict(X) on the training rows", source=source, scale=scale
    )
    if expected.proba_train is not None:
        expect_close(
            actual.proba_train,
            expected.proba_train,
            what=f"{what}.predict_proba(X) on the training rows (columns in classes_ order)",
            rtol=VALUE_RTOL,
            atol=PROBA_ATOL,
            source=source,
        )
    try:
        expect_equal(actual.depth, expected.depth, what=f"{what}.get_depth()", source=source)
        expect_equal(actual.leaves, expected.leaves, what=f"{what}.get_n_leaves()", source=source)
    except CheckFailed as failure:
        raise CheckFailed(f"{failure}{SHAPE_HINT}") from None
    try:
        _expect_predictions(
            actual.queries, expected.queries, what=f"{what}.predict(new rows)", source=source, scale=scale
        )
        if expected.proba_queries is not None:
            expect_close(
                actual.proba_queries,
                expected.proba_queries,
                what=f"{what}.predict_proba(new rows)",
                rtol=VALUE_RTOL,
                atol=PROBA_ATOL,
                source=source,
            )
    except CheckFailed as failure:
        raise CheckFailed(f"{failure}{THRESHOLD_HINT}") from None
    expect_close(
        actual.importances,
        expected.importances,
        what=f"{what}.feature_importances_",
        rtol=IMPORTANCE_RTOL,
        atol=1e-12,
        source=source,
    )


def _expect_predictions(actual: Any, expected: Any, *, what: str, source: str, scale: float) -> None:
    if np.asarray(expected).dtype.kind == "f":
        expect_close(actual, expected, what=what, rtol=VALUE_RTOL, atol=1e-12 * scale, source=source)
    else:
        expect_equal(actual, expected, what=what, source=source)


def expect_proba_consistent(view: TreeView, *, what: str) -> None:
    """Probabilities in [0, 1], rows summing to 1, ``predict`` the first most probable class."""
    assert view.proba_queries is not None and view.classes is not None
    proba = view.proba_queries
    if np.any(proba < 0.0) or np.any(proba > 1.0):
        raise CheckFailed(f"{what}.predict_proba(new rows) holds values outside [0, 1]: {brief(proba)}")
    expect_close(
        proba.sum(axis=1),
        np.ones(proba.shape[0]),
        what=f"{what}.predict_proba(new rows).sum(axis=1)",
        rtol=0.0,
        atol=1e-12,
        source="rows summing to 1",
    )
    expect_equal(
        view.queries,
        view.classes[np.argmax(proba, axis=1)],
        what=f"{what}.predict(new rows)",
        source="classes_[argmax(predict_proba(new rows))], a tie going to the first class",
    )
