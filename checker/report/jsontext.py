"""Pretty JSON text for the reports: sorted keys, two-space indent, UTF-8 kept as is.

The same text `json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)` gives, written
by orjson: the standard library's encoder falls back to pure Python whenever `indent` is set,
which made writing the JSON report of a 10,000-article archive take minutes.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import orjson

_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def pretty_json(value: Any) -> str:
    """`value` holds str keys, str, int, float, bool, None, lists and dicts; numpy scalars
    that slip through pandas are written as the Python numbers they hold."""
    return orjson.dumps(value, default=_numpy_scalar, option=_OPTIONS).decode("utf-8")


def _numpy_scalar(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
