"""Quote facets: the quoted words with their offsets, the speaker, direct or indirect."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from checker.facets import quotes
from checker.facets.base import ArticleContext, Facet, Segment
from checker.segment import segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _quote_facets(text: str) -> list[tuple[int, Facet]]:
    """(line, facet) for every quote facet of the article, through the real segmenter."""
    table = segment(pd.DataFrame([{"source": "q", "text": text, "body_start": 0}]))
    ctx = ArticleContext(source="q", text=text, published="", title="")
    out: list[tuple[int, Facet]] = []
    for row in table.to_dict("records"):
        seg = Segment(claim_id=row["claim_id"], source="q", start=row["start"], end=row["end"],
                      text=row["text"], cls=row["class"], speaker=row["speaker"])
        for facet in quotes.extract(seg, [], ctx):
            assert text[facet.start:facet.end] == facet.text
            assert seg.start <= facet.start < facet.end <= seg.end
            out.append((row["line"], facet))
    return out


def test_quote_over_sentences_and_paragraphs_after_an_introduction() -> None:
    text = ('Mayor Ana Ruiz told reporters:\n\n"We will rebuild. Every house will stand.\n\n'
            '"The river will not win."\n')
    found = _quote_facets(text)
    assert [f.text for _, f in found] == ["We will rebuild.", "Every house will stand.",
                                          "The river will not win."]
    assert {f.role for _, f in found} == {"Mayor Ana Ruiz"}
    assert {f.qualifier for _, f in found} == {"direct"}
    assert found[0][1].value == "we will rebuild"


def test_pronoun_resolves_to_the_nearest_named_person_before() -> None:
    text = ("Transport chief Omar Haddad visited the bridge site on Monday.\n"
            "“The bridge will open in May, not in June,” he said.\n")
    (line, facet), = _quote_facets(text)
    assert line == 2
    assert facet.text == "The bridge will open in May, not in June"
    assert facet.role == "Omar Haddad"


def test_a_title_as_speaker_is_the_person_named_with_that_title_before() -> None:
    text = ("Judge Mirela Kovac read out the sentence on Friday.\n"
            "\"The harbour fund was run like a private purse,\" the judge said.\n"
            "\"We will appeal,\" the lawyer said.\n")
    found = {line: f for line, f in _quote_facets(text)}
    assert found[2].role == "Mirela Kovac"
    assert found[3].role == "lawyer"  # no lawyer named before: the description stays


def test_attribution_after_the_quote_and_inverted() -> None:
    text = ('"Prices will fall by autumn," said Finance Minister Lea Brandt.\n'
            "“Nobody expected the storm to last three days,” the weather office said.\n")
    found = _quote_facets(text)
    assert [(f.role, f.qualifier) for _, f in found] == [
        ("Finance Minister Lea Brandt", "direct"), ("weather office", "direct")]


def test_reported_speech_is_indirect() -> None:
    text = ("Council leader Joan Pike said the lanes would cut journey times by a third.\n"
            "The ministry stated that 40 bridges needed urgent repairs.\n"
            "The bridge cost 40 million pounds to build, the ministry said.\n"
            "Officials recalled the meeting with pleasure.\n")
    found = _quote_facets(text)
    assert [(f.role, f.qualifier, f.text) for _, f in found] == [
        ("Joan Pike", "indirect", "the lanes would cut journey times by a third"),
        ("ministry", "indirect", "40 bridges needed urgent repairs"),
        ("ministry", "indirect", "The bridge cost 40 million pounds to build"),
    ]


def test_scare_quotes_and_titles_are_not_quotations() -> None:
    text = ('The so-called "green corridor" plan was announced on Monday.\n'
            'The film "Night Train" opened in Lisbon.\n')
    assert _quote_facets(text) == []


def test_straight_and_curly_marks_give_one_value() -> None:
    straight = _quote_facets('Omar Haddad said: "It’s a fair deal for everyone."\n')
    curly = _quote_facets("Omar Haddad said: “It's a fair deal — for everyone.”\n")
    assert straight[0][1].value == curly[0][1].value == "it's a fair deal for everyone"


@pytest.mark.parametrize(("prefix", "line", "speaker_part"), [
    ("000", 16, "Netanyahu"), ("000", 26, "Eskel"), ("001", 33, "Netanyahu"),
    ("003", 35, "Amashov"), ("004", 15, "senior Israeli official"),
])
def test_seed_quotes_have_their_speakers(prefix: str, line: int, speaker_part: str) -> None:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    found = [f for ln, f in _quote_facets(path.read_text(encoding="utf-8")) if ln == line]
    assert found
    assert all(speaker_part in f.role and f.qualifier == "direct" for f in found)


def test_called_it_attributes_the_quote_to_its_subject() -> None:
    text = 'Premier Ana Ruiz called it "the biggest change to renting in a generation".\n'
    (_, facet), = _quote_facets(text)
    assert facet.role == "Premier Ana Ruiz"


def test_the_minister_said_is_the_minister_named_with_an_office_before() -> None:
    text = ("When the Minister of Health, Dr Ana Ruiz, declared an emergency on Friday, crews moved in.\n"
            "\"The next two weeks are critical,\" the minister said in Varno.\n")
    found = {line: f for line, f in _quote_facets(text)}
    assert found[2].role == "Dr Ana Ruiz"


def test_an_age_between_commas_is_not_the_speaker() -> None:
    text = '"We will not disappoint that trust," Hollmann, 54, told cheering supporters in Hanover.\n'
    ((_, facet),) = _quote_facets(text)
    assert facet.role == "Hollmann"


def test_a_quoted_title_of_a_work_is_no_quotation():
    text = ('"Autumn Mist over West Lake", a canvas of 1962, sold for a record on Thursday.\n'
            '"We will sell it again one day," the owner told reporters on Monday.\n')
    assert [(line, f.text) for line, f in _quote_facets(text)] == [
        (2, "We will sell it again one day")]


@pytest.mark.parametrize("phrase, title", [
    ("Autumn Mist over West Lake", True),
    ("The Long Way Home", True),
    ("Autumn Mist over West Lake,", True),
    ("We will never give up", False),
    ("Sold.", False),
    ("Lake", False),
])
def test_is_work_title(phrase, title):
    from checker.facets.names import is_work_title

    assert is_work_title(phrase) is title


@pytest.mark.parametrize("line, cls", [
    ('Netanyahu: "We Can Do Much More Together"', "heading"),
    ('Netanyahu: "We Can Do Much More Together"', "claim"),
])
def test_a_title_case_quote_in_a_heading_or_after_a_colon_is_a_quotation(line, cls):
    seg = Segment(claim_id="q:1", source="q", start=0, end=len(line), text=line, cls=cls,
                  speaker="Netanyahu")
    ctx = ArticleContext(source="q", text=line, published="", title="")
    assert [f.text for f in quotes.extract(seg, [], ctx)] == ["We Can Do Much More Together"]
