"""`checker extract`: ingestion and claim extraction only; writes claims/."""

from __future__ import annotations

from pathlib import Path

import click

from checker.cli import options


@click.command("extract", epilog=options.epilog(
    "checker extract seeds/ --claims-dir claims/",
    "checker extract new-article.md -v",
))
@options.input_paths
@options.claims_dir
@options.workers
@options.verbosity
@click.pass_context
def extract_command(ctx: click.Context, paths: tuple[Path, ...], follow_symlinks: bool, max_bytes: int,
                    claims_dir: Path, workers: int, quiet: bool, verbose: bool) -> None:
    """Split articles into classified claims with their facets and write
    CLAIMS_DIR/<source>.csv (no report, no comparison).

    PATHS are .txt/.md files or folders (searched recursively); default: seeds/. Problems
    with the input are printed one per line on stderr; the other files are still read.
    Claims files this checker wrote for articles no longer in the input are removed.
    """
    from checker.api import extract_paths
    from checker.config import CheckConfig
    from checker.gc_tuning import fewer_collections
    from checker.report import claims_files

    options.check_verbosity(quiet, verbose)
    config = CheckConfig(follow_symlinks=follow_symlinks, max_bytes=max_bytes, exclude_paths=(claims_dir,),
                         workers=workers)
    with fewer_collections():
        extraction = extract_paths(options.default_paths(paths), config)
    options.echo_problems(extraction.problems, verbose=verbose)
    if extraction.articles.empty:
        click.echo("checker: nothing could be read; no claims written", err=True)
        ctx.exit(2)
    files = claims_files(claims_dir, extraction.claims, extraction.facets)
    stale = [] if extraction.fatal else options.stale_claims(claims_dir, files)
    options.commit_outputs(ctx, files, stale, [claims_dir])
    if not quiet:
        segments = int((extraction.claims["unit"] == "segment").sum()) if not extraction.claims.empty else 0
        click.echo(f"{segments} segments from {len(extraction.articles)} articles -> "
                   f"{claims_dir.as_posix()}/")
    options.echo_removed(stale, claims_dir, quiet=quiet, verbose=verbose)
    if extraction.fatal:
        ctx.exit(2)
