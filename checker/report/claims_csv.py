"""claims/<source>.csv: one row per segment and per atomic fact of one article, in reading
order (a segment, then its facts), with a stable column order and deterministic content, so
that a code review shows exactly what an edit to an article changed. The text is kept as
written (CSV quoting carries commas, quotes and line breaks).

CLAIMS_CSV_COLUMNS (columns are added at the end, never renamed or dropped)
    id        the claim id: "<source>:<n>", atomic facts "<source>:<n>.<k>"
    line      1-based line of the claim's start in the article
    start, end  character offsets into the article's text (end exclusive)
    class     claim | quote | headline | heading | caption | byline | boilerplate |
              off_topic | opinion | hedged
    reason    why it got that class ("" for plain claims)
    text      the claim as written (an atomic fact: the fact stated plainly)
    persons   "Name (title, role)" per person named, "; "-separated, in text order
    orgs      organisations as normalised
    places    "Place [CC]" (CC: ISO country code) and "as written -> Country (metonym)"
    dates     "ISO date (as written)", e.g. "2025-10-06 (6.10.2025)"
    figures   "qualifier value unit (what)", e.g. "approximately 1200 people (evacuated)",
              "12% (fare rise)": a one-symbol unit such as % is attached to the value
    quotes    "speaker: “words”"
    unit      segment | fact
    parent    for an atomic fact, the id of its segment; "" otherwise
    speaker   for quotes, who is quoted ("" when unknown)
    compared  yes when the claim is compared across sources, no when left out
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from checker.report.view import (
    integer,
    is_compared,
    natural_key,
    ordered_claims,
    ordered_facets,
    text,
)

#: The columns of claims/<source>.csv, in order. Facet columns hold "; "-separated values.
CLAIMS_CSV_COLUMNS = [
    "id", "line", "start", "end", "class", "reason", "text",
    "persons", "orgs", "places", "dates", "figures", "quotes",
    "unit", "parent", "speaker", "compared",
]
_FACET_COLUMNS = ("persons", "orgs", "places", "dates", "figures", "quotes")

_FACET_COLUMN = {"person": "persons", "org": "orgs", "place": "places", "metonym": "places",
                 "date": "dates", "figure": "figures", "quote": "quotes"}


def _facet_label(f: dict[str, Any]) -> str:
    kind = text(f["facet"])
    value = text(f["value"])
    if kind == "person":
        extras = [x for x in (text(f["title"]), text(f["role"])) if x]
        return f"{value} ({', '.join(extras)})" if extras else value
    if kind == "metonym":
        return f"{text(f['text'])} -> {value} (metonym)"
    if kind == "place":
        key = text(f["key"])
        return f"{value} [{key}]" if key else value
    if kind == "date":
        return f"{value} ({text(f['text'])})"
    if kind == "figure":
        unit = text(f["key"])
        joined = value + unit if len(unit) == 1 and not unit.isalnum() else " ".join(p for p in (value, unit) if p)
        noun = text(f["noun"])
        label = " ".join(p for p in (text(f["qualifier"]), joined) if p)
        return f"{label} ({noun})" if noun else label
    if kind == "quote":
        speaker = text(f["role"])
        return f"{speaker}: \u201c{text(f['text'])}\u201d" if speaker else f"\u201c{text(f['text'])}\u201d"
    return value


class ClaimsFiles(Mapping[str, str]):
    """source id -> the CSV text of its claims, rendered when asked for (each time): an
    archive's claims files together are hundreds of megabytes, and the CLI writes them one
    at a time."""

    def __init__(self, claims: pd.DataFrame, facets: pd.DataFrame) -> None:
        self._claims: dict[str, list[dict[str, Any]]] = {}
        for c in ordered_claims(claims):
            self._claims.setdefault(text(c["source"]), []).append(c)
        self._facets: dict[str, list[dict[str, Any]]] = {}
        for f in ordered_facets(facets):
            self._facets.setdefault(text(f["claim_id"]), []).append(f)
        self._order = sorted(self._claims, key=natural_key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, source: str) -> str:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(CLAIMS_CSV_COLUMNS)
        for c in self._claims[source]:
            facet_cols: dict[str, list[str]] = {}
            for f in self._facets.get(text(c["claim_id"]), ()):
                column = _FACET_COLUMN.get(text(f["facet"]))
                if column:
                    facet_cols.setdefault(column, []).append(_facet_label(f))
            writer.writerow([
                text(c["claim_id"]), integer(c["line"]), integer(c["start"], -1), integer(c["end"], -1),
                text(c["class"]), text(c["reason"]), text(c["text"]),
                *("; ".join(facet_cols.get(col, [])) for col in _FACET_COLUMNS),
                text(c["unit"]), text(c["parent"]), text(c["speaker"]), "yes" if is_compared(c) else "no",
            ])
        return buf.getvalue()


def render_claims(claims: pd.DataFrame, facets: pd.DataFrame) -> Mapping[str, str]:
    """source id -> CSV text, for every source with at least one claim, in source order;
    each text is rendered when it is read."""
    return ClaimsFiles(claims, facets)
