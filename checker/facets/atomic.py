"""Atomic facts: a sentence that asserts separable facts is split. Each person facet with a
role in a compared segment (class claim or quote) gives one fact, "<Name> is <role>" ("<Name> <role>" for an office told by a verb:
"A, who chairs B," gives "A chairs B"): "signed
by A, head of B, and C, Minister of D" gives "A is head of B" and "C is Minister of D"; the
signing itself stays with the sentence.

A fact is a claims row (segment.CLAIM_COLUMNS) with
    claim_id  "<parent claim_id>.<k>", k = 1, 2, ... in order of the person's offset
    unit      "fact"; parent = the sentence's claim_id; n, line, source, class, speaker as
              the sentence's; compared True
    start/end the span of the name and its role together (the apposition) in the article
    text      "<Name> is <role>" ("<Name> chairs B")
and carries copies of the facets inside that span: the person, and the organisations and
places named in the role. The role's offsets come from the person facet's note
("role <how> at <start>-<end>", see checker.facets.persons).
"""

from __future__ import annotations

import re

import pandas as pd

from checker.tables import column_values, row_dicts

_ROLE_SPAN = re.compile(r"\brole \w+ at (\d+)-(\d+)")
_VERB_ROLE = "role verb at "
_COPIED = frozenset({"person", "org", "place", "metonym"})
_FACT_CLASSES = frozenset({"claim", "quote"})


def atomic_facts(claims: pd.DataFrame, facets: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(new claim rows with unit == "fact", facets of those facts)."""
    if claims.empty or facets.empty:
        return claims.iloc[0:0], facets.iloc[0:0]
    # Whole columns as lists and one row selection per table: on a story of a few articles,
    # each DataFrame filter cost more than the facts themselves.
    parent_ids = {cid for cid, unit, cls in zip(column_values(claims["claim_id"]), column_values(claims["unit"]),
                                                 column_values(claims["class"]), strict=True)
                  if unit == "segment" and cls in _FACT_CLASSES}
    kinds, claim_ids = column_values(facets["facet"]), column_values(facets["claim_id"])
    roles = facets["role"].tolist()
    wanted = {cid for kind, role, cid in zip(kinds, roles, claim_ids, strict=True)
              if kind == "person" and isinstance(role, str) and role and cid in parent_ids}
    if not wanted:
        return claims.iloc[0:0], facets.iloc[0:0]
    copied = row_dicts(facets.iloc[[i for i, (kind, cid) in enumerate(zip(kinds, claim_ids, strict=True))
                                    if kind in _COPIED and cid in wanted]])
    by_claim: dict[str, list[dict[str, object]]] = {}
    for f in copied:
        by_claim.setdefault(str(f["claim_id"]), []).append(f)
    parent_rows = {r["claim_id"]: r for r in row_dicts(
        claims.iloc[[i for i, cid in enumerate(column_values(claims["claim_id"])) if cid in wanted]])}
    fact_rows: list[dict[str, object]] = []
    fact_facets: list[dict[str, object]] = []
    persons = sorted((f for f in copied if f["facet"] == "person" and isinstance(f["role"], str) and f["role"]),
                     key=lambda f: (f["claim_id"], f["start"], f["end"]))
    by_person_claim: dict[str, list[dict[str, object]]] = {}
    for person in persons:
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
                "text": f"{statement[0]} {'' if _told_by_verb(person) else 'is '}{statement[1]}",
                "compared": True,
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


def _told_by_verb(person: dict[str, object]) -> bool:
    """"chairs the transport committee" (checker.facets.persons, role how "verb") is a
    predicate already: "<Name> chairs ..."."""
    return _VERB_ROLE in str(person["note"] or "")


def _span(person: dict[str, object]) -> tuple[int, int]:
    start, end = int(person["start"]), int(person["end"])  # type: ignore[call-overload]
    m = _ROLE_SPAN.search(str(person["note"] or ""))
    if m:
        start, end = min(start, int(m.group(1))), max(end, int(m.group(2)))
    return start, end
