"""docs/kinds.md is the same text `checker explain` prints, generated from the registry.
A kind added, renamed or re-documented without regenerating the page fails here;
regenerate with `make docs`."""

from __future__ import annotations

import os
from pathlib import Path

from checker.checks import REGISTRY
from checker.report.docs import kinds_markdown

PAGE = Path(__file__).resolve().parent.parent / "docs" / "kinds.md"
HEADER = "# Finding kinds\n\nGenerated from the registry by `make docs`; `checker explain KIND` prints the same text.\n\n"


def test_docs_kinds_page_matches_the_registry():
    expected = HEADER + kinds_markdown(REGISTRY)
    if os.environ.get("CHECKER_UPDATE_DOCS"):
        PAGE.write_text(expected, encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == expected, "docs/kinds.md is stale: run `make docs`"
