"""Stage 4 - resolve: person, organisation and title mentions resolved to entities.

Hand-made facet tables (as the facets stage gives them) about invented stories; the seeds
are covered through the whole pipeline in test_checks_entities.py."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from checker.config import Thresholds
from checker.facets import FACET_COLUMNS
from checker.resolve import (
    ENTITY_COLUMNS,
    MENTION_COLUMNS,
    _with_orgs,  # the title keys' body labels, tested directly
    canonical_title,
    classify_title_difference,
    is_rank_title,
    org_owner,
    org_spelling,
    org_structure,
    parse_name,
    resolve_entities,
    skeleton,
    spelling_key,
    title_difference,
    title_tokens,
    titles_fit,
)
from checker.segment import CLAIM_COLUMNS


def tables(sentences: list[tuple[str, str]], facets: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    claims, offsets, counts = [], {}, {}
    for source, text in sentences:
        counts[source] = counts.get(source, 0) + 1
        start = offsets.get(source, 0)
        offsets[source] = start + len(text) + 1
        claims.append({"claim_id": f"{source}:{counts[source]}", "source": source, "n": counts[source],
                       "unit": "segment", "parent": "", "line": counts[source], "start": start,
                       "end": start + len(text), "class": "claim", "reason": "", "text": text,
                       "speaker": "", "compared": True})
    rows, cursor = [], {}
    for f in facets:
        claim = claims[f["s"]]
        pos = claim["text"].index(f["text"], cursor.get(f["s"], 0))
        cursor[f["s"]] = pos + 1
        rows.append({"claim_id": claim["claim_id"], "source": claim["source"], "facet": f.get("facet", "person"),
                     "start": claim["start"] + pos, "end": claim["start"] + pos + len(f["text"]),
                     "text": f["text"], "value": f.get("value", f["text"]), "key": f.get("key", ""),
                     "role": f.get("role", ""), "title": f.get("title", ""), "qualifier": "", "noun": "",
                     "note": f.get("note", "")})
    return (pd.DataFrame(rows, columns=FACET_COLUMNS),
            pd.DataFrame(claims).reindex(columns=CLAIM_COLUMNS, fill_value=""))


def person(s: int, text: str, value: str = "", **kw: str) -> dict:
    value = value or text
    return {"s": s, "facet": "person", "text": text, "value": value, "key": kw.pop("key", value.split()[-1]), **kw}


def entity_of(result, written: str, facet: str = "person") -> set[str]:
    m = result.mentions
    return set(m[(m["facet"] == facet) & (m["written"] == written)]["entity_id"])


# ---- keys ----------------------------------------------------------------------------------

def test_spelling_key_ignores_case_accents_apostrophes_and_hyphens() -> None:
    assert spelling_key("Ra’ad Haddad") == spelling_key("RA'AD haddad") == spelling_key("Raad Haddad")
    assert spelling_key("Dinéscu") == spelling_key("Dinescu")
    assert spelling_key("Jean-Luc") == spelling_key("Jeanluc")
    assert spelling_key("Przybyłowski") == spelling_key("Przybylowski")  # ł has no accent to drop


def test_skeleton_drops_vowels_and_applies_transliteration_folds() -> None:
    assert skeleton("Marom") == skeleton("Merom")
    assert skeleton("Kovalenko") == skeleton("Kovalenco")
    assert skeleton("Guliyev") == skeleton("Guliev")
    assert skeleton("Hasanli") == skeleton("Gasanli")
    assert skeleton("Hajiyev") == skeleton("Gadzhiev")  # the seeds' transliteration pair
    assert skeleton("Guliyev") != skeleton("Nuriyev") != skeleton("Kuliyev")


def test_parse_name_finds_given_name_initial_and_surname() -> None:
    name = parse_name("Olena Kovalenko", "Kovalenko")
    assert (name.given, name.initial, name.surname, name.full) == ("olena", False, "kovalenko", True)
    assert parse_name("J. Rowe", "Rowe").initial
    assert not parse_name("Rowe's", "Rowe").full
    assert parse_name("Ursula von der Leyen", "von der Leyen").surname == "von der leyen"


@pytest.mark.parametrize(("title", "tokens"), [
    ("university president Professor", ("university", "president")),
    ("Vice Chancellor Prof.", ("vice", "chancellor")),
    ("Associate Professor", ("associate", "professor")),
    ("Professor", ("professor",)),
    ("team doctor", ("team", "doctor")),
])
def test_an_academic_title_after_an_office_is_not_part_of_it(title: str, tokens: tuple[str, ...]) -> None:
    assert title_tokens(title) == tokens


def test_title_tokens_expand_abbreviations_and_drop_owner() -> None:
    assert title_tokens("Gen. (res.)") == ("general", "reserve")
    assert title_tokens("Lt.-Col.") == ("lieutenant", "colonel")
    assert title_tokens("Moldova's Minister of Transport") == title_tokens("Minister of Transport of Moldova")
    assert title_tokens("Moldovan Foreign Minister") == ("foreign", "minister")
    assert title_tokens("Moldovan") == ()


def test_a_bodys_possessive_before_a_lower_case_office_is_the_body_it_is_of() -> None:
    assert title_tokens("vice-president of Tarbex's management board") == title_tokens(
        "vice-president of the management board of Tarbex")
    assert title_tokens("member of the Orlen Group's supervisory board") == (
        "member", "of", "supervisory", "board", "of", "orlen", "group")
    # a named unit after the possessive stays where it is; a lower-case owner is no body
    assert title_tokens("head of the police's Central Prefecture") == ("head", "of", "central", "prefecture")
    assert title_tokens("chair of the city council's budget committee")[-2:] == ("budget", "committee")


@pytest.mark.parametrize(("a", "b", "kind"), [
    ("Minister of Culture and Tourism", "Minister of Culture, Heritage and Tourism", "wording"),
    ("Minister of Finance", "Minister of Defence", "wording"),
    ("Minister of Health", "Deputy Minister of Health", "wording"),
    ("Gen.", "Brigadier General", "rank-short"),
    ("Major General", "Brigadier General", "rank"),
    ("Minister", "Minister of Finance", "detail"),
    ("Foreign Minister", "Moldovan Foreign Minister", "same"),
    ("Col.", "Colonel", "same"),  # as tokens; title_difference tells the abbreviation apart
    ("General (res.)", "General", "detail"),
    ("Deputy Mayor of the northern port town of Velden", "Velden Deputy Mayor", "same"),
    ("Former Mayor of Velden", "Mayor of Velden", "wording"),
    ("Secretary of State of Vermont", "Vermont Secretary of State", "detail"),
    ("head of macro research", "head of macroeconomic research", "same"),  # a shortening
    ("head of micro lending", "head of macroeconomic research", "wording"),
    ("Club president", "SD Ebro Norte president", "same"),  # a club's name needs no head noun
    ("Club president", "Club secretary", "wording"),
    ("minister of youth, sports and recreation", "Sports minister", "detail"),  # one field of a list
    ("Minister of Development and Technology", "Minister of Economic Development and Technology",
     "wording"),  # a word inside one field, not a field of a list
    ("Minister of Internal Affairs", "Interior Minister", "same"),
    ("Group CEO of Acme", "group chief executive officer", "detail"),  # a company's level, no portfolio
])
def test_classify_title_difference(a: str, b: str, kind: str) -> None:
    assert classify_title_difference(title_tokens(a), title_tokens(b)) == kind


def test_title_difference_tells_rank_abbreviations_apart() -> None:
    assert title_difference("lt col", "lieutenant colonel") == "rank-abbreviation"
    assert title_difference("gen res", "brigadier general res") == "rank-short"
    assert title_difference("minister of finance", "minister of finance") == "same"


def test_titles_fit() -> None:
    th = Thresholds()
    assert titles_fit(title_tokens("Gen."), title_tokens("Brigadier General"), th)
    assert titles_fit(title_tokens("Minister"), title_tokens("Minister of Finance"), th)
    assert titles_fit(title_tokens("Minister of Finance"), title_tokens("mayor of Lviv"), th) is False
    assert titles_fit(title_tokens("Colonel"), title_tokens("Minister of Finance"), th) is None


def test_a_body_s_possessive_before_or_inside_a_title_is_the_body_it_is_of() -> None:
    orgs = [(("rhino", "guardians", "trust"), "<trust>"), (("crime", "unit"), "<unit>")]
    assert _with_orgs(title_tokens("The Rhino Guardians Trust's chief executive"), orgs) == (
        "chief", "executive", "of", "<trust>")
    assert _with_orgs(title_tokens("chief executive of the Rhino Guardians Trust"), orgs) == (
        "chief", "executive", "of", "<trust>")
    assert _with_orgs(("commander", "of", "polices", "crime", "unit"), orgs) == ("commander", "of", "<unit>")


def test_org_keys() -> None:
    assert org_spelling("the Moldovan Rail Agency") == org_spelling("Rail Agency of Moldova") == "rail agency"
    assert org_owner("Rail Agency of Moldova", "") == org_owner("Moldovan Rail Agency", "") == "MD"
    assert org_owner("Rail Agency", "Moldova's") == "MD"
    head, modifiers, _ = org_structure(org_spelling("National Authority for Water"))
    assert (head, modifiers) == ("authority", ("national", "water"))
    assert org_structure("moldova central bank")[:2] == org_structure(org_spelling("Central Bank of Moldova"))[:2]
    # a leading country before "<Head> of" is the owner; a country inside the name is not
    assert org_spelling("U.S. Department of Health") == org_spelling("Department of Health")
    assert org_spelling("UK Ministry of Defence") == "ministry of defence"
    assert org_owner("U.S. Department of Health", "") == "US"
    assert org_spelling("Israel Defence Forces") == "israel defence forces"
    assert org_spelling("Moldova Central Bank") == "moldova central bank"
    # a union of countries before a body it owns (data/org_bloc_owners.txt)
    assert org_spelling("EU Cohesion Fund") == org_spelling("Cohesion Fund") == "cohesion fund"
    assert org_spelling("EU Commission") == "eu commission"  # one word left: the name itself
    # a leading country before a body it owns, also written in two words or with "for"
    assert org_spelling("U.S. State Department") == org_spelling("State Department") == "department of state"
    assert (org_spelling("United States District Court for the Southern District of Texas")
            == org_spelling("District Court for the Southern District of Texas"))


# ---- people --------------------------------------------------------------------------------

def test_variant_spellings_of_one_person_are_one_entity() -> None:
    f, c = tables(
        [("a", "Olena Kovalenko, head of the Rail Agency, spoke."),
         ("b", "Olena Kovalenco, head of the Rail Agency, spoke.")],
        [person(0, "Olena Kovalenko", role="head of the Rail Agency"),
         person(1, "Olena Kovalenco", role="head of the Rail Agency")],
    )
    r = resolve_entities(f, c)
    assert entity_of(r, "Olena Kovalenko") == entity_of(r, "Olena Kovalenco") == {"P1"}
    people = r.mentions[r.mentions["facet"] == "person"]
    assert people["spelling"].nunique() == 2
    # one source each: the alphabetically first spelling is canonical, the other scored
    (variant,) = people[people["score"] < 100].itertuples()
    assert variant.written == "Olena Kovalenko"
    assert "role=same" in variant.method and "given=equal" in variant.method


def test_surnames_two_letters_apart_are_one_person_only_with_one_outlets_slip_and_one_office() -> None:
    role = "director of the Tenants' Rights Alliance"
    sentences = [("a", f"Niamh Gorman, {role}, spoke."), ("b", f"Niamh Gorman, {role}, agreed."),
                 ("c", f"Niamh Gorham, {role}, said so.")]
    f, c = tables(sentences, [person(0, "Niamh Gorman", role=role), person(1, "Niamh Gorman", role=role),
                              person(2, "Niamh Gorham", role=role)])
    r = resolve_entities(f, c)
    assert entity_of(r, "Niamh Gorman") == entity_of(r, "Niamh Gorham")
    # another office, or only two outlets (no one outlet's slip against two): two people
    other = [("a", f"Niamh Gorman, {role}, spoke."), ("b", f"Niamh Gorman, {role}, agreed."),
             ("c", "Niamh Gorham, a landlord in Galway, said so.")]
    f, c = tables(other, [person(0, "Niamh Gorman", role=role), person(1, "Niamh Gorman", role=role),
                          person(2, "Niamh Gorham", role="a landlord in Galway")])
    r = resolve_entities(f, c)
    assert entity_of(r, "Niamh Gorman") != entity_of(r, "Niamh Gorham")
    f, c = tables(sentences[1:], [person(0, "Niamh Gorman", role=role), person(1, "Niamh Gorham", role=role)])
    r = resolve_entities(f, c)
    assert entity_of(r, "Niamh Gorman") != entity_of(r, "Niamh Gorham")


def test_surname_only_mentions_attach_to_the_unique_full_name() -> None:
    f, c = tables(
        [("a", "Minister Olena Kovalenko arrived."), ("a", "Minister Kovalenko said yes."),
         ("b", "Kovalenko's plan passed.")],
        [person(0, "Minister Olena Kovalenko", "Olena Kovalenko", title="Minister"),
         person(1, "Minister Kovalenko", "Kovalenko", title="Minister"),
         person(2, "Kovalenko's", "Kovalenko")],
    )
    r = resolve_entities(f, c)
    people = r.mentions[r.mentions["facet"] == "person"]
    assert set(people["entity_id"]) == {"P1"}
    assert set(people["spelling"]) == {"olena kovalenko"}
    assert r.entities.set_index("entity_id").loc["P1", "canonical"] == "Olena Kovalenko"


def test_an_ambiguous_surname_stays_its_own_entity() -> None:
    f, c = tables(
        [("a", "Ana Ruiz and Marta Ruiz met."), ("b", "Ruiz said no.")],
        [person(0, "Ana Ruiz"), person(0, "Marta Ruiz"), person(1, "Ruiz")],
    )
    r = resolve_entities(f, c)
    assert len(entity_of(r, "Ruiz") | entity_of(r, "Ana Ruiz") | entity_of(r, "Marta Ruiz")) == 3


def test_a_surname_only_mention_in_the_same_source_wins_an_ambiguity() -> None:
    f, c = tables(
        [("a", "Ana Ruiz spoke."), ("a", "Ruiz left."), ("b", "Marta Ruiz spoke.")],
        [person(0, "Ana Ruiz"), person(1, "Ruiz"), person(2, "Marta Ruiz")],
    )
    r = resolve_entities(f, c)
    assert entity_of(r, "Ruiz") == entity_of(r, "Ana Ruiz")


def test_similar_names_with_different_given_names_or_roles_are_not_merged() -> None:
    f, c = tables(
        [("a", "Rustam Guliyev met Farid Kuliyev."), ("b", "Anar Nuriyev, the mayor, spoke."),
         ("c", "Ivan Petrenko, Minister of Finance, spoke."), ("d", "Ivan Petrenkov, mayor of Lviv, spoke.")],
        [person(0, "Rustam Guliyev"), person(0, "Farid Kuliyev"), person(1, "Anar Nuriyev", role="the mayor"),
         person(2, "Ivan Petrenko", role="Minister of Finance"), person(3, "Ivan Petrenkov", role="mayor of Lviv")],
    )
    r = resolve_entities(f, c)
    assert r.mentions[r.mentions["facet"] == "person"]["entity_id"].nunique() == 5


def test_close_names_without_roles_in_different_sources_are_one_person() -> None:
    # documented choice: same given name, one letter added, nothing in the context against
    f, c = tables([("a", "Ivan Petrenko spoke."), ("b", "Ivan Petrenkov spoke.")],
                  [person(0, "Ivan Petrenko"), person(1, "Ivan Petrenkov")])
    r = resolve_entities(f, c)
    assert entity_of(r, "Ivan Petrenko") == entity_of(r, "Ivan Petrenkov")


# ---- titles --------------------------------------------------------------------------------

def test_title_mentions_belong_to_their_person_and_point_at_the_text() -> None:
    sentences = [("a", "Col. Avi Marom, Minister of Transport of Estonia, spoke."),
                 ("b", "Colonel Avi Marom, Estonia's Minister of Transport, spoke.")]
    f, c = tables(sentences, [
        person(0, "Col. Avi Marom", "Avi Marom", title="Col.", role="Minister of Transport of Estonia"),
        person(1, "Colonel Avi Marom", "Avi Marom", title="Colonel", role="Estonia's Minister of Transport"),
    ])
    r = resolve_entities(f, c)
    titles = r.mentions[r.mentions["facet"] == "title"]
    assert set(titles["owner"]) == {"P1"}
    assert titles["mention_id"].is_unique
    assert sorted(titles["mention_id"].str.rsplit(":", n=1).str[1]) == ["role", "role", "title", "title"]
    article = {"a": sentences[0][1], "b": sentences[1][1]}
    for t in titles.itertuples():
        assert article[t.source][t.written_start:t.written_end] == t.written
    assert set(titles["written"]) == {"Col.", "Colonel", "Minister of Transport"}
    ents = r.entities[r.entities["facet"] == "title"]
    assert (ents["owner_name"] == "Avi Marom").all() and len(ents) == 2
    # the rank keeps its abbreviation (a low-severity variant); the office does not vary
    ranks = titles[titles["written"].isin(["Col.", "Colonel"])]
    assert ranks["spelling"].nunique() == 2 and ranks["entity_id"].nunique() == 1
    assert (titles[titles["written"] == "Minister of Transport"]["spelling"] == "").all()


def test_former_is_style_only_when_one_source_writes_the_title_both_ways() -> None:
    def title_spellings(roles: list[tuple[str, str]]) -> set[str]:
        sentences = [(src, f"Ivo Brandt, {role}, spoke.") for src, role in roles]
        f, c = tables(sentences, [person(i, "Ivo Brandt", role=role)
                                  for i, (_, role) in enumerate(roles)])
        titles = resolve_entities(f, c).mentions.query("facet == 'title'")
        return set(titles["spelling"]) - {""}

    # one outlet says "former", the other does not: is he still in office?
    assert title_spellings([("a", "former deputy mayor"), ("b", "deputy mayor")])
    # the first outlet itself writes both: "former" is its style
    assert not title_spellings([("a", "former deputy mayor"), ("a", "deputy mayor"),
                                ("b", "deputy mayor")])
    assert not title_spellings([("a", "ex-minister of finance"), ("a", "minister of finance"),
                                ("b", "minister of finance")])
    # "ex-" goes, the office stays: another portfolio is still a difference
    assert title_spellings([("a", "ex-minister of finance"), ("a", "minister of finance"),
                            ("b", "minister of defence")])


@pytest.mark.parametrize(("told", "titled", "one_office"), [
    # a word of the committee swapped: one office, worded two ways (title_variant reports it)
    ("chairs the city council's transport committee", "chair of the city council's budget committee", True),
    # worded freely: not set against each other
    ("leads the mountain rescue brigade", "head of the mountain rescue brigade", False),
    ("heads the hospital's cardiology department", "head of cardiology at the hospital", False),
    ("chairs the voluntary group Bike Action", "chair of the campaign group Bike Action", False),
])
def test_an_office_told_by_a_verb_is_one_office_only_with_a_word_of_its_body_swapped(
        told: str, titled: str, one_office: bool) -> None:
    sentences = [("a", f"Ivo Brandt, who {told}, spoke."), ("b", f"Ivo Brandt, {titled}, spoke.")]
    f, c = tables(sentences, [person(0, "Ivo Brandt", role=told, note="role verb at 0-0"),
                              person(1, "Ivo Brandt", role=titled)])
    titles = resolve_entities(f, c).mentions.query("facet == 'title'")
    assert len(titles) == 2
    assert (titles["entity_id"].nunique() == 1) == one_office


def test_names_in_hedged_and_opinion_sentences_are_resolved_but_not_in_furniture() -> None:
    sentences = [("a", "Fire chief Dana Whitfield said the front could reach the town."),
                 ("b", "Fire chief Dana Whitfeld ordered the evacuation."),
                 ("c", "Photo by Dana Whitfold.")]
    f, c = tables(sentences, [person(0, "Dana Whitfield"), person(1, "Dana Whitfeld"),
                              person(2, "Dana Whitfold")])
    c.loc[0, ["class", "compared"]] = ["hedged", False]
    c.loc[2, ["class", "compared"]] = ["caption", False]
    m = resolve_entities(f, c).mentions
    assert set(m["written"]) == {"Dana Whitfield", "Dana Whitfeld"}
    assert m["entity_id"].nunique() == 1


# ---- organisations -------------------------------------------------------------------------

def test_org_variants_and_different_bodies() -> None:
    f, c = tables(
        [("a", "The Central Bank of Moldova and the Ministry of Defence met."),
         ("b", "Moldova Central Bank staff met the Ministry of Finance.")],
        [{"s": 0, "facet": "org", "text": "Central Bank of Moldova"},
         {"s": 0, "facet": "org", "text": "Ministry of Defence"},
         {"s": 1, "facet": "org", "text": "Moldova Central Bank"},
         {"s": 1, "facet": "org", "text": "Ministry of Finance"}],
    )
    r = resolve_entities(f, c)
    assert entity_of(r, "Central Bank of Moldova", "org") == entity_of(r, "Moldova Central Bank", "org")
    assert entity_of(r, "Ministry of Defence", "org") != entity_of(r, "Ministry of Finance", "org")


def test_one_name_around_two_head_nouns_is_one_body_with_three_words_in_common() -> None:
    f, c = tables(
        [("a", "The Illinois Department of Public Health tracks open beds every hour."),
         ("b", "The Illinois Office of Public Health said it is monitoring bed capacity."),
         ("c", "The Ministry of Health and the Office of Health sent nurses.")],
        [{"s": 0, "facet": "org", "text": "Illinois Department of Public Health"},
         {"s": 1, "facet": "org", "text": "Illinois Office of Public Health"},
         {"s": 2, "facet": "org", "text": "Ministry of Health"},
         {"s": 2, "facet": "org", "text": "Office of Health"}],
    )
    r = resolve_entities(f, c)
    assert (entity_of(r, "Illinois Department of Public Health", "org")
            == entity_of(r, "Illinois Office of Public Health", "org"))
    # one word in common is not enough, and one sentence naming both speaks of two bodies
    assert entity_of(r, "Ministry of Health", "org") != entity_of(r, "Office of Health", "org")


def test_one_person_of_two_names_around_head_nouns_of_one_family_makes_them_one_body() -> None:
    f, c = tables(
        [("a", "Ana Ruiz, regional officer of the Danish Nursing and Midwifery Union, said staff worked double shifts."),
         ("b", "Ana Ruiz of the Danish Nursing and Midwifery Federation said nurses went above and beyond."),
         ("c", "Ben Cole of the Danish Dockers Union and Ada Kim of the Danish Dockers Federation spoke.")],
        [person(0, "Ana Ruiz"), {"s": 0, "facet": "org", "text": "Danish Nursing and Midwifery Union"},
         person(1, "Ana Ruiz"), {"s": 1, "facet": "org", "text": "Danish Nursing and Midwifery Federation"},
         person(2, "Ben Cole"), {"s": 2, "facet": "org", "text": "Danish Dockers Union"},
         person(2, "Ada Kim"), {"s": 2, "facet": "org", "text": "Danish Dockers Federation"}],
    )
    r = resolve_entities(f, c)
    assert (entity_of(r, "Danish Nursing and Midwifery Union", "org")
            == entity_of(r, "Danish Nursing and Midwifery Federation", "org"))
    # two people, each of their own body, named in one sentence: two bodies
    assert entity_of(r, "Danish Dockers Union", "org") != entity_of(r, "Danish Dockers Federation", "org")


def test_head_nouns_of_different_families_are_two_bodies() -> None:
    f, c = tables(
        [("a", "Most of the injured were taken to the Regional Hospital of Santa Clara."),
         ("b", "An engineer at the Regional University of Santa Clara studied the bridge.")],
        [{"s": 0, "facet": "org", "text": "Regional Hospital of Santa Clara"},
         {"s": 1, "facet": "org", "text": "Regional University of Santa Clara"}],
    )
    r = resolve_entities(f, c)
    assert (entity_of(r, "Regional Hospital of Santa Clara", "org")
            != entity_of(r, "Regional University of Santa Clara", "org"))


def test_a_panel_renamed_in_a_trimmed_copy_of_the_same_sentence_is_one_body() -> None:
    # b's sentence is a's with words cut: alike enough, though not as wholes
    f, c = tables(
        [("a", "The Bank of Tavia's Monetary Policy Committee voted 5-2 to lift the rate from "
               "8.75%, with two members preferring to hold, the bank said in a statement at 2 p.m."),
         ("b", "The Bank of Tavia's Monetary Policy Council lifted the rate from 8.75%, the bank "
               "said in a statement at 2 p.m.")],
        [{"s": 0, "facet": "org", "text": "Monetary Policy Committee"},
         {"s": 1, "facet": "org", "text": "Monetary Policy Council"}],
    )
    r = resolve_entities(f, c)
    assert entity_of(r, "Monetary Policy Committee", "org") == entity_of(r, "Monetary Policy Council", "org")


@pytest.mark.parametrize(("second_source", "one_body"), [
    ("b", True),  # another outlet changed a word of where the engineer works
    ("a", False),  # one article naming both speaks of two bodies (a move, a second post)
])
def test_one_persons_body_with_a_word_changed_is_one_body_across_sources(second_source: str,
                                                                         one_body: bool) -> None:
    f, c = tables(
        [("a", "Ana Ruiz, an engineer at the National University of Santa Clara, blamed scour."),
         (second_source, "Ana Ruiz, an engineer at the Regional University of Santa Clara, said more.")],
        [person(0, "Ana Ruiz", role="engineer at the National University of Santa Clara"),
         {"s": 0, "facet": "org", "text": "National University of Santa Clara"},
         person(1, "Ana Ruiz", role="engineer at the Regional University of Santa Clara"),
         {"s": 1, "facet": "org", "text": "Regional University of Santa Clara"}],
    )
    r = resolve_entities(f, c)
    same = (entity_of(r, "National University of Santa Clara", "org")
            == entity_of(r, "Regional University of Santa Clara", "org"))
    assert same == one_body
    if one_body:
        m = r.mentions
        assert "role: one person at both" in " ".join(m[m["facet"] == "org"]["method"])


# ---- the table contract --------------------------------------------------------------------

def _corpus() -> tuple[pd.DataFrame, pd.DataFrame]:
    sentences, facets = [], []
    for i, (given, surname, role) in enumerate([
        ("Olena", "Kovalenko", "head of the Rail Agency"), ("Olena", "Kovalenco", "head of the Rail Agency"),
        ("Ivan", "Petrenko", "Minister of Finance"), ("Ana", "Ruiz", ""), ("Marta", "Ruiz", "mayor of Lviv"),
    ]):
        source = "abc"[i % 3]
        sentences.append((source, f"{given} {surname} spoke at the National Water Authority."))
        facets.append(person(i, f"{given} {surname}", role=role))
        facets.append({"s": i, "facet": "org", "text": "National Water Authority"})
    return tables(sentences, facets)


def test_columns_and_determinism_under_input_order() -> None:
    f, c = _corpus()
    first = resolve_entities(f, c)
    assert list(first.mentions.columns) == MENTION_COLUMNS
    assert list(first.entities.columns) == ENTITY_COLUMNS
    rng = random.Random(7)
    for _ in range(3):
        shuffled = f.sample(frac=1, random_state=rng.randrange(1000)).reset_index(drop=True)
        again = resolve_entities(shuffled, c.sample(frac=1, random_state=rng.randrange(1000)))
        pd.testing.assert_frame_equal(first.mentions, again.mentions)
        pd.testing.assert_frame_equal(first.entities, again.entities)


def test_empty_inputs_give_empty_tables_with_the_columns() -> None:
    f, c = tables([("a", "Nothing here.")], [])
    r = resolve_entities(f, c)
    assert list(r.mentions.columns) == MENTION_COLUMNS and r.mentions.empty
    assert list(r.entities.columns) == ENTITY_COLUMNS and r.entities.empty


def test_many_people_resolve_with_blocking() -> None:
    """3,000 distinct people: candidate pairs come from blocks, so this stays fast."""
    rng = random.Random(3)
    letters = "bcdfghklmnprstvz"
    sentences, facets = [], []
    for i in range(3000):
        given = "".join(rng.choice(letters) + rng.choice("aeiou") for _ in range(3)).title()
        surname = "".join(rng.choice(letters) + rng.choice("aeiou") for _ in range(4)).title()
        sentences.append((f"s{i % 50}", f"{given} {surname} spoke."))
        facets.append(person(i, f"{given} {surname}"))
    f, c = tables(sentences, facets)
    r = resolve_entities(f, c)
    assert r.mentions["entity_id"].nunique() > 2900


# ---- titles: synonyms, word order, modifiers (invented wordings) ---------------------------

@pytest.mark.parametrize(("a", "b", "kind"), [
    ("Water Board chief", "head of the Water Board", "same"),
    ("chief executive", "CEO", "same"),
    ("Chairwoman", "chair", "same"),
    ("Council president", "president of the Council", "same"),
    ("Council president", "Council vice president", "wording"),
    ("Trade Minister", "Deputy Trade Minister", "wording"),
    ("head", "deputy head", "wording"),
    ("counsel", "senior counsel", "wording"),
    ("head of the national water authority NWA", "head of NWA", "detail"),
    ("Minister of Finance", "Minister of Public Finance", "wording"),
    ("chief executive", "chairwoman", "wording"),
    ("Minister for Health", "Health Minister", "same"),
    ("spokesperson for the Dock Workers Union", "spokesperson at the Dock Workers Union", "same"),
    ("Minister for Health", "Minister for Housing", "wording"),
    ("Federal Health Minister", "Health Minister", "detail"),  # the level of government
    ("Federal Health Minister", "Federal Housing Minister", "wording"),
    # a one-seat office of two places written out is one title two ways; an affiliation
    # before "MP" is no seat
    ("member for Bundamba", "member for Ipswich West", "wording"),
    ("Bundamba MP", "member for Bundamba", "same"),
    ("Independent MP", "member for Noosa", "detail"),
    # one of two portfolios joined by "and": part of the office, not another one
    ("Petroleum Resources Minister", "Minister of Mineral and Petroleum Resources", "detail"),
])
def test_classify_title_difference_with_synonyms_and_word_order(a: str, b: str, kind: str) -> None:
    assert classify_title_difference(title_tokens(a), title_tokens(b)) == kind


@pytest.mark.parametrize(("a", "b", "kind"), [
    # the office of a body, or the same office told by the area it covers: one title
    (("<fish_authority>", "regional", "director"), ("regional", "director", "for", "northern", "norway"), "detail"),
    (("regional", "director", "of", "<fish_authority>"), ("regional", "director", "for", "quebec"), "detail"),
    # two bodies, or two areas, are two offices
    (("regional", "director", "of", "<fish_authority>"), ("regional", "director", "of", "<water_board>"), "wording"),
    (("regional", "director", "for", "norway"), ("regional", "director", "for", "sweden"), "wording"),
    (("deputy", "director", "of", "<fish_authority>"), ("director", "for", "norway"), "wording"),
])
def test_a_body_and_the_area_it_covers_are_one_office(a: tuple, b: tuple, kind: str) -> None:
    assert classify_title_difference(a, b) == kind


def test_general_in_an_office_is_no_rank() -> None:
    assert not is_rank_title(title_tokens("Deputy Solicitor General"))
    assert not is_rank_title(title_tokens("Attorney General"))
    assert is_rank_title(title_tokens("Brigadier General"))
    assert not is_rank_title(title_tokens("vice president"))
    assert is_rank_title(title_tokens("Vice Admiral"))


def test_a_title_naming_a_body_by_its_acronym_fits_the_one_naming_it_in_full() -> None:
    from checker.resolve import _align_labels

    a = ("pawu", "spokesperson")
    b = ("spokesperson", "of", "<platinum_and_allied_workers_union>")
    assert _align_labels(a, b) == (("<platinum_and_allied_workers_union>", "spokesperson"), b)
    # a back-reference to the body at the end of a role is the body, not the same word earlier
    role = ("manager", "of", "rescue", "operations", "of", "rescue", "service")
    named = ("manager", "of", "rescue", "operations", "of", "<varno_mines_rescue_service>")
    assert _align_labels(role, named)[0] == named
    # another body's acronym stays as written
    assert _align_labels(("nwa", "spokesperson"), b) == (("nwa", "spokesperson"), b)


def test_canonical_title_puts_the_title_first() -> None:
    assert canonical_title(title_tokens("Water Board chief")) == ("head", "of", "water", "board")
    assert canonical_title(title_tokens("Council vice president")) == ("vice", "president", "of", "council")
    assert canonical_title(("prime", "minister")) == ("minister", "of", "prime")
    assert canonical_title(title_tokens("Lt. Col.")) == title_tokens("Lt. Col.")  # ranks as they are


def test_a_bare_title_fits_the_role_naming_an_org() -> None:
    th = Thresholds()
    assert titles_fit(("director",), ("director", "of", "<geodesy_institute>"), th)
    assert titles_fit(("president", "of", "council"), ("president", "of", "<national_rowing_council>"), th)
    assert titles_fit(("head", "of", "<rail_agency>"), ("head", "of", "<water_agency>"), th) is False


def test_a_body_named_plainly_before_the_office_is_where_it_is_held() -> None:
    assert title_tokens("agency's director of epidemiology") == (
        "director", "of", "epidemiology", "at", "agency")
    # an owner country or person written with a capital is no part of the title
    assert title_tokens("Tavia's Minister of Transport") == ("minister", "of", "transport")


def test_a_body_named_by_its_head_noun_fits_the_title_naming_it_in_full() -> None:
    th = Thresholds()
    assert titles_fit(title_tokens("the association's president"),
                      title_tokens("president of the La Almozara Neighbourhood Association"), th)
    assert titles_fit(title_tokens("head of the service"), title_tokens("head of the mines rescue service"), th)
    # another office, or a complement that is no body's head noun, does not fit
    assert titles_fit(title_tokens("the association's treasurer"),
                      title_tokens("president of the La Almozara Neighbourhood Association"), th) is False
    from checker.resolve import _body_told_shorter

    assert not _body_told_shorter(title_tokens("minister of finance"),
                                  title_tokens("minister of finance and economy"))
    # the body an office is held at, named by a generic noun of one kind or by its name
    assert title_difference("technical director at consultancy", "technical director at firm") == "same"
    assert title_difference("technical director at consultancy",
                            "technical director at <vale_verde>") == "same"
    assert title_difference("spokesperson at agency", "spokesperson at ministry") == "wording"


def test_a_label_with_a_link_word_is_found_by_the_noun_before_the_link() -> None:
    from checker.resolve import _align_labels

    label = "<galician_agency_for_health_surveillance_and_emergencies>"
    written = ("deputy", "director", "of", "epidemiology", "at", "agency")
    named = ("director", "of", "epidemiology", "at", label)
    assert _align_labels(written, named)[0] == ("deputy", "director", "of", "epidemiology", "at", label)


# ---- persons: a misspelling with a changed role ------------------------------------------------

PARALLEL = [
    ("a", "Chief executive Marta Lindqvist said the group would employ 4,000 people."),
    ("b", "\"We are stronger together,\" said Marta Lindqvist, Brevik's chief executive."),
    ("c", "\"We are stronger together,\" said Marta Lindqvest, Brevik's chairwoman."),
]


def test_one_letter_names_in_parallel_sentences_are_one_person_despite_the_role() -> None:
    facets, claims = tables(PARALLEL, [
        person(0, "Marta Lindqvist", title="Chief executive"),
        person(1, "Marta Lindqvist", role="Brevik's chief executive"),
        person(2, "Marta Lindqvest", role="Brevik's chairwoman"),
    ])
    result = resolve_entities(facets, claims)
    assert entity_of(result, "Marta Lindqvist") == entity_of(result, "Marta Lindqvest")
    titles = result.mentions[result.mentions["facet"] == "title"]
    shown = set(titles.loc[titles["spelling"] != "", "spelling"])
    assert shown == {"chief executive", "chairwoman"}  # one form per wording, CEO = chief executive


def test_a_title_before_the_name_and_a_role_after_it_in_alike_sentences_are_one_title() -> None:
    quote = "\"Our commitment to the team remains firm, but we will review the clauses in our deal,\""
    facets, claims = tables([
        ("a", f"{quote} the brewer's chief executive Ada Okoro said."),
        ("b", f"Its marketing director, Ada Okoro, said: {quote}"),
    ], [person(0, "Ada Okoro", title="chief executive"),
        person(1, "Ada Okoro", role="marketing director")])
    result = resolve_entities(facets, claims)
    titles = result.mentions[result.mentions["facet"] == "title"]
    assert titles["entity_id"].nunique() == 1 and len(titles) == 2


def test_a_sentence_giving_a_title_and_a_role_may_name_two_offices() -> None:
    quote = "\"Our commitment to the team remains firm,\""
    facets, claims = tables([
        ("a", f"{quote} said Minister Ada Okoro."),
        ("b", f"{quote} said Minister Ada Okoro, leader of the Unity Party."),
    ], [person(0, "Ada Okoro", title="Minister"),
        person(1, "Ada Okoro", title="Minister", role="leader of the Unity Party")])
    result = resolve_entities(facets, claims)
    titles = result.mentions[result.mentions["facet"] == "title"]
    assert titles["entity_id"].nunique() == 2


def test_one_letter_names_working_for_one_body_are_one_person() -> None:
    facets, claims = tables([
        ("a", "Marta Lindqvist, chair of Brevik, opened the plant."),
        ("b", "The plant is run by Marta Lindqvest, Brevik's chief executive, since 2019."),
    ], [person(0, "Marta Lindqvist", role="chair of Brevik"),
        person(1, "Marta Lindqvest", role="Brevik's chief executive")])
    result = resolve_entities(facets, claims)
    assert entity_of(result, "Marta Lindqvist") == entity_of(result, "Marta Lindqvest")


def test_one_letter_names_with_other_roles_elsewhere_stay_apart() -> None:
    facets, claims = tables([
        ("a", "Marta Lindqvist, mayor of Northtown, opened the bridge on Monday."),
        ("b", "The budget was presented by Marta Lindqvest, Minister of Finance, in parliament."),
        ("c", "Rustam Aliyev and Rustam Aliyeva met in Paris to sign the pipeline deal."),
    ], [person(0, "Marta Lindqvist", role="mayor of Northtown"),
        person(1, "Marta Lindqvest", role="Minister of Finance"),
        person(2, "Rustam Aliyev"), person(2, "Rustam Aliyeva")])
    result = resolve_entities(facets, claims)
    assert entity_of(result, "Marta Lindqvist") != entity_of(result, "Marta Lindqvest")
    assert entity_of(result, "Rustam Aliyev") != entity_of(result, "Rustam Aliyeva")


def test_a_misspelt_surname_alone_attaches_to_the_person_its_article_names() -> None:
    sentences = [("a", "Tomas Valera won 48% of the vote."), ("a", "Valerra conceded defeat."),
                 ("b", "Tomas Valera conceded late on Sunday.")]
    facets, claims = tables(sentences, [person(0, "Tomas Valera"), person(1, "Valerra"),
                                        person(2, "Tomas Valera")])
    result = resolve_entities(facets, claims)
    assert entity_of(result, "Valerra") == entity_of(result, "Tomas Valera")
    # not when the article does not name that person in full
    facets, claims = tables(sentences[1:], [person(0, "Valerra"), person(1, "Tomas Valera")])
    result = resolve_entities(facets, claims)
    assert entity_of(result, "Valerra") != entity_of(result, "Tomas Valera")


def test_a_person_named_as_an_organisation_in_another_source_is_that_organisation() -> None:
    facets, claims = tables([
        ("a", "Voltra agreed to buy the dairy company Nordvik Meieri for 2 billion euros."),
        ("b", "Voltra said it will buy Nordvik Meieri for about 2 billion euros."),
    ], [{"s": 0, "facet": "org", "text": "Nordvik Meieri", "value": "Nordvik Meieri"},
        person(1, "Nordvik Meieri")])
    result = resolve_entities(facets, claims)
    mentions = result.mentions
    assert set(mentions["facet"]) == {"org"}
    assert mentions["entity_id"].nunique() == 1


# ---- names with an initial -------------------------------------------------------------------

def test_two_initial_names_one_letter_apart_are_one_person_spelled_two_ways() -> None:
    f, c = tables(
        [("a", "Agency director P. Venkatesan opened the plant."),
         ("b", "Agency director P Venkatesan said it was ready."),
         ("c", "Agency director P Venkatsan said it was ready.")],
        [person(0, "Agency director P. Venkatesan", "P. Venkatesan", title="director"),
         person(1, "Agency director P Venkatesan", "P Venkatesan", title="director"),
         person(2, "Agency director P Venkatsan", "P Venkatsan", title="director")],
    )
    r = resolve_entities(f, c)
    people = r.mentions[r.mentions["facet"] == "person"]
    assert people["entity_id"].nunique() == 1
    assert set(people["spelling"]) == {"venkatesan", "venkatsan"}


def test_initial_names_with_other_initials_or_side_by_side_stay_apart() -> None:
    f, c = tables(
        [("a", "R. Moreland spoke."), ("b", "T. Morelend spoke."),
         ("c", "J. Halvorsen met J. Halvorson.")],
        [person(0, "R. Moreland"), person(1, "T. Morelend"),
         person(2, "J. Halvorsen"), person(2, "J. Halvorson")],
    )
    r = resolve_entities(f, c)
    assert r.mentions[r.mentions["facet"] == "person"]["entity_id"].nunique() == 4


def test_an_initial_name_one_letter_off_attaches_to_the_full_name_with_that_initial() -> None:
    f, c = tables(
        [("a", "Priya Venkatesan opened the plant."), ("b", "P. Venkatsan said it was ready.")],
        [person(0, "Priya Venkatesan"), person(1, "P. Venkatsan")],
    )
    r = resolve_entities(f, c)
    assert entity_of(r, "Priya Venkatesan") == entity_of(r, "P. Venkatsan")
    f, c = tables(
        [("a", "Priya Venkatesan opened the plant."), ("b", "S. Venkatsan said it was ready.")],
        [person(0, "Priya Venkatesan"), person(1, "S. Venkatsan")],
    )
    r = resolve_entities(f, c)
    assert entity_of(r, "Priya Venkatesan") != entity_of(r, "S. Venkatsan")


# ---- titles naming the holder's own body -------------------------------------------------------

@pytest.mark.parametrize(("a", "b", "kind"), [
    ("PWU President", "president of the union", "same"),
    ("president of the association", "Federation president", "same"),
    ("Assembly Speaker", "Speaker of the House", "same"),
    ("Speaker of the House", "Speaker of the Senate", "wording"),
    ("Office of Port Safety Administrator", "OPS administrator", "same"),
    ("Office of Port Safety Administrator", "deputy administrator", "wording"),
    ("PWU President", "PWU vice president", "wording"),
    ("Minister of Finance", "Minister of Trade", "wording"),
    ("sporting director", "technical director", "wording"),
    ("director of football", "sporting director", "same"),
])
def test_titles_naming_the_own_body_two_ways_are_one_title(a: str, b: str, kind: str) -> None:
    assert classify_title_difference(title_tokens(a), title_tokens(b)) == kind


def test_a_changed_modifier_is_reported_alone_beside_same_body_wordings() -> None:
    sentences = [("a", "Speaker Lorne Beaudry called for order."),
                 ("b", "Assembly Speaker Lorne Beaudry announced the result."),
                 ("c", "The vote was called by Speaker of the House Lorne Beaudry."),
                 ("d", "Deputy Speaker Lorne Beaudry called for order.")]
    f, c = tables(sentences, [
        person(0, "Speaker Lorne Beaudry", "Lorne Beaudry", title="Speaker"),
        person(1, "Assembly Speaker Lorne Beaudry", "Lorne Beaudry", title="Speaker",
               role="Assembly Speaker"),
        person(2, "Speaker of the House Lorne Beaudry", "Lorne Beaudry", title="Speaker of the House"),
        person(3, "Deputy Speaker Lorne Beaudry", "Lorne Beaudry", title="Deputy Speaker"),
    ])
    r = resolve_entities(f, c)
    titles = r.mentions[r.mentions["facet"] == "title"]
    assert titles["entity_id"].nunique() == 1
    assert set(titles["spelling"]) - {""} == {"speaker", "deputy speaker"}


def test_one_seat_offices_of_two_places_fit_as_one_title() -> None:
    th = Thresholds()
    assert titles_fit(title_tokens("member for Bundamba"), title_tokens("member for Ipswich West"), th)
    assert titles_fit(title_tokens("Mayor of Varno"), title_tokens("Mayor of Kesselbrook-on-Tay"), th)
    # an affiliation before the office is not its seat
    assert not titles_fit(title_tokens("Independent MP"), title_tokens("member for Kesselbrook"), th)


def test_a_region_before_a_title_is_its_owner_not_a_word_of_it() -> None:
    assert title_tokens("Quebec Environment Minister") == title_tokens("Environment Minister")
    assert title_tokens("New York Police Commissioner") == title_tokens("Police Commissioner")
    # a province the gazetteer's regions do not hold, from the ISO 3166-2 subdivisions
    assert title_tokens("Gauteng Health Minister") == title_tokens("Health Minister")
    assert title_difference(" ".join(title_tokens("Gauteng Health Minister")),
                            " ".join(title_tokens("Gauteng Minister for Health"))) == "same"
    # a subdivision's name that is also a plain word stays in the title
    assert title_tokens("Central Bank Governor") == ("central", "bank", "governor")


def test_ex_is_former() -> None:
    assert title_tokens("ex-army major") == title_tokens("former army major") == ("former", "army", "major")
    assert title_tokens("ex-minister") == ("former", "minister")
    # spelling keys are title_tokens joined: "ex-" is already "former" there
    key = " ".join
    assert title_difference(key(title_tokens("ex-army major")), key(title_tokens("former army major"))) == "same"
    assert title_difference("lt col", "lieutenant colonel") == "rank-abbreviation"


def test_one_office_with_two_portfolios_is_one_title_worded_two_ways() -> None:
    th = Thresholds()
    assert titles_fit(title_tokens("Minister of State for Foreign Trade"),
                      title_tokens("Minister of State for International Cooperation"), th)
    assert titles_fit(title_tokens("Environment Minister"), title_tokens("Public Security Minister"), th)
    assert classify_title_difference(canonical_title(title_tokens("Environment Minister")),
                                     canonical_title(title_tokens("Public Security Minister"))) == "wording"
    # one complement inside the other is more detail, not another portfolio: not joined
    assert not titles_fit(title_tokens("Fire chief"), title_tokens("chief of the regional fire service"), th)
    # an affiliation before a seat is not another seat
    assert not titles_fit(title_tokens("Independent MP"), title_tokens("member for Kesselbrook"), th)


def test_a_bare_title_beside_two_portfolios_joins_neither() -> None:
    from checker.resolve import _bridging_titles

    differences = {("environment minister", "minister"): "detail",
                   ("minister", "public security minister"): "detail",
                   ("minister of public security", "public security minister"): "same",
                   ("environment minister", "public security minister"): "wording"}
    assert _bridging_titles(differences) == {"minister"}


def test_director_and_head_of_a_body_are_one_office_and_special_is_detail() -> None:
    assert canonical_title(title_tokens("director of the institute")) == canonical_title(
        title_tokens("head of the institute"))
    assert canonical_title(title_tokens("director of football")) == canonical_title(
        title_tokens("sporting director"))
    assert classify_title_difference(canonical_title(title_tokens("special envoy")),
                                     canonical_title(title_tokens("envoy"))) == "detail"
    assert classify_title_difference(canonical_title(title_tokens("counsel")),
                                     canonical_title(title_tokens("senior counsel"))) == "wording"


def test_words_before_a_bodys_name_in_a_title_describe_it() -> None:
    named = ("chief", "operating", "officer", "of", "<harbour_operations_group>")
    described = ("chief", "operating", "officer", "of", "airport", "operator", "<harbour_operations_group>")
    assert classify_title_difference(named, described) == "detail"
    assert classify_title_difference(("minister", "of", "finance"),
                                     ("minister", "of", "public", "finance")) == "wording"


def test_one_word_of_a_bodys_name_in_a_title_does_not_stand_for_the_body() -> None:
    """'director of consumer protection' names a field, not the <consumer_agency>: the
    deputy's title beside it is one office with a modifier, fit to compare."""
    plain = ("director", "of", "consumer", "protection")
    deputy = ("deputy", "director", "of", "consumer", "protection", "at", "<consumer_agency>")
    assert titles_fit(plain, deputy, Thresholds())


def test_a_longer_name_going_on_from_a_shorter_one_keys_on_its_first_surname() -> None:
    facets, claims = tables(
        [("a", "Rodolfo Ccahuana spoke."), ("b", "Rodolfo Ccahuana Vilchez spoke again."),
         ("c", "Rodolfo Cahuana Vilchez apologised."),
         ("a", "Carmen Rosa Ticona treated them."), ("b", "Carmen Rosa Ticona Flores treated them.")],
        [person(0, "Rodolfo Ccahuana"), person(1, "Rodolfo Ccahuana Vilchez"),
         person(2, "Rodolfo Cahuana Vilchez"), person(3, "Carmen Rosa Ticona"),
         person(4, "Carmen Rosa Ticona Flores")])
    result = resolve_entities(facets, claims)
    assert entity_of(result, "Rodolfo Ccahuana") == entity_of(result, "Rodolfo Cahuana Vilchez")
    assert entity_of(result, "Carmen Rosa Ticona") == entity_of(result, "Carmen Rosa Ticona Flores")
    m = result.mentions.set_index("written")
    # alike keys for the double surname, a variant for the misspelt first surname
    assert m.loc["Rodolfo Ccahuana", "spelling"] == m.loc["Rodolfo Ccahuana Vilchez", "spelling"]
    assert m.loc["Rodolfo Cahuana Vilchez", "spelling"] != m.loc["Rodolfo Ccahuana", "spelling"]
    assert m.loc["Carmen Rosa Ticona", "spelling"] == m.loc["Carmen Rosa Ticona Flores", "spelling"]


def test_one_word_apart_in_a_long_name_in_one_town_is_one_body() -> None:
    facets, claims = tables(
        [("a", "Samples were analysed at the Regional Drugs Testing Laboratory in Chandigarh."),
         ("b", "According to the Central Drugs Testing Laboratory, Chandigarh, six samples failed.")],
        [{"s": 0, "facet": "org", "text": "Regional Drugs Testing Laboratory"},
         {"s": 1, "facet": "org", "text": "Central Drugs Testing Laboratory"}])
    result = resolve_entities(facets, claims)
    assert len(entity_of(result, "Regional Drugs Testing Laboratory", "org")
               | entity_of(result, "Central Drugs Testing Laboratory", "org")) == 1


def test_a_compound_rank_before_a_name_is_one_title() -> None:
    facets, claims = tables(
        [("a", "The rescue was led by Lieutenant Brigadier Oscar Rojas of the fire corps.")],
        [person(0, "Brigadier Oscar Rojas", "Oscar Rojas", key="Rojas", title="Brigadier",
                role="Lieutenant Brigadier")])
    result = resolve_entities(facets, claims)
    titles = result.mentions[result.mentions["facet"] == "title"]
    assert list(titles["value"]) == ["Lieutenant Brigadier"]


@pytest.mark.parametrize(("a", "b", "difference"), [
    # a word after leading modifiers is detail, as at the start
    ("former club captain", "former captain", "detail"),
    # a generic head ("head", "chief", "leader") is whatever office the other names
    ("unea head", "unea president", "same"),
    ("head of unea", "unea president", "same"),
    ("unea president", "unea director", "wording"),
    ("unea chief", "unea director", "same"),
    ("head", "deputy president", "wording"),
])
def test_title_differences_of_round_13(a: str, b: str, difference: str) -> None:
    assert classify_title_difference(tuple(a.split()), tuple(b.split())) == difference


def test_a_shorter_name_one_word_apart_is_one_body_when_listed_with_the_same_bodies() -> None:
    from checker.resolve import _same_org

    bank_a, bank_b = org_structure("sahyadri investment bank"), org_structure("sahyadri merchant bank")
    th = Thresholds()
    assert _same_org(bank_a, bank_b, False, lambda: True, th, same_source=False, same_companions=True)
    assert _same_org(bank_a, bank_b, False, lambda: True, th, same_source=False) is None
    # a head noun first ("Ministry of Foreign/Internal Affairs") names two bodies
    ministry_a = org_structure("ministry of foreign affairs")
    ministry_b = org_structure("ministry of internal affairs")
    assert _same_org(ministry_a, ministry_b, False, lambda: True, th, same_source=False,
                     same_companions=True) is None


def test_a_portfolio_before_a_government_head_noun_is_one_spelling():
    assert org_spelling("Education Ministry") == org_spelling("Ministry of Education")
    assert org_spelling("Health Department") == org_spelling("the Department of Health")
    assert org_spelling("Moldova Central Bank") != org_spelling("Central Bank of Moldova")


def test_the_owner_of_a_named_body_inside_a_title_is_not_the_title():
    assert title_tokens("head of the police's Central Metropolitan Prefecture") == title_tokens(
        "head of the Central Metropolitan Prefecture")
    assert title_tokens("head of the country's navy") != title_tokens("head of the navy")


def test_a_body_named_before_a_modifier_stays_in_front_of_the_office():
    a, b = title_tokens("SOWC deputy project director"), title_tokens("project director")
    assert titles_fit(a, b, Thresholds())
    assert classify_title_difference(a, b) == "wording"  # the deputy added is reported


def test_a_state_before_an_office_is_a_detail_and_it_is_information_technology():
    assert classify_title_difference(title_tokens("Victorian Energy Minister"),
                                     title_tokens("Energy Minister")) in ("same", "detail")
    assert classify_title_difference(title_tokens("IT director"),
                                     title_tokens("head of information technology")) == "same"


def test_one_word_apart_is_one_body_when_one_source_alone_uses_a_name() -> None:
    from checker.resolve import _one_source_alone, _same_org

    th = Thresholds()
    board_a = org_structure("lakeshore district water board")
    board_b = org_structure("lakeshore regional water board")
    assert _one_source_alone({"c"}, {"a", "b"})
    assert not _one_source_alone({"c", "d"}, {"a", "b"})
    assert not _one_source_alone({"a"}, {"a", "b"})
    assert _same_org(board_a, board_b, False, lambda: False, th, same_source=False,
                     one_source_alone=True)
    assert _same_org(board_a, board_b, False, lambda: False, th, same_source=False) is None
    # two words of a name are too few, and a portfolio names another ministry
    assert _same_org(org_structure("district board"), org_structure("regional board"), False,
                     lambda: False, th, same_source=False, one_source_alone=True) is None
    assert _same_org(org_structure("ministry of foreign affairs"),
                     org_structure("ministry of internal affairs"), False, lambda: False, th,
                     same_source=False, one_source_alone=True) is None


def test_a_surname_one_letter_apart_as_written_is_one_edit_even_when_a_fold_widens_it() -> None:
    from checker.resolve import _one_edit_apart

    assert _one_edit_apart("thibodeau", "thibodeaux")  # x folds to ks
    assert _one_edit_apart("kanazawa", "kanezawa")
    assert not _one_edit_apart("aliyev", "hajiyev")
    assert not _one_edit_apart("ruiz", "ruis")  # under five letters


@pytest.mark.parametrize(("a", "b", "difference"), [
    ("<u> professor", "professor of electrochemistry at <u>", "detail"),
    ("director at <u>", "director of operations at <u>", "detail"),
    ("minister of finance", "minister of health", "wording"),
    ("head of <u>", "head of deputy of <u>", "wording"),
])
def test_a_field_between_an_office_and_its_body_is_detail(a: str, b: str, difference: str) -> None:
    assert classify_title_difference(tuple(a.split()), tuple(b.split())) == difference


@pytest.mark.parametrize(("a", "b", "kind"), [
    # the same words in another order: "for the gendarmerie in <Area>" / "for the <Area> gendarmerie"
    (("spokeswoman", "for", "the", "gendarmerie", "in", "savoie"),
     ("spokeswoman", "for", "the", "savoie", "gendarmerie"), "same"),
    (("spokeswoman", "for", "the", "gendarmerie", "in", "savoie"),
     ("spokeswoman", "for", "the", "police", "in", "savoie"), "wording"),
    # a named body whose name has a link word, before the office, and its acronym
    (("<state_bank>", "of", "pakistan", "governor"), ("sbp", "governor"), "same"),
    (("<state_bank>", "of", "pakistan", "governor"), ("sbp", "deputy", "governor"), "wording"),
])
def test_titles_reordered_or_named_by_acronym(a: tuple, b: tuple, kind: str) -> None:
    assert classify_title_difference(a, b) == kind


def test_one_office_with_its_place_moved_behind_a_body_noun_or_its_umlaut_written_out() -> None:
    th = Thresholds()
    short = title_tokens("head of the Fügen mountain rescue")
    for other in ("head of the mountain rescue team in Fuegen", "head of the mountain rescue in Fügen"):
        assert titles_fit(short, title_tokens(other), th)
        assert classify_title_difference(short, title_tokens(other)) == "same"
    # another body noun is another office
    assert classify_title_difference(short, title_tokens("head of the Fügen police team")) == "wording"


def test_a_label_ending_in_a_legal_form_is_found_by_the_noun_before_it() -> None:
    from checker.resolve import _label_run

    label = "<piraeus_bulk_carriers_sa>"
    assert _label_run(("ceo", "of", "piraeus", "bulk", "carriers"), label) == ("ceo", "of", label)
    # without a legal form the name's last word is still needed
    assert _label_run(("ceo", "of", "piraeus", "bulk"), "<piraeus_bulk_carriers>") == (
        "ceo", "of", "piraeus", "bulk")
