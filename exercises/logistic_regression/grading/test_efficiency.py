"""A vectorised fit is expected: within a generous multiple of the reference's time."""

from __future__ import annotations

from logistic_regression_problems import make_problem

from grader.suite import assert_fast_enough, points

# 20,000 rows x 20 features; the reference's Newton fit takes a few tens of milliseconds.
MEDIUM = make_problem(20_000, 20, 0.5, 0.1, 1.0, seed=2026)


@points(1, category="efficiency")
def test_fit_on_20000_rows_and_20_features_is_fast_enough(candidate, reference):
    assert_fast_enough(
        lambda: candidate.LogisticRegression().fit(MEDIUM.X, MEDIUM.y),
        lambda: reference.LogisticRegression().fit(MEDIUM.X, MEDIUM.y),
        within=15,
        what="LogisticRegression().fit(X, y) on 20,000 x 20",
    )
