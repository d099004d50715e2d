"""Stories: an archive checked one story at a time (`checker check ARCHIVE --stories folders`).

An archive of a year's coverage holds many stories, usually one folder each. Comparing every
article with every other one then costs time and brings nothing: a figure in one story says
nothing about a figure in another. With `stories="folders"`:

- every folder directly inside an input folder is one story; the articles directly in an
  input folder are one more story, named after that folder; a file named on the command line
  belongs to its folder's story (`story_of`);
- each story goes through the whole pipeline on its own (ingest is shared; segment, facets,
  resolve, match, compare, findings and its reports are the story's), exactly as
  `checker check STORY_FOLDER` would, so stories run in parallel, one per worker process;
- its reports go to OUT/<story folder name>/ (`consistency.md`, `consistency.json`, ...),
  its claims files to CLAIMS_DIR as usual, and OUT/stories.md and OUT/stories.json list the
  stories with their findings (checker.report.stories_index);
- a story's outputs are kept in the cache (`<cache_dir>/stories-v<STORY_FORMAT>/`) under a key
  of everything they depend on (`story_key`): its articles (content hash, path and the
  metadata the stages read), the checker's code and data (checker.cache.run_digest), the
  thresholds, the selected checks, the formats and the editor workflow files. An unchanged
  story is not checked again: its files are copied from the cache. Adding an article to an
  archive re-checks that article's story only.

Editor decisions and the reference ledger apply to every story. A decision is stale when no
story has its finding (listed in the index, not in each story's report). A baseline for
`--fail-on` is a previous stories.json (or a consistency.json of one story).

Entries are written to a temporary folder and renamed into place with their summary.json
last, so an interrupted run leaves only whole entries; an entry that cannot be read is a
miss. Without a cache folder (`--no-cache`) the entries go to a temporary folder that
`StoriesRun.close` removes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from checker.config import CheckConfig, Severity
from checker.tables import isin

#: How articles are grouped into stories: "one" (the whole input is one story, the default)
#: or "folders" (one story per folder, see the module docstring).
STORY_MODES = ("one", "folders")
#: Bump when what a story entry holds, or how it is laid out, changes.
STORY_FORMAT = 1
#: The index files written next to the stories' folders.
INDEX_FILES = {"md": "stories.md", "json": "stories.json"}
#: Fewer articles to check than this are checked in this process (a worker costs an import).
POOL_MIN_ARTICLES = 200

_SUMMARY = "summary.json"


# --------------------------------------------------------------------------- partition


def story_of(path: str, roots: Sequence[str]) -> str:
    """The story folder of an article at `path` (as ingest displays it), given the input
    folders `roots` (displayed the same way): the first folder below the deepest root that
    holds it, the root itself for a file directly in it, else the file's own folder."""
    article = PurePosixPath(path)
    for root in sorted(roots, key=lambda r: len(PurePosixPath(r).parts), reverse=True):
        base = PurePosixPath(root)
        try:
            rel = article.relative_to(base)
        except ValueError:
            continue
        if len(rel.parts) > 1:
            return (base / rel.parts[0]).as_posix()
        return base.as_posix()
    return article.parent.as_posix()


def assign_stories(articles: pd.DataFrame, roots: Sequence[str]) -> pd.Series:
    """The story of every row of a table with a `path` column (articles, problems), in its
    order."""
    return pd.Series([story_of(str(p), roots) for p in articles["path"]], index=articles.index,
                     dtype=object, name="story")


def output_folders(stories: Iterable[str]) -> dict[str, str]:
    """story -> the name of its folder under OUT: the story folder's own name, file-safe,
    with -2, -3... when two stories' folders share a name (case-insensitively), in story
    order."""
    from checker.ingest import safe_id

    used: set[str] = {Path(name).stem.casefold() for name in INDEX_FILES.values()}
    out: dict[str, str] = {}
    for story in sorted(set(stories)):
        base = safe_id(PurePosixPath(story).name or story)
        name, n = base, 2
        while name.casefold() in used:
            name, n = f"{base}-{n}", n + 1
        used.add(name.casefold())
        out[story] = name
    return out


# --------------------------------------------------------------------------- outcomes


@dataclass(frozen=True)
class StoryFinding:
    """What the index and `--fail-on` need of a finding (checker.workflow.gate reads
    `severity`, `decision` and `new`)."""

    fingerprint: str
    code: str
    kind: str
    severity: Severity
    summary: str
    decision: str | None = None  # the decision's status; None when undecided
    new: bool | None = None


@dataclass(frozen=True)
class StoryOutcome:
    """One checked story: its counts, findings and the files of its entry (paths relative
    to the entry: `out/<file>` for reports, `claims/<source>.csv`)."""

    story: str
    folder: str
    key: str
    topic: str  # the words its headlines share (the title of its consistency.md)
    articles: int
    claims: int
    claims_compared: int
    findings: tuple[StoryFinding, ...]
    stale: tuple[str, ...]  # fingerprints of decisions whose finding this story lacks
    printed: tuple[tuple[str, str], ...]  # (format, text) of the formats printed on stdout
    files: tuple[str, ...]
    reused: bool = False

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["findings"] = [{**dataclasses.asdict(f), "severity": f.severity.label} for f in self.findings]
        data.pop("reused")
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoryOutcome:
        findings = tuple(StoryFinding(**{**f, "severity": Severity.parse(f["severity"])})
                         for f in data["findings"])
        return cls(**{**data, "findings": findings, "stale": tuple(data["stale"]),
                      "printed": tuple((str(a), str(b)) for a, b in data["printed"]),
                      "files": tuple(data["files"]), "reused": True})


@dataclass(frozen=True)
class StoryTask:
    story: str
    folder: str
    key: str
    articles: pd.DataFrame  # ingest.ARTICLE_COLUMNS rows of the story
    problems: pd.DataFrame  # ingest.PROBLEM_COLUMNS rows of files in the story's folder


# --------------------------------------------------------------------------- keys and store


def story_key(articles: pd.DataFrame, problems: pd.DataFrame, folder: str, config: CheckConfig,
              formats: Sequence[str], workflow_digest: str) -> str:
    """A digest of everything a story's outputs depend on (see the module docstring)."""
    from checker.cache import KEY_COLUMNS, run_digest

    digest = hashlib.sha256()
    parts = [f"stories {STORY_FORMAT}", run_digest(config.thresholds), folder,
             repr((sorted(config.select), sorted(config.ignore), config.preview, config.reference_facts)),
             repr(sorted(formats)), workflow_digest]
    # Whole columns, not records: an archive has thousands of stories to key.
    columns = ("path", *KEY_COLUMNS)
    rows = sorted(zip(articles["source"].tolist(), *(articles[c].tolist() for c in columns), strict=True),
                  key=lambda row: row[0])
    parts.extend("\x1f".join(f"{c}={v}" for c, v in zip(columns, row[1:], strict=True)) for row in rows)
    if not problems.empty:
        parts.extend("\x1f".join(map(str, row))
                     for row in zip(*(problems[c].tolist() for c in problems.columns), strict=True))
    digest.update("\0".join(parts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def workflow_digest(workflow: Any) -> str:
    """A digest of the editor workflow's inputs (decisions, reference facts, baseline)."""
    baseline = workflow.baseline
    text = repr((sorted(workflow.decisions.items()), workflow.facts,
                 None if baseline is None else (baseline.path, sorted(baseline.fingerprints))))
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class StoryStore:
    """Story entries: `<folder>/<key[:2]>/<key>/` holding `out/...`, `claims/...` and
    summary.json (written last)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def entry(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def load(self, key: str) -> StoryOutcome | None:
        entry = self.entry(key)
        try:
            outcome = StoryOutcome.from_json(json.loads((entry / _SUMMARY).read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if outcome.key != key or not all((entry / f).is_file() for f in outcome.files):
            return None
        return outcome

    def write(self, key: str, files: Iterable[tuple[str, Iterable[str]]], outcome: StoryOutcome) -> None:
        """The entry's files (relative path, text in pieces), then its summary, in a
        temporary folder renamed into place."""
        target = self.entry(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=target.parent))
        try:
            for rel, pieces in files:
                path = tmp / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(path, "w", encoding="utf-8", errors="surrogatepass", newline="") as fh:
                    fh.writelines(pieces)
            (tmp / _SUMMARY).write_text(json.dumps(outcome.to_json(), ensure_ascii=False),
                                        encoding="utf-8", errors="surrogatepass")
            if target.exists():
                shutil.rmtree(target, ignore_errors=True)
            os.replace(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)



# --------------------------------------------------------------------------- one story


#: How a story's string columns are stored while it is checked. A story's tables are small,
#: and on small tables pandas' Arrow-backed strings cost more than they save: every filter
#: is an Arrow `take` per column, every new table converts its strings. Python storage
#: checked an archive one story per folder in 14-18% less CPU, with the same bytes out
#: (the archive-sized tables of a one-story run keep pandas' default).
STORY_STRING_STORAGE = "python"


def check_story(task: StoryTask, config: CheckConfig, formats: Sequence[str], workflow: Any,
                store: StoryStore) -> StoryOutcome:
    """The whole pipeline on one story, its outputs rendered into its store entry."""
    with pd.option_context("mode.string_storage", STORY_STRING_STORAGE):
        return _check_story(task, config, formats, workflow, store)


def _check_story(task: StoryTask, config: CheckConfig, formats: Sequence[str], workflow: Any,
                 store: StoryStore) -> StoryOutcome:
    from checker.api import check_extraction, extract_read
    from checker.report import FORMATS, claims_files, report_content
    from checker.report.view import source_summaries

    extraction = extract_read(task.articles, task.problems, config)
    result = check_extraction(extraction, config, workflow=workflow)
    stale = tuple(sorted(d.fingerprint for d in result.stale_decisions))
    result = dataclasses.replace(result, stale_decisions=())  # stale only in no story: the index
    files: list[tuple[str, Callable[[], Any]]] = [
        (f"out/{FORMATS[fmt][0]}", lambda fmt=fmt: report_content(fmt, result))
        for fmt in formats if FORMATS[fmt][0]]
    claims = claims_files(Path("claims"), result.tables.claims, result.tables.facets)
    files += [(path.as_posix(), maker) for path, maker in claims.items()]
    printed = tuple((fmt, FORMATS[fmt][1](result)) for fmt in formats if not FORMATS[fmt][0])
    claims_table = result.tables.claims
    outcome = StoryOutcome(
        story=task.story, folder=task.folder, key=task.key, topic=story_topic(result),
        articles=len(result.tables.articles), claims=len(claims_table),
        claims_compared=sum(s.kept for s in source_summaries(result.tables)),
        findings=tuple(_brief(f) for f in result.findings), stale=stale, printed=printed,
        files=tuple(rel for rel, _ in files))
    store.write(task.key, ((rel, _as_pieces(maker())) for rel, maker in files), outcome)
    return outcome


def story_topic(result: Any) -> str:
    from checker import lexicon
    from checker.report.view import headline_words, source_summaries

    titles = (s.title for s in source_summaries(result.tables))
    return ", ".join(headline_words(titles, lexicon.words("report_stopwords")))


def _brief(finding: Any) -> StoryFinding:
    decision = getattr(finding, "decision", None)
    return StoryFinding(fingerprint=finding.fingerprint, code=finding.code, kind=finding.kind,
                        severity=finding.severity, summary=finding.summary,
                        decision=None if decision is None else str(decision.status),
                        new=finding.new)


def _as_pieces(content: Any) -> Iterable[str]:
    if isinstance(content, bytes):
        return [content.decode("utf-8", "surrogatepass")]
    return [content] if isinstance(content, str) else content


# --------------------------------------------------------------------------- the archive


@dataclass
class StoriesRun:
    """The result of `check_stories`: what the CLI reports and writes. `close` removes a
    temporary store (a run without a cache folder)."""

    articles: pd.DataFrame
    problems: pd.DataFrame
    outcomes: list[StoryOutcome]  # in story order
    stale_decisions: tuple[Any, ...]
    config: CheckConfig
    store: StoryStore
    temporary: Path | None = None

    @property
    def fatal(self) -> bool:
        from checker.ingest import FATAL_PROBLEMS

        return bool(isin(self.problems["code"], FATAL_PROBLEMS).any()) or self.articles.empty

    @property
    def findings(self) -> list[StoryFinding]:
        return [f for o in self.outcomes for f in o.findings]

    @property
    def reused(self) -> int:
        return sum(o.reused for o in self.outcomes)

    def printed(self, fmt: str) -> str:
        return "".join(text for o in self.outcomes for f, text in o.printed if f == fmt)

    def output_files(self, formats: Sequence[str], out: Path,
                     claims_dir: Path) -> dict[Path, Callable[[], Iterable[str]]]:
        """Every story's files, copied from its entry when written (hard-linked from a
        temporary store), and the index files."""
        from functools import partial

        from checker.atomic import CopyOf
        from checker.report.stories_index import INDEX_RENDERERS

        files: dict[Path, Callable[[], Iterable[str] | CopyOf]] = {}
        for o in self.outcomes:
            for rel in o.files:
                top, _, name = rel.partition("/")
                target = out / o.folder / name if top == "out" else claims_dir / name
                files[target] = partial(CopyOf, self.store.entry(o.key) / rel, self.temporary is not None)
        for fmt, name in INDEX_FILES.items():
            if fmt in formats:
                files[out / name] = partial(INDEX_RENDERERS[fmt], self)
        return files

    def close(self) -> None:
        if self.temporary is not None:
            shutil.rmtree(self.temporary, ignore_errors=True)
            self.temporary = None

    def __enter__(self) -> StoriesRun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_stories(paths: Sequence[str | os.PathLike[str]], config: CheckConfig | None = None,
                  formats: Sequence[str] = ("md", "json"), *,
                  progress: Callable[[str], None] | None = None) -> StoriesRun:
    """Ingest `paths`, then check every story on its own (reusing the cached outcome of
    an unchanged story), on `config.workers` processes. Raises
    checker.workflow.WorkflowInputError for a malformed decisions, reference or baseline
    file."""
    from checker.ingest import IngestOptions, display_path, ingest
    from checker.workflow import load_workflow

    config = config or CheckConfig()
    report = progress or _no_progress
    workflow = load_workflow(config)
    report("ingest")
    read = ingest(paths, IngestOptions.from_config(config))
    temporary = None
    if config.cache_dir is not None:
        store = StoryStore(Path(config.cache_dir) / f"stories-v{STORY_FORMAT}")
    else:
        temporary = Path(tempfile.mkdtemp(prefix="checker-stories-"))
        store = StoryStore(temporary)
    run = StoriesRun(read.articles, read.problems, [], (), config, store, temporary)
    try:
        roots = [display_path(p) for p in paths if os.path.isdir(p)]
        tasks = _tasks(read.articles, read.problems, roots, config, formats, workflow_digest(workflow))
        report("segment")
        outcomes = []
        todo = []
        for task in tasks:
            cached = store.load(task.key)
            if cached is not None:
                outcomes.append(dataclasses.replace(cached, story=task.story, folder=task.folder))
            else:
                todo.append(task)
        outcomes += _run_tasks(todo, config, formats, workflow, store)
        run.outcomes = sorted(outcomes, key=lambda o: o.story)
        run.stale_decisions = tuple(
            d for fp, d in sorted(workflow.decisions.items())
            if all(fp in o.stale for o in run.outcomes))
    except BaseException:
        run.close()
        raise
    return run


def _no_progress(stage: str) -> None:
    return None


def _tasks(articles: pd.DataFrame, problems: pd.DataFrame, roots: Sequence[str], config: CheckConfig,
           formats: Sequence[str], workflow_key: str) -> list[StoryTask]:
    if articles.empty:
        return []
    stories = assign_stories(articles, roots)
    folders = output_folders(stories)
    problem_story = assign_stories(problems, roots) if not problems.empty else pd.Series(dtype=object)
    tasks = []
    for story, rows in articles.groupby(stories, sort=True):
        mine = problems[problem_story == story].reset_index(drop=True)
        rows = rows.reset_index(drop=True)
        key = story_key(rows, mine, folders[story], config, formats, workflow_key)
        tasks.append(StoryTask(str(story), folders[story], key, rows, mine))
    return tasks


def _run_tasks(tasks: list[StoryTask], config: CheckConfig, formats: Sequence[str], workflow: Any,
               store: StoryStore) -> list[StoryOutcome]:
    """Every task's outcome: in this process for a few articles, else on a pool (largest
    stories first, so that the last ones to finish are small)."""
    from checker.extract import default_workers

    inner = dataclasses.replace(config, workers=1)  # no pool inside a story
    workers = config.workers or default_workers()
    if workers <= 1 or sum(len(t.articles) for t in tasks) < POOL_MIN_ARTICLES:
        return [check_story(t, inner, formats, workflow, store) for t in tasks]
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from checker.extract import start_worker

    ordered = sorted(tasks, key=lambda t: (-len(t.articles), t.story))
    pool = ProcessPoolExecutor(max_workers=min(workers, len(ordered)), mp_context=get_context("spawn"),
                               initializer=start_worker)
    try:
        futures = [pool.submit(check_story, t, inner, formats, workflow, store) for t in ordered]
        done = [f.result() for f in futures]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return done
