"""The fast table readers give exactly what pandas gives, and the per-table memo holds one
value per live table."""

from __future__ import annotations

import gc
import math

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from checker.tables import column_values, isin, per_frames, row_dicts, row_tuples, shared_rows


def _same(a: object, b: object) -> bool:
    if a is b:  # pd.NA
        return True
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b


@given(st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "Ä"]), st.text(max_size=3)), max_size=12),
       st.sampled_from(["str", "string", "object"]))
def test_column_values_are_what_tolist_gives(cells, dtype):
    column = pd.Series(cells * 100, dtype=dtype)  # long enough to share repeated values
    got, expected = column_values(column), column.tolist()
    assert len(got) == len(expected)
    assert all(_same(a, b) for a, b in zip(got, expected, strict=True))


@given(st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "Ä"]), st.text(max_size=3)), max_size=30),
       st.sets(st.text(max_size=3), max_size=6), st.sampled_from(["str", "string", "object"]),
       st.sampled_from([set, frozenset, list, pd.Index]))
def test_isin_is_what_pandas_isin_gives(cells, wanted, dtype, container):
    column = pd.Series(cells, dtype=dtype)
    values = container(sorted(wanted)) if container is not set else wanted
    assert isin(column, values).tolist() == column.isin(list(wanted)).tolist()


def test_repeated_strings_are_one_object_per_distinct_value():
    column = pd.Series(["outlet-a", "outlet-b"] * 1000, dtype="str")
    values = column_values(column)
    assert len({id(v) for v in values}) == 2


def test_row_dicts_and_row_tuples_match_pandas():
    frame = pd.DataFrame({"id": ["x:1", "x:2", "y:1"], "source": ["x", "x", "y"], "n": [1, 2, 1],
                          "ok": [True, False, True], "class": ["claim", None, "claim"]})
    frame["source"] = frame["source"].astype("str")
    assert row_dicts(frame) == frame.to_dict("records")
    assert [tuple(r) for r in row_tuples(frame)] == [tuple(r) for r in frame.itertuples(index=False)]
    assert [r.source for r in row_tuples(frame)] == ["x", "x", "y"]
    reordered = frame[["n", "class", "id"]]  # another column set: its own row type
    assert [tuple(r) for r in row_tuples(reordered)] == [tuple(r) for r in reordered.itertuples(index=False)]
    assert [r._1 for r in row_tuples(reordered)] == [r._1 for r in reordered.itertuples(index=False)]


def test_per_frames_derives_once_per_live_table_and_forgets_dead_ones():
    calls: list[int] = []

    @per_frames
    def count_rows(frame: pd.DataFrame) -> int:
        calls.append(1)
        return len(frame)

    first = pd.DataFrame({"a": [1, 2]})
    assert count_rows(first) == count_rows(first) == 2
    assert len(calls) == 1
    second = pd.DataFrame({"a": [1, 2, 3]})
    assert count_rows(second) == 3
    assert len(calls) == 2
    del first
    gc.collect()
    third = pd.DataFrame({"a": [1]})
    assert count_rows(third) == 1  # never the value of a dead table that had the same id
    assert shared_rows(second) is shared_rows(second)
