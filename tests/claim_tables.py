"""Hand-made claims and facets tables for the match/compare/check tests (the shape the
segment and facets stages give), a runner from those tables to findings, and the loader
and common assertions of the per-kind cases in tests/cases/."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from checker.checks import by_kind
from checker.compare import compare_groups
from checker.config import CheckConfig, Severity, Thresholds
from checker.facets import FACET_COLUMNS
from checker.findings.engine import CheckContext, run_checks
from checker.findings.model import Finding
from checker.match import match_claims
from checker.resolve import resolve_entities
from checker.segment import CLAIM_COLUMNS
from checker.tables import Tables, empty_frame

FACET_FIELDS = ("key", "role", "title", "qualifier", "noun", "note")


def build_tables(sentences: Sequence[Sequence[Any]], facets: Sequence[dict[str, Any]]
                 ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(claims, facets). sentences: [source, text] or [source, text, class]; one line each,
    claims of a source in the order given. A facet {s, facet, text, value, ...} sits at the
    next occurrence of its text in sentence s."""
    claims: list[dict[str, Any]] = []
    offset: dict[str, int] = {}
    n: dict[str, int] = {}
    for item in sentences:
        source, text = str(item[0]), str(item[1])
        cls = str(item[2]) if len(item) > 2 else "claim"
        n[source] = n.get(source, 0) + 1
        start = offset.get(source, 0)
        offset[source] = start + len(text) + 1
        claims.append({
            "claim_id": f"{source}:{n[source]}", "source": source, "n": n[source],
            "unit": "segment", "parent": "", "line": n[source], "start": start,
            "end": start + len(text), "class": cls, "reason": "", "text": text, "speaker": "",
            "compared": cls in ("claim", "quote"),
        })
    rows: list[dict[str, Any]] = []
    cursor: dict[int, int] = {}
    for f in facets:
        claim = claims[f["s"]]
        pos = claim["text"].index(f["text"], cursor.get(f["s"], 0))
        cursor[f["s"]] = pos + 1
        start = claim["start"] + pos
        row = {"claim_id": claim["claim_id"], "source": claim["source"], "facet": f["facet"],
               "start": start, "end": start + len(f["text"]), "text": f["text"],
               "value": f.get("value", f["text"])}
        row.update({k: f.get(k, "") for k in FACET_FIELDS})
        rows.append(row)
    facet_table = pd.DataFrame(rows, columns=FACET_COLUMNS) if rows else empty_frame(FACET_COLUMNS)
    claim_table = pd.DataFrame(claims, columns=CLAIM_COLUMNS)
    claim_table = claim_table.sort_values(["source", "n"], kind="stable").reset_index(drop=True)
    return claim_table, facet_table


def run_tables(claims: pd.DataFrame, facets: pd.DataFrame,
               thresholds: Thresholds | None = None) -> Tables:
    th = thresholds or Thresholds()
    resolved = resolve_entities(facets, claims, th)
    groups = match_claims(claims, facets, resolved.mentions, th)
    compared = compare_groups(groups, claims, facets, th)
    empty = empty_frame(["source"])
    return Tables(articles=empty, problems=empty, claims=claims, facets=facets,
                  mentions=resolved.mentions, entities=resolved.entities,
                  groups=compared.groups, comparisons=compared.comparisons)


def findings_for(sentences: Sequence[Sequence[Any]], facets: Sequence[dict[str, Any]],
                 kind: str) -> list[Finding]:
    claims, facet_table = build_tables(sentences, facets)
    tables = run_tables(claims, facet_table)
    check = by_kind(kind)
    assert check is not None, kind
    return run_checks(CheckContext(tables, CheckConfig()), [check])


CASES = Path(__file__).resolve().parent / "cases"


def kind_cases(codes: Iterable[str]) -> list[Any]:
    """pytest params (code, case) of every case in tests/cases/<code>_*.toml."""
    out = []
    for code in sorted(codes):
        (path,) = CASES.glob(f"{code}_*.toml")
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            out.append(pytest.param(code, case, id=f"{code}-{case['expect']}-{case['name'][:50]}"))
    return out


def flagged_as_expected(found: list[Finding], code: str, case: dict[str, Any]) -> Finding | None:
    """Asserts what every case says: a pass case finds nothing; a flag case finds one finding
    of the code with the values and severity given, and evidence for every value, each
    pointing at the value as written in its claim. The flag case's finding is returned."""
    if case["expect"] == "pass":
        assert found == [], [f.summary for f in found]
        return None
    assert len(found) == 1, [f.summary for f in found]
    finding = found[0]
    assert finding.code == code
    assert list(finding.values) == case["values"]
    assert finding.severity == Severity.parse(case["severity"])
    assert {e.value for e in finding.evidence} >= set(case["values"])
    for e in finding.evidence:
        assert e.value in e.quote
        assert e.start >= 0 and e.end - e.start == len(e.value)
    return finding


def bidding_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two outlets' sentences on one auction: two figure values in common (HK$268 million,
    six bidders) and a third changed by more than a third (17 / 12 minutes)."""
    return build_tables(
        [["a", "The canvas was knocked down at HK$268 million after six bidders competed for 17 minutes."],
         ["b", "Six bidders fought over the canvas for 12 minutes before the hammer fell at HK$268 million."]],
        [{"s": 0, "facet": "figure", "text": "HK$268 million", "value": "268000000", "key": "HKD"},
         {"s": 0, "facet": "figure", "text": "six", "value": "6", "key": "bidders", "noun": "bidders"},
         {"s": 0, "facet": "figure", "text": "17 minutes", "value": "0.2833", "key": "hours"},
         {"s": 1, "facet": "figure", "text": "Six", "value": "6", "key": "bidders", "noun": "bidders"},
         {"s": 1, "facet": "figure", "text": "12 minutes", "value": "0.2", "key": "hours"},
         {"s": 1, "facet": "figure", "text": "HK$268 million", "value": "268000000", "key": "HKD"}])
