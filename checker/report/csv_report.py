"""findings.csv: one row per finding x evidence, for spreadsheets."""

from __future__ import annotations

import csv
import io

from checker.api import CheckResult

FINDINGS_CSV_COLUMNS = [
    "fingerprint", "code", "kind", "severity", "summary", "values",
    "source", "line", "claim", "value", "quote",
]


def render_csv(result: CheckResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FINDINGS_CSV_COLUMNS)
    for f in result.findings:
        for e in f.evidence or ():
            writer.writerow([f.fingerprint, f.code, f.kind, f.severity.label, f.summary,
                             " | ".join(f.values), e.source, e.line, e.claim_id, e.value, e.quote])
    return out.getvalue()
