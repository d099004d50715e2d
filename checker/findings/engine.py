"""Runs the registered checks over the pipeline tables. Checks declare a scope; the engine
splits the tables once per scope and loops, so a check sees one claim, one group, one
entity, or the corpus."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pandas as pd

from checker.config import CheckConfig
from checker.findings.check import Check
from checker.findings.model import Evidence, Finding, Scope
from checker.tables import Tables


@dataclass(frozen=True)
class CheckContext:
    tables: Tables
    config: CheckConfig


@dataclass(frozen=True)
class GroupView:
    group_id: str
    status: str
    claims: pd.DataFrame  # rows of tables.claims in this group
    facets: pd.DataFrame  # rows of tables.facets for those claims
    comparisons: pd.DataFrame  # rows of tables.comparisons for this group


@dataclass(frozen=True)
class EntityView:
    entity_id: str
    facet: str  # person | org | title
    canonical: str
    mentions: pd.DataFrame  # rows of tables.mentions for this entity


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
    t = ctx.tables
    if t.groups.empty:
        return
    claims = t.claims.set_index("claim_id", drop=False)
    facets_by_claim = dict(tuple(t.facets.groupby("claim_id", sort=False))) if not t.facets.empty else {}
    comps = dict(tuple(t.comparisons.groupby("group_id", sort=False))) if not t.comparisons.empty else {}
    empty_facets = t.facets.iloc[0:0]
    empty_comps = t.comparisons.iloc[0:0]
    for group_id, rows in t.groups.groupby("group_id", sort=True):
        ids = list(rows["claim_id"])
        group_facets = [facets_by_claim[i] for i in ids if i in facets_by_claim]
        yield GroupView(
            group_id=str(group_id),
            status=str(rows["status"].iloc[0]),
            claims=claims.loc[ids].reset_index(drop=True),
            facets=pd.concat(group_facets, ignore_index=True) if group_facets else empty_facets,
            comparisons=comps.get(group_id, empty_comps),
        )


def _entities(ctx: CheckContext) -> Iterator[EntityView]:
    t = ctx.tables
    if t.entities.empty:
        return
    mentions = dict(tuple(t.mentions.groupby("entity_id", sort=False)))
    for row in t.entities.itertuples(index=False):
        yield EntityView(
            entity_id=row.entity_id,
            facet=row.facet,
            canonical=row.canonical,
            mentions=mentions.get(row.entity_id, t.mentions.iloc[0:0]),
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
        for claim in kept.itertuples(index=False):
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
    facts = claims[claims["unit"] == "fact"]
    if facts.empty:
        return {}
    parents = claims.set_index("claim_id")
    out = {}
    for fact_id, parent_id in zip(facts["claim_id"], facts["parent"], strict=True):
        if parent_id in parents.index:
            parent = parents.loc[parent_id]
            out[fact_id] = (str(parent_id), int(parent["line"]), str(parent["text"]))
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
    """Two findings with one fingerprint are one finding with the union of the evidence."""
    evidence = tuple(sorted(set(a.evidence) | set(b.evidence), key=_evidence_order))
    return dataclasses.replace(a, evidence=evidence, severity=max(a.severity, b.severity))
