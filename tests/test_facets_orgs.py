"""Organisation facets: head nouns, complements, possessive owners, publications, acronyms."""

from __future__ import annotations

from facet_helpers import by_value, line_facets, seed_text

from checker.facets.base import ArticleContext, Facet, Segment
from checker.facets.orgs import article_acronyms, extract


def orgs_of(sentence: str, article: str | None = None) -> dict[str, Facet]:
    text = article if article is not None else sentence
    start = text.index(sentence)
    seg = Segment("x:1", "x", start, start + len(sentence), sentence, "claim")
    return by_value(extract(seg, [], ArticleContext("x", text, "", "")))


# --- seeds ---

def test_seed_prime_ministers_office_is_an_org():
    facets = by_value(line_facets(seed_text("000"), 6, "org"))
    assert "Prime Minister's Office" in facets


def test_seed_possessive_owner_is_the_key_not_the_name():
    facets = by_value(line_facets(seed_text("001"), 5, "org"))
    org = facets["National Artificial Intelligence Directorate"]
    assert org.key == "Israel"
    assert org.text == "National Artificial Intelligence Directorate"


def test_seed_acronym_defined_once_resolves_later_uses():
    text = seed_text("001")
    assert article_acronyms(text) == {"PMO": "Prime Minister's Office"}
    later = [f for f in line_facets(text, 5, "org") if f.text == "PMO"]
    assert later and later[0].value == "Prime Minister's Office"
    assert later[0].note == "acronym of Prime Minister's Office"


def test_seed_publication_is_an_org_with_its_article_in_the_text():
    facets = by_value(line_facets(seed_text("004"), 15, "org"))
    post = facets["Jerusalem Post"]
    assert post.text == "The Jerusalem Post" and post.note == "publication"


def test_seed_two_names_of_one_body_and_centres():
    assert "National Headquarters for Artificial Intelligence" in by_value(
        line_facets(seed_text("000"), 24, "org"))
    line30 = by_value(line_facets(seed_text("004"), 30, "org"))
    # "A for Peace Through Strength and the B Fund" are two organisations
    assert "Friedman Center for Peace Through Strength" in line30
    assert "Abraham Fund" in line30
    assert "Atlantic Council" in by_value(line_facets(seed_text("004"), 22, "org"))


# --- texts of our own ---

def test_ministry_of_with_and_inside_the_complement():
    facets = orgs_of("The plan was drafted by the Ministry of Energy and Climate last spring.")
    assert list(facets) == ["Ministry of Energy and Climate"]


def test_and_before_a_second_head_noun_splits_two_organisations():
    facets = orgs_of("Analysts at the Institute for Fiscal Research and the Lund Policy Foundation disagreed.")
    assert sorted(facets) == ["Institute for Fiscal Research", "Lund Policy Foundation"]



def test_a_named_body_after_a_complete_name_is_its_parent_not_part_of_it():
    facets = orgs_of("The Standing Committee for Amateur Rowing Clubs of the Danish Sports Confederation "
                     "approved the grant.")
    assert sorted(facets) == ["Danish Sports Confederation", "Standing Committee for Amateur Rowing Clubs"]
    # With no complement of its own, "of the ..." is the name's complement.
    assert list(orgs_of("The Council of the Nordic Union met.")) == ["Council of the Nordic Union"]
    facets = orgs_of("He led the Unit for Fraud and Smuggling of the National Prosecutor's Office.")
    assert sorted(facets) == ["National Prosecutor's Office", "Unit for Fraud and Smuggling"]

def test_head_noun_before_a_title_ends_the_name():
    facets = orgs_of("Central Bank Governor Rosa Valdes cut rates.")
    assert list(facets) == ["Central Bank"]


def test_office_of_a_title_keeps_the_title_inside_the_name():
    facets = orgs_of("A statement from the Office of the Mayor of Porto was read out.")
    assert list(facets) == ["Office of the Mayor of Porto"]


def test_country_possessive_is_the_owner_and_non_place_possessive_stays_in_the_name():
    facets = orgs_of("Portugal's National Energy Directorate and the Governor's Office agreed.")
    assert facets["National Energy Directorate"].key == "Portugal"
    assert facets["Governor's Office"].key == ""


def test_publication_with_a_city_inside():
    facets = orgs_of("The Lisbon Times reported the figure first.")
    org = facets["Lisbon Times"]
    assert org.note == "publication" and org.text == "The Lisbon Times"


def test_acronym_from_another_paragraph_and_ambiguous_acronym_dropped():
    article = ("The Japan Hydrogen Agency (JHA) will fund the plant.\n"
               "Officials at the JHA said the site was chosen in May.")
    facets = orgs_of("Officials at the JHA said the site was chosen in May.", article)
    assert facets["Japan Hydrogen Agency"].text == "JHA"
    clash = ("The Joint Harbour Authority (JHA) met.\nThe Japan Hydrogen Agency (JHA) met.")
    assert article_acronyms(clash) == {}


def test_not_organisations():
    for sentence in (
        "The Council said nothing.",  # a head noun alone
        "Rain fell across the South Bank on Sunday.",  # direction + head noun: a region
        "the ministry and the central bank disagreed",  # lower case
        "Officials met in Lisbon on Monday.",
    ):
        assert orgs_of(sentence) == {}, sentence


def test_offsets_point_at_the_text_in_the_article():
    article = "Intro line.\nThe Atlantic Policy Council (APC) said so.\nThe APC agreed."
    for sentence in article.split("\n"):
        start = article.index(sentence)
        seg = Segment("x:1", "x", start, start + len(sentence), sentence, "claim")
        for f in extract(seg, [], ArticleContext("x", article, "", "")):
            assert article[f.start:f.end] == f.text


def test_org_does_not_overlap_an_earlier_date_or_figure():
    sentence = "The May Council met."
    date = Facet("date", 4, 7, "May", "2026-05", key="month")
    seg = Segment("x:1", "x", 0, len(sentence), sentence, "claim")
    assert extract(seg, [date], ArticleContext("x", sentence, "", "")) == []


# --- names the text calls an organisation (cue nouns) ---

def test_a_name_after_a_cue_noun_is_an_org_everywhere_in_the_article():
    article = ("Brazilian carmaker Voltra Motores agreed to buy the dairy company Bellamonte Latte.\n"
               "Bellamonte Latte's board backed the offer, Voltra Motores said.")
    first = by_value(line_facets(article, 1, "org"))
    assert first["Bellamonte Latte"].note == "cue company"
    assert first["Voltra Motores"].note == "cue carmaker"
    later = by_value(line_facets(article, 2))
    assert later["Bellamonte Latte"].facet == "org" and later["Voltra Motores"].facet == "org"
    assert later["Bellamonte Latte"].note == "named as organisation"


def test_an_apposition_ending_in_a_cue_noun_makes_an_org():
    article = "The deal values Fjordvik Meieri, Norway's third-largest dairy, at 2 billion crowns."
    facets = by_value(line_facets(article, 1))
    assert facets["Fjordvik Meieri"].facet == "org"


def test_company_heads_and_legal_forms_are_org_heads():
    facets = by_value(line_facets("Shares of Torvald Foods and Kessler GmbH rose on the Oslo Børs.", 1))
    assert facets["Torvald Foods"].facet == "org"
    assert facets["Kessler GmbH"].facet == "org"
    assert facets["Oslo Børs"].facet == "org"


def test_a_person_after_a_cue_noun_followed_by_a_verb_stays_a_person():
    article = "The firm Ana Ruiz founded in 1990 was sold; Ana Ruiz, a lawyer at the firm, agreed."
    facets = by_value(line_facets(article, 1))
    assert facets["Ana Ruiz"].facet == "person"


def test_a_name_runs_on_to_its_last_head_noun():
    assert set(orgs_of("Teams from the Varno Mines Rescue Service worked through the night.")) == {
        "Varno Mines Rescue Service"}
    assert set(orgs_of("The Central Bank Governor spoke.")) == {"Central Bank"}


def test_and_at_the_front_of_a_name_after_a_determiner():
    assert set(orgs_of("The Food and Drug Administration approved it.")) == {"Food and Drug Administration"}
    assert set(orgs_of("The Cobalt and Allied Workers Union (CAWU) said so.")) == {
        "Cobalt and Allied Workers Union"}
    # a describing word between the determiner and the pair
    assert set(orgs_of("According to the organising Brabant Sports and Culture Foundation, it rained.")) == {
        "Brabant Sports and Culture Foundation"}
    # no determiner: the word before "and" is a name of its own
    assert set(orgs_of("He met Voltra and Kessel Motor Company officials.")) == {"Kessel Motor Company"}


def test_a_field_after_and_goes_on_with_the_complement():
    assert set(orgs_of("The Department of Mineral and Petroleum Resources said so.")) == {
        "Department of Mineral and Petroleum Resources"}
    assert set(orgs_of("Officials of the Bank of Norland and Kessel Bank met.")) == {
        "Bank of Norland", "Kessel Bank"}


def test_a_place_based_descriptor_before_a_name_is_not_part_of_it():
    orgs = orgs_of("The probe was built for the Orvik-based Coastal Weather Satellite Authority "
                   "(CWSA), officials said.")
    assert list(orgs) == ["Coastal Weather Satellite Authority"]
    assert orgs["Coastal Weather Satellite Authority"].note == "acronym CWSA"


def test_a_plural_possessive_inside_a_name_is_part_of_it():
    orgs = orgs_of("The Scottish Resident Doctors' Association (SRDA) said the offer fell short.")
    assert list(orgs) == ["Scottish Resident Doctors' Association"]
    assert orgs["Scottish Resident Doctors' Association"].note == "acronym SRDA"
    curly = orgs_of("The Scottish Resident Doctors\u2019 Union had asked for a 9.8% rise.")
    assert list(curly) == ["Scottish Resident Doctors' Union"]


# --- blind round 10 ---

def test_a_rank_word_before_a_plural_inside_a_name_is_part_of_the_name():
    assert "Confederation of Polish Private Employers" in orgs_of(
        "The Confederation of Polish Private Employers (KPPP) had pressed for cheaper credit.")
    people = persons_in_line("The Ministry of Defence said Private Ana Ruiz died.")
    assert people["Ana Ruiz"].title == "Private"


def test_consortia_cooperatives_and_legal_forms_head_organisations():
    assert "Riverside Metropolitan Mobility Consortium" in orgs_of(
        "The Riverside Metropolitan Mobility Consortium will run the line.")
    assert "Perforaciones Andinas Ltda" in orgs_of(
        "Drilling contractor Perforaciones Andinas Ltda. reamed the shaft.")


def persons_in_line(line: str) -> dict[str, Facet]:
    return by_value(line_facets(line, 1, "person"))


def test_a_name_pairing_two_fields_with_and_is_one_body():
    assert "Irish Aviation Safety and Consumer Authority" in orgs_of(
        "The Irish Aviation Safety and Consumer Authority (IASCA) opened a review.")
    assert "National Power Transmission and Dispatch Company" in orgs_of(
        "The National Power Transmission and Dispatch Company (NPTDC) said so.")
    # set off by punctuation, with no determiner: two words or more before "and"
    assert "Kelland Meteorological and Climate Authority" in orgs_of(
        '"No relief," Kelland Meteorological and Climate Authority (KMCA) chief Ana Ruiz said.')
    assert "Ford Motor Company" in orgs_of("Tesla and Ford Motor Company said so.")


def test_a_short_name_of_syllables_in_brackets_is_the_bodys_acronym() -> None:
    text = ("The National Superintendency for Land Transport Safety (Sunaset) suspended the "
            "licence. Sunaset said the bus was speeding.")
    assert article_acronyms(text) == {"Sunaset": "National Superintendency for Land Transport Safety"}
    # a place in brackets is no short name
    assert article_acronyms("The Regional Drugs Testing Laboratory (Chandigarh) found it.") == {}


def test_a_name_ending_in_its_country_is_not_paired_over_and():
    orgs = orgs_of("Sahyadri Investment Bank, Harbourline Securities India and Deccan Peak Capital "
                   "Advisors were the lead managers.")
    assert {"Sahyadri Investment Bank", "Harbourline Securities", "Deccan Peak Capital Advisors"} <= set(orgs)


def test_collective_caucus_guild_and_syndicate_head_an_org():
    for name in ("Amazon Legal Defence Collective", "Rural Women's Caucus",
                 "Screen Writers Guild", "Northern Dockworkers Syndicate"):
        assert name in orgs_of(f"Lawyers from the {name} filed the appeal on Monday.")


def test_a_head_noun_opening_a_title_names_no_body():
    text = "Kenyan Foreign Affairs Cabinet Secretary Geoffrey Langat rejected the accusations."
    assert [f for f in line_facets(text, 1) if f.facet == "org"] == []
    text = "The Cabinet met on Tuesday and approved the budget of the Finance Ministry."
    assert [f.value for f in line_facets(text, 1) if f.facet == "org"] == ["Finance Ministry"]


def test_a_name_whose_head_comes_first_runs_over_its_capitalised_words_and_links():
    assert "Clínica Universitaria del Levante" in orgs_of(
        "The tests took place at the Clínica Universitaria del Levante on Tuesday.")
    assert "Banco de la Nación Argentina" in orgs_of("The Banco de la Nación Argentina said so.")
    assert "Economic Control Committee of the Asociación de Clubes de Fútbol Profesional" in orgs_of(
        "She chairs the Economic Control Committee of the Asociación de Clubes de Fútbol Profesional.")
    # a head alone names nothing; a title after the name ends it
    assert not orgs_of("Hospital officials said the wards were full.")
    assert "Instituto Nacional" in orgs_of("Instituto Nacional Director Ana Ruiz spoke.")
