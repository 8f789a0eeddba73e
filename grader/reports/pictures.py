"""Pictures for the visual report, drawn with matplotlib (the optional ``report`` extra).

Each picture puts the candidate's output on a fixed input (``ExerciseResult.showcase``, collected in
the sandbox by ``grader.showcase``) beside what trusted code gives on the same input: the reference
solution, or scikit-learn, computed here and never stored. The candidate's numbers are untrusted data
(a report file can be edited by anyone): they are checked for shape and type before they are drawn.

Figures are built with matplotlib's object API (no ``pyplot`` state, no display) and saved as PNG
without a timestamp, so the same report draws the same bytes.

A picture never contradicts the score. Its input is chosen to show the usual mistakes, but one fixed
input cannot show them all: when the candidate's output agrees with the trusted side there while
checks of the outputs lost points, the caption says so plainly instead of saying "agree".
"""

from __future__ import annotations

import importlib.util
import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from grader.core.results import GRADED, ExerciseResult
from grader.grading import showcase
from grader.grading.showcase import ShowcaseError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CANDIDATE_COLOUR, TRUSTED_COLOUR, WRONG_COLOUR = "#1f5fa8", "#c0392b", "#e31a1c"
CLUSTER_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f")
DPI = 90
# The categories whose checks compare outputs, which a picture of outputs speaks for.
OUTPUT_CATEGORIES = ("matches_reference", "matches_sklearn", "properties", "edge_cases")
# matplotlib's text layout and font cache are not thread-safe; batch renders from several threads.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Picture:
    """One picture of an exercise; ``png`` is empty when it could not be drawn (``caption`` says why)."""

    title: str
    caption: str
    png: bytes = b""


def available() -> bool:
    """Whether matplotlib is installed (``pip install 'mlgrade[report]'``)."""
    return importlib.util.find_spec("matplotlib") is not None


def pictures_for(result: ExerciseResult) -> list[Picture]:
    """The pictures for one graded exercise; a note instead when its showcase data is missing or unusable."""
    entry = _DRAWERS.get(result.slug)
    if entry is None or result.status != GRADED:
        return []
    title, draw = entry
    data = result.showcase
    lost = lost_output_points(result)
    if not data:
        return [Picture(title, "Not drawn: the candidate's outputs on the picture's input were not collected "
                               "for this report.")]
    if data.get("input") != showcase.INPUT_VERSION:
        return [Picture(title, "The candidate's outputs were collected on other inputs (another mlgrade "
                               "version); grade again to draw them.")]
    if "error" in data:
        return [Picture(title, f"The candidate's side could not be computed: {data['error']}")]
    try:
        with _LOCK:
            return [draw(data, lost)]
    except ShowcaseError as error:
        return [Picture(title, f"The candidate's side cannot be drawn: {error}.")]
    except Exception as error:  # a picture is optional; the report must still render
        return [Picture(title, f"The picture could not be drawn: {type(error).__name__}: {error}")]


def lost_output_points(result: ExerciseResult) -> float:
    """Points the exercise lost in the categories that check its outputs."""
    return round(sum(value["max_score"] - value["score"] for name, value in result.categories.items()
                     if name in OUTPUT_CATEGORIES), 2)


def verdict(differs: bool, same: str, different: str, lost: float, trusted: str) -> str:
    """The caption's last sentence: what the picture shows, never at odds with the points lost."""
    if differs:
        return different
    if lost <= 0:
        return same
    return (f"On this input the candidate's output is the same as the {trusted}'s, but checks of its outputs "
            f"on other inputs lost {lost:.2f} points: this picture cannot show that difference (the failed "
            "checks below name the inputs that do).")


# ----------------------------------------------------------------------------- drawing helpers


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _field(data: dict[str, Any], key: str, shape: tuple[int, ...], what: str, kind: str = "f") -> np.ndarray:
    if key not in data:
        raise ShowcaseError(f"{what} is missing")
    return showcase._array(data[key], shape, what, kind)


def _trusted(path: str, params: dict[str, Any]) -> Any:
    """Build ``path(**params)`` here; ``path`` is one of the showcase's own constants, never report data."""
    return showcase.trusted_object(None, path, params)


# ----------------------------------------------------------------------------- k-means


def _kmeans_reference(X: np.ndarray) -> tuple[str, np.ndarray, np.ndarray]:
    """The reference's labels and centres from the same start; scikit-learn's if it cannot load."""
    try:
        from grader.core.exercises import load_reference

        model = load_reference("kmeans").KMeans(n_clusters=3, init=X[:3].copy(), random_state=0).fit(X)
        return "reference", np.asarray(model.labels_), np.asarray(model.cluster_centers_)
    except Exception:  # a missing or broken reference falls back to scikit-learn
        from sklearn.cluster import KMeans

        model = KMeans(n_clusters=3, init=X[:3].copy(), n_init=1).fit(X)
        return "scikit-learn", np.asarray(model.labels_), np.asarray(model.cluster_centers_)


def _match_clusters(centres: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """``mapping[i]``: the reference cluster that candidate cluster ``i`` stands for."""
    from scipy.optimize import linear_sum_assignment

    cost = ((centres[:, None, :] - reference[None, :, :]) ** 2).sum(axis=2)
    cost = np.where(np.isfinite(cost), cost, 1e300)  # a NaN centre matches whatever is left
    rows, cols = linear_sum_assignment(cost)
    mapping = np.empty(len(centres), dtype=int)
    mapping[rows] = cols
    return mapping


def _draw_kmeans(data: dict[str, Any], lost: float) -> Picture:
    X = showcase.kmeans_input()
    labels = _field(data, "labels", (len(X),), "labels_", "i").astype(int)
    centres = _field(data, "centres", (3, 2), "cluster_centers_")
    if labels.min() < 0 or labels.max() > 2:
        raise ShowcaseError("labels_ holds values outside 0..2 for 3 clusters")
    source, ref_labels, ref_centres = _kmeans_reference(X)
    mapping = _match_clusters(centres, ref_centres)
    mapped = mapping[labels]
    wrong = mapped != ref_labels
    figure = _figure(9.0, 4.2)
    axes = figure.subplots(1, 2)
    _clusters(axes[0], X, mapped, centres, "candidate")
    axes[0].scatter(X[wrong, 0], X[wrong, 1], s=90, facecolors="none", edgecolors=WRONG_COLOUR, linewidths=1.5,
                    label=f"assigned unlike the {source}")
    if wrong.any():
        axes[0].legend(loc="best", fontsize=8)
    _clusters(axes[1], X, ref_labels, ref_centres, source)
    shift = float(np.max(np.linalg.norm(centres - ref_centres[mapping], axis=1)))
    # The candidate's centres are stored to six significant digits: closer than 1e-3 is the same.
    differs = bool(wrong.any()) or shift >= 1e-3
    centres_text = "the centres agree" if shift < 1e-3 else f"centres differ by up to {shift:.3g}"
    caption = "Same 150 points, same starting centres (the first three rows). " + verdict(
        differs, f"0 of {len(X)} points are assigned unlike the {source}; the centres agree.",
        f"{int(wrong.sum())} of {len(X)} points are assigned unlike the {source}; {centres_text}.", lost, source)
    return Picture("K-means clusters and centres", caption, _png(figure))


def _clusters(axes: Axes, X: np.ndarray, labels: np.ndarray, centres: np.ndarray, title: str) -> None:
    colours = [CLUSTER_COLOURS[label] for label in labels]
    axes.scatter(X[:, 0], X[:, 1], c=colours, s=16, alpha=0.8)
    finite = np.isfinite(centres).all(axis=1)
    axes.scatter(centres[finite, 0], centres[finite, 1], marker="X", s=220, c="black", edgecolors="white",
                 linewidths=1.5, label="centres")
    axes.set_title(title)
    low, high = X.min(axis=0) - 0.8, X.max(axis=0) + 0.8  # both panels on the same frame
    axes.set_xlim(low[0], high[0])
    axes.set_ylim(low[1], high[1])
    axes.set_aspect("equal")


# ----------------------------------------------------------------------------- logistic regression


def _draw_logistic(data: dict[str, Any], lost: float) -> Picture:
    from matplotlib.lines import Line2D
    from sklearn.linear_model import LogisticRegression

    X, y = showcase.logistic_input()
    xs, ys, grid = showcase.boundary_grid(X)
    side = len(xs)
    candidate = _field(data, "decision", (side * side,), "decision_function(grid)").reshape(side, side)
    trusted = LogisticRegression(C=1.0).fit(X, y).decision_function(grid).reshape(side, side)
    figure = _figure(6.4, 5.0)
    axes = figure.subplots()
    finite = np.where(np.isfinite(candidate), candidate, 0.0)
    axes.contourf(xs, ys, np.sign(finite), levels=[-1.5, 0.0, 1.5], colors=["#fbe3d6", "#d9e6f5"], alpha=0.8)
    for values, colour, style in ((finite, CANDIDATE_COLOUR, "solid"), (trusted, TRUSTED_COLOUR, "dashed")):
        if values.min() < 0 < values.max():
            axes.contour(xs, ys, values, levels=[0.0], colors=[colour], linestyles=[style], linewidths=2)
    axes.scatter(X[:, 0], X[:, 1], c=np.where(y == 1, CANDIDATE_COLOUR, TRUSTED_COLOUR), s=18, edgecolors="white",
                 linewidths=0.5)
    axes.legend(handles=[Line2D([], [], color=CANDIDATE_COLOUR, lw=2, label="candidate boundary"),
                         Line2D([], [], color=TRUSTED_COLOUR, lw=2, ls="--", label="scikit-learn boundary")],
                loc="upper left", fontsize=8)
    axes.set_title("Decision boundary, C=1.0")
    agree = float(np.mean(np.sign(finite) == np.sign(trusted)))
    same_class = f"The candidate and scikit-learn predict the same class on {{}}% of a {side} x {side} grid."
    caption = ("Shading: the candidate's predicted class over the plane; lines: where each decision function "
               "is zero. " + verdict(agree < 1.0, same_class.format("100.0"), same_class.format(f"{100 * agree:.1f}"),
                                     lost, "scikit-learn"))
    return Picture("Logistic regression decision boundary", caption, _png(figure))


# ----------------------------------------------------------------------------- confusion matrices


def _draw_confusion(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.metrics import confusion_matrix

    y_true, y_pred = showcase.metrics_input()
    labels = np.unique(np.concatenate([y_true, y_pred]))
    candidate = _field(data, "matrix", (len(labels), len(labels)), "confusion_matrix(y_true, y_pred)", "i")
    trusted = confusion_matrix(y_true, y_pred, labels=labels).astype(np.float64)
    figure = _figure(8.6, 3.9)
    axes = figure.subplots(1, 2)
    for ax, matrix, title in ((axes[0], candidate, "candidate"), (axes[1], trusted, "scikit-learn")):
        _heatmap(ax, matrix, labels, title, differs=candidate != trusted)
    wrong = int((candidate != trusted).sum())
    caption = ("Rows: true label; columns: predicted label; 90 samples. "
               + verdict(wrong > 0, "The matrices agree.", f"{wrong} cells differ (outlined in red).", lost,
                         "scikit-learn"))
    return Picture("Confusion matrices", caption, _png(figure))


def _heatmap(axes: Axes, matrix: np.ndarray, labels: np.ndarray, title: str, differs: np.ndarray) -> None:
    from matplotlib.patches import Rectangle

    axes.imshow(matrix, cmap="Blues", vmin=0)
    top = float(np.nanmax(matrix)) if np.isfinite(matrix).any() else 0.0
    for (row, col), value in np.ndenumerate(matrix):
        axes.text(col, row, f"{value:g}", ha="center", va="center", color="white" if value > top / 2 else "black")
        if differs[row, col]:
            axes.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False, edgecolor=WRONG_COLOUR, lw=2.5))
    axes.set_xticks(range(len(labels)), [str(label) for label in labels])
    axes.set_yticks(range(len(labels)), [str(label) for label in labels])
    axes.set_xlabel("predicted")
    axes.set_ylabel("true")
    axes.set_title(title)


# ----------------------------------------------------------------------------- per-fold scores


def _bars(axes: Axes, candidate: np.ndarray, trusted: np.ndarray, title: str) -> None:
    folds = np.arange(1, len(candidate) + 1)
    axes.bar(folds - 0.2, np.nan_to_num(candidate), width=0.4, color=CANDIDATE_COLOUR, label="candidate")
    axes.bar(folds + 0.2, trusted, width=0.4, color=TRUSTED_COLOUR, label="scikit-learn")
    axes.set_xticks(folds, [f"fold {fold}" for fold in folds])
    axes.set_ylim(0.0, 1.05)
    axes.set_ylabel("accuracy")
    axes.set_title(title)
    axes.legend(loc="lower right", fontsize=8)


def _gap(candidate: np.ndarray, trusted: np.ndarray) -> float:
    return float(np.nanmax(np.abs(candidate - trusted))) if np.isfinite(candidate).any() else np.inf


def _fold_caption(candidate: np.ndarray, trusted: np.ndarray, lost: float) -> str:
    gap = _gap(candidate, trusted)
    return "Accuracy on each test fold, unshuffled folds. " + verdict(
        gap >= 1e-6, "The candidate's scores match scikit-learn's.",
        f"The scores differ from scikit-learn's by up to {gap:.3g}.", lost, "scikit-learn")


def _draw_folds(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score

    X, y = showcase.folds_input()
    n = showcase.N_FOLDS
    kfold = _field(data, "kfold", (n,), "cross_val_score(..., cv=5)")
    stratified = _field(data, "stratified", (n,), "cross_val_score(..., cv=StratifiedKFold(5))")
    path, params = showcase.FOLDS_ESTIMATOR
    trusted_k = cross_val_score(_trusted(path, params), X, y, cv=KFold(n))
    trusted_s = cross_val_score(_trusted(path, params), X, y, cv=StratifiedKFold(n))
    figure = _figure(9.0, 3.6)
    axes = figure.subplots(1, 2, sharey=True)
    _bars(axes[0], kfold, trusted_k, "cross_val_score(tree, X, y, cv=5)")
    _bars(axes[1], stratified, trusted_s, "cv=StratifiedKFold(n_splits=5)")
    # Unshuffled KFold has one right answer; a stratified split has many (any that keeps the class
    # proportions), so its panel is drawn for reference and never called a difference.
    caption = (f"A depth-3 decision tree on {len(y)} samples of 3 classes (61, 47, 39). Left: "
               + _fold_caption(kfold, trusted_k, lost)
               + " Right: any split that keeps the class proportions is correct, so stratified per-fold scores "
                 "may differ from scikit-learn's without a mistake.")
    return Picture("Per-fold scores", caption, _png(figure))


def _draw_scaling(data: dict[str, Any], lost: float) -> Picture:
    from sklearn.model_selection import KFold, cross_val_score
    from sklearn.pipeline import make_pipeline

    X, y = showcase.folds_input()
    n = showcase.N_FOLDS
    scores = _field(data, "scores", (n,), "scaled_cross_val_score(..., n_splits=5)")
    pipeline = make_pipeline(_trusted(*showcase.SCALING_SCALER), _trusted(*showcase.SCALING_ESTIMATOR))
    trusted = cross_val_score(pipeline, X, y, cv=KFold(n))
    figure = _figure(6.4, 3.6)
    _bars(figure.subplots(), scores, trusted, "StandardScaler + LogisticRegression(C=0.1)")
    caption = ("Scaler fitted on each training fold only, as a scikit-learn Pipeline does; the features drift "
               "along the rows, so scaling with test rows moves the scores. " + _fold_caption(scores, trusted, lost))
    return Picture("Per-fold scores with scaling inside the folds", caption, _png(figure))


_DRAWERS: dict[str, tuple[str, Callable[[dict[str, Any], float], Picture]]] = {
    "kmeans": ("K-means clusters and centres", _draw_kmeans),
    "logistic_regression": ("Logistic regression decision boundary", _draw_logistic),
    "classification_metrics": ("Confusion matrices", _draw_confusion),
    "cross_validation": ("Per-fold scores", _draw_folds),
    "leakage_safe_scaling": ("Per-fold scores with scaling inside the folds", _draw_scaling),
}
