"""What every renderer derives from a CheckResult, computed once and in a fixed order, so the
Markdown, JSON, CSV and terminal outputs agree with each other and never depend on the row
order of the input tables or on dict/set iteration order.

Extension points for the editor workflow (decisions, baseline, `--format github|sarif`)
-------------------------------------------------------------------------------------
The renderers already show these when they are present; nothing else needs to change:

- `Finding.decision`: any object with string attributes `status` (accepted | dismissed |
  confirmed | ...), `note`, `by`, `at` and optionally `canonical`; None or absent means
  undecided. Decided findings move to the report's "Decided findings" section and are
  excluded from the open counts (`annotation(f).decided`).
- `Finding.new`: True when the finding's fingerprint is not in the baseline, False when it
  is, None or absent when no baseline was given. New findings get a "new" mark.
- `CheckResult.stale_decisions`: a sequence of objects with `fingerprint`, `status`, `note`,
  `by`, `at`: decisions whose finding no longer occurs ("Stale decisions" section).
- `source_paths(result)` maps a source id to its input path (GitHub annotations, SARIF).
"""

from __future__ import annotations

import operator
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import pandas as pd

from checker.config import Severity
from checker.findings.model import Evidence, Finding
from checker.report.escape import one_line
from checker.tables import Tables, per_frames, row_dicts, shared_rows

SEVERITIES: tuple[Severity, ...] = (Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)
GROUP_STATUSES: tuple[str, ...] = ("corroborated", "conflicting", "single_source")
AGREEMENT_KIND = "agreement"

_DIGITS = re.compile(r"(\d+)")
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")


def text(value: Any) -> str:
    """A table cell as a string: None, NaN and pandas NA become ""."""
    if type(value) is str:
        return value
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def integer(value: Any, default: int = 0) -> int:
    if type(value) is int:  # nearly every cell; pd.isna costs a microsecond
        return value
    try:
        return default if pd.isna(value) else int(value)
    except (TypeError, ValueError):
        return default


def natural_key(identifier: Any) -> tuple[int | str, ...]:
    """Sort key in which "G2" < "G10" and "a:2" < "a:10" < "a:10.1": each run of digits as
    (0, its number), each run of other characters as (1, the text), flattened into one
    tuple (it sorts exactly as the tuple of pairs, in less memory)."""
    return _natural_key(text(identifier))


#: Room for every claim id of a 10,000-article archive: each renderer sorts by them again,
#: and a cache smaller than one pass over the ids would miss on every call.
@lru_cache(maxsize=1 << 19)
def _natural_key(identifier: str) -> tuple[int | str, ...]:
    key: list[int | str] = []
    # split() with a group alternates text and digit runs: digit runs at the odd positions
    # ("x²" is text: "²" is a digit to isdigit() but not to int() or to \d)
    for position, part in enumerate(_DIGITS.split(identifier)):
        if part:
            key += (0, int(part)) if position % 2 else (1, sys.intern(part))
    return tuple(key)


# --- findings -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Annotation:
    """What the editor workflow attached to a finding (all empty without it)."""

    status: str = ""  # the decision's status; "" when undecided
    note: str = ""
    by: str = ""
    at: str = ""
    canonical: str = ""
    new: bool | None = None

    @property
    def decided(self) -> bool:
        return bool(self.status)


def annotation(finding: Finding) -> Annotation:
    decision = getattr(finding, "decision", None)
    new = getattr(finding, "new", None)
    if decision is None:
        return Annotation(new=new)
    return Annotation(
        status=text(getattr(decision, "status", "")),
        note=text(getattr(decision, "note", "")),
        by=text(getattr(decision, "by", "")),
        at=text(getattr(decision, "at", "")),
        canonical=text(getattr(decision, "canonical", "")),
        new=new,
    )


def stale_decisions(result: Any) -> list[Any]:
    stale = list(getattr(result, "stale_decisions", None) or ())
    return sorted(stale, key=lambda d: text(getattr(d, "fingerprint", "")))


def _evidence_key(e: Evidence) -> tuple:
    return (e.source, e.line, natural_key(e.claim_id), e.value, e.start, e.quote)


def ordered_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the report's fixed order (severity, kind, first evidence, fingerprint),
    each with its evidence sorted by source and line. Every renderer asks for the order of
    the same result's findings: the last answer is kept for a list or tuple given again
    unchanged (the same object holding the same findings). Read-only: callers must not
    modify it."""
    if isinstance(findings, (list, tuple)):
        return _last_order.of(findings)
    return _ordered(findings)


def _ordered(findings: Iterable[Finding]) -> list[Finding]:
    out = [replace(f, evidence=tuple(sorted(f.evidence, key=_evidence_key))) for f in findings]
    return sorted(out, key=Finding.sort_key)


class _LastOrder:
    """The order of the last findings sequence asked for, with a copy of its items to tell
    that the sequence was not modified in place since."""

    def __init__(self) -> None:
        self._given: list[Finding] | tuple[Finding, ...] | None = None
        self._items: tuple[Finding, ...] = ()
        self._order: list[Finding] = []

    def of(self, findings: list[Finding] | tuple[Finding, ...]) -> list[Finding]:
        if (findings is not self._given or len(findings) != len(self._items)
                or not all(map(operator.is_, findings, self._items))):
            self._order = _ordered(findings)
            self._given, self._items = findings, tuple(findings)
        return self._order


_last_order = _LastOrder()


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = Counter(f.severity.label for f in findings)
    return {sev.label: counts.get(sev.label, 0) for sev in SEVERITIES}


def kind_severity_counts(findings: Iterable[Finding]) -> list[tuple[str, str, dict[str, int]]]:
    """(kind, code, {severity label: count}) per kind present, in code order."""
    table: dict[tuple[str, str], Counter[str]] = {}
    for f in findings:
        table.setdefault((f.code, f.kind), Counter())[f.severity.label] += 1
    return [
        (kind, code, {sev.label: counts.get(sev.label, 0) for sev in SEVERITIES})
        for (code, kind), counts in sorted(table.items())
    ]


@dataclass(frozen=True)
class ValueRow:
    """One row of a finding's values table: a value as written, who writes it, where."""

    value: str
    sources: tuple[str, ...]
    places: tuple[str, ...]  # "source:line"


def value_rows(finding: Finding) -> list[ValueRow]:
    """The finding's values side by side with the evidence for each, values in the finding's
    order (most-used first), then any value that only the evidence names."""
    from checker.textutil import match_key

    order: list[str] = []
    keyed: dict[str, list[Evidence]] = {}
    for value in finding.values:
        key = match_key(value)
        if key not in keyed:
            order.append(value)
            keyed[key] = []
    for e in finding.evidence:
        if not e.value:
            continue
        key = match_key(e.value)
        if key not in keyed:
            order.append(e.value)
            keyed[key] = []
        keyed[key].append(e)
    rows = []
    for value in order:
        items = keyed[match_key(value)]
        rows.append(ValueRow(
            value=value,
            sources=tuple(sorted({e.source for e in items})),
            places=tuple(dict.fromkeys(f"{e.source}:{e.line}" for e in items)),
        ))
    return rows


# --- sources ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceSummary:
    source: str
    path: str
    title: str
    outlet: str
    url: str
    date: str
    date_from: str
    language: str
    encoding: str
    sha256: str
    kept: int  # segments compared across sources
    left_out: int  # segments not compared (boilerplate, captions, opinion...)
    facts: int  # atomic facts split out of kept segments


def _is_fact(claims: pd.DataFrame) -> pd.Series:
    if "unit" not in claims:
        return pd.Series(False, index=claims.index)
    return claims["unit"].map(text) == "fact"


def _compared(claims: pd.DataFrame) -> pd.Series:
    return claims["compared"].map(lambda v: bool(v) if text(v) else False)


def source_summaries(tables: Tables) -> list[SourceSummary]:
    return _source_summaries(tables.articles, tables.claims)


@per_frames
def _source_summaries(articles: pd.DataFrame, claims: pd.DataFrame) -> list[SourceSummary]:
    fact = _is_fact(claims)
    compared = _compared(claims)
    by_source = claims["source"].map(text)
    kept = Counter(by_source[~fact & compared])
    left_out = Counter(by_source[~fact & ~compared])
    facts = Counter(by_source[fact])
    out = []
    for a in row_dicts(articles):
        source = text(a["source"])
        out.append(SourceSummary(
            source=source, path=text(a.get("path")), title=text(a.get("title")),
            outlet=text(a.get("outlet")), url=text(a.get("url")),
            date=text(a.get("published")), date_from=text(a.get("published_from")),
            language=text(a.get("language")), encoding=text(a.get("encoding")),
            sha256=text(a.get("sha256")),
            kept=kept.get(source, 0), left_out=left_out.get(source, 0), facts=facts.get(source, 0),
        ))
    return sorted(out, key=lambda s: natural_key(s.source))


def source_paths(result: Any) -> dict[str, str]:
    """source id -> the path the article was read from."""
    return {s.source: s.path for s in source_summaries(result.tables)}


# --- claims ----------------------------------------------------------------------------------

@per_frames
def ordered_claims(claims: pd.DataFrame) -> list[dict[str, Any]]:
    """Claim rows as dicts in reading order: source, ordinal, segment before its facts
    (shared by every renderer: read, never modify)."""
    return sorted(shared_rows(claims), key=lambda c: (natural_key(c["source"]), integer(c.get("n")),
                                                  natural_key(c["claim_id"])))


@per_frames
def ordered_facets(facets: pd.DataFrame) -> list[dict[str, Any]]:
    """Facet rows as dicts in reading order: claim, offsets, kind, value, text (shared by
    every renderer: read, never modify)."""
    return sorted(shared_rows(facets),
                  key=lambda f: (natural_key(f["claim_id"]), integer(f["start"]), integer(f["end"]),
                                 text(f["facet"]), text(f["value"]), text(f["text"])))


def is_compared(claim: dict[str, Any]) -> bool:
    return bool(claim["compared"]) if text(claim.get("compared")) else False


def left_out_claims(ordered: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The segments (not facts) among `ordered_claims(...)` that were not compared."""
    return [c for c in ordered if text(c.get("unit")) != "fact" and not is_compared(c)]


# --- groups ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class GroupSummary:
    group_id: str
    status: str
    claim_ids: tuple[str, ...]
    sources: tuple[str, ...]


def group_summaries(tables: Tables) -> list[GroupSummary]:
    return _group_summaries(tables.groups)


@per_frames
def _group_summaries(groups: pd.DataFrame) -> list[GroupSummary]:
    members: dict[str, tuple[set[str], set[str], set[str]]] = {}
    for row in row_dicts(groups):
        claim_ids, sources, statuses = members.setdefault(text(row["group_id"]), (set(), set(), set()))
        claim_ids.add(text(row["claim_id"]))
        sources.add(text(row["source"]))
        statuses.add(text(row["status"]))
    out = [
        GroupSummary(
            group_id=gid,
            status=",".join(sorted(statuses)),
            claim_ids=tuple(sorted(claim_ids, key=natural_key)),
            sources=tuple(sorted(sources, key=natural_key)),
        )
        for gid, (claim_ids, sources, statuses) in members.items()
    ]
    return sorted(out, key=lambda g: natural_key(g.group_id))


def group_status_counts(groups: Sequence[GroupSummary]) -> dict[str, int]:
    counts = Counter(g.status for g in groups)
    return {status: counts.get(status, 0) for status in GROUP_STATUSES}


@dataclass(frozen=True)
class PairCounts:
    a: str
    b: str
    corroborated: int  # groups both sources are in, with compatible facets
    conflicting: int  # groups both sources are in, with a conflict
    differing: int = 0  # findings (not agreements) in which the two write different values


def _differing_pairs(findings: Iterable[Finding]) -> Counter[tuple[str, str]]:
    from checker.textutil import match_key

    counts: Counter[tuple[str, str]] = Counter()
    for f in findings:
        if f.kind == AGREEMENT_KIND:
            continue
        values: dict[str, set[str]] = {}
        for e in f.evidence:
            if e.value:
                values.setdefault(e.source, set()).add(match_key(e.value))
        members = sorted(values, key=natural_key)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if values[a] != values[b]:
                    counts[a, b] += 1
    return counts


def source_matrix(groups: Sequence[GroupSummary], findings: Iterable[Finding] = ()) -> list[PairCounts]:
    """For every pair of sources (a before b in natural order) that shares at least one group
    or finding: the groups they share, by status, and the findings in which they write
    different values. Pairs with nothing in common are left out (the list stays small when
    there are thousands of sources)."""
    agree: Counter[tuple[str, str]] = Counter()
    conflict: Counter[tuple[str, str]] = Counter()
    for g in groups:
        if g.status not in ("corroborated", "conflicting"):
            continue
        members = sorted(set(g.sources), key=natural_key)
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                (agree if g.status == "corroborated" else conflict)[a, b] += 1
    differ = _differing_pairs(findings)
    pairs = sorted(set(agree) | set(conflict) | set(differ), key=lambda p: (natural_key(p[0]), natural_key(p[1])))
    return [PairCounts(a, b, agree[a, b], conflict[a, b], differ[a, b]) for a, b in pairs]


# --- the story -------------------------------------------------------------------------------

def headline_words(titles: Iterable[str], stopwords: frozenset[str], limit: int = 5) -> list[str]:
    """Words that two or more headlines share (possessives and case folded): the most shared
    ones (ties: the earliest), shown in reading order in their most frequent spelling
    (ties: a capitalised one). Empty when the headlines share nothing."""
    documents: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    first_seen: dict[str, int] = {}
    for title in titles:
        seen: set[str] = set()
        for match in _WORD.finditer(one_line(title)):
            word = re.sub(r"['\u2019](s)?$", "", match.group(0)).strip("-")
            key = word.casefold()
            if len(key) < 3 or key in stopwords:
                continue
            spellings.setdefault(key, Counter())[word] += 1
            first_seen.setdefault(key, len(first_seen))
            seen.add(key)
        documents.update(seen)
    shared = sorted((k for k, n in documents.items() if n >= 2), key=lambda k: (-documents[k], first_seen[k]))
    chosen = sorted(shared[:limit], key=first_seen.__getitem__)
    return [min(spellings[k].items(), key=lambda kv: (-kv[1], not kv[0][:1].isupper(), kv[0]))[0]
            for k in chosen]
