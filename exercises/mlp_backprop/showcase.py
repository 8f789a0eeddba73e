"""The MLP picture of the visual report: the candidate's loss curve beside scikit-learn's, same start."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from grader.testing.pictures import (
    CANDIDATE_COLOUR,
    TRUSTED_COLOUR,
    Picture,
    as_array,
    field,
    figure,
    numbers,
    png,
    verdict,
)

TITLE = "MLP training loss, epoch by epoch"
INPUT_VERSION = 1
EPOCHS = 40
PARAMS = {"hidden_layer_sizes": (8,), "activation": "tanh", "alpha": 1e-3, "learning_rate_init": 0.05, "batch_size": 16}


def fixed_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], list[Any], list[Any]]:
    """Three 2-D Gaussian classes (90 rows) and Glorot weights drawn from a fixed seed."""
    rng = np.random.default_rng(11)
    centres = np.array([[-2.0, 0.0], [2.0, 0.5], [0.0, 2.5]])
    y = np.repeat([0, 1, 2], 30)
    X = centres[y] + rng.standard_normal((90, 2))
    order = rng.permutation(90)
    coefs, intercepts = [], []
    for fan_in, fan_out in ((2, 8), (8, 3)):
        bound = np.sqrt(6.0 / (fan_in + fan_out))
        coefs.append(rng.uniform(-bound, bound, (fan_in, fan_out)))
        intercepts.append(rng.uniform(-bound, bound, fan_out))
    return X[order], y[order], coefs, intercepts


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, y, coefs, intercepts = fixed_input()
    model = candidate.MLPClassifier(**PARAMS, max_iter=EPOCHS)
    model.fit(X, y, coefs, intercepts)
    curve = as_array(model.loss_curve_, (EPOCHS,), "MLPClassifier.loss_curve_")
    return {"curve": numbers(curve)}


def _sklearn_curve() -> np.ndarray[Any, Any]:
    from sklearn.neural_network import MLPClassifier

    X, y, coefs, intercepts = fixed_input()
    model = MLPClassifier(
        **PARAMS,
        solver="sgd",
        momentum=0.0,
        learning_rate="constant",
        shuffle=False,
        max_iter=1,
        warm_start=True,
        n_iter_no_change=EPOCHS + 1,
        tol=0.0,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.fit(X, y)
        model.coefs_ = [W.copy() for W in coefs]
        model.intercepts_ = [b.copy() for b in intercepts]
        model.loss_curve_, model.best_loss_, model.max_iter = [], np.inf, EPOCHS
        model.fit(X, y)
    return np.asarray(model.loss_curve_, dtype=float)


def draw(data: dict[str, Any], lost: float) -> Picture:
    candidate = field(data, "curve", (EPOCHS,), "loss_curve_")
    trusted = _sklearn_curve()
    drawn = figure(6.4, 4.2)
    axes = drawn.subplots()
    epochs = np.arange(1, EPOCHS + 1)
    shown = np.where(np.isfinite(candidate), candidate, np.nan)
    axes.plot(epochs, shown, color=CANDIDATE_COLOUR, lw=2.5, label="candidate loss_curve_")
    axes.plot(
        epochs, trusted, color=TRUSTED_COLOUR, lw=1.5, ls="--", marker="o", ms=3, label="scikit-learn loss_curve_"
    )
    axes.set_xlabel("epoch")
    axes.set_ylabel("mean log-loss + L2 penalty")
    axes.set_title("3 classes, 8 tanh units, SGD from the same weights")
    axes.legend(fontsize=8)
    gap = float(np.max(np.abs(candidate - trusted))) if np.all(np.isfinite(candidate)) else float("inf")
    differs = not gap <= 1e-6 * float(np.max(np.abs(trusted)))
    caption = "Each epoch's mean batch loss while training. " + verdict(
        differs,
        "The candidate's curve is scikit-learn's, epoch by epoch.",
        f"The curves part ways (largest gap {gap:.3g}): the steps are not scikit-learn's.",
        lost,
        "scikit-learn",
    )
    return Picture(TITLE, caption, png(drawn))
