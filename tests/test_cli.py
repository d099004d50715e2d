"""The CLI, driven in-process with click's CliRunner: help, options, exit codes, outputs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from checker import __version__
from checker.cli import cli
from checker.report.claims_csv import CLAIMS_CSV_COLUMNS

STRIKE_A = (
    "Harbour strike ends after nine days\n\n"
    "Dock workers at the northern port returned to work on Monday after nine days on strike.\n"
    "The union accepted a pay rise of 7.5% over two years, union leader Marta Quill said.\n"
)
STRIKE_B = (
    "Port workers back after strike\n\n"
    "Dock workers at the northern port returned to work on Monday after nine days on strike.\n"
    "The harbour authority said ships would be cleared by the weekend.\n"
)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ledger.txt").write_text(STRIKE_A, encoding="utf-8")
    (folder / "courier.md").write_text(STRIKE_B, encoding="utf-8")
    return folder


def run(runner: CliRunner, *args: str | Path):
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- help and version


@pytest.mark.parametrize("command", [[], ["check"], ["extract"], ["explain"], ["decide"]])
def test_every_command_has_help_with_an_example_and_the_exit_codes(runner, command):
    result = run(runner, *command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    for code in ("0 ", "1 ", "2 ", "130"):
        assert f"  {code}" in result.output
    command_names = set(cli.commands)
    assert command_names == {"check", "extract", "explain", "decide"}
    if not command:
        assert all(name in result.output for name in command_names)


def test_every_option_of_every_command_is_documented(runner):
    ctx = click.Context(cli)
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                record = param.get_help_record(ctx)
                assert record and record[1].strip(), f"{name} {param.name} has no help"


def test_version(runner):
    result = run(runner, "--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_format_choices_come_from_the_formats_mapping(runner, articles, tmp_path, monkeypatch):
    from checker import report

    monkeypatch.setitem(report.FORMATS, "plain", ("plain.txt", lambda result: "plain report\n"))
    assert "plain" in run(runner, "check", "--help").output
    result = run(runner, "check", articles, "--format", "plain", "--out", tmp_path / "r",
                 "--claims-dir", tmp_path / "c")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r" / "plain.txt").read_text() == "plain report\n"


# ---------------------------------------------------------------- check


def test_check_writes_the_default_formats_and_claims(runner, articles, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run(runner, "check", articles)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("reports").iterdir()) == ["consistency.json", "consistency.md"]
    assert sorted(p.name for p in Path("claims").iterdir()) == ["courier.csv", "ledger.csv"]
    header = Path("claims/ledger.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(CLAIMS_CSV_COLUMNS)
    assert "report: reports/consistency.md" in result.output


@pytest.mark.parametrize(
    ("formats", "files"),
    [
        (["--format", "csv"], ["findings.csv"]),
        (["--format", "md,csv"], ["consistency.md", "findings.csv"]),
        (["--format", "json", "--format", "md", "--format", "json"], ["consistency.json", "consistency.md"]),
        (["--format", " MD , json "], ["consistency.json", "consistency.md"]),
    ],
)
def test_format_lists_are_repeatable_and_comma_separated(runner, articles, tmp_path, formats, files):
    result = run(runner, "check", articles, *formats, "--out", tmp_path / "r", "--claims-dir", tmp_path / "c")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == files


@pytest.mark.parametrize("args", [["--format", "pdf"], ["--format", ","], ["--fail-on", "urgent"],
                                  ["--max-bytes", "-1"], ["--workers", "-1"], ["--quiet", "--verbose"],
                                  ["--no-such-option"]])
def test_bad_options_exit_2_without_writing(runner, articles, tmp_path, args):
    result = run(runner, "check", articles, *args, "--out", tmp_path / "r", "--claims-dir", tmp_path / "c")
    assert result.exit_code == 2
    assert not (tmp_path / "r").exists() and not (tmp_path / "c").exists()
    assert "Traceback" not in result.output


def test_workers_give_the_same_files_as_one_process(runner, articles, tmp_path, monkeypatch):
    import concurrent.futures

    from checker import extract

    monkeypatch.setattr(extract, "POOL_MIN_ARTICLES", 2)  # a pool even for two articles
    monkeypatch.setattr(extract, "POOL_CHUNK_ARTICLES", 1)
    pools: list[int] = []

    class CountedPool(concurrent.futures.ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            pools.append(kwargs["max_workers"])
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", CountedPool)
    for workers in ("1", "2"):
        result = run(runner, "check", articles, "--workers", workers, "--no-cache",
                     "--out", tmp_path / workers / "r", "--claims-dir", tmp_path / workers / "c")
        assert result.exit_code == 0, result.output
    assert pools == [2]  # none with --workers 1
    assert tree_hashes(tmp_path / "1") == tree_hashes(tmp_path / "2")


def test_fail_on_sets_exit_code_1_only_at_or_above_the_threshold(runner, articles, tmp_path):
    common = [articles, "--out", tmp_path / "r", "--claims-dir", tmp_path / "c", "--select", "agreement"]
    report = json.loads((lambda: (run(runner, "check", *common, "--format", "json"),
                                  (tmp_path / "r" / "consistency.json").read_text())[1])())
    severities = {f["severity"] for f in report["findings"]}
    assert severities == {"info"}, "the two articles share one claim: one agreement"
    assert run(runner, "check", *common, "--fail-on", "info").exit_code == 1
    assert run(runner, "check", *common, "--fail-on", "low").exit_code == 0
    assert run(runner, "check", *common).exit_code == 0  # default: never


def test_quiet_prints_nothing_on_success_and_verbose_prints_notes(runner, articles, tmp_path):
    (articles / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    common = ["check", articles, "--out", tmp_path / "r", "--claims-dir", tmp_path / "c"]
    quiet = run(runner, *common, "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    plain = run(runner, *common)
    assert "photo.jpg" not in plain.output  # a note
    verbose = run(runner, *common, "-v")
    assert f"checker: {(articles / 'photo.jpg').as_posix()}: not a .txt or .md article; skipped" in verbose.output


def test_leading_dash_file_names_after_double_dash(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("-x.txt").write_text(STRIKE_A, encoding="utf-8")
    result = run(runner, "check", "--out", "r", "--claims-dir", "c", "--", "-x.txt")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("c").iterdir()) == ["x.csv"]


def test_file_names_with_digits_that_are_not_numbers_are_sorted_not_a_crash(runner, tmp_path, monkeypatch):
    # "²" is a digit to str.isdigit() but not a number to int(): the natural sort once
    # crashed on it with a traceback
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    Path("in/area1\u00b2.txt").write_text(STRIKE_A, encoding="utf-8")
    Path("in/area1.txt").write_text(STRIKE_B, encoding="utf-8")
    result = run(runner, "check", "--out", "r", "--claims-dir", "c", "--no-cache", "in")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in Path("c").iterdir()) == ["area1.csv", "area1\u00b2.csv"]


def test_outputs_go_only_under_out_and_claims_dir(runner, articles, tmp_path):
    (articles / "..%2f..%2fescape.txt").write_text(STRIKE_A.replace("nine", "ten"), encoding="utf-8")
    before = {p for p in tmp_path.rglob("*")}
    result = run(runner, "check", articles, "--out", tmp_path / "r", "--claims-dir", tmp_path / "c",
                 "--format", "md,json,csv")
    assert result.exit_code == 0, result.output
    created = {p for p in tmp_path.rglob("*")} - before
    assert created and all(p.parent in (tmp_path / "r", tmp_path / "c") or p in (tmp_path / "r", tmp_path / "c")
                           for p in created)


def test_input_folders_are_never_modified(runner, articles, tmp_path):
    before = tree_hashes(articles)
    run(runner, "check", articles, "--out", tmp_path / "r", "--claims-dir", tmp_path / "c")
    run(runner, "extract", articles, "--claims-dir", tmp_path / "c")
    assert tree_hashes(articles) == before


def test_an_output_folder_inside_the_input_is_not_read_back(runner, articles):
    out = articles / "reports"
    args = ["check", articles, "--out", out, "--claims-dir", articles / "claims"]
    first = json.loads((run(runner, *args), (out / "consistency.json").read_text())[1])
    second = json.loads((run(runner, *args), (out / "consistency.json").read_text())[1])
    assert [s["id"] for s in first["sources"]] == [s["id"] for s in second["sources"]] == ["courier", "ledger"]


def test_an_output_that_cannot_be_written_is_one_line_and_exit_2(runner, articles, tmp_path):
    blocker = tmp_path / "r"
    blocker.write_text("a file where a folder should be")
    result = run(runner, "check", articles, "--out", blocker / "sub", "--claims-dir", tmp_path / "c")
    assert result.exit_code == 2
    assert "cannot write" in result.output and "Traceback" not in result.output
    assert not [p for p in (tmp_path / "c").rglob("*") if p.is_file()]  # all or nothing


# ---------------------------------------------------------------- stale claims


def test_stale_claims_written_by_checker_are_removed_and_other_files_kept(runner, articles, tmp_path):
    claims = tmp_path / "c"
    assert run(runner, "extract", articles, "--claims-dir", claims).exit_code == 0
    (claims / "notes.csv").write_text("name,comment\nx,y\n", encoding="utf-8")
    (claims / "readme.txt").write_text("kept", encoding="utf-8")
    (articles / "courier.md").unlink()
    result = run(runner, "extract", articles, "--claims-dir", claims)
    assert result.exit_code == 0
    assert sorted(p.name for p in claims.iterdir()) == ["ledger.csv", "notes.csv", "readme.txt"]
    assert "removed 1 stale claims file(s)" in result.output


def test_claims_from_an_older_checker_with_fewer_columns_count_as_ours(runner, articles, tmp_path):
    claims = tmp_path / "c"
    claims.mkdir()
    (claims / "old.csv").write_text(",".join(CLAIMS_CSV_COLUMNS[:7]) + "\nold:1,1,0,3,claim,,Old\n")
    run(runner, "extract", articles, "--claims-dir", claims)
    assert not (claims / "old.csv").exists()


def test_a_run_with_a_missing_path_keeps_other_claims(runner, articles, tmp_path):
    claims = tmp_path / "c"
    run(runner, "extract", articles, "--claims-dir", claims)
    (articles / "courier.md").unlink()
    result = run(runner, "extract", articles, tmp_path / "typo", "--claims-dir", claims)
    assert result.exit_code == 2
    assert sorted(p.name for p in claims.iterdir()) == ["courier.csv", "ledger.csv"]


# ---------------------------------------------------------------- extract and explain


def test_extract_writes_only_claims(runner, articles, tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run(runner, "extract", articles)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in work.iterdir()) == ["claims"]
    assert "segments from 2 articles -> claims/" in result.output


def test_explain_a_kind_by_name_and_code_and_all(runner):
    by_name = run(runner, "explain", "agreement")
    by_code = run(runner, "explain", "CK001")
    assert by_name.exit_code == by_code.exit_code == 0 and by_name.output == by_code.output
    listing = run(runner, "explain", "--all")
    assert listing.exit_code == 0 and "CK001" in listing.output
    unknown = run(runner, "explain", "no_such_kind")
    assert unknown.exit_code == 2 and "unknown kind" in unknown.output
