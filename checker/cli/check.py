"""`checker check`: the whole pipeline; writes reports/ and claims/."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from checker.cli import options
from checker.cli.options import F

DEFAULT_CACHE_DIR = Path(".checker-cache")
ENGINES = ("pandas", "dask")
Progress = Callable[[str], None]

DEFAULT_FORMATS = ("md", "json")


def format_names() -> tuple[str, ...]:
    """The report formats, as registered in checker.report.FORMATS (the single source)."""
    from checker.report import FORMATS

    return tuple(FORMATS)


class _FormatOption(click.Option):
    """Lists the registered formats in --help without importing the pipeline up front."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        self.help = (f"Report formats: {', '.join(format_names())} (repeatable or "
                     f"comma-separated). Default: {','.join(DEFAULT_FORMATS)}.")
        return super().get_help_record(ctx)


def _parse_formats(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> tuple[str, ...]:
    known = format_names()
    chosen: list[str] = []
    for item in value or (",".join(DEFAULT_FORMATS),):
        for name in item.split(","):
            name = name.strip().lower()
            if not name:
                continue
            if name not in known:
                raise click.BadParameter(f"{name!r} is not one of {', '.join(known)}")
            if name not in chosen:
                chosen.append(name)
    if not chosen:
        raise click.BadParameter("no format given")
    return tuple(chosen)


def engine_options(f: F) -> F:
    f = click.option("--no-cache", is_flag=True,
                     help="Extract every article again; do not read or write the cache.")(f)
    f = click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path),
                     default=DEFAULT_CACHE_DIR, show_default=True,
                     help="Where unchanged articles' claims and facets are cached between runs.")(f)
    f = click.option("--scheduler", metavar="ADDRESS", default=None,
                     help="With --engine dask: a running Dask scheduler (tcp://host:8786); "
                          "default: start a local cluster.")(f)
    return click.option("--engine", type=click.Choice(ENGINES), default="pandas", show_default=True,
                        help="pandas: in this process; dask: on a Dask cluster (the dask extra).")(f)


def workflow_options(f: F) -> F:
    f = click.option("--baseline", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     metavar="PATH",
                     help="A previous consistency.json: only findings it does not hold count for "
                          "--fail-on, and the report marks them new.")(f)
    f = click.option("--reference", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     metavar="PATH",
                     help="Reference fact ledger (default: CLAIMS_DIR/reference.csv, when it exists).")(f)
    return click.option("--decisions", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        metavar="PATH",
                        help="Editor decisions (default: CLAIMS_DIR/decisions.csv, when it exists; "
                             "see `checker decide`).")(f)


@contextmanager
def progress_bar(*, quiet: bool) -> Iterator[Progress]:
    """A by-stage bar on stderr when it is a terminal (not with --quiet, not in CI)."""
    from checker.progress import ProgressBar, progress_wanted

    stream = sys.stderr
    if not progress_wanted(stream, quiet=quiet):
        yield _silent
        return
    with ProgressBar(stream) as bar:
        yield bar


def _silent(stage: str) -> None:
    return None


def run_engine(ctx: click.Context, check: Callable[..., Any], paths: list[Path], config: Any,
               progress: Progress) -> Any:
    """Run the check; an engine that is not installed or cannot be reached is a one-line
    error and exit 2."""
    from checker.engine_dask import EngineError
    from checker.workflow import WorkflowInputError

    if config.scheduler and config.engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    try:
        return check(paths, config, progress=progress)
    except (EngineError, WorkflowInputError) as exc:
        click.echo(f"checker: {exc}", err=True)
        ctx.exit(2)


@click.command(
    "check",
    epilog=options.epilog(
        "checker check seeds/",
        "checker check seeds/ --format md,json,csv --out reports/",
        "checker check a.txt b.md --fail-on high --quiet",
        "checker check -- -leading-dash.txt",
        "checker check archive/ --stories folders",
        "checker check archive/ --engine dask --scheduler tcp://10.0.0.5:8786",
        "checker check seeds/ --baseline base/consistency.json --fail-on medium --format md,json,github",
    ),
)
@options.input_paths
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"),
              show_default=True, help="Folder for the reports.")
@click.option("--format", "formats", cls=_FormatOption, multiple=True, callback=_parse_formats,
              metavar="FMT[,FMT]")
@options.claims_dir
@click.option("--fail-on", type=click.Choice(options.FAIL_ON_CHOICES), default="never", show_default=True,
              help="Exit 1 when an undecided finding at or above this severity exists "
                   "(with --baseline: a new one).")
@workflow_options
@click.option("--select", multiple=True, metavar="KIND", help="Run only these kinds or codes.")
@click.option("--ignore", multiple=True, metavar="KIND", help="Skip these kinds or codes.")
@click.option("--preview", is_flag=True, help="Also run preview (off-by-default) kinds.")
@click.option("--stories", type=click.Choice(("one", "folders")), default="one", show_default=True,
              help="one: every article is about one story; folders: every folder inside PATHS "
                   "is a story of its own, checked on its own into OUT/<folder>/, with an index "
                   "in OUT/stories.md and OUT/stories.json (an archive).")
@engine_options
@options.workers
@options.verbosity
@click.pass_context
def check_command(ctx: click.Context, paths: tuple[Path, ...], follow_symlinks: bool, max_bytes: int,
                  out: Path, formats: tuple[str, ...], claims_dir: Path, fail_on: str,
                  decisions: Path | None, reference: Path | None, baseline: Path | None,
                  select: tuple[str, ...], ignore: tuple[str, ...], preview: bool, stories: str,
                  engine: str, scheduler: str | None, workers: int, cache_dir: Path,
                  no_cache: bool, quiet: bool, verbose: bool) -> None:
    """Check articles for consistency and write the reports.

    PATHS are .txt/.md files or folders (searched recursively); default: seeds/. Problems
    with the input are printed one per line on stderr as `checker: PATH: reason`, and the
    other files are still checked. Writes OUT/consistency.md (for editors),
    OUT/consistency.json, OUT/findings.csv and CLAIMS_DIR/<source>.csv, atomically; claims
    files this checker wrote for articles no longer in the input are removed.

    Editor decisions (CLAIMS_DIR/decisions.csv, see `checker decide`) move findings to
    "Decided findings"; the reference ledger (CLAIMS_DIR/reference.csv) turns contradicted
    facts into reference_conflict findings and marks matching claims verified. A malformed
    decisions, reference or baseline file is a one-line error naming the file and line, exit
    2. --format sarif writes OUT/consistency.sarif; --format github prints GitHub Actions
    annotations on stdout (the summary then goes to stderr).

    With --stories folders, each story's reports go to OUT/<story folder>/ and the index to
    OUT/stories.md and OUT/stories.json; an unchanged story's reports are reused from the
    cache.
    """
    from checker.api import check_paths
    from checker.config import CheckConfig
    from checker.gc_tuning import fewer_collections
    from checker.progress import DONE
    from checker.report import FORMATS, output_files
    from checker.report.summary import terminal_summary

    options.check_verbosity(quiet, verbose)
    config = CheckConfig(follow_symlinks=follow_symlinks, max_bytes=max_bytes,
                         exclude_paths=(out, claims_dir, cache_dir), select=select, ignore=ignore,
                         preview=preview, cache_dir=None if no_cache else cache_dir,
                         engine=engine, scheduler=scheduler, workers=workers,
                         decisions_path=decisions or claims_dir / "decisions.csv",
                         reference_path=reference or claims_dir / "reference.csv",
                         baseline_path=baseline)
    if stories == "folders":
        _check_stories(ctx, paths, config, formats, out, claims_dir, fail_on, quiet, verbose)
        return
    printed: list[str] = []
    stale: list[Path] = []
    write_error = None
    with progress_bar(quiet=quiet) as progress, fewer_collections():
        result = run_engine(ctx, check_paths, options.default_paths(paths), config, progress)
        progress("report")
        if not result.tables.articles.empty:
            # Each file is rendered as it is written, so an archive's reports are never all
            # in memory at once; the set is still committed all or nothing.
            files = output_files(result, formats, out, claims_dir)
            printed = [FORMATS[fmt][1](result) for fmt in formats if not FORMATS[fmt][0]]
            # A run with a wrong path is not the whole picture: keep other claims files then.
            stale = [] if result.fatal else options.stale_claims(claims_dir, files)
            write_error = options.write_outputs(files, stale, [out, claims_dir])
        progress(DONE)
    _conclude(ctx, result, nothing_read=result.tables.articles.empty, write_error=write_error, printed=printed, stale=stale, claims_dir=claims_dir,
              summary=lambda: terminal_summary(result, [out / FORMATS[f][0] for f in formats if FORMATS[f][0]]),
              fail_on=fail_on, quiet=quiet, verbose=verbose)


def _conclude(ctx: click.Context, result: Any, *, nothing_read: bool, write_error: str | None, printed: list[str],
              stale: list[Path], claims_dir: Path, summary: Callable[[], str], fail_on: str,
              quiet: bool, verbose: bool) -> None:
    """After the outputs are written: problems, printed formats, the summary, and the exit
    code. `result`: a CheckResult or a StoriesRun (its problems, findings and fatal)."""
    from checker.config import Severity
    from checker.workflow import gate

    options.echo_problems(result.problems, verbose=verbose)
    if nothing_read:
        click.echo("checker: nothing could be checked; no report written", err=True)
        ctx.exit(2)
    if write_error:
        click.echo(write_error, err=True)
        ctx.exit(2)
    for text in printed:  # --format github: annotations on stdout, the summary on stderr
        click.echo(text, nl=False)
    if not quiet:
        click.echo(summary(), err=bool(printed))
    options.echo_removed(stale, claims_dir, quiet=quiet, verbose=verbose)
    if result.fatal:
        ctx.exit(2)
    if fail_on != "never" and gate(result.findings, Severity.parse(fail_on)):
        ctx.exit(1)


def _check_stories(ctx: click.Context, paths: tuple[Path, ...], config: Any, formats: tuple[str, ...],
                   out: Path, claims_dir: Path, fail_on: str, quiet: bool, verbose: bool) -> None:
    """`checker check --stories folders`: every story on its own (checker.stories)."""
    from functools import partial

    from checker.gc_tuning import fewer_collections
    from checker.progress import DONE
    from checker.report import FORMATS
    from checker.report.stories_index import stories_summary
    from checker.stories import INDEX_FILES, check_stories

    if config.engine != "pandas":
        raise click.UsageError("--stories folders runs on the pandas engine")
    write_error = None
    stale: list[Path] = []
    with progress_bar(quiet=quiet) as progress, fewer_collections():
        run = run_engine(ctx, partial(check_stories, formats=formats), options.default_paths(paths),
                         config, progress)
        with run:
            progress("report")
            if not run.articles.empty:
                files = run.output_files(formats, out, claims_dir)
                stale = [] if run.fatal else options.stale_claims(claims_dir, files)
                write_error = options.write_outputs(files, stale, [out, claims_dir])
            progress(DONE)
    printed = [] if run.articles.empty else [run.printed(fmt) for fmt in formats if not FORMATS[fmt][0]]
    _conclude(ctx, run, nothing_read=run.articles.empty, write_error=write_error, printed=printed, stale=stale, claims_dir=claims_dir,
              summary=lambda: stories_summary(run, [out / INDEX_FILES[f] for f in formats if f in INDEX_FILES]),
              fail_on=fail_on, quiet=quiet, verbose=verbose)
