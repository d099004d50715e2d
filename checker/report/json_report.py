"""consistency.json: the machine contract, schema "checker.report/1".

Fields are added freely, never renamed or dropped; a breaking change would get a new schema
name. Keys are sorted, lists come in a fixed order, there is no timestamp: the same input
gives the same bytes. Empty strings mean "unknown"; null means "not applicable".

Top level
    schema            "checker.report/1"
    checker_version   the checker version that wrote the file
    counts            the numbers in the report's "At a glance" (below)
    sources           one object per article read, in id order
    claims            one object per segment and atomic fact, in reading order
    groups            claims from different sources that assert one thing, in id order
    entities          resolved people, organisations and titles, in id order
    findings          in the report's order: severity (high first), kind, first evidence
    matrix            one object per pair of sources that shares a group or a finding
    skipped           every input problem (errors: the input was not checked; notes)

counts
    sources, segments, claims_compared, left_out, facts, skipped   integers
    groups            {"corroborated", "conflicting", "single_source"}: number of groups
    findings          {"total", "by_severity": {high, medium, low, info},
                       "by_kind": {kind: number}, "decided", "new"}  ("new" is null
                       without a baseline)

sources[]
    id                the article's id (file stem, unique, safe as a file name)
    path              the path it was read from (posix form)
    title             its headline (first non-empty line)
    date              ISO date of publication, "" when unknown
    date_from         where the date came from: front-matter | sources.csv | dateline:<line>
    outlet, url, language, encoding, sha256   as read
    claims_kept       segments compared across sources
    left_out          segments not compared (boilerplate, captions, opinion...)
    facts             atomic facts split out of kept segments

claims[]
    id                "<source>:<n>" (atomic facts "<source>:<n>.<k>")
    source, line      the article and the 1-based line the claim starts on
    start, end        character offsets into the article's text (end exclusive)
    n                 the segment's ordinal in its article
    unit              segment | fact;  parent: the fact's segment id ("" for segments)
    class             claim | quote | headline | heading | caption | byline | boilerplate |
                      off_topic | opinion | hedged
    reason            why it got that class ("" for plain claims)
    compared          true when the claim was compared across sources
    text              the claim as written;  speaker: for quotes, who is quoted
    group             the id of the group the claim is in, null when not compared
    facets            what it asserts, in text order: {"facet", "text", "value", "start",
                      "end"} plus, only when not empty, "key", "role", "title",
                      "qualifier", "noun", "note" (meanings: checker.facets.FACET_COLUMNS)

groups[]
    id                "G1", "G2"...;  status: corroborated | conflicting | single_source
    claims            claim ids, in id order;  sources: source ids, sorted
    comparisons       facet comparisons inside the group: {"facet", "subject", "a_claim",
                      "b_claim", "a_value", "b_value", "verdict" (agree | conflict |
                      compatible), "score" (null when exact), "method", "note"}

entities[]
    id                "P1", "O2", "T3";  facet: person | org | title
    canonical         the form most sources use
    mentions, sources, variants   numbers as the resolve stage counted them
    forms             each spelling as normalised: {"form", "mentions", "sources": [ids]},
                      most mentioned first

findings[]
    id                the fingerprint (the same value as "fingerprint")
    fingerprint       16 hex digits; stable across runs and when unrelated articles are
                      added; what `checker decide` and `--baseline` key on
    code, kind        permanent code ("CK101") and kind name ("name_variant")
    severity          high | medium | low | info
    summary           one sentence for an editor
    subject           what the finding is about (a person, an organisation, an assertion)
    values            the differing values as written, most-used first
    sources           the ids of the sources in its evidence, sorted
    evidence[]        {"source", "line", "quote" (the claim's text), "claim" (its id),
                       "value" (the value as written there), "start", "end" (offsets of
                       the value in the article; -1 when unknown)}, by source and line
    score, method     match score 0-100 and how it was computed (null / "" when exact)
    suggestion        what to do, or the likely-right value
    decision          null, or {"status", "note", "by", "at", "canonical"} once decided
    new               null without a baseline; else true when not in the baseline
    fields            the summary's template fields beyond subject and values ({"person":
                      ...} for a title; {"attribute", "reference", "origin", "source"} for a
                      reference_conflict), what `checker decide --canonical` reads

stale_decisions[]     decisions (claims/decisions.csv) whose finding no longer occurs:
                      {"fingerprint", "status", "note", "by", "at", "canonical", "kind",
                      "summary"}, by fingerprint

verified[]            reference facts (claims/reference.csv) and the claims that match them:
                      {"subject", "attribute", "value", "source", "verified_by",
                      "verified_on", "claims": [{"source", "line", "claim", "value"}]}

matrix[]
    a, b              two source ids (a before b in natural order)
    corroborated      groups both are in, with compatible facts
    conflicting       groups both are in, with a conflict
    differing         findings (not agreements) in which the two write different values

skipped[]
    path, source, code, severity (error | note), message   one line naming the reason
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pandas as pd

from checker import __version__
from checker.api import CheckResult
from checker.findings.model import Finding
from checker.report.jsontext import pretty_json_pieces
from checker.report.view import (
    GroupSummary,
    annotation,
    group_status_counts,
    group_summaries,
    integer,
    is_compared,
    natural_key,
    ordered_claims,
    ordered_facets,
    ordered_findings,
    severity_counts,
    source_matrix,
    source_summaries,
    stale_decisions,
    text,
)
from checker.tables import Tables, column_values, row_dicts

SCHEMA = "checker.report/1"
#: items of a long list built and written at a time
CHUNK = 2000

_FACET_ALWAYS = ("facet", "text", "value")
_FACET_OPTIONAL = ("key", "role", "title", "qualifier", "noun", "note")
_COMPARISON_FIELDS = ("facet", "subject", "a_claim", "b_claim", "a_value", "b_value", "verdict",
                      "method", "note")


def _clean(value: Any) -> Any:
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def _score(value: Any) -> float | None:
    if value is None or text(value) == "":
        return None
    try:
        return _clean(float(value))
    except (TypeError, ValueError):
        return None


def finding_dict(f: Finding) -> dict[str, Any]:
    note = annotation(f)
    decision = None
    if note.decided:
        decision = {"status": note.status, "note": note.note, "by": note.by, "at": note.at,
                    "canonical": note.canonical}
    return {
        "id": f.fingerprint,
        "code": f.code,
        "kind": f.kind,
        "severity": f.severity.label,
        "summary": f.summary,
        "subject": f.subject,
        "values": list(f.values),
        "sources": list(f.sources),
        "evidence": [
            {"source": e.source, "line": e.line, "quote": e.quote, "claim": e.claim_id,
             "value": e.value, "start": e.start, "end": e.end}
            for e in f.evidence
        ],
        "score": _score(f.score),
        "method": f.method,
        "suggestion": f.suggestion,
        "fingerprint": f.fingerprint,
        "decision": decision,
        "new": note.new,
        "fields": dict(f.fields),
    }


def stale_decision_items(result: Any) -> list[dict[str, str]]:
    keys = ("fingerprint", "status", "note", "by", "at", "canonical", "kind", "summary")
    return [{k: text(getattr(d, k, "")) for k in keys} for d in stale_decisions(result)]


def _verified(result: CheckResult) -> list[dict[str, Any]]:
    out = []
    for v in getattr(result, "verified", None) or ():
        fact = v.fact
        out.append({
            "subject": fact.subject, "attribute": fact.attribute, "value": fact.value,
            "source": fact.source, "verified_by": fact.verified_by, "verified_on": fact.verified_on,
            "claims": [{"source": c.source, "line": c.line, "claim": c.claim_id, "value": c.value}
                       for c in v.claims],
        })
    return out


def _facet_rows_by_claim(facets: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in ordered_facets(facets):
        out.setdefault(text(r["claim_id"]), []).append(r)
    return out


def _facet_item(r: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = {k: text(r[k]) for k in _FACET_ALWAYS}
    item["start"], item["end"] = integer(r["start"], -1), integer(r["end"], -1)
    item.update({k: text(r[k]) for k in _FACET_OPTIONAL if k in r and text(r[k])})
    return item


def _claim_chunks(t: Tables, group_of: dict[str, str]) -> Iterator[list[dict[str, Any]]]:
    """The claims list, CHUNK items at a time: an archive's claims with their facets are
    most of the report, and built all at once they were gigabytes of dicts."""
    facets = _facet_rows_by_claim(t.facets)

    def claim_item(c: dict[str, Any]) -> dict[str, Any]:
        claim_id = text(c["claim_id"])
        return {"id": claim_id, "source": text(c["source"]), "line": integer(c["line"]),
                "text": text(c["text"]), "class": text(c["class"]), "reason": text(c["reason"]),
                "start": integer(c["start"], -1), "end": integer(c["end"], -1), "n": integer(c["n"]),
                "unit": text(c["unit"]), "parent": text(c["parent"]), "speaker": text(c["speaker"]),
                "compared": is_compared(c),
                "group": group_of.get(claim_id),
                "facets": [_facet_item(r) for r in facets.get(claim_id, ())]}

    return _chunks(ordered_claims(t.claims), claim_item)


def _chunks(items: Iterable[Any], build: Callable[[Any], dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for item in items:
        chunk.append(build(item))
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _entities(result: CheckResult) -> list[dict[str, Any]]:
    t = result.tables
    forms: dict[str, dict[str, tuple[int, set[str]]]] = {}
    for m in row_dicts(t.mentions):
        per_entity = forms.setdefault(text(m["entity_id"]), {})
        count, sources = per_entity.get(text(m["value"]), (0, set()))
        per_entity[text(m["value"])] = (count + 1, sources | {text(m["source"])})
    out = []
    for e in row_dicts(t.entities):
        entity_id = text(e["entity_id"])
        spelled = forms.get(entity_id, {})
        out.append({
            "id": entity_id, "facet": text(e["facet"]), "canonical": text(e["canonical"]),
            "mentions": integer(e["n_mentions"]), "sources": integer(e["n_sources"]),
            "variants": integer(e["n_variants"]),
            "forms": [{"form": form, "mentions": n, "sources": sorted(srcs, key=natural_key)}
                      for form, (n, srcs) in sorted(spelled.items(), key=lambda kv: (-kv[1][0], kv[0]))],
        })
    return sorted(out, key=lambda e: natural_key(e["id"]))


def report_dict(result: CheckResult) -> dict[str, Any]:
    """The whole report as one dict (what render_json writes)."""
    fields, lists = _document(result)
    return {**fields, **{key: [item for chunk in chunks for item in chunk] for key, chunks in lists.items()}}


def _document(result: CheckResult) -> tuple[dict[str, Any], dict[str, Iterator[list[dict[str, Any]]]]]:
    """The report's small fields, and its long lists as chunks built only when read."""
    t = result.tables
    summaries = source_summaries(t)
    groups = group_summaries(t)
    findings = ordered_findings(result.findings)
    group_of = {claim_id: g.group_id for g in groups for claim_id in g.claim_ids}

    sources = [
        {"id": s.source, "path": s.path, "title": s.title, "date": s.date, "date_from": s.date_from,
         "outlet": s.outlet, "url": s.url, "language": s.language, "encoding": s.encoding,
         "sha256": s.sha256, "claims_kept": s.kept, "left_out": s.left_out, "facts": s.facts}
        for s in summaries
    ]
    # (sort key, item) by group: the key is the item's text fields in _COMPARISON_FIELDS order
    comparisons: dict[str, list[tuple[tuple[str, ...], dict[str, Any]]]] = {}
    columns = [list(map(text, column_values(t.comparisons[k]))) for k in _COMPARISON_FIELDS]
    for group_id, score, *fields in zip(map(text, column_values(t.comparisons["group_id"])),
                                        column_values(t.comparisons["score"]), *columns, strict=True):
        item: dict[str, Any] = dict(zip(_COMPARISON_FIELDS, fields, strict=True))
        item["score"] = _score(score)
        comparisons.setdefault(group_id, []).append((tuple(fields), item))

    def group_item(g: GroupSummary) -> dict[str, Any]:
        return {"id": g.group_id, "claims": list(g.claim_ids), "sources": list(g.sources), "status": g.status,
                "comparisons": [item for _, item in sorted(comparisons.get(g.group_id, []),
                                                           key=lambda keyed: keyed[0])]}

    skipped = sorted(
        ({"path": text(p["path"]), "source": text(p["source"]), "code": text(p["code"]),
          "severity": text(p["severity"]), "message": text(p["message"])}
         for p in row_dicts(t.problems)),
        key=lambda p: (p["path"], p["code"], p["message"]),
    )
    notes = [annotation(f) for f in findings]
    has_baseline = any(n.new is not None for n in notes)
    counts = {
        "sources": len(summaries),
        "segments": sum(s.kept + s.left_out for s in summaries),
        "claims_compared": sum(s.kept for s in summaries),
        "left_out": sum(s.left_out for s in summaries),
        "facts": sum(s.facts for s in summaries),
        "skipped": sum(1 for p in skipped if p["severity"] == "error"),
        "groups": group_status_counts(groups),
        "findings": {
            "total": len(findings),
            "by_severity": severity_counts(findings),
            "by_kind": dict(sorted(Counter(f.kind for f in findings).items())),
            "decided": sum(1 for n in notes if n.decided),
            "new": sum(1 for n in notes if n.new) if has_baseline else None,
        },
    }
    fields = {
        "schema": SCHEMA,
        "checker_version": __version__,
        "counts": counts,
        "sources": sources,
        "entities": _entities(result),
        "matrix": [{"a": p.a, "b": p.b, "corroborated": p.corroborated, "conflicting": p.conflicting,
                    "differing": p.differing}
                   for p in source_matrix(groups, findings)],
        "skipped": skipped,
        "stale_decisions": stale_decision_items(result),
        "verified": _verified(result),
    }
    lists = {
        "claims": _claim_chunks(t, group_of),
        "groups": _chunks(groups, group_item),
        "findings": _chunks(findings, finding_dict),
    }
    return fields, lists


def json_pieces(result: CheckResult) -> Iterator[str]:
    """consistency.json in pieces, for writing an archive's report without holding it whole."""
    fields, lists = _document(result)
    return pretty_json_pieces(fields, lists)


def render_json(result: CheckResult) -> str:
    return "".join(json_pieces(result))
