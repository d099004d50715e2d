"""Property tests for the date parser: any valid date written in any supported form reads
back as the same ISO date; arbitrary text never raises."""

from __future__ import annotations

from datetime import date

from hypothesis import assume, given, settings
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


NAME_WORDS = ["The", "Island", "Post", "Harbour", "WIRE", "Eleni", "Markou", "Daily", "of", "Jane", "Doe"]
SEPARATORS = [" | ", " — ", " – ", " • ", " · ", ", ", " - "]
METADATA = ["By Jane Doe", "Story by Eleni Markou", "5:42 PM EDT", "14:02", "3 min read", "2h",
            "Updated 2 hours ago", "Published"]


@settings(max_examples=200, deadline=None)
@given(d=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
       before=st.lists(st.one_of(st.lists(st.sampled_from(NAME_WORDS), min_size=1, max_size=4)
                                 .filter(lambda ws: any(w not in ("The", "of") for w in ws)).map(" ".join),
                                 st.sampled_from(METADATA)), max_size=2),
       after=st.lists(st.sampled_from(METADATA[2:]), max_size=1),
       separator=st.sampled_from(SEPARATORS),
       written=st.sampled_from(["{d} {m} {y}", "{m} {d}, {y}", "{w}, {d} {m} {y}"]))
def test_a_date_set_off_from_metadata_is_the_dateline(d, before, after, separator, written):
    """Outlet and author names, bylines, times and reading times around a written date, each
    set off by a separator, leave the date as the article's dateline."""
    when = written.format(d=d.day, m=MONTHS[d.month - 1], y=d.year, w=WEEKDAYS[d.weekday()])
    line = separator.join([*before, when, *after])
    assume(len(line) <= dates._DATELINE_MAX_CHARS)  # a longer line is never a dateline
    text = f"Headline of the story\n\n{line}\n\nThe council met on Tuesday, officials said.\n"
    assert dates.find_dateline(text, 0) == (d.isoformat(), 3)


@settings(max_examples=200, deadline=None)
@given(d=st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31)),
       verb=st.sampled_from(["met", "signed the deal", "was delayed", "will vote", "opened"]),
       separator=st.sampled_from(SEPARATORS))
def test_a_sentence_beside_a_date_is_no_dateline(d, verb, separator):
    """A clause with lower-case words is a headline or a sentence, whatever sets it off."""
    line = f"The council {verb}{separator}{d.day} {MONTHS[d.month - 1]} {d.year}"
    text = f"Headline of the story\n\n{line}\n\nThe council met on Tuesday, officials said.\n"
    assert dates.find_dateline(text, 0) is None
