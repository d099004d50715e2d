"""dates facets. (Being written: returns nothing yet.)"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from checker.facets.base import ArticleContext, Facet, Segment


def extract(segment: Segment, found: Sequence[Facet], ctx: ArticleContext) -> list[Facet]:
    return []


def resolve_across_sources(facets: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Resolve ambiguous numeric dates by the article's own conventions or other sources."""
    return facets
