"""``make bench`` rows for ``decision_tree``: the reference's ``fit`` against scikit-learn's."""

from __future__ import annotations

import numpy as np
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

from grader.testing import Comparison, load_reference

N_ROWS, N_FEATURES, DEPTH = 100_000, 10, 10


def comparisons() -> list[Comparison]:
    """Trees of depth 10 on 100,000 x 10 samples (3 classes; a continuous target), same parameters.

    scikit-learn's splitter is compiled code; the reference is NumPy with a Python loop over nodes, so
    the target is a ratio of 5 (the trees' target in the issue), not 2.
    """
    reference = load_reference("decision_tree")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(N_ROWS, N_FEATURES))
    score = X[:, 0] + X[:, 1] * X[:, 2] + np.sin(3.0 * X[:, 3]) + 0.5 * rng.normal(size=N_ROWS)
    labels = np.digitize(score, [-0.5, 0.5])
    return [
        Comparison(
            name=f"DecisionTreeClassifier(max_depth={DEPTH}).fit, gini, {N_ROWS:,} x {N_FEATURES}, 3 classes",
            ours=lambda: reference.DecisionTreeClassifier(max_depth=DEPTH).fit(X, labels),
            baseline=lambda: DecisionTreeClassifier(max_depth=DEPTH, random_state=0).fit(X, labels),
            target=5.0,
        ),
        Comparison(
            name=f"DecisionTreeRegressor(max_depth={DEPTH}).fit, squared error, {N_ROWS:,} x {N_FEATURES}",
            ours=lambda: reference.DecisionTreeRegressor(max_depth=DEPTH).fit(X, score),
            baseline=lambda: DecisionTreeRegressor(max_depth=DEPTH, random_state=0).fit(X, score),
            target=5.0,
        ),
    ]
