"""org_variant: one organisation named differently."""

from __future__ import annotations

from checker.checks.entity_variant import Variants, entity_check, within_note
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import KindDoc, Scope


def _severity(v: Variants) -> Severity:
    return Severity.MEDIUM


def _identity(v: Variants, ctx: CheckContext) -> tuple[str, ...]:
    return ("org",)


def _fields(v: Variants, ctx: CheckContext) -> tuple[tuple[str, str], ...]:
    return within_note(v)


CHECK = Check(
    code="CK103",
    kind="org_variant",
    severity=Severity.MEDIUM,
    scope=Scope.ENTITY,
    summary="One organisation, named differently: {values}{within}",
    doc=KindDoc(
        what="An organisation named in two or more ways: the same words in another order "
        "(\u201cCentral Bank of Moldova\u201d / \u201cMoldova Central Bank\u201d), the same "
        "distinctive words with another head noun when one person is said to head both "
        "(\u201cNational Water Authority\u201d / \u201cNational Water Agency\u201d) or when "
        "three words or more are shared (\u201cIllinois Department of Public Health\u201d / "
        "\u201cIllinois Office of Public Health\u201d), a "
        "one-letter spelling change, or one word of a name of three words or more changed "
        "when a single source uses the one name and two or more other sources the other "
        "(\u201cLakeshore Regional Water Board\u201d in one article, \u201cLakeshore "
        "District Water Board\u201d in the others; not a ministry named by its portfolio). A leading article, a nationality adjective, a leading "
        "country before \u201c<Head> of\u201d (\u201cU.S. Department of Health\u201d), a "
        "trailing \u201cof <country>\u201d or a portfolio before a government head noun "
        "(\u201cEducation Ministry\u201d / \u201cMinistry of Education\u201d) is not a variant.",
        why="An organisation's official name is a fact; two names make readers think of two "
        "bodies, and one of them may not exist.",
        example="a:5 'Dina Moraru, head of the National Water Authority' and b:3 'Dina Moraru, "
        "head of the National Water Agency': one organisation, named differently.",
        action="Look up the official name (the body's own site or the government's register) "
        "and use it everywhere.",
        false_positives="A body that was renamed between the events reported; two bodies with "
        "the same words in their names headed by one person (rare); a sister body that only "
        "one outlet mentions, one word apart from the body the others name.",
        options="thresholds.org_similarity (rapidfuzz ratio for one-letter spelling changes of "
        "a word, default 70); data/entity_function_words.txt.",
    ),
    run=entity_check("org", _severity, _identity, _fields),
)
