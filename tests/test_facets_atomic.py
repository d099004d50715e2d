"""Atomic facts: person-role appositions split out of compared sentences.

(Named test_facets_atomic.py: tests/test_atomic.py tests the atomic file writer.)"""

from __future__ import annotations

import pandas as pd
import pytest
from facet_helpers import seed_text

from checker.facets import FACET_COLUMNS, extract_facets
from checker.facets.atomic import atomic_facts
from checker.ingest import ARTICLE_COLUMNS
from checker.segment import CLAIM_COLUMNS


def _articles(texts: dict[str, str]) -> pd.DataFrame:
    rows = []
    for source, text in sorted(texts.items()):
        row = dict.fromkeys(ARTICLE_COLUMNS, "")
        row.update(source=source, text=text, body_start=0, published="", title="")
        rows.append(row)
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def _claims(source: str, text: str, classes: dict[int, str] | None = None) -> pd.DataFrame:
    """One segment per line, class "claim" unless told otherwise."""
    rows = []
    pos = 0
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            cls = (classes or {}).get(n, "claim")
            rows.append({
                "claim_id": f"{source}:{n}", "source": source, "n": n, "unit": "segment",
                "parent": "", "line": n, "start": pos, "end": pos + len(line), "class": cls,
                "reason": "", "text": line, "speaker": "", "compared": cls in ("claim", "quote"),
            })
        pos += len(line) + 1
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)


def _facts(texts: dict[str, str], classes: dict[int, str] | None = None):
    claims = pd.concat([_claims(s, t, classes) for s, t in sorted(texts.items())], ignore_index=True)
    result = extract_facets(claims, _articles(texts))
    facts = result.claims[result.claims["unit"] == "fact"]
    return facts, result.facets, result.claims


SIGNING = ("The accord was signed by Maria Santos, Minister of Energy of Portugal, and Kenji "
           "Watanabe, head of the Japan Hydrogen Agency, in the presence of Prime Minister Luís Costa.")


def test_each_apposition_gives_a_fact_with_the_sentence_provenance():
    facts, facets, _ = _facts({"s": SIGNING})
    assert list(facts["claim_id"]) == ["s:1.1", "s:1.2"]
    assert list(facts["text"]) == ["Maria Santos is Minister of Energy of Portugal",
                                   "Kenji Watanabe is head of the Japan Hydrogen Agency"]
    assert set(facts["parent"]) == {"s:1"} and set(facts["line"]) == {1}
    assert facts["compared"].all() and set(facts["class"]) == {"claim"}
    first = facts.iloc[0]
    assert SIGNING[first["start"]:first["end"]] == "Maria Santos, Minister of Energy of Portugal"
    second = facets[facets["claim_id"] == "s:1.2"]
    assert sorted(second["facet"]) == ["org", "person"]
    assert set(second["value"]) == {"Kenji Watanabe", "Japan Hydrogen Agency"}
    assert list(facets.columns) == FACET_COLUMNS


def test_an_office_told_by_a_verb_gives_its_fact_with_the_verb():
    facts, _, _ = _facts({"s": "Lena Ortiz, who chairs the housing committee, said the vote would wait."})
    assert list(facts["text"]) == ["Lena Ortiz chairs the housing committee"]


def test_no_fact_without_a_role_or_from_a_segment_not_compared():
    facts, _, _ = _facts({"s": "Prime Minister Luís Costa arrived.\n" + SIGNING}, classes={2: "caption"})
    assert facts.empty


def test_facts_are_deterministic_and_follow_their_sentence():
    first, _, claims = _facts({"b": SIGNING, "a": "Intro.\n" + SIGNING})
    again, _, _ = _facts({"a": "Intro.\n" + SIGNING, "b": SIGNING})
    pd.testing.assert_frame_equal(first.reset_index(drop=True), again.reset_index(drop=True))
    ids = list(claims["claim_id"])
    assert ids.index("a:2.1") == ids.index("a:2") + 1


def test_empty_inputs_give_empty_frames():
    claims = pd.DataFrame(columns=CLAIM_COLUMNS)
    facets = pd.DataFrame(columns=FACET_COLUMNS)
    fact_claims, fact_facets = atomic_facts(claims, facets)
    assert fact_claims.empty and fact_facets.empty


@pytest.mark.parametrize(("prefix", "line", "expected"), [
    ("000", 10, ["Erez Askal is Head of the National Artificial Intelligence Headquarters",
                 "Rashad Nabiyev is Minister of Digital and Transport of Azerbaijan"]),
    ("001", 5, ["Erez Eskel is head of Israel's National Artificial Intelligence Directorate",
                "Rashad Nabiyev is Azerbaijan's Minister of Digital Development and Transport"]),
])
def test_seed_signing_sentences_give_the_two_role_facts(prefix, line, expected):
    text = seed_text(prefix)
    facts, facets, _ = _facts({prefix: text})
    mine = facts[facts["parent"] == f"{prefix}:{line}"]
    assert list(mine["text"]) == expected
    first_fact = facets[facets["claim_id"] == mine["claim_id"].iloc[0]]
    assert set(first_fact["facet"]) >= {"person", "org"}  # the org named in the role is copied
    assert "person" in set(facets.loc[facets["claim_id"] == mine["claim_id"].iloc[1], "facet"])
