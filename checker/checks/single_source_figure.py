"""single_source_figure: a figure in a compared claim that no other source reports."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz

from checker.checks.facet_conflict import ClaimIndex, claim_index
from checker.compare import figure_norm, figure_noun, figure_verdict, number
from checker.config import Severity, Thresholds
from checker.facets.figures import noun_key
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.textutil import match_key


def reported_elsewhere(f: dict[str, Any], source: str, index: ClaimIndex,
                       th: Thresholds) -> bool:
    """Another source states the very same number, or a figure of the same unit that agrees
    with this one (rounded, approximate within the tolerance, or a bound that admits it) for
    a similar noun, a noun with the same noun_key ("staff"/"employees"), or without a noun on
    either side. A figure in another source's hedged or opinion sentence counts too: the
    number is there, only said with less certainty."""
    value = float(f["value"])
    if index.figure_sources.get(value, set()) - {source}:
        return True  # the very same number, whatever noun or unit the other source gives it
    entries = index.figures.get(match_key(str(f.get("key") or "")), [])
    low = bisect.bisect_left(entries, (value * (1 - 3 * th.figure_tolerance),))
    high = bisect.bisect_right(entries, (value * (1 + 3 * th.figure_tolerance), "\uffff"))
    noun = figure_noun(f)
    key = noun_key(str(f.get("noun") or ""))
    qualifier = str(f.get("qualifier") or "")
    for other, other_source, other_noun, other_qualifier, other_key in entries[low:high]:
        if other_source == source:
            continue
        if (noun and other_noun and not (key and key == other_key)
                and fuzz.token_set_ratio(noun, other_noun) < th.figure_noun_similarity):
            continue
        if figure_verdict(value, qualifier, other, other_qualifier,
                          th.figure_tolerance)[0] != "conflict":
            return True
    return False


def find_single_source_figures(claim: Any, ctx: CheckContext) -> Iterator[Finding]:
    if getattr(claim, "unit", "segment") == "fact":
        return  # a fact repeats its sentence's figures; the sentence is checked
    index = claim_index(ctx.tables)
    figures = [f for f in index.facets.get(claim.claim_id, []) if f["facet"] == "figure"]
    if not figures:
        return
    compared = {
        (r["a_claim"] if r["a_claim"] == claim.claim_id else r["b_claim"],
         r["a_start"] if r["a_claim"] == claim.claim_id else r["b_start"])
        for r in index.comparisons.get(claim.claim_id, []) if r["facet"] == "figure"
    }
    th = ctx.config.thresholds
    for f in figures:
        text = str(f["text"])
        # Figures spelled out in words ("two countries", "three decades") are rarely what an
        # editor must verify; a figure written with digits is.
        if (not any(ch.isdigit() for ch in text) or str(f.get("note") or "") == "ordinal"
                or number(f["value"]) is None):
            continue
        if (claim.claim_id, int(f["start"])) in compared:
            continue
        if reported_elsewhere(f, claim.source, index, th):
            continue
        noun = str(f.get("noun") or f.get("key") or "")
        yield Finding(
            code="", kind="", severity=Severity.MEDIUM, values=(text,),
            evidence=(Evidence(source=claim.source, line=int(claim.line), quote=claim.text,
                               claim_id=claim.claim_id, value=text, start=int(f["start"]),
                               end=int(f["end"])),),
            subject=noun or text,
            identity=(claim.source, match_key(noun), figure_norm(f)),
            method="no other source states this figure",
            suggestion="Verify the figure against its primary source before publishing; "
            "attribute it if it cannot be confirmed.",
            fields=(("source", claim.source),),
        )


CHECK = Check(
    code="CK301",
    kind="single_source_figure",
    severity=Severity.MEDIUM,
    scope=Scope.CLAIM,
    summary="Only {source} reports \u201c{first}\u201d ({subject})",
    doc=KindDoc(
        what="A figure (written with digits) in a compared claim that no other source states: "
        "no matched claim compares it, and no other source gives the same number, or an "
        "agreeing value (rounded, approximate) in the same unit for a similar noun, anywhere "
        "in its copy, hedged or opinion sentences included.",
        why="A number only one outlet reports has not been corroborated; if it is wrong, "
        "nothing in the other sources will reveal it.",
        example="c:9 'Exports of olive oil rose by 18% last year', a figure none of the other "
        "outlets gives: \u201c18%\u201d.",
        action="Check the figure against its primary source (statistics office, company "
        "report) and attribute it explicitly.",
        false_positives="Background figures (a population, an old record) that other outlets "
        "simply did not repeat; numbers spelled out in words are not flagged.",
        options="figure_noun_similarity, figure_tolerance",
    ),
    run=find_single_source_figures,
)
