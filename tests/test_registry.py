"""Rules arrive through entry points; broken or clashing plug-ins are reported, not fatal."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest
from click.testing import CliRunner

import lint.registry
from rules import all_rules
from lint.cli import cli
from lint.finding import Severity
from lint.rule import Rule
from tests.conftest import ROOT


class ClashingRule(Rule):
    """Claims a code that a built-in rule already has."""

    code = "CL101"
    name = "clashing-rule"

    def check(self, ctx):
        return iter(())


class ExplodingRule(Rule):
    """Raises on every edition."""

    code = "XT001"
    name = "exploding-rule"
    severity = Severity.WARNING

    def check(self, ctx):
        raise RuntimeError("boom")
        yield


def _with_plugins(monkeypatch, *extra):
    builtin = EntryPoint("builtin", "rules:all_rules", lint.registry.GROUP)
    monkeypatch.setattr(lint.registry, "entry_points",
                        lambda group: [builtin, *(EntryPoint(n, v, group) for n, v in extra)])


def test_builtin_rules_come_through_the_entry_point():
    registry = lint.registry.load_registry()
    assert registry.problems == []
    assert len(registry.rules) == len(all_rules())
    assert registry.find("CL401").name == "status-contradicts-change"
    assert registry.find("list-reordered").code == "CL301"


def test_broken_and_clashing_plugins_are_problems(monkeypatch):
    _with_plugins(monkeypatch, ("broken", "no_such_module_anywhere:rules"),
                  ("clash", "tests.test_registry:ClashingRule"))
    registry = lint.registry.load_registry()
    assert len(registry.rules) == len(all_rules())
    assert any("'broken'" in p and "failed to load: ModuleNotFoundError" in p for p in registry.problems)
    assert any("code CL101 is already used by 'shared-text-missing'" in p for p in registry.problems)


@pytest.fixture()
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_a_plugin_that_fails_to_import_is_a_finding_on_every_edition(monkeypatch, in_repo):
    _with_plugins(monkeypatch, ("broken", "no_such_module_anywhere:rules"))
    result = CliRunner().invoke(cli, ["check", "samples/boroughs/havering.txt", "samples/boroughs/westminster.txt"])
    assert result.exit_code == 2
    failed = [line for line in result.output.splitlines() if ": CL900 [error]" in line]
    assert [line.split(":")[0] for line in failed] == ["samples/boroughs/havering.txt", "samples/boroughs/westminster.txt"]
    assert all("rule plug-in 'broken' (no_such_module_anywhere:rules) failed to load: ModuleNotFoundError" in line
               for line in failed)
    assert "havering.txt:118:38: CL401" in result.output  # the built-in rules still ran


def test_a_rule_that_raises_is_one_finding_and_the_run_exits_2(monkeypatch, in_repo):
    _with_plugins(monkeypatch, ("explode", "tests.test_registry:ExplodingRule"))
    result = CliRunner().invoke(cli, ["check", "samples/boroughs/havering.txt", "samples/boroughs/westminster.txt"])
    assert result.exit_code == 2
    crashes = [line for line in result.output.splitlines() if "XT001" in line]
    assert crashes == [
        "samples/boroughs/havering.txt:1:1: XT001 [error] rule XT001 (exploding-rule) crashed on this file: RuntimeError: boom",
        "samples/boroughs/westminster.txt:1:1: XT001 [error] rule XT001 (exploding-rule) crashed on this file: RuntimeError: boom",
    ]
    assert "havering.txt:118:38: CL401" in result.output  # the other rules still ran
