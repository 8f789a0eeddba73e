"""Quick self-checks for your decision_tree.py: run ``pytest test_public.py`` next to it.

They use scikit-learn as the oracle, on data whose values are multiples of 1/8 (exact in float32, as
scikit-learn needs) and whose trees have no tied candidates. Passing them is a good sign, not a
guarantee: the hidden suite checks much more (see README.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from decision_tree import DecisionTreeClassifier, DecisionTreeRegressor
from sklearn.tree import DecisionTreeClassifier as SklearnClassifier
from sklearn.tree import DecisionTreeRegressor as SklearnRegressor

X = np.array([[1.0, 7.0], [2.0, 6.0], [3.0, 8.0], [4.0, 5.0], [5.0, 9.0], [6.0, 4.0]])
Y = np.array(["cat", "cat", "dog", "dog", "bird", "bird"])


def test_the_worked_example_gives_the_statement_s_numbers() -> None:
    stump = DecisionTreeClassifier(max_depth=1).fit(X, Y)
    assert list(stump.classes_) == ["bird", "cat", "dog"]
    np.testing.assert_allclose(stump.predict_proba([[2.5, 0.0], [2.6, 0.0]]), np.array([[0, 1, 0], [0.5, 0, 0.5]]))
    assert list(stump.predict([[2.5, 0.0], [2.6, 0.0]])) == ["cat", "bird"]
    tree = DecisionTreeClassifier().fit(X, Y)
    assert (tree.get_depth(), tree.get_n_leaves()) == (2, 3)
    np.testing.assert_allclose(tree.feature_importances_, np.array([1.0, 0.0]))
    reg = DecisionTreeRegressor(min_samples_leaf=2).fit(X, [1.0, 1.5, 3.0, 3.5, 8.0, 9.0])
    np.testing.assert_allclose(reg.predict([[2.5, 0.0], [3.5, 0.0], [6.0, 0.0]]), np.array([1.25, 3.25, 8.5]))


def _staircase(n: int = 40) -> tuple[np.ndarray, np.ndarray]:
    # One feature with distinct values: no two features can tie, and distinct targets make ties rare.
    x = (np.arange(n) - n / 2) / 8.0
    y = np.round(8 * np.sin(x) + (x > 0) * 3.0 + 0.37 * np.arange(n) % 1.7, 3)
    return x[:, None], y


@pytest.mark.parametrize("params", [{}, {"max_depth": 3}, {"min_samples_leaf": 4}, {"min_samples_split": 9}])
def test_one_feature_regressor_agrees_with_sklearn(params: dict[str, Any]) -> None:
    X1, y = _staircase()
    mine = DecisionTreeRegressor(**params).fit(X1, y)
    theirs = SklearnRegressor(random_state=0, **params).fit(X1, y)
    new = np.linspace(-3, 3, 97)[:, None]
    np.testing.assert_allclose(mine.predict(X1), theirs.predict(X1))
    np.testing.assert_allclose(mine.predict(new), theirs.predict(new))
    assert mine.get_depth() == theirs.get_depth()
    assert mine.get_n_leaves() == theirs.get_n_leaves()


@pytest.mark.parametrize("criterion", ["gini", "entropy"])
def test_one_feature_classifier_agrees_with_sklearn(criterion: str) -> None:
    X1, y = _staircase()
    labels = np.digitize(y, [-2.0, 2.0])
    mine = DecisionTreeClassifier(criterion=criterion, max_depth=2).fit(X1, labels)
    theirs = SklearnClassifier(criterion=criterion, max_depth=2, random_state=0).fit(X1, labels)
    np.testing.assert_allclose(mine.predict_proba(X1), theirs.predict_proba(X1))
    assert mine.get_n_leaves() == theirs.get_n_leaves()


def test_training_rows_are_reproduced_without_limits() -> None:
    rng = np.random.default_rng(0)
    X2 = np.unique(rng.integers(-40, 40, size=(60, 3)) / 8.0, axis=0)
    y = rng.integers(0, 3, size=len(X2))
    assert (DecisionTreeClassifier().fit(X2, y).predict(X2) == y).all()


def test_not_fitted() -> None:
    with pytest.raises((ValueError, AttributeError), match="not fitted"):
        DecisionTreeClassifier().predict(X)
