"""number_conflict: sources give different figures for one quantity in the same assertion."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from checker.checks.facet_conflict import ClaimIndex, conflict_findings
from checker.compare import number
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext, GroupView
from checker.findings.model import Finding, KindDoc, Scope
from checker.textutil import match_key


def find_number_conflicts(group: GroupView, ctx: CheckContext) -> Iterator[Finding]:
    yield from conflict_findings(group, ctx, "figure", Severity.HIGH, subject_of="subject",
                                 keep=one_quantity)


def one_quantity(row: dict[str, Any], index: ClaimIndex) -> bool:
    """Whether two paired figures can be one quantity told two ways. Not when a source
    states both values in that unit and another source backs each of them (in any unit:
    "the town of 3,400"): "a community of
    about 3,400 people" matched with "evacuated about 1,200 people" is two quantities when
    one article gives both figures. A value only one source gives still conflicts, even in
    an article that also gives the other (its own error, or a misprint)."""
    (va, unit), (vb, unit_b) = _value_unit(row["a_norm"]), _value_unit(row["b_norm"])
    if va is None or vb is None or unit != unit_b:
        return True
    in_unit_a: set[str] = set()
    in_unit_b: set[str] = set()
    for value, source, *_ in index.figures.get(match_key(unit), ()):
        if value == va:
            in_unit_a.add(source)
        elif value == vb:
            in_unit_b.add(source)
    backed = all(len(index.figure_sources.get(v, ())) >= 2 for v in (va, vb))
    return not (in_unit_a & in_unit_b and backed)


def _value_unit(norm: Any) -> tuple[float | None, str]:
    value, _, unit = str(norm).partition(" ")
    return number(value), unit


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
