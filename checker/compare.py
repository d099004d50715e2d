"""Stage 6 - compare: facets of the claims inside each group are compared (figures with
tolerance and qualifiers, dates after normalisation, places with their countries, roles,
quotes). Groups get their final status.

COMPARISON_COLUMNS (one row per pair of differing-or-agreeing facet values in a group)
    group_id
    facet       figure | date | place | metonym | person | quote | role
    subject     what is compared ("grain exports", "opening date", a person's name)
    a_claim, b_claim   claim ids
    a_value, b_value   values as written
    verdict     agree | conflict | compatible (e.g. a city and its own country)
    score       similarity used for the verdict (0-100), when fuzzy
    method      how the verdict was reached
    note        detail for the report (e.g. the word diff of two quotes)
    a_norm, b_norm          the normalised values (figure "1200 households", date ISO,
                            place "lyon", quote words, person role)
    a_start, a_end, b_start, b_end   offsets of the two facets in their articles (-1: unknown)

Which pairs are compared: every pair of claims from different sources inside a group, and
each claim with the claims of other groups it is also linked to (match.GROUP_COLUMNS
`links`: a sentence asserting two things joins one group only). A linked pair is kept only
when the two claims give the same date or the same figure, quote one speaker in alike words
(a quote's sentence linked to the group its introduction joined), or share LINK_MIN_SHARED_WORDS
content words outside the names of people and organisations (evidence that they tell of
one event, a wrong date or figure in one of them included); its rows are filed under the
group of `a_claim`.

Rules
    figure  paired by unit (facet key) and noun (rapidfuzz token_set_ratio of the nouns at
            least Thresholds.figure_noun_similarity, or one checker.facets.figures.noun_key:
            "staff" / "employees"): equal values first, then similar nouns,
            then the one figure without a noun left on each side in a unit, when the claims
            are alike (Thresholds.figure_pairing_similarity: "52.4% to 47.6%" against
            "52.4% to 45.6%"). Equal values agree; when either is
            approximate, values within Thresholds.figure_tolerance agree, and within twice it
            are compatible when they differ by at most two units of the rounder figure's
            last significant digit ("about 2,000" / 1,850, not "some 540" / "roughly 580"); two exact values are compatible when one is the other rounded to
            its precision (52 and 52.4, 40,000 and 41,200); a bound ("at least 11", "up to
            40") is compatible with any value it admits; two bounds of one direction
            ("at least 23" / "at least 28") agree within Thresholds.figure_tolerance and
            conflict beyond it; anything else conflicts (62% vs 52%, 1,200 vs 2,100, 47.6% vs
            45.6%).
    date    readings are the ISO value and, for an unresolved day/month order, the other
            reading ("ambiguous; also <ISO>"): dates agree when a reading is equal, are
            compatible when one is a coarser form of the other (2025-10 and 2025-10-06).
            Dates that fit each other are paired off first; a conflict is reported only when
            one unqualified date is left on each side (so "in 1990 ... on March 3" against
            "in 1990 ... on March 5" conflicts, while two claims naming several unrelated
            dates do not). Two dates both read from the same weekday name ("on Thursday")
            never conflict: articles published on different days anchor it differently.
    place   role = the preposition before the place ("in", "at", "near", "to", "from"; data/
            place_roles.csv), read before a kind cue ("in the town of <Town>"); right after an
            organisation's name ("the regional court in <City>") the role is that body's
            seat. Equal places agree, a city and its own country are compatible;
            two different places of one kind (two cities, two countries) conflict only when
            each claim has exactly one place of that kind left in the same known role (the
            summit "in Lyon" vs "in Lille"; a region named beside the city does not count),
            outside direct quotes (a speaker's words are quote_variant's); a city the gazetteer lacks is read as written when it is the
            one capitalised name after a word of the same role ("flew to <Town>") that no
            other facet covers. Regions are never in conflict. Metonyms are not compared here (see the framing check).
    quote   direct quotes of one speaker (one person for resolve, when the mentions are given:
            "Ana Ruiz" and a misspelt "Ana Ruis"; else the same folded name or surname) whose words are
            similar (token_set_ratio at least Thresholds.quote_similarity) agree when the
            words are equal or one is a contiguous part of the other (a partial quote), and
            are compatible otherwise, with a word diff in `note`.
    role    the same person's role in both claims: agree when similar (at least
            Thresholds.title_similarity) else compatible (title_variant reports wording).

Group status: conflicting when any comparison in it conflicts; corroborated when it holds
claims of two or more sources; single_source otherwise.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache, partial
from itertools import combinations
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

from checker.config import Thresholds
from checker.facets.figures import FRACTION_NOTE, noun_key
from checker.facets.places import birth_word_after
from checker.forking import fork_map, in_slices
from checker.lexicon import calendar_words, table, words
from checker.match import (
    ANCHOR_MAX_CHANGE,
    ANCHOR_MAX_CHANGE_TWO_VALUES,
    content_terms,
    context_pairs,
    date_readings,
    figure_context,
)
from checker.seats import seat_patterns
from checker.tables import column_values, empty_frame, row_dicts
from checker.textutil import match_key

COMPARISON_COLUMNS = [
    "group_id", "facet", "subject", "a_claim", "b_claim", "a_value", "b_value",
    "verdict", "score", "method", "note",
    "a_norm", "b_norm", "a_start", "a_end", "b_start", "b_end",
]
GROUP_STATUSES = ("corroborated", "conflicting", "single_source")

_FACETS_COMPARED = ("figure", "date", "place", "quote", "person", "org", "metonym")
_POINT_DATE = re.compile(r"^\d{4}(?:-\d{2}){0,2}$|^\d{3}0s$|^--\d{2}-\d{2}$")
_WORDS = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


@dataclass(frozen=True)
class CompareResult:
    groups: pd.DataFrame  # match.GROUP_COLUMNS with the final status
    comparisons: pd.DataFrame


@dataclass(frozen=True)
class _Claim:
    claim_id: str
    source: str
    text: str
    start: int
    facets: dict[str, list[dict[str, Any]]]


#: One pair of claims to compare: (group_id, a_claim, b_claim, along_a_link).
ClaimPair = tuple[str, str, str, bool]
#: Compares pairs of claims: (pairs, the claims they name, thresholds) -> comparison rows in
#: the pairs' order. The default runs here; the Dask engine's on its cluster.
PairComparer = Callable[[Sequence[ClaimPair], dict[str, _Claim], Thresholds], list[dict[str, Any]]]


def compare_pairs(pairs: Sequence[ClaimPair], info: dict[str, _Claim], thresholds: Thresholds) -> list[dict[str, Any]]:
    """The comparison rows of `pairs`, in order; each pair on its own, so any slice of the
    pairs can be compared anywhere (the Dask engine sends slices to its workers)."""
    rows: list[dict[str, Any]] = []
    for group_id, a, b, linked in pairs:
        if a in info and b in info:
            pair_rows = compare_claims(group_id, info[a], info[b], thresholds)
            if linked and not any((r["facet"] in ("date", "figure") and r["verdict"] == "agree")
                                  or r["facet"] == "quote" for r in pair_rows) \
                    and not _worded_alike(info[a], info[b],
                                          LINK_MIN_SHARED_WORDS_BY_COUNT if _counts_apart(pair_rows)
                                          else LINK_MIN_SHARED_WORDS):
                continue  # a loose link to another group: only the same date or figure, one
                # speaker's quote, or most of the same words say the two tell of one event
            rows.extend(pair_rows)
    return rows


def forked_comparer(workers: int) -> PairComparer:
    """`compare_pairs` on `workers` forked processes (checker.forking), a slice of the pairs
    each, the rows joined back in the pairs' order."""
    def compare(pairs: Sequence[ClaimPair], info: dict[str, _Claim], thresholds: Thresholds) -> list[dict[str, Any]]:
        parts = fork_map(partial(compare_pairs, info=info, thresholds=thresholds),
                         in_slices(pairs, workers), workers)
        return [row for part in parts for row in part]

    return compare


#: A link to another group is compared when the two claims share this many content words
#: (stems) or more: enough to tell of one event even with the date or figure that one of
#: them has wrong ("detected the intrusion early Saturday, Oct. 4, when IT staff noticed
#: ransomware encrypting files on servers" / "... Sunday, Oct. 5, when overnight staff
#: noticed files being encrypted on several servers").
LINK_MIN_SHARED_WORDS = 6


#: ...and this many when the two count one thing differently ("11 guards who were on duty
#: in Block C overnight had been suspended pending the investigation" / "Fourteen guards
#: who were working in Block C that night have been suspended while the investigation
#: continues"): the counted noun is a shared word the figure pairing has checked.
LINK_MIN_SHARED_WORDS_BY_COUNT = 4


def _worded_alike(a: _Claim, b: _Claim, enough: int = LINK_MIN_SHARED_WORDS) -> bool:
    """Whether the two claims share `enough` content words outside the names of people and
    organisations (a long agency name shared by two sentences about two events says nothing
    of their being one)."""
    return len(_predicate_terms(a) & _predicate_terms(b)) >= enough


def _counts_apart(rows: Sequence[dict[str, Any]]) -> bool:
    """Whether a figure of the rows conflicts with one of the same unit written in letters:
    a noun counted ("11 guards" / "14 guards") or a currency, not a percentage."""
    for r in rows:
        if r["facet"] != "figure" or r["verdict"] != "conflict":
            continue
        unit_a, unit_b = str(r["a_norm"]).partition(" ")[2], str(r["b_norm"]).partition(" ")[2]
        if unit_a and unit_a == unit_b and unit_a.isalpha():
            return True
    return False


def _predicate_terms(claim: _Claim) -> frozenset[str]:
    names = [str(f["text"]) for kind in ("person", "org") for f in claim.facets.get(kind, [])]
    return _terms_of(claim.text) - {t for name in names for t in _terms_of(name)}


@lru_cache(maxsize=1 << 14)
def _terms_of(text: str) -> frozenset[str]:
    return frozenset(content_terms(text))


def compare_groups(groups: pd.DataFrame, claims: pd.DataFrame, facets: pd.DataFrame,
                   thresholds: Thresholds, compare: PairComparer = compare_pairs,
                   mentions: pd.DataFrame | None = None,
                   entities: pd.DataFrame | None = None) -> CompareResult:
    """`compare`: how the pairs are compared (the Dask engine's runs on its cluster).
    `mentions` and `entities` (resolve's tables): who each quote's speaker is, so that one
    person's quotes are compared, under the person's canonical name, however each source
    spells it."""
    if groups.empty:
        return CompareResult(groups, empty_frame(COMPARISON_COLUMNS))
    group_ids = groups["group_id"].tolist()
    sources_of: dict[str, set[str]] = {}
    for group_id, source in zip(group_ids, groups["source"].tolist(), strict=True):
        sources_of.setdefault(group_id, set()).add(source)
    n_sources = [len(sources_of[g]) for g in group_ids]
    pairs = list(_pairs(groups, n_sources))
    wanted = sorted({c for _, a, b, _ in pairs for c in (a, b)})
    info = _claims(wanted, claims, facets, _people(mentions, entities))
    rows = compare(pairs, info, thresholds)
    comparisons = (pd.DataFrame(rows, columns=COMPARISON_COLUMNS) if rows
                   else empty_frame(COMPARISON_COLUMNS))
    conflicted = {r["group_id"] for r in rows if r["verdict"] == "conflict"}
    status = [
        "conflicting" if g in conflicted else "corroborated" if n > 1 else "single_source"
        for g, n in zip(group_ids, n_sources, strict=True)
    ]
    return CompareResult(groups.assign(status=status), comparisons)


def _pairs(groups: pd.DataFrame, n_sources: Sequence[int]) -> Iterator[ClaimPair]:
    """(group_id, a_claim, b_claim, along_a_link) in a fixed order: within groups, then
    along links."""
    claim_ids = groups["claim_id"].tolist()
    order = {c: i for i, c in enumerate(claim_ids)}
    group_of = dict(zip(claim_ids, groups["group_id"].tolist(), strict=True))
    source_of = dict(zip(claim_ids, groups["source"].tolist(), strict=True))
    members: dict[str, list[str]] = {}  # groups of several sources, in order of first claim
    for claim_id, n in zip(claim_ids, n_sources, strict=True):
        if n > 1:
            members.setdefault(group_of[claim_id], []).append(claim_id)
    for group_id, ids in members.items():
        for a, b in combinations(ids, 2):
            if source_of[a] != source_of[b]:
                yield str(group_id), a, b, False
    if "links" not in groups.columns:
        return
    seen: set[tuple[str, str]] = set()
    for claim_id, links in zip(claim_ids, groups["links"].tolist(), strict=True):
        for other in str(links or "").split():
            if other not in order or source_of[other] == source_of[claim_id]:
                continue
            a, b = sorted((claim_id, other), key=order.__getitem__)
            if (a, b) not in seen:
                seen.add((a, b))
                yield str(group_of[a]), a, b, True


def _people(mentions: pd.DataFrame | None, entities: pd.DataFrame | None
            ) -> dict[tuple[str, str], tuple[str, str]]:
    """(source, folded name as written) -> (the person's entity id, canonical name)."""
    if mentions is None or mentions.empty or entities is None or entities.empty:
        return {}
    canonical = dict(zip(entities["entity_id"].tolist(), entities["canonical"].tolist(), strict=True))
    people = mentions[mentions["facet"] == "person"]
    out: dict[tuple[str, str], tuple[str, str]] = {}
    # by the name as written with its title ("Mining Minister Ana Ruiz") and without it
    for column in ("value", "text"):
        for source, name, entity in zip(people["source"].tolist(), people[column].tolist(),
                                        people["entity_id"].tolist(), strict=True):
            if entity in canonical:
                out[(str(source), match_key(str(name)))] = (str(entity), str(canonical[entity]))
    out.update(_title_holders(mentions, canonical))
    return out


#: Marks a key of `_people` that is a title, not a name.
_TITLE_KEY = "title: "


def _title_holders(mentions: pd.DataFrame, canonical: dict[str, str]
                   ) -> dict[tuple[str, str], tuple[str, str]]:
    """(source, "title: " + the first words of a title that source gives a person) -> that
    person, for titles only one person of the source holds: a quote's speaker named by
    title alone ("the Controller General said") is the person the article gave that title
    to ("Controller General of Drugs Dr Rajeev Khandelwal")."""
    titles = mentions[mentions["facet"] == "title"]
    holders: dict[tuple[str, str], set[str]] = {}
    for source, title, owner in zip(titles["source"].tolist(), titles["value"].tolist(),
                                    titles["owner"].tolist(), strict=True):
        words = match_key(str(title)).split()
        if owner in canonical:
            for n in range(1, len(words) + 1):
                holders.setdefault((str(source), _TITLE_KEY + " ".join(words[:n])), set()).add(str(owner))
    return {key: (owner, canonical[owner]) for key, owners in holders.items()
            if len(owners) == 1 for owner in owners}


def _speaker_entity(people: dict[tuple[str, str], tuple[str, str]], source: str,
                    speaker: str) -> tuple[str, str] | None:
    """The person a quote's speaker names: the speaker as written ("Sato"), else the longest
    run of its last words that is a person's name in that source ("Hinode President and CEO
    Hiroshi Sato": Hiroshi Sato), else the one person of that source with a title that
    begins with the speaker's words ("the Controller General")."""
    words = speaker.split()
    for first in range(len(words)):
        who = people.get((source, match_key(" ".join(words[first:]))))
        if who is not None:
            return who
    title = match_key(speaker).split()
    if title and title[0] == "the":
        title = title[1:]
    return people.get((source, _TITLE_KEY + " ".join(title))) if title else None


def _claims(ids: list[str], claims: pd.DataFrame, facets: pd.DataFrame,
            people: dict[tuple[str, str], tuple[str, str]] | None = None) -> dict[str, _Claim]:
    wanted = set(ids)
    rows = claims.iloc[[i for i, c in enumerate(claims["claim_id"].tolist()) if c in wanted]]
    by_claim: dict[str, dict[str, list[dict[str, Any]]]] = {}
    if not facets.empty:
        sub = facets.iloc[[i for i, (c, kind) in enumerate(zip(facets["claim_id"].tolist(),
                                                                column_values(facets["facet"]), strict=True))
                           if c in wanted and kind in _FACETS_COMPARED]]
        for f in row_dicts(sub):
            if people and f["facet"] == "quote" and f.get("role"):
                who = _speaker_entity(people, str(f["source"]), str(f["role"]))
                if who is not None:
                    f["speaker_entity"], f["speaker_name"] = who
            by_claim.setdefault(f["claim_id"], {}).setdefault(f["facet"], []).append(f)
    return {
        c["claim_id"]: _Claim(c["claim_id"], str(c["source"]), str(c["text"]), int(c["start"]),
                              by_claim.get(c["claim_id"], {}))
        for c in row_dicts(rows)
    }


def compare_claims(group_id: str, a: _Claim, b: _Claim, th: Thresholds) -> list[dict[str, Any]]:
    kinds_a, kinds_b = a.facets.keys(), b.facets.keys()  # only kinds the claim has
    rows: list[dict[str, Any]] = []
    # Only places are compared when one claim has none (against its other facets); the rest
    # need the kind on both sides. Most pairs share few kinds: skip the others unasked.
    if "figure" in kinds_a and "figure" in kinds_b:
        rows.extend(_compare_figures(a, b, th))
    if "date" in kinds_a and "date" in kinds_b:
        rows.extend(_compare_dates(a, b))
    if "place" in kinds_a or "place" in kinds_b:
        rows.extend(_compare_places(a, b))
    if "quote" in kinds_a and "quote" in kinds_b:
        rows.extend(_compare_quotes(a, b, th))
    if "person" in kinds_a and "person" in kinds_b:
        rows.extend(_compare_roles(a, b, th))
    for row in rows:
        row["group_id"] = group_id
    return rows


def _row(facet: str, subject: str, a: _Claim, b: _Claim, fa: dict[str, Any], fb: dict[str, Any],
         verdict: str, a_norm: str, b_norm: str, score: float | None = None, method: str = "",
         note: str = "") -> dict[str, Any]:
    return {
        "facet": facet, "subject": subject, "a_claim": a.claim_id, "b_claim": b.claim_id,
        "a_value": str(fa["text"]), "b_value": str(fb["text"]), "verdict": verdict,
        "score": score, "method": method, "note": note, "a_norm": a_norm, "b_norm": b_norm,
        "a_start": _int(fa.get("start")), "a_end": _int(fa.get("end")),
        "b_start": _int(fb.get("start")), "b_end": _int(fb.get("end")),
    }


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


# ---- figures ---------------------------------------------------------------------------------


@cache
def _bounds() -> dict[str, str]:
    return {r["qualifier"]: r["bound"] for r in table("figure_bounds")}


def figure_bound(qualifier: str) -> str:
    """How a figure's qualifier bounds it (data/figure_bounds.csv): exact | approx | lower |
    upper."""
    return _bounds().get(qualifier, "exact")


def number(value: Any) -> float | None:
    try:
        number = float(str(value))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def figure_norm(f: dict[str, Any]) -> str:
    unit = str(f.get("key") or "")
    return f"{f['value']} {unit}".strip()


def figure_noun(f: dict[str, Any]) -> str:
    """The content words of what a figure counts, "" when that is only its unit ("45 people"
    counts people: the noun says nothing more than the unit)."""
    return _noun_words(str(f.get("noun") or ""), str(f.get("key") or ""))


@lru_cache(maxsize=1 << 16)  # asked again for each pair a claim is in
def _noun_words(noun: str, unit: str) -> str:
    words = " ".join(content_terms(noun))
    return "" if words == " ".join(content_terms(unit)) else words


def figure_verdict(va: float, qa: str, vb: float, qb: str, tolerance: float) -> tuple[str, str]:
    """(verdict, method) for two figures with their qualifiers."""
    bound_a, bound_b = _bounds().get(qa, "exact"), _bounds().get(qb, "exact")
    if va == vb and bound_a in ("exact", "approx") and bound_b in ("exact", "approx"):
        return "agree", "equal"
    if bound_a in ("exact", "approx") and bound_b in ("exact", "approx"):
        gap = abs(va - vb) / max(abs(va), abs(vb))
        if "approx" in (bound_a, bound_b):
            if gap <= tolerance:
                return "agree", f"approximate, within {tolerance:.0%}"
            if gap <= 2 * tolerance and abs(va - vb) <= _ROUNDING_STEPS * _step(
                    va if _decimals(va) <= _decimals(vb) else vb):
                # "about 2,000" / 1,850, "about 120" / 132: within what the rounder figure's
                # rounding hides; "some 540" / "roughly 580" are two depths that differ
                return "compatible", f"approximate, within {2 * tolerance:.0%}"
        elif is_rounding(va, vb):
            return "compatible", "one is the other rounded"
        return "conflict", f"differ by {gap:.1%}"
    if bound_a == bound_b and bound_a in ("lower", "upper"):
        # Two sources bounding one quantity the same way state two different floors (or
        # ceilings): "at least 23 killed" against "at least 28 killed" is a changed figure.
        gap = abs(va - vb) / max(abs(va), abs(vb)) if va != vb else 0.0
        if gap <= tolerance:
            return "agree", f"both {bound_a} bounds, within {tolerance:.0%}"
        return "conflict", f"both {bound_a} bounds, differ by {gap:.1%}"
    lo_a, hi_a = _interval(va, bound_a)
    lo_b, hi_b = _interval(vb, bound_b)
    # An approximate figure may fall a little outside a bound ("about 13.5%" / "more than
    # 14%"); an exact one only by its rounding ("14%" / "more than 14.3%"): "more than 14
    # percent" excludes "13.4 percent".
    slack = tolerance * max(abs(va), abs(vb)) if "approx" in (bound_a, bound_b) else 0.0
    if lo_a <= hi_b + slack and lo_b <= hi_a + slack:
        return "compatible", "bound admits the value"
    if is_rounding(va, vb):
        return "compatible", "bound admits the value rounded"
    return "conflict", "bound excludes the value"


#: How many units of its last significant digit an approximate figure may be off ("about
#: 120" admits 132, "roughly 580" does not admit 540).
_ROUNDING_STEPS = 2


def _step(value: float) -> float:
    """The unit of a value's last significant digit: 540 -> 10, 2000 -> 1000, 13.5 -> 0.1."""
    return 10.0 ** -_decimals(value)


def _decimals(value: float) -> int:
    """The place of the last significant digit: 47.6 -> 1, 52 -> 0, 1200 -> -2."""
    text = f"{value:.10f}".rstrip("0")
    if not text.endswith("."):
        return len(text.split(".")[1])
    digits = text[:-1].lstrip("-")
    return -(len(digits) - len(digits.rstrip("0"))) if digits.strip("0") else 0


#: The most one figure may differ from another it rounds, as a share of the larger: 41,200
#: rounds to 40,000, but 15,000 "rounded" to 20,000 is a quarter more, a different cap.
MAX_ROUNDING_GAP = 0.1


def is_rounding(va: float, vb: float) -> bool:
    """One exact figure is the other rounded to its precision (52 and 52.4; 40,000 and
    41,200), not merely close to it (47.6 and 45.6), nor changed by a rounding that moves it
    by more than MAX_ROUNDING_GAP (15,000 and 20,000)."""
    coarse, fine = (va, vb) if _decimals(va) <= _decimals(vb) else (vb, va)
    places = _decimals(coarse)
    if places == _decimals(fine):
        return False
    if abs(fine - coarse) > MAX_ROUNDING_GAP * max(abs(fine), abs(coarse)):
        return False
    step = 10.0 ** -places
    # rounded half up: 650 rounds to 700, 750 to 800 and never to 700
    slack = 1e-9 * max(1.0, abs(fine))
    return -step / 2 - slack <= abs(fine) - abs(coarse) < step / 2 - slack


def _interval(value: float, bound: str) -> tuple[float, float]:
    if bound == "lower":
        return value, math.inf
    if bound == "upper":
        return -math.inf, value
    return value, value


def _share_in_words(f: dict[str, Any]) -> bool:
    return str(f.get("note") or "") == FRACTION_NOTE


def _compare_figures(a: _Claim, b: _Claim, th: Thresholds) -> Iterator[dict[str, Any]]:
    """Figures are paired, one-to-one, in passes: equal values of one unit, or one of them
    bare (unless their nouns differ); then values of one unit that agree, rounded or
    approximate ("about 1.4%" / "1.41%"); then similar nouns; then figures without a noun that share a word of
    context (checker.match.context_pairs: "a 14-day strike" / "a 12-day strike"); then, of
    the figures left without a noun, one per side in a unit when the claims are alike (the
    claim "52.4% to 47.6%" against "52.4% to 45.6%"). A share told in words ("a third", "one
    in five") is paired only in the first two passes, with a figure it agrees with: it is a
    round share, and the other side may count the rest ("one in five trains running" / "80%
    cancelled")."""
    figs_a = [f for f in a.facets.get("figure", []) if _comparable_figure(f)]
    figs_b = [f for f in b.facets.get("figure", []) if _comparable_figure(f)]
    if not figs_a or not figs_b:
        return
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, int, float | None]] = []

    def unit(f: dict[str, Any]) -> str:
        return match_key(str(f.get("key") or ""))

    def noun_score(fa: dict[str, Any], fb: dict[str, Any]) -> float | None:
        noun_a, noun_b = figure_noun(fa), figure_noun(fb)
        if not (noun_a and noun_b):
            return None
        key_a, key_b = noun_key(str(fa.get("noun") or "")), noun_key(str(fb.get("noun") or ""))
        if key_a and key_a == key_b:
            return 100.0  # "staff" / "employees", "families" / "households"
        # "teaching posts" / "new teachers": the keys say what the words do not
        return max(fuzz.token_set_ratio(noun_a, noun_b), fuzz.token_set_ratio(key_a, key_b))

    def agreeing(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
        qa, qb = str(fa.get("qualifier") or ""), str(fb.get("qualifier") or "")
        if {_bounds().get(qa, "exact"), _bounds().get(qb, "exact")} - {"exact", "approx"}:
            return False  # a bound admits too much to pair on
        va, vb = number(fa["value"]), number(fb["value"])
        assert va is not None and vb is not None
        return figure_verdict(va, qa, vb, qb, th.figure_tolerance)[0] != "conflict"

    for how in ("equal", "agreeing", "noun"):
        scored = []
        for i, fa in enumerate(figs_a):
            for j, fb in enumerate(figs_b):
                if i in used_a or j in used_b:
                    continue
                if how == "equal":
                    # a number written bare beside its unit elsewhere ("to 4,812.55" /
                    # "at 4,812.55 points") is the same figure
                    if number(fa["value"]) != number(fb["value"]) or (
                            unit(fa) != unit(fb) and unit(fa) and unit(fb)
                            and not (_distinctive(fa) and _counted(fa) and _counted(fb))):
                        continue
                elif unit(fa) != unit(fb) or (how == "agreeing" and not agreeing(fa, fb)):
                    continue
                score = noun_score(fa, fb)
                if (score is not None and score < th.figure_noun_similarity
                        and not (how == "equal" and _distinctive(fa))):
                    continue
                if how == "noun" and (score is None or not _one_magnitude(fa, fb)
                                      or _share_in_words(fa) or _share_in_words(fb)):
                    continue
                scored.append((-(score or 0.0), i, j))
        for neg, i, j in sorted(scored):
            if i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                pairs.append((i, j, -neg or None))
    context_a = {i: (unit(f), figure_context(a.text, str(f.get("text") or "")))
                 for i, f in enumerate(figs_a)
                 if i not in used_a and not figure_noun(f) and not _share_in_words(f)}
    context_b = {j: (unit(f), figure_context(b.text, str(f.get("text") or "")))
                 for j, f in enumerate(figs_b)
                 if j not in used_b and not figure_noun(f) and not _share_in_words(f)}
    for i, j in context_pairs(context_a, context_b):
        if not _one_magnitude(figs_a[i], figs_b[j]):
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, None))
    left_a: dict[str, list[int]] = {}
    left_b: dict[str, list[int]] = {}
    for i, f in enumerate(figs_a):
        if i not in used_a and not figure_noun(f) and not _share_in_words(f):
            left_a.setdefault(unit(f), []).append(i)
    for j, f in enumerate(figs_b):
        if j not in used_b and not figure_noun(f) and not _share_in_words(f):
            left_b.setdefault(unit(f), []).append(j)
    for key in sorted(left_a.keys() & left_b.keys()):
        if (len(left_a[key]) == 1 and len(left_b[key]) == 1
                and _one_magnitude(figs_a[left_a[key][0]], figs_b[left_b[key][0]])
                and _alike(a, b) >= th.figure_pairing_similarity):
            pairs.append((left_a[key][0], left_b[key][0], None))
    pairs.extend(_changed_value_pairs(figs_a, figs_b, pairs, unit, noun_score, th))
    for i, j, score in sorted(pairs, key=lambda p: (p[0], p[1])):
        fa, fb = figs_a[i], figs_b[j]
        if _projected(a, fa) != _projected(b, fb):
            continue  # "would fall to 22 seats" in a poll, "the party's 34 seats" now
        va, vb = number(fa["value"]), number(fb["value"])
        assert va is not None and vb is not None
        verdict, method = figure_verdict(va, str(fa.get("qualifier") or ""), vb,
                                         str(fb.get("qualifier") or ""), th.figure_tolerance)
        subject = str(fa.get("noun") or fb.get("noun") or fa.get("key") or "figure")
        yield _row("figure", subject, a, b, fa, fb, verdict, figure_norm(fa), figure_norm(fb),
                   score=score, method=method)


#: An equal value this large in two claims compared is one figure whatever nouns they give
#: it ("180,000 salmon" / "a pen that held 180,000 fish"), not a coincidence to pair on
#: nouns alone (which would set it against the other claim's "46,800 salmon").
DISTINCTIVE_EQUAL_VALUE = 1000


def _distinctive(f: dict[str, Any]) -> bool:
    value = number(f["value"])
    return value is not None and abs(value) >= DISTINCTIVE_EQUAL_VALUE


def _counted(f: dict[str, Any]) -> bool:
    """A count of things, keyed by its noun ("180,000 fish"), not a measure in a unit."""
    key = str(f.get("key") or "")
    return bool(key) and key == str(f.get("noun") or "")


def _projected(claim: _Claim, f: dict[str, Any]) -> bool:
    """Whether the figure is a level a quantity would reach under a condition or a
    projection ("would fall to 22 seats", "could rise to 4%"), not a level it has: right
    after "would", "could" or "might", a verb of data/figure_change_verbs.txt and "to"."""
    offset = _offset_in(claim, f)
    return offset > 0 and bool(_projection_pattern().search(claim.text, max(0, offset - 60), offset))


@cache
def _projection_pattern() -> re.Pattern[str]:
    verbs = "|".join(sorted(map(re.escape, words("figure_change_verbs")), key=len, reverse=True))
    return re.compile(rf"\b(?:would|could|might)\s+(?:[^\W\d_]+\s+)?(?:{verbs})\s+to\s+"
                      rf"(?:[^\W\d_]+\s+)?$", re.IGNORECASE)


def _changed_value_pairs(figs_a: list[dict[str, Any]], figs_b: list[dict[str, Any]],
                        pairs: list[tuple[int, int, float | None]],
                        unit: Callable[[dict[str, Any]], str],
                        noun_score: Callable[[dict[str, Any], dict[str, Any]], float | None],
                        th: Thresholds) -> list[tuple[int, int, float | None]]:
    """Beside a figure value both claims state, the one figure of a unit left on each side,
    with or without a noun (nouns not unlike), within ANCHOR_MAX_CHANGE of each other: that
    figure changed (`match` anchored_by_changed_value: "rose 3.1% in October, slowing from
    3.6%" / "easing to 3.4% in October, after 3.6%")."""
    equal = sum(number(figs_a[i]["value"]) == number(figs_b[j]["value"]) for i, j, _ in pairs)
    if not equal:
        return []
    most = ANCHOR_MAX_CHANGE if equal < 2 else ANCHOR_MAX_CHANGE_TWO_VALUES
    paired_a = {i for i, _, _ in pairs}
    paired_b = {j for _, j, _ in pairs}
    rest_a: dict[str, list[int]] = {}
    rest_b: dict[str, list[int]] = {}
    for i, f in enumerate(figs_a):
        if i not in paired_a:
            rest_a.setdefault(unit(f), []).append(i)
    for j, f in enumerate(figs_b):
        if j not in paired_b:
            rest_b.setdefault(unit(f), []).append(j)
    out: list[tuple[int, int, float | None]] = []
    for key in sorted(rest_a.keys() & rest_b.keys()):
        if not key or len(rest_a[key]) != 1 or len(rest_b[key]) != 1:
            continue
        fa, fb = figs_a[rest_a[key][0]], figs_b[rest_b[key][0]]
        score = noun_score(fa, fb)
        va, vb = number(fa["value"]), number(fb["value"])
        if (va and vb and va > 0 and vb > 0 and max(va, vb) <= most * min(va, vb)
                and (score is None or score >= th.figure_noun_similarity)):
            out.append((rest_a[key][0], rest_b[key][0], score))
    return out


#: Two figures further apart than this factor are two quantities ("a margin of 1,248 votes"
#: / "58,484 votes"), not one altered: an order-of-magnitude slip (1,000 / 10,000) still
#: pairs.
MAX_PAIRED_RATIO = 10.0


def _one_magnitude(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    va, vb = number(fa["value"]), number(fb["value"])
    if va is None or vb is None or va <= 0 or vb <= 0:
        return True
    return max(va, vb) / min(va, vb) <= MAX_PAIRED_RATIO


def _alike(a: _Claim, b: _Claim) -> float:
    """token_sort_ratio of the two claims' content words, without their dates and figures."""
    def words(c: _Claim) -> str:
        exclude = tuple(str(f["text"]) for kind in ("date", "figure") for f in c.facets.get(kind, []))
        return _words_without(c.text, exclude)

    return fuzz.token_sort_ratio(words(a), words(b))


@lru_cache(maxsize=1 << 14)
def _words_without(text: str, exclude: tuple[str, ...]) -> str:
    return " ".join(sorted(set(content_terms(text, exclude))))


def _comparable_figure(f: dict[str, Any]) -> bool:
    return str(f.get("note") or "") != "ordinal" and number(f["value"]) is not None


# ---- dates -----------------------------------------------------------------------------------


def _date_prefix(value: str) -> str:
    return value[:3] if re.fullmatch(r"\d{3}0s", value) else value


def _date_fits(x: str, y: str) -> str | None:
    """'agree' when equal, 'compatible' when one is a coarser form of the other, else None."""
    if x == y:
        return "agree"
    if x.startswith("--") or y.startswith("--"):
        day = x if x.startswith("--") else y
        full = y if day is x else x
        return "compatible" if len(full) == 10 and full.endswith(day[1:]) else None
    px, py = _date_prefix(x), _date_prefix(y)
    if px.startswith(py) or py.startswith(px):
        return "compatible"
    return None


def dates_verdict(fa: dict[str, Any], fb: dict[str, Any]) -> str:
    """agree | compatible | conflict for two date facets (any reading fitting is enough)."""
    best = None
    for x in date_readings(str(fa["value"]), str(fa.get("note") or "")):
        for y in date_readings(str(fb["value"]), str(fb.get("note") or "")):
            fit = _date_fits(x, y)
            if fit == "agree":
                return "agree"
            best = best or fit
    return best or "conflict"


def _comparable_date(f: dict[str, Any]) -> bool:
    return bool(_POINT_DATE.match(str(f.get("value") or "")))


def _same_weekday_anchored_apart(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """Both dates read from the same weekday ("on Thursday") by articles anchored to different
    publication dates, or a bare weekday beside a written or relative date ("tomorrow") of
    that weekday within a week ("a meeting on Monday" / "on Monday 9 November": the bare one
    was put in the week its tense pointed to): one weekday, not two dates."""
    relative_a, relative_b = (str(f.get("note") or "").startswith("relative") for f in (fa, fb))
    weekday_a, weekday_b = relative_a and bool(fa.get("noun")), relative_b and bool(fb.get("noun"))
    if weekday_a and weekday_b:
        return str(fa.get("noun")).lower() == str(fb.get("noun") or "").lower()
    if not (weekday_a or weekday_b):
        return False
    # a bare weekday against a written date or another relative day ("tomorrow")
    bare, written = (fa, fb) if weekday_a else (fb, fa)
    try:
        day_bare = date.fromisoformat(str(bare["value"]))
        day_written = date.fromisoformat(str(written["value"]))
    except ValueError:
        return False
    return day_bare.weekday() == day_written.weekday() and abs((day_bare - day_written).days) <= 7


#: How many filler words (data/statement_date_fillers.txt) may stand between a reporting
#: verb and the date it dates ("told reporters at a news conference on Friday": five).
STATEMENT_DATE_MAX_FILLERS = 5


def _statement_date(claim: _Claim, f: dict[str, Any]) -> bool:
    """Whether the date dates a statement ("officials said on Friday"): right after a
    reporting verb, with at most STATEMENT_DATE_MAX_FILLERS filler words between."""
    offset = _offset_in(claim, f)
    if offset <= 0:
        return False
    before = [w.lower() for w in _WORDS.findall(claim.text[max(0, offset - 80):offset])]
    fillers = words("statement_date_fillers")
    for position, word in enumerate(reversed(before)):
        if word in _said_words():
            return True
        if word not in fillers or position >= STATEMENT_DATE_MAX_FILLERS:
            return False
    return False


def dates_a_report(text: str, start: int, f: dict[str, Any]) -> bool:
    """Whether date facet `f` of the sentence `text` (starting at `start` in its article)
    dates a statement or a tally ("officials said on Friday", "As of 7.5.2026, the toll
    was 14") or a day counted from another event ("spent Wednesday digging out, a day
    after ..."), not the event the sentence tells of."""
    claim = _Claim("", "", text, start, {})
    return _statement_date(claim, f) or _status_date(claim, f) or _later_day(claim, f)


_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are) (?:set |due )?to)\s", re.IGNORECASE)


def _status_date(claim: _Claim, f: dict[str, Any]) -> bool:
    """Whether the date is when a tally or status was reported ("As of 7.5.2026, the toll
    was 14"): right after a phrase of data/status_date_cues.txt, in a sentence not told in
    the future ("the rate will drop ... as of June 1": the day a change takes effect)."""
    offset = _offset_in(claim, f)
    if offset <= 0 or _FUTURE.search(claim.text):
        return False
    before = tuple(w.lower() for w in _WORDS.findall(claim.text[max(0, offset - 30):offset]))
    return any(before[-len(cue):] == cue for cue in _status_cues())


def _later_day(claim: _Claim, f: dict[str, Any]) -> bool:
    """Whether the date is a day counted from another event the sentence names after it
    ("spent Wednesday digging out, a day after the typhoon came ashore"):
    data/later_day_cues.txt after the date."""
    offset = _offset_in(claim, f)
    if offset < 0:
        return False
    after = " ".join(w.lower() for w in _WORDS.findall(claim.text[offset + len(str(f["text"])):]))
    return any(re.search(rf"\b{re.escape(cue)}\b", after) for cue in words("later_day_cues"))


@cache
def _status_cues() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(cue.lower().split()) for cue in words("status_date_cues"))


@cache
def _said_words() -> frozenset[str]:
    return frozenset(w.lower() for w in words("said_verbs") if " " not in w)


#: Date qualifiers that bound a period rather than date an event ("since Monday").
PERIOD_BOUNDS = frozenset({"since", "by", "until", "before", "after"})


def _compare_dates(a: _Claim, b: _Claim) -> Iterator[dict[str, Any]]:
    dates_a = [f for f in a.facets.get("date", []) if _comparable_date(f)]
    dates_b = [f for f in b.facets.get("date", []) if _comparable_date(f)]
    if not dates_a or not dates_b:
        return
    left_a, left_b = list(range(len(dates_a))), list(range(len(dates_b)))
    for rank in ("agree", "compatible"):
        for i in list(left_a):
            for j in left_b:
                if dates_verdict(dates_a[i], dates_b[j]) == rank:
                    fa, fb = dates_a[i], dates_b[j]
                    yield _row("date", "date", a, b, fa, fb, rank, str(fa["value"]),
                               str(fb["value"]), method="readings" if rank == "agree" else
                               "precision")
                    left_a.remove(i)
                    left_b.remove(j)
                    break
    if len(left_a) + len(left_b) > 2:  # the day something was said is not the event's
        left_a = [i for i in left_a if not _statement_date(a, dates_a[i])]
        left_b = [j for j in left_b if not _statement_date(b, dates_b[j])]
    if len(left_a) != 1 or len(left_b) != 1:
        return
    fa, fb = dates_a[left_a[0]], dates_b[left_b[0]]
    if str(fa.get("qualifier") or "") in PERIOD_BOUNDS or str(fb.get("qualifier") or "") in PERIOD_BOUNDS:
        return  # "since Monday" bounds a period; "late on Tuesday" still dates the event
    if _status_date(a, fa) or _status_date(b, fb) or _later_day(a, fa) or _later_day(b, fb):
        return
    if _statement_date(a, fa) != _statement_date(b, fb):
        return  # "said Friday" dates the statement, "spotted on Tuesday" the event
    if _same_weekday_anchored_apart(fa, fb):
        return
    if _opposite_clauses(a, fa, b, fb):
        return
    yield _row("date", "date", a, b, fa, fb, "conflict", str(fa["value"]), str(fb["value"]),
               method="no reading fits")


@cache
def clause_openers() -> re.Pattern[str]:
    """data/clause_openers.txt: "when", "after"... as whole words inside a sentence."""
    openers = "|".join(sorted(map(re.escape, words("clause_openers"))))
    return re.compile(rf"(?<=\s)(?:{openers})\b", re.IGNORECASE)


def _opposite_clauses(a: _Claim, fa: dict[str, Any], b: _Claim, fb: dict[str, Any]) -> bool:
    """Both claims have a clause of their own ("after a bridge gave way") and one date is
    before its opener, the other after it: "resumed the search on Wednesday after the
    bridge gave way" and "six died after the bridge collapsed on Tuesday" date two events."""
    sides = []
    for claim, f in ((a, fa), (b, fb)):
        opener = clause_openers().search(claim.text)
        at = _offset_in(claim, f)
        if opener is None or at < 0:
            return False
        sides.append(at > opener.start())
    return sides[0] != sides[1]


# ---- places ----------------------------------------------------------------------------------


@cache
def _place_roles() -> dict[str, str]:
    return {r["word"]: r["role"] for r in table("place_roles")}


@cache
def _kind_cues() -> tuple[tuple[str, ...], ...]:
    """The words of each place kind cue ("town of"), longest first."""
    cues = {tuple(r["cue"].casefold().split()) for r in table("place_kind_cues")}
    return tuple(sorted(cues, key=lambda c: (-len(c), c)))


#: After a kind cue ("in the coastal town of <Town>"), how many words (an article, an
#: adjective) may stand between the role word and the cue.
ROLE_WORDS_BEFORE_CUE = 3


def _role_of_words(before: list[str]) -> str:
    """The role from the words before a place: the last word, or, when they end with a place
    kind cue ("near the town of"), the nearest role word within a few words of the cue."""
    words = [w.lower() for w in before]
    roles = _place_roles()
    for cue in _kind_cues():
        if len(words) > len(cue) and tuple(words[-len(cue):]) == cue:
            ahead = words[:-len(cue)]
            for k in range(len(ahead), max(0, len(ahead) - ROLE_WORDS_BEFORE_CUE), -1):
                pair = " ".join(ahead[k - 2:k]) if k >= 2 else ""
                if pair in roles:
                    return roles[pair]  # "sits in the city of <Town>": based
                if ahead[k - 1] in roles:
                    return roles[ahead[k - 1]]
            return ""
    if len(words) >= 2 and " ".join(words[-2:]) in roles:
        return roles[" ".join(words[-2:])]  # "bound for <Port>"
    return roles.get(words[-1], "") if words else ""


def _offset_in(claim: _Claim, f: dict[str, Any]) -> int:
    """Where facet `f` starts in the claim's text (its offsets are the article's); -1 when
    its text is not there."""
    offset = _int(f.get("start")) - claim.start
    text = str(f["text"])
    if 0 <= offset <= len(claim.text) and claim.text[offset:offset + len(text)] == text:
        return offset
    return claim.text.find(text)


def place_role(claim: _Claim, f: dict[str, Any]) -> str:
    """The role of a place in its claim: "based" for "<City>-based"; the kind noun right
    after it ("the <Name> district": district); "seat of <organisation>" right after an
    organisation's name ("the Federal Institute (BfArM) in Bonn": where the body sits, not
    where the claim's event happened); else from the word right before it, or before its kind cue
    ("landfall in the coastal town of <Town>": where); "" when unknown."""
    offset = _offset_in(claim, f)
    if offset < 0:
        return ""
    end = offset + len(str(f["text"]))
    seats = seat_patterns()
    if seats.after_place.match(claim.text, end):
        return "based"  # "the <City>-based studio", "<City>, <Country>-based": where a body sits
    if birth_word_after(claim.text, end):
        return "born"  # "the <Town>-born left-hander": where a person comes from
    after = _WORDS.match(claim.text, end + 1)
    if after and after.group() in _kind_nouns():
        return after.group()  # "the <Name> district": the district the claim is about
    for org in claim.facets.get("org", []):
        at = _offset_in(claim, org)
        if at >= 0 and seats.gap_to_place.fullmatch(claim.text, at + len(str(org["text"])), offset):
            return f"seat of {match_key(str(org.get('value') or org['text']))}"
    if _FIGURE_BEFORE_PLACE.search(claim.text, max(0, offset - 30), offset):
        return "where the figure was"  # "the previous record, 53.7C at Turbat"
    return _role_before(claim.text[max(0, offset - 60):offset])


def place_role_in(text: str, start: int, f: dict[str, Any]) -> str:
    """`place_role` of place facet `f` in the sentence `text` (starting at `start` in its
    article), for a check that has the sentence but not its facets."""
    return place_role(_Claim("", "", text, start, {}), f)


#: A number, its unit glued or not, right before "at" or "in" and a place: where that value
#: was measured or counted ("53.7C at Turbat", "53.7 degrees in Turbat"); not a year ("on
#: Sept. 12, 2025, in Zapopan": where the day's event happened).
_FIGURE_BEFORE_PLACE = re.compile(r"(?<![\d.,])(?!(?:1[5-9]|2\d)\d\d,?\s)\d(?:[\d.,]*\d)?\s?(?:°\s?)?"
                                  r"[^\W\d_]{0,7},?\s+(?:at|in)\s+$")


@cache
def _kind_nouns() -> frozenset[str]:
    """data/place_kind_nouns.csv: "district", "province"... (a role of their own)."""
    return frozenset(r["noun"] for r in table("place_kind_nouns"))


@lru_cache(maxsize=1 << 16)  # asked again for each pair a claim is in
def _role_before(text: str) -> str:
    return _role_of_words(_WORDS.findall(text))


_NAME_AFTER = re.compile(r"\b([^\W\d_]+) ((?:[A-Z\u00C0-\u00DE][^\W\d_]+)(?:[ -][A-Z\u00C0-\u00DE][^\W\d_]+)*)")


def unlisted_place(claim: _Claim, role: str) -> dict[str, Any] | None:
    """The one capitalised name right after a word of `role` ("to <Name>") that no facet of
    the claim covers, as a city facet; None when there is none or more than one."""
    taken = [(int(f["start"]), int(f["end"])) for facets in claim.facets.values() for f in facets
             if _int(f.get("start")) >= 0]
    found = []
    for word_role, name_start, name_end, name in _names_after(claim.text):
        if word_role != role:
            continue
        start = claim.start + name_start
        end = claim.start + name_end
        if any(s < end and start < e for s, e in taken) or name.casefold() in calendar_words():
            continue  # "eased in October": a month, not a town
        found.append({"text": name, "value": name, "key": "", "qualifier": "city",
                      "start": start, "end": end, "note": "not in the gazetteer"})
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1 << 14)  # asked again for each pair a claim is in
def _names_after(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """(role of the word, start, end, name) of each capitalised name after a word in `text`."""
    roles = _place_roles()
    return tuple((roles.get(m.group(1).lower(), ""), m.start(2), m.end(2), m.group(2))
                 for m in _NAME_AFTER.finditer(text))


def _place_norm(f: dict[str, Any]) -> str:
    """The place's name, match-keyed: one name is one place (`_place_fit`), whatever country
    the gazetteer gives a bare "Kingston" beside "Kingston, Ont."."""
    return match_key(str(f["value"]))


def _compare_places(a: _Claim, b: _Claim) -> Iterator[dict[str, Any]]:
    places_a, places_b = a.facets.get("place", []), b.facets.get("place", [])
    if not places_a and not places_b:
        return
    left_a, left_b = list(range(len(places_a))), list(range(len(places_b)))
    for rank in ("agree", "compatible"):
        for i in list(left_a):
            for j in left_b:
                fa, fb = places_a[i], places_b[j]
                if _place_fit(fa, fb) == rank:
                    yield _row("place", str(fa["value"]), a, b, fa, fb, rank, _place_norm(fa),
                               _place_norm(fb), method="same place" if rank == "agree"
                               else "city in its country")
                    left_a.remove(i)
                    left_b.remove(j)
                    break
    # by role and kind: a city and the region it lies in, both "in", are one place told twice
    # ("in Saarlouis, in the western state of Saarland"), not two to choose from
    roles_a: dict[tuple[str, str], list[dict[str, Any]]] = {}
    roles_b: dict[tuple[str, str], list[dict[str, Any]]] = {}
    # a place inside a direct quote is the speaker's word: a changed one is quote_variant's
    for i in left_a:
        if not _quoted(a, places_a[i]):
            roles_a.setdefault((place_role(a, places_a[i]), str(places_a[i].get("qualifier") or "")),
                               []).append(places_a[i])
    for j in left_b:
        if not _quoted(b, places_b[j]):
            roles_b.setdefault((place_role(b, places_b[j]), str(places_b[j].get("qualifier") or "")),
                               []).append(places_b[j])
    for role, kind in sorted(roles_a.keys() ^ roles_b.keys()):
        if not role or kind != "city":
            continue
        # A city the gazetteer does not know ("flew to <Town>") in the same role as the
        # other claim's city: compared as written.
        if (role, kind) in roles_a and len(roles_a[(role, kind)]) == 1:
            found = unlisted_place(b, role)
            if found is not None:
                roles_b[(role, kind)] = [found]
        elif (role, kind) in roles_b and len(roles_b[(role, kind)]) == 1:
            found = unlisted_place(a, role)
            if found is not None:
                roles_a[(role, kind)] = [found]
    for role, kind in sorted(roles_a.keys() & roles_b.keys()):
        if not role or len(roles_a[(role, kind)]) != 1 or len(roles_b[(role, kind)]) != 1:
            continue
        fa, fb = roles_a[(role, kind)][0], roles_b[(role, kind)][0]
        if kind == "region" and role not in _kind_nouns():
            continue
        if _place_fit(fa, fb) is not None:
            continue  # the same town, named in one claim without a cue the extractor knows
        if _names_place(b, fa) or _names_place(a, fb):
            continue  # the other claim names this place too, where the gazetteer missed it
        yield _row("place", f"place ({role})", a, b, fa, fb, "conflict", _place_norm(fa),
                   _place_norm(fb), method=f"different places, same role '{role}'")


def _quoted(claim: _Claim, f: dict[str, Any]) -> bool:
    """Whether facet `f` lies inside one of the claim's direct quotes."""
    start, end = _int(f.get("start")), _int(f.get("end"))
    return any(q.get("qualifier") == "direct" and _int(q.get("start")) <= start and end <= _int(q.get("end"))
               for q in claim.facets.get("quote", []))


def _names_place(claim: _Claim, place: dict[str, Any]) -> bool:
    """Whether the claim's text has the place's name as written, as whole words ("... to the
    Clinique Saint-Theodule in Sion": Sion, unknown to the gazetteer in that sentence)."""
    written = str(place.get("text") or "")
    return bool(written) and re.search(rf"(?<!\w){re.escape(written)}(?!\w)", claim.text) is not None


def _place_fit(fa: dict[str, Any], fb: dict[str, Any]) -> str | None:
    if match_key(str(fa["value"])) == match_key(str(fb["value"])):
        return "agree"
    qa, qb = fa.get("qualifier"), fb.get("qualifier")
    if fa.get("key") and fa.get("key") == fb.get("key") and "country" in (qa, qb):
        return "compatible"
    return None


# ---- quotes ----------------------------------------------------------------------------------


def _speaker(f: dict[str, Any]) -> str:
    return str(f.get("role") or "")


#: A speaker written as a description ("the statement said", "a spokesperson said") names
#: no one: its quote is compared as an unnamed speaker's.
_DESCRIBED_SPEAKER = re.compile(r"^[a-z]")


def _named_speaker(f: dict[str, Any]) -> str:
    speaker = _speaker(f)
    return "" if _DESCRIBED_SPEAKER.match(speaker) else speaker


def _speaker_subject(fa: dict[str, Any], fb: dict[str, Any]) -> str:
    """The quote's subject: the person's canonical name when resolve knows the speaker (one
    name for every pair, however each source spells it), else the fuller name as written."""
    return str(fa.get("speaker_name") or fb.get("speaker_name")
               or max(_named_speaker(fa), _named_speaker(fb),
                      key=lambda name: (len(name.split()), name))
               or UNNAMED_SPEAKER)


def same_speaker(x: str, y: str) -> bool:
    """The same name, or the same surname; a surname alone may be the first of two
    ("Pereiro" for "Xoán Pereiro Lago")."""
    kx, ky = match_key(x).split(), match_key(y).split()
    if not (kx and ky):
        return False
    if kx == ky or kx[-1] == ky[-1]:
        return True
    lone, full = (kx, ky) if len(kx) < len(ky) else (ky, kx)
    return len(lone) == 1 and len(full) >= 3 and lone[0] in full[1:-1]


def _same_speaker(fa: dict[str, Any], fb: dict[str, Any]) -> bool:
    """One person for resolve (a misspelt surname included), or, for a speaker resolve did
    not read, the same name or surname."""
    ea, eb = fa.get("speaker_entity"), fb.get("speaker_entity")
    if ea and eb and ea == eb:
        return True
    return same_speaker(_speaker(fa), _speaker(fb))


def _quote_words(f: dict[str, Any]) -> list[str]:
    return list(quote_words(str(f.get("value") or f["text"])))


@lru_cache(maxsize=1 << 14)  # asked again for each pair a claim is in
def quote_words(text: str) -> tuple[str, ...]:
    """The folded words of a quote, as quotes are compared."""
    return tuple(_WORDS.findall(match_key(text)))


def word_diff(x: list[str], y: list[str]) -> str:
    """'a b' -> 'a c d' as "-b +c d": what the second wording drops and adds."""
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=x, b=y, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            parts.append("-\u201c" + " ".join(x[i1:i2]) + "\u201d")
        if op in ("replace", "insert"):
            parts.append("+\u201c" + " ".join(y[j1:j2]) + "\u201d")
    return " ".join(parts)


#: A direct quote whose speaker one source does not name ("said the Dane") is one quotation
#: with another of its group when they are this alike (token_set_ratio) and this long:
#: a word changed in it is reported all the same.
UNNAMED_QUOTE_SIMILARITY = 85.0
UNNAMED_QUOTE_MIN_WORDS = 6
#: The subject of such a quote's rows when neither source names its speaker.
UNNAMED_SPEAKER = "An unnamed speaker"


def _compare_quotes(a: _Claim, b: _Claim, th: Thresholds) -> Iterator[dict[str, Any]]:
    quotes_a = [f for f in a.facets.get("quote", []) if f.get("qualifier") in ("direct", "", None)]
    quotes_b = [f for f in b.facets.get("quote", []) if f.get("qualifier") in ("direct", "", None)]
    candidates = []
    for i, fa in enumerate(quotes_a):
        for j, fb in enumerate(quotes_b):
            named = _same_speaker(fa, fb)
            if not named and (_named_speaker(fa) and _named_speaker(fb)):
                continue
            wa, wb = _quote_words(fa), _quote_words(fb)
            score = fuzz.token_set_ratio(" ".join(wa), " ".join(wb))
            if score >= th.quote_similarity and (named or (
                    score >= UNNAMED_QUOTE_SIMILARITY and min(len(wa), len(wb)) >= UNNAMED_QUOTE_MIN_WORDS)):
                candidates.append((-score, i, j, wa, wb))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for neg_score, i, j, wa, wb in sorted(candidates, key=lambda c: c[:3]):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        fa, fb = quotes_a[i], quotes_b[j]
        same = wa == wb
        partial = not same and is_partial_quote(wa, wb)
        method = "same words" if same else "partial quote" if partial else "token_set_ratio"
        yield _row("quote", _speaker_subject(fa, fb), a, b, fa, fb,
                   "agree" if same or partial else "compatible", " ".join(wa), " ".join(wb),
                   score=round(-neg_score, 1), method=method,
                   note="" if same or partial else word_diff(wa, wb))


def is_partial_quote(x: list[str], y: list[str]) -> bool:
    """One wording is a contiguous run of the other's words: quoting part of a sentence."""
    short, long = (x, y) if len(x) <= len(y) else (y, x)
    return bool(short) and f" {' '.join(short)} " in f" {' '.join(long)} "


# ---- roles -----------------------------------------------------------------------------------


def _compare_roles(a: _Claim, b: _Claim, th: Thresholds) -> Iterator[dict[str, Any]]:
    people_b = {}
    for fb in b.facets.get("person", []):
        if fb.get("role"):
            people_b.setdefault(match_key(str(fb["value"])), fb)
    seen = set()
    for fa in a.facets.get("person", []):
        name = match_key(str(fa["value"]))
        fb = people_b.get(name)
        if fb is None or not fa.get("role") or name in seen:
            continue
        seen.add(name)
        ra, rb = str(fa["role"]), str(fb["role"])
        score = fuzz.token_set_ratio(match_key(ra), match_key(rb))
        verdict = "agree" if score >= th.title_similarity else "compatible"
        yield {**_row("role", str(fa["value"]), a, b, fa, fb, verdict, ra, rb, score=score,
                      method="token_set_ratio"), "a_value": ra, "b_value": rb}
