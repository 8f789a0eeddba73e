"""Similarity flags: pairs of submissions whose code for the same exercise is suspiciously alike.

Each file becomes a sequence of normalised tokens. Comments, whitespace, line breaks, indentation and
docstrings are dropped; numbers become ``0`` and strings ``"``; names the candidate chose (variables,
functions, classes, attributes) become ``N``. What a renamer cannot change stays as written:
keywords, operators, built-ins, and attribute names that NumPy offers (``.argmin``) or the
exercise's stub uses (``.fit``, ``.labels_``: the required API). Overlapping runs of ``SHINGLE``
tokens (shingles) are compared with the Jaccard similarity ``|A ∩ B| / |A ∪ B|``, after removing
every shingle that also occurs in the stub, so the code every candidate was given does not count.

For a flagged pair, the matching regions are maximal runs of shared shingles found greedily in the
first file and matched in the second, reported as line ranges in both.
"""

from __future__ import annotations

import builtins
import io
import itertools
import keyword
import re
import tokenize
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

SHINGLE = 8
DEFAULT_THRESHOLD = 0.5
MIN_SHINGLES = 25  # a file with fewer shingles of its own (beyond the stub) is too short to judge
MAX_REGIONS = 8
MIN_REGION_TOKENS = 2 * SHINGLE  # shorter runs are chance, not copying
_MAX_STARTS = 20  # candidate start positions tried per shingle when growing a region

_SKIPPED = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENCODING,
    tokenize.ENDMARKER,
}
_STATEMENT_START = {tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, None}
_FALLBACK = re.compile(r"#.*|[A-Za-z_]\w*|\d[\w.]*|'[^'\n]*'|\"[^\"\n]*\"|[=!<>]=|\*\*|//|->|\S")


@dataclass(frozen=True)
class Token:
    """A normalised token and the line it came from (1-based)."""

    text: str
    line: int


@dataclass(frozen=True)
class Fingerprint:
    """One file's normalised tokens, its shingle at every token position, and the shingles it owns."""

    tokens: tuple[Token, ...]
    shingles: tuple[tuple[str, ...], ...]
    own: frozenset[tuple[str, ...]]


@dataclass(frozen=True)
class Region:
    """Lines ``first`` of the first file match lines ``second`` of the second, over ``tokens`` tokens."""

    first: tuple[int, int]
    second: tuple[int, int]
    tokens: int


@dataclass(frozen=True)
class Match:
    """Two submissions' code for one exercise, alike with Jaccard similarity ``score``."""

    exercise: str
    first: str
    second: str
    score: float
    regions: tuple[Region, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise,
            "first": self.first,
            "second": self.second,
            "score": round(self.score, 4),
            "regions": [
                {"first_lines": list(r.first), "second_lines": list(r.second), "tokens": r.tokens} for r in self.regions
            ],
        }


@cache
def _library_attributes() -> frozenset[str]:
    """Attribute names NumPy code calls (``.argmin``, ``.linalg``, ``.integers``): kept as written."""
    import numpy as np

    names: set[str] = set()
    for namespace in (np, np.ndarray, np.linalg, np.random, np.random.Generator):
        names.update(name for name in dir(namespace) if not name.startswith("_"))
    return frozenset(names)


_BUILTINS = frozenset(name for name in dir(builtins) if not name.startswith("_"))


def api_names(stub: str) -> frozenset[str]:
    """Every name the stub's code uses: the API all candidates must write, kept as written after a dot."""
    return frozenset(token.string for token in _raw_tokens(stub) if token.type == tokenize.NAME)


def normalise(source: str, api: frozenset[str] = frozenset()) -> list[Token]:
    """``source`` as normalised tokens (see the module docstring); never raises."""
    raw = _raw_tokens(source)
    out: list[Token] = []
    previous_type: int | None = None
    previous_text = ""
    for index, token in enumerate(raw):
        if token.type in _SKIPPED or token.string == ";":
            if token.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
                previous_type = token.type
            continue
        if token.type == tokenize.STRING and previous_type in _STATEMENT_START and _ends_statement(raw, index):
            previous_type = tokenize.STRING
            continue  # a docstring, or a bare string used as a comment
        out.append(Token(_normal_text(token, previous_text, api), token.start[0]))
        previous_type, previous_text = token.type, token.string
    return out


def _normal_text(token: tokenize.TokenInfo, previous: str, api: frozenset[str]) -> str:
    if token.type == tokenize.NUMBER:
        return "0"
    if token.type == tokenize.STRING:
        return '"'
    if token.type != tokenize.NAME:
        return token.string
    name = token.string
    if keyword.iskeyword(name) or keyword.issoftkeyword(name):
        return name
    if previous == ".":  # attributes the API requires (.fit, .labels_) or NumPy offers (.argmin)
        return name if name in api or name in _library_attributes() else "N"
    return name if name in _BUILTINS else "N"


def _ends_statement(raw: list[tokenize.TokenInfo], index: int) -> bool:
    for token in raw[index + 1 :]:
        if token.type in (tokenize.COMMENT, tokenize.NL):
            continue
        return token.type in (tokenize.NEWLINE, tokenize.ENDMARKER)
    return True


def _raw_tokens(source: str) -> list[tokenize.TokenInfo]:
    try:
        return list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError, ValueError):
        return _fallback_tokens(source)


def _fallback_tokens(source: str) -> list[tokenize.TokenInfo]:
    """A rough tokenizer for code Python cannot tokenize (a candidate's syntax error)."""
    tokens = []
    for number, line in enumerate(source.splitlines(), start=1):
        for found in _FALLBACK.finditer(line):
            text = found.group()
            if text.startswith("#"):
                continue
            kind = (
                tokenize.NAME
                if text[0].isalpha() or text[0] == "_"
                else tokenize.NUMBER
                if text[0].isdigit()
                else tokenize.STRING
                if text[0] in "'\""
                else tokenize.OP
            )
            position = (number, found.start())
            tokens.append(tokenize.TokenInfo(kind, text, position, position, line))
        position = (number, len(line))
        tokens.append(tokenize.TokenInfo(tokenize.NEWLINE, "\n", position, position, line))
    return tokens


def fingerprint(
    source: str, api: frozenset[str] = frozenset(), ignored: frozenset[tuple[str, ...]] = frozenset()
) -> Fingerprint:
    """``source``'s tokens and shingles; ``ignored`` shingles (the stub's) are not its own."""
    tokens = tuple(normalise(source, api))
    texts = [token.text for token in tokens]
    shingles = tuple(tuple(texts[i : i + SHINGLE]) for i in range(len(texts) - SHINGLE + 1))
    return Fingerprint(tokens, shingles, frozenset(shingles) - ignored)


def jaccard(first: Fingerprint, second: Fingerprint) -> float:
    """Jaccard similarity of the two files' own shingles; 0 when either is too short to judge."""
    if min(len(first.own), len(second.own)) < MIN_SHINGLES:
        return 0.0
    return len(first.own & second.own) / len(first.own | second.own)


def regions(first: Fingerprint, second: Fingerprint) -> list[Region]:
    """The largest matching regions, in the first file's line order."""
    shared = first.own & second.own
    starts: dict[tuple[str, ...], list[int]] = {}
    for position, shingle in enumerate(second.shingles):
        if shingle in shared:
            starts.setdefault(shingle, []).append(position)
    found = []
    i = 0
    while i < len(first.shingles):
        if first.shingles[i] not in shared:
            i += 1
            continue
        length, j = max((_run(first, second, shared, i, j), j) for j in starts[first.shingles[i]][:_MAX_STARTS])
        last = length + SHINGLE - 2  # index of the last token covered, relative to the start
        found.append(
            Region(
                (first.tokens[i].line, first.tokens[i + last].line),
                (second.tokens[j].line, second.tokens[j + last].line),
                length + SHINGLE - 1,
            )
        )
        i += length
    # A lone shingle matched elsewhere is chance; dropped first so it cannot split a real region.
    merged = _merge(sorted((r for r in found if r.tokens > SHINGLE), key=lambda region: region.first))
    largest = sorted(
        (r for r in merged if r.tokens >= MIN_REGION_TOKENS), key=lambda region: (-region.tokens, region.first)
    )[:MAX_REGIONS]
    return sorted(largest, key=lambda region: region.first)


def _merge(ordered: list[Region]) -> list[Region]:
    """Join regions that follow each other (within a line) in both files."""
    out: list[Region] = []
    for region in ordered:
        if out:
            last = out[-1]
            if region.first[0] <= last.first[1] + 1 and last.second[0] <= region.second[0] <= last.second[1] + 1:
                out[-1] = Region(
                    (last.first[0], max(last.first[1], region.first[1])),
                    (last.second[0], max(last.second[1], region.second[1])),
                    last.tokens + region.tokens,
                )
                continue
        out.append(region)
    return out


def _run(first: Fingerprint, second: Fingerprint, shared: frozenset[tuple[str, ...]], i: int, j: int) -> int:
    length = 0
    while (
        i + length < len(first.shingles)
        and j + length < len(second.shingles)
        and first.shingles[i + length] == second.shingles[j + length]
        and first.shingles[i + length] in shared
    ):
        length += 1
    return length


def find_matches(
    exercise: str, sources: Mapping[str, str], *, stub: str = "", threshold: float = DEFAULT_THRESHOLD
) -> list[Match]:
    """Every pair of ``sources`` (submission name -> code) at least ``threshold`` alike, most alike first."""
    api = api_names(stub) if stub else frozenset()
    ignored = frozenset(fingerprint(stub, api).shingles) if stub else frozenset()
    prints = {name: fingerprint(code, api, ignored) for name, code in sorted(sources.items())}
    matches = []
    for (name_a, a), (name_b, b) in itertools.combinations(prints.items(), 2):
        score = jaccard(a, b)
        if score >= threshold and score > 0:
            matches.append(Match(exercise, name_a, name_b, score, tuple(regions(a, b))))
    return sorted(matches, key=lambda match: (-match.score, match.first, match.second))
