"""place_discrepancy: a town only one source names, in a sentence telling what other sources
tell of another town that this source never names (ledes and asides worded apart: "parked
tractors across the ring road at Vénissieux" against three outlets' "the ring road at
Saint-Priest")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from checker.checks.facet_conflict import REPORTING_CLASSES, ClaimIndex, claim_index
from checker.checks.seat_conflict import find_seat_conflicts
from checker.compare import place_role_in
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.match import content_terms, event_terms
from checker.tables import Tables, per_frames, shared_rows
from checker.textutil import match_key

#: Content words a sentence of another source must share with this one to tell of the same
#: thing (names, dates and figures left out).
MIN_SHARED_TERMS = 2
#: A day this far from the article's date names a past event: two sentences giving it share
#: a term ("arrested on Sept. 12, 2025").
DISTANT_DAYS = 30
#: Other sources that must name the other town in such sentences.
MIN_OTHER_SOURCES = 2
#: Words in more sentences with a town than this are not looked up: on an archive a common
#: word is in thousands of them, and sentences that tell the same thing share rarer ones too.
MAX_POSTINGS = 64
#: Facets whose words are names, not what a sentence tells.
_NAMES = frozenset({"person", "org", "place", "metonym"})
_WORD = re.compile(r"[^\W_]+")
_NOT_NAMING = frozenset({"boilerplate", "byline"})


@dataclass(frozen=True)
class _Placed:
    claim_id: str
    source: str
    keys: frozenset[str]  # the town as the gazetteer names it and as written, folded
    terms: frozenset[str]
    facet: dict[str, Any]


@dataclass(frozen=True)
class _PlaceIndex:
    placed: list[_Placed]
    by_term: dict[str, list[_Placed]]
    named_by: dict[str, frozenset[str]]  # folded town name -> sources whose text has it
    named_alone_by: dict[str, frozenset[str]]  # ... as a name of its own (see _named_by)


def _place_index(tables: Tables) -> _PlaceIndex:
    return _build(tables.claims, claim_index(tables), tables.articles)


@per_frames
def _build(claims: pd.DataFrame, index: ClaimIndex, articles: pd.DataFrame) -> _PlaceIndex:
    """The towns of compared sentences, with the sentences' content words other than names,
    the events they name in words of data/event_phrases.csv ("arrested" / "detained") and the
    days they give a month or more from their article's date (one term each: "@2025-09-12": a
    past event named by its day; the story's own days are in most of its sentences) and the
    people they name (one term each, by surname: "#quiroga" in "Quiroga was born in X"), and for
    each town the sources whose articles name it anywhere but in page furniture and
    bylines (a caption, a sentence the place reader left alone: "near Muxía" is still Muxía,
    "Nagoya-based" and "Surabaya's" name their towns; a site's menu of towns does not)."""
    placed: list[_Placed] = []
    by_term: dict[str, list[_Placed]] = {}
    published = {str(s): _day(str(p)) for s, p in zip(articles["source"], articles["published"], strict=True)} \
        if not articles.empty else {}
    for claim_id, c in index.claims.items():
        if c["unit"] != "segment" or c["class"] not in REPORTING_CLASSES or not c["compared"]:
            continue
        facets = index.facets.get(claim_id, ())
        towns = [f for f in facets if f["facet"] == "place" and f["qualifier"] == "city"]
        if not towns:
            continue
        names = [str(f["text"]) for f in facets if f["facet"] in _NAMES]
        days = [f for f in facets if f["facet"] == "date" and f["key"] == "day"]
        distant = [f"@{f['value']}" for f in days if _distant(str(f["value"]), published.get(str(c["source"])))]
        people = [f"#{match_key(str(f['key']))}" for f in facets if f["facet"] == "person" and f["key"]]
        terms = frozenset((*content_terms(str(c["text"]), names + [str(f["text"]) for f in days]),
                           *event_terms(str(c["text"])), *distant, *people))
        for f in towns:
            keys = frozenset(k for k in (_key(str(f["value"])), _key(str(f["text"]))) if k)
            p = _Placed(str(claim_id), str(c["source"]), keys, terms, f)
            placed.append(p)
            for term in terms:
                by_term.setdefault(term, []).append(p)
    wanted = {k for p in placed for k in p.keys}
    return _PlaceIndex(placed, by_term, *_named_by(claims, wanted))


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _distant(value: str, published: date | None) -> bool:
    """Whether a day is DISTANT_DAYS or more from the article's date."""
    day = _day(value)
    return day is not None and published is not None and abs((day - published).days) >= DISTANT_DAYS


def _key(name: str) -> str:
    """A town's name as its words, folded: "Saint-Priest" and "SAINT PRIEST" give one key."""
    return " ".join(_WORD.findall(match_key(name)))


def _named_by(claims: pd.DataFrame, wanted: set[str]) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """For each folded town name in `wanted`, the sources whose segments other than page
    furniture and bylines (where the reporter sat: "Reporting by ... in Johannesburg") hold
    it as whole words, and those that hold it standing alone: not run into
    other capitalised words ("Zamora" in "the Upper Zamora" or "Zamora Chinchipe" names a
    body or a province, not the town). Only runs of words that open with a capital letter
    are looked up: a town is written so."""
    if not wanted:
        return {}, {}
    longest = max(len(k.split()) for k in wanted)
    first_words = {k.split()[0] for k in wanted}
    anywhere: dict[str, set[str]] = {}
    alone: dict[str, set[str]] = {}
    for a in shared_rows(claims):
        if a["unit"] != "segment" or a["class"] in _NOT_NAMING:
            continue
        text = str(a["text"])
        words = list(_WORD.finditer(text))
        for i, word in enumerate(words):
            if not word.group()[0].isupper() or (key := match_key(word.group())) not in first_words:
                continue
            for j in range(i, min(i + longest, len(words))):
                if j > i:
                    key = f"{key} {match_key(words[j].group())}"
                if key in wanted:
                    anywhere.setdefault(key, set()).add(str(a["source"]))
                    if not (_runs_on(text, words[i - 1], words[i]) if i else False) and not (
                            _runs_on(text, words[j], words[j + 1]) if j + 1 < len(words) else False):
                        alone.setdefault(key, set()).add(str(a["source"]))
    return ({k: frozenset(v) for k, v in anywhere.items()}, {k: frozenset(v) for k, v in alone.items()})


def _runs_on(text: str, left: re.Match[str], right: re.Match[str]) -> bool:
    """Two capitalised words with only a space or a hyphen between them: one name."""
    return (left.group()[0].isupper() and right.group()[0].isupper()
            and text[left.end():right.start()] in (" ", "-"))


def _sources_naming(keys: frozenset[str], named: dict[str, frozenset[str]]) -> set[str]:
    return {s for k in keys for s in named.get(k, ())}


def find_place_discrepancies(ctx: CheckContext) -> Iterator[Finding]:
    t = ctx.tables
    if t.facets.empty:
        return
    index = _place_index(t)
    claims = claim_index(t)
    reported = {(r[f"{side}_claim"], int(r[f"{side}_start"])) for rows in claims.comparisons.values()
                for r in rows if r["facet"] == "place" and r["verdict"] == "conflict" for side in "ab"}
    seats: set[frozenset[str]] | None = None  # the pairs seat_conflict reports, once needed
    # the best-backed sentence for each (source, other town): a sentence telling the event
    # ("adopted at a session held in <Town>") rather than one sharing a couple of words
    chosen: dict[tuple[str, str], tuple[int, int, _Placed, list[_Placed]]] = {}
    for position, mine in enumerate(index.placed):
        if _sources_naming(mine.keys, index.named_by) - {mine.source}:
            continue  # another source names this town too
        if (mine.claim_id, int(mine.facet["start"])) in reported:
            continue  # compared inside its group: place_conflict's to report
        postings = [p for p in (index.by_term.get(term, ()) for term in mine.terms) if len(p) <= MAX_POSTINGS]
        others: dict[str, dict[str, _Placed]] = {}  # town key -> source -> a sentence naming it
        for p in (p for posting in postings for p in posting):
            if (p.source == mine.source or p.keys & mine.keys
                    or (mine.source in _sources_naming(p.keys, index.named_alone_by)
                        and not _same_slot(mine, p, claims.claims))
                    or len(mine.terms & p.terms) < MIN_SHARED_TERMS
                    or _place_compared_with(p, mine.source, claims)
                    or not _roles_fit(mine, p, claims.claims)):
                continue
            others.setdefault(_key(str(p.facet["value"])), {}).setdefault(p.source, p)
        best = max(others.items(), key=lambda kv: (len(kv[1]), kv[0]), default=None)
        if best is None or len(best[1]) < MIN_OTHER_SOURCES:
            continue
        if seats is None:
            seats = {frozenset(map(_key, f.values)) for f in find_seat_conflicts(ctx)}
        if any(frozenset({best[0], k}) in seats for k in mine.keys):
            continue  # seat_conflict's to report
        backing = sorted(best[1].values(), key=lambda p: (p.source, p.claim_id))
        shared = sum(len(mine.terms & p.terms) for p in backing)
        key = (mine.source, best[0])
        if key not in chosen or shared > chosen[key][0]:
            chosen[key] = (shared, position, mine, backing)
    for _, _, mine, backing in sorted(chosen.values(), key=lambda c: c[1]):
        yield _finding(mine, backing, claims.claims)


#: Words right before a town read as the slot it fills ("told a press conference in").
SLOT_WORDS = 4
#: Content words two slots share to be one ("press conference").
MIN_SLOT_TERMS = 2


def _same_slot(a: _Placed, b: _Placed, claims: dict[str, dict[str, Any]]) -> bool:
    """Whether two towns fill one slot: the last SLOT_WORDS words before each share
    MIN_SLOT_TERMS content words ("told a press conference in Luxor" / "at a press
    conference in Cairo"). Then a town is set against another even when its source names
    the other elsewhere: an outlet that changed one mention of a town kept the others."""
    def before(p: _Placed) -> set[str]:
        c = claims[p.claim_id]
        at = int(p.facet["start"]) - int(c["start"])
        text = str(c["text"])[:max(at, 0)]
        return set(content_terms(" ".join(text.split()[-SLOT_WORDS:])))
    return len(before(a) & before(b)) >= MIN_SLOT_TERMS


def _place_compared_with(p: _Placed, source: str, claims: ClaimIndex) -> bool:
    """Whether the place of `p` was compared with a place of a sentence of `source`: that
    sentence is the one telling the same, and place_conflict's to report (the hospital "in
    Yarmouth" against 03's "in Shelburne", not 03's other hospital "in Sydney")."""
    start = int(p.facet["start"])
    for r in claims.comparisons.get(p.claim_id, ()):
        if r["facet"] != "place":
            continue
        mine, other = ("a", "b") if r["a_claim"] == p.claim_id else ("b", "a")
        row = claims.claims.get(str(r[f"{other}_claim"]))
        if int(r[f"{mine}_start"]) == start and row is not None and row["source"] == source:
            return True
    return False


def _roles_fit(a: _Placed, b: _Placed, claims: dict[str, dict[str, Any]]) -> bool:
    """Whether two towns can be one place told differently: their roles in their sentences
    (checker.compare.place_role: "in" where, "from", "to", "based") are the same, or one is
    unknown. "travelled by bus from <Town>" tells no place where "a session in <Town>" does."""
    roles = [place_role_in(str(claims[p.claim_id]["text"]), int(claims[p.claim_id]["start"]), p.facet)
             for p in (a, b)]
    return not (roles[0] and roles[1] and roles[0] != roles[1])


def _finding(mine: _Placed, backing: list[_Placed], claims: dict[str, dict[str, Any]]) -> Finding:
    def evidence(p: _Placed) -> Evidence:
        row = claims[p.claim_id]
        return Evidence(source=p.source, line=int(row["line"]), quote=str(row["text"]), claim_id=p.claim_id,
                        value=str(p.facet["text"]), start=int(p.facet["start"]), end=int(p.facet["end"]))

    town, other = str(mine.facet["value"]), str(backing[0].facet["value"])
    written = sorted({str(p.facet["text"]) for p in backing})
    return Finding(
        code="", kind="", severity=Severity.MEDIUM, values=(str(mine.facet["text"]), *written),
        evidence=(evidence(mine), *map(evidence, backing)),
        subject=other,
        identity=(mine.source, match_key(town), match_key(other)),
        method=f"{len(backing)} other sources name {other} in sentences sharing words with this one; "
        f"only this source names {town}, and it never names {other}",
        suggestion="Check the place against the primary source: the other sources name another town "
        "where they tell the same thing.",
        fields=(("source", mine.source),
                ("others", ", ".join(f"\u201c{w}\u201d" for w in written))),
    )


CHECK = Check(
    code="CK209",
    kind="place_discrepancy",
    severity=Severity.MEDIUM,
    scope=Scope.CORPUS,
    summary="Only {source} names \u201c{first}\u201d; other sources name {others} in sentences telling the same",
    doc=KindDoc(
        what="A town that only one source names anywhere in its article, in a sentence sharing at "
        "least two content words (names, dates and figures left out; one event in other words, "
        "'arrested' / 'detained', a past day a month or more from the article's date and a "
        "person both name, by surname, count as one) with sentences of at least "
        "two other sources that name another town, one this source never names or one set in "
        "the same slot (the words just before the towns: 'a press conference in'). The sentences "
        "are worded too differently to be matched (a lede told from another angle, a place given "
        "in an aside), so place_conflict does not compare them.",
        why="A town swapped for another is the change an outlet's copy desk is least likely to "
        "catch: the sentence still reads well, and no other sentence of the article contradicts it.",
        example="c:8 'farmers parked hundreds of tractors across the A7 near Vienne and across the "
        "eastern ring road at V\u00e9nissieux' while a:9, b:10 and d:9 put the tractors on the ring "
        "road at Saint-Priest, a town c never names: only c names \u201cV\u00e9nissieux\u201d.",
        action="Check the place against the primary source and correct the outlier, or say why "
        "the towns differ (two sites of one event).",
        false_positives="Two sites of one story told in similar words by different outlets, each "
        "naming only one of them (a blockade at two junctions).",
        options="thresholds are constants of checker/checks/place_discrepancy.py "
        "(MIN_SHARED_TERMS, MIN_OTHER_SOURCES)",
    ),
    run=find_place_discrepancies,
)
