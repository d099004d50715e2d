"""The quick paths of the extraction stages give what the plain computations they stand for
give: reduced patterns on texts without digits, hints before slow patterns, word counts
instead of a walk over every word, memoised lookups."""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from checker import classify, gazetteer
from checker.facets import dates, figures, places
from checker.facets.base import Facet
from checker.facets.names import SpanIndex, tokenize
from checker.facets.persons import _blocked_tokens
from checker.resolve import spelling_key
from checker.segment import layout
from checker.textutil import fold, match_key

WORDS = st.sampled_from([
    "Monday", "MONDAY", "sunday's", "the", "one", "First", "twenty-two", "a dozen", "half a dozen",
    "Kenya", "Kenyan", "U.S.", "Costa Rica", "said", "Said", "told", "pointed out", "he", "Ana",
    "Ruiz", "O'Neil", "the 1990s", "mid-1980S", "'90s", "in 2024", "since the year 1999", "3",
    "March", "Mar.", "12th", "of", "June", "$", "million", ",", ".", '"', "“", "”", "(", ")",
    "-", "\n", "  ", "ſunday", "İstanbul",
])
TEXTS = st.lists(WORDS, max_size=30).map(" ".join)


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _named(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_reduced_patterns_match_like_the_full_ones_without_digits(text: str) -> None:
    text = re.sub(r"\d", "", text)
    lowered = fold(text).translate(figures._ASCII_LOWER)
    t = figures._tables()
    assert _named(t.word_pattern, lowered) == _named(t.pattern, lowered)
    assert _matches(classify._WEEKDAY_WORD, text) == _matches(classify._DATE_WORD, text)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_date_hints_are_in_every_match(text: str) -> None:
    t = dates._tables()
    assert not t.decade.search(text) or dates._DECADE_HINT.search(text)
    assert not t.year.search(text) or dates._YEAR_HINT.search(text)


def _terms_word_by_word(text: str, start: int, end: int, sentence_starts: list[int]
                        ) -> tuple[frozenset[str], frozenset[str]]:
    names: set[str] = set()
    content: set[str] = set()
    for m in classify._WORD.finditer(text, start, end):
        for key, capitalised, long_enough in classify._token_keys(m.group()):
            if capitalised and m.start() not in sentence_starts:
                names.add(key)
            elif long_enough:
                content.add(key)
    return frozenset(names), frozenset(content - names)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.lists(st.integers(0, 200), max_size=5), st.integers(0, 20))
def test_terms_count_words_as_a_walk_over_them_would(text: str, starts: list[int],
                                                      cut: int) -> None:
    start, end = min(cut, len(text)), len(text)
    after_spaces = [m.end() for m in re.finditer(r"\s+", text)]
    for sentence_starts in (starts, [start, *after_spaces], after_spaces[:3]):
        terms = classify._terms(text, start, end, sentence_starts)
        assert (terms.names, terms.words) == _terms_word_by_word(text, start, end,
                                                                 sentence_starts)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_attributions_skip_only_sentences_without_a_said_verb(text: str) -> None:
    lay = layout(text, 0)
    for s in lay.sentences:
        voice = classify._writer_voice(fold(text[s.start:s.end]), s.start, s.end, lay)
        assert classify.attributions(text, s.start, s.end, lay) == classify._attributions(
            text, s.start, s.end, lay, voice)


def test_rules_for_a_segment_keep_their_order() -> None:
    rules = classify._rules()
    for n_words in (0, 3, 12, 40, 81):
        for at_edge in (False, True):
            assert classify._rules_for(n_words, at_edge) == tuple(
                r for r in rules if not (n_words > r.max_words or (r.edge_only and not at_edge)))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_country_mentions_with_and_without_regions_in_one_reading(text: str) -> None:
    def counts(with_regions: bool) -> dict[str, int]:
        found: Counter[str] = Counter()
        for run in gazetteer._CAPITALISED_RUN.finditer(text, 0, gazetteer.COUNTRIES_NAMED_SCAN):
            words = run.group().split(" ")
            i = 0
            while i < len(words):
                for j in range(len(words), i, -1):
                    known, iso = gazetteer._country_of(gazetteer.load(), " ".join(words[i:j]),
                                                       with_regions)
                    if known:
                        if iso:
                            found[iso] += 1
                        i = j
                        break
                else:
                    i += 1
        return dict(found)

    assert gazetteer._country_mentions.__wrapped__(text) == (counts(False), counts(True))


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.lists(st.tuples(st.integers(-5, 120), st.integers(0, 12)), max_size=4),
       st.integers(0, 30))
def test_blocked_tokens_are_those_overlapping_a_facet(text: str, spans: list[tuple[int, int]],
                                                      base: int) -> None:
    toks = tokenize(text)
    facets = [Facet("org", base + s, base + s + n, "", "") for s, n in spans]
    index = SpanIndex([(f.start - base, f.end - base) for f in facets])
    expected = tuple(bool(facets) and index.overlaps(s, e) for s, e in zip(toks.start, toks.end,
                                                                             strict=True))
    assert _blocked_tokens(toks, facets, base) == expected


def test_max_words_of_a_place_name_start() -> None:
    first_words = places._rules().gazetteer.first_words
    for written in ("Costa", "Costa's", "New", "St.", "Córdoba", "Nowhereland", "U.S."):
        key = gazetteer.fast_key(written.removesuffix("'s"))
        expected = min(max(first_words.get(key, 0), first_words.get(key.rstrip("."), 0)),
                       places._MAX_WORDS)
        assert places._max_words(written) == expected
    assert places._max_words("Costa") >= 2


@settings(max_examples=300, deadline=None)
@given(st.one_of(TEXTS, st.text(max_size=40)))
def test_spelling_key_keeps_what_isalnum_keeps_of_each_word(text):
    plain = " ".join("".join(ch for ch in word if ch.isalnum()) for word in match_key(text).split()).strip()
    assert spelling_key(text) == plain
