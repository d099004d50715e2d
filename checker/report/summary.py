"""The short summary printed on the terminal after a check: counts, the top high findings
and where the reports are. It fits one screen (at most about 25 lines for the twelve kinds);
article text in it is cleaned of control characters (no terminal escape sequences) and cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from tabulate import tabulate

from checker.api import CheckResult
from checker.config import Severity
from checker.report.escape import truncate
from checker.report.view import (
    AGREEMENT_KIND,
    SEVERITIES,
    annotation,
    group_status_counts,
    group_summaries,
    kind_severity_counts,
    ordered_findings,
    source_summaries,
    text,
)

#: How many high findings the summary names, and how wide a summary line may get.
TOP_FINDINGS = 3
LINE_WIDTH = 100


def terminal_summary(result: CheckResult, written: Sequence[Path]) -> str:
    t = result.tables
    sources = source_summaries(t)
    groups = group_status_counts(group_summaries(t))
    findings = [f for f in ordered_findings(result.findings) if not annotation(f).decided]
    decided = len(result.findings) - len(findings)
    skipped = int((t.problems["severity"].map(text) == "error").sum()) if not t.problems.empty else 0

    lines = [
        f"checked {len(sources)} articles: {sum(s.kept for s in sources)} claims compared, "
        f"{sum(s.left_out for s in sources)} segments left out"
        + (f", {skipped} input{'s' if skipped != 1 else ''} skipped" if skipped else ""),
        f"claim groups: {groups['corroborated']} corroborated, {groups['conflicting']} conflicting, "
        f"{groups['single_source']} single-source",
    ]
    per_kind = kind_severity_counts(findings)
    if per_kind:
        rows = [[kind, code, *(counts[s.label] or "" for s in SEVERITIES)] for kind, code, counts in per_kind]
        totals = [sum(c[s.label] for _, _, c in per_kind) for s in SEVERITIES]
        rows.append(["total", "", *totals])
        lines += ["", tabulate(rows, headers=["kind", "code", *(s.label for s in SEVERITIES)],
                               tablefmt="simple", disable_numparse=True,
                               colalign=("left", "left", *(["right"] * len(SEVERITIES))))]
    else:
        lines += ["", "no findings"]
    if decided:
        lines.append(f"({decided} decided findings not counted)")
    high = [f for f in findings if f.severity == Severity.HIGH and f.kind != AGREEMENT_KIND]
    if high:
        lines += ["", "top high findings:"]
        for f in high[:TOP_FINDINGS]:
            where = f"{f.evidence[0].source}:{f.evidence[0].line} " if f.evidence else ""
            lines.append("  " + truncate(f"{f.code} {where}{f.summary}", LINE_WIDTH - 2))
        if len(high) > TOP_FINDINGS:
            lines.append(f"  ... and {len(high) - TOP_FINDINGS} more in the report")
    if skipped:
        lines += ["", f"{skipped} input{'s' if skipped != 1 else ''} skipped: see 'Skipped inputs' in the report"]
    if written:
        lines += ["", *(f"report: {truncate(str(p), LINE_WIDTH - 8)}" for p in written)]
    return "\n".join(lines)


__all__ = ["Severity", "terminal_summary"]
