"""date_discrepancy: a day only one source gives for an event, where other sources agree on
another day in sentences that tell of the same event but that matching did not pair (ledes
worded apart: "derailed late Monday night" against three outlets' "on Tuesday")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pandas as pd

from checker.checks.facet_conflict import REPORTING_CLASSES, ClaimIndex, claim_index
from checker.compare import PERIOD_BOUNDS, clause_openers, dates_a_report
from checker.config import Severity
from checker.facets.figures import times_of_day
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.match import CLAUSE_BREAK, content_terms, event_names, event_terms
from checker.tables import Tables, per_frames, shared_rows

#: Content words two sentences must share to tell of one event...
MIN_SHARED_TERMS = 3
#: ...or, for a day no other source gives anywhere set against a day this source never gives,
#: the words they must share (a short sentence: "Talks are due to resume on Thursday").
MIN_LONE_SHARED_TERMS = 2
#: ...or one word, when either sentence has no more content words than this ("The court will
#: hear the case on Thursday 19 November" / "The hearing is set for Thursday 12 November").
SHORT_SENTENCE_TERMS = 3
#: ...and the share of the shorter sentence's content words that makes.
MIN_SHARED_SHARE = 0.25
#: Days within which another day can be the same event's, told differently.
MAX_DAYS_APART = 7
#: Words in more dated sentences than this are not looked up (see find_date_discrepancies).
MAX_POSTINGS = 64
#: Other sources that must agree on the other day.
MIN_OTHER_SOURCES = 2
#: Content words a date's clause needs to stand alone; a shorter one ("On Friday, ...") takes
#: in the clauses after it.
MIN_CLAUSE_TERMS = 3
#: Facets whose words are names, not what a sentence tells: "BC Wildfire Service" in a
#: forecast and in the fire's start are no shared event.
_NAMES = frozenset({"person", "org", "place", "metonym"})


@dataclass(frozen=True)
class _Dated:
    claim_id: str
    source: str
    day: date
    terms: frozenset[str]
    clause: frozenset[str]  # the content words of the date's own clause
    facet: dict[str, Any]


@dataclass(frozen=True)
class _DatedIndex:
    checked: dict[str, list[_Dated]]  # the days checked: a sentence's one day, or each clause's
    by_term: dict[str, list[_Dated]]  # every day of every dated sentence, by content word
    by_claim: dict[str, list[_Dated]]  # the days of each dated sentence
    days_of: dict[str, frozenset[str]]  # source -> every day it gives (ISO), page furniture aside


def _dated_index(tables: Tables) -> _DatedIndex:
    return _build(tables.claims, tables.facets)


@per_frames
def _build(claims: pd.DataFrame, facets: pd.DataFrame) -> _DatedIndex:
    """The days of compared sentences (day-precision dates of the event told, not bounds of
    a period, not when it was said or a tally stood, not an ambiguous day/month order), with
    the sentences' content words other than names, and the events they name in words of
    data/event_phrases.csv ("takes effect" / "comes into force")."""
    days: dict[str, list[dict[str, Any]]] = {}
    names: dict[str, list[str]] = {}
    places: dict[str, list[str]] = {}
    for f in shared_rows(facets):
        if f["facet"] == "date":
            days.setdefault(f["claim_id"], []).append(f)
        elif f["facet"] in _NAMES:
            names.setdefault(f["claim_id"], []).append(str(f["text"]))
            if f["facet"] == "place" and str(f.get("qualifier") or "") == "city":
                places.setdefault(f["claim_id"], []).extend(content_terms(str(f["value"])))
    checked: dict[str, list[_Dated]] = {}
    by_term: dict[str, list[_Dated]] = {}
    by_claim: dict[str, list[_Dated]] = {}
    days_of: dict[str, set[str]] = {}
    for c in shared_rows(claims):
        dates = days.get(c["claim_id"])
        if dates and c["unit"] == "segment" and c["class"] != "boilerplate":
            days_of.setdefault(str(c["source"]), set()).update(
                str(f["value"]) for f in dates if f["key"] == "day")
        if not dates or c["unit"] != "segment" or c["class"] not in REPORTING_CLASSES or not c["compared"]:
            continue
        text = str(c["text"])
        found = [f for f in dates if f["key"] == "day" and str(f.get("qualifier") or "") not in PERIOD_BOUNDS
                 and "ambiguous" not in str(f.get("note") or "")
                 and not dates_a_report(text, int(c["start"]), f)]
        left_out = [str(f["text"]) for f in dates] + names.get(c["claim_id"], [])
        times = times_of_day(text)
        # a town is a word of what happened where ("put into Vigo" / "arrived in the Ria de
        # Vigo"), though the gazetteer read it in one sentence and not the other
        terms = frozenset((*content_terms(text, left_out), *(t for _, t in times), *event_terms(text),
                           *places.get(c["claim_id"], ())))
        for f in found:
            try:
                day = date.fromisoformat(str(f["value"]))
            except ValueError:
                continue
            clause = _clause_terms(text, int(f["start"]) - int(c["start"]), left_out, times)
            dated = _Dated(str(c["claim_id"]), str(c["source"]), day, terms, clause, f)
            if len(found) == 1 and len(dates) == 1:
                checked[dated.claim_id] = [dated]
            for term in terms:
                by_term.setdefault(term, []).append(dated)
            by_claim.setdefault(dated.claim_id, []).append(dated)
        if len(found) >= 2 and len(found) == len(dates):
            checked.update(_clauses_dated(by_claim.get(str(c["claim_id"]), [])))
    return _DatedIndex(checked, by_term, by_claim, {s: frozenset(d) for s, d in days_of.items()})


def _near_days(a: date, b: date) -> bool:
    """Days that may be one event's told differently: within MAX_DAYS_APART, or one slip of
    the pen apart, the month next to it (1 June / 1 July) or one digit of the day (14 / 24
    March)."""
    if abs((a - b).days) <= MAX_DAYS_APART:
        return True
    if a.year != b.year:
        return False
    if a.day == b.day:
        return abs(a.month - b.month) == 1
    return a.month == b.month and sum(x != y for x, y in zip(f"{a.day:02}", f"{b.day:02}", strict=True)) == 1


def _clauses_dated(days: list[_Dated]) -> dict[str, list[_Dated]]:
    """The days of a sentence giving several, each checked with its own clause's words when
    each clause has MIN_CLAUSE_TERMS words of its own ("customers pay the new tariff from
    1 April, while municipalities face the tariff rise from 1 June"): two events, each told
    in its own words."""
    clauses = [d.clause for d in days]
    for i, clause in enumerate(clauses):
        others = frozenset().union(*clauses[:i], *clauses[i + 1:])
        if len(clause - others) < MIN_CLAUSE_TERMS:
            return {}
    return {days[0].claim_id: [replace(d, terms=d.clause) for d in days]}


@per_frames
def _group_mates(groups: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The claims of each claim's group (itself included)."""
    members: dict[str, list[str]] = {}
    ids = groups["claim_id"].tolist() if not groups.empty else []
    gids = groups["group_id"].tolist() if not groups.empty else []
    for claim_id, group_id in zip(ids, gids, strict=True):
        members.setdefault(str(group_id), []).append(str(claim_id))
    return {c: tuple(m) for m in members.values() for c in m}


def _with_group_mates(alike: list[_Dated], dated: _DatedIndex, mates: dict[str, tuple[str, ...]]) -> list[_Dated]:
    """`alike` and, for each, the sentences matched with it that give its day: a sentence
    alike to one of three matched ledes is backed by all three."""
    out = {id(d): d for d in alike}
    for d in alike:
        for mate in mates.get(d.claim_id, ()):
            for other in dated.by_claim.get(mate, ()):
                if other.day == d.day:
                    out.setdefault(id(other), other)
    return list(out.values())


def _clause_terms(text: str, at: int, left_out: list[str],
                  times: list[tuple[int, str]]) -> frozenset[str]:
    """The content words (and `times` of day, by offset) of the clause of `text` holding
    offset `at`, with the clauses after it, then before it, while it has fewer than
    MIN_CLAUSE_TERMS ("Shortly before midnight on Friday, a steel cylinder broke the
    surface"; "talks begin on Monday, November 16"). The hour of an event ties two tellings
    of it: "at 3.15 pm" and "at 3:15 p.m." share the term "15:15"."""
    cuts = sorted({0, *(m.end() for m in CLAUSE_BREAK.finditer(text)),
                   *(m.start() for m in clause_openers().finditer(text)), len(text)})
    first = max(i for i, cut in enumerate(cuts[:-1]) if cut <= at)
    terms: set[str] = set()
    for i in [*range(first, len(cuts) - 1), *range(first - 1, -1, -1)]:
        terms.update(content_terms(text[cuts[i]:cuts[i + 1]], left_out))
        terms.update(event_terms(text[cuts[i]:cuts[i + 1]]))
        terms.update(t for at_time, t in times if cuts[i] <= at_time < cuts[i + 1])
        if len(terms) >= MIN_CLAUSE_TERMS:
            break
    return frozenset(terms)


def _alike(a: _Dated, b: _Dated) -> bool:
    """Two dated sentences telling of one event: enough content words in common, and each
    date's own clause sharing a word with the other sentence (the rescue "on Friday" and a
    town that "spent Saturday celebrating" the rescued are two days of one story)."""
    shared = len(a.terms & b.terms)
    return (shared >= MIN_SHARED_TERMS
            and shared >= MIN_SHARED_SHARE * min(len(a.terms), len(b.terms))
            and not a.clause.isdisjoint(b.terms) and not b.clause.isdisjoint(a.terms))


def _weakly_alike(mine: _Dated, other: _Dated) -> bool:
    """MIN_LONE_SHARED_TERMS words in common, one of them an event of data/event_phrases.csv
    ("tied up" / "arrived": arrival), each date's clause sharing one with the other sentence."""
    shared = mine.terms & other.terms
    return (len(shared) >= MIN_LONE_SHARED_TERMS and not shared.isdisjoint(event_names())
            and not mine.clause.isdisjoint(other.terms) and not other.clause.isdisjoint(mine.terms))


def _alike_to_a_lone_day(mine: _Dated, other: _Dated, dated: _DatedIndex) -> bool:
    """A day no other source gives anywhere, in a sentence sharing a few words with one dated
    to a day this source never gives: the day one outlet changed, in a sentence too short to
    share more ("Talks are due to resume on Thursday 19 February"). Each date's own clause
    must still share a word with the other sentence, as in `_alike`."""
    short = min(len(mine.terms), len(other.terms)) <= SHORT_SENTENCE_TERMS
    return (other.day.isoformat() not in dated.days_of.get(mine.source, ())
            and len(mine.terms & other.terms) >= (1 if short else MIN_LONE_SHARED_TERMS)
            and not mine.clause.isdisjoint(other.terms) and not other.clause.isdisjoint(mine.terms))


def _next_to_a_sentence_dated(mine: _Dated, day: date, dated: _DatedIndex, index: ClaimIndex) -> bool:
    """Whether the sentence before or after `mine` in its article gives `day`: the source tells
    the others' day and then the next one, events in sequence."""
    n = int(index.claims[mine.claim_id]["n"])
    return any(d.day == day for neighbour in (f"{mine.source}:{n - 1}", f"{mine.source}:{n + 1}")
               for d in dated.by_claim.get(neighbour, ()))


def find_date_discrepancies(claim: Any, ctx: CheckContext) -> Iterator[Finding]:
    dated = _dated_index(ctx.tables)
    days = dated.checked.get(str(claim.claim_id))
    if not days:
        return
    index = claim_index(ctx.tables)
    compared = [r for r in index.comparisons.get(str(claim.claim_id), []) if r["facet"] == "date"]
    if len(days) == 1 and compared:
        return  # compared inside its group: date_conflict's to report
    for mine in days:
        if not any(_compared_side(r, mine) for r in compared):  # each day of a two-day sentence
            yield from _discrepancy(claim, mine, dated, index, ctx)


def _compared_side(row: dict[str, Any], mine: _Dated) -> bool:
    day = mine.day.isoformat()
    return ((row["a_claim"] == mine.claim_id and row["a_norm"] == day)
            or (row["b_claim"] == mine.claim_id and row["b_norm"] == day))


def _discrepancy(claim: Any, mine: _Dated, dated: _DatedIndex, index: ClaimIndex,
                 ctx: CheckContext) -> Iterator[Finding]:
    # looked up by the sentence's rarer words only: on an archive a common word is in
    # hundreds of thousands of sentences, and a sentence alike shares rare ones too
    postings = [p for p in (dated.by_term.get(term, ()) for term in mine.terms) if len(p) <= MAX_POSTINGS]
    day = mine.day.isoformat()
    lone = not any(day in days for source, days in dated.days_of.items() if source != mine.source)
    alike = list({id(d): d for p in postings for d in p
                  if d.claim_id != mine.claim_id and _near_days(d.day, mine.day)
                  and (_alike(mine, d) or (lone and _alike_to_a_lone_day(mine, d, dated)))}.values())
    alike = _with_group_mates(alike, dated, _group_mates(ctx.tables.groups))
    # sentences sharing fewer words ("tied up in Vigo at 6:40 a.m. on Tuesday" / "arrived in
    # the Ria de Vigo early on Monday"): they back a day a sentence alike gives, and a day of
    # this sentence they give clears it
    seen = {id(d) for d in alike}
    weakly = [d for p in postings for d in p
              if id(d) not in seen and d.source != mine.source and _near_days(d.day, mine.day)
              and _weakly_alike(mine, d)]
    if any(d.day == mine.day and d.source != mine.source for d in (*alike, *weakly)):
        return  # another source gives this day too
    others: dict[date, list[_Dated]] = {}
    for d in alike:
        if d.source != mine.source and _near_days(d.day, mine.day):
            others.setdefault(d.day, []).append(d)
    for d in {id(d): d for d in weakly}.values():
        if d.day in others:
            others[d.day].append(d)
    best = max(others.items(), key=lambda kv: (len({d.source for d in kv[1]}), kv[0]), default=None)
    if best is None or len({d.source for d in best[1]}) < MIN_OTHER_SOURCES:
        return
    day, backing = best
    if any(d.day == day and d.source == mine.source for d in alike):
        return  # this source gives the others' day too, in another sentence
    if _next_to_a_sentence_dated(mine, day, dated, index):
        return  # "... ordered out late on Wednesday. On Thursday the order was widened": a sequence
    if mine.day.weekday() == day.weekday() and str(mine.facet.get("note") or "").startswith("relative"):
        return  # "on Friday" put in the week before the others' Friday: one weekday
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
        "sources date sentences sharing most of its content words to another day within a week, "
        "or a slip of the pen away (the month next to it, one digit of the day). A sentence "
        "giving two days in clauses of their own words has each day checked with its clause. "
        "One event in other words ('takes effect' / 'comes into force') counts as a shared word. "
        "The sentences are worded too differently to be matched (a lede told from another "
        "angle), so date_conflict does not compare them. Each date's own clause must share a "
        "word with the other sentence, and sentences matched with an alike one back it too. "
        "Bounds of a period ('since Monday', 'until Thursday') and ambiguous day/month orders "
        "are left out. A day no other source gives anywhere, set against a day this source never "
        "gives, needs only MIN_LONE_SHARED_TERMS shared words (a short sentence), or one when "
        "either sentence has at most SHORT_SENTENCE_TERMS content words ('The court will hear "
        "the case on Thursday 19 November').",
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
        "(MIN_SHARED_TERMS, MIN_SHARED_SHARE, MIN_LONE_SHARED_TERMS, MIN_CLAUSE_TERMS, MAX_DAYS_APART)",
    ),
    run=find_date_discrepancies,
)
