"""`--format sarif`: consistency.sarif, SARIF 2.1.0 for code-scanning tools.

One run; `tool.driver.rules` is the finding-kind registry (id = code, name = kind, the
descriptions and help from the kind's KindDoc); one result per finding that is not an
agreement, with its level (high -> error, medium and low -> warning, info -> note), its
summary as the message, one location per article and line of its evidence (uri = the
article's path, region.startLine, the quoted claim as snippet), and our fingerprint in
`partialFingerprints` so tools track it across runs. Decided findings carry an external
suppression with the decision as justification; with a baseline, `baselineState` is new or
unchanged. Keys are sorted and there is no timestamp: the same input gives the same bytes.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.checks import REGISTRY
from checker.config import Severity
from checker.findings.check import Check
from checker.findings.model import Finding
from checker.report.docs import kind_doc_markdown, kind_doc_text
from checker.report.escape import one_line
from checker.report.jsontext import pretty_json
from checker.report.view import AGREEMENT_KIND, annotation, ordered_findings, source_paths

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "warning",
          Severity.INFO: "note"}
FINGERPRINT_KEY = "checker/v1"


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + ("." if dot else "")


def rule(check: Check) -> dict[str, Any]:
    return {
        "id": check.code,
        "name": check.kind,
        "shortDescription": {"text": _first_sentence(check.doc.what)},
        "fullDescription": {"text": f"{check.doc.what} {check.doc.why}"},
        "help": {"text": kind_doc_text(check), "markdown": kind_doc_markdown(check)},
        "defaultConfiguration": {"level": LEVELS[check.severity], "enabled": not check.preview},
        "properties": {"scope": check.scope.value, "severity": check.severity.label},
    }


def artifact_uri(path: str) -> str:
    """A relative or absolute posix path as a URI reference (spaces and the like escaped)."""
    return quote(PurePath(path).as_posix(), safe="/:@-._~!$&'()*+=")


def result_dict(f: Finding, rule_index: int, paths: dict[str, str], with_baseline: bool) -> dict[str, Any]:
    locations = []
    seen: set[tuple[str, int]] = set()
    for e in f.evidence:
        if (e.source, e.line) in seen:
            continue
        seen.add((e.source, e.line))
        region: dict[str, Any] = {"startLine": max(1, e.line)}
        if e.quote:
            region["snippet"] = {"text": e.quote}
        locations.append({"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(paths.get(e.source) or e.source)},
            "region": region,
        }})
    note = annotation(f)
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index,
        "level": LEVELS[f.severity],
        "message": {"text": one_line(f.summary) + (f" {one_line(f.suggestion)}." if f.suggestion else "")},
        "locations": locations,
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {"severity": f.severity.label, "values": list(f.values), "subject": f.subject},
    }
    if note.decided:
        justification = f"{note.status}" + (f": {note.note}" if note.note else "")
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": justification}]
    if with_baseline:
        out["baselineState"] = "new" if note.new else "unchanged"
    return out


def sarif_dict(result: Any) -> dict[str, Any]:
    index = {check.code: i for i, check in enumerate(REGISTRY)}
    paths = source_paths(result)
    with_baseline = any(annotation(f).new is not None for f in result.findings)
    findings = [f for f in ordered_findings(result.findings) if f.kind != AGREEMENT_KIND and f.code in index]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "checker",
                "version": __version__,
                "rules": [rule(check) for check in REGISTRY],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [result_dict(f, index[f.code], paths, with_baseline) for f in findings],
        }],
    }


def render_sarif(result: Any) -> str:
    return pretty_json(sarif_dict(result))
