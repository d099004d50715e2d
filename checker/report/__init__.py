"""Stage 8 - report: pure renderers from a CheckResult to file contents. No I/O here; the CLI
writes the returned contents atomically.

Formats are a closed set: md (consistency.md), json (consistency.json), csv (findings.csv).
`render_claims` gives claims/<source>.csv for every article.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.report.claims_csv import render_claims
from checker.report.csv_report import render_csv
from checker.report.json_report import render_json
from checker.report.markdown import render_markdown

#: format name -> (file name, renderer)
FORMATS: dict[str, tuple[str, Callable[..., str]]] = {
    "md": ("consistency.md", render_markdown),
    "json": ("consistency.json", render_json),
    "csv": ("findings.csv", render_csv),
}

__all__ = ["FORMATS", "render_claims", "render_csv", "render_json", "render_markdown"]
