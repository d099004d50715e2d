"""Property tests for the date parser: any valid date written in any supported form reads
back as the same ISO date; arbitrary text never raises."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.facets import dates
from checker.facets.base import ArticleContext, Segment

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def read(sentence: str, published: str = "") -> list:
    seg = Segment("t:1", "t", 0, len(sentence), sentence, "claim")
    return dates.extract(seg, [], ArticleContext("t", sentence, published, ""))


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def unambiguous_or_weekday(d: date, sep: str, day_first: bool) -> str:
    day, month = (d.day, d.month) if day_first else (d.month, d.day)
    weekday = WEEKDAYS[d.weekday()]
    return f"on {weekday}, {day}{sep}{month}{sep}{d.year}"


FORMS = [
    lambda d: f"on {MONTHS[d.month - 1]} {d.day}, {d.year}",
    lambda d: f"on {d.day} {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"on the {ordinal(d.day)} of {MONTHS[d.month - 1]} {d.year}",
    lambda d: f"on {MONTHS[d.month - 1][:3]}. {ordinal(d.day)}, {d.year}",
    lambda d: f"on {d.isoformat()}",
    lambda d: unambiguous_or_weekday(d, ".", True),
    lambda d: unambiguous_or_weekday(d, "/", True),
    lambda d: unambiguous_or_weekday(d, "/", False),
    lambda d: unambiguous_or_weekday(d, "-", True),
]


@settings(max_examples=300, deadline=None)
@given(d=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)),
       form=st.integers(min_value=0, max_value=len(FORMS) - 1))
def test_any_written_date_reads_back(d, form):
    sentence = f"The accord was signed {FORMS[form](d)} in the capital."
    facets = [f for f in read(sentence) if f.key == "day"]
    assert len(facets) == 1, (sentence, facets)
    facet = facets[0]
    if facet.note.startswith("ambiguous"):
        return  # day == month would not be ambiguous; a weekday fitting both is impossible
    assert facet.value == d.isoformat(), (sentence, facet)
    assert sentence[facet.start:facet.end] == facet.text


@settings(max_examples=200, deadline=None)
@given(d=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)))
def test_day_month_without_year_takes_the_nearest_year(d):
    published = d.isoformat()
    (facet,) = read(f"It happened on {d.day} {MONTHS[d.month - 1]}.", published)
    assert facet.value == d.isoformat()


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
       published=st.sampled_from(["", "2026-02-16", "bogus"]))
def test_random_text_never_raises(text, published):
    for facet in read(text, published):
        assert 0 <= facet.start < facet.end <= len(text)
        assert text[facet.start:facet.end] == facet.text


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="0123456789./-, ()MondayFebruaryTuesday' s", max_size=120))
def test_digit_soup_never_raises(text):
    read(text, "2026-02-16")
    dates.find_dateline(text, 0)


@settings(max_examples=200, deadline=None)
@given(anchor=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
       weekday=st.sampled_from(WEEKDAYS),
       tense=st.sampled_from(["past", "future"]))
def test_a_bare_weekday_lands_in_the_week_its_tense_says(anchor, weekday, tense):
    sentence = (f"The committee met on {weekday}." if tense == "past"
                else f"The committee will meet on {weekday}.")
    (d,) = read(sentence, published=anchor.isoformat())
    got = date.fromisoformat(d.value)
    assert WEEKDAYS[got.weekday()] == weekday
    days = (got - anchor).days
    assert (-6 <= days <= 0) if tense == "past" else (0 <= days <= 6)
    assert d.note.startswith("publication day") == (tense == "past" and days == 0)
