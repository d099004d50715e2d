"""consistency.json: the machine contract. Fields are added freely, never renamed or dropped.
Keys are sorted, findings come in a fixed order, and there is no timestamp."""

from __future__ import annotations

import json
import math
from typing import Any

from checker import __version__
from checker.api import CheckResult
from checker.findings.model import Finding

SCHEMA = "checker.report/1"


def _clean(value: Any) -> Any:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _clean(value.item())
    return value


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "id": f.fingerprint,
        "code": f.code,
        "kind": f.kind,
        "severity": f.severity.label,
        "summary": f.summary,
        "subject": f.subject,
        "values": list(f.values),
        "evidence": [
            {"source": e.source, "line": e.line, "quote": e.quote, "claim": e.claim_id, "value": e.value}
            for e in f.evidence
        ],
        "score": _clean(f.score),
        "method": f.method,
        "suggestion": f.suggestion,
        "fingerprint": f.fingerprint,
    }


def report_dict(result: CheckResult) -> dict[str, Any]:
    t = result.tables
    sources = [
        {"id": a.source, "path": a.path, "title": a.title, "date": a.published,
         "outlet": a.outlet, "url": a.url, "encoding": a.encoding}
        for a in t.articles.itertuples(index=False)
    ]
    claims = [
        {"id": c["claim_id"], "source": c["source"], "line": int(c["line"]), "text": c["text"],
         "class": c["class"], "reason": c["reason"], "start": int(c["start"]), "end": int(c["end"]),
         "unit": c["unit"], "parent": c["parent"], "speaker": c["speaker"]}
        for c in t.claims.to_dict("records")
    ]
    groups = []
    for gid, rows in t.groups.groupby("group_id", sort=False):
        groups.append({"id": gid, "claims": list(rows["claim_id"]),
                       "sources": sorted(set(rows["source"])), "status": rows["status"].iloc[0]})
    groups.sort(key=lambda g: int(g["id"][1:]) if g["id"][1:].isdigit() else g["id"])
    skipped = [
        {"path": p.path, "code": p.code, "severity": p.severity, "message": p.message}
        for p in t.problems.itertuples(index=False)
    ]
    return {
        "schema": SCHEMA,
        "checker_version": __version__,
        "sources": sources,
        "claims": claims,
        "groups": groups,
        "findings": [finding_dict(f) for f in result.findings],
        "skipped": skipped,
    }


def render_json(result: CheckResult) -> str:
    return json.dumps(report_dict(result), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
