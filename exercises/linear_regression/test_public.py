"""Quick self-checks for your linear_regression.py: run ``pytest test_public.py`` next to it.

They use scikit-learn and the statement's formulas as the oracle. Passing them is a good sign, not a
guarantee: the hidden suite checks much more (see README.md).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from linear_regression import GradientDescentRegressor, LinearRegression, Ridge
from sklearn.linear_model import LinearRegression as SklearnLinearRegression
from sklearn.linear_model import Ridge as SklearnRidge
from sklearn.metrics import r2_score

FloatArray = npt.NDArray[np.float64]


def make_data(n_samples: int = 100, n_features: int = 4, seed: int = 0) -> tuple[FloatArray, FloatArray]:
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_samples, n_features))
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    y = X @ rng.uniform(-3, 3, n_features) + 4.0 + 0.5 * rng.standard_normal(n_samples)
    return X, y


def test_ols_agrees_with_sklearn() -> None:
    X, y = make_data()
    mine, theirs = LinearRegression().fit(X, y), SklearnLinearRegression().fit(X, y)
    assert mine.coef_.shape == (4,)
    assert isinstance(mine.intercept_, float)
    np.testing.assert_allclose(mine.coef_, theirs.coef_, rtol=1e-6)
    np.testing.assert_allclose(mine.intercept_, theirs.intercept_, rtol=1e-6)
    assert mine.predict(X).shape == (100,)
    np.testing.assert_allclose(mine.score(X, y), r2_score(y, theirs.predict(X)), rtol=1e-9)


@pytest.mark.parametrize("alpha", [0.1, 1.0, 30.0])
def test_ridge_agrees_with_sklearn(alpha: float) -> None:
    X, y = make_data()
    X = X + 5.0  # the intercept is not penalised: shifting X must not change coef_
    mine, theirs = Ridge(alpha=alpha).fit(X, y), SklearnRidge(alpha=alpha).fit(X, y)
    np.testing.assert_allclose(mine.coef_, theirs.coef_, rtol=1e-6)
    np.testing.assert_allclose(mine.intercept_, theirs.intercept_, rtol=1e-6)


def test_duplicated_column_gets_the_minimum_norm_solution() -> None:
    X, y = make_data()
    doubled = np.column_stack([X, X[:, 0]])
    mine = LinearRegression().fit(doubled, y)
    np.testing.assert_allclose(mine.coef_, SklearnLinearRegression().fit(doubled, y).coef_, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(mine.coef_[0], mine.coef_[-1], rtol=1e-9)


def test_gradient_descent_reaches_ridge() -> None:
    X, y = make_data()
    gd = GradientDescentRegressor(alpha=5.0, learning_rate=0.2, max_iter=10_000, tol=1e-10).fit(X, y)
    ridge = SklearnRidge(alpha=5.0).fit(X, y)
    assert gd.n_iter_ < 10_000
    assert len(gd.loss_curve_) == gd.n_iter_ + 1
    np.testing.assert_allclose(gd.loss_curve_[0], np.sum(y**2) / (2 * len(y)))
    assert np.all(np.diff(gd.loss_curve_) <= 1e-12)
    np.testing.assert_allclose(gd.coef_, ridge.coef_, atol=1e-7)
    np.testing.assert_allclose(gd.intercept_, ridge.intercept_, atol=1e-7)


def test_one_update_of_gradient_descent() -> None:
    X, y = make_data()
    gd = GradientDescentRegressor(learning_rate=0.1, max_iter=1).fit(X, y)
    np.testing.assert_allclose(gd.coef_, 0.1 * X.T @ y / len(y), rtol=1e-12)
    np.testing.assert_allclose(gd.intercept_, 0.1 * y.mean(), rtol=1e-12)
    assert gd.n_iter_ == 1


def test_bad_input_is_rejected() -> None:
    X, y = make_data(n_samples=20)
    with pytest.raises(ValueError):
        LinearRegression().fit(X, y[:10])
    with pytest.raises(ValueError):
        Ridge(alpha=-1.0).fit(X, y)
    with pytest.raises(
        (ValueError, AttributeError), match=r"(?i)not (yet )?fitted|fit\b.*(first|before)|before.*\bfit|unfitted"
    ):
        LinearRegression().predict(X)
