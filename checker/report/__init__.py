"""Stage 8 - report: pure renderers from a CheckResult to file contents. No I/O here; the CLI
writes the contents atomically (checker.atomic).

Formats are a closed set, registered once in FORMATS (the CLI's `--format` choices come from
it): md (consistency.md, for editors), json (consistency.json, the machine contract), csv
(findings.csv, for spreadsheets), sarif (consistency.sarif, SARIF 2.1.0 for code-scanning
tools), github (GitHub Actions annotations, printed on stdout: its file name is "").
`render_claims` gives claims/<source>.csv for every article. Adding a format is one module
with `render_<name>(result) -> str` and one entry here; `checker.report.view` has what it
needs (findings in report order, `annotation(f)` for decisions and "new", `source_paths`).

`output_files` is what `checker check` writes: path -> a function giving the file's text in
pieces, called only when that file is written, so an archive's reports (about a gigabyte
for 10,000 articles) are never in memory together; the JSON report, most of that, is
itself written in chunks (`json_report.json_pieces`).

Every renderer sorts what it shows, so the same result gives the same bytes whatever the
order of the input tables' rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

import pandas as pd

from checker.api import CheckResult
from checker.atomic import Content
from checker.report.claims_csv import render_claims
from checker.report.csv_report import render_csv
from checker.report.github import render_github
from checker.report.json_report import json_pieces, render_json
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

#: formats written in pieces (checker.atomic.Content) rather than rendered whole
_IN_PIECES: dict[str, Callable[[CheckResult], Iterator[str]]] = {"json": json_pieces}


def output_files(result: CheckResult, formats: Iterable[str], out: Path,
                 claims_dir: Path) -> dict[Path, Callable[[], Content]]:
    """What `checker check` writes for `formats` (those with a file name) and the claims
    files: path -> a function rendering the file, called only when the file is written
    (checker.atomic.LazyFiles: write_all_atomic writes them one at a time)."""
    files: dict[Path, Callable[[], Content]] = {
        out / FORMATS[fmt][0]: partial(report_content, fmt, result) for fmt in formats if FORMATS[fmt][0]}
    files.update(claims_files(claims_dir, result.tables.claims, result.tables.facets))
    return files


def claims_files(claims_dir: Path, claims: pd.DataFrame, facets: pd.DataFrame) -> dict[Path, Callable[[], Content]]:
    """claims/<source>.csv -> a function rendering it."""
    rendered = render_claims(claims, facets)
    return {claims_dir / f"{source}.csv": partial(rendered.__getitem__, source) for source in rendered}


def report_content(fmt: str, result: CheckResult) -> Content:
    """The text of format `fmt` for `result`: whole, or in pieces for the formats in
    _IN_PIECES (rendered as the pieces are read)."""
    if fmt in _IN_PIECES:
        return _IN_PIECES[fmt](result)
    return FORMATS[fmt][1](result)


__all__ = [
    "FORMATS",
    "claims_files",
    "output_files",
    "render_claims",
    "render_csv",
    "render_github",
    "render_json",
    "render_markdown",
    "render_sarif",
    "report_content",
]
