"""Option groups shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

F = Callable[..., Any]


def input_paths(f: F) -> F:
    f = click.option("--follow-symlinks", is_flag=True,
                     help="Follow symbolic links that point outside the input folders.")(f)
    return click.argument("paths", nargs=-1, type=click.Path(path_type=Path))(f)


def claims_dir(f: F) -> F:
    return click.option("--claims-dir", type=click.Path(file_okay=False, path_type=Path),
                        default=Path("claims"), show_default=True,
                        help="Where claims/<source>.csv files are written.")(f)


def verbosity(f: F) -> F:
    f = click.option("-v", "--verbose", is_flag=True, help="Also print notes (skipped files, duplicates).")(f)
    return click.option("-q", "--quiet", is_flag=True, help="Print only errors.")(f)


def default_paths(paths: tuple[Path, ...]) -> list[Path]:
    return list(paths) if paths else [Path("seeds")]


def echo_problems(problems: Any, *, verbose: bool) -> None:
    """One line per problem on stderr: `checker: PATH: reason`."""
    for p in problems.itertuples(index=False):
        if p.severity == "error" or verbose:
            click.echo(f"checker: {p.path}: {p.message}", err=True)
