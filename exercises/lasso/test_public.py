"""Quick self-checks for your lasso.py: run ``pytest test_public.py`` next to it.

They use scikit-learn as the oracle. Passing them is a good sign, not a guarantee: the hidden suite
checks much more (see README.md).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from lasso import ElasticNet, Lasso
from sklearn.linear_model import ElasticNet as SklearnElasticNet
from sklearn.linear_model import Lasso as SklearnLasso

FloatArray = npt.NDArray[np.float64]


def make_data(n_samples: int = 100, n_features: int = 6, seed: int = 0) -> tuple[FloatArray, FloatArray]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features)) * rng.uniform(0.5, 2.0, n_features) + 3.0
    w = np.array([2.0, -1.0, 0.0, 0.0, 0.5, 0.0])[:n_features]
    return X, X @ w + 1.0 + 0.5 * rng.standard_normal(n_samples)


def objective(model: Any, X: FloatArray, y: FloatArray, alpha: float, l1_ratio: float) -> float:
    w, b = np.asarray(model.coef_, dtype=float), float(model.intercept_)
    r = y - X @ w - b
    return float(r @ r / (2 * len(y)) + alpha * l1_ratio * np.abs(w).sum() + alpha * (1 - l1_ratio) / 2 * w @ w)


@pytest.mark.parametrize(("alpha", "l1_ratio"), [(0.01, 1.0), (0.1, 1.0), (0.5, 1.0), (0.1, 0.5), (0.3, 0.2)])
def test_fit_reaches_the_objective_of_sklearn(alpha: float, l1_ratio: float) -> None:
    X, y = make_data()
    if l1_ratio == 1.0:
        mine: Any = Lasso(alpha, tol=1e-10, max_iter=100_000).fit(X, y)
        theirs: Any = SklearnLasso(alpha=alpha, tol=1e-12, max_iter=100_000)
    else:
        mine = ElasticNet(alpha, l1_ratio=l1_ratio, tol=1e-10, max_iter=100_000).fit(X, y)
        theirs = SklearnElasticNet(alpha=alpha, l1_ratio=l1_ratio, tol=1e-12, max_iter=100_000)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs.fit(X, y)
    assert isinstance(mine.coef_, np.ndarray) and mine.coef_.shape == (6,)
    assert objective(mine, X, y, alpha, l1_ratio) <= objective(theirs, X, y, alpha, l1_ratio) * (1 + 1e-6)
    # Soft-thresholding gives exact zeros where scikit-learn has them.
    np.testing.assert_array_equal(mine.coef_ == 0.0, theirs.coef_ == 0.0)
    np.testing.assert_allclose(mine.predict(X), theirs.predict(X), atol=1e-4)


def test_the_worked_example() -> None:
    X = np.array([[1.0, 0.5, 2.0], [2.0, 1.5, 1.0], [3.0, 1.0, 3.0], [4.0, 3.0, 1.0], [5.0, 2.5, 2.0], [6.0, 3.5, 3.0]])
    y = np.array([1.5, 3.0, 4.0, 6.5, 7.0, 9.5])
    model = Lasso(alpha=0.5).fit(X, y)
    np.testing.assert_allclose(model.coef_, [1.3857142857, 0.0, 0.0], rtol=1e-8)
    assert abs(model.intercept_ - 0.4) < 1e-8
    assert abs(model.score(X, y) - 0.96637) < 1e-4
    assert (Lasso(alpha=10.0).fit(X, y).coef_ == 0.0).all()


def test_without_intercept_the_intercept_is_zero() -> None:
    X, y = make_data()
    mine = Lasso(0.1, fit_intercept=False, tol=1e-10, max_iter=100_000).fit(X, y)
    theirs = SklearnLasso(alpha=0.1, fit_intercept=False, tol=1e-12, max_iter=100_000).fit(X, y)
    assert mine.intercept_ == 0.0
    np.testing.assert_allclose(mine.coef_, theirs.coef_, rtol=1e-4, atol=1e-6)


def test_a_constant_column_gets_weight_zero() -> None:
    X, y = make_data()
    X[:, 3] = 0.1
    model = Lasso(0.05).fit(X, y)
    assert np.all(np.isfinite(model.coef_)) and model.coef_[3] == 0.0


def test_n_iter_counts_sweeps() -> None:
    X, y = make_data()
    model = Lasso(0.1, max_iter=1).fit(X, y)
    assert model.n_iter_ == 1
    # alpha=0.1 leaves weights that are not all zero, so at least one sweep runs, and at most max_iter.
    default = Lasso(0.1).fit(X, y)
    assert np.any(default.coef_ != 0.0) and 1 <= default.n_iter_ <= 1000


def test_bad_alpha_is_rejected() -> None:
    X, y = make_data()
    with pytest.raises(ValueError):
        Lasso(alpha=-1.0).fit(X, y)


def test_predict_before_fit_says_not_fitted() -> None:
    X, _ = make_data()
    with pytest.raises((ValueError, AttributeError), match="not fitted"):
        Lasso().predict(X)
