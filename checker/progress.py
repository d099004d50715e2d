"""Stage progress: the library reports which stage it is in; the CLI draws a bar.

The library API (`checker.api`) takes an optional `progress` callback and calls it with the
name of each stage as the stage starts (`STAGES`, in order) and with `DONE` at the end. It
never prints. Two listeners live here:

- `ProgressBar` draws one self-rewriting line on a terminal stream (stderr), by stage:
  `checker: [###-----] 3/8 facets  4.2s`. It stays silent for the first `delay` seconds, so
  a short run prints nothing, and it is only created when `progress_wanted` says so: the
  stream is a terminal, `--quiet` was not given and the `CI` environment variable is unset.
- `StageTimer` records each stage's wall time (the benchmark uses it).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from typing import TextIO

#: The stages of a check, in the order the API reports them.
STAGES = ("ingest", "segment", "facets", "resolve", "match", "compare", "findings", "report")
#: Reported after the last stage.
DONE = "done"
#: A bar appears only on runs that last longer than this many seconds.
DEFAULT_DELAY = 2.0
#: How often the bar redraws its clock.
REFRESH_SECONDS = 0.25
BAR_WIDTH = 16

Progress = Callable[[str], None]


def progress_wanted(stream: TextIO, *, quiet: bool, environ: Mapping[str, str] | None = None) -> bool:
    """True when a progress bar may be drawn on `stream`: a terminal, not --quiet, not CI."""
    env = os.environ if environ is None else environ
    if quiet or env.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


class ProgressBar:
    """A by-stage progress line on a terminal. Use as a context manager; call it with stage
    names. A background thread redraws the clock; nothing is drawn before `delay` seconds."""

    def __init__(self, stream: TextIO, *, delay: float | None = None,
                 stages: tuple[str, ...] = STAGES, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.delay = DEFAULT_DELAY if delay is None else delay
        self.stages = stages
        self.clock = clock
        self.started = clock()
        self.stage = ""
        self.drawn = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> ProgressBar:
        self.started = self.clock()
        self._thread = threading.Thread(target=self._tick, name="checker-progress", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, stage: str) -> None:
        with self._lock:
            self.stage = stage
        if stage == DONE:
            self.close()
        else:
            self.refresh()

    def line(self) -> str:
        """The text of the bar for the current stage and clock."""
        position = self.stages.index(self.stage) if self.stage in self.stages else 0
        filled = round(BAR_WIDTH * position / len(self.stages))
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        elapsed = self.clock() - self.started
        return (f"checker: [{bar}] {position + 1}/{len(self.stages)} {self.stage:<9} "
                f"{elapsed:5.1f}s")

    def refresh(self) -> None:
        with self._lock:
            if not self.stage or self.stage == DONE or self.clock() - self.started < self.delay:
                return
            self._write("\r" + self.line())
            self.drawn = True

    def close(self) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        with self._lock:
            if self.drawn:
                self._write("\r" + " " * len(self.line()) + "\r")  # leave the terminal clean
                self.drawn = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self._stop.set()  # a closed terminal is not worth an error

    def _tick(self) -> None:
        while not self._stop.wait(REFRESH_SECONDS):
            self.refresh()


class StageTimer:
    """Records wall seconds per stage: `timer.seconds["facets"]`."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.clock = clock
        self.seconds: dict[str, float] = {}
        self._stage = ""
        self._since = 0.0

    def __call__(self, stage: str) -> None:
        now = self.clock()
        if self._stage:
            self.seconds[self._stage] = self.seconds.get(self._stage, 0.0) + now - self._since
        self._stage = "" if stage == DONE else stage
        self._since = now


def chain(*listeners: Progress | None) -> Progress | None:
    """One callback that calls every given listener in turn (None when there are none)."""
    present = [listener for listener in listeners if listener is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]

    def call(stage: str) -> None:
        for listener in present:
            listener(stage)

    return call
