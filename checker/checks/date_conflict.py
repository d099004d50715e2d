"""date_conflict: sources date the same event differently."""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.facet_conflict import conflict_findings
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext, GroupView
from checker.findings.model import Finding, KindDoc, Scope


def find_date_conflicts(group: GroupView, ctx: CheckContext) -> Iterator[Finding]:
    yield from conflict_findings(group, ctx, "date", Severity.HIGH, subject_of="claim")


CHECK = Check(
    code="CK202",
    kind="date_conflict",
    severity=Severity.HIGH,
    scope=Scope.GROUP,
    summary="Sources give different dates, {values}, for: {subject}",
    doc=KindDoc(
        what="Claims from different sources that assert the same thing but date it "
        "differently, after normalisation: '6.10.2025' and 'October 6, 2025' agree, an "
        "ambiguous day/month order agrees when either reading fits, and a month agrees with "
        "a day inside it. Events in different years are different events, not conflicts.",
        why="A wrong date misplaces the event for every reader and every later story that "
        "cites it.",
        example="a:4 'The council voted on March 3 to close the Elm Street library' and b:2 "
        "'The council voted on March 5 to close the Elm Street library': "
        "\u201cMarch 3\u201d vs \u201cMarch 5\u201d.",
        action="Check the date against the primary source (minutes, statement, wire copy) "
        "and correct the outlier.",
        false_positives="Two steps of one process reported in similar words (a bill passed "
        "on one day and signed on another); a weekday resolved against the wrong week.",
        options="claim_similarity, claim_cross_year_similarity",
    ),
    run=find_date_conflicts,
)
