"""Stage 5 - match claims: compared claims from different sources that assert the same thing
are grouped. Candidate pairs come from blocking (shared rare terms, names, figures, dates),
never all pairs; candidates are scored with rapidfuzz.

GROUP_COLUMNS (one row per claim in a group; every compared claim is in exactly one group)
    group_id  "G1", "G2", ... in order of the group's first claim
    claim_id, source
    status    corroborated | conflicting | single_source (set by the compare stage;
              this stage writes matched | single_source)
    score     the claim's best match score inside the group (0-100; 100 for a lone claim)
    method    how it joined the group (e.g. token_set_ratio+shared:date,person)
    links     claim ids (space-separated, sorted) of claims from other sources in OTHER
              groups that this claim is also linked to: a sentence asserting two things
              ("The summit opened in X on Thursday, with 120 mayors signing a pledge")
              can join only one group, but is compared with both (see compare.py)

How two claims are matched
    Content words: the claim's text folded (case, accents), without stopwords
    (data/stopwords.txt, which includes month and weekday names) and without the text of its
    date and figure facets or any digits, lightly stemmed ("signed"/"signing" -> "sign").
    An altered number or date therefore never prevents a match: it becomes a conflict.
    Score: rapidfuzz token_set_ratio of the two content-word strings, plus
    Thresholds.claim_shared_facet_bonus for each kind of facet both claims share (person,
    org, date, place, figure), capped at 100. A pair is linked when the score reaches
    Thresholds.claim_similarity and the claims share at least
    Thresholds.claim_min_shared_terms content words (or exactly the same two or more, for
    short claims), and the shared words (and figure values both state: "= 1800000000 aud")
    carry at least
    Thresholds.claim_min_shared_weight of the heavier claim's words' idf weight (idf over
    the compared claims of the run), or, for a short claim inside a longer one, one more
    word than that minimum and CONTAINED_SHARE of the lighter claim's weight. token_set_ratio alone calls a short claim a perfect
    match of any longer claim containing its words, and attribution words ("the civil
    protection authority said") would match unrelated sentences. Atomic
    facts (unit "fact") are matched only with facts, sentences only with sentences.
    Quote anchor: likewise claims that quote nearly the same words (QUOTE_ANCHOR_MIN_WORDS,
    QUOTE_ANCHOR_SIMILARITY), however each frames the quote. A short part of a quotation
    running over sentences ('"We will not pay. Not one cent," she said') is matched by the
    whole quotation, word for word in order, with another source's part of it.
    Figure anchor: claims worded too differently for the rule above are still linked (at
    the threshold score, method figure_anchor) when they state the same figure value in the
    same unit and share a content word and a date, an entity or a second value ("Two-way
    trade reached A$1.8 billion last year" / "Bilateral trade stood at about A$1.8 billion
    in 2024").
    Changed-value anchor: claims that share one figure value and two content words, name no
    person the other does not, and each keep one more figure of a unit within
    ANCHOR_MAX_CHANGE of the other's ("The other 16 took shelter in a refuge chamber some
    540 metres below ground" / "The 16 ... reached a refuge chamber roughly 580 m below
    surface") are linked at the threshold: one fact with a number altered, which compare
    pairs the same way and reports.
    Different quantities: claims that each keep a figure of one unit which nothing in the
    other accounts for (an equal or compatible value, a similar noun, or the one noun-less
    figure on each side of alike claims, as compare pairs them) state different things
    ("turnout was 61%, with 98% counted" / "the runner-up got 48%, with 98% counted") and
    are not linked, whatever words and entities they share.
    Different years: when both claims carry dates (unqualified: "by 2030" or "since 1992"
    date no event, nor does a date after an end cue of data/relative_dates.csv, "until June
    2030") and no year is common to them, they are
    taken to describe different events (a 2025 visit, a 2026 signing) and are linked only
    when their content words are near-identical (token_sort_ratio at least
    Thresholds.claim_cross_year_similarity) and they share a person or organisation
    whenever either names one (not a place: a swapped place is a place conflict): then they
    are one assertion with a date conflict.
Blocking (near-linear work)
    Each claim's RARE_TERMS_PER_CLAIM rarest content words among those used by 2 to
    MAX_BLOCK claims, plus its person/org entity ids, dates (ISO), figure nouns and values, are
    blocking keys. Only pairs of claims from different sources sharing at least
    MIN_SHARED_KEYS keys are scored; a key held by more than MAX_BLOCK claims is too common
    to say anything and is skipped. (`checker.match_bench` measures this against all-pairs
    cdist: about 1% of the planted paraphrases lost for a work that grows with N, not N^2.)
Grouping
    Links are taken from the best score down; two groups merge only when every member of
    one is linked to every member of the other (complete linkage), so a chain of
    loosely similar claims (A~B, B~C, A!~C) never ends up in one group. One exception, as
    three outlets paraphrasing each other rarely all match pairwise: a lone claim from a
    source not yet in a group joins it when it is linked to one member of a pair (more than
    half of a larger group) and near each other member: same unit, no disjoint years, score
    with the facet bonus at least Thresholds.claim_similarity, and at least
    Thresholds.claim_join_min_shared_terms content words or two facet kinds in common.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import repeat
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from checker import lexicon
from checker.config import Thresholds
from checker.facets.figures import noun_key
from checker.forking import fork_map, in_slices
from checker.tables import empty_frame, isin, row_tuples
from checker.textutil import match_key

GROUP_COLUMNS = ["group_id", "claim_id", "source", "status", "score", "method", "links"]

#: How many of its rarest content words each claim is blocked on.
RARE_TERMS_PER_CLAIM = 10
#: A candidate pair must share at least this many blocking keys (one shared rare word is
#: mostly chance; a paraphrase keeps several).
MIN_SHARED_KEYS = 2
#: A blocking key shared by more claims than this is too common to block on.
MAX_BLOCK = 64

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_ALSO_DATE = re.compile(r"also (\d{4}(?:-\d{2}){0,2})")
_YEAR_PRECISIONS = frozenset({"day", "month", "year"})


def _stem(word: str) -> str:
    """A light suffix stripper: enough for "signed"/"signing"/"signs" and "countries"/"country"."""
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ied"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("ed"):
        word = word[:-2]
    elif len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def _fold(text: str) -> str:
    # match_key walks every character in Python; plain ASCII only needs lower-casing.
    return text.lower() if text.isascii() else match_key(text)


@lru_cache(maxsize=1 << 16)
def _term(word: str) -> str:
    """The term for one folded word; "" for a stopword or a word too short to matter."""
    stop = lexicon.words("stopwords")
    if word in stop:
        return ""
    word = word.replace("'", "")
    if len(word) < 2 or word in stop:
        return ""
    return _stem(word)


def content_terms(text: str, exclude: Iterable[str] = ()) -> list[str]:
    """The content words of `text`, folded and stemmed, in order; `exclude` are pieces of the
    text (dates, figures as written) removed first."""
    key = _fold(text)
    for piece in exclude:
        piece_key = _fold(piece)
        if piece_key:
            key = key.replace(piece_key, " ")
    return [t for t in map(_term, _WORD.findall(key)) if t]


@cache
def _event_phrases() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"]), r["event"]) for r in lexicon.table("event_phrases"))


@cache
def event_names() -> frozenset[str]:
    """The terms `event_terms` gives ("in-force", "arrival")."""
    return frozenset(event for _, event in _event_phrases())


def event_terms(text: str) -> list[str]:
    """The events `text` names in words data/event_phrases.csv lists ("takes effect", "comes
    into force": in-force), one term each, to count as a word two tellings share."""
    lowered = text.lower()
    return [event for pattern, event in _event_phrases() if pattern.search(lowered)]


#: Where a clause ends: a figure's context words are looked for only inside its clause.
#: Not the colon of a time ("6:40") nor the dots of "a.m.", "U.S.".
CLAUSE_BREAK = re.compile(r"[,;()\[\]\"“”—–]|(?<!\d):|:(?!\d)|\s-\s|(?<!\.[^\W\d_])[.!?](?:\s|$)")
#: How many content words on each side of a figure make its context.
FIGURE_CONTEXT_WORDS = 2


@lru_cache(maxsize=1 << 16)  # compare asks again for each pair a claim is in
def figure_context(text: str, figure_text: str) -> frozenset[str]:
    """The content words next to a figure in its clause, up to FIGURE_CONTEXT_WORDS on each
    side ("agreed to a 7.5% wage increase": agre, wage, increas). Two claims that each keep
    one figure of a unit, with a word of context in common, state that quantity differently
    ("a 14-day strike" / "a 12-day strike"): a conflict to report, not two quantities."""
    at = _standalone(text, figure_text)
    if at < 0:
        return _NONE
    clauses_before = CLAUSE_BREAK.split(text[:at])
    after = CLAUSE_BREAK.split(text[at + len(figure_text):])[0]
    n = FIGURE_CONTEXT_WORDS
    before = content_terms(clauses_before[-1])
    if not clauses_before[-1].strip() and len(clauses_before) > 1:
        # "The bridge, 180 metres long": a figure opening its clause tells of what the
        # clause before names
        before = content_terms(clauses_before[-2])
    return _frozen([*before[-n:], *content_terms(after)[:n]])


def _standalone(text: str, piece: str) -> int:
    """Where `piece` first stands in `text` as written, not inside a longer word or number
    ("5" in "5 people", not in "2025"); -1 when nowhere."""
    at = text.find(piece) if piece else -1
    while at >= 0:
        end = at + len(piece)
        if not ((at > 0 and text[at - 1].isalnum() and piece[0].isalnum())
                or (end < len(text) and text[end].isalnum() and piece[-1].isalnum())):
            return at
        at = text.find(piece, at + 1)
    return -1


def context_pairs(left_a: Mapping[int, tuple[str, frozenset[str]]],
                  left_b: Mapping[int, tuple[str, frozenset[str]]]) -> list[tuple[int, int]]:
    """One-to-one pairs (i, j) of figures left unpaired on each side, given as index ->
    (unit, figure_context), that have a unit and a word of context in common: most shared
    words first. "inflation fell to 3.8% in July from 4.1% in June, within a target range of
    2.5% to 7.5%" / "inflation fell to 3.8% in July from 4.3% in June": 4.1% and 4.3%."""
    scored = sorted((-len(ca & cb), i, j)
                    for i, (unit_a, ca) in left_a.items() for j, (unit_b, cb) in left_b.items()
                    if unit_a == unit_b and ca & cb)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, j in scored:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return pairs


_NONE: frozenset[str] = frozenset()


def _frozen(items: Iterable[str]) -> frozenset[str]:
    """A frozenset; the empty ones (most facets of most claims) all the one shared object."""
    return frozenset(items) or _NONE


class FigureFact(NamedTuple):
    """One figure of a claim, as the compare stage pairs it."""

    value: float
    unit: str  # folded facet key
    qualifier: str
    noun: str  # content words of the noun, "" when it says no more than the unit
    noun_key: str  # checker.facets.figures.noun_key of the noun ("staff", "employees": people)
    context: frozenset[str] = frozenset()  # see figure_context


class ClaimProfile(NamedTuple):
    """What matching knows about one compared claim (a tuple: built once per claim, cheaply)."""

    claim_id: str
    source: str
    terms: frozenset[str]
    entities: frozenset[str]  # "person:P1", "org:O2"
    dates: frozenset[str]  # ISO readings, both readings of an ambiguous date
    years: frozenset[str]
    places: frozenset[str]  # folded names of cities (countries are too common to tell)
    figures: frozenset[str]  # folded figure nouns, and "= <value> <unit>" of each figure
    unit: str = "segment"  # segment | fact: a fact is matched only with facts
    figure_facts: tuple[FigureFact, ...] = ()
    #: The "= <value> <unit>" keys of its figures: a value two claims both state is as
    #: telling as a shared rare word ("$1.1bn" / "US$1.1 billion").
    values: frozenset[str] = frozenset()
    #: Content words and figure values: what two claims must share to be linked.
    evidence: frozenset[str] = frozenset()
    #: Its direct quotes of QUOTE_ANCHOR_MIN_WORDS words or more, folded.
    quotes: tuple[str, ...] = ()
    #: For a short part of a quotation running over sentences ('"We will not pay. Not one
    #: cent," she said'), the whole quotation, folded: the part's own words are too few.
    quotation: str = ""

    def completed(self) -> ClaimProfile:
        """The profile with `values` and `evidence` derived from its terms and figures (held
        as fields: matching reads them millions of times)."""
        values = _frozen(f for f in self.figures if f.startswith("="))
        # Most claims state no figure: their evidence is their terms, the same set.
        return self._replace(values=values, evidence=self.terms | values if values else self.terms)

    @property
    def text_key(self) -> str:
        return " ".join(sorted(self.terms))

    @property
    def n_facet_kinds(self) -> int:
        """How many facet-bonus kinds this claim could share (person, org, date, place, figure)."""
        kinds = {e.split(":", 1)[0] for e in self.entities}
        return len(kinds) + bool(self.dates) + bool(self.places) + bool(self.figures)

    def block_keys(self) -> list[str]:
        keys = [f"e:{e}" for e in self.entities]
        keys += [f"d:{d}" for d in self.dates if len(d) == 10]
        keys += [f"f:{f}" for f in self.figures]
        # the words of its quotes: a quote a long claim frames with other words has to meet
        # the same quote in a short one, whose few words are not among the long one's rarest
        for quote in (*self.quotes, self.quotation):
            keys += [f"q:{w}" for w in _quote_terms(quote)]
        return sorted(set(keys))

    def shared_kinds(self, other: ClaimProfile) -> list[str]:
        kinds = {e.split(":", 1)[0] for e in self.entities & other.entities}
        if self.dates & other.dates:
            kinds.add("date")
        if self.places & other.places:
            kinds.add("place")
        if self.figures & other.figures:
            kinds.add("figure")
        return sorted(kinds)


#: Qualifiers (data/relative_dates.csv, kind year_cue) of the words that make the date after
#: them an end or a deadline rather than the date of the event.
_END_QUALIFIERS = frozenset({"by", "until", "before"})


@cache
def _end_cues() -> frozenset[str]:
    return frozenset(r["phrase"].casefold() for r in lexicon.table("relative_dates")
                     if r["kind"] == "year_cue" and r["qualifier"] in _END_QUALIFIERS)


def _after_end_cue(claim_text: str, date_text: str) -> bool:
    """Whether the date as written follows an end cue in the claim ("until June 2030")."""
    at = claim_text.find(date_text) if date_text else -1
    if at <= 0:
        return False
    before = _WORD.findall(claim_text[max(0, at - 40):at])
    return bool(before) and before[-1].casefold() in _end_cues()


def _figure_fact(f: object, claim_text: str) -> FigureFact | None:
    try:
        value = float(str(getattr(f, "value", "")))
    except ValueError:
        return None
    if not math.isfinite(value) or str(getattr(f, "note", "") or "") == "ordinal":
        return None
    unit = match_key(str(getattr(f, "key", "") or ""))
    noun = " ".join(content_terms(str(getattr(f, "noun", "") or "")))
    if noun == " ".join(content_terms(unit)):
        noun = ""
    raw_noun = str(getattr(f, "noun", "") or "")
    return FigureFact(value, unit, str(getattr(f, "qualifier", "") or ""), noun,
                      noun_key(raw_noun) if noun else "",
                      figure_context(claim_text, str(getattr(f, "text", "") or "")))


def _bare_contexts(facts: Sequence[FigureFact], left: Iterable[int]) -> dict[int, tuple[str, frozenset[str]]]:
    return {i: (facts[i].unit, facts[i].context) for i in left if not facts[i].noun}


def unpairable_figures(a: ClaimProfile, b: ClaimProfile, th: Thresholds) -> bool:
    """Whether each claim keeps a figure of one unit that nothing in the other claim accounts
    for and that comparison could not pair either: the claims then state different quantities
    ("turnout was 61%, with 98% counted" / "the runner-up got 48%, with 98% counted").
    Figures are accounted for by an equal or compatible value (a noun, when both have one,
    alike), by a similar noun (a changed figure: a conflict to report), by a word of context
    in common (context_pairs: also a changed figure), or as the one noun-less figure left on
    each side when the claims are alike."""
    if not a.figure_facts or not b.figure_facts:
        return False
    from checker.compare import figure_verdict  # compare imports this module

    def nouns_alike(x: FigureFact, y: FigureFact) -> bool | None:
        if not x.noun or not y.noun:
            return None
        if x.noun_key and x.noun_key == y.noun_key:
            return True
        return fuzz.token_set_ratio(x.noun, y.noun) >= th.figure_noun_similarity

    left_a = list(range(len(a.figure_facts)))
    left_b = list(range(len(b.figure_facts)))
    for accept in ("value", "noun"):
        for i in list(left_a):
            x = a.figure_facts[i]
            for j in left_b:
                y = b.figure_facts[j]
                if x.unit != y.unit or nouns_alike(x, y) is False:
                    continue
                if accept == "value":
                    verdict = figure_verdict(x.value, x.qualifier, y.value, y.qualifier,
                                             th.figure_tolerance)[0]
                    if verdict == "conflict":
                        continue
                elif not nouns_alike(x, y):
                    continue
                left_a.remove(i)
                left_b.remove(j)
                break
    for i, j in context_pairs(_bare_contexts(a.figure_facts, left_a),
                              _bare_contexts(b.figure_facts, left_b)):
        left_a.remove(i)
        left_b.remove(j)
    units_a = {a.figure_facts[i].unit for i in left_a}
    units_b = {b.figure_facts[j].unit for j in left_b}
    for unit in sorted(units_a & units_b):
        bare_a = [i for i in left_a if a.figure_facts[i].unit == unit and not a.figure_facts[i].noun]
        bare_b = [j for j in left_b if b.figure_facts[j].unit == unit and not b.figure_facts[j].noun]
        if (len(bare_a) == 1 and len(bare_b) == 1
                and len([i for i in left_a if a.figure_facts[i].unit == unit]) == 1
                and len([j for j in left_b if b.figure_facts[j].unit == unit]) == 1
                and fuzz.token_sort_ratio(a.text_key, b.text_key) >= th.figure_pairing_similarity):
            continue
        return True
    return False


def date_readings(value: str, note: str) -> list[str]:
    """A date facet's ISO value, plus the other reading of an ambiguous day/month order."""
    readings = [value] if value else []
    readings += [m.group(1) for m in _ALSO_DATE.finditer(note or "") if m.group(1) != value]
    return readings


def build_profiles(claims: pd.DataFrame, facets: pd.DataFrame,
                   mentions: pd.DataFrame) -> list[ClaimProfile]:
    """One profile per row of `claims`, in order."""
    ids = list(claims["claim_id"])
    wanted = set(ids)
    by_claim: dict[str, list] = {}
    if not facets.empty:
        sub = facets[isin(facets["claim_id"], wanted)]
        for f in row_tuples(sub):
            by_claim.setdefault(f.claim_id, []).append(f)
    ents: dict[str, set[str]] = {}
    if not mentions.empty:
        sub = mentions[isin(mentions["claim_id"], wanted)]
        for m in row_tuples(sub):
            ents.setdefault(m.claim_id, set()).add(f"{m.facet}:{m.entity_id}")
    for claim_id in ents.keys() - by_claim.keys():
        by_claim[claim_id] = []
    quotations = _quotation_parts(claims, by_claim)
    profiles = []
    units = claims["unit"].tolist() if "unit" in claims.columns else ["segment"] * len(ids)
    for claim_id, source, text, unit in zip(ids, claims["source"].tolist(),
                                            claims["text"].tolist(), units, strict=True):
        found = by_claim.get(claim_id)
        if found is None:
            profiles.append(ClaimProfile(claim_id, str(source), _claim_terms(str(text), ()),
                                         _NONE, _NONE, _NONE, _NONE, _NONE, str(unit)).completed())
            continue
        exclude = tuple(sorted({str(f.text) for f in found if f.facet in ("date", "figure") and f.text},
                               key=lambda s: (-len(s), s)))
        dates: set[str] = set()
        years: set[str] = set()
        places: set[str] = set()
        figures: set[str] = set()
        facts: list[FigureFact] = []
        quotes: list[str] = []
        for f in found:
            if f.facet == "quote":
                if f.qualifier == "direct" and len(str(f.value).split()) >= QUOTE_ANCHOR_MIN_WORDS:
                    quotes.append(str(f.value))
            elif f.facet == "date":
                readings = date_readings(str(f.value), str(f.note))
                dates.update(readings)
                # "by 2030", "until June 2030" (a contract's end) date no event
                if (f.key in _YEAR_PRECISIONS and not f.qualifier
                        and not _after_end_cue(str(text), str(f.text))):
                    years.update(r[:4] for r in readings if r[:4].isdigit())
            elif f.facet == "place" and f.value and f.qualifier == "city":
                places.add(match_key(str(f.value)))
            elif f.facet == "figure":
                if f.noun:
                    figures.add(" ".join(content_terms(str(f.noun))))
                figures.add(f"= {f.value} {match_key(str(f.key or ''))}")
                fact = _figure_fact(f, str(text))
                if fact is not None:
                    facts.append(fact)
        profiles.append(ClaimProfile(
            claim_id, str(source), _claim_terms(str(text), exclude),
            _frozen(ents.get(claim_id, ())), _frozen(dates), _frozen(years),
            _frozen(places), _frozen(f for f in figures if f), str(unit),
            tuple(sorted(facts)), quotes=tuple(quotes), quotation=quotations.get(claim_id, ""),
        ).completed())
    return profiles


#: Quote marks and what may stand beside them at a part's edge.
_QUOTE_EDGE = re.compile(r"^[\s\"'\u201c\u201d\u2018\u2019\u00ab\u00bb]*")
_CLOSING_MARK = re.compile(r"[\"\u201d\u2019\u00bb]")


def _quotation_parts(claims: pd.DataFrame, by_claim: dict[str, list]) -> dict[str, str]:
    """claim id -> the whole quotation, folded, for each claim whose direct quote is a short
    part (fewer than QUOTE_ANCHOR_MIN_WORDS words) of a quotation running over consecutive
    segments of one source: the quote of one segment ends with no closing mark after it, and
    the next segment's quote starts at its start."""
    quoted: dict[str, Any] = {}
    for claim_id, found in by_claim.items():
        quote = next((f for f in found if f.facet == "quote" and f.qualifier == "direct"), None)
        if quote is not None:
            quoted[claim_id] = quote
    if len(quoted) < 2 or not {"n", "start", "text"} <= set(claims.columns):
        return {}
    rows = sorted((str(source), int(n), claim_id, int(start), str(text))
                  for source, n, claim_id, start, text in zip(
                      claims["source"].tolist(), claims["n"].tolist(), claims["claim_id"].tolist(),
                      claims["start"].tolist(), claims["text"].tolist(), strict=True)
                  if claim_id in quoted)
    chains: list[list[tuple[str, str]]] = []
    open_chain: list[tuple[str, str]] | None = None
    previous: tuple[str, int] = ("", -1)
    for source, n, claim_id, start, text in rows:
        quote = quoted[claim_id]
        begin, end = int(quote.start) - start, int(quote.end) - start
        if (open_chain is not None and previous == (source, n - 1)
                and len(_QUOTE_EDGE.match(text).group()) >= begin):
            open_chain.append((claim_id, str(quote.value)))
        else:
            open_chain = [(claim_id, str(quote.value))]
            chains.append(open_chain)
        previous = (source, n)
        if _CLOSING_MARK.search(text, end):
            open_chain = None  # the quotation closes in this segment
    out: dict[str, str] = {}
    for chain in chains:
        if len(chain) < 2:
            continue
        whole = " ".join(value for _, value in chain)
        for claim_id, value in chain:
            if len(value.split()) < QUOTE_ANCHOR_MIN_WORDS:
                out[claim_id] = whole
    return out


@lru_cache(maxsize=1 << 14)
def _quote_terms(quote: str) -> frozenset[str]:
    return frozenset(content_terms(quote)) if quote else _NONE


@lru_cache(maxsize=1 << 16)  # sources repeat one another's sentences word for word
def _claim_terms(text: str, exclude: tuple[str, ...]) -> frozenset[str]:
    return frozenset(content_terms(text, exclude))


def candidate_pairs(term_lists: Sequence[Iterable[str]], sources: Sequence[str],
                    extra_keys: Sequence[Iterable[str]] | None = None,
                    rare_terms: int = RARE_TERMS_PER_CLAIM,
                    max_block: int = MAX_BLOCK,
                    min_shared_keys: int = MIN_SHARED_KEYS) -> np.ndarray:
    """Pairs (i, j), i < j, of claims from different sources that share a blocking key: one
    of each claim's `rare_terms` rarest terms (among terms used by 2..max_block claims), or
    one of its `extra_keys` (held by at most max_block claims). Sorted, unique, int64 (m, 2)."""
    blocks = blocking_keys(term_lists, extra_keys, rare_terms, max_block)
    return join_blocks(blocks, source_codes(sources), min_shared_keys)


def blocking_keys(term_lists: Sequence[Iterable[str]], extra_keys: Sequence[Iterable[str]] | None = None,
                  rare_terms: int = RARE_TERMS_PER_CLAIM, max_block: int = MAX_BLOCK) -> pd.DataFrame:
    """The blocking table: one row per (key, claim) a claim is blocked on; columns `k` (key
    number) and `c` (the claim's position), int64. See `candidate_pairs`."""
    vocab: dict[str, int] = {}
    key_claims: list[int] = []
    key_ids: list[int] = []
    for i, terms in enumerate(term_lists):
        for t in sorted(set(terms)):
            key_claims.append(i)
            key_ids.append(vocab.setdefault(t, len(vocab)))
    claim_of = np.asarray(key_claims, dtype=np.int64)
    term_of = np.asarray(key_ids, dtype=np.int64)
    chosen_claims = np.empty(0, dtype=np.int64)
    chosen_keys = np.empty(0, dtype=np.int64)
    if len(vocab):
        alpha = np.empty(len(vocab), dtype=np.int64)
        alpha[[vocab[t] for t in sorted(vocab)]] = np.arange(len(vocab))
        df = np.bincount(term_of, minlength=len(vocab))
        freq = df[term_of]
        ok = (freq >= 2) & (freq <= max_block)
        c, t, d = claim_of[ok], term_of[ok], freq[ok]
        order = np.lexsort((alpha[t], d, c))
        c, t = c[order], t[order]
        if len(c):
            starts = np.flatnonzero(np.r_[True, c[1:] != c[:-1]])
            lengths = np.diff(np.r_[starts, len(c)])
            rank = np.arange(len(c)) - np.repeat(starts, lengths)
            keep = rank < rare_terms
            chosen_claims, chosen_keys = c[keep], t[keep]
    if extra_keys is not None:
        extra_vocab: dict[str, int] = {}
        e_claims: list[int] = []
        e_ids: list[int] = []
        for i, keys in enumerate(extra_keys):
            for k in sorted(set(keys)):
                e_claims.append(i)
                e_ids.append(extra_vocab.setdefault(k, len(extra_vocab)))
        if e_ids:
            ec = np.asarray(e_claims, dtype=np.int64)
            ek = np.asarray(e_ids, dtype=np.int64)
            size = np.bincount(ek)[ek]
            ok = (size >= 2) & (size <= max_block)
            chosen_claims = np.r_[chosen_claims, ec[ok]]
            chosen_keys = np.r_[chosen_keys, ek[ok] + len(vocab)]
    return pd.DataFrame({"k": chosen_keys, "c": chosen_claims})


def source_codes(sources: Sequence[str]) -> np.ndarray:
    """One integer per claim, equal for claims of the same source."""
    return pd.factorize(pd.Series(list(sources), dtype=object))[0].astype(np.int64)


def shared_keys(rows: pd.DataFrame, blocks: pd.DataFrame, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Some `rows` of a blocking table joined with the whole table on the key: the pairs
    i < j of claims of different sources they form, as sorted codes i * n + j, and how many
    keys each pair shares there."""
    joined = rows.merge(blocks, on="k")
    left = joined["c_x"].to_numpy(dtype=np.int64)
    right = joined["c_y"].to_numpy(dtype=np.int64)
    keep = (left < right) & (sources[left] != sources[right])
    return np.unique(left[keep] * max(len(sources), 1) + right[keep], return_counts=True)


def pairs_of_codes(codes: np.ndarray, n: int) -> np.ndarray:
    """Sorted pair codes back to (i, j) rows."""
    return np.stack([codes // max(n, 1), codes % max(n, 1)], axis=1).astype(np.int64)


def join_blocks(blocks: pd.DataFrame, sources: np.ndarray, min_shared_keys: int = MIN_SHARED_KEYS) -> np.ndarray:
    """The candidate pairs of a blocking table (`blocking_keys`), in this process: pairs of
    claims of different sources sharing at least `min_shared_keys` keys, sorted, unique."""
    if blocks.empty:
        return np.empty((0, 2), dtype=np.int64)
    codes, counts = shared_keys(blocks, blocks, sources)
    return pairs_of_codes(codes[counts >= min_shared_keys], len(sources))


#: How candidate pairs are found and scored: (blocking table, source codes, the claims'
#: strings) -> (pairs as `join_blocks` gives them, their token_set_ratio scores). The
#: default runs here; the Dask engine's runs the join and the scoring on its cluster.
CandidateFinder = Callable[[pd.DataFrame, np.ndarray, Sequence[str]], tuple[np.ndarray, np.ndarray]]


def local_candidates(blocks: pd.DataFrame, sources: np.ndarray, strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    pairs = join_blocks(blocks, sources)
    return pairs, score_pairs(strings, pairs)


def score_pairs(strings: Sequence[str], pairs: np.ndarray) -> np.ndarray:
    """token_set_ratio (0-100) of each candidate pair, computed in rapidfuzz's threads."""
    if len(pairs) == 0:
        return np.empty(0, dtype=np.float32)
    arr = np.asarray(strings, dtype=object)
    return process.cpdist(list(arr[pairs[:, 0]]), list(arr[pairs[:, 1]]),
                          scorer=fuzz.token_set_ratio, workers=-1)


class Link(NamedTuple):
    """Why two claims are linked (a tuple: made for most of a million candidate pairs)."""

    score: float
    method: str


class TermWeights:
    """idf of each content word and figure value over the claims being matched,
    log((N + 1) / (df + 0.5)), with each claim's total weight memoised (a claim is scored
    against many candidates)."""

    def __init__(self, profiles: Sequence[ClaimProfile]) -> None:
        df: dict[str, int] = {}
        for p in profiles:
            for t in p.evidence:
                df[t] = df.get(t, 0) + 1
        n = len(profiles)
        self.idf = {t: math.log((n + 1) / (d + 0.5)) for t, d in df.items()}
        self._totals: dict[frozenset[str], float] = {}

    def total(self, terms: frozenset[str]) -> float:
        found = self._totals.get(terms)
        if found is None:
            found = self._totals[terms] = sum(self.idf.get(t, 1.0) for t in terms)
        return found

    def shared(self, a: ClaimProfile, b: ClaimProfile,
               common: frozenset[str] | None = None) -> tuple[float, float]:
        """The weight of the shared words and figure values (`common`, when already known)
        over that of the heavier claim's words, and over the lighter's (each at most 1). A
        figure value counts only when shared: an altered number must never keep two claims
        apart, it is a conflict to report."""
        total_a, total_b = self.total(a.terms), self.total(b.terms)
        shared = sum(map(self.idf.get, a.evidence & b.evidence if common is None else common,
                         repeat(1.0)))
        heavier, lighter = max(total_a, total_b), min(total_a, total_b)
        return (min(1.0, shared / heavier) if heavier > 0 else 0.0,
                min(1.0, shared / lighter) if lighter > 0 else 0.0)


#: A short claim almost wholly inside a longer one ("Halvorsen buys Kildegaard for cash"
#: against the long sentence announcing the deal) matches when it shares one word more than
#: the minimum and this share of its own weight.
CONTAINED_SHARE = 0.6


def anchored_by_figure(a: ClaimProfile, b: ClaimProfile) -> bool:
    """Two claims that state the same figure value in the same unit and share a content word
    and a date, an entity or a second value tell of one thing however differently worded
    ("Two-way trade reached A$1.8 billion last year" / "Bilateral trade stood at about
    A$1.8 billion in 2024")."""
    values = a.values & b.values
    if not values or not (a.terms & b.terms):
        return False
    return bool(len(values) >= 2 or a.dates & b.dates or a.entities & b.entities)


#: Content words two claims sharing one figure value must share to be anchored by a second
#: figure of one unit whose value differs...
ANCHOR_MIN_SHARED_TERMS = 2
#: ...and the most that value may differ by, as a factor: an altered figure stays near the
#: true one (540 m / 580 m, 3.1% / 3.4%); two quantities are often further apart.
ANCHOR_MAX_CHANGE = 1.35
#: With two figure values in common the two claims tell one fact surely enough to allow a
#: bigger change ("six bidders ... for 17 minutes ... HK$268 million" / "six bidders ... for
#: 12 minutes ... HK$268 million").
ANCHOR_MAX_CHANGE_TWO_VALUES = 2.0


def anchored_by_changed_value(a: ClaimProfile, b: ClaimProfile) -> bool:
    """Two claims that state one figure value in common, share two content words and no
    entity apart, and each keep one more figure of one unit, its value changed: one fact
    with a number altered ("The other 16 took shelter in a refuge chamber some 540 metres
    below ground" / "The 16 ... reached a refuge chamber roughly 580 m below surface";
    "inflation rose 3.1% in October, from 3.6%" / "eased to 3.4% in October, after 3.6%")."""
    values = a.values & b.values
    if not values or len(a.terms & b.terms) < ANCHOR_MIN_SHARED_TERMS:
        return False
    if a.entities and b.entities and a.entities.isdisjoint(b.entities):
        return False  # "X won 61% with 98% counted" / "Y got 48% with 98% counted"
    if {e for e in a.entities if e.startswith("person:")} != {e for e in b.entities if e.startswith("person:")}:
        return False  # "turnout was 58.2%, 97% counted" / "Vasko took 39%, 97% counted"
    single_a, single_b = _single_units(a.values - values), _single_units(b.values - values)
    most = ANCHOR_MAX_CHANGE if len(values) < 2 else ANCHOR_MAX_CHANGE_TWO_VALUES
    return any(max(single_a[u], single_b[u]) <= most * min(single_a[u], single_b[u])
               for u in single_a.keys() & single_b.keys())


def _single_units(values: frozenset[str]) -> dict[str, float]:
    """{unit: value} of the units ("m", "%", "usd") held by exactly one of the values
    ("= 540 m"); a bare number's empty unit, or a value that is not positive, never counts."""
    parsed: dict[str, list[float]] = {}
    for v in values:
        parts = v.split(" ", 2)
        if len(parts) == 3 and parts[2]:
            try:
                parsed.setdefault(parts[2], []).append(float(parts[1]))
            except ValueError:
                continue
    return {u: found[0] for u, found in parsed.items() if len(found) == 1 and found[0] > 0}


#: A direct quote of at least this many words, nearly the same in two claims
#: (QUOTE_ANCHOR_SIMILARITY), says the two report one statement however they frame it.
QUOTE_ANCHOR_MIN_WORDS = 5
QUOTE_ANCHOR_SIMILARITY = 80.0


def anchored_by_quote(a: ClaimProfile, b: ClaimProfile) -> bool:
    """Two claims quoting nearly the same words ("The next two weeks are critical," the
    minister told reporters / "The next two months are critical," she said in the capital):
    one statement, a changed word in it included, for compare to report. Two short parts
    of quotations are matched by their whole quotations, word for word in order
    (token_sort_ratio: a part must not meet the quotation's other part)."""
    if a.quotation and b.quotation:
        return fuzz.token_sort_ratio(a.quotation, b.quotation) >= QUOTE_ANCHOR_SIMILARITY
    return any(fuzz.token_set_ratio(x, y) >= QUOTE_ANCHOR_SIMILARITY
               for x in a.quotes for y in b.quotes)


def _share_enough(a: ClaimProfile, b: ClaimProfile, th: Thresholds, weights: TermWeights) -> bool:
    """Whether the shared words and figure values weigh enough of the heavier claim, or (one
    word more than the minimum shared) of a shorter claim contained in the other."""
    common = a.evidence & b.evidence
    shared = len(common)
    if shared < th.claim_min_shared_terms:
        return False
    of_heavier, of_lighter = weights.shared(a, b, common)
    return (of_heavier >= th.claim_min_shared_weight
            or (shared > th.claim_min_shared_terms and of_lighter >= CONTAINED_SHARE))


def link(a: ClaimProfile, b: ClaimProfile, text_score: float, th: Thresholds,
         weights: TermWeights) -> Link | None:
    """Whether two claims assert the same thing, by the rule in this module's docstring."""
    if a.unit != b.unit:
        return None
    # A short claim matches only a claim with exactly its content words ("The hearing was
    # moved to 22 April." / "The hearing was moved to 29 April.").
    same_words = a.terms == b.terms and len(a.terms) >= 2
    anchored = anchored_by_figure(a, b)
    # a value changed beside values in common is one fact, its figures pairable, even when
    # the values in common anchor the claims on their own
    changed = anchored_by_changed_value(a, b)
    anchored = anchored or changed
    quoted = not anchored and bool((a.quotes and b.quotes) or (a.quotation and b.quotation)) \
        and anchored_by_quote(a, b)
    if not (same_words or anchored or quoted) and not _share_enough(a, b, th, weights):
        return None
    kinds = a.shared_kinds(b)
    score = min(100.0, float(text_score) + th.claim_shared_facet_bonus * len(kinds))
    method = "token_set_ratio"
    if score < th.claim_similarity:
        if not (anchored or quoted):
            return None
        # Worded too differently to score, but the shared figure and date (or quote) say
        # it is one fact: linked at the threshold, so every better-worded link is taken first.
        score, method = th.claim_similarity, "figure_anchor" if anchored else "quote_anchor"
    if not changed and unpairable_figures(a, b, th):
        return None
    if a.years and b.years and not (a.years & b.years):
        # token_sort_ratio, not token_set_ratio: both claims must be nearly the same words,
        # not one the other plus a few.
        if fuzz.token_sort_ratio(a.text_key, b.text_key) < th.claim_cross_year_similarity:
            return None
        # Places are not required in common: a place swapped in one source is what
        # place_conflict reports.
        if (a.entities or b.entities) and not (a.entities & b.entities):
            return None
    method += f"+shared:{','.join(kinds)}" if kinds else ""
    return Link(round(score, 1), method)


def near(a: ClaimProfile, b: ClaimProfile, text_score: float, th: Thresholds) -> bool:
    """A looser tie than `link`, used only to let a claim join a group whose other members it
    fully matches: claims of different sources and one unit that score claim_similarity with
    the facet bonus and share claim_join_min_shared_terms content words or two facet kinds,
    and are not dated in different years."""
    if a.unit != b.unit or a.source == b.source:
        return False
    if a.years and b.years and not (a.years & b.years):
        return False
    kinds = a.shared_kinds(b)
    score = float(text_score) + th.claim_shared_facet_bonus * len(kinds)
    if score < th.claim_similarity:
        return False
    return len(a.evidence & b.evidence) >= th.claim_join_min_shared_terms or len(kinds) >= 2


def majority_needed(group_size: int) -> int:
    """How many members of a group a joining claim must fully match: one of a pair, more than
    half of a larger group."""
    return 1 if group_size <= 2 else group_size // 2 + 1


@dataclass(frozen=True)
class Grouping:
    groups: list[list[int]]  # profile indices, each sorted; groups in order of first index
    best: dict[int, Link]  # each grouped claim's best link inside its group
    links: dict[int, list[int]]  # each claim's links to claims of other groups


def group_profiles(profiles: Sequence[ClaimProfile], th: Thresholds,
                   find_candidates: CandidateFinder = local_candidates, workers: int = 1) -> Grouping:
    """Complete-linkage groups of linked claims (see the module docstring). The candidate
    pairs are linked on `workers` forked processes (checker.forking)."""
    n = len(profiles)
    strings = [p.text_key for p in profiles]
    blocks = blocking_keys([p.terms for p in profiles], [p.block_keys() for p in profiles])
    pairs, scores = find_candidates(blocks, source_codes([p.source for p in profiles]), strings)
    # Most candidates fall short even with every facet bonus they could get: drop them at once.
    n_kinds = np.asarray([p.n_facet_kinds for p in profiles], dtype=np.float64)
    if len(pairs):
        best_bonus = th.claim_shared_facet_bonus * np.minimum(n_kinds[pairs[:, 0]],
                                                              n_kinds[pairs[:, 1]])
        has_values = np.asarray([bool(p.values) for p in profiles], dtype=bool)
        has_quotation = np.asarray([bool(p.quotation) for p in profiles], dtype=bool)
        promising = ((scores + best_bonus >= th.claim_similarity)
                     | (has_values[pairs[:, 0]] & has_values[pairs[:, 1]])
                     | (has_quotation[pairs[:, 0]] & has_quotation[pairs[:, 1]]))
        pairs, scores = pairs[promising], scores[promising]
    weights = TermWeights(profiles)
    cache: dict[tuple[int, int], Link | None] = {}
    edges: list[tuple[float, int, int]] = []
    candidates = list(zip(map(tuple, pairs.tolist()), scores.tolist(), strict=True))
    found_in = fork_map(partial(_links, profiles, th, weights), in_slices(candidates, workers), workers)
    for ((i, j), _), found in zip(candidates, (f for part in found_in for f in part), strict=True):
        cache[(i, j)] = found
        if found is not None:
            edges.append((-found.score, i, j))
    edges.sort()

    def linked(a: int, b: int) -> Link | None:
        key = (a, b) if a < b else (b, a)
        if key not in cache:
            s = fuzz.token_set_ratio(strings[key[0]], strings[key[1]])
            cache[key] = link(profiles[key[0]], profiles[key[1]], s, th, weights)
        return cache[key]

    def joins(claim: int, group: list[int]) -> bool:
        """A lone claim joins a group when it fully matches most of its members and is near
        the rest (three sources paraphrasing each other rarely all match pairwise)."""
        if len(group) < 2 or profiles[claim].source in {profiles[m].source for m in group}:
            return False
        full = [m for m in group if linked(claim, m) is not None]
        if len(full) < majority_needed(len(group)):
            return False
        return all(near(profiles[claim], profiles[m],
                        fuzz.token_set_ratio(strings[claim], strings[m]), th)
                   for m in group if m not in full)

    root = list(range(n))
    members: dict[int, list[int]] = {}
    for _, i, j in edges:
        ri, rj = root[i], root[j]
        if ri == rj:
            continue
        group_i = members.get(ri, [ri])
        group_j = members.get(rj, [rj])
        if (all(linked(a, b) is not None for a in group_i for b in group_j)
                or (len(group_i) == 1 and joins(group_i[0], group_j))
                or (len(group_j) == 1 and joins(group_j[0], group_i))):
            keep, gone = (ri, rj) if ri < rj else (rj, ri)
            merged = sorted(group_i + group_j)
            members[keep] = merged
            members.pop(gone, None)
            for m in merged:
                root[m] = keep
    groups = [members.get(r, [r]) for r in range(n) if root[r] == r]
    best: dict[int, Link] = {}
    for group in groups:
        for a in group:
            for b in group:
                if a == b or profiles[a].source == profiles[b].source:
                    continue
                found = linked(a, b)
                if found is not None and (a not in best or found.score > best[a].score):
                    best[a] = found
    links: dict[int, list[int]] = {}
    for _, i, j in edges:
        if root[i] != root[j]:
            links.setdefault(i, []).append(j)
            links.setdefault(j, []).append(i)
    return Grouping(groups, best, {k: sorted(v) for k, v in links.items()})


def _links(profiles: Sequence[ClaimProfile], th: Thresholds, weights: TermWeights,
           candidates: Sequence[tuple[tuple[int, int], float]]) -> list[Link | None]:
    return [link(profiles[i], profiles[j], s, th, weights) for (i, j), s in candidates]


def match_claims(claims: pd.DataFrame, facets: pd.DataFrame, mentions: pd.DataFrame,
                 thresholds: Thresholds, find_candidates: CandidateFinder = local_candidates,
                 workers: int = 1) -> pd.DataFrame:
    """`workers`: processes that link the candidate pairs (group_profiles)."""
    kept = claims[claims["compared"].astype(bool)].reset_index(drop=True)
    if kept.empty:
        return empty_frame(GROUP_COLUMNS)
    profiles = build_profiles(kept, facets, mentions)
    grouping = group_profiles(profiles, thresholds, find_candidates, workers)
    rows = []
    for number, group in enumerate(grouping.groups, start=1):
        status = "matched" if len({profiles[i].source for i in group}) > 1 else "single_source"
        for i in group:
            found = grouping.best.get(i)
            rows.append({
                "group_id": f"G{number}", "claim_id": profiles[i].claim_id,
                "source": profiles[i].source, "status": status,
                "score": found.score if found else 100.0,
                "method": found.method if found else "alone",
                "links": " ".join(sorted(profiles[j].claim_id for j in grouping.links.get(i, []))),
            })
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)
