"""Trees of depth 8 on 10,000 x 8 samples, within a generous multiple of a vectorised solution's time.

Each repeat times a fresh input of the same size, from the call until the whole result (predictions
on the training rows, depth, leaves and, for the classifier, importances) is read back, and compares
that result with the reference's in full. An O(n^2) scan of the thresholds takes minutes here.

The inputs are pinned down: two candidates with mathematically equal gains but different children
(one sample split off on the left by one feature, on the right by another) compare equal or not
depending on the order of the floating-point operations, so a correct tree could pick either. The
classifier's inputs (seeds below, min_samples_leaf=50) were checked to have, at every split node, a
best candidate ahead of every candidate with other class counts by more than 1e-7 relative; the
regressor's targets are continuous, so its candidates never tie but for the same partition, which
gives the same predictions, depth and leaves whichever feature is chosen (its importances are not
compared).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.testing import FloatArray, assert_fast_enough, points

N_SAMPLES, N_FEATURES, DEPTH = 10_000, 8, 8
WITHIN = 10.0
CLASSIFIER_SEEDS = (1001, 1004, 1006)
MIN_SAMPLES_LEAF = 50
FLOOR = 0.25


def _data(repeat: int, *, regression: bool) -> tuple[FloatArray, Any]:
    rng = np.random.default_rng(2000 + repeat if regression else CLASSIFIER_SEEDS[repeat])
    X = rng.normal(size=(N_SAMPLES, N_FEATURES))
    score = X[:, 0] + X[:, 1] * X[:, 2] + np.sin(3.0 * X[:, 3]) + 0.5 * rng.normal(size=N_SAMPLES)
    if regression:
        return X, score
    return X, np.digitize(score, [-1.0, 0.0, 1.0])


def _outputs(model: Any, X: Any, *, classifier: bool) -> tuple[Any, ...]:
    predicted = model.predict(X)
    outputs = (predicted, model.get_depth(), model.get_n_leaves())
    return (*outputs, model.feature_importances_) if classifier else outputs


@points(2, category="efficiency")
def test_classifier_of_depth_8_on_10000_rows_is_fast_enough(candidate: Any, reference: Any, sandbox: Any) -> None:
    def send(data: tuple[FloatArray, Any]) -> tuple[Any, Any]:
        return sandbox.hold(data[0]), sandbox.hold(data[1])

    assert_fast_enough(
        lambda held: _outputs(
            candidate.DecisionTreeClassifier(max_depth=DEPTH, min_samples_leaf=MIN_SAMPLES_LEAF).fit(*held),
            held[0],
            classifier=True,
        ),
        lambda data: _outputs(
            reference.DecisionTreeClassifier(max_depth=DEPTH, min_samples_leaf=MIN_SAMPLES_LEAF).fit(*data),
            data[0],
            classifier=True,
        ),
        inputs=lambda repeat: _data(repeat, regression=False),
        prepare=send,
        within=WITHIN,
        floor_seconds=FLOOR,
        rtol=1e-9,
        atol=1e-12,
        what=(
            f"DecisionTreeClassifier(max_depth={DEPTH}, min_samples_leaf={MIN_SAMPLES_LEAF})"
            f".fit(X of shape ({N_SAMPLES}, {N_FEATURES}), y)"
        ),
    )


@points(1, category="efficiency")
def test_regressor_of_depth_8_on_10000_rows_is_fast_enough(candidate: Any, reference: Any, sandbox: Any) -> None:
    def send(data: tuple[FloatArray, Any]) -> tuple[Any, Any]:
        return sandbox.hold(data[0]), sandbox.hold(data[1])

    assert_fast_enough(
        lambda held: _outputs(candidate.DecisionTreeRegressor(max_depth=DEPTH).fit(*held), held[0], classifier=False),
        lambda data: _outputs(reference.DecisionTreeRegressor(max_depth=DEPTH).fit(*data), data[0], classifier=False),
        inputs=lambda repeat: _data(repeat, regression=True),
        prepare=send,
        within=WITHIN,
        floor_seconds=FLOOR,
        rtol=1e-9,
        atol=1e-9,
        what=f"DecisionTreeRegressor(max_depth={DEPTH}).fit(X of shape ({N_SAMPLES}, {N_FEATURES}), y)",
    )
