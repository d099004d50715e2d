"""Classification of segments: the seeds' junk is not `claim`, their real claims are, and the
same abilities hold on three invented articles about other stories (web copy with its junk)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from checker.segment import CLASSES, segment

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _segments(text: str, source: str = "t") -> pd.DataFrame:
    return segment(pd.DataFrame([{"source": source, "text": text, "body_start": 0}]))


def _speakers_of(text: str, pattern: str) -> list[str]:
    """The speakers of the segments of `text` whose words match `pattern`, in order."""
    table = _segments(text)
    return list(table[table["text"].str.contains(pattern)]["speaker"])


def _by_line(table: pd.DataFrame) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for row in table.itertuples(index=False):
        out[int(row.line)].add(row._8)  # the `class` column
    return out


def _seed(prefix: str) -> pd.DataFrame:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return _segments(path.read_text(encoding="utf-8"), prefix)


@pytest.fixture(scope="module")
def seeds() -> dict[str, pd.DataFrame]:
    return {p: _seed(p) for p in ("000", "001", "002", "003", "004")}


# ---- seeds -------------------------------------------------------------------------------

def test_seed_000_caption_and_bio_are_not_claims_and_claims_stay(seeds):
    lines = _by_line(seeds["000"])
    assert lines[1] == {"headline"}
    assert lines[2] == {"caption"}
    assert lines[4] == {"byline"}
    assert lines[6] == {"claim"}
    assert lines[16] == {"quote"}


def test_seed_000_multi_paragraph_quotes_keep_their_speaker(seeds):
    table = seeds["000"]
    quotes = table[table["line"].between(16, 22)]
    assert set(quotes["class"]) == {"quote"}
    assert quotes["speaker"].str.contains("Netanyahu").all()
    second = table[table["line"].between(26, 30)]
    assert set(second["class"]) == {"quote"}
    assert second["speaker"].str.endswith("Eskel").all()


def test_seed_000_writer_judgement_is_opinion(seeds):
    table = seeds["000"]
    row = table[table["text"].str.startswith("These two short speeches")].iloc[0]
    assert row["class"] == "opinion"
    assert row["reason"].startswith("opinion:")


def test_seed_001_claims_lists_and_headings(seeds):
    table = seeds["001"]
    lines = _by_line(table)
    assert lines[1] == {"headline"}
    assert lines[5] == {"claim"}
    assert lines[4] == {"heading"}
    assert lines[9] == {"heading"}
    assert lines[39] == {"boilerplate"}  # external-link line
    items = table[table["marker"] == "-"]
    assert list(items["line"]) == [15, 17, 19, 21, 23, 43, 45, 47, 49]
    assert set(table[table["line"] == 13]["class"]) == {"hedged"}
    assert set(table[table["line"] == 33]["class"]) == {"quote"}


def test_seed_002_faq_navigation_and_sources_are_not_claims(seeds):
    lines = _by_line(seeds["002"])
    for line in (1, 27, 29, *range(31, 39)):
        assert lines[line] == {"boilerplate"}, line
    assert lines[3] == {"headline"}
    assert lines[5] == {"byline"}  # the dateline
    assert "claim" in lines[9]


def test_seed_003_ticker_items_and_prompts(seeds):
    lines = _by_line(seeds["003"])
    for line in (1, 2, *range(41, 51)):
        assert lines[line] == {"off_topic"}, line
    for line in (51, 52, 53):
        assert lines[line] == {"boilerplate"}, line
    for line in (3, 4, 5, 14):
        assert lines[line] == {"claim"}, line
    assert not any("headline" in classes for classes in lines.values())
    # Nothing of the story itself is off-topic.
    assert not any("off_topic" in lines[line] for line in range(3, 41))


def test_seed_004_newsletter_and_duplicated_captions(seeds):
    lines = _by_line(seeds["004"])
    for line in (5, 6, 7, 17, 18, 35, 37):
        assert "claim" not in lines[line], line
    assert lines[35] == {"boilerplate"} and lines[37] == {"boilerplate"}
    table = seeds["004"]
    oil = table[table["text"].str.contains("oil exports")].iloc[0]
    assert oil["class"] == "claim"
    assert oil["line"] == 30


def test_every_class_is_known_and_reasons_explain_every_non_claim(seeds):
    for table in seeds.values():
        assert set(table["class"]) <= set(CLASSES)
        left_out = table[~table["class"].isin(["claim", "quote", "headline", "heading"])]
        assert (left_out["reason"].str.len() > 0).all()
        assert (table["compared"] == table["class"].isin(["claim", "quote"])).all()


# ---- invented articles ----------------------------------------------------------------------

DOCKS = """Dock workers in Kesselmark end three-week strike after pay deal
Dock workers in Kesselmark end three-week strike after pay dealLena Voss/NPA

Pieter Aalders is a labour correspondent and the author of two books on European ports

Dock workers at the port of Kesselmark voted on Thursday to end a three-week strike after the harbour authority agreed to raise wages by 6.5% over two years.

The agreement was signed by Labour Minister Tomas Brenner and the head of the dockers' union, Greta Holm, at the harbour authority's offices in Kesselmark.

Related: Port traffic at Kesselmark falls to a ten-year low

Brenner said the deal would "restore calm to the harbour and keep the cranes moving." He added that the government had not paid for the wage increase.

Holm told reporters that the union's members had backed the pay agreement by a large majority. "Our members stood together for three weeks. They were not asking for favours, they were asking for fair pay," she said.

The strike had left more than 40 container ships waiting at anchor outside the port, according to the harbour authority.

Shipping companies may seek compensation for the delays, and the backlog at the harbour could take a month to clear.

The harbour workers deserve praise for their patience during a long and bitter strike.

Sign up for our morning newsletter

Dock workers at Kesselmark return to their shifts at the harbour on Saturday morning after the strike.

Tomas Brenner met the French transport minister in Lyon on Monday (3 March) to discuss rail freight links across the Alps.
Heavy snow closed the Brenta motorway for six hours on Sunday, stranding hundreds of drivers near Castelfranco.
Grain prices rose sharply in Chicago on Friday after reports of a poor harvest in Argentina and Brazil.
The Orchestra of Saint Lucia announced a summer tour of Japan and South Korea on Tuesday (4 March).
"""

FLOOD = """Back to news
Coastal rail line reopens after landslide repairs
Trains returned to the coastal line between Port Esk and Dunmore on Monday after six weeks of repairs to a landslide that...
Floodgates opened as Lake Morrow reaches record level
Engineers opened the floodgates of the Morrow dam on Wednesday after the reservoir rose to its highest level since records began in 1961.
The regional water board said the lake stood at 212.4 metres above sea level at noon, 1.8 metres above its usual spring peak.
Water board spokeswoman Ana Ruiz said the dam was safe and that the release of water was a precaution.
What residents should expect
The water board told residents of Lindell, downstream of the dam, to prepare for:
-
road closures near the river
-
temporary loss of drinking water
-
evacuation of low-lying farms
The mayor of Lindell, Paul Okafor, said the town hall would stay open overnight for families leaving the riverbank.
“We have sandbags, we have buses and we have volunteers,” Okafor said. “Nobody in Lindell will be left on their own.”
The water board said the dam released 300 cubic metres of water per second on Wednesday, twice the usual spring flow.
Heavy rain is likely to continue until the weekend, and the river could reach the town's flood walls by Friday.
Frequently asked questions
Is my tap water safe?
Loading answer
Will the dam hold?
Loading answer
Download our app from Google Play and the App Store
"""

HOSPITAL = """Hospital opens new cancer wing after 12-year campaign

Published 14 May 2025, 09:30

By Kofi Mensah

Health Secretary Dr. Amara Osei cuts the ribbon at St. Brendan's Hospital, May 13, 2025. (photo credit: Carrow Health Trust)
Health Secretary Dr. Amara Osei cuts the ribbon at St. Brendan's Hospital, May 13, 2025.

The new cancer wing at St. Brendan's Hospital in Carrow opened on Tuesday after a 12-year campaign by patients and staff, at a cost of 48.5 million pounds.

Health Secretary Dr. Amara Osei, who opened the cancer wing, told hospital staff:

“This building is the work of thousands of people. Nurses, porters and patients wrote letters, ran marathons and knocked on doors for twelve years.

“Today we can say that their campaign has been won. The wing will treat 9,000 patients a year from next spring.”

The hospital's chief executive, Mr. R. T. Lindqvist, said the cancer wing had been built on time and 3.5% under budget.

The wing has 64 beds, two radiotherapy suites and a garden designed by former patients of the hospital, according to the Carrow Health Trust.

Ward No. 4, the hospital's old cancer ward, will close in June and be turned into a day clinic for patients.

Cancer waiting lists in Carrow are among the longest in the U.K. The hospital trust said the new wing would cut them by half within two years.

Stay informed: get our weekly health briefing

Dr. Amara Osei visited a vaccine plant in Lagos on Friday (9 May) with the Nigerian health minister and two German investors.
Firefighters in Avonmere rescued 14 people from a flooded caravan park on Thursday night after the river burst its banks.
Shares in the carmaker Velotta fell 8% in Frankfurt on Wednesday after it cut its sales forecast for Asia and America.
"""


@pytest.fixture(scope="module")
def own() -> dict[str, pd.DataFrame]:
    return {"docks": _segments(DOCKS, "docks"), "flood": _segments(FLOOD, "flood"),
            "hospital": _segments(HOSPITAL, "hospital")}


def test_docks_glued_credit_bio_link_newsletter(own):
    lines = _by_line(own["docks"])
    assert lines[1] == {"headline"}
    assert lines[2] == {"caption"}
    assert lines[4] == {"byline"}
    assert lines[10] == {"boilerplate"}  # Related: link line
    assert lines[22] == {"boilerplate"}  # newsletter prompt
    assert lines[6] == {"claim"} and lines[8] == {"claim"} and lines[16] == {"claim"}
    assert lines[18] == {"hedged"}
    assert lines[20] == {"opinion"}


def test_docks_ticker_sharing_a_person_is_off_topic(own):
    lines = _by_line(own["docks"])
    for line in (26, 27, 28, 29):
        assert lines[line] == {"off_topic"}, line
    assert not any("off_topic" in lines[line] for line in range(1, 25))


def test_docks_quotes_and_speakers(own):
    table = own["docks"]
    holm = table[table["line"] == 14]
    assert list(holm["class"]) == ["claim", "quote", "quote"]
    assert list(holm["speaker"]) == ["Holm", "Holm", "Holm"]
    brenner = table[table["line"] == 12]
    assert list(brenner["speaker"]) == ["Brenner", "Brenner"]  # "He added" resolved


def test_flood_ticker_first_lines_are_not_the_headline(own):
    table = own["flood"]
    lines = _by_line(table)
    assert lines[1] == {"boilerplate"}
    assert lines[2] == {"off_topic"} and lines[3] == {"off_topic"}
    assert lines[4] == {"headline"}
    assert lines[5] == {"claim"}
    assert lines[8] == {"heading"}
    for line in range(20, 26):
        assert lines[line] == {"boilerplate"}, line
    assert lines[19] == {"hedged"}
    assert not any("off_topic" in lines[line] for line in range(4, 26))


def test_flood_dash_lines_mark_the_next_line_as_an_item(own):
    table = own["flood"]
    items = table[table["marker"] == "-"]
    assert list(items["text"]) == ["road closures near the river",
                                   "temporary loss of drinking water",
                                   "evacuation of low-lying farms"]
    assert list(items["line"]) == [11, 13, 15]


def test_flood_quote_speaker_from_the_attribution_after_it(own):
    table = own["flood"]
    quote = table[table["line"] == 17]
    assert list(quote["class"]) == ["quote", "quote"]
    assert list(quote["speaker"]) == ["Okafor", "Okafor"]


def test_hospital_bylines_captions_and_ticker(own):
    lines = _by_line(own["hospital"])
    assert lines[1] == {"headline"}
    assert lines[3] == {"byline"}  # dateline
    assert lines[5] == {"byline"}  # author line
    assert "claim" not in lines[7] and "claim" not in lines[8]
    assert lines[10] == {"claim"}
    assert lines[26] == {"boilerplate"}
    for line in (28, 29, 30):
        assert lines[line] == {"off_topic"}, line
    assert not any("off_topic" in lines[line] for line in range(1, 27))


def test_hospital_quote_over_two_paragraphs_after_an_introduction(own):
    table = own["hospital"]
    quotes = table[table["line"].isin([14, 16])]
    assert len(quotes) == 4
    assert set(quotes["class"]) == {"quote"}
    assert set(quotes["speaker"]) == {"Health Secretary Dr. Amara Osei"}


def test_hospital_abbreviations_do_not_end_sentences(own):
    texts = list(own["hospital"]["text"])
    assert ("The hospital's chief executive, Mr. R. T. Lindqvist, said the cancer wing had been "
            "built on time and 3.5% under budget.") in texts
    assert ("Ward No. 4, the hospital's old cancer ward, will close in June and be turned into a "
            "day clinic for patients.") in texts
    assert "Cancer waiting lists in Carrow are among the longest in the U.K." in texts


def test_an_article_without_junk_keeps_everything_as_claims():
    text = ("City council approves new bus lanes\n\n"
            "The city council of Marlow approved three new bus lanes on Tuesday by 31 votes to 12.\n\n"
            "The lanes will run along Station Road, the High Street and Mill Lane from September.\n\n"
            "Council leader Joan Pike said the lanes would cut journey times for 20,000 passengers.\n\n"
            "Opposition councillors voted against the plan, citing the loss of 140 parking spaces.\n\n"
            "The bus lanes will cost 2.1 million pounds, paid by a regional transport grant.\n\n"
            "Work on Station Road starts in June and the council will consult shop owners first.\n")
    table = _segments(text)
    assert list(table["class"]) == ["headline"] + ["claim"] * 6


def test_capitalised_words_mid_sentence_are_names_not_hedge_or_opinion_cues():
    text = (
        "Harbour deal signed\n\n"
        "The contract was signed on 9 May 2024 in Porto by the port authority.\n\n"
        "Officials may extend the quay next year.\n\n"
        "The mayor said Will Carter would lead the works from May.\n"
    )
    by_line = _by_line(_segments(text))
    assert by_line[3] == {"claim"}
    assert by_line[5] == {"hedged"}
    assert by_line[7] == {"claim"}


# ---- junk lines and hedges found by the second red team (invented texts) -----------------

def _classes(lines: list[str]) -> list[str]:
    """The class of each line, set one per paragraph under a headline and a body long enough
    that the lines sit among the article's last paragraphs, where page furniture is."""
    body = [
        "Ferry strike halts crossings to the islands",
        "Ferry crews on the Vellmar route stopped work on Thursday over a pay dispute.",
        "The operator said 14 sailings were cancelled and 3,000 passengers were affected.",
        "Union leader Petra Osk said the crews wanted a rise of 9 per cent.",
    ]
    table = _segments("\n\n".join(body + lines) + "\n")
    by_line = _by_line(table)
    first = 2 * len(body) + 1
    return ["/".join(sorted(by_line[first + 2 * k])) for k in range(len(lines))]


@pytest.mark.parametrize("line, expected", [
    ("About the author: Lena Hart covers transport for the Harbour Gazette from Vellmar.",
     "byline"),
    ("Tomas Reyes is the Harbour Gazette's chief maritime writer.", "byline"),
    ("J. Okafor is Transport Editor at the Coastal Record.", "byline"),
    ("Subscribe for unlimited access to every story.", "boilerplate"),
    ("Subscribe to Gazette Plus.", "boilerplate"),
    ("Also on Harbour Gazette:", "boilerplate"),
    ("This article is part of our Island Life series.", "boilerplate"),
    ("This story was originally published by the Coastal Record.", "boilerplate"),
    ("HG analysis: the operator cannot afford a long strike before the summer season.",
     "opinion"),
    ("Our view: both sides have waited far too long to talk.", "opinion"),
    ("(Reporting by Lena Hart in Vellmar; Editing by Sam Roy)", "byline"),
    ("Lena Hart contributed reporting.", "byline"),
    ("Tomas Reyes is the Gazette's ferry reporter and can be reached at tr@example.org.",
     "byline"),
    ("Follow Lena Hart on Bluesky.", "byline"),
    ("Keep reading with a subscription.", "boilerplate"),
    ("Our journalism relies on your support.", "boilerplate"),
    ("Want more stories like this? Sign up here.", "boilerplate"),
    ("Don't miss:", "boilerplate"),
    # a correction's figures are the article's old errors: never compare them
    ("Correction: An earlier version of this story said 41 sailings were cancelled.",
     "boilerplate"),
    ("An earlier version of this article gave the wrong date for the strike.", "boilerplate"),
    # ticker items labelled as such, or strung together with "+++"
    ("TICKER: Harbour tolls expected to drop by about 20c in April", "boilerplate"),
    ("Ticker: Vellmar airport reopens +++ Index closes 0.6% higher at 24,310 points",
     "boilerplate"),
    ("Get Harbour News alerts: download the Harbour News app and turn on notifications.",
     "boilerplate"),
    # promotions of other stories, tickers, widgets and data strips (fourth red team)
    ("\u25ba DON'T MISS: Island skipper, 23, rescued after night adrift off Vellmar",
     "boilerplate"),
    ("See also: Why the ferry fleet is 40 years old", "boilerplate"),
    ("LAST HOUR: Vellmar United pays 22 million euros for the Danish striker", "boilerplate"),
    ("Snow report Vellmar: 165 cm on the mountain, 20 cm of fresh snow in the last 24 h",
     "boilerplate"),
    ("Traffic update Vellmar ring road: 12 km of queues after a crash", "boilerplate"),
    ("Index 128,412 pts (-0.3%) | HGN 14.82 (+2.4%) | EUR/USD 1.08 | Base rate 4.25%",
     "boilerplate"),
    # a data box of labelled values (blind round 10)
    ("Threat level this week: HIGH | Incidents tracked (EU hospitals, 2026 YTD): 147",
     "boilerplate"),
    ("\U0001f36a We and our 187 partners use cookies.", "boilerplate"),
    ("Weather at the Vellmar docks: 55\u00b0F Overcast | Markets: Brent $78.41 | Gas $3.12",
     "boilerplate"),
    ("Sport: 2. Liga \u2013 1. FC Vellmar 2\u20132 Harbour United", "boilerplate"),
    ("Donate from 10 euros a month.", "boilerplate"),
    ("Posted by Dr Nadia Fer on Wednesday 8th April 2026 - 6 min read - Filed under: Ferries",
     "byline"),
    ("Vellmar Gazette \u00b7 4 min read", "boilerplate"),
    ("Tickets \u20ac7.50, free for under-12s.", "boilerplate"),
    ("Rugby \u2013 Top 14, final scores: Vellmar 26-20 Harbour | Castres 15-12 Pau", "boilerplate"),
    ("Betting: Vellmar to win the title - 2/1, Harbour 3/1. Please bet responsibly.", "boilerplate"),
    ("LIVE SCORES | Vellmar 2-1 Harbour (FT)", "boilerplate"),
    ("We value your privacy. We and our 143 partners store and access information on your device. "
     "[Accept] [Reject]", "boilerplate"),
    ("SPONSORED: Automate your compliance register with Ledgerly. Book a 20-minute demo today.",
     "boilerplate"),
    ("Upcoming: Harbour Forum Live, Vellmar, 14-15 January. Early-bird tickets EUR 495 until 30 November.",
     "boilerplate"),
    ("ALSO IN TODAY'S BRIEFING", "boilerplate"),
    ("All quotes delayed a minimum of 15 minutes.", "boilerplate"),
    # blind round 18: weather and snow widgets, a most-viewed list
    ("Galway weather: 10\u00b0C, heavy showers, wind SW 45 km/h.", "boilerplate"),
    ("Weather: Rain clearing eastwards this morning, highs of 9 to 13 degrees.", "boilerplate"),
    ("SNOW WATCH: Arvenaz 150cm (summit) / 40cm (resort) \u2013 15cm fresh overnight.", "boilerplate"),
    ("Most viewed: 1. Congress approves tax reform | 2. Petrol prices rise 4%", "boilerplate"),
    ("Sanne de Groot covers tennis and cycling for The Harbour Courier.", "byline"),
    ("Ben Aldous has coordinated ferry rescues in Vellmar since 2009 and edits the Bulletin.", "byline"),
    ("You're receiving this because you subscribed at harbourbrief.example.", "boilerplate"),
    ("Don't miss a thing: get the Echo Daily in your inbox. [Your email address] [Subscribe]", "boilerplate"),
    ("Chart: ferry occupancy, 2022-2026. Source: the operator. Graphic: HG", "caption"),
    ("HARBOUR ECHO - Your city. Your news.", "boilerplate"),
    ("BREAKING: Vellmar 287/6 (50 ov) beat Norland by 34 runs", "boilerplate"),
    ("ELSEWHERE: Challenger Vellmar - T. Brandl (AUT) d. S. Miro (ESP) 7-5 6-2", "boilerplate"),
    ("- Pontoon maintenance checklist (Issue 109)", "boilerplate"),
    ("Explainer: Why do ferries run aground?", "boilerplate"),
    ("Related in the Bulletin:", "boilerplate"),
    ("Members: book now for the sea-survival course, Vellmar, 14-15 March - 18 places left", "boilerplate"),
    ("Nordic Ski Cup, Vellmar sprint: 1. Anna Lind (SWE) 2:53.08, 2. Petra Osk (NOR) +0.14", "boilerplate"),
    ("Women's 1500m: 1. Anna Lind 4:05.62, 2. Petra Osk 4:06.10, 3. Mia Berg 4:07.33", "boilerplate"),
    ("ISLAND HOOPS: Vellmar Gulls 88 - 81 Norland Seals | Kirk Rovers 72 - 75 Port Owls", "boilerplate"),
    ("The ferry Nordlys at the quay in October 2026. Harbour Authority/Handout via HPA", "caption"),
    ("Ferry Bulletin is published by Vellmar Media Group Ltd, 18/F, 88 Quay Road Central, Vellmar Old Town, Norland.",
     "boilerplate"),
    ("TRAVEL: Ring road closed at Kirk - use route via N-12 | Vellmar 31°C, sunny", "boilerplate"),
])
def test_junk_lines_of_other_outlets_are_not_claims(line, expected):
    assert _classes([line]) == [expected]


@pytest.mark.parametrize("line", [
    "The operator is the islands' largest employer and its chief executive is Anna Berg.",
    "Petra Osk is a ferry engineer at the Vellmar yard.",
    "The crews said they would subscribe to the new pension plan if it were offered.",
    "The strike is part of a series of walkouts planned for the summer.",
    "Analysis of the timetable shows 40 sailings a week on the route.",
    "Update: the operator said talks would resume on Monday.",
    "The ferry company and its partners will share the cost of the new terminal.",
    "Officials said they would book a review of the safety rules before the summer.",
    "The union has 2,000 members and can be reached only through its regional branches.",
    "The island can be reached on foot at low tide, the operator said.",
    "Weather forecasts had warned of 40 cm of snow, the operator said.",
    "The snow report from the pass said 2 metres had fallen, and the road stayed shut.",
    "The operator said it uses cookies-and-coffee mornings to meet passengers.",
    "Weather delays cost the operator 12 sailings in March, the union said.",
    "Sport clubs on the islands said 300 players could not reach matches.",
    "Tickets for the ferry rose by 12% in March, the operator said.",
    "Crews had 20 minutes to read the new rota before signing it.",
    "Rugby clubs on the islands said 300 players could not reach matches.",
    "Organisers urged fans to book now, with only 200 seats left for the final.",
    "The ferry, built in 1998, carried 287 passengers on its last crossing, the operator said.",
    "Vellmar beat Norland 88-81 on Saturday, the league said.",
    "The operator's handout of 200 euros was paid to every crew member in October.",
])
def test_claims_that_look_a_little_like_junk_stay_claims(line):
    assert _classes([line]) == ["claim"]


def test_a_heading_labelled_analysis_stays_a_heading():
    assert _classes(["Analysis: why the ferry strike matters"]) == ["heading"]


@pytest.mark.parametrize("line, expected", [
    # the hedge governs the main clause
    ("The fee of 40 million euros could rise to 47 million with add-ons.", "hedged"),
    ("The union may strike again in June, its leader said.", "hedged"),
    ("The strike, which began on Monday, may last weeks.", "hedged"),
    ("The operator confirmed the fee of 40 million, which could rise to 47 million.", "hedged"),
    ("The best outcome could be a compromise.", "hedged"),
    ("Everything the operator owns could be sold.", "hedged"),
    ("Prices rose, and may rise further, officials said.", "hedged"),
    ("The operator listed plans for new routes, which could bring new jobs, new boats, "
     "and cheaper fares.", "hedged"),
    # the hedge sits in an aside about a detail of a factual report
    ("The operator said the fee, which could rise later, is 40 million euros.", "claim"),
    ("The mayor, who may run again next year, opened the terminal on Friday.", "claim"),
    ("The storm, which forecasters said could strengthen, reached the coast at noon.",
     "claim"),
    ("The fire (possibly started by lightning) destroyed 300 homes.", "claim"),
    ("The fire - possibly started by lightning - destroyed 300 homes.", "claim"),
    ("The minister said the offer was the best the government could afford.", "claim"),
    ("The council did everything it could to keep the ferry running.", "claim"),
    ("More than 1,200 laptops had to be wiped before they could be reconnected.", "claim"),
    ("The ferry waited until the storm could pass.", "claim"),
    # "may" granting a right is no guess
    ("Appeals may be lodged with the maritime court until 2 May.", "claim"),
])
def test_a_hedge_counts_only_when_it_governs_the_main_clause(line, expected):
    text = f"Ferry strike halts crossings\n\n{line}\n"
    assert _by_line(_segments(text))[3] == {expected}


# ---- page furniture around a story (invented) ----------------------------------------------

FURNITURE = """\
Ferry runs aground off Naxos

A ferry ran aground near the port of Naxos on Tuesday, and all 312 passengers were taken ashore.

Audio: Eleni Markou reports from the harbour at Naxos.

Support local journalism. Become a Harbour Radio member today with a gift of any amount.

Sign up for the Herald's Morning Briefing newsletter, the day's top island stories in your inbox by 7 a.m. Subscribe now.

The coast guard said four passengers were treated for minor injuries at the island's health centre.

TRENDING NOW
• Senate negotiators near deal on farm bill extension
• Why egg prices are climbing again

ALSO ON HARBOUR RADIO
- Island council weighs new bike lane network
- Farmers race to finish the olive harvest ahead of rain

Related:
- The captain was detained for questioning, as is routine after a grounding.
"""


def test_prompts_captions_and_link_lists_are_not_claims():
    lines = _by_line(_segments(FURNITURE))
    assert lines[3] == {"claim"} and lines[11] == {"claim"}
    assert lines[5] == {"caption"}  # "Audio: ..."
    assert lines[7] == {"boilerplate"}  # support/member prompt
    assert lines[9] == {"boilerplate"}  # a newsletter prompt of 20-odd words
    for line in (13, 14, 15, 17, 18, 19):
        assert lines[line] == {"boilerplate"}, line
    # a full sentence under a link line is no link: it stays a claim
    assert lines[22] == {"claim"}


FURNITURE_2 = """\
Porto Aurelio changes hands

by Alessandro Ricci

The Boston fund completed its takeover of the club on Tuesday, the league confirmed.

Daniel Whitcombe said promotion was an ambition, not a promise © Marco Lodi/LaPresse

Read more: Serie B, the table after matchday 3 with Porto Aurelio in the play-off places and two clubs level on points

🎧 Listen to the new episode of our podcast "Biancazzurro Talk" on Spotify and Apple Podcasts

The new owners will take on 38.5 million euros of debt, the club said.

Read Next
Soccer-Bologna beat Torino 2-0, Orsolini scores twice
Tennis-Cobolli beats Shelton in three sets to reach Chengdu quarter-finals
"""


def test_comments_ads_podcast_teasers_and_bios_are_not_claims():
    text = ("Ferry strike halts crossings to the islands\n\n"
            "Ferry crews on the Vellmar route stopped work on Thursday over a pay dispute.\n\n"
            "The operator said 14 sailings were cancelled and 3,000 passengers were affected.\n\n"
            "Union leader Petra Osk said the crews wanted a rise of 9 per cent.\n\n"
            "Pizzeria Nonna – 2 pizzas for 49 zł every Tuesday! Order now\n\n"
            "PODCAST: Episode 188 - our harbour show, with skipper Ola Vik (54 min)\n\n"
            "Comments (47)\n\n"
            "ferry_fan_88: Finally, we've been waiting 10 years...\n\n"
            "Ana Lund covers transport in Norway and Sweden from the Atlas Oslo bureau. "
            "She has reported on six elections.\n\n"
            "Kari Berg is Atlas's shipping correspondent and has covered four strikes.\n\n"
            "The union said talks would resume on Monday.\n")
    lines = _by_line(_segments(text))
    for line in (9, 11, 13, 15):
        assert lines[line] == {"boilerplate"}, line
    assert lines[17] == lines[19] == {"byline"}
    assert lines[21] == {"claim"}


def test_headlines_under_a_bare_related_label_are_links():
    text = ("Ferry strike halts crossings to the islands\n\n"
            "Ferry crews on the Vellmar route stopped work on Thursday over a pay dispute.\n\n"
            "The operator said 14 sailings were cancelled and 3,000 passengers were affected.\n\n"
            "Union leader Petra Osk said the crews wanted a rise of 9 per cent.\n\n"
            "RELATED\n\n"
            "Harbour police seize $2.3 million in cash at the ferry terminal\n\n"
            "The union said talks would resume on Monday.\n")
    lines = _by_line(_segments(text))
    assert lines[9] == lines[11] == {"boilerplate"}
    assert lines[13] == {"claim"}


def test_bylines_credits_podcasts_and_unbulleted_link_lists_are_not_claims():
    lines = _by_line(_segments(FURNITURE_2))
    assert lines[5] == {"claim"} and lines[13] == {"claim"}
    assert lines[3] == {"byline"}  # "by <Name>" in lower case
    assert lines[7] == {"caption"}  # a caption ending in "© Name/Agency"
    assert lines[9] == {"boilerplate"}  # a long "Read more:" line
    assert lines[11] == {"boilerplate"}  # podcast prompt
    for line in (15, 16, 17):
        assert lines[line] == {"boilerplate"}, line


WIRE_PHOTO = """\
Tavia raises rates

Bank of Tavia Governor Ana Ruiz speaks at a news conference in Kasoma, Tavia, Sept 17, 2026. Atlas/Joseph Kariuki

KASOMA, Sept 17 (Atlas) - Tavia's central bank raised its benchmark rate to 9.25% on Thursday.
"""


def test_a_wire_photo_caption_ending_in_agency_slash_photographer_is_a_caption():
    lines = _by_line(_segments(WIRE_PHOTO))
    assert lines[3] == {"caption"}
    assert lines[5] == {"claim"}


def test_a_wire_photo_credit_with_file_photo_and_licensing_makes_its_paragraph_a_caption():
    text = ("Harbour chief resigns over dredging deal\n\n"
            "Harbour chief Ola Vik leaves the port office in Tromso, Norway, May 4, 2026. "
            "NPA/Kari Lund/File Photo Purchase Licensing Rights\n\n"
            "The harbour chief of Tromso resigned on Monday over a dredging contract.\n")
    lines = _by_line(_segments(text))
    assert lines[3] == {"caption"}
    assert lines[5] == {"claim"}


def test_a_question_headline_with_its_teaser_in_a_link_list_is_still_a_link():
    text = ("Ferry strike halts crossings to the islands\n\n"
            "Ferry crews on the Vellmar route stopped work on Thursday over a pay dispute.\n\n"
            "The operator said 14 sailings were cancelled and 3,000 passengers were affected.\n\n"
            "Union leader Petra Osk said the crews wanted a rise of 9 per cent.\n\n"
            "Related coverage\n\n"
            "- Harbour tolls expected to dip 3% in third quarter\n\n"
            "- Is the old ferry safe? We asked the inspectors\n\n"
            "- The 10-minute guide to island timetables\n\n"
            "The union said talks would resume on Monday.\n")
    lines = _by_line(_segments(text))
    assert lines[11] == lines[13] == lines[15] == {"boilerplate"}
    assert lines[17] == {"claim"}  # a sentence with its full stop ends the list


# --- speakers: a date is no subject; a person named since the last speaker is nearer ---

def test_a_date_between_commas_is_not_the_speaker():
    text = ("Title\n\nHealth Minister Ana Ruiz, speaking in parliament on Thursday, 5 November, "
            "insisted there would be no deal. \"We will not pay. Not one cent,\" she said.\n")
    speakers = set(_segments(text)["speaker"]) - {""}
    assert "November" not in speakers
    assert speakers == {"Health Minister Ana Ruiz"}


@pytest.mark.parametrize(("attribution", "speaker"), [
    ("said Acme chief executive Ana Ruiz.", "Ana Ruiz"),  # the name after a body and a title
    ("said the association's chief executive, Ana Ruiz.", "Ana Ruiz"),  # a description, then the name
    ("said Ana Ruiz on Monday.", "Ana Ruiz"),  # the day after the name is not part of it
    ("said Reuters news agency.", "Reuters"),
])
def test_the_speaker_named_after_the_verb(attribution: str, speaker: str) -> None:
    text = f"Title\n\n\"A blanket cap will drive small landlords out of the market,\" {attribution}\n"
    assert _speakers_of(text, "blanket cap") == [speaker]


def test_a_pronoun_speaker_is_the_person_named_since_the_last_speaker():
    text = ("Title\n\nThe gang, which calls itself Redline, said it had taken 500GB of data.\n"
            "The Minister for Health, Ana Ruiz, ruled out any payment when she spoke to "
            "parliament. \"We will not pay. Not one cent,\" she told members.\n")
    assert _speakers_of(text, "Not one cent") == ["Ana Ruiz"]


def test_a_colon_quote_after_in_a_city_is_the_opening_persons_not_the_citys() -> None:
    segs = _segments("The Minister of the Interior, Marta Vega, spoke at the emergency committee in "
                     "Valparaiso: \"We are facing the most serious emergency in a decade.\"\n")
    speakers = set(segs["speaker"]) - {""}
    assert speakers == {"Marta Vega"}


def test_a_colon_quote_after_a_verb_and_a_name_is_the_opening_persons() -> None:
    segs = _segments("Mayor Ana Ruiz reacted on Facebook: \"This is the biggest investment in a "
                     "generation.\"\n\nPetra Osk told Atlas: \"We will appeal.\"\n")
    assert set(segs["speaker"]) - {""} == {"Mayor Ana Ruiz", "Petra Osk"}


def test_a_speaker_opened_by_a_lower_case_title_is_found_for_a_pronoun_and_after_a_city_colon():
    text = ("The regional prefect, Jean-Luc Dumoulin, allowed the blockade to go ahead. "
            "\"The right to protest is guaranteed,\" he said.\n\n"
            "Chief executive Aditi Raghunathan, speaking at the exchange in Mumbai: "
            "\"Today is not the finish line.\"\n")
    assert _speakers_of(text, "right to protest|finish line") == ["Jean-Luc Dumoulin", "Aditi Raghunathan"]


def test_a_pronoun_speaker_skips_an_opening_phrase_and_an_office_s_body():
    text = ("Title\n\nThe regulator said the fires began in 2024.\n"
            "At a press conference in Osaka, company president Hiroshi Kanezawa bowed deeply. "
            "\"We are deeply sorry for the anxiety we have caused,\" he said.\n\n"
            "NDP Leader Marcel Thibodeau, head of the Official Opposition, was scathing. "
            "\"This budget hands out tax breaks it cannot afford,\" he said.\n")
    assert _speakers_of(text, "deeply sorry|tax breaks") == ["Hiroshi Kanezawa", "NDP Leader Marcel Thibodeau"]


def test_a_hedge_in_a_second_report_leaves_the_first_asserted():
    (cls,) = _classes(["The company said the cells were made at a contract factory in Dongguan, "
                       "and that a flaw in some of them could cause a short circuit."])
    assert cls == "claim"
    (cls,) = _classes(["The company said a flaw in some of the cells could cause a short circuit."])
    assert cls == "hedged"


def test_a_line_of_price_moves_with_arrows_is_a_ticker():
    text = ("Frost hits the orchards\n\n"
            "A late frost damaged apple orchards across the valley on Monday night.\n\n"
            "Growers said 40% of the blossom was lost on the worst-hit farms.\n\n"
            "Fruit index: Gala apples EUR 0.82/kg \u25b21.4% w/w | Pears EUR 0.95/kg \u25bc0.3%\n\n"
            "The regional farm office will assess the damage this week.\n")
    lines = _by_line(_segments(text))
    assert lines[7] == {"boilerplate"}
    assert lines[5] == lines[9] == {"claim"}


def test_a_quote_without_attribution_is_the_paragraphs_speaker():
    text = ("Ferry crews walk out over pay\n\n"
            "Anna Berg, the operator's chief executive, struck a similar note at the quay. "
            "\"Safety comes before the timetable. We will not sail until the repairs are done.\"\n\n"
            "Petra Osk insisted there would be no shortcuts. \"Nobody sails on a broken ship.\"\n")
    assert _speakers_of(text, "Safety comes") == ["Anna Berg"]
    assert _speakers_of(text, "Nobody sails") == ["Petra Osk"]


def test_a_title_between_commas_after_the_name_is_not_the_speaker():
    text = ("Ferry crews walk out over pay\n\n"
            "\"All 21 of our crew are safe, and that is what matters tonight,\" Anna Berg, CEO of "
            "Vellmar Ferries S.A., said in a statement.\n")
    assert _speakers_of(text, "All 21") == ["Anna Berg"]
