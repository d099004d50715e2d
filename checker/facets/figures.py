"""Figures: percentages, counts, money, durations and ordinals-as-facts a claim states.

value      the number as a plain decimal: "18", "12000", "0.5", "2400000000"
key        the unit: % | pp | USD | EUR | AUD | KES | ... (ISO 4217) | hours | days | years |
           decades | people | km | km/h | tonnes | m | °C (base units) | a measure ("magnitude") | the counted noun's key
           ("households" for "families": `noun_key`) | ordinal ("the second round": 2) |
           "" (bare)
qualifier  approximately | nearly | at least | more than | up to | less than | exactly | ""
noun       what it quantifies: the counted noun ("residents" in "approximately 12,000 residents"), or
           for a percentage the quantity that changed ("grain exports" in "increasing grain
           exports by 18%") or the whole it is part of ("voters" in "61% of voters"); a
           measure word ("magnitude" in "a magnitude 6.8 quake", "depth" in "40 km deep");
           what happened to the people a bare count stands for ("injured" in "another 412
           were injured", "injuring 412"); never a verb ("6.8 hit the region")
text       as written, qualifier included ("approximately 12,000", "$2.4bn", "36 hours")
note       "ordinal" for ordinals; "converted from <value> <unit>" for a unit converted to
           its base unit; "conversion of <figure>: <value> <unit>" for a conversion of the
           figure before it; "" otherwise

Units with a row in `data/unit_conversions.csv` are converted to its base unit, so that one
quantity written in two units compares: "1,480 kg" -> value 1.48, key tonnes (as
"1.48-tonne"); "115 mph" -> 185.0746 km/h; "200 nautical miles" -> 370.4 km; °F -> °C.
A figure that restates the one right before it in another currency or unit, in brackets or
after a comma with a qualifier or "or" ("185 km/h (115 mph)", "Rs 620 crore ($70 million)",
"EUR38m, about R$240m"), is another spelling of it: it takes that figure's value, key,
qualifier and noun, and its note keeps what it says, so that it is never a figure of its own
(exchange rates and rounding differ between outlets).
A tally after a cue of `data/figure_tallies.csv` ("by a vote of 172 to 151", "voted
172–151") is two figures: key "votes", nouns "votes in favour" and "votes against".

Read: digits with thousands separators and decimals, number words ("eleven",
"twenty-five", "a dozen"), scales ("1.5 million", "$5 billion", "EUR3.2m", "$2.4bn",
"$4.2-billion", "Rs 620 crore", "3 lakh"),
currency symbols and codes, units after the number, hyphenated units ("a 48-hour truce").
Currencies (`data/currencies.csv`): prefixed symbols ("A$1.8bn", "Sh850m", "NOK 38",
"R$5"), codes, and words after the number, also after a demonym or country ("850 million
Kenyan shillings", "1.8 billion Australian dollars" -> KES, AUD). A form several currencies
share is read as: the country written before it; else, when the article does not name the
default's country, the one candidate whose country it names ("$" in a story naming Canada
and never the United States: CAD); else its default ("$", "dollars": USD);
else the one candidate whose country the article names (`gazetteer.countries_named`: "Sh"
in an article naming Kenya is KES); else its family name ("shillings").
Tables: `data/number_words.csv`, `data/units.csv`, `data/unit_conversions.csv`,
`data/currencies.csv`, `data/figure_clock_markers.txt`, `data/figure_tallies.csv`,
`data/quantity_nouns.csv`, `data/figure_measures.csv`, `data/figure_outcomes.csv`,
`data/figure_qualifiers.csv`, `data/figure_change_verbs.txt`, `data/fraction_words.csv`,
`data/ratio_scale_words.txt`; function words from
`data/stopwords.txt`, reporting verbs from `data/said_verbs.txt`.

Shares told in words are percentages, noted FRACTION_NOTE and approximate unless a qualifier
says otherwise: "about a third of the crop" (33.33%), "two-thirds of the cost", "cut by a
quarter", "more than half of them", "seven in ten bottles", "one in four". Not shares: "a
third term" (an ordinal: a singular fraction needs "of", "by" or a qualifier), "a quarter
of an hour", "the first half of the year", "in six quarters", "level three out of five"
(`data/ratio_scale_words.txt`), "2 in 10 minutes".

`noun_key(noun)` gives the comparable form of a noun: each word (or listed phrase) replaced
by its key in `data/quantity_nouns.csv` ("staff" and "employees" -> "people", "families" ->
"households", "quake" -> "earthquake"); other words case-folded.

Not figures: anything inside a date found earlier; bare years (a four-digit number from
1500 to 2099 with no unit, qualifier or separator); numbers in names (right after a
capitalised word: "Section 907", "Route 66", "Channel 12"; attached to letters: "COVID-19",
"F-35", "5G"); list markers ("1) ...") and phone-like or time-like digit runs ("10:30",
"+1 555-0100"); times of day (`data/figure_clock_markers.txt`: "10 p.m.", "10.17 a.m.",
"7 o'clock", "14:30 GMT", "1430 GMT"), a dotted time after a cue word with no value verb
before it and no unit after it (`data/dotted_number_cues.csv`: "at 3.40 on the stretch",
not "closed at 3.40" or "3.40 to the dollar"), a time told in words ("twenty minutes to
four", "a quarter past nine"); a capitalised number word inside a name ("Erik
Ten Hag"); a currency letter that is also an everyday letter ("N95") outside an article
naming its country or before digits written without thousands separators, decimals or a
scale ("N450,000" in a Nigerian story is naira, "R6.4bn" in a South African one rand); a letter code before a number that is not written as the currency table
spells it ("sh 5", "usd 5"); "one" without a scale; small word numbers after a determiner ("the two
countries": a reference, not a count); "two" without a qualifier or a unit of time, money or
percent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cache, lru_cache
from typing import NamedTuple

from checker.facets.base import ArticleContext, Facet, Segment
from checker.facets.dates import DOTTED_NUMBER, SpanIndex, dotted_reading, wire_dateline_end
from checker.gazetteer import countries_named, main_country
from checker.gazetteer import load as load_gazetteer
from checker.lexicon import calendar_words, entries, table, words
from checker.textutil import DIGIT, fold, rewrite_phrases

_DETERMINERS = frozenset({"the", "these", "those", "both", "its", "their", "our", "his", "her",
                          "my", "your", "all", "each"})
# Matching runs on an ASCII-lower-cased copy (same length, so offsets hold): faster than re.I.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_SENTENCE_ENDS = (".", "!", "?", ":", '"', "\u201c", "(", "\u2014")
_LOOK_BACK = 200  # characters looked at before a number (qualifier, the noun of a change)
#: A number before a code's capitalised abbreviation and a section number is the code's
#: title in a citation: "18 U.S.C. § 1956(h)", "21 USC 846", "40 C.F.R. 60.5".
_CODE_ABBREVIATION = r"\s+(?:(?:[A-Z]\.){2,5}|[A-Z]{3,5})\s*(?:§+\s*)?"
_CODE_CITATION = re.compile(_CODE_ABBREVIATION + r"\d")
_CODE_SECTION = re.compile(r"\d" + _CODE_ABBREVIATION + r"$")
_LOOK_AHEAD = 200
_NUMBER_SIGN = re.compile(r"(?<![\w.])(?:No|Nos|Nr)\.\s?$")
_MAX_DIGITS = 24  # longer digit runs are identifiers, not figures
_MODIFIER_ENDINGS = ("al", "ian", "ish", "ese", "ed", "ive", "ic", "ful", "ary", "ern", "an",
                     "ible", "able")
# A word followed by one of these is a verb with its object ("6.8 hit the region"), not the
# noun a number counts.
_OBJECT_STARTERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "this", "that",
                              "these", "those", "our", "my", "your", "parts", "much"})
# Words that may stand between a count and what happened to it ("412 were injured").
_AUXILIARIES = frozenset({"were", "was", "are", "is", "have", "has", "had", "been", "being",
                          "be", "reported", "also", "later", "all", "now", "more", "others",
                          "other"})


@dataclass(frozen=True)
class _Currency:
    unit: str  # ISO 4217 code
    country: str  # ISO 3166-1 alpha-2 ("" for a currency of several countries)
    family: str  # the unit when a shared form cannot be resolved
    default: bool
    needs_country: bool = False  # read only in an article naming the country ("N450,000")


class _UnitHit(NamedTuple):
    unit: str
    kind: str
    end: int  # end of the unit word (0: no unit)
    word: str  # the unit word, case-folded

@dataclass(frozen=True)
class _Tables:
    numbers: dict[str, Decimal]  # word -> value (kind number)
    tens: dict[str, int]
    scales: dict[str, int]
    ordinals: dict[str, int]
    qualifiers: tuple[tuple[str, str], ...]  # (phrase, qualifier), longest first
    currency_before: dict[str, tuple[_Currency, ...]]  # symbol or code as written -> readings
    currency_after: dict[str, tuple[_Currency, ...]]  # case-folded word -> readings
    units: dict[str, tuple[str, str]]  # casefolded unit word after a number -> (unit, kind)
    hyphen_units: dict[str, tuple[str, str]]  # "hour" in "48-hour" -> (unit, kind)
    unit_pattern: re.Pattern[str]
    country_currency: re.Pattern[str]  # " Kenyan shillings", " US dollars" after a number
    noun_keys: dict[tuple[str, ...], tuple[str]]  # words of a listed noun -> (its key,)
    noun_key_words: int  # the longest listed noun, in words
    measures_before: dict[str, str]  # "magnitude" -> measure
    length_words: frozenset[str]  # the nouns of figure_measures.csv naming a length ("height")
    measures_after: dict[str, str]  # "deep" -> "depth"
    outcomes: dict[str, str]  # "injuring" -> "injured"
    date_cues: frozenset[str]  # "last", "next": a date follows, not a counted noun
    change_verbs: frozenset[str]
    said_verbs: frozenset[str]
    past_tenses: frozenset[str]
    count_adjectives: frozenset[str]
    stopwords: frozenset[str]
    pattern: re.Pattern[str]
    word_pattern: re.Pattern[str]  # `pattern` for a text without digits
    clock: re.Pattern[str]  # a time of day on the lower-cased text: "10 p.m.", "14:30 gmt"
    spoken_clock: re.Pattern[str]  # "twenty minutes to four", "a quarter past nine"
    tally: re.Pattern[str]  # "voted 172-151" on the lower-cased text
    tallies: dict[str, tuple[str, str, str]]  # cue -> (unit, noun of the first, of the second)
    conversions: dict[str, tuple[str, Fraction, Fraction]]  # unit -> (base, factor, offset)
    money_units: frozenset[str]  # ISO codes and family names ("USD", "dollars")
    measure_units: frozenset[str]  # "km", "tonnes", "km/h"... (and their bases)
    attached_units: frozenset[str]  # data/figure_attached_units.txt, case-folded: "km" in "6km"
    reference_list: re.Pattern[str]  # "Articles 5(1)(f), 32 and ": a list of a text's parts
    shares: dict[str, Fraction]  # data/fraction_words.csv: "third" -> 1/3
    fraction: re.Pattern[str]  # "a third", "two-thirds", "half" on the lower-cased text
    ratio: re.Pattern[str]  # "seven in ten", "1 in 5", "nine out of every ten"
    scale_words: frozenset[str]  # data/ratio_scale_words.txt: "level" three out of five


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))


def _currencies(position: str, fold_case: bool) -> dict[str, tuple[_Currency, ...]]:
    out: dict[str, list[_Currency]] = {}
    for r in table("currencies"):
        if r["position"] != position:
            continue
        form = r["form"].casefold() if fold_case else r["form"]
        reading = _Currency(r["unit"], r["country"], r["family"], r["default"] == "yes",
                            r.get("needs", "") == "country")
        if reading not in out.setdefault(form, []):
            out[form].append(reading)
    return {form: tuple(readings) for form, readings in out.items()}


@cache
def _tables() -> _Tables:
    rows = table("number_words")
    numbers = {r["word"]: Decimal(r["value"]) for r in rows if r["kind"] == "number"}  # "half a": 0.5
    tens = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "tens"}
    scales = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "scale"}
    ordinals = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "ordinal"}
    currency_before = _currencies("before", fold_case=False)
    currency_after = _currencies("after", fold_case=True)
    units_after = sorted(((r["word"], r["unit"], r["kind"]) for r in table("units")
                          if r["position"] == "after"), key=lambda r: (-len(r[0]), r[0]))
    # A currency word's unit is resolved per figure (its country); the family stands in.
    units_after += sorted(((w, readings[0].family, "money") for w, readings in currency_after.items()),
                          key=lambda r: (-len(r[0]), r[0]))
    after_units = {w.casefold(): (u, k) for w, u, k in reversed(units_after)}
    hyphen_units = {w.casefold()[:-1]: (u, k) for w, u, k in units_after
                    if w.endswith("s") and w[:-1].isalpha()}
    hyphen_units.update({w.casefold(): (u, k) for w, u, k in units_after
                         if w.isalpha() and not w.endswith("s") and w.casefold() not in hyphen_units})
    qualifiers = tuple(sorted(((r["phrase"].casefold(), r["qualifier"])
                               for r in table("figure_qualifiers")),
                              key=lambda r: (-len(r[0]), r[0])))
    noun_keys = {tuple(r["word"].casefold().split()): (r["key"],) for r in table("quantity_nouns")}
    measures = table("figure_measures")
    small = [w for w in numbers if numbers[w] < 20 and " " not in w]
    unit_words = [w for w in small if numbers[w] < 10]
    word_scales = [w for w in scales if len(w) > 2]
    letter_scales = [w for w in scales if len(w) <= 2]
    attached_units = frozenset(w.casefold() for w in entries("figure_attached_units"))
    # letters right after the digits: an attached scale ("5bn"), an ordinal ending, or an
    # attached unit ("6km"), which `_unit_after` reads
    glued_unit = rf"(?!(?:{_alternation(sorted(attached_units))})(?![^\W_]))"
    number_words = (rf"(?:{_alternation(list(tens))})(?:-(?:{_alternation(unit_words)}))?"
                    rf"|{_alternation([w for w in numbers if w not in small])}"
                    rf"|{_alternation(small)}")
    symbols = [form.translate(_ASCII_LOWER) for form in currency_before]
    by_words = (rf"\b(?P<words>{number_words})\b"
                rf"|\b(?P<ordinal>{_alternation(list(ordinals))})\b)"
                rf"(?:[\s-](?P<scale>{_alternation(word_scales)})\b)?")
    pattern = re.compile(
        rf"(?:(?:(?<![^\W_])(?P<cur>{_alternation(symbols)})\s?|(?<![\w+./:,-])|(?<=%-)|(?<=(?<![\w.])c\.))(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+(?![\d.,])|\d+(?:\.\d+)?)"
        rf"(?:(?P<attached>{_alternation(letter_scales)})|(?P<ord>st|nd|rd|th))?(?!{glued_unit}[\w]|[.,:/-]\d)"
        rf"|{by_words}",
    )
    # In a text without digits only the number words can match: the same pattern with a
    # branch that never matches for the digits (its groups kept, never set) is faster.
    word_pattern = re.compile(rf"(?:(?!)(?P<cur>)(?P<digits>)(?P<attached>)(?P<ord>)|{by_words}")
    shares = {r["word"].casefold(): Fraction(r["share"]) for r in table("fraction_words")}
    numerator = rf"(?:{_alternation(['a', 'one', *unit_words])})"
    ratio_number = rf"(?:{_alternation(small + list(tens))}|\d{{1,3}}(?:,\d{{3}})?)"
    return _Tables(
        shares=shares,
        scale_words=frozenset(w.casefold() for w in words("ratio_scale_words")),
        fraction=re.compile(
            rf"(?<![\w-])(?:(?P<numerator>{numerator})[ -])?"
            rf"(?P<share>{_alternation(list(shares))})(?![\w-])"),
        ratio=re.compile(
            rf"(?<![\w.,-])(?P<part>{ratio_number}) (?:in|out of)(?: every)? "
            rf"(?P<whole>{ratio_number})(?![\w-]|[.,]\d)"),
        numbers=numbers, tens=tens, scales=scales, ordinals=ordinals, qualifiers=qualifiers,
        currency_before=currency_before, currency_after=currency_after,
        units=after_units, hyphen_units=hyphen_units, attached_units=attached_units,
        reference_list=re.compile(
            rf"(?i)(?<![\w.])(?:{_alternation(sorted(entries('figure_reference_nouns')))})"
            r"\s+[\w().]+(?:\s*,\s*[\w().]+){0,8}\s*(?:,|and|or|&)\s*$"),
        unit_pattern=re.compile(
            rf"([ -]?)({_alternation(list(after_units) + list(hyphen_units))})(?![^\W_])", re.I),
        country_currency=re.compile(
            r"[ ]((?:[A-Z][\w.'-]{0,30}[ ]){1,3})"
            rf"((?i:{_alternation(list(currency_after))}))(?![^\W_])"),
        noun_keys=noun_keys, noun_key_words=max((len(k) for k in noun_keys), default=1),
        length_words=frozenset(r["word"].casefold() for r in measures
                               if r["measure"] in _LENGTH_MEASURES and r["position"] == "before"),
        measures_before={r["word"].casefold(): r["measure"] for r in measures
                         if r["position"] == "before"},
        measures_after={r["word"].casefold(): r["measure"] for r in measures
                        if r["position"] == "after"},
        outcomes={r["word"].casefold(): r["noun"] for r in table("figure_outcomes")},
        date_cues=frozenset(r["phrase"].casefold() for r in table("relative_dates")
                            if r["kind"] == "weekday"),
        change_verbs=frozenset(w.casefold() for w in words("figure_change_verbs")),
        said_verbs=frozenset(w.casefold() for w in words("said_verbs")),
        past_tenses=words("irregular_past_tenses"),
        count_adjectives=words("count_adjectives"),
        stopwords=frozenset(w.casefold() for w in words("stopwords")) | _DETERMINERS,
        pattern=pattern,
        word_pattern=word_pattern,
        clock=_clock_pattern(),
        spoken_clock=_spoken_clock_pattern(small, tens, unit_words, numbers),
        tally=re.compile(
            rf"(?<![^\W_])(?P<cue>{_alternation([r['cue'] for r in table('figure_tallies')])})"
            r"(?:[ ,]+[^\W\d_]+){0,4}?[ ,]+(?P<first>\d{1,3}(?:,\d{3})+|\d{1,4})"
            r"(?:[ ]?[-\u2013\u2014][ ]?|[ ]to[ ])(?P<second>\d{1,3}(?:,\d{3})+|\d{1,4})(?![\w.,]\d|[\w%])"),
        tallies={r["cue"]: (r["unit"], r["noun_first"], r["noun_second"])
                 for r in table("figure_tallies")},
        conversions={r["unit"]: (r["base"], Fraction(r["factor"]), Fraction(r["offset"] or "0"))
                     for r in table("unit_conversions")},
        money_units=frozenset({r["unit"] for r in table("currencies")}
                              | {r["family"] for r in table("currencies")}),
        measure_units=frozenset({r["unit"] for r in table("units") if r["kind"] == "measure"}
                                | {r["base"] for r in table("unit_conversions")}),
    )


def _clock_pattern() -> re.Pattern[str]:
    markers = [w.lower() for w in entries("figure_clock_markers") if not w.startswith("zone ")]
    zones = [w[5:].lower() for w in entries("figure_clock_markers") if w.startswith("zone ")]
    # a 24-hour time with a leading zero ("At 02.40 on Thursday") needs no marker: no
    # quantity is written with a leading zero before its decimal point
    return re.compile(
        rf"(?<![\w.,:])(?:\d{{1,2}}(?:[.:]\d{{2}})?[ ]?(?:{_alternation(markers)})"
        rf"|(?:\d{{1,2}}[.:]\d{{2}}|\d{{4}})[ ]?(?:{_alternation(zones)})"
        rf"|0\d[.:][0-5]\d(?![.:,]?\d))(?![^\W_])")


_CLOCK_PARTS = re.compile(r"(\d{1,2})(?:[.:]?(\d{2}))?")


def times_of_day(text: str) -> list[tuple[int, str]]:
    """The times of day `text` gives with digits, by offset, as 24-hour "HH:MM" ("3:15 p.m.",
    "3.15 pm" and "15:15 IST" are all "15:15"; "at 3.40 on the stretch" is "03:40"), in
    order. A time in another zone is read as written: "0945 GMT" is "09:45"."""
    folded = fold(text)
    lowered = folded.translate(_ASCII_LOWER)
    if not DIGIT.search(lowered):
        return []
    spans = [(m.start(), m.group()) for m in _tables().clock.finditer(lowered)]
    spans += [(m.start(), m.group()) for m in DOTTED_NUMBER.finditer(lowered)
              if dotted_reading(folded, m) == "time"]
    out = []
    for start, written in sorted(spans):
        parts = _CLOCK_PARTS.match(written)
        if parts is None:
            continue
        hour, minutes = int(parts[1]), int(parts[2] or 0)
        marker = written[parts.end():].replace(".", "").replace(" ", "")
        if marker.startswith("pm") and hour < 12:
            hour += 12
        elif marker.startswith("am") and hour == 12:
            hour = 0
        if hour <= 23 and minutes <= 59:
            out.append((start, f"{hour:02d}:{minutes:02d}"))
    return out


def _spoken_clock_pattern(small: list[str], tens: dict[str, int], unit_words: list[str],
                          numbers: dict[str, Decimal]) -> re.Pattern[str]:
    """A time of day told in words: "twenty minutes to four", "ten past six", "a quarter to
    nine", "half past 11". Not after "from" ("cut from forty minutes to four")."""
    minutes = (rf"(?:{_alternation(list(tens))})(?:-(?:{_alternation(unit_words)}))?"
               rf"|{_alternation(small)}|\d{{1,2}}")
    hours = _alternation([w for w in numbers if 1 <= numbers[w] <= 12 and " " not in w])
    return re.compile(
        rf"(?<!from )\b(?:(?:a\s+)?quarter\s+(?:past|to)|half\s+past"
        rf"|(?:{minutes})\s+(?:minutes?\s+(?:past|to)|past))\s+(?:{hours}|1[0-2]|[1-9])\b")


#: Words without which a text holds no time told in words (checked before the pattern).
_SPOKEN_CLOCK_HINTS = ("past ", "minutes to", "minute to", "quarter to")


def noun_key(noun: str) -> str:
    """The comparable form of what a figure counts: each word, or listed phrase, replaced by
    its key in `data/quantity_nouns.csv` ("11,000 staff" and "11,000 employees" count
    "people"; "families" and "households" count "households"); other words case-folded.
    "" for "". Compare stages may treat two nouns with one key as the same quantity."""
    t = _tables()
    tokens = re.findall(r"[^\W\d_][\w'-]*", noun.casefold())
    return " ".join(rewrite_phrases(tokens, t.noun_keys, t.noun_key_words))


def extract(segment: Segment, found: Sequence[Facet], ctx: ArticleContext) -> list[Facet]:
    t = _tables()
    text = fold(segment.text)
    dates = SpanIndex([(f.start - segment.start, f.end - segment.start)
                       for f in found if f.facet == "date"])
    dateline = wire_dateline_end(text)
    if dateline:
        dates.add(0, dateline)
    lowered = text.translate(_ASCII_LOWER)
    out: list[Facet] = []
    numbers = t.word_pattern
    if any(hint in lowered for hint in _SPOKEN_CLOCK_HINTS):
        for clock in t.spoken_clock.finditer(lowered):
            if dates.free(clock.start(), clock.end()):
                dates.add(clock.start(), clock.end())
    if DIGIT.search(lowered):  # times of day and tallies have digits
        numbers = t.pattern
        for clock in t.clock.finditer(lowered):
            if dates.free(clock.start(), clock.end()):
                dates.add(clock.start(), clock.end())  # a time of day is not a figure
        for dotted in DOTTED_NUMBER.finditer(text):
            if dates.free(dotted.start(), dotted.end()) and dotted_reading(text, dotted) == "time":
                dates.add(dotted.start(), dotted.end())  # "at 3.40 on the stretch"
        for phone in _PHONE_NUMBER.finditer(lowered):
            if dates.free(phone.start(), phone.end()):
                dates.add(phone.start(), phone.end())  # nor a telephone number
        out = _tallies(segment, text, lowered, dates, t)
    out += _fractions(segment, text, lowered, dates, t)
    position = 0
    while (m := numbers.search(lowered, position)) is not None:
        position = max(m.end(), position + 1)
        if not m.group().strip():
            continue
        if not dates.free(m.start(), m.end()):
            space = _SPACE_SEPARATOR.search(m["digits"] or "")
            if space:
                # "On May 12 480 people ...": the first group ends the date, the rest counts
                position = m.start("digits") + space.end()
            continue
        facet = _figure(m, text, t, ctx.text)
        if facet is not None:
            start, end, value, unit, qualifier, noun, note = facet
            out.append(Facet("figure", segment.start + start, segment.start + end,
                             segment.text[start:end], value, key=unit, qualifier=qualifier,
                             noun=noun, note=note))
    out.sort(key=lambda f: (f.start, f.end))
    models = _model_numbers(ctx.text) if out else frozenset()
    if models:  # "as the 737 climbed", the article having said "a Boeing 737-800"
        out = [f for f in out if f.key or f.noun or f.text not in models]
    out = _ranges(_compound_durations(out, segment.text, segment.start), segment.text,
                  segment.start)
    out = _dimensions(out, segment.text, segment.start, t)
    return _with_conversions(_parts_of_them(out, segment.text, segment.start, t), text, segment.start, t)


#: The note of a percentage read from a fraction or a ratio in words.
FRACTION_NOTE = "fraction in words"
#: Words before a bare "half" that make it a part of something else ("the first half of
#: the year", "the other half"), not a share.
_HALF_OF_WHAT = frozenset({"first", "second", "latter", "other", "last", "next", "this", "that",
                           "a", "an", "and", "in"}) | _DETERMINERS
_OF_A_UNIT = re.compile(r"\s+(?:of\s+)?(?:a|an)\b")


def _fractions(segment: Segment, text: str, lowered: str, taken: SpanIndex, t: _Tables
               ) -> list[Facet]:
    """Shares told in words, as percentages (data/fraction_words.csv): "about a third of the
    company's 420 hectares" (about 33.33%), "two-thirds of the cost", "seven in ten bottles",
    "one in four". The span is taken, so "seven" and "ten" are no counts of their own."""
    out: list[Facet] = []
    if not any(word in lowered for word in (" in ", " out of ", "half", "third", "quarter",
                                             "fifth", "tenth")):
        return out
    for m in t.fraction.finditer(lowered):
        start, end = m.start(), m.end()
        share, numerator = m["share"], m["numerator"]
        before = text[max(0, start - _LOOK_BACK):start]
        qualifier, q_start = _qualifier(before, t)
        count = 1 if numerator in (None, "a", "one") else int(t.numbers[numerator])
        plural = share.endswith("s") and share != "halves"
        if _OF_A_UNIT.match(lowered, end):
            continue  # "a quarter of an hour", "half a million": a part of one thing
        if plural != (count > 1) or _whole_or_more(count, t.shares[share]):
            continue  # "a thirds", "two third", "five quarters"
        if plural and "-" not in m.group() and not qualifier and not lowered.startswith(" of ", end):
            continue  # "in six quarters": periods of time; not "two-thirds", "two thirds of"
        if numerator is None and (share != "half" or _last_word_of(before) in _HALF_OF_WHAT):
            continue  # "the third", "the first half of the year"
        if (not plural and not qualifier and not lowered.startswith(" of ", end)
                and _last_word_of(before) != "by"):
            continue  # "a third term": an ordinal; not "cut by a third"
        if not taken.free(start, end):
            continue
        value = Fraction(count) * t.shares[share] * 100
        out.append(_share_facet(segment, text, start - len(before) + q_start if qualifier else start,
                                end, value, qualifier, _percent_noun(text, start, end, t)))
        taken.add(start, end)
    for m in t.ratio.finditer(lowered):
        start, end = m.start(), m.end()
        part, whole = _ratio_term(m["part"], t), _ratio_term(m["whole"], t)
        if not 0 < part < whole or _unit_after(text, end, t).kind == "time" or not taken.free(start, end):
            continue  # "2 in 10 minutes": a rate of time, not a share
        before = text[max(0, start - _LOOK_BACK):start]
        if _last_word_of(before) in t.scale_words:
            continue  # "rated level three out of five": a place on a scale
        if " out of " in m.group() and " every " not in m.group() and whole not in _SHARE_WHOLES:
            continue  # "six out of nine samples": two counts, as "six of nine" are
        qualifier, q_start = _qualifier(before, t)
        noun = _counted_noun(text, end, t)[0]
        out.append(_share_facet(segment, text, start - len(before) + q_start if qualifier else start,
                                end, Fraction(part, whole) * 100, qualifier, noun))
        taken.add(start, end)
    return out


#: The wholes of "N out of M" that make it a share ("nine out of ten", "three out of four");
#: out of another whole the two numbers are counts ("six out of nine samples").
_SHARE_WHOLES = frozenset({2, 3, 4, 5, 10, 100, 1000})


def _whole_or_more(count: int, share: Fraction) -> bool:
    return count * share >= 1


def _last_word_of(before: str) -> str:
    words_before = before.split()
    return words_before[-1].casefold() if words_before else ""


def _ratio_term(term: str, t: _Tables) -> int:
    if term[0].isdigit():
        return int(term.replace(",", ""))
    return int(_word_value(term, t))


def _share_facet(segment: Segment, text: str, start: int, end: int, value: Fraction,
                 qualifier: str, noun: str) -> Facet:
    # a share in words is a round one: "a third" of 420 hectares may be 33% or 35%
    amount = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))
    return Facet("figure", segment.start + start, segment.start + end, segment.text[start:end],
                 _plain(amount), key="%", qualifier=qualifier or "approximately", noun=noun,
                 note=FRACTION_NOTE)


#: "on 6,200 of them": a part of what the sentence counted before.
_OF_THEM = re.compile(r"\s+of\s+(?:them|those|these)\b", re.IGNORECASE)


def _parts_of_them(figures: list[Facet], text: str, offset: int, t: _Tables) -> list[Facet]:
    """A bare number before "of them" counts what the figure before it in the sentence
    counts: "14,800 hectares were affected, and on 6,200 of them" is 6,200 hectares (not
    "15,812 people, 4,903 of them children": a noun after it says what they are)."""
    out: list[Facet] = []
    for f in figures:
        before = next((g for g in reversed(out) if g.key or g.noun), None)
        part = _OF_THEM.match(text, f.end - offset) if not f.key and not f.noun and before is not None else None
        if part is not None and before is not None:
            after = _next_word(text, part.end()).casefold()
            if not after or after in t.stopwords:
                f = replace(f, key=before.key, noun=before.noun)
        out.append(f)
    return out


#: Between the two bounds of a range: "5 to 7 degrees", "between 5 and 7 degrees", "20-30".
_RANGE_JOIN = re.compile(r"\s*(?:to|and|-|\u2013)\s*")
#: Before a range's first bound, "from" makes it a change ("rose from 30 to 45"), not a range.
_RANGE_FROM = re.compile(r"\b(?:from|between)\s+(?:[^\W\d_]+\s+)?$", re.IGNORECASE)


def _ranges(figures: list[Facet], text: str, offset: int) -> list[Facet]:
    """A range whose first bound is a bare number ("fall by 5 to 7 degrees", "between 5
    and 7 degrees") is one figure: the upper bound with "up to" and a note naming the lower
    one. Its bare first number is not a count of its own that no other source gives. "from
    30 to 45" is a change between two figures, and "and" joins bounds only after
    "between"."""
    out: list[Facet] = []
    for f in figures:
        first = out[-1] if out else None
        if (first is not None and not first.key and not first.noun and f.key
                and not f.qualifier and Decimal(first.value) < Decimal(f.value)):
            join = _RANGE_JOIN.fullmatch(text, first.end - offset, f.start - offset)
            before = _RANGE_FROM.search(text, 0, first.start - offset)
            between = before is not None and before.group().casefold().startswith("between")
            if join and (between or (before is None and join.group().strip() != "and")):
                out[-1] = Facet("figure", first.start, f.end,
                                text[first.start - offset:f.end - offset], f.value, key=f.key,
                                qualifier="up to", noun=f.noun,
                                note="; ".join(x for x in (f.note, f"range from {first.value}") if x))
                continue
        out.append(f)
    return out


#: What joins the sides of a size: "1.3 by 1.95 metres", "130 x 195 cm".
_DIMENSION_JOIN = re.compile(r"\s*(?:by|x|\u00d7)\s*")
#: The note of a figure told in another unit than written: the number and unit written.
CONVERTED_FROM = re.compile(r"converted from (?P<value>\S+) (?P<unit>[^;]+)")


def _converted(value: Decimal, unit: str, t: _Tables) -> Decimal:
    """`value` in `unit` told in its base unit (data/unit_conversions.csv), to 4 decimals."""
    _base, factor, offset = t.conversions[unit]
    exact = (Fraction(value) + offset) * factor
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        Decimal("0.0001")) if exact.denominator != 1 else Decimal(exact.numerator)


def _dimensions(figures: list[Facet], text: str, offset: int, t: _Tables) -> list[Facet]:
    """A bare number before "by" or "x" and a measure ("1.3 by 1.95 metres") is a measure in
    that unit, converted as it is: not a count of its own that no other source gives."""
    out = list(figures)
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        join = _DIMENSION_JOIN.fullmatch(text, first.end - offset, second.start - offset)
        if join is None or not second.key or first.qualifier:
            continue
        if (first.key or first.noun) and not (first.key == "times" and "by" not in join.group()):
            continue  # "130 x 195 cm": "x" is no multiplier there
        if _quantity_kind(second.key, t) != "measure":
            continue
        value, note = Decimal(first.value), ""
        converted = CONVERTED_FROM.match(second.note)
        if converted and converted["unit"] in t.conversions:
            note = f"converted from {first.value} {converted['unit']}"
            value = _converted(value, converted["unit"], t)
        out[k] = replace(first, value=_plain(value), key=second.key, noun="",
                         note="; ".join(x for x in (note, "a side of a size") if x))
    return out


#: A number of three or four digits right after a capitalised word inside a sentence: a
#: model, a flight or a route ("Boeing 737-800", "Flight 186", "Route 66" has two digits
#: and stays a figure elsewhere only with a unit).
_MODEL_NUMBER = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+ (\d{3,4})(?:-\d{1,4})?\b")


@lru_cache(maxsize=8)
def _model_numbers(article: str) -> frozenset[str]:
    """The numbers an article writes as part of a name (`_MODEL_NUMBER`), months and
    weekdays aside: a bare use of one elsewhere ("the 737") is that name, not a figure."""
    calendar = calendar_words()
    return frozenset(m.group(1) for m in _MODEL_NUMBER.finditer(article)
                     if m.group().split()[0].casefold() not in calendar)


def _tallies(segment: Segment, text: str, lowered: str, taken: SpanIndex, t: _Tables) -> list[Facet]:
    """The two counts of a tally after a cue of `data/figure_tallies.csv` ("by a vote of
    172 to 151": 172 votes in favour, 151 against); their span is then taken."""
    out: list[Facet] = []
    for m in t.tally.finditer(lowered):
        first, second = m["first"].replace(",", ""), m["second"].replace(",", "")
        if re.fullmatch(r"(1[5-9]|20)\d\d", first) and len(second) <= 2:
            continue  # a span of years: "the 2023-24 budget"
        unit, noun_first, noun_second = t.tallies[m["cue"]]
        counted = _next_word(text, m.end()).casefold()
        if counted.endswith("s") and counted != unit and counted not in t.stopwords:
            continue  # "voted on 12 to 15 bills": a range of something counted
        if not taken.free(m.start("first"), m.end("second")):
            continue
        taken.add(m.start("first"), m.end("second"))
        for group, value, noun in (("first", first, noun_first), ("second", second, noun_second)):
            start, end = m.span(group)
            out.append(Facet("figure", segment.start + start, segment.start + end,
                             segment.text[start:end], str(int(value)), key=unit, noun=noun))
    return out


def _quantity_kind(unit: str, t: _Tables) -> str:
    if unit in t.money_units or unit.rsplit(" ", 1)[-1] in t.money_units:
        return "money"
    return "measure" if unit in t.measure_units else ""


#: A duration in two units ("17 hours and 10 minutes"): (larger, smaller) -> how many of the
#: smaller make one of the larger.
_DURATION_PARTS = {("years", "months"): 12, ("weeks", "days"): 7, ("days", "hours"): 24,
                   ("hours", "minutes"): 60, ("minutes", "seconds"): 60}
_DURATION_JOIN = re.compile(r"\s*(?:,|and|,\s*and|)\s*")  # "16 hours 40 minutes" too


_CONVERTED = "converted from "


def _compound_durations(figures: list[Facet], text: str, offset: int) -> list[Facet]:
    """"17 hours and 10 minutes" ("16 hours 40 minutes") is one duration (17.1667 hours),
    not a count of minutes of its own that no other source gives."""
    out: list[Facet] = []
    for f in figures:
        first = out[-1] if out else None
        factor = _DURATION_PARTS.get((first.key, f.key)) if first is not None else None
        if first is not None and first.key == f.key and f.note.startswith(_CONVERTED) \
                and not first.note.startswith(_CONVERTED) and _DURATION_PARTS.get(
                    (first.key, f.note.rsplit(" ", 1)[-1])):
            factor = 1  # "two hours and 41 minutes", the minutes already told in hours
        if (first is not None and factor and not f.qualifier
                and _DURATION_JOIN.fullmatch(text, first.end - offset, f.start - offset)):
            value = Decimal(first.value) + Decimal(f.value) / factor
            out[-1] = Facet("figure", first.start, f.end, text[first.start - offset:f.end - offset],
                            _plain(value.quantize(Decimal("0.0001"))), key=first.key,
                            qualifier=first.qualifier, noun=first.noun, note=first.note)
            continue
        out.append(f)
    return out


def _with_conversions(figures: list[Facet], text: str, offset: int, t: _Tables) -> list[Facet]:
    """A figure that restates the one before it in another unit, in brackets or after a
    comma with "about"/"or" ("185 km/h (115 mph)", "Rs 620 crore ($70 million)", "EUR38m,
    about R$240m"), is another spelling of that figure: it takes that figure's value, unit,
    qualifier and noun, and its note keeps what it says ("conversion of 185 km/h: 115
    mph"), so that it is never a figure of its own (exchange rates and rounding differ from
    outlet to outlet)."""
    out: list[Facet] = []
    for f in figures:
        primary = out[-1] if out else None
        if primary is not None and _restates(primary, f, text, offset, t):
            written = f.note.removeprefix("converted from ") or f"{f.value} {f.key}".strip()
            out.append(Facet("figure", f.start, f.end, f.text, primary.value, key=primary.key,
                             qualifier=primary.qualifier, noun=primary.noun,
                             note=f"conversion of {primary.text}: {written}"))
        else:
            out.append(f)
    return out


def _restates(primary: Facet, f: Facet, text: str, offset: int, t: _Tables) -> bool:
    kind = _quantity_kind(primary.key, t)
    if kind == "measure" and primary.key == t.conversions["lb"][0] and _POUNDS.search(f.text):
        # "61.4 kilograms (135 pounds)": pounds of weight, not of money
        return _enclosed(primary, f, text, offset)
    if not kind or kind != _quantity_kind(f.key, t) or primary.note.startswith("conversion"):
        return False
    written_a = primary.note.removeprefix("converted from ").split(" ", 1)[-1] or primary.key
    written_b = f.note.removeprefix("converted from ").split(" ", 1)[-1] or f.key
    if written_a == written_b or (kind == "measure" and primary.key != f.key):
        return False  # the same unit twice is two figures; km and hours never convert
    if _enclosed(primary, f, text, offset):
        return True
    gap = text[primary.end - offset:f.start - offset]
    if re.fullmatch(r"\s*(?:,|\s-)\s*(?:or\s+)?", gap) is not None:
        return bool(f.qualifier or "or" in gap)
    # "HK$312,500,000 with premium, roughly US$40m": a few words on the first amount between
    return _WORDS_THEN_COMMA.fullmatch(gap) is not None and bool(f.qualifier)


#: A few lower-case words and a comma between an amount and its approximate conversion.
_WORDS_THEN_COMMA = re.compile(r"\s+(?:[a-z]+\s+){0,2}[a-z]+,\s*")


#: The word that is a weight (lb), not money, in brackets after a weight.
_POUNDS = re.compile(r"(?i)\bpounds?$")


def _enclosed(primary: Facet, f: Facet, text: str, offset: int) -> bool:
    """Whether `f` stands in brackets right after `primary`: "185 km/h (115 mph)"."""
    gap = text[primary.end - offset:f.start - offset]
    return re.fullmatch(r"\s*\(\s*", gap) is not None and re.match(
        r"\s*\)", text[f.end - offset:f.end - offset + 4]) is not None


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


#: Between groups of three digits: "12,480", "12 480" (a space, as in SI style, or a
#: no-break space).
#: A telephone number: groups of digits after a country code ("+49 30 1234 5678"),
#: opening with a trunk zero ("0800 7723 400", "(030) 1234-567") or a toll-free prefix
#: ("1800 555 210", "1-800-555-0199"). No quantity is written with a leading zero.
_PHONE_NUMBER = re.compile(r"(?<![\w.,])(?:\+\d{1,3}(?:[ -]\(?\d{1,5}\)?){2,5}"
                           r"|(?:\(0\d{1,4}\)|0\d{2,4}|1[- ]?[389]00)(?:[ -]\d{2,5}){1,4})(?![\w])")
#: Digits run together this long with no thousands separator, unit or scale are an
#: identifier (a ship's IMO number, a case number), not a quantity ("9412361").
_IDENTIFIER_DIGITS = 6
#: " m" after a number that a name's word precedes ("LOA 190 m"): metres, not millions.
_METRES_AFTER = re.compile(r" ?m(?=[,;)]|\s*$|\s+(?:long|high|tall|wide|deep)\b)")
_THOUSANDS_SEPARATORS = re.compile("[,\u00a0\u202f ]")
_SPACE_SEPARATOR = re.compile("[\u00a0\u202f ]")


def _written_as_money(m: re.Match[str], text: str, t: _Tables) -> bool:
    """Digits after an everyday letter that reads as a currency ("N", "R") are money when
    written as amounts are: with thousands separators or decimals ("N450,000", "R6.40"),
    or with a scale (data/number_words.csv: "R412bn", "R1.2 billion"); "N95" and "the R102"
    are names."""
    digits = m["digits"] or ""
    return ("," in digits or "." in digits or bool(m["attached"] or m["scale"])
            or _next_word(text, m.end()).casefold() in t.scales)


def _figure(m: re.Match[str], text: str, t: _Tables, article: str
            ) -> tuple[int, int, str, str, str, str, str] | None:
    # A symbol matched on lower-cased text counts only as the table spells it ("Sh", "kr").
    cur = text[m.start("cur"):m.end("cur")] if m["cur"] else ""
    if cur not in t.currency_before:
        cur = ""
    elif all(r.needs_country for r in t.currency_before[cur]):
        named = countries_named(article)
        if not (_written_as_money(m, text, t) and any(r.country in named for r in t.currency_before[cur])):
            return None  # "N95", "the R102": a letter and a number, not a figure
    start = m.start("cur") if cur else next(
        m.start(g) for g in ("digits", "words", "ordinal") if m[g] is not None)
    end = m.end()
    window = max(0, start - _LOOK_BACK)
    before = text[window:start]  # bounded: a huge one-line segment stays linear
    prev_word = _last_word(before)
    qualifier, q_start = _qualifier(before, t)
    lead = before[:q_start]  # what comes before the qualifier, or before the number
    q_start += window
    measure = _measure_before(lead, t)
    if m["ordinal"] or m["ord"]:
        return _ordinal(m, text, t, before)
    if m["digits"] is not None:
        digits = m["digits"]
        if len(digits) > _MAX_DIGITS:
            return None
        if m["attached"] is None and re.match(r"[A-Za-z]", text[m.end("digits"):m.end("digits") + 1]) \
                and _glued_unit(text, m.end("digits"), t) is None:
            return None
        try:
            value = Decimal(_THOUSANDS_SEPARATORS.sub("", digits))
        except InvalidOperation:
            return None
        if (prev_word[:1].isupper() and not qualifier and not cur and not measure
                and prev_word.casefold() not in t.stopwords
                and not prev_word.endswith(("'s", "\u2019s", "s'", "s\u2019"))
                and _unit_after(text, m.end(), t).kind != "measure"
                and not _METRES_AFTER.match(text, m.end())):
            return None  # a number in a name: "Section 907", "Route 66", "No. 10" (never
            # after a possessive: "Mottram's 11 years"; a measure is one: "LOA 190 m")
        if _NUMBER_SIGN.search(before):
            return None  # "Issue No. 1,482", "ranked No. 3": a number's label, not a count
        if t.reference_list.search(before):
            return None  # a reference in a list: "Articles 5(1)(f), 32 and 33"
        if _CODE_CITATION.match(text, m.end()) or _CODE_SECTION.search(before):
            return None  # a code's title or section: "18 U.S.C. § 1956", "40 CFR 60"
        if re.match(r"\s*[.)]\s", text[m.end():m.end() + 4]) and start < _LOOK_BACK and not text[:start].strip():
            return None  # a list marker: "1) ..." at the start of the segment
        if not cur and before.rstrip().endswith(("(", "#", "+")) and re.match(r"\s*\)", text[m.end():m.end() + 4]):
            return None
    else:
        word = m["words"].casefold()
        if word == "one" and not m["scale"]:
            return None
        if (text[start].isupper() and before.strip() and not before.rstrip().endswith(_SENTENCE_ENDS)
                and re.match(r" [A-Z]", text[end:end + 2])):
            return None  # a capitalised number word inside a name: "Erik Ten Hag"
        value = Decimal(_word_value(word, t))
        last = before.rstrip().rsplit(None, 1)[-1].casefold() if before.strip() else ""
        if value < 10 and last in _DETERMINERS and not qualifier:
            return None
        if value < 3 and not qualifier and not m["scale"] and _unit_after(text, end, t).kind not in (
                "time", "money", "percent"):
            return None  # "two nations": a reference more than a checkable count
    scale = m["attached"] or m["scale"]
    after_m = re.match(r"[\s-]+([^\W\d_]+)", text[end:end + 60])  # "180m long", "23m-long"
    metres = (m["attached"] or "").casefold() == _METRE and not cur and (
        (after_m is not None and after_m.group(1).casefold() in t.measures_after)
        or _length_in_clause(before, t) or _one_thing_measured(before, _next_word(text, end), t))
    if metres:  # "180m long", "22m high", "heights will reach 280m": metres, not millions
        scale = ""
    if scale:
        value *= t.scales.get(scale.casefold(), t.scales.get(scale, 1))
    unit, kind, unit_end = (_METRE, "measure", 0) if metres else _unit(text, end, cur, t, article)
    if unit_end and kind != "people":
        end = unit_end
    if (m["digits"] is not None and not unit and not qualifier and not scale
            and re.fullmatch(r"(1[5-9]|20)\d\d", m["digits"])):
        return None  # a bare year
    if (m["digits"] is not None and not unit and not qualifier and not scale
            and len(m["digits"]) >= _IDENTIFIER_DIGITS and m["digits"].isdigit()):
        return None  # "IMO 9412361", a case or account number: no quantity is written so
    noun = ""
    if kind in ("", "people") or (kind == "money" and not unit_end):
        noun, noun_unit, noun_end = _counted_noun(text, end, t)
        if kind == "people" and unit_end:
            noun, noun_end = text[m.end():unit_end].strip(), unit_end
        elif noun and not unit:
            unit = noun_unit
        if kind in ("", "people") and (not noun or noun_key(noun) == "people"):
            outcome = _outcome(text, noun_end or end, lead, t)
            if outcome:
                noun, unit, kind = outcome, "people", "people"
    if kind == "percent" or (kind == "money" and not noun):
        noun = _percent_noun(text, q_start if qualifier else start, end, t)
    elif kind == "measure":
        noun = _of_noun(text, end, t)  # "1.8m tonnes of grain"
    if not measure and kind == "measure":
        measure = t.measures_after.get(_next_word(text, end).casefold(), "")
    if measure and not (noun and kind in ("percent", "money")):
        noun = measure
        if kind == "":
            unit = measure
    if qualifier:
        start = q_start
    note = ""
    if unit in t.conversions:
        base = t.conversions[unit][0]
        note = f"converted from {_plain(value)} {unit}"
        value = _converted(value, unit, t)
        if noun == unit:
            noun = base
        unit = base
    return start, end, _plain(value), unit, qualifier, noun, note


#: "366m" may be metres or millions: metres (the unit's key too) only before a measure word
#: ("180m long").
_METRE = "m"


def _unit(text: str, end: int, cur: str, t: _Tables, article: str) -> tuple[str, str, int]:
    """(unit, kind, end of the unit words or 0) for the number ending at `end`: the currency
    written before it, a currency after it ("850m Kenyan shillings"), or a unit after it."""
    if cur:
        return _currency(t.currency_before[cur], "", article), "money", 0
    named = t.country_currency.match(text, end, end + 120)
    if named is not None:
        country = _country(named.group(1).strip())
        if country:
            return (_currency(t.currency_after[named.group(2).casefold()], country, article),
                    "money", named.end())
    hit = _unit_after(text, end, t)
    if hit.kind == "money":
        return _currency(t.currency_after[hit.word], "", article), "money", hit.end
    return hit.unit, hit.kind, hit.end


def _country(words: str) -> str:
    """ISO code of the country a demonym or country name stands for ("Kenyan", "US")."""
    gazetteer = load_gazetteer()
    iso = gazetteer.demonym(words)
    if iso:
        return iso
    return next((p.iso for p in gazetteer.lookup(words) if p.kind == "country"), "")


def _currency(readings: tuple[_Currency, ...], country: str, article: str) -> str:
    """The ISO code a currency form stands for: the reading of the country written beside it;
    the only reading; the one reading whose country the article names when the default
    reading's country is not named ("$" in a story naming Canada and not the United States),
    or, when it names no candidate's country, the one reading of its main country (by its
    regions: "Nova Scotia");
    the default reading; the one reading whose country the article names, or of the
    article's main country when it names several; else the family name ("shillings")."""
    if country:
        for reading in readings:
            if reading.country == country:
                return reading.unit
        return f"{country} {readings[0].family}"  # "Fijian dollars": no row, still comparable
    units = sorted({r.unit for r in readings})
    if len(units) == 1:
        return units[0]
    named = countries_named(article)
    default = next((r for r in readings if r.default), None)
    if default is not None:
        if default.country not in named:
            # "$" in a story that names Canada and never the United States: Canadian dollars.
            local = sorted({r.unit for r in readings if r.country and r.country in named}
                           - _written_with_own_prefix(article))
            if len(local) == 1:
                return local[0]
            if not local:
                # "$" in a story that names Nova Scotia and no country: the regions' country
                home = main_country(article)
                local = sorted({r.unit for r in readings if home and r.country == home}
                               - _written_with_own_prefix(article))
                if len(local) == 1 and default.country != home:
                    return local[0]
        return default.unit
    in_article = sorted({r.unit for r in readings if r.country and r.country in named})
    if len(in_article) == 1:
        return in_article[0]
    if len(in_article) > 1:
        # "rupees" in a Pakistani story whose related-links line names Sri Lanka
        home = main_country(article)
        local = sorted({r.unit for r in readings if home and r.country == home})
        if len(local) == 1:
            return local[0]
    return readings[0].family


@lru_cache(maxsize=64)
def _written_with_own_prefix(article: str) -> frozenset[str]:
    """Currencies the article writes with a prefix of their own ("A$9.8 billion", "C$410
    million"): its bare "$" is then another currency, the default ("A$9.8 billion (about
    $6.4 billion)")."""
    t = _tables()
    return frozenset(r.unit for form, readings in t.currency_before.items()
                     if len(form) > 1 and form.endswith("$") and form in article
                     for r in readings if len({x.unit for x in readings}) == 1)


#: The measures of data/figure_measures.csv told in metres.
_LENGTH_MEASURES = frozenset({"depth", "height", "altitude", "length", "width", "distance"})


def _one_thing_measured(before: str, next_word: str, t: _Tables) -> bool:
    """"an 11m shaft", "a 40m yacht": one thing after "a" is measured, not counted in
    millions ("11m people"); a change ("a 5m rise") may be money."""
    low = next_word.casefold()
    last = before.rsplit(None, 1)[-1].casefold() if before.strip() else ""
    return (last in ("a", "an") and low.isalpha() and not low.endswith("s")
            and low not in t.change_verbs and low not in t.stopwords)


def _length_in_clause(before: str, t: _Tables) -> bool:
    """Whether the clause before a number names a length with a noun ("Tip heights will
    reach up to 280m", "a depth of about 30m"): its "m" is metres, not millions. An
    adjective counts only right after the number ("22m high"): "a record high of 280m" is
    money."""
    clause = re.split(r"[,;:()]|[.!?]\s", before)[-1]
    return any(word.casefold().removesuffix("s") in t.length_words
               for word in re.findall(r"[^\W\d_]+", clause))


def _measure_before(lead: str, t: _Tables) -> str:
    """The measure named right before a number: "magnitude 6.8", "a depth of 40 km"."""
    found = re.search(r"([^\W\d_]+)\s+(?:of\s+)?$", lead[-60:])
    return t.measures_before.get(found.group(1).casefold(), "") if found else ""


def _next_word(text: str, end: int) -> str:
    found = re.match(r"\s+([^\W\d_]+)", text[end:end + 60])
    return found.group(1) if found else ""


def _outcome(text: str, end: int, lead: str, t: _Tables) -> str:
    """What happened to the people a count stands for, from the verb before it ("injuring
    412") or after it, past auxiliaries ("412 were injured", "37 people have died")."""
    before = re.search(r"([^\W\d_]+)\s+$", lead[-40:])
    if before and before.group(1).casefold() in t.outcomes:
        return t.outcomes[before.group(1).casefold()]
    for word in re.match(r"(?:\s+[^\W\d_]+){0,4}", text[end:end + 80]).group().split():
        low = word.casefold()
        if low in t.outcomes:
            return t.outcomes[low]
        if low not in _AUXILIARIES:
            break
    return ""


def _last_word(before: str) -> str:
    """The word right before a number ("Section" in "Section 907", "No." in "No. 10"), or ""
    when punctuation other than a full stop stands between them."""
    stripped = before.rstrip()
    if len(stripped) == len(before) and before:
        return ""  # attached: "F-35" is handled by the pattern, "x5" is not a figure
    tail = stripped.rsplit(None, 1)[-1] if stripped else ""
    tail = tail[:-1] if tail.endswith(".") else tail
    return tail if tail[:1].isalpha() and tail.replace("'", "").replace("-", "").isalnum() else ""


def _word_value(word: str, t: _Tables) -> Decimal | int:
    if "-" in word:
        tens, _, unit = word.partition("-")
        return t.tens[tens] + t.numbers.get(unit, 0)
    if word in t.tens:
        return t.tens[word]
    return t.numbers.get(word, t.scales.get(word, 0))


def _qualifier(before: str, t: _Tables) -> tuple[str, int]:
    folded = before.casefold().rstrip()
    trail = len(before) - len(folded)
    for phrase, qualifier in t.qualifiers:
        if folded.endswith(phrase) and (len(folded) == len(phrase)
                                        or not folded[-len(phrase) - 1].isalnum()):
            return qualifier, len(before) - trail - len(phrase)
    return "", len(before)


def _unit_after(text: str, end: int, t: _Tables) -> _UnitHit:
    """The unit right after a number: "%", " hours", "-hour" (a hyphenated unit is singular:
    "a 48-hour truce"); kind "money" for a currency word, whose unit is resolved by the
    caller; ("", "", 0, "") when there is none."""
    m = t.unit_pattern.match(text, end, end + 40)
    if m is None:
        return _UnitHit("", "", 0, "")
    lead, word = m.group(1), m.group(2).casefold()
    if lead == "-":
        found = t.hyphen_units.get(word)
    elif lead == "" and word[0].isalnum():
        # "5hours" is not written; "5G" is not a unit; "6km" is (data/figure_attached_units.txt)
        found = t.units.get(word) if word in t.attached_units else None
    elif len(word) == 1 and word.isalpha():
        found = None  # "4 x 100m": a one-letter unit is read only glued to its number ("76.4x")
    else:
        found = t.units.get(word)
    if found is None:
        return _UnitHit("", "", 0, "")
    if found[1] == "money" and word not in t.currency_after:
        word = next(w for w in t.currency_after if w.startswith(word))  # "dollar" in "5-dollar"
    return _UnitHit(found[0], found[1], m.end(), word)


def _counted_noun(text: str, end: int, t: _Tables, *, through_of: bool = True
                  ) -> tuple[str, str, int]:
    """The noun right after a count ("1,200 households", "eleven Palestinians"), its unit and
    where it ends; never a verb ("6.8 hit the region", "37, officials said")."""
    words_after = re.match(r"\s+([^\W\d_][\w'-]*)(?:\s+([^\W\d_][\w'-]*)(?:\s+([^\W\d_][\w'-]*))?)?",
                           text[end:end + _LOOK_AHEAD])
    if not words_after:
        return "", "", 0
    first, second = words_after.group(1), words_after.group(2)
    if any(c.isdigit() for c in first):
        return "", "", 0  # "R94.7bn", "F-35": an amount or a code, no noun
    low = first.casefold()
    if low in t.stopwords or low in t.change_verbs:
        if (through_of and low == "of" and second
                and second.casefold() not in t.stopwords):
            return second, _unit_of_noun(second, t), end + words_after.end(2)
        partitive = _PARTITIVE.match(text, end, end + _LOOK_AHEAD) if through_of and low == "of" else None
        if partitive:  # "Seventeen of the train's 92 cars": seventeen cars
            whole = re.match(r"\s+([^\W\d_]+)", text[partitive.end():partitive.end() + 40])
            if whole and (whole.group(1).casefold(),) in t.noun_keys:
                # "Six of the dead": the dead, though "dead" after a number is what happened
                word = whole.group(1)
                return word, _unit_of_noun(word, t), partitive.end() + whole.end(1)
            return _counted_noun(text, partitive.end(), t, through_of=False)
        return "", "", 0
    if (low in t.said_verbs or low in t.past_tenses or low in t.outcomes or low in t.date_cues
            or (second and second.casefold() in _OBJECT_STARTERS
                and not _rate_follows(text, end + words_after.end(2), second, t))):
        return "", "", 0  # a verb, what happened to a count ("412 injured"), "last year"
    if low.endswith("ed") and (not second or second.casefold() in t.stopwords):
        return "", "", 0  # "40 remained.", "300 gathered in": a past tense, not a noun
    noun, noun_end = first, end + words_after.end(1)
    if second and second.casefold() not in t.stopwords and not first[0].isupper() and (
            "-" in first or low.endswith(_MODIFIER_ENDINGS) or low in t.count_adjectives
            # "450 teaching posts", "1,200 polling stations"; not "300 protesting outside"
            or (low.endswith("ing") and second.casefold().endswith("s"))
            or _noun_before_plural(low, second, t)):
        noun, noun_end = f"{first} {second}", end + words_after.end(2)
        third = words_after.group(3)
        if (third and second.casefold().endswith("ing") and third.casefold().endswith("s")
                and third.casefold() not in t.stopwords):
            # "29 electronic voting machines": the machines, as "19 voting machines" are
            noun, noun_end = f"{noun} {third}", end + words_after.end(3)
        phrase = noun_key(noun)
        if " " not in phrase:  # a listed phrase: "teaching posts" count teachers
            return noun, phrase, noun_end
    return noun, _unit_of_noun(noun.split()[-1], t), noun_end


def _noun_before_plural(first: str, second: str, t: _Tables) -> bool:
    """A singular noun qualifying a unit of data/units.csv or a counted noun of
    data/quantity_nouns.csv: "400 rescue workers" and "13 board members" count people, as
    "400 workers" do; "43 front companies" and "43 shell companies" count companies. Not a
    unit before it ("5 km roads"), not a plural first word ("12 children died"). Other
    plurals keep the first word's reading ("214 shabti figurines" and "214 shabti
    statuettes" are shabti)."""
    low = second.casefold()
    return (first.isalpha() and not first.endswith("s") and first not in t.units
            and second.isalpha() and second[0].islower() and low.endswith("s")
            and ((low in t.units and t.units[low][1] == "people") or (low,) in t.noun_keys))


#: "of" and what may stand between it and the noun of a part of a whole ("17 of the 92
#: cars", "two of its engines", "12 of the company's 40 stores").
_PARTITIVE = re.compile(r"\s+of(?:\s+(?:the|its|their|his|her|our|these|those))?"
                        r"(?:\s+[^\W\d_][\w-]*['\u2019]s)?(?:\s+\d[\d,.]*)?(?=\s)")


def _glued_unit(text: str, end: int, t: _Tables) -> str | None:
    """The unit of data/figure_attached_units.txt written right after the digits ending at
    `end` ("km" in "6km"), else None."""
    glued = re.match(r"[^\W\d_][\w²]*", text[end:end + 8])
    return glued.group().casefold() if glued and glued.group().casefold() in t.attached_units else None


def _rate_follows(text: str, end: int, article: str, t: _Tables) -> bool:
    """"a year" in "3,000 homes a year": a rate after the counted noun, not a verb's object."""
    if article.casefold() not in ("a", "an"):
        return False
    unit = t.units.get(_next_word(text, end).casefold())
    return unit is not None and unit[1] == "time"


def _unit_of_noun(noun: str, t: _Tables) -> str:
    found = t.units.get(noun.casefold())
    if found is not None and found[1] != "money":
        return found[0]
    if load_gazetteer().demonym(noun):
        return "people"
    return noun_key(noun)


def _of_noun(text: str, end: int, t: _Tables) -> str:
    """What a measured amount is of: "grain" in "1.8m tonnes of grain"."""
    after = re.match(r"\s+of\s+((?:[^\W\d_][\w'-]*\s?){1,3})", text[end:end + _LOOK_AHEAD])
    return _noun_phrase(after.group(1).split(), t, forward=True) if after else ""


def _percent_noun(text: str, start: int, end: int, t: _Tables) -> str:
    after = re.match(r"\s+of\s+((?:[^\W\d_][\w'-]*\s?){1,3})", text[end:end + _LOOK_AHEAD])
    if after:
        return _noun_phrase(after.group(1).split(), t, forward=True)
    before = text[max(0, start - _LOOK_BACK):start].rstrip()
    words_before = re.findall(r"[^\W\d_][\w'-]*|[^\w\s]", before[-80:])
    if words_before and words_before[-1].casefold() in ("by", "of"):
        words_before = words_before[:-1]
        if words_before and words_before[-1].casefold() in t.change_verbs:
            words_before = words_before[:-1]
    elif words_before and words_before[-1].casefold() in t.change_verbs:
        words_before = words_before[:-1]
    else:
        return ""
    return _noun_phrase(list(reversed(words_before)), t, forward=False)


def _noun_phrase(tokens: list[str], t: _Tables, *, forward: bool) -> str:
    taken: list[str] = []
    for token in tokens[:3]:
        low = token.casefold()
        if not token[0].isalpha() or low in t.stopwords or low in t.change_verbs:
            break
        if not forward and low.endswith(("ing", "ed")) and taken:
            break
        if forward and taken and not ("-" in taken[-1]
                                      or taken[-1].casefold().endswith(_MODIFIER_ENDINGS)):
            break  # after the noun ("voters stayed"): only modifiers run on ("rural voters")
        taken.append(token)
    if not forward:
        taken.reverse()
    return " ".join(taken)


def _ordinal(m: re.Match[str], text: str, t: _Tables, before: str
             ) -> tuple[int, int, str, str, str, str, str] | None:
    if m["ordinal"]:
        value = t.ordinals[m["ordinal"].casefold()]
    else:
        if m["digits"] is None or "." in m["digits"] or "," in m["digits"]:
            return None
        value = int(m["digits"])
    noun, _, _ = _counted_noun(text, m.end("ordinal") if m["ordinal"] else m.end(), t,
                               through_of=False)
    if not noun or noun[0].isupper():
        return None  # "the first of", "the 21st Century Fund": no fact counted
    start = m.start("ordinal") if m["ordinal"] else m.start("digits")
    end = m.end("ordinal") if m["ordinal"] else m.end()
    return start, end, str(value), "ordinal", "", noun, "ordinal"
