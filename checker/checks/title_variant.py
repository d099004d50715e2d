"""title_variant: one person's title or role worded differently."""

from __future__ import annotations

from itertools import combinations

from checker.checks.entity_variant import Variants, entity_check, within_note
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import KindDoc, Scope
from checker.resolve import MATERIAL_TITLE_DIFFERENCES, title_difference
from checker.textutil import match_key


def _severity(v: Variants) -> Severity:
    # "Lt. Col." beside "Lieutenant Colonel", "Gen." beside "Brigadier General": a rank
    # abbreviated or shortened is style more than fact.
    kinds = {title_difference(a.key, b.key) for a, b in combinations(v.spellings, 2)}
    kinds &= MATERIAL_TITLE_DIFFERENCES
    return Severity.LOW if kinds <= {"rank-short", "rank-abbreviation"} else Severity.MEDIUM


def _owner_name(v: Variants, ctx: CheckContext) -> str:
    entities = ctx.tables.entities
    row = entities[entities["entity_id"] == v.entity.entity_id]
    return str(row["owner_name"].iloc[0]) if not row.empty and "owner_name" in row.columns else ""


def _identity(v: Variants, ctx: CheckContext) -> tuple[str, ...]:
    return ("title", match_key(_owner_name(v, ctx)))


def _fields(v: Variants, ctx: CheckContext) -> tuple[tuple[str, str], ...]:
    return (("person", _owner_name(v, ctx)), *within_note(v))


CHECK = Check(
    code="CK102",
    kind="title_variant",
    severity=Severity.MEDIUM,
    scope=Scope.ENTITY,
    summary="{person}'s title is worded differently: {values}{within}",
    doc=KindDoc(
        what="One person's title, rank or role worded differently across mentions: a word "
        "changed or inserted inside the title, a modifier such as Deputy or Acting added or "
        "dropped, or a different rank. A rank abbreviated or written short (\u201cLt. Col.\u201d "
        "for \u201cLieutenant Colonel\u201d, \u201cGen.\u201d for \u201cBrigadier General\u201d) is "
        "low severity. Adding detail at either end "
        "(\u201cMinister\u201d / \u201cMinister of Finance\u201d / \u201cMoldovan Minister of "
        "Finance\u201d) is not a variant.",
        why="An official's exact title is a fact: a wrong portfolio or rank misinforms "
        "readers and is a common correction request.",
        example="a:4 'Ivan Petrenko, Minister of Finance' and b:2 'Ivan Petrenko, Minister of "
        "Public Finance': Ivan Petrenko's title is worded differently.",
        action="Check the title on the official site of the person's office and use the exact "
        "form; for ranks, write the full rank at first mention.",
        false_positives="A person who really changed office between the events reported; "
        "informal translations of a foreign title.",
        options="thresholds.title_similarity (rapidfuzz ratio for two wordings of one title, "
        "default 75); data/rank_abbreviations.csv (ranks, abbreviations, modifiers).",
    ),
    run=entity_check("title", _severity, _identity, _fields),
)
