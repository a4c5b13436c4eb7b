"""The README's configuration example, CI snippets and pre-commit snippet are real."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from canonlint.config import parse_config
from canonlint.registry import load_registry
from canonlint.run.selection import resolve_rules
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(language: str, section: str) -> list[str]:
    body = re.search(rf"^## {re.escape(section)}\n(.*?)(?=^## )", README, re.S | re.M).group(1)
    return re.findall(rf"```{language}\n(.*?)```", body, re.S)


def test_configuration_example_is_a_valid_configuration():
    example = _blocks("toml", "Configuration")[0]
    config = parse_config(tomllib.loads(example), Path("canonlint.toml"))
    rules = resolve_rules(load_registry(), config)
    assert "CL202" not in {a.rule.code for a in rules}
    assert config.rule_options["CL401"] == {"targets": {"Serious youth violence": -4.7}}


def test_extend_example_builds_on_the_configuration_example(tmp_path):
    from canonlint.config import load_config

    base, team = _blocks("toml", "Configuration")[:2]
    (tmp_path / "team").mkdir()
    (tmp_path / "canonlint.toml").write_text(base, "utf-8")
    (tmp_path / "team" / "canonlint.toml").write_text(team, "utf-8")
    config = load_config(tmp_path / "team" / "canonlint.toml")
    assert config.select == ("CL1", "CL4") and config.ignore == ("CL202",)
    assert config.template == tmp_path / "template.md" and config.paths == (tmp_path / "boroughs",)
    assert config.rule_options["CL401"] == {"targets": {"Serious youth violence": -4.7}, "direction": "increase"}


def test_every_configuration_key_is_in_the_reference_table():
    from canonlint.config import _KEYS

    section = re.search(r"^\| key \| type \| meaning \|\n(.*?)\n\n", README, re.S | re.M).group(1)
    first_cells = [row.split(" | ")[0] for row in section.splitlines()]
    documented = {name for cell in first_cells for name in re.findall(r"`([a-z-]+)", cell)}
    assert set(_KEYS) <= documented


def test_ci_snippets_parse_and_name_real_hooks_and_formats():
    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert hooks == {"canonlint", "canonlint-corpus"}
    snippets = [yaml.safe_load(block) for block in _blocks("yaml", "Use in CI")]
    with_action, workflow, gitlab, precommit = snippets
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    (step,) = [s for s in with_action["jobs"]["canonlint"]["steps"] if s.get("uses", "").endswith("/canonlint@COMMIT")]
    assert set(step["with"]) <= set(action["inputs"])
    assert with_action["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["canonlint"]["steps"]
    commands = [s["run"] for s in steps if "run" in s]
    assert "canonlint check --format sarif --output canonlint.sarif --exit-zero" in commands
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif") for s in steps)
    assert workflow["permissions"]["security-events"] == "write"
    assert gitlab["canonlint"]["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json",
                                                           "junit": "canonlint-junit.xml"}
    assert {h["id"] for h in precommit["repos"][0]["hooks"]} == hooks
    assert precommit["repos"][0]["rev"] == "main"  # a branch every clone has; the README says how to pin it
    from canonlint.report.formats import FORMATS

    for command in commands + gitlab["canonlint"]["script"]:
        if "--format" in command:
            assert command.split("--format ")[1].split()[0] in FORMATS


def test_html_report_snippets_parse_and_upload_the_page_they_write():
    github_steps, gitlab = [yaml.safe_load(block) for block in _blocks("yaml", "The HTML report")]
    (write,) = [step["run"] for step in github_steps if "run" in step]
    page = write.split("--output ")[1].split()[0]
    assert "--format html" in write and "--exit-zero" in write
    assert any(step.get("with", {}).get("path") == page for step in github_steps)
    assert f"--format html --output {page} --exit-zero" in " ".join(gitlab["canonlint"]["script"])
    assert gitlab["canonlint"]["artifacts"]["paths"] == [page]
