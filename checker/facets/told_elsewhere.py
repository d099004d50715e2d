"""Paragraphs an article alone took for another story that the other sources tell.

checker.classify judges off_topic within one article: a paragraph at its end that shares
little with the article's core and brings names and dates of its own is a ticker item. A
terse outlet may name the judge and the hearing's day in one closing line only ("Next step: a
hearing before Judge Eva Marešová on 12 November at 09:30."), which then looks like another
story. Other sources of the story settle it: a segment classed off_topic is a claim again
when its names, or a name and a day it gives, are named in claims and quotes of another
source. A ticker item about another story (a figure skater, a football score) shares none.

The segment's whole line (its paragraph) goes back: the class becomes "claim", the reason
empty and `compared` True. Input and output: the claims table (segment.CLAIM_COLUMNS) and the
facets table (facets.FACET_COLUMNS) of every article; only the claims table changes.
"""

from __future__ import annotations

import pandas as pd

from checker.tables import column_values
from checker.textutil import match_key

#: Names (person surnames) another source must share with the segment...
MIN_SHARED_NAMES = 2
#: ...or this many names together with a day both give.
MIN_NAMES_WITH_A_DAY = 1
_TOLD = frozenset({"claim", "quote"})
_OFF_TOPIC = "off_topic"


def reinstate_told_elsewhere(claims: pd.DataFrame, facets: pd.DataFrame) -> pd.DataFrame:
    """The claims table with off_topic segments that other sources tell made claims again."""
    if claims.empty or facets.empty:
        return claims
    classes = column_values(claims["class"])
    if _OFF_TOPIC not in classes:
        return claims
    ids, sources, lines = (column_values(claims[c]) for c in ("claim_id", "source", "line"))
    source_of = dict(zip(ids, sources, strict=True))
    line_of = dict(zip(ids, lines, strict=True))
    told = {cid for cid, cls in zip(ids, classes, strict=True) if cls in _TOLD}
    off = {cid for cid, cls in zip(ids, classes, strict=True) if cls == _OFF_TOPIC}
    names: dict[str, set[str]] = {}
    days: dict[str, set[str]] = {}
    told_names: dict[str, set[str]] = {}  # name -> sources whose claims name it
    told_days: dict[str, set[str]] = {}
    for cid, facet, key, value in zip(*(column_values(facets[c]) for c in ("claim_id", "facet", "key", "value")),
                                      strict=True):
        if facet == "person" and key:
            word, into, everywhere = match_key(str(key)), names, told_names
        elif facet == "date" and key == "day":
            word, into, everywhere = str(value), days, told_days
        else:
            continue
        if cid in off:
            into.setdefault(cid, set()).add(word)
        elif cid in told:
            everywhere.setdefault(word, set()).add(source_of[cid])
    back: set[tuple[str, int]] = set()
    for cid in off:
        source = source_of[cid]
        shared_names = {n for n in names.get(cid, ()) if told_names.get(n, set()) - {source}}
        shared_days = {d for d in days.get(cid, ()) if told_days.get(d, set()) - {source}}
        if len(shared_names) >= MIN_SHARED_NAMES or (len(shared_names) >= MIN_NAMES_WITH_A_DAY and shared_days):
            back.add((source, int(line_of[cid])))
    if not back:
        return claims
    rows = [i for i, (source, line, cls) in enumerate(zip(sources, lines, classes, strict=True))
            if cls == _OFF_TOPIC and (source, int(line)) in back]
    claims = claims.copy()
    at = claims.index[rows]
    claims.loc[at, "class"] = "claim"
    claims.loc[at, "reason"] = ""
    claims.loc[at, "compared"] = True
    return claims
