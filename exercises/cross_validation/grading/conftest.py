"""Suite-local setup: a guarded workaround for sending pandas objects to the worker.

``grader.sandbox.wire.Encoder._pandas`` recognises pandas objects by a module name starting with
``"pandas."``, but pandas 3 reports ``type(DataFrame()).__module__ == "pandas"``, so the judge
refuses to send a DataFrame or Series ("cannot send a DataFrame to candidate code"), although the
contract says they cross. Until the engine accepts them, this module teaches the judge-side encoder
both spellings; it does nothing once the engine sends pandas objects by itself. Only the judge's
encoder is touched: the worker decodes the ``df``/``series`` tags whatever module sent them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from grader.sandbox import wire


def _engine_sends_pandas() -> bool:
    def refuse(value: Any) -> dict[str, Any]:
        raise TypeError(type(value).__name__)

    try:
        wire.Encoder(refuse).encode(pd.Series([1.0]))
    except TypeError:
        return False
    return True


def _pandas_any_module(self: wire.Encoder, value: Any, depth: int) -> dict[str, Any] | None:
    """``wire.Encoder._pandas`` (same tags and layout), accepting the module name ``"pandas"``."""
    module, name = type(value).__module__, type(value).__name__
    if module != "pandas" and not module.startswith("pandas."):
        return None
    if name == "DataFrame":
        columns = [self.encode(column, depth + 1) for column in value.columns.tolist()]
        data = [self._array(np.asarray(value[c].to_numpy()), depth) for c in value.columns]
        index = self._array(np.asarray(value.index.to_numpy()), depth)
        return {"$": "df", "columns": columns, "data": data, "index": index}
    if name == "Series":
        return {
            "$": "series",
            "name": self.encode(value.name, depth + 1),
            "data": self._array(np.asarray(value.to_numpy()), depth),
            "index": self._array(np.asarray(value.index.to_numpy()), depth),
        }
    return None


if not _engine_sends_pandas():
    wire.Encoder._pandas = _pandas_any_module  # type: ignore[method-assign]
