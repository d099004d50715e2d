"""The reference fact ledger: facts an editor verified from primary sources, and the claims
that contradict or confirm them.

REFERENCE_COLUMNS (`claims/reference.csv`: a header row, then one fact per row; UTF-8;
blank lines and lines starting with '#' are skipped)
    subject       what the fact is about. For spelling, title and role: a person or an
                  organisation, resolved like any name in the articles ("Olena Kovalenko").
                  For date, place, figure and person: the words every claim about the fact
                  contains ("rail accord signed"; stopwords do not count)
    attribute     spelling | title | role | date | place | figure | person
    value         the verified value: the right spelling, the exact title, an ISO date
                  (or a written date, "6 October 2025"), a place, a figure with its unit
                  ("18%", "1,200 passengers"), the person who did it
    source        where it was verified: a URL or a document
    verified_by   who verified it (free text)
    verified_on   ISO date (YYYY-MM-DD); may be empty

How claims are compared with a fact (the cross-source rules, not new ones)
    spelling      the subject resolves to a person or organisation entity by the resolve
                  stage's own rules (the subject is resolved together with the articles'
                  names); every mention of that entity whose spelling key differs from the
                  value's spelling key contradicts the fact; the others match it.
    title, role   the subject resolves to a person; each of that person's titles and roles
                  that is comparable with the value (`resolve.titles_fit`: a rank with a
                  rank, an office with an office) matches it when only detail or word order
                  differs, and contradicts it when the wording or rank differs (`resolve`'s
                  title differences; a shortened rank is low severity). A title that does not
                  fit at all contradicts it only when none of the person's titles fits (else
                  it is another office) and it is of the fact's kind (title or role).
    date          claims whose content words (`match.content_terms`) include all of the
                  subject's, with date facets: a date that agrees at the precision both
                  give matches; a claim with one date that disagrees (and no other reading
                  of an ambiguous day/month order that agrees) contradicts it.
    place         as date, with place facets: the same place matches; a place in the same
                  country at another level (a city and its country) is compatible (quiet);
                  another place contradicts.
    figure        as date, with figure facets of the same unit: within
                  `Thresholds.figure_tolerance` matches, beyond contradicts.
    person        as date, with the claim's resolved people: naming the value's person
                  matches; naming exactly one other person contradicts (medium severity).
Values are parsed by the facet extractors (`checker.facets.EXTRACTORS`), so "6 October
2025" and "2025-10-06" are one date and "1,200" is 1200.

Canonical forms set with `checker decide --canonical` are reference facts too (attribute
spelling for a person or organisation, title for a person's title), with the decision as
their source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from checker import lexicon
from checker.config import Severity, Thresholds
from checker.facets import EXTRACTORS
from checker.facets.base import ArticleContext, Facet, Segment
from checker.match import content_terms, date_readings
from checker.resolve import (
    MATERIAL_TITLE_DIFFERENCES,
    classify_title_difference,
    resolve_entities,
    skeleton,
    title_tokens,
    titles_fit,
)
from checker.tables import Tables, isin, row_dicts, row_tuples
from checker.textutil import match_key
from checker.workflow.decisions import (
    CANONICAL_KINDS,
    Decision,
    WorkflowInputError,
    csv_rows,
    parse_date,
    read_text,
)

REFERENCE_COLUMNS = ["subject", "attribute", "value", "source", "verified_by", "verified_on"]
ENTITY_ATTRIBUTES = ("spelling", "title", "role")
CONTENT_ATTRIBUTES = ("date", "place", "figure", "person")
ATTRIBUTES = ENTITY_ATTRIBUTES + CONTENT_ATTRIBUTES
#: Other words editors use for an attribute.
ATTRIBUTE_ALIASES = {"name": "spelling", "rank": "title", "location": "place", "number": "figure",
                     "signer": "person", "signed_by": "person", "who": "person"}
#: The source id of the reference subjects resolved beside the articles (never an article's
#: id: ingest ids are file stems, which cannot start with a NUL).
_REFERENCE_SOURCE = "\x00reference"


@dataclass(frozen=True)
class ReferenceFact:
    subject: str
    attribute: str
    value: str
    source: str = ""
    verified_by: str = ""
    verified_on: str = ""
    line: int = 0  # the row's line in reference.csv (0: not from the ledger)
    decision: str = ""  # the fingerprint of the decision that set this canonical form

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.attribute, match_key(self.subject), match_key(self.value))


@dataclass(frozen=True)
class ReferenceCheck:
    """One claim compared with one fact."""

    fact: ReferenceFact
    verdict: str  # conflict | verified
    source: str
    line: int
    claim_id: str
    quote: str  # the claim's text
    value: str  # the value as the claim writes it
    start: int = -1
    end: int = -1
    detail: str = ""  # how the verdict was reached
    severity: Severity = Severity.HIGH
    compared: str = ""  # the claim's value as compared (spelling key, ISO date...): one finding each

    def sort_key(self) -> tuple:
        return (self.fact.key, self.fact.line, self.source, self.line, self.start, self.claim_id, self.value)


# --- the ledger ---------------------------------------------------------------------------------


def parse_attribute(value: str) -> str:
    attribute = value.strip().lower().replace(" ", "_").replace("-", "_")
    attribute = ATTRIBUTE_ALIASES.get(attribute, attribute)
    if attribute not in ATTRIBUTES:
        raise ValueError(f"unknown attribute {value.strip()!r} (use {', '.join(ATTRIBUTES)})")
    return attribute


def parse_reference(text: str, name: str = "reference.csv") -> tuple[ReferenceFact, ...]:
    """The facts of a reference ledger. Raises WorkflowInputError for a malformed file."""
    _, rows = csv_rows(text, name, ("subject", "attribute", "value"))
    facts = []
    for line, row in rows:
        try:
            attribute = parse_attribute(row["attribute"])
            if not row["subject"] or not row["value"]:
                raise ValueError("subject and value must not be empty")
            verified_on = parse_date(row.get("verified_on", ""))
            if attribute in ("date", "figure") and parsed_value(attribute, row["value"]) is None:
                raise ValueError(f"{row['value']!r} is not a {attribute}")
        except ValueError as exc:
            raise WorkflowInputError(name, str(exc).replace("decided_on", "verified_on"), line) from None
        facts.append(ReferenceFact(
            subject=row["subject"], attribute=attribute, value=row["value"], source=row.get("source", ""),
            verified_by=row.get("verified_by", ""), verified_on=verified_on, line=line,
        ))
    return tuple(facts)


def read_reference(path: Path) -> tuple[ReferenceFact, ...]:
    """The facts in `path`; none when the file does not exist."""
    if not path.exists():
        return ()
    return parse_reference(read_text(path), path.as_posix())


def canonical_facts(decisions: Iterable[Decision]) -> tuple[ReferenceFact, ...]:
    """The canonical forms of decided name, organisation and title variants, as facts."""
    facts = []
    for d in sorted(decisions, key=lambda d: d.fingerprint):
        attribute = CANONICAL_KINDS.get(d.kind)
        if not d.canonical or attribute is None:
            continue
        subject = d.subject if attribute == "title" else d.canonical
        if not subject:
            continue
        facts.append(ReferenceFact(subject=subject, attribute=attribute, value=d.canonical,
                                   verified_by=d.by, verified_on=d.at, decision=d.fingerprint))
    return tuple(facts)


def parsed_value(attribute: str, value: str) -> Facet | None:
    """The value read by the facet extractors, as a facet of the attribute's type."""
    wanted = {"date": "date", "figure": "figure", "place": "place"}.get(attribute)
    if wanted is None:
        return None
    segment = Segment(claim_id="reference:1", source=_REFERENCE_SOURCE, start=0, end=len(value),
                      text=value, cls="claim")
    context = ArticleContext(source=_REFERENCE_SOURCE, text=value, published="", title="")
    found: list[Facet] = []
    for extractor in EXTRACTORS:
        found.extend(extractor(segment, found, context))
    return next((f for f in sorted(found, key=lambda f: (f.start, -f.end)) if f.facet == wanted), None)


# --- resolving subjects -------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedSubject:
    entities: frozenset[str]  # entity ids in the run's own tables
    spelling: str  # the subject's spelling key, as the resolve stage keys it


def _word_skeletons(text: str) -> set[str]:
    return {s for s in (skeleton(w) for w in str(text).split()) if s}


def resolve_subjects(subjects: Sequence[tuple[str, str]], tables: Tables,
                     th: Thresholds) -> dict[tuple[str, str], ResolvedSubject]:
    """(facet, name) -> the entities the name resolves to among the articles' people or
    organisations. The names are resolved by `resolve_entities` together with the claims
    that name someone with a word of the same consonant skeleton (resolve's own blocks
    are narrower), each name in a claim of its own; a name joins the entities whose
    mentions it clusters with."""
    subjects = sorted(set(subjects))
    if not subjects or tables.mentions.empty:
        return {}
    wanted = set().union(*(_word_skeletons(name) for _, name in subjects))
    facets = tables.facets[isin(tables.facets["facet"], ("person", "org"))
                           & isin(tables.facets["claim_id"], tables.mentions["claim_id"])]
    near = facets[facets["value"].map(lambda v: bool(_word_skeletons(v) & wanted))]
    claim_ids = set(near["claim_id"])
    claims = tables.claims[isin(tables.claims["claim_id"], claim_ids)]
    parents = set(claims["parent"].fillna("")) - {""}
    claims = tables.claims[isin(tables.claims["claim_id"], claim_ids | parents)]
    facets = facets[isin(facets["claim_id"], claim_ids)]

    extra_claims, extra_facets = [], []
    for n, (facet, name) in enumerate(subjects, 1):
        claim_id = f"{_REFERENCE_SOURCE}:{n}"
        claim = {c: "" for c in tables.claims.columns}
        claim.update(claim_id=claim_id, source=_REFERENCE_SOURCE, n=n, unit="segment", line=0, start=0,
                     end=len(name), text=name, compared=True, **{"class": "claim"})
        extra_claims.append(claim)
        row = {c: "" for c in tables.facets.columns}
        row.update(claim_id=claim_id, source=_REFERENCE_SOURCE, facet=facet, start=0, end=len(name),
                   text=name, value=name, key=name.split()[-1] if facet == "person" and name.split() else "")
        extra_facets.append(row)
    claims = pd.concat([claims, pd.DataFrame(extra_claims, columns=tables.claims.columns)], ignore_index=True)
    facets = pd.concat([facets, pd.DataFrame(extra_facets, columns=tables.facets.columns)], ignore_index=True)
    again = resolve_entities(facets, claims, th).mentions

    own_entity = dict(zip(tables.mentions["mention_id"].tolist(), tables.mentions["entity_id"].tolist(), strict=True))
    members: dict[str, set[str]] = defaultdict(set)
    for mention_id, entity in zip(again["mention_id"].tolist(), again["entity_id"].tolist(), strict=True):
        if mention_id in own_entity:
            members[entity].add(own_entity[mention_id])
    out = {}
    for n, subject in enumerate(subjects, 1):
        mine = again[(again["claim_id"] == f"{_REFERENCE_SOURCE}:{n}") & (again["facet"] == subject[0])]
        if mine.empty:
            continue
        row = mine.iloc[0]
        out[subject] = ResolvedSubject(frozenset(members.get(str(row["entity_id"]), set())), str(row["spelling"]))
    return out


# --- comparing ----------------------------------------------------------------------------------


def match_references(tables: Tables, facts: Sequence[ReferenceFact], th: Thresholds) -> list[ReferenceCheck]:
    """Every compared claim set against every fact it speaks to, in a fixed order."""
    if not facts or tables.claims.empty:
        return []
    out: list[ReferenceCheck] = []
    entity_facts = [f for f in facts if f.attribute in ENTITY_ATTRIBUTES]
    content_facts = [f for f in facts if f.attribute in CONTENT_ATTRIBUTES]
    if entity_facts:
        out += _entity_checks(tables, entity_facts, th)
    if content_facts:
        out += _content_checks(tables, content_facts, th)
    return sorted(set(out), key=ReferenceCheck.sort_key)


def _places(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per place in an article: an atomic fact repeating its sentence's name is dropped."""
    return (mentions.sort_values(["source", "written_start", "written_end", "claim_id"], kind="stable")
            .drop_duplicates(["source", "written_start", "written_end", "facet", "owner"]))


def _check(fact: ReferenceFact, verdict: str, m: object, detail: str, compared: str,
           severity: Severity = Severity.HIGH) -> ReferenceCheck:
    return ReferenceCheck(
        fact=fact, verdict=verdict, source=str(m.source), line=int(m.line), claim_id=str(m.claim_id),  # type: ignore[attr-defined]
        quote=str(m.quote), value=str(m.written), start=int(m.written_start), end=int(m.written_end),  # type: ignore[attr-defined]
        detail=detail, severity=severity, compared=compared,
    )


def _entity_checks(tables: Tables, facts: Sequence[ReferenceFact], th: Thresholds) -> list[ReferenceCheck]:
    subjects = []
    for f in facts:
        if f.attribute == "spelling":
            subjects += [("person", f.subject), ("org", f.subject), ("person", f.value), ("org", f.value)]
        else:
            subjects.append(("person", f.subject))
    resolved = resolve_subjects(subjects, tables, th)
    mentions = _places(tables.mentions)
    out: list[ReferenceCheck] = []
    for f in facts:
        if f.attribute == "spelling":
            out += _spelling_checks(f, resolved, mentions)
        else:
            person = resolved.get(("person", f.subject))
            if person and person.entities:
                out += _title_checks(f, person.entities, mentions, th)
    return out


def _spelling_checks(fact: ReferenceFact, resolved: dict[tuple[str, str], ResolvedSubject],
                     mentions: pd.DataFrame) -> list[ReferenceCheck]:
    """Against the person (or else the organisation) the subject resolves to."""
    for facet in ("person", "org"):
        subject = resolved.get((facet, fact.subject))
        value = resolved.get((facet, fact.value))
        if not subject or not subject.entities or not value or not value.spelling:
            continue
        rows = mentions[isin(mentions["entity_id"], subject.entities) & (mentions["facet"] == facet)
                        & (mentions["spelling"].astype(str) != "")]
        return [
            _check(fact, "verified", m, "spelling key equal", str(m.spelling)) if str(m.spelling) == value.spelling
            else _check(fact, "conflict", m, f"spelling key {m.spelling} vs {value.spelling}", str(m.spelling))
            for m in row_tuples(rows)
        ]
    return []


def _title_checks(fact: ReferenceFact, owners: frozenset[str], mentions: pd.DataFrame,
                  th: Thresholds) -> list[ReferenceCheck]:
    """The person's titles that fit the value match it or differ in wording or rank. A title
    that does not fit is another office unless none of the person's titles fits: only then,
    and only among titles of the fact's kind (a title before the name, or a role), is it a
    contradiction."""
    reference = title_tokens(fact.value)
    if not reference:
        return []
    rows = mentions[(mentions["facet"] == "title") & isin(mentions["owner"], owners)]
    judged = []
    for m in row_tuples(rows):
        written = title_tokens(str(m.written))
        fit = titles_fit(reference, written, th) if written else None
        if fit is None:
            continue
        difference = classify_title_difference(reference, written) if fit else "does not fit"
        if difference != "same" and _content_words(reference) == _content_words(written):
            difference = "same words, another order"  # "Transport Minister" / "Minister of Transport"
        judged.append((m, difference, " ".join(written)))
    any_fits = any(difference != "does not fit" for _, difference, _ in judged)
    out = []
    for m, difference, compared in judged:
        if difference in ("same", "detail", "same words, another order"):
            out.append(_check(fact, "verified", m, f"title: {difference}", compared))
        elif difference in MATERIAL_TITLE_DIFFERENCES:
            severity = Severity.LOW if difference == "rank-short" else Severity.HIGH
            out.append(_check(fact, "conflict", m, f"title: {difference}", compared, severity))
        elif difference == "does not fit" and not any_fits and _title_kind(str(m.mention_id)) == fact.attribute:
            out.append(_check(fact, "conflict", m, "title: does not fit", compared))
    return out


def _title_kind(mention_id: str) -> str:
    """"role" for an appositive role ("<claim>@<start>:role"), else "title"."""
    return "role" if mention_id.endswith(":role") else "title"


def _content_words(tokens: Sequence[str]) -> list[str]:
    function = {match_key(w) for w in lexicon.words("entity_function_words")}
    return sorted(t for t in tokens if t not in function)


@dataclass(frozen=True)
class _Claim:
    claim_id: str
    source: str
    line: int
    text: str


def _content_checks(tables: Tables, facts: Sequence[ReferenceFact], th: Thresholds) -> list[ReferenceCheck]:
    wanted = {f: frozenset(content_terms(f.subject)) for f in facts}
    wanted = {f: terms for f, terms in wanted.items() if terms}
    if not wanted:
        return []
    claims = tables.claims[tables.claims["compared"].astype(bool)]
    every_term = set().union(*wanted.values())
    candidates: dict[ReferenceFact, list[_Claim]] = defaultdict(list)
    for row in row_tuples(claims[["claim_id", "source", "line", "text"]]):
        terms = set(content_terms(str(row.text))) & every_term
        if not terms:
            continue
        for f, needed in wanted.items():
            if needed <= terms:
                candidates[f].append(_Claim(str(row.claim_id), str(row.source), int(row.line), str(row.text)))
    if not candidates:
        return []
    ids = {c.claim_id for cs in candidates.values() for c in cs}
    facets = tables.facets[isin(tables.facets["claim_id"], ids)]
    facets_of = {cid: rows for cid, rows in facets.groupby("claim_id", sort=False)}
    people = tables.mentions[(tables.mentions["facet"] == "person") & isin(tables.mentions["claim_id"], ids)]
    people_of = {cid: rows for cid, rows in people.groupby("claim_id", sort=False)}
    person_facts = sorted({("person", f.value) for f in candidates if f.attribute == "person"})
    resolved = resolve_subjects(person_facts, tables, th) if person_facts else {}

    out: list[ReferenceCheck] = []
    for fact in sorted(candidates, key=lambda f: (f.key, f.line)):
        for claim in candidates[fact]:
            if fact.attribute == "person":
                out += _person_verdicts(fact, claim, people_of.get(claim.claim_id), resolved)
            else:
                rows = facets_of.get(claim.claim_id)
                if rows is not None:
                    out += _facet_verdicts(fact, claim, rows, th)
    return out


def _facet_check(fact: ReferenceFact, claim: _Claim, row: dict, verdict: str, detail: str,
                 severity: Severity = Severity.HIGH) -> ReferenceCheck:
    return ReferenceCheck(fact=fact, verdict=verdict, source=claim.source, line=claim.line,
                          claim_id=claim.claim_id, quote=claim.text, value=str(row["text"]),
                          start=int(row["start"]), end=int(row["end"]), detail=detail, severity=severity,
                          compared=match_key(str(row["value"] or row["text"])))


def _facet_verdicts(fact: ReferenceFact, claim: _Claim, rows: pd.DataFrame, th: Thresholds) -> list[ReferenceCheck]:
    """A claim with facets of the fact's type: the agreeing ones verify it; when none agrees,
    a claim with exactly one comparable value contradicts it."""
    reference = parsed_value(fact.attribute, fact.value)
    records = row_dicts(rows[rows["facet"] == fact.attribute])
    verdicts = [(r, _verdict(fact, reference, r, th)) for r in records]
    comparable = [(r, v) for r, v in verdicts if v is not None]
    agreeing = [(r, v) for r, v in comparable if v[0] == "agree"]
    if agreeing:
        return [_facet_check(fact, claim, r, "verified", v[1]) for r, v in agreeing]
    conflicts = [(r, v) for r, v in comparable if v[0] == "conflict"]
    if len(comparable) == 1 and conflicts:
        r, v = conflicts[0]
        return [_facet_check(fact, claim, r, "conflict", v[1])]
    return []


def _verdict(fact: ReferenceFact, reference: Facet | None, row: dict, th: Thresholds) -> tuple[str, str] | None:
    """("agree" | "conflict" | "compatible", how), or None when the two are not comparable."""
    value = str(row["value"] or "")
    if fact.attribute == "date":
        if reference is None or not value:
            return None
        readings = date_readings(value, str(row.get("note") or ""))
        if _dates_agree(value, reference.value):
            return ("agree", f"date {value} fits {reference.value}")
        if any(_dates_agree(r, reference.value) for r in readings):
            return ("compatible", "another reading of an ambiguous date fits")
        return ("conflict", f"date {value} vs {reference.value}")
    if fact.attribute == "figure":
        if reference is None:
            return None
        unit, ref_unit = str(row.get("key") or ""), reference.key
        if unit and ref_unit and unit != ref_unit:
            return None
        try:
            a, b = float(value), float(reference.value)
        except ValueError:
            return None
        if abs(a - b) <= th.figure_tolerance * max(abs(a), abs(b)):
            return ("agree", f"{value} within {th.figure_tolerance:.0%} of {reference.value}")
        return ("conflict", f"{value} vs {reference.value}")
    if fact.attribute == "place":
        ref_value = reference.value if reference is not None else fact.value
        if match_key(value) == match_key(ref_value):
            return ("agree", "same place")
        ref_country = reference.key if reference is not None else ""
        if ref_country and str(row.get("key") or "") == ref_country and \
                "country" in (str(row.get("qualifier") or ""), reference.qualifier if reference else ""):
            return ("compatible", "a place and its country")
        return ("conflict", f"{value} vs {ref_value}")
    return None


def _dates_agree(a: str, b: str) -> bool:
    """Equal at the precision both give ("2025-10" fits "2025-10-06"; "2020s" fits 2026)."""
    def prefix(value: str) -> str:
        return value[:3] if value.endswith("s") and value[:-1].isdigit() else value
    a, b = prefix(a), prefix(b)
    n = min(len(a), len(b))
    return bool(n) and a[:n] == b[:n]


def _person_verdicts(fact: ReferenceFact, claim: _Claim, people: pd.DataFrame | None,
                     resolved: dict[tuple[str, str], ResolvedSubject]) -> list[ReferenceCheck]:
    if people is None or people.empty:
        return []
    expected = resolved.get(("person", fact.value))
    entities = expected.entities if expected else frozenset()
    rows = _places(people)
    named = rows[isin(rows["entity_id"], entities)]
    if not named.empty:
        return [_check(fact, "verified", m, "names the person", str(m.entity_id))
                for m in row_tuples(named)]
    if rows["entity_id"].nunique() == 1:
        m = next(row_tuples(rows))
        return [_check(fact, "conflict", m, "names another person", str(m.entity_id), Severity.MEDIUM)]
    return []

