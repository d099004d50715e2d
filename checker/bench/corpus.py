"""A deterministic corpus generator for the benchmark: many invented stories, several outlets
per story, in the shape of web copy.

Each story has invented people with titles, organisations, a city, a date and figures, and
about `FACTS_PER_STORY` facts. Each outlet's article has a headline, a byline and a dateline,
then paragraphs telling most of the story's facts, each in one of two wordings (the outlet's
house wording, sometimes the other): the same fact in two wordings in two outlets is a
*planted paraphrase pair*, which matching should group. A few facts are altered in one outlet
(a figure, the spelling of a name), the variants the checker exists to find. Each fact
names one thing of its own (a made-up word) beside words from a shared news vocabulary, as
real claims do. Junk lines web
copy carries are mixed in: photo captions, newsletter and share prompts, market tickers,
"Read more" links, advertisement markers.

Names are made from syllables, so no story is a real one; cities come from a fixed list of
real cities so the gazetteer sees places. Everything derives from `random.Random(seed)`:
the same arguments always write the same bytes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

FACTS_PER_STORY = 30
OUTLETS_PER_STORY = (3, 6)
FACTS_PER_ARTICLE = (20, 26)
#: Share of facts an outlet tells in the other outlets' wording.
OTHER_WORDING = 0.25
#: Share of facts altered (a figure changed, a name misspelled) in one outlet.
ALTERED = 0.04

_SYLLABLES = ("ka", "lo", "mi", "ne", "ra", "su", "ti", "va", "zo", "de", "fa", "gu", "ho",
              "ji", "pe", "ri", "sa", "to", "bel", "dor", "fen", "gar", "hul", "kin", "lor",
              "mar", "nor", "pel", "ros", "tam", "vin", "wen", "ash", "eth", "ul")
_CITIES = ("Lisbon", "Nairobi", "Oslo", "Lima", "Hanoi", "Manila", "Accra", "Quito", "Lyon",
           "Porto", "Dakar", "Bergen", "Perth", "Osaka", "Valencia", "Montevideo", "Santiago",
           "Auckland", "Tunis", "Kampala", "Lusaka", "Cork", "Aarhus", "Seville", "Graz",
           "Tampere", "Gdansk", "Curitiba", "Cebu", "Mombasa")
_PORTFOLIOS = ("Transport", "Water", "Energy", "Health", "Education", "Housing", "Agriculture",
               "Fisheries", "Labour", "Trade", "Culture", "Tourism", "Finance", "Environment")
_ORG_HEADS = ("Authority", "Agency", "Council", "Commission", "Institute", "Board", "Foundation")
_TITLES = ("Minister of {p}", "chief executive of the {org}", "director of the {org}",
           "spokeswoman for the {org}", "chair of the {org}", "deputy mayor of {city}")
_TOPICS = ("pipeline", "bridge", "railway", "harbour", "reservoir", "hospital", "school",
           "tunnel", "market", "airport", "dam", "campus", "depot", "terminal", "stadium",
           "library", "clinic", "plant", "ferry", "highway")
_DETAILS = ("contract", "tender", "budget", "permit", "inspection", "survey", "audit",
            "expansion", "upgrade", "repairs", "funding", "subsidy", "loan", "grant",
            "deadline", "schedule", "workers", "residents", "farmers", "engineers", "students",
            "patients", "passengers", "suppliers", "contractors", "investors", "unions",
            "tariffs", "emissions", "flooding", "drought", "maintenance", "capacity", "safety",
            "licences", "fares", "rents", "wages", "pensions", "exports", "imports", "cargo",
            "equipment", "turbines", "cables", "pumps", "ships", "trucks", "buses", "trains")
_VERBS = (("approved", "gave its approval to"), ("announced", "made public"),
          ("rejected", "turned down"), ("delayed", "postponed"), ("signed", "put its name to"),
          ("expanded", "enlarged"), ("funded", "paid for"), ("reviewed", "examined"))
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_OUTLET_WORDS = ("Daily", "Herald", "Courier", "Ledger", "Post", "Tribune", "Gazette", "Wire",
                 "Observer", "Review", "Chronicle", "Bulletin", "Monitor", "Standard")
_AGENCIES = ("Staff photographer", "Pool photo", "Handout", "File photo")
_JUNK = (
    "Sign up for our morning newsletter.",
    "Subscribe to our newsletter for daily updates.",
    "Share this article",
    "ADVERTISEMENT",
    "Follow us on social media",
    "Read more: {other}",
    "MARKETS | {a} {x}% | {b} {y}% | {c} {z}%",
    "Photo: {person} at the {topic} in {city}. {agency}",
)


@dataclass(frozen=True)
class PlantedPair:
    """One fact told in two wordings by two outlets: the claims should be grouped."""

    source_a: str
    text_a: str
    source_b: str
    text_b: str


@dataclass(frozen=True)
class Corpus:
    root: Path
    articles: int
    stories: int
    planted: tuple[PlantedPair, ...]


@dataclass(frozen=True)
class _Person:
    first: str
    last: str
    title: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


def _word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(syllables))


def _name(rng: random.Random) -> str:
    return _word(rng, rng.randint(2, 3)).capitalize()


def _figure(rng: random.Random) -> int:
    return rng.choice((rng.randint(2, 99), rng.randint(100, 999), rng.randint(1_000, 90_000)))


def _fmt(n: int) -> str:
    return f"{n:,}"


class _Story:
    """Everything one story is about, and its facts in two wordings each."""

    def __init__(self, rng: random.Random, number: int) -> None:
        self.number = number
        self.city = rng.choice(_CITIES)
        brand = _name(rng)
        self.orgs = (f"{brand} {rng.choice(_PORTFOLIOS)} {rng.choice(_ORG_HEADS)}",
                     f"Ministry of {rng.choice(_PORTFOLIOS)}")
        self.people = tuple(
            _Person(_name(rng), _name(rng), rng.choice(_TITLES).format(
                p=rng.choice(_PORTFOLIOS), org=self.orgs[i % 2], city=self.city))
            for i in range(4))
        self.topic = f"{_name(rng)} {rng.choice(_TOPICS)}"
        self.month = rng.randrange(12)
        self.year = rng.choice((2024, 2025))
        self.day = rng.randint(1, 28)
        self.facts = [self._fact(rng, k) for k in range(FACTS_PER_STORY)]

    @property
    def date(self) -> str:
        return f"{self.day} {_MONTHS[self.month]} {self.year}"

    def _fact(self, rng: random.Random, k: int) -> tuple[str, str, dict[str, str]]:
        """(wording A, wording B, the slots an alteration may change)."""
        person = self.people[k % len(self.people)]
        org = self.orgs[k % 2]
        # Real claims name something specific (a site, a scheme, a product): one word of
        # each fact is its own, the others come from a shared news vocabulary.
        details = [_word(rng, 3), *rng.sample(_DETAILS, 2)]
        verb, verb_b = rng.choice(_VERBS)
        figure = _fmt(_figure(rng))
        unit = rng.choice(("million dollars", "jobs", "homes", "tonnes", "kilometres", "percent"))
        weekday = rng.choice(_WEEKDAYS)
        slots = {"figure": figure, "last": person.last}
        shape = k % 5
        if shape == 0:
            a = (f"The {org} {verb} the {details[0]} for the {self.topic} on {weekday}, "
                 f"{person.title} {person.name} said.")
            b = (f"{person.name}, {person.title}, said the {org} {verb_b} the {self.topic} "
                 f"{details[0]} on {weekday}.")
        elif shape == 1:
            a = (f"The {details[0]} will cost {figure} {unit}, according to the {org}, and the "
                 f"{details[1]} of the {self.topic} starts in {_MONTHS[(self.month + 1) % 12]}.")
            b = (f"According to the {org}, the {self.topic} {details[0]} costs {figure} {unit}, "
                 f"with the {details[1]} starting in {_MONTHS[(self.month + 1) % 12]}.")
        elif shape == 2:
            a = (f"{person.name} told reporters in {self.city} that {details[0]} and "
                 f"{details[1]} near the {self.topic} had been {verb} after {details[2]}.")
            b = (f"Speaking in {self.city}, {person.name} said {details[1]} and {details[0]} "
                 f"near the {self.topic} were {verb} following {details[2]}.")
        elif shape == 3:
            a = (f"About {figure} {details[0]} were affected by the {details[1]} at the "
                 f"{self.topic}, the {org} said on {self.date}.")
            b = (f"The {org} said on {self.date} that the {details[1]} at the {self.topic} "
                 f"affected some {figure} {details[0]}.")
        else:
            a = (f"Officials of the {org} met {details[0]} and {details[1]} in {self.city} to "
                 f"discuss the {self.topic} and its {details[2]}.")
            b = (f"In {self.city}, {details[1]} and {details[0]} met officials from the {org} "
                 f"to talk about the {self.topic} and its {details[2]}.")
        return a, b, slots


def _alter(rng: random.Random, text: str, slots: dict[str, str]) -> str:
    if rng.random() < 0.6:
        figure = slots["figure"]
        changed = _fmt(int(figure.replace(",", "")) + rng.randint(3, 40) * 10)
        return text.replace(figure, changed)
    last = slots["last"]
    return text.replace(last, last[:-1] + ("e" if last[-1] != "e" else "a"))


def _junk(rng: random.Random, story: _Story) -> str:
    template = rng.choice(_JUNK)
    tickers = [_word(rng, 2).upper()[:4] for _ in range(3)]
    return template.format(
        other=f"{_name(rng)} {rng.choice(_TOPICS)} reopens after {rng.choice(_DETAILS)}",
        a=tickers[0], b=tickers[1], c=tickers[2],
        x=f"{rng.uniform(-3, 3):+.1f}", y=f"{rng.uniform(-3, 3):+.1f}", z=f"{rng.uniform(-3, 3):+.1f}",
        person=story.people[0].name, topic=story.topic, city=story.city,
        agency=rng.choice(_AGENCIES))


def write_corpus(root: Path | str, n_articles: int, seed: int = 0) -> Corpus:
    """Write `n_articles` articles under `root` (one folder per story) and return what was
    planted. File stems are unique across the corpus, so a stem is the article's source id."""
    rng = random.Random(seed)
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    planted: list[PlantedPair] = []
    written = 0
    stories = 0
    while written < n_articles:
        story = _Story(rng, stories)
        n_outlets = min(rng.randint(*OUTLETS_PER_STORY), n_articles - written)
        outlets = rng.sample(_OUTLET_WORDS, n_outlets)
        folder = root / f"story{stories:05d}"
        folder.mkdir(exist_ok=True)
        told: dict[int, list[tuple[str, str, int]]] = {}
        for index, outlet in enumerate(outlets):
            source = f"s{stories:05d}_{outlet.lower()}"
            house = index % 2
            lines = [f"{story.topic}: {story.orgs[0]} {_VERBS[index % len(_VERBS)][0]} plan",
                     "", f"By {_name(rng)} {_name(rng)} | The {story.city} {outlet}", "",
                     f"{story.city}, {story.date}", ""]
            chosen = sorted(rng.sample(range(FACTS_PER_STORY), rng.randint(*FACTS_PER_ARTICLE)))
            paragraph: list[str] = []
            for k in chosen:
                wording = house if rng.random() >= OTHER_WORDING else 1 - house
                text = story.facts[k][wording]
                if rng.random() < ALTERED:
                    text = _alter(rng, text, story.facts[k][2])
                else:
                    told.setdefault(k, []).append((source, text, wording))
                paragraph.append(text)
                if len(paragraph) >= rng.randint(2, 3):
                    lines += [" ".join(paragraph), ""]
                    paragraph = []
                    if rng.random() < 0.3:
                        lines += [_junk(rng, story), ""]
            if paragraph:
                lines += [" ".join(paragraph), ""]
            lines.append(_junk(rng, story))
            (folder / f"{source}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            written += 1
        for k in sorted(told):
            versions = told[k]
            for i in range(len(versions)):
                for j in range(i + 1, len(versions)):
                    if versions[i][2] != versions[j][2]:
                        planted.append(PlantedPair(versions[i][0], versions[i][1],
                                                   versions[j][0], versions[j][1]))
        stories += 1
    return Corpus(root=root, articles=written, stories=stories, planted=tuple(planted))


def add_article(corpus: Corpus, seed: int = 1) -> Path:
    """One more article on a new story, for the incremental benchmark and tests."""
    rng = random.Random(seed)
    story = _Story(rng, 99_999)
    folder = corpus.root / "story_added"
    folder.mkdir(exist_ok=True)
    body = " ".join(fact[0] for fact in story.facts[:12])
    path = folder / f"added_{seed}.txt"
    path.write_text(f"{story.topic}: a new report\n\n{story.city}, {story.date}\n\n{body}\n",
                    encoding="utf-8")
    return path
