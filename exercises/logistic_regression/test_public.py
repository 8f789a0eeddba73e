"""Quick self-checks for your logistic_regression.py: run ``pytest test_public.py`` next to it.

They use scikit-learn as the oracle. Passing them is a good sign, not a guarantee: the hidden suite
checks much more (see README.md).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from logistic_regression import LogisticRegression, sigmoid
from sklearn.linear_model import LogisticRegression as SklearnLogisticRegression

FloatArray = npt.NDArray[np.float64]


def make_data(n_samples: int = 200, n_features: int = 4, seed: int = 0) -> tuple[FloatArray, npt.NDArray[np.int64]]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    y = (X @ rng.standard_normal(n_features) + 0.5 + rng.logistic(size=n_samples) > 0).astype(int)
    return X, y


def objective(model: Any, X: FloatArray, y: npt.NDArray[Any], C: float) -> float:
    s = np.where(y == np.unique(y)[1], 1.0, -1.0)
    w = np.ravel(model.coef_)
    b = float(np.ravel(model.intercept_)[0])
    return float(0.5 * w @ w + C * np.sum(np.logaddexp(0.0, -s * (X @ w + b))))


@pytest.mark.parametrize("C", [0.1, 1.0, 10.0])
def test_fit_reaches_the_same_objective_as_sklearn(C: float) -> None:
    X, y = make_data()
    mine = LogisticRegression(C=C).fit(X, y)
    theirs = SklearnLogisticRegression(C=C, tol=1e-10, max_iter=10_000).fit(X, y)
    assert np.shape(mine.coef_) == (1, 4)
    assert np.shape(mine.intercept_) == (1,)
    assert objective(mine, X, y, C) <= objective(theirs, X, y, C) * (1 + 1e-6)
    np.testing.assert_allclose(mine.predict_proba(X), theirs.predict_proba(X), atol=1e-3)


def test_without_intercept_the_intercept_is_zero() -> None:
    X, y = make_data()
    mine = LogisticRegression(fit_intercept=False).fit(X, y)
    theirs = SklearnLogisticRegression(fit_intercept=False, tol=1e-10).fit(X, y)
    np.testing.assert_array_equal(mine.intercept_, [0.0])
    np.testing.assert_allclose(mine.coef_, theirs.coef_, rtol=1e-3, atol=1e-4)


def test_string_labels_give_labels_back() -> None:
    X, y = make_data()
    labels = np.where(y == 1, "yes", "no")
    model = LogisticRegression().fit(X, labels)
    assert list(model.classes_) == ["no", "yes"]
    predicted = model.predict(X)
    assert set(predicted.tolist()) <= {"no", "yes"}
    decision = model.decision_function(X)
    np.testing.assert_array_equal(predicted == "yes", decision > 0)


def test_probabilities_are_valid() -> None:
    X, y = make_data()
    proba = LogisticRegression().fit(X, y).predict_proba(X)
    assert proba.shape == (200, 2)
    assert np.all((proba >= 0) & (proba <= 1))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)


def test_sigmoid_is_stable_and_symmetric() -> None:
    z = np.array([-1e308, -1000.0, -40.0, -1.0, 0.0, 1.0, 40.0, 1000.0, 1e308])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning fails the test
        values = sigmoid(z)
        mirrored = sigmoid(-z)
    assert np.all(np.isfinite(values))
    np.testing.assert_allclose(mirrored, 1.0 - values, rtol=0, atol=1e-15)
    # sigmoid(-40) is about 4.2e-18: 0.0 is close enough, 1e-13 (from clipping z) is not.
    np.testing.assert_allclose(values[2], 4.248354255291589e-18, rtol=1e-9, atol=1e-15)


def test_bad_input_is_rejected() -> None:
    X, y = make_data(n_samples=20)
    with pytest.raises(ValueError):
        LogisticRegression().fit(X, np.zeros(20))
    with pytest.raises(ValueError):
        LogisticRegression(C=0.0).fit(X, y)
    with pytest.raises(
        (ValueError, AttributeError), match=r"(?i)not (yet )?fitted|fit\b.*(first|before)|before.*\bfit|unfitted"
    ):
        LogisticRegression().predict(X)
