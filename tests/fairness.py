"""What the fairness fixtures declare, read from the fixtures themselves.

Every exercise's fixtures live in ``tests/fixtures/<slug>/``: ``correct_*.py`` (full marks),
``buggy_*.py`` (one typical mistake each) and ``noise.py`` (random values of the right shapes and
types; zero). A buggy fixture says, in a comment line of its own, where it must lose points::

    # expect: loses matches_sklearn, message mentions "tol"

The category is the one whose name says what is wrong; the word must appear in the failing check's
message (what the candidate reads), not merely in the check's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from grader.core.exercises import CATEGORIES

EXPECT = re.compile(r'^# expect: loses (?P<category>\w+), message mentions "(?P<word>[^"]+)"\s*$', re.MULTILINE)


@dataclass(frozen=True)
class BuggyFixture:
    """A buggy variant and what it must cost: points in ``category``, a message naming ``word``."""

    path: Path
    category: str
    word: str

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.stem}"


def declared(path: Path) -> BuggyFixture:
    """Read a buggy fixture's declaration; a missing or malformed one is a loud error."""
    found = EXPECT.findall(path.read_text(encoding="utf-8"))
    if len(found) != 1:
        raise ValueError(f'{path} must declare once: # expect: loses <category>, message mentions "<word>"')
    category, word = found[0]
    if category not in CATEGORIES:
        raise ValueError(f"{path} declares unknown category {category!r}; categories are {', '.join(CATEGORIES)}")
    return BuggyFixture(path, category, word)
