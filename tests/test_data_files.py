"""The rule tables in checker/data/ are well-formed: a CSV row with an unquoted comma (a regex
quantifier such as {1,40}) would otherwise surface as a traceback on the first article."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from checker import lexicon

DATA = resources.files("checker.data")
CSV_TABLES = sorted(p.name[:-4] for p in DATA.iterdir() if p.name.endswith(".csv"))


@pytest.mark.parametrize("name", CSV_TABLES)
def test_every_csv_row_has_the_header_columns(name: str) -> None:
    rows = lexicon.table(name)
    assert rows, f"{name}.csv has no rows"
    header = list(rows[0])
    for number, row in enumerate(rows, start=2):
        assert list(row) == header, f"{name}.csv row {number}: {row}"
        assert all(isinstance(v, str) for v in row.values()), f"{name}.csv row {number}: {row}"


def test_every_boilerplate_pattern_compiles() -> None:
    for row in lexicon.table("boilerplate"):
        re.compile(row["pattern"])
        assert int(row["max_words"]) > 0


def test_commodity_price_strips_and_trial_prompts_are_page_furniture() -> None:
    import pandas as pd

    from checker.segment import segment

    text = ("Farmers blocked the motorway on Tuesday, the police said.\n\n"
            "COMMODITIES (close): Milling wheat Euronext Dec \u20ac214.25/t (-1.50) | Rapeseed Feb "
            "\u20ac478.00/t (+3.25) | Corn Jan \u20ac201.75/t (=)\n\n"
            "You are reading a free article. Start your 14-day trial\n\n"
            "Market snapshot: Day-ahead baseload \u20ac112.40/MWh (+3.1%) | Hydro reserves: 71% of capacity\n\n"
            "You're reading a free preview. Upgrade to Ledger Pro for full deal data \u2014 from $12/month.\n")
    table = segment(pd.DataFrame([{"source": "t", "text": text, "body_start": 0}]))
    classes = dict(zip(table["line"], table["class"], strict=True))
    assert classes[1] == "claim" and classes[3] == "boilerplate" and classes[5] == "boilerplate"
    assert classes[7] == "boilerplate" and classes[9] == "boilerplate"
