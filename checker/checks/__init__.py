"""The one register of finding kinds. Adding a kind: one new module that defines CHECK, and
one line here. Codes are permanent and never reused."""

from __future__ import annotations

from checker.checks import agreement, name_variant, org_variant, reference_conflict, title_variant
from checker.findings.check import Check

REGISTRY: tuple[Check, ...] = (
    agreement.CHECK,
    name_variant.CHECK,
    title_variant.CHECK,
    org_variant.CHECK,
    reference_conflict.CHECK,
)


def by_kind(name: str) -> Check | None:
    for check in REGISTRY:
        if check.matches(name):
            return check
    return None
