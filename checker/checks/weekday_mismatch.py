"""weekday_mismatch: a named weekday that does not fit the date beside it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from checker.checks.facet_conflict import claim_index
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.match import date_readings

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def weekday_fits(weekday: str, readings: list[str]) -> bool | None:
    """True when the weekday fits one of the day-precision readings, None when none can be
    checked (no full date, or an unknown weekday)."""
    wanted = weekday.strip().lower()
    if wanted not in WEEKDAYS:
        return None
    days = []
    for r in readings:
        try:
            days.append(date.fromisoformat(r))
        except ValueError:
            continue
    if not days:
        return None
    return any(WEEKDAYS[d.weekday()] == wanted for d in days)


def find_weekday_mismatches(claim: Any, ctx: CheckContext) -> Iterator[Finding]:
    index = claim_index(ctx.tables)
    for f in index.facets.get(claim.claim_id, []):
        if f["facet"] != "date" or not f.get("noun") or str(f.get("note") or "").startswith(
                "relative"):
            continue
        readings = date_readings(str(f["value"]), str(f.get("note") or ""))
        if weekday_fits(str(f["noun"]), readings) is not False:
            continue
        actual = " or ".join(
            sorted({WEEKDAYS[date.fromisoformat(r).weekday()].capitalize() for r in readings
                    if len(r) == 10}))
        yield Finding(
            code="", kind="", severity=Severity.HIGH, values=(str(f["text"]),),
            evidence=(Evidence(source=claim.source, line=int(claim.line), quote=claim.text,
                               claim_id=claim.claim_id, value=str(f["text"]),
                               start=int(f["start"]), end=int(f["end"])),),
            subject=str(f["noun"]).capitalize(),
            identity=(claim.source, str(f["value"]), str(f["noun"]).lower()),
            method="calendar",
            suggestion=f"{' or '.join(readings)} is a {actual}: correct the weekday or the date.",
            fields=(("actual", actual),),
        )


CHECK = Check(
    code="CK302",
    kind="weekday_mismatch",
    severity=Severity.HIGH,
    scope=Scope.CLAIM,
    summary="\u201c{first}\u201d is called a {subject}, but that date is a {actual}",
    doc=KindDoc(
        what="A claim that names a weekday beside a date that falls on another day. When the "
        "day/month order of a numeric date is ambiguous, it is flagged only if neither "
        "reading fits.",
        why="One of the two is wrong, and readers who check a calendar will notice; the "
        "date itself may be the error.",
        example="a:3 'The museum reopened on Tuesday, 4 March 2025': 4 March 2025 is a "
        "Tuesday, fine; 'on Friday, 4 March 2025' is flagged (it is a Tuesday).",
        action="Check the date against the source and correct the weekday or the date.",
        false_positives="A weekday that belongs to another event in the same sentence.",
    ),
    run=find_weekday_mismatches,
)
