"""The benchmark: the generated corpus is deterministic and shaped like web copy, and a tiny
run prints the documented table."""

from __future__ import annotations

import hashlib
from pathlib import Path

from checker.bench import corpus as corpus_module
from checker.bench import run
from checker.bench.corpus import write_corpus


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.txt")):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def test_corpus_is_deterministic_and_seeded(tmp_path):
    a = write_corpus(tmp_path / "a", 9, seed=5)
    b = write_corpus(tmp_path / "b", 9, seed=5)
    c = write_corpus(tmp_path / "c", 9, seed=6)
    assert digest(a.root) == digest(b.root)
    assert a.planted == b.planted
    assert digest(a.root) != digest(c.root)


def test_corpus_has_the_requested_articles_several_outlets_per_story_and_planted_pairs(tmp_path):
    made = write_corpus(tmp_path, 20, seed=1)
    files = sorted(tmp_path.rglob("*.txt"))
    assert made.articles == len(files) == 20
    assert len({f.stem for f in files}) == 20  # stems are the source ids
    per_story = [len(list(folder.glob("*.txt"))) for folder in tmp_path.iterdir()]
    assert max(per_story) >= corpus_module.OUTLETS_PER_STORY[0]
    assert made.planted
    by_stem = {f.stem: f.read_text(encoding="utf-8") for f in files}
    for pair in made.planted:
        assert pair.source_a != pair.source_b
        assert pair.text_a != pair.text_b
        assert pair.text_a in by_stem[pair.source_a] and pair.text_b in by_stem[pair.source_b]
    text = "\n".join(by_stem.values())
    assert "newsletter" in text.lower() or "ADVERTISEMENT" in text or "Photo:" in text


def test_tiny_run_prints_and_writes_the_table(tmp_path, capsys):
    out = tmp_path / "bench.md"
    code = run.main(["--sizes", "12", "--match-sizes", "", "--incremental", "0", "--seeds", "",
                     "--no-segmenters", "--out", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    report = out.read_text(encoding="utf-8")
    assert report == printed
    header = next(line for line in report.splitlines() if line.startswith("| articles"))
    assert [cell.strip() for cell in header.strip("|").split("|")] == run.E2E_COLUMNS
    row = report.splitlines()[report.splitlines().index(header) + 2]
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[0] == "12"
    recall = float(cells[run.E2E_COLUMNS.index("recall")])
    assert 0.0 <= recall <= 1.0
    assert cells[run.E2E_COLUMNS.index("cdist s")] != "-"  # the baseline is feasible here
    lines = report.splitlines()
    stories_header = next(line for line in lines
                          if line.startswith("| articles") and line.split("|")[2].strip() == "stories")
    assert [cell.strip() for cell in stories_header.strip("|").split("|")] == run.STORIES_COLUMNS
    stories_row = [c.strip() for c in lines[lines.index(stories_header) + 2].strip("|").split("|")]
    assert stories_row[0] == "12" and int(stories_row[1]) >= 2
    assert int(stories_row[2].replace(",", "")) == int(cells[1].replace(",", ""))  # the same claims


def test_growth_note_compares_consecutive_sizes():
    rows = [{"articles": 100, "wall s": 2.0}, {"articles": 1000, "wall s": 20.0}]
    assert run._growth(rows) == "Growth: 100 -> 1,000 articles: time x 10.0 for size x 10."


def test_the_seeds_timing_runs_with_the_checker_byte_compiled():
    import importlib.util

    import checker

    run.byte_compile_checker()
    package = Path(checker.__file__).parent
    for module in ("api.py", "cli/check.py", "report/json_report.py"):
        assert Path(importlib.util.cache_from_source(str(package / module))).is_file(), module
