"""The ``make bench`` row of pca: the reference against scikit-learn, same algorithm, same run."""

from __future__ import annotations

import numpy as np
from sklearn.decomposition import PCA

from grader.testing import Comparison, load_reference

N_ROWS, N_FEATURES = 20_000, 50


def comparisons() -> list[Comparison]:
    """The reference's ``PCA(n_components=10).fit_transform`` against scikit-learn's full-SVD PCA."""
    reference = load_reference("pca")
    rng = np.random.default_rng(0)
    # Features of different spreads mixed by a rotation, as real measurements are; built once.
    rotation, _ = np.linalg.qr(rng.normal(size=(N_FEATURES, N_FEATURES)))
    X = rng.normal(size=(N_ROWS, N_FEATURES)) * np.linspace(5.0, 0.5, N_FEATURES) @ rotation + 3.0
    return [
        Comparison(
            name=f'PCA(n_components=10).fit_transform, {N_ROWS:,} x {N_FEATURES} (scikit-learn svd_solver="full")',
            ours=lambda: reference.PCA(n_components=10).fit_transform(X),
            baseline=lambda: PCA(n_components=10, svd_solver="full").fit_transform(X),
            target=2.0,
        )
    ]
