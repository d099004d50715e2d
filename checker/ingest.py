"""Stage 1 - ingest: paths in, an articles table and a problems table out. No other stage
touches the file system.

ARTICLE_COLUMNS
    source          the article's id: its file stem, made unique and safe for file names
    path            the path as given / found (posix form)
    title           the headline: the first non-empty line of the body
    outlet, url, language   from front matter or seeds' sources.csv ("" when unknown)
    published       ISO date of publication ("" when unknown)
    published_from  where `published` came from: front-matter | sources.csv | dateline:<line> | ""
    encoding        the encoding the bytes were decoded with
    sha256          hash of the raw bytes (duplicates, incremental cache)
    body_start      character offset where the article body starts (after front matter)
    text            the decoded text, unchanged: every offset in later tables points into it

PROBLEM_COLUMNS
    path, source, code, severity (error | note), message (one line, names the reason)
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from checker.tables import empty_frame

ARTICLE_COLUMNS = [
    "source", "path", "title", "outlet", "url", "published", "published_from",
    "language", "encoding", "sha256", "body_start", "text",
]
PROBLEM_COLUMNS = ["path", "source", "code", "severity", "message"]

ARTICLE_SUFFIXES = (".txt", ".md")

#: Problem codes that make the run a usage/input error (exit 2).
FATAL_PROBLEMS = frozenset({"missing", "no_articles"})


@dataclass(frozen=True)
class IngestOptions:
    follow_symlinks: bool = False


@dataclass(frozen=True)
class IngestResult:
    articles: pd.DataFrame
    problems: pd.DataFrame


@dataclass(frozen=True)
class _Candidate:
    path: Path
    root: Path


def ingest(paths: Sequence[str | os.PathLike[str]], options: IngestOptions | None = None) -> IngestResult:
    options = options or IngestOptions()
    problems: list[dict[str, str]] = []
    candidates = _discover([Path(p) for p in paths], options, problems)
    articles: list[dict[str, object]] = []
    seen_hashes: dict[str, str] = {}
    used_ids: set[str] = set()
    for cand in candidates:
        record = _read_article(cand, problems)
        if record is None:
            continue
        digest = str(record["sha256"])
        if digest in seen_hashes:
            problems.append(_problem(cand.path, "", "duplicate", "note",
                                     f"same content as {seen_hashes[digest]}; checked once"))
            continue
        seen_hashes[digest] = str(record["path"])
        record["source"] = _unique_id(cand, used_ids)
        articles.append(record)
    table = pd.DataFrame(articles, columns=ARTICLE_COLUMNS) if articles else empty_frame(ARTICLE_COLUMNS)
    table = table.sort_values("source", kind="stable").reset_index(drop=True)
    probs = pd.DataFrame(problems, columns=PROBLEM_COLUMNS) if problems else empty_frame(PROBLEM_COLUMNS)
    probs = probs.sort_values(["path", "code"], kind="stable").reset_index(drop=True)
    return IngestResult(articles=table, problems=probs)


def _problem(path: Path | str, source: str, code: str, severity: str, message: str) -> dict[str, str]:
    return {"path": Path(path).as_posix(), "source": source, "code": code,
            "severity": severity, "message": message}


def _discover(roots: list[Path], options: IngestOptions, problems: list[dict[str, str]]) -> list[_Candidate]:
    found: dict[str, _Candidate] = {}
    for root in roots:
        if not root.exists() and not root.is_symlink():
            problems.append(_problem(root, "", "missing", "error", "no such file or folder"))
            continue
        if root.is_dir():
            before = len(found)
            for path in _walk(root, options, problems):
                found.setdefault(os.path.realpath(path), _Candidate(path, root))
            if len(found) == before:
                problems.append(_problem(root, "", "no_articles", "error",
                                         "folder holds no .txt or .md articles"))
        else:
            found.setdefault(os.path.realpath(root), _Candidate(root, root.parent))
    return sorted(found.values(), key=lambda c: c.path.as_posix())


def _walk(root: Path, options: IngestOptions, problems: list[dict[str, str]]) -> Iterable[Path]:
    real_root = os.path.realpath(root)
    visited: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        real = os.path.realpath(folder)
        if real in visited:
            problems.append(_problem(folder, "", "symlink_loop", "note", "folder visited already (symlink loop); skipped"))
            continue
        visited.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(_problem(folder, "", "unreadable", "error", f"cannot list folder: {exc.strerror or exc}"))
            continue
        for entry in entries:
            path = Path(entry.path)
            if entry.is_symlink():
                target = os.path.realpath(path)
                inside = target == real_root or target.startswith(real_root + os.sep)
                if not inside and not options.follow_symlinks:
                    problems.append(_problem(path, "", "outside_link", "note",
                                             "symlink points outside the input folder; not followed (use --follow-symlinks)"))
                    continue
                if not os.path.exists(path):
                    problems.append(_problem(path, "", "broken_link", "note", "broken symlink; skipped"))
                    continue
            if entry.is_dir(follow_symlinks=True):
                stack.append(path)
            elif path.suffix.lower() in ARTICLE_SUFFIXES:
                yield path
            elif not entry.name.startswith(".") and entry.name != "sources.csv":
                problems.append(_problem(path, "", "skipped", "note", "not a .txt or .md article; skipped"))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_META_KEYS = ("outlet", "url", "published", "language", "title")


def _read_article(cand: _Candidate, problems: list[dict[str, str]]) -> dict[str, object] | None:
    path = cand.path
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(_problem(path, "", "unreadable", "error", f"cannot read: {exc.strerror or exc}"))
        return None
    decoded = decode_bytes(raw)
    if isinstance(decoded, str):  # the reason it could not be decoded
        problems.append(_problem(path, "", decoded.split(":", 1)[0], "error", decoded.split(":", 1)[1].strip()))
        return None
    text, encoding = decoded
    if not text.strip():
        problems.append(_problem(path, "", "empty", "error", "empty or whitespace-only file"))
        return None
    meta: dict[str, str] = {}
    body_start = 0
    m = _FRONT_MATTER.match(text)
    if m:
        body_start = m.end()
        for line in m.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in _META_KEYS:
                meta[key.strip().lower()] = value.strip().strip("\"'")
    title = meta.get("title") or _first_line(text, body_start)
    return {
        "source": "",
        "path": path.as_posix(),
        "title": title,
        "outlet": meta.get("outlet", ""),
        "url": meta.get("url", ""),
        "published": meta.get("published", ""),
        "published_from": "front-matter" if meta.get("published") else "",
        "language": meta.get("language", ""),
        "encoding": encoding,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "body_start": body_start,
        "text": text,
    }


def _first_line(text: str, start: int) -> str:
    for line in text[start:].splitlines():
        if line.strip():
            return line.strip()
    return ""


def decode_bytes(raw: bytes) -> tuple[str, str] | str:
    """(text, encoding), or 'code: reason' when the bytes are not text."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            return f"undecodable: invalid UTF-8 at byte {exc.start + 3}"
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[2:].decode(name), "utf-16"
            except UnicodeDecodeError:
                return "undecodable: invalid UTF-16"
    if b"\x00" in raw:
        return "binary: contains NUL bytes (not a text article)"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding in ("utf_8", "utf-8"):
        return f"undecodable: invalid UTF-8 at byte {utf8_error.start} and no other encoding fits"
    return str(best), best.encoding


def _safe_id(text: str) -> str:
    text = re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._-")
    return text or "article"


def _unique_id(cand: _Candidate, used: set[str]) -> str:
    base = _safe_id(cand.path.stem)
    if base in used:
        try:
            rel = cand.path.relative_to(cand.root).with_suffix("").as_posix()
        except ValueError:
            rel = cand.path.with_suffix("").as_posix()
        base = _safe_id(rel.replace("/", "__"))
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate
