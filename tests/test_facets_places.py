"""Places and metonyms (checker.facets.places) and the gazetteer behind them, on seed lines
and on sentences about other stories."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from facet_helpers import facets_of_words
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import gazetteer
from checker.facets import dates, figures, places
from checker.facets.base import ArticleContext, Facet, Segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def run(sentence: str, found: list[Facet] | None = None) -> list[Facet]:
    seg = Segment("t:1", "t", 0, len(sentence), sentence, "claim")
    ctx = ArticleContext("t", sentence, "", "")
    before = list(found or [])
    before += dates.extract(seg, before, ctx)
    before += figures.extract(seg, before, ctx)
    return places.extract(seg, before, ctx)


def seed_line(prefix: str, line: int) -> str:
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")[line - 1]


def of(facets: list[Facet], kind: str) -> dict[str, Facet]:
    return {f.text: f for f in facets if f.facet == kind}


def org(sentence: str, name: str) -> Facet:
    start = sentence.index(name)
    return Facet("org", start, start + len(name), name, name)


# --- seeds -------------------------------------------------------------------------------

def test_seed_000_line_6_city_with_its_country_and_no_place_in_the_office():
    line = seed_line("000", 6)
    office = org(line, "Prime Minister's Office")
    found = run(line, [office])
    placed = of(found, "place")
    assert placed["Jerusalem"].key == "IL" and placed["Jerusalem"].qualifier == "city"
    assert {"Israel", "Azerbaijan", "Jerusalem"} == set(placed)
    assert not any(f.overlaps(office.start, office.end) for f in found)


def test_seed_003_line_14_two_cities_standing_for_governments():
    found = run(seed_line("003", 14))
    metonyms = of(found, "metonym")
    assert metonyms["Tel Aviv"].value == "Israel" and metonyms["Tel Aviv"].key == "IL"
    assert metonyms["Baku"].value == "Azerbaijan" and metonyms["Baku"].key == "AZ"
    assert "are keen" in metonyms["Tel Aviv"].note
    assert not of(found, "place")  # a metonym is not also a plain place


def test_seed_004_line_15_publication_name_is_not_a_place():
    line = seed_line("004", 15)
    assert "Jerusalem" not in of(run(line), "place")  # the name-follower rule alone
    assert "Jerusalem" not in of(run(line, [org(line, "The Jerusalem Post")]), "place")


def test_seed_004_research_centre_holds_no_place():
    line = seed_line("004", 17)
    found = run(line, [org(line, "Begin-Sadat Center for Strategic Studies")])
    assert set(of(found, "place")) == {"Azerbaijan", "Middle East"}


def test_seed_003_ordinary_locative_use_is_a_place():
    found = run(seed_line("003", 12))  # "Sa'ar arrived in Baku accompanied by ..."
    assert of(found, "place")["Baku"].note.endswith("cue 'arrived in'")
    assert not of(found, "metonym")


# --- other stories ---------------------------------------------------------------------------

def test_talks_between_two_capitals_resolve_to_two_distinct_koreas():
    found = run("Officials confirmed talks between Seoul and Pyongyang would resume in March.")
    metonyms = of(found, "metonym")
    assert (metonyms["Seoul"].value, metonyms["Seoul"].key) == ("South Korea", "KR")
    assert (metonyms["Pyongyang"].value, metonyms["Pyongyang"].key) == ("North Korea", "KP")


def test_north_and_south_korea_are_distinct_countries():
    placed = of(run("North Korea fired a missile toward South Korea on Monday."), "place")
    assert placed["North Korea"].key == "KP" and placed["South Korea"].key == "KR"


def test_capital_signing_and_possessive_decision_are_metonyms():
    found = run("Ottawa signed the softwood accord, but Moscow's decision angered Brussels.")
    metonyms = of(found, "metonym")
    assert metonyms["Ottawa"].key == "CA" and metonyms["Ottawa"].note.endswith("cue 'signed'")
    assert metonyms["Moscow"].value == "Russia" and "decision" in metonyms["Moscow"].note
    assert of(found, "place")["Brussels"].key == "BE"  # object of a verb: no cue, a place


def test_metonym_override_table_is_used():
    found = run("Brussels warned that tariffs would follow.")
    assert (of(found, "metonym")["Brussels"].value, of(found, "metonym")["Brussels"].key) == (
        "European Union", "EU")


def test_embassy_in_a_capital_is_a_place_not_a_metonym():
    found = run("Protesters gathered outside the embassy in Lima, then marched to Callao.")
    placed = of(found, "place")
    assert placed["Lima"].key == "PE" and placed["Callao"].key == "PE"
    assert not of(found, "metonym")


def test_small_or_ambiguous_city_needs_a_cue():
    assert not of(run("Nice weather helped the organisers."), "place")
    assert of(run("The summit in Nice opened late."), "place")["Nice"].key == "FR"
    assert not of(run("Reading the report took an hour."), "place")


def test_city_followed_by_its_country_or_state_is_that_city():
    placed = of(run("She grew up in Paris, Texas, and studied in Florence, Italy."), "place")
    assert placed["Paris"].key == "US" and placed["Florence"].key == "IT"


def test_based_suffix_and_list_of_places():
    placed = of(run("The Rotterdam-based firm has offices in Utrecht, Delft and Zwolle."), "place")
    assert {"Rotterdam", "Utrecht", "Delft", "Zwolle"} <= set(placed)
    assert placed["Zwolle"].note.endswith("listed with places")


def test_a_place_before_born_or_raised_is_where_a_person_comes_from():
    placed = of(run("The Leeuwarden-born left-hander beat a Glasgow-raised rival."), "place")
    assert {"Leeuwarden", "Glasgow"} <= set(placed)
    assert placed["Leeuwarden"].note.endswith("'-born'")


def test_country_aliases_and_possessives():
    placed = of(run("The U.S. and the UAE signed; Britain's envoy and the USA's allies left."),
                "place")
    assert placed["U.S."].value == "United States" and placed["UAE"].key == "AE"
    assert placed["Britain"].key == "GB" and placed["USA"].key == "US"


def test_alternate_spelling_of_a_big_city_resolves_to_its_name():
    placed = of(run("He flew from Kiev to Warsaw."), "place")
    assert placed["Kiev"].value == "Kyiv" and placed["Kiev"].key == "UA"


def test_english_name_of_a_city_listed_under_its_local_name():
    placed = of(run("The foundation moved from Cologne to Frankfurt in May."), "place")
    assert (placed["Cologne"].value, placed["Cologne"].key) == ("Köln", "DE")
    assert (placed["Frankfurt"].value, placed["Frankfurt"].key) == ("Frankfurt am Main", "DE")


def test_a_city_written_without_its_undecomposed_letters():
    placed = of(run("Trains from Wroclaw to Lodz were cancelled."), "place")
    assert placed["Wroclaw"].value == "Wrocław" and placed["Lodz"].value == "Łódź"


def test_person_span_blocks_a_place_and_months_are_not_places():
    sentence = "Jordan Henderson met officials in May and left for Amman."
    person = Facet("person", 0, len("Jordan Henderson"), "Jordan Henderson", "Jordan Henderson")
    placed = of(run(sentence, [person]), "place")
    assert set(placed) == {"Amman"}


def test_offsets_point_at_the_text_in_the_article():
    article = "Intro line.\nThe envoy arrived in Nairobi on Friday."
    start = article.index("The envoy")
    seg = Segment("t:2", "t", start, len(article), article[start:], "claim")
    (facet,) = places.extract(seg, [], ArticleContext("t", article, "", ""))
    assert article[facet.start:facet.end] == "Nairobi" == facet.text


# --- gazetteer ---------------------------------------------------------------------------------

def test_gazetteer_orders_candidates_and_keeps_capitals():
    g = gazetteer.load()
    assert g.lookup("Washington")[0].capital and g.lookup("Washington")[0].iso == "US"
    assert g.lookup("Moscow")[0].iso == "RU"  # the biggest city of a shared name first
    assert g.lookup("Korea") == ()  # never guessed
    assert g.lookup("White House") == ()  # translations of city names are not indexed
    assert g.demonym("Palestinians") == "PS" and g.demonym("Brazilian") == "BR"


def test_gazetteer_cache_is_written_once_and_reused(tmp_path, monkeypatch):
    tiny = {"format": gazetteer.INDEX_FORMAT, "index": {"atlantis": "0"},
            "rows": ["Atlantis\tAT\tcity\t100000\t1\tgeonames:1\tname"],
            "countries": {}, "demonyms": {}, "max_words": 1}
    calls = []
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(gazetteer, "_build", lambda: calls.append(1) or tiny)
    gazetteer.load.cache_clear()
    try:
        assert gazetteer.load().lookup("Atlantis")[0].iso == "AT"
        (cached,) = (tmp_path / "cache").glob("gazetteer-*.json")
        assert json.loads(cached.read_text())["index"] == {"atlantis": "0"}
        gazetteer.load.cache_clear()
        assert gazetteer.load().lookup("atlantis")[0].capital
        assert calls == [1]  # the second load read the cache
    finally:
        gazetteer.load.cache_clear()


def test_gazetteer_without_a_writable_cache_still_loads(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    tiny = {"format": gazetteer.INDEX_FORMAT, "index": {}, "rows": [], "countries": {},
            "demonyms": {}, "max_words": 1}
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(blocker / "cache"))
    monkeypatch.setattr(gazetteer, "_build", lambda: tiny)
    gazetteer.load.cache_clear()
    try:
        assert gazetteer.load().lookup("anything") == ()
    finally:
        gazetteer.load.cache_clear()


@pytest.mark.parametrize("text", ["", "A", "in", "'s", "U.S.'s", "X" * 5000, "in " * 3000,
                                  "New New New New New New York", "Tel-Aviv-Baku-"])
def test_odd_input_does_not_fail(text):
    run(text)


# ---- ambiguous cities read in the article's countries (invented copy) ----------------------


def run_in(sentence: str, article: str) -> list[Facet]:
    start = article.index(sentence)
    seg = Segment("t:1", "t", start, start + len(sentence), sentence, "claim")
    return places.extract(seg, [], ArticleContext("t", article, "", ""))


def place_key(sentence: str, article: str, written: str) -> str:
    return of(run_in(sentence, article), "place")[written].key


def test_an_ambiguous_city_takes_the_country_the_article_names():
    line = "The ferry union met in Cartago on Friday."
    assert place_key(line, line, "Cartago") == "CO"  # nothing named: the gazetteer's order
    article = f"Costa Rica's dock workers walked out.\n{line}"
    assert place_key(line, article, "Cartago") == "CR"


def test_a_demonym_names_the_country_too():
    line = "Growers gathered in Córdoba to protest."
    assert place_key(line, line, "Córdoba") == "AR"
    article = f"Spanish olive growers are angry about tariffs.\n{line}"
    assert place_key(line, article, "Córdoba") == "ES"


def test_a_named_capital_beats_a_bigger_foreign_namesake():
    line = "Students marched in San José on Monday."
    article = f"Costa Rica raised university fees.\n{line}"
    got = of(run_in(line, article), "place")["San José"]
    assert (got.key, got.qualifier) == ("CR", "city")


def test_a_capital_is_kept_when_only_a_small_namesakes_country_is_named():
    line = "The delegation flew to Paris for the talks."
    article = f"United States trade officials travelled this week.\n{line}"
    assert place_key(line, article, "Paris") == "FR"


def test_the_first_candidates_country_named_keeps_it():
    line = "Officials met in Birmingham to discuss rail."
    article = f"Britain and the United States signed a rail accord.\n{line}"
    assert place_key(line, article, "Birmingham") == "GB"


def test_a_following_country_still_wins_over_the_article():
    line = "Relief flights landed in Córdoba, Argentina, on Monday."
    article = f"Spain sent aid.\n{line}"
    assert place_key(line, article, "Córdoba") == "AR"


def test_countries_named_reads_names_aliases_and_demonyms():
    named = gazetteer.countries_named(
        "Kenyan judges and U.S. envoys met New Zealand's premier. Nothing else here.")
    assert {"KE", "US", "NZ"} <= named
    assert gazetteer.countries_named("no capitalised country words at all") == frozenset()


def test_countries_named_takes_the_longest_name():
    # "Central America" is a region: it does not name the United States as "America".
    named = gazetteer.countries_named("Growth in Central America slowed, and Honduras led.")
    assert "US" not in named and "HN" in named


def test_a_direction_from_a_small_town_makes_it_a_place():
    got = of(run("Crews fought the blaze in the hills south-west of Tomar overnight."), "place")
    assert (got["Tomar"].key, got["Tomar"].note.split("; ")[1]) == ("PT", "cue 'south-west of'")


def in_article(article: str, sentence: str) -> list[Facet]:
    seg = Segment("t:1", "t", len(article) + 1, len(article) + 1 + len(sentence), sentence, "claim")
    ctx = ArticleContext("t", f"{article}\n{sentence}", "", "")
    return [f for f in places.extract(seg, [], ctx) if f.facet == "place"]


def test_an_unknown_name_after_town_of_is_a_place_in_the_story_country():
    (town,) = in_article("Canada's north. Canadian officials said.",
                         "Floodwater reached the town of Zorbindale on Monday.")
    assert (town.text, town.value, town.key, town.qualifier) == (
        "Zorbindale", "Zorbindale", "CA", "city")
    assert town.note == "unknown to the gazetteer; cue 'town of'"


def test_a_kind_cue_is_a_cue_for_a_city_the_gazetteer_knows():
    # a small city (no capital, not a big city) needs a cue: "the port of" is one
    (port,) = in_article("", "Cargo piled up at the port of Tema on Monday.")
    assert (port.value, port.key, port.note) == ("Tema", "GH", "geonames:2294700; cue 'port of'")
    assert in_article("", "Tema handled more cargo.") == []


def test_unknown_names_after_a_province_cue_and_without_a_cue():
    (province,) = in_article("", "Relief reached the province of Valdoreña late.")
    assert (province.value, province.key, province.qualifier) == ("Valdoreña", "", "region")
    assert in_article("", "Relief reached Zorbindale late.") == []
    assert in_article("", "It happened in the town of March.") == []


def test_an_unknown_name_before_a_kind_noun_is_a_place():
    (district,) = in_article("", "The bridge links the La Alameda district with the centre.")
    assert (district.value, district.qualifier) == ("La Alameda", "region")
    assert district.note == "unknown to the gazetteer; cue '<name> district'"
    (suburb,) = in_article("", "Shelters opened in Varnholt suburb overnight.")
    assert (suburb.value, suburb.qualifier) == ("Varnholt", "city")
    # the noun needs "the" or a locative word before the name
    assert in_article("", "Police district commanders met on Monday.") == []
    assert in_article("", "Officers said Varnholt district roads were shut.") == []


def test_a_shared_city_name_is_read_in_the_most_named_country():
    article = ("The Philippines braced for the storm. Philippine officials and the "
               "Philippines' weather bureau warned; the United States offered help.")
    (place,) = in_article(article, "Winds battered Aurora overnight, officials in Aurora said.")[:1]
    assert place.key == "PH"


def test_main_country_is_the_most_named_and_empty_on_a_tie():
    assert gazetteer.main_country("Kenya and Kenyan police; Uganda.") == "KE"
    assert gazetteer.main_country("Kenya and Kenyan police; Uganda and Ugandan.") == ""
    assert gazetteer.main_country("Kenya was named once.") == ""
    assert gazetteer.main_country("No country here.") == ""


def test_a_canadian_territory_is_a_region_not_a_us_town():
    (place,) = in_article("", "Housing money will flow to Yukon and the other territories.")
    assert (place.value, place.key, place.qualifier) == ("Yukon", "CA", "region")


def test_regions_count_towards_the_main_country():
    assert gazetteer.main_country("Storms hit Mindanao and Luzon.") == "PH"
    assert gazetteer.countries_named("Storms hit Mindanao and Luzon.") == frozenset()


def test_a_city_after_of_is_not_the_subject_of_the_verb_after_it():
    # "<bank> of Poznań, said": the bank speaks, not the city's government
    facets = run("The lender and Pacific Holdings of Moscow, said on Tuesday that they would merge.")
    assert "metonym" not in {f.facet for f in facets}
    assert of(run("Moscow said on Tuesday it would respond."), "metonym")


# --- any order of place words (property) ---

#: Cities, countries, the words that make them metonyms or parts of a name, and the
#: prepositions between them, in orders no article would.
PLACE_WORDS = ("Paris", "New", "York", "Lima", "Peru", "Kenya", "Nairobi", "the", "The", "of",
               "in", "from", "to", "near", "Bank", "Times", "Post", "said", "says", "City",
               "Province", "Government", "Ministry", "north", "capital", ",", "'s", "and",
               "announced", "Street", "University", "officials", "in", "-")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PLACE_WORDS), max_size=30))
def test_any_order_of_place_words_ends_with_places_on_their_text(words):
    for f in facets_of_words(words):
        assert f.start < f.end


def test_a_port_a_ship_is_bound_for_is_a_place():
    assert [f.value for f in run("The tanker had loaded fuel oil and was bound for Antwerp.")] == ["Antwerp"]


def test_a_town_on_the_outskirts_of_is_a_place() -> None:
    found = [f.value for f in facets_of_words(["The", "fire", "started", "on", "the", "outskirts",
                                                "of", "Limache"]) if f.facet == "place"]
    assert found == ["Limache"]


def test_a_city_written_with_city_after_a_cue_is_the_city() -> None:
    (found,) = of(run("The ward opened in Iloilo City on Sunday."), "place").values()
    assert (found.text, found.value, found.key) == ("Iloilo City", "Iloilo", "PH")
    # without a cue, or with a possessive, "<Town> City" is a club or a body's name
    assert not of(run("Iloilo City lost 2-1 on Sunday."), "place")
    assert not of(run("He trained in Iloilo City's stadium."), "place")


def test_a_two_letter_word_not_in_capitals_is_no_country() -> None:
    assert not of(run("About Us | Advertise | Contact"), "place")
    assert of(run("Talks resumed in the US on Monday."), "place")["US"].key == "US"


@pytest.mark.parametrize("sentence, town", [
    ("The pirates kept the vessel anchored off Hobyo, a town on the Somali coast, for weeks.", "Hobyo"),
    ("The ship lay at anchor off Eyl for six weeks.", "Eyl"),
    ("They steered it to Marroquí, a small fishing village near the border.", "Marroquí"),
])
def test_a_town_by_its_apposition_or_off_a_coast(sentence, town):
    assert town in [f.value for f in run(sentence) if f.facet == "place" and f.qualifier == "city"]


def test_a_noun_of_a_place_kind_inside_another_noun_is_no_apposition():
    assert [f for f in run("Ana Ruiz, a town councillor, said it was fine.") if f.facet == "place"] == []
