"""Word lists and rule tables shipped as data files in `checker/data/`.

Rules that editors and engineers may want to read or extend (titles, honorifics,
abbreviations, boilerplate patterns, metonym cues, units...) live there as plain text or
CSV, never as branches in code. Loading is cached: the files are immutable package data.

- `*.txt`: one entry per line; `#` starts a comment; blank lines ignored.
- `*.csv`: a header row, then rows; `#` at the start of a line is a comment.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources


def _read(name: str) -> str:
    return resources.files("checker.data").joinpath(name).read_text(encoding="utf-8")


@cache
def words(name: str) -> frozenset[str]:
    """The entries of `data/<name>.txt`, as written (callers fold case if they need to)."""
    return frozenset(entries(name))


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of `data/<name>.txt` in file order."""
    out = []
    for line in _read(f"{name}.txt").splitlines():
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if line:
            out.append(line)
    return tuple(out)


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of `data/<name>.csv` as dicts keyed by the header."""
    text = "\n".join(line for line in _read(f"{name}.csv").splitlines() if not line.startswith("#"))
    return tuple(
        {k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))
    )


@cache
def pairs(name: str, key: str, value: str) -> dict[str, str]:
    """Two columns of `data/<name>.csv` as a mapping: `key` -> `value`."""
    return {row[key]: row[value] for row in table(name)}


@cache
def calendar_words() -> frozenset[str]:
    """Month and weekday names and their abbreviations (`data/date_names.csv`), case-folded."""
    return frozenset(row["name"].casefold() for row in table("date_names"))


@cache
def org_head_nouns() -> tuple[str, ...]:
    """The words that end an organisation's name, as written: head nouns
    (`data/org_keywords.txt`) and companies' legal forms (`data/org_legal_forms.txt`)."""
    return (*entries("org_keywords"), *entries("org_legal_forms"))
