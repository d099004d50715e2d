"""Incremental reuse: cached per-article work gives the same result as a cold run, and a
changed article is extracted again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from checker.api import check_paths, date_from_datelines
from checker.bench.corpus import write_corpus
from checker.cache import ExtractionCache, article_key, extract_with_cache, run_digest
from checker.config import CheckConfig, Thresholds
from checker.extract import extract_articles
from checker.ingest import ingest
from checker.report import FORMATS, render_claims

ARTICLES = Path(__file__).resolve().parent / "articles"
TABLES = ("articles", "claims", "facets", "mentions", "entities", "groups", "comparisons")


def rendered(result) -> dict[str, str]:
    out = {name: render(result) for name, (_, render) in FORMATS.items()}
    out.update(render_claims(result.tables.claims, result.tables.facets))
    return out


def assert_same(a, b) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(a.tables, name), getattr(b.tables, name))
    assert rendered(a) == rendered(b)
    assert [f.fingerprint for f in a.findings] == [f.fingerprint for f in b.findings]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Our own story plus a small generated archive of other invented stories."""
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ARTICLES / "trade_deal", root / "trade_deal",
                    ignore=shutil.ignore_patterns("*.toml"))
    write_corpus(root / "generated", 5, seed=3)
    return root


@pytest.fixture(scope="module")
def plain(corpus):
    """The corpus checked without a cache."""
    return check_paths([corpus])


def entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.rglob("*.json"))


def test_cold_and_warm_cached_runs_equal_a_run_without_cache(corpus, plain, tmp_path):
    config = CheckConfig(cache_dir=tmp_path / "cache")
    cold = check_paths([corpus], config)
    written = entries(tmp_path / "cache")
    assert len(written) == len(plain.tables.articles)
    assert not list((tmp_path / "cache").rglob(".tmp-*"))  # only whole entries
    warm = check_paths([corpus], config)
    assert_same(plain, cold)
    assert_same(plain, warm)


def _extract(paths: list[Path], store: ExtractionCache):
    articles = date_from_datelines(ingest(paths).articles)
    return extract_with_cache(articles, store, extract_articles)


def test_unchanged_articles_are_reused_and_a_changed_one_is_extracted_again(corpus, tmp_path):
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    store = ExtractionCache(tmp_path / "cache")
    first = _extract([work], store)
    assert (first.reused, first.extracted) == (0, len(first.articles))

    again = _extract([work], ExtractionCache(tmp_path / "cache"))
    assert (again.reused, again.extracted) == (len(first.articles), 0)

    target = sorted((work / "generated").rglob("*.txt"))[0]
    text = target.read_text(encoding="utf-8")
    changed = text.replace("Officials", "Senior officials", 1)
    assert changed != text
    target.write_text(changed, encoding="utf-8")
    after = _extract([work], ExtractionCache(tmp_path / "cache"))
    assert (after.reused, after.extracted) == (len(first.articles) - 1, 1)
    assert after.claims["text"].str.contains("Senior officials").any()
    # ... and the whole result is what a cold run on the changed corpus gives.
    assert_same(check_paths([work]), check_paths([work], CheckConfig(cache_dir=tmp_path / "cache")))


def test_an_added_article_is_the_only_one_extracted(corpus, tmp_path):
    from checker.bench.corpus import Corpus, add_article

    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    store = ExtractionCache(tmp_path / "cache")
    before = _extract([work], store)
    add_article(Corpus(root=work, articles=0, stories=0, planted=()))
    after = _extract([work], ExtractionCache(tmp_path / "cache"))
    assert (after.reused, after.extracted) == (len(before.articles), 1)


def test_a_damaged_entry_is_a_miss_not_an_error(corpus, plain, tmp_path):
    config = CheckConfig(cache_dir=tmp_path / "cache")
    _extract([corpus], ExtractionCache(tmp_path / "cache"))
    damaged = entries(tmp_path / "cache")
    damaged[0].write_text("{not json", encoding="utf-8")
    damaged[1].write_text('{"claims": [[1, 2]], "facets": []}', encoding="utf-8")
    assert_same(plain, check_paths([corpus], config))


def test_keys_change_with_the_article_its_metadata_and_the_thresholds():
    run = run_digest(Thresholds())
    article = {"source": "a", "sha256": "00", "title": "T", "published": "2025-01-02",
               "published_from": "", "body_start": 0}
    key = article_key(article, run)
    assert key == article_key(dict(article), run)
    assert key != article_key({**article, "sha256": "01"}, run)
    assert key != article_key({**article, "source": "b"}, run)
    assert key != article_key({**article, "published": "2025-01-03"}, run)
    assert key != article_key(article, run_digest(Thresholds(quote_share=0.4)))


def test_unwritable_cache_only_costs_time(corpus, plain, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    assert_same(plain, check_paths([corpus], CheckConfig(cache_dir=blocker)))
