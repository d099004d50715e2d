"""checker.seats: where a sentence says a body sits."""

from __future__ import annotations

import pytest

from checker.seats import seat_between


def _spans(text: str, body: str, place: str) -> tuple[tuple[int, int], tuple[int, int]]:
    b, p = text.index(body), text.index(place)
    return (b, b + len(body)), (p, p + len(place))


@pytest.mark.parametrize(("text", "body", "place", "seated"), [
    ("the Boston-based private equity firm Redfern Crest", "Redfern Crest", "Boston", True),
    ("Bengaluru-headquartered Setu Fintech had a strong debut", "Setu Fintech", "Bengaluru", True),
    ("Setu Fintech Ltd, the Hyderabad-headquartered payments platform, listed", "Setu Fintech Ltd", "Hyderabad", True),
    ("the Tarvo Bureau (TB), based in Lyon, said", "Tarvo Bureau", "Lyon", True),
    ("Redfern Crest, which is headquartered in Austin, Texas", "Redfern Crest", "Austin", True),
    ("Austin, Texas-based Redfern Crest", "Redfern Crest", "Austin", True),
    # a place beside a body is not its seat without a seat word
    ("Setu Fintech Ltd, the Hyderabad payments platform, listed", "Setu Fintech Ltd", "Hyderabad", False),
    ("Redfern Crest met officials in Boston", "Redfern Crest", "Boston", False),
])
def test_a_seat_is_read_before_or_after_the_body(text: str, body: str, place: str, seated: bool) -> None:
    assert seat_between(text, *_spans(text, body, place)) is seated
