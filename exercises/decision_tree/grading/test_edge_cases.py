"""The corners the statement names: ties, rows on thresholds, constant features, tiny inputs, odd values."""

from __future__ import annotations

from typing import Any

import numpy as np
from decision_tree_checks import expect_same_tree, read_view

from grader.testing import CheckFailed, expect_close, expect_equal, points


def _tree(candidate: Any, kind: str, X: Any, y: Any, **params: Any) -> tuple[Any, str]:
    shown = ", ".join(f"{k}={v!r}" for k, v in params.items())
    return getattr(candidate, kind)(**params).fit(X, y), f"{kind}({shown}).fit(X, y)"


@points(2, category="edge_cases")
def test_a_tie_between_thresholds_goes_to_the_lowest(candidate: Any) -> None:
    # x = 0, 1, 2, 3 with labels a, b, b, a: thresholds 0.5 and 2.5 both leave a pure child of one
    # and (a, b, b) on the other side. The lowest, 0.5, wins: 2.75 then lands with b, b, a.
    X = np.array([[0.0], [1.0], [2.0], [3.0]])
    model, what = _tree(candidate, "DecisionTreeClassifier", X, np.array(["a", "b", "b", "a"]), max_depth=1)
    expect_close(
        model.predict_proba([[2.75], [0.25]]),
        np.array([[1 / 3, 2 / 3], [1.0, 0.0]]),
        what=f"{what}.predict_proba([[2.75], [0.25]]) (tied thresholds 0.5 and 2.5: the lowest threshold wins)",
    )
    reg, what = _tree(candidate, "DecisionTreeRegressor", X, np.array([0.0, 4.0, 4.0, 0.0]), max_depth=1)
    expect_close(
        reg.predict([[2.75]]),
        np.array([8.0 / 3.0]),
        what=f"{what}.predict([[2.75]]) (tied thresholds: the lowest wins)",
    )


@points(2, category="edge_cases")
def test_a_tie_between_features_goes_to_the_lowest_index(candidate: Any) -> None:
    # Columns 1 and 2 split the rows into the same two sets, column 0 does worse: column 1 wins,
    # so the importances are (0, 1, 0) and a new row is routed by column 1.
    X = np.array(
        [[0.0, 1.0, 10.0], [1.0, 2.0, 20.0], [0.0, 3.0, 30.0], [1.0, 4.0, 40.0], [0.0, 5.0, 50.0], [1.0, 6.0, 60.0]]
    )
    y = np.array([0, 0, 0, 1, 1, 1])
    for kind, target in (("DecisionTreeClassifier", y), ("DecisionTreeRegressor", y * 2.0)):
        model, what = _tree(candidate, kind, X, target)
        expect_close(
            model.feature_importances_,
            np.array([0.0, 1.0, 0.0]),
            what=f"{what}.feature_importances_ (features 1 and 2 tie: the lowest index wins)",
        )
        expect_equal(
            model.predict([[0.0, 2.0, 60.0]]),
            np.array([target[0]]),
            what=f"{what}.predict([[0, 2, 60]]) (split on feature 1)",
        )


@points(2, category="edge_cases")
def test_a_row_exactly_on_a_threshold_goes_left(candidate: Any) -> None:
    X = np.array([[1.0], [2.0], [4.0], [8.0]])
    for kind, y, left, right in (
        ("DecisionTreeClassifier", np.array([3, 3, 5, 5]), 3, 5),
        ("DecisionTreeRegressor", np.array([1.0, 1.0, 9.0, 9.0]), 1.0, 9.0),
    ):
        model, what = _tree(candidate, kind, X, y)
        # The threshold is 3.0, halfway between 2 and 4: 3.0 goes left (x <= threshold), 3.0001 right,
        # and 2.5 (not halfway) left too.
        expect_equal(
            np.asarray(model.predict([[3.0], [3.0001], [2.5], [3.5]])).tolist(),
            [left, right, left, right],
            what=f"{what}.predict([[3.0], [3.0001], [2.5], [3.5]]) (the threshold is the midpoint 3.0 "
            "and x <= threshold goes left)",
        )


@points(2, category="edge_cases")
def test_a_constant_feature_is_never_split(candidate: Any) -> None:
    # Column 0 is constant (0.1, which binary cannot hold, or 1.0); the labels are sorted, so a split
    # by position in a sorted constant column would look perfect. Only column 1 can separate them.
    for value in (0.1, 1.0):
        X = np.column_stack([np.full(10, value), np.array([5, 3, 1, 4, 2, 9, 7, 10, 6, 8], dtype=float)])
        order = np.argsort(X[:, 1])
        y = np.where(X[:, 1] > 5, "late", "early")
        model, what = _tree(candidate, "DecisionTreeClassifier", X, y)
        view = read_view(model, X, X[order] + [0.0, 0.5], classifier=True, n_features=2, what=what)
        expect_close(
            view.importances, np.array([0.0, 1.0]), what=f"{what}.feature_importances_ with column 0 constant ({value})"
        )
        expect_equal(
            (view.depth, view.leaves),
            (1, 2),
            what=f"{what}: (get_depth(), get_n_leaves()) with column 0 constant ({value})",
        )
        expect_equal(view.queries, y[order], what=f"{what}.predict(new rows) with column 0 constant ({value})")
        everything_constant = np.full((6, 2), value)
        lone, what = _tree(candidate, "DecisionTreeRegressor", everything_constant, np.arange(6.0))
        expect_equal(
            (lone.get_depth(), lone.get_n_leaves()),
            (0, 1),
            what=f"{what} with every feature constant ({value}): (get_depth(), get_n_leaves())",
        )
        expect_close(
            lone.predict(everything_constant[:2]),
            np.array([2.5, 2.5]),
            what=f"{what}.predict (one leaf: the mean of y)",
        )


@points(1, category="edge_cases")
def test_one_sample_and_one_class_give_a_lone_leaf(candidate: Any) -> None:
    model, what = _tree(candidate, "DecisionTreeClassifier", [[1.5, -2.0]], ["only"])
    expect_equal(
        model.predict([[0.0, 0.0], [9.0, 9.0]]), np.array(["only", "only"]), what=f"{what} with one sample: predict"
    )
    expect_close(model.predict_proba([[0.0, 0.0]]), np.array([[1.0]]), what=f"{what} with one sample: predict_proba")
    expect_equal(
        (model.get_depth(), model.get_n_leaves()), (0, 1), what=f"{what} with one sample: (get_depth(), get_n_leaves())"
    )
    X = np.arange(12.0).reshape(6, 2)
    model, what = _tree(candidate, "DecisionTreeClassifier", X, [7, 7, 7, 7, 7, 7])
    expect_equal(model.classes_, np.array([7]), what=f"{what} with one class: classes_")
    expect_equal(
        (model.get_depth(), model.get_n_leaves()), (0, 1), what=f"{what} with one class (a pure root is never split)"
    )
    expect_close(
        model.feature_importances_,
        np.zeros(2),
        what=f"{what} with one class: feature_importances_ (all 0 for a lone leaf)",
    )
    reg, what = _tree(candidate, "DecisionTreeRegressor", X, [0.1] * 6)
    expect_equal(
        (reg.get_depth(), reg.get_n_leaves()), (0, 1), what=f"{what} with every target 0.1 (pure: never split)"
    )
    expect_close(reg.predict(X[:1]), np.array([0.1]), what=f"{what}.predict with every target 0.1")


@points(1, category="edge_cases")
def test_labels_of_any_type_come_back_in_sorted_classes_order(candidate: Any) -> None:
    X = np.array([[0.0], [1.0], [2.0], [3.0], [4.0], [5.0]])
    for labels in (
        ["zebra", "zebra", "apple", "apple", "mango", "mango"],
        [True, True, False, False, True, True],
        [5, 5, -2, -2, 9, 9],
    ):
        y = np.array(labels)
        model, what = _tree(candidate, "DecisionTreeClassifier", X, y, max_depth=1)
        classes = np.unique(y)
        expect_equal(
            model.classes_, classes, what=f"{what}.classes_ for labels {classes.tolist()}", source="np.unique(y)"
        )
        # The stump splits at 1.5 (a pure first pair): the right leaf holds the other two classes half and half.
        expected = np.where(classes == y[0], 1.0, 0.0)
        expect_close(
            model.predict_proba([[0.0]])[0],
            expected,
            what=f"{what}.predict_proba([[0]]) for labels in first-seen order {list(dict.fromkeys(labels))} "
            "(columns in classes_ order)",
        )
        expect_equal(
            model.predict([[0.0], [5.0]]),
            np.array([y[0], classes[classes != y[0]][0]]),
            what=f"{what}.predict([[0], [5]])",
        )


@points(1, category="edge_cases")
def test_a_split_with_zero_decrease_is_still_made(candidate: Any) -> None:
    # XOR: every split of the root leaves the impurity unchanged; with min_impurity_decrease=0 the root
    # is split anyway (on feature 0), and then the children separate the classes.
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    model, what = _tree(candidate, "DecisionTreeClassifier", X, np.array([0, 1, 1, 0]))
    expect_equal(
        (model.get_depth(), model.get_n_leaves()),
        (2, 4),
        what=f"{what} on XOR: (get_depth(), get_n_leaves()) (a zero decrease still splits)",
    )
    expect_equal(model.predict(X), np.array([0, 1, 1, 0]), what=f"{what}.predict(X) on XOR")


@points(1, category="edge_cases")
def test_a_decrease_equal_to_min_impurity_decrease_is_still_split(candidate: Any) -> None:
    # Only a decrease *below* min_impurity_decrease stops a split (scikit-learn agrees). Both roots
    # here decrease by exactly the threshold, in exact arithmetic: a Gini of 0.5 and a variance of 1.0
    # fall to pure children.
    X = np.array([[0.0], [0.0], [1.0], [1.0]])
    for kind, y, threshold in (
        ("DecisionTreeClassifier", np.array([0, 0, 1, 1]), 0.5),
        ("DecisionTreeRegressor", np.array([0.0, 0.0, 2.0, 2.0]), 1.0),
    ):
        model, what = _tree(candidate, kind, X, y, min_impurity_decrease=threshold)
        expect_equal(
            (model.get_depth(), model.get_n_leaves()),
            (1, 2),
            what=f"{what}: (get_depth(), get_n_leaves()) (the root's decrease equals min_impurity_decrease, "
            "which is not below it)",
        )


@points(1, category="edge_cases")
def test_data_far_from_zero(candidate: Any) -> None:
    # Thresholds near 1e6 and targets near 1e6: midpoints and deviations stay exact enough. The root
    # splits at x0 <= 1e6 + 1.75, its children at x1 <= 1e6 + 1.5 and x1 <= 1e6 + 4.5 (no ties).
    X = 1e6 + np.array([[0.0, 1.0], [0.5, 2.0], [1.0, 0.0], [1.5, 7.0], [2.0, 4.0], [2.5, 5.0], [3.0, 3.0], [3.5, 6.0]])
    y = 1e6 + np.array([1.0, 0.5, 1.25, 0.25, 4.25, 3.75, 4.5, 3.75])
    model, what = _tree(candidate, "DecisionTreeRegressor", X, y, max_depth=2)
    rows = 1e6 + np.array([[1.75, 0.0], [1.75 + 1e-3, 0.0], [0.25, 9.0], [3.0, 6.5]])
    expect_close(
        model.predict(rows),
        1e6 + np.array([1.125, 4.375, 0.375, 3.75]),
        what=f"{what}.predict(rows near 1e6) (X and y near 1e6)",
        rtol=0.0,
        atol=1e-6,
    )
    labels = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    clf, what = _tree(candidate, "DecisionTreeClassifier", X, labels)
    expect_equal(
        clf.predict(rows), np.array([0, 1, 0, 1]), what=f"{what}.predict(rows near 1e6) (threshold 1e6 + 1.75)"
    )


@points(1, category="edge_cases")
def test_values_binary_cannot_hold_and_nested_lists(candidate: Any, reference: Any) -> None:
    # Tenths everywhere; one informative feature (so no two features tie) and a constant column of 0.3s.
    # The new rows keep away from the thresholds, which are midpoints of tenths (0.15, 0.25, ...).
    X = [[0.1, 0.3], [0.2, 0.3], [0.3, 0.3], [0.4, 0.3], [0.5, 0.3], [0.6, 0.3], [0.7, 0.3], [0.8, 0.3]]
    y = [0.5, 0.6, 0.3, 0.7, 0.4, 0.9, 0.8, 0.1]
    rows = [[0.12, 0.3], [0.45 + 0.01, 0.7], [0.68, 0.0], [0.33, 0.3], [0.79, 0.3]]
    for params in ({}, {"max_depth": 2}, {"min_samples_leaf": 2}):
        model, what = _tree(candidate, "DecisionTreeRegressor", X, y, **params)
        expected = reference.DecisionTreeRegressor(**params).fit(X, y)
        view = read_view(
            model,
            np.asarray(X),
            np.asarray(rows),
            classifier=False,
            n_features=2,
            what=f"{what} with X and y nested lists of tenths",
        )
        want = read_view(expected, np.asarray(X), np.asarray(rows), classifier=False, n_features=2, what="reference")
        expect_same_tree(view, want, what=f"{what} with X and y nested lists of tenths", source="the reference")
    if not isinstance(model.predict(rows), np.ndarray):
        raise CheckFailed(f"{what}.predict(nested list) should return an ndarray")
