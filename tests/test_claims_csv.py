"""claims/<source>.csv: a stable column order, reading order (a:2 before a:10, a segment
before its facts), facets labelled per column, text kept as written, and the same bytes
whatever order the tables arrive in."""

from __future__ import annotations

import csv
import io

import pandas as pd
from test_golden import HOSTILE, hand_built_result

from checker.report import render_claims
from checker.report.claims_csv import CLAIMS_CSV_COLUMNS

ORIGINAL_COLUMNS = ["id", "line", "start", "end", "class", "reason", "text",
                    "persons", "orgs", "places", "dates", "figures", "quotes"]


def claims_csv(source: str, claims: pd.DataFrame | None = None, facets: pd.DataFrame | None = None) -> list[dict[str, str]]:
    t = hand_built_result().tables
    out = render_claims(t.claims if claims is None else claims, t.facets if facets is None else facets)
    return list(csv.DictReader(io.StringIO(out[source])))


def test_original_columns_come_first_and_every_column_is_documented() -> None:
    from checker.report import claims_csv as module

    assert CLAIMS_CSV_COLUMNS[: len(ORIGINAL_COLUMNS)] == ORIGINAL_COLUMNS
    for column in CLAIMS_CSV_COLUMNS:
        assert f"\n    {column} " in module.__doc__ or f" {column}, " in module.__doc__, column


def test_one_file_per_source_with_rows_in_reading_order() -> None:
    t = hand_built_result().tables
    files = render_claims(t.claims, t.facets)
    assert list(files) == ["alpha", "beta_daily", "gamma"]
    ids = [r["id"] for r in claims_csv("alpha")]
    assert ids == ["alpha:1", "alpha:2", "alpha:3", "alpha:3.1", "alpha:4", "alpha:5", "alpha:10"]


def test_facets_are_labelled_in_their_columns() -> None:
    row = next(r for r in claims_csv("alpha") if r["id"] == "alpha:2")
    assert row["persons"] == "Mara Velkova (Harbour chief)"
    assert row["figures"] == "120 people (passengers)"
    assert row["dates"] == "2025-10-06 (6.10.2025)"
    assert row["compared"] == "yes" and row["unit"] == "segment"
    quote = next(r for r in claims_csv("alpha") if r["id"] == "alpha:4")
    assert quote["quotes"] == "Mara Velkova: \u201cEveryone got off in eleven minutes,\u201d"
    gamma = next(r for r in claims_csv("gamma") if r["id"] == "gamma:6")
    assert gamma["places"] == "Lisbon -> Portugal (metonym)" and gamma["orgs"] == "Velmar Port Authority"
    fact = next(r for r in claims_csv("alpha") if r["id"] == "alpha:3.1")
    assert (fact["unit"], fact["parent"]) == ("fact", "alpha:3")


def test_percent_units_attach_to_the_value() -> None:
    t = hand_built_result().tables
    facets = t.facets.copy()
    facets.loc[facets["value"] == "120", ["key", "qualifier"]] = ["%", "about"]
    row = next(r for r in claims_csv("alpha", facets=facets) if r["id"] == "alpha:2")
    assert row["figures"] == "about 120% (passengers)"


def test_text_is_kept_as_written() -> None:
    row = next(r for r in claims_csv("gamma") if r["id"] == "gamma:2")
    assert row["text"] == HOSTILE


def test_shuffled_tables_give_the_same_bytes() -> None:
    t = hand_built_result().tables
    expected = render_claims(t.claims, t.facets)
    for seed in (1, 2, 3):
        got = render_claims(t.claims.sample(frac=1.0, random_state=seed), t.facets.sample(frac=1.0, random_state=seed))
        assert got == expected


def test_missing_values_become_empty_cells() -> None:
    t = hand_built_result().tables
    claims = t.claims.copy()
    claims["speaker"] = pd.Series([None] * len(claims), dtype=object)
    claims.loc[0, "reason"] = float("nan")
    rows = claims_csv("alpha", claims=claims)
    assert all(r["speaker"] == "" for r in rows) and rows[0]["reason"] == ""


def test_output_files_hold_what_the_renderers_render(tmp_path) -> None:
    from checker.report import FORMATS, output_files

    result = hand_built_result()
    t = result.tables
    files = output_files(result, ["md", "json", "csv", "github"], tmp_path / "reports", tmp_path / "claims")
    expected = {tmp_path / "reports" / FORMATS[f][0]: FORMATS[f][1](result) for f in ("md", "json", "csv")}
    expected.update({tmp_path / "claims" / f"{s}.csv": text for s, text in render_claims(t.claims, t.facets).items()})
    assert sorted(files) == sorted(expected)  # github prints on stdout: no file
    written = {path: make() for path, make in files.items()}
    assert {path: c if isinstance(c, str) else "".join(c) for path, c in written.items()} == expected
