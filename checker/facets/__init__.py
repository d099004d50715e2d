"""Stage 3 - facets: what each claim asserts. Claims in; (claims with atomic facts appended,
facets) out. Every facet carries character offsets into its article's original text.

FACET_COLUMNS
    claim_id   the claim (or atomic fact) the facet belongs to
    source     the article's id
    facet      person | org | place | metonym | date | figure | quote
    start, end offsets of the facet's text in the article's text
    text       as written ("Brigadier General (res.) Erez Askal", "3.2.2026", "55%")
    value      normalised value:
                 person  the name without titles ("Erez Askal")
                 org     the organisation's name without articles/possessives
                 place   the place's name ("Jerusalem")
                 metonym the country the place stands for ("Israel")
                 date    ISO 8601: 2026-02-03 | 2026-02 | 2026 | 1990s
                 figure  the number as a plain decimal ("55", "30000", "0.5")
                 quote   the quoted words, normalised
    key        person: surname | org: owner/country if stated | place: ISO country code |
               metonym: ISO country code | date: precision (day, month, year, decade) |
               figure: unit (%, people, hours, USD...) | quote: "" 
    role       person: role attached ("head of the National ... Directorate") | quote: speaker
    title      person: rank or title ("Brigadier General (res.)", "Foreign Minister")
    qualifier  figure: approximately | at least | up to | more than | "" ;
               quote: direct | indirect ; place: city | country | region
    noun       figure: what it quantifies ("oil exports"); date: the weekday named beside it
    note       how it was resolved (date ambiguity reason, metonym cue, gazetteer id...)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from checker.tables import empty_frame

FACET_COLUMNS = [
    "claim_id", "source", "facet", "start", "end", "text", "value",
    "key", "role", "title", "qualifier", "noun", "note",
]
FACET_TYPES = ("person", "org", "place", "metonym", "date", "figure", "quote")


@dataclass(frozen=True)
class FacetResult:
    claims: pd.DataFrame  # the input claims plus atomic facts (unit == "fact")
    facets: pd.DataFrame


def extract_facets(claims: pd.DataFrame, articles: pd.DataFrame) -> FacetResult:
    return FacetResult(claims=claims, facets=empty_frame(FACET_COLUMNS))
