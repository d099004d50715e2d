"""Stage 4 - resolve entities: person, organisation and title facets in; mentions resolved to
entities out (within and across sources).

MENTION_COLUMNS
    mention_id  "<claim_id>@<start>"
    claim_id, source, facet (person | org | title), start, end
    text        as written
    value       normalised (the person's name without titles; the org's name; the title)
    entity_id   "P1", "O3", "T2": which entity the mention resolves to
    score       similarity to the entity's canonical form (0-100)
    method      how it was resolved (exact | fuzzy+phonetic | surname+role | ...)

ENTITY_COLUMNS
    entity_id, facet
    canonical   the form most sources use (ties: most mentions, then alphabetical)
    n_mentions, n_sources, n_variants
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from checker.tables import empty_frame
from checker.textutil import match_key

MENTION_COLUMNS = [
    "mention_id", "claim_id", "source", "facet", "start", "end", "text", "value",
    "entity_id", "score", "method",
]
ENTITY_COLUMNS = ["entity_id", "facet", "canonical", "n_mentions", "n_sources", "n_variants"]


@dataclass(frozen=True)
class ResolveResult:
    mentions: pd.DataFrame
    entities: pd.DataFrame


def resolve_entities(facets: pd.DataFrame, claims: pd.DataFrame) -> ResolveResult:
    kept = set(claims.loc[claims["compared"], "claim_id"])
    rows = facets[facets["facet"].isin(["person", "org"]) & facets["claim_id"].isin(kept)]
    if rows.empty:
        return ResolveResult(empty_frame(MENTION_COLUMNS), empty_frame(ENTITY_COLUMNS))
    mentions = []
    ids: dict[tuple[str, str], str] = {}
    for r in rows.itertuples(index=False):
        key = (r.facet, match_key(r.value))
        if key not in ids:
            ids[key] = f"{r.facet[0].upper()}{len(ids) + 1}"
        mentions.append({
            "mention_id": f"{r.claim_id}@{r.start}", "claim_id": r.claim_id, "source": r.source,
            "facet": r.facet, "start": r.start, "end": r.end, "text": r.text, "value": r.value,
            "entity_id": ids[key], "score": 100.0, "method": "exact",
        })
    m = pd.DataFrame(mentions, columns=MENTION_COLUMNS)
    ents = (
        m.groupby(["entity_id", "facet"], sort=True)
        .agg(canonical=("value", "first"), n_mentions=("value", "size"),
             n_sources=("source", "nunique"), n_variants=("value", "nunique"))
        .reset_index()
    )
    return ResolveResult(m, ents[ENTITY_COLUMNS])
