"""Training on a medium input is not much slower than the reference's vectorised mini-batches."""

from __future__ import annotations

from typing import Any

import numpy as np
from mlp_backprop_problems import glorot, read_layers

from grader.testing import assert_fast_enough, expect_close, points

N_SAMPLES, N_FEATURES, HIDDEN, N_CLASSES = 3000, 20, 64, 4
PARAMS = {
    "hidden_layer_sizes": (HIDDEN,),
    "activation": "relu",
    "alpha": 1e-3,
    "learning_rate_init": 0.01,
    "batch_size": 64,
    "max_iter": 15,
}
WHAT = f"MLPClassifier(hidden_layer_sizes=({HIDDEN},), batch_size=64, max_iter=15).fit on {N_SAMPLES} x {N_FEATURES}"


def _medium(repeat: int) -> tuple[Any, ...]:
    rng = np.random.default_rng(100 + repeat)
    X = rng.standard_normal((N_SAMPLES, N_FEATURES))
    y = np.argmax(X[:, :N_CLASSES] + 0.5 * rng.standard_normal((N_SAMPLES, N_CLASSES)), axis=1)
    coefs, intercepts = glorot([N_FEATURES, HIDDEN, N_CLASSES], "relu", rng)
    return X, y, coefs, intercepts


def _read(model: Any, X: Any) -> tuple[Any, ...]:
    return (list(model.coefs_), list(model.intercepts_), np.asarray(model.loss_curve_), model.predict_proba(X))


def _same(actual: tuple[Any, ...], expected: tuple[Any, ...], data: tuple[Any, ...]) -> None:
    names = ("coefs_", "intercepts_")
    for name, got_list, want_list in zip(names, actual[:2], expected[:2], strict=True):
        shapes = [np.shape(want) for want in want_list]
        for index, (got, want) in enumerate(
            zip(read_layers(got_list, shapes, what=f"{WHAT}: {name}"), want_list, strict=True)
        ):
            expect_close(got, want, what=f"{WHAT}: {name}[{index}]", rtol=1e-6, atol=1e-9)
    expect_close(actual[2], expected[2], what=f"{WHAT}: loss_curve_", rtol=1e-6, atol=1e-9)
    expect_close(actual[3], expected[3], what=f"{WHAT}: predict_proba(X)", rtol=1e-6, atol=1e-9)


@points(2, category="efficiency")
def test_training_is_fast(candidate: Any, reference: Any, sandbox: Any) -> None:
    def candidate_fit(sent: tuple[Any, ...]) -> tuple[Any, ...]:
        held, y, coefs, intercepts = sent
        return _read(candidate.MLPClassifier(**PARAMS).fit(held, y, coefs, intercepts), held)

    def reference_fit(data: tuple[Any, ...]) -> tuple[Any, ...]:
        X, y, coefs, intercepts = data
        return _read(reference.MLPClassifier(**PARAMS).fit(X, y, coefs, intercepts), X)

    assert_fast_enough(
        candidate_fit,
        reference_fit,
        inputs=_medium,
        prepare=lambda data: (sandbox.hold(data[0]), *data[1:]),
        compare=_same,
        within=10,
        floor_seconds=0.3,
        what=WHAT,
    )
