"""The fuzz target: a short run of each engine exits 0 and says how many inputs it tried;
the target itself catches a broken invariant."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from checker import fuzz

ROOT = Path(__file__).resolve().parent.parent


def run_fuzz(seconds: int, engine: str, tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    proc = subprocess.run(
        [sys.executable, "-m", "checker.fuzz", "--seconds", str(seconds), "--engine", engine,
         "--artifacts", str(tmp_path / "artifacts")],
        cwd=ROOT, capture_output=True, text=True, timeout=seconds + 180)
    found = re.search(r"fuzz: tried (\d+) inputs in \d+ s \(engine (\w+)\); no crash", proc.stdout)
    return proc, int(found.group(1)) if found else -1


def test_atheris_runs_for_the_time_given_and_reports_a_count(tmp_path):
    pytest.importorskip("atheris")
    proc, tried = run_fuzz(12, "atheris", tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert tried > 0, proc.stdout


def test_the_hypothesis_fallback_runs_and_reports_a_count(tmp_path):
    proc, tried = run_fuzz(3, "hypothesis", tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert tried > 0, proc.stdout


def test_write_case_lays_out_the_article_and_an_optional_sidecar(tmp_path):
    sidecar = b"file,outlet\narticle.md,X\n"
    fuzz.write_case(bytes([fuzz.SIDECAR_FLAG | fuzz.MARKDOWN_FLAG]) + len(sidecar).to_bytes(2, "big")
                    + sidecar + b"Body text", tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {
        "sources.csv": sidecar, "article.md": b"Body text"}
    fuzz.write_case(b"\x00plain", tmp_path)  # the previous case's files are cleared
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"article.txt": b"plain"}


def test_run_case_raises_when_an_offset_invariant_breaks(tmp_path, monkeypatch):
    from checker import api

    real = api.extract_paths

    def shifted(*args, **kwargs):
        extraction = real(*args, **kwargs)
        extraction.claims["start"] = extraction.claims["start"] + 1
        return extraction

    monkeypatch.setattr(api, "extract_paths", shifted)
    with pytest.raises(AssertionError, match=r"does not match its offsets|outside the text"):
        fuzz.run_case(b"\x00Bridge reopens\n\nThe bridge reopened on Friday after repairs.\n", tmp_path)
