"""The per-article stages, segment -> title -> facet extractors, on this process or on a
pool of local processes.

Everything here looks at one article at a time, so articles can be processed in any order
and on any process: the results are put back in the articles' order, and the cross-source
passes (checker.facets.cross_source_facets, then resolve, match, ...) run afterwards on the
whole corpus. The default engine, the extraction cache and the Dask engine all call
`extract_partition`, so the three give the same rows.

A pool pays for itself only on large inputs: each worker is a fresh interpreter (`spawn`, so
no thread or lock of this process is inherited) that imports the checker, about a second.
Below `POOL_MIN_ARTICLES` articles, or with one worker, everything runs in this process.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat

import pandas as pd

from checker.config import Thresholds
from checker.facets import FACET_COLUMNS, FacetResult, cross_source_facets
from checker.segment import CLAIM_COLUMNS
from checker.tables import empty_frame

#: Fewer articles than this are extracted in this process whatever the worker count.
POOL_MIN_ARTICLES = 200
#: Articles per task handed to a pool worker: small enough to balance the load, large
#: enough that pickling the task costs little next to the work.
POOL_CHUNK_ARTICLES = 40

Rows = dict[str, list[list[object]]]


@dataclass(frozen=True)
class PerArticle:
    """What the per-article stages produce, by source, as plain Python rows."""

    articles: pd.DataFrame  # the input articles, titled from their headlines
    segments: Rows  # segment.CLAIM_COLUMNS rows
    facets: Rows  # facets.FACET_COLUMNS rows, before the cross-source passes


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def partitions(articles: pd.DataFrame, size: int) -> list[pd.DataFrame]:
    """The articles table cut into consecutive slices of at most `size` rows."""
    return [articles.iloc[i:i + size] for i in range(0, len(articles), size)]


def extract_partition(articles: pd.DataFrame, thresholds: Thresholds | None = None) -> PerArticle:
    """The per-article stages for a slice of the articles table."""
    from checker.api import title_from_headlines
    from checker.facets import article_facet_rows
    from checker.segment import segment

    segments = segment(articles, thresholds)
    titled = title_from_headlines(articles, segments)
    return PerArticle(titled, rows_by_source(segments), rows_by_source(article_facet_rows(segments, titled)))


def extract_articles(articles: pd.DataFrame, thresholds: Thresholds | None = None,
                     workers: int = 1) -> PerArticle:
    """`extract_partition` over every article, on `workers` processes (0: one per CPU)."""
    workers = workers or default_workers()
    if workers <= 1 or len(articles) < POOL_MIN_ARTICLES:
        return extract_partition(articles, thresholds)
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    parts = partitions(articles, POOL_CHUNK_ARTICLES)
    pool = ProcessPoolExecutor(max_workers=min(workers, len(parts)), mp_context=get_context("spawn"),
                               initializer=start_worker)
    try:
        done = list(pool.map(extract_partition, parts, repeat(thresholds)))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return merge(done)


def merge(parts: Sequence[PerArticle]) -> PerArticle:
    """The partitions' results as one, in the partitions' order."""
    if len(parts) == 1:
        return parts[0]
    segments: Rows = {}
    facets: Rows = {}
    for part in parts:
        segments.update(part.segments)
        facets.update(part.facets)
    return PerArticle(pd.concat([p.articles for p in parts]), segments, facets)


def rows_by_source(frame: pd.DataFrame) -> Rows:
    """Rows of a per-article table grouped by source, as plain Python values."""
    if frame.empty:
        return {}
    out: Rows = {}
    values = zip(*(frame[c].tolist() for c in frame.columns), strict=True)
    for source, row in zip(frame["source"].tolist(), values, strict=True):
        out.setdefault(str(source), []).append(list(row))
    return out


def frame_in_order(by_source: Rows, sources: Sequence[str], columns: Sequence[str]) -> pd.DataFrame:
    """The rows of `sources`, one source after another, as a table."""
    rows: list[list[object]] = []
    for source in sources:
        rows.extend(by_source.get(source, ()))
    return pd.DataFrame(rows, columns=list(columns)) if rows else empty_frame(list(columns))


def with_cross_source(done: PerArticle) -> FacetResult:
    """The claims and facets tables of every article, in the articles' order, after the
    cross-source passes (checker.facets.cross_source_facets)."""
    sources = done.articles["source"].tolist()
    return cross_source_facets(frame_in_order(done.segments, sources, CLAIM_COLUMNS),
                               frame_in_order(done.facets, sources, FACET_COLUMNS), done.articles)


def start_worker() -> None:
    from checker.gc_tuning import tune_worker

    # Ctrl-C reaches the whole process group: the parent stops the run and cleans up; a worker
    # must not print a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    tune_worker()
