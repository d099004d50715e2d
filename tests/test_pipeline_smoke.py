"""The library API runs every stage on the seeds and returns the documented tables."""

from __future__ import annotations

from checker.api import check_paths
from checker.compare import COMPARISON_COLUMNS
from checker.facets import FACET_COLUMNS
from checker.ingest import ARTICLE_COLUMNS, PROBLEM_COLUMNS
from checker.match import GROUP_COLUMNS
from checker.resolve import ENTITY_COLUMNS, MENTION_COLUMNS
from checker.segment import CLAIM_COLUMNS


def test_every_stage_returns_its_documented_columns(seeds_dir):
    result = check_paths([seeds_dir])
    t = result.tables
    assert list(t.articles.columns) == ARTICLE_COLUMNS
    assert list(t.problems.columns) == PROBLEM_COLUMNS
    assert list(t.claims.columns) == CLAIM_COLUMNS
    assert list(t.facets.columns) == FACET_COLUMNS
    assert list(t.mentions.columns) == MENTION_COLUMNS
    assert list(t.entities.columns) == ENTITY_COLUMNS
    assert list(t.groups.columns) == GROUP_COLUMNS
    assert list(t.comparisons.columns) == COMPARISON_COLUMNS
    assert sorted(t.articles["source"]) == sorted(p.stem for p in seeds_dir.glob("*.txt"))
