"""The progress bar: on a terminal only, by stage, never with --quiet or in CI."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import progress
from checker.cli import cli
from checker.progress import DONE, STAGES, ProgressBar, StageTimer, chain, progress_wanted

ARTICLES = Path(__file__).resolve().parent / "articles"


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_wanted_only_on_a_terminal_outside_ci_and_without_quiet():
    assert progress_wanted(FakeTerminal(), quiet=False, environ={})
    assert not progress_wanted(io.StringIO(), quiet=False, environ={})
    assert not progress_wanted(FakeTerminal(), quiet=True, environ={})
    assert not progress_wanted(FakeTerminal(), quiet=False, environ={"CI": "true"})
    assert not progress_wanted(FakeTerminal(), quiet=False, environ={"CI": "1"})
    assert progress_wanted(FakeTerminal(), quiet=False, environ={"CI": "false"})


def test_bar_draws_the_stage_after_the_delay_and_clears_its_line():
    stream, clock = FakeTerminal(), FakeClock()
    bar = ProgressBar(stream, delay=2.0, clock=clock)
    bar("ingest")
    bar("segment")
    assert stream.getvalue() == ""  # a short run prints nothing
    clock.now += 2.5
    bar("facets")
    drawn = stream.getvalue()
    position = STAGES.index("facets") + 1
    assert f"{position}/{len(STAGES)} facets" in drawn
    assert drawn.startswith("\rchecker: [")
    bar(DONE)
    assert stream.getvalue().endswith("\r")  # the line is blanked, the cursor back at its start
    assert bar.drawn is False


def test_bar_as_context_manager_redraws_from_its_thread_and_stops():
    stream = FakeTerminal()
    with ProgressBar(stream, delay=0.0) as bar:
        bar("match")
        bar.refresh()
    assert "match" in stream.getvalue()
    assert bar._thread is not None and not bar._thread.is_alive()


def test_timer_records_each_stage_once_and_chain_calls_every_listener():
    clock = FakeClock()
    timer = StageTimer(clock=clock)
    seen: list[str] = []
    both = chain(timer, seen.append, None)
    assert both is not None
    for stage, seconds in (("ingest", 1.0), ("segment", 2.0), ("facets", 4.0)):
        both(stage)
        clock.now += seconds
    both(DONE)
    assert timer.seconds == {"ingest": 1.0, "segment": 2.0, "facets": 4.0}
    assert seen == ["ingest", "segment", "facets", DONE]
    assert chain(None) is None


def test_library_reports_every_stage_in_order():
    from checker.api import check_paths

    seen: list[str] = []
    check_paths([ARTICLES / "trade_deal"], progress=seen.append)
    assert seen == list(STAGES[:-1])  # the CLI adds "report"


@pytest.fixture
def tty_stderr(monkeypatch):
    """Make the CLI believe stderr is a terminal and draw the bar at once."""
    monkeypatch.setattr(progress, "DEFAULT_DELAY", 0.0)
    monkeypatch.setattr(progress, "progress_wanted",
                        lambda stream, *, quiet, environ=None: not quiet)


def _check(tmp_path: Path, *extra: str) -> str:
    result = CliRunner().invoke(cli, ["check", str(ARTICLES / "trade_deal"), "--out",
                                      str(tmp_path / "r"), "--claims-dir", str(tmp_path / "c"),
                                      "--no-cache", *extra])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_cli_draws_the_bar_on_a_terminal(tmp_path, tty_stderr):
    stderr = _check(tmp_path)
    assert "checker: [" in stderr
    assert "report" in stderr


def test_cli_is_quiet_with_quiet_even_on_a_terminal(tmp_path, tty_stderr):
    assert "checker: [" not in _check(tmp_path, "--quiet")


def test_cli_draws_nothing_when_stderr_is_not_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(progress, "DEFAULT_DELAY", 0.0)
    assert "checker: [" not in _check(tmp_path)
