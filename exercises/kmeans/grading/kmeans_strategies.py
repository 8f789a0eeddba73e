"""Data for the k-means suite: Hypothesis strategies and fixed inputs with known answers.

Generated data is unambiguous by construction: the shared ``separated_blobs`` put blob centres on a
coarse grid (at least 10 apart) with a spread of at most 1.5, coordinates are continuous (no two
points coincide), and starting centres are distinct rows. Checks that compare answers also ``assume``
that no point is nearly tied between two centres. Fixed inputs are built from closed-form expressions
rather than random draws, so they are the same on every NumPy version.
"""

from __future__ import annotations

import numpy as np
from hypothesis import strategies as st

from grader.testing import FloatArray, IntArray, seeded_matrices, separated_blobs

GRID_SPACING = 12.0
GRID_CELLS = 5  # per feature, as in the shared separated_blobs

# Seeds for the few values drawn with NumPy: a small range keeps Hypothesis's shrinking short.
SEEDS = st.integers(0, 2**16 - 1)
INITS = st.sampled_from(["k-means++", "random"])


@st.composite
def blobs(draw: st.DrawFn, *, n_features: int | None = None, max_clusters: int = 5) -> tuple[FloatArray, int]:
    """``(X, n_blobs)``: well-separated blobs of continuous points, rows in random order."""
    X, blob = draw(separated_blobs(n_features=n_features, max_clusters=max_clusters))
    return X, int(blob.max()) + 1


def _blobs(rng: np.random.Generator, sizes: list[int], d: int) -> FloatArray:
    """The shared ``separated_blobs`` construction, continued: the same rows from the same stream."""
    n_blobs = len(sizes)
    spread = rng.uniform(0.2, 1.5)
    offset = rng.uniform(-30.0, 30.0)
    cells = rng.choice(GRID_CELLS**d, size=n_blobs, replace=False)
    grid = np.column_stack(np.unravel_index(cells, (GRID_CELLS,) * d)).astype(np.float64)
    centres = offset + GRID_SPACING * grid + rng.uniform(-1.0, 1.0, size=(n_blobs, d))
    X: FloatArray = np.repeat(centres, sizes, axis=0) + rng.uniform(-spread, spread, size=(sum(sizes), d))
    return X[rng.permutation(X.shape[0])]


@st.composite
def blobs_with_start(
    draw: st.DrawFn, *, n_features: int | None = None, max_clusters: int = 5
) -> tuple[FloatArray, FloatArray]:
    """``(X, init)``: separated blobs and a start of distinct rows of ``X``.

    The number of clusters is the number of blobs, give or take one, and the start is drawn
    without regard to the blobs, so Lloyd's algorithm has work to do. The blobs are built as the
    shared ``separated_blobs`` builds them; the start comes from the same generator, which that
    strategy does not hand out (so the data stay those this suite has always drawn).
    """
    n_blobs = draw(st.integers(2, max_clusters))
    d = n_features if n_features is not None else draw(st.integers(1, 4))
    sizes = draw(st.lists(st.integers(2, 12), min_size=n_blobs, max_size=n_blobs))
    rng = np.random.default_rng(draw(SEEDS))
    n_clusters = draw(st.integers(n_blobs - 1, n_blobs + 1))
    X = _blobs(rng, sizes, d)
    start = rng.choice(X.shape[0], size=n_clusters, replace=False)
    return X, X[start].copy()


def scattered_points(*, max_samples: int = 8) -> st.SearchStrategy[FloatArray]:
    """A few continuous points in general position (no two equal), 1 to 3 features."""
    return seeded_matrices(min_rows=1, max_rows=max_samples, max_cols=3)


# ------------------------------------------------------------------------------- fixed inputs


def emptied_cluster_problem() -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(X, init, answer)``: a start whose third centre gets no point at the first assignment.

    Groups A (around (0, 0)) and B (around (10, 0)) get a centre each; the far pair C (around
    (3.6, 12.9)) is first assigned to A's centre, and the third centre, at (-40, 40), is empty. It
    must move to the point farthest from its own centre, C's (4.1, 13.3); then C forms the third
    cluster. ``answer`` holds the final centres: the means of A, B and C. (The point farthest from
    the empty centre itself is in B: taking it splits B for good and leaves C merged with A.)
    """
    a = np.array([[-0.6, -0.3], [0.4, -0.7], [0.2, 0.5], [-0.3, 0.6], [0.7, 0.1], [-0.1, -0.2]])
    b = np.array([[9.5, 0.4], [10.3, -0.6], [10.6, 0.2], [9.8, -0.1], [10.1, 0.7], [9.4, -0.5]])
    c = np.array([[3.2, 12.5], [4.1, 13.3]])
    X = np.vstack([a, b, c])
    init = np.array([[0.5, 0.5], [9.5, 0.5], [-40.0, 40.0]])
    answer = np.vstack([a.mean(axis=0), b.mean(axis=0), c.mean(axis=0)])
    return X, init, answer


def two_emptied_clusters_problem() -> tuple[FloatArray, FloatArray, FloatArray]:
    """``(X, init, answer)``: two far centres are empty at the first assignment.

    The lone points (2.5, 14) (assigned to A's centre) and (6, -12) (assigned to B's) are the two
    farthest from their centres; each empty cluster takes one of them, and the answer is A, B and
    the two lone points. (The points farthest from the empty centres themselves are in A and B.)
    """
    X, _, _ = emptied_cluster_problem()
    a, b = X[:6], X[6:12]
    lone = np.array([[2.5, 14.0], [6.0, -12.0]])
    X = np.vstack([a, b, lone])
    init = np.array([[0.5, 0.5], [9.5, 0.5], [60.0, 0.0], [-50.0, 0.0]])
    answer = np.vstack([a.mean(axis=0), b.mean(axis=0), lone])
    return X, init, answer


def points_on_their_centres_problem() -> tuple[FloatArray, FloatArray]:
    """``(X, init)``: every point sits exactly on a centre, and the third centre gets no point.

    Two distinct rows, three copies each, and a start of those two rows plus a far centre at
    (50, 50). No point is away from its centre, so the statement's rule applies: the empty cluster
    keeps its centre, and the fit ends at once with inertia 0.
    """
    X = np.repeat(np.array([[1.5, -2.0], [4.0, 3.5]]), 3, axis=0)
    init = np.array([[1.5, -2.0], [4.0, 3.5], [50.0, 50.0]])
    return X, init


def slowly_converging_problem() -> tuple[FloatArray, FloatArray]:
    """``(X, init)``: 1,200 points filling a 100 x 100 square, three centres in one corner.

    A Weyl sequence (irrational rotations) fills the square evenly without random draws. From this
    start scikit-learn's default ``tol=1e-4`` (scaled by the mean variance, 833) stops after 9
    iterations, with the summed squared shift at 0.22 of the tolerance and 2.4 times it one
    iteration earlier; with ``tol`` left unscaled the run goes on to iteration 13. No point is
    within 1e-5 of the data's squared scale of a tie on the way.
    """
    i = np.arange(1, 1201, dtype=np.float64)
    X = 100.0 * np.column_stack([(i * (np.sqrt(2.0) - 1.0)) % 1.0, (i * (np.sqrt(3.0) - 1.0)) % 1.0])
    init = X[np.argsort(X.sum(axis=1), kind="stable")[:3]].copy()
    return X, init


def tol_sensitive_problem() -> tuple[FloatArray, FloatArray]:
    """``(X, init)``: 1,500 points filling a 100 x 100 square, three centres in one corner.

    The same Weyl sequence as ``slowly_converging_problem``, longer. With ``tol=1e-4`` (scaled by the
    mean variance) the run stops after 9 iterations; with ``2e-4`` after 8, since the summed squared
    shift of iteration 8 is 1.34 times ``1e-4 * var``; with ``tol=0`` after 11. So a different default
    ``tol`` gives different centres. No point is within 1e-6 of the data's squared scale of a tie.
    """
    i = np.arange(1, 1501, dtype=np.float64)
    X = 100.0 * np.column_stack([(i * (np.sqrt(2.0) - 1.0)) % 1.0, (i * (np.sqrt(3.0) - 1.0)) % 1.0])
    init = X[np.argsort(X.sum(axis=1), kind="stable")[:3]].copy()
    return X, init


def far_apart_groups() -> tuple[FloatArray, int]:
    """``(X, n_groups)``: 200 points filling a unit disc and two tight pairs 60 away from it.

    The disc is a sunflower pattern (golden-angle spiral), so no random draws are involved.
    """
    n_disc = 200
    i = np.arange(n_disc, dtype=np.float64)
    radius = np.sqrt((i + 0.5) / n_disc)
    angle = i * np.pi * (3.0 - np.sqrt(5.0))
    disc = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    pairs = np.array([[60.0, 0.1], [60.1, -0.1], [0.1, 60.0], [-0.1, 60.1]])
    return np.vstack([disc, pairs]), 3


def group_of_each_point(X: FloatArray) -> IntArray:
    """Group 0 is the disc, 1 the pair on the x axis, 2 the pair on the y axis."""
    return np.where(X[:, 0] > 30.0, 1, np.where(X[:, 1] > 30.0, 2, 0)).astype(np.int64)


def line_with_a_close_pair() -> FloatArray:
    """20 points on a line: a close pair (0 and 0.1), then gaps of 3, 3.37, 3.74, ... apart."""
    gaps = 3.0 + 0.37 * np.arange(18)
    line: FloatArray = np.concatenate([[0.0, 0.1], 0.1 + np.cumsum(gaps)])[:, None]
    return line


def efficiency_problem(repeat: int = 0) -> tuple[FloatArray, FloatArray]:
    """``(X, init)``: 20,000 x 10 points in 8 blobs and a start near (not at) the blob centres.

    Built from a fixed generator seed per repeat: the exact values do not matter, only the size.
    """
    rng = np.random.default_rng(20261121 + repeat)
    centres = rng.uniform(-20.0, 20.0, size=(8, 10))
    X = centres[np.arange(20_000) % 8] + rng.normal(scale=2.0, size=(20_000, 10))
    init = centres + rng.normal(scale=3.0, size=centres.shape)
    return X, init


def far_blobs_problem(repeat: int = 0) -> tuple[FloatArray, IntArray]:
    """``(X, blob)``: 20,000 x 10 rows in 8 blobs 1e5 apart, shuffled, and each row's blob.

    Blob ``i`` sits at ``1e5 * e_i``; within a blob squared distances are about 20, between blobs
    about 2e10, so D² sampling misses a blob with probability below 1e-8.
    """
    rng = np.random.default_rng(20261205 + repeat)
    blob = rng.permutation(np.arange(20_000) % 8)
    X = 1e5 * np.eye(8, 10)[blob] + rng.normal(size=(20_000, 10))
    return X, blob.astype(np.int64)
