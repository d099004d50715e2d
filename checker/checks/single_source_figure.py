"""single_source_figure: a figure in a compared claim that no other source reports."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import pandas as pd
from rapidfuzz import fuzz

from checker import lexicon
from checker.checks.facet_conflict import ClaimIndex, claim_index, unit_kind
from checker.compare import figure_bound, figure_norm, figure_noun, figure_verdict, number
from checker.config import Severity, Thresholds
from checker.facets.figures import FRACTION_NOTE, noun_key
from checker.findings.check import Check
from checker.findings.engine import CheckContext, select_checks
from checker.findings.model import Evidence, Finding, KindDoc, Scope
from checker.match import CLAUSE_BREAK, figure_context
from checker.tables import Tables, per_frames, shared_rows
from checker.textutil import match_key

#: How many times the figure tolerance a share told in words ("almost a third") may be from
#: another source's percentage that vouches for it: it is a round share.
SHARE_IN_WORDS_TOLERANCE_FACTOR = 2

#: A bare number (no unit) this large or larger may stand, rounded, for another source's
#: figure of a unit; a smaller one is too common a number to vouch for it.
BARE_ROUNDED_MIN = 100


def reported_elsewhere(f: dict[str, Any], source: str, index: ClaimIndex,
                       th: Thresholds) -> bool:
    """Another source states the very same number, or a figure of the same unit that agrees
    with this one (rounded, approximate within the tolerance, or a bound that admits it) for
    a similar noun, a noun with the same noun_key ("staff"/"employees"), or without a noun on
    either side. A figure in another source's hedged or opinion sentence counts too: the
    number is there, only said with less certainty."""
    value = float(f["value"])
    kind = unit_kind(str(f.get("key") or ""))
    if any(other_source != source and not (kind and other_kind and other_kind != kind)
           for other_source, other_kind in index.figure_kinds.get(value, ())):
        # the very same number, whatever noun or unit the other source gives it, unless
        # the units measure different things ("40 tonnes" / "40 minutes")
        return True
    unit = match_key(str(f.get("key") or ""))
    # a bare number ("nearly five million a day", the passengers named before it) may be
    # another source's figure of any unit, and stands for one of this unit; a small one
    # ("one in four") only when it is the very same number (above), not rounded ("4.3%")
    tables = [(index.figures.get(unit, []), 0.0), (index.figures.get("", []), BARE_ROUNDED_MIN)] \
        if unit else [(index.all_figures, 0.0)]
    noun = figure_noun(f)
    key = noun_key(str(f.get("noun") or ""))
    qualifier = str(f.get("qualifier") or "")
    # An amount of money agreeing with another source's is that amount, whatever noun the
    # words near it give ("over $9 million road graft" / "about $9.1 million ... payments").
    money = str(f.get("key") or "") in _currency_units()
    # a share told in words is a round share ("almost a third" for 31%)
    tolerance = th.figure_tolerance * (SHARE_IN_WORDS_TOLERANCE_FACTOR
                                       if str(f.get("note") or "") == FRACTION_NOTE else 1)
    admitting: list[float] = []  # values that only admit this one, approximate or a bound
    stated: set[float] = set()  # values other sources state exactly, this one conflicting
    for other, other_source, other_noun, other_qualifier, other_key in (
            e for entries, least in tables for e in _near(entries, value, th) if abs(e[0]) >= least):
        if other_source == source:
            continue
        if (noun and other_noun and not money and not (key and key == other_key)
                and fuzz.token_set_ratio(noun, other_noun) < th.figure_noun_similarity):
            continue
        verdict = figure_verdict(value, qualifier, other, other_qualifier, tolerance)[0]
        if verdict == "agree":
            return True
        if verdict == "compatible":
            admitting.append(other)
        elif figure_bound(other_qualifier) == "exact":
            stated.add(other)
    # "about $700 million" admits $750 million by its rounding, but not when another source
    # gives exactly $700 million: the round figure is that one
    if any(other not in stated for other in admitting):
        return True
    return _rounded_count_elsewhere(value, qualifier, unit, kind, source, index, th)


#: A count this large, said to be approximate, may be another source's count of the same
#: things named otherwise ("about 410,000 portable chargers" / "412,000 power banks").
APPROXIMATE_COUNT_MIN = 1000
_APPROXIMATE = frozenset({"approximately", "nearly"})


def _rounded_count_elsewhere(value: float, qualifier: str, unit: str, kind: str, source: str,
                             index: ClaimIndex, th: Thresholds) -> bool:
    """A large count that another source's count of other words agrees with, one of the two
    said to be approximate ("about 410,000 portable chargers" / "412,000 power banks") or a
    bound that admits the other ("more than 2,100 holidaymakers" / "2,148 passengers"),
    within three tolerances."""
    if kind or not unit or value < APPROXIMATE_COUNT_MIN:
        return False
    reach = 3 * th.figure_tolerance
    low = bisect.bisect_left(index.counts, (value * (1 - reach),))
    high = bisect.bisect_right(index.counts, (value * (1 + reach), "\uffff"))
    return any(other_source != source and other_unit != unit
               and _vouches(value, qualifier, other, other_qualifier, th)
               for other, other_source, other_qualifier, other_unit in index.counts[low:high])


def _vouches(value: float, qualifier: str, other: float, other_qualifier: str,
             th: Thresholds) -> bool:
    bounds = {figure_bound(qualifier), figure_bound(other_qualifier)}
    verdict = figure_verdict(value, qualifier, other, other_qualifier, th.figure_tolerance)[0]
    if bounds & {"lower", "upper"}:
        return verdict == "compatible" and abs(value - other) <= 3 * th.figure_tolerance * max(value, other)
    return verdict == "agree" and (qualifier in _APPROXIMATE or other_qualifier in _APPROXIMATE)


def _near(entries: list[tuple[float, str, str, str, str]], value: float,
          th: Thresholds) -> list[tuple[float, str, str, str, str]]:
    """The entries (sorted by value) within three tolerances of `value`."""
    low = bisect.bisect_left(entries, (value * (1 - 3 * th.figure_tolerance),))
    high = bisect.bisect_right(entries, (value * (1 + 3 * th.figure_tolerance), "\uffff"))
    return entries[low:high]


def _discrepancy_runs(ctx: CheckContext) -> bool:
    """Whether figure_discrepancy is among the checks this configuration runs (when it is
    ignored, its figures stay single-source findings)."""
    from checker.checks.figure_discrepancy import CHECK as DISCREPANCY  # it imports this module

    return bool(select_checks([DISCREPANCY], ctx.config))


#: A number spelled out in words is checked from this value up ("Seventeen people died",
#: a sentence's first word); smaller ones ("three decades", "two hours") are rarely what an
#: editor must verify ...
SPELLED_OUT_FROM = 11
#: ... but a count of things from this value up is ("Nine ambulances were pressed into
#: service", "closed five stations").
SPELLED_OUT_COUNT_FROM = 3


def checkable_figure(f: dict[str, Any]) -> bool:
    """A figure written with digits, or a count of SPELLED_OUT_FROM or more spelled out in
    words (not a vague "dozens"); never an ordinal."""
    text = str(f["text"])
    if str(f.get("note") or "") == "ordinal":
        return False
    if any(ch.isdigit() for ch in text):
        return True
    value = number(f["value"])
    key = str(f.get("key") or "")
    least = SPELLED_OUT_COUNT_FROM if key and not unit_kind(key) else SPELLED_OUT_FROM
    return (value is not None and value >= least and "dozen" not in text.lower()
            and "converted" not in str(f.get("note") or ""))  # "two kilometres" is 2,000 m


def unreported_figures(claim: Any, ctx: CheckContext) -> list[dict[str, Any]]:
    """The checkable figures (`checkable_figure`) of a compared claim that no matched claim compares
    and no other source states or agrees with (see `reported_elsewhere`)."""
    if getattr(claim, "unit", "segment") == "fact":
        return []  # a fact repeats its sentence's figures; the sentence is checked
    index = claim_index(ctx.tables)
    figures = [f for f in index.facets.get(claim.claim_id, []) if f["facet"] == "figure"]
    if not figures:
        return []
    compared = {
        (r["a_claim"] if r["a_claim"] == claim.claim_id else r["b_claim"],
         r["a_start"] if r["a_claim"] == claim.claim_id else r["b_start"])
        for r in index.comparisons.get(claim.claim_id, []) if r["facet"] == "figure"
    }
    th = ctx.config.thresholds
    out = []
    for f in figures:
        if not checkable_figure(f) or number(f["value"]) is None:
            continue
        if (claim.claim_id, int(f["start"])) in compared:
            continue
        if (not reported_elsewhere(f, claim.source, index, th) and not _spelled_out_beside(f, claim, index)
                and not _worked_out(f, claim, ctx.tables)):
            out.append(f)
    return out


def _worked_out(f: dict[str, Any], claim: Any, tables: Tables) -> bool:
    """A figure that is the difference of two figures of its unit given in its own paragraph,
    each of them also given by another source ("NGN 1,185 ... previously NGN 945. That is an
    uplift of NGN 240"): the outlet's sum, not a fact of its own."""
    unit = match_key(str(f.get("key") or ""))
    value = number(f["value"])
    if not unit or value is None:
        return False
    givers, by_paragraph = _unit_values(tables.claims, tables.facets)
    source = str(claim.source)

    def elsewhere(v: float) -> bool:
        return any(other != source for other in givers.get((unit, v), ()))

    shared = {v for v in by_paragraph.get((unit, source, int(claim.line)), ()) if elsewhere(v)}
    return any(round(a - value, 6) in shared for a in shared if a > value)


@per_frames
def _unit_values(claims: pd.DataFrame, facets: pd.DataFrame
                 ) -> tuple[dict[tuple[str, float], frozenset[str]], dict[tuple[str, str, int], frozenset[float]]]:
    """The sources giving each (folded unit, value) of a figure, and the values of each unit
    by paragraph (source, line)."""
    lines = dict(zip(claims["claim_id"], claims["line"], strict=True)) if not claims.empty else {}
    givers: dict[tuple[str, float], set[str]] = {}
    by_paragraph: dict[tuple[str, str, int], set[float]] = {}
    for f in shared_rows(facets):
        value = number(f["value"]) if f["facet"] == "figure" else None
        if value is None:
            continue
        unit, source, value = match_key(str(f.get("key") or "")), str(f["source"]), round(value, 6)
        givers.setdefault((unit, value), set()).add(source)
        line = lines.get(f["claim_id"])
        if line is not None:
            by_paragraph.setdefault((unit, source, int(line)), set()).add(value)
    return ({k: frozenset(v) for k, v in givers.items()}, {k: frozenset(v) for k, v in by_paragraph.items()})


def _spelled_out_beside(f: dict[str, Any], claim: Any, index: ClaimIndex) -> bool:
    """A small count written in digits ("2 were airlifted") that another source's claim of
    the same group writes in words ("the two critically injured were airlifted"): a small
    number in words is no figure facet, so it is looked for in the text."""
    value = number(f["value"])
    words = _number_words().get(int(value)) if value is not None and value == int(value) else None
    if not words:
        return False
    group = index.group_of.get(claim.claim_id)
    for other in index.members.get(group, []) if group is not None else []:
        row = index.claims.get(other)
        if row is not None and row["source"] != claim.source and not words.isdisjoint(
                _WORD_RE.findall(str(row["text"]).casefold())):
            return True
    return False


_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)?")


@cache
def _currency_units() -> frozenset[str]:
    """The figure units that are currencies (data/currencies.csv)."""
    return frozenset(r["unit"] for r in lexicon.table("currencies"))


@cache
def _number_words() -> dict[int, frozenset[str]]:
    """Counts below SPELLED_OUT_FROM -> their words (data/number_words.csv)."""
    out: dict[int, set[str]] = {}
    for row in lexicon.table("number_words"):
        if row["kind"] == "number" and row["value"].isdigit() and int(row["value"]) < SPELLED_OUT_FROM:
            out.setdefault(int(row["value"]), set()).add(row["word"].casefold())
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True, slots=True)  # one per figure of an archive
class StatedFigure:
    """A figure as a compared claim of some source states it."""

    value: float
    source: str
    claim_id: str
    facet: dict[str, Any]
    noun: str  # compare.figure_noun of the facet
    noun_key: str  # checker.facets.figures.noun_key of its noun
    order: int  # its position in the facets table


#: A value other sources give instead is looked for only within this factor of the figure
#: (an altered figure, not another quantity of the same unit).
OTHER_VALUE_MAX_RATIO = 3.0
#: ... and only when at least this many other sources give it.
OTHER_VALUE_MIN_SOURCES = 2
#: A word that this many figures of a unit share (in an archive checked as one story) says
#: nothing of which quantity a figure is: it is not looked up. A story's articles never
#: come near it.
OTHER_VALUE_MAX_POSTINGS = 256


def other_value(claim: Any, f: dict[str, Any], ctx: CheckContext) -> list[StatedFigure]:
    """Where other sources give another value for the quantity an unreported figure states:
    the claims of the value that the most other sources (at least OTHER_VALUE_MIN_SOURCES)
    give, in the same unit, within OTHER_VALUE_MAX_RATIO of it, beyond the rounding
    tolerance, for a similar noun and with a word of context in common (or the same noun),
    in the same year. Empty when there is none, or when the claim's own source gives that
    value too ("112 people treated" beside its "40 people missing": two quantities). Asked by two checks: answered once."""
    memo = _stated_figures(ctx.tables.claims, ctx.tables.facets).answers
    # the answer also depends on the thresholds and the articles' years: a notebook may run
    # the checks again on the same tables with another configuration
    key = (str(claim.claim_id), int(f["start"]), ctx.config.thresholds, id(ctx.tables.articles))
    if key not in memo:
        memo[key] = _other_value(claim, f, ctx)
    return memo[key]


def _other_value(claim: Any, f: dict[str, Any], ctx: CheckContext) -> list[StatedFigure]:
    th = ctx.config.thresholds
    value = float(f["value"])
    if value <= 0:
        return []
    stated = _stated_figures(ctx.tables.claims, ctx.tables.facets)
    unit = match_key(str(f.get("key") or ""))
    noun, key = figure_noun(f), noun_key(str(f.get("noun") or ""))
    context = figure_context(str(claim.text), str(f["text"]))
    # Only figures that share a noun word, the noun key or a word of context can qualify:
    # looked up by those words, not by scanning every figure of the unit (an archive holds
    # hundreds of thousands).
    found_by = stated.by_word.get(unit, {})
    candidates = {id(e): e for word in (*noun.split(), *(("=" + key,) if key else ()), *context)
                  if len(found_by.get(word, ())) <= OTHER_VALUE_MAX_POSTINGS
                  for e in found_by.get(word, ())}
    qualifier = str(f.get("qualifier") or "")
    years: frozenset[str] | None = None
    index = claim_index(ctx.tables)
    by_value: dict[float, list[StatedFigure]] = {}
    for other in sorted(candidates.values(), key=lambda e: e.order):
        if other.source == claim.source or other.value == value:
            continue
        if max(value, other.value) / min(value, other.value) > OTHER_VALUE_MAX_RATIO:
            continue
        g = other.facet
        if figure_verdict(value, qualifier, other.value, str(g.get("qualifier") or ""),
                          th.figure_tolerance)[0] != "conflict":
            continue
        same_noun = bool(key and key == other.noun_key) or bool(
            noun and other.noun and fuzz.token_set_ratio(noun, other.noun) >= th.figure_noun_similarity)
        if noun and other.noun and not same_noun:
            continue
        if years is None:
            years = _claim_years(claim.claim_id, claim.source, ctx.tables)
        other_years = _claim_years(other.claim_id, other.source, ctx.tables)
        if years and other_years and not years & other_years:
            continue  # another year's event ("the last eruption, in 2021, sent ash 2,000 m")
        if not same_noun:
            other_text = str(index.claims[other.claim_id]["text"])
            if not context & figure_context(other_text, str(g["text"])):
                continue
        by_value.setdefault(other.value, []).append(other)
    # the value most sources give; among equals the nearest ("4,300 jobs in Germany" against
    # 4,800 in Germany and 7,500 worldwide, each in two sources: a changed figure is near)
    def rank(item: tuple[float, list[StatedFigure]]) -> tuple[int, float]:
        given, found = item
        return (-len({s.source for s in found}), max(value, given) / min(value, given))

    for given, found in sorted(by_value.items(), key=rank):
        if len({s.source for s in found}) >= OTHER_VALUE_MIN_SOURCES:
            if any(v == given and s == claim.source for v, s, *_ in index.figures.get(unit, ())):
                return []  # the source gives that value too: its figure is another quantity
            return found
    return []


def _claim_years(claim_id: str, source: str, tables: Tables) -> frozenset[str]:
    """The years a claim's dates name; without any, its article's publication year, or else
    the year its article's dates name most (a claim tells of its story's news unless it
    says otherwise), with the years of the sentence just before it, when that one names
    some ("... a scheme from 2017 through 2024. The indictment says he used 48 front
    companies": the same years go on); empty when none is known."""
    dated, of_source, before = _years_index(tables.facets, tables.articles, tables.claims)
    own = dated.get(claim_id)
    if own:
        return own
    return of_source.get(source, frozenset()) | dated.get(before.get(claim_id, ""), frozenset())


#: The sentence before an undated claim lends it its years when at most this many lines
#: before it (the same paragraph, or the one before across a blank line).
YEARS_CARRY_LINES = 2


@per_frames
def _years_index(facets: pd.DataFrame, articles: pd.DataFrame, claims: pd.DataFrame
                 ) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, str]]:
    dated: dict[str, set[str]] = {}
    named: dict[str, Counter[str]] = {}
    for f in shared_rows(facets):
        year = str(f.get("value") or "")[:4]
        if f["facet"] == "date" and year.isdigit():
            dated.setdefault(str(f["claim_id"]), set()).add(year)
            named.setdefault(str(f["source"]), Counter())[year] += 1
    before: dict[str, str] = {}
    last: dict[str, tuple[str, int]] = {}
    segments = (c for c in shared_rows(claims) if c.get("unit", "segment") != "fact")
    for c in sorted(segments, key=lambda c: (str(c["source"]), int(c["line"]), int(c["start"]))):
        source, line = str(c["source"]), int(c["line"])
        previous = last.get(source)
        if previous is not None and 0 <= line - previous[1] <= YEARS_CARRY_LINES:
            before[str(c["claim_id"])] = previous[0]
        last[source] = (str(c["claim_id"]), line)
    of_source = {source: frozenset({max(counts, key=lambda y: (counts[y], y))})
                 for source, counts in named.items()}
    if "published" in articles.columns:
        for source, day in zip(articles["source"].tolist(), articles["published"].tolist(), strict=True):
            year = str(day or "")[:4]
            if year.isdigit():
                of_source[str(source)] = frozenset({year})
    return {k: frozenset(v) for k, v in dated.items()}, of_source, before


@dataclass(frozen=True, eq=False)
class _Stated:
    #: folded unit -> word -> the figures whose noun has that word, whose noun key is
    #: "=<key>", or whose context (match.figure_context) has that word
    by_word: dict[str, dict[str, list[StatedFigure]]]
    #: other_value's answers, by (claim id, figure start, thresholds, articles table)
    answers: dict[tuple[Any, ...], list[StatedFigure]]


@per_frames
def _stated_figures(claims: pd.DataFrame, facets: pd.DataFrame) -> _Stated:
    """Every positive checkable figure (`checkable_figure`) in a compared segment (not a fact), by
    folded unit and by the words it can be found by."""
    compared = {c["claim_id"]: c for c in shared_rows(claims)
                if bool(c["compared"]) and c.get("unit", "segment") != "fact"}
    by_word: dict[str, dict[str, list[StatedFigure]]] = {}
    for order, f in enumerate(shared_rows(facets)):
        claim = compared.get(f["claim_id"])
        if claim is None or f["facet"] != "figure" or str(f.get("note") or "") == "ordinal":
            continue
        value = number(f["value"])
        if value is None or value <= 0 or not checkable_figure(f):
            continue
        noun, key = figure_noun(f), noun_key(str(f.get("noun") or ""))
        entry = StatedFigure(value, str(claim["source"]), str(f["claim_id"]), f, noun, key, order)
        words = by_word.setdefault(match_key(str(f.get("key") or "")), {})
        for word in {*noun.split(), *(("=" + key,) if key else ()),
                     *figure_context(str(claim["text"]), str(f["text"]))}:
            words.setdefault(word, []).append(entry)
    return _Stated(by_word, {})


#: Words shown on each side of a figure that has no noun.
CONTEXT_WORDS = 3
_WORD = re.compile(r"\S+")


def words_around(text: str, figure: str, at: int) -> str:
    """A figure without a noun, shown by the words of its clause around it, up to
    CONTEXT_WORDS on each side ("police said 120 had been arrested"); a figure that is a
    clause of its own, by the words before it ("said Ana Ruiz, 52"). The figure alone, or
    its unit ("120", "%"), would not tell an editor which number it is. `at`: where the
    figure starts in `text` (looked for when it is not there). Empty when nothing is
    around it."""
    if at < 0 or not figure or text[at:at + len(figure)] != figure:
        at = text.find(figure) if figure else -1
        if at < 0:
            return ""
    end = at + len(figure)
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, at)), default=0)
    after_break = CLAUSE_BREAK.search(text, end)
    clause_end = after_break.start() if after_break else len(text)
    before = list(_WORD.finditer(text, clause_start, at))[-CONTEXT_WORDS:]
    after = list(_WORD.finditer(text, end, clause_end))[:CONTEXT_WORDS]
    if not before and not after:
        before = list(_WORD.finditer(text, 0, at))[-CONTEXT_WORDS:]
    if not before and not after:
        return ""
    begin = before[0].start() if before else at
    finish = after[-1].end() if after else end
    return " ".join(text[begin:finish].split()).strip("\"“”'‘’ ")


def find_single_source_figures(claim: Any, ctx: CheckContext) -> Iterator[Finding]:
    left_to_discrepancy = _discrepancy_runs(ctx)
    for f in unreported_figures(claim, ctx):
        if left_to_discrepancy and other_value(claim, f, ctx):
            continue  # figure_discrepancy reports it, with what the others say
        text = str(f["text"])
        noun = str(f.get("noun") or f.get("key") or "")
        at = int(f["start"]) - int(getattr(claim, "start", 0))
        subject = str(f.get("noun") or "") or words_around(str(claim.text), text, at) or noun or text
        yield Finding(
            code="", kind="", severity=Severity.MEDIUM, values=(text,),
            evidence=(Evidence(source=claim.source, line=int(claim.line), quote=claim.text,
                               claim_id=claim.claim_id, value=text, start=int(f["start"]),
                               end=int(f["end"])),),
            subject=subject,
            identity=(claim.source, match_key(noun), figure_norm(f)),
            method="no other source states this figure",
            suggestion="Verify the figure against its primary source before publishing; "
            "attribute it if it cannot be confirmed.",
            fields=(("source", claim.source),),
        )


CHECK = Check(
    code="CK301",
    kind="single_source_figure",
    severity=Severity.MEDIUM,
    scope=Scope.CLAIM,
    summary="Only {source} reports \u201c{first}\u201d ({subject})",
    doc=KindDoc(
        what="A figure (written with digits; in words, a count of three or more things, or any "
        "number of eleven or more) in a compared claim that no other source states: "
        "no matched claim compares it, and no other source gives the same number, or an "
        "agreeing value (rounded, approximate) in the same unit for a similar noun, anywhere "
        "in its copy, hedged or opinion sentences included. When two or more other sources "
        "agree on another value for the same quantity, figure_discrepancy reports it instead.",
        why="A number only one outlet reports has not been corroborated; if it is wrong, "
        "nothing in the other sources will reveal it.",
        example="c:9 'Exports of olive oil rose by 18% last year', a figure none of the other "
        "outlets gives: \u201c18%\u201d.",
        action="Check the figure against its primary source (statistics office, company "
        "report) and attribute it explicitly.",
        false_positives="Background figures (a population, an old record) that other outlets "
        "simply did not repeat. Small numbers spelled out in words are flagged only as counts "
        "of things from three up (\u201cnine ambulances\u201d, not \u201ctwo officials\u201d or "
        "\u201cnine hours\u201d); the same number elsewhere in a unit measuring something "
        "else (\u201c40 minutes\u201d for \u201c40 tonnes\u201d) does not report it.",
        options="figure_noun_similarity, figure_tolerance",
    ),
    run=find_single_source_figures,
)
