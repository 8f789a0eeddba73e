"""``exercise.toml``, validated strictly: an unknown key, a wrong type or a bad value is one line
naming the file, the key and the value (``ConfigurationError``), never a quiet default."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.core.errors import ConfigurationError
from grader.core.results import CATEGORY_ORDER

DIFFICULTIES = ("easy", "medium", "hard")


@dataclass(frozen=True)
class Key:
    """One key's rule: how to read it, its default (``None``: required), and a check on the value."""

    read: Callable[[Any], Any]
    default: Any = None
    check: Callable[[Any], str] = lambda value: ""


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("expected a number")
    return float(value)


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected a whole number")
    return value


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise TypeError('expected a list of module names, such as ["numpy"]')
    return tuple(value)


def _positive(value: float) -> str:
    return "" if value > 0 else "must be above 0"


def _at_least(low: int) -> Callable[[Any], str]:
    return lambda value: "" if value >= low else f"must be at least {low}"


TOP: dict[str, Key] = {
    "title": Key(_text, ""),
    "summary": Key(_text, ""),
    "points": Key(_number, check=_positive),
    "difficulty": Key(_text, "medium", lambda v: "" if v in DIFFICULTIES else f"must be one of {DIFFICULTIES}"),
    "time_budget_minutes": Key(_whole, 60, _at_least(1)),
    "allowed_imports": Key(_names, ("numpy",)),
}
GRADING: dict[str, Key] = {
    "call_timeout_seconds": Key(_number, 10.0, _positive),
    "budget_seconds": Key(_number, 300.0, _positive),
    "max_examples": Key(_whole, 25, _at_least(1)),
    "seed": Key(_whole, -1, _at_least(-1)),
    "memory_mb": Key(_whole, 3072, _at_least(256)),
    "input_packages": Key(_names, ()),
}
TABLES = ("grading", "weights")


def read_config(path: Path) -> dict[str, Any]:
    """The validated settings of ``path``: the top-level keys, ``grading`` (a dict) and ``weights``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigurationError(f"Cannot read {path}: {error}") from error
    top = {name: value for name, value in data.items() if name not in TABLES}
    config = _read_keys(top, TOP, path, "")
    config["grading"] = _read_keys(_table(data, "grading", path), GRADING, path, "grading.")
    config["weights"] = _read_weights(_table(data, "weights", path), path)
    return config


def _table(data: dict[str, Any], name: str, path: Path) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise ConfigurationError(f"{path}: {name} = {value!r}: expected a [{name}] table")
    return value


def _read_keys(values: dict[str, Any], rules: dict[str, Key], path: Path, prefix: str) -> dict[str, Any]:
    unknown = sorted(set(values) - set(rules))
    if unknown:
        raise ConfigurationError(
            f"{path}: unknown key {prefix}{unknown[0]} = {values[unknown[0]]!r}; "
            f"known keys are {', '.join(prefix + name for name in rules)}"
        )
    read: dict[str, Any] = {}
    for name, rule in rules.items():
        if name not in values:
            if rule.default is None:
                raise ConfigurationError(f"{path}: {prefix}{name} is missing; it is required")
            read[name] = rule.default
            continue
        value = values[name]
        try:
            read[name] = rule.read(value)
        except TypeError as error:
            raise ConfigurationError(f"{path}: {prefix}{name} = {value!r}: {error}") from None
        problem = rule.check(read[name])
        if problem:
            raise ConfigurationError(f"{path}: {prefix}{name} = {value!r}: {problem}")
    return read


def _read_weights(values: dict[str, Any], path: Path) -> dict[str, float]:
    weights: dict[str, float] = {}
    for name, value in values.items():
        if name not in CATEGORY_ORDER:
            raise ConfigurationError(
                f"{path}: unknown key weights.{name} = {value!r}; categories are {', '.join(CATEGORY_ORDER)}"
            )
        try:
            weights[name] = _number(value)
        except TypeError as error:
            raise ConfigurationError(f"{path}: weights.{name} = {value!r}: {error}") from None
        if weights[name] < 0:
            raise ConfigurationError(f"{path}: weights.{name} = {value!r}: must not be negative")
    if sum(weights.values()) <= 0:
        raise ConfigurationError(f"{path}: [weights] must give at least one category a positive weight")
    return weights
