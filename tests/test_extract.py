"""checker.extract: the per-article stages on a pool of processes give the rows, and so the
reports, that one process gives; small inputs never start a pool."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_helpers import mixed_corpus, rendered

from checker import extract
from checker.api import check_paths
from checker.config import CheckConfig
from checker.extract import extract_articles, merge, partitions
from checker.ingest import ingest


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return mixed_corpus(tmp_path_factory.mktemp("pool"), 12, seed=5)


def test_a_pool_of_two_gives_byte_identical_reports(corpus, monkeypatch):
    monkeypatch.setattr(extract, "POOL_MIN_ARTICLES", 2)
    monkeypatch.setattr(extract, "POOL_CHUNK_ARTICLES", 3)  # several tasks per worker
    pooled = check_paths([corpus], CheckConfig(workers=2))
    alone = check_paths([corpus], CheckConfig(workers=1))
    assert len(alone.tables.articles) > 6
    assert rendered(pooled) == rendered(alone)
    assert [f.fingerprint for f in pooled.findings] == [f.fingerprint for f in alone.findings]


def test_small_inputs_stay_in_this_process(corpus, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    articles = ingest([corpus]).articles
    assert len(articles) < extract.POOL_MIN_ARTICLES
    done = extract_articles(articles, workers=4)
    assert set(done.segments) == set(articles["source"])


def test_merged_partitions_keep_every_article_and_its_rows(corpus):
    articles = ingest([corpus]).articles
    whole = extract.extract_partition(articles)
    parts = merge([extract.extract_partition(p) for p in partitions(articles, 5)])
    assert parts.segments == whole.segments
    assert parts.facets == whole.facets
    assert parts.articles["title"].tolist() == whole.articles["title"].tolist()
