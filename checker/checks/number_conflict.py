"""number_conflict: sources give different figures for one quantity in the same assertion."""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.facet_conflict import conflict_findings
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext, GroupView
from checker.findings.model import Finding, KindDoc, Scope


def find_number_conflicts(group: GroupView, ctx: CheckContext) -> Iterator[Finding]:
    yield from conflict_findings(group, ctx, "figure", Severity.HIGH, subject_of="subject")


CHECK = Check(
    code="CK201",
    kind="number_conflict",
    severity=Severity.HIGH,
    scope=Scope.GROUP,
    summary="Sources give different figures for {subject}: {values}",
    doc=KindDoc(
        what="Claims from different sources that assert the same thing but give incompatible "
        "figures for the same quantity (same unit, similar noun): beyond the rounding "
        "tolerance, and not reconciled by a qualifier ('about', 'at least', 'up to').",
        why="A wrong number is the error readers and corrections desks notice first; when "
        "outlets disagree, at least one of them is wrong.",
        example="a:5 'The flood cut power to 1,200 households in Riverton' and c:3 'The flood "
        "cut power to 2,100 households in Riverton': households \u201c1,200\u201d vs "
        "\u201c2,100\u201d.",
        action="Check the figure against the primary source (the agency's statement, the "
        "report); correct the outlier or say why the figures differ (different dates, "
        "different scopes).",
        false_positives="Figures from different moments (a toll that rose during the day) or "
        "different scopes (a city vs its region) in otherwise similar sentences.",
        options="figure_tolerance (rounding allowed, fraction), figure_noun_similarity, "
        "claim_similarity",
    ),
    run=find_number_conflicts,
)
