"""Rules arrive through entry points; broken or clashing plug-ins are reported, not fatal."""

from __future__ import annotations

from importlib.metadata import EntryPoint

import pytest
from click.testing import CliRunner

import canonlint.registry
from canonlint.run.notices import NOTICES
from canonlint.rules import all_rules
from canonlint.cli import cli
from canonlint.finding import Severity
from canonlint.rule import Option, Rule, at_least
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
    builtin = EntryPoint("builtin", "canonlint.rules:all_rules", canonlint.registry.GROUP)
    monkeypatch.setattr(canonlint.registry, "entry_points",
                        lambda group: [builtin, *(EntryPoint(n, v, group) for n, v in extra)])


def test_builtin_rules_come_through_the_entry_point():
    registry = canonlint.registry.load_registry()
    assert registry.problems == []
    assert len(registry.rules) == len(all_rules()) + len(NOTICES)
    assert registry.find("CL401").name == "status-contradicts-change"
    assert registry.find("list-reordered").code == "CL301"


def test_broken_and_clashing_plugins_are_problems(monkeypatch):
    _with_plugins(monkeypatch, ("broken", "no_such_module_anywhere:rules"),
                  ("clash", "tests.test_registry:ClashingRule"))
    registry = canonlint.registry.load_registry()
    assert len(registry.rules) == len(all_rules()) + len(NOTICES)
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
from canonlint.rule import Rule
from canonlint.rules.list_reordered import ListReordered  # imported: not this module's rule


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

    from canonlint import rules

    monkeypatch.setattr(rules, "__path__", [*canonlint.rules.__path__, str(tmp_path)])
    yield tmp_path
    for name in [n for n in sys.modules if n in ("canonlint.rules.zz_dropped_in", "canonlint.rules.zz_helpers", "canonlint.rules._private")]:
        del sys.modules[name]


def test_a_module_dropped_into_rules_is_found_without_a_list(rules_dir):
    (rules_dir / "zz_dropped_in.py").write_text(NEW_RULE_MODULE, encoding="utf-8")
    found = all_rules()
    assert [c.code for c in found].count("CL999") == 1
    assert [c.code for c in found].count("CL301") == 1  # the imported class is not counted twice
    assert [c.code for c in found] == sorted(c.code for c in found)
    registry = canonlint.registry.load_registry()
    assert registry.problems == []
    assert registry.find("dropped-in").code == "CL999"


def test_a_module_without_rules_and_a_private_module_are_fine(rules_dir):
    builtin = [c.code for c in all_rules()]
    (rules_dir / "zz_helpers.py").write_text('"""Helpers."""\nLIMIT = 3\n\nclass Plain:\n    pass\n',
                                             encoding="utf-8")
    (rules_dir / "_private.py").write_text("raise RuntimeError('never imported')\n", encoding="utf-8")
    assert [c.code for c in all_rules()] == builtin
    registry = canonlint.registry.load_registry()
    assert registry.problems == [] and [r.code for r in registry.rules] == builtin + [n.code for n in NOTICES]
    assert "canonlint.rules._private" not in __import__("sys").modules


# --------------------------------------------------------------------------- notices are rules


@pytest.mark.parametrize("code,name", [("CL900", "plugin-failed"), ("CL901", "unused-suppression"),
                                       ("CL902", "stale-baseline-entry")])
def test_a_notice_is_listed_and_documented_like_any_rule(code, name):
    listing = CliRunner().invoke(cli, ["rules", "--format", "json"])
    assert code in [r["code"] for r in __import__("json").loads(listing.output)]
    for key in (code, name):
        doc = CliRunner().invoke(cli, ["rule", key])
        assert doc.exit_code == 0 and doc.output.startswith(f"{code} {name} [")
        assert "What it checks:" in doc.output and "Fix:" in doc.output


def _plugin_failures(monkeypatch, *args) -> list[str]:
    _with_plugins(monkeypatch, ("broken", "no_such_module_anywhere:rules"))
    result = CliRunner().invoke(cli, ["check", "samples/boroughs/havering.txt", *args])
    assert result.exit_code == 2, result.output  # a plug-in that did not load still fails the run
    return [line.split(": ")[1].split()[0] for line in result.output.splitlines() if line.startswith("samples/")]


def test_plugin_failed_is_selected_ignored_and_levelled_like_a_rule(monkeypatch, in_repo):
    assert "CL900" in _plugin_failures(monkeypatch)
    assert "CL900" not in _plugin_failures(monkeypatch, "--ignore", "CL900")
    assert "CL900" not in _plugin_failures(monkeypatch, "--ignore", "plugin-failed")
    assert set(_plugin_failures(monkeypatch, "--select", "CL900")) == {"CL900"}
    assert _plugin_failures(monkeypatch, "--select", "CL401") == ["CL401"]


def test_stale_baseline_entry_is_ignored_like_a_rule(tmp_path, monkeypatch):
    import json
    import shutil

    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke
    assert run(cli, ["check", "samples/boroughs/havering.txt", "--baseline", "b.json", "--update-baseline"]).exit_code == 0
    havering = tmp_path / "samples" / "boroughs" / "havering.txt"
    havering.write_text(havering.read_text("utf-8").replace("tel: 0845 303 0900", "tel: 0845 303 0901"
                                                            ).replace(
        "Serious youth violence\t2 offences or −1.4%\tTarget missed",
        "Serious youth violence\t2 offences or −1.4%\tTarget achieved"), "utf-8")
    rules = lambda *args: [f["rule"] for f in json.loads(run(  # noqa: E731
        cli, ["check", "samples/boroughs/havering.txt", "--baseline", "b.json", "--format", "json", *args]).output)]
    assert sorted(rules()) == ["CL105", "CL902"]
    assert "CL902" not in rules("--ignore", "CL902") and "CL105" in rules("--ignore", "CL902")
    assert "CL902" in rules("--select", "CL1,CL4,CL902") and "CL902" not in rules("--select", "CL1,CL4")


def test_no_module_special_cases_the_notices():
    """Runner, checking, CLI and reports know no notice by its code: the notices are rules."""
    for path in ["lint/run/edition_rules.py", "lint/run/execution.py", "lint/run/findings.py", "lint/run/corpus.py",
                 "lint/run/selection.py", "lint/cli.py", *sorted(
            str(p.relative_to(ROOT)) for p in (ROOT / "lint" / "report").glob("*.py"))]:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert "CL90" not in text and "NOTICES" not in text and "canonlint.run.notices" not in text, path


class BadOptionRule(Rule):
    """Declares an option whose default its own check refuses."""

    code = "XT002"
    name = "bad-option-rule"
    options = {"count": Option(int, -1, "a count", validate=at_least(0))}

    def check(self, ctx):
        return iter(())


class UndeclaredOptionRule(Rule):
    """Declares an option as a bare value."""

    code = "XT003"
    name = "undeclared-option-rule"
    options = {"count": 3}

    def check(self, ctx):
        return iter(())


def test_a_plugin_rule_with_a_bad_option_declaration_is_a_problem(monkeypatch):
    _with_plugins(monkeypatch, ("bad", "tests.test_registry:BadOptionRule"),
                  ("bare", "tests.test_registry:UndeclaredOptionRule"))
    registry = canonlint.registry.load_registry()
    assert registry.find("XT002") is None and registry.find("XT003") is None
    assert any("BadOptionRule: the default of option 'count' must be at least 0, not -1" in p for p in registry.problems)
    assert any("UndeclaredOptionRule: option 'count' is not declared with canonlint.rule.Option" in p
               for p in registry.problems)
