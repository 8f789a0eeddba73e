"""``make bench`` rows for ``lasso``: the reference's coordinate descent against scikit-learn's."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import ElasticNet, Lasso

from grader.testing import Comparison, load_reference

N_ROWS, N_FEATURES = 50_000, 100


def comparisons() -> list[Comparison]:
    """``Lasso`` and ``ElasticNet`` fits, default ``tol``; both sides run the same sweeps and stopping rule."""
    reference = load_reference("lasso")
    rng = np.random.default_rng(0)
    # Correlated columns (neighbours at 0.6), 20 informative features, noise; built once, outside the
    # timed calls. alpha is 1% of the smallest alpha that zeroes every weight.
    correlation = 0.6 ** np.abs(np.subtract.outer(np.arange(N_FEATURES), np.arange(N_FEATURES)))
    X = rng.standard_normal((N_ROWS, N_FEATURES)) @ np.linalg.cholesky(correlation).T
    w = np.zeros(N_FEATURES)
    w[rng.choice(N_FEATURES, 20, replace=False)] = rng.uniform(-3.0, 3.0, 20)
    y = X @ w + 5.0 + 2.0 * rng.standard_normal(N_ROWS)
    alpha = 0.01 * float(np.max(np.abs((X - X.mean(axis=0)).T @ (y - y.mean())))) / N_ROWS
    return [
        Comparison(
            name=f"Lasso.fit (cyclic coordinate descent, tol=1e-4), {N_ROWS:,} x {N_FEATURES}",
            ours=lambda: reference.Lasso(alpha).fit(X, y),
            baseline=lambda: Lasso(alpha=alpha).fit(X, y),
            target=2.0,
        ),
        Comparison(
            name=f"ElasticNet.fit (l1_ratio=0.5, tol=1e-4), {N_ROWS:,} x {N_FEATURES}",
            ours=lambda: reference.ElasticNet(alpha, l1_ratio=0.5).fit(X, y),
            baseline=lambda: ElasticNet(alpha=alpha, l1_ratio=0.5).fit(X, y),
            target=2.0,
        ),
    ]
