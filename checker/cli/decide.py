"""`checker decide`: record an editor's decision on a finding in decisions.csv."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any, NoReturn

import click

from checker.cli import options


def _finding_in_report(report: Path, fingerprint: str) -> tuple[dict[str, Any] | None, str]:
    """(the report's finding with this fingerprint or None, a note on why not)."""
    if not report.is_file():
        return None, f"{report.as_posix()} not found"
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
        findings = data.get("findings", []) if isinstance(data, dict) else []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None, f"{report.as_posix()} is not a readable report"
    for finding in findings:
        if isinstance(finding, dict) and finding.get("fingerprint") == fingerprint:
            return finding, ""
    return None, f"{report.as_posix()} has no finding {fingerprint}"


@click.command("decide", epilog=options.epilog(
    "checker decide 601bbb1d55cf4453 --status confirmed --canonical \"Olena Kovalenko\" "
    "--note \"spelling on the ministry's staff page\" --by \"desk editor\"",
    "checker decide 0c543c9156fa96e2 --status accepted --note \"house style of one outlet\"",
    "checker decide 45e19d02f549f040 --status dismissed --note \"same rank, abbreviated\"",
))
@click.argument("fingerprint")
@click.option("--status", required=True, metavar="STATUS",
              help="accepted (right but acceptable: house style, a deliberate choice), dismissed "
                   "(a false alarm) or confirmed (a real error, being fixed).")
@click.option("--note", default="", help="Why (shown beside the finding in the report).")
@click.option("--canonical", default="", metavar="VALUE",
              help="For a name, organisation or title variant: the right form; every other form is "
                   "then reported against it (reference_conflict).")
@click.option("--by", "by", default=lambda: os.environ.get("USER", ""), show_default="$USER",
              help="Who decided (free text).")
@click.option("--on", "on", default=None, metavar="YYYY-MM-DD", help="When (default: today).")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("reports/consistency.json"), show_default=True,
              help="The latest report; the finding's kind and summary are copied from it.")
@options.claims_dir
@click.option("--decisions", type=click.Path(dir_okay=False, path_type=Path), default=None,
              metavar="PATH", help="The decisions file (default: CLAIMS_DIR/decisions.csv).")
@click.pass_context
def decide_command(ctx: click.Context, fingerprint: str, status: str, note: str, canonical: str,
                   by: str, on: str | None, report: Path, claims_dir: Path, decisions: Path | None) -> None:
    """Record a decision on the finding FINGERPRINT (from the report) in CLAIMS_DIR/decisions.csv.

    The next `checker check` shows the finding under "Decided findings" with the decision,
    and it no longer counts towards --fail-on. Deciding a fingerprint again replaces its
    decision. The file is written atomically and stays sorted by fingerprint; it can also be
    edited by hand.
    """
    from checker.atomic import write_all_atomic
    from checker.workflow.decisions import (
        CANONICAL_KINDS,
        Decision,
        WorkflowInputError,
        parse_date,
        parse_fingerprint,
        parse_status,
        read_decisions,
        render_decisions,
        with_decision,
    )

    def fail(message: str) -> NoReturn:
        click.echo(f"checker: {message}", err=True)
        ctx.exit(2)

    path = decisions or claims_dir / "decisions.csv"
    try:
        fingerprint = parse_fingerprint(fingerprint)
        status = parse_status(status)
        decided_on = parse_date(on) if on is not None else dt.date.today().isoformat()
    except ValueError as exc:
        fail(str(exc).replace("decided_on", "--on"))
    try:
        existing = read_decisions(path)
    except WorkflowInputError as exc:
        fail(str(exc))

    finding, why_not = _finding_in_report(report, fingerprint)
    kind = str(finding.get("kind", "")) if finding else ""
    summary = str(finding.get("summary", "")) if finding else ""
    fields = finding.get("fields") if finding and isinstance(finding.get("fields"), dict) else {}
    subject = str(fields.get("person") or finding.get("subject", "")) if finding else ""
    if canonical:
        known = kind or existing.get(fingerprint, Decision(fingerprint, status)).kind
        if not known:
            fail(f"--canonical needs to know the finding: {why_not}")
        if known not in CANONICAL_KINDS:
            fail(f"--canonical applies to {', '.join(CANONICAL_KINDS)}, not to {known}")
        if known == "title_variant" and not (subject or existing.get(fingerprint, Decision("", "")).subject):
            fail("--canonical on a title needs the report's person for the finding; re-run checker check")
    if finding is None:
        click.echo(f"checker: note: {why_not}; the decision is recorded without its kind and summary",
                   err=True)

    decision = Decision(fingerprint=fingerprint, status=status, note=note, by=by, at=decided_on,
                        canonical=canonical, kind=kind, summary=summary, subject=subject)
    updated = with_decision(existing, decision)
    try:
        write_all_atomic({path: render_decisions(updated.values())}, allowed=[path.parent])
    except OSError as exc:
        fail(f"{path.as_posix()}: cannot write: {exc.strerror or exc}")
    replaced = "replaced" if fingerprint in existing else "recorded"
    what = f" ({kind})" if kind else ""
    click.echo(f"{replaced} {status} for {fingerprint}{what} in {path.as_posix()}")
