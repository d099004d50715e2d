"""--baseline and --fail-on: CI fails only on undecided findings that the baseline report
does not hold, i.e. on what a new article brings."""

from __future__ import annotations

import json
import shutil

import pytest
from workflow_helpers import NEW_DISCREPANCY, PAIR, add_article, check, finding_of, newsroom, report

from checker.config import Severity
from checker.findings.model import Evidence, Finding
from checker.workflow import WorkflowInputError, gate
from checker.workflow.baseline import parse_baseline
from checker.workflow.decisions import Decision


def _finding(severity: Severity, value: str, **extra) -> Finding:
    return Finding(code="CK101", kind="name_variant", severity=severity, values=(value, value + "e"),
                   evidence=(Evidence("a", 1, value),), **extra)


def test_gate_counts_undecided_new_findings_at_or_above_the_threshold() -> None:
    high, medium, low = (_finding(Severity.HIGH, "Ana"), _finding(Severity.MEDIUM, "Bo"), _finding(Severity.LOW, "Cy"))
    assert gate([high, medium, low], Severity.MEDIUM) == [high, medium]
    decided = _finding(Severity.HIGH, "Di", decision=Decision("0" * 16, "dismissed"))
    old = _finding(Severity.HIGH, "Ed", new=False)
    new = _finding(Severity.HIGH, "Fa", new=True)
    assert gate([decided, old, new], Severity.INFO) == [new]


def test_a_baseline_is_a_checker_report() -> None:
    baseline = parse_baseline(json.dumps({"schema": "checker.report/1",
                                          "findings": [{"fingerprint": "0123456789abcdef"}]}))
    assert "0123456789abcdef" in baseline and "fedcba9876543210" not in baseline
    for text, reason in [("{", "not JSON"), ('{"schema": "other"}', "not a checker report"),
                         ('{"schema": "checker.report/1", "findings": [{}]}', "finding 1 has no fingerprint")]:
        with pytest.raises(WorkflowInputError, match=reason):
            parse_baseline(text, "base.json")


def test_baseline_and_fail_on_medium_pass_unchanged_and_fail_on_a_new_discrepancy(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    assert check(room, "--fail-on", "medium").exit_code == 1  # the minister spelled two ways
    base = tmp_path / "base.json"
    shutil.copy(room / "reports" / "consistency.json", base)

    unchanged = check(room, "--baseline", base, "--fail-on", "medium")
    assert unchanged.exit_code == 0, unchanged.output
    assert {f["new"] for f in report(room)["findings"]} == {False}

    add_article(room, NEW_DISCREPANCY)  # the chief executive spelled another way
    failed = check(room, "--baseline", base, "--fail-on", "medium")
    assert failed.exit_code == 1
    data = report(room)
    assert finding_of(data, "name_variant", "Pavel Dunmoore")["new"] is True
    assert finding_of(data, "name_variant", "Helena Marvik")["new"] is False
    assert data["counts"]["findings"]["new"] == sum(1 for f in data["findings"] if f["new"])
    markdown = (room / "reports" / "consistency.md").read_text(encoding="utf-8")
    assert "new since the baseline" in markdown and "**new**" in markdown


def test_a_missing_or_broken_baseline_is_one_line_and_exit_2(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    missing = check(room, "--baseline", tmp_path / "nope.json")
    assert missing.exit_code == 2
    assert missing.output == f"checker: {(tmp_path / 'nope.json').as_posix()}: baseline report not found\n"
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema": "checker.report/1", "findings": 3}', encoding="utf-8")
    result = check(room, "--baseline", broken)
    assert result.exit_code == 2 and "its findings are not a list" in result.output
    assert not (room / "reports").exists()
