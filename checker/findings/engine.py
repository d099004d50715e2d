"""Runs the registered checks over the pipeline tables. Checks declare a scope; the engine
splits the tables once per scope and loops, so a check sees one claim, one group, one
entity, or the corpus."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checker.config import CheckConfig
from checker.findings.check import Check
from checker.findings.model import Evidence, Finding, Scope
from checker.tables import Tables, column_values, row_dicts, row_tuples, shared_rows


@dataclass(frozen=True)
class CheckContext:
    tables: Tables
    config: CheckConfig


@dataclass(frozen=True)
class GroupView:
    """One group of matched claims, as plain records (dicts keyed by the tables' columns): an
    archive has hundreds of thousands of groups, and a DataFrame per group cost more than
    every check together."""

    group_id: str
    status: str
    claims: tuple[dict[str, Any], ...]  # rows of tables.claims in this group
    facets: tuple[dict[str, Any], ...]  # rows of tables.facets for those claims
    comparisons: tuple[dict[str, Any], ...]  # rows of tables.comparisons for this group


@dataclass(frozen=True)
class EntityView:
    """One resolved entity, its mentions as plain records in table order (a DataFrame per
    entity cost more in pandas calls than the checks' own work)."""

    entity_id: str
    facet: str  # person | org | title
    canonical: str
    mentions: tuple[dict[str, Any], ...]  # rows of tables.mentions for this entity


def select_checks(registry: Sequence[Check], config: CheckConfig) -> list[Check]:
    chosen = []
    for check in registry:
        if config.select:
            if not any(check.matches(s) for s in config.select):
                continue
        elif check.preview and not config.preview:
            continue
        if any(check.matches(s) for s in config.ignore):
            continue
        chosen.append(check)
    return chosen


def _groups(ctx: CheckContext) -> Iterator[GroupView]:
    """Groups in group_id order. Each table is turned into records once, in group order, so
    that a group's rows are one slice. Every claim is in at most one group
    (match.GROUP_COLUMNS).

    A single-source group with no comparison rows (most groups of an archive: claims only
    one outlet makes) holds nothing a group check can compare and is not shown to them."""
    t = ctx.tables
    if t.groups.empty:
        return
    groups = t.groups.sort_values("group_id", kind="stable")
    group_ids = groups["group_id"].to_numpy()
    statuses = groups["status"].to_numpy()
    comparisons: dict[str, list[dict[str, Any]]] = {}
    if not t.comparisons.empty:
        for row in row_dicts(t.comparisons):
            comparisons.setdefault(row["group_id"], []).append(row)
    bounds = np.flatnonzero(np.r_[True, group_ids[1:] != group_ids[:-1], True])
    starts = bounds[:-1]
    wanted = np.asarray([statuses[i] != "single_source" or group_ids[i] in comparisons
                         for i in starts], dtype=bool)
    if not wanted.any():
        return
    keep = np.zeros(len(group_ids), dtype=bool)
    for first, stop in zip(starts[wanted], bounds[1:][wanted], strict=True):
        keep[first:stop] = True
    kept_ids = groups["claim_id"].to_numpy()[keep]
    kept_groups = group_ids[keep]
    kept_statuses = statuses[keep]
    claim_rows = shared_rows(t.claims)
    claims = [claim_rows[i] for i in pd.Index(t.claims["claim_id"]).get_indexer(kept_ids)]
    position = pd.Series(np.arange(len(kept_ids)), index=kept_ids)
    facet_rank = t.facets["claim_id"].map(position).to_numpy(dtype=float)
    grouped = ~np.isnan(facet_rank)
    order = np.argsort(facet_rank[grouped], kind="stable")
    facet_rows = shared_rows(t.facets)
    facets = [facet_rows[i] for i in np.flatnonzero(grouped)[order]]
    kept_bounds = np.flatnonzero(np.r_[True, kept_groups[1:] != kept_groups[:-1], True])
    facet_bounds = np.searchsorted(facet_rank[grouped][order], kept_bounds)
    for g in range(len(kept_bounds) - 1):
        first, stop = kept_bounds[g], kept_bounds[g + 1]
        group_id = str(kept_groups[first])
        yield GroupView(
            group_id=group_id,
            status=str(kept_statuses[first]),
            claims=tuple(claims[first:stop]),
            facets=tuple(facets[facet_bounds[g]:facet_bounds[g + 1]]),
            comparisons=tuple(comparisons.get(group_id, ())),
        )


def _entities(ctx: CheckContext) -> Iterator[EntityView]:
    """Entities in table order. One written a single way (one spelling key; most entities of
    an archive) has nothing an entity check can report and is not shown to them."""
    t = ctx.tables
    if t.entities.empty or t.mentions.empty:
        return
    mentions = t.mentions
    if "spelling" in mentions.columns:
        entity_ids = column_values(mentions["entity_id"])
        spellings: dict[str, set[str]] = {}
        for entity, spelling in zip(entity_ids, mentions["spelling"].tolist(), strict=True):
            if isinstance(spelling, str) and spelling:
                spellings.setdefault(entity, set()).add(spelling)
        several = {e for e, spelled in spellings.items() if len(spelled) > 1}
        mentions = mentions.iloc[[i for i, e in enumerate(entity_ids) if e in several]]
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for mention in row_dicts(mentions):
        by_entity.setdefault(mention["entity_id"], []).append(mention)
    for row in row_tuples(t.entities):
        if row.entity_id not in by_entity:
            continue
        yield EntityView(
            entity_id=row.entity_id,
            facet=row.facet,
            canonical=row.canonical,
            mentions=tuple(by_entity[row.entity_id]),
        )


def run_checks(ctx: CheckContext, checks: Sequence[Check]) -> list[Finding]:
    """Every finding, with its summary rendered, deduplicated by fingerprint, in a fixed order."""
    by_scope: dict[Scope, list[Check]] = {}
    for check in checks:
        by_scope.setdefault(check.scope, []).append(check)

    raw: list[tuple[Check, Finding]] = []
    if Scope.CORPUS in by_scope:
        for check in by_scope[Scope.CORPUS]:
            raw.extend((check, f) for f in check.run(ctx))
    if Scope.CLAIM in by_scope:
        kept = ctx.tables.claims[ctx.tables.claims["compared"]]
        for claim in row_tuples(kept):
            for check in by_scope[Scope.CLAIM]:
                raw.extend((check, f) for f in check.run(claim, ctx))
    if Scope.GROUP in by_scope:
        for group in _groups(ctx):
            for check in by_scope[Scope.GROUP]:
                raw.extend((check, f) for f in check.run(group, ctx))
    if Scope.ENTITY in by_scope:
        for entity in _entities(ctx):
            for check in by_scope[Scope.ENTITY]:
                raw.extend((check, f) for f in check.run(entity, ctx))

    sentences = _sentence_of_facts(ctx.tables.claims)
    findings: dict[str, Finding] = {}
    for check, finding in raw:
        finding = dataclasses.replace(
            finding,
            code=check.code,
            kind=check.kind,
            summary=check.render_summary(finding),
            evidence=_cite_sentences(finding.evidence, sentences),
        )
        fp = finding.fingerprint
        if fp in findings:
            findings[fp] = _merge(findings[fp], finding)
        else:
            findings[fp] = finding
    return sorted(findings.values(), key=Finding.sort_key)


def _sentence_of_facts(claims: pd.DataFrame) -> dict[str, tuple[str, int, str]]:
    """fact claim_id -> (sentence claim_id, line, sentence text)."""
    if claims.empty or "unit" not in claims:
        return {}
    facts = [i for i, unit in enumerate(column_values(claims["unit"])) if unit == "fact"]
    if not facts:
        return {}
    ids, parent_ids = claims["claim_id"].tolist(), claims["parent"].tolist()
    wanted = {parent_ids[i] for i in facts}
    row_of = {claim_id: i for i, claim_id in enumerate(ids) if claim_id in wanted}
    lines, texts = claims["line"].tolist(), claims["text"].tolist()
    out = {}
    for i in facts:
        parent = row_of.get(parent_ids[i])
        if parent is not None:
            out[ids[i]] = (str(parent_ids[i]), int(lines[parent]), str(texts[parent]))
    return out


def _evidence_order(e: Evidence) -> tuple:
    return (e.source, e.line, e.claim_id, e.value, e.start)


def _cite_sentences(evidence: tuple[Evidence, ...], sentences: dict[str, tuple[str, int, str]]) -> tuple[Evidence, ...]:
    """Evidence quotes what the article says: an atomic fact ("A is head of B") is cited by
    the sentence it was taken from; one sentence cited twice for one value is cited once."""
    cited: dict[tuple, Evidence] = {}
    for e in evidence:
        if e.claim_id in sentences:
            parent_id, line, text = sentences[e.claim_id]
            e = dataclasses.replace(e, claim_id=parent_id, line=line, quote=text)
        cited.setdefault((e.source, e.claim_id, e.value), e)
    return tuple(sorted(cited.values(), key=_evidence_order))


def _merge(a: Finding, b: Finding) -> Finding:
    """Two findings with one fingerprint are one finding with the union of the evidence,
    told as the one with more sources tells it (its values lead with the majority's)."""
    if len({e.source for e in b.evidence}) > len({e.source for e in a.evidence}):
        a, b = b, a
    evidence = tuple(sorted(set(a.evidence) | set(b.evidence), key=_evidence_order))
    return dataclasses.replace(a, evidence=evidence, severity=max(a.severity, b.severity))
