"""K-means, Lloyd's algorithm with k-means++ seeding."""

import numpy as np


class NotFittedError(ValueError, AttributeError):
    pass


def _as_data(X):
    X = np.array(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"Expected a 2-D array X, got shape {X.shape}.")
    if np.isnan(X).any() or np.isinf(X).any():
        raise ValueError("Input X contains NaN or infinity.")
    return X


def _check_n_clusters(n_clusters, n_samples):
    if n_clusters < 1:
        raise ValueError(f"n_clusters={n_clusters} must be >= 1.")
    if n_clusters > n_samples:
        raise ValueError(f"n_samples={n_samples} should be >= n_clusters={n_clusters}.")


def _distances(X, centres):
    out = np.empty((X.shape[0], centres.shape[0]))
    for j in range(centres.shape[0]):
        diff = X - centres[j]
        out[:, j] = (diff * diff).sum(axis=1)
    return out


def _nearest(X, centres):
    d = _distances(X, centres)
    return d.argmin(axis=1), d


def _draw_plusplus(X, n_clusters, rng):
    n = len(X)
    picked = np.zeros(n, dtype=bool)
    first = rng.integers(0, n)
    picked[first] = True
    centres = [X[first]]
    closest = ((X - X[first]) ** 2).sum(axis=1)
    for _ in range(1, n_clusters):
        weights = np.where(picked, 0.0, closest)
        if weights.sum() == 0:
            candidates = np.flatnonzero(~picked)
            nxt = candidates[rng.integers(0, len(candidates))]
        else:
            nxt = rng.choice(n, p=weights / weights.sum())
        picked[nxt] = True
        centres.append(X[nxt])
        closest = np.minimum(closest, ((X - X[nxt]) ** 2).sum(axis=1))
    return np.array(centres, dtype=np.float64)


def kmeans_plusplus(X, n_clusters, *, random_state=None):
    X = _as_data(X)
    _check_n_clusters(n_clusters, len(X))
    return _draw_plusplus(X, n_clusters, np.random.default_rng(random_state))


def _new_centres(X, labels, dist, centres):
    k = len(centres)
    members = [np.flatnonzero(labels == j) for j in range(k)]
    empty = [j for j in range(k) if len(members[j]) == 0]
    moved = {}
    if empty:
        own = dist[np.arange(len(X)), labels]
        if own.max() > 0:
            order = np.argsort(-own, kind="stable")
            for j, i in zip(empty, order):
                moved[j] = i
    taken = set(moved.values())
    new = centres.copy()
    for j in range(k):
        if j in moved:
            new[j] = X[moved[j]]
            continue
        keep = [i for i in members[j] if i not in taken] if taken else members[j]
        if len(keep):
            new[j] = X[keep].mean(axis=0)
    return new


class KMeans:
    def __init__(self, n_clusters=8, *, init="k-means++", max_iter=300, tol=1e-4,
                 random_state=None):
        self.n_clusters = n_clusters
        self.init = init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def _initial(self, X):
        if isinstance(self.init, str):
            if self.init not in ("k-means++", "random"):
                raise ValueError(f"init must be 'k-means++', 'random' or an array, got {self.init!r}")
            rng = np.random.default_rng(self.random_state)
            if self.init == "random":
                return X[rng.choice(len(X), self.n_clusters, replace=False)].copy()
            return _draw_plusplus(X, self.n_clusters, rng)
        init = np.array(self.init, dtype=np.float64)
        if init.shape != (self.n_clusters, X.shape[1]):
            raise ValueError(
                f"init array has shape {init.shape}, expected ({self.n_clusters}, {X.shape[1]})")
        return init

    def fit(self, X, y=None):
        X = _as_data(X)
        _check_n_clusters(self.n_clusters, len(X))
        centres = self._initial(X)
        tol = self.tol * X.var(axis=0).mean()
        labels, dist = _nearest(X, centres)
        n_iter = 0
        for n_iter in range(1, self.max_iter + 1):
            new = _new_centres(X, labels, dist, centres)
            shift = ((new - centres) ** 2).sum()
            centres = new
            new_labels, dist = _nearest(X, centres)
            unchanged = np.array_equal(new_labels, labels)
            labels = new_labels
            if unchanged or shift <= tol:
                break
        self.cluster_centers_ = centres
        self.labels_ = labels
        self.inertia_ = float(dist[np.arange(len(X)), labels].sum())
        self.n_iter_ = n_iter
        return self

    def predict(self, X):
        if getattr(self, "cluster_centers_", None) is None:
            raise NotFittedError("This KMeans instance is not fitted yet. Call 'fit' first.")
        X = _as_data(X)
        if X.shape[1] != self.cluster_centers_.shape[1]:
            raise ValueError(f"X has {X.shape[1]} features, expected {self.cluster_centers_.shape[1]}.")
        return _nearest(X, self.cluster_centers_)[0]

    def fit_predict(self, X, y=None):
        return self.fit(X).labels_
