"""Dates (checker.facets.dates): numeric and written dates, ambiguity and its reasons,
relative dates, years and decades, the dateline finder and cross-source resolution."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from facet_helpers import all_facets, facets_of_words
from hypothesis import example, given, settings
from hypothesis import strategies as st

from checker.facets import FACET_COLUMNS, dates
from checker.facets.base import ArticleContext, Facet, Segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(sentence: str, published: str = "", article: str | None = None) -> list[Facet]:
    seg = Segment("t:1", "t", 0, len(sentence), sentence, "claim")
    return dates.extract(seg, [], ArticleContext("t", article or sentence, published, ""))


def by_text(facets: list[Facet]) -> dict[str, Facet]:
    return {f.text: f for f in facets}


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The cap will apply from the first of March next year.", "the first of March", "2027-03-01"),
    ("It opens on March the twenty-first, 2027.", "March the twenty-first, 2027", "2027-03-21"),
    ("The Third of May was chosen.", "The Third of May", "2027-05-03"),
])
def test_a_day_written_as_an_ordinal_word(sentence: str, text: str, value: str) -> None:
    assert by_text(run(sentence, "2026-11-03"))[text].value == value


def test_an_ordinal_that_is_no_day_is_no_date() -> None:
    assert run("The first of the new trains arrived; he came first in March.", "2026-11-03") == []


def seed(prefix: str) -> str:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8")


def test_seed_000_line_6_day_first_confirmed_by_the_weekday():
    line = seed("000").split("\n")[5]
    (d,) = run(line, article=seed("000"))
    assert (d.text, d.value, d.key, d.noun) == ("3.2.2026", "2026-02-03", "day", "Tuesday")
    assert d.note == "day-first: weekday Tuesday fits 2026-02-03, not 2026-03-02"


def test_seed_003_decades_and_year():
    got = by_text(run(seed("003").split("\n")[32]))
    assert (got["mid-1990s"].value, got["mid-1990s"].key, got["mid-1990s"].qualifier) == (
        "1990s", "decade", "mid")
    assert got["early 1990s"].qualifier == "early"
    assert (got["2023"].value, got["2023"].key) == ("2023", "year")


def test_seed_004_since_a_year():
    got = by_text(run(seed("004").split("\n")[27]))
    assert (got["1992"].value, got["1992"].qualifier) == ("1992", "since")


def test_seed_002_dateline():
    assert dates.find_dateline(seed("002"), 0) == ("2026-01-26", 5)


def test_written_forms_agree_with_the_numeric_one():
    values = {f.value for f in run("Signed on February 3, 2026, on 3 February 2026 and on "
                                   "3rd of February, 2026 (Feb. 3, 2026).")}
    assert values == {"2026-02-03"}


def test_weekday_resolves_a_month_first_reading():
    (d,) = run("The plant closed on Friday, 04/07/2025, after the storm.")
    assert d.value == "2025-07-04" and d.note.startswith("day-first: weekday Friday fits")
    (d,) = run("The plant closed on Monday, 04/07/2025, after the storm.")
    assert d.value == "2025-04-07" and d.note.startswith("month-first: weekday Monday fits")


def test_part_above_twelve_decides():
    assert run("Filed 12/25/2024.")[0].value == "2024-12-25"
    assert run("Filed 25.12.2024.")[0].note == "day-first: day > 12"


def test_article_convention_decides_then_ambiguity_is_reported():
    article = "Filed 25/12/2024. Heard 05/03/2025."
    got = run("Heard 05/03/2025.", article=article)
    assert (got[0].value, got[0].note) == ("2025-03-05", "article convention: day-first")
    (alone,) = run("Heard 05/03/2025.")
    assert alone.value == "2025-03-05" and alone.note == "ambiguous; also 2025-05-03"


def test_weekday_that_fits_neither_reading_is_recorded():
    (d,) = run("It happened on Sunday, 14.3.2024.")
    assert d.noun == "Sunday" and "weekday Sunday does not fit 2024-03-14" in d.note


def test_two_digit_year_takes_the_century_nearest_the_publication():
    assert run("Dated 5/20/99.", published="2001-01-01")[0].value == "1999-05-20"
    assert run("Dated 20/5/31.")[0].value == "2031-05-20"


def test_day_and_month_without_a_year():
    (d,) = run("Fans gathered on Sunday (15 February) in the square.", published="2026-02-17")
    assert (d.value, d.noun) == ("2026-02-15", "Sunday")
    assert "publication date" in d.note
    (d,) = run("Fans gathered on Sunday (28 December).", published="2026-01-03")
    assert d.value == "2025-12-28"  # the nearest 28 December that is a Sunday
    (d,) = run("Fans gathered on 15 February.")
    assert (d.value, d.key, d.note) == ("--02-15", "monthday", "year unknown")
    (d,) = run("Fans gathered on 15 February.", article="Fans gathered on 15 February. "
                                                        "Filed 1 March 2019.")
    assert d.value == "2019-02-15"


@pytest.mark.parametrize(("sentence", "value"), [
    ("The scheme applies until 30.11.", "2026-11-30"),
    ("The scheme applies until 30.11. Anglers welcomed it.", "2026-11-30"),
    ("The road has been shut since 1.9, officials said.", "2026-09-01"),
    ("The road reopens on 12.1, the council said.", "2027-01-12"),
    ("The hearing is scheduled for 17.11 in Warsaw.", "2026-11-17"),
    ("The contract was awarded on 22.10 to a consortium.", "2026-10-22"),
])
def test_a_dotted_day_and_month_after_a_date_word_is_a_date(sentence: str, value: str):
    (d,) = run(sentence, published="2026-11-03")
    assert (d.value, d.key) == (value, "day")
    assert d.text[-1].isdigit()  # the sentence's full stop is not the date's


@pytest.mark.parametrize("sentence", [
    "Output rose by 30.11 in the quarter.",
    "Output grew 30.11% in the quarter.",
    "The lira closed on 1.12 against the dollar.",
    "The scheme applies until 10.30 on weekdays.",  # a time
    "Claims rose from 1.5 to 2.5 per cent.",
    "The shares were sold for 17.11 in Warsaw.",  # a price
    "The rand was at 3.40 to the dollar.",  # "to" follows a date, not a time
])
def test_a_dotted_number_that_is_no_day_and_month(sentence: str):
    assert run(sentence, published="2026-11-03") == []


def test_relative_dates_need_the_publication_date():
    sentence = "It was approved yesterday, last month and earlier this week, and on Tuesday."
    assert run(sentence) == []
    got = by_text(run(sentence, published="2026-02-05"))
    assert got["yesterday"].value == "2026-02-04"
    assert (got["last month"].value, got["last month"].key) == ("2026-01", "month")
    assert got["earlier this week"].value == "2026-W06"
    assert (got["on Tuesday"].value, got["on Tuesday"].noun) == ("2026-02-03", "Tuesday")
    assert got["on Tuesday"].note == "relative: 'on Tuesday' anchored to 2026-02-05"


def test_future_weekday_and_next_last():
    got = by_text(run("The board will vote on Friday; it met last Friday.", published="2026-02-04"))
    assert got["on Friday"].value == "2026-02-06" and got["last Friday"].value == "2026-01-30"


def test_years_need_a_cue_and_decades_read():
    got = by_text(run("In 2019 the 2,000 workers at Gate 1999 struck; the early 2000s boom ended "
                      "by 2008, and the '90s were quieter."))
    assert set(got) == {"2019", "early 2000s", "2008"}
    assert got["2008"].qualifier == "by" and got["early 2000s"].value == "2000s"


def test_not_dates():
    assert run("Call 03-5551234 at 10:30; version 1.2.3.4; 1,234.5 units; May we go?") == []


def test_dateline_written_and_with_prefix():
    text = "Headline here\n\nPublished: Tuesday 3 February 2026, 10:30\n\nBody text 4/5/2026."
    assert dates.find_dateline(text, 0) == ("2026-02-03", 3)
    assert dates.find_dateline("Title\n\n04/05/2026\n\nBody.", 0) is None  # ambiguous
    assert dates.find_dateline("Title\n\nIt rained on 4 May 2026 in town.\n", 0) is None
    front = "---\nurl: x\n---\n18 June 2024\nTitle\n"
    assert dates.find_dateline(front, front.index("18 June")) == ("2024-06-18", 4)


DATELINES_WITH_METADATA = [
    "Author: Jane Doe | 15.10.2025, 16:20 | 1,204 views",  # an author label and a view count
    "Published: 2025-10-15 | Region: Central & Eastern Europe | Reading time: 4 min",
    "The Island Post — Wednesday, 15 October 2025",
    "By Jane Doe | Reuters | October 15, 2025 5:42 PM EDT",
    "Story by Jane Doe • 2h • October 15, 2025",
    "Eleni Markou · 15 Oct 2025",
    "HARBOUR WIRE — October 15, 2025",
    "Island Post, 15 October 2025",
    "By Eleni Markou, 15 October 2025",
    "Posted on October 15, 2025 by admin",
    "Last updated: 15/10/2025",
    "15 Oct 2025 - 10:42 AM",
    "15 October 2025 | 14:02",
    "Wednesday 15 October 2025 14:02, UK",
    "Published Oct 15, 2025 • 3 min read",
    "October 15, 2025 4:18 PM GMT+6 Updated 3 hours ago",
    "Corriere della Sera | 15 ottobre 2025".replace("ottobre", "October"),
]

NOT_DATELINES = [
    "Elections set for 15 October 2025",
    "Talks resumed in Geneva, 15 October 2025",
    "The ferry sank on 15 October 2025",
    "15 October 2025 Reuters",  # a name run on after the date, not set off
    "Ferry sinks — 15 October 2025, officials say",
    "Deadline: 15 October 2025 for all bids",
    "Police said on 15 October 2025 that",
    "By Jane Doe | Reuters | 14 and 15 October 2025",  # two dates: no single day
]


PUBLISHED_AND_UPDATED = [
    "Published Oct. 15, 2025 at 6:42 a.m. CT | Updated Oct. 16, 2025 at 11:15 a.m. CT",
    "PUBLISHED OCTOBER 15, 2025, 04:20 PM | UPDATED OCTOBER 16, 2025, 06:05 PM",
    "Published: 14:20 BST, 15 October 2025 | Updated: 16:05 BST, 16 October 2025",
    "Published 15/10/2025 15:02 · Updated 16/10/2025 17:30",
    "Updated 16 Oct 2025 | Published 15 Oct 2025",  # the publication date, wherever it stands
    "PUBLISHED OCTOBER 15, 2025",
    "Published Oct 15, 2025 12:14 GMT  Updated Oct 16, 2025 13:02 GMT",  # no separator
    "Published Oct 15, 2025 Last updated Oct 16, 2025",
]


@pytest.mark.parametrize("line", PUBLISHED_AND_UPDATED)
def test_a_line_with_publication_and_update_dates_gives_the_publication_date(line):
    text = f"Ferry runs aground\n\n{line}\n\nA ferry ran aground on Tuesday, officials said.\n"
    assert dates.find_dateline(text, 0) == ("2025-10-15", 3)


def test_dated_parts_beside_a_clause_are_no_dateline():
    for line in ("Talks on 15 October 2025 | Vote on 16 October 2025",
                 "Published 15 Oct 2025 | Ferry sinks off Naxos, officials say"):
        text = f"Ferry runs aground\n\n{line}\n\nA ferry ran aground on Tuesday.\n"
        assert dates.find_dateline(text, 0) is None


@pytest.mark.parametrize("line", DATELINES_WITH_METADATA)
def test_dateline_beside_the_outlet_author_or_time(line):
    text = f"Ferry runs aground\n\n{line}\n\nA ferry ran aground on Tuesday, officials said.\n"
    assert dates.find_dateline(text, 0) == ("2025-10-15", 3)


@pytest.mark.parametrize("line", NOT_DATELINES)
def test_a_sentence_or_headline_with_a_date_is_no_dateline(line):
    text = f"Ferry runs aground\n\n{line}\n\nA ferry ran aground on Tuesday, officials said.\n"
    assert dates.find_dateline(text, 0) is None


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    full = [{c: r.get(c, "") for c in FACET_COLUMNS} for r in rows]
    return pd.DataFrame(full, columns=FACET_COLUMNS)


def test_resolve_across_sources_by_other_sources_dates():
    facets = _frame([
        {"claim_id": "a:1", "source": "a", "facet": "date", "value": "2025-03-05", "key": "day",
         "note": "ambiguous; also 2025-05-03"},
        {"claim_id": "b:1", "source": "b", "facet": "date", "value": "2025-05-03", "key": "day",
         "note": ""},
        {"claim_id": "c:1", "source": "c", "facet": "date", "value": "2024-01-02", "key": "day",
         "note": "ambiguous; also 2024-02-01"},
    ])
    out = dates.resolve_across_sources(facets, pd.DataFrame())
    assert out.loc[0, "value"] == "2025-05-03"
    assert out.loc[0, "note"] == "other sources: 2025-05-03 (b), not 2025-03-05"
    assert out.loc[2, "note"] == "ambiguous; also 2024-02-01"  # nothing to settle it
    assert facets.loc[0, "value"] == "2025-03-05"  # the input is not changed


# ---- bare weekdays: tense decides the week (invented copy) ---------------------------------
# Published on Thursday 2025-11-20: the Tuesday before is 11-18, the Saturday after 11-22.
PUBLISHED_THURSDAY = "2025-11-20"


def weekday_value(sentence: str, published: str = PUBLISHED_THURSDAY) -> str:
    (d,) = [f for f in run(sentence, published=published) if f.noun]
    return d.value


@pytest.mark.parametrize(("sentence", "expected"), [
    # future cues near the weekday: the coming one
    ("The envoy held talks with the mayor before flying home on Saturday.", "2025-11-22"),
    ("She leaves for the border region on Saturday.", "2025-11-22"),
    ("The envoy met the mayor and will travel to the coast on Saturday.", "2025-11-22"),
    ("Crowds gathered ahead of Saturday's final, which sold out.", "2025-11-22"),
    # past tense near the weekday: the one before
    ("The envoy met the mayor on Saturday, aides said.", "2025-11-15"),
    ("The council approved the budget on Tuesday, although it will take effect in May.",
     "2025-11-18"),
    ("On Tuesday, officials said the strike had ended.", "2025-11-18"),
    # a possessive weekday is past, even in a claim about the future
    ("The bonds will be priced at a premium to Tuesday's closing level.", "2025-11-18"),
])
def test_tense_near_a_bare_weekday_picks_its_week(sentence, expected):
    assert weekday_value(sentence) == expected


def test_a_tense_word_in_another_clause_does_not_decide():
    # "will" is in the first clause; "signed" is next to the weekday.
    value = weekday_value("The accord will cut tariffs; it was signed in the capital on Monday.")
    assert value == "2025-11-17"


def test_the_publication_weekday_in_the_past_is_the_articles_own_date():
    (d,) = run("The two unions announced the merger on Thursday.", published=PUBLISHED_THURSDAY)
    assert d.value == PUBLISHED_THURSDAY
    assert d.note == "publication day: 'on Thursday' is the article's date 2025-11-20"
    assert not d.note.startswith("relative")  # as exact as a written date


def test_the_publication_weekday_in_the_future_stays_relative():
    (d,) = run("The two unions will vote on Thursday.", published=PUBLISHED_THURSDAY)
    assert d.value == PUBLISHED_THURSDAY and d.note.startswith("relative")


def test_explicit_last_and_next_win_over_tense():
    got = by_text(run("The panel will meet next Saturday and met last Tuesday.",
                      published=PUBLISHED_THURSDAY))
    assert got["next Saturday"].value == "2025-11-22"
    assert got["last Tuesday"].value == "2025-11-18"
    got = by_text(run("It met last Thursday.", published=PUBLISHED_THURSDAY))
    assert got["last Thursday"].value == "2025-11-13"


def test_proper_nouns_ending_in_ed_are_not_a_past_tense():
    # "United" is a name; "will" decides.
    assert weekday_value("United will play the final on Saturday.") == "2025-11-22"


@pytest.mark.parametrize("sentence", [
    "DHAKA, March 14 (Reuters) - A fire tore through a garment factory late on Thursday, killing 23.",
    "PORTO AURELIO, Italy, Sept 14 (CPW) - The investment firm completed the deal on Thursday.",
])
def test_a_wire_dateline_is_no_date_of_the_story(sentence):
    """The filing day in "<CITY>, <Month Day> (<Agency>) -" is not the event's date."""
    assert [f.value for f in run(sentence, published="2025-03-14")] == ["2025-03-13"]


def test_a_wrong_weekday_beside_a_near_date_does_not_move_it_a_year():
    # 2 March 2026 is a Monday; March 2027 would be a Tuesday, but it is a year away
    (d,) = run("The campaign is due to begin on Tuesday, 2 March.", published="2026-02-21")
    assert d.value == "2026-03-02" and "weekday Tuesday does not fit 2026-03-02" in d.note
    # half a year either way: the weekday still chooses
    (d,) = run("The talks ended on Friday, 4 July.", published="2026-01-02")
    assert d.value == "2025-07-04"


def test_a_dateline_with_a_weekday_and_no_year_takes_the_year_of_the_other_sources():
    text = "Dam spillways opened\n\nThursday 5 November \u00b7 Last updated 14:05 CET\n\nBody."
    assert dates.find_dateline(text, 0) is None  # alone, no year to give it
    assert dates.find_dateline(text, 0, [2026]) == ("2026-11-05", 3)
    assert dates.find_dateline(text, 0, [2027]) == ("2026-11-05", 3)  # a year either side
    assert dates.find_dateline(text, 0, [2024]) is None  # not a Thursday in 2023 to 2025
    assert dates.find_dateline(text.replace("Thursday", "Friday"), 0, [2026]) == ("2027-11-05", 3)
    assert dates.find_dateline(text.replace("Thursday", "Saturday"), 0, [2026]) is None


def test_a_year_less_dateline_takes_its_year_from_the_other_articles_of_the_story():
    from checker.api import date_from_datelines

    articles = pd.DataFrame([
        {"source": "a", "text": "Title\n\nNovember 5, 2026\n\nBody.", "body_start": 0,
         "published": "", "published_from": ""},
        {"source": "b", "text": "Title\n\nThursday 5 November\n\nBody.", "body_start": 0,
         "published": "", "published_from": ""},
    ])
    dated = date_from_datelines(articles)
    assert dated["published"].tolist() == ["2026-11-05", "2026-11-05"]
    assert dated["published_from"].tolist() == ["dateline:3", "dateline:3"]


@pytest.mark.parametrize(("sentence", "qualifier"), [
    ("The engineer has followed the operations since Monday night.", "since"),
    ("The road stays closed until Friday, the police said.", "until"),
    ("The gates were opened on Wednesday.", ""),
    ("The ferry sailed last Tuesday.", "last"),
    ("The roof was torn off by Monday evening's storm.", ""),
    ("The roof was torn off by Monday's storm.", ""),
    ("The bids must be filed by Monday.", "by"),
])
def test_a_weekday_after_since_or_until_bounds_a_period(sentence: str, qualifier: str):
    (found,) = run(sentence, "2026-11-05")
    assert found.qualifier == qualifier


def test_an_ambiguous_dateline_takes_the_reading_near_the_other_articles():
    text = "Title\n\n05/11/2026 | 2:47 pm\n\nThe watchdog announced the fine on Thursday."
    assert dates.find_dateline(text, 0) is None  # May 11 or 5 November: no guess alone
    assert dates.find_dateline(text, 0, near_dates=["2026-11-05", "2026-11-06"]) == ("2026-11-05", 3)
    assert dates.find_dateline(text, 0, near_dates=["2026-08-01"]) is None  # neither reading is near


@pytest.mark.parametrize("sentence, day", [
    # published Tuesday 2026-01-13: the end of a closure still going on lies ahead
    ("The airports will remain closed until at least 6 a.m. on Thursday, said the operator.", "2026-01-15"),
    ("The two airports have been shut until 6 a.m. Thursday, the operator said.", "2026-01-15"),
    ("Both airports have been closed until 6am Thursday.", "2026-01-15"),
    # a closure told as over ended on the Monday before
    ("The road was closed until Monday, police said.", "2026-01-12"),
    ("The road had been closed until Monday.", "2026-01-12"),
])
def test_until_a_weekday_is_the_end_of_a_state(sentence, day):
    (f,) = [f for f in run(sentence, "2026-01-13") if f.facet == "date"]
    assert (f.value, f.qualifier) == (day, "until")


def test_a_dateline_beside_a_reading_time_label():
    text = "Headline here\n2026-11-11 | Reading time: 4 min\nBy Helena Marsh\n\nBody text."
    assert dates.find_dateline(text, 0) == ("2026-11-11", 2)


def test_a_dateline_beside_a_newsletter_issue_number():
    text = "Tier Briefing\nISSUE #412 \u00b7 2026-11-04 \u00b7 6 min read\nBy Ana Ruiz\n\nBody text."
    assert dates.find_dateline(text, 0) == ("2026-11-04", 2)


# --- any order of date words (property) ---

#: Written and numeric dates, weekdays, relative words and the cues around them, in orders
#: no article would: the date parser's loops must end and keep facets on their own text.
DATE_WORDS = ("3.2.2026", "05/11/2026", "2026-02-03", "February", "Feb.", "3", "2026", "1990s",
              "'90s", "Monday", "Sun", "on", "last", "next", "until", "till", "at", "least",
              "6", "a.m.", "since", "the", "week", "yesterday", "in", "said", "will", "mid",
              "early", "of", ",", "-", "(", ")", "Reading", "time:", "4", "min", "As")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATE_WORDS), max_size=30))
def test_any_order_of_date_words_ends_with_dates_on_their_text(words):
    for f in facets_of_words(words):
        if f.facet == "date" and f.key == "day":
            date.fromisoformat(f.value)


def test_a_weekday_after_a_time_converted_to_another_zone_is_not_the_event_day():
    found = all_facets("The last miner came up at 11:48 p.m. local time (0248 GMT on Saturday).",
                       "2026-11-07")
    assert [f for f in found if f.facet == "date"] == []
    kept = all_facets("The plane landed at 0248 GMT on Saturday.", "2026-11-07")
    assert [(f.text, f.value) for f in kept if f.facet == "date"] == [("on Saturday", "2026-11-07")]


def test_a_fact_box_participle_makes_a_bare_year_a_date():
    assert [(f.text, f.value) for f in run("Structure: girder bridge, 180m long, opened 1968")] == [("1968", "1968")]
    assert [(f.text, f.value) for f in run("The firm, founded 2016, said")] == [("2016", "2016")]


@given(st.sampled_from(["until", "since", "on", "at", "from", "closed at", "rose"]),
       st.integers(0, 99), st.integers(0, 99), st.booleans())
@settings(max_examples=300)
@example(cue="until", a=29, b=2, padded=False)  # 29 February: no such day near 2026
def test_a_dotted_number_read_as_a_date_is_a_real_day_after_a_date_word(cue, a, b, padded):
    minutes = f"{b:02d}" if padded else str(b)
    found = run(f"The scheme runs {cue} {a}.{minutes}.", published="2026-11-03")
    for f in found:
        assert cue in ("until", "since", "on", "from")
        if f.value.startswith("--"):  # a day whose year is unknown ("--02-29")
            assert (int(f.value[2:4]), int(f.value[5:7])) == (b, a) and date(2028, b, a)
        else:
            assert date.fromisoformat(f.value) == date(date.fromisoformat(f.value).year, b, a)


def test_a_relative_day_inside_a_direct_quote_is_the_speakers_not_the_publications():
    sentence = '"Today is a milestone for the whole region," the chief executive said on Tuesday.'
    found = [f for f in all_facets(sentence, published="2026-11-04") if f.facet == "date"]
    assert [f.text for f in found] == ["on Tuesday"]


def test_a_dateline_of_two_cities_is_no_event_date():
    assert dates.wire_dateline_end("DAR ES SALAAM/NAIROBI, Nov 4 (Meridian) - Tanzania has ordered") > 0


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The festival ran from 6 to 15 November.", {"6": "2026-11-06", "15 November.": "2026-11-15"}),
    ("The festival ran 6-15 November 2026.", {"6": "2026-11-06", "15 November 2026": "2026-11-15"}),
    ("It runs between November 6 and 15.", {"November 6": "2026-11-06", "15": "2026-11-15"}),
    # a number after a month's day is a range's end only after "from"/"between" or a dash
    ("On November 6 and 15 people came.", {"November 6": "2026-11-06"}),
    ("On 12 and 9 March.", {"9 March.": "2027-03-09"}),  # a range runs forward
])
def test_a_range_of_days_in_one_month_dates_both_ends(sentence: str, expected: dict) -> None:
    assert {f.text: f.value for f in run(sentence, "2026-11-03") if f.facet == "date"} == expected


def test_the_first_day_of_a_range_takes_no_weekday_written_before_the_range() -> None:
    days = by_text(run("Rain fell over Sunday and Monday (1-2 November).", "2026-11-03"))
    assert days["1"].value == "2026-11-01" and days["1"].noun == "" and "does not fit" not in days["1"].note
