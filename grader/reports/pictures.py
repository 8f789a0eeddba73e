"""Pictures for the visual report, drawn with matplotlib (the optional ``report`` extra).

Each picture comes from the exercise's own ``showcase.py`` (``grader.testing.pictures`` describes it):
the candidate's output on a fixed input (``ExerciseResult.showcase``, collected in the sandbox by
``grader.grading.showcase``) beside what trusted code gives on the same input, computed when drawn and
never stored. No module here names an exercise. The candidate's numbers are untrusted data
(a report file can be edited by anyone): they are checked for shape and type before they are drawn.

Figures are built with matplotlib's object API (no ``pyplot`` state, no display) and saved as PNG
without a timestamp, so the same report draws the same bytes.

A picture never contradicts the score. Its input is chosen to show the usual mistakes, but one fixed
input cannot show them all: when the candidate's output agrees with the trusted side there while
checks of the outputs lost points, the caption says so plainly instead of saying "agree".
"""

from __future__ import annotations

import importlib.util
import threading

from grader.core.errors import ConfigurationError
from grader.core.exercises import find, load_showcase
from grader.core.results import GRADED, ExerciseResult
from grader.testing.pictures import Picture, ShowcaseError

# The categories whose checks compare outputs, which a picture of outputs speaks for.
OUTPUT_CATEGORIES = ("matches_reference", "matches_sklearn", "properties", "edge_cases")
# matplotlib's text layout and font cache are not thread-safe; batch renders from several threads.
_LOCK = threading.Lock()

__all__ = ["OUTPUT_CATEGORIES", "Picture", "available", "lost_output_points", "pictures_for"]


def available() -> bool:
    """Whether matplotlib is installed (``pip install 'mlgrade[report]'``)."""
    return importlib.util.find_spec("matplotlib") is not None


def pictures_for(result: ExerciseResult) -> list[Picture]:
    """The pictures for one graded exercise; a note instead when its showcase data is missing or unusable."""
    if result.status != GRADED:
        return []
    try:
        showcase = load_showcase(find(result.slug))
    except ConfigurationError:  # an exercise no longer in any bank: nothing to draw it with
        return []
    if showcase is None:
        return []
    title = str(showcase.TITLE)
    data = result.showcase
    lost = lost_output_points(result)
    if not data:
        return [
            Picture(
                title, "Not drawn: the candidate's outputs on the picture's input were not collected for this report."
            )
        ]
    if data.get("input") != showcase.INPUT_VERSION:
        return [
            Picture(
                title,
                "The candidate's outputs were collected on other inputs (another mlgrade "
                "version); grade again to draw them.",
            )
        ]
    if "error" in data:
        return [Picture(title, f"The candidate's side could not be computed: {data['error']}")]
    try:
        with _LOCK:
            picture: Picture = showcase.draw(data, lost)
            return [picture]
    except ShowcaseError as error:
        return [Picture(title, f"The candidate's side cannot be drawn: {error}.")]
    except Exception as error:  # a picture is optional; the report must still render
        return [Picture(title, f"The picture could not be drawn: {type(error).__name__}: {error}")]


def lost_output_points(result: ExerciseResult) -> float:
    """Points the exercise lost in the categories that check its outputs."""
    return round(
        sum(
            value["max_score"] - value["score"]
            for name, value in result.categories.items()
            if name in OUTPUT_CATEGORIES
        ),
        2,
    )
