"""Stage 6, compare: figures, dates, places, quotes and roles inside matched groups."""

from __future__ import annotations

import pandas as pd
import pytest
from claim_tables import bidding_tables, build_tables, run_tables
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.compare import (
    COMPARISON_COLUMNS,
    compare_groups,
    dates_verdict,
    figure_verdict,
    is_partial_quote,
    same_speaker,
    word_diff,
)
from checker.config import Thresholds
from checker.facets.figures import FRACTION_NOTE
from checker.match import GROUP_COLUMNS


@pytest.mark.parametrize(("a", "qa", "b", "qb", "verdict"), [
    (30000, "approximately", 30000, "", "agree"),
    (30000, "approximately", 31000, "", "agree"),
    (1200, "", 1230, "", "compatible"),  # 1,230 rounded to hundreds
    (52, "", 52.4, "", "compatible"),
    (40000, "", 41200, "", "compatible"),
    (47.6, "", 45.6, "", "conflict"),  # close, but no rounding of each other
    (1200, "", 1260, "", "conflict"),
    (11, "at least", 12, "", "compatible"),
    (11, "more than", 40, "", "compatible"),
    (40, "up to", 35, "", "compatible"),
    (40, "up to", 55, "", "conflict"),
    (20, "at least", 12, "", "conflict"),
    (55, "", 45, "", "conflict"),
    (1200, "", 2100, "", "conflict"),
    (120, "approximately", 132, "", "compatible"),
    (23, "at least", 28, "at least", "conflict"),  # two different floors for one toll
    (13.4, "", 14, "more than", "conflict"),  # "more than 14 percent" excludes 13.4
    (14, "", 14.3, "more than", "compatible"),  # 14.3 rounded, not a value below the floor
    (13.5, "approximately", 14, "more than", "compatible"),  # an approximate value, close
    (7.6, "", 7, "up to", "conflict"),
    (300, "up to", 500, "less than", "conflict"),
    (1000, "more than", 1020, "at least", "agree"),
    (23, "at least", 40, "up to", "compatible"),  # opposite bounds that overlap
])
def test_figure_verdicts(a: float, qa: str, b: float, qb: str, verdict: str) -> None:
    assert figure_verdict(a, qa, b, qb, 0.05)[0] == verdict
    assert figure_verdict(b, qb, a, qa, 0.05)[0] == verdict  # symmetric


@given(st.floats(min_value=0.01, max_value=1e9, allow_nan=False),
       st.sampled_from(["", "approximately", "nearly", "at least", "more than", "up to",
                        "less than", "exactly"]))
@settings(max_examples=60, deadline=None)
def test_a_figure_agrees_with_itself(value: float, qualifier: str) -> None:
    assert figure_verdict(value, qualifier, value, qualifier, 0.05)[0] != "conflict"


def _date(value: str, note: str = "") -> dict:
    return {"value": value, "note": note, "text": value}


@pytest.mark.parametrize(("a", "b", "verdict"), [
    (_date("2026-02-03"), _date("2026-02-03"), "agree"),
    (_date("2026-03-02", "ambiguous; also 2026-02-03"), _date("2026-02-03"), "agree"),
    (_date("2026-02"), _date("2026-02-03"), "compatible"),
    (_date("2026"), _date("2026-02-03"), "compatible"),
    (_date("1990s"), _date("1994"), "compatible"),
    (_date("--02-03"), _date("2026-02-03"), "compatible"),
    (_date("2025-03-03"), _date("2025-03-05"), "conflict"),
    (_date("2025-02-03"), _date("2026-02-03"), "conflict"),
])
def test_date_verdicts(a: dict, b: dict, verdict: str) -> None:
    assert dates_verdict(a, b) == verdict
    assert dates_verdict(b, a) == verdict


def test_word_diff_and_partial_quotes() -> None:
    x = ["we", "will", "reopen", "the", "bridge", "by", "spring"]
    y = ["we", "hope", "to", "reopen", "the", "bridge", "by", "spring"]
    assert word_diff(x, y) == "-\u201cwill\u201d +\u201chope to\u201d"
    assert is_partial_quote(["reopen", "the", "bridge"], x)
    assert not is_partial_quote(["reopen", "bridge"], x)


def _comparisons(sentences, facets):
    claims, facet_table = build_tables(sentences, facets)
    tables = run_tables(claims, facet_table)
    assert list(tables.comparisons.columns) == COMPARISON_COLUMNS
    return tables


def test_city_and_its_country_are_compatible_and_offsets_point_at_values() -> None:
    t = _comparisons(
        [["a", "The health ministers of the bloc met in Porto on Friday to agree a vaccine plan."],
         ["b", "The health ministers of the bloc met in Portugal on Friday to agree a vaccine plan."]],
        [{"s": 0, "facet": "place", "text": "Porto", "value": "Porto", "key": "PT", "qualifier": "city"},
         {"s": 1, "facet": "place", "text": "Portugal", "value": "Portugal", "key": "PT",
          "qualifier": "country"}])
    (row,) = t.comparisons.to_dict("records")
    assert row["facet"] == "place" and row["verdict"] == "compatible"
    texts = dict(zip(t.claims["claim_id"], t.claims["text"], strict=True))
    starts = dict(zip(t.claims["claim_id"], t.claims["start"], strict=True))
    a_text = texts[row["a_claim"]]
    assert a_text[row["a_start"] - starts[row["a_claim"]]:row["a_end"] - starts[row["a_claim"]]] == "Porto"
    assert set(t.groups["status"]) == {"corroborated"}


def _town(s: int, name: str) -> dict:
    return {"s": s, "facet": "place", "text": name, "value": name, "key": "XX", "qualifier": "city"}


@pytest.mark.parametrize(("a_words", "b_words", "verdict"), [
    # the role is read before a kind cue and its article or adjective
    ("came ashore near the town of", "came ashore near the town of", "conflict"),
    ("made landfall in the coastal town of", "made landfall in", "conflict"),
    # a place after a word of no role ("swept past <Town>") is never in conflict
    ("came ashore in the town of", "swept past", None),
    # nor one too far behind its cue for the role word to be its own
    ("came ashore in a small remote coastal fishing town of", "came ashore in", None),
    # where a body sits, however it is said, is one role
    ("has its headquarters in", "is headquartered in", "conflict"),
    ("sits in the city of", "has its headquarters in", "conflict"),
])
def test_a_place_after_a_kind_cue_takes_the_role_before_the_cue(a_words: str, b_words: str,
                                                                verdict: str | None) -> None:
    t = _comparisons(
        [["a", f"Typhoon Kestrel {a_words} Marrowby with winds of 160 km/h, the weather agency said."],
         ["b", f"Typhoon Kestrel {b_words} Selvane with winds of 160 km/h, the weather agency said."]],
        [_town(0, "Marrowby"), _town(1, "Selvane")])
    places = t.comparisons[t.comparisons["facet"] == "place"]
    assert list(places["verdict"]) == ([verdict] if verdict else [])


def test_a_town_named_without_a_cue_in_one_claim_is_not_in_conflict_with_itself() -> None:
    # b's "in Marrowby" carries no facet (a town the gazetteer does not know, no kind cue):
    # the unlisted name stands in for it, and it is the same town as a's.
    t = _comparisons(
        [["a", "The observation post in the village of Marrowby recorded the blast, officials said."],
         ["b", "The blast was recorded by the observation post in Marrowby, officials said."]],
        [_town(0, "Marrowby")])
    places = t.comparisons[t.comparisons["facet"] == "place"]
    assert "conflict" not in set(places["verdict"])


def test_a_place_the_other_claim_names_where_the_gazetteer_missed_it_is_no_conflict() -> None:
    # b names both towns in one sentence, but only Marrowby was read as a place there: a's
    # Selvane is not set against it.
    t = _comparisons(
        [["a", "A 29-year-old man was taken with moderate injuries to the clinic in Selvane."],
         ["b", "A woman was flown to the hospital in Marrowby; a 29-year-old man was taken to "
               "the clinic in Selvane with moderate injuries."]],
        [_town(0, "Selvane"), _town(1, "Marrowby")])
    places = t.comparisons[t.comparisons["facet"] == "place"]
    assert "conflict" not in set(places["verdict"])


def test_figures_more_than_ten_times_apart_are_two_quantities_not_a_conflict() -> None:
    t = _comparisons(
        [["a", "Ana Ruiz won the runoff in Varno by a difference of just 1,248 votes."],
         ["b", "Ana Ruiz won the runoff in Varno with 58,484 votes."],
         ["c", "Ana Ruiz won the runoff in Varno by 1,842 votes."]],
        [{"s": 0, "facet": "figure", "text": "1,248 votes", "value": "1248", "key": "votes"},
         {"s": 1, "facet": "figure", "text": "58,484 votes", "value": "58484", "key": "votes"},
         {"s": 2, "facet": "figure", "text": "1,842 votes", "value": "1842", "key": "votes"}])
    figures = t.comparisons[t.comparisons["facet"] == "figure"]
    assert sorted(zip(figures["a_value"], figures["b_value"], figures["verdict"], strict=True)) == [
        ("1,248 votes", "1,842 votes", "conflict")]


def _linked_apart(sentences, facets) -> pd.DataFrame:
    """The comparisons of two claims matching put in two groups, linked to each other."""
    claims, facet_table = build_tables(sentences, facets)
    groups = pd.DataFrame([
        {"group_id": "G1", "claim_id": "a:1", "source": "a", "status": "single_source",
         "score": 100.0, "method": "alone", "links": "b:1"},
        {"group_id": "G2", "claim_id": "b:1", "source": "b", "status": "single_source",
         "score": 100.0, "method": "alone", "links": "a:1"}], columns=GROUP_COLUMNS)
    return compare_groups(groups, claims, facet_table, Thresholds()).comparisons


def test_a_link_between_groups_worded_alike_is_compared_even_when_its_dates_differ() -> None:
    rows = _linked_apart(
        [["a", "Staff detected the intrusion early on 4 October, when they noticed ransomware "
               "encrypting files on servers at the flagship hospital."],
         ["b", "The intrusion was detected on 5 October, when overnight staff noticed files being "
               "encrypted on several servers."]],
        [{"s": 0, "facet": "date", "text": "4 October", "value": "2025-10-04", "key": "day"},
         {"s": 1, "facet": "date", "text": "5 October", "value": "2025-10-05", "key": "day"}])
    assert list(zip(rows["facet"], rows["verdict"], strict=True)) == [("date", "conflict")]


def test_a_link_through_a_long_agency_name_alone_is_not_compared() -> None:
    agency = "Centre for Volcanology and Geological Hazard Mitigation"
    rows = _linked_apart(
        [["a", f"The {agency} raised the alert to its highest level early on Monday."],
         ["b", f"The eruption began at 10.47pm on Sunday, according to the {agency}."]],
        [{"s": 0, "facet": "org", "text": agency, "value": agency},
         {"s": 0, "facet": "date", "text": "Monday", "value": "2025-05-19", "key": "day"},
         {"s": 1, "facet": "date", "text": "Sunday", "value": "2025-05-18", "key": "day"},
         {"s": 1, "facet": "org", "text": agency, "value": agency}])
    assert rows.empty


def test_a_link_counting_one_noun_differently_is_compared_with_fewer_shared_words() -> None:
    sentences = [
        ["a", "The warden said 11 guards on duty in Block D overnight had been suspended pending the inquiry."],
        ["b", "Fourteen guards working in Block D that night have been suspended while the inquiry goes on."]]
    counts = [{"s": 0, "facet": "figure", "text": "11", "value": "11", "key": "people", "noun": "guards"},
              {"s": 1, "facet": "figure", "text": "Fourteen", "value": "14", "key": "people", "noun": "guards"}]
    rows = _linked_apart(sentences, counts)
    assert list(zip(rows["facet"], rows["verdict"], strict=True)) == [("figure", "conflict")]
    # a percentage apart with as few words in common says nothing of one event
    shares = [{"s": 0, "facet": "figure", "text": "11", "value": "11", "key": "%", "noun": ""},
              {"s": 1, "facet": "figure", "text": "Fourteen", "value": "14", "key": "%", "noun": ""}]
    assert _linked_apart(sentences, shares).empty


def test_a_conflict_makes_the_group_conflicting() -> None:
    t = _comparisons(
        [["a", "The storm cut power to 1,200 households in Riverton, the utility said."],
         ["b", "The storm cut power to 2,100 households in Riverton, the utility said."]],
        [{"s": 0, "facet": "figure", "text": "1,200", "value": "1200", "key": "households",
          "noun": "households"},
         {"s": 1, "facet": "figure", "text": "2,100", "value": "2100", "key": "households",
          "noun": "households"}])
    (row,) = t.comparisons.to_dict("records")
    assert (row["verdict"], row["a_value"], row["b_value"], row["a_norm"]) == (
        "conflict", "1,200", "2,100", "1200 households")
    assert set(t.groups["status"]) == {"conflicting"}


def test_two_dates_each_pair_off_before_a_conflict() -> None:
    t = _comparisons(
        [["a", "The library, opened in 1990, was closed by a council vote on March 3, 2025."],
         ["b", "The library, opened in 1990, was closed by a council vote on March 5, 2025."]],
        [{"s": 0, "facet": "date", "text": "1990", "value": "1990", "key": "year"},
         {"s": 0, "facet": "date", "text": "March 3, 2025", "value": "2025-03-03", "key": "day"},
         {"s": 1, "facet": "date", "text": "1990", "value": "1990", "key": "year"},
         {"s": 1, "facet": "date", "text": "March 5, 2025", "value": "2025-03-05", "key": "day"}])
    verdicts = sorted((r["a_value"], r["verdict"]) for r in t.comparisons.to_dict("records"))
    assert verdicts == [("1990", "agree"), ("March 3, 2025", "conflict")]


@pytest.mark.parametrize(("ending", "expected"), [
    (", officials said on Friday.", [("Thursday", "Wednesday", "conflict")]),
    # without a reporting verb before Friday, which of a's dates pairs off is unknown
    (" and burned until Friday.", []),
])
def test_the_day_something_was_said_leaves_the_event_dates_to_be_compared(ending: str, expected: list) -> None:
    t = _comparisons(
        [["a", f"The fire broke out at the Hallam paint works on Thursday night{ending}"],
         ["b", "The fire broke out at the Hallam paint works on Wednesday night, officials said."]],
        [{"s": 0, "facet": "date", "text": "Thursday", "value": "2025-03-13", "key": "day"},
         {"s": 0, "facet": "date", "text": "Friday", "value": "2025-03-14", "key": "day"},
         {"s": 1, "facet": "date", "text": "Wednesday", "value": "2025-03-12", "key": "day"}])
    assert [(r["a_value"], r["b_value"], r["verdict"]) for r in t.comparisons.to_dict("records")] == expected


def test_the_day_something_was_said_is_not_set_against_the_day_of_the_event() -> None:
    facets = [{"s": 0, "facet": "date", "text": "Tuesday", "value": "2025-03-11", "key": "day"},
              {"s": 1, "facet": "date", "text": "Friday", "value": "2025-03-14", "key": "day"}]
    t = _comparisons(
        [["a", "The Hallam fire has burned 900 hectares since it was spotted on Tuesday."],
         ["b", "Fire officials said Friday the Hallam fire had burned 900 hectares."]], facets)
    assert "conflict" not in set(t.comparisons["verdict"])
    # two days of saying it are compared
    t = _comparisons(
        [["a", "Fire officials said on Tuesday the Hallam fire had burned 900 hectares."],
         ["b", "Fire officials said Friday the Hallam fire had burned 900 hectares."]], facets)
    assert list(t.comparisons["verdict"]) == ["conflict"]


def test_one_weekday_anchored_to_two_publication_dates_is_not_a_conflict() -> None:
    sentences = [["a", "The ferry Kestrel ran aground off Alvor on Monday, the coast guard said."],
                 ["b", "The ferry Kestrel ran aground off Alvor on Monday, the coast guard said."]]
    t = _comparisons(sentences, [
        {"s": 0, "facet": "date", "text": "Monday", "value": "2025-06-02", "key": "day",
         "noun": "Monday", "note": "relative: 'on Monday' anchored to 2025-06-04"},
        {"s": 1, "facet": "date", "text": "Monday", "value": "2025-06-09", "key": "day",
         "noun": "Monday", "note": "relative: 'on Monday' anchored to 2025-06-10"}])
    assert "conflict" not in set(t.comparisons["verdict"])
    # two different weekdays of one week are two dates
    t = _comparisons(sentences, [
        {"s": 0, "facet": "date", "text": "Monday", "value": "2025-06-02", "key": "day",
         "noun": "Monday", "note": "relative: 'on Monday' anchored to 2025-06-04"},
        {"s": 1, "facet": "date", "text": "Monday", "value": "2025-06-03", "key": "day",
         "noun": "Tuesday", "note": "relative: 'on Tuesday' anchored to 2025-06-04"}])
    assert list(t.comparisons["verdict"]) == ["conflict"]


def test_roles_of_one_person_are_compared() -> None:
    t = _comparisons(
        [["a", "Transport Minister Lea Vogt opened the Harbour Line tram on Monday morning."],
         ["b", "Minister of Transport Lea Vogt opened the Harbour Line tram on Monday morning."]],
        [{"s": 0, "facet": "person", "text": "Lea Vogt", "value": "Lea Vogt", "key": "Vogt",
          "role": "Transport Minister"},
         {"s": 1, "facet": "person", "text": "Lea Vogt", "value": "Lea Vogt", "key": "Vogt",
          "role": "Minister of Transport"}])
    (row,) = t.comparisons[t.comparisons["facet"] == "role"].to_dict("records")
    assert row["verdict"] == "agree"


def test_figures_counting_one_kind_of_thing_pair_by_noun_key() -> None:
    # "staff" / "employees" share a noun key, so the changed head count is a conflict (the
    # two figures are not the only noun-less ones, and their nouns are not alike as words).
    t = _comparisons(
        [["a", "The printing works in Carrow, which has 640 staff, will close in June."],
         ["b", "The printing works in Carrow, which has 460 employees, will close in June."]],
        [{"s": 0, "facet": "figure", "text": "640", "value": "640", "key": "people",
          "noun": "staff"},
         {"s": 1, "facet": "figure", "text": "460", "value": "460", "key": "people",
          "noun": "employees"}])
    rows = [r for r in t.comparisons.to_dict("records") if r["facet"] == "figure"]
    assert [r["verdict"] for r in rows] == ["conflict"]


def test_the_one_bare_figure_left_on_each_side_pairs_by_its_context_words() -> None:
    # the claims differ by an attribution, so their words are not alike enough; the changed
    # rise still stands before the same words ("wage increase") and is a conflict
    t = _comparisons(
        [["a", "The Harlow Port Company said the union agreed to a 6.5% wage increase, below "
               "the 9% it had demanded."],
         ["b", "The union agreed to a 7.5% wage increase, below the 9% it had demanded."]],
        [{"s": 0, "facet": "figure", "text": "6.5%", "value": "6.5", "key": "%"},
         {"s": 0, "facet": "figure", "text": "9%", "value": "9", "key": "%"},
         {"s": 1, "facet": "figure", "text": "7.5%", "value": "7.5", "key": "%"},
         {"s": 1, "facet": "figure", "text": "9%", "value": "9", "key": "%"}])
    rows = [(r["a_value"], r["b_value"], r["verdict"]) for r in t.comparisons.to_dict("records")
            if r["facet"] == "figure"]
    assert sorted(rows) == [("6.5%", "7.5%", "conflict"), ("9%", "9%", "agree")]


def _fig(s: int, text: str, value: str, key: str = "%", qualifier: str = "", noun: str = "") -> dict:
    return {"s": s, "facet": "figure", "text": text, "value": value, "key": key,
            "qualifier": qualifier, "noun": noun}


def test_a_rounded_figure_pairs_with_its_exact_form_before_others_by_noun() -> None:
    # "about 1.4%" is "1.41%" rounded: they pair, and the year's "roughly 11%" is left alone
    # instead of being set against the day's move
    t = _comparisons(
        [["a", "The Tavian krona firmed about 1.4% to 142.30 per dollar after the rate decision."],
         ["b", "The Tavian krona, down roughly 11% this year, firmed 1.41% to 142.30 per dollar "
               "after the rate decision."]],
        [_fig(0, "about 1.4%", "1.4", qualifier="approximately", noun="krona"),
         _fig(0, "142.30", "142.3", key=""),
         _fig(1, "roughly 11%", "11", qualifier="approximately", noun="krona"),
         _fig(1, "1.41%", "1.41"),
         _fig(1, "142.30", "142.3", key="")])
    rows = sorted((r["a_value"], r["b_value"], r["verdict"]) for r in t.comparisons.to_dict("records"))
    assert rows == [("142.30", "142.30", "agree"), ("about 1.4%", "1.41%", "agree")]


def test_a_bare_number_pairs_with_the_same_number_written_with_its_unit() -> None:
    t = _comparisons(
        [["a", "The Harlow All-Share Index closed down 1.8% at 4,812.55 points on Friday."],
         ["b", "The Harlow All-Share Index dropped 88.21 points, or 1.8%, to 4,812.55 on Friday."]],
        [_fig(0, "1.8%", "1.8"), _fig(0, "4,812.55 points", "4812.55", key="points"),
         _fig(1, "88.21 points", "88.21", key="points"), _fig(1, "1.8%", "1.8"),
         _fig(1, "4,812.55", "4812.55", key="")])
    assert set(t.comparisons["verdict"]) == {"agree"}


@pytest.mark.parametrize(("cue", "expected"), [
    ("As of", []),
    ("On", [("May 7, 2026", "May 6, 2026", "conflict")]),
])
def test_the_day_a_tally_was_reported_is_not_the_events_date(cue: str, expected: list) -> None:
    t = _comparisons(
        [["a", f"{cue} May 7, 2026, the Carrow fire brigade put the death toll at 14 with 37 injured."],
         ["b", "On May 6, 2026, the Carrow fire brigade put the death toll at 14 with 37 injured."]],
        [{"s": 0, "facet": "date", "text": "May 7, 2026", "value": "2026-05-07", "key": "day"},
         {"s": 1, "facet": "date", "text": "May 6, 2026", "value": "2026-05-06", "key": "day"}])
    assert [(r["a_value"], r["b_value"], r["verdict"]) for r in t.comparisons.to_dict("records")] == expected


def test_two_districts_named_for_one_thing_conflict() -> None:
    def district(s: int, name: str) -> dict:
        return {"s": s, "facet": "place", "text": name, "value": name, "key": "XX",
                "qualifier": "region"}

    t = _comparisons(
        [["a", "The Marrow Bridge links the Santa Lucia district on the north bank with the centre."],
         ["b", "The Marrow Bridge links the Vila Nova district on the north bank with the centre."]],
        [district(0, "Santa Lucia"), district(1, "Vila Nova")])
    (row,) = t.comparisons.to_dict("records")
    assert (row["a_value"], row["b_value"], row["verdict"]) == ("Santa Lucia", "Vila Nova", "conflict")
    assert row["subject"] == "place (district)"


def _org(s: int, name: str) -> dict:
    return {"s": s, "facet": "org", "text": name, "value": name}


def test_the_seat_of_a_body_is_not_the_place_of_the_event() -> None:
    """'the Drug Agency (DRA) in Varno' says where the agency sits; the shares closing 'in
    Marrowby' happened elsewhere. Two seats of one body are still compared."""
    event = "Shares in Kelt Pharma fell 9% on Monday in Marrowby after the Drug Agency ordered a recall."
    t = _comparisons(
        [["a", event],
         ["b", "The Drug Agency (DRA) in Varno ordered Kelt Pharma on Monday to recall its tablets."]],
        [_town(0, "Marrowby"), _org(0, "Drug Agency"), _org(1, "Drug Agency"), _town(1, "Varno")])
    assert t.groups["group_id"].nunique() == 1  # compared, and found in no conflict
    places = t.comparisons[t.comparisons["facet"] == "place"]
    assert "conflict" not in set(places["verdict"])
    t = _comparisons(
        [["a", "The Drug Agency in Marrowby ordered Kelt Pharma on Monday to recall its tablets."],
         ["b", "The Drug Agency (DRA) in Varno ordered Kelt Pharma on Monday to recall its tablets."]],
        [_org(0, "Drug Agency"), _town(0, "Marrowby"), _org(1, "Drug Agency"), _town(1, "Varno")])
    places = t.comparisons[t.comparisons["facet"] == "place"]
    assert list(zip(places["verdict"], places["method"], strict=True)) == [
        ("conflict", "different places, same role 'seat of drug agency'")]


# --- blind round 10: places beside regions, in quotes, "-based", "bound for"; speakers ---

def _region(s: int, name: str) -> dict:
    return {"s": s, "facet": "place", "text": name, "value": name, "key": "XX", "qualifier": "region"}


def _place_verdicts(sentences, facets) -> list[str]:
    t = _comparisons(sentences, facets)
    return list(t.comparisons[t.comparisons["facet"] == "place"]["verdict"])


def test_a_region_named_beside_the_city_leaves_the_city_to_be_compared() -> None:
    assert _place_verdicts(
        [["a", "The inverter plant in Marrowby, in the western state of Kelland, with 870 staff, will shut in 2028."],
         ["b", "The inverter plant in Selvane in the state of Kelland, with its 870 staff, will shut in 2028."]],
        [_town(0, "Marrowby"), _region(0, "Kelland"), _fig(0, "870", "870", "people", noun="staff"),
         _town(1, "Selvane"), _region(1, "Kelland"), _fig(1, "870", "870", "people", noun="staff")],
    ) == ["agree", "conflict"]


def test_a_place_inside_a_direct_quote_is_not_set_against_the_writers_place() -> None:
    assert "conflict" not in _place_verdicts(
        [["a", "\"Nobody will explain why it ends in a spreadsheet in Marrowby,\" said the union leader of the plant."],
         ["b", "The union leader said the plant would not close in Selvane without a fight."]],
        [_town(0, "Marrowby"), _town(1, "Selvane")])


def test_a_body_based_in_one_city_or_another_conflicts() -> None:
    assert _place_verdicts(
        [["a", "The stadium was designed by Marrowby-based studio Lanuza Arquitectos."],
         ["b", "The stadium has been designed by Selvane-based studio Lanuza Arquitectos."]],
        [_town(0, "Marrowby"), _town(1, "Selvane")]) == ["conflict"]


def test_the_port_a_ship_is_bound_for_is_its_place() -> None:
    assert _place_verdicts(
        [["a", "The tanker had loaded 78,500 tonnes of fuel oil and was bound for Marrowby."],
         ["b", "The tanker had loaded 78,500 tonnes of fuel oil and was bound for Selvane."]],
        [_town(0, "Marrowby"), _town(1, "Selvane")]) == ["conflict"]


@pytest.mark.parametrize(("x", "y", "same"), [
    ("Xoan Pereiro Lago", "Pereiro", True),  # the first of two surnames, alone
    ("Xoan Pereiro Lago", "Lago", True),
    ("Xoan Pereiro Lago", "Xoan", False),  # a given name is no surname
    ("Ana Pereiro", "Pereira", False),
])
def test_a_speaker_named_by_either_of_two_surnames_is_one_speaker(x: str, y: str, same: bool) -> None:
    assert same_speaker(x, y) is same


def _day(text: str, value: str, noun: str = "", note: str = "") -> dict:
    return {"facet": "date", "text": text, "value": value, "key": "day", "noun": noun, "note": note}


@pytest.mark.parametrize(("a", "b", "conflict"), [
    # a bare weekday put in the week before a written date of that weekday: one day
    (_day("on Monday", "2026-11-02", "Monday", "relative: 'on Monday' anchored to 2026-11-07"),
     _day("Monday 9 November", "2026-11-09", "Monday"), False),
    (_day("on Friday", "2026-10-30", "Friday", "relative: 'on Friday' anchored to 2026-11-05"),
     _day("tomorrow", "2026-11-06", "", "relative: 'tomorrow' anchored to 2026-11-05"), False),
    # another weekday is another day
    (_day("on Tuesday", "2026-11-10", "Tuesday", "relative: 'on Tuesday' anchored to 2026-11-07"),
     _day("Monday 9 November", "2026-11-09", "Monday"), True),
])
def test_a_bare_weekday_and_a_date_of_that_weekday_do_not_conflict(a, b, conflict) -> None:
    sentences = [["a", f"The minister will meet the bosses of both airlines {a['text']} to demand answers."],
                 ["b", f"The minister will meet the bosses of both airlines {b['text']} to demand answers."]]
    t = _comparisons(sentences, [{"s": 0, **a}, {"s": 1, **b}])
    dates = t.comparisons[t.comparisons["facet"] == "date"]
    assert ("conflict" in set(dates["verdict"])) is conflict


def test_a_body_based_in_one_city_or_another_conflicts_however_based_is_written() -> None:
    assert _place_verdicts(
        [["a", "The platform is run by Kestrel Data, a software company based in Marrowby, which blamed a faulty change."],
         ["b", "The platform is run by Kestrel Data, a Selvane-based software firm, which blamed a faulty change."]],
        [_town(0, "Marrowby"), _town(1, "Selvane")]) == ["conflict"]


def test_a_linked_pair_that_quotes_one_speaker_is_compared() -> None:
    """A quote's sentence linked to the group its introduction joined shares no date, figure
    or most words with the other outlet's sentence: the speaker's quote says it is one."""
    from checker.compare import _claims, compare_pairs

    claims, facets = build_tables(
        [["a", '"Our clinics are stretched but they are not overwhelmed," Ana Ruiz said in a statement, adding that beds were placed in corridors.'],
         ["b", '"Our clinics are stretched but they are not collapsing," she said.']],
        [{"s": 0, "facet": "quote", "text": "Our clinics are stretched but they are not overwhelmed",
          "value": "our clinics are stretched but they are not overwhelmed", "qualifier": "direct", "role": "Ana Ruiz"},
         {"s": 1, "facet": "quote", "text": "Our clinics are stretched but they are not collapsing",
          "value": "our clinics are stretched but they are not collapsing", "qualifier": "direct", "role": "Ana Ruiz"}])
    info = _claims(["a:1", "b:1"], claims, facets)
    rows = compare_pairs([("G1", "a:1", "b:1", True)], info, Thresholds())
    assert [(r["facet"], r["verdict"]) for r in rows] == [("quote", "compatible")]


def test_a_projected_level_is_not_set_against_the_level_a_quantity_has() -> None:
    t = _comparisons(
        [["a", "In the poll the Liberal Party would fall to 22 seats in the lower house."],
         ["b", "In the poll the Liberal Party holds 34 seats in the lower house."],
         ["c", "In the poll the Liberal Party would fall to 25 seats in the lower house."]],
        [{"s": 0, "facet": "figure", "text": "22 seats", "value": "22", "key": "seats"},
         {"s": 1, "facet": "figure", "text": "34 seats", "value": "34", "key": "seats"},
         {"s": 2, "facet": "figure", "text": "25 seats", "value": "25", "key": "seats"}])
    figures = t.comparisons[t.comparisons["facet"] == "figure"]
    # two projections are compared with each other, never with the seats held now
    assert sorted(zip(figures["a_value"], figures["b_value"], figures["verdict"], strict=True)) == [
        ("22 seats", "25 seats", "conflict")]


def test_a_speaker_named_by_title_alone_is_the_person_holding_that_title() -> None:
    t = _comparisons(
        [["a", "Ana Ruiz, the Controller General of Drugs, ordered the recall."],
         ["a", "The Controller General said: \"No child in this country should be hurt by a "
               "medicine meant to heal them.\""],
         ["b", "\"No child in this country should be harmed by a medicine meant to heal them,\" "
               "said Ana Ruiz."]],
        [{"s": 0, "facet": "person", "text": "Ana Ruiz", "value": "Ana Ruiz", "key": "Ruiz",
          "role": "the Controller General of Drugs"},
         {"s": 1, "facet": "quote", "text": "No child in this country should be hurt by a medicine meant to heal them.",
          "value": "no child in this country should be hurt by a medicine meant to heal them",
          "role": "Controller General"},
         {"s": 2, "facet": "quote", "text": "No child in this country should be harmed by a medicine meant to heal them,",
          "value": "no child in this country should be harmed by a medicine meant to heal them",
          "role": "Ana Ruiz"},
         {"s": 2, "facet": "person", "text": "Ana Ruiz", "value": "Ana Ruiz", "key": "Ruiz"}])
    compared = compare_groups(t.groups, t.claims, t.facets, Thresholds(),
                              mentions=t.mentions, entities=t.entities).comparisons
    quotes = compared[compared["facet"] == "quote"]
    # worded differently (quote_variant's), and compared at all only through the title
    assert list(quotes["verdict"]) == ["compatible"]
    assert list(quotes["note"]) == ["-\u201charmed\u201d +\u201churt\u201d"] or list(quotes["note"]) == [
        "-\u201churt\u201d +\u201charmed\u201d"]


@pytest.mark.parametrize(("b_text", "conflict"), [
    # b's date is in its "after" clause, a's before its own "after": two events
    ("Six people died after the Tarvo bridge collapsed on Tuesday evening, sending cars into the river.", False),
    # both dates before "after": the same event, told apart
    ("Rescuers resumed the search on Tuesday for nine people missing after the Tarvo bridge collapsed.", True),
])
def test_dates_on_either_side_of_a_clause_opener_date_two_events(b_text: str, conflict: bool) -> None:
    t = _comparisons(
        [["a", "Rescuers resumed the search on Wednesday for nine people missing after the Tarvo bridge "
               "collapsed, killing six."],
         ["b", b_text]],
        [{"s": 0, "facet": "date", "text": "Wednesday", "value": "2026-11-04", "key": "day"},
         {"s": 1, "facet": "date", "text": "Tuesday", "value": "2026-11-03", "key": "day"}])
    assert ("conflict" in set(t.comparisons["verdict"])) is conflict


def test_a_large_count_given_twice_is_one_figure_whatever_its_noun() -> None:
    # 'a' gives the pen's stock as salmon, 'b' as fish beside the salmon that escaped: the
    # stock pairs with the stock, and the escaped count is left alone
    t = _comparisons(
        [["a", "Alta Seafarms said the storm-damaged pen off Arnoya held about 180,000 salmon."],
         ["b", "Alta Seafarms said 46,800 salmon escaped from the storm-damaged pen off Arnoya, "
               "which held 180,000 fish."]],
        [_fig(0, "about 180,000", "180000", key="salmon", qualifier="approximately", noun="salmon"),
         _fig(1, "46,800", "46800", key="salmon", noun="salmon"),
         _fig(1, "180,000", "180000", key="fish", noun="fish")])
    rows = sorted((r["a_value"], r["b_value"], r["verdict"]) for r in t.comparisons.to_dict("records")
                  if r["facet"] == "figure")
    assert rows == [("about 180,000", "180,000", "agree")]


def test_a_small_count_given_twice_for_two_things_still_pairs_by_noun() -> None:
    t = _comparisons(
        [["a", "Twelve wagons left the rails and 12 people were hurt near the village."],
         ["b", "Fourteen wagons left the rails and 12 crew were checked near the village."]],
        [_fig(0, "Twelve", "12", key="wagons", noun="wagons"),
         _fig(0, "12", "12", key="people", noun="people"),
         _fig(1, "Fourteen", "14", key="wagons", noun="wagons"),
         _fig(1, "12", "12", key="crew", noun="crew")])
    rows = sorted((r["a_value"], r["b_value"], r["verdict"]) for r in t.comparisons.to_dict("records")
                  if r["facet"] == "figure")
    assert ("Twelve", "Fourteen", "conflict") in rows


def _place_role(text: str, town: str) -> str:
    from checker.compare import place_role_in

    at = text.index(town)
    return place_role_in(text, 0, {"text": town, "start": at, "end": at + len(town)})


def test_a_year_before_a_place_is_no_figure_measured_there() -> None:
    role = _place_role
    assert role("He was arrested on Sept. 12, 2025, in Zapopan.", "Zapopan") == "where"
    assert role("It beat the previous record, 53.7C at Turbat.", "Turbat") == "where the figure was"


def test_a_birthplace_has_a_role_of_its_own() -> None:
    role = _place_role
    assert role("The Leeuwarden-born left-hander won.", "Leeuwarden") == "born"
    assert role("The left-hander, born and raised in Groningen, won.", "Groningen") == "born"
    assert role("He won the final in Groningen.", "Groningen") == "where"


def test_a_share_in_words_pairs_only_with_a_figure_it_agrees_with() -> None:
    # "one in five running" counts the trains the other side does not: no conflict; "about
    # two-thirds" and "65%" agree
    t = _comparisons(
        [["a", "Only one in five long-distance trains was running, and about two-thirds of "
               "regional services were cancelled."],
         ["b", "Around 80% of long-distance trains and 65% of regional services were cancelled."]],
        [{**_fig(0, "one in five", "20", qualifier="approximately", noun="long-distance trains"),
          "note": FRACTION_NOTE},
         {**_fig(0, "about two-thirds", "66.67", qualifier="approximately"), "note": FRACTION_NOTE},
         _fig(1, "Around 80%", "80", qualifier="approximately", noun="long-distance trains"),
         _fig(1, "65%", "65")])
    rows = sorted((r["a_value"], r["b_value"], r["verdict"]) for r in t.comparisons.to_dict("records")
                  if r["facet"] == "figure")
    assert rows == [("about two-thirds", "65%", "agree")]


def test_a_quote_said_by_a_statement_is_compared_as_an_unnamed_speakers() -> None:
    from checker.compare import _claims, compare_pairs

    quote = "All 21 of our seafarers are safe, and that is the only thing that matters"
    claims, facets = build_tables(
        [["a", f'"{quote} tonight," Nikos Stavridis said.'],
         ["b", f'"{quote} today," the statement said.']],
        [{"s": 0, "facet": "quote", "text": f"{quote} tonight", "value": f"{quote.lower()} tonight",
          "qualifier": "direct", "role": "Nikos Stavridis"},
         {"s": 1, "facet": "quote", "text": f"{quote} today", "value": f"{quote.lower()} today",
          "qualifier": "direct", "role": "statement"}])
    info = _claims(["a:1", "b:1"], claims, facets)
    rows = compare_pairs([("G1", "a:1", "b:1", True)], info, Thresholds())
    assert [(r["facet"], r["subject"], r["verdict"]) for r in rows] == [
        ("quote", "Nikos Stavridis", "compatible")]


def test_two_values_in_common_let_a_third_change_more() -> None:
    from checker.compare import _claims, compare_pairs

    claims, facets = bidding_tables()
    info = _claims(["a:1", "b:1"], claims, facets)
    rows = compare_pairs([("G1", "a:1", "b:1", True)], info, Thresholds())
    assert ("17 minutes", "12 minutes", "conflict") in [
        (r["a_value"], r["b_value"], r["verdict"]) for r in rows if r["facet"] == "figure"]
