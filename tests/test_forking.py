"""Forked workers for matching's linking and for comparison (checker.forking): the same
results as one process, in the same order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker import forking
from checker.api import check_paths
from checker.atomic import LazyFiles, write_all_atomic
from checker.config import CheckConfig
from checker.forking import can_fork, fork_map, in_slices, stage_workers
from checker.report import FORMATS, output_files

needs_fork = pytest.mark.skipif(not can_fork(), reason="forked workers run on Linux only")


@needs_fork
def test_fork_map_gives_the_results_in_order_and_needs_no_pickling_of_its_inputs():
    offset = 1000
    seen_pids: set[int] = set()

    def work(n: int) -> tuple[int, int]:  # a closure: it could not be sent to a spawned worker
        return n + offset, os.getpid()

    results = fork_map(work, list(range(40)), workers=2)
    assert [value for value, _ in results] == [n + 1000 for n in range(40)]
    seen_pids.update(pid for _, pid in results)
    assert os.getpid() not in seen_pids  # the pieces ran in children


@needs_fork
def test_forked_children_die_quietly_on_sigterm_whatever_the_parents_handler():
    """The CLI raises on SIGTERM; a pool child that inherited that handler could raise while
    holding the task queue's lock as the pool ended it, and the parent then hung."""
    import signal

    def raising(signum: int, frame: object) -> None:
        raise RuntimeError("the parent's handler ran in a child")

    previous = signal.signal(signal.SIGTERM, raising)
    try:
        for _ in range(5):  # the pool is ended with SIGTERM each time
            handlers = fork_map(lambda n: (signal.getsignal(signal.SIGTERM),
                                           signal.getsignal(signal.SIGINT)), list(range(8)), workers=2)
            assert set(handlers) == {(signal.SIG_DFL, signal.SIG_IGN)}
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_fork_map_runs_in_this_process_for_one_worker_or_one_piece():
    assert fork_map(lambda n: (n, os.getpid()), [7], workers=4) == [(7, os.getpid())]
    assert fork_map(lambda n: (n, os.getpid()), [1, 2], workers=1) == [(1, os.getpid()), (2, os.getpid())]


def test_stage_workers_keeps_small_runs_in_one_process(monkeypatch):
    assert stage_workers(4, forking.MIN_CLAIMS - 1) == 1
    assert stage_workers(4, forking.MIN_CLAIMS) == 4
    monkeypatch.setattr("checker.extract.default_workers", lambda: 3)
    assert stage_workers(0, forking.MIN_CLAIMS) == 3


def _outputs(seeds: Path, out: Path, workers: int) -> dict[str, bytes]:
    result = check_paths([seeds], CheckConfig(workers=workers))
    files = output_files(result, FORMATS, out / "reports", out / "claims")
    write_all_atomic(LazyFiles(files))
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@needs_fork
def test_forked_stages_give_byte_identical_outputs(seeds_dir, tmp_path, monkeypatch):
    one = _outputs(seeds_dir, tmp_path / "one", workers=1)
    monkeypatch.setattr(forking, "MIN_CLAIMS", 0)  # fork even for five articles
    calls = []
    real_fork_map = forking.fork_map

    def counting(function, pieces, workers):
        calls.append((len(pieces), workers))
        return real_fork_map(function, pieces, workers)

    for module in ("checker.compare", "checker.match"):
        monkeypatch.setattr(f"{module}.fork_map", counting)
    two = _outputs(seeds_dir, tmp_path / "two", workers=2)
    assert two == one
    assert len(one) > 5
    assert sum(1 for pieces, workers in calls if pieces > 1 and workers == 2) == 2  # both stages forked


def test_in_slices_cuts_four_consecutive_slices_per_worker_and_keeps_every_item():
    items = list(range(37))
    slices = in_slices(items, 2)
    assert len(slices) == 8 and [x for part in slices for x in part] == items
    assert in_slices([], 2) == [] and in_slices([1], 4) == [[1]]
