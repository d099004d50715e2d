"""Kind documentation as text: `checker explain` and the README's list of kinds."""

from __future__ import annotations

from collections.abc import Sequence

from tabulate import tabulate

from checker.findings.check import Check


def kind_doc_text(check: Check) -> str:
    d = check.doc
    lines = [
        f"{check.code} {check.kind} (default severity: {check.severity.label}"
        f"{', preview' if check.preview else ''})",
        "",
        f"What it flags: {d.what}",
        f"Why it matters: {d.why}",
        f"Example: {d.example}",
        f"What to do: {d.action}",
        f"Known false positives: {d.false_positives}",
        f"Options: {d.options}",
    ]
    return "\n".join(lines)


def kinds_table(registry: Sequence[Check]) -> str:
    rows = [(c.code, c.kind, c.severity.label, c.scope.value, c.doc.what) for c in registry]
    return tabulate(rows, headers=["code", "kind", "severity", "scope", "what it flags"],
                    tablefmt="simple", maxcolwidths=[None, None, None, None, 60])
