"""reference_conflict: a claim that contradicts a fact an editor verified (the reference
ledger, claims/reference.csv) or a canonical form an editor set (`checker decide
--canonical`). The comparison rules are in `checker.workflow.reference`; this module turns
its conflicts into findings, one per fact, article and value as written."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.textutil import match_key
from checker.workflow.reference import ReferenceCheck, ReferenceFact, match_references


def find_reference_conflicts(ctx: CheckContext) -> Iterator[Finding]:
    facts = getattr(ctx.config, "reference_facts", ())
    if not facts:
        return
    conflicts: dict[tuple, list[ReferenceCheck]] = defaultdict(list)
    for c in match_references(ctx.tables, facts, ctx.config.thresholds):
        if c.verdict == "conflict":
            conflicts[(c.fact, c.source, c.compared or match_key(c.value))].append(c)
    for (fact, source, compared), checks in sorted(conflicts.items(), key=lambda kv: (kv[0][0].key, kv[0][1], kv[0][2])):
        checks.sort(key=ReferenceCheck.sort_key)
        written = checks[0].value
        reference = origin(fact)
        yield Finding(
            code="", kind="", severity=max(c.severity for c in checks),
            values=(written, fact.value),
            evidence=tuple(Evidence(source=c.source, line=c.line, quote=c.quote, claim_id=c.claim_id,
                                    value=c.value, start=c.start, end=c.end) for c in checks),
            subject=fact.subject,
            identity=(fact.attribute, fact.subject, fact.value, source, compared),
            method="; ".join(sorted({c.detail for c in checks if c.detail})),
            suggestion=f"Write \u201c{fact.value}\u201d ({reference})",
            fields=(("attribute", fact.attribute), ("reference", fact.value), ("origin", reference),
                    ("source", source)),
        )


def origin(fact: ReferenceFact) -> str:
    """Where the fact comes from, for an editor: "<source>, verified by X on D" or "canonical
    form set by X on D in decision <fingerprint>"."""
    who = " ".join(p for p in (f"by {fact.verified_by}" if fact.verified_by else "",
                               f"on {fact.verified_on}" if fact.verified_on else "") if p)
    if fact.decision:
        return " ".join(p for p in ("canonical form set", who, f"in decision {fact.decision}") if p)
    return (fact.source or "the reference ledger") + (f", verified {who}" if who else "")


CHECK = Check(
    code="CK401",
    kind="reference_conflict",
    severity=Severity.HIGH,
    # Each finding is about claims, but resolving a fact's subject needs the whole run's
    # entities and claims at once, so the check sees the corpus.
    scope=Scope.CORPUS,
    summary="{source} writes \u201c{first}\u201d for the {attribute} of {subject}; the reference "
            "says \u201c{reference}\u201d ({origin})",
    doc=KindDoc(
        what="A claim that contradicts a fact in the reference ledger (claims/reference.csv: a "
        "date, place, figure, title, role, spelling or person an editor verified from a primary "
        "source), or a name, organisation or title written otherwise than the canonical form an "
        "editor set with `checker decide --canonical`. Claims that match a fact are listed as "
        "verified.",
        why="The ledger is what the newsroom knows to be true; an article that contradicts it is "
        "wrong whatever the other sources say, even when only one source is left using the "
        "other form.",
        example="reference.csv 'rail accord signed,date,2025-03-14,https://transport.example/"
        "release-88,desk,2025-03-15'; a:4 'The rail accord was signed on 17 March 2025' is a "
        "reference_conflict: a writes \u201c17 March 2025\u201d, the reference says "
        "\u201c2025-03-14\u201d.",
        action="Correct the article to the reference value, or, when the source is right and the "
        "ledger is out of date, correct the ledger (and its source).",
        false_positives="A date, place or figure subject whose words also appear in claims about "
        "something else (use specific words); a claim naming one other person beside the fact "
        "(attribute person, medium severity); a person who changed office after the fact was "
        "verified. A shortened rank against a full one is low severity.",
        options="--reference PATH (default CLAIMS_DIR/reference.csv); --decisions PATH for "
        "canonical forms; thresholds.figure_tolerance, name_similarity, title_similarity.",
    ),
    run=find_reference_conflicts,
)
