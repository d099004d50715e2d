"""Run the organisation and person extractors over lines of a text, as the facets stage does
(orgs first, persons seeing them), without the other extractors; or every extractor over a
one-line article."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from checker.facets import EXTRACTORS, orgs, persons
from checker.facets.base import ArticleContext, Facet, Segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_text(prefix: str) -> str:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def line_facets(text: str, line: int, kind: str | None = None) -> list[Facet]:
    """Facets of one line (1-based) of `text`, the whole text being the article."""
    start = 0
    lines = text.split("\n")
    for ln in range(line - 1):
        start += len(lines[ln]) + 1
    body = lines[line - 1]
    seg = Segment(f"t:{line}", "t", start, start + len(body), body, "claim")
    ctx = ArticleContext("t", text, "", "")
    found = orgs.extract(seg, [], ctx)
    found += persons.extract(seg, found, ctx)
    return [f for f in found if kind is None or f.facet == kind]


def by_value(facets: list[Facet]) -> dict[str, Facet]:
    return {f.value: f for f in facets}


def all_facets(line: str, published: str = "2026-03-04") -> list[Facet]:
    """Every extractor, in the facets stage's order, over a one-line article."""
    seg = Segment("t:1", "t", 0, len(line), line, "claim")
    ctx = ArticleContext("t", line, published, "")
    found: list[Facet] = []
    for extractor in EXTRACTORS:
        found.extend(extractor(seg, found, ctx))
    return found


@contextmanager
def fails_if_it_hangs(seconds: int) -> Iterator[None]:
    """An assertion error, not a stuck test run, when a parser loops without progress."""
    def stop(*_: object) -> None:
        raise AssertionError(f"did not finish in {seconds} s: a loop that makes no progress")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def facets_of_words(words: list[str], seconds: int = 20) -> list[Facet]:
    """Every extractor over the words joined into one sentence, failing rather than hanging,
    with every facet's text checked against its offsets: what the word-order property tests
    of each parser share."""
    line = " ".join(words) + "."
    with fails_if_it_hangs(seconds):
        found = all_facets(line)
    for f in found:
        assert line[f.start:f.end] == f.text
    return found
