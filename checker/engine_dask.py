"""The Dask engine: the same pipeline with its per-article work spread over a Dask cluster.

    checker check archive/ --engine dask                         # a local cluster, 2 workers
    checker check archive/ --engine dask --scheduler tcp://host:8786

How the work is split
- Discovery and reading (ingest) run in the client, because they decide things across files
  (duplicates, unique ids, sidecar metadata) and the files live where the client runs.
- The articles table is cut into partitions of about `PARTITION_ARTICLES` articles, held in
  a `dask.bag`; on the workers, each partition goes through `checker.extract.extract_partition`
  (segmented, titled, run through the facet extractors: every per-article stage, no
  cross-source pass), the function the default engine runs on its own process pool.
- The partitions come back in order and the cross-source passes run on the whole corpus in
  the client (dates settled by other sources, atomic facts, resolve, match, compare,
  findings), with the very functions the default engine calls, except for two steps run on
  the cluster: matching's candidate pairs (`blocked_join` joins slices of the blocking
  table with the whole table on the key and scores the pairs on the workers) and the compare
  stage's pairs of grouped claims (`compare_on_cluster`, in slices). The result, and so
  every report, is byte-identical to the default engine's (tests run both, and compare the
  blocked join's pairs and scores with the local ones).

Without `--scheduler` a `distributed.LocalCluster` is started for the run (processes,
`LOCAL_WORKERS` workers of one thread each) and closed afterwards. With one, the client
connects to that scheduler; its workers need the same checker version installed.

dask and distributed are the optional `dask` extra (`pip install 'checker[dask]'`); they are
imported only here, only when this engine is chosen. A missing extra or a scheduler that
cannot be reached is an `EngineError` (the CLI prints one line and exits 2).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from checker.config import CheckConfig

if TYPE_CHECKING:

    from checker.api import CheckResult
    from checker.progress import Progress

#: Articles per partition: enough work per task to hide the scheduling overhead.
PARTITION_ARTICLES = 200
#: Rows of the blocking table per partition of matching's blocked join.
JOIN_ROWS = 200_000
#: Candidate pairs per scoring task.
SCORE_PAIRS = 100_000
#: Pairs of grouped claims per compare task (fewer are compared in the client).
COMPARE_PAIRS = 20_000
#: Workers of the local cluster started when no scheduler is given.
LOCAL_WORKERS = 2
#: How long to wait for a given scheduler before giving up.
CONNECT_TIMEOUT_SECONDS = 10


class EngineError(Exception):
    """The engine cannot run: the extra is not installed or the cluster is unreachable."""


def _require_dask() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise EngineError(
            f"the dask engine needs the dask extra ({exc.name} is not installed): "
            "pip install 'checker[dask]'") from None


@contextmanager
def dask_client(scheduler: str | None) -> Iterator[Any]:
    """A distributed Client on `scheduler`, or on a local cluster started for the run."""
    _require_dask()
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT_SECONDS)
        except (OSError, TimeoutError, ValueError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    cluster = LocalCluster(n_workers=LOCAL_WORKERS, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    with cluster, Client(cluster) as client:
        yield client


def check_paths_dask(paths: Sequence[str | os.PathLike[str]], config: CheckConfig | None = None,
                     *, progress: Progress | None = None, client: Any = None) -> CheckResult:
    """`checker.api.check_paths` on a Dask cluster; `client`, when given, is used as is
    (otherwise one is made from `config.scheduler`)."""
    config = config or CheckConfig()
    _require_dask()
    if client is None:
        with dask_client(config.scheduler) as own:
            return check_paths_dask(paths, config, progress=progress, client=own)
    return _check(paths, config, progress, client)


def _check(paths: Sequence[str | os.PathLike[str]], config: CheckConfig,
           progress: Progress | None, client: Any) -> CheckResult:
    import dask.bag as db

    from checker.api import Extraction, check_extraction, date_from_datelines
    from checker.extract import PerArticle, extract_partition, merge, partitions, with_cross_source
    from checker.ingest import IngestOptions, ingest

    def report(stage: str) -> None:
        if progress is not None:
            progress(stage)

    report("ingest")
    read = ingest(paths, IngestOptions.from_config(config))
    articles = date_from_datelines(read.articles)
    report("segment")
    parts = partitions(articles, PARTITION_ARTICLES)
    done = PerArticle(articles, {}, {})
    if parts:
        bag = db.from_sequence(parts, npartitions=len(parts)).map(extract_partition, config.thresholds)
        done = merge(client.compute(bag, sync=True))
    report("facets")
    facets = with_cross_source(done)
    extraction = Extraction(done.articles, read.problems, facets.claims, facets.facets)
    return check_extraction(extraction, config, progress=progress,
                            find_candidates=partial(blocked_join, client),
                            compare=partial(compare_on_cluster, client))


def compare_on_cluster(client: Any, pairs: Sequence[Any], info: dict[str, Any],
                       thresholds: Any) -> list[dict[str, Any]]:
    """The compare stage's pairs of grouped claims compared on the workers (a
    `checker.compare.PairComparer`): slices of `COMPARE_PAIRS` pairs, each sent with the
    claims it names, the rows put back in the pairs' order."""
    from checker.compare import compare_pairs

    if len(pairs) <= COMPARE_PAIRS:
        return compare_pairs(pairs, info, thresholds)
    tasks = []
    for first in range(0, len(pairs), COMPARE_PAIRS):
        part = pairs[first:first + COMPARE_PAIRS]
        named = {c: info[c] for _, a, b, _ in part for c in (a, b) if c in info}
        tasks.append((part, named))
    futures = client.map(_compare_slice, client.scatter(tasks), thresholds=thresholds, pure=False)
    return [row for rows in client.gather(futures) for row in rows]


def _compare_slice(task: tuple[Sequence[Any], dict[str, Any]], thresholds: Any) -> list[dict[str, Any]]:
    from checker.compare import compare_pairs

    return compare_pairs(task[0], task[1], thresholds)


def blocked_join(client: Any, blocks: pd.DataFrame, sources: np.ndarray,
                 strings: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Matching's candidate pairs and their scores on the cluster (a
    `checker.match.CandidateFinder`): the blocking table is sent to every worker once; each
    task joins a slice of `JOIN_ROWS` rows with the whole table on the key and counts the
    keys each pair of claims shares; the counts are summed across slices, and the pairs
    sharing enough are scored by rapidfuzz on the workers, in chunks of `SCORE_PAIRS`. The
    same pairs and scores as `checker.match.local_candidates`. Data travels as scattered
    futures, never inside the task graph."""
    from checker.match import MIN_SHARED_KEYS, pairs_of_codes, score_pairs

    n = len(sources)
    if blocks.empty:
        return pairs_of_codes(np.empty(0, dtype=np.int64), n), score_pairs(strings, np.empty((0, 2)))
    # Each scattered as one object (a list given to scatter becomes one future per item).
    table, codes = client.scatter([blocks, sources], broadcast=True)
    slices = client.map(_shared_keys, range(0, len(blocks), JOIN_ROWS), blocks=table, sources=codes,
                        rows=JOIN_ROWS, pure=False)
    counts = pd.concat(client.gather(slices)).groupby(level=0).sum()
    kept = np.sort(counts.index.to_numpy(dtype=np.int64)[counts.to_numpy() >= MIN_SHARED_KEYS])
    pairs = pairs_of_codes(kept, n)
    if not len(pairs):
        return pairs, score_pairs(strings, pairs)
    [on_workers] = client.scatter([list(strings)], broadcast=True)
    chunks = client.scatter([pairs[i:i + SCORE_PAIRS] for i in range(0, len(pairs), SCORE_PAIRS)])
    scored = client.gather(client.map(_score_chunk, chunks, strings=on_workers, pure=False))
    return pairs, np.concatenate(scored)


def _shared_keys(first: int, blocks: pd.DataFrame, sources: np.ndarray, rows: int) -> pd.Series:
    """pair code -> keys shared, for the rows first..first+rows of the blocking table joined
    with the whole table."""
    from checker.match import shared_keys

    codes, counts = shared_keys(blocks.iloc[first:first + rows], blocks, sources)
    return pd.Series(counts, index=codes, dtype="int64")


def _score_chunk(pairs: np.ndarray, strings: Sequence[str]) -> np.ndarray:
    from checker.match import score_pairs

    return score_pairs(strings, pairs)
