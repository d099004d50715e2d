"""Pretty JSON text for the reports: sorted keys, two-space indent, UTF-8 kept as is.

The same text `json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)` gives, written
by orjson: the standard library's encoder falls back to pure Python whenever `indent` is set,
which made writing the JSON report of a 10,000-article archive take minutes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
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


def pretty_json_pieces(fields: Mapping[str, Any], lists: Mapping[str, Iterable[list[Any]]]) -> Iterator[str]:
    """`pretty_json({**fields, **{key: every item of lists[key]}})`, in pieces: each list in
    `lists` arrives as chunks of items and is written chunk by chunk, so the whole document
    (hundreds of megabytes for an archive) is never held in memory at once. The keys of
    `fields` and `lists` must differ."""
    keys = sorted({*fields, *lists})
    if not keys:
        yield "{}\n"
        return
    yield "{\n"
    for position, key in enumerate(keys):
        yield f"  {_dumps(key)}: "
        if key in lists:
            yield from _list_pieces(lists[key])
        else:
            yield _dumps(fields[key], indent=True).replace("\n", "\n  ")
        yield ",\n" if position < len(keys) - 1 else "\n}\n"


def _list_pieces(chunks: Iterable[list[Any]]) -> Iterator[str]:
    opened = False
    for chunk in chunks:
        if not chunk:
            continue
        # A list written alone puts its items at indent 2 between "[\n" and "\n]"; inside
        # the document they sit two levels deeper.
        items = _dumps(chunk, indent=True)[2:-2].replace("\n", "\n  ")
        yield ("[\n  " if not opened else ",\n  ") + items
        opened = True
    yield "\n  ]" if opened else "[]"


def _dumps(value: Any, indent: bool = False) -> str:
    option = orjson.OPT_SORT_KEYS | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(value, default=_numpy_scalar, option=option).decode("utf-8")
