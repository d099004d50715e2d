"""agreement: what two or more sources corroborate."""

from __future__ import annotations

from collections.abc import Iterator

from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext, GroupView
from checker.findings.model import Evidence, Finding, KindDoc, Scope


def find_agreements(group: GroupView, ctx: CheckContext) -> Iterator[Finding]:
    if group.status != "corroborated":
        return
    claims = sorted(group.claims, key=lambda c: (c["source"], int(c["line"]), c["claim_id"]))
    evidence = tuple(
        Evidence(source=c["source"], line=int(c["line"]), quote=c["text"], claim_id=c["claim_id"])
        for c in claims
    )
    lead = claims[0]
    yield Finding(
        code="", kind="", severity=Severity.INFO,
        values=(lead["text"],),
        evidence=evidence,
        subject=lead["text"],
        identity=(lead["text"],),
        fields=(("n", str(len({c["source"] for c in claims}))),),
    )


CHECK = Check(
    code="CK001",
    kind="agreement",
    severity=Severity.INFO,
    scope=Scope.GROUP,
    summary="{n} sources agree: {subject}",
    doc=KindDoc(
        what="A claim that two or more sources make, with compatible names, dates, places and figures.",
        why="Corroborated claims are the safest to publish or cite; the list shows what the "
        "story's sources share.",
        example="a:4 'The bridge reopened on Monday, 6.10.2025, in Porto' and b:2 'The bridge "
        "reopened on October 6, 2025, in Porto' agree.",
        action="Nothing to fix. Two outlets repeating one press release is still one primary "
        "source: check where each outlet got it before treating it as independent confirmation.",
        false_positives="Outlets that copy each other corroborate nothing new.",
    ),
    run=find_agreements,
)
