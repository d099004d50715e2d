"""Shared pieces of the editor-workflow tests: our own rail-contract story (tests/articles/
workflow/), copied into a temporary newsroom folder, and the CLI run in-process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from checker.cli import cli

STORY = Path(__file__).resolve().parent / "articles" / "workflow"
#: Two outlets that agree on the contract and spell the minister two ways.
PAIR = ("a_coast_ledger.txt", "b_river_courier.txt")
UNRELATED = "c_library_news.txt"  # another story: a library reopens
#: A third outlet with a wrong date and the chief executive spelled another way.
NEW_DISCREPANCY = "d_north_wire.txt"


def newsroom(tmp_path: Path, *names: str) -> Path:
    """A folder with articles/ holding the named story files; reports/ and claims/ beside it."""
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(STORY / name, articles / name)
    return tmp_path


def add_article(room: Path, name: str) -> None:
    shutil.copy(STORY / name, room / "articles" / name)


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def check(room: Path, *extra: str | Path) -> Result:
    return run("check", room / "articles", "--out", room / "reports", "--claims-dir", room / "claims", *extra)


def report(room: Path) -> dict[str, Any]:
    return json.loads((room / "reports" / "consistency.json").read_text(encoding="utf-8"))


def finding_of(data: dict[str, Any], kind: str, value: str = "") -> dict[str, Any]:
    found = [f for f in data["findings"] if f["kind"] == kind and (not value or value in f["values"])]
    assert len(found) == 1, [(f["kind"], f["values"]) for f in data["findings"]]
    return found[0]
