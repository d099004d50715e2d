"""The renderers' shared order of findings: fixed, and never stale when the findings change."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from checker.config import Severity
from checker.findings.model import Evidence, Finding
from checker.report.view import natural_key, ordered_findings


def _finding(severity: Severity, value: str, *claim_ids: str) -> Finding:
    evidence = tuple(Evidence(source=c.split(":")[0], line=1, quote=value, claim_id=c, value=value)
                     for c in claim_ids)
    return Finding(code="CK999", kind="test_kind", severity=severity, values=(value,),
                   evidence=evidence, subject=value)


def test_findings_go_by_severity_and_their_evidence_by_source_line_and_natural_claim_id():
    low = _finding(Severity.LOW, "lagoon", "b:10", "b:2", "a:1")
    high = _finding(Severity.HIGH, "harbour", "c:1")
    ordered = ordered_findings([low, high])
    assert [f.values[0] for f in ordered] == ["harbour", "lagoon"]
    assert [e.claim_id for e in ordered[1].evidence] == ["a:1", "b:2", "b:10"]


def test_the_same_list_gives_the_same_order_until_it_is_changed_in_place():
    findings = [_finding(Severity.LOW, "lagoon", "a:1")]
    first = ordered_findings(findings)
    assert ordered_findings(findings) is first  # asked again by every renderer: kept
    findings.append(_finding(Severity.HIGH, "harbour", "c:1"))
    assert [f.values[0] for f in ordered_findings(findings)] == ["harbour", "lagoon"]
    findings[0] = _finding(Severity.MEDIUM, "estuary", "a:1")
    assert [f.values[0] for f in ordered_findings(findings)] == ["harbour", "estuary"]


def test_a_generator_is_ordered_too():
    findings = [_finding(Severity.LOW, "lagoon", "a:1"), _finding(Severity.HIGH, "harbour", "c:1")]
    assert [f.values[0] for f in ordered_findings(f for f in findings)] == ["harbour", "lagoon"]


def _pairs_key(identifier: str) -> tuple[tuple[int, int | str], ...]:
    """The key as a tuple of (0, number) / (1, text) pairs: what the flat key must sort as."""
    parts = re.split(r"(\d+)", identifier)
    return tuple((0, int(p)) if i % 2 else (1, p) for i, p in enumerate(parts) if p)


@given(st.lists(st.text(alphabet=st.sampled_from(list("ab:._-0123456789\u00b2\u0663")), max_size=8),
                max_size=12))
def test_natural_order_is_the_order_of_number_and_text_runs(ids):
    assert sorted(ids, key=natural_key) == sorted(ids, key=_pairs_key)
    assert [natural_key(i) == natural_key(j) for i in ids for j in ids] == \
        [_pairs_key(i) == _pairs_key(j) for i in ids for j in ids]


def test_a_superscript_digit_is_text_not_a_number():
    assert natural_key("x1\u00b2") == (1, "x", 0, 1, 1, "\u00b2")
    assert sorted(["a10", "a2", "a\u00b2"], key=natural_key) == ["a2", "a10", "a\u00b2"]
