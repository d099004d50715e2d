"""The editor workflow, applied after the checks: decisions that stick, the reference fact
ledger, and a baseline for CI.

    inputs = load_workflow(config)          # reads decisions, reference ledger, baseline
    config = inputs.configured(config)      # reference facts for the reference_conflict check
    findings = run_checks(...)              # the usual stages and checks
    outcome = apply_workflow(findings, inputs, tables, config)

`apply_workflow` is pure: it attaches each finding's decision (`Finding.decision`) and, with a
baseline, whether it is new (`Finding.new`); lists the decisions whose finding no longer
occurs (stale) and the claims that match a reference fact (verified). `gate` picks the
findings that count towards `--fail-on`: undecided, at or above the threshold, and new when
there is a baseline.

Files (defaults next to the claims: claims/decisions.csv, claims/reference.csv): see
`checker.workflow.decisions`, `checker.workflow.reference` and `checker.workflow.baseline`.
A malformed file raises `WorkflowInputError` ("PATH:LINE: reason"); a missing decisions or
reference file means none; a missing baseline is an error (it was asked for).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from checker.config import CheckConfig, Severity
from checker.findings.model import Finding
from checker.tables import Tables
from checker.workflow.baseline import Baseline, read_baseline
from checker.workflow.decisions import Decision, WorkflowInputError, read_decisions
from checker.workflow.reference import (
    ReferenceCheck,
    ReferenceFact,
    canonical_facts,
    match_references,
    read_reference,
)

__all__ = [
    "Decision", "ReferenceFact", "Verification", "WorkflowInputError", "WorkflowInputs",
    "WorkflowOutcome", "apply_workflow", "gate", "load_workflow",
]


@dataclass(frozen=True)
class WorkflowInputs:
    decisions: dict[str, Decision] = dataclasses.field(default_factory=dict)
    facts: tuple[ReferenceFact, ...] = ()  # the ledger's, the config's and the canonical forms
    baseline: Baseline | None = None

    def configured(self, config: CheckConfig) -> CheckConfig:
        """The config with every reference fact, for the reference_conflict check."""
        return dataclasses.replace(config, reference_facts=self.facts)


@dataclass(frozen=True)
class Verification:
    """A ledger fact and the claims that match it."""

    fact: ReferenceFact
    claims: tuple[ReferenceCheck, ...]


@dataclass(frozen=True)
class WorkflowOutcome:
    findings: list[Finding]
    stale_decisions: tuple[Decision, ...]
    verified: tuple[Verification, ...]


def load_workflow(config: CheckConfig) -> WorkflowInputs:
    """Read the files the config names. Raises WorkflowInputError for a malformed one."""
    decisions = read_decisions(config.decisions_path) if config.decisions_path else {}
    ledger = read_reference(config.reference_path) if config.reference_path else ()
    baseline = read_baseline(config.baseline_path) if config.baseline_path else None
    facts = _unique((*config.reference_facts, *ledger, *canonical_facts(decisions.values())))
    return WorkflowInputs(decisions=decisions, facts=facts, baseline=baseline)


def _unique(facts: Iterable[ReferenceFact]) -> tuple[ReferenceFact, ...]:
    return tuple(dict.fromkeys(facts))


def apply_workflow(findings: Sequence[Finding], inputs: WorkflowInputs, tables: Tables,
                   config: CheckConfig) -> WorkflowOutcome:
    checks = match_references(tables, inputs.facts, config.thresholds) if inputs.facts else []
    baseline = inputs.baseline
    marked = [
        dataclasses.replace(
            f,
            decision=inputs.decisions.get(f.fingerprint),
            new=None if baseline is None else f.fingerprint not in baseline,
        )
        for f in findings
    ]
    occurring = {f.fingerprint for f in findings}
    canonical_in_use = {c.fact.decision for c in checks if c.fact.decision}
    stale = tuple(
        d for fp, d in sorted(inputs.decisions.items())
        if fp not in occurring and fp not in canonical_in_use
    )
    verified: dict[ReferenceFact, list[ReferenceCheck]] = {}
    for c in checks:
        if c.verdict == "verified" and not c.fact.decision:
            verified.setdefault(c.fact, []).append(c)
    verifications = tuple(
        Verification(fact, tuple(sorted(claims, key=ReferenceCheck.sort_key)))
        for fact, claims in sorted(verified.items(), key=lambda kv: (kv[0].key, kv[0].line))
    )
    return WorkflowOutcome(findings=marked, stale_decisions=stale, verified=verifications)


def gate(findings: Iterable[Finding], threshold: Severity) -> list[Finding]:
    """The findings that make `--fail-on threshold` fail: undecided, at or above the
    threshold, and not in the baseline (when there is one)."""
    return [f for f in findings
            if f.severity >= threshold and getattr(f, "decision", None) is None
            and getattr(f, "new", None) is not False]
