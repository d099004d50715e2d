"""Same articles in any order, under any locale and hash seed -> byte-identical claims/ and
reports/. Runs the real console entry point in subprocesses so PYTHONHASHSEED and LC_ALL
take effect."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

OWN_ARTICLES = {
    "harbour-ledger.txt": (
        "Harbour strike ends after nine days\n\n"
        "Dock workers at the northern port returned to work on Monday, 4 March 2024, after nine days "
        "on strike.\nThe union accepted a pay rise of 7.5% over two years, union leader Marta Quill said.\n"
        "\u201cWe won what we asked for,\u201d Quill told reporters.\n"
    ),
    "harbour-courier.md": (
        "---\noutlet: The Courier\npublished: 2024-03-05\n---\n"
        "# Port workers back after strike\n\n"
        "Dock workers at the northern port returned to work on Monday after ten days on strike.\n"
        "The union accepted a pay rise of 7% over two years, union chief Marta Quil said.\n"
    ),
    "Zoll \u00fcberpr\u00fcft.txt": (
        "Customs checks tightened\n\nCustoms officers checked about 1,200 lorries on Tuesday, "
        "the border agency said.\r\nQueues reached 12 km.\r\n"
    ),
}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_checker(args: list[str], cwd: Path, hash_seed: str, locale: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_") and k != "LANG"}
    env.update(PYTHONHASHSEED=hash_seed, LC_ALL=locale, LANG=locale)
    proc = subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("determinism")
    inputs = root / "inputs"
    shutil.copytree(SEEDS, inputs / "seeds")
    own = inputs / "own"
    own.mkdir()
    for name, text in OWN_ARTICLES.items():
        (own / name).write_bytes(text.encode("utf-8"))
    paths = [f"inputs/seeds/{p.name}" for p in sorted((inputs / "seeds").glob("*.txt"))] + ["inputs/own"]
    return root, paths


@pytest.fixture(scope="module")
def two_runs(corpus) -> dict[str, dict[str, dict[str, bytes]]]:
    """Run `check` twice: shuffled argument order, other hash seed, other locale."""
    root, paths = corpus
    order_b = list(paths)
    random.Random(7).shuffle(order_b)
    if order_b == paths:
        order_b.reverse()
    runs = [("a", list(paths), "1", "C"), ("b", order_b, "4242", "C.UTF-8")]
    trees = {}
    for name, order, seed, locale in runs:
        run_checker(["check", *order, "--out", f"{name}/reports", "--claims-dir", f"{name}/claims",
                     "--cache-dir", f"{name}/cache", "--format", "md,json,csv", "-q"], root, seed, locale)
        trees[name] = {"reports": tree(root / name / "reports"), "claims": tree(root / name / "claims")}
    return trees


def test_two_runs_in_shuffled_order_with_other_hash_seeds_and_locales_are_byte_identical(corpus, two_runs):
    _, paths = corpus
    a, b = two_runs["a"], two_runs["b"]
    assert sorted(a["reports"]) == ["consistency.json", "consistency.md", "findings.csv"]
    assert len(a["claims"]) == len(paths) - 1 + len(OWN_ARTICLES)
    assert a["reports"] == b["reports"]
    assert a["claims"] == b["claims"]


def test_extract_alone_gives_the_same_claims_as_check(corpus, two_runs):
    root, paths = corpus
    run_checker(["extract", *reversed(paths), "--claims-dir", "x/claims", "-q"], root, "99", "C.UTF-8")
    assert tree(root / "x" / "claims") == two_runs["a"]["claims"]
