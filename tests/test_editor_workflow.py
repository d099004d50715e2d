"""The editor workflow end to end, through the CLI as an editor uses it: check, read the
fingerprint in the report, `checker decide`, check again. Decisions stick when unrelated
articles arrive, canonical forms turn variants into findings against them, decisions whose
finding is gone are stale, and the CI workflow compares a pull request with its base."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from workflow_helpers import PAIR, UNRELATED, add_article, check, finding_of, newsroom, report, run

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "consistency.yml"


def decide(room: Path, fingerprint: str, *args: str):
    result = run("decide", fingerprint, *args, "--by", "desk editor", "--on", "2025-03-20",
                 "--report", room / "reports" / "consistency.json", "--claims-dir", room / "claims")
    assert result.exit_code == 0, result.output
    return result


def markdown(room: Path) -> str:
    return (room / "reports" / "consistency.md").read_text(encoding="utf-8")


def section(text: str, title: str) -> str:
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0] if f"## {title}\n" in text else ""


def test_a_dismissed_finding_stays_dismissed_after_an_unrelated_article_arrives(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    assert check(room, "--select", "name_variant", "--fail-on", "medium").exit_code == 1
    fingerprint = finding_of(report(room), "name_variant")["fingerprint"]
    assert f"fingerprint `{fingerprint}`" in section(markdown(room), "Findings")  # where an editor reads it

    decide(room, fingerprint, "--status", "dismissed", "--note", "two cousins, both ministers")
    add_article(room, UNRELATED)
    again = check(room, "--select", "name_variant", "--fail-on", "medium")
    assert again.exit_code == 0, again.output  # decided: no longer counts towards --fail-on

    variant = finding_of(report(room), "name_variant")
    assert variant["fingerprint"] == fingerprint
    assert variant["decision"] == {"status": "dismissed", "note": "two cousins, both ministers",
                                   "by": "desk editor", "at": "2025-03-20", "canonical": ""}
    decided = section(markdown(room), "Decided findings")
    assert "| dismissed | name_variant |" in decided and "two cousins, both ministers" in decided
    assert fingerprint not in section(markdown(room), "Findings")
    assert "(1 decided findings not counted)" in again.output


def test_a_canonical_spelling_turns_the_variant_into_a_finding_against_it(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    check(room)
    variant = finding_of(report(room), "name_variant")
    decide(room, variant["fingerprint"], "--status", "confirmed", "--canonical", "Helena Marvik",
           "--note", "spelling on the ministry's cabinet page")
    assert check(room, "--fail-on", "high").exit_code == 1
    data = report(room)
    assert finding_of(data, "name_variant")["decision"]["canonical"] == "Helena Marvik"
    against = finding_of(data, "reference_conflict")
    assert against["code"] == "CK401" and against["severity"] == "high"
    assert against["values"] == ["Helena Marvick", "Helena Marvik"]
    assert [(e["source"], e["line"]) for e in against["evidence"]] == [("b_river_courier", 5)]
    assert "Helena Marvik" in against["summary"] and "canonical form set by desk editor" in against["suggestion"]

    # even when only one source is left, and it writes the other spelling
    (room / "articles" / PAIR[0]).unlink()
    add_article(room, UNRELATED)
    check(room)
    data = report(room)
    assert not [f for f in data["findings"] if f["kind"] == "name_variant"]
    assert finding_of(data, "reference_conflict")["values"] == ["Helena Marvick", "Helena Marvik"]
    assert data["stale_decisions"] == []  # its canonical form still does its job


def test_a_decision_whose_finding_is_gone_is_stale(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    check(room)
    fingerprint = finding_of(report(room), "name_variant")["fingerprint"]
    decide(room, fingerprint, "--status", "accepted", "--note", "house style")
    (room / "articles" / PAIR[1]).unlink()
    add_article(room, UNRELATED)
    assert check(room).exit_code == 0
    stale = report(room)["stale_decisions"]
    assert [(d["fingerprint"], d["status"], d["note"], d["kind"]) for d in stale] == [
        (fingerprint, "accepted", "house style", "name_variant")]
    assert fingerprint in section(markdown(room), "Stale decisions")


def test_a_canonical_title_is_set_on_the_person_from_the_report(tmp_path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    body = ("Harbour police chief retires\n\n{title} Ilse Brandt, head of the harbour police, retired on "
            "Friday after thirty years of service.\n")
    for name, title in (("a", "Deputy Commissioner"), ("b", "Commissioner"), ("c", "Deputy Commissioner")):
        (articles / f"{name}.txt").write_text(body.format(title=title), encoding="utf-8")
    check(tmp_path)
    variant = finding_of(report(tmp_path), "title_variant")
    decide(tmp_path, variant["fingerprint"], "--status", "confirmed", "--canonical", "Deputy Commissioner")
    assert "Ilse Brandt" in (tmp_path / "claims" / "decisions.csv").read_text(encoding="utf-8")
    check(tmp_path)
    against = finding_of(report(tmp_path), "reference_conflict")
    assert against["values"] == ["Commissioner", "Deputy Commissioner"]
    assert [(e["source"], e["line"]) for e in against["evidence"]] == [("b", 3)]


def test_canonical_only_for_variants_and_a_malformed_decisions_file_stops_the_check(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    check(room)
    agreement = next(f for f in report(room)["findings"] if f["kind"] == "agreement")
    refused = run("decide", agreement["fingerprint"], "--status", "accepted", "--canonical", "X",
                  "--report", room / "reports" / "consistency.json", "--claims-dir", room / "claims")
    assert refused.exit_code == 2 and "not to agreement" in refused.output
    (room / "claims" / "decisions.csv").write_text("fingerprint,status\n0123456789abcdef,maybe\n", encoding="utf-8")
    before = (room / "reports" / "consistency.json").read_bytes()
    result = check(room)
    assert result.exit_code == 2
    assert result.output == (f"checker: {(room / 'claims' / 'decisions.csv').as_posix()}:2: unknown status "
                             "'maybe' (use accepted, dismissed or confirmed)\n")
    assert (room / "reports" / "consistency.json").read_bytes() == before


def test_the_reference_ledger_next_to_the_claims_is_read_by_default(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    (room / "claims").mkdir()
    (room / "claims" / "reference.csv").write_text(
        "subject,attribute,value,source,verified_by,verified_on\n"
        "rail operator contract signed,date,2025-03-17,https://rail.example/press/88,desk,2025-03-15\n",
        encoding="utf-8")
    assert check(room, "--fail-on", "high").exit_code == 1
    data = report(room)
    dates = [f for f in data["findings"] if f["kind"] == "reference_conflict"]
    assert {f["sources"][0] for f in dates} == {"a_coast_ledger", "b_river_courier"}
    assert data["verified"] == []
    # the claims folder keeps the editor's files when claims are rewritten
    assert sorted(p.name for p in (room / "claims").iterdir()) == ["a_coast_ledger.csv", "b_river_courier.csv",
                                                                   "reference.csv"]


def test_the_pull_request_workflow_checks_against_the_base_branch_report() -> None:
    yaml = pytest.importorskip("yaml")
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert "pull_request" in flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` as True
    steps = [s for job in flow["jobs"].values() for s in job["steps"]]
    base_step = next(s for s in steps if "github.base_ref" in str(s.get("env", {})))
    pr_step = next(s for s in steps if "--baseline" in str(s.get("run", "")))
    assert steps.index(base_step) < steps.index(pr_step)
    assert base_step["if"] == pr_step["if"] == "github.event_name == 'pull_request'"
    written = re.search(r'--out "([^"]+)"', base_step["run"])[1].replace("$base", "$RUNNER_TEMP/base")
    assert re.search(r'--baseline "([^"]+)"', pr_step["run"])[1] == f"{written}/consistency.json"
    assert "checker check seeds/ --baseline" in " ".join(pr_step["run"].split())
    assert "--fail-on medium --format md,json,github" in " ".join(pr_step["run"].split())


def test_checking_again_gives_the_same_report(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    check(room)
    fingerprint = finding_of(report(room), "name_variant")["fingerprint"]
    decide(room, fingerprint, "--status", "accepted")
    check(room, "--format", "md,json,sarif")
    first = {p.name: p.read_bytes() for p in (room / "reports").iterdir()}
    shutil.rmtree(room / "reports")
    check(room, "--format", "md,json,sarif")
    assert {p.name: p.read_bytes() for p in (room / "reports").iterdir()} == first
