"""Editor decisions: `claims/decisions.csv`, one row per decided finding, keyed by the
finding's fingerprint (stable across runs and when unrelated articles are added).

DECISION_COLUMNS (a header row, then one row per decision; edited by hand or by
`checker decide`; UTF-8; rows are kept sorted by fingerprint when checker writes the file)
    fingerprint   16 hex digits: the finding's fingerprint (from the report)
    status        accepted (the finding is right but acceptable: house style, a deliberate
                  choice) | dismissed (a false alarm) | confirmed (a real error, being fixed)
    canonical     optional: for a name, organisation or title variant, the right form; every
                  other form is then reported against it (reference_conflict)
    note          why (free text)
    decided_by    who decided (free text)
    decided_on    ISO date (YYYY-MM-DD); may be empty
    kind          the finding's kind, for whoever reads the file (filled by `checker decide`)
    summary       the finding's summary, for whoever reads the file
    subject       for a canonical title: the person whose title it is (filled by `checker
                  decide` from the report); otherwise what the finding is about

A decided finding stays in the report, in its own section, and does not count towards
`--fail-on`. A decision whose finding no longer occurs is stale, unless its canonical form
still names something in the articles (then it still does its job).

Parsing is pure (`parse_decisions(text, name)`); `read_decisions(path)` reads a file (a
missing file means no decisions). A malformed file raises `WorkflowInputError` naming the
file and line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DECISION_COLUMNS = [
    "fingerprint", "status", "canonical", "note", "decided_by", "decided_on", "kind", "summary",
    "subject",
]
REQUIRED_COLUMNS = ("fingerprint", "status")
STATUSES = ("accepted", "dismissed", "confirmed")
#: Kinds whose decision may carry a canonical form, and the reference attribute it becomes.
CANONICAL_KINDS: Mapping[str, str] = {
    "name_variant": "spelling",
    "org_variant": "spelling",
    "title_variant": "title",
}
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")


class WorkflowInputError(ValueError):
    """A decisions, reference or baseline file that cannot be used: one line naming the
    file (and the line, when there is one)."""

    def __init__(self, path: str | Path, message: str, line: int | None = None) -> None:
        self.path = Path(path).as_posix()
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Decision:
    """One row of decisions.csv. `by` and `at` are the names the report renderers read."""

    fingerprint: str
    status: str
    note: str = ""
    by: str = ""
    at: str = ""
    canonical: str = ""
    kind: str = ""
    summary: str = ""
    subject: str = ""
    line: int = 0  # the row's line in the file (0 when not read from a file)

    def row(self) -> list[str]:
        return [self.fingerprint, self.status, self.canonical, self.note, self.by, self.at,
                self.kind, self.summary, self.subject]


def parse_status(value: str) -> str:
    status = value.strip().lower()
    if status not in STATUSES:
        raise ValueError(f"unknown status {value.strip()!r} (use {', '.join(STATUSES[:-1])} or {STATUSES[-1]})")
    return status


def parse_date(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"decided_on {value!r} is not an ISO date (YYYY-MM-DD)") from None


def parse_fingerprint(value: str) -> str:
    fingerprint = value.strip().lower()
    if not _FINGERPRINT.fullmatch(fingerprint):
        raise ValueError(f"fingerprint {value.strip()!r} is not 16 hex digits (copy it from the report)")
    return fingerprint


def csv_rows(text: str, name: str, required: Iterable[str]) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """(header, [(line, row)]) of a hand-edited CSV file: blank lines and lines starting with
    '#' are skipped; a row may leave out trailing empty fields, never add fields."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True)
    header: list[str] = []
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for fields in reader:
            line = reader.line_num
            if not fields or all(not f.strip() for f in fields) or fields[0].lstrip().startswith("#"):
                continue
            if not header:
                header = [f.strip().lower() for f in fields]
                missing = [c for c in required if c not in header]
                if missing:
                    raise WorkflowInputError(name, f"the header lacks {', '.join(missing)} "
                                             f"(found: {', '.join(header)})", line)
                continue
            if len(fields) > len(header):
                raise WorkflowInputError(name, f"{len(fields)} fields where the header has {len(header)}", line)
            fields += [""] * (len(header) - len(fields))  # trailing empty fields may be left out
            rows.append((line, {h: v.strip() for h, v in zip(header, fields, strict=True)}))
    except csv.Error as exc:
        raise WorkflowInputError(name, f"not valid CSV: {exc}", reader.line_num or None) from None
    return header, rows


def parse_decisions(text: str, name: str = "decisions.csv") -> dict[str, Decision]:
    """fingerprint -> Decision. Raises WorkflowInputError for a malformed file."""
    _, rows = csv_rows(text, name, REQUIRED_COLUMNS)
    out: dict[str, Decision] = {}
    for line, row in rows:
        try:
            fingerprint = parse_fingerprint(row["fingerprint"])
            status = parse_status(row["status"])
            decided_on = parse_date(row.get("decided_on", ""))
        except ValueError as exc:
            raise WorkflowInputError(name, str(exc), line) from None
        if fingerprint in out:
            raise WorkflowInputError(name, f"fingerprint {fingerprint} is decided twice "
                                     f"(also on line {out[fingerprint].line})", line)
        kind = row.get("kind", "")
        canonical = row.get("canonical", "")
        if canonical and kind and kind not in CANONICAL_KINDS:
            raise WorkflowInputError(name, f"a canonical form applies to {', '.join(CANONICAL_KINDS)}, "
                                     f"not to {kind}", line)
        out[fingerprint] = Decision(
            fingerprint=fingerprint, status=status, note=row.get("note", ""),
            by=row.get("decided_by", ""), at=decided_on, canonical=canonical, kind=kind,
            summary=row.get("summary", ""), subject=row.get("subject", ""), line=line,
        )
    return out


def read_decisions(path: Path) -> dict[str, Decision]:
    """The decisions in `path`; none when the file does not exist."""
    if not path.exists():
        return {}
    return parse_decisions(read_text(path), path.as_posix())


def read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WorkflowInputError(path, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise WorkflowInputError(path, f"cannot read: {exc.strerror or exc}") from None


def render_decisions(decisions: Iterable[Decision]) -> str:
    """decisions.csv text: the header, then one row per decision sorted by fingerprint."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(DECISION_COLUMNS)
    for decision in sorted(decisions, key=lambda d: d.fingerprint):
        writer.writerow(decision.row())
    return buffer.getvalue()


def with_decision(decisions: Mapping[str, Decision], decision: Decision) -> dict[str, Decision]:
    """The decisions with `decision` added, or replacing the one for its fingerprint (the
    new row keeps the old row's kind, summary and subject when it has none of its own)."""
    out = dict(decisions)
    old = out.get(decision.fingerprint)
    if old is not None:
        decision = replace(decision, kind=decision.kind or old.kind, summary=decision.summary or old.summary,
                           subject=decision.subject or old.subject)
    out[decision.fingerprint] = replace(decision, line=0)
    return out
