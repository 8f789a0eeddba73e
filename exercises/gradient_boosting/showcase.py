"""The gradient-boosting picture of the visual report: the fitted curve stage by stage, beside scikit-learn's."""

from __future__ import annotations

from typing import Any

import numpy as np

from grader.testing.pictures import (
    CANDIDATE_COLOUR,
    TRUSTED_COLOUR,
    Picture,
    as_array,
    field,
    figure,
    largest_gap,
    numbers,
    png,
    verdict,
)

TITLE = "Gradient boosting, stage by stage"
INPUT_VERSION = 1
PARAMS = {"n_estimators": 30, "learning_rate": 0.3, "max_depth": 2}
SHOWN_STAGES = (1, 5, 30)


def fixed_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """80 rows on a grid of quarters (exact in float32), a noisy sine, and a drawing grid off every threshold."""
    rng = np.random.default_rng(5)
    x = np.sort(rng.permutation(160)[:80] - 80.0) * 0.25
    y = np.sin(x / 3.0) * 2.0 + rng.normal(scale=0.4, size=80)
    grid = np.arange(-80.0, 80.0) * 0.25 + 0.0625  # never a midpoint of two training values
    return x.reshape(-1, 1), y, grid.reshape(-1, 1)


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, y, grid = fixed_input()
    model = candidate.GradientBoostingRegressor(**PARAMS).fit(X, y)
    stages = list(model.staged_predict(grid))
    if len(stages) != PARAMS["n_estimators"]:
        return {"stages": []}
    shown = [as_array(stages[k - 1], (len(grid),), f"staged_predict(grid), stage {k}") for k in SHOWN_STAGES]
    return {"stages": numbers(np.array(shown))}


def draw(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.ensemble import GradientBoostingRegressor

    X, y, grid = fixed_input()
    candidate = field(data, "stages", (len(SHOWN_STAGES), len(grid)), "the candidate's staged predictions")
    trusted_model = GradientBoostingRegressor(**PARAMS, random_state=0).fit(X, y)
    everything = list(trusted_model.staged_predict(grid))
    trusted = np.array([everything[k - 1] for k in SHOWN_STAGES])
    drawn = figure(7.2, 4.2)
    axes = drawn.subplots()
    axes.scatter(X[:, 0], y, s=10, color="#999999", label="training rows")
    shades = (0.35, 0.65, 1.0)
    for index, (stage, alpha) in enumerate(zip(SHOWN_STAGES, shades, strict=True)):
        axes.step(
            grid[:, 0],
            candidate[index],
            where="mid",
            color=CANDIDATE_COLOUR,
            alpha=alpha,
            lw=1.8,
            label=f"candidate, stage {stage}",
        )
        axes.step(
            grid[:, 0],
            trusted[index],
            where="mid",
            color=TRUSTED_COLOUR,
            alpha=alpha,
            lw=1.0,
            ls="--",
            label=f"scikit-learn, stage {stage}",
        )
    axes.legend(loc="upper left", fontsize=7, ncol=2)
    axes.set_title("GradientBoostingRegressor(n_estimators=30, learning_rate=0.3, max_depth=2)")
    gap = largest_gap(candidate, trusted)
    caption = "Solid: the candidate's staged_predict after stages 1, 5 and 30; dashed: scikit-learn's. " + verdict(
        not gap <= 1e-4,
        "The curves coincide at every stage shown.",
        f"The largest gap between the curves is {gap:.3g}.",
        lost,
        "scikit-learn",
    )
    return Picture(TITLE, caption, png(drawn))
