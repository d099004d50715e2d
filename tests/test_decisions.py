"""decisions.csv: parsing with one-line errors naming the file and line, writing sorted and
atomically, and `checker decide` filling the row from the latest report."""

from __future__ import annotations

import pytest
from workflow_helpers import PAIR, check, finding_of, newsroom, report, run

from checker.workflow.decisions import (
    DECISION_COLUMNS,
    Decision,
    WorkflowInputError,
    parse_decisions,
    read_decisions,
    render_decisions,
    with_decision,
)

HEADER = ",".join(DECISION_COLUMNS)
FP1, FP2 = "0123456789abcdef", "fedcba9876543210"


def test_a_file_round_trips_sorted_by_fingerprint() -> None:
    decisions = {
        FP2: Decision(FP2, "dismissed", note='two people, "same" name, really', by="desk", at="2025-03-20"),
        FP1: Decision(FP1, "confirmed", canonical="Helena Marvik", kind="name_variant", summary="One person"),
    }
    text = render_decisions(decisions.values())
    assert text.splitlines()[0] == HEADER
    assert [line[:16] for line in text.splitlines()[1:]] == [FP1, FP2]
    again = parse_decisions(text)
    assert {fp: (d.status, d.note, d.by, d.at, d.canonical) for fp, d in again.items()} == {
        fp: (d.status, d.note, d.by, d.at, d.canonical) for fp, d in decisions.items()}


def test_hand_edited_files_may_have_comments_blank_lines_few_columns_and_capitals() -> None:
    text = ("# decisions for the rail story\nFingerprint,Status,Note\n\n"
            f"{FP1.upper()},Accepted,house style\n")
    decisions = parse_decisions(text)
    assert decisions[FP1].status == "accepted" and decisions[FP1].note == "house style"
    assert decisions[FP1].line == 4


@pytest.mark.parametrize(("body", "line", "reason"), [
    (f"{FP1},acepted", 2, "unknown status 'acepted'"),
    ("12345,accepted", 2, "not 16 hex digits"),
    (f"{FP1},accepted\n{FP1},dismissed", 3, "decided twice (also on line 2)"),
    (f"{FP1},accepted,extra", 2, "3 fields where the header has 2"),
    (f'{FP1},"accepted', 2, "not valid CSV"),
])
def test_malformed_rows_name_the_file_and_line(body: str, line: int, reason: str) -> None:
    with pytest.raises(WorkflowInputError) as err:
        parse_decisions("fingerprint,status\n" + body + "\n", "claims/decisions.csv")
    assert str(err.value).startswith(f"claims/decisions.csv:{line}: ")
    assert reason in str(err.value) and "\n" not in str(err.value)


def test_a_header_without_the_key_columns_and_a_bad_date_are_errors() -> None:
    with pytest.raises(WorkflowInputError, match=r"^d.csv:1: the header lacks status"):
        parse_decisions("fingerprint,note\n", "d.csv")
    with pytest.raises(WorkflowInputError, match="not an ISO date"):
        parse_decisions(f"fingerprint,status,decided_on\n{FP1},accepted,20/3/2025\n", "d.csv")
    with pytest.raises(WorkflowInputError, match="canonical form applies to"):
        parse_decisions(f"fingerprint,status,canonical,kind\n{FP1},accepted,X,agreement\n", "d.csv")


def test_a_missing_file_is_no_decisions_and_bad_bytes_are_an_error(tmp_path) -> None:
    assert read_decisions(tmp_path / "none.csv") == {}
    bad = tmp_path / "decisions.csv"
    bad.write_bytes(b"fingerprint,status\n\xff\xfe,accepted\n")
    with pytest.raises(WorkflowInputError, match="not UTF-8"):
        read_decisions(bad)


def test_deciding_again_replaces_and_keeps_what_the_new_row_lacks() -> None:
    old = {FP1: Decision(FP1, "accepted", kind="name_variant", summary="One person", line=7)}
    new = with_decision(old, Decision(FP1, "dismissed", note="two people"))
    assert new[FP1].status == "dismissed" and new[FP1].kind == "name_variant" and new[FP1].line == 0


# --- checker decide ---------------------------------------------------------------------------


def test_decide_copies_kind_and_summary_from_the_report_and_writes_the_file(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    assert check(room).exit_code == 0
    variant = finding_of(report(room), "name_variant")
    result = run("decide", variant["fingerprint"], "--status", "dismissed", "--note", "two people",
                 "--by", "desk editor", "--on", "2025-03-20", "--report", room / "reports" / "consistency.json",
                 "--claims-dir", room / "claims")
    assert result.exit_code == 0, result.output
    assert f"recorded dismissed for {variant['fingerprint']} (name_variant)" in result.output
    saved = read_decisions(room / "claims" / "decisions.csv")[variant["fingerprint"]]
    assert (saved.status, saved.note, saved.by, saved.at, saved.kind, saved.summary) == (
        "dismissed", "two people", "desk editor", "2025-03-20", "name_variant", variant["summary"])
    leftovers = [p.name for p in (room / "claims").iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no temporary file left behind


@pytest.mark.parametrize(("args", "message"), [
    (["--status", "maybe"], "checker: unknown status 'maybe' (use accepted, dismissed or confirmed)"),
    (["--status", "accepted", "--on", "yesterday"], "checker: --on 'yesterday' is not an ISO date"),
    (["--status", "accepted", "--canonical", "X"], "checker: --canonical needs to know the finding"),
])
def test_decide_usage_errors_are_one_line_and_exit_2(tmp_path, args, message) -> None:
    result = run("decide", FP1, *args, "--claims-dir", tmp_path / "claims", "--report", tmp_path / "none.json")
    assert result.exit_code == 2
    assert result.output.startswith(message) and result.output.count("\n") == 1
    assert not (tmp_path / "claims").exists()


def test_decide_refuses_a_malformed_decisions_file_without_touching_it(tmp_path) -> None:
    path = tmp_path / "claims" / "decisions.csv"
    path.parent.mkdir()
    path.write_text("fingerprint,status\nnot-a-fingerprint,accepted\n", encoding="utf-8")
    before = path.read_bytes()
    result = run("decide", FP1, "--status", "accepted", "--claims-dir", tmp_path / "claims",
                 "--report", tmp_path / "none.json")
    assert result.exit_code == 2
    assert result.output.startswith(f"checker: {path.as_posix()}:2: fingerprint 'not-a-fingerprint'")
    assert path.read_bytes() == before


def test_decide_without_a_report_records_the_decision_with_a_note(tmp_path) -> None:
    result = run("decide", FP1, "--status", "accepted", "--claims-dir", tmp_path / "c",
                 "--report", tmp_path / "none.json", "--on", "2025-03-20", "--by", "ed")
    assert result.exit_code == 0
    assert "note:" in result.output and "none.json not found" in result.output
    assert read_decisions(tmp_path / "c" / "decisions.csv")[FP1].kind == ""
