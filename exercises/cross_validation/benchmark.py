"""``make bench`` rows for ``cross_validation``: the reference splitters against scikit-learn's."""

from __future__ import annotations

import numpy as np
from sklearn import model_selection

from grader.testing import Comparison, load_reference

N_SAMPLES = 1_000_000
N_SPLITS = 5


def comparisons() -> list[Comparison]:
    """``KFold`` (plain and shuffled) and ``StratifiedKFold`` ``split`` on 1,000,000 samples."""
    reference = load_reference("cross_validation")
    rng = np.random.default_rng(0)
    # Built once, outside the timed calls; only the length of X matters to a splitter.
    X = np.zeros((N_SAMPLES, 1))
    y = rng.choice(np.array([0, 1, 2]), size=N_SAMPLES, p=[0.1, 0.6, 0.3])
    shuffled = {"shuffle": True, "random_state": 0}
    return [
        Comparison(
            name=f"KFold(n_splits={N_SPLITS}).split, {N_SAMPLES:,} samples",
            ours=lambda: list(reference.KFold(N_SPLITS).split(X)),
            baseline=lambda: list(model_selection.KFold(N_SPLITS).split(X)),
            target=1.0,
        ),
        Comparison(
            name=f"KFold(n_splits={N_SPLITS}, shuffle=True).split, {N_SAMPLES:,} samples",
            ours=lambda: list(reference.KFold(N_SPLITS, **shuffled).split(X)),
            baseline=lambda: list(model_selection.KFold(N_SPLITS, **shuffled).split(X)),
            target=1.0,
        ),
        Comparison(
            name=f"StratifiedKFold(n_splits={N_SPLITS}).split, {N_SAMPLES:,} samples, 3 classes",
            ours=lambda: list(reference.StratifiedKFold(N_SPLITS).split(X, y)),
            baseline=lambda: list(model_selection.StratifiedKFold(N_SPLITS).split(X, y)),
            target=1.0,
        ),
    ]
