"""The shape every facet extractor shares.

An extractor is `extract(segment, found, ctx) -> list[Facet]`: it sees one segment, the
facets that earlier extractors already found in it (so a place inside an organisation's
name, or a date inside a quote, can be recognised), and the article's context. Offsets are
absolute character offsets into the article's text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter


@dataclass(frozen=True)
class Facet:
    facet: str
    start: int
    end: int
    text: str
    value: str
    key: str = ""
    role: str = ""
    title: str = ""
    qualifier: str = ""
    noun: str = ""
    note: str = ""

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def row(self, claim_id: str, source: str) -> tuple:
        # Not dataclasses.astuple: it deep-copies every field, and this runs once per facet.
        return (claim_id, source, *_facet_values(self))


_facet_values = attrgetter(*(f.name for f in fields(Facet)))


@dataclass(frozen=True)
class Segment:
    claim_id: str
    source: str
    start: int
    end: int
    text: str  # the article's text[start:end]
    cls: str  # the segment's class (claim, quote, headline...)
    speaker: str = ""


@dataclass(frozen=True)
class ArticleContext:
    source: str
    text: str  # the article's whole text
    published: str  # ISO date of publication, "" when unknown (anchors relative dates)
    title: str


Extractor = Callable[[Segment, Sequence[Facet], ArticleContext], list[Facet]]
