"""Findings: the frozen data every check produces, and the engine that runs the checks."""

from checker.findings.model import Evidence, Finding, KindDoc, Scope

__all__ = ["Evidence", "Finding", "KindDoc", "Scope"]
