"""The kit for an exercise's picture in the visual report (``exercises/<slug>/showcase.py``).

A showcase module defines ``TITLE``, ``INPUT_VERSION`` (bumped when its fixed input changes),
``candidate_side(candidate) -> dict`` (runs candidate code on the fixed input, during grading, through
the same sandbox; keeps plain numbers only) and ``draw(data, lost) -> Picture`` (computes the trusted
side on the same input and draws both; ``lost`` is what the output checks lost, so the caption never
says "agree" beside lost points). Helpers here read untrusted numbers safely and draw with matplotlib's
object API (no global state, no timestamp in the PNG: the same data draws the same bytes).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from grader.grading.proxy import RemoteObject

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CANDIDATE_COLOUR, TRUSTED_COLOUR, WRONG_COLOUR = "#1f5fa8", "#c0392b", "#e31a1c"
DPI = 90


class ShowcaseError(Exception):
    """The candidate's output cannot be drawn; the message says why."""


@dataclass(frozen=True)
class Picture:
    """One picture of an exercise; ``png`` is empty when it could not be drawn (``caption`` says why)."""

    title: str
    caption: str
    png: bytes = b""


def as_array(value: Any, shape: tuple[int, ...], what: str, kind: str = "f") -> np.ndarray[Any, Any]:
    """``value`` (untrusted) as a float array of ``shape``; with ``kind="i"``, whole numbers only."""
    if isinstance(value, RemoteObject):
        raise ShowcaseError(f"{what} is a {value._type} object, not an array")
    if not isinstance(value, (np.ndarray, list, tuple, np.generic, int, float)):
        raise ShowcaseError(f"{what} is a {type(value).__name__}, not an array")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ShowcaseError(f"{what} is not numeric") from None
    if array.shape != shape:
        raise ShowcaseError(f"{what} has shape {array.shape}; expected {shape}")
    if kind == "i" and not np.all(np.isfinite(array) & (array == np.round(array))):
        raise ShowcaseError(f"{what} holds values that are not integers")
    return array


def numbers(array: np.ndarray[Any, Any], kind: str = "f") -> Any:
    """JSON-ready numbers: integers, or floats to six significant digits (NaN and inf become None)."""
    if kind == "i":
        return array.astype(np.int64).tolist()
    return (
        [numbers(row) for row in array]
        if array.ndim > 1
        else [float(f"{v:.6g}") if np.isfinite(v) else None for v in array.tolist()]
    )


def field(data: dict[str, Any], key: str, shape: tuple[int, ...], what: str, kind: str = "f") -> np.ndarray[Any, Any]:
    """One stored value of the candidate's side, checked again (a report file can be edited)."""
    if key not in data:
        raise ShowcaseError(f"{what} is missing")
    return as_array(data[key], shape, what, kind)


def verdict(differs: bool, same: str, different: str, lost: float, trusted: str) -> str:
    """The caption's last sentence: what the picture shows, never at odds with the points lost."""
    if differs:
        return different
    if lost <= 0:
        return same
    return (
        f"On this input the candidate's output is the same as the {trusted}'s, but checks of its outputs "
        f"on other inputs lost {lost:.2f} points: this picture cannot show that difference (the failed "
        "checks below name the inputs that do)."
    )


def figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=DPI, layout="constrained")


def png(drawn: Figure) -> bytes:
    buffer = io.BytesIO()
    drawn.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def bars(
    axes: Axes, candidate: np.ndarray[Any, Any], trusted: np.ndarray[Any, Any], title: str, ylabel: str = "accuracy"
) -> None:
    """Per-fold scores side by side: the candidate's and scikit-learn's."""
    folds = np.arange(1, len(candidate) + 1)
    axes.bar(folds - 0.2, np.nan_to_num(candidate), width=0.4, color=CANDIDATE_COLOUR, label="candidate")
    axes.bar(folds + 0.2, trusted, width=0.4, color=TRUSTED_COLOUR, label="scikit-learn")
    axes.set_xticks(folds, [f"fold {fold}" for fold in folds])
    axes.set_ylim(0.0, 1.05)
    axes.set_ylabel(ylabel)
    axes.set_title(title)
    axes.legend(loc="lower right", fontsize=8)


def largest_gap(candidate: np.ndarray[Any, Any], trusted: np.ndarray[Any, Any]) -> float:
    return float(np.nanmax(np.abs(candidate - trusted))) if np.isfinite(candidate).any() else float("inf")


def folds_input() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """A three-class problem of 147 samples, 4 features on different scales, drifting along the rows.

    Chosen so that the usual cross-validation mistakes change the per-fold scores: 147 is not a
    multiple of 5 (a lost or misplaced remainder shows), the classes (61, 47, 39) do not divide evenly
    either, and the drift makes unshuffled folds differ, so scaling with the test rows moves a score.
    """
    rng = np.random.default_rng(5)
    y = np.concatenate([np.full(count, label) for label, count in enumerate((61, 47, 39))])
    y = y[rng.permutation(len(y))]
    X = rng.normal(size=(len(y), 4)) + y[:, None] * np.array([1.2, 0.9, 0.6, 0.0])
    X += np.linspace(0.0, 4.0, len(y))[:, None] * np.array([1.0, -1.0, 0.5, 2.0])
    X *= np.array([1.0, 10.0, 100.0, 0.1])
    return X, y
