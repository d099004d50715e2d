"""Every registered finding kind is documented: no empty KindDoc field, an example, a
permanent code listed in DEVELOPERS.md's code table, and `checker explain` prints it all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_escape import MD

from checker.checks import REGISTRY
from checker.cli import cli
from checker.findings.model import KindDoc
from checker.report.docs import (
    DOC_LABELS,
    kind_doc_markdown,
    kind_doc_text,
    kinds_markdown,
    missing_doc_fields,
)

DEVELOPERS = Path(__file__).resolve().parent.parent / "DEVELOPERS.md"
IDS = [c.kind for c in REGISTRY]


def code_table() -> dict[str, str]:
    return dict(re.findall(r"^\| (CK\d{3}) \| (\w+) \|", DEVELOPERS.read_text(encoding="utf-8"), flags=re.M))


def test_registry_is_not_empty_and_codes_and_kinds_are_unique() -> None:
    assert REGISTRY
    codes = [c.code for c in REGISTRY]
    kinds = [c.kind for c in REGISTRY]
    assert len(set(codes)) == len(codes) and len(set(kinds)) == len(kinds)


@pytest.mark.parametrize("check", REGISTRY, ids=IDS)
def test_every_doc_field_is_filled(check) -> None:
    assert missing_doc_fields(check.doc) == [], f"{check.kind}: empty doc fields"


@pytest.mark.parametrize("check", REGISTRY, ids=IDS)
def test_every_kind_has_a_real_example(check) -> None:
    example = check.doc.example.strip()
    assert len(example) >= 20, f"{check.kind}: the example is too short to show anything"
    assert example != check.doc.what.strip()


@pytest.mark.parametrize("check", REGISTRY, ids=IDS)
def test_every_kind_keeps_its_code_from_the_code_table(check) -> None:
    assert code_table().get(check.code) == check.kind, f"{check.code} {check.kind} is not in DEVELOPERS.md"


@pytest.mark.parametrize("check", REGISTRY, ids=IDS)
def test_explain_prints_every_field(check) -> None:
    result = CliRunner().invoke(cli, ["explain", check.kind], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for name, label in DOC_LABELS:
        assert f"{label}: {getattr(check.doc, name)}" in result.output
    assert result.output.strip() == kind_doc_text(check)


def test_missing_doc_fields_catches_blank_fields() -> None:
    doc = KindDoc(what="x", why=" ", example="", action="a", false_positives="f", options="o")
    assert missing_doc_fields(doc) == ["why", "example"]


def test_readme_list_of_kinds_renders_one_row_and_one_section_per_kind() -> None:
    text = kinds_markdown(REGISTRY)
    html = MD.render(text)
    assert html.count("<tr>") == len(REGISTRY) + 1
    for check in REGISTRY:
        assert f"(#{check.kind}-{check.code.lower()})" in text
        assert kind_doc_markdown(check) in text
    assert "<script" not in html
