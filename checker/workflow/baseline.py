"""A baseline: a previous consistency.json (or stories.json of an archive, checker.stories). Findings whose fingerprint it holds are not new;
with a baseline, only new findings count towards `--fail-on` (CI fails on what a change
brings, not on what was already there).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from checker.workflow.decisions import WorkflowInputError, read_text

#: The report schemas a baseline may come from (consistency.json's "schema" field).
BASELINE_SCHEMAS = ("checker.report/1", "checker.stories/1")


@dataclass(frozen=True)
class Baseline:
    path: str
    fingerprints: frozenset[str]

    def __contains__(self, fingerprint: object) -> bool:
        return fingerprint in self.fingerprints


def parse_baseline(text: str, name: str = "consistency.json") -> Baseline:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise WorkflowInputError(name, f"not JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(data, dict) or data.get("schema") not in BASELINE_SCHEMAS:
        raise WorkflowInputError(name, "not a checker report (consistency.json with "
                                 f"schema {' or '.join(BASELINE_SCHEMAS)})")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise WorkflowInputError(name, "its findings are not a list")
    fingerprints = set()
    for n, finding in enumerate(findings, 1):
        fingerprint = finding.get("fingerprint") if isinstance(finding, dict) else None
        if not isinstance(fingerprint, str) or not fingerprint:
            raise WorkflowInputError(name, f"finding {n} has no fingerprint")
        fingerprints.add(fingerprint)
    return Baseline(path=name, fingerprints=frozenset(fingerprints))


def read_baseline(path: Path) -> Baseline:
    """The baseline in `path`; a missing file is an error (it was asked for)."""
    if not path.exists():
        raise WorkflowInputError(path, "baseline report not found")
    return parse_baseline(read_text(path), path.as_posix())
