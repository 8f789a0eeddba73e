"""Quick self-checks for your gradient_boosting.py: run ``pytest test_public.py`` next to it.

They use scikit-learn as the oracle, on features on a grid of quarters (scikit-learn's trees work in
float32; these values and their midpoints are exact there). Passing them is a good sign, not a
guarantee: the hidden suite checks much more (see README.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from gradient_boosting import GradientBoostingClassifier, GradientBoostingRegressor
from sklearn.ensemble import GradientBoostingClassifier as SklearnClassifier
from sklearn.ensemble import GradientBoostingRegressor as SklearnRegressor

FloatArray = npt.NDArray[np.float64]


def make_data(n_samples: int = 200, n_features: int = 3, seed: int = 0) -> tuple[FloatArray, FloatArray]:
    rng = np.random.default_rng(seed)
    X = 0.25 * np.column_stack([rng.permutation(2 * n_samples)[:n_samples] for _ in range(n_features)]).astype(float)
    y = np.sin(X[:, 0] / 20.0) * 3.0 + X[:, 1] / 50.0 + rng.standard_normal(n_samples)
    return X, y


def test_worked_example() -> None:
    X = np.array([[1.0], [2.0], [3.0], [4.0], [5.0], [6.0]])
    y = np.array([1.0, 1.2, 1.1, 3.0, 3.3, 2.9])
    model = GradientBoostingRegressor(n_estimators=2, learning_rate=0.5, max_depth=1).fit(X, y)
    stages = [np.asarray(stage) for stage in model.staged_predict([[2.5], [4.5]])]
    np.testing.assert_allclose(stages, [[1.5916667, 2.575], [1.3458333, 2.8208333]], rtol=1e-6)


@pytest.mark.parametrize("params", [{}, {"n_estimators": 20, "learning_rate": 0.5, "max_depth": 2}])
def test_regressor_matches_sklearn(params: dict[str, Any]) -> None:
    X, y = make_data()
    mine = GradientBoostingRegressor(**params).fit(X, y)
    theirs = SklearnRegressor(**params, random_state=0).fit(X, y)
    np.testing.assert_allclose(mine.predict(X), theirs.predict(X), rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(mine.train_score_, theirs.train_score_, rtol=1e-8)


def test_classifier_matches_sklearn_on_string_labels() -> None:
    X, y = make_data(seed=1)
    labels = np.where(y > np.median(y), "high", "low")
    mine = GradientBoostingClassifier(n_estimators=10, max_depth=1).fit(X, labels)
    theirs = SklearnClassifier(n_estimators=10, max_depth=1, random_state=0).fit(X, labels)
    assert list(mine.classes_) == ["high", "low"]
    np.testing.assert_allclose(mine.predict_proba(X), theirs.predict_proba(X), rtol=1e-8, atol=1e-10)
    assert len(list(mine.staged_predict(X))) == 10
