"""Figures: percentages, counts, money, durations and ordinals-as-facts a claim states.

value      the number as a plain decimal: "55", "30000", "0.5", "2400000000"
key        the unit: % | pp | USD | EUR | ... | hours | days | years | decades | people |
           the counted noun ("households") | ordinal ("the second round": 2) | "" (bare)
qualifier  approximately | nearly | at least | more than | up to | less than | exactly | ""
noun       what it quantifies: the counted noun ("Jews" in "approximately 30,000 Jews"), or
           for a percentage the quantity that changed ("oil exports" in "increasing oil
           exports by 55%") or the whole it is part of ("voters" in "55% of voters")
text       as written, qualifier included ("approximately 30,000", "$2.4bn", "48 hours")
note       "ordinal" for ordinals; "" otherwise

Read: digits with thousands separators and decimals, number words ("eleven",
"twenty-five", "a dozen"), scales ("1.5 million", "$5 billion", "EUR3.2m", "$2.4bn"),
currency symbols and codes, units after the number, hyphenated units ("a 48-hour truce").
Tables: `data/number_words.csv`, `data/units.csv`, `data/figure_qualifiers.csv`,
`data/figure_change_verbs.txt`; function words from `data/stopwords.txt`.

Not figures: anything inside a date found earlier; bare years (a four-digit number from
1500 to 2099 with no unit, qualifier or separator); numbers in names (right after a
capitalised word: "Section 907", "Route 66", "Channel 12"; attached to letters: "COVID-19",
"F-35", "5G"); list markers ("1) ...") and phone-like or time-like digit runs ("10:30",
"+1 555-0100"); "one" without a scale; small word numbers after a determiner ("the two
countries": a reference, not a count); "two" without a qualifier or a unit of time, money or
percent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from checker.facets.base import ArticleContext, Facet, Segment
from checker.facets.dates import SpanIndex
from checker.gazetteer import load as load_gazetteer
from checker.lexicon import table, words
from checker.textutil import fold

_DETERMINERS = frozenset({"the", "these", "those", "both", "its", "their", "our", "his", "her",
                          "my", "your", "all", "each"})
# Matching runs on an ASCII-lower-cased copy (same length, so offsets hold): faster than re.I.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_LOOK_BACK = 200  # characters looked at before a number (qualifier, the noun of a change)
_LOOK_AHEAD = 200
_MAX_DIGITS = 24  # longer digit runs are identifiers, not figures
_MODIFIER_ENDINGS = ("al", "ian", "ish", "ese", "ed", "ive", "ic", "ful", "ary", "ern", "an")


@dataclass(frozen=True)
class _Tables:
    numbers: dict[str, int]  # word -> value (kind number)
    tens: dict[str, int]
    scales: dict[str, int]
    ordinals: dict[str, int]
    qualifiers: tuple[tuple[str, str], ...]  # (phrase, qualifier), longest first
    units_after: tuple[tuple[str, str, str], ...]  # (word, unit, kind), longest first
    currency_before: dict[str, str]
    unit_kind: dict[str, str]
    units: dict[str, tuple[str, str]]  # casefolded unit word after a number -> (unit, kind)
    hyphen_units: dict[str, tuple[str, str]]  # "hour" in "48-hour" -> (unit, kind)
    unit_pattern: re.Pattern[str]
    change_verbs: frozenset[str]
    stopwords: frozenset[str]
    pattern: re.Pattern[str]


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)))


@cache
def _tables() -> _Tables:
    rows = table("number_words")
    numbers = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "number"}
    tens = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "tens"}
    scales = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "scale"}
    ordinals = {r["word"]: int(r["value"]) for r in rows if r["kind"] == "ordinal"}
    units = table("units")
    currency_before = {r["word"].translate(_ASCII_LOWER): r["unit"] for r in units
                       if r["position"] == "before"}
    units_after = tuple(sorted(((r["word"], r["unit"], r["kind"]) for r in units
                                if r["position"] == "after"), key=lambda r: (-len(r[0]), r[0])))
    after_units = {w.casefold(): (u, k) for w, u, k in reversed(units_after)}
    hyphen_units = {w.casefold()[:-1]: (u, k) for w, u, k in units_after
                    if w.endswith("s") and w[:-1].isalpha()}
    hyphen_units.update({w.casefold(): (u, k) for w, u, k in units_after
                         if w.isalpha() and not w.endswith("s") and w.casefold() not in hyphen_units})
    qualifiers = tuple(sorted(((r["phrase"].casefold(), r["qualifier"])
                               for r in table("figure_qualifiers")),
                              key=lambda r: (-len(r[0]), r[0])))
    small = [w for w in numbers if numbers[w] < 20 and " " not in w]
    unit_words = [w for w in small if numbers[w] < 10]
    word_scales = [w for w in scales if len(w) > 2]
    letter_scales = [w for w in scales if len(w) <= 2]
    number_words = (rf"(?:{_alternation(list(tens))})(?:-(?:{_alternation(unit_words)}))?"
                    rf"|{_alternation([w for w in numbers if w not in small])}"
                    rf"|{_alternation(small)}")
    pattern = re.compile(
        rf"(?P<cur>{_alternation(list(currency_before))})?\s?"
        rf"(?:(?<![\w+./:,-])(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?:(?P<attached>{_alternation(letter_scales)})|(?P<ord>st|nd|rd|th))?(?![\w]|[.,:/-]\d)"
        rf"|\b(?P<words>{number_words})\b"
        rf"|\b(?P<ordinal>{_alternation(list(ordinals))})\b)"
        rf"(?:\s(?P<scale>{_alternation(word_scales)})\b)?",
    )
    return _Tables(
        numbers=numbers, tens=tens, scales=scales, ordinals=ordinals, qualifiers=qualifiers,
        units_after=units_after, currency_before=currency_before,
        unit_kind={r["unit"]: r["kind"] for r in units},
        units=after_units, hyphen_units=hyphen_units,
        unit_pattern=re.compile(
            rf"([ -]?)({_alternation(list(after_units) + list(hyphen_units))})(?![^\W_])", re.I),
        change_verbs=frozenset(w.casefold() for w in words("figure_change_verbs")),
        stopwords=frozenset(w.casefold() for w in words("stopwords")) | _DETERMINERS,
        pattern=pattern,
    )


def extract(segment: Segment, found: Sequence[Facet], ctx: ArticleContext) -> list[Facet]:
    t = _tables()
    text = fold(segment.text)
    dates = SpanIndex([(f.start - segment.start, f.end - segment.start)
                       for f in found if f.facet == "date"])
    out: list[Facet] = []
    for m in t.pattern.finditer(text.translate(_ASCII_LOWER)):
        if not m.group().strip() or not dates.free(m.start(), m.end()):
            continue
        facet = _figure(m, text, t)
        if facet is not None:
            start, end, value, unit, qualifier, noun, note = facet
            out.append(Facet("figure", segment.start + start, segment.start + end,
                             segment.text[start:end], value, key=unit, qualifier=qualifier,
                             noun=noun, note=note))
    return out


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _figure(m: re.Match[str], text: str, t: _Tables
            ) -> tuple[int, int, str, str, str, str, str] | None:
    start = m.start("cur") if m["cur"] else next(
        m.start(g) for g in ("digits", "words", "ordinal") if m[g] is not None)
    end = m.end()
    window = max(0, start - _LOOK_BACK)
    before = text[window:start]  # bounded: a huge one-line segment stays linear
    prev_word = _last_word(before)
    qualifier, q_start = _qualifier(before, t)
    q_start += window
    if m["ordinal"] or m["ord"]:
        return _ordinal(m, text, t, before)
    if m["digits"] is not None:
        digits = m["digits"]
        if len(digits) > _MAX_DIGITS:
            return None
        if m["attached"] is None and re.match(r"[A-Za-z]", text[m.end("digits"):m.end("digits") + 1]):
            return None
        try:
            value = Decimal(digits.replace(",", ""))
        except InvalidOperation:
            return None
        if prev_word[:1].isupper() and not qualifier and not m["cur"]:
            return None  # a number in a name: "Section 907", "Route 66", "No. 10"
        if re.match(r"\s*[.)]\s", text[m.end():m.end() + 4]) and start < _LOOK_BACK and not text[:start].strip():
            return None  # a list marker: "1) ..." at the start of the segment
        if before.rstrip().endswith(("(", "#", "+")) and re.match(r"\s*\)", text[m.end():m.end() + 4]):
            return None
    else:
        word = m["words"].casefold()
        if word == "one" and not m["scale"]:
            return None
        value = Decimal(_word_value(word, t))
        last = before.rstrip().rsplit(None, 1)[-1].casefold() if before.strip() else ""
        if value < 10 and last in _DETERMINERS and not qualifier:
            return None
        if value < 3 and not qualifier and not m["scale"] and _unit_after(text, end, t)[1] not in (
                "time", "money", "percent"):
            return None  # "two nations": a reference more than a checkable count
    scale = m["attached"] or m["scale"]
    if scale:
        value *= t.scales.get(scale.casefold(), t.scales.get(scale, 1))
    unit, kind, unit_end = _unit_after(text, end, t)
    if m["cur"]:
        unit, kind = t.currency_before[m["cur"]], "money"
    elif unit_end and kind != "people":
        end = unit_end
    if (m["digits"] is not None and not unit and not qualifier and not scale
            and re.fullmatch(r"(1[5-9]|20)\d\d", m["digits"])):
        return None  # a bare year
    noun = ""
    if kind in ("", "people") or (kind == "money" and not unit_end):
        noun, noun_unit = _counted_noun(text, end, t)
        if kind == "people" and unit_end:
            noun = text[m.end():unit_end].strip()
        elif noun and not unit:
            unit = noun_unit
    if kind == "percent" or (kind == "money" and not noun):
        noun = _percent_noun(text, q_start if qualifier else start, end, t)
    if qualifier:
        start = q_start
    return start, end, _plain(value), unit, qualifier, noun, ""


def _last_word(before: str) -> str:
    """The word right before a number ("Section" in "Section 907", "No." in "No. 10"), or ""
    when punctuation other than a full stop stands between them."""
    stripped = before.rstrip()
    if len(stripped) == len(before) and before:
        return ""  # attached: "F-35" is handled by the pattern, "x5" is not a figure
    tail = stripped.rsplit(None, 1)[-1] if stripped else ""
    tail = tail[:-1] if tail.endswith(".") else tail
    return tail if tail[:1].isalpha() and tail.replace("'", "").replace("-", "").isalnum() else ""


def _word_value(word: str, t: _Tables) -> int:
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


def _unit_after(text: str, end: int, t: _Tables) -> tuple[str, str, int]:
    """(unit, kind, end of the unit word) for a unit right after a number: "%", " hours",
    "-hour" (a hyphenated unit is singular: "a 48-hour truce"); ("", "", 0) otherwise."""
    m = t.unit_pattern.match(text, end, end + 40)
    if m is None:
        return "", "", 0
    lead, word = m.group(1), m.group(2).casefold()
    if lead == "-":
        found = t.hyphen_units.get(word)
    elif lead == "" and word[0].isalnum():
        found = None  # "5hours" is not written; "5G" is not a unit
    else:
        found = t.units.get(word)
    if found is None:
        return "", "", 0
    return found[0], found[1], m.end()


def _counted_noun(text: str, end: int, t: _Tables, *, through_of: bool = True) -> tuple[str, str]:
    """The noun right after a count ("1,200 households", "eleven Palestinians") and its unit."""
    words_after = re.match(r"\s+([^\W\d_][\w'-]*)(?:\s+([^\W\d_][\w'-]*))?",
                           text[end:end + _LOOK_AHEAD])
    if not words_after:
        return "", ""
    first, second = words_after.group(1), words_after.group(2)
    if first.casefold() in t.stopwords or first.casefold() in t.change_verbs:
        if (through_of and first.casefold() == "of" and second
                and second.casefold() not in t.stopwords):
            return second, _unit_of_noun(second, t)
        return "", ""
    noun = first
    if second and second.casefold() not in t.stopwords and (
            "-" in first or first.casefold().endswith(_MODIFIER_ENDINGS)) and not first[0].isupper():
        noun = f"{first} {second}"
    return noun, _unit_of_noun(noun.split()[-1], t)


def _unit_of_noun(noun: str, t: _Tables) -> str:
    found = t.units.get(noun.casefold())
    if found is not None:
        return found[0]
    if load_gazetteer().demonym(noun):
        return "people"
    return noun.casefold()


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
    noun, _ = _counted_noun(text, m.end("ordinal") if m["ordinal"] else m.end(), t,
                            through_of=False)
    if not noun or noun[0].isupper():
        return None  # "the first of", "the 21st Century Fund": no fact counted
    start = m.start("ordinal") if m["ordinal"] else m.start("digits")
    end = m.end("ordinal") if m["ordinal"] else m.end()
    return start, end, str(value), "ordinal", "", noun, "ordinal"
