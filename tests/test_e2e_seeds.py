"""End to end on the five seed articles: the acceptance criteria ("Done when") of issue 3
(claims: classes, facets) and issue 4 (findings, corroboration, false alarms).

The pipeline runs once for the module. Sources are named by the seed's number ("000" is
seeds/000_*.txt). The same checks run on our own stories in test_e2e_articles.py, so that
nothing here can be passed by tuning the checker to the seeds.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from e2e_helpers import (
    Corroboration,
    EntityRule,
    ExpectedFacet,
    ExpectedFinding,
    FindingView,
    JunkLine,
    MustNot,
    NoFacet,
    Sources,
    corroboration_errors,
    entity_errors,
    evidence_line_errors,
    evidence_on_junk,
    facet_errors,
    junk_line_errors,
    missing_finding,
    must_not_violations,
    no_facet_errors,
    normalisation_only_variants,
    view_findings,
)

from checker.api import CheckResult, check_paths

CONTEXT = "the seeds"


def _junk(source: str, lines: list[int], why: str) -> list[JunkLine]:
    return [JunkLine(source, n, (), why) for n in lines]


#: Issue 3: none of these lines may be a claim (or a quote): they are never compared.
JUNK: list[JunkLine] = [
    *_junk("000", [2], "headline with the photo credit glued on"),
    *_junk("000", [4], "author bio"),
    *_junk("002", [29, 31, 32, 33, 34, 35, 36, 37, 38], "FAQ stub with junk answers"),
    *_junk("003", [1, 2], "ticker item before the story (not the headline)"),
    *_junk("003", list(range(41, 51)), "ticker items, Aliyev in Belgrade too"),
    *_junk("003", [51, 52, 53], "app and comment prompts"),
    *_junk("004", [5, 6, 7, 17, 18], "captions, duplicated captions and photo credits"),
    *_junk("004", [35, 37], "newsletter prompts"),
]

FACETS: list[ExpectedFacet] = [
    ExpectedFacet("000", 6, "date", (("noun", "Tuesday"), ("value", "2026-02-03"))),
    ExpectedFacet("000", 6, "place", (("value", "Jerusalem"),)),
    ExpectedFacet("000", 6, "org", (("text", "Office"), ("value", "Prime Minister"))),
    ExpectedFacet("001", 5, "person", (("role", "Directorate"), ("value", "Erez Eskel"))),
    ExpectedFacet("001", 5, "person", (("role", "Minister of Digital Development and Transport"),
                                       ("value", "Rashad Nabiyev"))),
    ExpectedFacet("003", 14, "metonym", (("key", "IL"), ("text", "Tel Aviv"))),
    ExpectedFacet("004", 30, "figure", (("key", "%"), ("noun", "oil exports"), ("value", "55"))),
    ExpectedFacet("002", 5, "date", (("value", "2026-01-26"),)),
]

NO_FACETS: list[NoFacet] = [
    NoFacet("004", 15, ("place", "metonym"), "The Jerusalem Post", "a newspaper is not a place"),
    NoFacet("004", 37, ("place", "metonym"), "The Jerusalem Post", "a newspaper is not a place"),
]

FINDINGS: list[ExpectedFinding] = [
    ExpectedFinding(("name_variant",), (("Askal",), ("Eskel",)),
                    evidence_values=(("000", "Askal"), ("000", "Eskel")),
                    note="within 000: Askal in lines 10 and 20, Eskel in line 24"),
    ExpectedFinding(("name_variant",), (("Askal",), ("Eskel",)),
                    evidence_values=(("000", "Askal"), ("001", "Eskel")),
                    note="across 000 and 001"),
    ExpectedFinding(("framing",), (("Tel Aviv",), ("Jerusalem",)), planted_in="003",
                    against=("000", "001", "004"),
                    note="003 calls the Israeli government Tel Aviv; the others place it in Jerusalem"),
    ExpectedFinding(("single_source_figure",), (("55",),), lines=(("004", 30),),
                    note="only 004 reports the 55% rise in oil exports"),
    ExpectedFinding(("org_variant",), (("Directorate",), ("Headquarters",)), planted_in="001",
                    against=("000",), note="one body, three names"),
    ExpectedFinding(("title_variant",), (("Digital and Transport",), ("Digital Development and Transport",)),
                    planted_in="000", against=("001",), note="Nabiyev's title"),
]

CORROBORATED: list[Corroboration] = [
    Corroboration((("000", (6,)), ("001", (2,))), "the MOU signed in Jerusalem on 2026-02-03"),
    Corroboration((("002", (9,)), ("003", (3, 4, 5))), "Sa'ar meets Aliyev in Baku on 2026-01-26"),
]

MUST_NOT: list[MustNot] = [
    MustNot(("date_conflict",), evidence_sources=("000", "001"),
            why='"3.2.2026" and "February 3, 2026" are one date'),
    MustNot(("name_variant",), values=(("Aliyev",), ("Hajiyev",)), why="two people"),
    MustNot(("name_variant",), values=(("Aliyev",), ("Nabiyev",)), why="two people"),
    MustNot(("name_variant",), values=(("Hajiyev",), ("Nabiyev",)), why="two people"),
    MustNot(("place_conflict", "framing"), values=(("Jerusalem Post",),), why="a newspaper is not a place"),
    MustNot(("place_conflict", "framing"), evidence=(("004", 15),),
            why="004:15 names The Jerusalem Post, not a place"),
    *[MustNot(("date_conflict", "place_conflict", "number_conflict"), evidence_sources=("004", other),
              why="004 reports a 2025 visit; the others 2026 events")
      for other in ("000", "001", "002", "003")],
]

ENTITIES: list[EntityRule] = [
    EntityRule(("Askal", "Eskel"), True, "one person spelled two ways"),
    EntityRule(("Aliyev", "Hajiyev", "Nabiyev"), False, "three people"),
]


@dataclass(frozen=True)
class SeedRun:
    result: CheckResult
    findings: list[FindingView]
    sources: Sources


@pytest.fixture(scope="module")
def seeds(seeds_dir) -> SeedRun:
    result = check_paths([seeds_dir])
    return SeedRun(result, view_findings(result.findings), Sources(result.tables.articles["source"]))


def _fail_on(errors: list[str]) -> None:
    if errors:
        pytest.fail("\n".join(errors), pytrace=False)


@pytest.mark.parametrize("junk", [pytest.param(j, id=f"{j.source}:{j.line}") for j in JUNK])
def test_junk_line_is_not_a_claim(seeds: SeedRun, junk: JunkLine):
    _fail_on(junk_line_errors(seeds.result.tables.claims, junk, seeds.sources, CONTEXT))


@pytest.mark.parametrize("exp", [pytest.param(f, id=f"{f.source}:{f.line}-{f.facet}") for f in FACETS])
def test_facet_is_extracted(seeds: SeedRun, exp: ExpectedFacet):
    t = seeds.result.tables
    _fail_on(facet_errors(t.claims, t.facets, exp, seeds.sources, CONTEXT))


def test_article_002_is_dated_by_its_dateline(seeds: SeedRun):
    arts = seeds.result.tables.articles
    row = arts[arts["source"] == seeds.sources("002")].iloc[0]
    assert row["published"] == "2026-01-26", (
        f'002\'s dateline "26/1/26" should date the article 2026-01-26; got published='
        f'{row["published"]!r} (from {row["published_from"]!r})')


@pytest.mark.parametrize("rule", [pytest.param(r, id=f"{r.source}:{r.line}") for r in NO_FACETS])
def test_no_place_inside_a_name(seeds: SeedRun, rule: NoFacet):
    t = seeds.result.tables
    _fail_on(no_facet_errors(t.articles, t.claims, t.facets, rule, seeds.sources, CONTEXT))


@pytest.mark.parametrize("exp", [pytest.param(f, id=f"{f.kinds[0]}-{i}") for i, f in enumerate(FINDINGS)])
def test_expected_finding(seeds: SeedRun, exp: ExpectedFinding):
    error = missing_finding(seeds.findings, exp, seeds.sources, CONTEXT)
    _fail_on([error] if error else [])


@pytest.mark.parametrize("exp", [pytest.param(c, id=f"corroborated-{i}") for i, c in enumerate(CORROBORATED)])
def test_claims_are_corroborated(seeds: SeedRun, exp: Corroboration):
    t = seeds.result.tables
    _fail_on(corroboration_errors(t.groups, t.claims, exp, seeds.sources, CONTEXT))


def test_the_mou_signing_is_reported_as_an_agreement(seeds: SeedRun):
    src = seeds.sources
    want = {(src("000"), 6), (src("001"), 2)}
    hits = [f for f in seeds.findings if f.kind == "agreement" and want <= f.lines]
    assert hits, ("expected an agreement finding citing 000:6 and 001:2 (the MOU signing); got: "
                  + "; ".join(f.describe() for f in seeds.findings if f.kind == "agreement"))


def test_each_corroborated_group_is_listed_once_with_its_fingerprint(seeds: SeedRun):
    """An atomic fact's agreement cites its sentence, which other groups cite too: the report
    must still pair every group with its own finding, not list a group twice."""
    from checker.report import render_markdown

    text = render_markdown(seeds.result)
    agreements = text.split("## Agreements", 1)[1].split("\n## ", 1)[0]
    heads = [line for line in agreements.splitlines() if line.startswith("**A")]
    groups = seeds.result.tables.groups
    corroborated = groups[groups["status"] == "corroborated"]["group_id"].nunique()
    assert len(heads) == corroborated, heads
    assert all("fingerprint" in h for h in heads), heads
    fingerprints = [h.rsplit("`", 2)[1] for h in heads]
    assert len(set(fingerprints)) == len(fingerprints), heads


@pytest.mark.parametrize("rule", [pytest.param(r, id=f"{r.kinds[0]}-{i}") for i, r in enumerate(MUST_NOT)])
def test_no_false_alarm(seeds: SeedRun, rule: MustNot):
    _fail_on(must_not_violations(seeds.findings, rule, seeds.sources, CONTEXT))


@pytest.mark.parametrize("rule", [pytest.param(r, id="-".join(r.names)) for r in ENTITIES])
def test_entities_are_resolved(seeds: SeedRun, rule: EntityRule):
    _fail_on(entity_errors(seeds.result.tables.mentions, rule, CONTEXT))


def test_no_finding_cites_a_caption_faq_newsletter_or_ticker_line(seeds: SeedRun):
    junk = [(seeds.sources(j.source), j.line) for j in JUNK]
    _fail_on(evidence_on_junk(seeds.findings, junk, CONTEXT))


def test_apostrophes_and_case_are_not_variants(seeds: SeedRun):
    _fail_on(normalisation_only_variants(seeds.findings, CONTEXT))


def test_evidence_points_at_the_quoted_line(seeds: SeedRun):
    arts = seeds.result.tables.articles
    texts = dict(zip(arts["source"], arts["text"], strict=True))
    _fail_on(evidence_line_errors(seeds.findings, texts, CONTEXT))
