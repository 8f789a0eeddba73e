"""Speed on a million labels and 300,000 rows, relative to the reference in the same run (``efficiency``).

Each repeat times a fresh input of the same size, from the call until the whole result is read back,
and checks it in full: weights, balanced accuracy and thresholds against the reference's; resampled
output (random) against every promise the statement makes for it. Sorting once and reading cumulative
sums is what the reference does; recounting every sample for each threshold is thousands of times slower.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
from imbalanced_classification_checks import expected_labels, read_pair, source_rows

from grader.testing import CheckFailed, assert_fast_enough, points

N_LABELS = 1_000_000
N_ROWS = 300_000
WITHIN = 10
Labels = tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]


def scored_million(repeat: int) -> Labels:
    """A million binary labels (10% positive) and scores rounded to 4 decimals (so, many ties)."""
    rng = np.random.default_rng(20261205 + repeat)
    y = (rng.random(N_LABELS) < 0.1).astype(np.int64)
    return y, np.round(rng.normal(size=N_LABELS) + 1.2 * y, 4)


def predicted_million(repeat: int) -> Labels:
    """A million labels of five imbalanced classes, predictions right about 70% of the time."""
    rng = np.random.default_rng(20261206 + repeat)
    y = rng.choice(5, size=N_LABELS, p=[0.6, 0.2, 0.1, 0.07, 0.03])
    return y, np.where(rng.random(N_LABELS) < 0.3, rng.integers(0, 6, N_LABELS), y)


def imbalanced_rows(repeat: int) -> Labels:
    """300,000 tagged rows (column 0 the row number) of three classes, 80% / 15% / 5%."""
    rng = np.random.default_rng(20261207 + repeat)
    y = rng.choice(np.array(["common", "middle", "rare"]), size=N_ROWS, p=[0.8, 0.15, 0.05])
    X = np.hstack([np.arange(N_ROWS, dtype=np.float64)[:, np.newaxis], rng.normal(size=(N_ROWS, 4))])
    return X, y


def _tuned(module: Any, metric: str, data: Any) -> Any:
    return module.tune_threshold(*data, metric=metric)


def _resampled(module: Any, name: str, data: Any) -> Any:
    return getattr(module, name)(random_state=0).fit_resample(*data)


@points(2, category="efficiency")
def test_tune_threshold_is_fast_on_a_million_scores(candidate: Any, reference: Any, sandbox: Any) -> None:
    for metric in ("f1", "balanced_accuracy"):
        assert_fast_enough(
            functools.partial(_tuned, candidate, metric),
            functools.partial(_tuned, reference, metric),
            inputs=scored_million,
            prepare=lambda data: tuple(sandbox.hold(part) for part in data),
            within=WITHIN,
            rtol=0.0,
            atol=0.0,
            what=f"tune_threshold(y_true, y_score, metric={metric!r}) on {N_LABELS:,} scores",
        )


@points(1, category="efficiency")
def test_weights_and_balanced_accuracy_are_fast_on_a_million_labels(
    candidate: Any, reference: Any, sandbox: Any
) -> None:
    assert_fast_enough(
        lambda held: candidate.compute_sample_weight("balanced", held[0]),
        lambda data: reference.compute_sample_weight("balanced", data[0]),
        inputs=predicted_million,
        prepare=lambda data: tuple(sandbox.hold(part) for part in data),
        within=WITHIN,
        rtol=1e-12,
        what=f"compute_sample_weight('balanced', y) on {N_LABELS:,} labels",
    )
    assert_fast_enough(
        lambda held: candidate.balanced_accuracy_score(*held),
        lambda data: reference.balanced_accuracy_score(*data),
        inputs=predicted_million,
        prepare=lambda data: tuple(sandbox.hold(part) for part in data),
        within=WITHIN,
        rtol=1e-12,
        what=f"balanced_accuracy_score(y_true, y_pred) on {N_LABELS:,} labels",
    )


@points(2, category="efficiency")
def test_samplers_are_fast_on_300000_rows(candidate: Any, reference: Any, sandbox: Any) -> None:
    for name in ("RandomOverSampler", "RandomUnderSampler"):
        what = f"{name}(random_state=0).fit_resample(X, y) on {N_ROWS:,} rows"

        def valid(actual: Any, expected: Any, data: Labels, name: str = name, what: str = what) -> None:
            X_res, y_res = read_pair(actual, data[0], data[1], what=what)
            if not np.array_equal(y_res, expected_labels(data[1], name)):
                raise CheckFailed(
                    f"y_resampled from {what} is not what the statement pins down (classes, counts, order)"
                )
            source_rows(X_res, y_res, data[0], data[1], what=what)

        assert_fast_enough(
            functools.partial(_resampled, candidate, name),
            functools.partial(_resampled, reference, name),
            inputs=imbalanced_rows,
            prepare=lambda data: tuple(sandbox.hold(part) for part in data),
            compare=valid,
            within=WITHIN,
            floor_seconds=0.25,
            what=what,
        )
