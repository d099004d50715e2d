"""Properties of segmentation on random text with quotes, dots, dashes and newlines: segments
never overlap, their offsets point at their text, and nothing but whitespace and list markers
is lost between them."""

from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.segment import CLASSES, segment

BULLETS = set("-–—•*·▪●◦‣")

TOKENS = st.sampled_from([
    "The", "talks", "ended", "Mr.", "Dr.", "Gen.", "(res.)", "U.S.", "No.", "3.5", "J.", "said",
    "he", "said:", "could", "may", "\"", "“", "”", "'", "’", ".", "...", "…", "!", "?", ",", ":",
    "-", "–", "•", "1)", "2.", "(", ")", "\n", "\n\n", "\r\n", " ", "  ", "\t", "Sunda...",
    "Related:", "Subscribe to our newsletter", "Lt.-Col", "e.g.", "a.m.", "Back to the articles",
])
WORDS = st.lists(TOKENS, max_size=60).map(" ".join)
RAW = st.text(alphabet=st.sampled_from(list("aZ .!?\"“”'’-•1)(\n\r\t…:")), max_size=200)


def _check(text: str, body_start: int = 0) -> None:
    table = segment(pd.DataFrame([{"source": "p", "text": text, "body_start": body_start}]))
    previous_end = body_start
    for row in table.itertuples(index=False):
        start, end = int(row.start), int(row.end)
        assert body_start <= previous_end <= start < end <= len(text)
        assert text[start:end] == row.text
        assert row.text == row.text.strip()
        assert row._8 in CLASSES
        gap = "".join(text[previous_end:start].split())
        marker = str(row.marker)
        if marker and gap.endswith(marker):
            gap = gap[: -len(marker)]
        assert set(gap) <= BULLETS, (gap, text)
        previous_end = end
    assert set("".join(text[previous_end:].split())) <= BULLETS
    assert list(table["n"]) == list(range(1, len(table) + 1))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(WORDS)
def test_segments_of_word_soup(text: str) -> None:
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(RAW)
def test_segments_of_raw_characters(text: str) -> None:
    _check(text)


@settings(max_examples=50, deadline=None)
@given(WORDS, WORDS)
def test_front_matter_is_never_segmented(head: str, body: str) -> None:
    text = f"---\n{head.replace('---', '')}\n---\n{body}"
    _check(text, body_start=len(text) - len(body))
