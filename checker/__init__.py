"""checker: claim-level fact-check and source-consistency checker for newsrooms.

The library API (what the CLI calls, and what a notebook can call)::

    from checker import check_paths, CheckConfig
    result = check_paths(["seeds/"], CheckConfig())
    result.findings          # list[Finding]
    result.tables.claims     # pandas DataFrame, one row per segment / atomic fact

The pipeline, one module per stage:
ingest -> segment -> facets -> resolve -> match -> compare -> findings -> report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["CheckConfig", "CheckResult", "__version__", "check_paths", "extract_paths"]

if TYPE_CHECKING:  # pragma: no cover
    from checker.api import CheckResult, check_paths, extract_paths
    from checker.config import CheckConfig


def __getattr__(name: str) -> Any:
    # Lazy: `checker --version` and `checker explain` must not pay for pandas.
    if name in ("check_paths", "extract_paths", "CheckResult"):
        from checker import api

        return getattr(api, name)
    if name == "CheckConfig":
        from checker.config import CheckConfig

        return CheckConfig
    raise AttributeError(name)
