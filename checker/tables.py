"""The tables that flow between stages. Each stage module declares its output columns as a
constant at its top; this module gathers them for the pipeline and the renderers.

articles    ingest.ARTICLE_COLUMNS     one row per article that was read
problems    ingest.PROBLEM_COLUMNS     one row per input that was skipped or noted
claims      segment.CLAIM_COLUMNS      one row per segment and per atomic fact, every class
facets      facets.FACET_COLUMNS       one row per facet (person, org, place, metonym, date,
                                       figure, quote) found in a claim, with offsets
mentions    resolve.MENTION_COLUMNS    person/org/title facets with the entity they resolve to
entities    resolve.ENTITY_COLUMNS     one row per resolved entity, with its canonical form
groups      match.GROUP_COLUMNS        one row per (group, claim): claims that assert one thing
comparisons compare.COMPARISON_COLUMNS one row per facet compared inside a group
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


def empty_frame(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


@dataclass(frozen=True)
class Tables:
    articles: pd.DataFrame
    problems: pd.DataFrame
    claims: pd.DataFrame
    facets: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    groups: pd.DataFrame
    comparisons: pd.DataFrame
