"""Atomic output: all files or none, nothing outside the output folders, no temp files left."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from checker import atomic
from checker.atomic import OutsideOutputError, signals_deferred, write_all_atomic, write_atomic


def test_write_atomic_replaces_the_file_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "out" / "report.md"
    write_atomic(target, "first\n")
    write_atomic(target, b"second\n")
    assert target.read_bytes() == b"second\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.md"]


def test_write_all_atomic_writes_everything_and_removes_what_it_is_told(tmp_path):
    old = tmp_path / "claims" / "gone.csv"
    old.parent.mkdir()
    old.write_text("old")
    files = {tmp_path / "reports" / "a.md": "A", tmp_path / "claims" / "b.csv": "B"}
    write_all_atomic(files, remove=[old], allowed=[tmp_path / "reports", tmp_path / "claims"])
    assert {p.name: p.read_text() for p in files} == {"a.md": "A", "b.csv": "B"}
    assert not old.exists()


def test_a_failure_while_staging_changes_nothing(tmp_path, monkeypatch):
    first = tmp_path / "a.md"
    second = tmp_path / "b.md"
    first.write_text("previous A")
    second.write_text("previous B")
    real_stage = atomic._stage
    calls = []

    def failing_stage(path: Path, data: str | bytes, sync: bool = True) -> str:
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt  # an interrupt in the middle of staging
        return real_stage(path, data, sync)

    monkeypatch.setattr(atomic, "_stage", failing_stage)
    with pytest.raises(KeyboardInterrupt):
        write_all_atomic({first: "new A", second: "new B"})
    assert (first.read_text(), second.read_text()) == ("previous A", "previous B")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_paths_outside_the_allowed_folders_are_refused_before_anything_is_written(tmp_path):
    inside = tmp_path / "reports" / "ok.md"
    escape = tmp_path / "reports" / ".." / "seeds" / "x.txt"
    with pytest.raises(OutsideOutputError):
        write_all_atomic({inside: "ok", escape: "bad"}, allowed=[tmp_path / "reports"])
    assert not inside.exists() and not (tmp_path / "seeds").exists()
    with pytest.raises(OutsideOutputError):
        write_all_atomic({}, remove=[tmp_path / "seeds" / "a.txt"], allowed=[tmp_path / "reports"])


def test_signals_are_held_during_the_commit_and_delivered_after_even_with_other_threads():
    received: list[int] = []
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)  # a thread pool would take a masked signal
    worker.start()
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: received.append(signum))
    try:
        with signals_deferred():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
            assert received == []  # held while renaming
        assert received == [signal.SIGTERM]
    finally:
        signal.signal(signal.SIGTERM, previous)
        stop.set()
        worker.join()


def test_an_interrupt_during_the_commit_comes_after_every_rename(tmp_path):
    files = {tmp_path / f"f{i}.csv": f"new {i}" for i in range(20)}
    for path in files:
        path.write_text("old")
    real_replace = os.replace
    count = 0

    def replace_and_interrupt(src, dst):
        nonlocal count
        count += 1
        if count == 5:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
        return real_replace(src, dst)

    # A process started in the background by a shell inherits SIGINT ignored; the test needs
    # Python's own handler whatever launched it.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    os.replace = replace_and_interrupt
    try:
        with pytest.raises(KeyboardInterrupt):
            write_all_atomic(files)
    finally:
        os.replace = real_replace
        signal.signal(signal.SIGINT, previous)
    assert all(path.read_text() == text for path, text in files.items())


def test_lazy_files_are_made_one_at_a_time_when_staged_and_pieces_are_joined(tmp_path):
    made: list[str] = []

    def maker(name: str, pieces: list[str]):
        def make():
            made.append(name)
            return iter(pieces)
        return make

    files = atomic.LazyFiles({tmp_path / "b.json": maker("b", ["{", "\n", "}\n"]),
                              tmp_path / "a.md": maker("a", ["# é\n"])})
    assert made == []  # nothing rendered by building the mapping
    write_all_atomic(files, allowed=[tmp_path])
    assert made == ["a", "b"]  # in path order, each once
    assert (tmp_path / "a.md").read_bytes() == "# é\n".encode()
    assert (tmp_path / "b.json").read_text() == "{\n}\n"


def test_a_failing_piece_writer_changes_nothing(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("previous")

    def broken():
        yield "half of it"
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_all_atomic(atomic.LazyFiles({target: broken, tmp_path / "other.md": lambda: "x"}))
    assert target.read_text() == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_written_files_get_the_mode_open_gives_not_the_temporary_files_owner_only_mode(tmp_path):
    mask = os.umask(0o022)
    atomic._file_mode.cache_clear()
    try:
        write_all_atomic({tmp_path / "r" / "a.md": "A", tmp_path / "r" / "b.csv": ["B", "b"]})
    finally:
        os.umask(mask)
    atomic._file_mode.cache_clear()
    assert {p.name: p.stat().st_mode & 0o777 for p in (tmp_path / "r").iterdir()} == {
        "a.md": 0o644, "b.csv": 0o644}


@pytest.mark.parametrize("link", [False, True])
def test_a_copy_of_another_file_is_staged_and_committed_like_any_content(tmp_path, link):
    source = tmp_path / "store" / "entry.json"
    source.parent.mkdir()
    source.write_bytes("{\"caf\u00e9\": 1}\n".encode())
    target = tmp_path / "out" / "consistency.json"
    write_all_atomic({target: atomic.CopyOf(source, link=link)}, allowed=[tmp_path / "out"])
    assert target.read_bytes() == source.read_bytes()
    assert (target.stat().st_ino == source.stat().st_ino) is link  # same file system here
    source.unlink()  # the store goes; the report stays
    assert target.read_text(encoding="utf-8") == "{\"caf\u00e9\": 1}\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["consistency.json"]


def test_a_copy_falls_back_to_copying_where_a_hard_link_cannot_be_made(tmp_path, monkeypatch):
    source = tmp_path / "entry.md"
    source.write_text("# Report\n")

    def no_links(*args, **kwargs):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out" / "consistency.md"
    write_all_atomic({target: atomic.CopyOf(source, link=True)})
    assert target.read_text() == "# Report\n"
    assert target.stat().st_ino != source.stat().st_ino


def test_a_missing_copy_source_changes_nothing(tmp_path):
    kept = tmp_path / "out" / "a.md"
    kept.parent.mkdir()
    kept.write_text("old")
    with pytest.raises(FileNotFoundError):
        write_all_atomic({kept: "new", tmp_path / "out" / "b.md": atomic.CopyOf(tmp_path / "gone")})
    assert kept.read_text() == "old"
    assert sorted(p.name for p in kept.parent.iterdir()) == ["a.md"]
