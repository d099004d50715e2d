"""The whole Markdown report, rendered with markdown-it-py (GitHub-like settings): article text
cannot break the layout or become live HTML or links; sections appear when they have
content; the editor workflow's decisions and baseline marks are shown when present."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

import pandas as pd
from test_escape import RENDERERS
from test_golden import HOSTILE, hand_built_result

from checker.api import CheckResult, check_paths
from checker.config import Severity
from checker.findings.model import Finding
from checker.report import render_markdown
from checker.tables import Tables, empty_frame

ALLOWED_TAGS = {
    "h1", "h2", "h3", "h4", "p", "ul", "li", "strong", "code", "table", "thead", "tbody", "tr",
    "th", "td", "details", "summary", "a",
}
# The only links the report makes itself: anchors to its own sections.
ALLOWED_HREF = re.compile(r"#[a-z-]+|https?://[^\s\"']+")


def rendered_html(markdown: str) -> list[str]:
    return [md.render(markdown) for md in RENDERERS.values()]


def assert_safe_html(out: str) -> None:
    lowered = out.lower()
    assert "<script" not in lowered
    assert "javascript:" not in re.sub(r"&[a-z]+;|&#\d+;", "", "".join(re.findall(r"<[^>]*>", lowered)))
    tags = {m.group(1) for m in re.finditer(r"</?([a-zA-Z][a-zA-Z0-9]*)", out)}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for href in re.findall(r"""href="([^"]*)\"""", out):
        assert ALLOWED_HREF.fullmatch(href), href
    assert "<img" not in lowered and "onerror" not in "".join(re.findall(r"<[^>]*>", lowered))


def _split_row(line: str) -> list[str]:
    """Cells of a GFM table row; `\\|` is an escaped pipe (markdown-it and cmark-gfm agree for
    the text our escaping produces)."""
    cells, current, escaped = [], "", False
    for ch in line.strip()[1:-1]:
        if ch == "|" and not escaped:
            cells.append(current)
            current = ""
        else:
            current += ch
        escaped = ch == "\\" and not escaped
    return [*cells, current]


def markdown_tables(markdown: str) -> list[list[list[str]]]:
    tables, current = [], []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(_split_row(line))
        elif current:
            tables.append(current)
            current = []
    return tables + ([current] if current else [])


def html_tables(out: str) -> list[list[int]]:
    """Per table, the number of cells in each row."""
    return [[len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)]
            for table in re.findall(r"<table>(.*?)</table>", out, flags=re.S)]


def test_hand_built_report_renders_safely_with_every_table_intact() -> None:
    markdown = render_markdown(hand_built_result())
    md_tables = markdown_tables(markdown)
    assert len(md_tables) >= 8
    for table in md_tables:
        widths = {len(row) for row in table}
        assert len(widths) == 1, table
    for out in rendered_html(markdown):
        assert_safe_html(out)
        html_widths = html_tables(out)
        assert [len(t) for t in html_widths] == [len(t) - 1 for t in md_tables]  # minus the --- row
        for table, md_table in zip(html_widths, md_tables, strict=True):
            assert set(table) == {len(md_table[0])}


def test_hostile_text_is_shown_as_text_not_dropped() -> None:
    markdown = render_markdown(hand_built_result())
    out = rendered_html(markdown)[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "[details](javascript:alert(1))" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "`rm -rf`" in out
    assert not any(ch in markdown for ch in "\u202e\u200b\u2066\u2069")


def test_article_html_cannot_open_or_close_details_blocks() -> None:
    markdown = render_markdown(hand_built_result())
    for out in rendered_html(markdown):
        assert out.count("<details>") == out.count("</details>") == markdown.count("<details>")
        assert markdown.count("<details>") == 3  # two single-source sources, one left-out block


def test_sections_come_in_the_documented_order() -> None:
    markdown = render_markdown(hand_built_result())
    headings = re.findall(r"^## (.+)$", markdown, flags=re.M)
    assert headings == ["At a glance", "Sources", "Skipped inputs", "Counts", "Findings", "Agreements",
                        "Sources compared", "Single-source claims", "Left out", "Notes on inputs"]
    assert markdown.startswith("# Consistency report: Ferry, fire, Porto, Velmar, crew\n")


def test_findings_are_grouped_by_severity_then_kind_with_evidence_and_fingerprint() -> None:
    result = hand_built_result()
    markdown = render_markdown(result)
    findings_part = markdown.split("## Findings", 1)[1].split("## Agreements", 1)[0]
    severities = re.findall(r"^### (\w+)", findings_part, flags=re.M)
    assert severities == ["High", "Medium", "Low"]
    kinds = re.findall(r"^#### (\S+)", findings_part, flags=re.M)
    assert kinds == ["name\\_variant", "number\\_conflict", "single\\_source\\_figure", "weekday\\_mismatch", "framing"] \
        or kinds == ["name_variant", "number_conflict", "single_source_figure", "weekday_mismatch", "framing"]
    for f in result.findings:
        if f.kind != "agreement":
            assert f"`{f.fingerprint}`" in findings_part
    assert "- alpha:3 \u2014 \u201cHarbour chief **Mara Velkova** said" in findings_part
    assert "| Mara Velkowa | beta_daily, gamma | beta_daily:3, gamma:2 |" in findings_part
    assert "agreement" not in findings_part


def test_at_a_glance_names_the_high_findings_first() -> None:
    markdown = render_markdown(hand_built_result())
    glance = markdown.split("## At a glance", 1)[1].split("## Sources", 1)[0]
    assert "- 3 sources, 8 claims compared, 9 segments left out" in glance
    assert "**1 input skipped**" in glance
    assert "5 findings to review: 2 high, 2 medium, 1 low" in glance
    assert glance.count("- **high**") == 2


def test_left_out_block_groups_by_class_with_reasons_and_blank_lines_around_markdown() -> None:
    markdown = render_markdown(hand_built_result())
    block = markdown.split("<details><summary>9 segments left out", 1)[1]
    assert block.split("\n", 2)[1] == ""  # Markdown inside an HTML block needs a blank line
    assert "**boilerplate** (1)" in block and "reason: newsletter prompt" in block
    assert "\n\n</details>" in block


# --- the editor workflow's extension points ----------------------------------------------------

@dataclass(frozen=True)
class Decision:
    status: str
    note: str
    by: str
    at: str
    canonical: str = ""


@dataclass(frozen=True)
class WorkflowFinding(Finding):
    decision: Decision | None = None
    new: bool | None = None


@dataclass(frozen=True)
class StaleDecision:
    fingerprint: str
    status: str
    note: str
    by: str
    at: str


@dataclass(frozen=True)
class WorkflowResult(CheckResult):
    stale_decisions: tuple[StaleDecision, ...] = ()


def _with_workflow(result: CheckResult) -> WorkflowResult:
    findings = []
    for f in result.findings:
        fields = {field.name: getattr(f, field.name) for field in dataclasses.fields(Finding)
                  if field.name not in ("decision", "new")}
        decision = None
        if f.kind == "framing":
            decision = Decision("accepted", "house style <b>|</b>", "desk editor", "2025-10-08")
        findings.append(WorkflowFinding(**fields, decision=decision, new=f.kind == "weekday_mismatch"))
    stale = (StaleDecision("0123456789abcdef", "dismissed", "old | note", "ed", "2025-01-01"),)
    return WorkflowResult(tables=result.tables, findings=findings, config=result.config, stale_decisions=stale)


def test_decided_findings_get_their_own_section_and_leave_the_findings() -> None:
    markdown = render_markdown(_with_workflow(hand_built_result()))
    headings = re.findall(r"^## (.+)$", markdown, flags=re.M)
    assert headings.index("Decided findings") == headings.index("Findings") + 1
    assert headings.index("Stale decisions") == headings.index("Decided findings") + 1
    findings_part = markdown.split("## Findings", 1)[1].split("## Decided findings", 1)[0]
    assert "framing" not in findings_part
    decided = markdown.split("## Decided findings", 1)[1].split("## Stale decisions", 1)[0]
    assert "| accepted | framing |" in decided and "house style &lt;b&gt;\\|&lt;/b&gt;" in decided
    assert "4 findings to review" in markdown and "1 finding already decided" in markdown
    assert "`0123456789abcdef`" in markdown.split("## Stale decisions", 1)[1]
    for out in rendered_html(markdown):
        assert_safe_html(out)


def test_new_findings_are_marked_against_the_baseline() -> None:
    markdown = render_markdown(_with_workflow(hand_built_result()))
    assert "- 1 finding new since the baseline" in markdown
    assert markdown.count("\u00b7 **new**") == 1
    assert "Sunday\u201d does not fit 2025-10-06, a Monday** \u00b7 **new**" in markdown


def test_without_the_workflow_no_workflow_sections_appear() -> None:
    markdown = render_markdown(hand_built_result())
    assert "Decided findings" not in markdown and "Stale decisions" not in markdown
    assert "baseline" not in markdown and "**new**" not in markdown


# --- degenerate and real inputs ----------------------------------------------------------------

def _empty_result() -> CheckResult:
    from checker.compare import COMPARISON_COLUMNS
    from checker.facets import FACET_COLUMNS
    from checker.ingest import ARTICLE_COLUMNS, PROBLEM_COLUMNS
    from checker.match import GROUP_COLUMNS
    from checker.resolve import ENTITY_COLUMNS, MENTION_COLUMNS
    from checker.segment import CLAIM_COLUMNS

    problems = pd.DataFrame(columns=PROBLEM_COLUMNS, data=[{"path": "x.bin", "source": "", "code": "binary", "severity": "error",
                              "message": "binary file"}])
    tables = Tables(empty_frame(ARTICLE_COLUMNS), problems, empty_frame(CLAIM_COLUMNS),
                    empty_frame(FACET_COLUMNS), empty_frame(MENTION_COLUMNS), empty_frame(ENTITY_COLUMNS),
                    empty_frame(GROUP_COLUMNS), empty_frame(COMPARISON_COLUMNS))
    return CheckResult(tables=tables, findings=[], config=hand_built_result().config)


def test_a_result_with_nothing_read_still_renders_and_lists_the_skipped_input() -> None:
    markdown = render_markdown(_empty_result())
    assert markdown.startswith("# Consistency report\n")
    assert "No article could be read." in markdown and "| x.bin | binary | binary file |" in markdown
    for out in rendered_html(markdown):
        assert_safe_html(out)


def test_a_finding_without_evidence_or_values_renders() -> None:
    result = hand_built_result()
    bare = Finding(code="CK999", kind="corpus_note", severity=Severity.LOW, values=(), evidence=(),
                   summary="A corpus-level note with a | pipe")
    markdown = render_markdown(dataclasses.replace(result, findings=[*result.findings, bare]))
    assert "A corpus-level note with a \\| pipe" in markdown
    for out in rendered_html(markdown):
        assert_safe_html(out)


def test_hostile_article_through_the_whole_pipeline_renders_safely(tmp_path) -> None:
    body = (
        "Harbour officials said 40 boats <script>alert(1)</script> were moored at the quay on "
        "Monday, October 6, 2025.\n\n"
        "The [harbour](javascript:alert(1)) master | Ana `Ruiz` said the quay reopened.\n\n"
        "<details><summary>open</summary>\n\n# Not a heading\n\n<img src=x onerror=alert(1)>\n"
        "\u202eReversed\u200b name: Ana Ru\u200biz.\n"
    )
    (tmp_path / "hostile.txt").write_text("Quay reopens after storm\n\n" + body, encoding="utf-8")
    (tmp_path / "calm.txt").write_text(
        "Storm closes quay\n\nHarbour officials said 40 boats were moored at the quay on Monday, "
        "October 6, 2025.\n\nHarbour master Ana Ruiz said the quay reopened.\n", encoding="utf-8")
    markdown = render_markdown(check_paths([tmp_path]))
    for out in rendered_html(markdown):
        assert_safe_html(out)
    for table in markdown_tables(markdown):
        assert len({len(row) for row in table}) == 1


def test_seeds_report_renders_safely(seeds_dir) -> None:
    markdown = render_markdown(check_paths([seeds_dir]))
    for out in rendered_html(markdown):
        assert_safe_html(out)
    for table in markdown_tables(markdown):
        assert len({len(row) for row in table}) == 1
    assert Counter(re.findall(r"^## (.+)$", markdown, flags=re.M))["Sources"] == 1


def test_hostile_constant_really_is_hostile() -> None:
    assert all(s in HOSTILE for s in ("|", "`", "<script>", "javascript:", "\n", "\u202e", "\u200b"))


def test_many_sources_get_a_list_of_the_busiest_pairs_instead_of_a_matrix() -> None:
    result = hand_built_result()
    t = result.tables
    extra = pd.DataFrame([{**t.articles.iloc[0].to_dict(), "source": f"extra{i}", "path": f"x/extra{i}.txt"}
                          for i in range(1, 13)])
    many = dataclasses.replace(t, articles=pd.concat([t.articles, extra], ignore_index=True))
    markdown = render_markdown(dataclasses.replace(result, tables=many))
    part = markdown.split("## Sources compared", 1)[1].split("## Single-source claims", 1)[0]
    assert "| source | source | agree / conflict / differ |" in part
    assert "| alpha | beta_daily | 1 / 1 / 2 |" in part
    assert "extra" not in part  # pairs with nothing in common are not listed
    for out in rendered_html(markdown):
        assert_safe_html(out)
