"""Where a text says an organisation sits: "<City>-based <Body>", "<Body>, based in <City>",
"<Body>, the <City>-headquartered <noun>". One reader of a body's seat for the compare stage
(a place's role), the resolve stage (one body in one town) and the seat_conflict check. The
seat words ("based", "headquartered") are data/seat_words.txt."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from checker import lexicon


@dataclass(frozen=True)
class SeatPatterns:
    #: Right after a place: "-based", or ", <State or Country>-based" ("Austin, Texas-based").
    after_place: re.Pattern[str]
    #: Between "<City>-based" (after the place) and the body's name: up to four lower-case
    #: words ("Boston-based private equity firm Redfern Crest Capital").
    place_then_body: re.Pattern[str]
    #: Between a body's name and its place: an acronym in brackets, then "based in",
    #: "headquartered in", ", which is based in".
    body_then_place: re.Pattern[str]
    #: Between a body's name and "<City>-based": an appositive ("<Body>, the <City>-based").
    body_then_appositive: re.Pattern[str]
    #: Between a body's name and the place it sits in, loosely: up to two more capitalised
    #: words of the name the org facet left out, an acronym in brackets, then "in" or
    #: "based in" ("Pomorski Bank Inwestycyjny in Gdansk").
    gap_to_place: re.Pattern[str]
    #: Right after a body's name, the town it sits in: "in <Town>", ", <Town>," (group 1).
    town_after_body: re.Pattern[str]


@cache
def seat_patterns() -> SeatPatterns:
    words = "|".join(sorted(re.escape(w) for w in lexicon.words("seat_words")))
    seat = rf"(?:{words})"
    state = r",\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}"
    return SeatPatterns(
        after_place=re.compile(rf"(?:{state})?-{seat}\b"),
        place_then_body=re.compile(rf"(?:{state})?-{seat}\s+(?:[a-z][\w'-]*\s+){{0,4}}"),
        body_then_place=re.compile(rf"(?:\s*\([^()]{{1,40}}\))?,?\s+(?:(?:which|that)\s+is\s+|is\s+)?"
                                   rf"{seat}\s+in\s+"),
        body_then_appositive=re.compile(r"(?:\s*\([^()]{1,40}\))?,\s+(?:the|a|an)\s+"),
        gap_to_place=re.compile(r"(?:\s+[A-Z\u00C0-\u00DE][^\W\d_]+){0,2}(?:\s*\([^()]{1,40}\))?,?\s+"
                                rf"(?:{seat}\s+)?in\s+"),
        town_after_body=re.compile(rf"(?:\s+(?:{seat}\s+)?in\s+|,\s+)([A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+)?)"
                                   r"(?=[,.;]|\s+[a-z]|$)"),
    )


def seat_between(text: str, body: tuple[int, int], place: tuple[int, int]) -> bool:
    """True when `text` says the body (its span) sits in the place (its span)."""
    p = seat_patterns()
    (o_start, o_end), (p_start, p_end) = body, place
    if o_start > p_end:
        return p.place_then_body.fullmatch(text, p_end, o_start) is not None
    if p_start > o_end:
        return (p.body_then_place.fullmatch(text, o_end, p_start) is not None
                or (p.body_then_appositive.fullmatch(text, o_end, p_start) is not None
                    and p.after_place.match(text, p_end) is not None))
    return False
