"""seat_conflict: sources say one organisation is based in different towns."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.checks.facet_conflict import MENTIONING_CLASSES, claim_index
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.seats import seat_between
from checker.tables import row_dicts
from checker.textutil import match_key


@dataclass(frozen=True)
class _Seat:
    city: str  # the gazetteer's name
    source: str
    evidence: Evidence


def find_seat_conflicts(ctx: CheckContext) -> Iterator[Finding]:
    t = ctx.tables
    if t.facets.empty or t.mentions.empty or t.entities.empty:
        return
    index = claim_index(t)
    names = dict(zip(t.entities["entity_id"].tolist(), t.entities["canonical"].tolist(), strict=True))
    seats: dict[str, list[_Seat]] = {}
    orgs = t.mentions[t.mentions["facet"] == "org"]
    by_claim: dict[str, list[dict]] = {}
    for m in row_dicts(orgs[["claim_id", "start", "end", "entity_id"]]):
        by_claim.setdefault(str(m["claim_id"]), []).append(m)
    for claim_id in sorted(by_claim):
        claim = index.claims.get(claim_id)
        # a hedge governs its sentence's main clause, not where "the <City>-based <Body>" sits
        if claim is None or claim["class"] not in MENTIONING_CLASSES or claim["class"] == "quote":
            continue  # a speaker's words are compared as a quote
        text, base = str(claim["text"]), int(claim["start"])
        places = [f for f in index.facets.get(claim_id, [])
                  if f["facet"] == "place" and f.get("qualifier") == "city"]
        for place in places:
            p_start, p_end = int(place["start"]) - base, int(place["end"]) - base
            for org in by_claim[claim_id]:
                o_start, o_end = int(org["start"]) - base, int(org["end"]) - base
                if not seat_between(text, (o_start, o_end), (p_start, p_end)):
                    continue
                evidence = Evidence(source=str(claim["source"]), line=int(claim["line"]), quote=text,
                                    claim_id=claim_id, value=str(place["text"]),
                                    start=int(place["start"]), end=int(place["end"]))
                seats.setdefault(str(org["entity_id"]), []).append(
                    _Seat(str(place["value"]), str(claim["source"]), evidence))
    compared = {(r["a_claim"], r["b_claim"]) for rows in index.comparisons.values() for r in rows
                if r["facet"] == "place" and r["verdict"] == "conflict"}
    for entity in sorted(seats):
        yield from _conflicts(names.get(entity, entity), seats[entity], compared)


def _conflicts(body: str, seats: list[_Seat], compared: set[tuple[str, str]]) -> Iterator[Finding]:
    by_city: dict[str, list[_Seat]] = {}
    for seat in seats:
        by_city.setdefault(match_key(seat.city), []).append(seat)
    if len(by_city) < 2:
        return

    def sources(city: str) -> set[str]:
        return {s.source for s in by_city[city]}

    ranked = sorted(by_city, key=lambda c: (-len(sources(c)), c))
    main = ranked[0]
    for other in ranked[1:]:
        if sources(other) & sources(main):
            continue  # one source names both: two sites of one body
        if any((a.evidence.claim_id, b.evidence.claim_id) in compared
               or (b.evidence.claim_id, a.evidence.claim_id) in compared
               for a in by_city[main] for b in by_city[other]):
            continue  # matched claims: place_conflict reports it
        sides = (by_city[main], by_city[other])
        evidence = tuple(s.evidence for side in sides
                         for s in sorted(side, key=lambda s: (s.source, s.evidence.line)))
        values = (sides[0][0].city, sides[1][0].city)
        yield Finding(
            code="", kind="", severity=Severity.HIGH, values=values, evidence=evidence,
            subject=body, identity=(body, *sorted((main, other))),
            method=f"{len(sources(main))} source(s) vs {len(sources(other))}",
            suggestion=f"Most sources write \u201c{values[0]}\u201d; an editor decides",
        )


CHECK = Check(
    code="CK208",
    kind="seat_conflict",
    severity=Severity.HIGH,
    scope=Scope.CORPUS,
    summary="Sources say {subject} is based in different places: {values}",
    doc=KindDoc(
        what="One organisation (resolved across sources) said to be based in different "
        "cities: '<City>-based <Organisation>' or '<Organisation>, based in <City>'. Read "
        "in every compared sentence, matched or not: a body's seat is often named in passing, "
        "in sentences about other things. A source that names both cities is left out (a "
        "body with two sites), and so is a pair of matched claims place_conflict reports.",
        why="Where a company or agency sits is a checkable fact; a wrong city misleads "
        "readers and can point them to the wrong body.",
        example="a:3 'a consortium led by Boston-based Redfern Crest Capital' and c:12 'led "
        "by Philadelphia-based investment firm Redfern Crest Capital': \u201cBoston\u201d vs "
        "\u201cPhiladelphia\u201d.",
        action="Check the body's registered seat or its own site and correct the outlier.",
        false_positives="A body that moved, or one with offices in several cities that each "
        "source calls its base.",
    ),
    run=find_seat_conflicts,
)
