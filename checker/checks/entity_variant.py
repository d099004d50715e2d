"""A reusable check type: one resolved entity (person, organisation or a person's title)
written in more than one way. name_variant, title_variant and org_variant are this check
configured with a severity rule and a summary.

The resolve stage decides what is one entity and gives each mention a spelling key
(`checker.resolve` MENTION_COLUMNS `spelling`); this module only reports entities with two
or more spelling keys, with the spellings as written, most-used first, and the evidence for
every side.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from checker.config import Severity
from checker.findings.engine import CheckContext, EntityView
from checker.findings.model import Evidence, Finding
from checker.resolve import spelling_key, umlaut_free


@dataclass(frozen=True)
class Spelling:
    key: str  # the spelling key
    written: str  # how it is most often written
    sources: tuple[str, ...]
    n_mentions: int

    def rank(self) -> tuple[int, int, str]:
        """Most sources first, then most mentions, then alphabetical (by spelling key, as
        the resolve stage breaks ties for an entity's canonical form)."""
        return (-len(self.sources), -self.n_mentions, self.key)


@dataclass(frozen=True)
class Variants:
    entity: EntityView
    spellings: tuple[Spelling, ...]  # most-used first
    # one record per place in an article (an atomic fact's repeat dropped), by source and offset
    mentions: tuple[dict[str, Any], ...]

    @property
    def sources_with_several(self) -> tuple[str, ...]:
        """Sources that themselves write the entity in two or more ways."""
        keys: dict[str, set[str]] = defaultdict(set)
        for m in self.mentions:
            keys[m["source"]].add(m["spelling"])
        return tuple(sorted(source for source, spelled in keys.items() if len(spelled) > 1))


def _place(m: dict[str, Any]) -> tuple[str, int, int]:
    return (m["source"], m["written_start"], m["written_end"])


def variants_of(entity: EntityView) -> Variants | None:
    """The entity's spellings, or None when it is written one way only."""
    rows = [m for m in entity.mentions if str(m["spelling"]) != ""]
    if len({m["spelling"] for m in rows}) < 2:
        return None
    rows = umlauts_written_out(rows)
    if len({m["spelling"] for m in rows}) < 2:
        return None
    # a name in a sentence and in that sentence's atomic fact is one place in the article
    rows.sort(key=lambda m: (*_place(m), m["claim_id"]))
    places: dict[tuple[str, int, int], dict[str, Any]] = {}
    for m in rows:
        places.setdefault(_place(m), m)
    kept = tuple(places.values())
    by_spelling: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in kept:
        by_spelling[m["spelling"]].append(m)
    spellings = []
    for key in sorted(by_spelling):
        group = by_spelling[key]
        written = Counter(str(m["written"]) for m in group)
        # the wording most written; among equals the one nearest the key (a form standing for
        # several wordings of one title is shown by the wording it came from)
        best = min(written, key=lambda w: (spelling_key(w) != key, -written[w],
                                           -fuzz.ratio(spelling_key(w), str(key)), w))
        spellings.append(Spelling(str(key), best, tuple(sorted({m["source"] for m in group})),
                                  len(group)))
    spellings.sort(key=Spelling.rank)
    # two keys written alike (rare: e.g. one written form, two readings) are not two values
    seen: set[str] = set()
    unique = []
    for s in spellings:
        if s.written not in seen:
            seen.add(s.written)
            unique.append(s)
    if len(unique) < 2:
        return None
    return Variants(entity, tuple(unique), kept)


_UMLAUT = re.compile("[äöüÄÖÜ]")


def umlauts_written_out(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Mentions whose spelling writes an umlaut out ("Fuegen", "Mueller") given the spelling
    of the form with the umlaut ("Fügen", "Müller"): one name in two transliterations, not
    two spellings. A spelling that drops the umlaut ("Fugen") already has its key."""
    with_umlaut = {m["spelling"] for m in rows if _UMLAUT.search(str(m["written"]))}
    if not with_umlaut:
        return rows
    by_dropped = {umlaut_free(key): key for key in sorted(with_umlaut)}
    renamed = []
    for m in rows:
        key = by_dropped.get(umlaut_free(m["spelling"]))
        renamed.append(m if key is None or key == m["spelling"] else {**m, "spelling": key})
    return renamed


def variant_finding(v: Variants, severity: Severity, identity_prefix: tuple[str, ...],
                    fields: tuple[tuple[str, str], ...] = ()) -> Finding:
    by_key = {s.key: s for s in v.spellings}
    kept = [m for m in v.mentions if m["spelling"] in by_key]
    evidence = tuple(sorted(
        (Evidence(source=str(m["source"]), line=int(m["line"]), quote=str(m["quote"]),
                  claim_id=str(m["claim_id"]), value=str(m["written"]),
                  start=int(m["written_start"]), end=int(m["written_end"]))
         for m in kept),
        key=lambda e: (e.source, e.line, e.start, e.claim_id),
    ))
    canonical = v.spellings[0]
    others = [m for m in kept if m["spelling"] != canonical.key]
    # the score and method of the least similar spelling, from a mention that was matched
    # on its own (not a surname-only mention attached to a full name)
    weakest = min(others, key=lambda m: (str(m["method"]).startswith("surname"), m["score"],
                                         m["mention_id"]), default=None)
    return Finding(
        code="", kind="", severity=severity,
        values=tuple(s.written for s in v.spellings),
        evidence=evidence,
        subject=canonical.written,
        identity=(*identity_prefix, *sorted(by_key)),
        score=float(weakest["score"]) if weakest is not None else None,
        method=str(weakest["method"]) if weakest is not None else "",
        suggestion=f"Most sources write \u201c{canonical.written}\u201d; an editor decides",
        fields=fields,
    )


def entity_check(facet: str, severity: Callable[[Variants], Severity],
                 identity: Callable[[Variants, CheckContext], tuple[str, ...]],
                 fields: Callable[[Variants, CheckContext], tuple[tuple[str, str], ...]],
                 ) -> Callable[[EntityView, CheckContext], Iterator[Finding]]:
    """The run function of a variant check for entities of one facet."""

    def run(entity: EntityView, ctx: CheckContext) -> Iterator[Finding]:
        if entity.facet != facet:
            return
        v = variants_of(entity)
        if v is None:
            return
        yield variant_finding(v, severity(v), identity(v, ctx), fields(v, ctx))

    return run


def within_note(v: Variants) -> tuple[tuple[str, str], ...]:
    inside = v.sources_with_several
    note = f" (inside one article too: {', '.join(inside)})" if inside else ""
    return (("within", note),)

