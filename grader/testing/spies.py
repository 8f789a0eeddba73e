"""Spy estimators and transformers: judge-side objects that candidate code uses through stand-ins.

A spy wraps a real scikit-learn object and writes every call to a journal that all its copies share,
so a check can read what candidate code fitted, transformed and scored, on which rows, and in which
copy. Spies live in the judge's process: candidate code holds a stand-in whose calls travel here as
data, so it can neither read nor rewrite a journal except by making the calls it records.
"""

from __future__ import annotations

import copy
import importlib
import itertools
from typing import Any

import numpy as np

_instance_ids = itertools.count(1)


class Journal:
    """An append-only list of call records shared by a spy and all its copies."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []

    def __deepcopy__(self, memo: dict[int, Any]) -> Journal:
        return self

    def __copy__(self) -> Journal:
        return self


def _learned_state(estimator: Any) -> dict[str, Any]:
    state = {}
    for name, value in vars(estimator).items():
        if name.endswith("_") and not name.startswith("_") and isinstance(value, np.ndarray):
            state[name] = value.copy()
    return state


def _as_array(values: Any) -> Any:
    return None if values is None else np.array(values, copy=True)


def _checked_journal(journal: Any) -> Journal:
    """Only a real journal (never an object candidate code made) may replace a spy's journal."""
    if journal is None:
        return Journal()
    if not isinstance(journal, Journal):
        raise TypeError("a spy's journal can only be another spy's journal")
    return journal


class _Spy:
    """Shared machinery: build the wrapped object, give each copy an id, write the journal."""

    def __init__(self, inner: str = "", params: dict[str, Any] | None = None, journal: Journal | None = None) -> None:
        self.inner = inner
        self.params = params
        # Created now, not on first use, so that copies taken before anyone reads the journal share it.
        self.journal = _checked_journal(journal)

    # scikit-learn's clone() rebuilds from get_params(); the journal travels as a parameter.
    def get_params(self, deep: bool = True) -> dict[str, Any]:
        return {"inner": self.inner, "params": self.params, "journal": self._journal()}

    def set_params(self, **params: Any) -> _Spy:
        for name, value in params.items():
            if name not in ("inner", "params", "journal"):
                raise ValueError(f"Invalid parameter {name!r} for a {type(self).__name__}.")
            setattr(self, name, _checked_journal(value) if name == "journal" else value)
        self.__dict__.pop("wrapped_", None)
        return self

    @property
    def instance_id_(self) -> int:
        if "_instance_id" not in self.__dict__:
            self.__dict__["_instance_id"] = next(_instance_ids)
        return int(self.__dict__["_instance_id"])

    @property
    def journal_(self) -> list[dict[str, Any]]:
        return list(self._journal().records)

    @property
    def is_fitted_(self) -> bool:
        return bool(self.__dict__.get("_fitted", False))

    def __deepcopy__(self, memo: dict[int, Any]) -> _Spy:
        clone = type(self).__new__(type(self))
        for name, value in self.__dict__.items():
            if name != "_instance_id":
                clone.__dict__[name] = copy.deepcopy(value, memo)
        return clone

    def __copy__(self) -> _Spy:
        clone = type(self).__new__(type(self))
        clone.__dict__.update({k: v for k, v in self.__dict__.items() if k != "_instance_id"})
        return clone

    def _journal(self) -> Journal:
        if self.journal is None:
            self.journal = Journal()
        return self.journal

    def _wrapped(self) -> Any:
        if "wrapped_" not in self.__dict__:
            module_name, _, attribute = self.inner.rpartition(".")
            if not module_name.startswith("sklearn."):
                raise ValueError(f"spies wrap scikit-learn objects only, not {self.inner!r}")
            factory = getattr(importlib.import_module(module_name), attribute)
            self.__dict__["wrapped_"] = factory(**(self.params or {}))
        return self.__dict__["wrapped_"]

    def _record(self, event: str, X: Any, y: Any = None, fitted: bool = False) -> None:
        state = _learned_state(self._wrapped()) if fitted else {}
        self._journal().records.append(
            {"instance": self.instance_id_, "event": event, "X": _as_array(X), "y": _as_array(y), "state": state}
        )

    def _fit(self, event: str, X: Any, y: Any) -> Any:
        wrapped = self._wrapped()
        result = getattr(wrapped, event)(X) if y is None else getattr(wrapped, event)(X, y)
        self.__dict__["_fitted"] = True
        self._record(event, X, y, fitted=True)
        return result


class SpyEstimator(_Spy):
    """A scikit-learn estimator that journals ``fit``, ``predict`` and ``score`` calls."""

    def fit(self, X: Any, y: Any = None) -> SpyEstimator:
        self._fit("fit", X, y)
        return self

    def predict(self, X: Any) -> Any:
        self._record("predict", X)
        return self._wrapped().predict(X)

    def predict_proba(self, X: Any) -> Any:
        self._record("predict_proba", X)
        return self._wrapped().predict_proba(X)

    def decision_function(self, X: Any) -> Any:
        self._record("decision_function", X)
        return self._wrapped().decision_function(X)

    def score(self, X: Any, y: Any = None) -> Any:
        self._record("score", X, y)
        return self._wrapped().score(X, y)


class SpyTransformer(_Spy):
    """A scikit-learn transformer that journals ``fit``, ``transform`` and their kin."""

    def fit(self, X: Any, y: Any = None) -> SpyTransformer:
        self._fit("fit", X, None)
        return self

    def fit_transform(self, X: Any, y: Any = None) -> Any:
        return self._fit("fit_transform", X, None)

    def transform(self, X: Any) -> Any:
        self._record("transform", X)
        return self._wrapped().transform(X)

    def inverse_transform(self, X: Any) -> Any:
        self._record("inverse_transform", X)
        return self._wrapped().inverse_transform(X)
