"""Figures (checker.facets.figures): value, unit, qualifier and noun; what is not a figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.facets import dates, figures
from checker.facets.base import ArticleContext, Facet, Segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(sentence: str) -> list[Facet]:
    seg = Segment("t:1", "t", 0, len(sentence), sentence, "claim")
    ctx = ArticleContext("t", sentence, "2026-02-16", "")
    found = dates.extract(seg, [], ctx)
    return figures.extract(seg, found, ctx)


def seed_line(prefix: str, line: int) -> str:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")[line - 1]


def row(f: Facet) -> tuple[str, str, str, str, str]:
    return (f.text, f.value, f.key, f.qualifier, f.noun)


def test_seed_004_line_30_percentage_quantifies_oil_exports():
    (f,) = run(seed_line("004", 30))
    assert row(f) == ("55%", "55", "%", "", "oil exports")


def test_seed_003_line_19_approximate_count_of_people():
    (f,) = run(seed_line("003", 19))
    assert row(f) == ("approximately 30,000", "30000", "people", "approximately", "Jews")


def test_seed_004_durations():
    assert [row(f) for f in run(seed_line("004", 13))] == [("48 hours", "48", "hours", "", "")]
    assert [row(f) for f in run(seed_line("004", 15))] == [
        ("three decades", "3", "decades", "", "")]


def test_seed_004_section_number_and_year_are_not_figures():
    assert run(seed_line("004", 28)) == []


def test_seed_003_at_least_eleven():
    (f,) = run(seed_line("003", 49))
    assert row(f) == ("At least eleven", "11", "people", "at least", "Palestinians")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The utility cut power to nearly 1,200 households overnight.",
     ("nearly 1,200", "1200", "households", "nearly", "households")),
    ("The port expansion will cost $2.4bn over ten years.",
     ("$2.4bn", "2400000000", "USD", "", "")),
    ("A grant of €3.2m was approved.", ("€3.2m", "3200000", "EUR", "", "grant")),
    ("Investors pledged $5 billion.", ("$5 billion", "5000000000", "USD", "", "")),
    ("About 1.5 million people voted.",
     ("About 1.5 million", "1500000", "people", "approximately", "people")),
    ("A dozen lorries were stopped.", ("A dozen", "12", "lorries", "", "lorries")),
    ("Turnout rose by 4.5 percentage points.", ("4.5 percentage points", "4.5", "pp", "", "Turnout")),
    ("Up to 40 per cent of voters stayed home.", ("Up to 40 per cent", "40", "%", "up to", "voters")),
    ("Wheat exports fell 12% last year.", ("12%", "12", "%", "", "Wheat exports")),
    ("More than twenty-five ships docked.",
     ("More than twenty-five", "25", "ships", "more than", "ships")),
    ("The council agreed a 72-hour ceasefire.", ("72-hour", "72", "hours", "", "")),
    ("She chaired the second round of talks.", ("second", "2", "ordinal", "", "round")),
])
def test_figures_of_other_stories(sentence, expected):
    got = [row(f) for f in run(sentence)]
    assert expected in got, got


@pytest.mark.parametrize("sentence", [
    "Route 66 and Channel 4 and Section 230 were mentioned.",
    "Cases of COVID-19 rose among F-35 crews using 5G phones.",
    "1) Water management",
    "Call +1 555-0100 before 10:30.",
    "The 2024 elections were held on 3 May 2024 and in 2019.",
    "The two countries and these three speeches were praised.",
    "One of the most stable partnerships.",
    "She was the first of many.",
])
def test_not_figures(sentence):
    assert run(sentence) == []


def test_offsets_and_text_match_the_article():
    article = "Intro.\nAround 300 miners were trapped."
    start = article.index("Around")
    seg = Segment("t:2", "t", start, len(article), article[start:], "claim")
    (f,) = figures.extract(seg, [], ArticleContext("t", article, "", ""))
    assert article[f.start:f.end] == f.text == "Around 300"
    assert (f.value, f.key, f.qualifier, f.noun) == ("300", "miners", "approximately", "miners")


@pytest.mark.parametrize("text", ["", "$", "%", "1" * 400, "a " * 2000, "one million " * 50,
                                  "$1.2.3bn", "1,2,3,4", "twenty-"])
def test_odd_input_does_not_fail(text):
    run(text)
