"""consistency.json keeps its contract (schema "checker.report/1"): the documented fields are
present with their types, keys are sorted, lists come in a fixed order, nothing varies
between runs, and the additions (facets, entities, counts, matrix) agree with the tables."""

from __future__ import annotations

import json
import re

import jsonschema
from hypothesis import given
from hypothesis import strategies as st
from test_golden import hand_built_result
from test_report_markdown import _empty_result, _with_workflow

from checker.findings.model import Finding
from checker.report import json_report, render_json
from checker.report.json_report import SCHEMA, report_dict
from checker.report.jsontext import pretty_json, pretty_json_pieces

STR = {"type": "string"}
INT = {"type": "integer"}


def _obj(required: dict, **extra) -> dict:
    return {"type": "object", "required": sorted(required), "properties": required, **extra}


EVIDENCE = _obj({"source": STR, "line": INT, "quote": STR, "claim": STR, "value": STR, "start": INT, "end": INT})
FINDING = _obj({
    "id": STR, "code": {"type": "string", "pattern": "^CK[0-9]{3}$"}, "kind": STR,
    "severity": {"enum": ["high", "medium", "low", "info"]}, "summary": STR, "subject": STR,
    "values": {"type": "array", "items": STR}, "sources": {"type": "array", "items": STR},
    "evidence": {"type": "array", "items": EVIDENCE}, "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
    "score": {"type": ["number", "null"]}, "method": STR, "suggestion": STR,
    "decision": {"oneOf": [{"type": "null"}, _obj({"status": STR, "note": STR, "by": STR, "at": STR, "canonical": STR})]},
    "new": {"type": ["boolean", "null"]},
})
FACET = _obj({"facet": STR, "text": STR, "value": STR, "start": INT, "end": INT},
             additionalProperties=False,
             patternProperties={"^(key|role|title|qualifier|noun|note)$": {"type": "string", "minLength": 1}})
CONTRACT = _obj({
    "schema": {"const": SCHEMA},
    "checker_version": STR,
    "sources": {"type": "array", "items": _obj({
        "id": STR, "path": STR, "title": STR, "date": STR, "date_from": STR, "outlet": STR, "url": STR,
        "claims_kept": INT, "left_out": INT, "facts": INT})},
    "claims": {"type": "array", "items": _obj({
        "id": STR, "source": STR, "line": INT, "text": STR, "class": STR, "reason": STR, "compared": {"type": "boolean"},
        "group": {"type": ["string", "null"]}, "facets": {"type": "array", "items": FACET}})},
    "groups": {"type": "array", "items": _obj({
        "id": STR, "claims": {"type": "array", "items": STR}, "sources": {"type": "array", "items": STR},
        "status": {"enum": ["corroborated", "conflicting", "single_source", "matched"]},
        "comparisons": {"type": "array"}})},
    "entities": {"type": "array", "items": _obj({"id": STR, "facet": STR, "canonical": STR, "forms": {"type": "array"}})},
    "findings": {"type": "array", "items": FINDING},
    "matrix": {"type": "array", "items": _obj({"a": STR, "b": STR, "corroborated": INT, "conflicting": INT,
                                               "differing": INT})},
    "skipped": {"type": "array", "items": _obj({"path": STR, "code": STR, "severity": STR, "message": STR})},
    "counts": _obj({"sources": INT, "claims_compared": INT, "left_out": INT, "skipped": INT,
                    "groups": {"type": "object"}, "findings": {"type": "object"}}),
})


def test_report_follows_the_contract() -> None:
    data = json.loads(render_json(hand_built_result()))
    jsonschema.validate(data, CONTRACT)


def test_keys_are_sorted_and_output_is_stable() -> None:
    text = render_json(hand_built_result())
    assert text == json.dumps(json.loads(text), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert text == render_json(hand_built_result())
    assert not re.search(r'"(generated|timestamp|time|created|now)"', text)


def test_findings_come_in_the_fixed_order_with_sorted_evidence() -> None:
    result = hand_built_result()
    data = report_dict(result)
    expected = [f.fingerprint for f in sorted(result.findings, key=Finding.sort_key)]
    assert [f["id"] for f in data["findings"]] == expected
    assert [f["severity"] for f in data["findings"]] == ["high", "high", "medium", "medium", "low", "info"]
    for f in data["findings"]:
        places = [(e["source"], e["line"]) for e in f["evidence"]]
        assert places == sorted(places)
        assert f["id"] == f["fingerprint"]


def test_every_reference_points_at_something_that_exists() -> None:
    data = report_dict(hand_built_result())
    claim_ids = {c["id"] for c in data["claims"]}
    source_ids = {s["id"] for s in data["sources"]}
    group_ids = {g["id"] for g in data["groups"]}
    for c in data["claims"]:
        assert c["source"] in source_ids
        assert c["group"] is None or c["group"] in group_ids
        assert c["group"] is None or c["compared"]
    for g in data["groups"]:
        assert set(g["claims"]) <= claim_ids and set(g["sources"]) <= source_ids
    for f in data["findings"]:
        for e in f["evidence"]:
            assert e["source"] in source_ids and e["claim"] in claim_ids


def test_claims_are_in_reading_order_with_compact_facets() -> None:
    data = report_dict(hand_built_result())
    alpha = [c["id"] for c in data["claims"] if c["source"] == "alpha"]
    assert alpha == ["alpha:1", "alpha:2", "alpha:3", "alpha:3.1", "alpha:4", "alpha:5", "alpha:10"]
    facets = next(c for c in data["claims"] if c["id"] == "alpha:2")["facets"]
    assert [f["facet"] for f in facets] == ["person", "figure", "date"]
    assert facets[0] == {"facet": "person", "text": "Harbour chief Mara Velkova", "value": "Mara Velkova",
                         "start": 314, "end": 340, "key": "Velkova", "title": "Harbour chief"}


def test_groups_are_in_natural_id_order_with_their_comparisons() -> None:
    data = report_dict(hand_built_result())
    assert [g["id"] for g in data["groups"]] == ["G1", "G2", "G3", "G4", "G10", "G11"]
    g1 = data["groups"][0]
    assert g1["status"] == "conflicting" and g1["sources"] == ["alpha", "beta_daily", "gamma"]
    assert {c["verdict"] for c in g1["comparisons"]} == {"agree", "conflict"}
    assert all(c["score"] is None for c in g1["comparisons"])


def test_entities_list_each_spelling_with_its_sources() -> None:
    data = report_dict(hand_built_result())
    person = next(e for e in data["entities"] if e["id"] == "P1")
    assert person["canonical"] == "Mara Velkowa" and person["variants"] == 2
    assert person["forms"] == [
        {"form": "Mara Velkowa", "mentions": 2, "sources": ["beta_daily", "gamma"]},
        {"form": "Mara Velkova", "mentions": 1, "sources": ["alpha"]},
    ]


def test_counts_agree_with_the_lists() -> None:
    data = report_dict(hand_built_result())
    counts = data["counts"]
    assert counts["sources"] == len(data["sources"]) == 3
    assert counts["claims_compared"] == sum(s["claims_kept"] for s in data["sources"]) == 8
    assert counts["left_out"] == 9 and counts["facts"] == 1 and counts["skipped"] == 1
    assert counts["groups"] == {"corroborated": 1, "conflicting": 1, "single_source": 4}
    assert counts["findings"]["total"] == len(data["findings"]) == 6
    assert counts["findings"]["by_severity"] == {"high": 2, "medium": 2, "low": 1, "info": 1}
    assert counts["findings"]["new"] is None and counts["findings"]["decided"] == 0
    pair = next(p for p in data["matrix"] if (p["a"], p["b"]) == ("alpha", "beta_daily"))
    assert (pair["corroborated"], pair["conflicting"], pair["differing"]) == (1, 1, 2)
    same_values = next(p for p in data["matrix"] if (p["a"], p["b"]) == ("beta_daily", "gamma"))
    assert same_values["differing"] == 0


def test_article_text_is_kept_exactly() -> None:
    data = report_dict(hand_built_result())
    gamma2 = next(c for c in data["claims"] if c["id"] == "gamma:2")
    assert "<script>alert(1)</script>" in gamma2["text"] and "\u202e" in gamma2["text"] and "\n" in gamma2["text"]


def test_decisions_and_baseline_appear_when_the_workflow_sets_them() -> None:
    data = report_dict(_with_workflow(hand_built_result()))
    jsonschema.validate(data, CONTRACT)
    framing = next(f for f in data["findings"] if f["kind"] == "framing")
    assert framing["decision"] == {"status": "accepted", "note": "house style <b>|</b>", "by": "desk editor",
                                   "at": "2025-10-08", "canonical": ""}
    assert [f["new"] for f in data["findings"]].count(True) == 1
    assert data["counts"]["findings"]["new"] == 1 and data["counts"]["findings"]["decided"] == 1


def test_nothing_read_still_gives_a_valid_report() -> None:
    data = json.loads(render_json(_empty_result()))
    jsonschema.validate(data, CONTRACT)
    assert data["sources"] == [] and data["skipped"][0]["code"] == "binary"


_SCALARS = st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False) \
    | st.text(max_size=8)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=20)


@given(fields=st.dictionaries(st.sampled_from(["a", "c", "z", "é"]), _VALUES, max_size=4),
       lists=st.dictionaries(st.sampled_from(["b", "m", "y"]), st.lists(st.lists(_VALUES, max_size=3), max_size=4),
                             max_size=3))
def test_json_written_in_pieces_is_the_same_text_as_written_whole(fields, lists):
    whole = pretty_json({**fields, **{k: [x for chunk in chunks for x in chunk] for k, chunks in lists.items()}})
    assert "".join(pretty_json_pieces(fields, lists)) == whole


def test_the_report_written_in_chunks_is_the_report_written_whole(monkeypatch):
    result = hand_built_result()
    whole = pretty_json(report_dict(result))
    monkeypatch.setattr(json_report, "CHUNK", 1)  # every claim, group and finding its own chunk
    assert render_json(result) == whole
    assert len(report_dict(result)["claims"]) > 1
