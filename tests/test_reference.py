"""The reference fact ledger on our own rail-contract story: a planted wrong date, a wrong
spelling and a wrong title are reference_conflicts with the reference and its source; the
claims that agree are verified. Values are read by the facet extractors, subjects resolved
by the resolve stage."""

from __future__ import annotations

from pathlib import Path

import pytest
from workflow_helpers import NEW_DISCREPANCY, PAIR, STORY

from checker.api import check_paths
from checker.config import CheckConfig, Severity
from checker.workflow import WorkflowInputError
from checker.workflow.reference import ReferenceFact, parse_reference

HEADER = "subject,attribute,value,source,verified_by,verified_on\n"
PRESS = "https://rail.example/press/88"
LEDGER = HEADER + (
    f"rail operator contract signed,date,14 March 2025,{PRESS},desk editor,2025-03-15\n"
    f"rail operator contract signed,place,Porto,{PRESS},desk editor,2025-03-15\n"
    f"contract worth,figure,310 million euros,{PRESS},desk editor,2025-03-15\n"
    "Helena Marvik,title,Minister of Transport,https://gov.example/cabinet,desk editor,2025-03-15\n"
    "Pavel Dunmore,spelling,Pavel Dunmore,https://rail.example/board,desk editor,2025-03-15\n"
)


def conflicts(result) -> dict[tuple[str, str], tuple]:
    """(attribute, source) -> (values, severity, evidence lines) of each reference_conflict."""
    return {(dict(f.fields)["attribute"], dict(f.fields)["source"]):
            (f.values, f.severity, tuple((e.source, e.line) for e in f.evidence))
            for f in result.findings if f.kind == "reference_conflict"}


def verified(result) -> dict[str, tuple[tuple[str, int], ...]]:
    return {v.fact.attribute: tuple((c.source, c.line) for c in v.claims) for v in result.verified}


@pytest.fixture(scope="module")
def ledger_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ledger")
    path = folder / "reference.csv"
    path.write_text(LEDGER, encoding="utf-8")
    return check_paths([STORY / n for n in (*PAIR, NEW_DISCREPANCY)], CheckConfig(reference_path=path))


def test_a_planted_wrong_date_is_a_high_reference_conflict_with_its_source(ledger_run) -> None:
    found = conflicts(ledger_run)
    assert found[("date", "d_north_wire")] == (("17 March 2025", "14 March 2025"), Severity.HIGH,
                                               (("d_north_wire", 3),))
    date = next(f for f in ledger_run.findings if f.kind == "reference_conflict" and "17 March" in f.values[0])
    assert date.code == "CK401" and PRESS in date.summary and PRESS in date.suggestion
    assert "desk editor" in date.suggestion


def test_only_the_contradicting_claims_are_findings(ledger_run) -> None:
    assert set(conflicts(ledger_run)) == {("date", "d_north_wire"), ("spelling", "d_north_wire")}
    assert conflicts(ledger_run)[("spelling", "d_north_wire")][0] == ("Pavel Dunmoore", "Pavel Dunmore")


def test_claims_that_match_a_fact_are_verified(ledger_run) -> None:
    got = verified(ledger_run)
    assert got["date"] == (("a_coast_ledger", 3), ("b_river_courier", 3))
    assert got["place"] == (("a_coast_ledger", 3), ("b_river_courier", 3), ("d_north_wire", 3))
    assert got["figure"] == (("a_coast_ledger", 7),)
    # "Transport Minister" is the reference's "Minister of Transport" in another order, for
    # both spellings of the minister's name (one person by the resolve stage's rules)
    assert got["title"] == (("a_coast_ledger", 5), ("b_river_courier", 5))
    assert got["spelling"] == (("a_coast_ledger", 7),)


def test_the_ledger_is_not_needed_as_a_file(tmp_path) -> None:
    fact = ReferenceFact("Helena Marvik", "title", "Minister of Finance", source="https://gov.example")
    result = check_paths([STORY / n for n in PAIR], CheckConfig(reference_facts=(fact,)))
    assert set(conflicts(result)) == {("title", "a_coast_ledger"), ("title", "b_river_courier")}


def test_a_wrong_figure_and_place_in_another_story_are_caught(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(
        "Ferry fire\n\nFire crews evacuated 212 passengers from the ferry in Lisbon on Sunday.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Ferry evacuated\n\nFire crews evacuated 120 passengers from the ferry in Porto on Sunday.\n", encoding="utf-8")
    facts = (ReferenceFact("ferry evacuated", "figure", "212 passengers", source="coastguard log"),
             ReferenceFact("ferry evacuated", "place", "Lisbon", source="coastguard log"))
    result = check_paths([tmp_path], CheckConfig(reference_facts=facts))
    assert {k: v[0] for k, v in conflicts(result).items()} == {
        ("figure", "b"): ("120", "212 passengers"), ("place", "b"): ("Porto", "Lisbon")}
    assert verified(result) == {"figure": (("a", 3),), "place": (("a", 3),)}


def test_a_claim_with_two_dates_is_quiet_unless_one_agrees(tmp_path) -> None:
    (tmp_path / "a.txt").write_text(
        "Accord\n\nThe water accord was signed in Geneva on 9 June 2024, a week after talks opened on "
        "2 June 2024.\n",
        encoding="utf-8")
    quiet = check_paths([tmp_path], CheckConfig(reference_facts=(
        ReferenceFact("water accord signed", "date", "2024-06-12"),)))
    assert conflicts(quiet) == {} and verified(quiet) == {}
    agrees = check_paths([tmp_path], CheckConfig(reference_facts=(
        ReferenceFact("water accord signed", "date", "2024-06-09"),)))
    assert conflicts(agrees) == {} and verified(agrees) == {"date": (("a", 3),)}


@pytest.mark.parametrize(("row", "reason"), [
    ("x,colour,red", "unknown attribute 'colour' (use spelling, title, role, date, place, figure, person)"),
    ("accord signed,date,next spring", "'next spring' is not a date"),
    ("accord,figure,many", "'many' is not a figure"),
    (",date,2025-01-01", "subject and value must not be empty"),
    ("accord,date,2025-01-01,,ed,15/3/2025", "verified_on '15/3/2025' is not an ISO date (YYYY-MM-DD)"),
])
def test_malformed_ledger_rows_name_the_file_and_line(row: str, reason: str) -> None:
    with pytest.raises(WorkflowInputError) as err:
        parse_reference(HEADER + "# verified facts\n" + row + "\n", "claims/reference.csv")
    assert str(err.value) == f"claims/reference.csv:3: {reason}"


def test_attribute_aliases_and_written_dates_are_accepted() -> None:
    facts = parse_reference(HEADER + "Olena Kovalenko,Rank,Colonel,,,\naccord signed,date,3 February 2026,,,\n")
    assert [(f.attribute, f.line) for f in facts] == [("title", 2), ("date", 3)]


def test_a_missing_ledger_is_no_facts(tmp_path: Path) -> None:
    result = check_paths([STORY / n for n in PAIR], CheckConfig(reference_path=tmp_path / "none.csv"))
    assert conflicts(result) == {} and result.verified == ()
