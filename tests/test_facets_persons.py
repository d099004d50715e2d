"""Person facets: names, surnames, titles and the roles attached to them."""

from __future__ import annotations

from facet_helpers import all_facets, by_value, fails_if_it_hangs, line_facets, seed_text
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.facets.base import ArticleContext, Facet, Segment
from checker.facets.names import title_full_form
from checker.facets.persons import article_names


def persons_in(article: str, line: int = 1) -> dict[str, Facet]:
    return by_value(line_facets(article, line, "person"))


# --- seeds ---

def test_seed_001_line_5_two_signatories_with_roles():
    people = persons_in(seed_text("001"), 5)
    eskel = people["Erez Eskel"]
    assert eskel.title == "Gen. (res.)"
    assert eskel.role == "head of Israel's National Artificial Intelligence Directorate"
    assert eskel.key == "Eskel"
    assert people["Rashad Nabiyev"].role == "Azerbaijan's Minister of Digital Development and Transport"
    assert people["Benjamin Netanyahu"].title == "Prime Minister"


def test_seed_000_line_10_roles_before_the_names():
    people = persons_in(seed_text("000"), 10)
    askal = people["Erez Askal"]
    assert askal.title == "Brigadier General (res.)"
    assert askal.role == "Head of the National Artificial Intelligence Headquarters"
    assert askal.text == "Brigadier General (res.) Erez Askal"
    assert people["Rashad Nabiyev"].role == "Minister of Digital and Transport of Azerbaijan"
    assert sorted(people) == ["Benjamin Netanyahu", "Erez Askal", "Rashad Nabiyev"]


def test_seed_002_demonym_and_title_before_the_name():
    people = persons_in(seed_text("002"), 9)
    saar = people["Gideon Sa'ar"]
    assert (saar.text, saar.title, saar.role) == (
        "Israeli Foreign Minister Gideon Sa'ar", "Foreign Minister", "Israeli Foreign Minister")
    assert people["Ilham Aliyev"].text == "Azerbaijani President Ilham Aliyev"


def test_seed_003_curly_apostrophe_gives_the_same_value_and_title_plus_surname():
    text = seed_text("003")
    line4 = persons_in(text, 4)
    assert "Gideon Sa'ar" in line4 and line4["Gideon Sa'ar"].role == "Israel's Foreign Minister"
    line16 = persons_in(text, 16)  # "Foreign Minister Sa'ar’s visit"
    assert line16["Sa'ar"].title == "Foreign Minister"
    assert "possessive" in line16["Sa'ar"].note
    assert persons_in(text, 8)["Aliyev"].title == "President"
    assert "Amashov" in persons_in(text, 32)  # surname alone, introduced in full earlier


def test_seed_004_appositive_assistant_and_honorific():
    text = seed_text("004")
    hajiyev = persons_in(text, 9)["Hikmet Hajiyev"]
    assert hajiyev.role == "Assistant to the President of Azerbaijan"
    mr = persons_in(text, 11)["Hajiyev"]
    assert mr.text == "Mr. Hajiyev" and mr.title == "" and "honorific Mr." in mr.note


def test_seed_publication_and_places_are_not_persons():
    text = seed_text("004")
    assert "Jerusalem" not in persons_in(text, 15)
    assert persons_in(seed_text("003"), 14) == {}  # "both Tel Aviv and Baku are keen"


# --- texts of our own ---

CENTRAL_BANK = """\
Chile cuts rates for the third time
The governor of the Central Bank of Chile, Rosa Valdés, announced the cut on Thursday.
Valdés said the decision was unanimous, while Finance Minister Tomás Ibarra welcomed it.
Economists at Banco Austral expect Valdés’s board to pause in March.
"""

CITY_HALL = """\
Mayor Jane Whitfield opened the new bridge on Monday.
Health Ministry spokeswoman Lena Fischer told reporters the clinic would stay open.
Dr. Jonas Weber, director of the Federal Vaccine Institute, said supplies were ample.
The deputy mayor, Omar Haddad, is a former engineer.
Omar Haddad is the chair of the city transport board.
"""

SIGNING = """\
The accord was signed by Maria Santos, Minister of Energy of Portugal, and Kenji Watanabe, head of the Japan Hydrogen Agency, in the presence of Prime Minister Luís Costa.
Ursula von der Leyen and Mohammed bin Salman did not attend.
Both Lisbon and Tokyo are keen to expand the Winter Olympics sponsorship, officials said in May.
Portuguese officials met New Zealand envoys at the Harbour Bridge Run.
Santos’s team will report to the Energy Council before Watanabe's visit in June.
"""


def test_central_bank_role_before_the_name_and_surname_only_later():
    governor = persons_in(CENTRAL_BANK, 2)["Rosa Valdés"]
    assert governor.role == "governor of the Central Bank of Chile"
    assert governor.key == "Valdés"
    line3 = persons_in(CENTRAL_BANK, 3)
    assert sorted(line3) == ["Tomás Ibarra", "Valdés"]
    assert line3["Tomás Ibarra"].title == "Finance Minister"
    line4 = persons_in(CENTRAL_BANK, 4)
    assert list(line4) == ["Valdés"]  # the possessive; "Banco Austral" is not a known name
    assert line4["Valdés"].text == "Valdés"


def test_city_hall_titles_orgs_and_copula_roles():
    assert persons_in(CITY_HALL, 1)["Jane Whitfield"].title == "Mayor"
    fischer = persons_in(CITY_HALL, 2)["Lena Fischer"]
    assert (fischer.title, fischer.role) == ("spokeswoman", "Health Ministry spokeswoman")
    weber = persons_in(CITY_HALL, 3)["Jonas Weber"]
    assert weber.role == "director of the Federal Vaccine Institute"
    assert weber.text == "Dr. Jonas Weber" and weber.title == ""
    assert persons_in(CITY_HALL, 4)["Omar Haddad"].role == "deputy mayor"
    assert persons_in(CITY_HALL, 5)["Omar Haddad"].role == "chair of the city transport board"


def test_appositive_list_of_signatories():
    people = persons_in(SIGNING, 1)
    assert people["Maria Santos"].role == "Minister of Energy of Portugal"
    assert people["Kenji Watanabe"].role == "head of the Japan Hydrogen Agency"
    assert people["Luís Costa"].title == "Prime Minister"
    assert people["Luís Costa"].role == ""


def test_particles_stay_in_the_surname():
    people = persons_in(SIGNING, 2)
    assert people["Ursula von der Leyen"].key == "von der Leyen"
    assert people["Mohammed bin Salman"].key == "bin Salman"


def test_places_events_months_and_demonyms_are_not_persons():
    assert persons_in(SIGNING, 3) == {}
    assert persons_in(SIGNING, 4) == {}


def test_possessive_surnames_the_article_introduced():
    people = persons_in(SIGNING, 5)
    assert sorted(people) == ["Santos", "Watanabe"]
    assert all("possessive" in p.note for p in people.values())


def test_headline_in_title_case_takes_only_known_names():
    article = "Regional Leaders Sign Water Sharing Pact\nAnna Berg, head of the river board, signed it."
    assert persons_in(article, 1) == {}
    assert "Berg" not in article_names("Regional Leaders Sign Water Sharing Pact Anna Berg")


def test_role_offsets_in_the_note_point_at_the_role():
    people = persons_in(SIGNING, 1)
    note = people["Kenji Watanabe"].note
    start, end = (int(x) for x in note.rsplit(" at ", 1)[1].split("-"))
    assert SIGNING[start:end] == "head of the Japan Hydrogen Agency"


def test_an_office_told_by_a_verb_is_the_role():
    text = "Lena Ortiz, who chairs the city council's housing committee, said the vote would wait."
    person = persons_in(text)["Lena Ortiz"]
    assert person.role == "chairs the city council's housing committee"
    assert "role verb at" in person.note
    assert persons_in("Omar Haddad, who heads the department of water, spoke.")["Omar Haddad"].role == (
        "heads the department of water")
    # a verb that is no office, or a clause going on after the object, gives no role
    assert not persons_in("Omar Haddad, who leads the search into the night, spoke.")["Omar Haddad"].role
    assert not persons_in("Omar Haddad, who visited the city council, spoke.")["Omar Haddad"].role


def test_title_full_forms_expand_abbreviations():
    assert title_full_form("Gen. (res.)") == "General (res.)"
    assert title_full_form("Lt.-Col") == "Lieutenant Colonel"
    assert title_full_form("Brig. Gen.") == "Brigadier General"


def test_names_inside_a_date_or_org_span_are_skipped():
    sentence = "The Anna Berg Foundation met on Monday."
    seg = Segment("x:1", "x", 0, len(sentence), sentence, "claim")
    org = Facet("org", 4, 26, "Anna Berg Foundation", "Anna Berg Foundation")
    from checker.facets import persons

    assert persons.extract(seg, [org], ArticleContext("x", sentence, "", "")) == []


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Aa Bb,.'’-()\nMr Gen President of the Zq")), max_size=120))
def test_any_text_gives_facets_whose_offsets_point_at_their_text(text):
    for line in range(1, text.count("\n") + 2):
        for f in line_facets(text, line):
            assert text[f.start:f.end] == f.text
            assert f.start < f.end


#: Words of titles, their complements and names: sequences of them reach the role parser's
#: loops in orders no article would (the fuzzer found "Administrator Administrator" looping).
ROLE_WORDS = ("Administrator", "deputy", "Deputy", "acting", "Minister", "Foreign", "President",
              "Prime", "of", "to", "and", "the", "'s", ",", "(res.)", "Ana", "Ruiz", "Ben", "Cole",
              "said", "Budget", "Office", "Housing", "senior", "economist", "at", "UN")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ROLE_WORDS), max_size=24))
def test_any_order_of_title_and_name_words_ends_with_facets_on_their_text(words):
    text = " ".join(words) + "."
    with fails_if_it_hangs(20):
        facets = line_facets(text, 1)
    for f in facets:
        assert text[f.start:f.end] == f.text


def test_two_titles_in_a_row_end_and_the_second_starts_the_role():
    with fails_if_it_hangs(20):
        people = persons_in("Ana Ruiz said Administrator Administrator Ben Cole would resign.")
    assert people["Ben Cole"].title == "Administrator"


# --- generic legal titles; misspelt surnames alone (invented copy) ---

def test_legal_titles_are_titles_not_names():
    people = persons_in("Senior Counsel Ruth Awino and lawyer Tom Hale spoke; advocate Ida Mwangi did not.")
    assert people["Ruth Awino"].title == "Senior Counsel"
    assert people["Tom Hale"].title == "lawyer"
    assert people["Ida Mwangi"].title == "advocate"
    deputy = persons_in("The board's lawyer, Deputy Solicitor General Ruth Awino, said it would appeal.")
    assert deputy["Ruth Awino"].title == "Deputy Solicitor General"


def test_a_lone_surname_one_letter_off_doing_something_is_a_person():
    article = ("Tomas Valera won 48% of the vote on Sunday.\n"
               "Valerra conceded defeat shortly before midnight.\n"
               "Valerra also met the new president on Monday.\n"
               "Valerra Street was closed, and Valerro is a town nearby.")
    assert "Valerra" in persons_in(article, 2)
    assert "Valerra" in persons_in(article, 3)
    assert persons_in(article, 4) == {}


def test_a_common_word_one_letter_off_a_surname_is_no_person():
    article = "Anna Price chairs the jury.\nPrize money rose to 5,000 euros this year."
    assert persons_in(article, 2) == {}


HARBOUR = (
    '"We move forty ships a day," port operations director Tomasz Wielgosz told the board.\n'
    "The harbour authority, whose technical director Ines Marklund approved the plan, paid for it.\n"
    "Port Safety Agency Administrator Rui Valcke said the cranes were inspected.\n"
    "The party's housing critic Dana Oyelaran called the plan late.\n"
    "Fans cheered when the new coach Pavel Strnad arrived; supporters praised coach Pavel Strnad.\n"
    "The veteran technical director Ines Marklund left.\n"
)


def test_lower_case_words_that_qualify_an_office_are_part_of_the_title():
    assert persons_in(HARBOUR, 1)["Tomasz Wielgosz"].title == "port operations director"
    assert persons_in(HARBOUR, 2)["Ines Marklund"].title == "technical director"
    assert persons_in(HARBOUR, 4)["Dana Oyelaran"].title == "housing critic"
    assert persons_in(HARBOUR, 6)["Ines Marklund"].title == "technical director"


def test_evaluative_words_and_verbs_before_a_title_stay_out_of_it():
    titles = sorted(f.title for f in line_facets(HARBOUR, 5, "person"))
    assert titles == ["coach", "coach"]


def test_an_organisation_before_a_generic_office_is_split_from_the_person():
    facets = line_facets(HARBOUR, 3)
    people = by_value([f for f in facets if f.facet == "person"])
    assert people["Rui Valcke"].title == "Administrator"
    assert "Port Safety Agency" in {f.value for f in facets if f.facet == "org"}


def test_a_portfolio_listed_with_commas_stays_in_the_role():
    text = ("Minister of Ports, Fisheries and Coasts Hallie Brandt tabled the bill.\n"
            "Tove Lind, Minister of Ports, Fisheries, Trade and Coasts, spoke.\n"
            "Tove Lind, head of the Budget Office, and Arne Sund, Minister of Trade, signed.\n")
    brandt = persons_in(text, 1)["Hallie Brandt"]
    assert brandt.role == "Minister of Ports, Fisheries and Coasts"
    assert persons_in(text, 2)["Tove Lind"].role == "Minister of Ports, Fisheries, Trade and Coasts"
    line3 = persons_in(text, 3)
    assert line3["Arne Sund"].role == "Minister of Trade"
    assert line3["Tove Lind"].role == "head of the Budget Office"


def test_two_capitalised_portfolios_joined_by_and_before_a_title_are_one_office():
    text = ("Revenue and Disaster Management Minister Anitha Varghese spoke.\n"
            "Talks between Kerala and Disaster Management Minister Ana Ruiz went on.\n"
            "Chile's Foreign Minister Tomas Eche and Australian Foreign Minister Claire White signed.\n")
    assert persons_in(text, 1)["Anitha Varghese"].role == "Revenue and Disaster Management Minister"
    assert persons_in(text, 2)["Ana Ruiz"].role == "Disaster Management Minister"  # a place before "and"
    assert persons_in(text, 3)["Claire White"].role == "Australian Foreign Minister"  # a name before "and"


def test_a_lower_case_portfolio_listed_with_commas_stays_in_the_role():
    text = ("Tove Lind, the minister of ports, fisheries and coasts, spoke.\n"
            "Tove Lind, the minister of ports, said the fleet and the crews were safe.\n")
    assert persons_in(text, 1)["Tove Lind"].role == "minister of ports, fisheries and coasts"
    assert persons_in(text, 2)["Tove Lind"].role == "minister of ports"


def test_a_role_ending_in_two_joined_lower_case_words():
    article = ("Ida Berg, head of the Vasa branch of the Harbour Police's unit for smuggling "
               "and fraud, said the case was closed.")
    assert persons_in(article)["Ida Berg"].role == (
        "head of the Vasa branch of the Harbour Police's unit for smuggling and fraud")
    article = "Ida Berg, head of the smuggling and fraud unit, spoke."
    assert persons_in(article)["Ida Berg"].role == "head of the smuggling and fraud unit"
    # "and" before a verb or a person is not part of the role
    article = "Ida Berg, head of the harbour unit, and Tom Lund spoke."
    assert persons_in(article)["Ida Berg"].role == "head of the harbour unit"


def test_an_appositive_title_after_lower_case_words_is_a_described_role():
    text = ("Ana Ruiz, a structural engineer at the National University of Tavia, blamed scour.\n"
            "Rui Sousa, senior Africa economist at Harbour Bank in London, said so.\n"
            "Eva Lund, a local resident, saw it.\n"
            "Ole Berg, chief economist at Tavia Rail, agreed.\n")
    ruiz = persons_in(text, 1)["Ana Ruiz"]
    assert ruiz.role == "structural engineer at the National University of Tavia"
    assert ruiz.note.startswith("role described at ")  # where they work, not an office
    assert persons_in(text, 2)["Rui Sousa"].role == "senior Africa economist at Harbour Bank in London"
    assert persons_in(text, 3)["Eva Lund"].role == ""
    berg = persons_in(text, 4)["Ole Berg"]
    assert berg.role == "chief economist at Tavia Rail" and berg.note.startswith("role appositive at ")


def test_two_portfolios_joined_by_and_are_one_office():
    text = ("Transport and Communications Minister Ana Ruiz flew in.\n"
            "Talks between Ruiz and Defence Minister Rui Sousa ended.\n")
    assert persons_in(text, 1)["Ana Ruiz"].role == "Transport and Communications Minister"
    assert persons_in(text, 2)["Rui Sousa"].title == "Defence Minister"
    assert persons_in(text, 2)["Rui Sousa"].role == ""


SHIPPING = """\
The Blue Horizon had left Piraeus at 7:30 a.m. before it struck rocks.
The vessel, the Blue Horizon, was operated by Cycladic Lines, the ferry's owner.
The captain, Matteo Rinaldi, was detained; the Rinaldi family said nothing.
"""


def test_a_name_after_the_definite_article_is_a_thing():
    assert "Blue Horizon" not in persons_in(SHIPPING, 1)
    assert "Blue Horizon" not in persons_in(SHIPPING, 2)
    assert "Cycladic Lines" not in persons_in(SHIPPING, 2)  # Lines: a company's head noun
    # a person the article names is still a person after "the"
    assert "Matteo Rinaldi" in persons_in(SHIPPING, 3)


def test_a_place_before_a_full_name_is_not_part_of_it():
    people = persons_in("Greens member for South Brisbane Priya Santhanan said the cap was a start.\n")
    assert "Priya Santhanan" in people
    assert not any("Brisbane" in name for name in people)


def test_the_member_for_an_electorate_is_a_role():
    people = persons_in("Housing Minister Rhys Calloway, the member for Bundamba, said the cap was fair.\n")
    assert people["Rhys Calloway"].role == "member for Bundamba"
    assert persons_in("EU Member States agreed on Friday.\n") == {}


def test_a_prefecture_or_a_spaceport_is_not_a_person():
    people = persons_in("The rocket lifted off from Spaceport Kesto in Nobeoka, Miyazaki "
                        "Prefecture, said launch director Kazuya Ishikawa.")
    assert sorted(people) == ["Kazuya Ishikawa"]


def test_a_harbour_master_and_a_chief_medical_adviser_are_titles():
    people = persons_in("Deputy harbour master Pieter de Vries said the tugs had no chance.")
    assert people["Pieter de Vries"].title.casefold() == "deputy harbour master"
    people = persons_in("Chief Medical Adviser Dr. Miriam Leblond said the data were strong.")
    assert people["Miriam Leblond"].title.casefold().startswith("chief medical adviser")


def test_a_capitalised_particle_is_no_extra_name_word():
    people = persons_in("Hamad Saif Al Dhaheri, the UAE Minister of State for Foreign Trade, attended the handover.")
    assert people["Hamad Saif Al Dhaheri"].key == "Al Dhaheri"


def test_including_is_not_part_of_a_title():
    (facet,) = line_facets("Four citizens were freed, including ex-army major Pavel Hrytsenka, the court said.",
                           1, "person")
    assert facet.text == "ex-army major Pavel Hrytsenka"


def test_a_hyphenated_modifier_and_office_is_a_title():
    people = persons_in("Its vice-chair, Margarethe Oberholzer, said the board agreed.")
    assert people["Margarethe Oberholzer"].role == "vice-chair"


def test_a_regent_is_an_office():
    (facet,) = line_facets("East Flores Deputy Regent Stefanus Kolin urged residents to stay away.", 1, "person")
    assert (facet.value, facet.role) == ("Stefanus Kolin", "East Flores Deputy Regent")


def test_a_long_run_of_title_modifiers_costs_linear_work(monkeypatch):
    # A fuzz input of "deputy deputy ..." made every word rescan the rest of the run: the
    # work grew with the square of its length (83 s for one 10 kB input under atheris).
    from checker.facets import persons

    calls = 0
    phrase_end = persons._title_phrase_end

    def counted(toks, j):
        nonlocal calls
        calls += 1
        return phrase_end(toks, j)

    monkeypatch.setattr(persons, "_title_phrase_end", counted)
    work = {}
    for size in (100, 400):
        calls = 0
        line_facets("Ana Ruiz, " + "acting deputy " * size + "said.", 1, "person")
        work[size] = calls
    assert work[400] <= 5 * work[100]
    assert persons_in("First Deputy Acting Minister Ana Ruiz said.")["Ana Ruiz"].title.casefold() \
        == "first deputy acting minister"


def test_compound_police_ranks_are_one_title():
    people = persons_in("\"It funds the next attack,\" said Detective Chief Superintendent Ana Ruiz, head of the unit.")
    assert people["Ana Ruiz"].title == "Detective Chief Superintendent"
    short = persons_in("Its head, Det. Chief Supt. Ana Ruiz, repeated the line.")
    assert short["Ana Ruiz"].title == "Det. Chief Supt."


def test_an_acronym_in_an_appositive_role_is_a_name_not_a_function_word() -> None:
    text = ("The plan failed, said Dr Helena Okafor, WHO deputy director-general for access to "
            "medicines and health products.")
    (person,) = [f for f in line_facets(text, 1, "person")]
    assert person.role == "WHO deputy director-general for access to medicines and health products"


def test_a_born_or_based_word_before_a_name_describes_the_person() -> None:
    text = "There is a local flavour to the board. Great Sankey-born Kieran Walsh becomes vice-chairman."
    assert [f.value for f in line_facets(text, 1, "person")] == ["Kieran Walsh"]


def test_a_time_modifier_opens_a_title_with_lower_case_words_after_it():
    people = persons_in("He joins as vice-chairman and former club captain Lee Hartigan becomes a director.")
    assert people["Lee Hartigan"].title == "former club captain"


def test_a_full_name_opening_a_clause_keeps_a_first_name_that_is_also_a_town():
    # Cláudio is a town in Brazil, and the first name of the party's state president
    people = persons_in("His party was combative. Cláudio Ramos Peixoto, state president of the "
                        "PMP, said it would appeal.\n")
    assert "Cláudio Ramos Peixoto" in people


def test_a_capitalised_modifier_opening_a_sentence_stays_in_the_title():
    lis = persons_in("Deputy provincial fire commander Krzysztof Lis said 140 firefighters took part.\n")["Krzysztof Lis"]
    assert lis.title == "Deputy provincial fire commander"


def test_lower_case_words_after_by_stay_in_the_title():
    peixoto = persons_in("The branch, led by state president Cláudio Ramos Peixoto, backed it.\n")["Cláudio Ramos Peixoto"]
    assert peixoto.title == "state president"


def test_lower_case_words_before_a_role_before_the_name_stay_in_it():
    text = ("Backing him, the national president of the PMP, Cláudio Ramos Peixoto, said so.\n"
            "The PMP's state president in Bahia, Cláudio Ramos Peixoto, called it a precedent.\n"
            "Backing him, the independent member for Noosa, Dale Kinsella, said so.\n")
    assert persons_in(text, 1)["Cláudio Ramos Peixoto"].role == "national president of the PMP"
    assert persons_in(text, 2)["Cláudio Ramos Peixoto"].role == "PMP's state president in Bahia"
    # an affiliation (data/title_premodifiers.txt) is no part of the office
    assert persons_in(text, 3)["Dale Kinsella"].role == "member for Noosa"


def test_an_office_of_a_named_body_after_lower_case_words_is_no_described_role():
    text = "Around 140 firefighters worked, according to Krzysztof Lis, provincial commander of the State Fire Service in Opole.\n"
    lis = persons_in(text)["Krzysztof Lis"]
    assert lis.role == "provincial commander of the State Fire Service in Opole"
    assert not lis.note.startswith("role described")


def test_a_surname_that_is_a_town_the_article_is_in_stands_for_the_town():
    # "Odra Opole" is a football club in a ticker line; "Opole" alone is the town
    text = ("Firefighters from Opole worked through the night.\n"
            "Crews in Opole said the line would reopen on Friday.\n"
            "Odra Opole draw 1-1 with Wisla Krakow in front of 6,400 fans\n")
    assert "Opole" not in persons_in(text, 2)


def test_whole_titles_of_envoys_and_delegates_and_an_it_director():
    def titled(text: str) -> tuple[str, str]:
        (p,) = {(f.title, f.role) for f in line_facets(text, 1) if f.facet == "person"}
        return p
    assert titled("The ministry declared Deputy High Commissioner Charles Wambua persona non grata.") == (
        "Deputy High Commissioner", "")
    assert titled("Deputy regional presidential delegate Ignacio Ferrada said 12 officers were hurt.")[1] == (
        "Deputy regional presidential delegate")
    assert titled("The fault, according to the court's IT director, Ana Lobo, lay elsewhere.")[1] == "IT director"


def test_a_title_with_a_lower_case_portfolio_right_before_the_name_is_the_role():
    text = "City deputy mayor for housing Lena Ortiz said the vote would wait."
    assert persons_in(text)["Lena Ortiz"].role == "City deputy mayor for housing"


def test_no_person_inside_a_quoted_title_of_a_work():
    line = '"Autumn Mist over West Lake", a canvas of 1962, was sold by Ana Ruiz on Thursday.'
    assert [f.value for f in all_facets(line) if f.facet == "person"] == ["Ana Ruiz"]
