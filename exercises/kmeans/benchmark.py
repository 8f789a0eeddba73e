"""``make bench`` row for ``kmeans``: the reference's Lloyd ``fit`` against scikit-learn's."""

from __future__ import annotations

import numpy as np
from sklearn.cluster import KMeans

from grader.testing import Comparison, load_reference

N_ROWS, N_FEATURES, N_CLUSTERS = 100_000, 16, 16


def comparisons() -> list[Comparison]:
    """The reference's ``fit`` against scikit-learn's Lloyd ``KMeans`` from the same start."""
    reference = load_reference("kmeans")
    rng = np.random.default_rng(0)
    # Overlapping blobs, so that Lloyd's algorithm runs a few dozen iterations; built once, outside
    # the timed calls. Both sides start from the same rows and stop on the same rule (tol=1e-4
    # relative to the mean variance), so they run the same iterations.
    centres = rng.uniform(-10.0, 10.0, size=(N_CLUSTERS, N_FEATURES))
    X = centres[rng.integers(N_CLUSTERS, size=N_ROWS)] + rng.normal(scale=3.0, size=(N_ROWS, N_FEATURES))
    init = X[rng.choice(N_ROWS, size=N_CLUSTERS, replace=False)]
    return [
        Comparison(
            name=(f"KMeans.fit (Lloyd, same start, n_init=1), {N_ROWS:,} x {N_FEATURES}, {N_CLUSTERS} clusters"),
            ours=lambda: reference.KMeans(n_clusters=N_CLUSTERS, init=init).fit(X),
            baseline=lambda: KMeans(n_clusters=N_CLUSTERS, init=init, n_init=1, algorithm="lloyd").fit(X),
            target=1.5,
        )
    ]
