"""The kinds built on matching and comparison: number_conflict (CK201), date_conflict
(CK202), place_conflict (CK203), framing (CK204), quote_variant (CK205),
figure_discrepancy (CK206), date_discrepancy (CK207), place_discrepancy (CK209),
single_source_figure (CK301), weekday_mismatch (CK302).

Per-kind should-flag / should-pass cases live as data in tests/cases/CK2*.toml and
CK30*.toml (invented stories), turned into claims and facets tables as the earlier stages give
them and run through match, compare and the check. The seed tests run the whole pipeline."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from claim_tables import (
    CASES,
    build_tables,
    findings_for,
    flagged_as_expected,
    kind_cases,
    run_tables,
)

from checker.api import check_paths
from checker.checks import by_kind
from checker.config import CheckConfig
from checker.findings.engine import CheckContext, run_checks
from checker.findings.model import Finding

KINDS = {
    "CK201": "number_conflict", "CK202": "date_conflict", "CK203": "place_conflict",
    "CK204": "framing", "CK205": "quote_variant", "CK206": "figure_discrepancy",
    "CK207": "date_discrepancy", "CK209": "place_discrepancy",
    "CK301": "single_source_figure",
    "CK302": "weekday_mismatch",
}
MY_KINDS = frozenset(KINDS.values())


@pytest.mark.parametrize(("code", "case"), kind_cases(KINDS))
def test_case(code: str, case: dict) -> None:
    finding = flagged_as_expected(findings_for(case["sentences"], case["facets"], KINDS[code]),
                                  code, case)
    if finding is not None:
        assert finding.summary and finding.suggestion and finding.method


def test_every_case_file_has_flag_and_pass_cases() -> None:
    for code in KINDS:
        (path,) = CASES.glob(f"{code}_*.toml")
        expects = {c["expect"] for c in tomllib.loads(path.read_text(encoding="utf-8"))["case"]}
        assert expects == {"flag", "pass"}, path.name


def _case(code: str, name_start: str) -> dict:
    (path,) = CASES.glob(f"{code}_*.toml")
    for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
        if case["name"].startswith(name_start):
            return case
    raise KeyError(name_start)


def _run(sentences: list, facets: list, kind: str) -> list[Finding]:
    return findings_for(sentences, facets, kind)


def test_fingerprint_is_unaffected_by_an_unrelated_article() -> None:
    case = _case("CK201", "planted household")
    (before,) = _run(case["sentences"], case["facets"], "number_conflict")
    sentences = [*case["sentences"],
                 ["d", "The Harbour Line tram carried 40,000 passengers in its first week."]]
    facets = [*case["facets"],
              {"s": 3, "facet": "figure", "text": "40,000", "value": "40000",
               "key": "passengers", "noun": "passengers"}]
    (after,) = _run(sentences, facets, "number_conflict")
    assert after.fingerprint == before.fingerprint
    assert after.values == before.values


def test_conflict_evidence_lists_the_majority_side_first() -> None:
    case = _case("CK201", "planted household")
    (finding,) = _run(case["sentences"], case["facets"], "number_conflict")
    assert [(e.source, e.value) for e in finding.evidence] == [
        ("a", "1,200"), ("b", "1,200"), ("c", "2,100")]
    assert "1,200" in finding.suggestion


def test_compound_sentence_is_compared_along_its_links() -> None:
    """A sentence asserting two things joins one group but is compared with both (the
    same date says the linked claims tell of one event)."""
    sentences = [
        ["a", "The European Cities Water Summit opened in Lyon on Thursday, hosted by Mayor Anne Roux."],
        ["a", "About 120 mayors signed a pledge to halve water losses from municipal networks by 2030."],
        ["b", "Some 120 mayors signed a pledge to halve water losses from municipal networks by 2030."],
        ["c", "The European Cities Water Summit opened in Lille on Thursday, with 120 mayors signing "
              "a pledge to halve water losses from municipal networks by 2030."],
    ]
    facets = [
        {"s": 0, "facet": "place", "text": "Lyon", "value": "Lyon", "key": "FR", "qualifier": "city"},
        {"s": 0, "facet": "date", "text": "Thursday", "value": "2025-06-12", "key": "day",
         "noun": "Thursday", "note": "relative: 'on Thursday' anchored to 2025-06-12"},
        {"s": 1, "facet": "figure", "text": "About 120", "value": "120", "key": "mayors",
         "noun": "mayors", "qualifier": "approximately"},
        {"s": 2, "facet": "figure", "text": "Some 120", "value": "120", "key": "mayors",
         "noun": "mayors", "qualifier": "approximately"},
        {"s": 3, "facet": "place", "text": "Lille", "value": "Lille", "key": "FR", "qualifier": "city"},
        {"s": 3, "facet": "date", "text": "Thursday", "value": "2025-06-12", "key": "day",
         "noun": "Thursday", "note": "relative: 'on Thursday' anchored to 2025-06-12"},
        {"s": 3, "facet": "figure", "text": "120", "value": "120", "key": "mayors", "noun": "mayors"},
    ]
    (finding,) = _run(sentences, facets, "place_conflict")
    assert set(finding.values) == {"Lyon", "Lille"}
    assert _run(sentences, facets, "number_conflict") == []


def test_opinion_and_hedged_claims_never_produce_findings() -> None:
    case = _case("CK201", "planted household")
    sentences = [case["sentences"][0], case["sentences"][1], [*case["sentences"][2][:2], "hedged"]]
    assert _run(sentences, case["facets"], "number_conflict") == []
    sentences[2] = [*case["sentences"][2][:2], "opinion"]
    assert _run(sentences, case["facets"], "number_conflict") == []


def test_checks_report_nothing_on_empty_tables() -> None:
    claims, facets = build_tables([], [])
    tables = run_tables(claims, facets)
    for kind in sorted(MY_KINDS):
        check = by_kind(kind)
        assert check is not None
        assert run_checks(CheckContext(tables, CheckConfig()), [check]) == []


# ---- the seeds, through the whole pipeline ---------------------------------------------------


@pytest.fixture(scope="module")
def seed_result(seeds_dir: Path):
    return check_paths([seeds_dir])


def _src(source: str) -> str:
    return source.split("_", 1)[0]


def _mine(result) -> list[Finding]:
    return [f for f in result.findings if f.kind in MY_KINDS]


def test_seed_framing_tel_aviv_against_jerusalem(seed_result) -> None:
    framing = [f for f in seed_result.findings if f.kind == "framing"]
    assert len(framing) == 1, [f.summary for f in framing]
    (finding,) = framing
    assert finding.values == ("Jerusalem", "Tel Aviv")
    by_value = {}
    for e in finding.evidence:
        by_value.setdefault(e.value, set()).add(_src(e.source))
    assert by_value["Tel Aviv"] == {"003"}
    assert by_value["Jerusalem"] >= {"000", "001", "004"}


def test_seed_oil_export_rise_is_a_single_source_figure(seed_result) -> None:
    hits = [f for f in seed_result.findings if f.kind == "single_source_figure"
            and f.values == ("55%",)]
    assert len(hits) == 1
    assert [(_src(e.source), e.line) for e in hits[0].evidence] == [("004", 30)]


def _groups_with_lines(result) -> dict[str, tuple[str, set[tuple[str, int]]]]:
    t = result.tables
    lines = dict(zip(t.claims["claim_id"], t.claims["line"], strict=True))
    out: dict[str, tuple[str, set[tuple[str, int]]]] = {}
    for row in t.groups.itertuples(index=False):
        _, members = out.setdefault(row.group_id, (row.status, set()))
        members.add((_src(row.source), int(lines[row.claim_id])))
    return out


def test_seed_signing_corroborated_by_000_and_001(seed_result) -> None:
    groups = _groups_with_lines(seed_result)
    assert any(status == "corroborated" and {("000", 6), ("001", 2)} <= members
               for status, members in groups.values())


def test_seed_baku_meeting_corroborated_by_002_and_003(seed_result) -> None:
    groups = _groups_with_lines(seed_result)
    assert any(status == "corroborated" and ("002", 9) in members
               and members & {("003", 3), ("003", 4), ("003", 5)}
               for status, members in groups.values())


def test_seed_false_alarms_stay_quiet(seed_result) -> None:
    kinds = {f.kind for f in seed_result.findings}
    assert "date_conflict" not in kinds  # 3.2.2026 = February 3, 2026; 2025 vs 2026 events
    assert "number_conflict" not in kinds
    assert "place_conflict" not in kinds
    assert "weekday_mismatch" not in kinds
    t = seed_result.tables
    compared = dict(zip(t.claims["claim_id"], t.claims["compared"], strict=True))
    for finding in _mine(seed_result):
        for e in finding.evidence:
            assert compared[e.claim_id], (finding.summary, e)  # no caption, FAQ, ticker, prompt


def test_seed_findings_are_stable_across_runs(seeds_dir: Path, seed_result) -> None:
    again = check_paths([seeds_dir])
    assert [f.fingerprint for f in _mine(again)] == [f.fingerprint for f in _mine(seed_result)]


def test_an_ambiguous_dateline_is_read_by_the_months_the_article_names() -> None:
    from checker.facets.dates import find_dateline

    text = ("Harbour news\n\n04/09/2025\n\nThe Carrow ferry strike ended on Thursday.\n\n"
            "Talks resumed on Tuesday (2 September) after a week of walkouts.\n")
    assert find_dateline(text, 0) == ("2025-09-04", 3)
    # with no written date to tell day from month, the dateline stays unknown
    assert find_dateline(text.replace(" (2 September)", ""), 0) is None


def test_an_ignored_figure_discrepancy_leaves_its_figure_single_source() -> None:
    """With figure_discrepancy ignored, the contradicted figure is still reported, as a
    single-source figure; run again with another configuration on the same tables, each
    answer follows its own configuration."""
    case = next(c.values[1] for c in kind_cases({"CK206": ""}) if c.values[1]["expect"] == "flag")
    claims, facets = build_tables(case["sentences"], case["facets"])
    tables = run_tables(claims, facets)
    single = by_kind("single_source_figure")
    both = [single, by_kind("figure_discrepancy")]
    assert [f.code for f in run_checks(CheckContext(tables, CheckConfig()), both)] == ["CK206"]
    ignoring = CheckConfig(ignore=("figure_discrepancy",))
    found = run_checks(CheckContext(tables, ignoring), [single])
    assert [(f.code, f.values) for f in found] == [("CK301", ("$5.4 million",))]


@pytest.mark.parametrize(("text", "figure", "shown"), [
    ("Police said 120 had been arrested by Sunday.", "120", "Police said 120 had been arrested"),
    ('"It was loud," said Ana Ruiz, 52, a baker.', "52", "said Ana Ruiz, 52"),
    ("The town serves an 11-county region.", "11", "town serves an 11-county region"),
    ("Turnout was 61%.", "61%", "Turnout was 61%"),
    ("120", "120", ""),
])
def test_a_figure_without_a_noun_is_shown_by_its_words(text: str, figure: str, shown: str) -> None:
    from checker.checks.single_source_figure import words_around

    assert words_around(text, figure, text.find(figure)) == shown
    # offsets that miss the figure (a claim whose text was re-spaced) still find it
    assert words_around(text, figure, 0 if text.find(figure) else 1) == shown


def test_a_single_source_figure_without_a_noun_is_summarised_with_its_context() -> None:
    from checker.checks.single_source_figure import CHECK

    claims, facets = build_tables(
        [["a", "Officials said 120 had been arrested after the march in Varno."],
         ["b", "Officials said the march in Varno ended peacefully."]],
        [{"s": 0, "facet": "figure", "text": "120", "value": "120"}])
    found = run_checks(CheckContext(run_tables(claims, facets), CheckConfig()), [CHECK])
    assert [f.summary for f in found] == ["Only a reports \u201c120\u201d (Officials said 120 had been arrested)"]


def test_one_persons_quote_is_compared_across_spellings_of_the_name(tmp_path: Path) -> None:
    """The speaker's surname is misspelt in one outlet and a word of the quote changed: resolve
    makes the two spellings one person, so the quotes are compared, and the one finding
    names the person once and gives the change from the wording most outlets use."""
    said = ("\u201cWe never stopped believing we would bring every one of them home,\u201d said "
            "{name}, head of the Varno Mountain Rescue Service.\n\n"
            "{short} said the teams had worked through two nights in the tunnel near Varno.\n")
    (tmp_path / "a.txt").write_text(said.format(name="Tomas Kervel", short="Kervel"))
    (tmp_path / "b.txt").write_text(said.format(name="Tomas Kervel", short="Kervel"))
    (tmp_path / "c.txt").write_text(said.format(name="Tomas Kerwel", short="Kerwel")
                                    .replace("believing", "hoping"))
    found = [f for f in check_paths([tmp_path]).findings if f.kind == "quote_variant"]
    assert [f.summary for f in found] == [
        "Tomas Kervel is quoted in different words: \u201cWe never stopped believing we would "
        "bring every one of them home\u201d vs \u201cWe never stopped hoping we would bring every "
        "one of them home\u201d (changes: -\u201cbelieving\u201d +\u201choping\u201d)"]


def test_a_quote_whose_speaker_is_written_with_title_and_company_is_the_persons_one_finding(
        tmp_path: Path) -> None:
    """"Orvane President and CEO Hana Sato" as a quote's speaker in two outlets and "Sato"
    in a third: one person, so one finding under her name, not one per way of writing it."""
    quote = "\u201cWe deeply regret this outcome and apologise to our {word} and to the public,\u201d"
    full = "{q} Orvane President and CEO Hana Sato told a news conference in Varno.\n"
    short = "Orvane President and CEO Hana Sato bowed before the cameras. {q} Sato said.\n"
    (tmp_path / "a.txt").write_text(full.format(q=quote.format(word="customer")))
    (tmp_path / "b.txt").write_text(short.format(q=quote.format(word="customer")))
    (tmp_path / "c.txt").write_text(full.format(q=quote.format(word="investors")))
    found = [f for f in check_paths([tmp_path]).findings if f.kind == "quote_variant"]
    assert [f.summary.split(" is quoted")[0] for f in found] == ["Hana Sato"]


def test_a_small_count_in_digits_that_another_source_writes_in_words_is_not_single_source() -> None:
    from checker.checks.single_source_figure import CHECK

    sentences = [
        ["a", "Of the 5 hospitalized, 3 were taken to the clinic in Varno and 2 were airlifted to the coast."],
        ["b", "Of the five hospitalized, three were taken to the clinic in Varno and the two others were airlifted to the coast."],
    ]
    facets = [{"s": 0, "facet": "figure", "text": "5", "value": "5"},
              {"s": 0, "facet": "figure", "text": "3", "value": "3"},
              {"s": 0, "facet": "figure", "text": "2", "value": "2"}]
    claims, facet_table = build_tables(sentences, facets)
    found = run_checks(CheckContext(run_tables(claims, facet_table), CheckConfig()), [CHECK])
    assert [f.summary for f in found] == []
    # without the words in b, the 2 is a's alone
    claims, facet_table = build_tables(
        [sentences[0], ["b", "Of the five hospitalized, three were taken to the clinic in Varno and the others were airlifted to the coast."]],
        facets)
    found = run_checks(CheckContext(run_tables(claims, facet_table), CheckConfig()), [CHECK])
    assert [f.values for f in found] == [("2",)]


def test_an_amount_given_in_a_conversion_supports_the_same_amount_elsewhere() -> None:
    from checker.checks.single_source_figure import CHECK

    claims, facets = build_tables(
        [["a", "Court jails former Varno governor over $9 million road graft"],
         ["b", "The county lost Sh1.18 billion (about $9.1 million) through payments for the road."]],
        [{"s": 0, "facet": "figure", "text": "over $9 million", "value": "9000000", "key": "USD",
          "qualifier": "more than", "noun": "road"},
         {"s": 1, "facet": "figure", "text": "Sh1.18 billion", "value": "1180000000", "key": "KES"},
         {"s": 1, "facet": "figure", "text": "about $9.1 million", "value": "1180000000", "key": "KES",
          "note": "conversion of Sh1.18 billion: 9100000 USD"}])
    found = run_checks(CheckContext(run_tables(claims, facets), CheckConfig()), [CHECK])
    assert "9 million" not in " ".join(f.summary for f in found)


def test_one_place_name_the_gazetteer_puts_in_two_countries_is_one_side_of_a_conflict() -> None:
    place_check = by_kind("place_conflict")
    assert place_check is not None
    sentence = "The trial enrolled 9,840 adults at 38 sites and was led from the university hospital in {}."
    claims, facets = build_tables(
        [["a", sentence.format("Kingston")], ["b", sentence.format("Kingston")],
         ["c", sentence.format("Hamilton")]],
        [{"s": 0, "facet": "place", "text": "Kingston", "value": "Kingston", "key": "CA", "qualifier": "city"},
         {"s": 1, "facet": "place", "text": "Kingston", "value": "Kingston", "key": "JM", "qualifier": "city"},
         {"s": 2, "facet": "place", "text": "Hamilton", "value": "Hamilton", "key": "CA", "qualifier": "city"}])
    found = run_checks(CheckContext(run_tables(claims, facets), CheckConfig()), [place_check])
    assert [f.values for f in found] == [("Kingston", "Hamilton")]


def test_days_one_slip_apart_may_be_one_events() -> None:
    from datetime import date

    from checker.checks.date_discrepancy import _near_days

    assert _near_days(date(2026, 11, 3), date(2026, 11, 9))
    assert _near_days(date(2027, 6, 1), date(2027, 7, 1))  # the month next to it
    assert _near_days(date(2024, 3, 14), date(2024, 3, 24))  # one digit of the day
    assert not _near_days(date(2027, 5, 1), date(2027, 7, 1))
    assert not _near_days(date(2024, 3, 14), date(2024, 3, 27))
    assert not _near_days(date(2026, 6, 1), date(2027, 7, 1))


def test_one_finding_told_by_two_groups_leads_with_the_majority_s_value() -> None:
    """Two groups may report one change (a side pairing of two claims, and the main group of
    four): the merged finding's values lead with the value most sources give."""
    from checker.findings.engine import _merge
    from checker.findings.model import Evidence

    def ev(source: str, value: str) -> Evidence:
        return Evidence(source=source, line=1, quote=value, claim_id=f"{source}:1", value=value)

    pair = Finding(code="CK205", kind="quote_variant", severity=by_kind("quote_variant").severity,
                   values=("deliberately", "knowingly"), evidence=(ev("b", "deliberately"), ev("d", "knowingly")))
    group = Finding(code="CK205", kind="quote_variant", severity=by_kind("quote_variant").severity,
                    values=("knowingly", "deliberately"),
                    evidence=(ev("a", "knowingly"), ev("b", "deliberately"), ev("c", "knowingly")))
    assert _merge(pair, group).values == ("knowingly", "deliberately")
    assert _merge(group, pair).values == ("knowingly", "deliberately")
    assert {e.source for e in _merge(pair, group).evidence} == {"a", "b", "c", "d"}


def test_a_quote_of_an_unnamed_speaker_takes_the_name_another_source_gives() -> None:
    words_a = "Daan played the big points better than me today, and that is the whole story"
    words_b = "Daan played the big points better than me today, and that is the real story"
    sentences = [["a", f'"{words_a}," said the Dane.'],
                 ["b", f'"{words_a}," Mikkel Vestergaard said.'],
                 ["c", f'"{words_b}," said the 27-year-old Dane.']]
    facets = [{"s": 0, "facet": "quote", "text": words_a, "value": words_a, "qualifier": "direct"},
              {"s": 1, "facet": "quote", "text": words_a, "value": words_a, "qualifier": "direct",
               "role": "Mikkel Vestergaard"},
              {"s": 2, "facet": "quote", "text": words_b, "value": words_b, "qualifier": "direct"}]
    found = findings_for(sentences, facets, "quote_variant")
    assert [f.subject for f in found] == ["Mikkel Vestergaard"]
