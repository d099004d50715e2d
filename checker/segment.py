"""Stage 2 - segment: articles in, one row per segment out (sentences, list items, headings,
quotes), each with its class. Nothing is dropped: junk gets a class and a reason.

CLAIM_COLUMNS (the claims table; the facets stage appends atomic facts in the same shape)
    claim_id  stable id "<source>:<n>" (atomic facts: "<source>:<n>.<k>")
    source    the article's id
    n         ordinal of the segment within its article (1-based, in reading order)
    unit      segment | fact
    parent    for a fact, the claim_id of its sentence; "" otherwise
    line      1-based line of `start` in the article's text
    start, end  character offsets into the article's text (end exclusive)
    class     claim | quote | headline | heading | caption | byline | boilerplate |
              off_topic | opinion | hedged
    reason    why it got that class (empty for plain claims)
    text      the segment as written (a fact: the fact stated plainly)
    speaker   for quotes: who is quoted ("" when unknown)
    compared  True for the classes compared across sources (claim, quote)
"""

from __future__ import annotations

import re

import pandas as pd

from checker.tables import empty_frame
from checker.textutil import LineIndex

CLAIM_COLUMNS = [
    "claim_id", "source", "n", "unit", "parent", "line", "start", "end",
    "class", "reason", "text", "speaker", "compared",
]
CLASSES = (
    "claim", "quote", "headline", "heading", "caption", "byline",
    "boilerplate", "off_topic", "opinion", "hedged",
)
COMPARED_CLASSES = frozenset({"claim", "quote"})

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“‘])")


def segment(articles: pd.DataFrame) -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    for art in articles.itertuples(index=False):
        rows.extend(segment_article(art.source, art.text, int(art.body_start)))
    if not rows:
        return empty_frame(CLAIM_COLUMNS)
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def segment_article(source: str, text: str, body_start: int = 0) -> list[dict[str, object]]:
    lines = LineIndex.of(text)
    rows: list[dict[str, object]] = []
    first = True
    for para in re.finditer(r"[^\r\n]+", text[body_start:]):
        p_start = body_start + para.start()
        chunk = para.group()
        pos = 0
        for piece in _SENTENCE_END.split(chunk):
            idx = chunk.index(piece, pos)
            pos = idx + len(piece)
            stripped = piece.strip()
            if not stripped:
                continue
            start = p_start + idx + (len(piece) - len(piece.lstrip()))
            end = start + len(stripped)
            cls = "headline" if first else "claim"
            first = False
            n = len(rows) + 1
            rows.append({
                "claim_id": f"{source}:{n}", "source": source, "n": n, "unit": "segment",
                "parent": "", "line": lines.line(start), "start": start, "end": end,
                "class": cls, "reason": "", "text": text[start:end], "speaker": "",
                "compared": cls in COMPARED_CLASSES,
            })
    return rows
