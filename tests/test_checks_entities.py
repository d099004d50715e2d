"""name_variant (CK101), title_variant (CK102), org_variant (CK103) and seat_conflict
(CK208), the kinds read from resolved entities.

Per-kind should-flag / should-pass cases live as data in tests/cases/CK10*.toml (invented
stories): each is turned into claims and facet tables as the facets stage would give them,
resolved, and checked. The seed tests run the whole pipeline on seeds/."""

from __future__ import annotations

import tomllib

import pandas as pd
import pytest
from claim_tables import CASES, flagged_as_expected, kind_cases

from checker.checks import REGISTRY, by_kind
from checker.config import CheckConfig, Severity
from checker.facets import FACET_COLUMNS
from checker.findings.engine import CheckContext, run_checks
from checker.findings.model import Finding
from checker.resolve import resolve_entities
from checker.segment import CLAIM_COLUMNS
from checker.tables import Tables, empty_frame

KINDS = {"CK101": "name_variant", "CK102": "title_variant", "CK103": "org_variant",
         "CK208": "seat_conflict"}


def build_tables(sentences: list[list[str]], facets: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claims (one per sentence [source, text] or [source, text, class], one line each) and
    facets; a facet's offsets are those of its text's next occurrence in its sentence."""
    claims, offset, n = [], dict.fromkeys((s[0] for s in sentences), 0), {}
    for i, (source, text, *rest) in enumerate(sentences):
        cls = rest[0] if rest else "claim"
        n[source] = n.get(source, 0) + 1
        start = offset[source]
        offset[source] += len(text) + 1
        claims.append({
            "claim_id": f"{source}:{n[source]}", "source": source, "n": n[source], "unit": "segment",
            "parent": "", "line": n[source], "start": start, "end": start + len(text), "class": cls,
            "reason": "", "text": text, "speaker": "", "compared": cls == "claim", "_i": i,
        })
    rows, cursor = [], {}
    for f in facets:
        claim = claims[f["s"]]
        pos = claim["text"].index(f["text"], cursor.get(f["s"], 0))
        cursor[f["s"]] = pos + 1
        start = claim["start"] + pos
        rows.append({
            "claim_id": claim["claim_id"], "source": claim["source"], "facet": f["facet"],
            "start": start, "end": start + len(f["text"]), "text": f["text"], "value": f["value"],
            "key": f.get("key", ""), "role": f.get("role", ""), "title": f.get("title", ""),
            "qualifier": f.get("qualifier", ""), "noun": "", "note": f.get("note", ""),
        })
    # columns other stages add later are left empty
    return pd.DataFrame(rows, columns=FACET_COLUMNS), pd.DataFrame(claims).reindex(columns=CLAIM_COLUMNS, fill_value="")


def findings_for(sentences: list[list[str]], facets: list[dict], kind: str) -> list[Finding]:
    facet_table, claims = build_tables(sentences, facets)
    resolved = resolve_entities(facet_table, claims)
    empty = empty_frame(["source"])
    tables = Tables(articles=empty, problems=empty, claims=claims, facets=facet_table,
                    mentions=resolved.mentions, entities=resolved.entities,
                    groups=empty_frame(["group_id", "claim_id"]), comparisons=empty)
    check = by_kind(kind)
    assert check is not None
    return run_checks(CheckContext(tables, CheckConfig()), [check])


@pytest.mark.parametrize(("code", "case"), kind_cases(KINDS))
def test_case(code: str, case: dict) -> None:
    finding = flagged_as_expected(findings_for(case["sentences"], case["facets"], KINDS[code]),
                                  code, case)
    if finding is not None:
        assert finding.suggestion == (f"Most sources write \u201c{case['values'][0]}\u201d; "
                                      "an editor decides")


def test_every_case_file_has_flag_and_pass_cases() -> None:
    for code in KINDS:
        (path,) = CASES.glob(f"{code}_*.toml")
        expects = {c["expect"] for c in tomllib.loads(path.read_text(encoding="utf-8"))["case"]}
        assert expects == {"flag", "pass"}, path.name


def test_evidence_offsets_point_at_the_value_in_the_article() -> None:
    sentences = [["a", "Intro line here."], ["a", "Mayor Tomas Varga opened it; Tomas Vargha spoke."]]
    facets = [
        {"s": 1, "facet": "person", "text": "Mayor Tomas Varga", "value": "Tomas Varga", "key": "Varga", "title": "Mayor"},
        {"s": 1, "facet": "person", "text": "Tomas Vargha", "value": "Tomas Vargha", "key": "Vargha"},
    ]
    # named in one sentence: two people, no finding
    assert findings_for(sentences, facets, "name_variant") == []
    sentences.append(["a", "Later, Tomas Vargha left."])
    facets.append({"s": 2, "facet": "person", "text": "Tomas Vargha", "value": "Tomas Vargha", "key": "Vargha"})
    article = "\n".join(t for _, t in sentences)
    assert findings_for(sentences, facets, "name_variant") == []  # still kept apart
    facets_apart = [facets[0], facets[2]]
    (finding,) = findings_for(sentences, facets_apart, "name_variant")
    for e in finding.evidence:
        assert article[e.start:e.end] == e.value


def test_fingerprint_is_stable_when_unrelated_articles_are_added() -> None:
    base_s = [["a", "Olena Kovalenko, head of the Rail Agency, spoke."],
              ["b", "Olena Kovalenco, head of the Rail Agency, spoke."]]
    base_f = [
        {"s": 0, "facet": "person", "text": "Olena Kovalenko", "value": "Olena Kovalenko", "key": "Kovalenko"},
        {"s": 1, "facet": "person", "text": "Olena Kovalenco", "value": "Olena Kovalenco", "key": "Kovalenco"},
    ]
    (before,) = findings_for(base_s, base_f, "name_variant")
    more_s = [["0", "Marco Bellini won the race."], *base_s, ["z", "Anna Berg, Minister of Sport, watched."]]
    more_f = [{"s": 0, "facet": "person", "text": "Marco Bellini", "value": "Marco Bellini", "key": "Bellini"}]
    more_f += [{**f, "s": f["s"] + 1} for f in base_f]
    more_f.append({"s": 3, "facet": "person", "text": "Anna Berg", "value": "Anna Berg", "key": "Berg",
                   "role": "Minister of Sport"})
    (after,) = findings_for(more_s, more_f, "name_variant")
    assert before.fingerprint == after.fingerprint
    assert before.values == after.values


def test_uncompared_claims_never_produce_findings() -> None:
    sentences = [["a", "Olena Kovalenko spoke."], ["b", "Olena Kovalenco spoke."]]
    facets = [
        {"s": 0, "facet": "person", "text": "Olena Kovalenko", "value": "Olena Kovalenko", "key": "Kovalenko"},
        {"s": 1, "facet": "person", "text": "Olena Kovalenco", "value": "Olena Kovalenco", "key": "Kovalenco"},
    ]
    facet_table, claims = build_tables(sentences, facets)
    claims.loc[claims["claim_id"] == "b:1", ["class", "compared"]] = ["caption", False]
    resolved = resolve_entities(facet_table, claims)
    assert set(resolved.mentions["claim_id"]) == {"a:1"}


def test_the_entity_kinds_are_registered_with_docs() -> None:
    for code, kind in KINDS.items():
        check = by_kind(code)
        assert check is not None and check.kind == kind and check in REGISTRY
        assert all(getattr(check.doc, f) for f in ("what", "why", "example", "action", "false_positives", "options"))


# ---- the seeds, through the whole pipeline ------------------------------------------------


@pytest.fixture(scope="module")
def seed_result(seeds_dir):
    from checker.api import check_paths

    return check_paths([seeds_dir])


def _persons(result, surname: str) -> pd.DataFrame:
    m = result.tables.mentions
    return m[(m["facet"] == "person") & m["value"].str.contains(surname, case=False, regex=False)]


def _need(result, *surnames: str) -> None:
    """These tests check resolution; they need the person extractor to find the names."""
    for surname in surnames:
        if _persons(result, surname).empty:
            pytest.skip(f"the facets stage does not find {surname!r} yet")


def _by_code(result, code: str) -> list[Finding]:
    return [f for f in result.findings if f.code == code]


def test_seed_askal_eskel_is_one_name_variant_within_and_across(seed_result) -> None:
    _need(seed_result, "Askal", "Eskel")
    found = [f for f in _by_code(seed_result, "CK101") if any("Eskel" in v for v in f.values)]
    assert len(found) == 1
    finding = found[0]
    assert {v.split()[-1] for v in finding.values} == {"Askal", "Eskel"}
    sources = {e.source[:3] for e in finding.evidence}
    assert {"000", "001"} <= sources
    assert finding.severity == Severity.HIGH  # 000 spells him both ways


def test_seed_directorate_headquarters_is_one_org_variant(seed_result) -> None:
    _need(seed_result, "Eskel")
    found = [f for f in _by_code(seed_result, "CK103") if any("Directorate" in v for v in f.values)]
    assert len(found) == 1
    assert any("Headquarters" in v for v in found[0].values)


def test_seed_minister_of_digital_transport_is_a_title_variant(seed_result) -> None:
    _need(seed_result, "Nabiyev")
    found = [f for f in _by_code(seed_result, "CK102")
             if any("Digital Development and Transport" in v for v in f.values)]
    assert len(found) == 1
    assert any(v.endswith("Minister of Digital and Transport") or "Digital and Transport" in v
               for v in found[0].values)


def test_seed_no_false_name_variants(seed_result) -> None:
    _need(seed_result, "Aliyev", "Hajiyev")
    for finding in _by_code(seed_result, "CK101"):
        surnames = {v.split()[-1] for v in finding.values}
        assert not surnames & {"Aliyev", "Hajiyev", "Nabiyev"}, finding.summary
        assert not any("Sa" in s and "ar" in s for s in surnames), finding.summary
    m = seed_result.tables.mentions
    people = m[m["facet"] == "person"]
    for a, b in (("Aliyev", "Hajiyev"), ("Aliyev", "Nabiyev"), ("Hajiyev", "Nabiyev")):
        ea = set(people[people["value"].str.endswith(a)]["entity_id"])
        eb = set(people[people["value"].str.endswith(b)]["entity_id"])
        assert not ea & eb, (a, b)


def test_a_spelling_that_writes_an_umlaut_out_is_the_spelling_with_the_umlaut() -> None:
    from checker.checks.entity_variant import umlauts_written_out

    rows = [{"spelling": "sonnkogel bergbahnen fugen gmbh", "written": "Sonnkogel Bergbahnen Fügen GmbH"},
            {"spelling": "sonnkogel bergbahnen fuegen gmbh", "written": "Sonnkogel Bergbahnen Fuegen GmbH"},
            {"spelling": "sonnkogel bergbahnen fagen gmbh", "written": "Sonnkogel Bergbahnen Fagen GmbH"}]
    assert [m["spelling"] for m in umlauts_written_out(rows)] == [
        "sonnkogel bergbahnen fugen gmbh", "sonnkogel bergbahnen fugen gmbh", "sonnkogel bergbahnen fagen gmbh"]
    # without an umlaut written anywhere, "Mueller" and "Muller" stay two spellings
    plain = [{"spelling": "mueller", "written": "Mueller"}, {"spelling": "muller", "written": "Muller"}]
    assert umlauts_written_out(plain) == plain
