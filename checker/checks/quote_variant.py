"""quote_variant: one speaker's direct quote, worded differently by different sources."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

from checker.checks.facet_conflict import conflict_findings
from checker.compare import UNNAMED_SPEAKER, quote_words, word_diff
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.engine import CheckContext, GroupView
from checker.findings.model import Finding, KindDoc, Scope
from checker.lexicon import words

_CHANGED = re.compile(r"[-+]\u201c([^\u201d]*)\u201d")


def quote_severity(diff: str) -> Severity:
    """Medium when the words dropped or added include a number or a word that can turn the
    meaning (data/quote_sensitive_words.txt); low for rewording."""
    sensitive = words("quote_sensitive_words")
    for changed in _CHANGED.findall(diff):
        for word in changed.split():
            if word in sensitive or any(ch.isdigit() for ch in word):
                return Severity.MEDIUM
    return Severity.LOW


def changes_from_first(values: tuple[str, ...]) -> str:
    """What each other wording drops and adds against the first (the most sources'):
    one direction for every pair, whichever claim each comparison happened to list first."""
    first = list(quote_words(values[0]))
    return "; ".join(word_diff(first, list(quote_words(v))) for v in values[1:])


def _unnamed_speakers_named(group: GroupView) -> GroupView:
    """The group with the quotes of an unnamed speaker (compare.UNNAMED_SPEAKER: "said the
    Dane" in two sources) given the speaker another pair of the group names for one of their
    wordings, so that one quotation is one finding."""
    named: dict[tuple[str, str], str] = {}
    for r in group.comparisons:
        if r["facet"] == "quote" and r["subject"] != UNNAMED_SPEAKER:
            for p in ("a", "b"):
                named.setdefault((r[f"{p}_claim"], r[f"{p}_norm"]), r["subject"])
    if not named:
        return group

    def renamed(r: dict[str, Any]) -> dict[str, Any]:
        if r["facet"] != "quote" or r["subject"] != UNNAMED_SPEAKER:
            return r
        name = named.get((r["a_claim"], r["a_norm"])) or named.get((r["b_claim"], r["b_norm"]))
        return {**r, "subject": name} if name else r

    return dataclasses.replace(group, comparisons=tuple(renamed(r) for r in group.comparisons))


def find_quote_variants(group: GroupView, ctx: CheckContext) -> Iterator[Finding]:
    for finding in conflict_findings(_unnamed_speakers_named(group), ctx, "quote", Severity.LOW,
                                     subject_of="subject", verdict="compatible"):
        diff = changes_from_first(finding.values) or dict(finding.fields).get("note", "")
        fields = tuple((k, diff if k == "note" else v) for k, v in finding.fields)
        yield dataclasses.replace(finding, severity=quote_severity(diff), fields=fields,
                                  suggestion="Quote the speaker's exact words from the "
                                  "recording or transcript; mark paraphrase as paraphrase.")


CHECK = Check(
    code="CK205",
    kind="quote_variant",
    severity=Severity.LOW,
    scope=Scope.GROUP,
    summary="{subject} is quoted in different words: {values} (changes: {note})",
    doc=KindDoc(
        what="A direct quote of one speaker that sources give in different words (the same "
        "quote: similar words, same speaker), with the word-level difference. A quote whose "
        "speaker a source does not name ('said the Dane') is the same quote when its words are "
        "nearly all the same (at least 85 token_set_ratio and six words); its speaker is the "
        "one another source names, else 'An unnamed speaker'.",
        why="Quotation marks promise the speaker's exact words. Two wordings mean at least "
        "one outlet paraphrased inside quotation marks; a dropped 'not' changes the meaning.",
        example="a:7 '\u201cWe will reopen the bridge by spring,\u201d Mayor Ana Ruiz said' and b:4 "
        "'\u201cWe hope to reopen the bridge by spring,\u201d Ruiz said': -\u201cwill\u201d "
        "+\u201chope to\u201d.",
        action="Check the recording or transcript and quote it exactly, or turn the sentence "
        "into reported speech.",
        false_positives="Translations of one quote by different outlets; a speaker who said "
        "similar things twice.",
        options="quote_similarity",
    ),
    run=find_quote_variants,
)
