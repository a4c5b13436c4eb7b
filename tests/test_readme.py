"""The README tells the truth: its output excerpt, rule table, slot types and commands."""

from __future__ import annotations

import re

from click.testing import CliRunner

from lint.cli import cli
from lint.registry import load_registry
from lint.slots import SLOT_TYPES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_output_excerpt_is_real(monkeypatch):
    monkeypatch.chdir(ROOT)
    output = CliRunner().invoke(cli, ["check", "samples/boroughs"]).output.splitlines()
    excerpt = re.search(r"## What it reports on the samples.*?```text\n(.*?)```", README, re.S).group(1)
    for line in excerpt.strip().splitlines():
        assert line in output, line


def test_rule_table_matches_the_rules():
    rows = re.findall(r"^\| (CL\d+) \| ([a-z0-9-]+) \| (\w+) \|", README, re.M)
    assert rows == [(r.code, r.name, r.severity.value) for r in load_registry().rules]


def test_slot_type_table_matches_the_code():
    section = re.search(r"\| type \| matches \|(.*?)\n\n", README, re.S).group(1)
    names = re.findall(r"^\| `(\w+)` \| ", section, re.M)
    assert names == list(SLOT_TYPES)


def test_ci_runs_the_readme_test_command():
    command = re.search(r"# 2\. .*\n(.*)\n", README).group(1)
    assert "pytest" in command
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
