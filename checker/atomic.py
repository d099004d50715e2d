"""Atomic output: every file is written to a temporary sibling and renamed into place, so an
interrupted run never leaves a half-written report.

`write_all_atomic` commits a whole set of files: everything is staged first (a failure or
an interrupt while staging changes nothing), then the renames and removals run in a tight
loop with SIGINT/SIGTERM held back, so an interrupt leaves either the previous set or the
new one, never a mix. Every path must lie inside one of the allowed folders.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import secrets
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

_DEFERRED_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class OutsideOutputError(ValueError):
    """A path to write or remove is outside the allowed output folders (a bug, not input)."""


def _check_inside(path: Path, roots: Iterable[Path]) -> None:
    real = os.path.realpath(path.parent)
    for root in roots:
        real_root = os.path.realpath(root)
        if real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep):
            return
    raise OutsideOutputError(f"refusing to write {path}: outside the output folders")


@dataclass(frozen=True)
class CopyOf:
    """A file's content is that of another file, already written (a story's report kept in
    its store entry): staged by the kernel, not read through Python. With `link`, the staged
    file is a hard link to `path` where the file system allows it; only for a source that
    is never changed in place and is about to be removed (a run's temporary store)."""

    path: Path
    link: bool = False


#: What a file holds: its text or bytes, its text in pieces (written as they come, so a
#: large report need not be held whole), or a copy of another file.
Content = str | bytes | Iterable[str] | CopyOf


class LazyFiles(Mapping[Path, Content]):
    """Files whose content is produced only when read (each time it is read), from a
    zero-argument function per path: `write_all_atomic` stages them one at a time, so the
    reports of an archive are never all in memory together."""

    def __init__(self, makers: Mapping[Path, Callable[[], Content]]) -> None:
        self._makers = dict(makers)

    def __getitem__(self, path: Path) -> Content:
        return self._makers[path]()

    def __iter__(self) -> Iterator[Path]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def _pieces(data: Content) -> Iterator[bytes]:
    if isinstance(data, bytes):
        yield data
    elif isinstance(data, str):
        yield data.encode("utf-8")
    else:
        for piece in data:
            yield piece.encode("utf-8")


@functools.cache
def _file_mode() -> int:
    """The mode `open` gives a new file (0666 less the umask): a temporary file is created
    owner-only, and the reports must not stay that way."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _stage(path: Path, data: Content, sync: bool = True) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, CopyOf) and data.link:
        linked = _link_beside(path, data.path)
        if linked is not None:
            return linked
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    with contextlib.suppress(OSError, AttributeError):  # no fchmod on some systems
        os.fchmod(fd, _file_mode())
    if isinstance(data, CopyOf):
        os.close(fd)
        try:
            _copy_into(data, tmp, sync)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return tmp
    try:
        with os.fdopen(fd, "wb") as fh:
            for piece in _pieces(data):
                fh.write(piece)
            fh.flush()
            if sync:
                os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _link_beside(path: Path, source: Path) -> str | None:
    """A hard link to `source` under a temporary name beside `path`; None where the file
    system cannot link the two."""
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            os.link(source, tmp)
            return tmp
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno == errno.ENOENT:
                raise
            return None  # another file system, or one without hard links: copied instead
    return None


def _copy_into(data: CopyOf, tmp: str, sync: bool) -> None:
    """The file at `tmp` (just created, empty) becomes a copy of `data.path`."""
    shutil.copyfile(data.path, tmp)
    if sync:
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())


def write_atomic(path: Path, data: Content) -> None:
    tmp = _stage(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT/SIGTERM until the block ends, then deliver the first one that came. Done
    with Python-level handlers rather than a signal mask: a mask covers only the calling
    thread, and library thread pools would still take the signal. A no-op off the main
    thread (where handlers cannot be changed)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []

    def hold(signum: int, frame: object) -> None:
        pending.append(signum)

    previous = {s: signal.getsignal(s) for s in sorted(_DEFERRED_SIGNALS)}
    replaced = [s for s, handler in previous.items() if handler is not None]
    for signum in replaced:
        signal.signal(signum, hold)
    try:
        yield
    finally:
        for signum in replaced:
            signal.signal(signum, previous[signum])
        if pending:
            signal.raise_signal(pending[0])


def write_all_atomic(files: Mapping[Path, Content], remove: Iterable[Path] = (),
                     allowed: Iterable[Path] | None = None) -> None:
    """Write every file in `files` and delete every path in `remove`, all or nothing up to
    the commit step. With `allowed`, every path must lie inside one of those folders. Each
    content is read once, when its file is staged (see LazyFiles)."""
    removals = sorted(set(remove))
    if allowed is not None:
        roots = list(allowed)
        for path in [*files, *removals]:
            _check_inside(path, roots)
    staged: list[tuple[str, Path]] = []
    try:
        # One system-wide flush instead of an fsync per file (thousands of claims files).
        bulk_sync = hasattr(os, "sync")
        for path in sorted(files):
            staged.append((_stage(path, files[path], sync=not bulk_sync), path))
        if bulk_sync and staged:
            os.sync()
        with signals_deferred():
            for tmp, path in staged:
                os.replace(tmp, path)
            staged = []
            for path in removals:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
        for folder in sorted({p.parent for p in [*files, *removals]}):
            _sync_folder(folder)
    finally:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _sync_folder(folder: Path) -> None:
    """Make the renames durable (POSIX); harmless where folders cannot be opened."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
