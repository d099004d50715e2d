"""Dates: every date a claim states, normalised to ISO 8601 with its precision and with the
reason for any choice recorded in `note`.

value      2025-10-06 | 2025-10 | 2025 | 1990s | 2025-W41 (a week) | --02-15 (day and
           month whose year nothing gives)
key        precision: day | week | month | year | decade | monthday
noun       the weekday named beside the date ("Tuesday"), as the calendar spells it
qualifier  since | by | until | before | after | early | mid | late | "" (and the
           direction of a relative weekday: last | next)
note       how it was read, e.g. "day-first: weekday Monday fits 2025-10-06, not
           2025-06-10", "day-first: day > 12", "article convention: day-first",
           "ambiguous; also 2025-06-10", "relative: 'last month' anchored to 2025-10-16",
           "relative: 'on Saturday' anchored to 2025-11-20 (future tense)",
           "publication day: 'on Thursday' is the article's date 2025-11-20",
           "year from the publication date", "weekday Friday does not fit 2025-10-06"

Forms read: numeric dates ("6.10.2025", "14/9/25", "2025-10-06"), written dates ("October 6,
2025", "6 October 2025", "Oct. 6", "Sunday (15 February)", "October 2025"), a dotted day
and month after a date word ("until 30.11.", `data/dotted_number_cues.csv`), years after a
cue ("in 2023", "since 1992"), decades ("the 1990s", "the mid-1990s", "the early '90s"),
relative dates ("yesterday", "last month", "earlier this week") and weekdays ("on Tuesday",
"last Friday"), the last two anchored to the article's publication date when it is known
(and left out when it is not). A bare weekday ("on Tuesday", "Tuesday's") is the one before
or on the publication date when the nearest tense word in its clause is past ("met",
"announced", "said": `past_word` cues and lower-case "-ed" words) or it is possessive
("Tuesday's closing price"); the one on or after it when that word is a future cue ("will",
"leaves", "flying", "ahead of": `future_word`); else by any `future` phrase in the claim. A
past weekday that is the publication date's own weekday is that date, noted "publication
day: ..." (exact, not "relative: ...": "announced on Wednesday" in an article dated
Wednesday 9 July is 9 July). Month and weekday names come from `data/date_names.csv`;
relative phrases, year cues and future markers from `data/relative_dates.csv`.

A numeric date whose day and month could be swapped is read day-first or month-first by,
in order: a part above 12; the weekday named beside it; the article's own unambiguous
numeric dates; else it is read day-first and the note says "ambiguous; also <other>", for
`resolve_across_sources` to settle with other sources' dates. Two-digit years take the
century that puts them nearest the publication date (else 1969-2068).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

import pandas as pd

from checker.facets.base import ArticleContext, Facet, Segment
from checker.lexicon import entries, table
from checker.textutil import DIGIT, LineIndex, fold

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_AMBIGUOUS = "ambiguous; also "
#: What every match of the decade and year-with-a-cue patterns contains: a quick test
#: that spares most sentences those slower patterns.
_DECADE_HINT = re.compile(r"\d0s", re.I)
_YEAR_HINT = re.compile(r"[\s-](?:1[5-9]|2\d)\d\d")
_Emit = Callable[..., None]


class SpanIndex:
    """Non-overlapping spans, kept sorted, answering "is [start, end) free?" in log time so
    that a huge one-line segment with many facets stays near-linear."""

    def __init__(self, spans: Sequence[tuple[int, int]] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_left(self._starts, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)

    def free(self, start: int, end: int) -> bool:
        at = bisect.bisect_left(self._starts, end)
        # Spans are added only where free (bar adjacent weekdays), so ends rise with starts:
        # the span starting last before `end` is the only one that can overlap.
        return at == 0 or self._ends[at - 1] <= start


@dataclass(frozen=True)
class _Tables:
    months: dict[str, int]  # casefolded name -> 1..12
    weekdays: dict[str, int]  # casefolded name -> 0..6
    relative: dict[str, tuple[str, int]]  # phrase -> (unit, offset)
    weekday_cues: dict[str, int]
    year_cues: dict[str, str]  # phrase -> qualifier
    future: re.Pattern[str] | None  # any future phrase, on the case-folded text
    future_words: frozenset[str]
    past_words: frozenset[str]
    state_verbs: frozenset[str]  # "remain" in "will remain closed": the participle is no past tense
    perfect_words: frozenset[str]  # "have" in "have been shut until Thursday": a state going on
    numeric: re.Pattern[str]
    iso: re.Pattern[str]
    month_first: re.Pattern[str]
    day_first: re.Pattern[str]
    month_year: re.Pattern[str]
    decade: re.Pattern[str]
    year: re.Pattern[str]
    relative_re: re.Pattern[str]
    weekday_re: re.Pattern[str]
    weekday_before: re.Pattern[str]
    weekday_after: re.Pattern[str]
    converted_time: re.Pattern[str]
    ordinal_days: dict[str, int]  # "first" -> 1, "twenty-first" -> 21
    ordinal_day: tuple[re.Pattern[str], ...]  # "the first of March", "March the third"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


@cache
def _tables() -> _Tables:
    names = table("date_names")
    months = {r["name"].casefold(): int(r["number"]) for r in names if r["kind"] == "month"}
    weekdays = {r["name"].casefold(): int(r["number"]) for r in names if r["kind"] == "weekday"}
    rel = table("relative_dates")
    relative = {r["phrase"].casefold(): (r["unit"], int(r["offset"])) for r in rel
                if r["kind"] == "relative"}
    weekday_cues = {r["phrase"].casefold(): int(r["offset"]) for r in rel if r["kind"] == "weekday"}
    year_cues = {r["phrase"].casefold(): r["qualifier"] for r in rel if r["kind"] == "year_cue"}
    future = [r["phrase"].casefold() for r in rel if r["kind"] == "future"]
    future_words = frozenset(r["phrase"].casefold() for r in rel if r["kind"] == "future_word")
    past_words = frozenset(r["phrase"].casefold() for r in rel if r["kind"] == "past_word")
    state_verbs = frozenset(r["phrase"].casefold() for r in rel if r["kind"] == "state_verb")
    perfect_words = frozenset(r["phrase"].casefold() for r in rel if r["kind"] == "perfect_word")
    # Month and weekday names are matched capitalised ("May", never the verb "may").
    month = rf"(?P<month>{_alternation([r['name'] for r in names if r['kind'] == 'month'])})\.?"
    weekday = _alternation([r["name"] for r in names if r["kind"] == "weekday"])
    zones = [w[len("zone "):] for w in entries("figure_clock_markers") if w.startswith("zone ")]
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    ordinal_days = _ordinal_days()
    ordinal = rf"(?P<ordinal>(?i:{_alternation(list(ordinal_days))}))"
    year = r"(?P<year>(?:1[5-9]|2\d)\d\d)"
    return _Tables(
        months=months, weekdays=weekdays, relative=relative, weekday_cues=weekday_cues,
        year_cues=year_cues, future_words=future_words, past_words=past_words, state_verbs=state_verbs,
        perfect_words=perfect_words,
        future=re.compile(rf"\b(?:{_alternation(future)})\b") if future else None,
        numeric=re.compile(r"(?<![\w.,/:+-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)"
                           r"(?P<y>\d{4}|\d{2})(?![\w%]|[./:-]\d)"),
        iso=re.compile(r"(?<![\w.,/:+-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w%]|[./:-]\d)"),
        month_first=re.compile(rf"\b{month}\s{{1,3}}{day}\b(?!:)(?:,?\s{{1,3}}{year}\b)?"),
        day_first=re.compile(rf"\b{day}\s{{1,3}}(?:of\s{{1,3}})?{month}(?:,?\s{{1,3}}{year}\b)?"),
        month_year=re.compile(rf"\b{month},?\s{{1,3}}{year}\b"),
        decade=re.compile(r"(?:\b(?P<q>early|mid|late)[- ])?(?:\b(?P<c>1[5-9]|2\d)|'|\u2019)"
                          r"(?P<d>\d)0s\b", re.I),
        year=re.compile(rf"\b(?P<cue>{_alternation(list(year_cues))})(?:[- ]|\s+the\s+(?:year\s+)?)"
                        rf"{year}\b(?![,.]\d|s\b|%|-\d)", re.I),
        relative_re=re.compile(rf"\b(?:{_alternation(list(relative))})\b", re.I),
        weekday_re=re.compile(rf"\b(?:(?P<cue>{_alternation(list(weekday_cues))})\s+)?"
                              rf"(?P<weekday>{weekday})\b", re.I),
        weekday_before=re.compile(rf"\b(?P<weekday>{weekday})\.?,?\s*(?:\(\s*)?(?:the\s+)?$"),
        weekday_after=re.compile(rf"^\)?\s*,?\s*\(?\s*(?P<weekday>{weekday})\b"),
        converted_time=re.compile(
            r"\(\s*(?:\d{1,2}[:.]\d\d|\d{4})\s*(?:" + _alternation(zones) + r")\s+(?:on\s+)?$", re.I),
        ordinal_days=ordinal_days,
        ordinal_day=(
            re.compile(rf"\b[Tt]he\s{{1,3}}{ordinal}\s{{1,3}}of\s{{1,3}}{month}(?:,?\s{{1,3}}{year}\b)?"),
            re.compile(rf"\b{month}\s{{1,3}}the\s{{1,3}}{ordinal}\b(?:,?\s{{1,3}}{year}\b)?"),
        ),
    )


def _ordinal_days() -> dict[str, int]:
    """Days of a month written as ordinal words, from data/number_words.csv: the ordinals
    up to 31, and tens joined to one ("twenty-first")."""
    rows = table("number_words")
    ordinals = {r["word"].casefold(): int(r["value"]) for r in rows if r["kind"] == "ordinal"}
    days = {w: v for w, v in ordinals.items() if v <= 31}
    for r in rows:
        if r["kind"] == "tens":
            for word, value in ordinals.items():
                if value < 10 and int(r["value"]) + value <= 31:
                    days[f"{r['word'].casefold()}-{word}"] = int(r["value"]) + value
    return days


@dataclass(frozen=True)
class _Convention:
    day_first: int  # unambiguous day-first numeric dates in the article
    month_first: int
    year: int  # the commonest year among the article's full dates (0: none)


@lru_cache(maxsize=16)
def _convention(text: str) -> _Convention:
    t = _tables()
    folded = fold(text)
    day_first = month_first = 0
    years: Counter[int] = Counter()
    for m in t.numeric.finditer(folded):
        a, b = int(m["a"]), int(m["b"])
        if a > 12 and 1 <= b <= 12:
            day_first += 1
        elif b > 12 and 1 <= a <= 12:
            month_first += 1
        if len(m["y"]) == 4:
            years[int(m["y"])] += 1
    for pattern in (t.month_first, t.day_first):
        for m in pattern.finditer(folded):
            if m["year"]:
                years[int(m["year"])] += 1
    year = min(years, key=lambda y: (-years[y], y)) if years else 0
    return _Convention(day_first, month_first, year)


def _anchor(published: str) -> date | None:
    try:
        return date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


#: A wire story's dateline opening its first paragraph: "DHAKA, March 14 (Reuters) -",
#: "PORTO AURELIO, Italy, Sept 9 (CPW) -", "KYIV/MOSCOW, Nov 4 (Reuters) -". Its date is the
#: filing day, not an event's.
_WIRE_DATELINE = re.compile(
    r"[A-Z][A-Z .'’/-]{1,40}(?:, [A-Z][\w .'’-]{1,40})?, (?:[A-Z][a-z]{2,8}\.? \d{1,2}|\d{1,2} "
    r"[A-Z][a-z]{2,8}\.?)(?:, \d{4})? \([^()]{1,40}\) ?-")


def wire_dateline_end(text: str) -> int:
    """Where a wire dateline opening `text` (folded) ends; 0 when there is none. Its day is
    neither an event's date nor a figure."""
    wire = _WIRE_DATELINE.match(text)
    return wire.end() if wire else 0


def extract(segment: Segment, found: Sequence[Facet], ctx: ArticleContext) -> list[Facet]:
    t = _tables()
    text = fold(segment.text)
    anchor = _anchor(ctx.published)
    out: list[Facet] = []
    taken = SpanIndex()
    free = taken.free
    wire = wire_dateline_end(text)
    if wire:  # "DHAKA, March 14 (Reuters) -": when the wire filed, not when it happened
        taken.add(0, wire)

    def emit(start: int, end: int, value: str, key: str, *, noun: str = "", qualifier: str = "",
             note: str = "") -> None:
        taken.add(start, end)
        out.append(Facet("date", segment.start + start, segment.start + end,
                         segment.text[start:end], value, key=key, qualifier=qualifier,
                         noun=noun, note=note))

    relative_free = _outside_direct_quotes(segment, found, free)
    for pattern in t.ordinal_day if " the " in text or text.startswith("The ") else ():
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                _emit_day(m.start(), m.end(), t.ordinal_days[m["ordinal"].casefold()],
                          t.months[m["month"].casefold()], int(m["year"]) if m["year"] else None,
                          text, ctx, anchor, t, taken, emit)
    if not DIGIT.search(text):
        _relative_dates(text, anchor, t, relative_free, emit)
        return out
    for m in t.iso.finditer(text):
        d = _make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d is not None:
            weekday, wnote = _weekday_beside(text, m.start(), m.end(), d, t, taken)
            emit(m.start(), m.end(), d.isoformat(), "day", noun=weekday, note=wnote)
    for m in t.numeric.finditer(text):
        if free(m.start(), m.end()):
            _numeric(m, text, ctx, anchor, t, taken, emit)
    for m in DOTTED_NUMBER.finditer(text):
        if free(m.start(), m.end()) and dotted_reading(text, m) == "date":
            _day_month(m, text, ctx, anchor, t, taken, emit)
    for pattern in (t.month_first, t.day_first):
        for m in pattern.finditer(text):
            if free(m.start(), m.end()):
                _written(m, text, ctx, anchor, t, taken, emit)
    for m in t.month_year.finditer(text):
        if free(m.start(), m.end()):
            emit(m.start(), m.end(), f"{int(m['year']):04d}-{t.months[m['month'].casefold()]:02d}",
                 "month")
    decades = t.decade.finditer(text) if _DECADE_HINT.search(text) else ()
    for m in decades:
        if free(m.start(), m.end()):
            century = m["c"] or ""
            if not century:
                continue  # "the '90s": the century is a guess; left out
            emit(m.start(), m.end(), f"{century}{m['d']}0s", "decade",
                 qualifier=(m["q"] or "").casefold())
    years = t.year.finditer(text) if _YEAR_HINT.search(text) else ()
    for m in years:
        if free(m.start("year"), m.end("year")):
            emit(m.start("year"), m.end("year"), m["year"], "year",
                 qualifier=t.year_cues.get(m["cue"].casefold(), ""))
    _relative_dates(text, anchor, t, relative_free, emit)
    return out


def _outside_direct_quotes(segment: Segment, found: Sequence[Facet],
                           free: Callable[[int, int], bool]) -> Callable[[int, int], bool]:
    """`free`, and outside the segment's direct quotes: "Today is a milestone" in a quote is
    the speaker's day, which the publication date does not give (two outlets quoting it on
    two days would date it apart)."""
    quoted = [(f.start - segment.start, f.end - segment.start) for f in found
              if f.facet == "quote" and f.qualifier == "direct"]
    if not quoted:
        return free
    return lambda start, end: free(start, end) and not any(s < end and start < e for s, e in quoted)


def _relative_dates(text: str, anchor: date | None, t: _Tables, free: Callable[[int, int], bool],
                    emit: _Emit) -> None:
    """Relative dates and weekdays, anchored to the publication date (none without it)."""
    if anchor is None:
        return
    for m in t.relative_re.finditer(text):
        if free(m.start(), m.end()):
            phrase = m.group().casefold()
            unit, offset = t.relative[phrase]
            value, key = _relative(anchor, unit, offset)
            emit(m.start(), m.end(), value, key,
                 note=f"relative: '{m.group()}' anchored to {anchor.isoformat()}")
    future: bool | None = None  # whether the sentence speaks of the future: read when needed
    for m in t.weekday_re.finditer(text):
        if not free(m.start("weekday"), m.end("weekday")) or not m["weekday"][0].isupper():
            continue
        if len(m["weekday"]) <= 3 and not m["cue"]:
            continue  # "Sun", "Sat" alone are too often other words
        if t.converted_time.search(text, max(0, m.start() - 24), m.start()):
            continue  # "at 11:48 p.m. (0248 GMT on Saturday)": the day in another time zone
        cue = (m["cue"] or "").casefold()
        weekday = t.weekdays[m["weekday"].casefold()]
        offset = t.weekday_cues.get(cue, 0)
        # "closed until (at least) 6 a.m. (on) Thursday": the end of a state, ahead unless the
        # clause says it is over ("was closed until Thursday"); a "said" after it is not its tense
        until = _UNTIL_BEFORE.search(text, max(0, m.start() - 40), m.start("weekday")) if offset == 0 else None
        tense = ((_tense(text, m.start(), m.end(), t, before_only=True) or "future") if until
                 else _tense(text, m.start(), m.end(), t) if offset == 0 else "")
        if not tense and future is None:
            future = t.future is not None and t.future.search(text.casefold()) is not None
        ahead = tense == "future" or (not tense and bool(future))
        d = _weekday_date(anchor, weekday, offset, ahead)
        direction = {-1: "last", 1: "next"}.get(offset, "")
        # "since Monday night", "until Friday": the start or end of a period, not the day
        # something happened
        word = _WORD_BEFORE.search(text, max(0, m.start() - 20), m.start())
        bound = "until" if until else t.year_cues.get(word.group(1).casefold(), "") if word else ""
        if bound and _DAY_POSSESSIVE.match(text, m.end()):
            bound = ""  # "left by Monday evening's hailstorm": the day of a thing, no bound
        if d == anchor and not ahead:
            # The article's own day: a past-tense "on Wednesday" in an article dated that
            # Wednesday is that day, as exact as a written date.
            note = f"publication day: '{m.group()}' is the article's date {anchor.isoformat()}"
        else:
            note = f"relative: '{m.group()}' anchored to {anchor.isoformat()}"
            if tense:
                note += f" ({tense} tense)"
        emit(m.start(), m.end(), d.isoformat(), "day", noun=_WEEKDAY_NAMES[weekday],
             qualifier=bound or direction, note=note)


#: A weekday owning what follows ("Monday's storm", "Monday evening's hailstorm").
_DAY_POSSESSIVE = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?['\u2019]s\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[.;:!?()\[\]\"]")
_CLAUSE_START = re.compile(r"[.;:!?()\[\]\",]")  # looking back, a comma opens a clause too
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_TENSE_WINDOW = 12  # words looked at on each side of a weekday, inside its clause
_POSSESSIVE_WINDOW = 3  # "ahead of Sunday's vote": a future word this close to a possessive


#: "until" and what may stand between it and a weekday: "until at least 6 a.m. on".
_UNTIL_BEFORE = re.compile(r"(?i)\b(?:until|till)\s+(?:at\s+least\s+)?"
                           r"(?:(?:\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\.?)?|\d{4}(?:\s*[a-z]{3,4})?|noon|midnight)\s+)?"
                           r"(?:on\s+)?$")
#: The colon or dot of a time ("at 6:40 a.m. on Tuesday"): no clause starts there.
_CLOCK_MARK = re.compile(r"(?<=\d)[:.](?=\d)")
#: The dots of "a.m.", "U.S.": no clause ends there.
_LETTER_DOTS = re.compile(r"\b([^\W\d_])\.([^\W\d_])\.")


def _tense(text: str, start: int, end: int, t: _Tables, *, before_only: bool = False) -> str:
    """"future" or "past" for a bare weekday: from the nearest tense word before it in its
    clause ("will travel to the capital on Saturday", "met the envoy on Tuesday"), else after
    it ("on Tuesday, officials said"); a possessive is past ("Tuesday's closing price")
    unless a future word is right before it ("ahead of Sunday's vote"). "" when nothing
    tells. `before_only` (the end of a state, "until Thursday"): the words before it alone,
    a present perfect not counting as past."""
    head = _CLOCK_MARK.sub("_", _LETTER_DOTS.sub(r"\1_\2_", text[max(0, start - 200):start]))
    cut = max((mt.end() for mt in _CLAUSE_START.finditer(head)), default=0)
    before = _WORD.findall(head[cut:])[-_TENSE_WINDOW:]
    if text[end:end + 2] in ("'s", "\u2019s"):
        near = before[-_POSSESSIVE_WINDOW:]
        return "future" if any(_tense_of(w, t) == "future" for w in near) else "past"
    for i in range(len(before) - 1, -1, -1):
        found = _tense_of(before[i], t)
        if (found == "past" and i > 0 and before[i - 1].casefold() in t.state_verbs
                and before[i].casefold() not in t.past_words):
            continue  # "remain closed", "been shut": a state, told by the words before it
        if found == "past" and before_only and before[i].casefold() in t.perfect_words:
            continue
        if found:
            return found
    if before_only:
        return ""
    tail = text[end:end + 200].lstrip(" ,")
    stop = _CLAUSE_END.search(tail)
    for word in _WORD.findall(tail[:stop.start()] if stop else tail)[:_TENSE_WINDOW]:
        found = _tense_of(word, t)
        if found:
            return found
    return ""


def _tense_of(word: str, t: _Tables) -> str:
    low = word.casefold()
    if low in t.future_words:
        return "future"
    if low in t.past_words:
        return "past"
    if word[0].islower() and len(low) > 4 and low.endswith("ed") and not low.endswith("eed"):
        return "past"  # "announced", "blocked"; not "United", "proceed"
    return ""


def _make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_beside(text: str, start: int, end: int, d: date | None, t: _Tables,
                    taken: SpanIndex) -> tuple[str, str]:
    """The weekday named right before or after a date (marked taken) and a note when it does
    not fit the date."""
    name = ""
    window = max(0, start - 24)
    before = t.weekday_before.search(text[window:start])
    if before:
        name = before["weekday"]
        taken.add(window + before.start("weekday"), window + before.end("weekday"))
    else:
        after = t.weekday_after.match(text[end:end + 24])
        if after:
            name = after["weekday"]
            taken.add(end + after.start("weekday"), end + after.end("weekday"))
    if not name:
        return "", ""
    weekday = t.weekdays[name.casefold()]
    full = _WEEKDAY_NAMES[weekday]
    if d is not None and d.weekday() != weekday:
        return full, f"weekday {full} does not fit {d.isoformat()}"
    return full, ""


#: A number with one dot and nothing glued to it: "3.40", "30.11." (the dot after it taken).
DOTTED_NUMBER = re.compile(r"(?<![\w.,/:+-])(?P<a>\d{1,2})\.(?P<b>\d{1,2})(?P<dot>\.)?(?![\w%]|[.,:/-]?\d)")
_CUE_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
_WORD_AFTER = re.compile(r"\s+([^\W\d_]+)")
#: Minutes a time on the dot is usually given with: "until 10.30" is a time, not 10 March.
_ROUND_MINUTES = frozenset({"00", "15", "30", "45"})


@dataclass(frozen=True)
class _DottedCues:
    time: frozenset[str]
    date: frozenset[str]
    value: frozenset[str]
    follower: frozenset[str]
    date_follower: frozenset[str]


@cache
def _dotted_cues() -> _DottedCues:
    rows = table("dotted_number_cues")
    return _DottedCues(*(frozenset(r["word"].casefold() for r in rows if r["role"] == role)
                         for role in ("time", "date", "value", "follower", "date follower")))


def dotted_reading(text: str, m: re.Match[str]) -> str:
    """What a `DOTTED_NUMBER` match in `text` is: "time" ("at 3.40 on the stretch"), "date" ("until
    30.11.", a day and month with no year) or "" (a figure: "closed at 3.40", "3.40 to the
    dollar", "rose 30.11%"). Read from the word before it, the word before that and the
    word after it (data/dotted_number_cues.csv)."""
    cues = _dotted_cues()
    before = _CUE_BEFORE.search(text, max(0, m.start() - 40), m.start())
    if before is None or before.end() != m.start():
        return ""
    cue = before[1].casefold()
    if cue not in cues.time and cue not in cues.date:
        return ""
    earlier = _CUE_BEFORE.search(text, max(0, before.start() - 40), before.start())
    if earlier is not None and earlier.end() == before.start() and earlier[1].casefold() in cues.value:
        return ""
    if not m["dot"]:
        after = _WORD_AFTER.match(text, m.end())
        followers = cues.follower if cue in cues.time else cues.follower | cues.date_follower
        if after is not None and after[1][0].islower() and after[1].casefold() not in followers:
            return ""
        if after is None and text[m.end():].strip()[:1] not in ("", ",", ";", ":", ")", "!", "?"):
            return ""
    a, b = int(m["a"]), int(m["b"])
    is_time = cue in cues.time and a <= 23 and len(m["b"]) == 2 and b <= 59
    is_date = cue in cues.date and 1 <= a <= 31 and 1 <= b <= 12
    if is_time and (not is_date or m["b"] in _ROUND_MINUTES):
        return "time"
    return "date" if is_date else ""


def _full_year(two_digits: int, anchor: date | None, fallback: int) -> int:
    reference = anchor.year if anchor else (fallback or 0)
    if reference:
        century = reference - reference % 100
        choices = (century - 100 + two_digits, century + two_digits, century + 100 + two_digits)
        return min(choices, key=lambda y: (abs(y - reference), y))
    return 2000 + two_digits if two_digits < 69 else 1900 + two_digits


def _numeric(m: re.Match[str], text: str, ctx: ArticleContext, anchor: date | None, t: _Tables,
             taken: SpanIndex, emit: _Emit) -> None:
    a, b = int(m["a"]), int(m["b"])
    notes: list[str] = []
    if len(m["y"]) == 2:
        year = _full_year(int(m["y"]), anchor, _convention(ctx.text).year)
        notes.append(f"two-digit year {m['y']} read as {year}")
    else:
        year = int(m["y"])
    day_first = _make_date(year, b, a)
    month_first = _make_date(year, a, b)
    if day_first is None and month_first is None:
        return
    weekday_name, _ = _weekday_beside(text, m.start(), m.end(), None, t, taken)
    chosen: date
    if day_first is None or month_first is None or day_first == month_first:
        chosen = day_first or month_first  # type: ignore[assignment]
        if a != b:
            notes.insert(0, "day-first: day > 12" if chosen == day_first else "month-first: day > 12")
    elif weekday_name and (day_first.weekday() == t.weekdays[weekday_name.casefold()]) != (
            month_first.weekday() == t.weekdays[weekday_name.casefold()]):
        fits_day_first = day_first.weekday() == t.weekdays[weekday_name.casefold()]
        chosen, other = (day_first, month_first) if fits_day_first else (month_first, day_first)
        order = "day-first" if fits_day_first else "month-first"
        notes.insert(0, f"{order}: weekday {weekday_name} fits {chosen.isoformat()}, "
                        f"not {other.isoformat()}")
    else:
        conv = _convention(ctx.text)
        if conv.day_first and not conv.month_first:
            chosen = day_first
            notes.insert(0, "article convention: day-first")
        elif conv.month_first and not conv.day_first:
            chosen = month_first
            notes.insert(0, "article convention: month-first")
        else:
            chosen = day_first
            notes.insert(0, f"{_AMBIGUOUS}{month_first.isoformat()}")
    if weekday_name and chosen.weekday() != t.weekdays[weekday_name.casefold()]:
        notes.append(f"weekday {weekday_name} does not fit {chosen.isoformat()}")
    emit(m.start(), m.end(), chosen.isoformat(), "day", noun=weekday_name, note="; ".join(notes))


def _day_month(m: re.Match[str], text: str, ctx: ArticleContext, anchor: date | None, t: _Tables,
               taken: SpanIndex, emit: _Emit) -> None:
    """ "until 30.11.": a day and a month (day first, as dotted dates are written), read as
    "30 November" would be."""
    _emit_day(m.start(), m.end("b"), int(m["a"]), int(m["b"]), None, text, ctx, anchor, t, taken, emit)


def _written(m: re.Match[str], text: str, ctx: ArticleContext, anchor: date | None, t: _Tables,
             taken: SpanIndex, emit: _Emit) -> None:
    day = int(m["day"])
    if not 1 <= day <= 31:
        return
    month, year = t.months[m["month"].casefold()], int(m["year"]) if m["year"] else None
    _emit_day(m.start(), m.end(), day, month, year, text, ctx, anchor, t, taken, emit)
    # the other end of a range of days in one month: "from 6 to 15 November", "6-15
    # November", "between November 6 and 15"
    if text[m.start()].isdigit():
        first = _RANGE_FIRST_DAY.search(text, max(0, m.start() - 40), m.start())
        if first and int(first["day"]) < day and taken.free(first.start("day"), first.end("day")):
            _emit_day(first.start("day"), first.end("day"), int(first["day"]), month, year, text,
                      ctx, anchor, t, taken, emit, own_weekday=False)
    elif not m["year"] and (_RANGE_OPENER.search(text, max(0, m.start() - 12), m.start())
                            or text.startswith(("-", "\u2013"), m.end())):
        last = _RANGE_LAST_DAY.match(text, m.end())
        if last and day < int(last["day"]) <= 31 and taken.free(last.start("day"), last.end("day")):
            _emit_day(last.start("day"), last.end("day"), int(last["day"]), month, year, text,
                      ctx, anchor, t, taken, emit, own_weekday=False)


#: The word or dash joining the two days of a range ("6 to 15 November", "6-15 November").
_RANGE_JOIN = r"(?:\s*[-\u2013]\s*|\s+(?:to|and|until|till|through)\s+)"
_RANGE_FIRST_DAY = re.compile(rf"(?<![\w.,/:+-])(?P<day>[0-3]?\d)(?:st|nd|rd|th)?{_RANGE_JOIN}$")
#: Only after "from" or "between" (or a dash) is the number after a month's day the range's
#: end: "between November 6 and 15"; "November 6 and 15 people" is a count.
_RANGE_OPENER = re.compile(r"\b(?:[Ff]rom|[Bb]etween)\s+$")
_RANGE_LAST_DAY = re.compile(rf"{_RANGE_JOIN}(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\w%]|[.,:]\d)")


def _emit_day(start: int, end: int, day: int, month: int, year: int | None, text: str,
              ctx: ArticleContext, anchor: date | None, t: _Tables, taken: SpanIndex,
              emit: _Emit, *, own_weekday: bool = True) -> None:
    """A day of a month, its year given or inferred (`_infer_year`; "--MM-DD" when nothing
    gives it), with the weekday written beside it (unless `own_weekday` is False: the first
    day of "Sunday and Monday (1-2 November)" is not the Monday)."""
    weekday_name, _ = _weekday_beside(text, start, end, None, t, taken) if own_weekday else ("", "")
    weekday = t.weekdays[weekday_name.casefold()] if weekday_name else None
    notes: list[str] = []
    if year is not None:
        d = _make_date(year, month, day)
        if d is None:
            return
    else:
        d, how = _infer_year(month, day, weekday, anchor, _convention(ctx.text).year)
        if d is None:
            if _make_date(2000, month, day) is None:  # 2000 is a leap year: any real day fits
                return
            emit(start, end, f"--{month:02d}-{day:02d}", "monthday", noun=weekday_name,
                 note="year unknown")
            return
        notes.append(how)
    if weekday is not None and d.weekday() != weekday:
        notes.append(f"weekday {weekday_name} does not fit {d.isoformat()}")
    emit(start, end, d.isoformat(), "day", noun=weekday_name, note="; ".join(notes))


#: How far from the publication date a year-less date may be for its weekday to choose
#: between two years.
_WEEKDAY_YEAR_WINDOW_DAYS = 200


def _infer_year(month: int, day: int, weekday: int | None, anchor: date | None,
                article_year: int) -> tuple[date | None, str]:
    if anchor is not None:
        options = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1)
                   if (d := _make_date(y, month, day)) is not None]
        # A weekday picks the year only among dates near the publication: "Tuesday, 2 March"
        # in a February article is this March with the wrong weekday (a mismatch to
        # report), not a March a year away that happens to be a Tuesday.
        near = [d for d in options if abs((d - anchor).days) <= _WEEKDAY_YEAR_WINDOW_DAYS]
        options = near or options
        if weekday is not None and any(d.weekday() == weekday for d in options):
            options = [d for d in options if d.weekday() == weekday]
        best = min(options, key=lambda d: (abs((d - anchor).days), d)) if options else None
        return best, f"year from the publication date {anchor.isoformat()}"
    if article_year:
        return _make_date(article_year, month, day), f"year from the article's dates ({article_year})"
    return None, ""


def _relative(anchor: date, unit: str, offset: int) -> tuple[str, str]:
    if unit == "day":
        return (anchor + timedelta(days=offset)).isoformat(), "day"
    if unit == "week":
        year, week, _ = (anchor + timedelta(weeks=offset)).isocalendar()
        return f"{year:04d}-W{week:02d}", "week"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "month"
    return f"{anchor.year + offset:04d}", "year"


def _weekday_date(anchor: date, weekday: int, offset: int, future: bool) -> date:
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if offset < 0:
        return anchor - timedelta(days=back or 7)
    if offset > 0:
        return anchor + timedelta(days=ahead or 7)
    return anchor + timedelta(days=ahead) if future else anchor - timedelta(days=back)


_DATELINE_PREFIX = re.compile(
    r"^(?:(?:(?:last|first)\s+)?(?:published|updated|posted|modified|date)(?:\s+on)?\s*:?\s*)?", re.I)
_DATELINE_TIME = re.compile(r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\s*$",
                            re.I)


#: A dateline line is short: a date, perhaps with the outlet, the author and the time.
_DATELINE_MAX_CHARS = 100
_DATELINE_SEPARATOR = re.compile(r"\s*(?:[|•·,;—–]|\s-\s)\s*")
_ENDS_WITH_SEPARATOR = re.compile(r"(?:[|•·,;—–]|(?:^|\s)-)\s*$")
_STARTS_WITH_SEPARATOR = re.compile(r"^\s*(?:[|•·,;—–]|-(?:\s|$))")
_LABEL_BEFORE_DATE = re.compile(
    r"(?:(?:last|first)\s+)?(?:published|updated|posted|modified)(?:\s+on)?\s*:?\s*$", re.I)
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?,?\s*$")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
#: Where a line of several dated parts breaks ("Published … | Updated …").
_DATELINE_PART_BREAK = re.compile(r"\s*[|•·]\s*|\s+[—–]\s+|(?<![Ll]ast)\s+(?=(?i:(?:last\s+)?updated|modified)\b)")
_UPDATE_LABEL = re.compile(r"(?:last\s+)?(?:updated|modified|edited)\b", re.I)
#: At most this many words in the outlet's or author's name beside a date.
_NAME_PART_MAX_WORDS = 6


def find_dateline(text: str, body_start: int, years: Sequence[int] = (),
                  near_dates: Sequence[str] = ()) -> tuple[str, int] | None:
    """(ISO date, 1-based line) of a line near the top of the article that is a date, alone
    ("14/9/25", "February 18, 2025", "Published: Monday 6 October 2025, 10:30") or set off
    from the outlet, the author, the time or the reading time ("The Island Post — Wednesday,
    15 October 2025", "By Jane Doe | Reuters | October 15, 2025 5:42 PM EDT"). A line with a
    publication and an update date ("Published 19/05/2025 15:02 · Updated 19/05/2025
    17:30") gives the publication date. None when there is none or its day and month cannot
    be told apart, neither by the date itself nor by the months the article's own dates name
    (12/06/2025 above "Tuesday (10 June)").

    `years`: the publication years of the other articles of the story. A dateline with a
    weekday and no year ("Thursday 5 November") gets the one year next to them in which
    that day is that weekday; without them, or with no single such year, it is no date.
    `near_dates`: the other articles' publication dates (ISO). Of an ambiguous day and month
    ("05/11/2026") that the article's own dates do not settle, the one reading within
    NEAR_DATE_DAYS of one of them is the date."""
    lines = LineIndex.of(text)
    seen = 0
    for line in re.finditer(r"[^\r\n]+", text[body_start:body_start + 20_000]):
        stripped = line.group().strip()
        if not stripped:
            continue
        seen += 1
        if seen > 12:
            break
        if len(stripped) > _DATELINE_MAX_CHARS:
            continue
        value = _line_date(stripped, text, body_start, years, near_dates)
        if value is None:
            value = _published_of_dated_parts(stripped, text, body_start, years, near_dates)
        if value:
            offset = body_start + line.start() + line.group().index(stripped[0])
            return value, lines.line(offset)
    return None


def _line_date(line: str, text: str, body_start: int, years: Sequence[int] = (),
               near_dates: Sequence[str] = ()) -> str | None:
    """The ISO date of a dateline `line` (see find_dateline); "" when it is one whose day and
    month (or, without a year, the year) cannot be told; None when it is no dateline."""
    folded = fold(line)
    if folded.isupper():  # "PUBLISHED MAY 19, 2025, 04:20 PM": month names are read capitalised
        folded = folded.title()
    core = _DATELINE_TIME.sub("", _DATELINE_PREFIX.sub("", folded))
    ctx = ArticleContext(source="", text=text, published="", title="")
    seg = Segment(claim_id="", source="", start=0, end=len(core), text=core, cls="dateline")
    facets = [f for f in extract(seg, [], ctx)
              if f.key == "day" or (years and f.key == "monthday" and f.noun)]
    if len(facets) != 1:
        return None
    rest = core[:facets[0].start] + core[facets[0].end:]
    if not ((re.fullmatch(r"[\s,()]*(?:[A-Za-z]+\.?)?[\s,()]*", rest)
             and (not re.search(r"[A-Za-z]", rest) or facets[0].noun))
            or _set_off_by_metadata(core, facets[0])):
        return None
    if _AMBIGUOUS in facets[0].note:
        other = facets[0].note.split(_AMBIGUOUS, 1)[1].split(";", 1)[0].strip()
        return (_reading_in_body_months(text, body_start, facets[0].value, other)
                or _reading_near(facets[0].value, other, near_dates))
    if facets[0].key == "monthday":
        return _year_of_weekday(facets[0].value, facets[0].noun, years)
    return facets[0].value


#: How many days from another article's publication date a reading of an ambiguous dateline
#: may be to be taken (articles of one story are published within days of each other).
NEAR_DATE_DAYS = 7


def _reading_near(first: str, second: str, near_dates: Sequence[str]) -> str:
    """Of two readings of an ambiguous dateline, the one within NEAR_DATE_DAYS of one of
    `near_dates`; "" when neither or both are."""
    near = [d for d in (_parse_iso(x) for x in near_dates) if d is not None]
    fits = [r for r in (first, second)
            if (day := _parse_iso(r)) is not None and any(abs((day - d).days) <= NEAR_DATE_DAYS for d in near)]
    return fits[0] if len(fits) == 1 else ""


def _parse_iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _year_of_weekday(monthday: str, weekday: str, years: Sequence[int]) -> str:
    """The ISO date of a day-month ("--11-05") on `weekday` in the one year, of `years` and
    the years either side of them, where that day is that weekday; "" when none or several."""
    month, day = int(monthday[2:4]), int(monthday[5:7])
    wanted = _WEEKDAY_NAMES.index(weekday) if weekday in _WEEKDAY_NAMES else -1
    fits = {found for year in years for near in (year - 1, year, year + 1)
            if (found := _make_date(near, month, day)) is not None and found.weekday() == wanted}
    return next(iter(fits)).isoformat() if len(fits) == 1 else ""


def _published_of_dated_parts(line: str, text: str, body_start: int, years: Sequence[int] = (),
                              near_dates: Sequence[str] = ()) -> str | None:
    """A line of parts, each a dateline or metadata, of which some are dated ("Published
    Oct. 7, 2025 at 6:42 a.m. CT | Updated Oct. 7, 2025 at 11:15 a.m. CT"): the date of the
    first part not labelled as an update, else of the first dated part."""
    parts = [p.strip() for p in _DATELINE_PART_BREAK.split(line) if p.strip()]
    if len(parts) < 2:
        return None
    dated: list[tuple[str, str]] = []
    for part in parts:
        value = _line_date(part, text, body_start, years, near_dates)
        if value is None:
            if not _metadata_part(_DATELINE_TIME.sub("", fold(part)).strip(" -()[]")):
                return None
        elif value:
            dated.append((part, value))
        else:
            return None  # an ambiguous day and month: no date rather than a guess
    if not dated:
        return None
    published = [value for part, value in dated if not _UPDATE_LABEL.match(part)]
    return (published or [dated[0][1]])[0]


def _set_off_by_metadata(core: str, date_facet: Facet) -> bool:
    """Whether everything on the line beside the date is metadata (`data/dateline_parts.csv`,
    or an outlet's or author's name) set off from it by separators."""
    before, after = core[:date_facet.start], core[date_facet.end:]
    weekday = _WORD_BEFORE.search(before)
    if (weekday and date_facet.noun and len(weekday.group(1)) >= 3
            and date_facet.noun.casefold().startswith(weekday.group(1).casefold())):
        before = before[:weekday.start()]
    before = _LABEL_BEFORE_DATE.sub("", before)
    if before.strip() and not _ENDS_WITH_SEPARATOR.search(before):
        return False
    parts = [p for p in _DATELINE_SEPARATOR.split(before) if p.strip(" -")]
    after_parts = [p for p in _DATELINE_SEPARATOR.split(after) if p.strip(" -")]
    if after_parts and not _STARTS_WITH_SEPARATOR.match(after) and not _dateline_parts().fullmatch(
            after_parts[0].strip(" ()[]")):
        return False  # a name run on after the date ("15 October 2025 Reuters") is not set off
    return all(_metadata_part(p.strip(" -()[]")) for p in parts + after_parts)


def _metadata_part(part: str) -> bool:
    return bool(_dateline_parts().fullmatch(part)) or _name_part(part)


def _name_part(part: str) -> bool:
    """An outlet's or author's name: capitalised words ("The Island Post", "HARBOUR WIRE",
    "Eleni Markou"), with the lower-case function words names have ("Corriere della Sera")."""
    words = part.split()
    if not words or len(words) > _NAME_PART_MAX_WORDS:
        return False
    small = _name_function_words()
    capitalised = 0
    for word in words:
        if word.casefold() in small:
            continue
        if not _NAME_WORD.fullmatch(word) or not word[0].isupper():
            return False
        capitalised += 1
    return capitalised > 0


@cache
def _dateline_parts() -> re.Pattern[str]:
    alternatives = "|".join(f"(?:{row['pattern']})" for row in table("dateline_parts"))
    return re.compile(alternatives, re.I)


@cache
def _name_function_words() -> frozenset[str]:
    from checker.lexicon import words

    return frozenset(w.casefold() for w in words("entity_function_words") | words("name_particles"))


def _reading_in_body_months(text: str, body_start: int, first: str, second: str) -> str:
    """Of the two readings of an ambiguous dateline (12/06/2025), the one whose month the
    article's own written dates name ("on Tuesday (10 June)"); "" when neither or both do."""
    body = text[body_start:body_start + 20_000]
    ctx = ArticleContext(source="", text=text, published="", title="")
    seg = Segment(claim_id="", source="", start=0, end=len(body), text=body, cls="claim")
    months = {f.value[:7] for f in extract(seg, [], ctx)
              if f.key in ("day", "month") and _AMBIGUOUS not in f.note}
    fits = [r for r in (first, second) if r[:7] in months]
    return fits[0] if len(fits) == 1 else ""


def resolve_across_sources(facets: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Settle numeric dates still marked ambiguous: by other sources' unambiguous dates for
    the same day-month pair (the article's own conventions were applied at extraction)."""
    if facets.empty:
        return facets
    kinds = facets["facet"].tolist()
    if not any(kind == "date" and _AMBIGUOUS in str(note)
               for kind, note in zip(kinds, facets["note"].tolist(), strict=True)):
        return facets  # nearly every story: no whole-table string operation for nothing
    is_date = facets["facet"] == "date"
    ambiguous = is_date & facets["note"].astype(str).str.contains(_AMBIGUOUS, regex=False)
    settled = facets[is_date & (facets["key"] == "day") & ~ambiguous]
    by_value: dict[str, set[str]] = {}
    for value, source in zip(settled["value"].tolist(), settled["source"].tolist(), strict=True):
        by_value.setdefault(str(value), set()).add(str(source))
    facets = facets.copy()
    for idx in facets.index[ambiguous]:
        row = facets.loc[idx]
        note = str(row["note"])
        other = note.split(_AMBIGUOUS, 1)[1].split(";", 1)[0].strip()
        current = str(row["value"])
        current_sources = sorted(by_value.get(current, set()) - {row["source"]})
        other_sources = sorted(by_value.get(other, set()) - {row["source"]})
        if current_sources and not other_sources:
            facets.at[idx, "note"] = note.replace(
                f"{_AMBIGUOUS}{other}", f"other sources: {current} ({', '.join(current_sources)}), "
                                        f"not {other}")
        elif other_sources and not current_sources:
            facets.at[idx, "value"] = other
            facets.at[idx, "note"] = note.replace(
                f"{_AMBIGUOUS}{other}", f"other sources: {other} ({', '.join(other_sources)}), "
                                        f"not {current}")
    return facets
