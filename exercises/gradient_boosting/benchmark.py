"""``make bench`` rows for ``gradient_boosting``: the reference against scikit-learn, same run."""

from __future__ import annotations

import numpy as np
from sklearn.ensemble import GradientBoostingClassifier, GradientBoostingRegressor

from grader.testing import Comparison, load_reference

N_ROWS, N_FEATURES, N_TREES = 10_000, 10, 100


def comparisons() -> list[Comparison]:
    """Both models, 100 trees of depth 3 (the defaults) on 10,000 x 10; trees are allowed a ratio of 5."""
    reference = load_reference("gradient_boosting")
    rng = np.random.default_rng(0)
    # A smooth nonlinear target with noise on continuous features; built once, outside the timed calls.
    X = rng.standard_normal((N_ROWS, N_FEATURES))
    signal = np.sin(2.0 * X[:, 0]) + X[:, 1] * X[:, 2] + X @ rng.standard_normal(N_FEATURES) * 0.3
    y = signal + rng.standard_normal(N_ROWS) * 0.5
    labels = (signal + rng.logistic(size=N_ROWS) > 0).astype(np.int64)
    size = f"{N_ROWS:,} x {N_FEATURES}, {N_TREES} trees of depth 3"
    return [
        Comparison(
            name=f"GradientBoostingRegressor.fit, {size}",
            ours=lambda: reference.GradientBoostingRegressor(n_estimators=N_TREES).fit(X, y),
            baseline=lambda: GradientBoostingRegressor(n_estimators=N_TREES, random_state=0).fit(X, y),
            target=5.0,
        ),
        Comparison(
            name=f"GradientBoostingClassifier.fit, {size}",
            ours=lambda: reference.GradientBoostingClassifier(n_estimators=N_TREES).fit(X, labels),
            baseline=lambda: GradientBoostingClassifier(n_estimators=N_TREES, random_state=0).fit(X, labels),
            target=5.0,
        ),
    ]
