"""quotes facets. (Being written: returns nothing yet.)"""

from __future__ import annotations

from collections.abc import Sequence

from checker.facets.base import ArticleContext, Facet, Segment


def extract(segment: Segment, found: Sequence[Facet], ctx: ArticleContext) -> list[Facet]:
    return []
