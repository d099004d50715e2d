"""single_source_figure: a figure in a compared claim that no other source reports."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz

from checker.checks.facet_conflict import ClaimIndex, claim_index
from checker.compare import figure_norm, figure_noun
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.textutil import match_key


def reported_elsewhere(f: dict[str, Any], source: str, index: ClaimIndex,
                       noun_similarity: float) -> bool:
    """Another source states the same value in the same unit, for a similar noun (or
    without a noun on either side)."""
    noun = figure_noun(f)
    for other_source, other_noun in index.figures.get(
            (str(f["value"]), match_key(str(f.get("key") or ""))), []):
        if other_source == source:
            continue
        if not noun or not other_noun or fuzz.token_set_ratio(noun, other_noun) >= noun_similarity:
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
        if not any(ch.isdigit() for ch in text) or str(f.get("note") or "") == "ordinal":
            continue
        if (claim.claim_id, int(f["start"])) in compared:
            continue
        if reported_elsewhere(f, claim.source, index, th.figure_noun_similarity):
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
        "no matched claim compares it, and no other source gives the same value and unit "
        "for a similar noun anywhere in its copy.",
        why="A number only one outlet reports has not been corroborated; if it is wrong, "
        "nothing in the other sources will reveal it.",
        example="c:9 'Exports of olive oil rose by 18% last year', a figure none of the other "
        "outlets gives: \u201c18%\u201d.",
        action="Check the figure against its primary source (statistics office, company "
        "report) and attribute it explicitly.",
        false_positives="Background figures (a population, an old record) that other outlets "
        "simply did not repeat; numbers spelled out in words are not flagged.",
        options="figure_noun_similarity",
    ),
    run=find_single_source_figures,
)
