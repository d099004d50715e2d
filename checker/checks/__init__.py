"""The one register of finding kinds. Adding a kind: one new module that defines CHECK, and
one line here. Codes are permanent and never reused."""

from __future__ import annotations

from checker.checks import (
    agreement,
    date_conflict,
    date_discrepancy,
    figure_discrepancy,
    framing,
    name_variant,
    number_conflict,
    org_variant,
    place_conflict,
    place_discrepancy,
    quote_variant,
    reference_conflict,
    seat_conflict,
    single_source_figure,
    title_variant,
    weekday_mismatch,
)
from checker.findings.check import Check

REGISTRY: tuple[Check, ...] = (
    agreement.CHECK,
    name_variant.CHECK,
    title_variant.CHECK,
    org_variant.CHECK,
    reference_conflict.CHECK,
    number_conflict.CHECK,
    date_conflict.CHECK,
    place_conflict.CHECK,
    framing.CHECK,
    seat_conflict.CHECK,
    quote_variant.CHECK,
    figure_discrepancy.CHECK,
    date_discrepancy.CHECK,
    place_discrepancy.CHECK,
    single_source_figure.CHECK,
    weekday_mismatch.CHECK,
)


def by_kind(name: str) -> Check | None:
    for check in REGISTRY:
        if check.matches(name):
            return check
    return None
