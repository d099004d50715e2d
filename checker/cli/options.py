"""Option groups shared by several commands, and the few I/O helpers they share (printing
problems, writing outputs). Heavy modules (pandas, the pipeline) are imported lazily so that
`--help` and `--version` stay fast."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from checker.config import CheckConfig, Severity
from checker.tables import row_tuples

if TYPE_CHECKING:
    from checker.atomic import Content

F = Callable[..., Any]

EXIT_CODES_HELP = (
    "\b\nExit codes:\n"
    "  0    checked; nothing at or above --fail-on\n"
    "  1    findings at or above --fail-on\n"
    "  2    usage or input error (a path that does not exist, a folder with no\n"
    "       articles, nothing readable, a bad option, an output that cannot be written)\n"
    "  130  interrupted (Ctrl-C, SIGTERM); no report is half-written\n"
)

FAIL_ON_CHOICES = (*(s.label for s in sorted(Severity, reverse=True)), "never")
DEFAULT_MAX_BYTES: int = CheckConfig.max_bytes


def epilog(*examples: str) -> str:
    """Every command's help ends with its exit codes and an Example block."""
    return EXIT_CODES_HELP + "\n\b\nExample:\n" + "\n".join(f"  {e}" for e in examples)


def input_paths(f: F) -> F:
    f = click.option("--max-bytes", type=click.IntRange(min=0), default=DEFAULT_MAX_BYTES,
                     show_default=True, metavar="N",
                     help="Skip input files larger than N bytes, with a one-line error (0: no limit).")(f)
    f = click.option("--follow-symlinks", is_flag=True,
                     help="Follow symbolic links that point outside the input folders.")(f)
    return click.argument("paths", nargs=-1, type=click.Path(path_type=Path))(f)


def claims_dir(f: F) -> F:
    return click.option("--claims-dir", type=click.Path(file_okay=False, path_type=Path),
                        default=Path("claims"), show_default=True,
                        help="Where claims/<source>.csv files are written.")(f)


def workers(f: F) -> F:
    return click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
                        help="Processes for segmenting and extracting large inputs (pandas engine); "
                             "0: one per CPU, 1: no extra process.")(f)


def verbosity(f: F) -> F:
    f = click.option("-v", "--verbose", is_flag=True,
                     help="Also print notes (skipped non-article files, links not followed).")(f)
    return click.option("-q", "--quiet", is_flag=True,
                        help="Print only problems with the input (no summary).")(f)


def check_verbosity(quiet: bool, verbose: bool) -> None:
    if quiet and verbose:
        raise click.UsageError("--quiet and --verbose cannot be used together")


def default_paths(paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) if paths else [Path("seeds")]


def echo_problems(problems: Any, *, verbose: bool) -> None:
    """One line per problem on stderr: `checker: PATH: reason`. Errors and warnings always,
    notes only with --verbose."""
    for p in row_tuples(problems):
        if p.severity != "note" or verbose:
            click.echo(f"checker: {p.path}: {p.message}", err=True)


def claims_header_fields() -> list[str]:
    from checker.report.claims_csv import CLAIMS_CSV_COLUMNS

    return list(CLAIMS_CSV_COLUMNS)


def is_claims_file(path: Path) -> bool:
    """True for a regular .csv file whose header is a claims/ header this checker writes
    (columns are only ever added at the end, so an older file's header is a prefix)."""
    if path.suffix != ".csv" or path.is_symlink() or not path.is_file():
        return False
    try:
        with open(path, "rb") as fh:
            first = fh.readline(4096)
    except OSError:
        return False
    fields = first.decode("utf-8", "replace").rstrip("\r\n").split(",")
    ours = claims_header_fields()
    shared = min(len(fields), len(ours))
    return shared >= 4 and fields[:shared] == ours[:shared]


def stale_claims(folder: Path, keep: Iterable[Path]) -> list[Path]:
    """Claims files in `folder` written by checker for articles that are not in this run."""
    if not folder.is_dir():
        return []
    kept = {os.path.realpath(p) for p in keep}
    found = [folder / e.name for e in os.scandir(folder) if e.name.endswith(".csv")]
    return sorted(p for p in found if os.path.realpath(p) not in kept and is_claims_file(p))


def write_outputs(files: Mapping[Path, Callable[[], Content]], remove: list[Path],
                  allowed: list[Path]) -> str | None:
    """Write everything atomically, each file rendered (by its function) only when it is
    staged. None when written; else the one-line error (the previous outputs
    stay as they were)."""
    from checker.atomic import LazyFiles, write_all_atomic

    try:
        write_all_atomic(LazyFiles(files), remove=remove, allowed=allowed)
    except OSError as exc:
        where = exc.filename or (allowed[0] if allowed else "output")
        return f"checker: {Path(where).as_posix()}: cannot write: {exc.strerror or exc}"
    return None


def commit_outputs(ctx: click.Context, files: Mapping[Path, Callable[[], Content]], remove: list[Path],
                   allowed: list[Path]) -> None:
    """`write_outputs`; an output that cannot be written is a one-line error and exit 2."""
    error = write_outputs(files, remove, allowed)
    if error:
        click.echo(error, err=True)
        ctx.exit(2)


def echo_removed(removed: list[Path], claims_dir: Path, *, quiet: bool, verbose: bool) -> None:
    if quiet or not removed:
        return
    if verbose:
        for path in removed:
            click.echo(f"removed {path.as_posix()} (its article is not in this run)")
    else:
        click.echo(f"removed {len(removed)} stale claims file(s) from {claims_dir.as_posix()}/ "
                   f"(articles not in this run; -v lists them)")
