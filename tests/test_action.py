"""The composite GitHub Action (action.yml): its shell steps run as the runner runs them
(`bash --noprofile --norc -eo pipefail`, inputs and contexts in their environment), in a
fresh virtual environment and a repository of editions.

The install step installs canonlint with pip from a copy of this repository, so the test
needs the package index and takes a little while.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SAMPLES, copy_project, sample_text

ACTION = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
PROJECT_FILES = ("pyproject.toml", "README.md", "action.yml", "lint", "rules")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _value(expression: str, contexts: dict[str, str]) -> str:
    """A context value (`inputs.paths`, `github.action_path`, `runner.temp`)."""
    return contexts[expression]


def _condition(condition: str | None, contexts: dict[str, str]) -> bool:
    """The few `if:` forms the action uses: `always()`, `inputs.X == 'v'`, joined by `&&`."""
    if condition is None:
        return True
    for part in condition.split("&&"):
        part = part.strip()
        if part == "always()":
            continue
        name, value = (side.strip() for side in part.split("=="))
        if contexts[name] != value.strip("'"):
            return False
    return True


def _substitute(text: str, contexts: dict[str, str]) -> str:
    return EXPRESSION.sub(lambda m: _value(m.group(1), contexts), text)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("action")
    action = base / "canonlint-action"
    copy_project(PROJECT_FILES, action)
    repo = base / "repository"
    (repo / "editions").mkdir(parents=True)
    shutil.copy(SAMPLES / "template.md", repo / "template.md")
    (repo / "canonlint.toml").write_text('template = "template.md"\npaths = ["editions"]\nignore = ["CL7"]\n', "utf-8")
    (repo / "editions" / "westminster.txt").write_text(sample_text("westminster"), "utf-8")
    shutil.copy(SAMPLES / "documents" / "tower-hamlets.pdf", repo / "editions" / "tower-hamlets.pdf")
    (repo / ".git").mkdir()  # the repository root SARIF paths are relative to
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    runner_temp = base / "runner-temp"
    runner_temp.mkdir()
    return action, repo, venv, runner_temp


def _run_steps(workspace, inputs: dict[str, str]) -> list[tuple[str, subprocess.CompletedProcess]]:
    """Every shell step whose condition holds, in order, as the runner runs them; a step
    `uses:` another action is left out (the test reads its inputs instead)."""
    action, repo, venv, runner_temp = workspace
    contexts = {f"inputs.{name}": spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    contexts.update({f"inputs.{name}": value for name, value in inputs.items()})
    contexts.update({"github.action_path": str(action), "runner.temp": str(runner_temp)})
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CANONLINT", "GITHUB", "VIRTUAL_ENV"))}
    env.update({"PATH": f"{venv / 'bin'}{os.pathsep}{env['PATH']}", "GITHUB_ACTIONS": "true",
                "GITHUB_STEP_SUMMARY": str(runner_temp / "summary.md")})
    ran = []
    for step in ACTION["runs"]["steps"]:
        if "run" not in step or not _condition(step.get("if"), contexts):
            continue
        assert step["shell"] == "bash"
        step_env = {**env, **{k: _substitute(str(v), contexts) for k, v in step.get("env", {}).items()}}
        assert "${{" not in step["run"]  # inputs reach a script through its environment only
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                                cwd=repo, env=step_env, capture_output=True, text=True, timeout=900)
        ran.append((step["name"], result))
        if result.returncode != 0 and step.get("if") != "always()":
            break
    return ran


def test_the_action_installs_canonlint_annotates_the_findings_and_writes_the_sarif_it_uploads(workspace):
    action, repo, venv, runner_temp = workspace
    ran = dict(_run_steps(workspace, {}))
    assert list(ran) == ["Install canonlint", "canonlint (SARIF for code scanning)", "canonlint"]
    install = ran["Install canonlint"]
    assert install.returncode == 0 and install.stdout.strip() == "canonlint 0.1.0", install.stderr

    (upload,) = [s for s in ACTION["runs"]["steps"] if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    sarif_file = Path(_substitute(upload["with"]["sarif_file"], {"runner.temp": str(runner_temp)}))
    assert ran["canonlint (SARIF for code scanning)"].returncode == 0
    document = json.loads(sarif_file.read_text("utf-8"))
    results = document["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results] == [
        ("CL401", "editions/tower-hamlets.pdf")]  # the PDF read: the documents extra is installed

    check = ran["canonlint"]
    assert check.returncode == 1, check.stderr
    lines = check.stdout.splitlines()
    assert lines[0].startswith("::error file=editions/tower-hamlets.pdf,line=196,")
    assert lines[-1] == "Found 1 finding (1 error) in 1 of 2 files."
    assert "## canonlint" in (runner_temp / "summary.md").read_text("utf-8")


def test_inputs_are_data_never_code(workspace):
    """A path holding shell syntax is a path that does not exist, not a command run."""
    action, repo, venv, runner_temp = workspace
    marker = runner_temp / "pwned"
    ran = dict(_run_steps(workspace, {"paths": f"editions/westminster.txt $(touch {marker})",
                                      "args": "--fail-on error", "sarif": "false"}))
    assert "canonlint (SARIF for code scanning)" not in ran
    check = ran["canonlint"]
    assert check.returncode == 2 and not marker.exists()
    assert "$(touch" in check.stderr  # named in the error line as the path it is
