"""Incremental reuse: the per-article stages (segment and facets) of an unchanged article are
read back from a cache instead of being run again.

What is cached, per article: its segments (segment.CLAIM_COLUMNS rows) and the facets its
extractors found (facets.FACET_COLUMNS rows) *before* the cross-source passes. Those passes
(dates settled by other sources, atomic facts, then resolve, match, compare and findings)
always run on the whole corpus, so a cached article is checked against new ones exactly as in
a cold run: the result is identical to a run without the cache.

The key of an article's entry is a digest of
- the article: its content hash (the sha256 column of the articles table, i.e. the raw
  bytes), its id and the metadata the per-article stages read (title, publication date and
  where it came from, body offset);
- the checker: its version, a digest of its own source files and data tables (so editing a
  rule or a word list invalidates every entry), and the thresholds in use.

Layout: `<cache_dir>/extract-v<CACHE_FORMAT>/<key[:2]>/<key>.json`, one small JSON file per
article (never pickle: a cache folder is not trusted to run code), each written atomically
(temporary file, then rename), so an interrupted run leaves only whole entries. An entry that
cannot be read or parsed is a miss. Entries are never pruned automatically; delete the folder
to reclaim space.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from checker.config import CheckConfig, Thresholds
from checker.extract import PerArticle, frame_in_order
from checker.facets import FACET_COLUMNS, cross_source_facets
from checker.segment import CLAIM_COLUMNS
from checker.tables import isin, row_dicts

#: Bump when what an entry holds, or how it is laid out, changes.
CACHE_FORMAT = 1
#: The default cache folder, relative to the working directory (the CLI's --cache-dir).
DEFAULT_CACHE_DIR = Path(".checker-cache")
#: Article columns that the per-article stages read, besides the text (covered by sha256).
KEY_COLUMNS = ("source", "sha256", "title", "published", "published_from", "body_start")

_PACKAGE_ROOT = Path(__file__).resolve().parent
_CODE_SUFFIXES = (".py", ".txt", ".csv", ".json")


@cache
def code_digest() -> str:
    """A digest of the checker's version, its source files and its data tables."""
    from checker import __version__

    digest = hashlib.sha256(f"checker {__version__} cache {CACHE_FORMAT}\n".encode())
    files = sorted(p for p in _PACKAGE_ROOT.rglob("*")
                   if p.suffix in _CODE_SUFFIXES and p.is_file() and "__pycache__" not in p.parts
                   and "bench" not in p.relative_to(_PACKAGE_ROOT).parts[:1])
    for path in files:
        digest.update(path.relative_to(_PACKAGE_ROOT).as_posix().encode())
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def run_digest(thresholds: Thresholds) -> str:
    return hashlib.sha256(f"{code_digest()}\n{thresholds!r}".encode()).hexdigest()


def article_key(article: dict[str, object], run: str) -> str:
    parts = [run, *(f"{c}={article[c]}" for c in KEY_COLUMNS)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """One article's cached output: segment rows and pre-cross-source facet rows."""

    claims: list[list[object]]
    facets: list[list[object]]


class ExtractionCache:
    """Per-article entries under `folder`; see the module docstring."""

    def __init__(self, folder: Path | str, thresholds: Thresholds | None = None) -> None:
        self.folder = Path(folder) / f"extract-v{CACHE_FORMAT}"
        self.run = run_digest(thresholds or Thresholds())
        self.hits = 0
        self.misses = 0

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str) -> Entry | None:
        try:
            data = json.loads(self.path(key).read_text(encoding="utf-8"))
            entry = Entry(claims=data["claims"], facets=data["facets"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not _valid_rows(entry.claims, len(CLAIM_COLUMNS)) or not _valid_rows(entry.facets, len(FACET_COLUMNS)):
            return None
        return entry

    def save(self, key: str, entry: Entry) -> None:
        """Write one entry atomically; a cache that cannot be written is only slower."""
        target = self.path(key)
        text = json.dumps({"format": CACHE_FORMAT, "claims": entry.claims, "facets": entry.facets},
                          ensure_ascii=False, separators=(",", ":"))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=target.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as fh:
                    fh.write(text)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return


def _valid_rows(rows: object, width: int) -> bool:
    return isinstance(rows, list) and all(isinstance(r, list) and len(r) == width for r in rows)


# --------------------------------------------------------------------------- extraction


@dataclass(frozen=True)
class CachedExtraction:
    articles: pd.DataFrame  # titled
    claims: pd.DataFrame
    facets: pd.DataFrame
    reused: int  # articles read back from the cache
    extracted: int  # articles segmented and extracted in this run


def extract_with_cache(articles: pd.DataFrame, store: ExtractionCache,
                       extract: Callable[[pd.DataFrame], PerArticle],
                       on_facets: Callable[[], None] | None = None) -> CachedExtraction:
    """Run `extract` (checker.extract.extract_articles, or a stand-in) on the articles that
    are not cached, reuse the others, then run the cross-source passes on everything.
    `on_facets` is called when the per-article work is done (progress)."""
    from checker.api import title_from_headlines

    records = row_dicts(articles)
    keys = [article_key(r, store.run) for r in records]
    cached: dict[str, Entry] = {}
    for record, key in zip(records, keys, strict=True):
        entry = store.load(key)
        if entry is not None:
            cached[str(record["source"])] = entry
    fresh = articles[~isin(articles["source"], cached)]
    done = extract(fresh) if not fresh.empty else PerArticle(fresh, {}, {})

    sources = articles["source"].tolist()
    for source, key in zip(sources, keys, strict=True):
        if source not in cached:
            entry = Entry(claims=done.segments.get(source, []), facets=done.facets.get(source, []))
            store.save(key, entry)
            cached[source] = entry
    segments = frame_in_order({s: e.claims for s, e in cached.items()}, sources, CLAIM_COLUMNS)
    titled = title_from_headlines(articles, segments)
    if on_facets is not None:
        on_facets()
    facets = frame_in_order({s: e.facets for s, e in cached.items()}, sources, FACET_COLUMNS)
    store.hits += len(articles) - len(fresh)
    store.misses += len(fresh)
    result = cross_source_facets(segments, facets, titled)
    return CachedExtraction(articles=titled, claims=result.claims, facets=result.facets,
                            reused=len(articles) - len(fresh), extracted=len(fresh))


def open_cache(config: CheckConfig) -> ExtractionCache | None:
    return ExtractionCache(config.cache_dir, config.thresholds) if config.cache_dir is not None else None
