"""End to end on articles we wrote ourselves about other stories (tests/articles/<story>/).

Each story folder holds 3-4 articles from invented outlets, in the style of real web copy
with its junk, and an expected.toml that lists the discrepancies planted in one outlet, the
false alarms the checker must not raise, the junk lines, facets and corroborated claims.
The pipeline runs once per story through the library API (module-scoped cache) and once
through the CLI; every expectation is its own test, so `pytest -k trade_deal` or
`pytest -k name_variant` runs a slice.

These tests set the bar for the whole pipeline; they are not loosened to pass.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from e2e_helpers import (
    COMPARED_CLASSES,
    KIND_CODES,
    FindingView,
    Sources,
    Story,
    corroboration_errors,
    entity_errors,
    evidence_line_errors,
    evidence_on_junk,
    facet_errors,
    junk_line_errors,
    line_texts,
    load_story,
    missing_finding,
    must_not_violations,
    no_facet_errors,
    normalisation_only_variants,
    story_folders,
    view_findings,
    view_json_findings,
)

from checker.api import CheckResult, check_paths
from checker.cli import cli

STORIES: tuple[Story, ...] = tuple(load_story(folder) for folder in story_folders())
CLI_STORY = "trade_deal"


@dataclass(frozen=True)
class StoryRun:
    story: Story
    result: CheckResult
    findings: list[FindingView]
    sources: Sources

    @property
    def junk_positions(self) -> list[tuple[str, int]]:
        return [(self.sources(j.source), j.line) for j in self.story.junk]

    @property
    def texts(self) -> dict[str, str]:
        arts = self.result.tables.articles
        return dict(zip(arts["source"], arts["text"], strict=True))


class StoryRuns:
    """Runs the pipeline on a story the first time a test asks for it."""

    def __init__(self) -> None:
        self._runs: dict[str, StoryRun] = {}

    def __call__(self, story: Story) -> StoryRun:
        if story.name not in self._runs:
            result = check_paths([story.folder])
            self._runs[story.name] = StoryRun(
                story, result, view_findings(result.findings),
                Sources(result.tables.articles["source"]),
            )
        return self._runs[story.name]


@pytest.fixture(scope="module")
def runs() -> StoryRuns:
    return StoryRuns()


def _param_id(item: object, i: int) -> str:
    if hasattr(item, "line"):
        return f"{item.source}:{item.line}" + (f"-{item.facet}" if hasattr(item, "facet") else "")
    if hasattr(item, "kinds"):
        return f"{item.kinds[0]}-{i}"
    if hasattr(item, "names"):
        return f"{'same' if item.same else 'separate'}-{'-'.join(item.names)}"
    return f"{type(item).__name__.lower()}-{i}"


def _params(attribute: str) -> Iterator[object]:
    for story in STORIES:
        for i, item in enumerate(getattr(story, attribute)):
            gap = getattr(item, "known_gap", "")
            marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
            yield pytest.param(story, item, id=f"{story.name}-{_param_id(item, i)}", marks=marks)


def _story_params() -> list[object]:
    return [pytest.param(story, id=story.name) for story in STORIES]


def _fail_on(errors: list[str]) -> None:
    if errors:
        pytest.fail("\n".join(errors), pytrace=False)


# ---- the corpus itself ------------------------------------------------------------------------


ALL_KINDS = {"name_variant", "title_variant", "org_variant", "number_conflict", "date_conflict",
             "place_conflict", "framing", "single_source_figure", "quote_variant", "weekday_mismatch"}


def test_the_corpus_plants_every_kind_in_four_or_more_stories():
    assert len(STORIES) >= 4, f"expected at least four stories under tests/articles, got {len(STORIES)}"
    planted = {kind for story in STORIES for exp in story.findings for kind in exp.kinds}
    assert planted >= ALL_KINDS, f"kinds never planted: {sorted(ALL_KINDS - planted)}"
    within = [exp for story in STORIES for exp in story.findings
              if "name_variant" in exp.kinds and exp.evidence_values
              and len({s for s, _ in exp.evidence_values}) == 1]
    assert within, "no story plants a name variant within a single article"


@pytest.mark.parametrize("story", _story_params())
def test_story_fixture_is_well_formed(story: Story):
    """Each story has 3-4 articles of 15-50 lines, and every line its expectations name exists."""
    articles = sorted(story.folder.glob("*.txt"))
    assert 3 <= len(articles) <= 4, f"{story.name}: {len(articles)} articles"
    lines = {p.stem: line_texts(p.read_text(encoding="utf-8")) for p in articles}
    for stem, text_lines in lines.items():
        count = len(text_lines) - (text_lines[-1] == "")  # a final newline ends the last line
        assert 15 <= count <= 50, f"{story.name}/{stem}: {count} lines"
    src = Sources(lines)
    named = [(j.source, j.line) for j in story.junk] + [(f.source, f.line) for f in story.facets]
    named += [(n.source, n.line) for n in story.no_facets]
    named += [p for exp in story.findings for p in exp.lines]
    named += [(s, n) for c in story.corroborated for s, ns in c.claims for n in ns]
    for key, line in named:
        text_lines = lines[src(key)]
        assert 1 <= line <= len(text_lines) and text_lines[line - 1].strip(), \
            f"{story.name}: expected.toml names {key}:{line}, which is empty or missing"
    for exp in story.findings:
        for key in (exp.planted_in, *exp.against):
            if key:
                src(key)


# ---- the library run --------------------------------------------------------------------------


@pytest.mark.parametrize("story", _story_params())
def test_every_article_is_read(story: Story, runs: StoryRuns):
    run = runs(story)
    errors = run.result.problems[run.result.problems["severity"] == "error"]
    assert errors.empty, f"{story.name}: input errors {errors.to_dict('records')}"
    expected = sorted(p.stem for p in story.folder.glob("*.txt"))
    assert sorted(run.result.tables.articles["source"]) == expected


@pytest.mark.parametrize(("story", "exp"), list(_params("findings")))
def test_planted_discrepancy_is_found(story: Story, exp, runs: StoryRuns):
    run = runs(story)
    error = missing_finding(run.findings, exp, run.sources, f"story {story.name}")
    _fail_on([error] if error else [])


@pytest.mark.parametrize(("story", "rule"), list(_params("must_not")))
def test_no_false_alarm(story: Story, rule, runs: StoryRuns):
    run = runs(story)
    _fail_on(must_not_violations(run.findings, rule, run.sources, f"story {story.name}"))


@pytest.mark.parametrize(("story", "junk"), list(_params("junk")))
def test_junk_line_is_not_a_claim(story: Story, junk, runs: StoryRuns):
    run = runs(story)
    _fail_on(junk_line_errors(run.result.tables.claims, junk, run.sources, f"story {story.name}"))


@pytest.mark.parametrize(("story", "exp"), list(_params("facets")))
def test_facet_is_extracted(story: Story, exp, runs: StoryRuns):
    run = runs(story)
    t = run.result.tables
    _fail_on(facet_errors(t.claims, t.facets, exp, run.sources, f"story {story.name}"))


@pytest.mark.parametrize(("story", "rule"), list(_params("no_facets")))
def test_no_place_inside_a_name(story: Story, rule, runs: StoryRuns):
    run = runs(story)
    t = run.result.tables
    _fail_on(no_facet_errors(t.articles, t.claims, t.facets, rule, run.sources, f"story {story.name}"))


@pytest.mark.parametrize(("story", "exp"), list(_params("corroborated")))
def test_claims_are_corroborated(story: Story, exp, runs: StoryRuns):
    run = runs(story)
    t = run.result.tables
    _fail_on(corroboration_errors(t.groups, t.claims, exp, run.sources, f"story {story.name}"))


@pytest.mark.parametrize(("story", "rule"), list(_params("entities")))
def test_entities_are_resolved(story: Story, rule, runs: StoryRuns):
    run = runs(story)
    _fail_on(entity_errors(run.result.tables.mentions, rule, f"story {story.name}"))


@pytest.mark.parametrize("story", _story_params())
def test_no_finding_cites_a_junk_line(story: Story, runs: StoryRuns):
    run = runs(story)
    _fail_on(evidence_on_junk(run.findings, run.junk_positions, f"story {story.name}"))


@pytest.mark.parametrize("story", _story_params())
def test_apostrophes_and_case_are_not_variants(story: Story, runs: StoryRuns):
    run = runs(story)
    _fail_on(normalisation_only_variants(run.findings, f"story {story.name}"))


@pytest.mark.parametrize("story", _story_params())
def test_evidence_points_at_the_quoted_line(story: Story, runs: StoryRuns):
    run = runs(story)
    _fail_on(evidence_line_errors(run.findings, run.texts, f"story {story.name}"))


@pytest.mark.parametrize("story", _story_params())
def test_findings_carry_their_documented_code(story: Story, runs: StoryRuns):
    run = runs(story)
    wrong = [f"{f.describe()} has code {f.code!r}, expected {KIND_CODES.get(f.kind)!r}"
             for f in run.findings if KIND_CODES.get(f.kind) != f.code]
    _fail_on(wrong)


# ---- the CLI run (once) -----------------------------------------------------------------------


@dataclass(frozen=True)
class CliRun:
    story: Story
    exit_code: int
    output: str
    out: Path
    claims_dir: Path


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory) -> CliRun:
    story = next(s for s in STORIES if s.name == CLI_STORY)
    base = tmp_path_factory.mktemp("e2e_cli")
    out, claims_dir = base / "reports", base / "claims"
    result = CliRunner().invoke(
        cli, ["check", str(story.folder), "--out", str(out), "--claims-dir", str(claims_dir),
              "--format", "md,json,csv"],
        catch_exceptions=True,
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliRun(story, result.exit_code, result.output, out, claims_dir)


def _report_json(run: CliRun) -> dict:
    path = run.out / "consistency.json"
    assert path.is_file(), f"`checker check` wrote no {path.name}; output: {run.output}"
    return json.loads(path.read_text(encoding="utf-8"))


def test_cli_writes_every_report(cli_run: CliRun):
    assert cli_run.exit_code == 0, f"exit {cli_run.exit_code} with --fail-on never: {cli_run.output}"
    for name in ("consistency.md", "consistency.json", "findings.csv"):
        path = cli_run.out / name
        assert path.is_file() and path.stat().st_size > 0, f"missing or empty {name}"
    for article in sorted(cli_run.story.folder.glob("*.txt")):
        assert (cli_run.claims_dir / f"{article.stem}.csv").is_file(), f"no claims CSV for {article.stem}"


def test_cli_json_follows_the_contract(cli_run: CliRun):
    report = _report_json(cli_run)
    assert report.get("schema") == "checker.report/1"
    for key in ("sources", "claims", "groups", "findings"):
        assert isinstance(report.get(key), list), f"consistency.json lacks the list {key!r}"
    assert {s["id"] for s in report["sources"]} == {p.stem for p in cli_run.story.folder.glob("*.txt")}
    for s in report["sources"]:
        assert {"id", "path", "title", "date"} <= set(s), f"source entry lacks fields: {s}"
    for c in report["claims"]:
        assert {"id", "source", "line", "text"} <= set(c), f"claim entry lacks fields: {c}"
    for g in report["groups"]:
        assert {"id", "claims", "sources", "status"} <= set(g), f"group entry lacks fields: {g}"
    for f in report["findings"]:
        missing = {"id", "code", "kind", "severity", "summary", "values", "evidence", "fingerprint"} - set(f)
        assert not missing, f"finding lacks {sorted(missing)}: {f}"
        for e in f["evidence"]:
            assert {"source", "line", "quote"} <= set(e), f"evidence lacks fields: {e}"


def test_cli_json_holds_the_library_findings_and_the_planted_ones(cli_run: CliRun, runs: StoryRuns):
    report = _report_json(cli_run)
    api = runs(cli_run.story)
    assert sorted(f["fingerprint"] for f in report["findings"]) == sorted(f.fingerprint for f in api.findings)
    findings = view_json_findings(report["findings"])
    src = Sources(s["id"] for s in report["sources"])
    errors = [e for exp in cli_run.story.findings
              if (e := missing_finding(findings, exp, src, f"consistency.json of {cli_run.story.name}"))]
    _fail_on(errors)


def test_cli_json_evidence_points_at_the_quoted_line(cli_run: CliRun):
    report = _report_json(cli_run)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in cli_run.story.folder.glob("*.txt")}
    findings = view_json_findings(report["findings"])
    _fail_on(evidence_line_errors(findings, texts, f"consistency.json of {cli_run.story.name}"))


def test_cli_findings_csv_has_a_row_per_evidence(cli_run: CliRun):
    report = _report_json(cli_run)
    rows = list(csv.DictReader(io.StringIO((cli_run.out / "findings.csv").read_text(encoding="utf-8"))))
    assert len(rows) == sum(len(f["evidence"]) for f in report["findings"])
    assert sorted({r["kind"] for r in rows}) == sorted({f["kind"] for f in report["findings"] if f["evidence"]})


def test_cli_claims_csv_keeps_junk_out_of_the_comparison(cli_run: CliRun):
    src = Sources(p.stem for p in cli_run.story.folder.glob("*.txt"))
    errors = []
    for junk in cli_run.story.junk:
        source = src(junk.source)
        path = cli_run.claims_dir / f"{source}.csv"
        if not path.is_file():
            errors.append(f"no claims CSV {path.name}")
            continue
        rows = [r for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
                if r.get("line") == str(junk.line)]
        if not rows:
            errors.append(f"claims/{source}.csv has no row on junk line {junk.line}")
        errors += [f"claims/{source}.csv line {junk.line} ({junk.why}) has class {r.get('class')!r}"
                   for r in rows if r.get("class") in COMPARED_CLASSES]
    _fail_on(errors)


def test_cli_markdown_names_each_planted_kind(cli_run: CliRun):
    md = (cli_run.out / "consistency.md").read_text(encoding="utf-8")
    missing = [f"{kind} ({KIND_CODES[kind]})" for exp in cli_run.story.findings for kind in exp.kinds[:1]
               if kind not in md and KIND_CODES[kind] not in md]
    assert not missing, f"consistency.md does not mention the planted kinds: {missing}"
