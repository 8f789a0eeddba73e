"""``make bench`` row for ``knn``: the reference's search and vote against scikit-learn's brute force."""

from __future__ import annotations

import numpy as np
from sklearn.neighbors import KNeighborsClassifier

from grader.testing import Comparison, load_reference

N_TRAIN, N_QUERIES, N_FEATURES, N_NEIGHBORS = 10_000, 2_000, 16, 5


def comparisons() -> list[Comparison]:
    """``fit`` + ``predict_proba`` (Euclidean, uniform votes), reference against scikit-learn's ``brute``."""
    reference = load_reference("knn")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(N_TRAIN, N_FEATURES))
    y = rng.integers(0, 4, size=N_TRAIN)
    queries = rng.normal(size=(N_QUERIES, N_FEATURES))
    return [
        Comparison(
            name=(
                f"KNeighborsClassifier(n_neighbors={N_NEIGHBORS}).fit + predict_proba, {N_TRAIN:,} x {N_FEATURES}, "
                f"{N_QUERIES:,} queries"
            ),
            ours=lambda: reference.KNeighborsClassifier(N_NEIGHBORS).fit(X, y).predict_proba(queries),
            baseline=lambda: (
                KNeighborsClassifier(n_neighbors=N_NEIGHBORS, algorithm="brute").fit(X, y).predict_proba(queries)
            ),
            target=2.0,
        )
    ]
