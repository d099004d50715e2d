"""A paragraph an article alone took for another story is a claim again when other sources
tell it (checker.facets.told_elsewhere)."""

from __future__ import annotations

import pandas as pd

from checker.facets import FACET_COLUMNS
from checker.facets.told_elsewhere import reinstate_told_elsewhere
from checker.segment import CLAIM_COLUMNS


def _claim(claim_id: str, line: int, cls: str, text: str) -> dict:
    source = claim_id.split(":")[0]
    return {"claim_id": claim_id, "source": source, "n": line, "unit": "segment", "parent": "",
            "line": line, "start": 0, "end": len(text), "class": cls,
            "reason": "off_topic: another story" if cls == "off_topic" else "", "text": text,
            "speaker": "", "compared": cls in ("claim", "quote"), "marker": ""}


def _facet(claim_id: str, facet: str, key: str, value: str) -> dict:
    row = dict.fromkeys(FACET_COLUMNS, "")
    row.update(claim_id=claim_id, source=claim_id.split(":")[0], facet=facet, key=key, value=value,
               text=value, start=0, end=len(value))
    return row


def _tables(off_topic_facets: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    claims = pd.DataFrame([
        _claim("a:1", 1, "claim", "A hearing is set for Nov. 12 before Judge Eva Marek."),
        _claim("b:1", 1, "claim", "The administrator, Jan Holub, will report to the court."),
        _claim("c:1", 1, "claim", "The operator filed for insolvency on Monday."),
        _claim("c:2", 2, "off_topic", "Next step: a hearing before Judge Eva Marek on 12 November."),
        _claim("c:3", 2, "off_topic", "Administrator Jan Holub will report."),
    ], columns=CLAIM_COLUMNS)
    facets = pd.DataFrame([
        _facet("a:1", "person", "Marek", "Eva Marek"),
        _facet("a:1", "date", "day", "2026-11-12"),
        _facet("b:1", "person", "Holub", "Jan Holub"),
        *off_topic_facets,
    ], columns=FACET_COLUMNS)
    return claims, facets


def test_a_paragraph_naming_whom_and_when_other_sources_tell_is_a_claim_again() -> None:
    claims, facets = _tables([_facet("c:2", "person", "Marek", "Eva Marek"),
                              _facet("c:2", "date", "day", "2026-11-12")])
    out = reinstate_told_elsewhere(claims, facets)
    back = out[out["line"] == 2]
    assert set(back["class"]) == {"claim"} and back["compared"].all() and set(back["reason"]) == {""}
    assert out[out["claim_id"] == "c:1"]["class"].item() == "claim"
    assert claims[claims["line"] == 2]["class"].eq("off_topic").all()  # the input is not changed


def test_a_ticker_naming_someone_no_other_source_names_stays_off_topic() -> None:
    claims, facets = _tables([_facet("c:2", "person", "Novak", "Petra Novak"),
                              _facet("c:2", "date", "day", "2026-11-12")])
    assert reinstate_told_elsewhere(claims, facets)["class"].tolist() == claims["class"].tolist()


def test_a_name_its_own_source_gives_elsewhere_is_no_backing() -> None:
    claims, facets = _tables([_facet("c:2", "person", "Kral", "Ota Kral"),
                              _facet("c:1", "person", "Kral", "Ota Kral"),
                              _facet("c:2", "date", "day", "2026-11-09")])
    assert reinstate_told_elsewhere(claims, facets)["class"].tolist() == claims["class"].tolist()
