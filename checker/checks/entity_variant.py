"""A reusable check type: one resolved entity (person, organisation or a person's title)
written in more than one way. name_variant, title_variant and org_variant are this check
configured with a severity rule and a summary.

The resolve stage decides what is one entity and gives each mention a spelling key
(`checker.resolve` MENTION_COLUMNS `spelling`); this module only reports entities with two
or more spelling keys, with the spellings as written, most-used first, and the evidence for
every side.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd
from rapidfuzz import fuzz

from checker.config import Severity
from checker.findings.engine import CheckContext, EntityView
from checker.findings.model import Evidence, Finding
from checker.resolve import spelling_key
from checker.tables import row_tuples


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
    mentions: pd.DataFrame  # one row per place in an article (an atomic fact's repeat dropped)

    @property
    def sources_with_several(self) -> tuple[str, ...]:
        """Sources that themselves write the entity in two or more ways."""
        per_source = self.mentions.groupby("source")["spelling"].nunique()
        return tuple(sorted(per_source[per_source > 1].index))


def variants_of(entity: EntityView) -> Variants | None:
    """The entity's spellings, or None when it is written one way only."""
    rows = entity.mentions
    if rows.empty or "spelling" not in rows.columns:
        return None
    rows = rows[rows["spelling"].astype(str) != ""]
    if rows["spelling"].nunique() < 2:
        return None
    # a name in a sentence and in that sentence's atomic fact is one place in the article
    rows = (rows.sort_values(["source", "written_start", "written_end", "claim_id"], kind="stable")
            .drop_duplicates(["source", "written_start", "written_end"]))
    spellings = []
    for key, group in rows.groupby("spelling", sort=True):
        written = Counter(str(w) for w in group["written"])
        # the wording most written; among equals the one nearest the key (a form standing for
        # several wordings of one title is shown by the wording it came from)
        best = min(written, key=lambda w: (spelling_key(w) != key, -written[w],
                                           -fuzz.ratio(spelling_key(w), str(key)), w))
        spellings.append(Spelling(str(key), best, tuple(sorted(set(group["source"]))), len(group)))
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
    return Variants(entity, tuple(unique), rows)


def variant_finding(v: Variants, severity: Severity, identity_prefix: tuple[str, ...],
                    fields: tuple[tuple[str, str], ...] = ()) -> Finding:
    by_key = {s.key: s for s in v.spellings}
    kept = v.mentions[v.mentions["spelling"].isin(list(by_key))]
    evidence = tuple(sorted(
        (Evidence(source=str(r.source), line=int(r.line), quote=str(r.quote), claim_id=str(r.claim_id),
                  value=str(r.written), start=int(r.written_start), end=int(r.written_end))
         for r in row_tuples(kept)),
        key=lambda e: (e.source, e.line, e.start, e.claim_id),
    ))
    canonical = v.spellings[0]
    others = kept[kept["spelling"] != canonical.key]
    # the score and method of the least similar spelling, from a mention that was matched
    # on its own (not a surname-only mention attached to a full name)
    others = others.assign(_attached=others["method"].astype(str).str.startswith("surname"))
    weakest = (others.sort_values(["_attached", "score", "mention_id"], kind="stable").iloc[0]
               if not others.empty else None)
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

