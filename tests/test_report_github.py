"""--format github: one GitHub Actions annotation per article line of each open finding, with
the article's path and line, the severity mapped to error/warning/notice, and text escaped
so that an article cannot end an annotation or start another workflow command."""

from __future__ import annotations

import dataclasses
import re

from test_golden import hand_built_result
from workflow_helpers import PAIR, check, finding_of, newsroom, report, run

from checker.report.github import escape_data, escape_property, render_github
from checker.workflow.decisions import Decision

ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,]*),line=(\d+),title=([^:]*)::(.*)$")


def parsed(text: str) -> list[tuple[str, str, int, str, str]]:
    out = []
    for line in text.splitlines():
        m = ANNOTATION.match(line)
        assert m, line
        out.append((m[1], m[2], int(m[3]), m[4], m[5]))
    return out


def test_escaping_follows_the_actions_toolkit() -> None:
    assert escape_data("50% done\r\nnext::x") == "50%25 done%0D%0Anext::x"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_annotations_carry_the_article_path_and_line(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    result = check(room, "--format", "json,github", "--select", "name_variant")
    assert result.exit_code == 0
    variant = finding_of(report(room), "name_variant")
    lines = [line for line in result.output.splitlines() if line.startswith("::")]
    got = parsed("\n".join(lines))
    articles = (room / "articles").as_posix()
    assert [(cmd, path, line, title) for cmd, path, line, title, _ in got] == [
        ("warning", escape_property(f"{articles}/a_coast_ledger.txt"), 5, "CK101 name_variant"),
        ("warning", escape_property(f"{articles}/b_river_courier.txt"), 5, "CK101 name_variant"),
    ]
    assert all(variant["fingerprint"] in message and "Marvick" in message for *_, message in got)
    assert sorted(p.name for p in (room / "reports").iterdir()) == ["consistency.json"]
    assert "claim groups:" in result.output  # the summary, on stderr: stdout stays annotations only


def test_severities_map_and_hostile_paths_stay_one_property() -> None:
    result = hand_built_result()
    text = render_github(result)
    got = parsed(text)
    assert len(text.splitlines()) == len(got)
    severity_of = {f.code: f.severity.label for f in result.findings}
    expected = {"high": "error", "medium": "warning", "low": "warning", "info": "notice"}
    commands = {title.split()[0]: cmd for cmd, _, _, title, _ in got}
    assert commands == {code: expected[label] for code, label in severity_of.items() if code != "CK001"}
    assert {path for _, path, *_ in got} == {"news/alpha.txt", "news/beta_daily.txt", "news/gam|ma `x`.md"}


def test_decided_findings_and_with_a_baseline_old_ones_are_not_annotated() -> None:
    result = hand_built_result()
    target = next(f for f in result.findings if f.kind == "name_variant")

    def titles(findings) -> set[str]:
        return {title for *_, title, _ in parsed(render_github(dataclasses.replace(result, findings=findings)))}

    decided = [dataclasses.replace(f, decision=Decision(f.fingerprint, "dismissed")) if f is target else f
               for f in result.findings]
    assert "CK101 name_variant" in titles(result.findings) and "CK101 name_variant" not in titles(decided)
    marked = [dataclasses.replace(f, new=f is target) for f in result.findings]
    assert titles(marked) == {"CK101 name_variant (new)"}


def test_decide_then_the_annotation_disappears(tmp_path) -> None:
    room = newsroom(tmp_path, *PAIR)
    check(room, "--select", "name_variant")
    variant = finding_of(report(room), "name_variant")
    run("decide", variant["fingerprint"], "--status", "accepted", "--report", room / "reports" / "consistency.json",
        "--claims-dir", room / "claims")
    again = check(room, "--format", "github", "--select", "name_variant")
    assert again.exit_code == 0
    assert not [line for line in again.output.splitlines() if line.startswith("::")]
