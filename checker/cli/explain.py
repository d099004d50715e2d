"""`checker explain KIND`: what a finding kind means and how to act on it."""

from __future__ import annotations

import click

from checker.cli import options


@click.command("explain", epilog=options.epilog(
    "checker explain name_variant",
    "checker explain CK101",
    "checker explain --all",
))
@click.argument("kind", required=False)
@click.option("--all", "show_all", is_flag=True, help="List every finding kind.")
def explain_command(kind: str | None, show_all: bool) -> None:
    """Explain a finding KIND (name or code): what it flags, why it matters, an example, and
    how to resolve it. Without KIND (or with --all): the table of every kind."""
    from checker.checks import REGISTRY, by_kind
    from checker.report.docs import kind_doc_text, kinds_table

    if show_all or not kind:
        click.echo(kinds_table(REGISTRY))
        return
    check = by_kind(kind)
    if check is None:
        raise click.BadParameter(f"unknown kind {kind!r}; try `checker explain --all`", param_hint="KIND")
    click.echo(kind_doc_text(check))
