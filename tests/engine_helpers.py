"""Shared by the tests that run one input two ways (a process pool, a Dask cluster) and
compare every file the two runs would write."""

from __future__ import annotations

import shutil
from pathlib import Path

from checker.bench.corpus import write_corpus
from checker.report import FORMATS, render_claims

ARTICLES = Path(__file__).resolve().parent / "articles"


def mixed_corpus(root: Path, articles: int, seed: int) -> Path:
    """A generated archive of `articles` plus one of our hand-written stories."""
    write_corpus(root / "archive", articles, seed=seed)
    shutil.copytree(ARTICLES / "wildfire", root / "wildfire", ignore=shutil.ignore_patterns("*.toml"))
    return root


def rendered(result) -> dict[str, str]:
    """Every report format and every claims file of a result, by name."""
    out = {name: render(result) for name, (_, render) in FORMATS.items()}
    out.update(render_claims(result.tables.claims, result.tables.facets))
    return out
