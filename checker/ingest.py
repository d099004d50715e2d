"""Stage 1 - ingest: paths in, an articles table and a problems table out. No other stage
touches the file system.

What is read:
- `.txt` and `.md` files, given directly or found in folders searched recursively (hidden
  files and folders, whose names start with ".", are ignored; other files are listed as
  skipped notes). A symlink is followed only when it stays inside the input folder, unless
  `follow_symlinks` is set; loops are detected.
- Metadata from a YAML-style front-matter block at the top of a file (`---` lines around
  `key: value` lines; keys outlet, url, published, language, title) and from a
  `sources.csv` sidecar in the article's folder or an enclosing input folder (columns file,
  outlet, url, published, language, title; `file` is the article's path relative to the
  sidecar's folder). Front matter wins over the sidecar. Bad values (a date that is not ISO
  8601, a url that is not http(s), a path that leaves the folder, duplicate rows) are
  dropped with a one-line warning; the article is still checked.
- Encodings: a BOM (UTF-8, UTF-16, UTF-32) decides; UTF-16 without BOM is recognised by
  its NUL bytes all falling on one parity; then strict UTF-8; a UTF-8 file with a few
  damaged bytes is decoded with U+FFFD replacements and a warning; anything else goes to
  charset-normalizer (legacy code pages such as cp1252 / latin-1), restricted to
  ASCII-compatible code pages, windows-1252 preferred among equally good candidates (the
  WHATWG default for legacy web text). The decoded text is kept unchanged (line endings
  too), so every offset in later tables points into it.
- Refused with one line each: binary files (a known file signature, NUL bytes, mostly
  control characters), undecodable bytes, empty or whitespace-only files, files larger
  than `max_bytes`, unreadable files, paths that do not exist, folders with no articles.
  Two files with the same decoded text are checked once and the note names both.

ARTICLE_COLUMNS
    source          the article's id: its file stem, made unique (case-insensitively) and
                    safe for file names (letters, digits, ".", "_", "-"; no leading dash)
    path            the path as given / found (posix form; undecodable bytes escaped)
    title           the headline: front-matter/sidecar title, else the first non-empty line
                    of the body (Markdown "#" marks removed; cut at 200 characters)
    outlet, url, language   from front matter or a sources.csv sidecar ("" when unknown)
    published       ISO date of publication ("" when unknown)
    published_from  where `published` came from: front-matter | sources.csv | dateline:<line> | ""
    encoding        the codec the bytes were decoded with (utf-8, utf-8-sig, utf-16,
                    utf-16-le, utf-16-be, utf-32, cp1252, ...)
    sha256          hash of the raw bytes (duplicates, incremental cache)
    body_start      character offset where the article body starts (after front matter)
    text            the decoded text, unchanged: every offset in later tables points into it

PROBLEM_COLUMNS
    path      the file or folder concerned (for sidecar problems: the sources.csv)
    source    the article's id when the article was still checked, else ""
    code      a stable slug (missing, no_articles, empty, binary, undecodable, too_large,
              unreadable, not_regular, not_article, duplicate, repeated_path, symlink_loop,
              outside_link, broken_link, output_folder, replaced_bytes, front_matter,
              sidecar, metadata, own_report)
    severity  error   the input was not checked
              warning the input was checked but something in it was ignored or replaced,
                      or a file that looks like an article was deliberately left out
              note    informational (skipped non-article files, links not followed)
    message   one line, names the reason
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import os
import re
import stat
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import pandas as pd

from checker.tables import empty_frame

if TYPE_CHECKING:
    from checker.config import CheckConfig

ARTICLE_COLUMNS = [
    "source", "path", "title", "outlet", "url", "published", "published_from",
    "language", "encoding", "sha256", "body_start", "text",
]
PROBLEM_COLUMNS = ["path", "source", "code", "severity", "message"]

ARTICLE_SUFFIXES = (".txt", ".md")
SIDECAR_NAME = "sources.csv"
SIDECAR_COLUMNS = ("file", "outlet", "url", "published", "language", "title")
META_KEYS = ("outlet", "url", "published", "language", "title")
DEFAULT_MAX_BYTES = 5_000_000
TITLE_MAX_CHARS = 200

#: Problem codes that make the run a usage/input error (exit 2).
FATAL_PROBLEMS = frozenset({"missing", "no_articles"})

#: File signatures of common binary formats that end up in article folders.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt/.epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ\x00", "xz-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
)


@dataclass(frozen=True)
class IngestOptions:
    follow_symlinks: bool = False
    #: Files larger than this are skipped with an error (0: no limit).
    max_bytes: int = DEFAULT_MAX_BYTES
    #: Folders never read as input (the output folders), however the input names them.
    exclude: tuple[str, ...] = ()

    @classmethod
    def from_config(cls, config: CheckConfig) -> IngestOptions:
        return cls(
            follow_symlinks=config.follow_symlinks,
            max_bytes=config.max_bytes,
            exclude=tuple(str(p) for p in config.exclude_paths),
        )


@dataclass(frozen=True)
class IngestResult:
    articles: pd.DataFrame
    problems: pd.DataFrame


def display_path(path: Path | str) -> str:
    """A path as one printable line: posix form, undecodable bytes and control characters
    escaped (a file name may hold anything but "/" and NUL)."""
    raw = os.fsencode(Path(path).as_posix())
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(_escape_char(ch) for ch in text)


def _escape_char(ch: str) -> str:
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return ch


@dataclass
class _Log:
    rows: list[dict[str, str]] = field(default_factory=list)

    def add(self, path: Path | str, code: str, severity: str, message: str, source: str = "") -> None:
        self.rows.append({"path": display_path(path), "source": source, "code": code,
                          "severity": severity, "message": " ".join(message.split())})


@dataclass(frozen=True)
class _Candidate:
    path: Path
    root: Path  # the input folder it was found in (its parent when given directly)


@dataclass(frozen=True)
class _Decoded:
    text: str
    encoding: str
    warning: str = ""  # set when bytes were replaced


class _Refused(Exception):
    """The bytes are not a text article: code and one-line reason."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


# --------------------------------------------------------------------------- the stage


def ingest(paths: Sequence[str | os.PathLike[str]], options: IngestOptions | None = None) -> IngestResult:
    options = options or IngestOptions()
    log = _Log()
    candidates, sidecar_folders = _discover([Path(p) for p in paths], options, log)
    sidecars = _load_sidecars(sidecar_folders, options, log)

    records: list[dict[str, object]] = []
    for cand in candidates:
        record = _read_article(cand, options, log)
        if record is not None:
            records.append(record)

    kept: list[dict[str, object]] = []
    first_by_text: dict[str, str] = {}
    used_ids: set[str] = set()
    for record in records:  # in path order, so the first name of a duplicate is kept
        digest = hashlib.sha256(str(record["text"]).encode("utf-8", "surrogatepass")).hexdigest()
        if digest in first_by_text:
            log.add(record["_path"], "duplicate", "warning",
                    f"same text as {first_by_text[digest]}; checked once, as {first_by_text[digest]}")
            continue
        first_by_text[digest] = str(record["path"])
        record["source"] = _unique_id(record["_cand"], used_ids)
        kept.append(record)

    used_rows: set[tuple[str, int]] = set()
    for record in kept:
        _apply_sidecar(record, sidecars, used_rows, log)
        _apply_metadata(record, log)
    _report_unused_rows(sidecars, used_rows, log)

    articles = [{c: r[c] for c in ARTICLE_COLUMNS} for r in kept]
    table = pd.DataFrame(articles, columns=ARTICLE_COLUMNS) if articles else empty_frame(ARTICLE_COLUMNS)
    table = table.sort_values("source", kind="stable").reset_index(drop=True)
    rows = sorted({tuple(r.values()): r for r in log.rows}.values(),
                  key=lambda r: (r["path"], r["code"], r["message"], r["source"]))
    probs = pd.DataFrame(rows, columns=PROBLEM_COLUMNS) if rows else empty_frame(PROBLEM_COLUMNS)
    return IngestResult(articles=table, problems=probs.reset_index(drop=True))


# --------------------------------------------------------------------------- discovery


def _real(path: Path | str) -> str:
    try:
        return os.path.realpath(path)
    except OSError:  # e.g. the working folder was deleted under us
        return os.path.normpath(path)


def _inside(real: str, real_root: str) -> bool:
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _discover(roots: list[Path], options: IngestOptions, log: _Log) -> tuple[list[_Candidate], list[tuple[Path, Path]]]:
    """Article candidates in path order (one per real file), and the folders to look in for
    a sources.csv, each with its input root."""
    excluded = tuple(_real(p) for p in options.exclude)
    found: dict[str, _Candidate] = {}
    folders: dict[str, tuple[Path, Path]] = {}
    walked: dict[str, str] = {}

    def offer(cand: _Candidate) -> None:
        real = _real(cand.path)
        other = found.get(real)
        # Whatever the argument order, the same file keeps the same (smallest) path.
        if other is None or cand.path.as_posix() < other.path.as_posix():
            found[real] = cand

    for root in sorted(roots, key=lambda p: p.as_posix()):
        if not os.path.lexists(root):
            log.add(root, "missing", "error", "no such file or folder")
            continue
        try:
            st = os.stat(root)
        except OSError as exc:
            log.add(root, "unreadable", "error", f"cannot open: {_reason(exc)}")
            continue
        if stat.S_ISDIR(st.st_mode):
            real_root = _real(root)
            if real_root in walked:
                log.add(root, "repeated_path", "note", f"same folder as {walked[real_root]}; read once")
                continue
            walked[real_root] = display_path(root)
            count = 0
            for kind, path in _walk(root, options, excluded, log):
                if kind == "folder":
                    folders.setdefault(_real(path), (path, root))
                else:
                    count += 1
                    offer(_Candidate(path, root))
            if count == 0:
                log.add(root, "no_articles", "error", "folder holds no .txt or .md articles")
        elif not stat.S_ISREG(st.st_mode):
            log.add(root, "not_regular", "error", "not a regular file (a device, pipe or socket); skipped")
        elif root.suffix.lower() not in ARTICLE_SUFFIXES:
            log.add(root, "not_article", "error", "not a .txt or .md file; skipped")
        else:
            parent = root.parent
            folders.setdefault(_real(parent), (parent, parent))
            offer(_Candidate(root, parent))
    candidates = sorted(found.values(), key=lambda c: c.path.as_posix())
    return candidates, sorted(folders.values(), key=lambda f: f[0].as_posix())


def _walk(root: Path, options: IngestOptions, excluded: tuple[str, ...], log: _Log) -> Iterator[tuple[str, Path]]:
    """("folder", path) for every folder visited, ("article", path) for every article file;
    iterative, so deep nesting cannot exhaust the stack."""
    real_root = _real(root)
    visited: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        real = _real(folder)
        if real in visited:
            log.add(folder, "symlink_loop", "note", "folder reached again through a symlink; read once")
            continue
        if folder is not root and any(_inside(real, ex) for ex in excluded):
            log.add(folder, "output_folder", "note", "an output folder of this run; not read")
            continue
        visited.add(real)
        yield "folder", folder
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            log.add(folder, "unreadable", "error", f"cannot list folder: {_reason(exc)}")
            continue
        subfolders: list[Path] = []
        for entry in entries:
            path = Path(entry.path)
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_symlink():
                    if not os.path.exists(path):
                        log.add(path, "broken_link", "note", "broken symlink; skipped")
                        continue
                    if not _inside(_real(path), real_root) and not options.follow_symlinks:
                        log.add(path, "outside_link", "warning",
                                "symlink points outside the input folder; not followed (use --follow-symlinks)")
                        continue
                is_dir = entry.is_dir(follow_symlinks=True)
                is_file = entry.is_file(follow_symlinks=True)
            except OSError as exc:
                log.add(path, "unreadable", "error", f"cannot open: {_reason(exc)}")
                continue
            if is_dir:
                subfolders.append(path)
            elif entry.name == SIDECAR_NAME:
                continue
            elif not is_file:
                log.add(path, "not_regular", "note", "not a regular file (a device, pipe or socket); skipped")
            elif path.suffix.lower() in ARTICLE_SUFFIXES:
                yield "article", path
            else:
                log.add(path, "not_article", "note", "not a .txt or .md article; skipped")
        stack.extend(reversed(subfolders))


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


# --------------------------------------------------------------------------- reading


def _read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; raises _Refused when it is larger than max_bytes (checked on the
    bytes read, not only the size the file system reports)."""
    size = os.stat(path).st_size
    if max_bytes and size > max_bytes:
        raise _Refused("too_large", _too_large(size, max_bytes))
    with open(path, "rb") as fh:
        raw = fh.read(max_bytes + 1) if max_bytes else fh.read()
    if max_bytes and len(raw) > max_bytes:
        raise _Refused("too_large", _too_large(len(raw), max_bytes))
    return raw


def _too_large(size: int, limit: int) -> str:
    return f"{size:,} bytes is over the --max-bytes limit of {limit:,} bytes; skipped"


def is_checker_report(text: str) -> bool:
    """A consistency.md that checker wrote, lying among the articles (an earlier run's
    --out inside the input folder): reading it as an article would make every sentence of
    the report a claim of a new 'source'."""
    first = text.lstrip("\ufeff \t\r\n").split("\n", 1)[0]
    return first.startswith("# Consistency report") and "## At a glance" in text[:4000]


def _read_article(cand: _Candidate, options: IngestOptions, log: _Log) -> dict[str, object] | None:
    path = cand.path
    try:
        raw = _read_limited(path, options.max_bytes)
        decoded = decode_text(raw)
    except _Refused as refused:
        log.add(path, refused.code, "error", refused.reason)
        return None
    except OSError as exc:
        log.add(path, "unreadable", "error", f"cannot read: {_reason(exc)}")
        return None
    text = decoded.text
    if not text.strip():
        log.add(path, "empty", "error", "empty or whitespace-only file; skipped")
        return None
    if is_checker_report(text):
        log.add(path, "own_report", "warning", "a report written by checker, not an article; skipped")
        return None
    front, body_start, front_problems = parse_front_matter(text)
    if not text[body_start:].strip():
        log.add(path, "empty", "error", "front matter but no article text; skipped")
        return None
    return {
        "_cand": cand, "_path": path, "_front": front,
        "_notes": ([("replaced_bytes", decoded.warning)] if decoded.warning else [])
        + [("front_matter", m) for m in front_problems],
        "source": "",
        "path": display_path(path),
        "title": "",
        "outlet": "", "url": "", "published": "", "published_from": "", "language": "",
        "encoding": decoded.encoding,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "body_start": body_start,
        "text": text,
    }


# --------------------------------------------------------------------------- decoding

_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTES = bytes(range(0x80, 0x100))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")
_ASCII_PROBE = bytes(range(0x20, 0x7f)) + b"\t\r\n"
#: Legacy code page preferred when the detector rates several the same (WHATWG default).
_PREFERRED_LEGACY = "cp1252"


def decode_text(raw: bytes) -> _Decoded:
    """Decode an article's bytes, or raise _Refused naming why they are not text."""
    for signature, what in BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise _Refused("binary", f"binary file ({what}), not a text article; skipped")
    decoded = _decode_by_bom(raw) or _decode_utf16_without_bom(raw)
    if decoded is None:
        if b"\x00" in raw:
            raise _Refused("binary", "binary file (contains NUL bytes), not a text article; skipped")
        decoded = _decode_utf8_or_legacy(raw)
    _refuse_control_heavy(decoded.text)
    return decoded


def _decode_by_bom(raw: bytes) -> _Decoded | None:
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
    )
    for bom, codec, name in boms:
        if raw.startswith(bom):
            body = raw[len(bom):]
            if codec == "utf-8":
                return _decode_utf8_tolerant(body, name, offset=len(bom))
            try:
                return _Decoded(body.decode(codec), name)
            except UnicodeDecodeError as exc:
                raise _Refused("undecodable", f"invalid {name.upper()} at byte {exc.start + len(bom)}; skipped") from None
    return None


def _decode_utf16_without_bom(raw: bytes) -> _Decoded | None:
    """UTF-16 text in a Latin script has a NUL in every other byte, all on one parity;
    binary data has NULs on both."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    nul_even = raw[0::2].count(0)
    nul_odd = raw[1::2].count(0)
    half = len(raw) // 2
    if nul_even == 0 and nul_odd * 10 >= half:
        codec = "utf-16-le"
    elif nul_odd == 0 and nul_even * 10 >= half:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    return _Decoded(text, codec)


def _decode_utf8_or_legacy(raw: bytes) -> _Decoded:
    try:
        return _Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    high = len(raw) - len(raw.translate(None, _HIGH_BYTES))
    valid_sequences = _UTF8_MULTIBYTE.findall(raw)
    in_valid = sum(len(s) for s in valid_sequences)
    invalid = high - in_valid
    # Legacy single-byte text almost never contains a well-formed UTF-8 sequence: when there
    # are at least as many well-formed sequences as bad bytes, this is damaged UTF-8.
    if valid_sequences and len(valid_sequences) >= invalid:
        return _decode_utf8_tolerant(raw, "utf-8")
    return _decode_legacy(raw)


def _decode_utf8_tolerant(raw: bytes, name: str, offset: int = 0) -> _Decoded:
    try:
        return _Decoded(raw.decode("utf-8"), name)
    except UnicodeDecodeError as exc:
        first = exc.start + offset
    text = raw.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    return _Decoded(text, name, f"invalid UTF-8 at byte {first:,}; {replaced:,} character(s) "
                                f"replaced with U+FFFD, the rest checked")


def _ascii_compatible(codec: str) -> bool:
    try:
        return _ASCII_PROBE.decode(codec) == _ASCII_PROBE.decode("ascii")
    except (LookupError, UnicodeDecodeError):
        return False


def _decode_legacy(raw: bytes) -> _Decoded:
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(raw) if _ascii_compatible(m.encoding)]
    if not matches:
        raise _Refused("undecodable", "not UTF-8 and no known encoding fits; skipped")
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    for match in tied:
        if _PREFERRED_LEGACY in match.could_be_from_charset:
            # could_be_from_charset lists code pages giving exactly the same text.
            return _Decoded(raw.decode(_PREFERRED_LEGACY), _PREFERRED_LEGACY)
    return _Decoded(str(best), best.encoding)


def _refuse_control_heavy(text: str) -> None:
    if "\x00" in text:
        raise _Refused("binary", "binary file (contains NUL characters), not a text article; skipped")
    sample = text[:100_000]
    controls = len(_CONTROL.findall(sample))
    if controls >= 8 and controls * 100 > len(sample):
        raise _Refused("binary", "binary file (mostly control characters), not a text article; skipped")


# --------------------------------------------------------------------------- front matter

_FENCE = "---"
_FRONT_MATTER_MAX_LINES = 200


def _lines_with_offsets(text: str, start: int, limit: int) -> Iterator[tuple[str, int]]:
    """(line without its ending, offset after the ending) for up to `limit` lines."""
    pos = start
    for _ in range(limit):
        if pos >= len(text):
            return
        nl = len(text)
        for sep in ("\n", "\r"):
            i = text.find(sep, pos, pos + 100_000)
            if i != -1 and i < nl:
                nl = i
        if nl == len(text):
            yield text[pos:], len(text)
            return
        end = nl + (2 if text.startswith("\r\n", nl) else 1)
        yield text[pos:nl], end
        pos = end


def parse_front_matter(text: str) -> tuple[dict[str, str], int, list[str]]:
    """(metadata, body_start, problems). A front-matter block is a first line `---`, then
    `key: value` lines, then a line `---` (or `...`). Only META_KEYS are kept."""
    lines = _lines_with_offsets(text, 0, _FRONT_MATTER_MAX_LINES + 2)
    first = next(lines, None)
    if first is None or first[0].rstrip() != _FENCE:
        return {}, 0, []
    meta: dict[str, str] = {}
    problems: list[str] = []
    for number, (line, end) in enumerate(lines, start=2):
        if line.rstrip() in (_FENCE, "..."):
            return meta, end, problems
        if not line.strip() or line.lstrip().startswith("#") or line[:1] in (" ", "\t", "-"):
            continue  # blank, comment, nested value or list item of a key we do not read
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or not key:
            problems.append(f"front matter line {number} is not `key: value`; ignored")
            continue
        if key not in META_KEYS:
            continue
        if key in meta:
            problems.append(f"front matter repeats `{key}` on line {number}; the first is kept")
            continue
        meta[key] = _unquote(value.strip())
    return {}, 0, [f"a `---` line opens front matter but no `---` closes it within "
                   f"{_FRONT_MATTER_MAX_LINES} lines; read as article text"]


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


# --------------------------------------------------------------------------- metadata

_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]{2,15}(?:Z|[+-]\d{2}:?\d{2})?)?")
_URL = re.compile(r"https?://[^\s<>\"'`]{1,2000}", re.I)


def clean_metadata(key: str, value: str) -> tuple[str, str]:
    """(clean value, problem). The problem is "" when the value is fine or empty."""
    value = " ".join("".join(" " if c in "\t\r\n" else _escape_char(c) for c in value).split())
    if not value:
        return "", ""
    if key == "published":
        m = _ISO_DATE.fullmatch(value)
        if m:
            try:
                return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), ""
            except ValueError:
                pass
        return "", f"published {_short(value)} is not an ISO date (YYYY-MM-DD); ignored"
    if key == "url":
        if _URL.fullmatch(value):
            return value, ""
        return "", f"url {_short(value)} is not an http(s) address; ignored"
    if key == "language":
        if _LANGUAGE.fullmatch(value):
            return value.lower(), ""
        return "", f"language {_short(value)} is not a language tag (en, fr, pt-BR); ignored"
    return _cut(value, TITLE_MAX_CHARS), ""


def _short(value: str) -> str:
    return repr(_cut(value, 40))


def _cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "\u2026"


def _apply_metadata(record: dict[str, object], log: _Log) -> None:
    """Front matter first, then the sidecar's values for the keys it left empty."""
    source = str(record["source"])
    path = record["_path"]
    for code, message in record["_notes"]:  # type: ignore[union-attr]
        log.add(path, code, "warning", message, source)
    front: dict[str, str] = record["_front"]  # type: ignore[assignment]
    side: dict[str, str] = record.get("_side", {})  # type: ignore[assignment]
    side_path = record.get("_side_path")
    for key in META_KEYS:
        value, problem = clean_metadata(key, front.get(key, ""))
        if problem:
            log.add(path, "metadata", "warning", f"front matter: {problem}", source)
        origin = "front-matter"
        side_value, side_problem = clean_metadata(key, side.get(key, ""))
        if side_problem and side_path is not None:
            log.add(side_path, "sidecar", "warning",
                    f"row {record['_side_row']}: {side_problem}", source)
        if value and side_value and value != side_value and side_path is not None:
            log.add(path, "metadata", "note",
                    f"{key}: front matter {_short(value)} differs from {SIDECAR_NAME} "
                    f"{_short(side_value)}; front matter kept", source)
        if not value and side_value:
            value, origin = side_value, SIDECAR_NAME
        if value:
            record[key] = value
            if key == "published":
                record["published_from"] = origin
    if not record["title"]:
        record["title"] = _title_from_text(str(record["text"]), int(record["body_start"]))  # type: ignore[call-overload]


def _title_from_text(text: str, start: int) -> str:
    for line, _ in _lines_with_offsets(text, start, 10_000):
        line = line.strip()
        if line:
            line = line.lstrip("#").strip() or line
            return _cut(" ".join(line.split()), TITLE_MAX_CHARS)
    return ""


# --------------------------------------------------------------------------- sources.csv


@dataclass
class _Sidecar:
    path: Path
    folder: Path
    real_folder: str
    rows: dict[str, tuple[int, dict[str, str]]]  # normalised relative path -> (row number, row)


def _load_sidecars(folders: list[tuple[Path, Path]], options: IngestOptions, log: _Log) -> dict[str, _Sidecar]:
    sidecars: dict[str, _Sidecar] = {}
    for folder, _root in folders:
        path = folder / SIDECAR_NAME
        if not os.path.isfile(path):
            continue
        real_folder = _real(folder)
        if real_folder in sidecars:
            continue
        rows = _parse_sidecar(path, options, log)
        if rows is not None:
            sidecars[real_folder] = _Sidecar(path, folder, real_folder, rows)
    return sidecars


def _sidecar_key(name: str) -> str | None:
    """The normalised relative path a sidecar row names, or None when it could leave the
    sidecar's folder or is not a plain relative path."""
    if not name or "\x00" in name or "\\" in name:
        return None
    pure = PurePosixPath(unicodedata.normalize("NFC", name))
    if pure.is_absolute() or any(part in ("..", "") for part in pure.parts) or re.match(r"[A-Za-z]:", name):
        return None
    parts = [p for p in pure.parts if p != "."]
    return "/".join(parts) if parts else None


def _parse_sidecar(path: Path, options: IngestOptions, log: _Log) -> dict[str, tuple[int, dict[str, str]]] | None:
    try:
        decoded = decode_text(_read_limited(path, options.max_bytes))
    except _Refused as refused:
        log.add(path, "sidecar", "warning", f"{refused.reason.removesuffix('; skipped')}; metadata file ignored")
        return None
    except OSError as exc:
        log.add(path, "sidecar", "warning", f"cannot read: {_reason(exc)}; metadata file ignored")
        return None
    try:
        reader = csv.reader(io.StringIO(decoded.text, newline=""))
        header = [h.strip().lower() for h in next(reader, [])]
        body = list(reader)
    except csv.Error as exc:
        log.add(path, "sidecar", "warning", f"not a valid CSV ({exc}); metadata file ignored")
        return None
    if "file" not in header:
        log.add(path, "sidecar", "warning",
                f"no `file` column (columns must be {', '.join(SIDECAR_COLUMNS)}); metadata file ignored")
        return None
    missing = [c for c in SIDECAR_COLUMNS if c not in header]
    unknown = [c for c in header if c not in SIDECAR_COLUMNS]
    if missing:
        log.add(path, "sidecar", "note", f"columns missing: {', '.join(missing)}; those fields stay empty")
    if unknown:
        log.add(path, "sidecar", "note", f"unknown columns ignored: {', '.join(_short(c) for c in unknown)}")
    rows: dict[str, tuple[int, dict[str, str]]] = {}
    conflicted: set[str] = set()
    for number, cells in enumerate(body, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header):
            log.add(path, "sidecar", "warning", f"row {number} has more cells than the header; row ignored")
            continue
        row = {h: cells[i].strip() if i < len(cells) else "" for i, h in enumerate(header) if h in SIDECAR_COLUMNS}
        name = row.get("file", "")
        key = _sidecar_key(name)
        if key is None:
            what = "is empty" if not name else f"{_short(name)} is not a file name inside this folder"
            log.add(path, "sidecar", "warning", f"row {number}: file {what}; row ignored")
            continue
        if key in rows or key in conflicted:
            first = rows.get(key)
            if first is not None and first[1] == row:
                log.add(path, "sidecar", "note", f"row {number} repeats row {first[0]} for {_short(name)}")
                continue
            log.add(path, "sidecar", "warning",
                    f"row {number}: duplicate row for {_short(name)} with other values; "
                    f"all rows for it ignored")
            rows.pop(key, None)
            conflicted.add(key)
            continue
        rows[key] = (number, row)
    return rows


def _apply_sidecar(record: dict[str, object], sidecars: dict[str, _Sidecar],
                   used_rows: set[tuple[str, int]], log: _Log) -> None:
    """The closest sources.csv (the article's folder, then enclosing folders up to its
    input root) that has a row for the article."""
    cand: _Candidate = record["_cand"]  # type: ignore[assignment]
    real_root = _real(cand.root)
    folder = cand.path.parent
    relative = [unicodedata.normalize("NFC", cand.path.name)]
    while True:
        sidecar = sidecars.get(_real(folder))
        if sidecar is not None:
            key = "/".join(reversed(relative))
            hit = sidecar.rows.get(key)
            if hit is not None:
                record["_side"], record["_side_row"], record["_side_path"] = hit[1], hit[0], sidecar.path
                used_rows.add((sidecar.real_folder, hit[0]))
                return
        if _real(folder) == real_root or folder.parent == folder:
            return
        relative.append(unicodedata.normalize("NFC", folder.name))
        folder = folder.parent


def _report_unused_rows(sidecars: dict[str, _Sidecar], used_rows: set[tuple[str, int]], log: _Log) -> None:
    for real_folder, sidecar in sorted(sidecars.items()):
        for key, (number, _row) in sorted(sidecar.rows.items()):
            if (real_folder, number) not in used_rows:
                log.add(sidecar.path, "sidecar", "note", f"row {number}: no article {_short(key)} was read")


# --------------------------------------------------------------------------- ids

_ID_UNSAFE = re.compile(r"[^\w.-]+")
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
ID_MAX_CHARS = 80


def safe_id(text: str) -> str:
    """A file-name-safe id: NFC letters, digits, ".", "_", "-"; never starting with "." or
    "-" (no hidden files, no option look-alikes), never a Windows device name."""
    text = unicodedata.normalize("NFC", text)
    text = _ID_UNSAFE.sub("_", text).strip("._-")[:ID_MAX_CHARS].strip("._-")
    if not text:
        return "article"
    if text.split(".")[0].lower() in _WINDOWS_RESERVED:
        text += "_"
    return text


def _unique_id(cand: _Candidate, used: set[str]) -> str:
    """The file stem, made unique case-insensitively (claims/<id>.csv must not collide on a
    case-insensitive file system): first with the folder path, then with a counter."""
    base = safe_id(cand.path.stem)
    if base.casefold() in used:
        try:
            rel = cand.path.relative_to(cand.root).with_suffix("").as_posix()
        except ValueError:
            rel = cand.path.with_suffix("").as_posix()
        base = safe_id(rel.replace("/", "__"))
    candidate, n = base, 2
    while candidate.casefold() in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate.casefold())
    return candidate
