"""A check: metadata plus a function, like a linter rule. One module per kind in
`checker/checks/`, listed in the one registry `checker.checks.REGISTRY`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from checker.config import Severity
from checker.findings.model import Finding, KindDoc, Scope


@dataclass(frozen=True)
class Check:
    code: str  # permanent, never reused: "CK101"
    kind: str  # kebab/snake name of the problem: "name_variant"
    severity: Severity  # default severity; a check may lower it per finding (e.g. rank abbreviations)
    scope: Scope
    #: One-line summary template. Fields: {subject}, {values} ("A" vs "B"), {first},
    #: {others}, {sources}, {n_sources}, plus the finding's own `fields`.
    summary: str
    doc: KindDoc
    #: CLAIM: run(claim, ctx); GROUP: run(group, ctx); ENTITY: run(entity, ctx); CORPUS: run(ctx)
    run: Callable[..., Iterable[Finding]]
    preview: bool = False
    aliases: tuple[str, ...] = field(default=())

    def render_summary(self, finding: Finding) -> str:
        values = finding.values
        fields: dict[str, Any] = {
            "subject": finding.subject,
            "values": " vs ".join(f"\u201c{v}\u201d" for v in values),
            "first": values[0] if values else "",
            "others": ", ".join(f"\u201c{v}\u201d" for v in values[1:]),
            "sources": ", ".join(finding.sources),
            "n_sources": len(finding.sources),
        }
        fields.update(dict(finding.fields))
        return self.summary.format(**fields)

    def matches(self, selector: str) -> bool:
        selector = selector.strip().lower()
        names = {self.code.lower(), self.kind, *self.aliases}
        return selector in names or (len(selector) >= 3 and self.code.lower().startswith(selector))
