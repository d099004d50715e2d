"""findings.csv: one row per finding x evidence, the original columns first, text that a
spreadsheet would run as a formula neutralised, everything else as written."""

from __future__ import annotations

import csv
import dataclasses
import io

from test_golden import HOSTILE, hand_built_result
from test_report_markdown import _with_workflow

from checker.config import Severity
from checker.findings.model import Evidence, Finding
from checker.report import render_csv
from checker.report.csv_report import FINDINGS_CSV_COLUMNS, spreadsheet_safe

ORIGINAL_COLUMNS = ["fingerprint", "code", "kind", "severity", "summary", "values",
                    "source", "line", "claim", "value", "quote"]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_original_columns_come_first_in_their_order() -> None:
    assert FINDINGS_CSV_COLUMNS[: len(ORIGINAL_COLUMNS)] == ORIGINAL_COLUMNS
    header = render_csv(hand_built_result()).splitlines()[0]
    assert header == ",".join(FINDINGS_CSV_COLUMNS)


def test_one_row_per_finding_and_evidence_in_report_order() -> None:
    result = hand_built_result()
    got = rows(render_csv(result))
    assert len(got) == sum(len(f.evidence) for f in result.findings) == 11
    ordered = sorted(result.findings, key=Finding.sort_key)
    assert list(dict.fromkeys(r["fingerprint"] for r in got)) == [f.fingerprint for f in ordered]
    first = got[0]
    assert (first["kind"], first["source"], first["line"], first["value"]) == ("name_variant", "alpha", "3", "Mara Velkova")
    assert first["values"] == "Mara Velkowa | Mara Velkova"
    assert (first["start"], first["end"]) == ("314", "326")


def test_hostile_quote_round_trips_through_csv() -> None:
    got = rows(render_csv(hand_built_result()))
    quotes = {r["quote"] for r in got if r["source"] == "gamma" and r["line"] == "2"}
    assert quotes == {HOSTILE}


def test_formula_like_text_is_neutralised() -> None:
    result = hand_built_result()
    evil = Finding(code="CK301", kind="single_source_figure", severity=Severity.MEDIUM,
                   values=("=HYPERLINK(\"http://x\")",),
                   evidence=(Evidence("gamma", 9, "+cmd|' /C calc'!A0", "gamma:9", "@SUM(A1)"),),
                   summary="-2+3", suggestion="=1+1")
    got = rows(render_csv(dataclasses.replace(result, findings=[evil])))
    assert got[0]["values"] == "'=HYPERLINK(\"http://x\")"
    assert got[0]["quote"] == "'+cmd|' /C calc'!A0"
    assert got[0]["value"] == "'@SUM(A1)" and got[0]["summary"] == "'-2+3" and got[0]["suggestion"] == "'=1+1"
    assert spreadsheet_safe("Mara") == "Mara" and spreadsheet_safe("") == ""


def test_a_finding_without_evidence_still_gets_a_row() -> None:
    result = hand_built_result()
    bare = Finding(code="CK999", kind="corpus_note", severity=Severity.LOW, values=(), evidence=(), summary="note")
    got = rows(render_csv(dataclasses.replace(result, findings=[bare])))
    assert len(got) == 1 and got[0]["source"] == "" and got[0]["summary"] == "note"


def test_decision_and_new_columns_follow_the_workflow() -> None:
    got = rows(render_csv(_with_workflow(hand_built_result())))
    assert {r["decision"] for r in got if r["kind"] == "framing"} == {"accepted"}
    assert {r["new"] for r in got if r["kind"] == "weekday_mismatch"} == {"yes"}
    assert {r["new"] for r in got if r["kind"] == "name_variant"} == {"no"}
    assert {r["new"] for r in rows(render_csv(hand_built_result()))} == {""}
