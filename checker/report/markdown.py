"""consistency.md: the report an editor opens. A pure function of a CheckResult.

Layout, top to bottom (what an editor reads in two minutes comes first):

    # Consistency report: <words the headlines share>
    ## At a glance          sources, claims compared, findings by severity, the top high ones
    ## Sources              id | outlet / title | date (where it came from) | kept | left out
    ## Skipped inputs       every input that was not checked, with the reason (when any)
    ## Counts               findings per kind and severity
    ## Findings             by severity, then kind: summary, values side by side
                            (value | sources | evidence), quoted evidence with source:line,
                            suggestion, fingerprint (for `checker decide`)
    ## Decided findings     findings an editor decided, with the decision (when any)
    ## Stale decisions      decisions whose finding no longer occurs (when any)
    ## Verified             reference facts and the claims that match them (when any)
    ## Agreements           what two or more sources corroborate, the claim per source
    ## Sources compared     source x source matrix: groups agreeing / conflicting / findings
                            in which the pair differs
    ## Single-source claims one collapsed block per source
    ## Left out             collapsed: segments not compared, by class, with reasons
    ## Notes on inputs      notes from reading the inputs (when any)

Every piece of article text goes through `checker.report.escape` for the place it lands.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from checker import lexicon
from checker.api import CheckResult
from checker.config import Severity
from checker.findings.model import Finding
from checker.report import escape as esc
from checker.report.view import (
    AGREEMENT_KIND,
    SEVERITIES,
    Annotation,
    GroupSummary,
    PairCounts,
    SourceSummary,
    annotation,
    group_status_counts,
    group_summaries,
    headline_words,
    integer,
    kind_severity_counts,
    left_out_claims,
    natural_key,
    ordered_claims,
    ordered_findings,
    severity_counts,
    source_matrix,
    source_summaries,
    stale_decisions,
    text,
    value_rows,
)
from checker.tables import row_dicts

#: How many high findings the "At a glance" list names.
GLANCE_HIGH_FINDINGS = 5
#: Evidence quotes longer than this are cut around the value (characters).
QUOTE_LIMIT = 600
#: Up to this many sources the pairs are shown as a full matrix; beyond, the busiest pairs.
MATRIX_MAX_SOURCES = 12
MATRIX_MAX_PAIRS = 30
#: Items of the long lists (single-source claims, left out) are cut to this (characters).
LIST_TEXT_LIMIT = 240


def gfm_table(headers: Sequence[str], aligns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GFM table; every cell must already be escaped for a cell."""
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---:" if a == "right" else "---" for a in aligns) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _plural(n: int, word: str, plural: str = "") -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _ref(source: str, line: int | str) -> str:
    return f"{esc.inline(source)}:{line}"


def _title(sources: Sequence[SourceSummary]) -> str:
    words = headline_words((s.title for s in sources), lexicon.words("report_stopwords"))
    return "# Consistency report" + (f": {esc.heading(', '.join(words))}" if words else "")


# --- sections -------------------------------------------------------------------------------

def _glance(result: CheckResult, sources: Sequence[SourceSummary], open_findings: Sequence[Finding],
            decided: int, groups: Sequence[GroupSummary], skipped: int) -> list[str]:
    kept = sum(s.kept for s in sources)
    left_out = sum(s.left_out for s in sources)
    problems = [f for f in open_findings if f.kind != AGREEMENT_KIND]
    by_sev = severity_counts(problems)
    statuses = group_status_counts(groups)
    lines = ["## At a glance", ""]
    lines.append(f"- {_plural(len(sources), 'source')}, {_plural(kept, 'claim')} compared, "
                 f"{_plural(left_out, 'segment')} left out")
    if skipped:
        lines.append(f"- **{_plural(skipped, 'input')} skipped**: see [Skipped inputs](#skipped-inputs)")
    sev_text = ", ".join(f"{n} {label}" for label, n in by_sev.items() if n) or "none"
    lines.append(f"- {_plural(len(problems), 'finding')} to review: {sev_text}")
    lines.append(f"- {_plural(statuses['corroborated'], 'claim group')} corroborated, "
                 f"{statuses['conflicting']} conflicting, {statuses['single_source']} single-source")
    new = [f for f in problems if annotation(f).new]
    if any(annotation(f).new is not None for f in result.findings):
        lines.append(f"- {_plural(len(new), 'finding')} new since the baseline")
    if decided:
        lines.append(f"- {_plural(decided, 'finding')} already decided: see [Decided findings](#decided-findings)")
    high = [f for f in problems if f.severity == Severity.HIGH]
    for f in high[:GLANCE_HIGH_FINDINGS]:
        first = f.evidence[0] if f.evidence else None
        where = f" ({_ref(first.source, first.line)})" if first else ""
        lines.append(f"- **high**{_new_mark(annotation(f))}: {esc.inline(f.summary)}{where}")
    if len(high) > GLANCE_HIGH_FINDINGS:
        lines.append(f"- \u2026 and {len(high) - GLANCE_HIGH_FINDINGS} more high findings below")
    return [*lines, ""]


def _sources(sources: Sequence[SourceSummary]) -> list[str]:
    rows = []
    for s in sources:
        name = f"{s.outlet}: {s.title}" if s.outlet and s.title else (s.outlet or s.title)
        date = f"{s.date} ({s.date_from})" if s.date and s.date_from else s.date
        rows.append([esc.cell(s.source), esc.cell(name) or "\u2014", esc.cell(date) or "unknown",
                     str(s.kept), str(s.left_out)])
    head = ["## Sources", ""]
    if not rows:
        return [*head, "No article could be read.", ""]
    return [*head, *gfm_table(["id", "outlet / title", "date (from)", "claims kept", "left out"],
                           ["left", "left", "left", "right", "right"], rows)]


def problems_section(result: Any, severity: str, title: str, intro: str) -> list[str]:
    problems = result.problems
    if problems.empty:
        return []
    rows = sorted(
        (text(p["path"]), text(p["source"]), text(p["code"]), text(p["message"]))
        for p in row_dicts(problems) if text(p["severity"]) == severity
    )
    if not rows:
        return []
    cells = [[esc.cell(path) or "\u2014", esc.cell(code), esc.cell(message)] for path, _, code, message in rows]
    return [f"## {title}", "", intro, "", *gfm_table(["input", "code", "reason"], ["left"] * 3, cells)]


def _counts(findings: Sequence[Finding]) -> list[str]:
    lines = ["## Counts", ""]
    per_kind = kind_severity_counts(findings)
    if not per_kind:
        return [*lines, "No findings.", ""]
    rows = []
    for kind, code, counts in per_kind:
        rows.append([esc.cell(kind), esc.cell(code), *(str(counts[s.label]) for s in SEVERITIES),
                     str(sum(counts.values()))])
    totals = severity_counts(findings)
    rows.append(["**total**", "", *(str(totals[s.label]) for s in SEVERITIES), str(len(findings))])
    return [*lines, *gfm_table(["kind", "code", *(s.label for s in SEVERITIES), "total"],
                            ["left", "left", *(["right"] * (len(SEVERITIES) + 1))], rows)]


def _new_mark(note: Annotation) -> str:
    return " \u00b7 **new**" if note.new else ""


def _finding(f: Finding, number: int) -> list[str]:
    note = annotation(f)
    meta = [f"{esc.code(f.code)}", f"fingerprint {esc.code(f.fingerprint)}"]
    if f.score is not None and f.score == f.score:
        meta.append(f"match {f.score:.0f}" + (f" ({esc.inline(f.method)})" if f.method else ""))
    lines = [f"**{number}. {esc.inline(f.summary)}**{_new_mark(note)}", "",
             " \u00b7 ".join(meta), ""]
    rows = value_rows(f)
    if len(rows) > 1 or any(r.places for r in rows):
        cells = [[esc.cell(r.value), esc.cell(", ".join(r.sources)) or "\u2014",
                  esc.cell(", ".join(r.places)) or "\u2014"] for r in rows]
        lines += gfm_table(["value", "sources", "evidence"], ["left"] * 3, cells)
    for e in f.evidence:
        quote = esc.truncate(e.quote, QUOTE_LIMIT, around=esc.one_line(e.value))
        lines.append(f"- {_ref(e.source, e.line)} \u2014 \u201c{esc.highlight(quote, e.value)}\u201d")
    if f.evidence:
        lines.append("")
    if f.suggestion:
        lines += [f"Suggestion: {esc.inline(f.suggestion)}", ""]
    if note.decided:
        lines += [_decision_line(note), ""]
    return lines


def _decision_line(note: Annotation) -> str:
    parts = [f"Decision: **{esc.inline(note.status)}**"]
    if note.canonical:
        parts.append(f"canonical \u201c{esc.inline(note.canonical)}\u201d")
    if note.by or note.at:
        parts.append(" ".join(p for p in (f"by {esc.inline(note.by)}" if note.by else "",
                                          f"on {esc.inline(note.at)}" if note.at else "") if p))
    line = ", ".join(parts)
    return f"{line}: {esc.inline(note.note)}" if note.note else line


def _findings(findings: Sequence[Finding]) -> list[str]:
    lines = ["## Findings", ""]
    shown = [f for f in findings if f.kind != AGREEMENT_KIND]
    if not shown:
        return [*lines, "No findings to review.", ""]
    number = 0
    for severity in SEVERITIES:
        of_severity = [f for f in shown if f.severity == severity]
        if not of_severity:
            continue
        lines += [f"### {severity.label.capitalize()} ({len(of_severity)})", ""]
        kinds = sorted({(f.code, f.kind) for f in of_severity})
        for code, kind in kinds:
            of_kind = [f for f in of_severity if f.kind == kind]
            lines += [f"#### {esc.heading(kind)} ({esc.heading(code)}, {len(of_kind)})", ""]
            for f in of_kind:
                number += 1
                lines += _finding(f, number)
    return lines


def _decided(findings: Sequence[Finding]) -> list[str]:
    if not findings:
        return []
    lines = ["## Decided findings", "",
             "Findings an editor has already decided; they do not count towards `--fail-on`.", ""]
    rows = []
    for f in findings:
        note = annotation(f)
        rows.append([esc.cell(note.status), esc.cell(f.kind), esc.cell(f.summary),
                     esc.cell(note.note) or "\u2014", esc.cell(" ".join(p for p in (note.by, note.at) if p)) or "\u2014",
                     esc.code(f.fingerprint, in_table=True)])
    return [*lines, *gfm_table(["decision", "kind", "finding", "note", "by / on", "fingerprint"],
                            ["left"] * 6, rows)]


def stale_section(result: Any) -> list[str]:
    stale = stale_decisions(result)
    if not stale:
        return []
    rows = [[esc.code(text(getattr(d, "fingerprint", "")), in_table=True) or "\u2014",
             esc.cell(text(getattr(d, "status", ""))), esc.cell(text(getattr(d, "note", ""))) or "\u2014",
             esc.cell(" ".join(p for p in (text(getattr(d, "by", "")), text(getattr(d, "at", ""))) if p)) or "\u2014"]
            for d in stale]
    return ["## Stale decisions", "",
            "Decisions whose finding no longer occurs; remove them or check what changed.", "",
            *gfm_table(["fingerprint", "decision", "note", "by / on"], ["left"] * 4, rows)]


def _verified(result: CheckResult) -> list[str]:
    verified = list(getattr(result, "verified", None) or ())
    if not verified:
        return []
    rows = []
    for v in verified:
        fact = v.fact
        places = ", ".join(dict.fromkeys(f"{c.source}:{c.line}" for c in v.claims))
        rows.append([esc.cell(f"{fact.subject} \u00b7 {fact.attribute}"), esc.cell(fact.value),
                     esc.cell(fact.source) or "\u2014",
                     esc.cell(" ".join(p for p in (fact.verified_by, fact.verified_on) if p)) or "\u2014",
                     esc.cell(places)])
    return ["## Verified", "",
            "Claims that match a fact in the reference ledger (facts an editor verified from a "
            "primary source).", "",
            *gfm_table(["fact", "value", "source", "verified by / on", "claims"], ["left"] * 5, rows)]


def _agreements(result: CheckResult, groups: Sequence[GroupSummary], findings: Sequence[Finding],
                claims_by_id: dict[str, dict]) -> list[str]:
    """Corroborated groups (from the tables) merged with agreement findings (which carry the
    fingerprints); an agreement finding that matches no group is shown from its evidence."""
    items: list[tuple[tuple[tuple[str, int, str], ...], str]] = []
    agreement_findings = [f for f in findings if f.kind == AGREEMENT_KIND]
    # A finding cites the sentences its claims stand in (an atomic fact by its sentence), so a
    # group and its finding are paired by that set of sentences.
    by_cited: dict[frozenset[str], list[Finding]] = {}
    for f in agreement_findings:
        by_cited.setdefault(frozenset(e.claim_id for e in f.evidence), []).append(f)
    used: set[str] = set()
    for g in groups:
        if g.status != "corroborated":
            continue
        cited = frozenset(
            text(claims_by_id[i].get("parent")) or i if i in claims_by_id else i
            for i in g.claim_ids
        )
        candidates = [f for f in (*by_cited.get(cited, ()), *by_cited.get(frozenset(g.claim_ids), ()))
                      if f.fingerprint not in used]
        # Several groups can stand in the same sentences (a sentence and the facts taken from
        # it): the finding names its group's lead claim as its subject.
        texts = {text(claims_by_id[i]["text"]) for i in g.claim_ids if i in claims_by_id}
        match = next((f for f in candidates if f.subject in texts),
                     candidates[0] if candidates else None)
        fingerprint = ""
        if match:
            fingerprint = match.fingerprint
            used.add(fingerprint)
        entries = tuple(
            (text(c["source"]), integer(c["line"]), text(c["text"]))
            for c in (claims_by_id[i] for i in g.claim_ids if i in claims_by_id)
        )
        items.append((entries, fingerprint))
    for f in agreement_findings:
        if f.fingerprint not in used:
            items.append((tuple((e.source, e.line, e.quote) for e in f.evidence), f.fingerprint))
    lines = ["## Agreements", ""]
    if not items:
        return [*lines, "No claim is corroborated by two or more sources.", ""]
    items.sort(key=lambda item: (-len({s for s, _, _ in item[0]}), [(natural_key(s), ln) for s, ln, _ in item[0]]))
    lines += [f"What two or more sources say alike ({len(items)}), the claim as each source words it.", ""]
    for number, (entries, fingerprint) in enumerate(items, 1):
        n_sources = len({s for s, _, _ in entries})
        head = f"**A{number}.** {_plural(n_sources, 'source')}"
        if fingerprint:
            head += f" \u00b7 fingerprint {esc.code(fingerprint)}"
        lines += [head, ""]
        lines += [f"- {_ref(s, ln)} \u2014 \u201c{esc.inline(esc.truncate(t, QUOTE_LIMIT))}\u201d"
                  for s, ln, t in sorted(entries, key=lambda e: (natural_key(e[0]), e[1]))]
        lines.append("")
    return lines


def _matrix(sources: Sequence[SourceSummary], groups: Sequence[GroupSummary],
            findings: Sequence[Finding]) -> list[str]:
    ids = [s.source for s in sources]
    if len(ids) < 2:
        return []
    pairs = {(p.a, p.b): p for p in source_matrix(groups, findings)}
    lines = ["## Sources compared", "",
             "For each pair of sources: claim groups they share that agree / that conflict / "
             "findings in which they write a name, title, figure or date differently.", ""]
    if len(ids) > MATRIX_MAX_SOURCES:
        ranked = sorted(pairs.values(), key=lambda p: (-(p.conflicting + p.differing), -p.corroborated,
                                                       natural_key(p.a), natural_key(p.b)))
        rows = [[esc.cell(p.a), esc.cell(p.b), f"{p.corroborated} / {p.conflicting} / {p.differing}"]
                for p in ranked[:MATRIX_MAX_PAIRS]]
        if not rows:
            return [*lines, "No two sources share a claim group or a finding.", ""]
        more = len(ranked) - len(rows)
        note = [f"… and {_plural(more, 'more pair')} (all of them are in consistency.json).", ""] if more else []
        return [*lines, *gfm_table(["source", "source", "agree / conflict / differ"], ["left", "left", "right"], rows),
                *note]
    zero = PairCounts("", "", 0, 0, 0)
    rows = []
    for a in ids:
        row = [f"**{esc.cell(a)}**"]
        for b in ids:
            if a == b:
                row.append("\u2014")
                continue
            p = pairs.get((a, b)) or pairs.get((b, a)) or zero
            row.append(f"{p.corroborated} / {p.conflicting} / {p.differing}")
        rows.append(row)
    return [*lines, *gfm_table(["", *(esc.cell(i) for i in ids)], ["left"] + ["right"] * len(ids), rows)]


def _single_source(groups: Sequence[GroupSummary], claims_by_id: dict[str, dict]) -> list[str]:
    by_source: dict[str, list[dict]] = {}
    for g in groups:
        if g.status != "single_source":
            continue
        for claim_id in g.claim_ids:
            if claim_id in claims_by_id:
                c = claims_by_id[claim_id]
                by_source.setdefault(text(c["source"]), []).append(c)
    lines = ["## Single-source claims", ""]
    if not by_source:
        return [*lines, "None: every compared claim has a match in another source.", ""]
    total = sum(len(v) for v in by_source.values())
    lines += [f"{_plural(total, 'claim')} that only one source makes. Figures among them are "
              "findings above; the rest are worth a check before they are repeated.", ""]
    for source in sorted(by_source, key=natural_key):
        claims = sorted(by_source[source], key=lambda c: (integer(c["line"]), natural_key(c["claim_id"])))
        summary = esc.html_text(f"{source}: {_plural(len(claims), 'claim')}")
        lines += [f"<details><summary>{summary}</summary>", ""]
        lines += [f"- {_ref(source, integer(c['line']))} \u2014 {esc.inline(esc.truncate(c['text'], LIST_TEXT_LIMIT))}"
                  for c in claims]
        lines += ["", "</details>", ""]
    return lines


def _left_out(ordered: Sequence[dict]) -> list[str]:
    left = left_out_claims(ordered)
    lines = ["## Left out", ""]
    if not left:
        return [*lines, "Nothing was left out: every segment was compared.", ""]
    by_class: dict[str, list[dict]] = {}
    for c in left:
        by_class.setdefault(text(c["class"]) or "unclassified", []).append(c)
    ordered = sorted(by_class, key=lambda k: (-len(by_class[k]), k))
    counts = ", ".join(f"{k} {len(by_class[k])}" for k in ordered)
    lines += ["Segments not compared across sources: headlines, headings, captions, bylines, "
              "boilerplate, off-topic text, opinion and hedged statements.", "",
              f"<details><summary>{esc.html_text(f'{len(left)} segments left out ({counts})')}</summary>", ""]
    for cls in ordered:
        lines += [f"**{esc.inline(cls)}** ({len(by_class[cls])})", ""]
        for c in by_class[cls]:
            reason = text(c.get("reason"))
            item = f"- {_ref(text(c['source']), integer(c['line']))} \u2014 {esc.inline(esc.truncate(c['text'], LIST_TEXT_LIMIT))}"
            lines.append(f"{item} \u2014 reason: {esc.inline(reason)}" if reason else item)
        lines.append("")
    return [*lines, "</details>", ""]


def render_markdown(result: CheckResult) -> str:
    t = result.tables
    sources = source_summaries(t)
    groups = group_summaries(t)
    findings = ordered_findings(result.findings)
    open_findings = [f for f in findings if not annotation(f).decided]
    decided = [f for f in findings if annotation(f).decided]
    ordered = ordered_claims(t.claims)
    claims_by_id = {text(c["claim_id"]): c for c in ordered}
    skipped = int((t.problems["severity"].map(text) == "error").sum()) if not t.problems.empty else 0

    out = [_title(sources), ""]
    out += _glance(result, sources, open_findings, len(decided), groups, skipped)
    out += _sources(sources)
    out += problems_section(result, "error", "Skipped inputs",
                     "These inputs were not checked; nothing in this report comes from them.")
    out += _counts(open_findings)
    out += _findings(open_findings)
    out += _decided(decided)
    out += stale_section(result)
    out += _verified(result)
    out += _agreements(result, groups, open_findings, claims_by_id)
    out += _matrix(sources, groups, open_findings)
    out += _single_source(groups, claims_by_id)
    out += _left_out(ordered)
    out += problems_section(result, "note", "Notes on inputs", "Inputs that were checked, with something worth knowing.")
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
