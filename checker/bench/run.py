"""The benchmark behind `make bench` (`python -m checker.bench --out reports/bench.md`).

For each corpus size (articles; default 100, 1,000, 10,000) a deterministic corpus is written
(checker.bench.corpus) and checked end to end in a fresh child process, so its peak memory
(getrusage ru_maxrss) and its import-free timings are its own. Reported per size: wall time of
every stage, claims per second (rows of the claims table over the whole check), peak memory,
candidate pairs of the matcher, the share of planted paraphrase pairs that end up in one group
and, where all pairs are few enough (`--cdist-max` compared claims), the all-pairs
`rapidfuzz.process.cdist(scorer=token_set_ratio, workers=-1)` baseline over the same
content-word strings, with its recall (pairs scoring at least Thresholds.claim_similarity).

Also measured, side by side in the same run: the seeds end to end (`checker check seeds/`,
interpreter start included, median of several runs), incremental reuse (a cold run with an
empty cache, then one article added), the matcher alone against all-pairs cdist
(checker.match_bench) and the sentence splitters (checker.bench.segmenters).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tabulate import tabulate

from checker.progress import STAGES

DEFAULT_SIZES = (100, 1_000, 10_000)
DEFAULT_MATCH_SIZES = (10_000, 100_000)
#: All-pairs cdist is run only up to this many compared claims (it grows with the square).
DEFAULT_CDIST_MAX = 12_000
SEEDS_RUNS = 5
INCREMENTAL_ARTICLES = 1_000

STORIES_COLUMNS = ["articles", "stories", "claims", "compared", "wall s", "cpu s", "claims/s", "peak MB"]
E2E_COLUMNS = ["articles", "claims", "compared", "wall s", "cpu s", "claims/s", "peak MB", "worker peak MB",
               *(f"{s} s" for s in STAGES), "candidate pairs", "planted pairs", "recall",
               "cdist s", "cdist recall"]


# --------------------------------------------------------------------------- one size (child)


def measure_size(n_articles: int, seed: int, cdist_max: int, workdir: Path) -> dict[str, Any]:
    """Write the corpus and check it; every figure of one row of the end-to-end table."""
    from checker.api import check_paths
    from checker.atomic import LazyFiles, write_all_atomic
    from checker.bench.corpus import write_corpus
    from checker.config import CheckConfig
    from checker.gc_tuning import fewer_collections
    from checker.progress import StageTimer
    from checker.report import FORMATS, output_files

    corpus = write_corpus(workdir / "corpus", n_articles, seed)
    timer = StageTimer()
    started = time.perf_counter()
    cpu_started = time.process_time() + _children_cpu()
    with fewer_collections():  # as the CLI
        # workers=0 as the CLI: the per-article stages on one process per CPU.
        result = check_paths([corpus.root], CheckConfig(workers=0), progress=timer)
        timer("report")
        # Every file format, written as `checker check` writes them (one at a time).
        out = workdir / "out"
        write_all_atomic(LazyFiles(output_files(result, FORMATS, out / "reports", out / "claims")))
        timer("done")
    wall = time.perf_counter() - started
    cpu = time.process_time() + _children_cpu() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    tables = result.tables
    row: dict[str, Any] = {
        "articles": len(tables.articles), "claims": len(tables.claims),
        "compared": int(tables.claims["compared"].astype(bool).sum()),
        "wall s": wall, "cpu s": cpu, "claims/s": len(tables.claims) / wall, "peak MB": peak_mb,
        "worker peak MB": worker_peak_mb or None,
    }
    for stage in STAGES:
        row[f"{stage} s"] = timer.seconds.get(stage, 0.0)
    row.update(_matching_figures(result, corpus.planted, cdist_max))
    return row


def measure_stories(n_articles: int, seed: int, workdir: Path) -> dict[str, Any]:
    """The same corpus checked one story per folder (`checker check --stories folders`, every
    file format, no cache), in a fresh interpreter: wall and CPU time of it and its workers,
    the largest process's peak memory, and the claims it checked (from stories.json)."""
    from checker.bench.corpus import write_corpus

    corpus = write_corpus(workdir / "corpus", n_articles, seed)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = _checker("check", str(corpus.root), "--stories", "folders", "--no-cache", "-q",
                    "--format", "md,json,csv,sarif", "--out", "out", "--claims-dir", "claims", cwd=workdir)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    counts = json.loads((workdir / "out" / "stories.json").read_text(encoding="utf-8"))["counts"]
    return {"articles": counts["articles"], "stories": counts["stories"], "claims": counts["claims"],
            "compared": counts["claims_compared"], "wall s": wall,
            "cpu s": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
            "claims/s": counts["claims"] / wall, "peak MB": after.ru_maxrss / 1024}


def _children_cpu() -> float:
    """CPU seconds of the finished worker processes of this process."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _matching_figures(result: Any, planted: Sequence[Any], cdist_max: int) -> dict[str, Any]:
    import numpy as np
    from rapidfuzz import fuzz, process

    from checker.match import build_profiles, candidate_pairs

    tables = result.tables
    th = result.config.thresholds
    claim_of = {(s, t): c for s, t, c in zip(tables.claims["source"], tables.claims["text"],
                                             tables.claims["claim_id"], strict=True)}
    group_of = dict(zip(tables.groups["claim_id"], tables.groups["group_id"], strict=True))
    pairs = [(claim_of.get((p.source_a, p.text_a)), claim_of.get((p.source_b, p.text_b)))
             for p in planted]
    grouped = sum(1 for a, b in pairs if a and b and a in group_of and group_of[a] == group_of.get(b))

    compared = tables.claims[tables.claims["compared"].astype(bool)].reset_index(drop=True)
    profiles = build_profiles(compared, tables.facets, tables.mentions)
    candidates = candidate_pairs([p.terms for p in profiles], [p.source for p in profiles],
                                 [p.block_keys() for p in profiles])
    figures: dict[str, Any] = {
        "candidate pairs": len(candidates), "planted pairs": len(planted),
        "recall": grouped / max(len(planted), 1), "cdist s": None, "cdist recall": None,
    }
    if len(profiles) <= cdist_max:
        index = {p.claim_id: i for i, p in enumerate(profiles)}
        strings = [p.text_key for p in profiles]
        started = time.perf_counter()
        matrix = process.cdist(strings, strings, scorer=fuzz.token_set_ratio, workers=-1,
                               dtype=np.uint8)
        figures["cdist s"] = time.perf_counter() - started
        hits = sum(1 for a, b in pairs if a in index and b in index
                   and matrix[index[a], index[b]] >= th.claim_similarity)
        figures["cdist recall"] = hits / max(len(planted), 1)
    return figures


# --------------------------------------------------------------------------- in the parent


def _child(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "checker.bench.run", *args], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _checker(*args: str, cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "checker", *args], check=False, cwd=cwd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "CI": "1"})
    return time.perf_counter() - started


def measure_seeds(seeds: Path, runs: int = SEEDS_RUNS) -> dict[str, Any]:
    """`checker check seeds/` end to end in a fresh interpreter: the median of `runs`,
    without and with a warm cache."""
    byte_compile_checker()
    with tempfile.TemporaryDirectory(prefix="checker-bench-") as tmp:
        work = Path(tmp)
        common = [str(seeds.resolve()), "--out", "r", "--claims-dir", "c", "-q"]
        _checker("check", *common, "--no-cache", cwd=work)  # warm the OS file cache
        loops: list[float] = []
        cold: list[float] = []
        for _ in range(runs):
            loops.append(reference_loop())
            cold.append(_checker("check", *common, "--no-cache", cwd=work))
        _checker("check", *common, cwd=work)
        warm: list[float] = []
        for _ in range(runs):
            loops.append(reference_loop())
            warm.append(_checker("check", *common, cwd=work))
    return {"runs": runs, "no cache s": statistics.median(cold),
            "warm cache s": statistics.median(warm), "best s": min(cold + warm),
            "reference loop s": statistics.median(loops)}


def byte_compile_checker() -> None:
    """Compile the checker's modules to bytecode, as installing a package does: an editable
    install leaves that to the first import, which does not write it when
    PYTHONDONTWRITEBYTECODE is set, and every run then compiles the sources again (about
    0.3 s of a seeds run)."""
    import compileall

    import checker

    compileall.compile_dir(str(Path(checker.__file__).parent), quiet=1)


def measure_incremental(n_articles: int, seed: int, stories: str = "one") -> dict[str, Any]:
    """A cold run filling an empty cache, then the re-check after adding one article."""
    from checker.bench.corpus import add_article, write_corpus

    with tempfile.TemporaryDirectory(prefix="checker-bench-") as tmp:
        work = Path(tmp)
        corpus = write_corpus(work / "corpus", n_articles, seed)
        common = ["check", str(corpus.root), "--out", "r", "--claims-dir", "c", "-q",
                  "--cache-dir", str(work / "cache"), "--stories", stories]
        cold = _checker(*common, cwd=work)
        add_article(corpus)
        warm = _checker(*common, cwd=work)
    return {"stories": stories, "articles": n_articles, "cold s": cold, "one added s": warm,
            "speed-up": cold / warm}


def measure_matching(sizes: Sequence[int], cdist_max: int) -> list[dict[str, Any]]:
    from checker.match_bench import bench_matching

    rows = []
    for n in sizes:
        r = bench_matching(n, baseline=n <= cdist_max)
        rows.append({"claims": r.n_claims, "planted": r.n_planted,
                     "candidate pairs": r.candidate_pairs, "match s": r.seconds,
                     "match cpu s": r.cpu_seconds,
                     "recall": r.recall, "cdist s": r.baseline_seconds,
                     "cdist recall": r.baseline_recall, "speed-up": r.speedup,
                     "recall ratio": r.recall_ratio})
    return rows


def measure_segmenters() -> str:
    """The segmentation helper's comparison table (pysbd / syntok / ours), as Markdown."""
    try:
        from checker.bench import segmenters
    except ImportError as exc:
        return f"(segmenter comparison not available: {exc})"
    return segmenters.comparison_markdown()


def _table(rows: list[dict[str, Any]], columns: Sequence[str]) -> str:
    def cell(value: Any) -> Any:
        if value is None:
            return "-"
        if isinstance(value, float):
            return f"{value:,.0f}" if value >= 1000 else f"{value:.3g}" if value < 10 else f"{value:.1f}"
        if isinstance(value, int):
            return f"{value:,}"
        return value

    return tabulate([[cell(r.get(c)) for c in columns] for r in rows], headers=list(columns),
                    tablefmt="github", disable_numparse=True)


def reference_loop(iterations: int = 10_000_000) -> float:
    """Seconds a plain Python loop of additions takes: how fast this (shared, possibly
    throttled) machine runs Python right now, so that figures of different runs can be
    compared."""
    started = time.perf_counter()
    total = 0
    for i in range(iterations):
        total += i
    return time.perf_counter() - started


def render(sizes_rows: list[dict[str, Any]], seeds: dict[str, Any] | None,
           incremental: list[dict[str, Any]], matching: list[dict[str, Any]],
           segmenters: str | None, speed: Sequence[float] = (),
           stories_rows: Sequence[dict[str, Any]] = ()) -> str:
    from checker.extract import POOL_MIN_ARTICLES

    load = os.getloadavg()
    parts = [
        "# checker benchmark",
        "",
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}. "
        "Generated with `make bench` (`python -m checker.bench --out reports/bench.md`).",
    ]
    if speed:
        parts[-1] += (" Machine speed: a 10,000,000-addition Python loop took "
                      + " s at the start and ".join(f"{s:.2f}" for s in speed)
                      + " s at the end (the same loop is the yardstick between runs: this machine "
                      "is shared and its speed varies from hour to hour).")
    if seeds:
        parts += ["", "## Seeds end to end", "",
                  "`checker check seeds/` in a fresh interpreter (start-up and imports included, "
                  "the checker's modules byte-compiled as an installed package's are), "
                  f"median of {seeds['runs']} runs; ",
                  "reference loop s: the median time of the reference loop, run just before "
                  "each of them.", "",
                  _table([seeds], ["no cache s", "warm cache s", "best s", "reference loop s"])]
    if sizes_rows:
        parts += ["", "## End to end on generated corpora", "",
                  "One child process per size. claims/s = rows of the claims table (segments "
                  "and atomic facts) per wall second of the whole check, run as the CLI runs "
                  "it (the per-article stages on one worker process per CPU from "
                  f"{POOL_MIN_ARTICLES} articles up; their time is in the segment column); "
                  "cpu s = CPU time of the "
                  "check, workers included (steadier than wall time on a shared machine); "
                  "peak MB = the main process, worker peak MB = the largest worker; recall = planted "
                  "paraphrase pairs grouped together; cdist = all-pairs "
                  "`rapidfuzz.process.cdist(token_set_ratio, workers=-1)` over the same "
                  "compared claims (recall: pairs at or above the claim threshold).", "",
                  _table(sizes_rows, E2E_COLUMNS)]
        growth = _growth(sizes_rows)
        if growth:
            parts += ["", growth]
    if stories_rows:
        parts += ["", "## End to end, one story per folder", "",
                  "The same corpora checked as an archive: `checker check CORPUS --stories folders "
                  "--no-cache` (every file format) in a fresh interpreter, each story on its own, "
                  "the stories on one worker process per CPU. cpu s includes the workers; peak MB "
                  "= the largest process; compared = claims compared as the reports count them "
                  "(segments, without the atomic facts counted in the table above).", "",
                  _table(list(stories_rows), STORIES_COLUMNS)]
        growth = _growth(list(stories_rows))
        if growth:
            parts += ["", growth]
    if incremental:
        parts += ["", "## Incremental", "",
                  "A cold run filling an empty `--cache-dir`, then the re-check after adding one "
                  "article (both `checker check` in a fresh interpreter). stories one: the whole "
                  "corpus is one story (cross-source stages and reports run again on everything); "
                  "folders: `--stories folders` (only the new article's story is checked, the "
                  "others' reports are reused).", "",
                  _table(incremental, ["stories", "articles", "cold s", "one added s", "speed-up"])]
    if matching:
        parts += ["", "## Matching alone (checker.match_bench)", "",
                  _table(matching, ["claims", "planted", "candidate pairs", "match s", "match cpu s", "recall",
                                    "cdist s", "cdist recall", "speed-up", "recall ratio"])]
    if segmenters:
        parts += ["", "## Sentence splitters", "", segmenters]
    return "\n".join(parts) + "\n"


def _growth(rows: list[dict[str, Any]]) -> str:
    by_size = {r["articles"]: r for r in rows}
    sizes = sorted(by_size)
    notes = []
    for small, big in itertools.pairwise(sizes):
        ratio = by_size[big]["wall s"] / by_size[small]["wall s"]
        notes.append(f"{small:,} -> {big:,} articles: time x {ratio:.1f} for size x {big / small:.0f}")
    return "Growth: " + "; ".join(notes) + "." if notes else ""


def _ints(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.bench",
                                     description="Benchmark the checker end to end.")
    parser.add_argument("--sizes", type=_ints, default=list(DEFAULT_SIZES),
                        help="corpus sizes in articles, comma-separated (default 100,1000,10000)")
    parser.add_argument("--match-sizes", type=_ints, default=list(DEFAULT_MATCH_SIZES),
                        help="claims for the matcher-only benchmark ('' to skip)")
    parser.add_argument("--cdist-max", type=int, default=DEFAULT_CDIST_MAX,
                        help="run the all-pairs baseline only up to this many claims")
    parser.add_argument("--incremental", type=int, default=INCREMENTAL_ARTICLES,
                        help="articles for the incremental benchmark (0 to skip)")
    parser.add_argument("--seeds", type=Path, default=Path("seeds"),
                        help="the seeds folder to time end to end ('' to skip)")
    parser.add_argument("--no-segmenters", action="store_true", help="skip the splitter comparison")
    parser.add_argument("--seed", type=int, default=0, help="corpus random seed")
    parser.add_argument("--out", type=Path, help="also write the Markdown report here")
    parser.add_argument("--no-stories", action="store_true",
                        help="skip the one-story-per-folder runs (--stories folders)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-stories", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child is not None or args.child_stories is not None:
        with tempfile.TemporaryDirectory(prefix="checker-bench-") as tmp:
            if args.child is not None:
                row = measure_size(args.child, args.seed, args.cdist_max, Path(tmp))
            else:
                row = measure_stories(args.child_stories, args.seed, Path(tmp))
        print(json.dumps(row))
        return 0

    def say(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    speed = [reference_loop()]
    seeds = None
    if str(args.seeds) not in ("", ".") and args.seeds.is_dir():
        say("seeds end to end")
        seeds = measure_seeds(args.seeds)
    rows = []
    for n in args.sizes:
        say(f"{n:,} articles")
        rows.append(_child(["--child", str(n), "--seed", str(args.seed),
                            "--cdist-max", str(args.cdist_max)]))
    stories_rows = []
    if not args.no_stories:
        for n in args.sizes:
            say(f"{n:,} articles, one story per folder")
            stories_rows.append(_child(["--child-stories", str(n), "--seed", str(args.seed)]))
    incremental = []
    if args.incremental:
        for mode in ("one", *(() if args.no_stories else ("folders",))):
            say(f"incremental on {args.incremental:,} articles, stories {mode}")
            incremental.append(measure_incremental(args.incremental, args.seed, mode))
    matching = []
    if args.match_sizes:
        say(f"matching alone on {', '.join(f'{n:,}' for n in args.match_sizes)} claims")
        matching = measure_matching(args.match_sizes, args.cdist_max)
    segmenters = None if args.no_segmenters else measure_segmenters()
    speed.append(reference_loop())
    text = render(rows, seeds, incremental, matching, segmenters, speed, stories_rows)
    print(text, end="")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        tmp_out = args.out.with_name(f".{args.out.name}.tmp")
        tmp_out.write_text(text, encoding="utf-8")
        shutil.move(tmp_out, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
