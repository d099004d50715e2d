"""figure_discrepancy: a figure only one source gives, where other sources agree on another
value for the same quantity in sentences matching did not pair with it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.checks.facet_conflict import claim_index
from checker.checks.single_source_figure import other_value, unreported_figures
from checker.compare import figure_norm
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.textutil import match_key


def find_figure_discrepancies(claim: Any, ctx: CheckContext) -> Iterator[Finding]:
    index = claim_index(ctx.tables)
    for f in unreported_figures(claim, ctx):
        others = other_value(claim, f, ctx)
        if not others:
            continue
        text = str(f["text"])
        evidence = [Evidence(source=claim.source, line=int(claim.line), quote=claim.text,
                             claim_id=claim.claim_id, value=text, start=int(f["start"]),
                             end=int(f["end"]))]
        for other in others:
            row = index.claims[other.claim_id]
            evidence.append(Evidence(source=other.source, line=int(row["line"]),
                                     quote=str(row["text"]), claim_id=other.claim_id,
                                     value=str(other.facet["text"]),
                                     start=int(other.facet["start"]), end=int(other.facet["end"])))
        written = sorted({str(o.facet["text"]) for o in others})
        noun = str(f.get("noun") or next((o.facet.get("noun") for o in others if o.facet.get("noun")), "")
                   or f.get("key") or "")
        yield Finding(
            code="", kind="", severity=Severity.HIGH, values=(text, *written),
            evidence=tuple(evidence),
            subject=noun or text,
            identity=(claim.source, match_key(noun), figure_norm(f)),
            method=f"{len({o.source for o in others})} other sources give "
            f"{figure_norm(others[0].facet)} for the same quantity",
            suggestion="Check the figure against its primary source: the other sources agree "
            "on another value.",
            fields=(("source", claim.source),),
        )


CHECK = Check(
    code="CK206",
    kind="figure_discrepancy",
    severity=Severity.HIGH,
    scope=Scope.CLAIM,
    summary="Only {source} gives \u201c{first}\u201d for {subject}; other sources give {others}",
    doc=KindDoc(
        what="A figure (written with digits; in words, a count of three or more things, or any number "
        "of eleven or more) that only "
        "one source states, where at least two "
        "other sources agree on another value of the same unit for the same quantity (a "
        "similar noun, or a word of context next to the figure in common), within a factor "
        "of three and beyond the rounding tolerance, in sentences that matching did not pair "
        "(worded too differently, or kept apart by the wrong figure itself).",
        why="An outlet that got a number wrong often words its sentence its own way; the "
        "figure then has no matched claim to conflict with, yet the other outlets contradict "
        "it.",
        example="c:9 'adding the health system to its leak site and demanding a ransom of "
        "$5.4 million' while a:16, b:9 and d:11 give $4.5 million: \u201c$5.4 million\u201d "
        "vs \u201c$4.5 million\u201d.",
        action="Check the figure against the primary source; correct it, or say why this "
        "outlet's quantity differs.",
        false_positives="Two quantities of one unit in similar words (this year's budget and "
        "last year's) where the others only give the other one.",
        options="figure_tolerance, figure_noun_similarity",
    ),
    run=find_figure_discrepancies,
)
