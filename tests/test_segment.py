"""Sentence splitting, list items, wrapped lines, quotations and offsets (texts invented)."""

from __future__ import annotations

import pandas as pd
import pytest

from checker.segment import (
    CLAIM_COLUMNS,
    find_quotes,
    layout,
    quote_layout,
    segment,
    split_blocks,
)


def _texts(text: str) -> list[str]:
    lay = layout(text, 0)
    return [text[s.start:s.end] for s in lay.sentences]


def _table(text: str, body_start: int = 0) -> pd.DataFrame:
    return segment(pd.DataFrame([{"source": "a", "text": text, "body_start": body_start}]))


@pytest.mark.parametrize(("text", "expected"), [
    ("The deal was signed by Gen. (res.) Mara Lind and Lt.-Col (res.,) Ivo Tamm on Monday. "
     "Talks resume in May.",
     ["The deal was signed by Gen. (res.) Mara Lind and Lt.-Col (res.,) Ivo Tamm on Monday.",
      "Talks resume in May."]),
    ("U.S. President Jo Fields met Mr. Ortega and Dr. Vance at St. Mary's Hall. It rained.",
     ["U.S. President Jo Fields met Mr. Ortega and Dr. Vance at St. Mary's Hall.", "It rained."]),
    ("The plan was agreed in the U.S. The talks ended at 5 p.m. on Friday.",
     ["The plan was agreed in the U.S.", "The talks ended at 5 p.m. on Friday."]),
    ("The report by J. R. Hollis was filed as No. 12 on 3.2.2026 and cost 3.5 million. Done.",
     ["The report by J. R. Hollis was filed as No. 12 on 3.2.2026 and cost 3.5 million.", "Done."]),
    ("He waited... and waited. Then he left! Why? Nobody knows.",
     ["He waited... and waited.", "Then he left!", "Why?", "Nobody knows."]),
    ('"We won." Then they left. "Is it over?" she asked.',
     ['"We won."', "Then they left.", '"Is it over?" she asked.']),
    ("Prices rose 4.5% in Jan. 2024 and fell e.g. in spring vs. summer. Trade grew.",
     ["Prices rose 4.5% in Jan. 2024 and fell e.g. in spring vs. summer.", "Trade grew."]),
    ("Visit oecd.example.org/ai for more. It lists 40 countries.",
     ["Visit oecd.example.org/ai for more.", "It lists 40 countries."]),
    ("A teaser cut short on Sunda...", ["A teaser cut short on Sunda..."]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_list_items_keep_their_marker_out_of_the_text() -> None:
    text = ("The plan covers:\n1) Roads and bridges\n2) Schools\n- solar farms\n• wind parks\n"
            "-\nwater pipes\n–\nflood walls\nThe end.")
    table = _table(text)
    assert list(table["text"]) == ["The plan covers:", "Roads and bridges", "Schools",
                                   "solar farms", "wind parks", "water pipes", "flood walls",
                                   "The end."]
    assert list(table["marker"]) == ["", "1)", "2)", "-", "•", "-", "–", ""]
    assert list(table["line"]) == [1, 2, 3, 4, 5, 7, 9, 10]


def test_a_hard_wrapped_sentence_is_one_segment() -> None:
    text = "The council said the\nplan would go ahead in June.\nA New Heading\nNext line."
    table = _table(text)
    assert list(table["text"]) == ["The council said the\nplan would go ahead in June.",
                                   "A New Heading", "Next line."]


def test_offsets_point_at_the_text_with_crlf_and_front_matter() -> None:
    text = "---\ntitle: x\n---\r\nHeadline here\r\n\r\nFirst claim. Second claim.\r\n"
    table = _table(text, body_start=text.index("Headline"))
    for row in table.itertuples(index=False):
        assert text[row.start:row.end] == row.text
    assert list(table["line"]) == [4, 6, 6]
    assert list(table.columns) == CLAIM_COLUMNS
    assert list(table["claim_id"]) == ["a:1", "a:2", "a:3"]


def test_quotation_runs_over_paragraphs_only_with_an_opening_mark() -> None:
    text = ('Mayor Ana Ruiz said:\n\n"We will rebuild. Every house will stand.\n\n'
            '"The river will not win."\n\nThe council met later.\n\n"Unclosed start\n\nPlain text.')
    lay = layout(text, 0)
    regions = find_quotes(text, split_blocks(text, 0))
    quoted = [text[r.start:r.end] for r in regions]
    assert quoted == ["We will rebuild. Every house will stand.", "The river will not win.",
                      "Unclosed start"]
    assert regions[0].quotation == regions[1].quotation != regions[2].quotation
    table = _table(text)
    assert list(table["class"]) == ["claim", "quote", "quote", "quote", "claim", "quote",
                                    "claim"]
    speakers = dict(zip(table["text"], table["speaker"], strict=True))
    assert speakers['"We will rebuild.'] == "Mayor Ana Ruiz"  # as written
    assert speakers['"The river will not win."'] == "Mayor Ana Ruiz"
    assert speakers["Plain text."] == ""
    assert len(lay.sentences) == len(table)


def test_curly_and_misused_marks() -> None:
    text = "She called it ”A Plan for Everyone” in public. He said “yes” twice."
    regions = find_quotes(text, split_blocks(text, 0))
    assert [text[r.start:r.end] for r in regions] == ["A Plan for Everyone", "yes"]


@pytest.mark.parametrize("line", [
    "." * 100_000,
    "a. " * 30_000,
    '"' * 50_000,
    "“a” " * 20_000,
    "x" * 200_000,
    "- " * 40_000,
    "Mr. " * 20_000,
    "(" * 50_000 + ".",
    "he said it could not be " * 6_000,
])
def test_huge_lines_are_segmented_in_linear_time(line: str) -> None:
    table = _table(line)  # finishing at all is the test: a quadratic path would hang here
    assert len(table) >= 1
    assert (table["start"] < table["end"]).all()


def test_quote_layout_has_the_blocks_and_quotations_of_the_layout() -> None:
    text = ('Title\n\n"We will not sign," she said.\n\n“It is over,\n\n“and done.” '
            'The envoy, who said "no", left.\n- item "one two three"')
    full, quotes = layout(text, 0), quote_layout(text)
    assert quotes.sentences == ()
    assert (quotes.blocks, quotes.quotes, quotes.quote_starts) == (
        full.blocks, full.quotes, full.quote_starts)
    assert len(quotes.quotes) >= 3


def test_the_line_the_publication_date_was_read_from_is_no_claim() -> None:
    text = ("Volcano erupts on Halmahera\n\nPUBLISHED MAY 19, 2025, 04:20 PM | UPDATED MAY 19, "
            "2025, 06:05 PM\n\nThe volcano erupted on Sunday night, officials said.\n")
    article = {"source": "a", "text": text, "body_start": 0}
    undated = segment(pd.DataFrame([{**article, "published_from": ""}]))
    dated = segment(pd.DataFrame([{**article, "published_from": "dateline:3"}]))
    line3 = dated[dated["line"] == 3]
    assert list(line3["class"]) == ["byline"] and not line3["compared"].any()
    assert list(line3["reason"]) == ["byline: dateline"]
    # the rest of the article, and the article without a dateline, are classified as before
    assert list(dated[dated["line"] != 3]["class"]) == list(undated[undated["line"] != 3]["class"])
    assert list(dated[dated["line"] == 5]["class"]) == ["claim"]
