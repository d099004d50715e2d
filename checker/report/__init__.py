"""Stage 8 - report: pure renderers from a CheckResult to file contents. No I/O here; the CLI
writes the returned contents atomically.

Formats are a closed set, registered once in FORMATS (the CLI's `--format` choices come from
it): md (consistency.md, for editors), json (consistency.json, the machine contract), csv
(findings.csv, for spreadsheets). `render_claims` gives claims/<source>.csv for every
article. Adding a format (e.g. github annotations, SARIF) is one module with
`render_<name>(result) -> str` and one entry here; `checker.report.view` has what it needs
(findings in report order, `annotation(f)` for decisions and "new", `source_paths`).

Every renderer sorts what it shows, so the same result gives the same bytes whatever the
order of the input tables' rows.
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
