"""Kind documentation as text: `checker explain` (plain text), the README's list of kinds and
each kind's section (Markdown). The words come from each check's `KindDoc`, so the terminal
and the README say the same thing."""

from __future__ import annotations

from collections.abc import Sequence

from tabulate import tabulate

from checker.findings.check import Check
from checker.findings.model import KindDoc
from checker.report.escape import cell, inline

#: KindDoc field -> the label it gets in `checker explain` and in the README.
DOC_LABELS: tuple[tuple[str, str], ...] = (
    ("what", "What it flags"),
    ("why", "Why it matters"),
    ("example", "Example"),
    ("action", "What to do"),
    ("false_positives", "Known false positives"),
    ("options", "Options"),
)


def missing_doc_fields(doc: KindDoc) -> list[str]:
    """The KindDoc fields that are empty or blank (a test keeps this empty for every kind)."""
    return [name for name, _ in DOC_LABELS if not str(getattr(doc, name, "") or "").strip()]


def _heading(check: Check) -> str:
    return (f"{check.code} {check.kind} (default severity: {check.severity.label}, "
            f"scope: {check.scope.value}{', preview' if check.preview else ''})")


def kind_doc_text(check: Check) -> str:
    """What `checker explain KIND` prints."""
    lines = [_heading(check), ""]
    lines += [f"{label}: {getattr(check.doc, name)}" for name, label in DOC_LABELS]
    if check.aliases:
        lines.append(f"Also known as: {', '.join(check.aliases)}")
    return "\n".join(lines)


def kind_doc_markdown(check: Check) -> str:
    """The README section for one kind (anchor: the kind's name)."""
    lines = [f"### {check.kind} ({check.code})", "",
             f"Default severity **{check.severity.label}**, scope {check.scope.value}"
             f"{', preview (off by default)' if check.preview else ''}.", ""]
    lines += [f"- **{label}:** {inline(getattr(check.doc, name))}" for name, label in DOC_LABELS]
    return "\n".join(lines) + "\n"


def kinds_table(registry: Sequence[Check]) -> str:
    """`checker explain --all`: one line per kind."""
    rows = [(c.code, c.kind, c.severity.label, c.scope.value, c.doc.what) for c in registry]
    return tabulate(rows, headers=["code", "kind", "severity", "scope", "what it flags"],
                    tablefmt="simple", maxcolwidths=[None, None, None, None, 60])


def kinds_markdown(registry: Sequence[Check]) -> str:
    """The README's list of kinds: a table, then one section per kind."""
    rows = ["| code | kind | severity | scope | what it flags |", "|---|---|---|---|---|"]
    rows += [f"| {c.code} | [{c.kind}](#{c.kind}-{c.code.lower()}) | {c.severity.label} | "
             f"{c.scope.value} | {cell(c.doc.what)} |" for c in sorted(registry, key=lambda c: c.code)]
    sections = [kind_doc_markdown(c) for c in sorted(registry, key=lambda c: c.code)]
    return "\n".join(rows) + "\n\n" + "\n".join(sections)
