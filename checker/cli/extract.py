"""`checker extract`: ingestion and claim extraction only; writes claims/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.cli import options


@click.command("extract", epilog="\b\nExample:\n  checker extract seeds/ --claims-dir claims/")
@options.input_paths
@options.claims_dir
@options.verbosity
def extract_command(paths: tuple[Path, ...], follow_symlinks: bool, claims_dir: Path,
                    quiet: bool, verbose: bool) -> None:
    """Split articles into classified claims with their facets and write claims/<source>.csv.

    PATHS are .txt/.md files or folders (searched recursively); default: seeds/.
    """
    from checker.api import extract_paths
    from checker.atomic import write_all_atomic
    from checker.config import CheckConfig
    from checker.report import render_claims

    extraction = extract_paths(options.default_paths(paths), CheckConfig(follow_symlinks=follow_symlinks))
    options.echo_problems(extraction.problems, verbose=verbose)
    files = {claims_dir / f"{source}.csv": text
             for source, text in render_claims(extraction.claims, extraction.facets).items()}
    write_all_atomic(files)
    if not quiet:
        click.echo(f"{len(extraction.claims)} segments from {len(extraction.articles)} articles -> {claims_dir}/")
    if extraction.fatal:
        sys.exit(2)
