"""`checker check`: the whole pipeline; writes reports/ and claims/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from checker.cli import options

FORMAT_CHOICES = ("md", "json", "csv")
FAIL_ON_CHOICES = ("high", "medium", "low", "info", "never")


def _parse_formats(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    chosen: list[str] = []
    for item in value or ("md,json",):
        for name in item.split(","):
            name = name.strip().lower()
            if not name:
                continue
            if name not in FORMAT_CHOICES:
                raise click.BadParameter(f"{name!r} is not one of {', '.join(FORMAT_CHOICES)}")
            if name not in chosen:
                chosen.append(name)
    return tuple(chosen)


@click.command(
    "check",
    epilog=(
        "\b\nExit codes:\n  0    checked; nothing at or above --fail-on\n"
        "  1    findings at or above --fail-on\n  2    usage or input error\n"
        "\b\nExamples:\n  checker check seeds/\n"
        "  checker check seeds/ --format md,json,csv --out reports/\n"
        "  checker check a.txt b.md --fail-on high --quiet"
    ),
)
@options.input_paths
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"),
              show_default=True, help="Folder for the reports.")
@click.option("--format", "formats", multiple=True, callback=_parse_formats, metavar="FMT[,FMT]",
              help="Report formats: md, json, csv (repeatable or comma-separated). Default: md,json.")
@options.claims_dir
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), default="never", show_default=True,
              help="Exit 1 when a finding at or above this severity exists.")
@click.option("--select", multiple=True, metavar="KIND", help="Run only these kinds or codes.")
@click.option("--ignore", multiple=True, metavar="KIND", help="Skip these kinds or codes.")
@click.option("--preview", is_flag=True, help="Also run preview (off-by-default) kinds.")
@options.verbosity
def check_command(paths: tuple[Path, ...], follow_symlinks: bool, out: Path, formats: tuple[str, ...],
                  claims_dir: Path, fail_on: str, select: tuple[str, ...], ignore: tuple[str, ...],
                  preview: bool, quiet: bool, verbose: bool) -> None:
    """Check articles for consistency and write the reports.

    PATHS are .txt/.md files or folders (searched recursively); default: seeds/.
    Writes OUT/consistency.md (for editors), OUT/consistency.json, OUT/findings.csv and
    CLAIMS_DIR/<source>.csv.
    """
    from checker.api import check_paths
    from checker.atomic import write_all_atomic
    from checker.config import CheckConfig, Severity
    from checker.report import FORMATS, render_claims
    from checker.report.summary import terminal_summary

    config = CheckConfig(follow_symlinks=follow_symlinks, select=select, ignore=ignore, preview=preview)
    result = check_paths(options.default_paths(paths), config)
    options.echo_problems(result.problems, verbose=verbose)
    if result.tables.articles.empty:
        click.echo("checker: nothing to check; no report written", err=True)
        sys.exit(2)

    files: dict[Path, str] = {}
    for fmt in formats:
        name, render = FORMATS[fmt]
        files[out / name] = render(result)
    for source, text in render_claims(result.tables.claims, result.tables.facets).items():
        files[claims_dir / f"{source}.csv"] = text
    write_all_atomic(files)

    if not quiet:
        click.echo(terminal_summary(result, [out / FORMATS[f][0] for f in formats]))
    if result.fatal:
        sys.exit(2)
    if fail_on != "never":
        threshold = Severity.parse(fail_on)
        if any(f.severity >= threshold for f in result.findings):
            sys.exit(1)
