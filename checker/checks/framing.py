"""framing: sources refer to one government through different cities."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from checker.checks.facet_conflict import ClaimIndex, claim_index
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.lexicon import words
from checker.textutil import match_key


@dataclass(frozen=True)
class _Usage:
    city: str  # as the gazetteer names it (place) or as written (metonym)
    source: str
    evidence: Evidence


def _is_about_government(text: str) -> bool:
    cues = words("framing_cues")
    return any(word.strip(".,;:()'\"") in cues for word in match_key(text).split())


def find_framing(ctx: CheckContext) -> Iterator[Finding]:
    t = ctx.tables
    if t.facets.empty:
        return
    index = claim_index(t)
    claim_ids = sorted(c for c, row in index.claims.items()
                       if bool(row["compared"]) and row["class"] != "quote" and c in index.facets)
    # (a speaker's words, "next year in <City>", are not the outlet's framing)
    metonyms = _usages(index, claim_ids, "metonym", lambda claim, f: True)
    if not metonyms:
        return  # no country is named through a city: no place needs a look
    places = _usages(index, claim_ids, "place",
                     lambda claim, f: (str(f.get("key") or "") in metonyms
                                       and f.get("qualifier") == "city"
                                       and _is_about_government(str(claim["text"]))))
    for country in sorted(metonyms.keys() & places.keys()):
        used = metonyms[country]
        yield from _country_framing(country, used[0][1], [u for u, _ in used],
                                    [u for u, _ in places[country]])


def _usages(index: ClaimIndex, claim_ids: list[str], facet: str,
            wanted: Callable[[dict[str, Any], dict[str, Any]], bool],
            ) -> dict[str, list[tuple[_Usage, str]]]:
    """Country key -> (usage, the facet's value) of every `facet` with a key that is `wanted`,
    in claim order."""
    out: dict[str, list[tuple[_Usage, str]]] = {}
    for claim_id in claim_ids:
        claim = index.claims[claim_id]
        for f in index.facets[claim_id]:
            key = str(f.get("key") or "")
            if f["facet"] != facet or not key or not wanted(claim, f):
                continue
            evidence = Evidence(source=str(claim["source"]), line=int(claim["line"]),
                                quote=str(claim["text"]), claim_id=claim_id, value=str(f["text"]),
                                start=int(f["start"]), end=int(f["end"]))
            city = str(f["text"]) if facet == "metonym" else str(f["value"])
            out.setdefault(key, []).append((_Usage(city, str(claim["source"]), evidence),
                                            str(f["value"])))
    return out


def _by_city(usages: list[_Usage]) -> dict[str, list[_Usage]]:
    out: dict[str, list[_Usage]] = {}
    for u in usages:
        out.setdefault(match_key(u.city), []).append(u)
    return out


def _country_framing(country: str, name: str, metonyms: list[_Usage],
                     places: list[_Usage]) -> Iterator[Finding]:
    place_cities = _by_city(places)

    def n_sources(usages: list[_Usage]) -> int:
        return len({u.source for u in usages})

    seat = sorted(place_cities, key=lambda c: (-n_sources(place_cities[c]), c))[0]
    for metonym_city, used in sorted(_by_city(metonyms).items()):
        if metonym_city == seat:
            continue
        sides = sorted([place_cities[seat], used], key=lambda us: -n_sources(us))
        evidence = tuple(
            u.evidence for side in sides
            for u in sorted(side, key=lambda u: (u.evidence.source, u.evidence.line,
                                                 u.evidence.claim_id))
        )
        values = tuple(side[0].city for side in sides)
        yield Finding(
            code="", kind="", severity=Severity.MEDIUM, values=values, evidence=evidence,
            subject=name, identity=(country, *sorted([seat, metonym_city])),
            method="metonym vs place of government events",
            suggestion=f"Follow the house style for {name}'s seat of government; most sources "
            f"use \u201c{values[0]}\u201d.",
            fields=(("metonym", used[0].city), ("seat", place_cities[seat][0].city)),
        )


CHECK = Check(
    code="CK204",
    kind="framing",
    severity=Severity.MEDIUM,
    scope=Scope.CORPUS,
    summary="{subject}'s government is referred to through different cities: {values}",
    doc=KindDoc(
        what="One source uses a city as a stand-in for a country's government (a metonym: "
        "'<City> signed', 'both <City> and <City> are keen') while other sources place that "
        "government's signings, meetings and offices in a different city of the same "
        "country. The majority usage comes first.",
        why="Which city stands for a government can be a political statement (a disputed "
        "capital) or simply an error; either way the outlet's wording differs from its "
        "sources' and readers notice.",
        example="a:2 'The trade pact was signed in Ottawa on Monday' and b:5 'Toronto signed "
        "the pact after months of talks': \u201cOttawa\u201d vs \u201cToronto\u201d for Canada.",
        action="Check the house style guide for that country and use the city it names (or "
        "the country's name).",
        false_positives="A government event that really took place outside the capital, "
        "reported alongside a metonym for the capital. Quotes are not read: a speaker's "
        "words are not the outlet's framing.",
    ),
    run=find_framing,
)
