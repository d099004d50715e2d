"""Shared helpers for the end-to-end tests on the seeds and on our own articles.

An expectation file (tests/articles/<story>/expected.toml) says, as data, what the checker
must find in a story, what it must not find, and which lines are junk. The helpers here load
it and check a run against it. Every check returns a list of error messages (empty when all
is well) that says what was expected and what the run produced instead, so a failing test
reads like a to-do item for whoever owns the stage.

Findings are matched robustly to wording: by kind, and by the expected values appearing
(case-, accent- and apostrophe-insensitive) somewhere in the finding's summary, values and
evidence; never by exact summary text.

Sources are named by key: a key matches a source id equal to it or starting with
"<key>_" (so the seed "000_6440bf3ef229b5c3" is "000").
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"

#: Only these classes are compared across sources; a junk line must get none of them.
COMPARED_CLASSES = frozenset({"claim", "quote"})

#: The code table in DEVELOPERS.md.
KIND_CODES: Mapping[str, str] = {
    "agreement": "CK001",
    "name_variant": "CK101",
    "title_variant": "CK102",
    "org_variant": "CK103",
    "number_conflict": "CK201",
    "date_conflict": "CK202",
    "place_conflict": "CK203",
    "framing": "CK204",
    "figure_discrepancy": "CK206",
    "date_discrepancy": "CK207",
    "seat_conflict": "CK208",
    "place_discrepancy": "CK209",
    "quote_variant": "CK205",
    "single_source_figure": "CK301",
    "weekday_mismatch": "CK302",
    "reference_conflict": "CK401",
}
VARIANT_KINDS = frozenset({"name_variant", "title_variant", "org_variant"})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'",
                              "\u201c": '"', "\u201d": '"'})
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def fold(text: object) -> str:
    """Lower-cased, accents and apostrophe styles removed, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_APOSTROPHES))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def fold_case_only(text: object) -> str:
    """Lower-cased and whitespace collapsed, apostrophe styles kept (to tell O'Brien from O’Brien)."""
    return " ".join(str(text).casefold().split())


# ---------------------------------------------------------------------------------------------
# Findings, whether they come from the library (Finding objects) or from consistency.json.


@dataclass(frozen=True)
class EvidenceView:
    source: str
    line: int
    quote: str
    value: str = ""


@dataclass(frozen=True)
class FindingView:
    kind: str
    code: str
    summary: str
    values: tuple[str, ...]
    evidence: tuple[EvidenceView, ...]
    fingerprint: str

    @property
    def value_text(self) -> str:
        """Summary and values only: what the finding claims differs."""
        return fold(" ".join([self.summary, *self.values]))

    @property
    def full_text(self) -> str:
        """Summary, values and every evidence quote and value (the acceptance predicate)."""
        parts = [self.summary, *self.values]
        for e in self.evidence:
            parts.extend([e.quote, e.value])
        return fold(" ".join(parts))

    @property
    def sources(self) -> frozenset[str]:
        return frozenset(e.source for e in self.evidence)

    @property
    def lines(self) -> frozenset[tuple[str, int]]:
        return frozenset((e.source, e.line) for e in self.evidence)

    def describe(self) -> str:
        where = ", ".join(f"{e.source}:{e.line}" for e in self.evidence)
        return f"{self.kind} {list(self.values)} @ {where or 'no evidence'}"


def view_findings(findings: Iterable[Any]) -> list[FindingView]:
    """From checker.findings.model.Finding objects."""
    return [
        FindingView(
            kind=f.kind, code=f.code, summary=f.summary, values=tuple(str(v) for v in f.values),
            evidence=tuple(EvidenceView(e.source, int(e.line), e.quote, e.value) for e in f.evidence),
            fingerprint=f.fingerprint,
        )
        for f in findings
    ]


def view_json_findings(findings: Iterable[Mapping[str, Any]]) -> list[FindingView]:
    """From the "findings" list of consistency.json."""
    return [
        FindingView(
            kind=f.get("kind", ""), code=f.get("code", ""), summary=f.get("summary", ""),
            values=tuple(str(v) for v in f.get("values", [])),
            evidence=tuple(EvidenceView(e.get("source", ""), int(e.get("line", 0)), e.get("quote", ""),
                                        e.get("value", "") or "")
                           for e in f.get("evidence", [])),
            fingerprint=f.get("fingerprint", ""),
        )
        for f in findings
    ]


def describe_findings(findings: Sequence[FindingView], kinds: Iterable[str] = (), limit: int = 40) -> str:
    """The findings of `kinds` (or, when there are none, all findings), one per line."""
    wanted = set(kinds)
    shown = [f for f in findings if f.kind in wanted] or list(findings)
    if not shown:
        return "no findings at all"
    head = "" if not wanted or shown[0].kind in wanted else f"no {'/'.join(sorted(wanted))} findings; all findings: "
    lines = [f.describe() for f in shown[:limit]]
    if len(shown) > limit:
        lines.append(f"... and {len(shown) - limit} more")
    return head + "\n    " + "\n    ".join(lines)


# ---------------------------------------------------------------------------------------------
# Expectations.

#: One expected value: any of the alternatives must appear.
Alternatives = tuple[str, ...]
#: A claim position: (source key, line).
Position = tuple[str, int]


def _alternatives(items: Iterable[Any]) -> tuple[Alternatives, ...]:
    out = []
    for item in items:
        out.append(tuple(str(x) for x in item) if isinstance(item, list) else (str(item),))
    return tuple(out)


def _positions(items: Iterable[Any]) -> tuple[Position, ...]:
    return tuple((str(source), int(line)) for source, line in items)


def _kinds(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list) else (str(value),)


def _has_all(text: str, values: Sequence[Alternatives]) -> bool:
    return all(any(fold(alt) in text for alt in alts) for alts in values)


def _show(values: Sequence[Alternatives]) -> str:
    return "/".join("|".join(alts) for alts in values)


@dataclass(frozen=True)
class ExpectedFinding:
    """A planted discrepancy. Found when a finding of one of `kinds` has every value (any of
    its alternatives) in its summary/values/evidence, cites `planted_in` (when given) and at
    least one of `against` (when given), cites every `lines` position, and has, for each
    (source, text) in `evidence_values`, an evidence entry from that source quoting text."""

    kinds: tuple[str, ...]
    values: tuple[Alternatives, ...]
    planted_in: str = ""
    against: tuple[str, ...] = ()
    lines: tuple[Position, ...] = ()
    evidence_values: tuple[tuple[str, str], ...] = ()
    note: str = ""
    #: why the checker cannot find it yet: the test is a strict xfail until it does
    known_gap: str = ""

    @classmethod
    def from_toml(cls, d: Mapping[str, Any]) -> ExpectedFinding:
        return cls(
            kinds=_kinds(d["kind"]), values=_alternatives(d.get("values", [])),
            planted_in=str(d.get("planted_in", "")), against=tuple(d.get("against", [])),
            lines=_positions(d.get("lines", [])),
            evidence_values=tuple((str(s), str(t)) for s, t in d.get("evidence_values", [])),
            note=str(d.get("note", "")), known_gap=str(d.get("known_gap", "")),
        )

    @property
    def label(self) -> str:
        return f"{'/'.join(self.kinds)} with values {_show(self.values)}"


@dataclass(frozen=True)
class MustNot:
    """A false alarm. Violated by a finding of one of `kinds` whose summary+values contain every
    value in `values` (evidence quotes are not searched: a sentence may name two people
    legitimately) and none of `unless_values`, and whose evidence covers every `evidence`
    position and every source in `evidence_sources`. With none of these, any finding of
    those kinds violates it."""

    kinds: tuple[str, ...]
    values: tuple[Alternatives, ...] = ()
    unless_values: tuple[Alternatives, ...] = ()
    evidence: tuple[Position, ...] = ()
    evidence_sources: tuple[str, ...] = ()
    why: str = ""
    #: why the checker still raises it: the test is a strict xfail until it no longer does
    known_gap: str = ""

    @classmethod
    def from_toml(cls, d: Mapping[str, Any]) -> MustNot:
        return cls(
            kinds=_kinds(d["kind"]), values=_alternatives(d.get("values", [])),
            unless_values=_alternatives(d.get("unless_values", [])),
            evidence=_positions(d.get("evidence", [])),
            evidence_sources=tuple(str(x) for x in d.get("evidence_sources", [])),
            why=str(d.get("why", "")), known_gap=str(d.get("known_gap", "")),
        )

    @property
    def label(self) -> str:
        parts = ["/".join(self.kinds)]
        if self.values:
            parts.append(f"with values {_show(self.values)}")
        if self.evidence:
            parts.append("citing " + ", ".join(f"{s}:{n}" for s, n in self.evidence))
        if self.evidence_sources:
            parts.append("citing sources " + " and ".join(self.evidence_sources))
        return " ".join(parts)


@dataclass(frozen=True)
class JunkLine:
    """Every segment starting on this line gets a class outside claim/quote (one of
    `classes` when given)."""

    source: str
    line: int
    classes: tuple[str, ...] = ()
    why: str = ""

    @classmethod
    def from_toml(cls, d: Mapping[str, Any]) -> JunkLine:
        classes = d.get("class", [])
        return cls(str(d["source"]), int(d["line"]),
                   tuple(classes) if isinstance(classes, list) else (str(classes),),
                   str(d.get("why", "")))


@dataclass(frozen=True)
class ExpectedFacet:
    """A facet of type `facet` among the facets of the claims on (source, line). Given fields
    must match (folded substring): value (numeric equality for figures), text, key, role
    (searched in role + title), noun, qualifier, about (searched in key + noun)."""

    source: str
    line: int
    facet: str
    fields: tuple[tuple[str, str], ...]

    @classmethod
    def from_toml(cls, d: Mapping[str, Any]) -> ExpectedFacet:
        fields = tuple(sorted((k, str(v)) for k, v in d.items() if k not in ("source", "line", "facet")))
        return cls(str(d["source"]), int(d["line"]), str(d["facet"]), fields)

    @property
    def label(self) -> str:
        return f"{self.facet} facet {dict(self.fields)} on {self.source}:{self.line}"


@dataclass(frozen=True)
class NoFacet:
    """No facet of `facets` whose span lies inside the phrase `inside` on (source, line)."""

    source: str
    line: int
    facets: tuple[str, ...]
    inside: str
    why: str = ""

    @classmethod
    def from_toml(cls, d: Mapping[str, Any]) -> NoFacet:
        return cls(str(d["source"]), int(d["line"]), _kinds(d.get("facet", ["place", "metonym"])),
                   str(d["inside"]), str(d.get("why", "")))


@dataclass(frozen=True)
class Corroboration:
    """A group with status corroborated holds, for each entry, a claim from that source on
    one of its lines (a line, or a list of lines any of which will do).

    known_gap: why matching cannot group these claims yet (paraphrases sharing no figure
    value and too few content words). The test is then a strict xfail: it fails the day
    matching learns to group them, so the entry is promoted to a plain expectation."""

    claims: tuple[tuple[str, tuple[int, ...]], ...]
    note: str = ""
    known_gap: str = ""

    @classmethod
    def from_toml(cls, d: Mapping[str, Any]) -> Corroboration:
        claims = tuple((str(source), tuple(int(n) for n in (line if isinstance(line, list) else [line])))
                       for source, line in d["claims"])
        return cls(claims, str(d.get("note", "")), str(d.get("known_gap", "")))


@dataclass(frozen=True)
class EntityRule:
    """same: every person/org mention naming any of `names` resolves to one entity.
    separate: mentions naming different `names` never share an entity."""

    names: tuple[str, ...]
    same: bool
    why: str = ""


@dataclass(frozen=True)
class Story:
    name: str
    folder: Path
    findings: tuple[ExpectedFinding, ...]
    must_not: tuple[MustNot, ...]
    junk: tuple[JunkLine, ...]
    facets: tuple[ExpectedFacet, ...]
    no_facets: tuple[NoFacet, ...]
    corroborated: tuple[Corroboration, ...]
    entities: tuple[EntityRule, ...]


def story_folders() -> list[Path]:
    return sorted(p.parent for p in ARTICLES_DIR.glob("*/expected.toml"))


def load_story(folder: Path) -> Story:
    data = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
    entities = [EntityRule(tuple(d["names"]), True, d.get("why", "")) for d in data.get("same_entity", [])]
    entities += [EntityRule(tuple(d["names"]), False, d.get("why", "")) for d in data.get("separate", [])]
    return Story(
        name=folder.name, folder=folder,
        findings=tuple(ExpectedFinding.from_toml(d) for d in data.get("finding", [])),
        must_not=tuple(MustNot.from_toml(d) for d in data.get("must_not", [])),
        junk=tuple(JunkLine.from_toml(d) for d in data.get("junk", [])),
        facets=tuple(ExpectedFacet.from_toml(d) for d in data.get("facet", [])),
        no_facets=tuple(NoFacet.from_toml(d) for d in data.get("no_facet", [])),
        corroborated=tuple(Corroboration.from_toml(d) for d in data.get("corroborated", [])),
        entities=tuple(entities),
    )


# ---------------------------------------------------------------------------------------------
# Source keys.


class Sources:
    """Resolves source keys to the run's source ids."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.ids = sorted(set(ids))

    def __call__(self, key: str) -> str:
        hits = [i for i in self.ids if i == key or i.startswith(key + "_")]
        if len(hits) != 1:
            raise AssertionError(f"source key {key!r} matches {hits or 'no source'}; sources: {self.ids}")
        return hits[0]

    def position(self, pos: Position) -> tuple[str, int]:
        return self(pos[0]), pos[1]


# ---------------------------------------------------------------------------------------------
# Checks on findings.


def finding_matches(f: FindingView, exp: ExpectedFinding, src: Sources) -> bool:
    if f.kind not in exp.kinds or not _has_all(f.full_text, exp.values):
        return False
    if exp.planted_in and src(exp.planted_in) not in f.sources:
        return False
    if exp.against and not any(src(s) in f.sources for s in exp.against):
        return False
    if any(src.position(p) not in f.lines for p in exp.lines):
        return False
    for key, text in exp.evidence_values:
        source, needle = src(key), fold(text)
        if not any(e.source == source and (needle in fold(e.quote) or needle in fold(e.value))
                   for e in f.evidence):
            return False
    return True


def missing_finding(findings: Sequence[FindingView], exp: ExpectedFinding, src: Sources,
                    context: str) -> str | None:
    if any(finding_matches(f, exp, src) for f in findings):
        return None
    needs = []
    if exp.planted_in:
        needs.append(f"citing {exp.planted_in}")
    if exp.against:
        needs.append(f"and one of {list(exp.against)}")
    if exp.lines:
        needs.append("with evidence at " + ", ".join(f"{s}:{n}" for s, n in exp.lines))
    if exp.evidence_values:
        needs.append("with evidence " + ", ".join(f"{s} quoting {t!r}" for s, t in exp.evidence_values))
    note = f" ({exp.note})" if exp.note else ""
    return (f"expected {exp.label} {' '.join(needs)} in {context}{note}; got: "
            f"{describe_findings(findings, exp.kinds)}")


def must_not_violations(findings: Sequence[FindingView], rule: MustNot, src: Sources,
                        context: str) -> list[str]:
    errors = []
    for f in findings:
        if f.kind not in rule.kinds:
            continue
        if rule.values and not _has_all(f.value_text, rule.values):
            continue
        if rule.unless_values and _has_all(f.value_text, rule.unless_values):
            continue
        if any(src.position(p) not in f.lines for p in rule.evidence):
            continue
        if any(src(key) not in f.sources for key in rule.evidence_sources):
            continue
        why = f" ({rule.why})" if rule.why else ""
        errors.append(f"false alarm in {context}: must not report {rule.label}{why}; got: {f.describe()}")
    return errors


def evidence_on_junk(findings: Sequence[FindingView], junk: Iterable[tuple[str, int]],
                     context: str) -> list[str]:
    junk_set = set(junk)
    return [
        f"false alarm in {context}: finding cites junk line {e.source}:{e.line} ({e.quote[:60]!r}): "
        f"{f.describe()}"
        for f in findings for e in f.evidence if (e.source, e.line) in junk_set
    ]


def normalisation_only_variants(findings: Sequence[FindingView], context: str) -> list[str]:
    """A variant whose values differ only by apostrophe style, case or spacing is no variant."""
    errors = []
    for f in findings:
        if f.kind in VARIANT_KINDS and len(f.values) >= 2 and len({fold(v) for v in f.values}) < len(f.values):
            errors.append(f"false alarm in {context}: {f.kind} whose values differ only by "
                          f"apostrophe, case or spacing: {f.describe()}")
    return errors


def line_texts(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def evidence_line_errors(findings: Sequence[FindingView], texts: Mapping[str, str],
                         context: str) -> list[str]:
    """Every evidence (source, line) exists and its line holds the quote's first words."""
    lines = {source: line_texts(text) for source, text in texts.items()}
    errors = []
    for f in findings:
        for e in f.evidence:
            if e.source not in lines:
                errors.append(f"{context}: evidence names unknown source {e.source!r}: {f.describe()}")
                continue
            if not 1 <= e.line <= len(lines[e.source]):
                errors.append(f"{context}: evidence line {e.source}:{e.line} does not exist: {f.describe()}")
                continue
            first_words = " ".join(fold(e.quote).split()[:3])
            if not first_words or first_words not in fold(lines[e.source][e.line - 1]):
                errors.append(f"{context}: evidence {e.source}:{e.line} quotes {e.quote[:60]!r} but "
                              f"that line reads {lines[e.source][e.line - 1][:80]!r}: {f.describe()}")
    return errors


# ---------------------------------------------------------------------------------------------
# Checks on tables.


def segments_on_line(claims: pd.DataFrame, source: str, line: int) -> pd.DataFrame:
    rows = claims[(claims["source"] == source) & (claims["line"].astype(int) == line)]
    return rows[rows["unit"] == "segment"] if "unit" in rows else rows


def junk_line_errors(claims: pd.DataFrame, junk: JunkLine, src: Sources, context: str) -> list[str]:
    source = src(junk.source)
    rows = segments_on_line(claims, source, junk.line)
    why = f" ({junk.why})" if junk.why else ""
    if rows.empty:
        return [f"{context}: no segment on junk line {source}:{junk.line}{why}"]
    errors = []
    for r in rows.to_dict("records"):
        cls = str(r["class"])
        if cls in COMPARED_CLASSES or (junk.classes and cls not in junk.classes):
            wanted = f"one of {list(junk.classes)}" if junk.classes else "not claim/quote"
            errors.append(f"{context}: {source}:{junk.line}{why} should be {wanted}, got {cls!r}: "
                          f"{str(r['text'])[:70]!r}")
    return errors


def claims_on(claims: pd.DataFrame, source: str, line: int) -> pd.DataFrame:
    return claims[(claims["source"] == source) & (claims["line"].astype(int) == line)]


def _field_matches(row: Mapping[str, Any], name: str, wanted: str) -> bool:
    if name == "value" and row["facet"] == "figure":
        try:
            return abs(float(str(row["value"]).replace(",", "")) - float(wanted)) < 1e-9
        except ValueError:
            return False
    if name == "value" and row["facet"] == "date":
        return str(row["value"]) == wanted
    haystack = {
        "role": f"{row.get('role', '')} {row.get('title', '')}",
        "about": f"{row.get('key', '')} {row.get('noun', '')}",
    }.get(name, str(row.get(name, "")))
    return fold(wanted) in fold(haystack)


def _show_facet(row: Mapping[str, Any]) -> str:
    shown = {k: row[k] for k in ("text", "value", "key", "role", "title", "qualifier", "noun")
             if k in row and str(row[k])}
    return f"{row['facet']} {shown}"


def facet_errors(claims: pd.DataFrame, facets: pd.DataFrame, exp: ExpectedFacet, src: Sources,
                 context: str) -> list[str]:
    source = src(exp.source)
    ids = set(claims_on(claims, source, exp.line)["claim_id"])
    rows = facets[facets["claim_id"].isin(ids)].to_dict("records")
    for row in rows:
        if row["facet"] == exp.facet and all(_field_matches(row, k, v) for k, v in exp.fields):
            return []
    found = "; ".join(_show_facet(r) for r in rows) or "no facets"
    return [f"{context}: expected {exp.label}; found on that line: {found}"]


def no_facet_errors(articles: pd.DataFrame, claims: pd.DataFrame, facets: pd.DataFrame,
                    rule: NoFacet, src: Sources, context: str) -> list[str]:
    source = src(rule.source)
    text = str(articles.loc[articles["source"] == source, "text"].iloc[0])
    lines = line_texts(text)
    if not 1 <= rule.line <= len(lines):
        return [f"{context}: {source} has no line {rule.line} (fix the test)"]
    line_start = ([0] + [m.end() for m in _LINE_BREAK.finditer(text)])[rule.line - 1]
    where = lines[rule.line - 1].find(rule.inside)
    if where < 0:
        return [f"{context}: the phrase {rule.inside!r} is not on {source}:{rule.line} (fix the test)"]
    start, end = line_start + where, line_start + where + len(rule.inside)
    ids = set(claims.loc[claims["source"] == source, "claim_id"])
    rows = facets[facets["claim_id"].isin(ids) & facets["facet"].isin(rule.facets)]
    bad = rows[(rows["start"].astype(int) >= start) & (rows["end"].astype(int) <= end)]
    why = f" ({rule.why})" if rule.why else ""
    return [f"false alarm in {context}: {source}:{rule.line} has a {r['facet']} facet "
            f"{r['text']!r} inside {rule.inside!r}{why}" for r in bad.to_dict("records")]


def corroboration_errors(groups: pd.DataFrame, claims: pd.DataFrame, exp: Corroboration,
                         src: Sources, context: str) -> list[str]:
    where = claims.set_index("claim_id")[["source", "line"]]
    wanted = [(src(source), lines) for source, lines in exp.claims]
    touching = []
    for gid, rows in groups.groupby("group_id", sort=True):
        positions = {(str(where.at[c, "source"]), int(where.at[c, "line"]))
                     for c in rows["claim_id"] if c in where.index}
        hits = [any((source, n) in positions for n in lines) for source, lines in wanted]
        status = str(rows["status"].iloc[0])
        if all(hits) and status == "corroborated":
            return []
        if any(hits):
            touching.append(f"{gid} {status} at {sorted(positions)}")
    note = f" ({exp.note})" if exp.note else ""
    shown = ", ".join(f"{s}:{'/'.join(map(str, lines))}" for s, lines in wanted)
    return [f"{context}: expected a corroborated group holding claims at {shown}{note}; groups "
            f"touching them: {'; '.join(touching) or 'none'}"]


def _mentions_named(mentions: pd.DataFrame, name: str, folder: Any = fold) -> pd.DataFrame:
    needle = folder(name)
    mask = [needle in folder(v) or needle in folder(t)
            for v, t in zip(mentions["value"], mentions["text"], strict=True)]
    return mentions[pd.Series(mask, index=mentions.index, dtype=bool)]


def entity_errors(mentions: pd.DataFrame, rule: EntityRule, context: str) -> list[str]:
    errors = []
    per_name = {}
    for name in rule.names:
        as_written = _mentions_named(mentions, name, fold_case_only)
        if as_written.empty:
            errors.append(f"{context}: no person/org mention of {name!r} was resolved "
                          f"(mentions: {sorted(set(mentions['value']))[:30]})")
        per_name[name] = set(_mentions_named(mentions, name)["entity_id"])
    if errors:
        return errors
    if rule.same:
        ids = set().union(*per_name.values())
        if len(ids) != 1:
            show = {n: sorted(i) for n, i in per_name.items()}
            errors.append(f"{context}: {list(rule.names)} should be one entity, got entities {show}"
                          f"{' (' + rule.why + ')' if rule.why else ''}")
    else:
        names = list(rule.names)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                shared = per_name[a] & per_name[b]
                if shared:
                    errors.append(f"false alarm in {context}: {a!r} and {b!r} were merged into "
                                  f"{sorted(shared)}{' (' + rule.why + ')' if rule.why else ''}")
    return errors
