"""Candidate text is data: make it safe text once, where results are built.

Everything a candidate controls reaches the reports: exception messages, printed output, notebook
cell text, file and folder names. A terminal would obey the escape sequences in it, an XML parser
refuses its control characters, a UTF-8 writer crashes on its lone surrogates, and a message of a
megabyte drowns a report. So the grader cleans such text at the boundary (``grader.runner`` when it
builds a result, ``grader.results.report_from_dict`` when it reads one back, the batch for names):

- control characters other than newline and tab, DEL, the C1 controls and the bidirectional
  overrides are shown as visible escapes (``\\x1b``, ``\\u202e``);
- lone surrogates (from undecodable bytes) and the non-characters U+FFFE / U+FFFF become U+FFFD;
- lengths are capped, with a note of how much was cut.

The result is plain printable text plus newlines and tabs, valid in XML 1.0, JSON and UTF-8, and
cleaning it again changes nothing. Each format still escapes its own syntax (Markdown punctuation,
CSV formulas, ``::`` workflow commands): that is the renderer's job, not this module's.
"""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

MESSAGE_CHARS = 4_000
NAME_CHARS = 200
OUTPUT_CHARS = 8_192

# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates, lone
# surrogates and the non-characters (XML 1.0 forbids U+FFFE/U+FFFF, HTML all of them).
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff{_NONCHARACTERS}]")
_UNSAFE_IN_NAME = re.compile(f"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff{_NONCHARACTERS}]")
_CUT = " [... {} more characters cut]"


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return "\ufffd"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: object, limit: int = MESSAGE_CHARS) -> str:
    """``text`` as safe text: unsafe characters shown visibly, at most ``limit`` characters."""
    return _cap(_UNSAFE.sub(_visible, str(text)), limit)


def clean_name(name: object, limit: int = NAME_CHARS) -> str:
    """A name (file, folder, submission) on one line: newlines and tabs are shown visibly too."""
    return _cap(_UNSAFE_IN_NAME.sub(_visible, str(name)), limit)


def one_line(text: object, limit: int = MESSAGE_CHARS) -> str:
    """A message for stderr: safe, and on one line whatever it holds."""
    return clean_name(text, limit)


def _cap(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    # The cut text, note included, is at most ``limit`` long, so cleaning twice changes nothing.
    keep = limit
    while True:
        marker = _CUT.format(len(text) - keep)
        shorter = max(0, limit - len(marker))
        if shorter == keep:
            return text[:keep] + marker
        keep = shorter


def defuse_line(line: str) -> str:
    """A line that would start with ``::`` (a GitHub Actions workflow command) gets a backslash first.

    The runner reads a command after trimming leading whitespace, so indentation does not defuse it.
    """
    stripped = line.lstrip()
    if stripped.startswith("::"):
        return line[: len(line) - len(stripped)] + "\\" + stripped
    return line


def defuse_lines(text: str) -> str:
    """``defuse_line`` on every line of ``text``."""
    return "\n".join(defuse_line(line) for line in text.split("\n"))


def clean_strings(value: Any, limit: int = MESSAGE_CHARS) -> Any:
    """Every string inside plain data (dicts, lists), keys included, cleaned; numbers kept."""
    if isinstance(value, str):
        return clean(value, limit)
    if isinstance(value, dict):
        return {clean_name(key): clean_strings(item, limit) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_strings(item, limit) for item in value]
    return value


def clean_dataclass(obj: Any, limits: dict[str, int] | None = None) -> None:
    """Clean, in place, every ``str`` field and every ``list[str]`` field of a dataclass instance."""
    limits = limits or {}
    for spec in fields(obj):
        value = getattr(obj, spec.name)
        limit = limits.get(spec.name, MESSAGE_CHARS)
        if isinstance(value, str):
            setattr(obj, spec.name, clean(value, limit))
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            setattr(obj, spec.name, [clean(item, limit) for item in value])
