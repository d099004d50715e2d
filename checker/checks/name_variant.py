"""name_variant: one person's name spelled differently, across sources or inside one."""

from __future__ import annotations

from checker.checks.entity_variant import Variants, entity_check, within_note
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import KindDoc, Scope


def _severity(v: Variants) -> Severity:
    # An article that spells one person two ways is wrong in at least one place, whatever
    # the other sources say: that is an error in our own copy, so it ranks higher.
    return Severity.HIGH if v.sources_with_several else Severity.MEDIUM


def _identity(v: Variants, ctx: CheckContext) -> tuple[str, ...]:
    return ("person",)


def _fields(v: Variants, ctx: CheckContext) -> tuple[tuple[str, str], ...]:
    return within_note(v)


CHECK = Check(
    code="CK101",
    kind="name_variant",
    severity=Severity.MEDIUM,
    scope=Scope.ENTITY,
    summary="One person, spelled differently: {values}{within}",
    doc=KindDoc(
        what="A person whose name is spelled in two or more ways (a changed letter or vowel, "
        "a transliteration such as -iyev/-iev), across sources or inside one article. Case, "
        "accents, apostrophes, hyphens, an initial or a missing middle name are not variants.",
        why="A misspelt name is the most visible error a newsroom can publish, and it breaks "
        "search and archives. Inside one article it is certainly wrong in one place.",
        example="a:3 'Colonel Olena Kovalenko, head of the Rail Agency' and b:2 'Col. Olena "
        "Kovalenco, head of the Rail Agency': one person, spelled \u201cOlena Kovalenko\u201d vs "
        "\u201cOlena Kovalenco\u201d; most sources write \u201cOlena Kovalenko\u201d.",
        action="Check the spelling against a primary source (the person's own organisation, an "
        "official list) and use one form everywhere. The spelling most sources use is "
        "listed first; it is a hint, not proof.",
        false_positives="Two different people with very close names, the same given name and no "
        "role stated (e.g. relatives); people named side by side in one sentence, or with "
        "roles that do not fit, are kept apart. Deliberate transliteration choices of one "
        "outlet.",
        options="thresholds.name_similarity (whole-name rapidfuzz ratio, default 75); "
        "data/name_folding.csv (transliteration folds). Severity is high when one article "
        "itself uses two spellings, medium otherwise.",
    ),
    run=entity_check("person", _severity, _identity, _fields),
)
