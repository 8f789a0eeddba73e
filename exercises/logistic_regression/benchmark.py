"""``make bench`` rows for ``logistic_regression``: the reference against scikit-learn, same run."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from grader.testing import Comparison, load_reference

N_ROWS, N_FEATURES = 100_000, 50
TOL = 1e-6  # both sides stop on the same rule: max |gradient| / (C * n_samples) <= tol


def comparisons() -> list[Comparison]:
    """The reference's Newton ``fit`` against scikit-learn's default ``lbfgs`` on 100,000 x 50."""
    reference = load_reference("logistic_regression")
    rng = np.random.default_rng(0)
    # A noisy linear problem with an intercept; built once, outside the timed calls.
    X = rng.standard_normal((N_ROWS, N_FEATURES))
    score = X @ rng.standard_normal(N_FEATURES) + 0.5 + rng.logistic(size=N_ROWS)
    y = (score > 0).astype(np.int64)
    return [
        Comparison(
            name=f"LogisticRegression.fit (Newton vs lbfgs, tol={TOL:g}), {N_ROWS:,} x {N_FEATURES}",
            ours=lambda: reference.LogisticRegression(tol=TOL).fit(X, y),
            baseline=lambda: LogisticRegression(tol=TOL).fit(X, y),
            target=1.0,
        )
    ]
