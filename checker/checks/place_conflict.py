"""place_conflict: sources put the same event in different places."""

from __future__ import annotations

from collections.abc import Iterator

from checker.checks.facet_conflict import conflict_findings
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext, GroupView
from checker.findings.model import Finding, KindDoc, Scope


def find_place_conflicts(group: GroupView, ctx: CheckContext) -> Iterator[Finding]:
    yield from conflict_findings(group, ctx, "place", Severity.HIGH, subject_of="claim")


CHECK = Check(
    code="CK203",
    kind="place_conflict",
    severity=Severity.HIGH,
    scope=Scope.GROUP,
    summary="Sources give different places, {values}, for: {subject}",
    doc=KindDoc(
        what="Claims from different sources that assert the same thing but place it in "
        "different cities or countries, in the same role (both 'in X', both 'from X'). A "
        "city and its own country agree; an organisation named after a place is not a place.",
        why="Putting an event in the wrong city is a factual error that readers on the spot "
        "notice at once.",
        example="a:2 'The health ministers met in Porto on Friday' and c:4 'The health "
        "ministers met in Braga on Friday': \u201cPorto\u201d vs \u201cBraga\u201d.",
        action="Check the place against the primary source and correct the outlier.",
        false_positives="An event with two venues (talks in one city, a signing in another) "
        "described in similar words.",
        options="claim_similarity",
    ),
    run=find_place_conflicts,
)
