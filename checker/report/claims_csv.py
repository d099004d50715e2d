"""claims/<source>.csv: one row per segment and per atomic fact, stable column order,
deterministic content, readable in a code-review diff."""

from __future__ import annotations

import csv
import io

import pandas as pd

#: The columns of claims/<source>.csv, in order. Facet columns hold "; "-separated values.
CLAIMS_CSV_COLUMNS = [
    "id", "line", "start", "end", "class", "reason", "text",
    "persons", "orgs", "places", "dates", "figures", "quotes",
]

_FACET_COLUMN = {"person": "persons", "org": "orgs", "place": "places", "metonym": "places",
                 "date": "dates", "figure": "figures", "quote": "quotes"}


def _facet_label(f: object) -> str:
    kind = f.facet
    value = str(f.value)
    if kind == "person":
        extras = [x for x in (f.title, f.role) if x]
        return f"{value} ({', '.join(extras)})" if extras else value
    if kind == "metonym":
        return f"{f.text} -> {value} (metonym)"
    if kind == "place":
        key = f.key
        return f"{value} [{key}]" if key else value
    if kind == "date":
        return f"{value} ({f.text})"
    if kind == "figure":
        parts = [f.qualifier, value + (f.key or ""), f.noun]
        return " ".join(p for p in parts if p)
    if kind == "quote":
        speaker = f.role
        return f"{speaker}: \u201c{f.text}\u201d" if speaker else f"\u201c{f.text}\u201d"
    return value


def render_claims(claims: pd.DataFrame, facets: pd.DataFrame) -> dict[str, str]:
    """source id -> CSV text."""
    by_claim: dict[str, dict[str, list[str]]] = {}
    for f in facets.sort_values(["claim_id", "start", "facet"], kind="stable").itertuples(index=False):
        by_claim.setdefault(f.claim_id, {}).setdefault(_FACET_COLUMN[f.facet], []).append(_facet_label(f))
    out: dict[str, str] = {}
    for source, rows in claims.groupby("source", sort=True):
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(CLAIMS_CSV_COLUMNS)
        for c in rows.to_dict("records"):
            facet_cols = by_claim.get(c["claim_id"], {})
            writer.writerow([
                c["claim_id"], c["line"], c["start"], c["end"], c["class"], c["reason"], c["text"],
                *("; ".join(facet_cols.get(col, [])) for col in CLAIMS_CSV_COLUMNS[7:]),
            ])
        out[str(source)] = buf.getvalue()
    return out
