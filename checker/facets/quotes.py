"""quote facets: one per quotation in a segment.

    text       the quoted words as written (offsets of the words inside the marks; for reported
               speech, the reported clause)
    value      the words normalised: folded punctuation, lower case, no punctuation marks
    role       the speaker, as written: the segment's `speaker` (set by classification, which
               follows a quotation across sentences and paragraphs and resolves "he said" to the
               nearest named speaker before), else an attribution inside the segment
    qualifier  direct (inside quote marks) | indirect (reported speech: "X said that ...",
               "X said <clause>", "<clause>, X said.")

Quoted terms of one or two words ("the so-called 'X'", scare quotes) are not quotations.
Quotation marks are found by the same reader as segmentation (checker.segment.find_quotes),
so a sentence in the middle of a long quotation is a quote even without marks of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.classify import Attribution, attributions, regions_in
from checker.facets.base import ArticleContext, Facet, Segment
from checker.facets.names import TITLE_CASE_CLASSES, is_work_title
from checker.segment import Layout, quote_layout
from checker.textutil import normalise

#: Fewer quoted words than this is a quoted term, not a quotation ("so-called 'X'")...
MIN_QUOTE_WORDS = 3
#: ...and without a known speaker, a title or a phrase in quote marks needs this many.
MIN_UNATTRIBUTED_QUOTE_WORDS = 5
#: Reporting verbs that take a clause without "that" ("said the talks failed"); the others
#: take an object there ("recalled the meeting", "noted the importance") and need "that".
_CLAUSE_WITHOUT_THAT = frozenset({"said", "says", "say", "added", "argued", "warned", "insisted"})
#: Words that can open a reported clause right after "said" ("said the talks...", "said Canada...").
_CLAUSE_OPENERS = frozenset({
    "the", "a", "an", "this", "these", "those", "that", "it", "he", "she", "they", "we", "i",
    "there", "its", "his", "her", "their", "our", "both", "all", "some", "no", "any",
})
#: How many words after the verb "that" may come ("told reporters on Monday that ...").
_THAT_WINDOW = 6
_WORDS = re.compile(r"\S+")
_NOT_WORD = re.compile(r"[^\w\s']+")
_TRAILING = " \t\r\n,;:"
_CLAUSE_END = " \t\r\n.,;:!?\"'”’"


def extract(segment: Segment, found: Sequence[Facet], ctx: ArticleContext) -> list[Facet]:
    lay = quote_layout(ctx.text)
    direct = _direct(segment, ctx.text, lay)
    if direct:
        return direct
    return _indirect(segment, ctx.text, lay)


def quote_value(words: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", normalise(words).replace("’", "'")).casefold().split())


def _speaker(segment: Segment, attrs: list[Attribution]) -> str:
    if segment.speaker:
        return segment.speaker
    named = [a for a in attrs if a.kind != "pronoun"]
    return named[0].speaker if named else ""


def _direct(segment: Segment, text: str, lay: Layout) -> list[Facet]:
    pieces: list[tuple[int, int]] = []
    for region in regions_in(lay, segment.start, segment.end):
        start, end = max(segment.start, region.start), min(segment.end, region.end)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        pieces.append((start, end))
    if not pieces:
        return []
    speaker = _speaker(segment, attributions(text, segment.start, segment.end, lay))
    least = MIN_QUOTE_WORDS if speaker else MIN_UNATTRIBUTED_QUOTE_WORDS
    pieces = [(s, e) for s, e in pieces
              if len(_WORDS.findall(text, s, e)) >= least and not _titles_a_work(segment, text, s, e)]
    return [Facet("quote", s, e, text[s:e], quote_value(text[s:e]), role=speaker,
                  qualifier="direct") for s, e in pieces]


def _titles_a_work(segment: Segment, text: str, start: int, end: int) -> bool:
    """A quoted title of a work in a sentence (`is_work_title`), not words someone said:
    never in a headline or heading, nor after a colon ("X: 'We Can Do More Together'")."""
    if segment.cls in TITLE_CASE_CLASSES or not is_work_title(text[start:end]):
        return False
    before = text[max(segment.start, start - 4):start].rstrip("\"'\u201c\u2018 ")
    return not before.endswith(":")


def _indirect(segment: Segment, text: str, lay: Layout) -> list[Facet]:
    attrs = attributions(text, segment.start, segment.end, lay)
    if not attrs:
        return []
    attribution = attrs[0]
    speaker = _speaker(segment, attrs)
    if not speaker:
        return []
    span = _reported_after(text, attribution, segment.end) or _reported_before(
        text, segment.start, attribution, segment.end)
    if span is None:
        return []
    start, end = span
    if len(_WORDS.findall(text, start, end)) < MIN_QUOTE_WORDS:
        return []
    return [Facet("quote", start, end, text[start:end], quote_value(text[start:end]),
                  role=speaker, qualifier="indirect")]


def _reported_after(text: str, attribution: Attribution, end: int) -> tuple[int, int] | None:
    """ "X said (that) <clause>" -> the clause, up to the end of the sentence."""
    after = list(_WORDS.finditer(text, attribution.verb_end, end))
    if not after:
        return None
    start = None
    verb = text[attribution.verb_start:attribution.verb_end].lower()
    for index, word in enumerate(after[:_THAT_WINDOW]):
        bare = word.group().strip(",")
        if bare.lower() == "that":
            if index + 1 < len(after):
                start = after[index + 1].start()
            break
        if index == 0 and verb in _CLAUSE_WITHOUT_THAT and (bare.lower() in _CLAUSE_OPENERS or bare[:1].isupper()) \
                and not word.group().endswith(","):
            start = word.start()
            break
    if start is None:
        return None
    stop = end
    while stop > start and text[stop - 1] in _CLAUSE_END:
        stop -= 1
    return (start, stop) if stop > start else None


def _reported_before(text: str, start: int, attribution: Attribution,
                     end: int) -> tuple[int, int] | None:
    """ "<clause>, X said." -> the clause (only when the attribution closes the sentence)."""
    tail = text[attribution.verb_end:end].strip(" .!?\"'”’")
    if tail:
        return None
    comma = text.rfind(",", start, attribution.verb_start)
    if comma <= start:
        return None
    stop = comma
    while stop > start and text[stop - 1] in _CLAUSE_END:
        stop -= 1
    return (start, stop) if stop > start else None
