"""findings.csv: one row per finding x evidence, for spreadsheets. Rows come in the report's
order (findings as in consistency.json, evidence by source and line); a finding without
evidence still gets one row with the evidence columns empty.

FINDINGS_CSV_COLUMNS (columns are added at the end, never renamed or dropped)
    fingerprint  the finding's fingerprint (what `checker decide` takes)
    code, kind, severity, summary
    values       the finding's values, " | "-separated, most-used first
    source, line the evidence: article id and 1-based line
    claim        the claim id of the evidence
    value        the value as written in that claim
    quote        the claim's text
    start, end   character offsets of `value` in the article (-1 when unknown)
    subject      what the finding is about
    suggestion   what to do, or the likely-right value
    decision     the editor's decision (accepted | dismissed | confirmed ...), "" if none
    new          yes | no against the baseline, "" without a baseline

Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a
carriage return) get a leading apostrophe, the usual guard against CSV formula injection;
consistency.json keeps the text exactly.
"""

from __future__ import annotations

import csv
import io

from checker.api import CheckResult
from checker.report.view import annotation, ordered_findings

FINDINGS_CSV_COLUMNS = [
    "fingerprint", "code", "kind", "severity", "summary", "values",
    "source", "line", "claim", "value", "quote",
    "start", "end", "subject", "suggestion", "decision", "new",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def render_csv(result: CheckResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FINDINGS_CSV_COLUMNS)
    for f in ordered_findings(result.findings):
        note = annotation(f)
        new = "" if note.new is None else ("yes" if note.new else "no")
        head = [f.fingerprint, f.code, f.kind, f.severity.label, spreadsheet_safe(f.summary),
                spreadsheet_safe(" | ".join(f.values))]
        tail = [spreadsheet_safe(f.subject), spreadsheet_safe(f.suggestion), note.status, new]
        if not f.evidence:
            writer.writerow([*head, "", "", "", "", "", "", "", *tail])
        for e in f.evidence:
            writer.writerow([*head, e.source, e.line, e.claim_id, spreadsheet_safe(e.value),
                             spreadsheet_safe(e.quote), e.start, e.end, *tail])
    return out.getvalue()
