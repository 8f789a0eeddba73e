"""Self-checks for the candidate kit: run ``python -m pytest test_public.py`` beside mlp_backprop.py.

scikit-learn is the oracle here (the hidden suite checks much more); install it to run these.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
from mlp_backprop import MLPClassifier, forward, loss_and_gradients

COEFS = [np.array([[0.5, -0.5], [0.25, 1.0]]), np.array([[1.0], [-1.0]])]
INTERCEPTS = [np.array([0.0, 0.1]), np.array([0.2])]
X = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, -1.0]])
Y = np.array([[1.0], [0.0], [1.0]])


def test_the_worked_example() -> None:
    np.testing.assert_allclose(forward(COEFS, INTERCEPTS, X, "relu").ravel(), [0.4013, 0.2891, 0.5498], atol=1e-4)
    loss, coef_grads, intercept_grads = loss_and_gradients(COEFS, INTERCEPTS, X, Y, 0.1, "relu")
    assert loss == pytest.approx(0.6768, abs=1e-4)
    np.testing.assert_allclose(coef_grads[1].ravel(), [-0.1662, -0.2466], atol=1e-4)
    np.testing.assert_allclose(intercept_grads[0], [-0.1996, 0.1032], atol=1e-4)
    model = MLPClassifier((2,), "relu", alpha=0.1, learning_rate_init=0.5, batch_size=2, max_iter=3)
    model.fit(X, np.array(["yes", "no", "yes"]), COEFS, INTERCEPTS)
    np.testing.assert_allclose(model.loss_curve_, [0.7261, 0.5157, 0.4965], atol=1e-4)
    assert model.predict(X).tolist() == ["yes", "no", "yes"]


@pytest.mark.parametrize("activation", ["relu", "tanh", "logistic"])
def test_gradients_match_central_differences(activation: str) -> None:
    rng = np.random.default_rng(0)
    Xr = rng.standard_normal((7, 3))
    coefs = [rng.normal(size=(3, 4)), rng.normal(size=(4, 3))]
    intercepts = [rng.normal(size=4), rng.normal(size=3)]
    Yr = np.eye(3)[rng.integers(0, 3, 7)]
    _, coef_grads, intercept_grads = loss_and_gradients(coefs, intercepts, Xr, Yr, 0.3, activation)
    h = 1e-6
    for params, grads in ((coefs, coef_grads), (intercepts, intercept_grads)):
        for p, g in zip(params, grads, strict=True):
            for index in np.ndindex(p.shape):
                p[index] += h
                upper = loss_and_gradients(coefs, intercepts, Xr, Yr, 0.3, activation)[0]
                p[index] -= 2 * h
                lower = loss_and_gradients(coefs, intercepts, Xr, Yr, 0.3, activation)[0]
                p[index] += h
                assert g[index] == pytest.approx((upper - lower) / (2 * h), rel=1e-5, abs=1e-7)


def test_training_matches_sklearn_from_the_same_weights() -> None:
    sklearn = pytest.importorskip("sklearn.neural_network")
    rng = np.random.default_rng(1)
    Xr = rng.standard_normal((30, 4))
    y = rng.integers(0, 3, 30)
    coefs = [rng.uniform(-0.5, 0.5, (4, 5)), rng.uniform(-0.5, 0.5, (5, 3))]
    intercepts = [rng.uniform(-0.5, 0.5, 5), rng.uniform(-0.5, 0.5, 3)]
    params: dict[str, Any] = dict(
        hidden_layer_sizes=(5,), activation="tanh", alpha=0.01, learning_rate_init=0.1, batch_size=8
    )
    ours = MLPClassifier(**params, max_iter=5).fit(Xr, y, coefs, intercepts)
    theirs = sklearn.MLPClassifier(
        **params,
        solver="sgd",
        momentum=0.0,
        learning_rate="constant",
        shuffle=False,
        max_iter=1,
        warm_start=True,
        n_iter_no_change=100,
        tol=0.0,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs.fit(Xr, y)  # sets everything up; then start again from our weights
        theirs.coefs_ = [W.copy() for W in coefs]
        theirs.intercepts_ = [b.copy() for b in intercepts]
        theirs.loss_curve_, theirs.best_loss_, theirs.max_iter = [], np.inf, 5
        theirs.fit(Xr, y)
    np.testing.assert_allclose(ours.loss_curve_, theirs.loss_curve_, rtol=1e-6)
    for a, b in zip(ours.coefs_, theirs.coefs_, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(ours.predict_proba(Xr), theirs.predict_proba(Xr), rtol=1e-6, atol=1e-9)


def test_predict_before_fit_says_not_fitted() -> None:
    with pytest.raises((ValueError, AttributeError), match="not fitted"):
        MLPClassifier().predict(X)
