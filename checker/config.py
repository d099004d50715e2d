"""Run configuration, validated into frozen dataclasses (no loose dicts passed around).

Every fuzzy threshold is a named option with a documented, tested default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import Any


class Severity(IntEnum):
    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (use high, medium, low or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Thresholds:
    """Similarity scores are rapidfuzz 0-100 scores; tolerances are fractions."""

    #: Two spellings of one person's name (ratio of the normalised full names).
    name_similarity: float = 75.0
    #: Two names of one organisation (token-set ratio on content words).
    org_similarity: float = 70.0
    #: Two names of one organisation in claims that say the same thing otherwise (token-sort ratio of the claims without the names).
    org_context_similarity: float = 85.0
    #: Two wordings of one title or role.
    title_similarity: float = 75.0
    #: Two sentences that say the same thing but for a person's name and title (token-sort ratio without them): their titles are one title to compare, their one-edit names one person.
    entity_context_similarity: float = 85.0
    #: Two claims assert the same thing (token-set ratio on content words, after blocking).
    claim_similarity: float = 62.0
    #: Added to a claim pair's score per kind of facet both share (entity, date, place, figure).
    claim_shared_facet_bonus: float = 4.0
    #: Two claims must share at least this many content words to be matched at all.
    claim_min_shared_terms: int = 3
    #: ... and at least this share of the larger claim's content words, weighted by rarity (idf).
    claim_min_shared_weight: float = 0.28
    #: A claim joins a group it fully matches in most members when it shares at least this many content words (or two facet kinds) with each of the others and scores claim_similarity with them.
    claim_join_min_shared_terms: int = 2
    #: Claims dated in different years match (as one assertion with a date conflict) only this similar.
    claim_cross_year_similarity: float = 90.0
    #: Two figures' nouns name the same quantity ("grain exports" / "exports of grain").
    figure_noun_similarity: float = 70.0
    #: Figures without a noun are paired by what is left only between claims this alike (token_sort_ratio).
    figure_pairing_similarity: float = 85.0
    #: A sentence is a `quote` when at least this share of its letters is inside quote marks.
    quote_share: float = 0.5
    #: A line of at most this many words without final punctuation is a heading.
    heading_max_words: int = 12
    #: The first line of an article is its headline when it has at most this many words.
    headline_max_words: int = 30
    #: A paragraph is foreign to the story below this share of terms shared with the story.
    off_topic_cohesion: float = 0.34
    #: ...or when it has this many names and dates the story lacks, and under 1.5x that share.
    off_topic_novel_names: int = 3
    #: A lone foreign paragraph at the article's start or end is off-topic only at or below this.
    off_topic_lone_cohesion: float = 0.1
    #: Two quotes of one speaker are the same quote, worded differently.
    quote_similarity: float = 60.0
    #: Two figures agree when they differ by at most this fraction ("about 12,000" vs 12,500).
    figure_tolerance: float = 0.05
    #: A city this big (or a capital) is a place without a cue such as "in" (places facet).
    city_without_cue_population: int = 1_000_000
    #: A city this big (or a capital) can stand for its government: "<City> signed".
    metonym_city_population: int = 250_000


@dataclass(frozen=True)
class CheckConfig:
    thresholds: Thresholds = field(default_factory=Thresholds)
    #: Finding kinds or codes to run; empty means every kind that is not preview.
    select: tuple[str, ...] = ()
    #: Finding kinds or codes to skip.
    ignore: tuple[str, ...] = ()
    #: Also run preview kinds (new or noisy checks, off by default).
    preview: bool = False
    #: Follow symbolic links that point outside the input folders.
    follow_symlinks: bool = False
    #: Input files larger than this many bytes are skipped with an error (0: no limit).
    max_bytes: int = 5_000_000
    #: Folders never read as input (the CLI passes its --out and --claims-dir).
    exclude_paths: tuple[Path, ...] = ()
    #: Where unchanged articles' extracted claims are cached between runs (None: no cache).
    cache_dir: Path | None = None
    #: Editor decisions, reference facts and a baseline report (the editor workflow).
    decisions_path: Path | None = None
    reference_path: Path | None = None
    baseline_path: Path | None = None
    #: Reference facts (checker.workflow.reference.ReferenceFact) besides the ledger's; the library fills it.
    reference_facts: tuple[Any, ...] = ()
    #: "pandas" (in process) or "dask".
    engine: str = "pandas"
    #: Processes for the per-article stages of the pandas engine on large inputs
    #: (checker.extract; 0: one per CPU). The CLI's default is 0; the library's is 1 (this
    #: process only), because worker processes re-import a script's main module, which then
    #: needs the usual `if __name__ == "__main__":` guard.
    workers: int = 1
    scheduler: str | None = None
