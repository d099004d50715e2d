"""Benchmark of claim matching: blocking + rapidfuzz scoring against all-pairs cdist.

    python -m checker.match_bench 2000 10000          # with the all-pairs baseline
    python -m checker.match_bench 100000 --no-baseline

A deterministic synthetic corpus of N claims is generated: many stories, several outlets per
story, each claim a sentence of common words (a Zipf-like vocabulary that grows with N) plus
a few story-specific names, and a tenth of
the claims planted as paraphrases of another outlet's claim (words dropped, swapped and
reordered, the figure altered). Recall is the share of planted pairs scored at or above
Thresholds.claim_similarity: for blocking, the pair must also be a candidate. The baseline
scores all pairs of the same content-word strings with
`rapidfuzz.process.cdist(scorer=token_set_ratio, workers=-1)`.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from checker.config import Thresholds
from checker.match import build_profiles, candidate_pairs, group_profiles, score_pairs
from checker.tables import empty_frame

_SYLLABLES = ("ka", "lo", "mi", "ne", "ra", "su", "ti", "va", "zo", "de", "fa", "gu", "ho", "ji",
              "pe", "qu", "ri", "sa", "to", "wy", "bel", "dor", "fen", "gar", "hul", "kin", "lor",
              "mar", "nor", "pel", "ros", "tam", "vin", "wen")
_FUNCTION_WORDS = ("the", "a", "of", "in", "on", "and", "to", "with", "for", "by", "at", "was",
                   "has", "had", "that", "said", "after", "from")


@dataclass(frozen=True)
class MatchBenchResult:
    n_claims: int
    n_planted: int
    candidate_pairs: int
    seconds: float  # the whole matching stage: profiles, blocking, scoring, grouping
    cpu_seconds: float  # the same, in CPU time of this process (all threads)
    recall: float  # planted pairs that are candidates scoring >= threshold
    grouped_recall: float  # planted pairs that end up in one group
    baseline_seconds: float | None = None
    baseline_recall: float | None = None

    @property
    def speedup(self) -> float | None:
        return self.baseline_seconds / self.seconds if self.baseline_seconds else None

    @property
    def recall_ratio(self) -> float | None:
        return self.recall / self.baseline_recall if self.baseline_recall else None


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def synthetic_claims(n_claims: int, seed: int = 0) -> tuple[pd.DataFrame, list[tuple[int, int]]]:
    """(claims table with claim_id, source, text, compared; planted pairs of row indices)."""
    rng = random.Random(seed)
    # Vocabulary grows with the corpus (Heaps' law): a year of news has far more distinct
    # words than a week of it.
    common = sorted({_word(rng, rng.randint(2, 4)) for _ in range(max(6000, n_claims // 2))})
    # Zipf-like with a flattened head: after stopword removal the commonest content words of
    # news copy are well under 1% of tokens.
    weights = [1.0 / (rank + 50) for rank in range(len(common))]
    n_stories = max(1, n_claims // 25)
    texts: list[str] = []
    sources: list[str] = []
    planted: list[tuple[int, int]] = []
    story = 0
    while len(texts) < n_claims:
        names = [_word(rng, 4).capitalize() for _ in range(10)]
        outlets = [f"s{story:05d}o{k}" for k in range(5)]
        for _ in range(25):
            if len(texts) >= n_claims:
                break
            words = rng.choices(common, weights=weights, k=rng.randint(9, 16))
            words += rng.sample(names, rng.randint(2, 4))
            rng.shuffle(words)
            for _ in range(rng.randint(3, 6)):
                words.insert(rng.randrange(len(words) + 1), rng.choice(_FUNCTION_WORDS))
            words.insert(rng.randrange(len(words) + 1), f"{rng.randint(2, 9000):,}")
            base = len(texts)
            texts.append(" ".join(words).capitalize() + ".")
            sources.append(rng.choice(outlets))
            if rng.random() < 0.11 and len(texts) < n_claims:
                texts.append(_paraphrase(rng, words, common, weights))
                sources.append(rng.choice([o for o in outlets if o != sources[base]]))
                planted.append((base, len(texts) - 1))
        story += 1
        if story > n_stories * 4:
            break
    claims = pd.DataFrame({
        "claim_id": [f"{s}:{i}" for i, s in enumerate(sources)],
        "source": sources, "text": texts, "compared": True,
    })
    return claims, planted


def _paraphrase(rng: random.Random, words: list[str], common: list[str],
                weights: list[float]) -> str:
    out = []
    for w in words:
        roll = rng.random()
        if w[:1].isdigit():
            out.append(f"{rng.randint(2, 9000):,}")
        elif roll < 0.18:
            continue
        elif roll < 0.36:
            out.append(rng.choices(common, weights=weights)[0])
        else:
            out.append(w)
    if len(out) > 4:
        cut = rng.randrange(1, len(out) - 1)
        out = out[cut:] + out[:cut]
    out += rng.sample(_FUNCTION_WORDS, 2)
    return " ".join(out).capitalize() + "."


def bench_matching(n_claims: int, seed: int = 0, baseline: bool = True,
                   thresholds: Thresholds | None = None) -> MatchBenchResult:
    th = thresholds or Thresholds()
    claims, planted = synthetic_claims(n_claims, seed)
    empty_facets = empty_frame(["claim_id", "facet", "text", "value", "key", "note", "noun"])
    empty_mentions = empty_frame(["claim_id", "facet", "entity_id"])

    started, cpu_started = time.perf_counter(), time.process_time()
    profiles = build_profiles(claims, empty_facets, empty_mentions)
    groups = group_profiles(profiles, th)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started

    strings = [p.text_key for p in profiles]
    pairs = candidate_pairs([p.terms for p in profiles], [p.source for p in profiles],
                            [p.block_keys() for p in profiles])
    scores = score_pairs(strings, pairs)
    found = {(int(i), int(j)) for (i, j), s in zip(pairs, scores, strict=True)
             if s >= th.claim_similarity}
    recall = sum(pair in found for pair in planted) / max(len(planted), 1)
    group_of = {i: g for g, members in enumerate(groups.groups) for i in members}
    grouped = sum(group_of[a] == group_of[b] for a, b in planted) / max(len(planted), 1)

    baseline_seconds = baseline_recall = None
    if baseline:
        started = time.perf_counter()
        matrix = process.cdist(strings, strings, scorer=fuzz.token_set_ratio, workers=-1,
                               dtype=np.uint8)
        baseline_seconds = time.perf_counter() - started
        baseline_recall = sum(matrix[a, b] >= th.claim_similarity for a, b in planted) / max(
            len(planted), 1)
    return MatchBenchResult(
        n_claims=len(claims), n_planted=len(planted), candidate_pairs=len(pairs),
        seconds=seconds, cpu_seconds=cpu_seconds, recall=recall, grouped_recall=grouped,
        baseline_seconds=baseline_seconds, baseline_recall=baseline_recall,
    )


def _format(result: MatchBenchResult) -> str:
    def opt(value: float | None, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    return (f"| {result.n_claims:,} | {result.n_planted:,} | {result.candidate_pairs:,} | "
            f"{result.seconds:.2f} | {result.cpu_seconds:.2f} | {result.recall:.3f} | {result.grouped_recall:.3f} | "
            f"{opt(result.baseline_seconds, '.1f')} | {opt(result.baseline_recall, '.3f')} | "
            f"{opt(result.speedup, '.0f')} | {opt(result.recall_ratio, '.3f')} |")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark claim matching against all-pairs cdist.")
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print("| claims | planted | candidates | match s | match cpu s | recall | grouped | cdist s "
          "| cdist recall | speed-up | recall ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        print(_format(bench_matching(n, args.seed, baseline=not args.no_baseline)), flush=True)


if __name__ == "__main__":
    main()
