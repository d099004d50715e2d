"""Stage 4 - resolve entities: person, organisation and title facets in; mentions resolved to
entities out (within and across sources).

Only facets of claims naming the story's people and bodies are resolved: compared claims
(class claim/quote and their atomic facts) and the hedged or opinion sentences beside them
(NAMING_CLASSES: "X could face charges" spells X as surely as "X was charged" does).

MENTION_COLUMNS
    mention_id  "<claim_id>@<start>" (title mentions: "<claim_id>@<start>:title" for the
                title before a name, "<claim_id>@<start>:role" for an appositive role)
    claim_id, source, facet (person | org | title), start, end
    text        as written
    value       normalised (the person's name without titles; the org's name; the title)
    entity_id   "P1", "O3", "T2": which entity the mention resolves to
    score       similarity to the entity's canonical form (0-100)
    method      how it was resolved (exact | fuzzy+phonetic | surname+role | ...)
    line        1-based line of the mention's claim
    quote       the claim's text (the evidence an editor reads)
    written     the value as written in the article ("Ra’ad", not the folded "Ra'ad"; a
                title without its owner country: "Minister of Transport" for
                "Ruritania's Minister of Transport")
    written_start, written_end   offsets of `written` in the article's text
    spelling    the spelling key: mentions of one entity with the same key are written
                alike (case, accents, apostrophes, hyphens, abbreviations and a middle name
                or initial do not count); two keys in one entity are a variant. "" for a
                title mention that is only a shorter or longer form of another title of the
                same person ("Minister" beside "Minister of Finance"): not a variant.
    owner       title mentions: the person entity the title belongs to; "" otherwise

ENTITY_COLUMNS
    entity_id, facet
    canonical   the form most sources use (ties: most mentions, then alphabetical)
    n_mentions, n_sources, n_variants
    owner       title entities: the person entity; "" otherwise
    owner_name  title entities: the person's canonical name; "" otherwise

How names are resolved
    A full name's spelling key is its first given name and its surname. Two spellings are
    one person when (1) the given names agree (equal, an initial, or a fuzzy match with the
    same consonant skeleton), (2) the surnames have the same consonant skeleton after the
    transliteration folds of data/name_folding.csv (vowel changes, "-iyev"/"-iev",
    "dzh"/"j") or differ by one letter in a name of five letters or more, (3) the whole
    names score at least `Thresholds.name_similarity` (rapidfuzz ratio), (4) the two are
    never named in one sentence (two spellings in one sentence are two people), and (5)
    their titles and roles do not contradict each other (comparable roles that do not fit:
    "Minister of Finance" vs "mayor of Northtown") - unless the given names are equal, the
    surnames one letter apart, and the two work for the same body (a capitalised word of
    both roles: "Acme's chief executive" / "chair of Acme") or sit in sentences of two
    sources that say the same thing otherwise (`Thresholds.entity_context_similarity`, the
    names and titles cut out): then the role difference is reported as a title_variant.
    Surnames two letters apart ("Gorman" / "Gorham") are one person only with more beside
    them: the same given name, one source alone writing one spelling against two or more
    others, and the same office at the same body or alike sentences.
    Candidate pairs come from blocks (same given name; same surname skeleton), never all
    pairs. A surname-only mention ("Minister Kovalenko", "Kovalenko's") attaches to the one
    person with that surname (preferring people named in the same source, then a fitting
    title); a fuzzy-equal surname attaches when its title or role fits too, or when it is
    the only such person and the same article names them in full in another sentence
    ("Rodrigo Ruiz ... Ruis conceded"); otherwise it stays its own entity. An initial and
    a surname one letter off a full name's ("K. Rau" / "Kiran Rao") attach to the one such
    person whose given name has that initial. People named only by an initial and a
    surname ("K. Rao" / "K Rau") are compared by the rules for full names, the initial
    standing for the given name: one person spelled two ways.

A person facet with no title or role whose whole name is an organisation's name elsewhere
    in the corpus ("the dairy company Nordvik Meieri" in one article, "Nordvik Meieri" alone
    in another) is resolved as that organisation (an org mention).

How organisations are resolved
    Names are compared on content words (data/entity_function_words.txt dropped). One body
    when: the same content words in another order ("Central Bank of Ruritania" / "Ruritania
    Central Bank"); or the same modifier words with another head noun AND one person is
    said to head both; or the same words with one-letter spelling changes (same consonant
    skeleton, ratio at least `Thresholds.org_similarity`); or the same head noun with
    related modifiers (shared, or sharing their first letters: "Fisheries"/"Fishing") in
    claims that otherwise say the same thing (`Thresholds.org_context_similarity`).
    Different stated owner countries are never one body; a leading article or demonym and a
    trailing "of <country>" are not variants. Candidate pairs come from blocks (shared
    modifier words, head noun and length), never all pairs.

How titles are resolved
    Each person's titles (the `title` column: "Lt. Col. (res.)", "Foreign Minister") and
    roles (the `role` column: "head of the Ruritanian Rail Agency") become title mentions,
    trimmed of a leading article, of an owner country ("Ruritania's", "of Ruritania") and
    of a leading demonym; abbreviations are expanded (data/rank_abbreviations.csv) and an
    organisation's name inside a role is replaced by its entity. A person's rank titles are
    one title entity; other titles are one entity when similar (`Thresholds.title_similarity`)
    or one contains the other, or when they stand in the same place of sentences of two
    sources that say the same thing otherwise ("said Ana Ruiz, Acme's chief executive" /
    "said Ana Ruiz, Acme's chair"). Office titles are compared with the synonyms of
    data/title_synonyms.csv replaced (chief/head, CEO/chief executive) and "<Org> <title>"
    read as "<title> of <Org>" ("Council president" = "president of the Council"); an org
    label and some of its words are one body. Inside an entity, two forms are a variant
    when a word is replaced or inserted in the middle ("Minister of Culture and Tourism" /
    "Minister of Culture, Heritage and Tourism"), a modifier word (Deputy, Vice, Acting,
    Senior...) differs, or the rank words differ; adding words at either end, or a kind of
    body before its name inside the complement ("head of the water authority NWA" / "head
    of NWA"), only adds detail. Two ways of naming the holder's own body are one title: a
    generic noun of one kind (data/body_nouns.csv: "president of the association" / "Union
    president", "Speaker of the House" / "Commons Speaker"), or a generic noun or an
    organisation's name beside an acronym ("PWU President" / "president of the
    association"; "Office of Port Safety Administrator" / "OPS administrator"). Wordings
    that differ only in detail are one form; the report shows each form once, by the
    wording most sources use. A rank keeps its
    abbreviations in its spelling key, so "Lt. Col." beside "Lieutenant Colonel" is a
    variant too (the title_variant check rates it low). "General" in an office of
    data/titles.csv ("Attorney General") is no rank.

Pure string helpers are memoised (functools.lru_cache): names and titles repeat a lot.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import pandas as pd
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from checker import gazetteer, lexicon
from checker.config import Thresholds
from checker.seats import seat_patterns
from checker.tables import column_values, empty_frame, row_tuples
from checker.textutil import fold, match_key, rewrite_phrases

MENTION_COLUMNS = [
    "mention_id", "claim_id", "source", "facet", "start", "end", "text", "value",
    "entity_id", "score", "method",
    "line", "quote", "written", "written_start", "written_end", "spelling", "owner",
]
ENTITY_COLUMNS = [
    "entity_id", "facet", "canonical", "n_mentions", "n_sources", "n_variants",
    "owner", "owner_name",
]

#: Classes of sentences whose names are resolved besides the compared ones: a guess or a
#: view still names its people as written.
NAMING_CLASSES = ("hedged", "opinion")

#: Blocks bigger than this are compared only between neighbours in sorted order.
_BLOCK_CAP = 64
_NEIGHBOURS = 8
#: How many claims per organisation spelling are compared as its context.
_CONTEXTS = 6
_WORD = re.compile(r"[^\W_]+(?:['\-.][^\W_]+)*\.?", re.UNICODE)
_VOWELS = frozenset("aeiou")


#: Differences between two forms of one person's title that make a title_variant.
MATERIAL_TITLE_DIFFERENCES = frozenset({"wording", "rank", "rank-short", "rank-abbreviation"})


@dataclass(frozen=True)
class ResolveResult:
    mentions: pd.DataFrame
    entities: pd.DataFrame


# ----------------------------------------------------------------------------------------
# Data tables


@cache
def _rank_table() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    """(abbreviation or word -> full form, rank words, modifier words), all match-keyed."""
    expand: dict[str, str] = {}
    ranks: set[str] = set()
    modifiers: set[str] = set()
    for row in lexicon.table("rank_abbreviations"):
        full = match_key(row["full"])
        for word in full.replace("-", " ").split():
            if row["kind"] == "rank":
                ranks.add(word)
            elif row["kind"] == "modifier":
                modifiers.add(word)
        if row["abbreviation"]:
            expand[match_key(row["abbreviation"]).rstrip(".")] = full
            expand.setdefault(spelling_key(row["abbreviation"]), full)  # "ltcol" for "Lt.-Col."
    return expand, frozenset(ranks), frozenset(modifiers)


@cache
def _folds() -> tuple[tuple[str, str], ...]:
    return tuple((r["pattern"], r["replacement"]) for r in lexicon.table("name_folding"))


@cache
def _function_words() -> frozenset[str]:
    return frozenset(match_key(w) for w in lexicon.words("entity_function_words"))


@lru_cache(maxsize=1 << 16)
def _country_iso(key: str) -> str:
    """ISO code when `key` (match-keyed) names a country ("ruritania" does not), else ""."""
    for place in gazetteer.load().lookup_key(key):
        if place.kind == "country":
            return place.iso
    return ""


@lru_cache(maxsize=1 << 16)
def _demonym_iso(key: str) -> str:
    return gazetteer.load().demonym(key)


def _owner_iso(written: str) -> str:
    """A stated owner ("Moldova", "Moldovan", "Moldova's") as an ISO code, else its key."""
    key = spelling_key(_strip_possessive(written))
    return _country_iso(key) or _demonym_iso(key) or key


# ----------------------------------------------------------------------------------------
# Name keys


#: What str.isalnum() rejects (\w is exactly isalnum() plus "_").
_NOT_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)
def spelling_key(text: str) -> str:
    """Case, accents, apostrophes, hyphens and dots do not make a different spelling."""
    return " ".join([word if word.isalnum() else _NOT_ALNUM.sub("", word)
                     for word in match_key(text).split()]).strip()


@lru_cache(maxsize=1 << 16)
def fold_name(word: str) -> str:
    """A name word after the transliteration folds of data/name_folding.csv."""
    text = "".join(ch for ch in match_key(word) if ch.isalnum())
    for pattern, replacement in _folds():
        if pattern.startswith("^"):
            if text.startswith(pattern[1:]):
                text = replacement + text[len(pattern) - 1:]
        else:
            text = text.replace(pattern, replacement)
    return text


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """Consonant skeleton of a folded name word: vowels dropped, doubled letters once
    ("Marom" and "Merom" both give "mrm")."""
    out: list[str] = []
    for ch in fold_name(word):
        if ch in _VOWELS or (out and out[-1] == ch):
            continue
        out.append(ch)
    return "".join(out)


def _strip_possessive(word: str) -> str:
    folded = fold(word)
    if folded.endswith("'s") or folded.endswith("'S"):
        return word[:-2]
    if folded.endswith("'") and len(word) > 1:
        return word[:-1]
    return word


@dataclass
class _Name:
    given: str  # first given name, match-keyed, no dots ("" when none)
    initial: bool  # the given name is an initial ("E.")
    surname: str  # spelling key of the surname

    @property
    def key(self) -> str:
        return f"{self.given} {self.surname}".strip() if self.given and not self.initial else self.surname

    @property
    def full(self) -> bool:
        return bool(self.given) and not self.initial


def parse_name(value: str, surname_hint: str) -> _Name:
    words = [_strip_possessive(w) for w in value.split()]
    words = [w for w in words if spelling_key(w)]
    if not words:
        return _Name("", False, spelling_key(surname_hint))
    hint = spelling_key(_strip_possessive(surname_hint)) if surname_hint else ""
    n_surname = 1
    if hint:
        hint_len = len(hint.split())
        if spelling_key(" ".join(words[-hint_len:])) == hint:
            n_surname = hint_len
    surname = spelling_key(" ".join(words[-n_surname:]))
    given_words = words[:-n_surname]
    if not given_words:
        return _Name("", False, surname)
    first = given_words[0]
    given = spelling_key(first)
    initial = len(given) == 1 or (first.endswith(".") and len(given) <= 2)
    return _Name(given, initial, surname)


def _given_compatible(a: _Name, b: _Name, th: Thresholds) -> str | None:
    """How the two given names agree ("equal", "initial", "fuzzy"), or None."""
    if not a.given or not b.given:
        return "absent"
    if a.given == b.given:
        return "equal"
    if a.initial or b.initial:
        return "initial" if a.given[0] == b.given[0] else None
    if skeleton(a.given) == skeleton(b.given) and fuzz.ratio(a.given, b.given) >= th.name_similarity:
        return "fuzzy"
    return None


def _surname_relation(a: str, b: str) -> str | None:
    """"skeleton=equal", "edit=1" or None."""
    if a == b:
        return "equal"
    if skeleton(a) and skeleton(a) == skeleton(b):
        return "skeleton=equal"
    if _one_edit_apart(a, b):
        return "edit=1"
    return None


def _one_edit_apart(a: str, b: str) -> bool:
    """Two surnames of five letters or more one letter apart, as written or folded (a fold
    can widen a one-letter slip: "Thibodeau" / "Thibodeaux" folds x to ks)."""
    fa, fb = fold_name(a), fold_name(b)
    return min(len(fa), len(fb)) >= 5 and (Levenshtein.distance(fa, fb) <= 1
                                         or Levenshtein.distance(match_key(a), match_key(b)) <= 1)


# ----------------------------------------------------------------------------------------
# Titles


@lru_cache(maxsize=1 << 16)
def title_tokens(text: str) -> tuple[str, ...]:
    """Match-keyed words of a title with abbreviations expanded ("Gen. (res.)" ->
    general reserve); an owner country or demonym at either end is dropped."""
    expand, _, _ = _rank_table()
    words: list[str] = []
    raws = _WORD.findall(_listed_fields_joined(fold(text)))
    owner = next((i for i, raw in enumerate(raws[:3]) if raw.endswith("'s") or raw.endswith("s'")), -1)
    if 0 <= owner < len(raws) - 1 and all(r[:1].isupper() for r in raws[:owner + 1]):
        raws = raws[owner + 1:]  # "Ruritania's Minister of Transport": the owner is not the title
    elif owner == 0 < len(raws) - 1 and _names_a_body_plainly(raws[0]):
        # "agency's director of epidemiology": "director of epidemiology at the agency"
        raws = [*raws[1:], "at", raws[0][:-2] if raws[0].endswith("'s") else raws[0][:-1]]
    # "head of the police's Central Prefecture": the owner of a named body is not the title
    raws = [raw for i, raw in enumerate(raws)
            if not (0 < i < len(raws) - 1 and raw.endswith(("'s", "s'")) and raws[i - 1].lower() in ("the", "of")
                    and raws[i + 1][:1].isupper())]
    if raws and (office := lexicon.pairs("office_verbs", "verb", "office").get(raws[0].lower())):
        raws = [*office.split(), "of", *raws[1:]]  # "chairs the committee": chair of the committee
    raws = _possessive_body_last(raws)
    for raw in raws:
        for piece in _split_abbreviation(raw):
            key = match_key(piece).rstrip(".")
            if not key:
                continue
            full = expand.get(key)
            words.extend(full.replace("-", " ").split() if full else [spelling_key(key)])
    words = [w for w in words if w and w != "the"]  # an article never makes a title differ
    return _trim_title_words(tuple(words))


def _names_a_body_plainly(possessive: str) -> bool:
    """A lower-case possessive of a body's head noun (data/org_keywords.txt,
    data/body_nouns.csv): "agency's", "the firm's"."""
    word = match_key(possessive[:-2] if possessive.endswith("'s") else possessive[:-1])
    return possessive[:1].islower() and (word in _org_heads() or word in _body_nouns())


def _possessive_body_last(raws: list[str]) -> list[str]:
    """"vice-president of Kolbud's management board" -> "... of management board of Kolbud":
    a named body's possessive before a lower-case office is the body the office is "of"."""
    for i in range(2, len(raws) - 1):
        raw = raws[i]
        if not (raw.endswith(("'s", "s'")) and raw[:1].isupper()
                and all(r[:1].islower() for r in raws[i + 1:])):
            continue
        first = i
        while first > 1 and raws[first - 1][:1].isupper():
            first -= 1
        before = first - 1 if raws[first - 1].lower() == "the" else first
        if raws[before - 1].lower() != "of":
            return raws
        owner = [*raws[first:i], raw[:-2] if raw.endswith("'s") else raw[:-1]]
        return [*raws[:before], *raws[i + 1:], "of", *owner]
    return raws


_FIELD_LIST = re.compile(r"\b(?:of|for)\b(?P<fields>[^,]+(?:,[^,]+)+?\band\b)", re.IGNORECASE)


def _listed_fields_joined(text: str) -> str:
    """A list of fields with commas written with "and" ("minister of youth, sports and
    recreation" -> "... youth and sports and recreation"), so that a field left out is one
    of the joined portfolios, unlike a word inside one field ("economic development")."""
    m = _FIELD_LIST.search(text)
    if m is None:
        return text
    fields = m.group("fields").replace(",", " and")
    return text[:m.start("fields")] + fields + text[m.end("fields"):]


def _split_abbreviation(raw: str) -> list[str]:
    expand, _, _ = _rank_table()
    if match_key(raw).rstrip(".") in expand:
        return [raw]
    return [p for p in re.split(r"[-]", raw) if p]


_EX = "ex"
_FORMER = "former"


def _trim_title_words(words: tuple[str, ...]) -> tuple[str, ...]:
    function = _function_words()
    out = list(words)
    while out and out[0] in function:
        out.pop(0)
    if out and out[0] == _EX:
        out[0] = _FORMER  # "ex-army major" is "former army major"
    if all(w in function or _is_owner_word(w) for w in out):
        return ()  # "Moldovan", "Moldova's": an owner alone is no title
    # a leading owner: a country, a demonym or a region ("Moldovan Foreign Minister",
    # "Quebec Environment Minister")
    for n in (3, 2, 1):
        if len(out) > n and (_is_owner_word(" ".join(out[:n])) or _is_region(" ".join(out[:n]))):
            out = out[n:]
            break
    while (len(out) > 1 and out[-1] in _ACADEMIC_TITLES and out[-2] in _title_words()
           and out[-2] not in _rank_table()[2]):  # "Associate Professor": one title
        out.pop()  # "university president Professor (Dr.) Annette Keller": the office
    return tuple(_drop_trailing_country(out))


#: Academic titles written after an office, right before the name: a rank of the holder,
#: not part of the office ("associate professor", with no office before it, stays whole).
_ACADEMIC_TITLES = frozenset({"professor", "prof", "dr"})


def _drop_trailing_country(words: list[str]) -> list[str]:
    """"minister of transport of moldova" -> "minister of transport"."""
    for n in (4, 3, 2, 1):
        if len(words) > n + 1 and words[-n - 1] == "of" and _country_iso(" ".join(words[-n:])):
            return words[: -n - 1]
    return words


def is_rank_title(tokens: Sequence[str]) -> bool:
    return bool(_rank_words(tokens))


def _rank_words(tokens: Sequence[str]) -> tuple[str, ...]:
    """The rank words of a title, leaving out those inside an office ("Attorney General",
    "Director General": an office of data/titles.csv, not the rank General)."""
    _, ranks, _ = _rank_table()
    if not any(t in ranks for t in tokens):
        return ()
    masked = [False] * len(tokens)
    for phrase in _office_phrases():
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if tuple(tokens[i:i + n]) == phrase:
                masked[i:i + n] = [True] * n
    return tuple(t for t, inside in zip(tokens, masked, strict=True) if t in ranks and not inside)


@cache
def _office_phrases() -> tuple[tuple[str, ...], ...]:
    """Offices of data/titles.csv whose words include a rank word ("attorney general")."""
    _, ranks, _ = _rank_table()
    phrases = set()
    for row in lexicon.table("titles"):
        if row["kind"] == "office":
            words = tuple(match_key(row["full"]).replace("-", " ").split())
            if len(words) > 1 and any(w in ranks for w in words):
                phrases.add(words)
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


@cache
def _title_synonyms() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    """(form -> canonical words, longest form) of data/title_synonyms.csv."""
    table = {tuple(match_key(r["form"]).split()): tuple(match_key(r["canonical"]).split())
             for r in lexicon.table("title_synonyms")}
    return table, max((len(k) for k in table), default=1)


@cache
def _title_words() -> frozenset[str]:
    """Words that are a title or a title's modifier on their own ("head", "president",
    "deputy"): the one-word forms of data/titles.csv and the rank and modifier words of
    data/rank_abbreviations.csv."""
    words: set[str] = set()
    for row in lexicon.table("titles"):
        if row["kind"] != "qualifier":
            for column in ("form", "full"):
                parts = match_key(row[column]).rstrip(".").replace("-", " ").split()
                if len(parts) == 1:
                    words.add(parts[0])
    _, ranks, modifiers = _rank_table()
    return frozenset(words | ranks | modifiers)


#: Words that join a title to what it is the title of ("head of ...", "envoy to ...").
_TITLE_LINKS = frozenset({"of", "for", "to", "at", "in", "on"})


@lru_cache(maxsize=1 << 16)
def canonical_title(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """An office title's words as compared: synonyms replaced (data/title_synonyms.csv:
    "NWA chief" -> "nwa head") and "<Org> <title>" written as "<title> of <Org>"
    ("council vice president" -> "vice president of council"). Ranks are left alone."""
    if not tokens or is_rank_title(tokens):
        return tokens
    table, longest = _title_synonyms()
    return _title_first(_place_described_dropped(tuple(rewrite_phrases(tokens, table, longest))))


#: Lower-case words that may describe the place in "of the southern port city of X".
_PLACE_DESCRIBING_WORDS = 3


def _place_described_dropped(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """"mayor of the southern city of <X>" -> "mayor of <X>": a place described with a cue of
    data/place_kind_cues.csv is the place ("deputy mayor of <X>" in another source). A cue
    that ends an office of data/titles.csv is the office's ("Secretary of State of <X>")."""
    if "of" not in tokens:
        return tokens
    cues = _place_kind_cues()
    offices = _office_keys()
    for i, token in enumerate(tokens):
        if token != "of":
            continue
        start = i + 2 if i + 1 < len(tokens) and tokens[i + 1] == "the" else i + 1
        for k in range(start, min(start + _PLACE_DESCRIBING_WORDS + 1, len(tokens))):
            if any(tokens[j:k + 1] in offices for j in range(max(0, i - 2), i)):
                continue
            for cue in cues:
                end = k + len(cue)
                if tokens[k:end] == cue and end < len(tokens):
                    return (*tokens[:i + 1], *tokens[end:])
    return tokens


@cache
def _office_keys() -> frozenset[tuple[str, ...]]:
    """The offices of data/titles.csv written with "of" ("secretary of state"), match-keyed."""
    return frozenset(key for row in lexicon.table("titles")
                     if "of" in (key := tuple(match_key(row["form"]).replace("-", " ").split())))


@cache
def _place_kind_cues() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(match_key(r["cue"]).split()) for r in lexicon.table("place_kind_cues"))


def _title_first(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """ "trade minister" -> "minister of trade"; "deputy trade minister" -> "deputy minister
    of trade"; "<bank> of pakistan governor" -> "governor of <bank> of pakistan" (a named body
    whose name has a link word); a title with a complement already, or made of title words
    only, as it is."""
    words = _title_words()
    if not tokens or tokens[-1] not in words or (
            any(t in _TITLE_LINKS for t in tokens) and not tokens[0].startswith("<")):
        return tokens
    head = len(tokens)
    while head > 0 and tokens[head - 1] in words:
        head -= 1
    _, _, modifiers = _rank_table()
    lead = 0
    while lead < head and tokens[lead] in modifiers:
        lead += 1
    # a body's name before a modifier stays in front with it: "acme deputy project director"
    # -> "acme deputy director of project"
    last_modifier = max((k for k in range(lead, head) if tokens[k] in modifiers), default=-1)
    if last_modifier >= 0 and not any(t in words for t in tokens[lead:last_modifier] if t not in modifiers):
        lead = last_modifier + 1
    level = lead
    while level < head - 1 and tokens[level] in _title_level_words():
        level += 1  # "federal health minister" -> "federal minister of health"
    owner = tokens[level:head]
    if not owner or any(t in words for t in owner) or all(t in _title_level_words() for t in owner):
        return tokens  # "group chief executive": a level, no portfolio
    return (*tokens[:level], *tokens[head:], "of", *owner)


@cache
def _title_level_words() -> frozenset[str]:
    """data/title_level_words.csv: "federal", "national"..."""
    return frozenset(row["word"].casefold() for row in lexicon.table("title_level_words"))


@cache
def _local_levels() -> frozenset[str]:
    """The levels of data/title_level_words.csv that are a local government: "city"..."""
    return frozenset(row["word"].casefold() for row in lexicon.table("title_level_words")
                     if row["local"] == "yes")


def _align_labels(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """An organisation's entity label in one title and some of its words in the other
    ("president of <national_rowing_council>" / "president of council"): the words
    become the label."""
    labels_a = [t for t in a if t.startswith("<")]
    labels_b = [t for t in b if t.startswith("<")]
    for label in labels_a:
        if label not in b:
            b = _label_run(b, label)
    for label in labels_b:
        if label not in a:
            a = _label_run(a, label)
    return a, b


def _label_run(tokens: tuple[str, ...], label: str) -> tuple[str, ...]:
    """`tokens` with the longest run of the label's words that ends in its head noun, its
    last word or the word before its first link ("agency" of "agency for health
    surveillance and emergencies"; the last of equal runs: "manager of rescue operations at
    the rescue service" names the body at its end; "director of consumer protection" does
    not name the <consumer_agency>), or the label's acronym ("pawu" for
    <platinum_and_allied_workers_union>), replaced by the label."""
    label_words = set(label[1:-1].split("_"))
    name = label[1:-1].split("_")
    heads = {name[-1], _label_head(name)}
    if len(name) > 2 and name[-1] in _legal_forms():
        heads.add(name[-2])  # "carriers" of <piraeus_bulk_carriers_sa>
    function, words = _function_words(), _title_words()
    initials = "".join(w[0] for w in label[1:-1].split("_") if w and w not in function)
    if len(initials) >= 2 and initials in tokens:
        at = tokens.index(initials)
        return (*tokens[:at], label, *tokens[at + 1:])
    best: tuple[int, int] | None = None
    i = 0
    while i < len(tokens):
        j = i
        while (j < len(tokens) and tokens[j] in label_words and tokens[j] not in function
               and tokens[j] not in words):
            j += 1
        if j > i and tokens[j - 1] in heads and (best is None or j - i >= best[1] - best[0]):
            best = (i, j)
        i = max(j, i + 1)
    if best is None:
        return tokens
    return (*tokens[:best[0]], label, *tokens[best[1]:])


def _label_head(words: Sequence[str]) -> str:
    """The head noun of a body's name written with a link word: the word before its first
    link ("agency" in "galician agency for health surveillance and emergencies")."""
    link = next((i for i, w in enumerate(words) if w in _TITLE_LINKS), len(words))
    return words[link - 1] if link > 0 else words[-1]


def _compared_titles(a: Sequence[str], b: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return _align_labels(canonical_title(tuple(a)), canonical_title(_umlauts_as_in(b, a)))


_VOWEL_E = re.compile("([aou])e")


def umlaut_free(key: str) -> str:
    """A spelling key with "ae", "oe", "ue" read as the vowel alone: what an umlaut written
    out ("fuegen") and the accent-free key of the umlaut ("fugen", of "Fügen") share."""
    return _VOWEL_E.sub(r"\1", key)


def _umlauts_as_in(words: Sequence[str], other: Sequence[str]) -> tuple[str, ...]:
    """`words` with a word that writes an umlaut out ("fuegen") written as `other` has it
    ("fugen", the accent-free key of "Fügen"): one name in two transliterations."""
    dropped = {umlaut_free(w): w for w in other if not w.startswith("<")}
    return tuple(w if w in other else dropped.get(umlaut_free(w), w) for w in words)


def titles_fit(a: Sequence[str], b: Sequence[str], th: Thresholds) -> bool | None:
    """True when two titles can be one title of one person, False when they are comparable
    and do not fit, None when not comparable (a rank beside an office)."""
    if not a or not b:
        return None
    rank_a, rank_b = is_rank_title(a), is_rank_title(b)
    if rank_a != rank_b:
        return None
    if rank_a:
        return bool(set(_rank_words(a)) & set(_rank_words(b)))
    written_places = _places_written(a, b)
    a, b = _compared_titles(a, b)
    labels_a = {t for t in a if t.startswith("<")}
    labels_b = {t for t in b if t.startswith("<")}
    if labels_a and labels_b and labels_a != labels_b:
        return False  # heads of two different bodies
    if _contains(a, b) or _contains(b, a) or _same_words_reordered(a, b):
        return True
    if _body_told_shorter(a, b) or _body_told_shorter(b, a):
        return True
    if _one_office_two_complements(a, b, written_places):
        return True
    if written_places and _one_seat(a, b):
        return True  # "member for <one electorate>" / "member for <another>": one seat
    return fuzz.ratio(" ".join(a), " ".join(b)) >= th.title_similarity


_SEAT_LINKS = frozenset({"of", "for"})


def _body_told_shorter(short: Sequence[str], long: Sequence[str]) -> bool:
    """One office whose body one title names by its head noun alone ("president at
    association", from "the association's president") and the other in full ("president
    of <the La Almozara Neighbourhood Association>"): the short complement's words are the
    long one's in order, less some, and end in a body's head noun."""
    link_s = next((i for i, t in enumerate(short) if t in _TITLE_LINKS), 0)
    link_l = next((i for i, t in enumerate(long) if t in _TITLE_LINKS), 0)
    if not link_s or not link_l or _without_level(short[:link_s]) != _without_level(long[:link_l]):
        return False
    function = _function_words()
    words_s = [w for w in short[link_s:] if w not in _TITLE_LINKS and w not in function]
    words_l = iter([w for w in long[link_l:] if w not in _TITLE_LINKS and w not in function])
    return (bool(words_s) and words_s[-1] in _org_heads()
            and all(w in words_l for w in words_s))  # in order: `in` consumes the iterator


def _one_office_two_complements(a: Sequence[str], b: Sequence[str], written_places: bool) -> bool:
    """One office of two portfolios ("minister of environment" / "minister of public
    security", "minister of state for foreign trade" / "... for international cooperation"):
    one person's title with its complement changed, which title_variant reports, rather
    than two offices held at once."""
    if "of" not in a or "of" not in b:
        return False
    at_a, at_b = list(a).index("of"), list(b).index("of")
    office = _without_level(a[:at_a])
    if not office or office != _without_level(b[:at_b]) or office[-1] not in _title_words():
        return False  # "city councillor for tourism" / "councillor for culture": one office
    if office[-1] in _single_seats() and not written_places:
        return False  # "Independent MP": an affiliation before a seat's office, not its seat
    function = _function_words()
    words_a = {w for w in a[at_a + 1:] if w not in function}
    words_b = {w for w in b[at_b + 1:] if w not in function}
    # one complement inside the other is one portfolio told in more detail ("chief of the
    # regional fire service" / "fire chief")
    return bool(words_a) and bool(words_b) and not (words_a <= words_b or words_b <= words_a)


def _without_level(office: Sequence[str]) -> tuple[str, ...]:
    """The office without the local government it sits in ("city councillor")."""
    levels = _local_levels()
    start = 0
    while start < len(office) - 1 and office[start] in levels:
        start += 1
    return tuple(office[start:])


def _places_written(a: Sequence[str], b: Sequence[str]) -> bool:
    """Both titles, as written, name what their office is of or for ("member for
    <Electorate>"), not a word that only reordering puts there ("Independent MP" ->
    "member of independent")."""
    return bool(_SEAT_LINKS & set(a)) and bool(_SEAT_LINKS & set(b))


def _one_seat(a: Sequence[str], b: Sequence[str]) -> bool:
    """Both titles are one office of data/title_single_seats.txt "of" some place (the same
    words before "of"), which a person holds for one place only."""
    if "of" not in a or "of" not in b:
        return False
    office_a, office_b = tuple(a[:list(a).index("of")]), tuple(b[:list(b).index("of")])
    return bool(office_a) and office_a == office_b and office_a[-1] in _single_seats()


@cache
def _single_seats() -> frozenset[str]:
    """data/title_single_seats.txt."""
    return frozenset(w.casefold() for w in lexicon.entries("title_single_seats"))


def _contains(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    n = len(shorter)
    return any(tuple(longer[i:i + n]) == tuple(shorter) for i in range(len(longer) - n + 1))


@lru_cache(maxsize=1 << 16)
def expand_title_key(key: str) -> tuple[str, ...]:
    """A title's spelling key with its abbreviations written out ("lt col" -> lieutenant
    colonel); organisation labels ("<rail_agency>") are kept as they are."""
    expand, _, _ = _rank_table()
    out: list[str] = []
    for word in key.split():
        full = None if word.startswith("<") else expand.get(word)
        out.extend(full.replace("-", " ").split() if full else [word])
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def title_difference(a_key: str, b_key: str) -> str:
    """classify_title_difference on two spelling keys, plus "rank-abbreviation" for two keys
    that differ only in abbreviations ("lt col (res)" / "lieutenant colonel (reserve)")."""
    a, b = expand_title_key(a_key), expand_title_key(b_key)
    if a == b:
        _, ranks, _ = _rank_table()
        # "ex-" for "former" is one word; "Lt. Col." for "Lieutenant Colonel" is style
        written = set(a_key.split()) ^ set(b_key.split())
        abbreviated = {w for word in written for w in expand_title_key(word)}
        return "rank-abbreviation" if ranks.intersection(abbreviated) else "same"
    return classify_title_difference(a, b)


#: Words that only link the others in a title: "spokeswoman for the gendarmerie in <Area>"
#: is "spokeswoman for the <Area> gendarmerie".
_TITLE_LINK_WORDS = frozenset({"in", "of", "the", "for", "at", "on"})


def _same_words_reordered(a: Sequence[str], b: Sequence[str]) -> bool:
    """The same words in another order; one side may add a generic body noun ("head of the
    <Town> mountain rescue" / "head of the mountain rescue team in <Town>")."""
    words_a = Counter(w for w in a if w not in _TITLE_LINK_WORDS)
    words_b = Counter(w for w in b if w not in _TITLE_LINK_WORDS)
    if words_a == words_b:
        return True
    added = (words_a - words_b) or (words_b - words_a)
    if (words_a - words_b) and (words_b - words_a):
        return False
    shared = sum((words_a & words_b).values())
    return sum(added.values()) == 1 and next(iter(added)) in _body_nouns() and shared >= 3


def classify_title_difference(a: Sequence[str], b: Sequence[str]) -> str:
    """How two forms of one title of one person differ:
    "same" | "detail" (words added at either end: not a variant) |
    "rank-short" (one rank a shortening of the other: "Gen." / "Brigadier General") |
    "rank" (different rank words) | "wording" (a word replaced or inserted in the middle,
    or a modifier such as Deputy added or dropped)."""
    a, b = tuple(a), tuple(b)
    if a == b:
        return "same"
    _, _, modifiers = _rank_table()
    if is_rank_title(a) and is_rank_title(b):
        ra, rb = _rank_words(a), _rank_words(b)
        if ra != rb:
            return "rank-short" if set(ra) < set(rb) or set(rb) < set(ra) else "rank"
    else:
        written_places = _places_written(a, b)
        # as written: "director" is compared as "head" too, but is not whoever leads
        a, b = _generic_head_named(a, b, modifiers), _generic_head_named(b, a, modifiers)
        a, b = _compared_titles(a, b)
        if a == b or _same_office_of_own_body(a, b) or _same_words_reordered(a, b):
            return "same"
        if _one_seat(a, b) and not written_places:
            # "Independent MP" / "member for <Electorate>": a word before the office may
            # be an affiliation, not the seat; only two seats written out are compared
            return "detail"
    a, b = _shortenings_expanded(a, b)
    if a == b:
        return "same"
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        changed = set(a[i1:i2]) | set(b[j1:j2])
        if (op == "replace" and i2 == len(a) and j2 == len(b)
                and _body_and_area(a[i1:i2], b[j1:j2])):
            continue  # "regional head of <the authority>" / "regional head of northern Norway"
        if op == "replace" or changed & (modifiers - _detail_modifiers()):
            return "wording"
        # after leading modifiers is still the start: "former club captain" / "former captain"
        at_start = all(w in modifiers for w in a[:i1]) and all(w in modifiers for w in b[:j1])
        at_end = i2 == len(a) and j2 == len(b)
        if not (at_start or at_end or _described_body(a, i1, i2) or _described_body(b, j1, j2)
                or (_joined_portfolio(a[i1:i2]) and "and" not in b)
                or (_joined_portfolio(b[j1:j2]) and "and" not in a)
                or _field_inserted(a, i1, i2) or _field_inserted(b, j1, j2)):
            return "wording"
    return "detail"


def _field_inserted(tokens: Sequence[str], first: int, end: int) -> bool:
    """Words inserted between an office and the body it is held at that name its field
    ("professor of electrochemistry at <the university>" / "professor at <the university>"):
    detail, as "of <field>" at the end would be. Not a title word ("head of the deputy ...")."""
    inserted = tuple(tokens[first:end])
    if len(inserted) < 2:
        return False
    if inserted[0] in _FIELD_LINKS and end < len(tokens) and tokens[end] in _TITLE_LINKS:
        field = inserted[1:]  # "professor [of electrochemistry] at <u>"
    elif inserted[-1] in _TITLE_LINKS and first > 0 and tokens[first - 1] in _FIELD_LINKS:
        field = inserted[:-1]  # "professor of [electrochemistry of] <u>", "at" read as "of"
    else:
        return False
    return not any(t in _title_words() or t in _TITLE_LINKS or t.startswith("<") for t in field)


_FIELD_LINKS = frozenset({"of", "for", "in"})


def _body_and_area(a: Sequence[str], b: Sequence[str]) -> bool:
    """One complement is a body's label, the other an area (a country or region, a compass
    word before it allowed): an office of the body told with the area it covers, not two
    offices."""
    def label(words: Sequence[str]) -> bool:
        return len(words) == 1 and words[0].startswith("<")

    def area(words: Sequence[str]) -> bool:
        rest = list(words)
        while rest and rest[0] in _compass_keys():
            rest.pop(0)
        key = " ".join(rest)
        return bool(key) and bool(_country_iso(key) or _is_region(key))

    return (label(a) and area(b)) or (label(b) and area(a))


@cache
def _compass_keys() -> frozenset[str]:
    return frozenset(match_key(w) for w in lexicon.entries("compass_words"))


#: A word of a title this long or longer that begins another's word is its shortening.
_SHORTENING_MIN_LETTERS = 5


def _shortenings_expanded(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each word of one title that is the start of a word of the other, written in full:
    "head of macro research" / "head of macroeconomic research" are one wording."""
    def expand(words: tuple[str, ...], other: tuple[str, ...]) -> tuple[str, ...]:
        longer = [w for w in other if w not in words]
        return tuple(next((x for x in longer if len(w) >= _SHORTENING_MIN_LETTERS
                           and len(x) > len(w) and x.startswith(w)), w) for w in words)
    return expand(a, b), expand(b, a)


@cache
def _detail_modifiers() -> frozenset[str]:
    """data/title_detail_modifiers.txt: "senior", "special"."""
    return frozenset(w.casefold() for w in lexicon.entries("title_detail_modifiers"))


def _joined_portfolio(inserted: Sequence[str]) -> bool:
    """Words one title has and the other lacks that are one of two portfolios joined by
    "and" ("minister of mineral and petroleum resources" / "minister of petroleum
    resources"): the shorter title names only part of the office, not another office. The
    caller asks it only when the shorter title names one field: two lists that differ
    ("culture and tourism" / "culture, heritage and tourism") are two wordings."""
    return len(inserted) >= 2 and "and" in (inserted[0], inserted[-1])


def _office_and_body(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(the office: modifiers and title words, the body it is of): "president of pwu" ->
    (president), (pwu); "office of port safety administrator" -> (administrator),
    (office of port safety); "deputy speaker" -> (deputy speaker), (). A title whose
    complement is not a body ("minister of state for health") gives the office only."""
    words = _title_words()
    if tokens and tokens[-1] in words and "of" in tokens:
        head = len(tokens)
        while head > 0 and tokens[head - 1] in words:
            head -= 1
        body = tokens[:head]
        if body and (body[0] in _org_heads() or body[0] in _body_nouns()):
            return tokens[head:], body  # "<Body of X> <title>"
        return tokens, ()
    if "of" not in tokens:
        return tokens, ()
    link = tokens.index("of")
    return tokens[:link], tokens[link + 1:]


def _names_a_body(body: tuple[str, ...]) -> bool:
    """Words that can only name an organisation: an org label, a generic body noun, an org
    head noun at either end ("office of port safety", "rowing council")."""
    heads = _org_heads()
    return any(t.startswith("<") for t in body) or (len(body) == 1 and body[0] in _body_nouns()) or (
        len(body) > 1 and (body[0] in heads or body[-1] in heads))


#: Kinds of body (data/body_nouns.csv) whose names often have no head noun ("Gulf
#: Meridian", "SD Ebro Zaragoza").
_HEADLESS_KINDS = frozenset({"company", "club"})


def _same_office_of_own_body(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One office named with two ways of naming the holder's own body: a generic noun of
    one kind ("president of the association" / "Union president"; "Speaker of the House" /
    "Commons Speaker"), or a generic noun or an organisation's name beside an acronym
    ("PWU President" / "president of the association"). Two named bodies, or generic
    nouns of different kinds ("House" / "Senate"), are not this."""
    office_a, body_a = _office_and_body(a)
    office_b, body_b = _office_and_body(b)
    if office_a != office_b or not office_a or not body_a or not body_b or body_a == body_b:
        return False
    if office_a[-1] not in _title_words() or any(
            t in _TITLE_LINKS for body in (body_a, body_b) if not _names_a_body(body) for t in body):
        return False  # "minister of state for health": a complement, not a body
    nouns = _body_nouns()
    if len(body_a) == 1 and len(body_b) == 1 and body_a[0] in nouns and body_b[0] in nouns:
        return nouns[body_a[0]] == nouns[body_b[0]]
    generic_a = len(body_a) == 1 and body_a[0] in nouns
    generic_b = len(body_b) == 1 and body_b[0] in nouns
    if (generic_a and nouns[body_a[0]] in _HEADLESS_KINDS and not generic_b) or (
            generic_b and nouns[body_b[0]] in _HEADLESS_KINDS and not generic_a):
        # "Company spokeswoman" / "Gulf Meridian spokeswoman", "Club president" / "SD Ebro
        # Zaragoza president": a company's or a club's name often has no head noun to tell
        # it by, and the generic noun before an office is the holder's own firm or club
        return True
    acronym_a = len(body_a) == 1 and not generic_a and not _names_a_body(body_a)
    acronym_b = len(body_b) == 1 and not generic_b and not _names_a_body(body_b)
    # a generic noun stands for any named body; an acronym stands for a named body
    return (generic_a and (acronym_b or _names_a_body(body_b))) or (
        generic_b and (acronym_a or _names_a_body(body_a))) or (
        acronym_a and _names_a_body(body_b) and not generic_b and _initials_fit(body_a[0], body_b)) or (
        acronym_b and _names_a_body(body_a) and not generic_a and _initials_fit(body_b[0], body_a))


def _initials_fit(acronym: str, body: tuple[str, ...]) -> bool:
    """"ops" for "office of port safety" (or its org label): the acronym is the initials
    of the content words."""
    words = [w for t in body for w in (t[1:-1].split("_") if t.startswith("<") else (t,))]
    content = [t for t in words if t and t not in _function_words()]
    return bool(content) and "".join(t[0] for t in content) == acronym


@cache
def _body_families() -> dict[str, str]:
    """data/body_nouns.csv: generic noun -> the family of bodies it heads."""
    return {match_key(r["form"]): r["family"] for r in lexicon.table("body_nouns")}


def _one_family(head_a: str, head_b: str) -> bool:
    """Whether two head nouns may name one body: not when both are listed in different
    families."""
    families = _body_families()
    return head_a not in families or head_b not in families or families[head_a] == families[head_b]


@cache
def _body_nouns() -> dict[str, str]:
    """data/body_nouns.csv: generic noun -> the kind of body it stands for."""
    return {match_key(r["form"]): r["kind"] for r in lexicon.table("body_nouns")}


def _described_body(tokens: tuple[str, ...], first: int, end: int) -> bool:
    """Words inserted inside a title's complement that describe the body by its kind
    ("head of <Country>'s water authority NWA" / "head of NWA"), or stand right before the
    body's name ("chief operating officer of airport operator <Name>"): detail. Other
    inserted words change the office ("Minister of Public Finance", "Minister of Culture,
    Heritage and Tourism")."""
    if end <= first or not any(t in _TITLE_LINKS for t in tokens[:first]):
        return False
    inserted = tokens[first:end]
    before_name = end < len(tokens) and tokens[end].startswith("<")
    return (inserted[-1] in _org_heads() or before_name) and not any(
        t in _title_words() or t in _TITLE_LINKS or t == "and" for t in inserted)


@cache
def _org_heads() -> frozenset[str]:
    return frozenset(match_key(w).rstrip(".") for w in lexicon.org_head_nouns())


@cache
def _legal_forms() -> frozenset[str]:
    """data/org_legal_forms.txt, as spelling keys ("sa" for "S.A.")."""
    return frozenset(spelling_key(w) for w in lexicon.entries("org_legal_forms"))


# ----------------------------------------------------------------------------------------
# The stage


@dataclass
class _Mention:
    facet: str
    claim_id: str
    root: str
    source: str
    start: int
    end: int
    text: str
    value: str
    key: str
    title: str
    role: str
    line: int
    quote: str
    written: str
    written_start: int
    written_end: int
    spelling: str = ""
    entity: str = ""
    score: float = 100.0
    method: str = "exact"
    owner: str = ""
    suffix: str = ""
    role_is_title: bool = True  # False for a described role ("a structural engineer at X")
    role_by_verb: bool = False  # an office told by a verb ("who chairs the X committee")
    acronym: str = ""  # an org name's acronym, defined beside it in brackets

    @property
    def span(self) -> tuple[str, int, int]:
        return (self.source, self.start, self.end)


@dataclass
class _Cluster:
    spellings: list[str]
    roots: set[str] = field(default_factory=set)
    titles: list[tuple[str, ...]] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    contexts: set[tuple[str, str]] = field(default_factory=set)  # (source, sentence without the name)
    bodies: set[str] = field(default_factory=set)  # organisations named in the titles and roles


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        keep, drop = (ra, rb) if ra <= rb else (rb, ra)
        self.parent[drop] = keep
        return keep


def resolve_entities(facets: pd.DataFrame, claims: pd.DataFrame,
                     thresholds: Thresholds | None = None) -> ResolveResult:
    th = thresholds or Thresholds()
    if claims.empty or facets.empty:
        return ResolveResult(empty_frame(MENTION_COLUMNS), empty_frame(ENTITY_COLUMNS))
    kept = {claim_id for claim_id, compared, cls in zip(
        claims["claim_id"].tolist(), claims["compared"].tolist(), column_values(claims["class"]), strict=True)
        if bool(compared) or cls in NAMING_CLASSES}
    info = _claim_info(claims)
    # Rows picked and sorted in Python: on a story of a few articles, each DataFrame filter
    # and sort cost more than the names in it.
    picked = [i for i, (kind, claim_id) in enumerate(zip(column_values(facets["facet"]),
                                                         facets["claim_id"].tolist(), strict=True))
              if kind in ("person", "org") and claim_id in kept]
    if not picked:
        return ResolveResult(empty_frame(MENTION_COLUMNS), empty_frame(ENTITY_COLUMNS))
    rows = sorted(row_tuples(facets.iloc[picked]),
                  key=lambda r: (r.source, r.start, r.end, r.claim_id, r.facet))  # type: ignore[attr-defined]
    persons: list[_Mention] = []
    orgs: list[_Mention] = []
    for r in rows:
        m = _mention(r, info)
        if m is not None:
            (persons if m.facet == "person" else orgs).append(m)

    persons = _names_of_bodies(persons, orgs)
    _resolve_persons(persons, th, {cid: c.root_text for cid, c in info.items()})
    _resolve_orgs(orgs, persons, th, info)
    titles = _resolve_titles(persons, orgs, info, th)

    every = persons + orgs + titles
    entities = _entity_rows(every, persons)
    frame = pd.DataFrame(
        [
            {
                "mention_id": f"{m.claim_id}@{m.start}{m.suffix}", "claim_id": m.claim_id,
                "source": m.source, "facet": m.facet, "start": m.start, "end": m.end,
                "text": m.text, "value": m.value, "entity_id": m.entity, "score": round(m.score, 1),
                "method": m.method, "line": m.line, "quote": m.quote, "written": m.written,
                "written_start": m.written_start, "written_end": m.written_end,
                "spelling": m.spelling, "owner": m.owner,
            }
            for m in sorted(every, key=lambda m: (m.source, m.start, m.claim_id, m.facet, m.suffix))
        ],
        columns=MENTION_COLUMNS,
    )
    return ResolveResult(frame.reset_index(drop=True), entities)


@dataclass(frozen=True)
class _ClaimInfo:
    line: int
    text: str
    root: str
    root_text: str
    root_start: int


def _claim_info(claims: pd.DataFrame) -> dict[str, _ClaimInfo]:
    base = {c.claim_id: c for c in row_tuples(claims)}
    out: dict[str, _ClaimInfo] = {}
    for cid, c in base.items():
        root = c
        parent = str(getattr(c, "parent", "") or "")
        if getattr(c, "unit", "segment") == "fact" and parent in base:
            root = base[parent]
        out[cid] = _ClaimInfo(int(c.line), str(c.text), str(root.claim_id), str(root.text), int(root.start))
    return out


def _locate(needle: str, info: _ClaimInfo, near: int) -> tuple[int, int] | None:
    """Offsets of `needle` (folded, case-insensitive) in the claim's root text, nearest to
    `near`. Folding keeps lengths, so offsets found in folded text are the original's."""
    if not needle:
        return None
    hay = fold(info.root_text).casefold()
    target = fold(needle).casefold()
    if len(hay) != len(info.root_text) or len(target) != len(needle):
        return None
    best: tuple[int, int] | None = None
    pos = hay.find(target)
    while pos >= 0:
        absolute = info.root_start + pos
        if best is None or abs(absolute - near) < abs(best[0] - near):
            best = (absolute, absolute + len(needle))
        pos = hay.find(target, pos + 1)
    return best


def _mention(r: object, info: dict[str, _ClaimInfo]) -> _Mention | None:
    claim = info.get(str(r.claim_id))  # type: ignore[attr-defined]
    if claim is None:
        return None
    start, end = int(r.start), int(r.end)  # type: ignore[attr-defined]
    text, value = str(r.text), str(r.value)  # type: ignore[attr-defined]
    written, w_start, w_end = value, start, end
    # the value as written: the folded value found inside the facet's text
    pos = fold(text).casefold().rfind(value.casefold()) if value else -1
    if pos >= 0 and len(fold(text)) == len(text):
        written, w_start, w_end = text[pos:pos + len(value)], start + pos, start + pos + len(value)
    return _Mention(
        facet=str(r.facet), claim_id=str(r.claim_id), root=claim.root,  # type: ignore[attr-defined]
        source=str(r.source), start=start, end=end, text=text, value=value,  # type: ignore[attr-defined]
        key=_text(r, "key"), title=_text(r, "title"), role=_text(r, "role"),
        line=claim.line, quote=claim.text, written=written, written_start=w_start, written_end=w_end,
        role_is_title="role described" not in _text(r, "note"),
        role_by_verb="role verb at" in _text(r, "note"),
        acronym=_acronym_defined(_text(r, "note")),
    )


_ACRONYM_DEFINED = re.compile(r"(?:^|; )acronym (?!of )(\S+)")


def _acronym_defined(note: str) -> str:
    """The acronym a name is defined with ("National Water Authority (NWA)"): from the org
    facet's note "acronym NWA"."""
    found = _ACRONYM_DEFINED.search(note)
    return found.group(1) if found else ""


def _text(row: object, name: str) -> str:
    value = getattr(row, name, "")
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


# ---- persons ---------------------------------------------------------------------------


def _names_of_bodies(persons: list[_Mention], orgs: list[_Mention]) -> list[_Mention]:
    """Persons without a title, role or honorific whose whole name another mention (in any
    source) gives as an organisation's name ("the dairy company Nordvik Meieri" in one
    article, "Nordvik Meieri" alone in another) are that organisation: moved to `orgs`. A
    source that gives the name both as a person and as an organisation proves nothing."""
    as_person = {(m.source, org_spelling(m.value)) for m in persons}
    bodies = {org_spelling(m.value) for m in orgs if (m.source, org_spelling(m.value)) not in as_person}
    kept = []
    for m in persons:
        if not m.title and not m.role and len(m.value.split()) > 1 and org_spelling(m.value) in bodies:
            m.facet = "org"
            orgs.append(m)
        else:
            kept.append(m)
    orgs.sort(key=lambda m: (m.source, m.start, m.end, m.claim_id))
    return kept


def _ends_with(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    return 0 < len(shorter) < len(longer) and longer[-len(shorter):] == shorter


def _person_titles(m: _Mention) -> list[tuple[str, ...]]:
    return [t for t in (title_tokens(m.title), title_tokens(m.role)) if t]


def _roles_relation(a: Sequence[tuple[str, ...]], b: Sequence[tuple[str, ...]], th: Thresholds) -> str:
    """"same" (a pair of titles fits), "different" (comparable, none fits) or "unknown"."""
    compared = False
    for ta in a:
        for tb in b:
            fit = titles_fit(ta, tb, th)
            if fit:
                return "same"
            compared = compared or fit is False
    return "different" if compared else "unknown"


def _resolve_persons(persons: list[_Mention], th: Thresholds, root_texts: dict[str, str] | None = None) -> None:
    """Sets entity, spelling, score and method on each person mention. `root_texts` (claim id
    -> its sentence) lets two spellings one letter apart whose roles differ be one person
    when their sentences say the same thing otherwise."""
    names = {id(m): parse_name(m.value, m.key) for m in persons}
    _first_surnames(persons, names)
    full: dict[str, list[_Mention]] = defaultdict(list)
    partial: list[_Mention] = []
    for m in persons:
        name = names[id(m)]
        if not name.surname:
            continue
        if name.full:
            full[name.key].append(m)
        else:
            partial.append(m)
    spelled = {key: names[id(ms[0])] for key, ms in full.items()}
    info = {
        key: _Cluster([key], {m.root for m in ms}, [t for m in ms for t in _person_titles(m)],
                      {m.source for m in ms},
                      {(m.source, _context_without((root_texts or {}).get(m.claim_id, ""),
                                                   (m.text, m.written, m.title, m.role)))
                       for m in ms},
                      {w for m in ms for w in _role_bodies(m)})
        for key, ms in full.items()
    }

    # candidate pairs from blocks: same given name; same surname skeleton
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in sorted(full):
        name = spelled[key]
        blocks[("given", name.given)].append(key)
        blocks[("skeleton", skeleton(name.surname))].append(key)
    pairs: list[tuple[float, str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for block in blocks.values():
        for a, b in _block_pairs(block):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            decision = (_same_person(spelled[a], spelled[b], th)
                        or _two_slips_one_person(spelled[a], spelled[b], info[a], info[b], th))
            if decision is not None:
                pairs.append((-decision[0], a, b, decision[1]))
    pairs.sort()

    uf = _UnionFind(full)
    clusters = {key: info[key] for key in full}
    for _neg, a, b, _how in pairs:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        ca, cb = clusters[ra], clusters[rb]
        if ca.roots & cb.roots:
            continue  # named side by side in one sentence: two people
        if _roles_relation(ca.titles, cb.titles, th) == "different" and not _one_slot(
                spelled[a], spelled[b], ca, cb, th):
            continue
        keep = uf.union(ra, rb)
        drop = rb if keep == ra else ra
        merged = clusters[keep]
        other = clusters.pop(drop)
        merged.spellings += other.spellings
        merged.roots |= other.roots
        merged.titles += other.titles
        merged.sources |= other.sources
        merged.contexts |= other.contexts
        merged.bodies |= other.bodies

    by_cluster: dict[str, list[_Mention]] = defaultdict(list)
    for key, ms in full.items():
        for m in ms:
            m.spelling = key
        by_cluster[uf.find(key)].extend(ms)

    # surname-only and initial mentions
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_skeleton: dict[str, set[str]] = defaultdict(set)
    for key in full:
        surname = spelled[key].surname
        by_surname[surname].add(uf.find(key))
        by_skeleton[skeleton(surname)].add(uf.find(key))
    loose: dict[str, list[_Mention]] = defaultdict(list)
    for m in partial:
        name = names[id(m)]
        target, how = _attach(m, name, by_surname, by_skeleton, clusters, spelled, th)
        if target is None:
            m.spelling = name.surname
            loose[name.surname].append(m)
            continue
        m.method = how
        m.spelling = _spelling_in(clusters[target], name, spelled, full) or name.surname
        by_cluster[target].append(m)
    for group, ms in _merge_initial_names(loose, names, th).items():
        by_cluster[f"~{group}"].extend(ms)

    titles_by_spelling: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for m in persons:
        titles_by_spelling[m.spelling].extend(_person_titles(m))
    for number, (_cid, ms) in enumerate(sorted(by_cluster.items(), key=lambda kv: _first(kv[1])), 1):
        entity = f"P{number}"
        canonical = _canonical_spelling(ms)
        canonical_name = spelled.get(canonical) or parse_name(canonical, "")
        for m in ms:
            m.entity = entity
            if m.spelling == canonical:
                m.score = 100.0
                if m.method == "exact" and names[id(m)].key != m.spelling:
                    m.method = "surname"
                continue
            other = spelled.get(m.spelling) or names[id(m)]
            m.score = float(fuzz.ratio(other.key, canonical_name.key))
            if names[id(m)].full:
                decision = _same_person(other, canonical_name, th)
                role = _roles_relation(titles_by_spelling[m.spelling], titles_by_spelling[canonical], th)
                m.method = f"{decision[1] if decision else f'fuzzy ratio={m.score:.0f}'} role={role}"


def _name_words(value: str) -> tuple[str, ...]:
    return tuple(k for w in value.split() if (k := spelling_key(_strip_possessive(w))))


def _first_surnames(persons: list[_Mention], names: dict[int, _Name]) -> None:
    """A name of three words or more that goes on from a shorter full name of the input
    ("Carmen Rosa Ticona Flores" after "Carmen Rosa Ticona", "Rodolfo Cahuana Vílchez"
    after "Rodolfo Ccahuana": a first surname, then a second) takes the surname at the
    shorter name's last word, so that both are keyed alike, or one letter apart."""
    words = {id(m): _name_words(m.value) for m in persons if names[id(m)].full}
    by_given: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for w in words.values():
        if len(w) >= 2:
            by_given[w[0]].add(w)
    for m in persons:
        long = words.get(id(m), ())
        if len(long) < 3 or long[-1] != names[id(m)].surname:
            continue
        for short in sorted(by_given.get(long[0], ()), key=len):
            n = len(short)
            if n >= len(long):
                break
            if short[1:-1] == long[1:n - 1] and (
                    short[-1] == long[n - 1] or _surname_relation(short[-1], long[n - 1])):
                names[id(m)].surname = long[n - 1]
                break


def _merge_initial_names(loose: dict[str, list[_Mention]], names: dict[int, _Name],
                         th: Thresholds) -> dict[str, list[_Mention]]:
    """Surname groups of the people named only by an initial and a surname ("K. Rao"),
    merged by the rules for full names: one initial letter in both, surnames with the same
    consonant skeleton or one letter apart, the names similar enough, never side by side
    in one sentence, roles that do not contradict. Keys are the surviving group names."""
    initials: dict[str, set[str]] = {
        surname: {names[id(m)].given[:1] for m in ms if names[id(m)].initial}
        for surname, ms in loose.items()
    }
    single = sorted(s for s, letters in initials.items() if len(letters) == 1)
    if len(single) < 2:
        return dict(loose)
    by_initial: dict[str, list[str]] = defaultdict(list)
    for surname in single:
        by_initial[next(iter(initials[surname]))].append(surname)
    pairs: list[tuple[float, str, str]] = []
    for letter, surnames in sorted(by_initial.items()):
        by_skeleton: dict[str, list[str]] = defaultdict(list)
        for surname in surnames:
            by_skeleton[skeleton(surname)].append(surname)
        candidates: set[tuple[str, str]] = set()
        for block in by_skeleton.values():
            candidates.update(_block_pairs(block))
        by_surname = {s: {s} for s in surnames}
        for surname in surnames:
            candidates.update(_ordered(surname, o) for o in _one_edit(surname, by_surname) if o != surname)
        for a, b in sorted(candidates):
            decision = _same_person(_Name(letter, False, a), _Name(letter, False, b), th)
            if decision is not None:
                pairs.append((-decision[0], a, b))
    pairs.sort()
    uf = _UnionFind(loose)
    members = {s: list(ms) for s, ms in loose.items()}
    for _neg, a, b in pairs:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            continue
        ma, mb = members[ra], members[rb]
        if {m.root for m in ma} & {m.root for m in mb}:
            continue  # named side by side in one sentence: two people
        titles_a = [t for m in ma for t in _person_titles(m)]
        titles_b = [t for m in mb for t in _person_titles(m)]
        if _roles_relation(titles_a, titles_b, th) == "different":
            continue
        keep = uf.union(ra, rb)
        drop = rb if keep == ra else ra
        members[keep] = members[keep] + members.pop(drop)
    return {s: ms for s, ms in members.items() if uf.find(s) == s}


def _role_bodies(m: _Mention) -> set[str]:
    """Spelling keys of the capitalised words in a person's title and role that are neither
    title words nor owner countries: the body the person works for ("Acme" in "Acme's chief
    executive", "chair of Acme")."""
    words = _title_words()
    out = set()
    for raw in _WORD.findall(fold(f"{m.title} {m.role}")):
        word = _strip_possessive(raw)
        key = spelling_key(word)
        if word[:1].isupper() and key and key not in words and key not in _function_words() \
                and not _is_owner_word(key):
            out.add(key)
    return out


#: Surnames two letters apart are compared (`_two_slips_one_person`) from this length up.
_TWO_SLIPS_MIN_LETTERS = 5


def _one_slot(a: _Name, b: _Name, ca: _Cluster, cb: _Cluster, th: Thresholds) -> bool:
    """Two spellings one letter apart, with the same given name, whose roles differ, are
    still one person when both work for the same body or their sentences in two sources say
    the same thing otherwise ("said Ana Ruiz, Acme's chief executive" / "said Ana Ruis,
    Acme's chair"): the role is then reported as a title_variant."""
    if a.given != b.given or a.surname == b.surname or not _one_edit_apart(a.surname, b.surname):
        return False
    if ca.bodies & cb.bodies:
        return True
    return _any_alike(ca.contexts, cb.contexts, th)


def _two_slips_one_person(a: _Name, b: _Name, ca: _Cluster, cb: _Cluster,
                          th: Thresholds) -> tuple[float, str] | None:
    """Surnames two letters apart ("Gorman" / "Gorham") are one person spelled two ways
    when the given names are equal, one source alone writes one spelling and two or more
    others the other, and the two hold the same office at the same body or sit in
    sentences of two sources that say the same thing otherwise. Without all of that, two
    letters make two people ("Kehoe" / "Keogh")."""
    if a.initial or b.initial or not a.given or a.given != b.given:
        return None
    sa, sb = match_key(a.surname), match_key(b.surname)
    if min(len(sa), len(sb)) < _TWO_SLIPS_MIN_LETTERS or sa[0] != sb[0] or Levenshtein.distance(sa, sb) != 2:
        return None
    if not _one_source_alone(ca.sources, cb.sources):
        return None
    same_office = _roles_relation(ca.titles, cb.titles, th) == "same" and bool(ca.bodies & cb.bodies)
    if not (same_office or _any_alike(ca.contexts, cb.contexts, th)):
        return None
    ratio = fuzz.ratio(a.key, b.key)
    return ratio, f"fuzzy ratio={ratio:.0f} given=equal edit=2 one-source {'office' if same_office else 'context'}"


def _same_person(a: _Name, b: _Name, th: Thresholds) -> tuple[float, str] | None:
    given = _given_compatible(a, b, th)
    if given is None or given == "absent":
        return None
    surname = _surname_relation(a.surname, b.surname)
    if surname is None:
        return None
    raw = fuzz.ratio(a.key, b.key)
    folded = fuzz.ratio(f"{a.given} {fold_name(a.surname)}", f"{b.given} {fold_name(b.surname)}")
    ratio = max(raw, folded)
    if ratio < th.name_similarity:
        return None
    return ratio, f"fuzzy ratio={raw:.0f} folded={folded:.0f} given={given} {surname}"


def _block_pairs(block: list[str]) -> Iterable[tuple[str, str]]:
    items = sorted(set(block))
    if len(items) <= _BLOCK_CAP:
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                yield a, b
        return
    for i, a in enumerate(items):
        for b in items[i + 1: i + 1 + _NEIGHBOURS]:
            yield a, b


def _attach(m: _Mention, name: _Name, by_surname: dict[str, set[str]], by_skeleton: dict[str, set[str]],
            clusters: dict[str, _Cluster], spelled: dict[str, _Name],
            th: Thresholds) -> tuple[str | None, str]:
    titles = _person_titles(m)

    def initial_fits(cid: str) -> bool:
        if not name.initial:
            return True
        return any(spelled[s].given[:1] == name.given[:1] for s in clusters[cid].spellings)

    exact = sorted(c for c in by_surname.get(name.surname, ()) if initial_fits(c))
    chosen = _narrow(exact, m, titles, clusters, th)
    if chosen:
        return chosen, "surname"
    if exact:
        return None, ""
    fuzzy = sorted(
        c for c in by_skeleton.get(skeleton(name.surname), set()) | _one_edit(name.surname, by_surname)
        if initial_fits(c)
    )
    fitting = [c for c in fuzzy if _roles_relation(titles, clusters[c].titles, th) == "same"]
    if len(fitting) == 1:
        return fitting[0], "surname~+role"
    if name.initial:
        # "K. Rao" beside "Kiran Rau": an initial that is the full name's initial, and a
        # surname spelled one way or the other, is that person spelled differently (the
        # rules for two full names with the given name written out).
        close = [c for c in fuzzy if m.root not in clusters[c].roots
                 and _roles_relation(titles, clusters[c].titles, th) != "different"
                 and any(spelled[s].given[:1] == name.given[:1]
                         and _same_person(_Name(spelled[s].given, False, name.surname), spelled[s], th)
                         for s in clusters[c].spellings)]
        if len(close) == 1:
            return close[0], "initial+surname~"
    if len(fuzzy) == 1:
        # the one person of that surname the same article names in full, elsewhere
        cluster = clusters[fuzzy[0]]
        if (m.source in cluster.sources and m.root not in cluster.roots
                and _roles_relation(titles, cluster.titles, th) != "different"):
            return fuzzy[0], "surname~+article"
    return None, ""


def _one_edit(surname: str, by_surname: dict[str, set[str]]) -> set[str]:
    folded = fold_name(surname)
    if len(folded) < 5:
        return set()
    out: set[str] = set()
    for other, cids in by_surname.items():
        if other[:1] == surname[:1] and Levenshtein.distance(folded, fold_name(other), score_cutoff=1) <= 1:
            out |= cids
    return out


def _narrow(candidates: list[str], m: _Mention, titles: list[tuple[str, ...]],
            clusters: dict[str, _Cluster], th: Thresholds) -> str | None:
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    same_source = [c for c in candidates if m.source in clusters[c].sources]
    if len(same_source) == 1:
        return same_source[0]
    pool = same_source or candidates
    fitting = [c for c in pool if _roles_relation(titles, clusters[c].titles, th) == "same"]
    return fitting[0] if len(fitting) == 1 else None


def _spelling_in(cluster: _Cluster, name: _Name, spelled: dict[str, _Name],
                 full: dict[str, list[_Mention]]) -> str:
    """The cluster's most used full spelling with this surname (and initial), or ""."""
    options = [
        s for s in cluster.spellings
        if spelled[s].surname == name.surname and (not name.initial or spelled[s].given[:1] == name.given[:1])
    ]
    if not options:
        return ""
    return min(options, key=lambda s: (-len({m.source for m in full[s]}), -len(full[s]), s))


def _first(ms: Sequence[_Mention]) -> tuple[str, int, str]:
    return min((m.source, m.start, m.claim_id) for m in ms)


def _canonical_spelling(ms: Sequence[_Mention]) -> str:
    """The spelling most sources use (ties: most mentions, then alphabetical)."""
    sources: dict[str, set[str]] = defaultdict(set)
    spans: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    for m in ms:
        if m.spelling:
            sources[m.spelling].add(m.source)
            spans[m.spelling].add(m.span)
    if not sources:
        return ""
    return min(sources, key=lambda s: (-len(sources[s]), -len(spans[s]), s))


# ---- organisations -----------------------------------------------------------------------


def _org_words(value: str) -> list[str]:
    """The name's words as compared, short forms written out (data/org_word_forms.csv)."""
    forms = _org_word_forms()
    words = (spelling_key(_strip_possessive(w)) for w in _WORD.findall(fold(value)))
    return [forms.get(w, w) for w in words if w]


@cache
def _org_word_forms() -> dict[str, str]:
    return {r["short"]: r["full"] for r in lexicon.table("org_word_forms")}


@lru_cache(maxsize=1 << 16)
def org_spelling(value: str) -> str:
    """An organisation's spelling key: no leading article or demonym ("the Moldovan Rail
    Agency" is the Rail Agency, owned by Moldova), no leading union of countries
    (data/org_bloc_owners.txt: "EU Cohesion Fund"), no leading country before a body it owns
    ("U.S. Department of Health", "UK Ministry of Defence", "U.S. State Department": the
    owner, as "of <country>" would be; "Moldova Central Bank" and "Israel Defence Forces"
    keep theirs, `_owned_name`), no trailing
    "of <country>"; a portfolio before a government head noun written after it ("Education
    Ministry": "ministry of education", data/org_portfolio_heads.txt)."""
    words = _org_words(value)
    while words and words[0] == "the":
        words.pop(0)
    bloc = next((n for n in (2, 1) if len(words) > n + 1 and " ".join(words[:n]) in _bloc_owners()), 0)
    if len(words) > 2 and _demonym_iso(words[0]):
        words.pop(0)
    elif bloc:
        del words[:bloc]
    else:
        owner = next((n for n in (3, 2, 1) if len(words) > n + 1 and _country_iso(" ".join(words[:n]))
                      and _owned_name(words[n:])), 0)
        del words[:owner]
    if (len(words) >= 2 and words[-1] in _portfolio_heads() and "of" not in words
            and not _country_iso(words[0])):
        words = [words[-1], "of", *words[:-1]]  # "Education Ministry": "Ministry of Education"
    return " ".join(_drop_trailing_country(words))


def _owned_name(words: list[str]) -> bool:
    """Whether the words after a leading country name a body the country owns: "<Head> of/for"
    ("U.S. Department of Health", "U.S. District Court for the Southern District of Texas")
    or a portfolio and its head ("U.S. State Department"); not a name the country is part
    of ("Israel Defence Forces", "Moldova Central Bank")."""
    heads = _org_heads()
    for i, word in enumerate(words[:-1]):
        if word in heads and words[i + 1] in ("of", "for"):
            return True
    return words[-1] in _portfolio_heads() and "of" not in words


@cache
def _bloc_owners() -> frozenset[str]:
    """data/org_bloc_owners.txt: "eu", "united nations"..."""
    return frozenset(w.casefold() for w in lexicon.entries("org_bloc_owners"))


@cache
def _portfolio_heads() -> frozenset[str]:
    """data/org_portfolio_heads.txt, folded."""
    return frozenset(w.casefold() for w in lexicon.entries("org_portfolio_heads"))


@lru_cache(maxsize=1 << 16)
def org_owner(value: str, stated: str) -> str:
    """The owner country of an organisation as an ISO code (or the stated owner's key):
    the facet's key, else a trailing "of <country>", a leading demonym or country."""
    if stated:
        return _owner_iso(stated)
    words = _org_words(value)
    while words and words[0] == "the":
        words.pop(0)
    if not words:
        return ""
    trimmed = _drop_trailing_country(words)
    if len(trimmed) < len(words):
        return _country_iso(" ".join(words[len(trimmed) + 1:]))
    return _demonym_iso(words[0]) or (_country_iso(words[0]) if len(words) > 2 else "")


@lru_cache(maxsize=1 << 16)
def org_structure(spelling: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(head noun, modifier words sorted, content words in order) of an org's spelling,
    country names left out: "national authority for water" -> head "authority";
    "moldova central bank" -> head "bank", modifiers ("central",)."""
    function = _function_words()
    words = [w for w in spelling.split() if not _country_iso(w)]
    content = tuple(w for w in words if w not in function)
    # "and" joins words of the name's front ("Ethics and Anti-Corruption Commission": head
    # commission); another function word starts its complement ("Authority for Water")
    split = next((i for i, w in enumerate(words) if w in function and i > 0 and w not in ("and", "&")),
                 len(words))
    head_part = [w for w in words[:split] if w not in function]
    head = head_part[-1] if head_part else (content[-1] if content else "")
    modifiers = list(content)
    if head in modifiers:
        modifiers.remove(head)
    return head, tuple(sorted(modifiers)), content


def _resolve_orgs(orgs: list[_Mention], persons: list[_Mention], th: Thresholds,
                  info: dict[str, _ClaimInfo]) -> None:
    for m in orgs:
        m.spelling = org_spelling(m.value)
    orgs[:] = [m for m in orgs if m.spelling]
    # one group per (spelling, owner); a mention with no owner joins the spelling's only owner
    owner_of = {id(m): org_owner(m.value, m.key) for m in orgs}
    owners_by_spelling: dict[str, set[str]] = defaultdict(set)
    for m in orgs:
        if owner_of[id(m)]:
            owners_by_spelling[m.spelling].add(owner_of[id(m)])
    groups: dict[str, list[_Mention]] = defaultdict(list)
    group_owner: dict[str, str] = {}
    for m in orgs:
        owner = owner_of[id(m)]
        if not owner and len(owners_by_spelling[m.spelling]) == 1:
            owner = next(iter(owners_by_spelling[m.spelling]))
        gid = f"{m.spelling}|{owner}"
        groups[gid].append(m)
        group_owner[gid] = owner

    # who is said to head each spelling: a person in the same sentence whose role names it
    roles_by_root: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for p in persons:
        if p.role and p.entity:
            roles_by_root[p.root].append((spelling_key(p.role), p.entity))
    heads: dict[str, set[str]] = defaultdict(set)
    for gid, ms in groups.items():
        for m in ms:
            for role, entity in roles_by_root.get(m.root, ()):
                if f" {m.spelling} " in f" {role} ":
                    heads[gid].add(entity)
    # ... or is named as one of its people: "Ana Ruiz of the Nurses' Union said"
    persons_by_root: dict[str, list[_Mention]] = defaultdict(list)
    for p in persons:
        if p.entity:
            persons_by_root[p.root].append(p)
    for gid, ms in groups.items():
        for m in ms:
            root = info.get(m.claim_id)
            for p in persons_by_root.get(m.root, ()) if root else ():
                gap = root.root_text[p.end - root.root_start:m.start - root.root_start] \
                    if p.end <= m.start else ""
                if _MEMBER_OF.fullmatch(gap):
                    heads[gid].add(p.entity)

    # where each group's mentions say the body sits: "<Name> in <Town>", "<Name>, <Town>,"
    seats: dict[str, set[str]] = defaultdict(set)
    for gid, ms in groups.items():
        for m in ms:
            root = info.get(m.claim_id)
            if root and (seat := seat_patterns().town_after_body.match(root.root_text, m.end - root.root_start)):
                seats[gid].add(match_key(seat.group(1)))

    # the other bodies and the people named in the same sentences ("X, Y and Z were the
    # lead managers", "Mendes ordered the X to ...")
    spellings_by_root: dict[str, set[str]] = defaultdict(set)
    for m in orgs:
        spellings_by_root[m.root].add(m.spelling)
    for p in persons:
        if p.entity:
            spellings_by_root[p.root].add(f"<{p.entity}>")
    companions = {gid: {s for m in ms for s in spellings_by_root[m.root]} - {ms[0].spelling}
                  for gid, ms in groups.items()}

    # what the claims naming each group say, the name itself left out (a few per group)
    contexts: dict[str, list[str]] = {}
    for gid, ms in groups.items():
        seen = sorted({spelling_key(m.quote.replace(m.written, " ")) for m in ms})
        contexts[gid] = seen[:_CONTEXTS]

    gids = sorted(groups)
    shape = {g: org_structure(groups[g][0].spelling) for g in gids}
    token_blocks: dict[str, list[str]] = defaultdict(list)
    frame_blocks: dict[tuple[str, int], list[str]] = defaultdict(list)
    for g in gids:
        for word in set(shape[g][2]):
            token_blocks[word].append(g)
        frame_blocks[(shape[g][0], len(shape[g][2]))].append(g)
    pairs: set[tuple[str, str]] = set()
    for g in gids:
        modifiers = shape[g][1] or shape[g][2]
        if modifiers:
            rarest = min(modifiers, key=lambda w: (len(token_blocks[w]), w))
            pairs.update(_ordered(g, t) for t in token_blocks[rarest][: _BLOCK_CAP * 4] if t != g)
        for word in modifiers:  # any shared modifier, while its block stays small
            if len(token_blocks[word]) <= _BLOCK_CAP:
                pairs.update(_ordered(g, t) for t in token_blocks[word] if t != g)
    for block in frame_blocks.values():
        pairs.update(_block_pairs(block))

    uf = _UnionFind(gids)
    cluster_owners = {g: {group_owner[g]} - {""} for g in gids}
    roots = {g: {m.root for m in groups[g]} for g in gids}
    sources = {g: {m.source for m in groups[g]} for g in gids}
    acronyms = {g: {m.acronym for m in groups[g]} - {""} for g in gids}
    how: dict[str, str] = {}
    for a, b in sorted(pairs):
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb or groups[a][0].spelling == groups[b][0].spelling:
            continue  # one spelling, different owners: different bodies
        if cluster_owners[ra] and cluster_owners[rb] and not cluster_owners[ra] & cluster_owners[rb]:
            continue
        def same_context(a: str = a, b: str = b) -> bool:
            return any(_contexts_alike(x, y, th) for x in contexts[a] for y in contexts[b])

        # a sentence naming both speaks of two bodies
        apart = not (roots[a] & roots[b])
        decision = _same_org(shape[a], shape[b], bool(heads[a] & heads[b]), same_context, th,
                             named_apart=apart, same_source=bool(sources[a] & sources[b]),
                             same_seat=bool(seats[a] & seats[b]),
                             same_companions=bool(companions[a] & companions[b]),
                             same_acronym=bool(acronyms[a] & acronyms[b]),
                             one_source_alone=_one_source_alone(sources[a], sources[b]),
                             other_acronyms=bool(acronyms[a] and acronyms[b] and not acronyms[a] & acronyms[b]))
        if decision is None:
            continue
        keep = uf.union(ra, rb)
        cluster_owners[keep] = cluster_owners[ra] | cluster_owners[rb]
        how.setdefault(a, decision)
        how.setdefault(b, decision)

    by_cluster: dict[str, list[_Mention]] = defaultdict(list)
    method_of: dict[int, str] = {}
    for g in gids:
        by_cluster[uf.find(g)].extend(groups[g])
        for m in groups[g]:
            method_of[id(m)] = how.get(g, "fuzzy")
    for number, (_cid, ms) in enumerate(sorted(by_cluster.items(), key=lambda kv: _first(kv[1])), 1):
        canonical = _canonical_spelling(ms)
        for m in ms:
            m.entity = f"O{number}"
            if m.spelling != canonical:
                m.score = float(fuzz.token_sort_ratio(m.spelling, canonical))
                m.method = method_of[id(m)]


#: Between a person's name and a body they belong to: "of the", "from", ", regional officer
#: of the" (a few lower-case words of a role).
_MEMBER_OF = re.compile(r",?\s+(?:[a-z][\w'-]*\s+){0,4}?(?:of|from|at)\s+(?:the\s+)?")


def _ordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


#: Two names with this many modifier words in common, and only their head nouns apart, are
#: one body whatever the sentences naming them say.
_SAME_MODIFIERS_ALONE = 3
#: Content words a name needs for one changed word, in claims alike, to be read as one
#: body named two ways.
_ONE_WORD_APART_MIN_WORDS = 4
#: ... or this many, its first word kept, when the claims also name another body in common.
_ONE_WORD_APART_WITH_COMPANIONS = 3


#: A claim this many words long or longer whose words are nearly all in another claim is
#: that claim trimmed ("X lifted the rate" / "X voted 5-2 to lift the rate, ...").
_CONTEXT_SUBSET_MIN_WORDS = 8


def _contexts_alike(x: str, y: str, th: Thresholds) -> bool:
    """Two claims (names cut out) that say the same thing: alike as wholes, or one, long
    enough, nearly all inside the other."""
    if fuzz.token_sort_ratio(x, y) >= th.org_context_similarity:
        return True
    if (min(len(x.split()), len(y.split())) >= _CONTEXT_SUBSET_MIN_WORDS
            and fuzz.token_set_ratio(x, y) >= th.org_context_similarity):
        return True
    return not _counted_figures(x).isdisjoint(_counted_figures(y))


#: A number and the word after it ("70 licence", "1,200 members"), from 10 up.
_COUNTED_FIGURE = re.compile(r"(?<![\w.,])(\d[\d,.]*\d)\s+([^\W\d_]{3,})")


def _counted_figures(context: str) -> set[tuple[str, str]]:
    """The counts a claim gives of something (number, the word after it): two claims giving
    a body the same count of the same thing ("which represents about 70 licence holders" /
    "representing around 70 licence holders") describe one body."""
    return {(m[1].replace(",", ""), m[2]) for m in _COUNTED_FIGURE.finditer(context)}


#: Content words a name needs for one changed word to be read as one body named two ways
#: when one source alone uses it and two or more others use the other name.
_ONE_SOURCE_ALONE_MIN_WORDS = 3


def _one_source_alone(a: set[str], b: set[str]) -> bool:
    """One name used by a single source and the other by two or more others, never by it:
    the pattern of one outlet's slip ("Regional Health Authority" in one article, "District
    Health Authority" in three)."""
    return a.isdisjoint(b) and sorted((len(a), len(b)))[0] == 1 and max(len(a), len(b)) >= 2


def _one_word_apart(a: tuple[str, tuple[str, ...], tuple[str, ...]],
                    b: tuple[str, tuple[str, ...], tuple[str, ...]]) -> bool:
    """Two names of at least _ONE_SOURCE_ALONE_MIN_WORDS content words, in one order, one of
    them changed: a modifier under one head noun, or the head noun itself (of one family of
    bodies). A government body named by its portfolio needs a word more: "Ministry of
    Foreign Affairs" / "Ministry of Internal Affairs" are two ministries."""
    (head_a, _, content_a), (head_b, _, content_b) = a, b
    if len(content_a) != len(content_b) or len(content_a) < _ONE_SOURCE_ALONE_MIN_WORDS:
        return False
    if sum(wa != wb for wa, wb in zip(content_a, content_b, strict=True)) != 1:
        return False
    if head_a != head_b:
        return _one_family(head_a, head_b) and head_a not in _portfolio_heads() and head_b not in _portfolio_heads()
    return head_a not in _portfolio_heads() or len(content_a) > _ONE_SOURCE_ALONE_MIN_WORDS


def _same_org(a: tuple[str, tuple[str, ...], tuple[str, ...]], b: tuple[str, tuple[str, ...], tuple[str, ...]],
              shared_head_person: bool, same_context: Callable[[], bool], th: Thresholds,
              named_apart: bool = True, same_source: bool = True, same_acronym: bool = False,
              other_acronyms: bool = False, same_seat: bool = False,
              same_companions: bool = False, one_source_alone: bool = False) -> str | None:
    """How two organisation names are one body, or None. `same_context`: whether claims
    naming them say alike things (asked only when a rule needs it: it scores sentences).
    `shared_head_person`: one person's role names both, or one person is named "of" both
    ("Ana Ruiz of the <body>"); `same_source`: one article names both; `same_acronym`: both
    are defined with one acronym in brackets; `other_acronyms`: each with its own;
    `same_seat`: both are said to sit in one town ("<Name> in <Town>"); `same_companions`:
    claims naming them also name another body or a person in common ("X, Y and Z managed
    the issue")."""
    head_a, mods_a, content_a = a
    head_b, mods_b, content_b = b
    if not content_a or not content_b or other_acronyms:
        return None
    if sorted(content_a) == sorted(content_b):
        return "order: same words, another order"
    if same_acronym and mods_a and mods_a == mods_b and head_a != head_b and named_apart:
        # "Japan Weather Satellite Agency (JWSA)" / "... Authority (JWSA)": one body, its
        # acronym says so, whatever the head noun's family
        return f"acronym: one acronym, same modifiers, head noun {head_a}/{head_b}"
    if (same_acronym and head_a == head_b and named_apart and len(content_a) == len(content_b)
            and sum(wa != wb for wa, wb in zip(content_a, content_b, strict=True)) == 1):
        # "National Disaster Mitigation Board (BNMB)" / "... Management Board (BNMB)": one
        # word changed, the acronym unchanged
        return f"acronym: one acronym, one word of {head_a} apart"
    if head_a != head_b and not _one_family(head_a, head_b):
        return None  # "Regional Hospital of X" / "Regional University of X": two bodies
    if (head_a == head_b and shared_head_person and named_apart and not same_source
            and len(content_a) == len(content_b)
            and sum(wa != wb for wa, wb in zip(content_a, content_b, strict=True)) == 1):
        # "an engineer at the National University of X" / "... at the Regional University
        # of X": one person, one body, a word changed between two sources
        return f"role: one person at both, one word of {head_a} apart"
    if mods_a and mods_a == mods_b and head_a != head_b and len(mods_a) >= 2 and shared_head_person:
        return f"head: same modifiers, head noun {head_a}/{head_b}, one person heads both"
    if len(mods_a) >= _SAME_MODIFIERS_ALONE and mods_a == mods_b and head_a != head_b and named_apart:
        # "Illinois Department of Public Health" / "Illinois Office of Public Health": three
        # words or more of one name around another head noun, never in one sentence
        return f"head: same modifiers, head noun {head_a}/{head_b}"
    if mods_a and mods_a == mods_b and head_a != head_b and named_apart and same_context():
        # "according to the municipal Public Works Secretariat" / "... Department": one body
        # named in the same sentence by two head nouns
        return f"head: same modifiers, head noun {head_a}/{head_b}, claims alike"
    if (head_a == head_b and named_apart and not same_source
            and len(content_a) == len(content_b) >= _ONE_WORD_APART_MIN_WORDS
            and sum(wa != wb for wa, wb in zip(content_a, content_b, strict=True)) == 1
            and (same_seat or same_companions or same_context())):
        # "according to the Valais Alpine Rescue Association" / "... Mountain Rescue
        # Association": two sources telling one thing, or placing it in one town, one word
        # of a long name changed (a short one, "Ministry of Foreign/Internal Affairs",
        # names two bodies)
        if same_seat:
            return f"seat: one word of {head_a} apart, in one town"
        if same_companions:
            return f"companions: one word of {head_a} apart, named beside the same people or bodies"
        return f"context: one word of {head_a} apart, claims alike"
    if (head_a == head_b and named_apart and not same_source and same_companions
            and len(content_a) == len(content_b) >= _ONE_WORD_APART_WITH_COMPANIONS
            and content_a[0] == content_b[0] != head_a
            and sum(wa != wb for wa, wb in zip(content_a, content_b, strict=True)) == 1
            and same_context()):
        # "Sahyadri Investment Bank, Harbourline Securities and ..." / "Sahyadri Merchant
        # Bank, Harbourline Securities and ...": listed with the same bodies in sentences
        # alike, a shorter name one word apart is one body
        return f"companions: one word of {head_a} apart, listed with the same bodies"
    if (one_source_alone and named_apart and not same_source and len(content_a) == len(content_b)
            and _one_word_apart(a, b)):
        return f"sources: one word of {head_a} apart, one source's name against the others'"
    if head_a == head_b and len(content_a) == len(content_b):
        fuzzy = 0
        for wa, wb in zip(content_a, content_b, strict=True):
            if wa == wb:
                continue
            if (skeleton(wa) == skeleton(wb) and min(len(wa), len(wb)) >= 4
                    and fuzz.ratio(wa, wb) >= th.org_similarity):
                fuzzy += 1
                continue
            return None
        if fuzzy:
            return f"spelling: {fuzzy} word(s) with the same consonant skeleton"
    if head_a == head_b and set(mods_a) & set(mods_b) and same_context():
        small, large = sorted((mods_a, mods_b), key=len)
        if all(w in large or any(_related_words(w, x, th) for x in large) for w in small):
            return f"context: same head noun {head_a}, related modifiers, claims alike"
    return None


def _related_words(a: str, b: str, th: Thresholds) -> bool:
    """Two modifier words of one name written differently ("agrarian" / "agriculture")."""
    return (a[:3] == b[:3] and len(a) >= 4 and len(b) >= 4) or fuzz.ratio(a, b) >= th.org_similarity


# ---- titles ------------------------------------------------------------------------------


_LEADING_POSSESSIVE = re.compile(r"^\s*['\u2019]s?\s+")


@lru_cache(maxsize=1 << 12)
def _abbreviated(display: str) -> bool:
    """Whether a title writes a word of data/rank_abbreviations.csv abbreviated ("Lt. Col.",
    "Capt"): a rank written so keeps its abbreviations (a low-severity variant)."""
    expand, _, _ = _rank_table()
    return any(piece != expand.get(piece, piece)
               for raw in _WORD.findall(fold(display)) for piece in
               (match_key(p).rstrip(".") for p in _split_abbreviation(raw)))


@lru_cache(maxsize=1 << 16)
def _title_display(text: str) -> str:
    """The title as written without a leading article and owner country, for the report:
    "Moldova's Minister of Transport" -> "Minister of Transport"."""
    text = _LEADING_POSSESSIVE.sub("", text)  # "'s lawyer": the owner's name was cut off before it
    kept = title_tokens(text)
    if not kept:
        return ""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    first, last = 0, len(words)
    changed = True
    while changed:
        changed = False
        for k in (1, 2, 3):
            if last - first - k >= 1 and title_tokens(text[words[first + k][0]:words[last - 1][1]]) == kept:
                first += k
                changed = True
                break
            if last - first - k >= 1 and title_tokens(text[words[first][0]:words[last - 1 - k][1]]) == kept:
                last -= k
                changed = True
                break
    return text[words[first][0]:words[last - 1][1]].strip(" ,;:")


def _resolve_titles(persons: list[_Mention], orgs: list[_Mention],
                    info: dict[str, _ClaimInfo], th: Thresholds) -> list[_Mention]:
    org_label: dict[str, str] = {}
    for m in orgs:
        org_label[m.entity] = min(org_label.get(m.entity, m.spelling), m.spelling)
    org_names: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    written_as: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for m in orgs:
        label = f"<{org_label[m.entity].replace(' ', '_')}>"
        tokens = title_tokens(m.value)
        if tokens:
            org_names[m.root].append((tokens, label))
        written = title_tokens(m.text)
        if written and written != tokens:
            written_as[written].add(label)
    # A body written in another form than its resolved name (an acronym: "IWN" for the
    # Northwest Institute) stands for that body in every title of the story, including
    # titles whose sentence has no org mention of it ("head of the IWN polling institute").
    everywhere = [(tokens, next(iter(labels))) for tokens, labels in written_as.items() if len(labels) == 1]

    out: list[_Mention] = []
    contexts: dict[int, str] = {}
    lone_slot: set[int] = set()  # the person's only title or role in its sentence
    for p in persons:
        if not p.entity:
            continue
        first_of_person = len(out)
        context = _context_without(info[p.claim_id].root_text, (p.text, p.written, p.title, p.role))
        title = p.title
        if (title and p.role_is_title and is_rank_title(title_tokens(p.role))
                and _ends_with(title_tokens(p.role), title_tokens(title))):
            title = ""  # "Lieutenant Brigadier" before the name: one rank, not "Brigadier" too
        for suffix, written in ((":title", title), (":role", p.role if p.role_is_title else "")):
            display = _title_display(written) if written else ""
            tokens = _with_orgs(title_tokens(display), [*org_names.get(p.root, []), *everywhere]) if display else ()
            if not tokens:
                continue
            if is_rank_title(tokens) and _abbreviated(display):
                # a rank keeps its abbreviations: "Lt. Col." beside "Lieutenant Colonel" is a
                # (low-severity) variant
                raw = (spelling_key(p) for w in _WORD.findall(fold(display)) for p in _split_abbreviation(w))
                tokens = _trim_title_words(tuple(w for w in raw if w and w != "the"))
            start, end = p.start, p.end
            located = _locate(display, info[p.claim_id], p.start)
            if located is not None:
                start, end = located
                root = info[p.claim_id]
                display = root.root_text[start - root.root_start:end - root.root_start]
            out.append(_Mention(
                facet="title", claim_id=p.claim_id, root=p.root, source=p.source, start=start,
                end=end, text=written, value=display, key="", title="", role="", line=p.line,
                quote=p.quote, written=display, written_start=start, written_end=end,
                spelling=" ".join(tokens), owner=p.entity, suffix=suffix,
                role_by_verb=suffix == ":role" and p.role_by_verb,
            ))
            contexts[id(out[-1])] = context
        if len(out) == first_of_person + 1:
            lone_slot.add(id(out[-1]))

    by_owner: dict[str, list[_Mention]] = defaultdict(list)
    for m in out:
        by_owner[m.owner].append(m)
    number = 0
    for owner in sorted(by_owner, key=lambda e: int(e[1:])):
        ms = by_owner[owner]
        keys = sorted({m.spelling for m in ms})
        by_verb = {m.spelling for m in ms if m.role_by_verb} - {m.spelling for m in ms if not m.role_by_verb}
        uf = _UnionFind(keys)
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                if titles_fit(expand_title_key(a), expand_title_key(b), th) and _joinable(a, b, by_verb):
                    uf.union(a, b)
        for a, b in _parallel_titles(ms, contexts, th, lone_slot):
            if _joinable(a, b, by_verb):
                uf.union(a, b)
        for a, b in _exclusive_offices(keys):
            if _joinable(a, b, by_verb):
                uf.union(a, b)
        groups: dict[str, list[_Mention]] = defaultdict(list)
        for m in ms:
            groups[uf.find(m.spelling)].append(m)
        for _root, gms in sorted(groups.items(), key=lambda kv: _first(kv[1])):
            number += 1
            _title_entity(f"T{number}", gms)
    return out


def _joinable(a: str, b: str, by_verb: set[str]) -> bool:
    """An office told by a verb (only) is worded freely ("leads the brigade" / "head of the
    brigade"): it is one office with another title only when a word of what it is held over
    is swapped ("chairs the transport committee" / "chair of the budget committee"), which
    title_variant reports."""
    if a in by_verb or b in by_verb:
        return _complement_word_swapped(expand_title_key(a), expand_title_key(b))
    return True


def _complement_word_swapped(a: Sequence[str], b: Sequence[str]) -> bool:
    """One content word after the office's "of" differs, all else the same: "chair of city
    councils transport committee" / "chair of city councils budget committee"."""
    a, b = _compared_titles(a, b)
    if len(a) != len(b) or "of" not in a or a.index("of") != b.index("of"):
        return False
    swapped = [k for k, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if len(swapped) != 1 or swapped[0] < a.index("of"):
        return False
    k = swapped[0]
    function = _function_words()
    # "chair of the voluntary group <Name>" / "... of campaign group <Name>": a word
    # describing a named body is no part of the office
    describes_a_name = k + 2 < len(a) and a[k + 1] in _org_heads()
    return a[k] not in function and b[k] not in function and not describes_a_name


#: Words that join an office to the body it is held in ("spokesperson for", "head of").
_OFFICE_JOINS = frozenset({"of", "for", "at"})


@cache
def _office_kinds() -> dict[tuple[str, ...], str]:
    """data/office_kinds.csv: an office's words -> voice | lead."""
    return {tuple(r["office"].split()): r["kind"] for r in lexicon.table("office_kinds")}


def _exclusive_offices(keys: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of one person's title keys that name one body with offices nobody holds at once
    (data/office_kinds.csv): "spokesperson for <police>" / "commander of <police>"."""
    kinds = _office_kinds()
    split: list[tuple[str, str, tuple[str, ...]]] = []
    for key in keys:
        words = key.split()
        join = next((i for i, w in enumerate(words) if w in _OFFICE_JOINS), 0)
        kind = kinds.get(tuple(words[:join]), "") if join else ""
        if kind:
            split.append((key, kind, tuple(words[join + 1:])))
    return [(a, b) for i, (a, kind_a, body_a) in enumerate(split) for b, kind_b, body_b in split[i + 1:]
            if body_a and body_a == body_b and kind_a != kind_b]


#: A sentence needs this many words besides the person's name and titles to be compared as
#: context (shorter ones say too little to be "the same sentence").
_MIN_CONTEXT_WORDS = 4


def _context_without(text: str, parts: Iterable[str]) -> str:
    """The spelling key of a sentence with the given parts (a name, its titles) cut out."""
    for part in sorted((p for p in parts if p), key=len, reverse=True):
        text = text.replace(part, " ")
    return spelling_key(text)


def _parallel_titles(ms: Sequence[_Mention], contexts: dict[int, str], th: Thresholds,
                     lone_slot: set[int] | frozenset[int] = frozenset()) -> list[tuple[str, str]]:
    """Pairs of one person's title keys written in the same place of sentences that say the
    same thing otherwise, in two sources ("said Ana Ruiz, the firm's chief executive" /
    "said Ana Ruiz, the firm's chairwoman"): one title, however unlike the wordings are.
    A title before the name and a role after it are in one place too when each sentence
    gives the person nothing else ("chief executive Ana Ruiz said" / "Its marketing
    director, Ana Ruiz, said"); a sentence giving both may name two offices."""
    slots: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    lone: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for m in ms:
        entry = (m.source, contexts.get(id(m), ""))
        slots[(m.suffix, m.spelling)].add(entry)
        if id(m) in lone_slot:
            lone[(m.suffix, m.spelling)].add(entry)
    keys = sorted(slots)
    pairs = []
    for i, (suffix_a, key_a) in enumerate(keys):
        for suffix_b, key_b in keys[i + 1:]:
            if key_a == key_b:
                continue
            if suffix_a == suffix_b:
                alike = _any_alike(slots[(suffix_a, key_a)], slots[(suffix_b, key_b)], th)
            else:
                alike = _any_alike(lone[(suffix_a, key_a)], lone[(suffix_b, key_b)], th)
            if alike:
                pairs.append((key_a, key_b))
    return pairs


def _any_alike(a: Iterable[tuple[str, str]], b: Iterable[tuple[str, str]], th: Thresholds) -> bool:
    """Some (source, context) of `a` and of `b`, from two sources, say the same thing."""
    left = sorted(x for x in a if len(x[1].split()) >= _MIN_CONTEXT_WORDS)
    right = sorted(x for x in b if len(x[1].split()) >= _MIN_CONTEXT_WORDS)
    if not left or not right:
        return False
    scores = process.cdist([c for _s, c in left], [c for _s, c in right], scorer=fuzz.token_sort_ratio,
                           score_cutoff=th.entity_context_similarity, workers=1)
    return any(left[i][0] != right[j][0] for i, j in zip(*scores.nonzero(), strict=True))


def _with_orgs(tokens: tuple[str, ...], orgs: Sequence[tuple[tuple[str, ...], str]]) -> tuple[str, ...]:
    """Replace an organisation's name inside a role by its entity label; an owner country
    or demonym just before it goes with it ("head of Ruritania's Rail Agency")."""
    out = list(tokens)
    for name, label in sorted(orgs, key=lambda o: (-len(o[0]), o)):
        n = len(name)
        possessive = (*name[:-1], name[-1] + "s")
        i = 0
        while i + n <= len(out):
            if tuple(out[i:i + n]) == name:
                out[i:i + n] = [label]
                if i > 0 and (_is_owner_word(out[i - 1]) or (
                        i > 1 and out[i - 2] == "of" and out[i - 1].endswith("s") and len(out[i - 1]) > 3)):
                    # "head of Ruritania's Rail Agency", "commander of the police's Crime
                    # Unit": the body's owner goes with it
                    del out[i - 1]
            elif i == 0 and n < len(out) and tuple(out[:n]) == possessive:
                # "the Rhino Trust's chief executive": "chief executive of the Rhino Trust"
                out = [*out[n:], "of", label]
                break
            i += 1
    return tuple(out)


@lru_cache(maxsize=1 << 16)
def _is_owner_word(word: str) -> bool:
    """A country, a demonym, or a country's possessive with its apostrophe folded away."""
    return bool(_country_iso(word) or _demonym_iso(word)
                or (word.endswith("s") and _country_iso(word[:-1])))


@lru_cache(maxsize=1 << 16)
def _is_region(key: str) -> bool:
    """A province, state or other region of the gazetteer ("quebec", "new york") or a
    country's first-level subdivision ("sindh", "gauteng")."""
    return (any(place.kind == "region" for place in gazetteer.load().lookup_key(key))
            or key in _subdivision_keys())


@cache
def _subdivision_keys() -> frozenset[str]:
    """Match keys of countries' first-level subdivisions of the kinds listed in
    data/title_owner_subdivision_types.txt (pycountry's ISO 3166-2 names, the part before a
    comma or bracket: "Madrid, Comunidad de" is "madrid"), without names that are common
    words (data/place_stopwords.txt: "Central") or hold a compass word
    (data/compass_words.txt: "North East"): those open many titles as plain words."""
    import pycountry

    kinds = set(lexicon.entries("title_owner_subdivision_types"))
    common = {match_key(w) for w in lexicon.entries("place_stopwords")}
    compass = _compass_keys()
    keys = set()
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.type in kinds:
            key = match_key(re.split(r"[,\[(]", subdivision.name)[0])
            if key and key not in common and not set(key.split()) & compass:
                keys.add(key)
    return frozenset(keys)


def _title_entity(entity: str, ms: list[_Mention]) -> None:
    """Sets the entity, and a spelling only on mentions whose wording differs materially
    from another's. Wordings that only add or drop detail, or use a synonym, are one form
    (the most used of them stands for all), so the report lists each real difference once."""
    keys = sorted({m.spelling for m in ms})
    differences = {(a, b): title_difference(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]}
    if _time_modifier_is_style(ms):
        differences = {(a, b): title_difference(_without_time_modifiers(a), _without_time_modifiers(b))
                       if d in MATERIAL_TITLE_DIFFERENCES else d for (a, b), d in differences.items()}
    forms = _UnionFind(keys)
    bridges = _bridging_titles(differences)
    for (a, b), difference in differences.items():
        if difference not in MATERIAL_TITLE_DIFFERENCES and a not in bridges and b not in bridges:
            forms.union(a, b)
    form_of = {k: forms.find(k) for k in keys}
    if any(form_of[a] == form_of[b] for (a, b), d in differences.items() if d in MATERIAL_TITLE_DIFFERENCES):
        form_of = {k: k for k in keys}  # "Minister" beside two portfolios: keep every wording apart
    material = set()
    for (a, b), difference in differences.items():
        if difference in MATERIAL_TITLE_DIFFERENCES and form_of[a] != form_of[b]:
            material.update((form_of[a], form_of[b]))
    members: dict[str, list[_Mention]] = defaultdict(list)
    for m in ms:
        members[form_of[m.spelling]].append(m)
    for form, fms in members.items():
        shown = _closest_wording(fms, [k for k in keys if form_of[k] != form]) if form in material else ""
        for m in fms:
            m.entity = entity
            if not shown:
                m.method = "title: detail" if len(keys) > 1 else "exact"
            m.spelling = shown
    canonical = _canonical_spelling(ms)
    for m in ms:
        if m.spelling and m.spelling != canonical:
            m.score = float(fuzz.ratio(m.spelling, canonical))
            m.method = f"title: {title_difference(m.spelling, canonical)}"


def _bridging_titles(differences: dict[tuple[str, str], str]) -> set[str]:
    """Title keys that only add or drop detail beside two keys that differ materially from
    each other: a bare "Minister" beside "Public Security Minister" and "Environment
    Minister" is a form of neither, and must not make the two one form."""
    near: dict[str, set[str]] = defaultdict(set)
    material: set[tuple[str, str]] = set()
    for (a, b), difference in differences.items():
        if difference in MATERIAL_TITLE_DIFFERENCES:
            material.update(((a, b), (b, a)))
        else:
            near[a].add(b)
            near[b].add(a)
    return {k for k, alike in near.items()
            if any((x, y) in material for x in alike for y in alike if x < y)}


def _generic_head_named(words: tuple[str, ...], other: tuple[str, ...],
                        modifiers: frozenset[str]) -> tuple[str, ...]:
    """A generic head word ("head", "leader") of `words` replaced by the one office word of
    `other` that `words` lacks: "UNEA head" against "UNEA president" is "UNEA president"."""
    # a generic word heads the title: last, or before "of" ("head of UNEA"), not "chief
    # executive"
    generic = [k for k, w in enumerate(words) if w in _generic_heads() and w not in other
               and (k == len(words) - 1 or words[k + 1] in _TITLE_LINKS)]
    offices = [w for w in other if w not in words and w in _title_words() and w not in modifiers
               and w not in _generic_heads()]
    if len(generic) != 1 or len(offices) != 1:
        return words
    k = generic[0]
    return (*words[:k], offices[0], *words[k + 1:])


@cache
def _generic_heads() -> frozenset[str]:
    """data/title_generic_heads.txt: "head", "leader" (whoever leads a body)."""
    return frozenset(lexicon.words("title_generic_heads"))


@cache
def _time_modifiers() -> frozenset[str]:
    return frozenset(lexicon.words("title_time_modifiers"))


@lru_cache(maxsize=1 << 12)
def _without_time_modifiers(key: str) -> str:
    modifiers = _time_modifiers()
    kept = []
    for word in key.split():
        head, _, rest = word.partition("-")
        if word in modifiers:
            continue
        kept.append(rest if rest and head in modifiers else word)  # "ex-minister": minister
    return " ".join(kept)


def _time_modifier_is_style(ms: Sequence[_Mention]) -> bool:
    """One source writes the title both with and without a word of
    data/title_time_modifiers.txt ("former deputy mayor" and "deputy mayor"): for it that
    word is style, so it makes no difference between sources either."""
    written: dict[str, set[bool]] = defaultdict(set)
    for m in ms:
        written[m.source].add(_without_time_modifiers(m.spelling) != m.spelling)
    return any(len(kinds) == 2 for kinds in written.values())


def _closest_wording(ms: Sequence[_Mention], others: Sequence[str]) -> str:
    """The wording of one form that stands for it in the report: the one most sources use;
    among those, the one closest to another form's wording, so the difference shows plainly
    ("head of the institute" / "deputy head of the institute")."""
    own = sorted({m.spelling for m in ms})
    if len(own) == 1:
        return own[0]
    closeness = {k: max((fuzz.ratio(k, o) for o in others), default=0.0) for k in own}
    sources: dict[str, set[str]] = defaultdict(set)
    for m in ms:
        sources[m.spelling].add(m.source)
    return min(own, key=lambda k: (-len(sources[k]), -closeness[k], k))


# ---- entities table ----------------------------------------------------------------------


def _entity_rows(every: list[_Mention], persons: list[_Mention]) -> pd.DataFrame:
    by_entity: dict[str, list[_Mention]] = defaultdict(list)
    for m in every:
        if m.entity:
            by_entity[m.entity].append(m)
    person_names = {e: display_form(ms) for e, ms in by_entity.items() if e.startswith("P")}
    rows = []
    for entity, ms in by_entity.items():
        owner = ms[0].owner
        rows.append({
            "entity_id": entity, "facet": ms[0].facet, "canonical": display_form(ms),
            "n_mentions": len({m.span for m in ms}), "n_sources": len({m.source for m in ms}),
            "n_variants": max(1, len({m.spelling for m in ms if m.spelling})),
            "owner": owner, "owner_name": person_names.get(owner, ""),
        })
    if not rows:
        return empty_frame(ENTITY_COLUMNS)
    rows.sort(key=lambda r: ("POT".index(r["entity_id"][0]), int(r["entity_id"][1:])))
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


def display_form(ms: Sequence[_Mention] | pd.DataFrame) -> str:
    """The canonical spelling as most often written (ties alphabetical)."""
    items = _as_items(ms)
    spelled = [i for i in items if i[0]] or items
    canonical = _canonical_of(spelled)
    written = Counter(w for s, _src, _span, w in spelled if s == canonical)
    # the full form ("Olena Kovalenko") before a surname-only mention of it ("Kovalenko")
    return min(written, key=lambda w: (spelling_key(w) != canonical, -written[w], w)) if written else ""


def _as_items(ms: Sequence[_Mention] | pd.DataFrame) -> list[tuple[str, str, tuple[str, int, int], str]]:
    if isinstance(ms, pd.DataFrame):
        return [(str(r.spelling), str(r.source), (str(r.source), int(r.start), int(r.end)), str(r.written))
                for r in row_tuples(ms)]
    return [(m.spelling, m.source, m.span, m.written) for m in ms]


def _canonical_of(items: list[tuple[str, str, tuple[str, int, int], str]]) -> str:
    sources: dict[str, set[str]] = defaultdict(set)
    spans: dict[str, set[tuple[str, int, int]]] = defaultdict(set)
    for spelling, source, span, _w in items:
        sources[spelling].add(source)
        spans[spelling].add(span)
    return min(sources, key=lambda s: (-len(sources[s]), -len(spans[s]), s)) if sources else ""
