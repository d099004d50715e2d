"""Sentence splitters compared on hand-labelled text: pysbd, syntok and ours.

Every splitter gets the same blocks (checker.segment.split_blocks: one paragraph line, list
markers removed) and splits inside them, so the comparison is about sentence ends, not about
line handling. Gold boundaries:
- the seed articles (read from `seeds/` when the repository is at hand): the character
  offsets where a sentence starts inside a block, labelled by hand (offsets only, so no
  seed's words live in this package);
- invented web copy below, written as lists of sentences (abbreviations, initials, decimals,
  dates, ellipses, quotes, U.S.-style acronyms before names and at sentence ends).

Accuracy is the F1 of sentence starts inside blocks (the hard part; every block start is a
boundary for every splitter) and the share of gold sentences each splitter reproduces
exactly. Speed is sentences per second over all the texts repeated for at least
`MIN_SECONDS`.

    from checker.bench.segmenters import compare_segmenters
    rows = compare_segmenters()   # [{"splitter": "ours", "f1": ..., "sentences/s": ...}, ...]
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.segment import split_blocks, split_sentences

MIN_SECONDS = 0.5
SEEDS = Path(__file__).resolve().parents[2] / "seeds"

#: Hand-labelled sentence starts inside blocks, by seed file prefix.
SEED_GOLD: dict[str, tuple[int, ...]] = {
    "000": (725, 1175, 1464, 1505, 1571, 1631, 1925, 2017, 2328, 2663, 3444, 3822, 4220),
    "001": (287, 902, 1583),
    "002": (285, 392, 699, 857, 1125, 1242, 1645, 1719, 2071, 2223),
    "003": (1563, 4525, 6378),
    "004": (329, 1454, 2136, 2352, 3044, 3292, 3412, 3766, 4185, 4457, 4777),
}

#: Invented copy: paragraphs as lists of their sentences.
OWN_TEXTS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (
        ("The deal was signed by Gen. (res.) Mara Lind and Lt.-Col (res.,) Ivo Tamm on Monday.",
         "Talks resume in May."),
        ("U.S. President Jo Fields met Mr. Ortega and Dr. Vance at St. Mary's Hall.",
         "The plan was agreed in the U.S.", "The talks ended at 5 p.m. on Friday."),
        ("The report by J. R. Hollis was filed as No. 12 on 6.10.2025 and cost 3.5 million.",
         "Prices rose 4.5% in Jan. 2024 and fell e.g. in spring vs. summer.",
         "Trade grew."),
    ),
    (
        ('"We will rebuild.', "Every house will stand.", 'Nobody will be left alone,"'
         " Mayor Ana Ruiz said.", "Rain is likely to continue until the weekend."),
        ("He waited... and waited.", "Then he left!", "Why?", "Nobody knows."),
        ("Visit the water board at water.example.org for the latest levels.",
         "The board said 212.4 metres was a record, 1.8 m above the spring peak."),
    ),
    (
        ("Sen. Ada Holm and Gov. Pete Marsh of the U.K. Treasury met on Tuesday.",
         "The U.N. envoy, Amb. Lee, arrived at 9 a.m. and left at noon.",
         "Shares in Velotta Inc. fell 8% after the forecast.", "Analysts were surprised."),
        ('"It is a fair deal," said Finance Minister Lea Brandt.',
         "“Nobody expected the storm,” the weather office said.",
         "Firefighters rescued 14 people from the caravan park."),
        ("Trains returned to the coastal line between Port Esk and Dunmore on Monday after a"
         " landslide that...",),
    ),
)


@dataclass(frozen=True)
class Sample:
    name: str
    text: str
    blocks: tuple[tuple[int, int], ...]
    gold: frozenset[int]  # sentence starts inside blocks
    sentences: int  # gold sentence count (block starts included)


def samples(seeds: Path = SEEDS) -> list[Sample]:
    out: list[Sample] = []
    for prefix, gold in sorted(SEED_GOLD.items()):
        path = next(iter(sorted(seeds.glob(f"{prefix}_*.txt"))), None) if seeds.is_dir() else None
        if path is None:
            continue
        text = path.read_text(encoding="utf-8")
        out.append(_sample(f"seed {prefix}", text, frozenset(gold)))
    for index, paragraphs in enumerate(OWN_TEXTS, start=1):
        text, gold = "", set()
        for paragraph in paragraphs:
            if text:
                text += "\n\n"
            for k, sentence in enumerate(paragraph):
                if k:
                    text += " "
                    gold.add(len(text))
                text += sentence
        out.append(_sample(f"own {index}", text, frozenset(gold)))
    return out


def _sample(name: str, text: str, gold: frozenset[int]) -> Sample:
    blocks = tuple((b.start, b.end) for b in split_blocks(text, 0))
    return Sample(name, text, blocks, gold, len(blocks) + len(gold))


Splitter = Callable[[str, int, int], list[int]]  # (text, block start, block end) -> starts


def ours(text: str, start: int, end: int) -> list[int]:
    return [s for s, _ in split_sentences(text, start, end)]


def _pysbd() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)

    def split(text: str, start: int, end: int) -> list[int]:
        return _locate(text, start, end, segmenter.segment(text[start:end]))

    return split


def _syntok() -> Splitter:
    from syntok import segmenter

    def split(text: str, start: int, end: int) -> list[int]:
        block = text[start:end]
        return [start + sentence[0].offset
                for paragraph in segmenter.analyze(block) for sentence in paragraph if sentence]

    return split


def _locate(text: str, start: int, end: int, pieces: Sequence[str]) -> list[int]:
    """Offsets of the pieces a splitter returned, found in order inside the block."""
    starts: list[int] = []
    cursor = start
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece[:40], cursor, end)
        if found < 0:
            continue
        starts.append(found)
        cursor = found + 1
    return starts


def splitters() -> list[tuple[str, Splitter]]:
    out: list[tuple[str, Splitter]] = [("ours (checker.segment)", ours)]
    for name, factory in (("syntok", _syntok), ("pysbd", _pysbd)):
        try:
            out.append((name, factory()))
        except ImportError:
            continue
    return out


def _run(split: Splitter, sample: Sample) -> set[int]:
    found: set[int] = set()
    for start, end in sample.blocks:
        found.update(s for s in split(sample.text, start, end) if s != start)
    return found


def _exact(found: set[int], sample: Sample) -> int:
    """Gold sentences whose start and end both match (block edges count as matching)."""
    exact = 0
    for start, end in sample.blocks:
        gold = [start, *sorted(g for g in sample.gold if start < g < end), end]
        mine = {start, end} | {f for f in found if start < f < end}
        exact += sum(1 for a, b in itertools.pairwise(gold) if a in mine and b in mine
                     and not any(a < f < b for f in mine))
    return exact


def compare_segmenters(seeds: Path = SEEDS) -> list[dict[str, object]]:
    data = samples(seeds)
    gold_total = sum(len(s.gold) for s in data)
    sentence_total = sum(s.sentences for s in data)
    rows: list[dict[str, object]] = []
    for name, split in splitters():
        hits = found_total = exact = 0
        for sample in data:
            found = _run(split, sample)
            hits += len(found & sample.gold)
            found_total += len(found)
            exact += _exact(found, sample)
        precision = hits / found_total if found_total else 1.0
        recall = hits / gold_total if gold_total else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rounds, began = 0, time.perf_counter()
        while True:
            for sample in data:
                _run(split, sample)
            rounds += 1
            elapsed = time.perf_counter() - began
            if elapsed >= MIN_SECONDS:
                break
        rows.append({
            "splitter": name,
            "texts": len(data),
            "sentences": sentence_total,
            "inner boundaries": gold_total,
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "f1": round(f1, 3),
            "exact sentences": round(exact / sentence_total, 3),
            "sentences/s": int(rounds * sentence_total / elapsed),
        })
    return rows


def comparison_markdown(seeds: Path = SEEDS) -> str:
    from tabulate import tabulate

    rows = compare_segmenters(seeds)
    return tabulate(rows, headers="keys", tablefmt="github")


if __name__ == "__main__":
    print(comparison_markdown())
