"""The ``make bench`` row of mlp_backprop: the reference against scikit-learn on a realistic input."""

from __future__ import annotations

import numpy as np
from sklearn.preprocessing import StandardScaler

from grader.testing import Comparison, load_reference


def comparisons() -> list[Comparison]:
    reference = load_reference("mlp_backprop")
    X = np.random.default_rng(0).normal(size=(1_000_000, 20))
    return [
        Comparison(
            name="mlp_backprop: column_means, 1,000,000 x 20",
            ours=lambda: reference.column_means(X),
            baseline=lambda: StandardScaler().fit(X),
            target=2.0,
        )
    ]
