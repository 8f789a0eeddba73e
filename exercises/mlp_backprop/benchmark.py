"""``make bench`` row for ``mlp_backprop``: the reference's SGD training against scikit-learn's."""

from __future__ import annotations

import warnings

import numpy as np
from sklearn.neural_network import MLPClassifier

from grader.testing import Comparison, load_reference

N_ROWS, N_FEATURES, HIDDEN, N_CLASSES, EPOCHS = 20_000, 30, 100, 5, 10


def comparisons() -> list[Comparison]:
    """Ten epochs of mini-batch SGD (batches of 200, no momentum, no shuffling) on 20,000 x 30, 5 classes."""
    reference = load_reference("mlp_backprop")
    rng = np.random.default_rng(0)
    X = rng.standard_normal((N_ROWS, N_FEATURES))
    y = np.argmax(X[:, :N_CLASSES] + rng.standard_normal((N_ROWS, N_CLASSES)), axis=1)
    params = {"hidden_layer_sizes": (HIDDEN,), "alpha": 1e-4, "learning_rate_init": 0.01, "batch_size": 200}

    def theirs() -> MLPClassifier:
        model = MLPClassifier(
            **params,
            solver="sgd",
            momentum=0.0,
            learning_rate="constant",
            shuffle=False,
            max_iter=EPOCHS,
            n_iter_no_change=EPOCHS + 1,
            tol=0.0,
            random_state=0,
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return model.fit(X, y)

    return [
        Comparison(
            name=f"MLPClassifier.fit (SGD, {EPOCHS} epochs, {HIDDEN} ReLU units), {N_ROWS:,} x {N_FEATURES}",
            ours=lambda: reference.MLPClassifier(**params, max_iter=EPOCHS, random_state=0).fit(X, y),
            baseline=theirs,
            target=2.0,
        )
    ]
