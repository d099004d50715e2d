"""The CI workflow: valid against GitHub's workflow schema (check-jsonschema's vendored copy,
no network), triggered by the right paths, and its commands actually work here."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from checker.cli import cli

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "consistency.yml"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def steps(workflow) -> list[dict]:
    [job] = workflow["jobs"].values()
    return job["steps"]


def step_running(steps: list[dict], fragment: str) -> dict:
    [step] = [s for s in steps if fragment in s.get("run", "")]
    return step


def test_the_workflow_is_valid_against_the_vendored_github_schema():
    result = validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_a_broken_workflow(tmp_path, workflow):
    broken = dict(workflow)
    broken["jobs"] = {name: {k: v for k, v in job.items() if k != "runs-on"}
                      for name, job in workflow["jobs"].items()}
    path = tmp_path / "broken.yml"
    path.write_text(yaml.safe_dump({"on": workflow[True], **{k: v for k, v in broken.items() if k is not True}}))
    assert validate(path).returncode != 0


def test_it_runs_on_pushes_and_pull_requests_touching_seeds_or_the_checker(workflow):
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    for event in ("push", "pull_request"):
        paths = triggers[event]["paths"]
        for pattern in ("seeds/**", "checker/**", "tests/**", "pyproject.toml"):
            assert pattern in paths, (event, pattern)


def test_it_runs_on_ubuntu_with_python_311_and_312(workflow):
    [job] = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"
    assert job["strategy"]["matrix"]["python-version"] == ["3.11", "3.12"]


def test_the_steps_come_in_order(steps):
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert steps[1]["with"]["python-version"] == "${{ matrix.python-version }}"
    order = [
        steps.index(step_running(steps, "make test")),
        steps.index(step_running(steps, ".venv/bin/checker check seeds/")),
        steps.index(step_running(steps, "$GITHUB_STEP_SUMMARY")),
        uses.index("actions/upload-artifact"),
    ]
    assert order == sorted(order) and order[0] == 2
    upload = steps[order[-1]]
    assert upload["with"]["path"].rstrip("/") == "reports"


def test_make_has_the_test_target_the_workflow_calls(steps):
    command = shlex.split(step_running(steps, "make test")["run"])
    assert command[:2] == ["make", "test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ntest:" in makefile


def test_the_check_and_summary_steps_work_on_a_copy_of_the_seeds(steps, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    command = shlex.split(step_running(steps, ".venv/bin/checker check")["run"])
    assert command[0] == ".venv/bin/checker"
    result = CliRunner().invoke(cli, [*command[1:], "--no-cache"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        "consistency.json", "consistency.md", "findings.csv"]
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    subprocess.run(["bash", "-c", step_running(steps, "$GITHUB_STEP_SUMMARY")["run"]], cwd=tmp_path,
                   env={"GITHUB_STEP_SUMMARY": str(summary), "PATH": "/usr/bin:/bin"}, check=True)
    report = (tmp_path / "reports" / "consistency.md").read_text(encoding="utf-8")
    assert summary.read_text(encoding="utf-8") == "earlier step\n" + report
