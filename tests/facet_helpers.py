"""Run the organisation and person extractors over lines of a text, as the facets stage does
(orgs first, persons seeing them), without the other extractors."""

from __future__ import annotations

from pathlib import Path

from checker.facets import orgs, persons
from checker.facets.base import ArticleContext, Facet, Segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def line_facets(text: str, line: int, kind: str | None = None) -> list[Facet]:
    """Facets of one line (1-based) of `text`, the whole text being the article."""
    start = 0
    lines = text.split("\n")
    for ln in range(line - 1):
        start += len(lines[ln]) + 1
    body = lines[line - 1]
    seg = Segment(f"t:{line}", "t", start, start + len(body), body, "claim")
    ctx = ArticleContext("t", text, "", "")
    found = orgs.extract(seg, [], ctx)
    found += persons.extract(seg, found, ctx)
    return [f for f in found if kind is None or f.facet == kind]


def by_value(facets: list[Facet]) -> dict[str, Facet]:
    return {f.value: f for f in facets}
