"""date_discrepancy: a day only one source gives for an event, where other sources agree on
another day in sentences that tell of the same event but that matching did not pair (ledes
worded apart: "derailed late Monday night" against three outlets' "on Tuesday")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from checker.checks.facet_conflict import REPORTING_CLASSES, claim_index
from checker.compare import dates_a_report
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.match import content_terms
from checker.tables import Tables, per_frames, shared_rows

#: Content words two sentences must share to tell of one event...
MIN_SHARED_TERMS = 3
#: ...and the share of the shorter sentence's content words that makes.
MIN_SHARED_SHARE = 0.25
#: Days within which another day can be the same event's, told differently.
MAX_DAYS_APART = 7
#: Words in more dated sentences than this are not looked up (see find_date_discrepancies).
MAX_POSTINGS = 64
#: Other sources that must agree on the other day.
MIN_OTHER_SOURCES = 2
#: Date qualifiers that bound a period rather than date an event ("since Monday").
_BOUNDS = frozenset({"since", "by", "until", "before", "after"})
#: Facets whose words are names, not what a sentence tells: "BC Wildfire Service" in a
#: forecast and in the fire's start are no shared event.
_NAMES = frozenset({"person", "org", "place", "metonym"})


@dataclass(frozen=True)
class _Dated:
    claim_id: str
    source: str
    day: date
    terms: frozenset[str]
    facet: dict[str, Any]


@dataclass(frozen=True)
class _DatedIndex:
    single: dict[str, _Dated]  # sentences dated to one day only: the ones checked
    by_term: dict[str, list[_Dated]]  # every day of every dated sentence, by content word


def _dated_index(tables: Tables) -> _DatedIndex:
    return _build(tables.claims, tables.facets)


@per_frames
def _build(claims: pd.DataFrame, facets: pd.DataFrame) -> _DatedIndex:
    """The days of compared sentences (day-precision dates of the event told, not bounds of
    a period, not when it was said or a tally stood, not an ambiguous day/month order), with
    the sentences' content words other than names."""
    days: dict[str, list[dict[str, Any]]] = {}
    names: dict[str, list[str]] = {}
    for f in shared_rows(facets):
        if f["facet"] == "date":
            days.setdefault(f["claim_id"], []).append(f)
        elif f["facet"] in _NAMES:
            names.setdefault(f["claim_id"], []).append(str(f["text"]))
    single: dict[str, _Dated] = {}
    by_term: dict[str, list[_Dated]] = {}
    for c in shared_rows(claims):
        dates = days.get(c["claim_id"])
        if not dates or c["unit"] != "segment" or c["class"] not in REPORTING_CLASSES or not c["compared"]:
            continue
        text = str(c["text"])
        found = [f for f in dates if f["key"] == "day" and str(f.get("qualifier") or "") not in _BOUNDS
                 and "ambiguous" not in str(f.get("note") or "")
                 and not dates_a_report(text, int(c["start"]), f)]
        terms = frozenset(content_terms(text, [str(f["text"]) for f in dates] + names.get(c["claim_id"], [])))
        for f in found:
            try:
                day = date.fromisoformat(str(f["value"]))
            except ValueError:
                continue
            dated = _Dated(str(c["claim_id"]), str(c["source"]), day, terms, f)
            if len(found) == 1 and len(dates) == 1:
                single[dated.claim_id] = dated
            for term in terms:
                by_term.setdefault(term, []).append(dated)
    return _DatedIndex(single, by_term)


def _alike(a: _Dated, b: _Dated) -> bool:
    shared = len(a.terms & b.terms)
    return shared >= MIN_SHARED_TERMS and shared >= MIN_SHARED_SHARE * min(len(a.terms), len(b.terms))


def find_date_discrepancies(claim: Any, ctx: CheckContext) -> Iterator[Finding]:
    dated = _dated_index(ctx.tables)
    mine = dated.single.get(str(claim.claim_id))
    if mine is None:
        return
    index = claim_index(ctx.tables)
    if any(r["facet"] == "date" for r in index.comparisons.get(mine.claim_id, [])):
        return  # compared inside its group: date_conflict's to report
    # looked up by the sentence's rarer words only: on an archive a common word is in
    # hundreds of thousands of sentences, and a sentence alike shares rare ones too
    postings = [p for p in (dated.by_term.get(term, ()) for term in mine.terms) if len(p) <= MAX_POSTINGS]
    alike = list({id(d): d for p in postings for d in p
                  if d.claim_id != mine.claim_id and abs((d.day - mine.day).days) <= MAX_DAYS_APART
                  and _alike(mine, d)}.values())
    if any(d.day == mine.day and d.source != mine.source for d in alike):
        return  # another source gives this day too
    others: dict[date, list[_Dated]] = {}
    for d in alike:
        if d.source != mine.source and abs((d.day - mine.day).days) <= MAX_DAYS_APART:
            others.setdefault(d.day, []).append(d)
    best = max(others.items(), key=lambda kv: (len({d.source for d in kv[1]}), kv[0]), default=None)
    if best is None or len({d.source for d in best[1]}) < MIN_OTHER_SOURCES:
        return
    day, backing = best
    if any(d.day == day and d.source == mine.source for d in alike):
        return  # this source gives the others' day too, in another sentence
    backing = sorted(backing, key=lambda d: (d.source, d.claim_id))
    evidence = [Evidence(source=mine.source, line=int(claim.line), quote=claim.text, claim_id=mine.claim_id,
                         value=str(mine.facet["text"]), start=int(mine.facet["start"]),
                         end=int(mine.facet["end"]))]
    for d in backing:
        row = index.claims[d.claim_id]
        evidence.append(Evidence(source=d.source, line=int(row["line"]), quote=str(row["text"]),
                                 claim_id=d.claim_id, value=str(d.facet["text"]),
                                 start=int(d.facet["start"]), end=int(d.facet["end"])))
    written = sorted({str(d.facet["text"]) for d in backing})
    yield Finding(
        code="", kind="", severity=Severity.MEDIUM, values=(str(mine.facet["text"]), *written),
        evidence=tuple(evidence),
        subject=day.isoformat(),
        identity=(mine.source, mine.day.isoformat(), day.isoformat()),
        method=f"{len({d.source for d in backing})} other sources date alike sentences {day.isoformat()}, "
        f"this one {mine.day.isoformat()}",
        suggestion="Check the day against the primary source: the other sources agree on another day "
        "in sentences that tell of the same event.",
        fields=(("source", mine.source), ("day", mine.day.isoformat()),
                ("others", ", ".join(f"\u201c{w}\u201d" for w in written) + f" ({day.isoformat()})")),
    )


CHECK = Check(
    code="CK207",
    kind="date_discrepancy",
    severity=Severity.MEDIUM,
    scope=Scope.CLAIM,
    summary="Only {source} dates this {day} (\u201c{first}\u201d); other sources give {others}",
    doc=KindDoc(
        what="A sentence dated to one day that only one source gives, where at least two other "
        "sources date sentences sharing most of its content words to another day within a week. "
        "The sentences are worded too differently to be matched (a lede told from another "
        "angle), so date_conflict does not compare them. Bounds of a period ('since Monday', "
        "'until Thursday') and ambiguous day/month orders are left out.",
        why="A wrong day in a lede misdates the whole story, and ledes are the sentences "
        "outlets word most differently.",
        example="c:9 'a freight train derailed and caught fire on the edge of the village late "
        "Monday night' while a:7 and b:12 tell of the train derailing and catching fire on "
        "Tuesday: only c dates this 2026-11-02 (\u201cMonday\u201d); other sources give 2026-11-03.",
        action="Check the day against the primary source and correct the outlier, or say why "
        "the days differ (two events of the story).",
        false_positives="Two events of one story on different days told in similar words "
        "(an eruption on Tuesday, the evacuation on Wednesday).",
        options="thresholds are constants of checker/checks/date_discrepancy.py "
        "(MIN_SHARED_TERMS, MIN_SHARED_SHARE, MAX_DAYS_APART)",
    ),
    run=find_date_discrepancies,
)
