"""The short summary printed on the terminal after a check."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from tabulate import tabulate

from checker.api import CheckResult
from checker.config import Severity


def terminal_summary(result: CheckResult, written: Sequence[Path]) -> str:
    t = result.tables
    kept = int(t.claims["compared"].sum()) if not t.claims.empty else 0
    head = (f"checked {len(t.articles)} articles: {kept} claims compared, "
            f"{len(t.claims) - kept} segments left out, {len(result.findings)} findings")
    counts = Counter((f.kind, f.severity) for f in result.findings)
    rows = [(kind, sev.label, n) for (kind, sev), n in
            sorted(counts.items(), key=lambda kv: (-int(kv[0][1]), kv[0][0]))]
    lines = [head]
    if rows:
        lines += ["", tabulate(rows, headers=["kind", "severity", "count"], tablefmt="simple")]
    skipped = len(t.problems[t.problems["severity"] == "error"])
    if skipped:
        lines.append(f"\n{skipped} input(s) skipped; see the report's 'Skipped inputs'.")
    lines += ["", *(f"report: {p}" for p in written)]
    return "\n".join(lines)


__all__ = ["Severity", "terminal_summary"]
