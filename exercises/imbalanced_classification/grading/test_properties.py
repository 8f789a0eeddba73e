"""Promises that hold for any labels, rows and seeds (``properties``): what the samplers return, how
their randomness behaves across calls, and, read from spy estimators, that cross-validation fits each
fold's fresh copy on a resample of the training rows only and scores it on the untouched test rows."""

from __future__ import annotations

from typing import Any

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from imbalanced_classification_checks import (
    SAMPLERS,
    SEEDS,
    calling,
    expect_balanced,
    expect_over_sample,
    expect_sample_indices,
    expect_score,
    expect_threshold,
    expect_under_sample,
    expect_valid_resample,
    read_pair,
    resample,
    source_rows,
)
from imbalanced_classification_folds import expect_clean_folds
from imbalanced_classification_strategies import (
    Folded,
    Labels,
    Rows,
    Scored,
    class_labels,
    folded_rows,
    scored_labels,
    tag,
    tagged_rows,
)
from sklearn import model_selection

from grader.testing import CheckFailed, expect_close, few_examples, points, trusted, without_shrinking

SEED = st.integers(0, 2**31 - 1)


# ----------------------------------------------------------------------------- one call of fit_resample


@points(2, category="properties")
@given(rows=tagged_rows(), name=st.sampled_from(SAMPLERS), seed=SEED)
def test_every_resampled_row_is_a_copy_of_an_original_with_its_label(
    candidate: Any, rows: Rows, name: str, seed: int
) -> None:
    X_res, y_res, _ = resample(candidate, name, rows.X, rows.y, seed)
    source_rows(X_res, y_res, rows.X, rows.y, what=f"{name}(random_state={seed}).fit_resample(X, y)")


@points(2, category="properties")
@given(rows=tagged_rows(), name=st.sampled_from(SAMPLERS), seed=SEED)
def test_resampled_classes_are_balanced(candidate: Any, rows: Rows, name: str, seed: int) -> None:
    X_res, y_res, _ = resample(candidate, name, rows.X, rows.y, seed)
    what = f"{name}(random_state={seed}).fit_resample(X, y)"
    source_rows(X_res, y_res, rows.X, rows.y, what=what)
    expect_balanced(y_res, rows.y, name, what=what)


@points(1, category="properties")
@given(rows=tagged_rows(), seed=SEED)
def test_over_sampling_keeps_every_original_row_first(candidate: Any, rows: Rows, seed: int) -> None:
    X_res, y_res, _ = resample(candidate, "RandomOverSampler", rows.X, rows.y, seed)
    what = f"RandomOverSampler(random_state={seed}).fit_resample(X, y)"
    expect_over_sample(source_rows(X_res, y_res, rows.X, rows.y, what=what), rows.y, what=what)


@points(1, category="properties")
@given(rows=tagged_rows(), seed=SEED)
def test_under_sampling_never_repeats_a_row(candidate: Any, rows: Rows, seed: int) -> None:
    X_res, y_res, _ = resample(candidate, "RandomUnderSampler", rows.X, rows.y, seed)
    what = f"RandomUnderSampler(random_state={seed}).fit_resample(X, y)"
    rows_kept = source_rows(X_res, y_res, rows.X, rows.y, what=what)
    expect_balanced(y_res, rows.y, "RandomUnderSampler", what=what)
    expect_under_sample(rows_kept, rows.y, what=what)


@points(1, category="properties")
@given(rows=tagged_rows(), name=st.sampled_from(SAMPLERS), seed=SEED)
def test_sample_indices_name_the_rows_behind_the_output(candidate: Any, rows: Rows, name: str, seed: int) -> None:
    X_res, y_res, sampler = resample(candidate, name, rows.X, rows.y, seed)
    what = f"{name}(random_state={seed}).fit_resample(X, y)"
    expect_sample_indices(sampler, source_rows(X_res, y_res, rows.X, rows.y, what=what), what=what)


# ----------------------------------------------------------------------------- randomness across calls


def _draws(candidate: Any, sampler: Any, rows: Rows, *, what: str) -> tuple[int, ...]:
    """One call of ``fit_resample`` on a sampler already built, as the tuple of source rows."""
    with calling(what):
        result = sampler.fit_resample(rows.X, rows.y)
    X_res, y_res = read_pair(result, rows.X, rows.y, what=what)
    return tuple(source_rows(X_res, y_res, rows.X, rows.y, what=what).tolist())


@st.composite
def random_enough(draw: st.DrawFn) -> Rows:
    """Rows where a sampler has many possible draws: a class of 12-30 rows beside one of 3-6."""
    big, small = draw(st.integers(12, 30)), draw(st.integers(3, 6))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    y = rng.permutation(np.repeat([0, 1], [big, small]))
    return Rows(tag(y, rng), y)


@points(2, category="properties")
@given(rows=random_enough(), name=st.sampled_from(SAMPLERS), seed=SEED)
def test_the_same_seed_gives_the_same_rows_on_every_call(candidate: Any, rows: Rows, name: str, seed: int) -> None:
    expect_valid_resample(candidate, name, rows.X, rows.y, seed)
    what = f"{name}(random_state={seed}).fit_resample(X, y)"
    first_sampler = getattr(candidate, name)(random_state=seed)
    first = _draws(candidate, first_sampler, rows, what=what)
    other = _draws(candidate, getattr(candidate, name)(random_state=seed), rows, what=what)
    if first != other:
        raise CheckFailed(f"{what} gave different rows on two samplers with the same seed; the seed must fix the draws")
    again = _draws(candidate, first_sampler, rows, what=what)
    if first != again:
        raise CheckFailed(
            f"{what} called twice on the same sampler gave different rows; make a new generator from random_state on "
            "every call, so that the same seed gives the same rows every time"
        )
    with calling(what + " on other data (the rows of X reversed)"):
        first_sampler.fit_resample(rows.X[::-1].copy(), rows.y[::-1].copy())
    after = _draws(candidate, first_sampler, rows, what=what)
    if first != after:
        raise CheckFailed(
            f"{what} gave other rows after a call on other data; each call depends only on its own X, y and seed"
        )


@points(1, category="properties")
@few_examples(10)
@given(rows=random_enough(), name=st.sampled_from(SAMPLERS))
def test_different_seeds_draw_different_rows(candidate: Any, rows: Rows, name: str) -> None:
    by_seed = {}
    for seed in SEEDS:
        what = f"{name}(random_state={seed}).fit_resample(X, y)"
        expect_valid_resample(candidate, name, rows.X, rows.y, seed)
        by_seed[seed] = _draws(candidate, getattr(candidate, name)(random_state=seed), rows, what=what)
    if len(set(by_seed.values())) == 1:
        raise CheckFailed(
            f"{name}(random_state=...).fit_resample(X, y) drew the same rows for random_state in {list(SEEDS)}: the "
            "draws must depend on the seed"
        )


@points(1, category="properties")
@few_examples(10)
@given(rows=random_enough(), name=st.sampled_from(SAMPLERS))
def test_random_state_none_draws_anew_on_every_call(candidate: Any, rows: Rows, name: str) -> None:
    expect_valid_resample(candidate, name, rows.X, rows.y, None)
    what = f"{name}(random_state=None).fit_resample(X, y)"
    sampler = getattr(candidate, name)(random_state=None)
    draws = {_draws(candidate, sampler, rows, what=what) for _ in range(3)}
    draws |= {_draws(candidate, getattr(candidate, name)(), rows, what=what) for _ in range(2)}
    if len(draws) == 1:
        raise CheckFailed(
            f"{what} drew the same rows on five calls; with random_state=None every call must draw fresh randomness"
        )


@points(1, category="properties")
@few_examples(4)
@given(seed=SEED)
def test_draws_are_uniform_over_each_class(candidate: Any, seed: int) -> None:
    rng = np.random.default_rng(seed)
    y = rng.permutation(np.repeat([0, 1], [4000, 10]))
    X = tag(y, rng, n_features=2)
    rows, _, what = expect_valid_resample(candidate, "RandomOverSampler", X, y, seed)
    copies = np.bincount(rows[len(y) :], minlength=len(y))[y == 1]
    if copies.min() < 300 or copies.max() > 700:  # 399 copies expected per row, standard deviation 20
        raise CheckFailed(
            f"{what} on 4,000 rows of class 0 and 10 of class 1 copied the class-1 rows {copies.tolist()} times; "
            "uniform draws with replacement copy each about 399 times"
        )
    y = rng.permutation(np.repeat([0, 1], [4000, 2000]))
    X = tag(y, rng, n_features=2)
    rows, _, what = expect_valid_resample(candidate, "RandomUnderSampler", X, y, seed)
    kept = rows[y[rows] == 0]
    early = float(np.mean(kept < len(y) // 2))
    share = float(np.mean(np.flatnonzero(y == 0) < len(y) // 2))
    if abs(early - share) > 0.08:  # standard deviation about 0.008
        raise CheckFailed(
            f"{what} on 4,000 rows of class 0 and 2,000 of class 1 kept {early:.0%} of its class-0 rows from the first "
            f"half of X, where {share:.0%} of them are; uniform draws without replacement keep rows from everywhere"
        )


# ----------------------------------------------------------------------------- weights, metrics, thresholds


@points(1, category="properties")
@given(labels=class_labels())
def test_balanced_sample_weights_give_every_class_the_same_total(candidate: Any, labels: Labels) -> None:
    what = f"compute_sample_weight('balanced', {labels.y.tolist()!r})"
    with calling(what):
        weights = candidate.compute_sample_weight("balanced", labels.y)
    classes = labels.classes
    codes = np.searchsorted(classes, labels.y)
    try:
        totals = np.bincount(codes, weights=np.asarray(weights, dtype=np.float64), minlength=len(classes))
    except (TypeError, ValueError):
        raise CheckFailed(f"{what} returned {weights!r}; expected one weight per sample") from None
    expect_close(
        totals,
        np.full(len(classes), len(labels.y) / len(classes)),
        what=f"the total weight of each class {classes.tolist()} from {what}",
        rtol=1e-9,
        source="n_samples / n_classes (rare classes weigh more, so that every class weighs the same)",
    )


@points(1, category="properties")
@given(labels=class_labels(min_classes=2))
def test_predicting_the_majority_class_scores_one_over_the_number_of_classes(candidate: Any, labels: Labels) -> None:
    classes, counts = np.unique(labels.y, return_counts=True)
    majority = np.full(labels.y.shape, classes[np.argmax(counts)])
    what = f"balanced_accuracy_score({labels.y.tolist()!r}, the majority class everywhere)"
    with calling(what):
        got = candidate.balanced_accuracy_score(labels.y, majority)
    expect_score(got, 1 / len(classes), what=what, source="1 / n_classes (only the majority class is recalled)")


@points(1, category="properties")
@given(scored=scored_labels(), scale=st.sampled_from([2.0, 0.5, 1000.0]), shift=st.sampled_from([-7.0, 0.0, 3.0]))
def test_a_monotone_change_of_the_scores_moves_the_threshold_with_them(
    candidate: Any, reference: Any, scored: Scored, scale: float, shift: float
) -> None:
    cubed = np.cbrt(scored.y_score - np.median(scored.y_score)) * scale + shift
    if len(np.unique(cubed)) != len(np.unique(scored.y_score)):
        return  # the change merged two scores in floating point
    what = f"tune_threshold(y_true, cbrt(y_score - median) * {scale} + {shift}, metric={scored.metric!r})"
    with calling(what):
        got = candidate.tune_threshold(scored.y_true, cubed, metric=scored.metric)
    best = reference.tune_threshold(scored.y_true, scored.y_score, metric=scored.metric)
    expected = float(cubed[np.flatnonzero(scored.y_score == best)[0]])
    expect_threshold(got, expected, what=what, source="the same change applied to the best threshold")


# ----------------------------------------------------------------------------- cross-validation (spies)


@points(2, category="properties")
@without_shrinking(8)
@given(data=folded_rows(), name=st.sampled_from(SAMPLERS), seed=st.integers(0, 99))
def test_no_test_row_or_copy_of_one_reaches_a_fit(candidate: Any, data: Folded, name: str, seed: int) -> None:
    expect_clean_folds(candidate, data, name, seed)


@points(1, category="properties")
@without_shrinking(6)
@given(data=folded_rows(), name=st.sampled_from(SAMPLERS), seed=st.integers(0, 2**31 - 1))
def test_a_splitter_objects_folds_decide_what_each_copy_sees(
    candidate: Any, data: Folded, name: str, seed: int
) -> None:
    params = {"n_splits": data.cv, "shuffle": True, "random_state": seed}
    expect_clean_folds(
        candidate,
        data,
        name,
        seed % 100,
        cv=trusted("sklearn.model_selection.StratifiedKFold", **params),
        local_cv=model_selection.StratifiedKFold(**params),
        cv_name=f"StratifiedKFold({data.cv}, shuffle=True, random_state={seed})",
    )
