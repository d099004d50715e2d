"""What a finding is. A finding is frozen data; its message is rendered from its kind's
template, so rewording a template never changes a finding's identity (its fingerprint)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from checker.config import Severity
from checker.textutil import match_key

if TYPE_CHECKING:
    from checker.workflow.decisions import Decision


class Scope(StrEnum):
    """What a check looks at; the engine does the looping."""

    CLAIM = "claim"  # one claim at a time
    GROUP = "group"  # one group of matched claims from several sources
    ENTITY = "entity"  # one resolved entity (person, organisation, title) and its mentions
    CORPUS = "corpus"  # the whole run at once


@dataclass(frozen=True)
class Evidence:
    source: str
    line: int
    quote: str  # the claim's text as written
    claim_id: str = ""
    value: str = ""  # the value as written in this claim (one of the finding's values)
    start: int = -1  # character offsets of `value` in the source's text, when known
    end: int = -1


@dataclass(frozen=True)
class KindDoc:
    """`checker explain KIND` prints this. A test fails if any field is empty."""

    what: str  # what it flags
    why: str  # why it matters to an editor
    example: str  # a short flagged example
    action: str  # how to resolve it
    false_positives: str  # known false alarms
    options: str = "none"  # options that tune it


@dataclass(frozen=True)
class Finding:
    code: str
    kind: str
    severity: Severity
    #: The differing values as written, most-used first (for single-value kinds, one value).
    values: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    #: What the finding is about: a person, an organisation, a group's assertion.
    subject: str = ""
    #: The key that identifies the finding, independent of wording and of unrelated articles.
    identity: tuple[str, ...] = ()
    #: Match score (0-100) and how it was computed; empty when not fuzzy.
    score: float | None = None
    method: str = ""
    #: What to do, or the likely-right value.
    suggestion: str = ""
    #: Template fields for the summary beyond subject/values.
    fields: tuple[tuple[str, str], ...] = field(default=())
    #: Filled in by the engine after rendering the kind's template.
    summary: str = ""
    #: The editor's decision on this finding (checker.workflow.decisions.Decision), if any.
    decision: Decision | None = None
    #: With a baseline: True when the baseline does not hold this finding; None without one.
    new: bool | None = None

    @cached_property  # every renderer's sort asks again; a finding never changes
    def fingerprint(self) -> str:
        key = self.identity or (self.subject, *sorted(self.values))
        text = "\x1f".join([self.kind, *(match_key(part) for part in key)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(sorted({e.source for e in self.evidence}))

    def sort_key(self) -> tuple:
        first = self.evidence[0] if self.evidence else Evidence("", 0, "")
        return (-int(self.severity), self.kind, first.source, first.line, self.fingerprint)
