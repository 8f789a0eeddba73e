"""The cross-validation picture of the visual report: per-fold scores beside scikit-learn's."""

from __future__ import annotations

from typing import Any

from grader.testing.pictures import (
    Picture,
    as_array,
    bars,
    field,
    figure,
    folds_input,
    largest_gap,
    numbers,
    png,
    verdict,
)

TITLE = "Per-fold scores"
INPUT_VERSION = 2
N_FOLDS = 5


def _tree() -> Any:
    from sklearn.tree import DecisionTreeClassifier

    return DecisionTreeClassifier(max_depth=3, random_state=0)


def candidate_side(candidate: Any) -> dict[str, Any]:
    X, y = folds_input()
    # The tree stays in the judge; candidate code holds a stand-in for it.
    kfold = candidate.cross_val_score(_tree(), X, y, cv=N_FOLDS)
    stratified = candidate.cross_val_score(_tree(), X, y, cv=candidate.StratifiedKFold(n_splits=N_FOLDS))
    return {
        "kfold": numbers(as_array(kfold, (N_FOLDS,), "cross_val_score(..., cv=5)")),
        "stratified": numbers(as_array(stratified, (N_FOLDS,), "cross_val_score(..., cv=StratifiedKFold(5))")),
    }


def fold_caption(candidate: Any, trusted: Any, lost: float) -> str:
    gap = largest_gap(candidate, trusted)
    return "Accuracy on each test fold, unshuffled folds. " + verdict(
        gap >= 1e-6,
        "The candidate's scores match scikit-learn's.",
        f"The scores differ from scikit-learn's by up to {gap:.3g}.",
        lost,
        "scikit-learn",
    )


def draw(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score

    X, y = folds_input()
    kfold = field(data, "kfold", (N_FOLDS,), "cross_val_score(..., cv=5)")
    stratified = field(data, "stratified", (N_FOLDS,), "cross_val_score(..., cv=StratifiedKFold(5))")
    trusted_k = cross_val_score(_tree(), X, y, cv=KFold(N_FOLDS))
    trusted_s = cross_val_score(_tree(), X, y, cv=StratifiedKFold(N_FOLDS))
    drawn = figure(9.0, 3.6)
    axes = drawn.subplots(1, 2, sharey=True)
    bars(axes[0], kfold, trusted_k, "cross_val_score(tree, X, y, cv=5)")
    bars(axes[1], stratified, trusted_s, "cv=StratifiedKFold(n_splits=5)")
    # Unshuffled KFold has one right answer; a stratified split has many (any that keeps the class
    # proportions), so its panel is drawn for reference and never called a difference.
    caption = (
        f"A depth-3 decision tree on {len(y)} samples of 3 classes (61, 47, 39). Left: "
        + fold_caption(kfold, trusted_k, lost)
        + " Right: any split that keeps the class proportions is correct, so stratified per-fold scores "
        "may differ from scikit-learn's without a mistake."
    )
    return Picture(TITLE, caption, png(drawn))
