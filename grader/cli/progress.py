"""The live progress line of ``mlgrade grade`` (on a terminal only)."""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Sequence
from typing import TextIO


class Progress:
    """A one-line live display on stderr while grading (only on a terminal).

    Every exercise is on the line with its checks done and failed so far, and the line fits the
    terminal: names are shortened before anything is dropped. The runner reports each check as
    ``(slug, check, passed)`` and a finished exercise as ``(slug, "", None)``.
    """

    def __init__(self, enabled: bool, slugs: Sequence[str] = (), stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.slugs = list(slugs)
        self.checks = dict.fromkeys(self.slugs, 0)
        self.failed = dict.fromkeys(self.slugs, 0)
        self.finished: set[str] = set()
        self.stream = stream or sys.stderr
        self._drawn = 0
        self._lock = threading.Lock()

    def __call__(self, slug: str, check: str, passed: bool | None) -> None:
        if not self.enabled:
            return
        with self._lock:
            if slug not in self.checks:
                self.slugs.append(slug)
                self.checks[slug] = self.failed[slug] = 0
            if check:
                self.checks[slug] += 1
                self.failed[slug] += 0 if passed else 1
            else:
                self.finished.add(slug)
            width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
            line = self.line(width)
            self.stream.write("\r" + line.ljust(self._drawn))
            self._drawn = len(line)
            self.stream.flush()

    def line(self, width: int) -> str:
        """The progress line, at most ``width`` characters: words first, then shorter names."""
        head = f"grading {len(self.finished)}/{len(self.slugs)} done, {sum(self.failed.values())} failed |"
        wordy = " ".join([head, *(self._words(slug) for slug in self.slugs)])
        if len(wordy) <= width:
            return wordy
        longest = max((len(slug) for slug in self.slugs), default=0)
        for keep in range(longest, 0, -1):
            line = " ".join([head, *(self._token(slug, keep) for slug in self.slugs)])
            if len(line) <= width:
                return line
        return line[:width]

    def _words(self, slug: str) -> str:
        failed = f", {self.failed[slug]} failed" if self.failed[slug] else ""
        return f"{slug} {self.checks[slug]} checks{failed}{', done' if slug in self.finished else ''};"

    def _token(self, slug: str, keep: int) -> str:
        # "<slug> 12/3x ok": 12 checks run, 3 failed, finished.
        name = slug if len(slug) <= keep else slug[: max(1, keep - 1)] + "~"
        failed = f"/{self.failed[slug]}x" if self.failed[slug] else ""
        return f"{name} {self.checks[slug]}{failed}{' ok' if slug in self.finished else ''}"

    def finish(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()
