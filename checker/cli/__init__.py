"""The `checker` command: a thin layer over the library API (`checker.api`).

Exit codes (the contract, also in README and --help):
  0  checked; no undecided finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or input error (a path that does not exist, a folder with no articles,
     nothing readable, a bad option)
  130 interrupted (Ctrl-C / SIGTERM); previous reports are left intact
"""

from __future__ import annotations

import signal
import sys

import click

from checker import __version__
from checker.cli.check import check_command
from checker.cli.explain import explain_command
from checker.cli.extract import extract_command

EXIT_CODES_HELP = """\b
Exit codes:
  0    checked; nothing at or above --fail-on
  1    findings at or above --fail-on
  2    usage or input error
  130  interrupted; previous reports left intact
"""


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=EXIT_CODES_HELP + "\n\b\nExample:\n  checker check seeds/\n  checker explain name_variant",
)
@click.version_option(__version__, "--version", prog_name="checker")
def cli() -> None:
    """Claim-level fact-check and source-consistency checker for newsrooms.

    Reads several articles about one story, splits them into claims, and reports what the
    sources agree on, where they disagree, and what only one of them says.
    """


cli.add_command(check_command)
cli.add_command(extract_command)
cli.add_command(explain_command)


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(prog_name="checker")
    except KeyboardInterrupt:
        click.echo("checker: interrupted; previous reports left intact", err=True)
        sys.exit(130)
