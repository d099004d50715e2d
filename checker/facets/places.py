"""Places and metonyms: countries, regions and cities named in a claim, resolved through the
gazetteer (checker.gazetteer), and capitals or big cities that stand for a government.

place    value = the gazetteer's name ("Kyiv" for "Kiev", "United States" for "U.S."),
         key = ISO 3166-1 alpha-2 code of its country ("" for regions spanning several),
         qualifier = city | country | region,
         note = "<gazetteer id>; <how it was accepted>" (country, capital, big city,
         cue 'in', "-based", listed with places, followed by its country)
metonym  a city standing for a government ("<City> signed", "talks between <City> and
         <City>", "<City>'s decision", "both <City> and <City> are keen"):
         value = the country's name (or what `data/metonym_overrides.csv` says the city
         stands for), key = its code, text = the city as written, note = "cue '<cue>'"

Rules, each driven by a data table:
- a country or region is a place wherever it is named;
- a city is a place when it is a capital or bigger than
  `Thresholds.city_without_cue_population`, or with a cue: a locative word before it
  (`data/place_cues.txt`: "in", "near", "outside"...), "-based" after it, ", <its country>"
  after it, or a list of places it stands in ("X, Y and Z");
- names that are also common words or first names (`data/place_stopwords.txt`: "Nice",
  "Victoria") need a cue even when big;
- nothing inside a person, organisation, date or figure found earlier; nothing followed by a
  word that makes it part of a name (`data/place_name_followers.txt`: "<City> Post",
  "<City> University", "<City> Accords");
- month and weekday names are never places;
- a city becomes a metonym, not a place, when it is a capital or bigger than
  `Thresholds.metonym_city_population`, is not right after a locative word, and a cue from
  `data/metonym_cues.csv` applies.

A city name several countries share ("San José", "Córdoba") is read, unless ", <country>"
follows it, in a country the article names (`gazetteer.countries_named`: by name, alias or
demonym): the biggest such candidate is taken over the gazetteer's first one, unless that
first one is a capital and the other is not ("Paris" stays the capital in an article that
names the United States). When the article names none of the candidates' countries, or the
first one's country, the gazetteer's order stands.

A city name in several countries is read first in the article's main country
(`gazetteer.main_country`: the country it names most often).

Unknown capitalised words are places only after a cue of `data/place_kind_cues.csv` ("the
town of <Name>", "the province of <Name>") or before a noun of `data/place_kind_nouns.csv`
after "the" or a locative word ("the <Name> district"): value = the name as written, key =
the article's main country ("" when none; the country of a gazetteer namesake the rules did
not take, for "the Quba district"), qualifier = city | region (from the cue), note =
"unknown to the gazetteer; cue 'town of'" (or "<gazetteer id>; cue '<name> district'"). Any other town missing from the gazetteer gives no
facet. (Idea for the compare stage: when one claim has a known place after a locative cue
("flew to <Town>") and its matched claim has an unknown capitalised word after the same
cue, the two strings can be compared as places, at a lower severity.)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from checker.config import Thresholds
from checker.facets.base import ArticleContext, Facet, Segment
from checker.facets.dates import SpanIndex
from checker.gazetteer import Gazetteer, Place, countries_named, fast_key, load, main_country
from checker.lexicon import entries, table
from checker.textutil import fold, match_key

_BLOCKING_FACETS = frozenset({"person", "org", "date", "figure"})
_TOKEN = re.compile(r"[^\W\d_]+(?:[.'][^\W\d_]+)*\.?")
# A word that starts with a capital letter and is not the tail of another word.
_CAPITALISED = re.compile(r"(?<![\w.'])[A-Z\u00C0-\u00D6\u00D8-\u00DE][^\W\d_]*(?:[.'][^\W\d_]+)*\.?")
_GAP = re.compile(r"[ -](?=[^\W\d_])")
_MAX_WORDS = 5


@dataclass(frozen=True)
class _Rules:
    gazetteer: Gazetteer
    cues: tuple[tuple[str, ...], ...]  # locative cues as word tuples, longest first
    stopwords: frozenset[str]  # match keys
    followers: frozenset[str]
    suffixes: frozenset[str]  # followers that are part of a city's name after a cue
    calendar_words: frozenset[str]
    after: tuple[tuple[str, str, bool], ...]  # (folded cue, cue, needs a pair)
    before: tuple[tuple[str, str, bool], ...]
    possessive: frozenset[str]
    overrides: dict[str, tuple[str, str]]  # city ident or key -> (value, key)
    no_cue_population: int
    metonym_population: int
    kind_cue: re.Pattern[str]  # "town of <Name>": a place the gazetteer may not know
    kind_cue_qualifiers: dict[str, str]  # folded cue -> city | region
    kind_noun: re.Pattern[str]  # "the <Name> district": a place the gazetteer may not know
    kind_noun_qualifiers: dict[str, str]  # noun -> city | region
    kind_apposition: re.Pattern[str]  # "<Name>, a fishing town on ...": the same, after it
    preposition_before: re.Pattern[str]  # "of <Name> said": the verb is not the place's


@cache
def _rules() -> _Rules:
    thresholds = Thresholds()
    # A kind cue ("the port of <Name>") is also a locative cue for a name the gazetteer knows.
    written = {*entries("place_cues"), *(r["cue"] for r in table("place_kind_cues"))}
    cues = sorted((tuple(c.casefold().split()) for c in written), key=lambda c: (-len(c), c))
    metonym_rows = table("metonym_cues")

    def cue_rows(position: str) -> tuple[tuple[str, str, bool], ...]:
        rows = [(r["cue"].casefold(), r["cue"], r.get("pair", "no") == "yes")
                for r in metonym_rows if r["position"] == position]
        return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))

    return _Rules(
        gazetteer=load(),
        cues=tuple(cues),
        stopwords=frozenset(match_key(w) for w in entries("place_stopwords")),
        followers=frozenset(match_key(w) for w in entries("place_name_followers")),
        suffixes=frozenset(match_key(w) for w in entries("place_name_suffixes")),
        calendar_words=frozenset(match_key(r["name"]) for r in table("date_names")
                                 if len(r["name"]) > 3),
        after=cue_rows("after"),
        before=cue_rows("before"),
        possessive=frozenset(r["cue"].casefold() for r in metonym_rows
                             if r["position"] == "possessive"),
        overrides={match_key(r["city"]): (r["value"], r["key"]) for r in table("metonym_overrides")},
        no_cue_population=thresholds.city_without_cue_population,
        metonym_population=thresholds.metonym_city_population,
        kind_cue=_kind_cue_pattern(),
        kind_cue_qualifiers={r["cue"].casefold(): r["qualifier"] for r in table("place_kind_cues")},
        kind_noun=_kind_noun_pattern(entries("place_cues")),
        kind_noun_qualifiers={r["noun"]: r["qualifier"] for r in table("place_kind_nouns")},
        kind_apposition=_kind_apposition_pattern(),
        preposition_before=re.compile(r"(?i)\b(?:{})\s+$".format(
            "|".join(re.escape(w) for w in entries("metonym_blocking_prepositions")))),
    )


_NAME_WORD = r"[A-Z\u00C0-\u00D6\u00D8-\u00DE][^\W\d_]+"


def _kind_cue_pattern() -> re.Pattern[str]:
    cues = sorted((r["cue"] for r in table("place_kind_cues")), key=lambda c: (-len(c), c))
    alternation = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in cues)
    return re.compile(rf"(?<![^\W_])(?P<cue>(?i:{alternation}))\s+"
                      rf"(?P<name>{_NAME_WORD}(?:[ -]{_NAME_WORD}){{0,2}})(?![^\W_])")


def _kind_noun_pattern(locative_cues: Sequence[str]) -> re.Pattern[str]:
    nouns = sorted(r["noun"] for r in table("place_kind_nouns"))
    before = sorted({"the", *(c.split()[-1] for c in locative_cues)})
    return re.compile(rf"(?<![^\W_])(?i:{'|'.join(map(re.escape, before))})\s+"
                      rf"(?P<name>{_NAME_WORD}(?:[ -]{_NAME_WORD}){{0,2}})\s+"
                      rf"(?P<noun>{'|'.join(map(re.escape, nouns))})(?![^\W_])")


#: Words that may follow the noun of an apposition naming a place's kind ("<Name>, a town on
#: the coast"); any other word makes the noun part of something else ("a town councillor").
_APPOSITION_FOLLOWERS = ("in", "on", "of", "near", "north", "south", "east", "west", "some",
                         "about", "close", "where", "that", "which", "with", "along", "by")


def _kind_apposition_pattern() -> re.Pattern[str]:
    """"<Name>, a (small|fishing|...) town in ...": the nouns of data/place_kind_cues.csv
    ("town" of "town of"), up to three describing words before them."""
    nouns = sorted({r["cue"].split()[0] for r in table("place_kind_cues")})
    followers = "|".join(_APPOSITION_FOLLOWERS)
    return re.compile(rf"(?<![^\W_])(?P<name>{_NAME_WORD}(?:[ -]{_NAME_WORD}){{0,2}}),\s+(?:a|an)\s+"
                      rf"(?:[a-z][\w-]*\s+){{0,3}}?(?P<noun>{'|'.join(map(re.escape, nouns))})"
                      rf"(?=\s*[,.;:)]|\s+(?:{followers})\b)")


@dataclass
class _Mention:
    start: int  # offsets within the segment's text
    end: int
    written: str
    candidates: tuple[Place, ...]
    possessive: bool
    chosen: Place | None = None
    how: str = ""
    metonym_cue: str = ""
    locative: bool = False


def extract(segment: Segment, found: Sequence[Facet], ctx: ArticleContext) -> list[Facet]:
    rules = _rules()
    text = fold(segment.text)
    blocked = SpanIndex(_merged([(f.start - segment.start, f.end - segment.start)
                                 for f in found if f.facet in _BLOCKING_FACETS]))
    mentions = _find_mentions(text, rules, blocked)
    for m in mentions:
        m.candidates = _in_named_country_first(m.candidates, ctx.text)
        _accept(m, text, rules)
    _accept_lists(mentions, text)
    _find_metonyms(mentions, text, rules)
    # a gazetteer name the rules did not take is no obstacle: "the La Alameda district"
    unknown = _unknown_after_kind_cue(text, rules, blocked,
                                      [m for m in mentions if m.chosen is not None or m.metonym_cue])
    if not mentions and not unknown:
        return []
    out: list[Facet] = []
    for m in mentions:
        start, end = segment.start + m.start, segment.start + m.end
        original = segment.text[m.start:m.end]
        if m.metonym_cue:
            city = m.chosen or _best_city(m)
            assert city is not None
            value, key = _stands_for(city, rules)
            out.append(Facet("metonym", start, end, original, value, key=key,
                             qualifier="city", note=f"{city.ident}; cue '{m.metonym_cue}'"))
        elif m.chosen is not None:
            out.append(Facet("place", start, end, original, m.chosen.name, key=m.chosen.iso,
                             qualifier=m.chosen.kind, note=f"{m.chosen.ident}; {m.how}"))
    if unknown:
        country = main_country(ctx.text)
        # "the Quba district": a gazetteer name the rules did not take still tells the country
        listed = {(m.start, m.end): m.candidates[0] for m in mentions if m.candidates}
        for name_start, name_end, qualifier, cue in unknown:
            name = segment.text[name_start:name_end]
            known = listed.get((name_start, name_end))
            out.append(Facet("place", segment.start + name_start, segment.start + name_end, name,
                             name, key=known.iso if known else country, qualifier=qualifier,
                             note=f"{known.ident if known else 'unknown to the gazetteer'}; cue '{cue}'"))
        out.sort(key=lambda f: (f.start, f.end))
    return out


def _unknown_after_kind_cue(text: str, rules: _Rules, blocked: SpanIndex,
                            mentions: list[_Mention]) -> list[tuple[int, int, str, str]]:
    """(start, end, qualifier, cue) of each capitalised name right after a cue of
    `data/place_kind_cues.csv` ("the town of <Name>") or right before a noun of
    `data/place_kind_nouns.csv` ("the <Name> district") that is no gazetteer mention, no
    calendar word or listed stopword, and inside no person, organisation, date or figure."""
    known = SpanIndex([(x.start, x.end) for x in mentions])
    found = []

    def add(start: int, end: int, qualifier: str, cue: str) -> None:
        key = match_key(text[start:end])
        if (blocked.free(start, end) and key not in rules.calendar_words
                and key not in rules.stopwords and known.free(start, end)):
            known.add(start, end)
            found.append((start, end, qualifier, cue))

    if "of" in text:
        for m in rules.kind_cue.finditer(text):
            cue = " ".join(m["cue"].casefold().split())
            add(*m.span("name"), rules.kind_cue_qualifiers[cue], cue)
    for m in rules.kind_noun.finditer(text):
        add(*m.span("name"), rules.kind_noun_qualifiers[m["noun"]], f"<name> {m['noun']}")
    if ", a" in text:
        for m in rules.kind_apposition.finditer(text):
            noun = m["noun"]
            add(*m.span("name"), rules.kind_cue_qualifiers[f"{noun} of"], f"<name>, a {noun}")
    return sorted(found)


def _in_named_country_first(candidates: tuple[Place, ...], article: str) -> tuple[Place, ...]:
    """The candidates with the biggest city in the article's main country (the one it names
    most often) first, else in a country it names, when the first candidate is a city
    elsewhere and is not a capital facing a non-capital ("San José" in an article naming
    Costa Rica is its capital, not the US city; "Aurora" in an article that names the
    Philippines most is the Philippine town even when it names the United States once)."""
    first = candidates[0]
    if first.kind != "city" or len({c.iso for c in candidates if c.kind == "city"}) < 2:
        return candidates
    main = main_country(article)
    better = next((c for c in candidates if c.kind == "city" and c.iso == main), None) if main else None
    if better is None:
        named = countries_named(article)
        if first.iso in named:
            return candidates
        better = next((c for c in candidates if c.kind == "city" and c.iso in named), None)
    if better is None or (first.capital and not better.capital):
        return candidates
    return (better, *(c for c in candidates if c is not better))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans (a person inside an organisation) merged into one."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


@lru_cache(maxsize=1 << 14)
def _max_words(first: str) -> int:
    """The most words of a gazetteer name that starts with this capitalised word (at most
    `_MAX_WORDS`; 0 when none does). Memoised: the same words open many sentences."""
    first_words = _rules().gazetteer.first_words
    if first.endswith("'s"):
        first = first[:-2]
    first = fast_key(first)  # accents folded as in the index: "Córdoba" -> "cordoba"
    return min(max(first_words.get(first, 0), first_words.get(first.rstrip("."), 0)), _MAX_WORDS)


def _find_mentions(text: str, rules: _Rules, blocked: SpanIndex) -> list[_Mention]:
    mentions: list[_Mention] = []
    resume = 0
    for head in _CAPITALISED.finditer(text):
        start, first_end = head.span()
        if start < resume:
            continue
        max_words = _max_words(text[start:first_end])
        if not max_words:
            continue
        tokens = [(start, first_end)]
        while len(tokens) < max_words:
            gap = _GAP.match(text, tokens[-1][1])
            nxt = _TOKEN.match(text, gap.end()) if gap else None
            if nxt is None:
                break
            tokens.append(nxt.span())
        hit = None
        for n in range(len(tokens), 0, -1):
            end = tokens[n - 1][1]
            if not text[tokens[n - 1][0]].isupper():
                continue
            found = _lookup(text, start, end, rules)
            if found is not None:
                hit = found
                single = n == 1
                break
        if hit is None:
            continue
        end, candidates, possessive = hit
        resume = end
        written = text[start:end]
        if blocked.free(start, end) and not (
                single and match_key(written) in rules.calendar_words):
            mentions.append(_Mention(start, end, written, candidates, possessive))
    return mentions


def _lookup(text: str, start: int, end: int, rules: _Rules) -> tuple[int, tuple[Place, ...], bool] | None:
    """(end of the name, candidates, possessive) for the words text[start:end], trying the
    form as written, without a possessive "'s", and without a sentence's full stop."""
    written = text[start:end]
    forms = [(end, False)]
    if written.endswith("'s"):
        forms.append((end - 2, True))
    if written.endswith("."):
        forms.append((end - 1, False))
    for form_end, possessive in forms:
        if form_end - start == 2 and not text[start:form_end].isupper():
            continue  # "Us" in "About Us" is no "US"; no place is named in two letters
        candidates = rules.gazetteer.lookup(text[start:form_end])
        if candidates:
            return form_end, candidates, possessive
    return None


def _accept(m: _Mention, text: str, rules: _Rules) -> None:
    if _followed_by_name_word(m, text, rules) and not _suffixed_after_cue(m, text, rules):
        return
    cue = _locative_cue(text, m.start, rules)
    m.locative = bool(cue)
    key = match_key(m.written)
    stop = key in rules.stopwords
    first = m.candidates[0]
    qualified_country = _followed_by_country(m, text, rules)
    if qualified_country is not None:
        m.chosen, m.how = qualified_country, "followed by its country"
        return
    if first.kind in ("country", "region"):
        if stop and not cue:
            return
        m.chosen, m.how = first, first.kind if not cue else f"cue '{cue}'"
        return
    if cue:
        m.chosen, m.how = first, f"cue '{cue}'"
    elif re.match(r"-based\b", text[m.end:m.end + 8]):
        m.chosen, m.how = first, "'-based'"
    elif born := birth_word_after(text, m.end):
        m.chosen, m.how = first, f"'-{born}'"
    elif not stop and first.capital:
        m.chosen, m.how = first, "capital"
    elif not stop and first.population >= rules.no_cue_population:
        m.chosen, m.how = first, "big city"


_HYPHENED_WORD = re.compile(r"-([a-z]+)\b")


def birth_word_after(text: str, end: int) -> str:
    """The word of data/birth_words.txt glued to a place ending at `end` ("the
    <Town>-born left-hander": "born"), or ""."""
    hyphened = _HYPHENED_WORD.match(text, end)
    return hyphened.group(1) if hyphened and hyphened.group(1) in _birth_words() else ""


@cache
def _birth_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in entries("birth_words"))


def _followed_by_name_word(m: _Mention, text: str, rules: _Rules) -> bool:
    if m.possessive:
        return False
    # the word right after, or the one after a capitalised word ("<City> International Airport")
    nxt = re.match(r"[ -]([^\W\d_]+)(?: ([^\W\d_]+))?", text[m.end:m.end + 60])
    if not nxt or not nxt.group(1)[0].isupper():
        return False
    return match_key(nxt.group(1)) in rules.followers or bool(
        nxt.group(2) and nxt.group(2)[0].isupper() and match_key(nxt.group(2)) in rules.followers)


_SUFFIX_AFTER = re.compile(r" ([^\W\d_]+)\b(?!['\u2019]|[ -][A-Z])")


def _suffixed_after_cue(m: _Mention, text: str, rules: _Rules) -> bool:
    """"in Iloilo City": a city's name with a word of data/place_name_suffixes.txt after it,
    right after a locative cue and not followed by a possessive or another name word, is
    the city; the mention is widened to take the word in."""
    if m.possessive or m.candidates[0].kind != "city" or not _locative_cue(text, m.start, rules):
        return False
    after = _SUFFIX_AFTER.match(text, m.end)
    if after is None or match_key(after.group(1)) not in rules.suffixes or not after.group(1)[0].isupper():
        return False
    m.end = after.end()
    m.written = text[m.start:m.end]
    return True


def _locative_cue(text: str, start: int, rules: _Rules) -> str:
    before = text[max(0, start - 40):start].casefold().split()
    for cue in rules.cues:
        if tuple(before[-len(cue):]) == cue:
            return " ".join(cue)
    return ""


def _followed_by_country(m: _Mention, text: str, rules: _Rules) -> Place | None:
    """"Paris, Texas" / "Florence, Italy": the city of that name in that country or state."""
    if m.candidates[0].kind != "city" and all(c.kind != "city" for c in m.candidates):
        return None
    after = re.match(r", ([A-Z][^\W\d_]+(?: [A-Z][^\W\d_]+)?)", text[m.end:m.end + 80])
    if not after:
        return None
    for container in rules.gazetteer.lookup(after.group(1)):
        if container.kind not in ("country", "region") or not container.iso:
            continue
        for c in m.candidates:
            if c.kind == "city" and c.iso == container.iso:
                return c
    return None


def _accept_lists(mentions: list[_Mention], text: str) -> None:
    """A city listed beside accepted places ("X, Y and Z") is a place too."""
    pairs = [(a, b) for a, b in itertools.pairwise(mentions)
             if re.fullmatch(r",? (?:and|or) |, ", text[a.end:b.start]) is not None]
    for a, b in pairs:  # forwards, then backwards: a whole list in two sweeps
        if b.chosen is None and a.chosen is not None:
            b.chosen, b.how = b.candidates[0], "listed with places"
    for a, b in reversed(pairs):
        if a.chosen is None and b.chosen is not None:
            a.chosen, a.how = a.candidates[0], "listed with places"


def _best_city(m: _Mention) -> Place | None:
    return next((c for c in m.candidates if c.kind == "city"), None)


def _metonym_eligible(m: _Mention, rules: _Rules) -> Place | None:
    if m.locative:
        return None
    if m.chosen is not None and m.chosen.kind != "city":
        return None
    if m.chosen is None and m.candidates[0].kind != "city":
        return None
    city = m.chosen or _best_city(m)
    if city is None:
        return None
    if city.capital or city.population >= rules.metonym_population:
        return city
    return None


def _find_metonyms(mentions: list[_Mention], text: str, rules: _Rules) -> None:
    # Coordinated pairs first: "<City> and <City>" share the cue before or after them.
    paired: set[int] = set()
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        if text[a.end:b.start] != " and ":
            continue
        ca, cb = _metonym_eligible(a, rules), _metonym_eligible(b, rules)
        if ca is None and cb is None:
            continue
        if (a.chosen is None and ca is None) or (b.chosen is None and cb is None):
            continue  # a non-city or an unknown word beside a metonym: leave both alone
        cue = _cue_before(text, a.start, rules, pair=True) or _cue_after(text, b.end, rules)
        if cue and _city_or_eligible(a) and _city_or_eligible(b):
            a.metonym_cue = b.metonym_cue = cue
            paired.update((k, k + 1))
    for k, m in enumerate(mentions):
        if k in paired or _metonym_eligible(m, rules) is None:
            continue
        cue = ""
        if m.possessive:
            cue = _possessive_cue(text, m.end, rules)
        else:
            cue = _cue_before(text, m.start, rules, pair=False) or (
                "" if rules.preposition_before.search(text, max(0, m.start - 12), m.start)
                else _cue_after(text, m.end, rules))
        if cue:
            m.metonym_cue = cue


def _city_or_eligible(m: _Mention) -> bool:
    return not m.locative and _best_city(m) is not None and (
        m.chosen is None or m.chosen.kind == "city")


def _cue_after(text: str, end: int, rules: _Rules) -> str:
    rest = text[end:end + 40].casefold()
    if rest.startswith("'s"):
        return ""
    rest = rest.lstrip(" ,")
    for folded, cue, _pair in rules.after:
        if rest.startswith(folded) and not rest[len(folded):len(folded) + 1].isalnum():
            return cue
    return ""


def _cue_before(text: str, start: int, rules: _Rules, *, pair: bool) -> str:
    before = text[max(0, start - 40):start].casefold().rstrip()
    for folded, cue, needs_pair in rules.before:
        if needs_pair and not pair:
            continue
        if before.endswith(folded) and not before[-len(folded) - 1:-len(folded)].isalnum():
            return cue
    return ""


def _possessive_cue(text: str, end: int, rules: _Rules) -> str:
    words = re.findall(r"[^\W\d_]+", text[end + 2:end + 60].casefold())[:4]
    for n in range(min(3, len(words)), 0, -1):  # the noun may follow up to two words
        for size in (2, 1):
            phrase = " ".join(words[n - size:n]) if n - size >= 0 else ""
            if phrase in rules.possessive:
                return f"'s {phrase}"
    return ""


def _stands_for(city: Place, rules: _Rules) -> tuple[str, str]:
    override = rules.overrides.get(match_key(city.name))
    if override is not None:
        return override
    country = rules.gazetteer.country(city.iso)
    return (country.name if country else city.iso), city.iso
