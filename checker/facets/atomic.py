"""Atomic facts: a sentence that asserts separable facts is split. Each person facet with a
role in a compared segment (class claim or quote) gives one fact, "<Name> is <role>": "signed
by A, head of B, and C, Minister of D" gives "A is head of B" and "C is Minister of D"; the
signing itself stays with the sentence.

A fact is a claims row (segment.CLAIM_COLUMNS) with
    claim_id  "<parent claim_id>.<k>", k = 1, 2, ... in order of the person's offset
    unit      "fact"; parent = the sentence's claim_id; n, line, source, class, speaker as
              the sentence's; compared True
    start/end the span of the name and its role together (the apposition) in the article
    text      "<Name> is <role>"
and carries copies of the facets inside that span: the person, and the organisations and
places named in the role. The role's offsets come from the person facet's note
("role <how> at <start>-<end>", see checker.facets.persons).
"""

from __future__ import annotations

import re

import pandas as pd

from checker.tables import isin, row_dicts

_ROLE_SPAN = re.compile(r"\brole \w+ at (\d+)-(\d+)")
_COPIED = frozenset({"person", "org", "place", "metonym"})
_FACT_CLASSES = frozenset({"claim", "quote"})


def atomic_facts(claims: pd.DataFrame, facets: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(new claim rows with unit == "fact", facets of those facts)."""
    if claims.empty or facets.empty:
        return claims.iloc[0:0], facets.iloc[0:0]
    parents = claims[(claims["unit"] == "segment") & isin(claims["class"], _FACT_CLASSES)]
    persons = facets[(facets["facet"] == "person") & (facets["role"].fillna("") != "")
                     & isin(facets["claim_id"], parents["claim_id"])]
    if persons.empty:
        return claims.iloc[0:0], facets.iloc[0:0]
    # Rows as plain dicts, once: a per-claim DataFrame filter costs a millisecond, and an
    # archive has hundreds of thousands of claims.
    wanted = set(persons["claim_id"])
    by_claim: dict[str, list[dict[str, object]]] = {}
    copied = facets[isin(facets["facet"], _COPIED) & isin(facets["claim_id"], wanted)]
    for f in row_dicts(copied):
        by_claim.setdefault(str(f["claim_id"]), []).append(f)
    parent_rows = {r["claim_id"]: r for r in row_dicts(parents[isin(parents["claim_id"], wanted)])}
    fact_rows: list[dict[str, object]] = []
    fact_facets: list[dict[str, object]] = []
    persons = persons.sort_values(["claim_id", "start", "end"], kind="stable")
    by_person_claim: dict[str, list[dict[str, object]]] = {}
    for person in row_dicts(persons):
        by_person_claim.setdefault(str(person["claim_id"]), []).append(person)
    for claim_id, group in by_person_claim.items():
        parent = parent_rows[claim_id]
        seen: set[tuple[str, str]] = set()
        k = 0
        for person in group:
            statement = (str(person["value"]), str(person["role"]))
            if statement in seen:
                continue
            seen.add(statement)
            k += 1
            start, end = _span(person)
            fact_id = f"{claim_id}.{k}"
            fact_rows.append({
                **parent, "claim_id": fact_id, "unit": "fact", "parent": claim_id,
                "start": start, "end": end, "reason": "",
                "text": f"{statement[0]} is {statement[1]}", "compared": True,
            })
            for f in by_claim[claim_id]:
                if not (f["start"] >= start and f["end"] <= end):  # type: ignore[operator]
                    continue
                if f["facet"] == "person" and (f["start"], f["end"]) != (person["start"], person["end"]):
                    continue  # another person named inside the role ("Assistant to ...")
                fact_facets.append({**f, "claim_id": fact_id})
    fact_claims = pd.DataFrame(fact_rows, columns=list(claims.columns))
    facts_facets = pd.DataFrame(fact_facets, columns=list(facets.columns))
    return fact_claims, facts_facets


def _span(person: dict[str, object]) -> tuple[int, int]:
    start, end = int(person["start"]), int(person["end"])  # type: ignore[call-overload]
    m = _ROLE_SPAN.search(str(person["note"] or ""))
    if m:
        start, end = min(start, int(m.group(1))), max(end, int(m.group(2)))
    return start, end
