"""Organisation facets (facet="org").

An organisation is a run of capitalised words ending in a head noun from
`data/org_keywords.txt` or `data/publications.txt` ("... Council", "... Post"), optionally
followed by a complement ("Ministry of Finance", "Center for Policy Studies", "Office of the
President of <Country>"), or a head noun with such a complement alone.

    text   as written, with a leading capitalised "The" ("The Morning Post")
    value  the name without "the" and without a possessive owner, folded ("National Grid
           Authority" for "<Country>'s National Grid Authority")
    key    the owner when the name is introduced by a place's possessive ("<Country>")
    note   "publication" for a newspaper or broadcaster; "acronym XYZ" where the name is
           defined with an acronym in brackets; "acronym of <name>" on a later use of it

An acronym defined anywhere in the article ("Health Protection Office (HPO)") makes a later
"the HPO" an org facet with the full name as its value.

A name with no head noun is an organisation when the article applies a noun of
`data/org_cue_nouns.txt` to it: right before it ("the dairy company Nordvik Meieri", "carmaker
Voltra") or as the last word of an apposition after it ("Nordvik Meieri, the country's
largest dairy,"). Every use of that name in the article is then an organisation (note "cue
<noun>" where the cue is, "named as organisation" elsewhere), so the persons extractor never
takes it for a person.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from checker import lexicon
from checker.facets.base import ArticleContext, Facet, Segment
from checker.facets.names import (
    DETERMINERS,
    POSSESSIVE,
    SpanIndex,
    Tokens,
    clean,
    is_place,
    lex,
    line_tokens,
    tokenize_span,
)
from checker.textutil import match_key

#: Facets of earlier extractors whose spans an organisation may not overlap.
_BLOCKING = frozenset({"date", "figure"})
_COMPLEMENT = frozenset({"of", "for", "on"})
_MAX_NAME_TOKENS = 14
#: Words of a name introduced by a cue noun ("the company Nordvik Meieri Holding").
_MAX_CUE_NAME = 4
#: Lower-case words between the determiner and the cue noun of an apposition after a name
#: ("<Name>, the country's second-largest dairy").
_MAX_CUE_ADJECTIVES = 3


@dataclass(frozen=True)
class OrgSpan:
    first: int  # token index of the name's first word (after "The" and the owner)
    last: int  # token index of the name's last word (inclusive)
    text_first: int  # token index where the mention's text starts ("The")
    owner: str
    publication: bool
    acronym: str


def extract(segment: Segment, found: Sequence[Facet], ctx: ArticleContext) -> list[Facet]:
    toks = tokenize_span(ctx.text, segment.start, segment.end)
    blocked = SpanIndex([(f.start, f.end) for f in found if f.facet in _BLOCKING])
    out: list[Facet] = []
    taken: list[tuple[int, int]] = []
    base = segment.start
    for span in find_orgs(toks):
        start = base + toks.start[span.text_first]
        end = base + toks.end[span.last]
        if blocked.overlaps(start, end):
            continue
        value = _name(segment.text, toks, span.first, span.last)
        notes = []
        if span.publication:
            notes.append("publication")
        if span.acronym:
            notes.append(f"acronym {span.acronym}")
        out.append(Facet("org", start, end, segment.text[start - base:end - base], value,
                         key=span.owner, note="; ".join(notes)))
        taken.append((start, end))
    named = article_cue_orgs(ctx.text)
    if named:
        taken_spans = SpanIndex(taken)
        for first, last, cue in cue_org_runs(toks, named):
            start, end = base + toks.start[first], base + toks.end[last]
            if taken_spans.overlaps(start, end) or blocked.overlaps(start, end):
                continue
            note = f"cue {cue}" if cue else "named as organisation"
            out.append(Facet("org", start, end, segment.text[start - base:end - base],
                             _name(segment.text, toks, first, last), note=note))
            taken.append((start, end))
    acronyms = article_acronyms(ctx.text)
    if acronyms:
        taken_spans = SpanIndex(taken)
        for i, key in enumerate(toks.text):
            full = acronyms.get(key)
            if not full:
                continue
            start, end = base + toks.start[i], base + toks.end[i]
            if i + 1 < len(toks) and toks.text[i + 1] == ")" and i > 0 and toks.text[i - 1] == "(":
                continue  # the definition itself
            if taken_spans.overlaps(start, end) or blocked.overlaps(start, end):
                continue
            out.append(Facet("org", start, end, key, full, note=f"acronym of {full}"))
    return out


def find_orgs(toks: Tokens) -> list[OrgSpan]:
    """Every organisation name in the tokens, left to right, not overlapping."""
    lx = lex()
    heads = _heads()
    spans: list[OrgSpan] = []
    n = len(toks)
    # Names end in a capitalised head noun: the loop visits those tokens only.
    candidates = [k for k, key in enumerate(toks.key)
                  if key in heads and toks.cap[k] and toks.text[k] != POSSESSIVE]
    c = 0
    while c < len(candidates):
        i = candidates[c]
        c += 1
        # The head is the last head noun of its capitalised run ("Central Bank Governor":
        # Bank; "Highveld Mines Rescue Service": Service, one name).
        if _later_head(toks, i, heads) or _head_opens_title(toks, i):
            continue
        first, owner = _left_edge(toks, i, spans[-1].last + 1 if spans else 0)
        last = i
        publication = toks.key[i] in lx.publication_heads
        if publication and i + 1 < n and toks.text[i + 1].isdigit():
            last = i + 1  # "Channel 12"
        if match_key(toks.key[i]) in _heads_first():
            last = _name_after_head(toks, i)
        last = _complement(toks, last, heads)
        if first == i and last == i:
            continue  # a head noun alone ("the Council") names nothing
        if last == i and i - first == 1 and toks.key[first] in _compass_words():
            continue  # "<Direction> Bank": a region
        text_first = first
        if not owner and first > 0 and toks.text[first - 1] == "The":
            text_first = first - 1
        acronym = ""
        if (last + 3 < n and toks.text[last + 1] == "(" and toks.text[last + 3] == ")"
                and (_is_acronym(toks.text[last + 2])
                     or _is_short_name(toks.text[last + 2], toks.text[first:last + 1]))):
            acronym = toks.text[last + 2]
        spans.append(OrgSpan(first, last, text_first, owner, publication, acronym))
        c = bisect_left(candidates, last + 1, c)
    return spans


#: How far a capitalised run is followed for a later head noun.
_MAX_HEAD_LOOKAHEAD = 3


def _later_head(toks: Tokens, i: int, heads: frozenset[str]) -> bool:
    """Whether the capitalised run goes on from head `i` to another head noun within a few
    words (an "and" between capitalised words passed over), with no other function word,
    title or honorific between."""
    lx = lex()
    limit = i + 1 + _MAX_HEAD_LOOKAHEAD
    j = i + 1
    while j < min(len(toks), limit):
        if (toks.key[j] == "and" and j > i + 1 and j + 1 < len(toks) and toks.cap[j - 1]
                and toks.cap[j + 1] and toks.text[j + 1][:1].isalpha()):
            # "Aviation Safety and Consumer Authority": one name pairing two fields (not a
            # head right before "and": "Torvald Foods and Kessler GmbH" are two)
            limit += 1
            j += 1
            continue
        if not toks.cap[j] or not toks.text[j][:1].isalpha() or toks.key[j] in lx.function_words:
            return False
        if toks.key[j] in heads:
            return True
        if (toks.key[j],) in lx.titles or (toks.key[j],) in lx.honorifics:
            return False
        j += 1
    return False


#: The apostrophe of a plural possessive ("Doctors'"), a token of its own.
_PLURAL_POSSESSIVE = frozenset({"'", "\u2019"})


def _left_edge(toks: Tokens, head: int, floor: int) -> tuple[int, str]:
    """(index of the name's first token, the possessive owner if a place owns the name)."""
    lx = lex()
    j = head
    while j - 1 >= floor:
        prev = toks.text[j - 1]
        if prev == POSSESSIVE or (prev in _PLURAL_POSSESSIVE and j - 2 >= floor
                                  and toks.text[j - 2].endswith("s")):
            # "Ruritania's Central Bank"; "the Scottish Resident Doctors' Association"
            if j - 2 >= floor and toks.cap[j - 2]:
                j -= 1
                continue
            break
        if not toks.cap[j - 1] or toks.key[j - 1] in lx.function_words or prev == "The":
            break
        if toks.key[j - 1].endswith(_front_descriptors()):
            break  # "the Tsukuba-based Japan Weather Satellite Agency"
        if head - (j - 1) > _MAX_NAME_TOKENS:
            break
        j -= 1
    j = _paired_front(toks, j, floor)
    # A place's possessive at the front is the owner, not part of the name.
    owner = ""
    for k in range(j, head):
        if toks.text[k] == POSSESSIVE:
            candidate = " ".join(toks.text[j:k])
            if is_place(candidate) or toks.key[j:k] in lx.demonyms:
                owner = clean(candidate)
                j = k + 1
            break
    return j, owner


#: At most this many capitalised words before "and" at the front of a name.
_MAX_PAIRED_FRONT = 3


def _paired_front(toks: Tokens, first: int, floor: int) -> int:
    """A name's first token, taking in "<Word> and" before it when a determiner opens the
    pair ("the Food and Drug Administration", "the Platinum and Allied Workers Union", "the
    organising Sports and Events Foundation"), or
    two words or more set off by punctuation; otherwise ("met Tesla and Ford Motor Company")
    the words before "and" are their own."""
    lx = lex()
    if first - 2 < floor or toks.text[first - 1] != "and":
        return first
    j = first - 1
    while j - 1 >= floor and first - 1 - (j - 1) <= _MAX_PAIRED_FRONT and toks.cap[j - 1] \
            and toks.text[j - 1][:1].isalpha() and toks.key[j - 1] not in lx.function_words:
        j -= 1
    if j == first - 1:
        return first
    # a determiner before the pair, or, for a front of two words or more, nothing but
    # punctuation ('relief," Pakistan Meteorological and Climate Authority (PMCA) ...')
    opened = j - 1 >= floor and (toks.key[j - 1] in DETERMINERS or (
        # "the organising Brabant Sports and Culture Foundation": a describing word between
        j - 2 >= floor and toks.key[j - 2] in DETERMINERS and toks.text[j - 1].isalpha()
        and toks.text[j - 1].islower() and toks.key[j - 1] not in lx.function_words))
    set_off = (j - 1 < floor or not toks.text[j - 1][:1].isalnum()) and first - 1 - j >= 2
    if not (opened or set_off):
        return first
    if is_place(" ".join(toks.text[j:first - 1])):
        return first  # "the Kenya and Uganda Railways": two owners, not one name
    if first - 1 - j >= 2 and is_place(toks.text[first - 2]):
        return first  # "Harbourline Securities India and Deccan Capital": a name ends in its country
    return j


def _complement(toks: Tokens, last: int, heads: frozenset[str]) -> int:
    """Extend a name over "of/for/on [the] Capitalised ...", "and Capitalised" (no new head)."""
    lx = lex()
    n = len(toks)
    j = last
    while j + 1 < n:
        conn = toks.key[j + 1]
        if conn in _COMPLEMENT or (conn == "and" and j > last):
            k = j + 2
            if conn != "and" and k < n and toks.key[k] == "the" and not toks.cap[k]:
                k += 1
            if k >= n or not toks.cap[k] or toks.key[k] in lx.function_words:
                break
            run_end = k
            while run_end + 1 < n and toks.cap[run_end + 1] and toks.text[run_end + 1] != POSSESSIVE:
                if _starts_title(toks, run_end + 1) and not _adjective_before_plural(toks, run_end + 1):
                    break
                run_end += 1
            head_first = next((t for t in range(k, run_end + 1) if match_key(toks.key[t]) in _heads_first()), -1)
            if head_first >= 0:
                run_end = max(run_end, _name_after_head(toks, head_first))  # "of the Asociación de Clubes"
            if conn == "and" and any(toks.key[t] in heads and toks.key[t] not in _field_heads()
                                     for t in range(k, run_end + 1)):
                break  # "... of England and Barclays Bank": a second organisation
            if j > last and conn == "of" and toks.key[j + 2] == "the" and _names_a_body(toks, k, heads):
                # "Committee for Professional Clubs of the Football Federation": a name that
                # already has its complement ends where its parent body is named.
                break
            if _starts_title(toks, k):
                break
            j = run_end
            continue
        break
    return j


def _names_a_body(toks: Tokens, k: int, heads: frozenset[str]) -> bool:
    """The capitalised run at k (possessives and titles inside it too: "National
    Prosecutor's Office") ends in a head noun."""
    end = k
    while end + 1 < len(toks) and (toks.cap[end + 1] or toks.text[end + 1] == POSSESSIVE):
        end += 1
    return any(toks.key[t] in heads for t in range(k, end + 1))


def _adjective_before_plural(toks: Tokens, i: int) -> bool:
    """A one-word title that is also an adjective ("Private", "General") before the last
    capitalised word of a name, a plural ("Confederation of Polish Private Employers"): a
    person after a title has a name, not a plural noun ("Private Ana Ruiz")."""
    j = i + 1
    return (j < len(toks) and toks.cap[j] and toks.key[j].endswith("s")
            and (j + 1 >= len(toks) or not toks.cap[j + 1])
            and toks.text[j + 1:j + 2] != (POSSESSIVE,))


def _head_opens_title(toks: Tokens, i: int) -> bool:
    """A head noun that is the first word of a title of two words or more ("Foreign Affairs
    Cabinet Secretary <Name>"): an office, not a body's name."""
    lx = lex()
    return any(toks.key[i:i + length] in lx.titles for length in range(2, min(lx.max_title, len(toks) - i) + 1))


def _starts_title(toks: Tokens, i: int) -> bool:
    lx = lex()
    for length in range(min(lx.max_title, len(toks) - i), 0, -1):
        if toks.key[i:i + length] in lx.titles:
            # A head noun's complement may itself name an office ("Office of the President").
            return i > 0 and toks.key[i - 1] not in DETERMINERS and toks.key[i - 1] not in _COMPLEMENT
    return False


@cache
def _heads() -> frozenset[str]:
    """Organisation and publication head nouns, in English and in languages that put the
    head first (data/org_heads_first.txt)."""
    lx = lex()
    first = {w.casefold() for w in lexicon.entries("org_heads_first")}
    return lx.org_heads | lx.publication_heads | first | {match_key(w) for w in first}


@cache
def _heads_first() -> frozenset[str]:
    return frozenset(match_key(w) for w in lexicon.entries("org_heads_first"))


@cache
def _head_first_links() -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon.entries("org_heads_first_links"))


#: Link words in a row inside a head-first name ("de la", "de los").
_MAX_LINKS = 2


def _name_after_head(toks: Tokens, head: int) -> int:
    """The last token of a name whose head comes first: the capitalised words after it and
    the link words between them ("Clínica Universitaria del Mediterráneo", "Banco de la
    Nación Argentina"), up to a title, a possessive or anything else."""
    lx = lex()
    links = _head_first_links()
    n = len(toks)
    last = j = head
    while j + 1 < n and j - head < _MAX_NAME_TOKENS:
        k = j + 1
        while k < n and k - j <= _MAX_LINKS and toks.key[k] in links and not toks.cap[k]:
            k += 1
        if (k >= n or not toks.cap[k] or not toks.text[k][:1].isalpha() or toks.text[k] == POSSESSIVE
                or (k == j + 1 and toks.key[k] in lx.function_words) or _starts_title(toks, k)):
            break
        if k + 1 < n and toks.text[k + 1] == POSSESSIVE:
            break  # "... del Levante's director": the owner of what follows ends the name
        last = j = k
    return last


@cache
def _front_descriptors() -> tuple[str, ...]:
    """data/org_front_descriptors.txt."""
    return tuple(lexicon.entries("org_front_descriptors"))


@cache
def _field_heads() -> frozenset[str]:
    """data/org_field_heads.txt, folded."""
    return frozenset(w.casefold() for w in lexicon.entries("org_field_heads"))


@cache
def _compass_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon.entries("compass_words"))


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and sum(c.isupper() for c in letters) >= 2


def _is_short_name(word: str, name: Sequence[str]) -> bool:
    """A short name in brackets after a body's name, made of its syllables rather than its
    initials ("National Superintendency for Land Transport Safety (Sunaset)"): one
    capitalised word that begins with the first letter of a word of the name and is no
    place ("... Laboratory (Chandigarh)")."""
    from checker import gazetteer

    return (3 <= len(word) <= 12 and word.isalpha() and word[0].isupper() and word[1:].islower()
            and any(w[:1] == word[0] for w in name if w[:1].isupper())
            and not gazetteer.load().lookup(word))


def _name(text: str, toks: Tokens, first: int, last: int) -> str:
    return clean(text[toks.start[first]:toks.end[last]])


@lru_cache(maxsize=16)
def article_acronyms(text: str) -> dict[str, str]:
    """Acronyms the article defines for organisations: {"HPO": "Health Protection Office"}.
    An acronym defined for two different names is dropped (ambiguous)."""
    if "(" not in text:
        return {}
    seen: dict[str, set[str]] = {}
    for toks in line_tokens(text):
        if "(" not in toks.text:
            continue
        for span in find_orgs(toks):
            if span.acronym:
                seen.setdefault(span.acronym, set()).add(_name(text, toks, span.first, span.last))
    return {acr: next(iter(names)) for acr, names in sorted(seen.items()) if len(names) == 1}


# --- names the text calls an organisation ---

@cache
def _cue_nouns() -> frozenset[str]:
    return frozenset(w.casefold() for w in lexicon.entries("org_cue_nouns"))


def _cap_run(toks: Tokens, i: int) -> int:
    """Index after the capitalised name words starting at i (i when there are none)."""
    lx = lex()
    j = i
    while (j < len(toks) and j - i < _MAX_CUE_NAME and toks.cap[j] and toks.text[j][:1].isalpha()
           and toks.key[j] not in lx.function_words and (toks.key[j],) not in lx.titles
           and (toks.key[j],) not in lx.honorifics):
        j += 1
    return j


def _free_after(toks: Tokens, end: int) -> bool:
    """The name ends its phrase: punctuation, the end, a possessive or a function word
    ("the company Voltra for ...") - not a verb ("the firm Ana Ruiz founded")."""
    if end >= len(toks):
        return True
    text = toks.text[end]
    if not text[:1].isalpha() or text == POSSESSIVE:
        return True
    return toks.key[end] in lex().function_words and not toks.cap[end]


def _determined(toks: Tokens, cue: int) -> bool:
    """"the firm <Name> founded": after a determiner and its bare cue noun, a name followed
    by a verb may be the subject of a relative clause; "Brazilian carmaker <Name> agreed" is
    not."""
    return cue > 0 and toks.key[cue - 1] in DETERMINERS


def _cue_before(toks: Tokens, first: int) -> str:
    """The cue noun right before a name ("dairy company <Name>"), or ""."""
    prev = first - 1
    if prev < 0 or toks.cap[prev] or toks.key[prev] not in _cue_nouns():
        return ""
    return toks.key[prev]


def _cue_after(toks: Tokens, end: int) -> str:
    """The cue noun ending an apposition after a name ("<Name>, the country's largest
    dairy,"), or ""."""
    lx = lex()
    n = len(toks)
    if end + 1 >= n or toks.text[end] != ",":
        return ""
    k = end + 1
    if toks.key[k] in DETERMINERS and not toks.cap[k]:
        k += 1
    elif toks.cap[k] and k + 1 < n and toks.text[k + 1] == POSSESSIVE:
        k += 2  # "<Country>'s"
    else:
        return ""
    if k < n and toks.text[k] == POSSESSIVE:
        return ""
    if k + 1 < n and toks.text[k + 1] == POSSESSIVE:
        k += 2  # "the country's"
    for q in range(k, min(n, k + _MAX_CUE_ADJECTIVES + 1)):
        key = toks.key[q]
        if (toks.cap[q] or not toks.text[q][:1].isalpha() or key in lx.function_words
                or (key,) in lx.titles):
            return ""
        if key in _cue_nouns():
            after = q + 1
            closed = after >= n or not toks.text[after][:1].isalpha() or (
                toks.key[after] in lex().function_words and toks.text[after] != POSSESSIVE)
            return key if closed else ""
    return ""


def cue_org_runs(toks: Tokens, named: frozenset[tuple[str, ...]]) -> list[tuple[int, int, str]]:
    """(first, last, cue) of each capitalised run that the article calls an organisation:
    the run is in `named`, with the cue noun found here or "" when named elsewhere."""
    out: list[tuple[int, int, str]] = []
    n = len(toks)
    for i, end in _cap_runs(toks):
        if i > 0 and toks.cap[i - 1] and toks.text[i - 1][:1].isalpha():
            continue  # inside a longer capitalised run
        if toks.key[i:end] in named and (end >= n or not toks.cap[end]):
            out.append((i, end - 1, _cue_before(toks, i) or _cue_after(toks, end)))
    return out


def _cap_runs(toks: Tokens) -> Iterator[tuple[int, int]]:
    """(first, end) of each capitalised run of the line, left to right (`_cap_run`)."""
    i = 0
    while i < len(toks):
        end = _cap_run(toks, i) if toks.cap[i] else i
        if end == i:
            i += 1
            continue
        yield i, end
        i = end


@lru_cache(maxsize=16)
def article_cue_orgs(text: str) -> frozenset[tuple[str, ...]]:
    """Token keys of the names the article calls organisations with a cue noun."""
    if not any(noun in text for noun in _cue_nouns()):
        return frozenset()
    names: set[tuple[str, ...]] = set()
    cue_nouns = _cue_nouns()
    for toks in line_tokens(text):
        if cue_nouns.isdisjoint(toks.key):
            continue  # no cue noun, before or after a name
        n = len(toks)
        for i, end in _cap_runs(toks):
            whole = (i == 0 or not toks.cap[i - 1]) and (end >= n or not toks.cap[end])
            if whole and not is_place(" ".join(toks.text[i:end])) and (
                    (_cue_before(toks, i) and (_free_after(toks, end) or not _determined(toks, i - 1)))
                    or _cue_after(toks, end)):
                names.add(toks.key[i:end])
    return frozenset(names)
