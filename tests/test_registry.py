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


NEW_RULE_MODULE = '''
"""A rule that exists only in this test."""
from lint.rule import Rule
from rules.list_reordered import ListReordered  # imported: not this module's rule


class DroppedIn(Rule):
    """Finds nothing; only here to be found."""

    code = "CL999"
    name = "dropped-in"

    def check(self, ctx):
        return iter(())
'''


@pytest.fixture()
def rules_dir(tmp_path, monkeypatch):
    """A folder added to the rules package's path, its modules forgotten afterwards."""
    import sys

    import rules

    monkeypatch.setattr(rules, "__path__", [*rules.__path__, str(tmp_path)])
    yield tmp_path
    for name in [n for n in sys.modules if n in ("rules.zz_dropped_in", "rules.zz_helpers", "rules._private")]:
        del sys.modules[name]


def test_a_module_dropped_into_rules_is_found_without_a_list(rules_dir):
    (rules_dir / "zz_dropped_in.py").write_text(NEW_RULE_MODULE, encoding="utf-8")
    found = all_rules()
    assert [c.code for c in found].count("CL999") == 1
    assert [c.code for c in found].count("CL301") == 1  # the imported class is not counted twice
    assert [c.code for c in found] == sorted(c.code for c in found)
    registry = lint.registry.load_registry()
    assert registry.problems == []
    assert registry.find("dropped-in").code == "CL999"


def test_a_module_without_rules_and_a_private_module_are_fine(rules_dir):
    builtin = [c.code for c in all_rules()]
    (rules_dir / "zz_helpers.py").write_text('"""Helpers."""\nLIMIT = 3\n\nclass Plain:\n    pass\n',
                                             encoding="utf-8")
    (rules_dir / "_private.py").write_text("raise RuntimeError('never imported')\n", encoding="utf-8")
    assert [c.code for c in all_rules()] == builtin
    registry = lint.registry.load_registry()
    assert registry.problems == [] and [r.code for r in registry.rules] == builtin
    assert "rules._private" not in __import__("sys").modules
