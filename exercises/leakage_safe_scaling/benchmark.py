"""``make bench`` rows for ``leakage_safe_scaling``: the reference against scikit-learn, same run."""

from __future__ import annotations

import numpy as np
from sklearn.preprocessing import StandardScaler

from grader.testing import Comparison, load_reference

N_ROWS, N_FEATURES = 1_000_000, 20


def comparisons() -> list[Comparison]:
    """The reference's ``StandardScaler.fit_transform`` against scikit-learn's on 1,000,000 x 20."""
    reference = load_reference("leakage_safe_scaling")
    rng = np.random.default_rng(0)
    # Columns with different means and spreads, as real features have; built once, outside the calls.
    X = rng.normal(size=(N_ROWS, N_FEATURES)) * np.arange(1, N_FEATURES + 1) + np.arange(N_FEATURES)
    return [
        Comparison(
            name=f"StandardScaler.fit_transform, {N_ROWS:,} x {N_FEATURES}",
            ours=lambda: reference.StandardScaler().fit_transform(X),
            baseline=lambda: StandardScaler().fit_transform(X),
            target=1.0,
        )
    ]
