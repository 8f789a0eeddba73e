"""Side-by-side speed comparisons for ``make bench``: ratios taken in one run, never absolute seconds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Comparison:
    """One ``make bench`` row: our code against a baseline on the same input, in the same run.

    Parameters
    ----------
    name : str
        What is compared, with the input size (``"confusion_matrix, 1,000,000 labels x 10 classes"``).
    ours : callable
        Zero-argument call of the reference solution (or of the grader, for grader rows).
    baseline : callable
        Zero-argument call of the baseline (scikit-learn, or in-process grading).
    target : float
        The ratio ``ours / baseline`` the issue aims for; the row says whether it was met.
    baseline_name : str
        How the baseline is named in the printed row.
    """

    name: str
    ours: Callable[[], object]
    baseline: Callable[[], object]
    target: float
    baseline_name: str = "scikit-learn"
