"""`--format github`: GitHub Actions workflow commands, printed on stdout, so findings show
inline on the article in a pull request.

One line per evidence location (article and line) of each open finding:

    ::warning file=seeds/x.txt,line=12,title=CK101 name_variant::One person, spelled ...

high -> error, medium and low -> warning, info -> notice. Agreements are not annotated
(nothing to fix), decided findings neither; with a baseline only new findings are (GitHub
shows a few annotations per step, and the old ones are not what a change brings). Data and
properties are escaped as GitHub's toolkit does (`%`, CR, LF; and `:` `,` in properties), so
article text cannot end an annotation or start another command.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from checker.config import Severity
from checker.findings.model import Finding
from checker.report.escape import one_line
from checker.report.view import AGREEMENT_KIND, annotation, ordered_findings, source_paths

COMMANDS = {Severity.HIGH: "error", Severity.MEDIUM: "warning", Severity.LOW: "warning",
            Severity.INFO: "notice"}
#: Messages are cut to this many characters (GitHub truncates long annotations anyway).
MESSAGE_LIMIT = 600


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotated(result: Any) -> list[Finding]:
    """The findings that get annotations, in the report's order."""
    findings = [f for f in ordered_findings(result.findings)
                if f.kind != AGREEMENT_KIND and not annotation(f).decided]
    if any(annotation(f).new is not None for f in result.findings):
        findings = [f for f in findings if annotation(f).new]
    return findings


def message(f: Finding) -> str:
    text = one_line(f.summary)
    if f.suggestion:
        text += f". {one_line(f.suggestion)}"
    if len(text) > MESSAGE_LIMIT:
        text = text[:MESSAGE_LIMIT - 1] + "\u2026"
    return f"{text} (fingerprint {f.fingerprint})"


def render_github(result: Any) -> str:
    paths = source_paths(result)
    lines: list[str] = []
    for f in annotated(result):
        title = f"{f.code} {f.kind}" + (" (new)" if annotation(f).new else "")
        seen: set[tuple[str, int]] = set()
        for e in f.evidence:
            where = (e.source, e.line)
            if where in seen:
                continue
            seen.add(where)
            path = PurePath(paths.get(e.source) or e.source).as_posix()
            props = f"file={escape_property(path)},line={e.line},title={escape_property(title)}"
            lines.append(f"::{COMMANDS[f.severity]} {props}::{escape_data(message(f))}")
    return "".join(line + "\n" for line in lines)
