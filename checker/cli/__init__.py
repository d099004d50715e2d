"""The `checker` command: a thin layer over the library API (`checker.api`), one module per
command (check, extract, explain, decide).

Exit codes (the contract, also in README and every command's --help):
  0   checked; nothing at or above --fail-on
  1   findings at or above --fail-on
  2   usage or input error (a path that does not exist, a folder with no articles,
      nothing readable, a bad option, an output that cannot be written)
  130 interrupted (Ctrl-C / SIGTERM); outputs are committed all at once, so the previous
      reports are left intact (or, if the signal came during the commit, the new ones are
      complete)
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence

import click

from checker import __version__
from checker.cli import options
from checker.cli.check import check_command
from checker.cli.decide import decide_command
from checker.cli.explain import explain_command
from checker.cli.extract import extract_command

EXIT_INTERRUPTED = 130


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=options.epilog("checker check seeds/", "checker extract seeds/", "checker explain name_variant",
                          "checker decide 601bbb1d55cf4453 --status dismissed --note \"two people\""),
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
cli.add_command(decide_command)


class Interrupted(BaseException):
    """Raised from the SIGINT/SIGTERM handler; a BaseException so that no `except
    Exception` (and not click's own KeyboardInterrupt handling) swallows it."""


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def main(argv: Sequence[str] | None = None) -> None:
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _interrupt)
    try:
        code = cli.main(args=list(argv) if argv is not None else None, prog_name="checker",
                        standalone_mode=False)
    except (Interrupted, click.exceptions.Abort):
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C must not print a traceback
        click.echo("checker: interrupted; no report was half-written", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
