"""The library API. It never prints and never exits: the CLI does that.

    from checker import check_paths, CheckConfig
    result = check_paths(["seeds/"], CheckConfig())
    for finding in result.findings:
        print(finding.code, finding.summary)
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd

from checker.checks import REGISTRY
from checker.compare import PairComparer, compare_groups, compare_pairs, forked_comparer
from checker.config import CheckConfig
from checker.extract import extract_articles, with_cross_source
from checker.facets.dates import find_dateline
from checker.findings.engine import CheckContext, run_checks, select_checks
from checker.findings.model import Finding
from checker.forking import stage_workers
from checker.gc_tuning import fewer_collections
from checker.ingest import FATAL_PROBLEMS, IngestOptions, ingest
from checker.match import CandidateFinder, local_candidates, match_claims
from checker.progress import Progress
from checker.resolve import resolve_entities
from checker.tables import Tables, isin
from checker.workflow import WorkflowInputs, apply_workflow, load_workflow


@dataclass(frozen=True)
class Extraction:
    """Ingest, segment and facets: what `checker extract` produces."""

    articles: pd.DataFrame
    problems: pd.DataFrame
    claims: pd.DataFrame
    facets: pd.DataFrame

    @property
    def fatal(self) -> bool:
        """True when the input itself was wrong (a missing path, a folder with no articles)
        or nothing at all could be read: the CLI exits 2."""
        return bool(isin(self.problems["code"], FATAL_PROBLEMS).any()) or self.articles.empty


@dataclass(frozen=True)
class CheckResult:
    tables: Tables
    findings: list[Finding]
    config: CheckConfig
    #: The editor workflow (checker.workflow): decisions whose finding no longer occurs, and
    #: reference facts with the claims that match them.
    stale_decisions: tuple[Any, ...] = ()
    verified: tuple[Any, ...] = ()

    @property
    def problems(self) -> pd.DataFrame:
        return self.tables.problems

    @property
    def fatal(self) -> bool:
        return bool(isin(self.problems["code"], FATAL_PROBLEMS).any()) or self.tables.articles.empty


def extract_paths(paths: Sequence[str | os.PathLike[str]], config: CheckConfig | None = None,
                  *, progress: Progress | None = None) -> Extraction:
    """`progress`, when given, is called with each stage's name as it starts
    (checker.progress.STAGES)."""
    config = config or CheckConfig()
    report = progress or _no_progress
    report("ingest")
    read = ingest(paths, IngestOptions.from_config(config))
    return extract_read(read.articles, read.problems, config, progress=progress)


def extract_read(articles: pd.DataFrame, problems: pd.DataFrame, config: CheckConfig,
                 *, progress: Progress | None = None) -> Extraction:
    """Segment and facets for articles already read (an ingest.ARTICLE_COLUMNS table; e.g.
    one story of an archive, checker.stories), with the extraction cache when configured."""
    report = progress or _no_progress
    articles = date_from_datelines(articles)
    report("segment")
    extract = partial(extract_articles, thresholds=config.thresholds, workers=config.workers)
    if config.cache_dir is not None and not articles.empty:
        from checker.cache import ExtractionCache, extract_with_cache

        store = ExtractionCache(config.cache_dir, config.thresholds)
        cached = extract_with_cache(articles, store, extract, on_facets=lambda: report("facets"))
        return Extraction(cached.articles, problems, cached.claims, cached.facets)
    done = extract(articles)
    report("facets")
    facets = with_cross_source(done)
    return Extraction(done.articles, problems, facets.claims, facets.facets)


def _no_progress(stage: str) -> None:
    return None


def date_from_datelines(articles: pd.DataFrame) -> pd.DataFrame:
    """Articles without a publication date in their metadata get the date of a dateline near
    their top ("14/9/25"), recorded as `dateline:<line>`; relative dates are anchored on it."""
    published = articles["published"].tolist()
    missing = [i for i, value in enumerate(published) if not (isinstance(value, str) and value)]
    if not missing:
        return articles
    found_at: dict[int, tuple[str, int]] = {}
    texts, starts = articles["text"].tolist(), articles["body_start"].tolist()
    for i in missing:
        found = find_dateline(texts[i], int(starts[i]))
        if found:
            found_at[i] = found
    # A dateline with a weekday and no year ("Thursday 5 November") takes its year from the
    # other articles' dates; an ambiguous "05/11/2026", the reading near them.
    years = sorted({int(value[:4]) for value in [*published, *(d for d, _ in found_at.values())]
                    if isinstance(value, str) and value[:4].isdigit()})
    known = [value for value in [*published, *(d for d, _ in found_at.values())]
             if isinstance(value, str) and value]
    for i in missing:
        if (years or known) and i not in found_at:
            found = find_dateline(texts[i], int(starts[i]), years, known)
            if found:
                found_at[i] = found
    if not found_at:
        return articles
    origin = articles["published_from"].tolist()
    for i, (date, line) in found_at.items():
        published[i], origin[i] = date, f"dateline:{line}"
    return articles.assign(published=pd.Series(published, index=articles.index, dtype=articles["published"].dtype),
                           published_from=pd.Series(origin, index=articles.index,
                                                    dtype=articles["published_from"].dtype))


def title_from_headlines(articles: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """The title is the segment classified as the headline (a first line that is a ticker
    item or navigation is not); without one, the article's first compared claim."""
    if segments.empty:
        return articles
    headline: dict[str, tuple[int, str]] = {}
    lede: dict[str, tuple[int, str]] = {}
    rows = zip(segments["source"].tolist(), segments["n"].tolist(), segments["class"].tolist(),
               segments["compared"].tolist(), segments["text"].tolist(), strict=True)
    for source, n, cls, compared, text in rows:
        if cls == "headline" and (source not in headline or n < headline[source][0]):
            headline[source] = (n, text)
        if compared and (source not in lede or n < lede[source][0]):
            lede[source] = (n, text)
    titles = [str(first[1] if (first := headline.get(s) or lede.get(s)) else old).strip()
              for s, old in zip(articles["source"].tolist(), articles["title"].tolist(), strict=True)]
    return articles.assign(title=pd.Series(titles, index=articles.index, dtype=articles["title"].dtype))


def check_extraction(extraction: Extraction, config: CheckConfig | None = None,
                     *, progress: Progress | None = None, workflow: WorkflowInputs | None = None,
                     find_candidates: CandidateFinder = local_candidates,
                     compare: PairComparer = compare_pairs) -> CheckResult:
    """`workflow`: decisions, reference facts and baseline, read from the config's paths when
    not given (checker.workflow.WorkflowInputError for a malformed file). `find_candidates`
    (how matching finds and scores its candidate pairs) and `compare` (how pairs of grouped
    claims are compared): the Dask engine's run on its cluster."""
    config = config or CheckConfig()
    workflow = workflow if workflow is not None else load_workflow(config)
    config = workflow.configured(config)
    report = progress or _no_progress
    th = config.thresholds
    report("resolve")
    resolved = resolve_entities(extraction.facets, extraction.claims, th)
    workers = stage_workers(config.workers, len(extraction.claims))
    report("match")
    groups = match_claims(extraction.claims, extraction.facets, resolved.mentions, th, find_candidates, workers)
    report("compare")
    if compare is compare_pairs and workers > 1:
        compare = forked_comparer(workers)
    compared = compare_groups(groups, extraction.claims, extraction.facets, th, compare,
                              mentions=resolved.mentions, entities=resolved.entities)
    tables = Tables(
        articles=extraction.articles,
        problems=extraction.problems,
        claims=extraction.claims,
        facets=extraction.facets,
        mentions=resolved.mentions,
        entities=resolved.entities,
        groups=compared.groups,
        comparisons=compared.comparisons,
    )
    report("findings")
    ctx = CheckContext(tables=tables, config=config)
    findings = run_checks(ctx, select_checks(REGISTRY, config))
    outcome = apply_workflow(findings, workflow, tables, config)
    return CheckResult(tables=tables, findings=outcome.findings, config=config,
                       stale_decisions=outcome.stale_decisions, verified=outcome.verified)


def check_paths(paths: Sequence[str | os.PathLike[str]], config: CheckConfig | None = None,
                *, progress: Progress | None = None) -> CheckResult:
    """Every stage. `config.engine == "dask"` runs the same pipeline on a Dask cluster
    (checker.engine_dask; the dask extra) with the same result."""
    config = config or CheckConfig()
    if config.engine == "dask":
        from checker.engine_dask import check_paths_dask

        return check_paths_dask(paths, config, progress=progress)
    workflow = load_workflow(config)  # a malformed decisions file fails before the long part
    with fewer_collections():
        return check_extraction(extract_paths(paths, config, progress=progress), config,
                                progress=progress, workflow=workflow)
