"""Fuzz the whole extract path: bytes -> a file on disk -> ingest -> segment -> facets.

    python -m checker.fuzz --seconds 600          # what `make fuzz` runs
    python -m checker.fuzz --seconds 15 --engine hypothesis

Each input becomes an article file (and, when its first byte says so, a sources.csv beside
it), then goes through `checker.api.extract_paths`. A crash is any exception, or a broken
invariant: every segment's offsets must point at its text in the decoded article, and every
facet's offsets must lie inside the article. The engine is atheris (coverage-guided
libFuzzer) when it imports, else a hypothesis-driven loop. On success it prints
`fuzz: tried N inputs in S s (engine E); no crash` and exits 0; a crash prints the input's
traceback and exits non-zero (atheris also saves the input under --artifacts).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from checker.tables import row_tuples

SEED_TEXTS: tuple[bytes, ...] = (
    b"Port strike ends after nine days\n\nDock workers in the northern port returned on "
    b"Monday, 4 March 2024, after unions accepted a 7.5% pay rise, the harbour authority said.\n",
    "---\ntitle: Flood barrier approved\npublished: 2023-11-02\noutlet: The Ledger\n---\n"
    "The city council voted 31 to 4 for the \u20ac120m barrier, Mayor Ana Ortiz told reporters.\n"
    .encode("utf-8"),
    "\ufeffMinister resigns\r\n\r\n\u201cI take full responsibility,\u201d said the minister on "
    "Tuesday.\r\nAbout 2,000 people protested.\r".encode("utf-8"),
    "Vaccine drive reaches villages\n\nHealth workers vaccinated more than 12,000 children."
    .encode("utf-16"),
    "Caf\u00e9 owners protest\n\nThe owners\u2019 association met on 3/4/2022.".encode("cp1252"),
)
SEED_SIDECAR = (b"file,outlet,url,published,language,title\narticle.txt,The Ledger,"
                b"https://example.org/a,2024-01-05,en,Headline\n../../x.txt,,,05/01/2024,,\n")

SIDECAR_FLAG = 0x01
MARKDOWN_FLAG = 0x02


def write_case(data: bytes, folder: Path) -> None:
    """Lay out one fuzz input as files: byte 0 is flags, then (with a sidecar) two bytes
    give the sidecar's length, then the sidecar, then the article."""
    for child in folder.iterdir():
        child.unlink()
    flags = data[0] if data else 0
    rest = data[1:]
    article_name = "article.md" if flags & MARKDOWN_FLAG else "article.txt"
    if flags & SIDECAR_FLAG and len(rest) >= 2:
        size = int.from_bytes(rest[:2], "big") % (len(rest) - 1)
        (folder / "sources.csv").write_bytes(rest[2:2 + size])
        rest = rest[2 + size:]
    (folder / article_name).write_bytes(rest)


def run_case(data: bytes, folder: Path) -> None:
    """One input through the extract path; raises on a crash or a broken invariant."""
    from checker.api import extract_paths
    from checker.config import CheckConfig

    write_case(data, folder)
    extraction = extract_paths([folder], CheckConfig(max_bytes=1_000_000))
    texts = dict(zip(extraction.articles["source"].tolist(), extraction.articles["text"].tolist(), strict=True))
    for row in row_tuples(extraction.claims):
        text = texts[row.source]
        start, end = int(row.start), int(row.end)
        if not 0 <= start <= end <= len(text):
            raise AssertionError(f"claim {row.claim_id} offsets {start}:{end} outside the text")
        if row.unit == "segment" and text[start:end] != row.text:
            raise AssertionError(f"claim {row.claim_id} text does not match its offsets")
    for row in row_tuples(extraction.facets):
        text = texts[row.source]
        if not 0 <= int(row.start) <= int(row.end) <= len(text):
            raise AssertionError(f"facet {row.facet} of {row.claim_id} offsets outside the text")


def _seed_corpus(folder: Path) -> None:
    for i, text in enumerate(SEED_TEXTS):
        (folder / f"seed-{i}").write_bytes(b"\x00" + text)
        sidecar = bytes([SIDECAR_FLAG]) + len(SEED_SIDECAR).to_bytes(2, "big") + SEED_SIDECAR
        (folder / f"seed-{i}-sidecar").write_bytes(sidecar + text)
    seeds = Path("seeds")
    if seeds.is_dir():  # copied, never used in place: libFuzzer adds files to its corpus
        for path in sorted(seeds.glob("*.txt")):
            (folder / f"article-{path.stem}").write_bytes(b"\x00" + path.read_bytes())


def _report(count: int, started: float, engine: str) -> None:
    print(f"fuzz: tried {count} inputs in {time.monotonic() - started:.0f} s (engine {engine}); no crash",
          flush=True)


def fuzz_atheris(seconds: float, workdir: Path, artifacts: Path) -> None:
    import atheris

    with atheris.instrument_imports(include=["checker"]):
        import checker.api  # noqa: F401  (instrumented for coverage guidance)
    corpus = workdir / "corpus"
    cases = workdir / "case"
    corpus.mkdir()
    cases.mkdir()
    _seed_corpus(corpus)
    artifacts.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    deadline = started + seconds
    count = 0

    def one_input(data: bytes) -> None:
        nonlocal count
        if time.monotonic() >= deadline:
            _report(count, started, "atheris")
            shutil.rmtree(workdir, ignore_errors=True)
            os._exit(0)  # libFuzzer offers no clean way back to Python
        count += 1
        run_case(data, cases)

    argv = [sys.argv[0], str(corpus), "-timeout=60", "-rss_limit_mb=4096", "-max_len=65536",
            f"-artifact_prefix={artifacts}{os.sep}", f"-max_total_time={int(seconds) + 60}",
            "-print_final_stats=0"]
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


def fuzz_hypothesis(seconds: float, workdir: Path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    cases = workdir / "case"
    cases.mkdir()
    started = time.monotonic()
    count = 0
    texts = st.text(max_size=3000)
    inputs = st.one_of(
        st.binary(max_size=4000),
        st.tuples(st.integers(0, 3), texts).map(lambda t: bytes([t[0]]) + t[1].encode("utf-8")),
        st.tuples(st.integers(0, 3), texts).map(lambda t: bytes([t[0]]) + t[1].encode("utf-16")),
        st.sampled_from(SEED_TEXTS).flatmap(
            lambda seed: st.binary(max_size=200).map(lambda noise: b"\x00" + seed + noise)),
    )

    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(inputs)
    def target(data: bytes) -> None:
        nonlocal count
        count += 1
        run_case(data, cases)

    while time.monotonic() - started < seconds:
        target()
    _report(count, started, "hypothesis")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checker.fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="how long to fuzz (default 600)")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--artifacts", type=Path,
                        default=Path(tempfile.gettempdir()) / "checker-fuzz-artifacts",
                        help="where atheris saves a crashing input")
    args = parser.parse_args(argv)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    workdir = Path(tempfile.mkdtemp(prefix="checker-fuzz-"))
    runner: Callable[[], None] = (
        (lambda: fuzz_atheris(args.seconds, workdir, args.artifacts.resolve())) if engine == "atheris"
        else (lambda: fuzz_hypothesis(args.seconds, workdir))
    )
    try:
        runner()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
