"""An archive checked one story at a time (checker.stories, `checker check --stories folders`):
each story's reports equal a check of that story's folder alone, an unchanged story is reused
from the cache, and the index lists every story's findings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path, PurePosixPath

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from checker import stories
from checker.cli import cli
from checker.config import CheckConfig
from checker.stories import check_stories, output_folders, story_of

ARTICLES = Path(__file__).resolve().parent / "articles"
STORIES = ("port_strike", "rate_decision", "bridge_collapse")


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three of our own stories, one folder each, in a working folder of their own."""
    monkeypatch.chdir(tmp_path)
    for name in STORIES:
        shutil.copytree(ARTICLES / name, tmp_path / "archive" / name, ignore=shutil.ignore_patterns("*.toml"))
    return Path("archive")


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --------------------------------------------------------------------------- partition


@pytest.mark.parametrize(("path", "roots", "story"), [
    ("archive/strike/a.txt", ["archive"], "archive/strike"),
    ("archive/strike/2026/a.txt", ["archive"], "archive/strike"),
    ("archive/a.txt", ["archive"], "archive"),
    ("archive/strike/a.txt", ["archive", "archive/strike"], "archive/strike"),
    ("other/b.txt", ["archive"], "other"),
    ("strike/a.txt", ["."], "strike"),
    ("/abs/root/s/a.txt", ["/abs/root"], "/abs/root/s"),
])
def test_story_is_the_first_folder_below_the_input_folder(path, roots, story):
    assert story_of(path, roots) == story


segment = st.text(alphabet="abcxyz_-.", min_size=1, max_size=6).filter(lambda s: s not in (".", ".."))


@given(root=st.lists(segment, min_size=1, max_size=3), rest=st.lists(segment, min_size=1, max_size=4))
def test_a_story_is_a_folder_that_holds_the_article(root, rest):
    root_path = "/".join(root)
    path = "/".join([*root, *rest])
    story = PurePosixPath(story_of(path, [root_path]))
    article = PurePosixPath(path)
    assert story in article.parents
    assert len(story.parts) in (len(root), len(root) + 1)


def test_output_folders_are_unique_and_never_the_index():
    names = output_folders(["a/strike", "b/strike", "b/Strike", "x/stories"])
    assert names == {"a/strike": "strike", "b/Strike": "Strike-2", "b/strike": "strike-3", "x/stories": "stories-2"}


# --------------------------------------------------------------------------- end to end


def test_each_story_report_equals_checking_its_folder_alone(archive):
    result = run("check", archive, "--stories", "folders", "--out", "r", "--claims-dir", "c",
                 "--format", "md,json,csv", "--no-cache")
    assert result.exit_code == 0, result.output
    for name in STORIES:
        alone = run("check", archive / name, "--out", f"alone/{name}", "--claims-dir", f"alone_c/{name}",
                    "--format", "md,json,csv", "--no-cache")
        assert alone.exit_code == 0
        assert files_of(Path("r") / name) == files_of(Path("alone") / name)
        claims = files_of(Path("alone_c") / name)
        assert claims and all((Path("c") / f).read_bytes() == data for f, data in claims.items())
    index = json.loads(Path("r/stories.json").read_text(encoding="utf-8"))
    assert index["schema"] == "checker.stories/1"
    assert [s["story"] for s in index["stories"]] == [f"archive/{n}" for n in sorted(STORIES)]
    for story in index["stories"]:
        report = json.loads((Path("r") / story["reports"]["json"]).read_text(encoding="utf-8"))
        assert {f["fingerprint"] for f in report["findings"]} == {
            f["fingerprint"] for f in index["findings"] if f["story"] == story["story"]}
        assert story["claims_compared"] == report["counts"]["claims_compared"]
    markdown = Path("r/stories.md").read_text(encoding="utf-8")
    assert "# Consistency across 3 stories" in markdown
    assert all(f"]({n}/consistency.md)" in markdown for n in STORIES)
    assert "3 stories (0 unchanged, reused from the cache)" in result.output


def test_an_unchanged_story_is_reused_and_a_changed_one_checked_again(archive):
    config = CheckConfig(cache_dir=Path("cache"))
    with check_stories([archive], config) as cold:
        assert cold.reused == 0 and len(cold.outcomes) == 3
    with check_stories([archive], config) as warm:
        assert warm.reused == 3
        assert warm.outcomes == [o.__class__(**{**o.__dict__, "reused": True}) for o in cold.outcomes]
    story = archive / "port_strike"
    first = sorted(story.glob("*.txt"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nThe union said talks would resume on Monday.\n",
                     encoding="utf-8")
    with check_stories([archive], config) as changed, check_stories([archive], CheckConfig()) as plain:
        assert changed.reused == 2
        assert [o.reused for o in changed.outcomes if o.story == "archive/port_strike"] == [False]
        strip = [o.__class__(**{**o.__dict__, "reused": False}) for o in changed.outcomes]
        assert strip == plain.outcomes
        assert plain.temporary is not None and plain.temporary.exists()
    assert plain.temporary is None  # the store of a run without a cache is removed


def test_the_cli_reuses_unchanged_stories_with_the_same_files(archive):
    common = ["check", archive, "--stories", "folders", "--claims-dir", "c", "--cache-dir", "cache"]
    assert run(*common, "--out", "cold").exit_code == 0
    warm = run(*common, "--out", "warm")
    assert "3 stories (3 unchanged, reused from the cache)" in warm.output
    assert files_of(Path("cold")) == files_of(Path("warm"))


def test_an_unreadable_cache_entry_is_a_miss(archive):
    config = CheckConfig(cache_dir=Path("cache"))
    with check_stories([archive], config):
        pass
    summaries = sorted(Path("cache").rglob("summary.json"))
    assert len(summaries) == 3
    summaries[0].write_text("{not json", encoding="utf-8")
    report = next(p for p in summaries[1].parent.rglob("*.md"))
    report.unlink()
    with check_stories([archive], config) as again:
        assert again.reused == 1


def test_stories_run_on_a_pool_give_the_same_outcomes(archive, monkeypatch):
    with check_stories([archive], CheckConfig(workers=1)) as alone:
        expected = alone.outcomes
    monkeypatch.setattr(stories, "POOL_MIN_ARTICLES", 0)
    with check_stories([archive], CheckConfig(workers=2)) as pooled:
        assert pooled.outcomes == expected


def test_a_story_gives_the_same_files_with_python_or_arrow_strings(archive, monkeypatch):
    pytest.importorskip("pyarrow")
    common = ["check", archive, "--stories", "folders", "--no-cache", "--format", "md,json,csv,sarif"]
    before = pd.get_option("mode.string_storage")
    assert stories.STORY_STRING_STORAGE == "python"
    assert run(*common, "--out", "python", "--claims-dir", "c1").exit_code == 0
    assert pd.get_option("mode.string_storage") == before  # the caller's setting is left as it was
    monkeypatch.setattr(stories, "STORY_STRING_STORAGE", "pyarrow")
    assert run(*common, "--out", "arrow", "--claims-dir", "c2").exit_code == 0
    assert files_of(Path("python")) == files_of(Path("arrow"))
    assert files_of(Path("c1")) == files_of(Path("c2"))


def test_a_bad_file_is_reported_in_its_story_and_the_others_are_checked(archive):
    (archive / "rate_decision" / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = run("check", archive, "--stories", "folders", "--out", "r", "--claims-dir", "c", "--no-cache")
    assert result.exit_code == 0
    assert "archive/rate_decision/photo.txt" in result.output
    assert "photo.txt" in Path("r/rate_decision/consistency.md").read_text(encoding="utf-8")
    assert "photo.txt" not in Path("r/port_strike/consistency.md").read_text(encoding="utf-8")
    assert "photo.txt" in Path("r/stories.md").read_text(encoding="utf-8")


def test_fail_on_counts_every_story_and_a_stories_index_is_a_baseline(archive):
    common = ["check", archive, "--stories", "folders", "--claims-dir", "c", "--no-cache"]
    first = run(*common, "--out", "r", "--fail-on", "medium")
    index = json.loads(Path("r/stories.json").read_text(encoding="utf-8"))
    severities = {f["severity"] for f in index["findings"]}
    assert severities & {"high", "medium"}
    assert first.exit_code == 1
    again = run(*common, "--out", "r2", "--fail-on", "medium", "--baseline", "r/stories.json")
    assert again.exit_code == 0
    assert json.loads(Path("r2/stories.json").read_text(encoding="utf-8"))["counts"]["findings"]["new"] == 0


def test_a_decision_is_stale_only_when_no_story_has_its_finding(archive):
    assert run("check", archive, "--stories", "folders", "--out", "r", "--claims-dir", "c",
               "--no-cache").exit_code == 0
    finding = json.loads(Path("r/stories.json").read_text(encoding="utf-8"))["findings"][0]
    Path("c/decisions.csv").write_text(
        "fingerprint,status,note\n"
        f"{finding['fingerprint']},accepted,checked with the desk\n"
        "0123456789abcdef,accepted,a finding that no longer occurs\n", encoding="utf-8")
    assert run("check", archive, "--stories", "folders", "--out", "r", "--claims-dir", "c",
               "--no-cache").exit_code == 0
    index = json.loads(Path("r/stories.json").read_text(encoding="utf-8"))
    assert [d["fingerprint"] for d in index["stale_decisions"]] == ["0123456789abcdef"]
    decided = [f for f in index["findings"] if f["fingerprint"] == finding["fingerprint"]]
    assert decided and decided[0]["decision"] == "accepted"
    for name in STORIES:
        assert "0123456789abcdef" not in (Path("r") / name / "consistency.md").read_text(encoding="utf-8")


def test_stories_need_the_pandas_engine(archive):
    result = CliRunner().invoke(cli, ["check", str(archive), "--stories", "folders", "--engine", "dask"])
    assert result.exit_code == 2
    assert "--stories folders runs on the pandas engine" in result.output


def test_github_annotations_come_from_every_story(archive):
    result = CliRunner().invoke(cli, ["check", str(archive), "--stories", "folders", "--format", "github,md",
                                      "--out", "r", "--claims-dir", "c", "--no-cache"])
    assert result.exit_code == 0
    annotated = {line.split("file=")[1].split("/")[1] for line in result.stdout.splitlines()
                 if line.startswith("::") and "file=" in line}
    assert annotated == set(STORIES)
    assert "checked 9 articles in 3 stories" in result.stderr


def test_a_missing_path_is_exit_2_and_the_rest_is_still_reported(archive):
    result = run("check", archive, "no_such_folder", "--stories", "folders", "--out", "r", "--claims-dir", "c",
                 "--no-cache")
    assert result.exit_code == 2
    assert "no_such_folder" in result.output
    index = json.loads(Path("r/stories.json").read_text(encoding="utf-8"))
    assert len(index["stories"]) == 3
    assert [p["code"] for p in index["problems"]] == ["missing"]
