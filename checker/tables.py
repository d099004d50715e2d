"""The tables that flow between stages. Each stage module declares its output columns as a
constant at its top; this module gathers them for the pipeline and the renderers.

articles    ingest.ARTICLE_COLUMNS     one row per article that was read
problems    ingest.PROBLEM_COLUMNS     one row per input that was skipped or noted
claims      segment.CLAIM_COLUMNS      one row per segment and per atomic fact, every class
facets      facets.FACET_COLUMNS       one row per facet (person, org, place, metonym, date,
                                       figure, quote) found in a claim, with offsets
mentions    resolve.MENTION_COLUMNS    person/org/title facets with the entity they resolve to
entities    resolve.ENTITY_COLUMNS     one row per resolved entity, with its canonical form
groups      match.GROUP_COLUMNS        one row per (group, claim): claims that assert one thing
comparisons compare.COMPARISON_COLUMNS one row per facet compared inside a group
"""

from __future__ import annotations

import functools
import weakref
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeVar

import numpy as np
import pandas as pd


def empty_frame(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


# pandas iterates its Arrow-backed string columns one Python call per cell, which made
# `to_dict("records")` and `itertuples` the largest single cost on big archives; whole-column
# `tolist()` is ten times faster and gives the same values.


#: Below this many rows, finding the distinct values costs more than it saves.
_SHARED_FROM_ROWS = 1_000


def column_values(column: pd.Series) -> list[Any]:
    """`column.tolist()`. A string column that repeats its values (sources, facet kinds,
    classes, keys) gives one Python string per distinct value instead of one per cell:
    on an archive's facets that is a third less memory, and faster to build."""
    if isinstance(column.dtype, pd.StringDtype) and len(column) >= _SHARED_FROM_ROWS:
        codes, distinct = pd.factorize(column)
        if 2 * len(distinct) <= len(column) and (codes >= 0).all():  # -1: a missing value
            return list(map(distinct.tolist().__getitem__, codes.tolist()))
    return column.tolist()


def isin(column: pd.Series, values: Iterable[Any]) -> np.ndarray:
    """`column.isin(values).to_numpy()` for hashable values, fast: pandas makes an Arrow
    scalar of every value it is given, which on an archive's claim ids took seconds a call
    (ten times what a set lookup per cell takes)."""
    wanted = values if isinstance(values, (set, frozenset)) else set(values)
    return np.fromiter(map(wanted.__contains__, column.tolist()), dtype=bool, count=len(column))


def _column_lists(frame: pd.DataFrame) -> list[list[Any]]:
    # `items()` hands out the columns by position: half the cost of `frame[name]`, which
    # on a story's small tables is most of the cost of reading them
    return [column_values(column) for _, column in frame.items()]


def row_dicts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """`frame.to_dict("records")`, fast."""
    columns = list(frame.columns)
    return [dict(zip(columns, row, strict=True))
            for row in zip(*_column_lists(frame), strict=True)]


@functools.lru_cache(maxsize=256)
def _row_type(columns: tuple[str, ...]) -> Any:
    # making a namedtuple class costs as much as reading a small table: one per column set
    return namedtuple("Row", columns, rename=True)  # type: ignore[misc]


def row_tuples(frame: pd.DataFrame) -> Iterator[NamedTuple]:
    """`frame.itertuples(index=False)`, fast: named tuples, a keyword or odd column name
    renamed positionally (`_2`) the way pandas does it."""
    row = _row_type(tuple(str(c) for c in frame.columns))
    return map(row._make, zip(*_column_lists(frame), strict=True))


T = TypeVar("T")


def per_frames(fn: Callable[..., T]) -> Callable[..., T]:
    """Memoise `fn(*frames)` on the identity of the tables it is given, for as long as they
    live: each renderer and check derives the same indexes from one result's tables, and
    deriving them once per result instead of once per caller saves minutes on an archive.
    Tables are never modified in place (every stage returns new ones), which is what makes
    identity a safe key. The value is shared: callers must not modify it."""
    memo: dict[tuple[int, ...], tuple[tuple[weakref.ref[Any], ...], T]] = {}

    @functools.wraps(fn)
    def memoised(*frames: pd.DataFrame) -> T:
        key = tuple(map(id, frames))
        hit = memo.get(key)
        if hit is not None:  # asked once per claim by some checks: no generator on this path
            for ref, frame in zip(hit[0], frames, strict=True):
                if ref() is not frame:
                    break
            else:
                return hit[1]
        for stale in [k for k, (refs, _) in memo.items() if any(r() is None for r in refs)]:
            del memo[stale]
        value = fn(*frames)
        memo[key] = (tuple(weakref.ref(f) for f in frames), value)
        return value

    return memoised


@per_frames
def shared_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """`row_dicts(frame)`, derived once per table and shared by the checks and renderers
    that read it (an archive's claims and facets as dicts are gigabytes; one copy, not one
    per reader). Read-only: callers must not modify the dicts."""
    return row_dicts(frame)


@dataclass(frozen=True)
class Tables:
    articles: pd.DataFrame
    problems: pd.DataFrame
    claims: pd.DataFrame
    facets: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    groups: pd.DataFrame
    comparisons: pd.DataFrame
