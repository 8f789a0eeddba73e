"""``make bench`` rows for ``linear_regression``: the reference against scikit-learn, same run."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LinearRegression, Ridge

from grader.testing import Comparison, load_reference

N_ROWS, N_FEATURES = 100_000, 50


def comparisons() -> list[Comparison]:
    """The reference's ``LinearRegression`` and ``Ridge`` fits against scikit-learn's on 100,000 x 50."""
    reference = load_reference("linear_regression")
    rng = np.random.default_rng(0)
    # A noisy linear problem with columns off 0 (so centring matters); built once, outside the timed calls.
    X = rng.standard_normal((N_ROWS, N_FEATURES)) + rng.uniform(-5.0, 5.0, N_FEATURES)
    y = X @ rng.standard_normal(N_FEATURES) + 3.0 + rng.standard_normal(N_ROWS)
    return [
        Comparison(
            name=f"LinearRegression.fit (SVD least squares), {N_ROWS:,} x {N_FEATURES}",
            ours=lambda: reference.LinearRegression().fit(X, y),
            baseline=lambda: LinearRegression().fit(X, y),
            target=2.0,
        ),
        Comparison(
            name=f"Ridge(alpha=1).fit (closed form), {N_ROWS:,} x {N_FEATURES}",
            ours=lambda: reference.Ridge(alpha=1.0).fit(X, y),
            baseline=lambda: Ridge(alpha=1.0).fit(X, y),
            target=2.0,
        ),
    ]
