"""A reusable check type: "a facet that must agree across sources". The compare stage has
already judged each pair of facets (tables.comparisons); a conflict check turns the
conflicting rows of one facet in a group into one finding per subject, with every side's
values as written (majority first) and evidence for each claim on each side.

Also the per-run indexes that claim-scope checks need (facets and group rows by claim), so
that a check on one claim does not scan the whole tables."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd

from checker import lexicon
from checker.compare import figure_noun, number
from checker.config import Severity
from checker.facets.figures import CONVERTED_FROM, noun_key
from checker.findings.engine import CheckContext, GroupView
from checker.findings.model import Evidence, Finding
from checker.tables import Tables, per_frames, row_dicts, shared_rows
from checker.textutil import match_key

SUBJECT_CHARS = 90


#: Classes whose figures count as "reported" by a source (a headline reports; a caption,
#: a ticker item or a newsletter prompt does not).
REPORTING_CLASSES = frozenset({"claim", "quote", "headline", "heading"})
#: Body segments left out of comparison (a hedge, an opinion) whose figures still show that a
#: source mentions a number: they can only keep a figure from being called single-source.
MENTIONING_CLASSES = REPORTING_CLASSES | {"hedged", "opinion"}
#: The classification of a box of key numbers ("Lots offered: 42 | Lots sold: 39"):
#: data/boilerplate.csv's "data box" rule.
FACT_BOX_REASON = "boilerplate: data box"


@dataclass(frozen=True, eq=False)
class ClaimIndex:
    claims: dict[str, dict[str, Any]]  # claim_id -> claims row
    facets: dict[str, list[dict[str, Any]]]  # claim_id -> facet rows, in table order
    group_of: dict[str, str]  # claim_id -> group_id
    members: dict[str, list[str]]  # group_id -> its claim_ids
    comparisons: dict[str, list[dict[str, Any]]]  # claim_id -> comparison rows naming it
    #: folded unit -> (value, source, content words of the noun, qualifier, noun key (see
    #: checker.facets.figures.noun_key)) sorted by value, for every figure in a claim of a
    #: MENTIONING_CLASSES class
    figures: dict[str, list[tuple[float, str, str, str, str]]]
    #: figure value -> the sources that state or mention it (any unit, any noun)
    figure_sources: dict[float, set[str]]
    #: figure value -> (source, kind of its unit: `unit_kind`) for each figure stating it
    figure_kinds: dict[float, set[tuple[str, str]]]
    #: every entry of `figures`, whatever its unit, sorted by value
    all_figures: list[tuple[float, str, str, str, str]]
    #: (value, source, qualifier, unit) of the counts of a noun ("412,000 power banks":
    #: a unit that is no measure, money, percent or time), sorted by value
    counts: list[tuple[float, str, str, str]]


def claim_index(tables: Tables) -> ClaimIndex:
    """Built once per run's tables (every check of the run shares it), not once per claim."""
    return _claim_index(tables.claims, tables.facets, tables.groups, tables.comparisons)


@per_frames
def _claim_index(claim_rows: pd.DataFrame, facet_rows: pd.DataFrame, groups: pd.DataFrame,
                 comparison_rows: pd.DataFrame) -> ClaimIndex:
    claims = {c["claim_id"]: c for c in shared_rows(claim_rows)}
    facets: dict[str, list[dict[str, Any]]] = {}
    for f in shared_rows(facet_rows):
        facets.setdefault(f["claim_id"], []).append(f)
    group_of = dict(zip(groups["claim_id"].tolist(), groups["group_id"].tolist(), strict=True)) \
        if not groups.empty else {}
    members: dict[str, list[str]] = {}
    for claim_id, group_id in group_of.items():
        members.setdefault(group_id, []).append(claim_id)
    comparisons: dict[str, list[dict[str, Any]]] = {}
    for r in row_dicts(comparison_rows):
        comparisons.setdefault(r["a_claim"], []).append(r)
        if r["b_claim"] != r["a_claim"]:
            comparisons.setdefault(r["b_claim"], []).append(r)
    figures: dict[str, list[tuple[float, str, str, str, str]]] = {}
    figure_sources: dict[float, set[str]] = {}
    figure_kinds: dict[float, set[tuple[str, str]]] = {}
    for claim_id, rows in facets.items():
        claim = claims.get(claim_id)
        if claim is not None and claim.get("reason") == FACT_BOX_REASON:
            # "Lots offered: 42 | Lots sold: 39": the story's own numbers, not told as claims,
            # vouch for the very same number in another source
            for f in rows:
                value = number(f["value"]) if f["facet"] == "figure" else None
                if value is not None:
                    figure_kinds.setdefault(value, set()).add(
                        (str(claim["source"]), unit_kind(str(f.get("key") or ""))))
            continue
        if claim is None or claim["class"] not in MENTIONING_CLASSES:
            continue
        for f in rows:
            value = number(f["value"]) if f["facet"] == "figure" else None
            if value is not None:
                figure_sources.setdefault(value, set()).add(str(claim["source"]))
                figure_kinds.setdefault(value, set()).add((str(claim["source"]),
                                                           unit_kind(str(f.get("key") or ""))))
                figures.setdefault(match_key(str(f.get("key") or "")), []).append(
                    (value, str(claim["source"]), figure_noun(f), str(f.get("qualifier") or ""),
                     noun_key(str(f.get("noun") or ""))))
                # a conversion also states its own amount ("KSh 1.18 billion (about $9.1
                # million)": US$9.1 million too, for a source that gives only dollars)
                converted = _CONVERSION.search(str(f.get("note") or ""))
                written = number(converted.group(1)) if converted else None
                if converted and written is not None:
                    figure_sources.setdefault(written, set()).add(str(claim["source"]))
                    figure_kinds.setdefault(written, set()).add((str(claim["source"]),
                                                                 unit_kind(converted.group(2))))
                    figures.setdefault(match_key(converted.group(2)), []).append(
                        (written, str(claim["source"]), figure_noun(f), str(f.get("qualifier") or ""),
                         noun_key(str(f.get("noun") or ""))))
                # a converted figure states its number as written too ("450 nautical miles",
                # kept in metres): the very same number in another source's own unit ("450 nm")
                written_from = CONVERTED_FROM.match(str(f.get("note") or ""))
                if written_from and (written := number(written_from["value"])) is not None:
                    figure_sources.setdefault(written, set()).add(str(claim["source"]))
                    figure_kinds.setdefault(written, set()).add(
                        (str(claim["source"]), unit_kind(written_from["unit"].strip())))
    for entries in figures.values():
        entries.sort()
    all_figures = sorted(e for entries in figures.values() for e in entries)
    counts = sorted((value, source, qualifier, unit) for unit, entries in figures.items()
                    if unit and not unit_kind(unit) for value, source, _, qualifier, _ in entries)
    return ClaimIndex(claims, facets, group_of, members, comparisons, figures, figure_sources,
                      figure_kinds, all_figures, counts)


def unit_kind(unit: str) -> str:
    """What a figure's unit measures: percent | time | measure (data/units.csv, and the
    bases of data/unit_conversions.csv) | money (data/currencies.csv) | "" (a count of a
    noun, or no unit)."""
    return _unit_kinds().get(unit, "")


@cache
def _unit_kinds() -> dict[str, str]:
    kinds = {r["unit"]: r["kind"] for r in lexicon.table("units") if r["kind"] != "people"}
    kinds.update({r["base"]: "measure" for r in lexicon.table("unit_conversions")
                  if r["base"] not in kinds})
    kinds.update({r[column]: "money" for r in lexicon.table("currencies") for column in ("unit", "family")})
    return kinds


#: checker.facets.figures' note on a conversion: "conversion of <figure>: <value> <unit>".
_CONVERSION = re.compile(r"conversion of .*: (\S+) (\S+)$")


def shorten(text: str, limit: int = SUBJECT_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


@dataclass(frozen=True)
class _Side:
    claim_id: str
    value: str
    norm: str
    start: int
    end: int


def conflict_findings(group: GroupView, ctx: CheckContext, facet: str, severity: Severity,
                      subject_of: str = "subject", verdict: str = "conflict",
                      keep: Callable[[dict[str, Any], ClaimIndex], bool] | None = None) -> Iterator[Finding]:
    """One finding per conflicting subject of `facet` in the group. `subject_of` is
    "subject" (the comparison's subject, e.g. a figure's noun) or "claim" (the first claim of
    the majority side, for dates and places whose subject is the event itself). `verdict` selects the
    comparisons ("compatible" for differently worded quotes); `keep`, when given, the
    comparison rows the check reports."""
    rows = [r for r in group.comparisons if r["facet"] == facet and r["verdict"] == verdict]
    if not rows:
        return
    index = claim_index(ctx.tables)
    if keep is not None:
        rows = [r for r in rows if keep(r, index)]
        if not rows:
            return
    by_subject: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_subject.setdefault(match_key(str(r["subject"])), []).append(r)
    for subject_key in sorted(by_subject):
        subject_rows = by_subject[subject_key]
        sides: dict[tuple[str, str], _Side] = {}
        for r in subject_rows:
            for p in ("a", "b"):
                side = _Side(r[f"{p}_claim"], str(r[f"{p}_value"]), str(r[f"{p}_norm"]),
                             int(r[f"{p}_start"]), int(r[f"{p}_end"]))
                sides.setdefault((side.claim_id, side.norm), side)
        finding = _finding(list(sides.values()), index, subject_rows, subject_key, severity,
                           subject_of)
        if finding is not None:
            yield finding


def _finding(sides: list[_Side], index: ClaimIndex, rows: list[dict[str, Any]],
             subject_key: str, severity: Severity, subject_of: str) -> Finding | None:
    clusters: dict[str, list[_Side]] = {}
    for side in sides:
        clusters.setdefault(side.norm, []).append(side)
    if len(clusters) < 2:
        return None

    def source(side: _Side) -> str:
        return str(index.claims[side.claim_id]["source"])

    def where(side: _Side) -> tuple[str, int, str]:
        claim = index.claims[side.claim_id]
        return (str(claim["source"]), int(claim["line"]), side.claim_id)

    def cluster_order(norm: str) -> tuple[int, tuple[str, int, str], str]:
        members = clusters[norm]
        return (-len({source(s) for s in members}), min(where(s) for s in members), norm)

    ordered = sorted(clusters, key=cluster_order)
    values = []
    evidence = []
    for norm in ordered:
        members = sorted(clusters[norm], key=where)
        written: dict[str, int] = {}
        for s in members:
            written[s.value] = written.get(s.value, 0) + 1
        values.append(sorted(written, key=lambda v: (-written[v], v))[0])
        for s in members:
            claim = index.claims[s.claim_id]
            evidence.append(Evidence(source=str(claim["source"]), line=int(claim["line"]),
                                     quote=str(claim["text"]), claim_id=s.claim_id,
                                     value=s.value, start=s.start, end=s.end))
    subject = shorten(evidence[0].quote) if subject_of == "claim" else str(rows[0]["subject"])
    counts = [len({source(s) for s in clusters[n]}) for n in ordered]
    suggestion = (
        f"Most sources give \u201c{values[0]}\u201d; check the source of "
        + ", ".join(f"\u201c{v}\u201d" for v in values[1:]) + "."
        if counts[0] > counts[1]
        else "The sources are split: check against the primary source."
    )
    return Finding(
        code="", kind="", severity=severity, values=tuple(values), evidence=tuple(evidence),
        subject=subject, identity=(subject_key, *sorted(ordered)),
        method=str(rows[0]["method"]), suggestion=suggestion,
        score=_score(rows),
        fields=(("note", "; ".join(sorted({str(r["note"]) for r in rows if r["note"]}))),),
    )


def _score(rows: list[dict[str, Any]]) -> float | None:
    scores = [float(r["score"]) for r in rows if r["score"] is not None and r["score"] == r["score"]]
    return min(scores) if scores else None
