"""The tokens of a span or a line, read from the tokens of the whole text, are the tokens of
that span or line tokenised on its own (offsets aside)."""

from __future__ import annotations

import itertools
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.facets.names import Tokens, line_tokens, tokenize, tokenize_span

PIECES = st.sampled_from([
    "Gen.", "Ana", "Ruiz's", "O'Neil", "O’Neil", "'s", "s", "'", "’", "U.S.", "Lt.-Col", "3.5",
    "1,200", "done.", "(res.)", ".", "..", ",", "-", "—", "\u200b", "\u00a0", "é", "İ", "x",
    " ", "  ", "\t", "\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029",
])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


def _shifted(toks: Tokens, by: int) -> Tokens:
    return Tokens(toks.text, toks.key, tuple(s + by for s in toks.start),
                  tuple(e + by for e in toks.end), toks.cap)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 200), st.integers(0, 200))
def test_a_span_has_the_tokens_of_its_text(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert tokenize_span(text, start, end) == tokenize(text[start:end])


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_sentence_cut_at_whitespace_has_the_tokens_of_its_text(text: str) -> None:
    cuts = sorted({0, len(text), *(i for m in re.finditer(r"\s+", text) for i in m.span())})
    for start, end in [*itertools.pairwise(cuts), *zip(cuts, cuts[2:], strict=False)]:
        assert tokenize_span(text, start, end) == tokenize(text[start:end])


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_lines_have_the_tokens_of_splitlines(text: str) -> None:
    expected = []
    offset = 0
    for line in text.splitlines(keepends=True):
        bare = line.splitlines()[0] if line.splitlines() else ""
        toks = tokenize(bare)
        if toks.text:
            expected.append(_shifted(toks, offset))
        offset += len(line)
    assert list(line_tokens(text)) == expected


def test_the_possessive_and_final_dot_at_a_span_end() -> None:
    text = "Ana Ruiz's plan. Gen. Lee said 's. Done."
    assert tokenize_span(text, 0, 16) == tokenize("Ana Ruiz's plan.")
    assert tokenize_span(text, 17, 34) == tokenize("Gen. Lee said 's.")
    assert tokenize_span(text, 4, 8) == tokenize("Ruiz")  # not at whitespace: read alone
