"""Independent pieces of one stage on forked copies of this process.

Matching's linking and comparison run after every article is extracted, on tables that are
gigabytes of Python objects for an archive: sending them to a spawned worker would cost
more than the work. A forked child starts with them already in memory (copy on write),
so only the piece's index goes out and only its result comes back, pickled.

Used only where that is safe and worth it: on Linux (macOS system libraries are not
fork-safe), outside worker processes (they cannot have children) and with more than one
worker and more than one piece. Everywhere else the pieces run one after another in this
process, with the same results in the same order.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

Piece = TypeVar("Piece")
Result = TypeVar("Result")

_task: tuple[Callable[[object], object], Sequence[object]] | None = None


#: Claims below which a stage runs in this process: forking and sending results back cost
#: more than they save on a small run (and on one story of an archive, which already runs
#: on a worker of its own).
MIN_CLAIMS = 20_000


def stage_workers(workers: int, claims: int) -> int:
    """How many processes a cross-source stage may use: `workers` (0: one per CPU) for
    MIN_CLAIMS claims or more, else 1."""
    if claims < MIN_CLAIMS:
        return 1
    from checker.extract import default_workers

    return workers or default_workers()


def can_fork() -> bool:
    return (sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
            and not multiprocessing.current_process().daemon)


def fork_map(function: Callable[[Piece], Result], pieces: Sequence[Piece], workers: int) -> list[Result]:
    """[function(p) for p in pieces], on up to `workers` forked children when can_fork().
    `function` and `pieces` need not pickle (the children inherit them); each result must.
    Pieces are handed out one at a time, in order, so put the longest first."""
    if workers <= 1 or len(pieces) <= 1 or not can_fork():
        return [function(piece) for piece in pieces]
    # Frozen objects are never visited by a child's collector, which would otherwise touch
    # (and so copy) every page of the parent's heap.
    gc.freeze()
    try:
        context = multiprocessing.get_context("fork")
        with context.Pool(min(workers, len(pieces)), initializer=_receive, initargs=((function, pieces),)) as pool:
            return pool.map(_run, range(len(pieces)), chunksize=1)
    finally:
        gc.unfreeze()


def in_slices(items: Sequence[Piece], workers: int) -> list[Sequence[Piece]]:
    """`items` cut into consecutive slices for `fork_map`: four per worker, so that one slow
    slice does not hold the others up."""
    size = max(1, -(-len(items) // (4 * max(1, workers))))
    return [items[i:i + size] for i in range(0, len(items), size)]


def _receive(task: tuple[Callable[[object], object], Sequence[object]]) -> None:
    global _task
    _task = task
    # A child inherits the CLI's handlers, which raise on SIGTERM and SIGINT. The pool ends
    # its children with SIGTERM: one that raised while releasing the task queue's lock left
    # it held, and the parent, which takes that lock to shut the pool down, waited forever.
    # A child dies quietly on SIGTERM and leaves Ctrl-C to the parent.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(index: int) -> object:
    assert _task is not None
    function, pieces = _task
    return function(pieces[index])
