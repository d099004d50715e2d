"""consistency.md: the report an editor opens."""

from __future__ import annotations

from checker.api import CheckResult
from checker.report.escape import cell, inline


def render_markdown(result: CheckResult) -> str:
    t = result.tables
    out = ["# Consistency report", ""]
    out += ["## Sources", "", "| id | title | date | claims kept | left out |", "|---|---|---|---:|---:|"]
    for a in t.articles.itertuples(index=False):
        rows = t.claims[t.claims["source"] == a.source]
        kept = int(rows["compared"].sum())
        out.append(f"| {cell(a.source)} | {cell(a.title)} | {cell(a.published)} | {kept} | {len(rows) - kept} |")
    out += ["", "## Findings", ""]
    if not result.findings:
        out.append("No findings.")
    for f in result.findings:
        out.append(f"- **{f.severity.label}** `{f.code}` {f.kind}: {inline(f.summary)}")
        for e in f.evidence:
            out.append(f"  - {inline(e.source)}:{e.line} \u2014 {inline(e.quote)}")
    return "\n".join(out) + "\n"
