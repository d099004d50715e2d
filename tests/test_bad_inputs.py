"""Hostile and broken input through the CLI: every case gets a normal result or a one-line
message naming the file, the other files are still checked, and the JSON report's
"skipped" list names every skipped file with its reason.

Small fixtures live in tests/bad_inputs/; large or odd ones (a 50 MB line, 5,000 files,
names with quotes and dashes, symlinks, deep folders) are generated here. Most cases share
one run over a folder holding all of them, so the file stays fast.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli

FIXTURES = Path(__file__).resolve().parent / "bad_inputs"
ROOT = Path(__file__).resolve().parent.parent
CHECKER = [sys.executable, "-m", "checker"]

GOOD = (
    "Tram line opens to the airport\n\n"
    "The new tram line to the airport opened on Saturday, the transport authority said.\n"
    "Trams will run every 8 minutes, operations chief Sofia Lind said.\n"
)


def good_text(variant: str) -> str:
    return GOOD.replace("Saturday", variant)


@dataclass(frozen=True)
class Run:
    exit_code: int
    stderr_lines: list[str]
    report: dict | None
    root: Path

    def checked_paths(self) -> set[str]:
        return {s["path"] for s in self.report["sources"]} if self.report else set()

    def skipped(self, name: str) -> list[dict]:
        return [s for s in (self.report or {}).get("skipped", []) if s["path"].endswith("/" + name)]

    def lines_naming(self, name: str) -> list[str]:
        return [line for line in self.stderr_lines if f"/{name}: " in line]


def run_check(paths: list[Path | str], tmp: Path, *extra: str) -> Run:
    out, claims = tmp / "out", tmp / "claims"
    result = CliRunner().invoke(
        cli, ["check", *map(str, paths), "--out", str(out), "--claims-dir", str(claims),
              "--format", "json", *extra], catch_exceptions=False)
    assert "Traceback" not in result.output
    report_path = out / "consistency.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.exists() else None
    return Run(result.exit_code, result.stderr.splitlines(), report, Path(paths[0]) if paths else tmp)


# ---------------------------------------------------------------- one shared hostile folder


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Run:
    tmp = tmp_path_factory.mktemp("hostile")
    root = tmp / "in"
    root.mkdir()
    for fixture in sorted(FIXTURES.iterdir()):
        if not fixture.name.startswith("."):
            shutil.copyfile(fixture, root / fixture.name)
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    # one 50 MB line, generated
    with open(root / "one_huge_line.txt", "wb") as fh:
        chunk = b"The minister said the port would reopen. " * 25_000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    # awkward file names
    for i, name in enumerate(["with space.txt", "quote's \"double\".txt", "\u00fcnicode \u0436 \u65e5\u672c.md",
                              "-leading-dash.txt", "--looks-like-an-option.md"]):
        (root / name).write_text(good_text(f"day {i}"), encoding="utf-8")
    # deep folders
    deep = root.joinpath(*[f"level{i}" for i in range(60)])
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(good_text("Sunday"), encoding="utf-8")
    # the same article under two names
    (root / "copy_a.txt").write_text(good_text("Monday"), encoding="utf-8")
    (root / "copy_b.txt").write_text(good_text("Monday"), encoding="utf-8")
    # symlinks: a loop, and a file outside the input folder
    os.symlink(root, root / "loop")
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "elsewhere.txt").write_text(good_text("Friday"), encoding="utf-8")
    os.symlink(outside / "elsewhere.txt", root / "outside_link.txt")
    # malformed sidecars, each in its own folder with one article
    sidecars = {
        "meta_missing_columns": "file,outlet\nstory.txt,The Courier\n",
        "meta_bad_date": "file,outlet,url,published,language,title\nstory.txt,The Courier,,31/02/2024,,\n",
        "meta_duplicate": "file,outlet,url,published,language,title\nstory.txt,One,,,,\nstory.txt,Two,,,,\n",
        "meta_escape": "file,outlet,url,published,language,title\n../../x,Escape,,,,\nstory.txt,The Courier,,,,\n",
    }
    for i, (folder, csv_text) in enumerate(sidecars.items()):
        (root / folder).mkdir()
        (root / folder / "sources.csv").write_text(csv_text, encoding="utf-8")
        (root / folder / "story.txt").write_text(good_text(f"{i} June"), encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    run = run_check([root, root], tmp, "-v")  # the folder passed twice, too
    return Run(run.exit_code, run.stderr_lines, run.report, root)


def test_the_hostile_folder_exits_0_and_reports(hostile):
    assert hostile.exit_code == 0, hostile.stderr_lines
    assert hostile.report is not None


def test_every_message_is_one_line_starting_with_checker(hostile):
    assert hostile.stderr_lines
    for line in hostile.stderr_lines:
        assert line.startswith("checker: "), line


SKIPPED = [
    ("empty.txt", "empty", "empty or whitespace-only"),
    ("whitespace_only.txt", "empty", "empty or whitespace-only"),
    ("nul_bytes.txt", "binary", "NUL"),
    ("png_named_txt.txt", "binary", "PNG"),
    ("gzip_named_txt.txt", "binary", "gzip"),
    ("pdf_named_txt.txt", "binary", "PDF"),
    ("zip_named_txt.txt", "binary", "ZIP"),
    ("one_huge_line.txt", "too_large", "--max-bytes limit of 5,000,000 bytes"),
    ("copy_b.txt", "duplicate", "copy_a.txt"),
    ("outside_link.txt", "outside_link", "--follow-symlinks"),
    ("photo.jpg", "not_article", "not a .txt or .md"),
]


@pytest.mark.parametrize(("name", "code", "fragment"), SKIPPED, ids=[s[0] for s in SKIPPED])
def test_skipped_inputs_get_one_line_and_a_report_entry(hostile, name, code, fragment):
    [entry] = hostile.skipped(name)
    assert entry["code"] == code and fragment in entry["message"]
    [line] = hostile.lines_naming(name)
    assert line == f"checker: {entry['path']}: {entry['message']}"
    assert not any(p.endswith("/" + name) for p in hostile.checked_paths())


CHECKED = [
    "good.txt", "invalid_utf8_middle.txt", "utf16_bom.txt", "utf16le_no_bom.txt", "utf16be_no_bom.txt",
    "cp1252_smart_quotes.txt", "utf8_bom.txt", "mixed_line_endings.txt", "html_pasted.txt",
    "markdown_hostile.md", "controls_in_names.txt", "front_matter_bad.md", "front_matter_unclosed.md",
    "with space.txt", "quote's \"double\".txt", "\u00fcnicode \u0436 \u65e5\u672c.md", "-leading-dash.txt",
    "--looks-like-an-option.md", "deep.txt", "copy_a.txt", "meta_missing_columns/story.txt",
    "meta_bad_date/story.txt", "meta_duplicate/story.txt", "meta_escape/story.txt",
]


@pytest.mark.parametrize("name", CHECKED)
def test_good_and_odd_but_readable_files_are_checked(hostile, name):
    matches = [p for p in hostile.checked_paths() if p.endswith("/" + name)]
    assert len(matches) == 1, sorted(hostile.checked_paths())


def test_encodings_are_recorded(hostile):
    encodings = {Path(s["path"]).name: s["encoding"] for s in hostile.report["sources"]}
    assert encodings["utf16_bom.txt"] == "utf-16"
    assert encodings["utf16le_no_bom.txt"] == "utf-16-le"
    assert encodings["utf16be_no_bom.txt"] == "utf-16-be"
    assert encodings["cp1252_smart_quotes.txt"] == "cp1252"
    assert encodings["utf8_bom.txt"] == "utf-8-sig"


def test_cp1252_smart_quotes_are_decoded(hostile):
    source = next(s["id"] for s in hostile.report["sources"] if s["path"].endswith("cp1252_smart_quotes.txt"))
    claims = " ".join(c["text"] for c in hostile.report["claims"] if c["source"] == source)
    assert "\u201cTraffic will flow again,\u201d" in claims and "\u2013 at the caf\u00e9" in claims
    assert "\u20ac4.2 million, the council\u2019s report" in claims


def test_claim_offsets_stay_valid_in_mixed_line_endings(hostile):
    source = next(s["id"] for s in hostile.report["sources"] if s["path"].endswith("mixed_line_endings.txt"))
    lines = {c["text"]: c["line"] for c in hostile.report["claims"] if c["source"] == source}
    raw = (hostile.root / "mixed_line_endings.txt").read_bytes().decode("utf-8")
    for text, line in lines.items():
        start = raw.index(text)
        assert line == 1 + raw[:start].count("\r\n") + raw[:start].replace("\r\n", "").count("\r") \
            + raw[:start].replace("\r\n", "").count("\n")


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("invalid_utf8_middle.txt", "invalid UTF-8 at byte 120"),
        ("front_matter_bad.md", "not an ISO date"),
        ("front_matter_bad.md", "not an http(s) address"),
        ("front_matter_bad.md", "line 6 is not `key: value`"),
        ("front_matter_unclosed.md", "no `---` closes it"),
    ],
)
def test_checked_files_with_problems_get_a_warning_line(hostile, name, fragment):
    assert [line for line in hostile.lines_naming(name) if fragment in line]
    assert [s for s in hostile.skipped(name) if fragment in s["message"] and s["severity"] == "warning"]


@pytest.mark.parametrize(
    ("folder", "fragment", "outlet"),
    [
        ("meta_missing_columns", "columns missing: url, published, language, title", "The Courier"),
        ("meta_bad_date", "'31/02/2024' is not an ISO date", "The Courier"),
        ("meta_duplicate", "duplicate row for 'story.txt'", ""),
        ("meta_escape", "'../../x' is not a file name inside this folder", "The Courier"),
    ],
)
def test_malformed_sidecars_are_named_and_the_article_still_checked(hostile, folder, fragment, outlet):
    [entry] = [s for s in hostile.skipped(f"{folder}/sources.csv") if fragment in s["message"]]
    assert entry["code"] == "sidecar"
    source = next(s for s in hostile.report["sources"] if s["path"].endswith(f"{folder}/story.txt"))
    assert source["outlet"] == outlet


def test_symlink_loop_and_repeated_folder_are_notes_not_errors(hostile):
    codes = {s["code"]: s["severity"] for s in hostile.report["skipped"]}
    assert codes["symlink_loop"] == "note" and codes["repeated_path"] == "note"
    assert len([p for p in hostile.checked_paths() if p.endswith("/good.txt")]) == 1


def test_ids_from_awkward_names_are_safe(hostile):
    ids = [s["id"] for s in hostile.report["sources"]]
    assert len(set(ids)) == len(ids)
    for source_id in ids:
        assert "/" not in source_id and not source_id.startswith(("-", ".")) and source_id
    claims_dir = hostile.root.parent / "claims"
    assert sorted(p.stem for p in claims_dir.iterdir()) == sorted(ids)


# ---------------------------------------------------------------- cases with their own run


def test_follow_symlinks_reads_the_outside_file(tmp_path):
    root, outside = tmp_path / "in", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "good.txt").write_text(GOOD, encoding="utf-8")
    (outside / "elsewhere.txt").write_text(good_text("Friday"), encoding="utf-8")
    os.symlink(outside / "elsewhere.txt", root / "link.txt")
    run = run_check([root], tmp_path, "--follow-symlinks")
    assert run.exit_code == 0
    assert {Path(p).name for p in run.checked_paths()} == {"good.txt", "link.txt"}


def test_missing_path_exits_2_and_the_others_are_still_checked(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    run = run_check([tmp_path / "good.txt", tmp_path / "no-such.txt"], tmp_path)
    assert run.exit_code == 2
    assert run.lines_naming("no-such.txt") == [f"checker: {(tmp_path / 'no-such.txt').as_posix()}: no such file or folder"]
    assert {Path(p).name for p in run.checked_paths()} == {"good.txt"}
    assert run.skipped("no-such.txt")[0]["code"] == "missing"


def test_a_folder_with_no_articles_exits_2(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    empty = tmp_path / "images"
    empty.mkdir()
    (empty / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    run = run_check([tmp_path / "good.txt", empty], tmp_path)
    assert run.exit_code == 2
    assert [line for line in run.stderr_lines if "folder holds no .txt or .md articles" in line]
    assert {Path(p).name for p in run.checked_paths()} == {"good.txt"}


def test_nothing_readable_exits_2_without_a_report(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    run = run_check([tmp_path / "in"], tmp_path)
    assert run.exit_code == 2 and run.report is None
    assert run.stderr_lines[-1] == "checker: nothing could be checked; no report written"


def test_an_unreadable_file_is_named_and_the_others_checked(tmp_path, monkeypatch):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(good_text("Monday"), encoding="utf-8")
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads anything: simulate the permission error
        real_open = open

        def fake_open(path, *args, **kwargs):
            if str(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr("builtins.open", fake_open)
    try:
        run = run_check([tmp_path / "good.txt", locked], tmp_path / "o")
    finally:
        locked.chmod(0o644)
    assert run.exit_code == 0
    assert run.lines_naming("locked.txt") == [f"checker: {locked.as_posix()}: cannot read: Permission denied"]
    assert run.skipped("locked.txt")[0]["code"] == "unreadable"
    assert {Path(p).name for p in run.checked_paths()} == {"good.txt"}


@pytest.mark.slow
def test_five_thousand_tiny_files_in_one_folder(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5000):
        (folder / f"note{i:04d}.txt").write_text(f"Note {i}\nShip {i} docked at berth {i % 40}.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(folder), "--claims-dir", str(tmp_path / "c"), "-q"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "c").iterdir())) == 5000


PATHOLOGICAL = {
    "dots": "." * 100_000,
    "capitals": "A" * 100_000,
    "capital_words": "ABC " * 25_000,
    "initials": "A. " * 33_000,
    "digits": "1" * 100_000,
    "digit_groups": "1,0" * 33_000,
    "decimals": "1.2." * 25_000,
    "quotes": '"' * 50_000 + "\u201c" * 50_000,
    "apostrophes": "'a " * 33_000,
    "brackets": "(" * 50_000 + ")" * 50_000,
    "square": "[" * 100_000,
    "dashes": "- " * 50_000,
    "titles": "Mr. Dr. Gen. " * 8_000,
    "capitalised": "Minister Of The " * 7_000,
    "percent": "5% " * 33_000,
    "dates": "1/2/2024 " * 11_000,
}


def test_pathological_lines_finish_in_bounded_time(tmp_path):
    folder = tmp_path / "patho"
    folder.mkdir()
    for name, line in PATHOLOGICAL.items():
        (folder / f"{name}.txt").write_text(f"Headline about {name}\n\n{line}\n", encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.run([*CHECKER, "extract", str(folder), "--claims-dir", str(tmp_path / "c"), "-q"],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    assert cpu < 20, f"extract took {cpu:.1f} s of CPU ({time.monotonic() - started:.1f} s wall)"
    assert len(list((tmp_path / "c").iterdir())) == len(PATHOLOGICAL)


# ---------------------------------------------------------------- interrupts (subprocess)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupt_leaves_the_previous_reports_intact_and_exits_130(tmp_path, signum):
    small, big = tmp_path / "small", tmp_path / "big"
    small.mkdir()
    big.mkdir()
    (small / "good.txt").write_text(GOOD, encoding="utf-8")
    out, claims = tmp_path / "out", tmp_path / "claims"
    args = ["--out", str(out), "--claims-dir", str(claims), "-q"]
    first = subprocess.run([*CHECKER, "check", str(small), *args], cwd=ROOT, capture_output=True, timeout=120)
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in [*out.iterdir(), *claims.iterdir()]}
    # About 4 MB of prose (under --max-bytes): far more work than the seconds we wait.
    sentence = "The port authority said on Tuesday that 4,200 containers were moved, up 3% on last year. "
    (big / "long.txt").write_text("Port traffic grows\n\n" + (sentence * 20 + "\n\n") * 2_300, encoding="utf-8")
    proc = subprocess.Popen([*CHECKER, "check", str(big), *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(4)
    assert proc.poll() is None, "the run finished before it could be interrupted"
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert stderr.decode().strip().splitlines() == ["checker: interrupted; no report was half-written"]
    after = {p.name: p.read_bytes() for p in [*out.iterdir(), *claims.iterdir()]}
    assert after == before
