"""Stage 3 - facets: what each claim asserts. Claims in; (claims with atomic facts appended,
facets) out. Every facet carries character offsets into its article's original text.

FACET_COLUMNS
    claim_id   the claim (or atomic fact) the facet belongs to
    source     the article's id
    facet      person | org | place | metonym | date | figure | quote
    start, end offsets of the facet's text in the article's text
    text       as written ("Colonel (ret.) Ana Ruiz", "6.10.2025", "12%")
    value      normalised value:
                 person  the name without titles ("Ana Ruiz")
                 org     the organisation's name without articles/possessives
                 place   the place's name ("Porto")
                 metonym the country the place stands for ("Portugal")
                 date    ISO 8601: 2025-10-06 | 2025-10 | 2025 | 1990s
                 figure  the number as a plain decimal ("18", "12000", "0.5")
                 quote   the quoted words, normalised
    key        person: surname | org: owner/country if stated | place: ISO country code |
               metonym: ISO country code | date: precision (day, month, year, decade) |
               figure: unit (%, people, hours, USD...) | quote: ""
    role       person: role attached ("head of the National Rail Agency") | quote: speaker
    title      person: rank or title ("Brigadier General (res.)", "Foreign Minister")
    qualifier  figure: approximately | at least | up to | more than | "" ;
               quote: direct | indirect ; place: city | country | region
    noun       figure: what it quantifies ("fare rise"); date: the weekday named beside it
    note       how it was resolved (date ambiguity reason, metonym cue, gazetteer id...)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from checker.facets import dates, figures, orgs, persons, places, quotes
from checker.facets.atomic import atomic_facts
from checker.facets.base import ArticleContext, Extractor, Facet, Segment
from checker.facets.told_elsewhere import reinstate_told_elsewhere
from checker.tables import column_values, empty_frame, row_tuples

FACET_COLUMNS = [
    "claim_id", "source", "facet", "start", "end", "text", "value",
    "key", "role", "title", "qualifier", "noun", "note",
]
FACET_TYPES = ("person", "org", "place", "metonym", "date", "figure", "quote")

#: In this order: each extractor sees what the earlier ones found in the segment, so that a
#: name inside a quote, a place inside an organisation's name, or a number inside a date is
#: not taken twice.
EXTRACTORS: tuple[Extractor, ...] = (
    quotes.extract,
    dates.extract,
    figures.extract,
    orgs.extract,
    persons.extract,
    places.extract,
)

__all__ = ["FACET_COLUMNS", "FACET_TYPES", "ArticleContext", "Facet", "FacetResult", "Segment",
           "article_facet_rows", "cross_source_facets", "extract_facets"]


@dataclass(frozen=True)
class FacetResult:
    claims: pd.DataFrame  # the input claims plus atomic facts (unit == "fact")
    facets: pd.DataFrame


def extract_facets(claims: pd.DataFrame, articles: pd.DataFrame) -> FacetResult:
    return cross_source_facets(claims, article_facet_rows(claims, articles), articles)


def article_facet_rows(segments: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """The facet extractors run over every segment of every article: the per-article part of
    `extract_facets`, which checker.extract runs per slice of articles (on a worker pool, for
    the cache, on Dask)."""
    rows: list[tuple] = []
    by_source = _segments_by_source(segments)
    for art in row_tuples(articles):
        segs = by_source.get(art.source)
        if segs is None:
            continue
        ctx = ArticleContext(source=art.source, text=art.text, published=art.published or "",
                             title=art.title)
        for claim_id, source, start, end, cls, speaker in segs:
            start, end = int(start), int(end)
            seg = Segment(claim_id=claim_id, source=source, start=start, end=end,
                          text=art.text[start:end], cls=cls, speaker=speaker)
            found: list[Facet] = []
            for extractor in EXTRACTORS:
                found.extend(extractor(seg, found, ctx))
            rows.extend(f.row(seg.claim_id, seg.source) for f in sorted(found, key=_facet_order))
    return pd.DataFrame(rows, columns=FACET_COLUMNS) if rows else empty_frame(FACET_COLUMNS)


def _segments_by_source(segments: pd.DataFrame) -> dict[str, list[tuple]]:
    """(claim_id, source, start, end, class, speaker) of each segment, by article, in the
    table's order. Read from whole columns once: a sub-table per article cost more than
    the extractors on short articles."""
    out: dict[str, list[tuple]] = {}
    if segments.empty:
        return out
    columns = ("claim_id", "source", "start", "end", "class", "speaker")
    for row in zip(*(column_values(segments[c]) for c in columns), strict=True):
        out.setdefault(row[1], []).append(row)
    return out


def cross_source_facets(claims: pd.DataFrame, facets: pd.DataFrame,
                        articles: pd.DataFrame) -> FacetResult:
    """The whole-corpus part of `extract_facets`: dates settled by other sources, paragraphs
    an article alone took for another story made claims again when other sources tell them
    (checker.facets.told_elsewhere), then atomic facts appended to claims and facets."""
    facets = dates.resolve_across_sources(facets, articles)
    claims = reinstate_told_elsewhere(claims, facets)
    fact_claims, fact_facets = atomic_facts(claims, facets)
    if not fact_claims.empty:
        claims = pd.concat([claims, fact_claims], ignore_index=True)
        claims = claims.sort_values(["source", "n", "claim_id"], kind="stable").reset_index(drop=True)
        facets = pd.concat([facets, fact_facets], ignore_index=True)
    return FacetResult(claims=claims, facets=facets.reset_index(drop=True))


def _facet_order(f: Facet) -> tuple[int, int, str]:
    return (f.start, f.end, f.facet)
