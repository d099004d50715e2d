"""Stage 5, match: content words, blocking, links and groups."""

from __future__ import annotations

import numpy as np
import pandas as pd
from claim_tables import bidding_tables, build_tables, run_tables
from hypothesis import given
from hypothesis import strategies as st

from checker.config import Thresholds
from checker.match import (
    FIGURE_CONTEXT_WORDS,
    GROUP_COLUMNS,
    build_profiles,
    candidate_pairs,
    content_terms,
    context_pairs,
    figure_context,
    match_claims,
)
from checker.match_bench import bench_matching
from checker.tables import empty_frame


def _groups(sentences, facets=()) -> dict[str, set[str]]:
    claims, facet_table = build_tables(sentences, list(facets))
    groups = run_tables(claims, facet_table).groups
    out: dict[str, set[str]] = {}
    for row in groups.itertuples(index=False):
        out.setdefault(row.group_id, set()).add(row.claim_id)
    return out


def _together(groups: dict[str, set[str]], *claim_ids: str) -> bool:
    return any(set(claim_ids) <= members for members in groups.values())


def test_content_terms_drop_stopwords_numbers_and_dates() -> None:
    text = "The council voted on Tuesday, 3.2.2026 to close 14 libraries."
    assert content_terms(text, ["3.2.2026"]) == ["council", "vot", "clos", "library"]
    assert content_terms("Signed, signing and signs", []) == ["sign", "sign", "sign"]
    assert content_terms("Ĺódź’s MAYOR") == content_terms("lodz's mayor")


def test_an_altered_number_or_date_keeps_the_match() -> None:
    groups = _groups([
        ["a", "The Brookfield council voted on March 3 to close the Elm Street library branch."],
        ["b", "The Brookfield council voted on March 5 to close the Elm Street library branch."],
        ["c", "The storm cut power to 1,200 households in Riverton, the utility said."],
        ["d", "The storm cut power to 2,100 households in Riverton, the utility said."],
    ])
    assert _together(groups, "a:1", "b:1")
    assert _together(groups, "c:1", "d:1")
    assert not _together(groups, "a:1", "c:1")


def test_every_compared_claim_is_in_exactly_one_group_and_junk_in_none() -> None:
    sentences = [
        ["a", "The Brookfield council voted to close the Elm Street library branch."],
        ["a", "Subscribe to our newsletter for council news.", "boilerplate"],
        ["b", "The Elm Street library branch will close, the Brookfield council voted."],
        ["b", "A caption of the Elm Street library branch council vote.", "caption"],
        ["c", "Ferry fares rise in April."],
    ]
    claims, facets = build_tables(sentences, [])
    groups = run_tables(claims, facets).groups
    assert list(groups.columns) == GROUP_COLUMNS
    compared = set(claims.loc[claims["compared"], "claim_id"])
    assert sorted(groups["claim_id"]) == sorted(compared)
    statuses = dict(zip(groups["claim_id"], groups["status"], strict=True))
    assert statuses["a:1"] == statuses["b:1"] == "corroborated"
    assert statuses["c:1"] == "single_source"


def test_loosely_similar_claims_do_not_chain() -> None:
    # a ~ b and b ~ c, but a and c share little: complete linkage keeps a and c apart.
    groups = _groups([
        ["a", "Harbour workers in Portmere began a strike over pay and night shifts."],
        ["b", "Harbour workers in Portmere began a strike over pay, halting container cranes "
              "and ferry loading."],
        ["c", "The strike halted container cranes and ferry loading at the terminal."],
    ])
    assert not _together(groups, "a:1", "c:1")


def test_a_third_paraphrase_joins_a_pair_it_matches_in_part() -> None:
    sentences = [
        ["a", "Marrowby Rail will buy the regional bus operator Tenfield Coaches for cash, "
              "creating the largest transport group in the valley."],
        ["b", "Marrowby Rail is to acquire Tenfield Coaches, forming the largest transport group "
              "in the valley, the two firms announced."],
        ["c", "Marrowby Rail said it will buy Tenfield Coaches for cash."],
    ]
    # b and c are too different to be linked on their own, but c is linked to a and near b.
    assert not _together(_groups([sentences[1], sentences[2]]), "b:1", "c:1")
    assert _together(_groups(sentences), "a:1", "b:1", "c:1")


def test_events_in_different_years_are_not_one_assertion() -> None:
    facets = [
        {"s": 0, "facet": "date", "text": "18 February 2025", "value": "2025-02-18", "key": "day"},
        {"s": 1, "facet": "date", "text": "3 February 2026", "value": "2026-02-03", "key": "day"},
    ]
    groups = _groups([
        ["a", "Trade Minister Pavel Hrubes met car makers at the Lindorf plant on 18 February 2025."],
        ["b", "Trade Minister Pavel Hrubes signed a battery deal with car makers at the Lindorf "
              "plant on 3 February 2026."],
    ], facets)
    assert not _together(groups, "a:1", "b:1")
    # the same words with another year: one assertion (compare reports the date conflict)
    groups = _groups([
        ["a", "Trade Minister Pavel Hrubes signed a battery deal at the Lindorf plant on 18 February 2025."],
        ["b", "Trade Minister Pavel Hrubes signed a battery deal at the Lindorf plant on 3 February 2026."],
    ], facets)
    assert _together(groups, "a:1", "b:1")


def test_an_end_date_is_not_the_year_of_the_event() -> None:
    facets = [
        {"s": 0, "facet": "date", "text": "March 2029", "value": "2029-03", "key": "month"},
        {"s": 1, "facet": "date", "text": "March 2030", "value": "2030-03", "key": "month"},
        {"s": 0, "facet": "place", "text": "Harwick", "value": "Harwick", "qualifier": "city"},
        {"s": 1, "facet": "place", "text": "Selsby", "value": "Selsby", "qualifier": "city"},
    ]
    groups = _groups([
        ["a", "The goalkeeper signed a contract until March 2029 after a medical in Harwick "
              "on Monday morning."],
        ["b", "The goalkeeper signed a contract until March 2030 after a medical in Selsby "
              "on Monday morning."],
    ], facets)
    assert _together(groups, "a:1", "b:1")


def _figure(s: int, text: str, value: str, noun: str = "", qualifier: str = "") -> dict:
    return {"s": s, "facet": "figure", "text": text, "value": value, "key": "%", "noun": noun,
            "qualifier": qualifier}


def test_claims_giving_different_quantities_are_not_one_assertion() -> None:
    sentences = [
        ["a", "The Dellmoor Electoral Board said participation was 58.2%, with 97% of ballot "
              "boxes counted."],
        ["b", "Mirela Vasko took about 39%, the Dellmoor Electoral Board said after counting "
              "97% of ballot boxes."],
    ]
    facets = [_figure(0, "58.2%", "58.2"), _figure(0, "97%", "97", "ballot boxes"),
              _figure(1, "about 39%", "39", qualifier="approximately"),
              _figure(1, "97%", "97", "ballot boxes")]
    assert not _together(_groups(sentences, facets), "a:1", "b:1")
    # the same quantity, rounded by one source, keeps the match
    sentences[1][1] = ("Participation was about 58%, the Dellmoor Electoral Board said after "
                       "counting 97% of ballot boxes.")
    facets[2] = _figure(1, "about 58%", "58", qualifier="approximately")
    assert _together(_groups(sentences, facets), "a:1", "b:1")


def _money(s: int, text: str, value: str, qualifier: str = "") -> dict:
    return {"s": s, "facet": "figure", "text": text, "value": value, "key": "EUR",
            "qualifier": qualifier}


def _year(s: int, text: str) -> dict:
    return {"s": s, "facet": "date", "text": text, "value": text, "key": "year"}


def test_the_same_figure_value_and_year_anchor_a_differently_worded_claim() -> None:
    sentences = [
        ["a", "Two-way commerce between the neighbours reached 2.4 billion euros in 2024, "
              "the envoy said."],
        ["b", "Bilateral commerce stood at about €2.4bn in 2024."],
    ]
    facets = [_money(0, "2.4 billion euros", "2400000000"), _year(0, "2024"),
              _money(1, "about €2.4bn", "2400000000", "approximately"), _year(1, "2024")]
    assert _together(_groups(sentences, facets), "a:1", "b:1")
    # another value: nothing anchors the two wordings, and they share one word
    sentences[1][1] = "Bilateral commerce stood at about €3.1bn in 2024."
    facets[2] = _money(1, "about €3.1bn", "3100000000", "approximately")
    assert not _together(_groups(sentences, facets), "a:1", "b:1")
    # the same value in another year, with no common content word, is no anchor either
    sentences[1][1] = "Ferry tolls yielded about €2.4bn in 2023."
    facets[2:] = [_money(1, "about €2.4bn", "2400000000", "approximately"), _year(1, "2023")]
    assert not _together(_groups(sentences, facets), "a:1", "b:1")


def test_short_claims_are_no_match_for_long_ones() -> None:
    groups = _groups([
        ["a", "Portmere harbour strike."],
        ["b", "The Portmere harbour strike entered its third week as talks over pay and night "
              "shifts collapsed and the union called new walkouts."],
    ])
    assert not _together(groups, "a:1", "b:1")


def test_candidate_pairs_need_two_shared_keys_and_different_sources() -> None:
    terms = [["alpha", "beta", "gamma"], ["alpha", "beta", "delta"], ["alpha", "beta", "gamma"],
             ["alpha", "zeta", "eta"]]
    pairs = candidate_pairs(terms, ["a", "b", "a", "c"])
    assert pairs.tolist() == [[0, 1], [1, 2]]  # 0-2: one source; 3 shares only one key
    # a key held by more claims than max_block says nothing
    many = [["common", f"rare{i // 2}", f"other{i // 2}"] for i in range(10)]
    pairs = candidate_pairs(many, [str(i) for i in range(10)], max_block=4)
    assert pairs.tolist() == [[2 * k, 2 * k + 1] for k in range(5)]


def test_candidate_pairs_use_entities_dates_and_figure_nouns() -> None:
    pairs = candidate_pairs([["x"], ["y"]], ["a", "b"], [["e:person:P1", "d:2025-03-03"],
                                                         ["e:person:P1", "d:2025-03-03"]])
    assert pairs.tolist() == [[0, 1]]


def test_match_is_deterministic_whatever_the_facet_order() -> None:
    sentences = [
        ["a", "The storm cut power to 1,200 households in Riverton, the utility said."],
        ["b", "The storm cut power to 2,100 households in Riverton, the utility said."],
        ["c", "Power to 1,200 households in Riverton was cut by the storm."],
    ]
    facets = [{"s": i, "facet": "figure", "text": t, "value": t.replace(",", ""),
               "key": "households", "noun": "households"}
              for i, t in enumerate(["1,200", "2,100", "1,200"])]
    claims, facet_table = build_tables(sentences, facets)
    empty_mentions = empty_frame(["claim_id", "facet", "entity_id"])
    first = match_claims(claims, facet_table, empty_mentions, Thresholds())
    shuffled = facet_table.sample(frac=1.0, random_state=3).reset_index(drop=True)
    second = match_claims(claims, shuffled, empty_mentions, Thresholds())
    pd.testing.assert_frame_equal(first, second)


def test_profiles_record_facets_for_blocking() -> None:
    claims, facets = build_tables(
        [["a", "On 3.2.2026 the pact was signed in Lyon."]],
        [{"s": 0, "facet": "date", "text": "3.2.2026", "value": "2026-02-03", "key": "day",
          "note": "ambiguous; also 2026-03-02"},
         {"s": 0, "facet": "place", "text": "Lyon", "value": "Lyon", "key": "FR", "qualifier": "city"}])
    (profile,) = build_profiles(claims, facets, empty_frame(["claim_id", "facet", "entity_id"]))
    assert profile.dates == {"2026-02-03", "2026-03-02"}
    assert profile.years == {"2026"}
    assert profile.places == {"lyon"}
    assert "d:2026-02-03" in profile.block_keys()


def test_benchmark_finds_planted_paraphrases_without_all_pairs() -> None:
    result = bench_matching(1500, seed=1, baseline=False)
    assert result.n_planted > 100
    assert result.recall >= 0.95
    assert result.candidate_pairs < 1500 * 20  # all pairs would be ~1.1 million
    assert np.isfinite(result.seconds)


def test_a_figure_context_is_its_neighbouring_content_words_in_its_clause() -> None:
    text = "The union agreed to a 7.5% wage increase over two years, below the 9% demanded."
    assert figure_context(text, "7.5%") == {"union", "agre", "wage", "increas"}
    assert figure_context(text, "9%") == {"demand"}  # "below the" are stopwords; the comma ends
    assert figure_context(text, "12%") == frozenset()
    assert figure_context("Turnout was 61%, with 98% counted.", "61%") == {"turnout"}


def test_a_changed_bare_figure_in_the_same_words_keeps_the_match() -> None:
    # Each claim keeps one noun-less % figure nothing in the other accounts for; the claims'
    # words differ by an attribution, but the two figures stand before "wage increase".
    sentences = [
        ["a", "The Harlow Port Company said the union agreed to a 6.5% wage increase over two "
              "years, below the 9% it had demanded."],
        ["b", "The union agreed to a 7.5% wage increase over two years, below the 9% it had "
              "demanded."],
    ]
    facets = [_figure(0, "6.5%", "6.5"), _figure(0, "9%", "9"),
              _figure(1, "7.5%", "7.5"), _figure(1, "9%", "9")]
    assert _together(_groups(sentences, facets), "a:1", "b:1")


@given(st.text(max_size=80), st.text(min_size=1, max_size=8))
def test_a_figure_context_holds_only_the_texts_own_words(text: str, figure: str) -> None:
    context = figure_context(text, figure)
    assert context <= set(content_terms(text))
    assert len(context) <= 2 * FIGURE_CONTEXT_WORDS
    if figure not in text:
        assert context == frozenset()


def test_a_figure_context_is_read_where_the_figure_stands_not_inside_a_number() -> None:
    text = "In 2025 the port hired 5 dockers for the night shift"
    assert figure_context(text, "5") == frozenset(content_terms("port hired dockers night"))
    assert figure_context("Turnout rose to 15%", "5%") == frozenset()


def test_context_pairs_are_one_to_one_same_unit_most_shared_words_first() -> None:
    left_a = {0: ("%", frozenset({"inflation", "fell"})), 1: ("%", frozenset({"target", "rang"})),
              2: ("days", frozenset({"strike"}))}
    left_b = {5: ("%", frozenset({"inflation", "fell"})), 6: ("%", frozenset({"inflation"})),
              7: ("%", frozenset({"strike"}))}
    assert context_pairs(left_a, left_b) == [(0, 5)]
    assert context_pairs({}, left_b) == []


def _quote(s: int, text: str) -> dict:
    return {"s": s, "facet": "quote", "text": text, "value": text.lower(), "qualifier": "direct"}


def test_nearly_the_same_quote_anchors_two_differently_framed_claims() -> None:
    sentences = [
        ["a", '"The next two weeks are critical for the valley," Dr Ana Ruiz told reporters.'],
        ["b", '"The next two months are critical for the valley," the minister said in Varno.'],
    ]
    facets = [_quote(0, "The next two weeks are critical for the valley"),
              _quote(1, "The next two months are critical for the valley")]
    assert _together(_groups(sentences, facets), "a:1", "b:1")
    # another statement with a few words in common is no anchor
    sentences[1][1] = '"The valley roads are open again," the minister said in Varno.'
    facets[1] = _quote(1, "The valley roads are open again")
    assert not _together(_groups(sentences, facets), "a:1", "b:1")


def _quote(s: int, text: str) -> dict:
    return {"s": s, "facet": "quote", "text": text, "value": " ".join(text.lower().replace(",", "").split()),
            "qualifier": "direct", "role": "Mayor Ana Ruiz"}


def test_a_short_part_of_a_quotation_is_matched_by_the_whole_quotation() -> None:
    """'"We will not reopen the old bridge this year. Not one lane," she said': the second
    part is too short to match on its own words; two sources' parts meet through the whole
    quotation, each with its own part (never the other part)."""
    first = "We will not reopen the old bridge this year."
    sentences = [
        ["a", f'"{first}'], ["a", 'Not one lane," the mayor said.'],
        ["b", f'"{first}'], ["b", 'Not one car," Ruiz told reporters.'],
    ]
    facets = [_quote(0, first.rstrip(".")), _quote(1, "Not one lane"),
              _quote(2, first.rstrip(".")), _quote(3, "Not one car")]
    groups = _groups(sentences, facets)
    assert _together(groups, "a:2", "b:2")
    assert _together(groups, "a:1", "b:1")
    assert not _together(groups, "a:1", "b:2")


def test_a_figure_opening_its_clause_takes_the_words_of_the_clause_before() -> None:
    assert figure_context("The bridge, 180 metres long, was opened in 1968.", "180 metres") == {"bridg", "long"}
    # words of its own clause, even stopwords alone, keep it to its clause
    assert figure_context("It rose 7%, below the 9% demanded.", "9%") == {"demand"}


def test_event_terms_name_one_event_in_different_words() -> None:
    from checker.match import event_terms

    assert event_terms("The new rules will take effect on 1 April.") == ["in-force"]
    assert event_terms("The regime is due to come into force on Monday.") == ["in-force"]
    assert event_terms("It will apply in all 26 counties from March 1.") == ["in-force"]
    assert event_terms("Police detained him in Zapopan.") == ["arrest"]
    assert event_terms("The rules were welcomed by tenants.") == []
    assert event_terms("She applied for asylum from Syria.") == []


def test_a_changed_figure_beside_two_values_in_common_links_the_claims() -> None:
    from checker.match import TermWeights, anchored_by_changed_value, link

    claims, facets = bidding_tables()
    a, b = build_profiles(claims, facets, empty_frame(["claim_id", "entity_id", "facet"]))
    assert anchored_by_changed_value(a, b)  # 17 -> 12 is more than a third, beside two values
    assert link(a, b, 50.0, Thresholds(), TermWeights([a, b])) is not None
