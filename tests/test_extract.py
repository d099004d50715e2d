"""checker.extract: the per-article stages on a pool of processes give the rows, and so the
reports, that one process gives; small inputs never start a pool."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker import extract
from checker.api import check_paths
from checker.bench.corpus import write_corpus
from checker.config import CheckConfig
from checker.extract import extract_articles, merge, partitions
from checker.ingest import ingest
from checker.report import FORMATS, render_claims

ARTICLES = Path(__file__).resolve().parent / "articles"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pool")
    write_corpus(root / "archive", 12, seed=5)
    shutil.copytree(ARTICLES / "wildfire", root / "wildfire", ignore=shutil.ignore_patterns("*.toml"))
    return root


def rendered(result) -> dict[str, str]:
    out = {name: render(result) for name, (_, render) in FORMATS.items()}
    out.update(render_claims(result.tables.claims, result.tables.facets))
    return out


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
