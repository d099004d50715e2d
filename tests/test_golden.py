"""Golden files for every report format, from a CheckResult built by hand.

The result is built from small hand-made tables in the documented columns of each stage,
about an invented story (a ferry fire in an invented port town), with hostile article text:
pipes, backticks, `<script>`, `[link](javascript:...)`, line breaks, right-to-left and
zero-width characters. The renderers are compared byte for byte with tests/golden/*, so
they do not depend on the other stages' moving bodies.

After an intended change in wording or layout, regenerate the files and review the diff:

    CHECKER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py   (make golden)
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pandas as pd
import pytest

from checker.api import CheckResult
from checker.compare import COMPARISON_COLUMNS
from checker.config import CheckConfig, Severity
from checker.facets import FACET_COLUMNS
from checker.findings.model import Evidence, Finding
from checker.ingest import ARTICLE_COLUMNS, PROBLEM_COLUMNS
from checker.match import GROUP_COLUMNS
from checker.report import render_claims, render_csv, render_json, render_markdown
from checker.report.summary import terminal_summary
from checker.resolve import ENTITY_COLUMNS, MENTION_COLUMNS
from checker.segment import CLAIM_COLUMNS
from checker.tables import Tables

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CHECKER_UPDATE_GOLDEN") == "1"

RLO, ZWSP, LRI, PDI = "\u202e", "\u200b", "\u2066", "\u2069"
HOSTILE = (
    "Harbour chief Mara Velkowa | said `rm -rf` <script>alert(1)</script> "
    "[details](javascript:alert(1)) that 210 passengers\nwere aboard " + RLO + "evil" + ZWSP
)


def _frame(columns: list[str], rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=columns)
    assert list(frame.columns) == columns
    return frame


def _claim(source: str, n: int, line: int, cls: str, text: str, *, reason: str = "",
           unit: str = "segment", parent: str = "", speaker: str = "", k: int = 0) -> dict:
    claim_id = f"{source}:{n}" + (f".{k}" if k else "")
    start = line * 100
    return {"claim_id": claim_id, "source": source, "n": n, "unit": unit, "parent": parent,
            "line": line, "start": start, "end": start + len(text), "class": cls, "reason": reason,
            "text": text, "speaker": speaker, "compared": cls in ("claim", "quote")}


def _facet(claim_id: str, facet: str, start: int, text: str, value: str, **extra: str) -> dict:
    row = {c: "" for c in FACET_COLUMNS}
    row.update(claim_id=claim_id, source=claim_id.split(":")[0], facet=facet, start=start,
               end=start + len(text), text=text, value=value, **extra)
    return row


def hand_built_result() -> CheckResult:
    """Three invented sources about one ferry fire, one skipped input, findings of six kinds."""
    articles = _frame(ARTICLE_COLUMNS, [
        {"source": "alpha", "path": "news/alpha.txt", "title": "Ferry fire in Porto Velmar: crew evacuates 120 passengers",
         "outlet": "Alpha Courier", "url": "https://alpha.example/ferry", "published": "2025-10-06",
         "published_from": "front-matter", "language": "en", "encoding": "utf-8", "sha256": "a" * 64,
         "body_start": 0, "text": "..."},
        {"source": "beta_daily", "path": "news/beta_daily.txt", "title": "Porto Velmar ferry fire: harbour chief praises crew",
         "outlet": "", "url": "", "published": "2025-10-07", "published_from": "dateline:2",
         "language": "en", "encoding": "cp1252", "sha256": "b" * 64, "body_start": 0, "text": "..."},
        {"source": "gamma", "path": "news/gam|ma `x`.md", "title": "<b>Breaking</b> | fire " + RLO + "aboard",
         "outlet": "Gamma *Wire*", "url": "", "published": "", "published_from": "",
         "language": "", "encoding": "utf-8", "sha256": "c" * 64, "body_start": 0, "text": "..."},
    ])
    problems = _frame(PROBLEM_COLUMNS, [
        {"path": "news/evil|name`.png", "source": "", "code": "binary", "severity": "error",
         "message": "binary file (PNG image), not an article <img src=x onerror=alert(1)>"},
        {"path": "news/beta_daily.txt", "source": "beta_daily", "code": "encoding", "severity": "note",
         "message": "decoded as cp1252 (not valid UTF-8)"},
    ])
    claims = _frame(CLAIM_COLUMNS, [
        _claim("alpha", 1, 1, "headline", "Ferry fire in Porto Velmar: crew evacuates 120 passengers"),
        _claim("alpha", 2, 3, "claim", "Harbour chief Mara Velkova said the crew evacuated 120 passengers on Monday, 6.10.2025."),
        _claim("alpha", 3, 5, "claim", "The fire started in the engine room of the Santa Irena at 4 a.m."),
        _claim("alpha", 3, 5, "claim", "The fire started in the engine room.", unit="fact", parent="alpha:3", k=1),
        _claim("alpha", 4, 7, "quote", "\u201cEveryone got off in eleven minutes,\u201d Velkova said.", speaker="Mara Velkova"),
        _claim("alpha", 5, 9, "caption", "The ferry at dawn. (photo: Courtesy)", reason="photo credit"),
        _claim("alpha", 10, 20, "boilerplate", "Subscribe to our newsletter", reason="newsletter prompt"),
        _claim("beta_daily", 1, 1, "headline", "Porto Velmar ferry fire: harbour chief praises crew"),
        _claim("beta_daily", 2, 3, "claim", "Harbour chief Mara Velkowa said the crew evacuated 210 passengers on Sunday, October 6, 2025."),
        _claim("beta_daily", 3, 4, "claim", "The fire started in the engine room, officials said."),
        _claim("beta_daily", 4, 6, "opinion", "It is a miracle nobody died.", reason="opinion cue: 'miracle'"),
        _claim("beta_daily", 5, 7, "hedged", "The fire may have been caused by a fuel leak.", reason="hedge: 'may have'"),
        _claim("gamma", 1, 1, "headline", "<b>Breaking</b> | fire " + RLO + "aboard"),
        _claim("gamma", 2, 2, "claim", HOSTILE),
        _claim("gamma", 3, 4, "claim", "The | operator's `insurer` *will* pay 4 million euros.\n# not a heading"),
        _claim("gamma", 4, 6, "byline", "By A. Writer " + LRI + "\u05e9\u05dc\u05d5\u05dd" + PDI, reason="byline"),
        _claim("gamma", 5, 7, "off_topic", "1. Unrelated: markets closed higher.", reason="ticker item"),
        _claim("gamma", 6, 8, "claim", "The Velmar Port Authority said Lisbon had been informed."),
    ])
    facets = _frame(FACET_COLUMNS, [
        _facet("alpha:2", "person", 314, "Harbour chief Mara Velkova", "Mara Velkova", key="Velkova", title="Harbour chief"),
        _facet("alpha:2", "figure", 347, "120 passengers", "120", key="people", noun="passengers"),
        _facet("alpha:2", "date", 370, "6.10.2025", "2025-10-06", key="day", noun="Monday"),
        _facet("alpha:3", "place", 540, "Santa Irena", "Santa Irena", key=""),
        _facet("alpha:4", "quote", 700, "Everyone got off in eleven minutes,", "everyone got off in eleven minutes", role="Mara Velkova", qualifier="direct"),
        _facet("beta_daily:2", "person", 314, "Harbour chief Mara Velkowa", "Mara Velkowa", key="Velkowa", title="Harbour chief"),
        _facet("beta_daily:2", "figure", 347, "210 passengers", "210", key="people", noun="passengers"),
        _facet("beta_daily:2", "date", 372, "Sunday, October 6, 2025", "2025-10-06", key="day", noun="Sunday"),
        _facet("gamma:2", "person", 214, "Mara Velkowa", "Mara Velkowa", key="Velkowa"),
        _facet("gamma:2", "figure", 320, "210 passengers", "210", key="people", noun="passengers"),
        _facet("gamma:3", "figure", 440, "4 million euros", "4000000", key="EUR", qualifier="", noun="insurance payment"),
        _facet("gamma:6", "org", 800, "The Velmar Port Authority", "Velmar Port Authority"),
        _facet("gamma:6", "metonym", 840, "Lisbon", "Portugal", key="PT", note="capital for government"),
    ])
    mentions = _frame(MENTION_COLUMNS, [
        {"mention_id": "alpha:2@314", "claim_id": "alpha:2", "source": "alpha", "facet": "person", "start": 314, "end": 340,
         "text": "Mara Velkova", "value": "Mara Velkova", "entity_id": "P1", "score": 100.0, "method": "exact"},
        {"mention_id": "beta_daily:2@314", "claim_id": "beta_daily:2", "source": "beta_daily", "facet": "person", "start": 314,
         "end": 340, "text": "Mara Velkowa", "value": "Mara Velkowa", "entity_id": "P1", "score": 91.7, "method": "fuzzy+phonetic"},
        {"mention_id": "gamma:2@214", "claim_id": "gamma:2", "source": "gamma", "facet": "person", "start": 214, "end": 226,
         "text": "Mara Velkowa", "value": "Mara Velkowa", "entity_id": "P1", "score": 91.7, "method": "fuzzy+phonetic"},
        {"mention_id": "gamma:6@800", "claim_id": "gamma:6", "source": "gamma", "facet": "org", "start": 800, "end": 825,
         "text": "The Velmar Port Authority", "value": "Velmar Port Authority", "entity_id": "O1", "score": 100.0, "method": "exact"},
    ])
    entities = _frame(ENTITY_COLUMNS, [
        {"entity_id": "P1", "facet": "person", "canonical": "Mara Velkowa", "n_mentions": 3, "n_sources": 3, "n_variants": 2},
        {"entity_id": "O1", "facet": "org", "canonical": "Velmar Port Authority", "n_mentions": 1, "n_sources": 1, "n_variants": 1},
    ])
    groups = _frame(GROUP_COLUMNS, [
        {"group_id": "G1", "claim_id": "alpha:2", "source": "alpha", "status": "conflicting", "score": 100.0, "method": "seed"},
        {"group_id": "G1", "claim_id": "beta_daily:2", "source": "beta_daily", "status": "conflicting", "score": 88.0, "method": "token_set_ratio+shared:person,date"},
        {"group_id": "G1", "claim_id": "gamma:2", "source": "gamma", "status": "conflicting", "score": 71.0, "method": "token_set_ratio+shared:person"},
        {"group_id": "G2", "claim_id": "alpha:3.1", "source": "alpha", "status": "corroborated", "score": 100.0, "method": "seed"},
        {"group_id": "G2", "claim_id": "beta_daily:3", "source": "beta_daily", "status": "corroborated", "score": 93.0, "method": "token_set_ratio"},
        {"group_id": "G3", "claim_id": "alpha:3", "source": "alpha", "status": "single_source", "score": 100.0, "method": "alone"},
        {"group_id": "G4", "claim_id": "alpha:4", "source": "alpha", "status": "single_source", "score": 100.0, "method": "alone"},
        {"group_id": "G10", "claim_id": "gamma:3", "source": "gamma", "status": "single_source", "score": 100.0, "method": "alone"},
        {"group_id": "G11", "claim_id": "gamma:6", "source": "gamma", "status": "single_source", "score": 100.0, "method": "alone"},
    ])
    comparisons = _frame(COMPARISON_COLUMNS, [
        {"group_id": "G1", "facet": "figure", "subject": "passengers", "a_claim": "alpha:2", "b_claim": "beta_daily:2",
         "a_value": "120 passengers", "b_value": "210 passengers", "verdict": "conflict", "score": None,
         "method": "relative difference 0.75 > 0.05", "note": ""},
        {"group_id": "G1", "facet": "date", "subject": "evacuation date", "a_claim": "alpha:2", "b_claim": "beta_daily:2",
         "a_value": "6.10.2025", "b_value": "October 6, 2025", "verdict": "agree", "score": None,
         "method": "same ISO date", "note": ""},
    ])
    tables = Tables(articles=articles, problems=problems, claims=claims, facets=facets, mentions=mentions,
                    entities=entities, groups=groups, comparisons=comparisons)
    findings = [
        Finding(code="CK201", kind="number_conflict", severity=Severity.HIGH,
                values=("210 passengers", "120 passengers"),
                evidence=(
                    Evidence("gamma", 2, HOSTILE, "gamma:2", "210 passengers", 320, 334),
                    Evidence("alpha", 3, "Harbour chief Mara Velkova said the crew evacuated 120 passengers on Monday, 6.10.2025.", "alpha:2", "120 passengers", 347, 361),
                    Evidence("beta_daily", 3, "Harbour chief Mara Velkowa said the crew evacuated 210 passengers on Sunday, October 6, 2025.", "beta_daily:2", "210 passengers", 347, 361),
                ),
                subject="passengers", identity=("G1", "passengers"),
                suggestion="Check the passenger count against the operator's manifest.",
                summary="Sources disagree on passengers: \u201c210 passengers\u201d vs \u201c120 passengers\u201d"),
        Finding(code="CK101", kind="name_variant", severity=Severity.HIGH,
                values=("Mara Velkowa", "Mara Velkova"),
                evidence=(
                    Evidence("alpha", 3, "Harbour chief Mara Velkova said the crew evacuated 120 passengers on Monday, 6.10.2025.", "alpha:2", "Mara Velkova", 314, 326),
                    Evidence("beta_daily", 3, "Harbour chief Mara Velkowa said the crew evacuated 210 passengers on Sunday, October 6, 2025.", "beta_daily:2", "Mara Velkowa", 314, 326),
                    Evidence("gamma", 2, HOSTILE, "gamma:2", "Mara Velkowa", 214, 226),
                ),
                subject="Mara Velkowa", identity=("P1",), score=91.7, method="fuzzy+phonetic",
                suggestion="\u201cMara Velkowa\u201d is used by 2 of 3 sources; likely right.",
                summary="One person spelled two ways: \u201cMara Velkowa\u201d vs \u201cMara Velkova\u201d"),
        Finding(code="CK302", kind="weekday_mismatch", severity=Severity.MEDIUM,
                values=("Sunday", "2025-10-06"),
                evidence=(Evidence("beta_daily", 3, "Harbour chief Mara Velkowa said the crew evacuated 210 passengers on Sunday, October 6, 2025.", "beta_daily:2", "Sunday", 372, 378),),
                subject="October 6, 2025", identity=("beta_daily:2", "2025-10-06"),
                suggestion="2025-10-06 is a Monday.",
                summary="\u201cSunday\u201d does not fit 2025-10-06, a Monday"),
        Finding(code="CK301", kind="single_source_figure", severity=Severity.MEDIUM,
                values=("4 million euros",),
                evidence=(Evidence("gamma", 4, "The | operator's `insurer` *will* pay 4 million euros.\n# not a heading", "gamma:3", "4 million euros", 440, 455),),
                subject="insurance payment", identity=("gamma:3", "4000000 EUR"),
                suggestion="Verify the figure with a primary source before repeating it.",
                summary="Only gamma reports \u201c4 million euros\u201d (insurance payment) | `check` it"),
        Finding(code="CK204", kind="framing", severity=Severity.LOW,
                values=("Lisbon",),
                evidence=(Evidence("gamma", 8, "The Velmar Port Authority said Lisbon had been informed.", "gamma:6", "Lisbon", 840, 846),),
                subject="Portugal", identity=("PT", "Lisbon"),
                suggestion="Other sources name the government, not its capital.",
                summary="gamma refers to Portugal's government as \u201cLisbon\u201d"),
        Finding(code="CK001", kind="agreement", severity=Severity.INFO,
                values=("The fire started in the engine room.",),
                evidence=(
                    Evidence("alpha", 5, "The fire started in the engine room.", "alpha:3.1"),
                    Evidence("beta_daily", 4, "The fire started in the engine room, officials said.", "beta_daily:3"),
                ),
                subject="The fire started in the engine room.", identity=("The fire started in the engine room.",),
                summary="2 sources agree: The fire started in the engine room."),
    ]
    return CheckResult(tables=tables, findings=findings, config=CheckConfig())


def rendered(result: CheckResult) -> dict[str, str]:
    claims = render_claims(result.tables.claims, result.tables.facets)
    return {
        "consistency.md": render_markdown(result),
        "consistency.json": render_json(result),
        "findings.csv": render_csv(result),
        "claims_gamma.csv": claims["gamma"],
    }


def _shuffled(result: CheckResult, seed: int) -> CheckResult:
    t = result.tables
    shuffled = Tables(**{name: getattr(t, name).sample(frac=1.0, random_state=seed).reset_index(drop=True)
                         for name in Tables.__dataclass_fields__})
    findings = [*result.findings]
    findings.reverse()
    findings = [dataclasses.replace(f, evidence=tuple(reversed(f.evidence))) for f in findings]
    return CheckResult(tables=shuffled, findings=findings, config=result.config)


@pytest.mark.parametrize("name", ["consistency.md", "consistency.json", "findings.csv", "claims_gamma.csv"])
def test_report_matches_golden_file(name: str) -> None:
    text = rendered(hand_built_result())[name]
    path = GOLDEN / name
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"{path} is missing; run `make golden`"
    expected = path.read_bytes().decode("utf-8")
    assert text == expected, f"{name} differs from its golden file; if intended, run `make golden`"


def test_same_result_twice_gives_identical_bytes() -> None:
    assert rendered(hand_built_result()) == rendered(hand_built_result())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_table_rows_and_findings_give_identical_bytes(seed: int) -> None:
    result = hand_built_result()
    assert rendered(_shuffled(result, seed)) == rendered(result)


def test_golden_files_hold_no_invisible_control_characters_in_markdown() -> None:
    text = (GOLDEN / "consistency.md").read_text(encoding="utf-8")
    assert not any(ch in text for ch in (RLO, ZWSP, LRI, PDI))
    # The JSON keeps article text exactly, controls included (escaped only as JSON requires).
    assert RLO in (GOLDEN / "consistency.json").read_text(encoding="utf-8")


def test_terminal_summary_fits_one_screen_and_carries_no_control_characters() -> None:
    result = hand_built_result()
    many = [dataclasses.replace(f, identity=(str(i),), summary=f.summary + "\x1b[2J" + "x" * 300)
            for i in range(40) for f in result.findings]
    text = terminal_summary(dataclasses.replace(result, findings=many),
                            [Path("reports/consistency.md"), Path("reports/consistency.json")])
    lines = text.splitlines()
    assert len(lines) <= 25 and max(len(line) for line in lines) <= 100
    assert "\x1b" not in text and RLO not in text
    assert "1 input skipped" in text and "report: reports/consistency.md" in text
    assert "... and 77 more in the report" in text
    assert lines[0] == "checked 3 articles: 8 claims compared, 9 segments left out, 1 input skipped"
