"""The index of an archive checked one story at a time (checker.stories): OUT/stories.md for
editors, OUT/stories.json for machines (schema "checker.stories/1", also accepted as a
`--baseline`), and the terminal summary. Each story's own reports are its consistency.md and
consistency.json, in OUT/<story folder>/.

stories.json:

    schema             "checker.stories/1"
    checker_version    the checker's version
    counts             articles, stories, claims, claims_compared, skipped inputs,
                       findings (total, by_severity, decided, new: null without a baseline)
    stories[]          story (its folder), folder (under OUT), topic, articles, claims,
                       claims_compared, findings (by_severity, undecided only), reports
                       (format -> path under OUT)
    findings[]         story, fingerprint, code, kind, severity, summary, decision (its
                       status or null), new (null without a baseline); by story, then as in
                       the story's report (severity, then kind)
    problems[]         inputs skipped or noted: path, source, code, severity, message
    stale_decisions[]  decisions whose finding no story has
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from checker.config import Severity
from checker.report import escape as esc
from checker.report.json_report import stale_decision_items
from checker.report.markdown import gfm_table, problems_section, stale_section
from checker.report.view import AGREEMENT_KIND, SEVERITIES, text
from checker.tables import row_dicts

SCHEMA = "checker.stories/1"
#: How many undecided high findings stories.md lists by name (the rest are in the stories).
TOP_HIGH = 50


def _open(findings: Iterable[Any]) -> list[Any]:
    """Undecided findings that flag something (agreements are not to review)."""
    return [f for f in findings if f.decision is None and f.kind != AGREEMENT_KIND]


def _by_severity(findings: Iterable[Any]) -> dict[str, int]:
    counts = Counter(f.severity.label for f in findings)
    return {s.label: counts.get(s.label, 0) for s in SEVERITIES}


def _story_order(run: Any) -> list[Any]:
    """Stories with the most severe open findings first, then by name."""
    def key(o: Any) -> tuple[Any, ...]:
        counts = _by_severity(_open(o.findings))
        return (*(-counts[s.label] for s in SEVERITIES), o.story)
    return sorted(run.outcomes, key=key)


def _report_paths(outcome: Any) -> dict[str, str]:
    from checker.report import FORMATS

    names = {FORMATS[fmt][0]: fmt for fmt in FORMATS if FORMATS[fmt][0]}
    return {names[Path(rel).name]: f"{outcome.folder}/{Path(rel).name}"
            for rel in outcome.files if rel.startswith("out/") and Path(rel).name in names}


def render_stories_markdown(run: Any) -> str:
    outcomes = _story_order(run)
    every = run.findings
    open_findings = _open(every)
    counts = _by_severity(open_findings)
    decided = sum(1 for f in every if f.decision is not None)
    skipped = int((run.problems["severity"].map(text) == "error").sum()) if not run.problems.empty else 0
    out = [f"# Consistency across {len(outcomes)} stor{'y' if len(outcomes) == 1 else 'ies'}", ""]
    out += ["## At a glance", "",
            f"- {len(run.articles)} articles, {sum(o.claims_compared for o in outcomes)} claims compared",
            f"- {len(open_findings)} findings to review: "
            + ", ".join(f"{counts[s.label]} {s.label}" for s in SEVERITIES if counts[s.label])
            + (f" ({decided} decided)" if decided else ""),
            "- each story was checked on its own; its report is in its folder", ""]
    if skipped:
        out.insert(-1, f"- {skipped} input{'s' if skipped != 1 else ''} skipped (see below)")
    rows = []
    for o in outcomes:
        c = _by_severity(_open(o.findings))
        report = _report_paths(o).get("md")
        link = f"[{esc.cell(report)}]({_link(report)})" if report else "\u2014"
        rows.append([esc.cell(o.story), esc.cell(o.topic) or "\u2014", str(o.articles), str(o.claims_compared),
                     *(str(c[s.label]) for s in SEVERITIES), link])
    out += ["## Stories", "", "Most severe first.", "",
            *gfm_table(["story", "topic", "articles", "compared", *(s.label for s in SEVERITIES), "report"],
                    ["left", "left", "right", "right", *(["right"] * len(SEVERITIES)), "left"], rows)]
    high = [(o, f) for o in outcomes for f in _open(o.findings) if f.severity == Severity.HIGH]
    if high:
        out += ["## High findings", ""]
        out += [f"- {esc.inline(o.story)}: {esc.code(f.code)} {esc.inline(f.summary)}" for o, f in high[:TOP_HIGH]]
        if len(high) > TOP_HIGH:
            out.append(f"- \u2026 and {len(high) - TOP_HIGH} more in the stories' reports")
        out.append("")
    out += problems_section(run, "error", "Skipped inputs",
                            "These inputs were not checked; nothing in these reports comes from them.")
    out += stale_section(run)
    out += problems_section(run, "note", "Notes on inputs", "Inputs that were checked, with something worth knowing.")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _link(path: str) -> str:
    from urllib.parse import quote

    return quote(path)


def stories_document(run: Any) -> dict[str, Any]:
    from checker import __version__

    every = run.findings
    has_baseline = any(f.new is not None for f in every)
    problems = sorted(({k: text(p[k]) for k in ("path", "source", "code", "severity", "message")}
                       for p in row_dicts(run.problems)),
                      key=lambda p: (p["path"], p["code"], p["message"]))
    return {
        "schema": SCHEMA,
        "checker_version": __version__,
        "counts": {
            "articles": len(run.articles),
            "stories": len(run.outcomes),
            "claims": sum(o.claims for o in run.outcomes),
            "claims_compared": sum(o.claims_compared for o in run.outcomes),
            "skipped": sum(1 for p in problems if p["severity"] == "error"),
            "findings": {"total": len(every), "by_severity": _by_severity(every),
                         "decided": sum(1 for f in every if f.decision is not None),
                         "new": sum(1 for f in every if f.new) if has_baseline else None},
        },
        "stories": [{"story": o.story, "folder": o.folder, "topic": o.topic, "articles": o.articles,
                     "claims": o.claims, "claims_compared": o.claims_compared,
                     "findings": _by_severity(_open(o.findings)), "reports": _report_paths(o)}
                    for o in run.outcomes],
        "findings": [{"story": o.story, "fingerprint": f.fingerprint, "code": f.code, "kind": f.kind,
                      "severity": f.severity.label, "summary": f.summary, "decision": f.decision,
                      "new": f.new}
                     for o in run.outcomes for f in o.findings],
        "problems": problems,
        "stale_decisions": stale_decision_items(run),
    }


def render_stories_json(run: Any) -> str:
    return json.dumps(stories_document(run), ensure_ascii=False, indent=2) + "\n"


def stories_summary(run: Any, written: Sequence[Path]) -> str:
    """The terminal summary of an archive run: totals, the stories with high findings,
    where the index is."""
    open_findings = _open(run.findings)
    counts = _by_severity(open_findings)
    lines = [f"checked {len(run.articles)} articles in {len(run.outcomes)} stories "
             f"({run.reused} unchanged, reused from the cache): {sum(o.claims_compared for o in run.outcomes)} claims compared",
             "findings to review: " + (", ".join(f"{counts[s.label]} {s.label}" for s in SEVERITIES
                                                 if counts[s.label]) or "none")]
    worst = [o for o in _story_order(run) if _by_severity(_open(o.findings))["high"]]
    if worst:
        lines += ["", "stories with high findings:"]
        for o in worst[:5]:
            n = _by_severity(_open(o.findings))["high"]
            lines.append(f"  {esc.truncate(o.story, 60)}: {n} high")
        if len(worst) > 5:
            lines.append(f"  ... and {len(worst) - 5} more in the index")
    if written:
        lines += ["", *(f"report: {p}" for p in written)]
    return "\n".join(lines)


#: index format -> renderer (checker.stories.INDEX_FILES names the files)
INDEX_RENDERERS: dict[str, Callable[[Any], str]] = {"md": render_stories_markdown, "json": render_stories_json}
