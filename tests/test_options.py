"""Rule options are declared once (type, default, check) and read typed: a configured value
a rule cannot take is one `canonlint: error:` line naming the rule and the option."""

from __future__ import annotations

import math
import re
import shutil

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.config import Config, ConfigError
from canonlint.registry import load_registry
from canonlint.rule import Option, OptionError, at_least, between
from canonlint.run.selection import resolve_rules
from tests.conftest import ROOT, SAMPLES


def test_no_rule_repeats_a_default_when_it_reads_an_option():
    for path in sorted((ROOT / "rules").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert "options.get(" not in text, f"{path.name} reads an option with a default of its own"


def test_every_option_is_read_with_its_declared_default_and_type():
    registry = load_registry()
    active = {a.rule.code: a.options for a in resolve_rules(registry, Config())}
    for rule in registry.rules:
        assert active[rule.code] == {name: option.default for name, option in rule.options.items()}
        for name, option in rule.options.items():
            assert isinstance(option.default, option.type), f"{rule.code} {name}"
            assert option.parse(option.default, name) == option.default  # the default passes its own check


def test_a_configured_value_is_parsed_to_the_option_type():
    options = {a.rule.code: a.options for a in resolve_rules(
        load_registry(), Config(rule_options={"CL001": {"min_share": 1}, "list-reordered": {}}))}
    assert options["CL001"]["min_share"] == 1.0 and isinstance(options["CL001"]["min_share"], float)


@pytest.mark.parametrize("rule,values,message", [
    ("CL001", {"min_share": math.nan}, "option 'min_share' of CL001 must be a finite number, not nan"),
    ("CL001", {"min_share": math.inf}, "option 'min_share' of CL001 must be a finite number, not inf"),
    ("CL001", {"min_share": 1.5}, "option 'min_share' of CL001 must be between 0.0 and 1.0, not 1.5"),
    ("CL102", {"max_diffs": -1}, "option 'max_diffs' of CL102 must be at least 1, not -1"),
    ("shared-text-altered", {"max_diffs": 0}, "option 'max_diffs' of CL102 must be at least 1, not 0"),
    ("CL106", {"examples": -3}, "option 'examples' of CL106 must be at least 1, not -3"),
    ("CL202", {"group_from": 1}, "option 'group_from' of CL202 must be at least 2, not 1"),
    ("CL603", {"min_editions": 0}, "option 'min_editions' of CL603 must be at least 2, not 0"),
    ("CL104", {"min_words": -1}, "option 'min_words' of CL104 must be at least 1, not -1"),
    ("CL401", {"targets": {"Knife crime": math.nan}}, "each value of option 'targets' of CL401 must be a finite number, not nan"),
    ("CL401", {"targets": {"Knife crime": -math.inf}}, "each value of option 'targets' of CL401 must be a finite number, not -inf"),
    ("CL401", {"status_slot": ""}, "option 'status_slot' of CL401 must not be empty"),
    ("CL102", {"max_diffs": True}, "option 'max_diffs' of CL102 must be int"),
])
def test_a_value_the_rule_cannot_take_is_a_config_error(rule, values, message):
    with pytest.raises(ConfigError) as caught:
        resolve_rules(load_registry(), Config(rule_options={rule: values}))
    assert message in str(caught.value)


def test_options_of_a_rule_that_does_not_run_are_still_checked():
    with pytest.raises(ConfigError, match="max_diffs"):
        resolve_rules(load_registry(), Config(rule_options={"CL102": {"max_diffs": -1}}), select=("CL401",))


def test_the_cli_says_it_in_one_line(tmp_path, monkeypatch):
    shutil.copy(SAMPLES / "template.md", tmp_path / "template.md")
    shutil.copy(SAMPLES / "boroughs" / "havering.txt", tmp_path / "havering.txt")
    (tmp_path / "canonlint.toml").write_text('template = "template.md"\n[rules.CL401.targets]\n"Knife crime" = nan\n'
                                             "[rules.shared-text-altered]\nmax_diffs = -2\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "havering.txt"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and re.fullmatch(r"canonlint: error: .*canonlint\.toml: .*of CL\d+ .*", lines[0]), lines
    assert "Traceback" not in result.output


def test_option_checks():
    count = Option(int, 3, "a count", validate=at_least(0))
    assert count.parse(0, "n") == 0
    with pytest.raises(OptionError, match="n must be at least 0, not -1"):
        count.parse(-1, "n")
    with pytest.raises(OptionError, match="n must be int"):
        count.parse(2.5, "n")
    share = Option(float, 0.5, "a share", validate=between(0, 1))
    assert share.parse(1, "s") == 1.0
    with pytest.raises(OptionError, match="finite"):
        share.parse(float("nan"), "s")


def test_a_count_that_may_be_zero_takes_zero_but_not_less():
    resolve_rules(load_registry(), Config(rule_options={"CL703": {"min_words": 0}}))
    with pytest.raises(ConfigError, match="option 'min_words' of CL703 must be at least 0, not -1"):
        resolve_rules(load_registry(), Config(rule_options={"CL703": {"min_words": -1}}))
