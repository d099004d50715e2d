"""Figures (checker.facets.figures): value, unit, qualifier and noun; what is not a figure."""

from __future__ import annotations

from pathlib import Path

import pytest
from facet_helpers import all_facets, facets_of_words
from hypothesis import given, settings
from hypothesis import strategies as st

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
        ("three decades", "30", "years", "", "")]


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


@pytest.mark.parametrize("dateline", [
    "KASOMA, Sept 17 (Atlas) - ",
    "DHAKA, March 14 (Meridian) - ",
    "PORTO AURELIO, Italy, Sept 9 (CPW) -",
])
def test_a_wire_datelines_day_is_not_a_figure(dateline):
    assert [f.text for f in run(dateline + "The bank raised its rate to 9.25% on Thursday.")] == ["9.25%"]


def test_both_ends_of_a_range_written_with_units():
    got = [row(f)[:3] for f in run("Inflation breached the bank's 3%-7% target range.")]
    assert got == [("3%", "3", "%"), ("7%", "7", "%")]


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


# ---- currencies, measures, outcomes and noun keys (invented copy) ---------------------------


def run_in(sentence: str, article: str) -> list[Facet]:
    """Figures of `sentence`, read inside an article whose whole text is `article`."""
    start = article.index(sentence)
    seg = Segment("t:1", "t", start, start + len(sentence), sentence, "claim")
    ctx = ArticleContext("t", article, "2026-02-16", "")
    return figures.extract(seg, dates.extract(seg, [], ctx), ctx)


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The regulator fined the airline C$45 million.",
     ("C$45 million", "45000000", "CAD", "", "")),
    ("The bridge will cost NZ$1.2bn.", ("NZ$1.2bn", "1200000000", "NZD", "", "")),
    ("Tickets sold for HK$500 each.", ("HK$500", "500", "HKD", "", "")),
    ("The club paid R$ 90 million for the striker.",
     ("R$ 90 million", "90000000", "BRL", "", "")),
    ("The bank lent KSh 2 billion to farmers.", ("KSh 2 billion", "2000000000", "KES", "", "")),
    ("Exports earned 3.1 billion Australian dollars.",
     ("3.1 billion Australian dollars", "3100000000", "AUD", "", "")),
    ("The levy raised 40 million Ugandan shillings.",
     ("40 million Ugandan shillings", "40000000", "UGX", "", "levy")),
    ("The fund holds 12 billion Swedish kronor.",
     ("12 billion Swedish kronor", "12000000000", "SEK", "", "")),
    ("Donors gave 5 million US dollars.", ("5 million US dollars", "5000000", "USD", "", "")),
    ("Donors gave $5 million and 7 million dollars.", ("$5 million", "5000000", "USD", "", "")),
])
def test_currencies_with_prefixed_symbols_and_demonyms(sentence, expected):
    got = [row(f) for f in run(sentence)]
    assert expected in got, got


def test_a_dollar_word_without_a_country_is_the_us_dollar():
    got = [row(f) for f in run("Donors gave $5 million and 7 million dollars.")]
    assert ("7 million dollars", "7000000", "USD", "", "") in got


def test_a_shared_symbol_takes_the_country_the_article_names():
    article = ("Tanzania's parliament approved the budget.\n"
               "The ministry will spend Sh40 billion on roads.")
    (f,) = run_in("The ministry will spend Sh40 billion on roads.", article)
    assert (f.text, f.value, f.key) == ("Sh40 billion", "40000000000", "TZS")


def test_a_shared_word_without_a_named_country_keeps_its_family_name():
    (f,) = run("The council will spend 40 billion shillings on roads.")
    assert (f.value, f.key) == ("40000000000", "shillings")


def test_a_shared_word_with_two_candidate_countries_named_stays_unresolved():
    article = "Norway and Denmark agreed a levy.\nIt raises 300 million kroner a year."
    (f,) = run_in("It raises 300 million kroner a year.", article)
    assert f.key == "kroner"


@pytest.mark.parametrize("sentence", [
    "Push 5 buttons and wash 3 pans.",  # "sh" inside a word is not a shilling
    "The panel met in room A12.",
])
def test_letter_symbols_inside_words_are_not_currencies(sentence):
    assert all(f.key not in ("KES", "TZS", "UGX", "shillings", "AUD") for f in run(sentence))


def test_a_lower_case_symbol_not_spelled_as_listed_is_no_currency():
    got = [row(f) for f in run("The sh 5 sign and the ksh 30 sign were painted.")]
    assert [(text, key) for text, _, key, _, _ in got] == [("5", "sign"), ("30", "sign")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("A magnitude 5.9 earthquake shook the island.",
     ("5.9", "5.9", "magnitude", "", "magnitude")),
    ("Magnitude 5.9 tremor rattles the island", ("5.9", "5.9", "magnitude", "", "magnitude")),
    ("A tremor of magnitude 5.9 shook the coast.",
     ("5.9", "5.9", "magnitude", "", "magnitude")),
    ("The quake struck at a depth of 12 km.", ("12 km", "12000", "m", "", "depth")),
    ("The quake was 12 km deep.", ("12 km", "12000", "m", "", "depth")),
])
def test_measure_words_name_the_quantity(sentence, expected):
    got = [row(f) for f in run(sentence)]
    assert expected in got, got


def test_a_verb_after_a_number_is_not_its_noun():
    got = [row(f) for f in run("A storm of category 3 hit the islands on its way north.")]
    assert got == [("3", "3", "category", "", "category")]
    got = [row(f) for f in run("Some 250 marched the length of the avenue.")]
    assert got == [("Some 250", "250", "", "approximately", "")]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Another 212 were hurt, the fire service said.", ("212", "212", "people", "", "injured")),
    ("The blast killed 14 and injured 212.", ("212", "212", "people", "", "injured")),
    ("The blast killed 14 and injured 212.", ("14", "14", "people", "", "dead")),
    ("At least 14 people were killed and 212 injured.",
     ("At least 14", "14", "people", "at least", "dead")),
    ("At least 14 people were killed and 212 injured.", ("212", "212", "people", "", "injured")),
    ("Fourteen people have died, officials said.", ("Fourteen", "14", "people", "", "dead")),
    ("Police arrested 31 after the match.", ("31", "31", "people", "", "arrested")),
])
def test_what_happened_to_a_bare_count(sentence, expected):
    got = [row(f) for f in run(sentence)]
    assert expected in got, got


def test_a_capitalised_function_word_is_not_a_name_before_a_number():
    got = [row(f) for f in run("Only 40 remained. Route 9 was closed.")]
    assert got == [("40", "40", "", "", "")]


def test_synonymous_counted_nouns_share_a_unit():
    staff = run("The chain will keep 8,200 staff.")
    employees = run("The chain will keep 8,200 employees.")
    families = run("The dam displaced 900 families.")
    households = run("The dam displaced 900 households.")
    assert staff[0].key == employees[0].key == "people"
    assert (staff[0].noun, employees[0].noun) == ("staff", "employees")
    assert families[0].key == households[0].key == "households"
    quake = run("The 40 quakes were recorded overnight.")
    assert quake[0].key == "earthquake"


@pytest.mark.parametrize(("a", "b"), [
    ("staff", "employees"), ("workers", "personnel"), ("people", "persons"), ("families", "households"),
    ("quake", "earthquake"), ("injuries", "wounded"), ("deaths", "dead"),
    ("annual sales", "annual revenue"),
])
def test_noun_key_makes_synonyms_equal(a, b):
    assert figures.noun_key(a) == figures.noun_key(b)


@pytest.mark.parametrize(("a", "b"), [
    ("staff", "families"), ("injured", "dead"), ("quake", "aftershocks"), ("votes", "seats"),
    ("people", "workers"),  # a town's people are not the workers on a site
])
def test_noun_key_keeps_other_nouns_apart(a, b):
    assert figures.noun_key(a) != figures.noun_key(b)


def test_an_adjective_of_employment_stands_between_a_count_and_what_it_counts():
    assert [(f.key, f.noun) for f in run("It will have 380 permanent staff.")] == [("people", "permanent staff")]
    assert [(f.key, f.noun) for f in run("It hired 40 full-time workers.")] == [("people", "full-time workers")]


def test_noun_key_of_nothing_and_of_unknown_words():
    assert figures.noun_key("") == ""
    assert figures.noun_key("Lorries") == "lorries"
    assert figures.noun_key("death toll") == "dead"


def test_a_measured_amount_names_what_it_is_of():
    got = [row(f) for f in run("The port handled 2.5m tonnes of Brazilian soy last season.")]
    assert ("2.5m tonnes", "2500000", "tonnes", "", "Brazilian soy") in got
    got = [row(f) for f in run("The fire was 30 km north of the town.")]
    assert got == [("30 km", "30000", "m", "", "")]


@pytest.mark.parametrize("sentence", [
    "The ferry left the harbour at 10 p.m. with its crew.",
    "Polls closed at 8 pm and counting began at 9.30 a.m. the next day.",
    "The rocket lifted off at 06:45 UTC from the coastal pad.",
    "The curfew starts at 7 o'clock every evening.",
])
def test_times_of_day_are_not_figures(sentence: str):
    assert run(sentence) == []


@pytest.mark.parametrize("sentence", [
    "The wagons came off the track at 3.40 on the stretch past the village.",
    "The meeting ran until 10.15, when the minister left.",
    "The train left at 23.05.",
    "The accident happened at twenty minutes to four in the morning.",
    "Polls close at a quarter past nine.",
    "The bells rang at half past 11 and again at ten past six.",
])
def test_times_of_day_without_a_marker_are_not_figures(sentence: str):
    assert run(sentence) == []


@pytest.mark.parametrize(("sentence", "value"), [
    ("Shares closed at 3.40 on Friday.", "3.4"),  # a price: 'closed at'
    ("The shekel traded at 3.40 to the dollar.", "3.4"),
    ("The index hit a record high at 12.50 on Monday.", "12.5"),
    ("The rate was held at 4.25, the bank said.", "4.25"),
    ("Inflation reached 3.40 at the end of June.", "3.4"),  # no cue before it
])
def test_a_dotted_number_that_reads_as_a_value_stays_a_figure(sentence: str, value: str):
    assert [f.value for f in run(sentence)] == [value]


def test_a_duration_before_to_is_not_a_time_of_day():
    got = [f.text for f in run("The wait was cut from forty minutes to four minutes.")]
    assert got == ["forty minutes", "four minutes"]


def test_time_of_day_beside_a_real_figure():
    got = [row(f) for f in run("By 11 p.m. the river had risen 40 km upstream.")]
    assert got == [("40 km", "40000", "m", "", "")]


@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("The province will spend $1.7-billion on new clinics.", "1700000000", "USD"),
    ("The dam cost Rs 450 crore to build.", "4500000000", "rupees"),
    ("About 2 lakh pilgrims attended the fair.", "200000", "pilgrims"),
])
def test_scale_words_hyphenated_and_south_asian(sentence: str, value: str, unit: str):
    (f,) = run(sentence)
    assert (f.value, f.key) == (value, unit)


def test_units_are_normalised_to_a_base_unit():
    (tonnes,) = run("The 2.6-tonne probe is ready.")
    (kg,) = run("The probe weighs 2,600 kg.")
    assert (tonnes.value, tonnes.key) == (kg.value, kg.key) == ("2.6", "tonnes")
    assert kg.note == "converted from 2600 kg"
    (miles,) = run("The convoy drove 50 miles north.")
    assert (miles.value, miles.key) == ("80467.2", "m")
    # one length in metres and in kilometres is one figure
    (metres,) = run("The ash column rose 5,000 metres above the summit.")
    (km,) = run("The ash column rose 5 km above the summit.")
    assert (metres.value, metres.key) == (km.value, km.key) == ("5000", "m")


@pytest.mark.parametrize(("sentence", "primary", "written"), [
    ("Gusts of 160 km/h (99 mph) tore roofs off.", "160 km/h", "99 mph"),
    ("The bridge cost Rs 900 crore ($108 million) to build.", "Rs 900 crore", "108000000 USD"),
    ("The club paid €20 million, about R$ 125 million, for the winger.", "€20 million",
     "125000000 BRL"),
    ("The lorry carried 12 tonnes (12,000 kg) of rice.", "12 tonnes", "12000 kg"),
])
def test_a_conversion_is_another_spelling_of_the_figure_before_it(
        sentence: str, primary: str, written: str):
    first, second = run(sentence)
    assert first.text == primary and not first.note.startswith("conversion")
    assert (second.value, second.key, second.qualifier) == (first.value, first.key, first.qualifier)
    assert second.note == f"conversion of {primary}: {written}"


@pytest.mark.parametrize("sentence", [
    "Turnout rose 5% ($3 million more in fees).",
    "The road is 40 km (two hours) long.",
    "He paid $5 million, $2 million of it in cash.",
])
def test_figures_in_brackets_that_are_not_conversions(sentence: str):
    assert not any(f.note.startswith("conversion") for f in run(sentence))


@pytest.mark.parametrize("sentence", [
    "The council passed the levy by a vote of 23 to 18 on Monday.",
    "Senators voted 23\u201318 to confirm the judge.",
    "The amendment was defeated 23-18.",
])
def test_a_tally_is_two_figures_for_and_against(sentence: str):
    assert [(f.text, f.value, f.key, f.noun) for f in run(sentence)] == [
        ("23", "23", "votes", "votes in favour"), ("18", "18", "votes", "votes against")]


@pytest.mark.parametrize("sentence", [
    "Delegates voted on 12 to 15 motions each day.",
    "The board approved the 2024-25 budget.",
])
def test_ranges_after_a_tally_cue_are_not_tallies(sentence: str):
    assert not any(f.key == "votes" for f in run(sentence))


@pytest.mark.parametrize(("article", "unit"), [
    ("New Zealand's parliament. New Zealand officials.", "NZD"),
    ("Singapore's port authority said.", "SGD"),
    ("New Zealand and the United States signed.", "USD"),
    ("New Zealand and Australia signed.", "USD"),
    ("No country is named here.", "USD"),
])
def test_a_bare_dollar_is_read_in_the_one_dollar_country_named(article: str, unit: str):
    sentence = "The stadium will cost $1.2 billion."
    (f,) = run_in(sentence, f"{sentence}\n{article}")
    assert f.key == unit


def test_a_capitalised_number_word_inside_a_name_is_not_a_figure():
    assert run("The board appointed Pieter Ten Brink as chairman.") == []
    assert [f.value for f in run("Ten miners were rescued.")] == ["10"]


def test_n_is_naira_only_in_a_nigerian_story_before_grouped_digits():
    sentence = "Nurses want the allowance raised to N280,000 a month."
    (f,) = run_in(sentence, f"Nigeria's nurses. Nigerian hospitals.\n{sentence}")
    assert (f.text, f.value, f.key) == ("N280,000", "280000", "NGN")
    assert run(sentence) == []
    assert run_in("Masks rated N95 help.", "Nigeria's nurses.\nMasks rated N95 help.") == []


def test_a_rate_after_the_counted_noun_keeps_the_noun():
    (f,) = run("The plan pledges 1,500 classrooms a year until 2030.")
    assert (f.value, f.noun) == ("1500", "classrooms")
    (g,) = run("The aftershock of 5.9 hit a village nearby.")
    assert g.noun == ""


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The fire has burned 12 480 ha of forest.", [("12 480 ha", "12480", "hectares")]),
    ("Some 1\u202f250\u00a0000 people voted.", [("Some 1\u202f250\u00a0000", "1250000", "people")]),
    # a first group that ends a date is the date's; the rest is the count
    ("On May 12 480 people were moved.", [("480", "480", "people")]),
    ("In 2023 500 people came.", [("500", "500", "people")]),
])
def test_a_space_between_groups_of_three_digits_is_a_thousands_separator(sentence, expected):
    assert [(f.text, f.value, f.key) for f in run(sentence)] == expected


def test_areas_in_acres_and_square_kilometres_are_hectares_and_a_restated_area_is_one_figure():
    (acres,) = run("The farm covers 300 acres.")
    assert (acres.value, acres.key, acres.note) == ("121.4057", "hectares", "converted from 300 acres")
    first, restated = run("The fire has burned 12 480 ha, or roughly 125 km\u00b2, of forest.")
    assert (first.value, first.key) == ("12480", "hectares")
    assert (restated.value, restated.note) == ("12480", "conversion of 12 480 ha: 125 km\u00b2")


@pytest.mark.parametrize("sentence", [
    "The regulator has set up a free hotline: 0800 7723 400 (Mon-Fri).",
    "Call the crisis line on +44 20 7946 0958 for help.",
    "The office can be reached on (030) 1234-567.",
])
def test_a_telephone_number_is_not_a_figure(sentence):
    assert run(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The sitting lasted 17 hours and 10 minutes.", ("17 hours and 10 minutes", "17.1667", "hours")),
    ("He was jailed for 2 years and 6 months.", ("2 years and 6 months", "2.5", "years")),
    ("He needed two hours and 41 minutes.", ("two hours and 41 minutes", "2.6833", "hours")),
    ("He won in 2hr 41min.", ("2hr 41min", "2.6833", "hours")),
])
def test_a_duration_in_two_units_is_one_figure(sentence, expected):
    assert [(f.text, f.value, f.key) for f in run(sentence)] == [expected]


@pytest.mark.parametrize("sentence", [
    "The final lasted 161 minutes.", "The final lasted 161 mins.", "The final (161 min.) ended late.",
])
def test_minutes_are_told_in_hours_so_that_one_duration_compares(sentence):
    (f,) = run(sentence)
    assert (f.value, f.key) == ("2.6833", "hours")
    assert f.note.startswith("converted from 161 ")


def test_a_number_the_article_writes_as_part_of_a_name_is_no_figure_on_its_own():
    article = ("A Merapi Air Boeing 737-800 carrying 179 people landed safely.\n"
               "The fire broke out 11 minutes after take-off as the 737 climbed.\n"
               "The 737 passengers were asked to stay seated.")
    texts = [f.text for f in run_in("The fire broke out 11 minutes after take-off as the 737 climbed.", article)]
    assert texts == ["11 minutes"]
    # with a noun, or in an article that names no model, it is a count
    assert [f.text for f in run_in("The 737 passengers were asked to stay seated.", article)] == ["737"]
    assert [f.text for f in run("The fire broke out as the 737 climbed.")] == ["737"]
    # a month before a number is a date's, not a model's
    may = "Talks resume on May 2026 and 120 delegates attend.\nThe 120 delegates voted."
    assert [f.text for f in run_in("The 120 delegates voted.", may)] == ["120"]


def test_part_of_a_whole_counts_the_whole_s_noun():
    # "Seventeen of the train's 92 cars" counts cars, as "17 cars" elsewhere does
    assert [row(f) for f in run("Seventeen of the train's 92 cars derailed, the railway said.")] == [
        ("Seventeen", "17", "cars", "", "cars"), ("92", "92", "cars", "", "cars")]
    assert [row(f)[:3] for f in run("Twenty-one of its 92 cars came off the rails.")] == [
        ("Twenty-one", "21", "cars"), ("92", "92", "cars")]
    assert [row(f)[:3] for f in run("Police said 12 of the victims were children.")] == [("12", "12", "people")]


def test_units_written_attached_to_the_number():
    assert [row(f)[:3] for f in run("The slick is 6km long.")] == [("6km", "6000", "m")]
    assert [row(f)[:3] for f in run("Around 1.7TB of data leaked.")] == [("Around 1.7TB", "1700", "GB")]
    assert [row(f)[:3] for f in run("roughly 1.7 terabytes of data")] == [("roughly 1.7 terabytes", "1700", "GB")]
    assert run("The new 5G network launched.") == []  # a letter glued to a number is a name


def test_numbers_in_a_list_of_a_text_s_parts_are_references():
    assert run("The fine was for infringements of Articles 5(1)(f), 32 and 33 GDPR.") == []
    assert [row(f)[:2] for f in run("Under Sections 12 and 14 of the act, 40 people were charged.")] == [
        ("40", "40")]


def test_pounds_after_a_weight_and_money_between_dashes_are_conversions():
    kg, lb = run("The horns weighed 61.4 kilograms (135 pounds), officials said.")
    assert (lb.value, lb.key) == (kg.value, kg.key) == ("0.0614", "tonnes")
    assert lb.note.startswith("conversion of 61.4 kilograms")
    _, usd = run("The regulator levied 14.6 million Singapore dollars - roughly US$11 million - on the bank.")
    assert (usd.value, usd.key) == ("14600000", "SGD") and usd.note.startswith("conversion")
    # a figure of its own after a dash, with no qualifier, stays one
    assert [f.key for f in run("Prices rose 5% - 40 cents - last year.")][1] != "%"


def test_a_number_before_a_code_and_its_section_is_a_citation():
    assert run("He is charged under 18 U.S.C. § 1956(h) and 21 USC 846.") == []
    assert [row(f)[:2] for f in run("Under 40 C.F.R. 60, 12 plants must report.")] == [("12", "12")]
    assert [row(f)[:3] for f in run("The plant makes 40 MW of power.")] == [("40 MW", "40", "MW")]


def test_a_four_digit_time_with_a_zone_is_no_figure():
    assert run("The airports are closed until 0600 WITA on Thursday.") == []
    assert run("The convoy left at 1430 hrs.") == []


# --- any order of figure words (property) ---

#: Numbers, units, qualifiers and the words between them: sequences reach the figure
#: parser's loops (ranges, units written apart or attached, spelled-out counts) in orders
#: no article would.
FIGURE_WORDS = ("12", "3.5", "1,200", "0600", "6km", "$4m", "€", "$", "5%", "per", "cent",
                "percent", "million", "billion", "half", "a", "dozen", "twenty", "five",
                "Seventeen", "about", "nearly", "more", "than", "up", "to", "from", "between",
                "and", "of", "the", "rose", "by", "km", "people", "years", "Article", "5(1)",
                "-", "–", ",", "(", ")", "x", "times", "GMT", "a.m.")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FIGURE_WORDS), max_size=30))
def test_any_order_of_figure_words_ends_with_facets_on_their_text(words):
    for f in facets_of_words(words):
        if f.facet == "figure":
            float(f.value)  # a plain decimal, whatever the words around it


# --- blind round 10: verbs after counts, basis points, identifiers, areas ---

def figure_facets(line: str) -> list[tuple[str, str, str, str]]:
    return [(f.text, f.value, f.key, f.noun) for f in all_facets(line) if f.facet == "figure"]


def test_a_past_tense_after_a_count_is_a_verb_not_what_it_counts():
    assert figure_facets("The other 16 took shelter in a refuge chamber.") == [("16", "16", "", "")]
    assert figure_facets("Some 300 fled the town.") == [("Some 300", "300", "", "")]


def test_basis_points_are_hundredths_of_a_percentage_point():
    assert figure_facets("The yield dropped 31 basis points.")[0][1:3] == ("0.31", "pp")
    assert figure_facets("The yield was ~30bp lower.") == [("~30bp", "0.3", "pp", "")]
    (approx,) = [f for f in all_facets("The yield was ~30bp lower.") if f.facet == "figure"]
    assert approx.qualifier == "approximately"


def test_identifiers_and_toll_free_numbers_are_not_figures():
    assert figure_facets("The tanker (IMO 9412361) had strayed inshore.") == []
    assert figure_facets("Patients can call the helpline on 1800 555 210.") == []
    assert figure_facets("Call 1-800-555-0199 for help.") == []
    assert figure_facets("Some 250000 people marched.")[0][1] == "250000"  # a count, said so


def test_areas_in_square_metres_and_hectares_are_one_quantity():
    hectares = figure_facets("The brake factory, a 38-hectare site, closes.")
    square_metres = figure_facets("Brake plant (380,000 m² site) closes.")
    assert hectares[0][1:3] == square_metres[0][1:3] == ("38", "hectares")


def test_an_adjective_between_a_count_and_its_noun_is_part_of_the_noun():
    assert figure_facets("The line will have four new stops.") == [("four", "4", "stops", "new stops")]
    assert figure_facets("The tanker of 109870 dwt ran aground.")[0][2] == "dwt"


def test_power_in_gigawatts_is_megawatts_and_a_named_scale_is_degrees():
    assert figure_facets("The grid hit a peak of 31.46 GW on Monday.")[0][1:3] == ("31460", "MW")
    (_, fahrenheit) = [f for f in all_facets("It hit 53.9 degrees Celsius (129 Fahrenheit).")
                       if f.facet == "figure"]
    assert (fahrenheit.value, fahrenheit.key) == ("53.9", "°C") and "conversion" in fahrenheit.note


def test_a_duration_in_two_units_without_and_and_a_time_with_a_leading_zero():
    assert figure_facets("It was a total outage of 16 hours 40 minutes.") == [
        ("16 hours 40 minutes", "16.6667", "hours", "")]
    assert [f[0] for f in figure_facets("At 02.40 on Thursday the motion passed 97 to 52.")] == ["97", "52"]
    assert figure_facets("Inflation was 0.45 in May.")[0][1] == "0.45"


def test_a_number_after_a_possessive_name_is_a_figure_not_part_of_the_name() -> None:
    found = [(f.text, f.key) for f in all_facets("It ended Gerald Mottram's 11 years as owner.")
             if f.facet == "figure"]
    assert found == [("11 years", "years")]
    assert [f.text for f in all_facets("He drove along Route 66 all day.") if f.facet == "figure"] == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # a range whose first bound is bare is one figure: the upper bound, "up to"
    ("temperatures are forecast to fall by 5 to 7 degrees Celsius", [("5 to 7 degrees Celsius", "7", "°C", "up to")]),
    ("between 5 and 7 degrees", [("5 and 7", "7", "degrees", "up to")]),
    # "from" makes a change between two figures, and "and" a range only after "between"
    ("it rose from 30 to 45 people", [("30", "30", "", ""), ("45", "45", "people", "")]),
    # a multiple, "x" read only glued to its number
    ("the book was subscribed 76.4x overall", [("76.4x", "76.4", "times", "")]),
    ("the issue was subscribed 67.4 times overall", [("67.4 times", "67.4", "times", "")]),
    # "m" glued to a number is metres before a measure word, millions otherwise
    ("a girder bridge, 180m long, opened", [("180m", "180", "m", "")]),
    ("it raised 180m last year", [("180m", "180000000", "", "")]),
])
def test_ranges_multiples_and_metres(sentence, expected):
    assert [(f.text, f.value, f.key, f.qualifier) for f in run(sentence)] == expected


@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("Tip heights will reach up to 280m.", "280", "m"),
    ("The wreck lies at a depth of about 30m.", "30", "m"),
    ("Shares hit a record high of 280m.", "280000000", ""),
    ("A long-awaited 280m deal was signed.", "280000000", "deal"),
])
def test_an_attached_m_is_metres_after_a_length_noun_in_its_clause(sentence: str, value: str, unit: str):
    (f,) = run(sentence)
    assert (f.value, f.key) == (value, unit)


@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("A six-kilolitre reactor ruptured.", "6000", "litres"),
    ("A 6,000-litre reactor ruptured.", "6000", "litres"),
    ("They signed off on the 2.2 gigawatt development.", "2200", "MW"),
    ("Each can holds 330ml of juice.", "0.33", "litres"),
])
def test_volumes_and_power_in_their_singular_and_prefixed_units(sentence: str, value: str, unit: str):
    assert [(f.value, f.key) for f in run(sentence)] == [(value, unit)]


def test_times_of_day_are_read_as_one_24_hour_clock():
    assert [t for _, t in figures.times_of_day("at about 3:15 p.m. (0945 GMT) on Tuesday")] == ["15:15", "09:45"]
    assert [t for _, t in figures.times_of_day("around 3.15 pm on Monday")] == ["15:15"]
    assert [t for _, t in figures.times_of_day("approximately 15:15 IST")] == ["15:15"]
    assert [t for _, t in figures.times_of_day("derailed at 3.40 on the stretch")] == ["03:40"]
    assert [t for _, t in figures.times_of_day("from 12 a.m. to 7 o'clock")] == ["00:00", "07:00"]
    assert figures.times_of_day("Shares closed at 3.40 on Friday, up 3.15 percent.") == []


def test_r_is_rand_in_a_south_african_story_when_written_as_an_amount():
    story = "South Africa's regulator ruled. Mangaung owes R6.4bn of the R94.7bn that towns owe."
    found = run_in("Mangaung owes R6.4bn of the R94.7bn that towns owe.", story)
    assert [(f.text, f.value, f.key, f.noun) for f in found] == [
        ("R6.4bn", "6400000000", "ZAR", ""), ("R94.7bn", "94700000000", "ZAR", "")]
    (f,) = run_in("Revenue of R412.6 billion was allowed.", "South Africa.\nRevenue of R412.6 billion was allowed.")
    assert (f.value, f.key) == ("412600000000", "ZAR")
    assert run_in("Traffic backed up on the R102 road.", "South Africa.\nTraffic backed up on the R102 road.") == []
    (g,) = run_in("Eskom needs R10 billion more.", "South Africa.\nEskom needs R10 billion more.")
    assert (g.value, g.key) == ("10000000000", "ZAR")
    assert run("Mangaung owes R6.4bn.") == []  # no South Africa named: a code, not rand


@pytest.mark.parametrize("written", ["500 kilowatt-hours", "500kWh", "500 kWh", "0.5 MWh"])
def test_energy_in_watt_hours_is_one_unit(written: str):
    (f,) = run(f"A household using {written} a month pays more.")
    assert (f.value, f.key) == ("0.5", "MWh")


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Workers went down an 11m shaft.", ("11m", "11", "m")),
    ("They cleared a 23m-long corridor.", ("23m", "23", "m")),
    ("It was the best find in half a century.", ("half a century", "50", "years")),
    ("Ties have held for three decades.", ("three decades", "30", "years")),
])
def test_one_thing_measured_in_metres_and_long_spans_in_years(sentence: str, expected: tuple[str, str, str]):
    (f,) = run(sentence)
    assert (f.text, f.value, f.key) == expected


def test_a_count_of_millions_after_a_or_before_a_plural_stays_millions():
    (f,) = run("The ministry reported a 5m rise in passengers.")
    assert (f.value, f.key) == ("5000000", "")
    (g,) = run("About 11m people voted.")
    assert g.value == "11000000"


@pytest.mark.parametrize(("sentence", "value"), [
    ("The gauge measured 312 millimeters of rain.", "0.312"),
    ("The station recorded 312mm of rain.", "0.312"),
    ("It received over 31 cm of rain.", "0.31"),
    ("About 12 inches of rain fell.", "0.3048"),
    ("The agency measured up to 120 l/sqm of rain.", "0.12"),  # a litre a square metre: 1 mm
])
def test_rain_and_short_lengths_are_metres(sentence: str, value: str) -> None:
    (f,) = run(sentence)
    assert (f.value, f.key) == (value, "m")


def test_midnight_and_noon_make_a_time_of_day() -> None:
    assert run("The new price took effect from 12 midnight, before the 12 noon deadline.") == []


def test_a_part_of_the_dead_or_injured_counts_them() -> None:
    assert [(f.text, f.key) for f in run("Six of the dead were children.")] == [("Six", "dead")]
    assert [(f.text, f.key) for f in run("Four of the injured are critical.")] == [("Four", "injured")]
    assert [(f.text, f.noun) for f in run("Seventeen of the train's 92 cars derailed.")] == [
        ("Seventeen", "cars"), ("92", "cars")]


def test_a_noun_before_a_unit_of_people_counts_people() -> None:
    found = {f.text: f for f in run("A team of 400 rescue workers and 13 board members met.")}
    assert (found["400"].key, found["400"].noun) == ("people", "rescue workers")
    assert (found["13"].key, found["13"].noun) == ("people", "board members")
    # a noun before a counted noun of quantity_nouns.csv: the companies are counted
    assert {(f.key, f.noun) for f in run("It used 43 front companies and 12 shell firms.")} == {
        ("companies", "front companies"), ("companies", "shell firms")}
    # other plurals keep the first word's reading: "shabti figurines" are shabti
    (f,) = run("The team recorded 214 shabti figurines.")
    assert f.key == "shabti"


def test_a_part_of_them_counts_what_the_figure_before_it_counts():
    assert figure_facets("In all 9,400 hectares burned, and on 3,100 of them the crop was lost.") == [
        ("9,400 hectares", "9400", "hectares", ""), ("3,100", "3100", "hectares", "")]
    # a noun after "of them" says what they are
    assert figure_facets("Some 12,300 people were moved, 2,950 of them children.")[1][2:] == ("", "")


# --- shares told in words (blind round 20: "about a third", "seven in ten") ---

def share_rows(line: str) -> list[tuple[str, str, str, str, str]]:
    return [(f.text, f.value, f.key, f.qualifier, f.noun) for f in run(line)
            if f.note == figures.FRACTION_NOTE]


@pytest.mark.parametrize(("line", "expected"), [
    ("Hail destroyed about a third of the crop.",  # "of the ...": no noun, as for "33% of the"
     [("about a third", "33.33", "%", "approximately", "")]),
    ("Around two-thirds of project costs are covered.",
     [("Around two-thirds", "66.67", "%", "approximately", "project")]),
    ("Seven in ten bottles come from the province.",
     [("Seven in ten", "70", "%", "approximately", "bottles")]),
    ("More than half of vines were lost.", [("More than half", "50", "%", "more than", "vines")]),
    ("Sales fell by a quarter.", [("a quarter", "25", "%", "approximately", "Sales")]),
    ("Nine out of ten doctors agree; one out of every six homes was hit.",
     [("Nine out of ten", "90", "%", "approximately", "doctors"),
      ("one out of every six", "16.67", "%", "approximately", "homes")]),
])
def test_a_share_in_words_is_an_approximate_percentage(line, expected):
    assert share_rows(line) == expected


@pytest.mark.parametrize("line", [
    "He won a third term in office.",
    "A quarter of an hour later the road reopened.",
    "Output rose in the first half of the year.",
    "Growth was the weakest in six quarters.",
    "The avalanche danger was rated level three out of five.",
    "Six out of nine samples failed the test.",
    "Buses ran 2 in 10 minutes.",
    "It was read at half past ten.",
])
def test_words_that_are_no_share(line):
    assert share_rows(line) == []


def test_a_share_takes_its_number_words_so_they_are_no_counts():
    assert [f.text for f in run("Seven in ten bottles come from here.")] == ["Seven in ten"]


SHARE_NUMERATORS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(SHARE_NUMERATORS)), st.sampled_from([*sorted(SHARE_NUMERATORS), "ten"]),
       st.sampled_from(["in", "out of every"]), st.sampled_from(["homes", "voters", "trains"]))
def test_a_ratio_in_words_is_its_share_below_the_whole(part, whole, link, noun):
    whole_value = SHARE_NUMERATORS.get(whole, 10)
    rows = share_rows(f"Officials said {part} {link} {whole} {noun} were affected.")
    if SHARE_NUMERATORS[part] < whole_value:
        (row,) = rows
        assert float(row[1]) == pytest.approx(100 * SHARE_NUMERATORS[part] / whole_value, abs=0.005)
        assert row[4] == noun
    else:
        assert rows == []  # "seven in five" is no share


# --- blind round 21: "pc", "c.", "No.", a currency of the article's main country ---

@pytest.mark.parametrize(("line", "expected"), [
    ("Inflation eased to 5.8pc, and the rate is 11 pc.", [("5.8pc", "5.8", "%", ""), ("11 pc", "11", "%", "")]),
    ("Exemptions on c.120 items go; tax rises from c.10.4%.",
     [("c.120", "120", "items", "approximately"), ("c.10.4%", "10.4", "%", "approximately")]),
    ("Monitor | Issue No. 1,482 | weekly", []),
])
def test_abbreviated_units_qualifiers_and_number_signs(line: str, expected: list) -> None:
    assert [(f.text, f.value, f.key, f.qualifier) for f in run(line)] == expected


def test_a_currency_of_several_countries_named_is_the_main_countrys() -> None:
    sentence = "Subsidies cost nearly 480 billion rupees last year."
    article = ("Pakistan agreed a loan. Pakistan will cut subsidies. " + sentence
               + " Related: Sri Lanka completes review")
    seg = Segment("t:1", "t", article.index(sentence), article.index(sentence) + len(sentence),
                  sentence, "claim")
    (f,) = figures.extract(seg, [], ArticleContext("t", article, "2026-11-04", ""))
    assert (f.value, f.key) == ("480000000000", "PKR")


@pytest.mark.parametrize("sentence, first, second", [
    ("It is a canvas measuring 1.3 by 1.95 metres.", ("1.3", "m"), ("1.95", "m")),
    ("It is a 130 by 195 centimetres oil on canvas.", ("1.3", "m"), ("1.95", "m")),
    ("The 130 x 195 cm oil was lot 18.", ("1.3", "m"), ("1.95", "m")),
])
def test_a_side_of_a_size_takes_the_measure_of_the_other(sentence, first, second):
    figs = [(f.value, f.key) for f in run(sentence) if f.key == "m"]
    assert figs == [first, second]


def test_a_multiple_is_still_a_multiple_without_a_size():
    assert [(f.value, f.key) for f in run("Sales rose 3 x in a year.")] == [("3", "times")]


def test_a_measure_after_a_capitalised_label_is_a_figure():
    assert [(f.value, f.key) for f in run("The bulker (57,940 dwt, LOA 190 m) left.")] == [
        ("57940", "dwt"), ("190", "m")]
    assert run("Route 66 runs west.") == []


def test_t_after_a_number_is_tonnes():
    assert [(f.value, f.key) for f in run("It carried 54,300 t of milling wheat.")] == [("54300", "tonnes")]


def test_an_approximate_amount_after_a_few_words_and_a_comma_restates_the_amount():
    figs = run("The painting made HK$312,500,000 with premium, roughly US$40m, the house said.")
    assert [(f.value, f.key) for f in figs] == [("312500000", "HKD"), ("312500000", "HKD")]
    assert figs[1].note.startswith("conversion of HK$312,500,000")
