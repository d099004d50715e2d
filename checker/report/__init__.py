"""Stage 8 - report: pure renderers from a CheckResult to file contents. No I/O here; the CLI
writes the returned contents atomically.

Formats are a closed set, registered once in FORMATS (the CLI's `--format` choices come from
it): md (consistency.md, for editors), json (consistency.json, the machine contract), csv
(findings.csv, for spreadsheets), sarif (consistency.sarif, SARIF 2.1.0 for code-scanning
tools), github (GitHub Actions annotations, printed on stdout: its file name is "").
`render_claims` gives claims/<source>.csv for every
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
from checker.report.github import render_github
from checker.report.json_report import render_json
from checker.report.markdown import render_markdown
from checker.report.sarif import render_sarif

#: format name -> (file name, renderer); an empty file name means stdout
FORMATS: dict[str, tuple[str, Callable[..., str]]] = {
    "md": ("consistency.md", render_markdown),
    "json": ("consistency.json", render_json),
    "csv": ("findings.csv", render_csv),
    "sarif": ("consistency.sarif", render_sarif),
    "github": ("", render_github),
}

__all__ = ["FORMATS", "render_claims", "render_csv", "render_github", "render_json", "render_markdown",
           "render_sarif"]
