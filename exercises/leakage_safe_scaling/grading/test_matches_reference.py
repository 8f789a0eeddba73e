"""Same answers as the reference solution (category ``matches_reference``)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from leakage_safe_scaling_checks import ATOL, RTOL
from leakage_safe_scaling_strategies import CVProblem, cv_problems, feature_ranges, paired_matrices, seeds
from sklearn.linear_model import Ridge

from grader.testing import IntArray, expect_close, few_examples, points

WORKED_EXAMPLE = "the worked example"


@points(1, category="matches_reference")
def test_worked_example_from_the_statement_gives_the_documented_values(candidate: Any) -> None:
    X = np.array([[1.0, 10.0], [3.0, 10.0], [5.0, 10.0], [7.0, 10.0]])
    scaler = candidate.StandardScaler()
    scaler.fit(X)
    expect_close(scaler.mean_, [4.0, 10.0], rtol=1e-12, what="StandardScaler().fit(X).mean_", source=WORKED_EXAMPLE)
    expect_close(
        scaler.scale_,
        [math.sqrt(5.0), 1.0],
        rtol=1e-12,
        what="StandardScaler().fit(X).scale_ (the second feature is constant)",
        source=WORKED_EXAMPLE,
    )
    expect_close(
        scaler.transform([[4.0, 11.0]]),
        [[0.0, 1.0]],
        rtol=1e-12,
        atol=1e-12,
        what="StandardScaler().fit(X).transform([[4.0, 11.0]])",
        source=WORKED_EXAMPLE,
    )
    expect_close(
        candidate.MinMaxScaler(feature_range=(-1, 1)).fit_transform(X),
        [[-1.0, -1.0], [-1 / 3, -1.0], [1 / 3, -1.0], [1.0, -1.0]],
        rtol=1e-12,
        atol=1e-12,
        what="MinMaxScaler(feature_range=(-1, 1)).fit_transform(X)",
        source=WORKED_EXAMPLE,
    )


def _integer_table(shape_and_seed: tuple[int, int]) -> IntArray:
    n_rows, seed = shape_and_seed
    table: IntArray = np.random.default_rng(seed).integers(-50, 51, size=(n_rows, 3))
    return table


integer_tables = st.tuples(st.integers(2, 12), seeds).map(_integer_table)


@points(1, category="matches_reference")
@given(table=integer_tables, feature_range=feature_ranges())
def test_both_scalers_accept_nested_lists_of_integers_like_the_reference(
    candidate: Any, reference: Any, table: IntArray, feature_range: tuple[float, float]
) -> None:
    rows = table.tolist()
    for label, scaler, expected in (
        ("StandardScaler()", candidate.StandardScaler(), reference.StandardScaler()),
        (
            f"MinMaxScaler({feature_range})",
            candidate.MinMaxScaler(feature_range),
            reference.MinMaxScaler(feature_range),
        ),
    ):
        expect_close(
            scaler.fit_transform(rows),
            expected.fit_transform(rows),
            rtol=RTOL,
            atol=ATOL,
            what=f"{label}.fit_transform(a nested list of integers)",
        )
        expect_close(
            scaler.inverse_transform(rows),
            expected.inverse_transform(rows),
            rtol=RTOL,
            atol=ATOL * 50,
            what=f"{label}.inverse_transform(a nested list of integers)",
        )


SCALER_CONFIGS: list[tuple[str, tuple[tuple[float, float], ...]]] = [
    ("StandardScaler", ()),
    ("MinMaxScaler", ()),
    ("MinMaxScaler", ((-1.0, 1.0),)),
    ("MinMaxScaler", ((2.0, 5.5),)),
]


@points(1, category="matches_reference")
@few_examples(12)
@given(problem=cv_problems(), config=st.sampled_from(SCALER_CONFIGS))
def test_scaled_cross_val_score_with_your_scalers_matches_the_reference(
    candidate: Any,
    reference: Any,
    problem: CVProblem,
    config: tuple[str, tuple[tuple[float, float], ...]],
) -> None:
    kind, args = config
    scores = candidate.scaled_cross_val_score(
        getattr(candidate, kind)(*args),
        Ridge(alpha=0.5),
        problem.X,
        problem.y,
        n_splits=problem.n_splits,
    )
    expected = reference.scaled_cross_val_score(
        getattr(reference, kind)(*args),
        Ridge(alpha=0.5),
        problem.X,
        problem.y,
        n_splits=problem.n_splits,
    )
    expect_close(
        scores,
        expected,
        rtol=1e-7,
        atol=1e-9,
        what=f"scaled_cross_val_score({kind}({', '.join(map(repr, args))}), "
        f"Ridge(alpha=0.5), X, y, n_splits={problem.n_splits})",
    )


@points(1, category="matches_reference")
@given(pair=paired_matrices(), feature_range=feature_ranges())
def test_pipeline_of_your_scalers_predicts_like_the_reference(
    candidate: Any, reference: Any, pair: tuple[Any, Any], feature_range: tuple[float, float]
) -> None:
    X, other = pair
    y = X @ np.linspace(1.0, -1.0, X.shape[1]) + np.arange(X.shape[0]) % 2
    pipeline = candidate.Pipeline(
        [
            ("minmax", candidate.MinMaxScaler(feature_range)),
            ("standard", candidate.StandardScaler()),
            ("ridge", Ridge()),
        ]
    )
    pipeline.fit(X, y)
    expected = reference.Pipeline(
        [
            ("minmax", reference.MinMaxScaler(feature_range)),
            ("standard", reference.StandardScaler()),
            ("ridge", Ridge()),
        ]
    ).fit(X, y)
    label = f"Pipeline([MinMaxScaler({feature_range}), StandardScaler(), Ridge()]).fit(X, y)"
    expect_close(
        pipeline.predict(other), expected.predict(other), rtol=1e-7, atol=1e-9, what=f"{label}.predict(other rows)"
    )
