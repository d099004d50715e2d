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
    speaker   for quotes and reported speech: who is quoted, the name as written
              ("" when unknown or not speech)
    compared  True for the classes compared across sources (claim, quote)
    marker    the list marker that introduced the segment ("-", "1)", "•"), written on the
              same line or alone on the line before; "" when the segment is not a list item.
              The marker is not part of `text`.

How an article is cut (all offsets point into the original text; text[start:end] == text):
1. Lines. A line that is only a bullet dash is skipped and its dash becomes the marker of the
   next line; "- item" and "1) item" lines lose their marker to the `marker` column. A line
   that does not end a sentence and is followed directly by a line starting in lower case is
   joined to it (hard-wrapped paragraphs). Each resulting piece is a block.
2. Sentences inside a block, by a single left-to-right scan over the candidate ends
   (. ! ? and ellipses, with closing quote marks and brackets). A candidate ends a sentence
   only when whitespace and a word that is not lower case follow, and the word before it is
   not an abbreviation that stays inside sentences (data/abbreviations.txt: titles like
   "Gen.", "(res.)", "No. 5", "U.S." before a name...; initials "J. R."; decimals and dates
   have no space after the period and never split).
3. Quotations. Quote marks are read as opening or closing from the characters around them,
   so straight, curly and misused marks all work; a quotation left open at the end of a
   paragraph continues when the next paragraph starts with a quote mark (the newspaper
   convention for quotes that run over several paragraphs), otherwise it ends there.
Classification (checker/classify.py) then gives every segment its class, reason and speaker.
Everything is linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import pandas as pd

from checker.config import Thresholds
from checker.lexicon import entries
from checker.tables import empty_frame, row_tuples
from checker.textutil import LineIndex

CLAIM_COLUMNS = [
    "claim_id", "source", "n", "unit", "parent", "line", "start", "end",
    "class", "reason", "text", "speaker", "compared", "marker",
]
CLASSES = (
    "claim", "quote", "headline", "heading", "caption", "byline",
    "boilerplate", "off_topic", "opinion", "hedged",
)
COMPARED_CLASSES = frozenset({"claim", "quote"})

_LINE = re.compile(r"[^\r\n]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BULLETS = "-–—•*·▪●◦‣"
_DASH_ONLY = re.compile(f"[{_BULLETS}]+")
_BULLET = re.compile(f"([{_BULLETS}])\\s+(?=\\S)")
_NUMBERED = re.compile(r"(\(?\d{1,3}[.)])\s+(?=\S)")
#: A line ending in one of these does not run on into the next line.
_BLOCK_ENDERS = frozenset(".!?:;\"”’)]…»")
_CANDIDATE_END = re.compile(r"(?:[.!?]+|…)[\"'”’)\]»]*")
_SPACE_RUN = re.compile(r"\s+")
_WORD_AHEAD = re.compile(r"[\"'“‘(\[«]*([A-Za-z]+)")
_LETTER_PERIODS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
#: How far back the scanner looks for the word before a period (keeps the scan linear).
_TOKEN_LOOKBACK = 40
_OPENING_BRACKETS = "([{\"'“‘«„"

#: Quote marks read from context; « „ only open and » only closes.
_QUOTE_MARK = re.compile("[\"“”„«»]")
_LEFT_CONTEXT = frozenset(" \t\r\n([{—–-/:")
_RIGHT_CONTEXT = frozenset(" \t\r\n.,;:!?)]}—–-…")


@dataclass(frozen=True)
class Block:
    """A paragraph line (or lines joined by a hard wrap), its content without the marker."""

    start: int
    end: int
    marker: str
    blank_before: bool


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    block: int


@dataclass(frozen=True)
class QuoteRegion:
    """The words between a pair of quote marks, inside one block (end exclusive)."""

    start: int
    end: int
    quotation: int  # regions of one quotation running over paragraphs share this number
    block: int


@dataclass(frozen=True)
class Layout:
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    quotes: tuple[QuoteRegion, ...]
    quote_starts: tuple[int, ...]  # the start of each region in `quotes`, for bisection


@cache
def abbreviation_kinds() -> dict[str, str]:
    """data/abbreviations.txt as {abbreviation or starter word: kind}."""
    kinds: dict[str, str] = {}
    for entry in entries("abbreviations"):
        word, _, kind = entry.rpartition(" ")
        kinds[word.strip()] = kind.strip()
    return kinds


def segment(articles: pd.DataFrame, thresholds: Thresholds | None = None) -> pd.DataFrame:
    from checker.classify import classify_article

    thresholds = thresholds or Thresholds()
    rows: list[dict[str, object]] = []
    for art in row_tuples(articles):
        text = str(art.text)
        body_start = int(art.body_start)
        lay = layout(text, body_start)
        verdicts = classify_article(text, lay, thresholds)
        lines = LineIndex.of(text)
        dateline = _dateline_line(getattr(art, "published_from", ""))
        for n, (sent, verdict) in enumerate(zip(lay.sentences, verdicts, strict=True), start=1):
            line = lines.line(sent.start)
            cls, reason = verdict.cls, verdict.reason
            if line == dateline and (cls in COMPARED_CLASSES or cls == "boilerplate"):
                # the line the publication date was read from ("PUBLISHED MAY 19, 2025,
                # 04:20 PM | UPDATED ...") is no claim of the story, whatever its wording,
                # and is told as the dateline it is, not as a data box
                cls, reason = "byline", DATELINE_REASON
            rows.append({
                "claim_id": f"{art.source}:{n}", "source": art.source, "n": n,
                "unit": "segment", "parent": "", "line": line,
                "start": sent.start, "end": sent.end, "class": cls,
                "reason": reason, "text": text[sent.start:sent.end],
                "speaker": verdict.speaker if cls == verdict.cls else "",
                "compared": cls in COMPARED_CLASSES,
                "marker": lay.blocks[sent.block].marker if _first_of_block(lay, n - 1) else "",
            })
    if not rows:
        return empty_frame(CLAIM_COLUMNS)
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


#: The reason of a segment on the line an article's publication date was read from.
DATELINE_REASON = "byline: dateline"


def _dateline_line(published_from: object) -> int | None:
    """The line of `published_from` "dateline:<line>"; None for metadata or no date."""
    text = str(published_from or "")
    if text.startswith("dateline:") and text[len("dateline:"):].isdigit():
        return int(text[len("dateline:"):])
    return None


def _first_of_block(lay: Layout, index: int) -> bool:
    return index == 0 or lay.sentences[index - 1].block != lay.sentences[index].block


@lru_cache(maxsize=16)
def layout(text: str, body_start: int = 0) -> Layout:
    """Blocks, sentences and quotation regions of an article's body (cached: the facets
    stage asks again for the same article)."""
    blocks, quotes = _blocks_and_quotes(text, body_start)
    sentences: list[Sentence] = []
    for i, block in enumerate(blocks):
        for start, end in split_sentences(text, block.start, block.end):
            sentences.append(Sentence(start, end, i))
    return Layout(blocks, tuple(sentences), quotes, tuple(q.start for q in quotes))


@lru_cache(maxsize=16)
def quote_layout(text: str) -> Layout:
    """`layout(text, 0)` without the sentences (left empty): the blocks and quotation
    regions, all that reading quotations (`classify.regions_in`) needs, without the cost
    of cutting sentences."""
    blocks, quotes = _blocks_and_quotes(text, 0)
    return Layout(blocks, (), quotes, tuple(q.start for q in quotes))


def _blocks_and_quotes(text: str, body_start: int) -> tuple[tuple[Block, ...], tuple[QuoteRegion, ...]]:
    blocks = split_blocks(text, body_start)
    return tuple(blocks), tuple(find_quotes(text, blocks))


def split_blocks(text: str, body_start: int = 0) -> list[Block]:
    blocks: list[Block] = []
    blank_before = True
    pending_marker = ""
    previous_line_end = body_start
    for line in _LINE.finditer(text, body_start):
        line_start, line_end = line.span()
        raw = line.group()
        if not raw.strip():
            blank_before = True
            continue
        breaks = len(_LINE_BREAK.findall(text, previous_line_end, line_start))
        if breaks > 1:
            blank_before = True
        previous_line_end = line_end
        start = line_start + len(raw) - len(raw.lstrip())
        end = line_end - (len(raw) - len(raw.rstrip()))
        if _DASH_ONLY.fullmatch(text, start, end):
            pending_marker = text[start:end]
            continue
        marker = ""
        found = _BULLET.match(text, start, end) or _NUMBERED.match(text, start, end)
        if found:
            marker, start = found.group(1), found.end()
        elif pending_marker:
            marker = pending_marker
        pending_marker = ""
        previous = blocks[-1] if blocks else None
        if (previous is not None and not blank_before and not marker
                and text[previous.end - 1] not in _BLOCK_ENDERS and text[start].islower()):
            blocks[-1] = Block(previous.start, end, previous.marker, previous.blank_before)
        else:
            blocks.append(Block(start, end, marker, blank_before))
        blank_before = False
    return blocks


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end] (already stripped), trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for candidate in _CANDIDATE_END.finditer(text, start, end):
        stop = candidate.end()
        if stop >= end or not text[stop].isspace():
            continue
        space = _SPACE_RUN.match(text, stop, end)
        following = space.end() if space else stop
        if following >= end:
            continue
        if _ends_sentence(text, start, end, candidate.start(), candidate.group(), following):
            spans.append((sentence_start, stop))
            sentence_start = following
    spans.append((sentence_start, end))
    return spans


def _ends_sentence(text: str, block_start: int, block_end: int, mark: int, punct: str,
                   following: int) -> bool:
    nxt = text[following]
    if nxt.islower():
        return False
    if punct[0] in "!?" or punct.startswith("..") or punct[0] == "…":
        return True
    token = _token_before(text, block_start, mark)
    if not token:
        return True
    kinds = abbreviation_kinds()
    kind = kinds.get(token + ".")
    if kind is None and _LETTER_PERIODS.fullmatch(token):
        kind = "ambiguous"
    if kind in ("title", "inner"):
        return False
    if kind == "number":
        return not nxt.isdigit()
    if kind == "ambiguous":
        word = _WORD_AHEAD.match(text, following, block_end)
        return bool(word) and kinds.get(word.group(1)) == "starter"
    is_initial = len(token) == 1 and token.isupper()  # "J. R. Smith"
    return not is_initial


def _token_before(text: str, block_start: int, mark: int) -> str:
    begin = max(block_start, mark - _TOKEN_LOOKBACK)
    chunk = text[begin:mark]
    cut = max(chunk.rfind(" "), chunk.rfind("\t"), chunk.rfind("\n"), chunk.rfind("\r"))
    return chunk[cut + 1:].lstrip(_OPENING_BRACKETS)


def find_quotes(text: str, blocks: list[Block]) -> list[QuoteRegion]:
    """Quotation regions (the quoted words, without the marks), block by block."""
    regions: list[QuoteRegion] = []
    quotation = -1
    open_at = -1  # where the current region's words start; -1 when no quotation is open
    for index, block in enumerate(blocks):
        marks = list(_QUOTE_MARK.finditer(text, block.start, block.end))
        first = 0
        if open_at >= 0:
            if marks and marks[0].start() == block.start:
                open_at = block.start + 1  # the quotation continues into this paragraph
                first = 1
            else:
                open_at = -1
        for mark in marks[first:]:
            i = mark.start()
            char = text[i]
            prev = text[i - 1] if i > block.start else " "
            nxt = text[i + 1] if i + 1 < block.end else " "
            opens = (prev in _LEFT_CONTEXT or prev in _OPENING_BRACKETS) and not nxt.isspace()
            closes = not prev.isspace() and (nxt in _RIGHT_CONTEXT or nxt in "\"”’'»")
            if char in "«„":
                opens, closes = open_at < 0, False
            elif char == "»":
                opens, closes = False, open_at >= 0
            if open_at >= 0 and (closes or not opens):
                if i > open_at:
                    regions.append(QuoteRegion(open_at, i, quotation, index))
                open_at = -1
            elif open_at < 0 and opens:
                quotation += 1
                open_at = i + 1
        if open_at >= 0 and block.end > open_at:
            regions.append(QuoteRegion(open_at, block.end, quotation, index))
    return regions
