"""K-fold and stratified K-fold splitters and cross_val_score."""

import copy

import numpy as np


class KFold:
    def __init__(self, n_splits=5, *, shuffle=False, random_state=None):
        self.n_splits = n_splits
        self.shuffle = shuffle
        self.random_state = random_state

    def get_n_splits(self, X=None, y=None):
        return int(self.n_splits)

    def _validate(self, n_samples):
        k = self.n_splits
        if not isinstance(k, (int, np.integer)) or isinstance(k, bool):
            raise ValueError(f"n_splits should be an int, got {type(k).__name__} {k!r}")
        if k < 2:
            raise ValueError(f"n_splits should be >= 2, got {k}")
        if k > n_samples:
            raise ValueError(f"n_splits={k} > n_samples={n_samples}")
        if not self.shuffle and self.random_state is not None:
            raise ValueError("random_state was set but shuffle=False")

    def _test_masks(self, n_samples, y):
        order = np.arange(n_samples)
        if self.shuffle:
            order = np.random.RandomState(self.random_state).permutation(n_samples)
        base, extra = divmod(n_samples, self.n_splits)
        start = 0
        for fold in range(self.n_splits):
            stop = start + base + (extra if fold == self.n_splits - 1 else 0)
            mask = np.zeros(n_samples, dtype=bool)
            mask[order[start:stop]] = True
            yield mask
            start = stop

    def split(self, X, y=None):
        n_samples = len(X)
        if y is not None and len(y) != n_samples:
            raise ValueError(f"len(X)={n_samples} but len(y)={len(y)}")
        self._validate(n_samples)
        indices = np.arange(n_samples)
        for mask in self._test_masks(n_samples, y):
            yield indices[~mask], indices[mask]


class StratifiedKFold(KFold):
    def split(self, X, y):
        return super().split(X, y)

    def _test_masks(self, n_samples, y):
        y = np.asarray(y)
        k = self.n_splits
        labels = np.unique(y)
        members = [np.flatnonzero(y == label) for label in labels]
        if max(len(m) for m in members) < k:
            raise ValueError(f"every class has fewer than n_splits={k} members")
        rng = np.random.RandomState(self.random_state) if self.shuffle else None
        fold_of = np.empty(n_samples, dtype=int)
        sizes = np.zeros(k, dtype=int)
        for m in members:
            base, extra = divmod(len(m), k)
            per_fold = np.full(k, base)
            per_fold[np.argsort(sizes, kind="stable")[:extra]] += 1
            sizes += per_fold
            if rng is not None:
                m = rng.permutation(m)
            fold_of[m] = np.repeat(np.arange(k), per_fold)
        for fold in range(k):
            yield fold_of == fold


def cross_val_score(estimator, X, y, *, cv=5, scoring=None):
    X = np.asarray(X)
    y = np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"X has {len(X)} rows, y has {len(y)}")
    splitter = KFold(cv) if isinstance(cv, (int, np.integer)) else cv
    results = []
    for train, test in splitter.split(X, y):
        fresh = type(estimator)(**estimator.get_params(deep=False))
        fresh.fit(X[train], y[train])
        if scoring is not None:
            results.append(scoring(fresh, X[test], y[test]))
        else:
            results.append(fresh.score(X[test], y[test]))
    return np.asarray(results, dtype=np.float64)
