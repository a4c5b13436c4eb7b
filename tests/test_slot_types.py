"""Slot types of the user's own, from [slot-types.NAME] in the configuration."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.config import ConfigError, parse_config
from canonlint.slots import SLOT_TYPES, LONDON_BOROUGHS
from canonlint.template import TemplateError, parse_template

TEMPLATE = "# {ward:ward} ward profile\n\nYour councillor is {person}.\n\nWard code: {code:ward_code}\n"


def test_an_enumeration_and_a_pattern(tmp_path):
    config = parse_config({"slot-types": {"ward": {"values": ["Abbey", "Elm Park"]},
                                          "ward_code": {"pattern": r"[A-Z]{2}\d{2}"}}}, tmp_path / "canonlint.toml")
    template = parse_template(TEMPLATE, "t.md", config.slot_types)
    types = {w.slot.name: w.slot.type.name for w in template.words if w.slot}
    assert types == {"ward": "ward", "person": "person", "code": "ward_code"}


def test_values_from_a_file(tmp_path):
    (tmp_path / "wards.txt").write_text("# wards of the district\nAbbey\n\nElm Park\n", "utf-8")
    config = parse_config({"slot-types": {"ward": {"values-file": "wards.txt"}}}, tmp_path / "canonlint.toml")
    assert config.slot_types["ward"].description == "one of Abbey, Elm Park"


@pytest.mark.parametrize("pattern, problem", [
    (r"(\w+) \1", "a backreference"),
    (r"(?:[a-z]+ )+", "nested quantifiers"),
    (r"[a-", "not a valid regular expression"),
])
def test_a_pattern_that_is_not_linear_is_a_config_error(tmp_path, pattern, problem):
    with pytest.raises(ConfigError, match=r"\[slot-types.ward\]: .*" + problem):
        parse_config({"slot-types": {"ward": {"pattern": pattern}}}, tmp_path / "canonlint.toml")


@pytest.mark.parametrize("table, problem", [
    ({"values": ["A"], "pattern": "A"}, "exactly one of"),
    ({}, "exactly one of"),
    ({"value": ["A"]}, "unknown key 'value'; did you mean 'values'"),
    ({"values-file": "missing.txt"}, "cannot read"),
    ({"values": []}, "empty"),
])
def test_bad_slot_type_tables(tmp_path, table, problem):
    with pytest.raises(ConfigError, match=problem):
        parse_config({"slot-types": {"ward": table}}, tmp_path / "canonlint.toml")


def test_the_built_in_borough_stays_londons(tmp_path):
    with pytest.raises(ConfigError, match="'borough' is a built-in slot type"):
        parse_config({"slot-types": {"borough": {"values": ["Abbey"]}}}, tmp_path / "canonlint.toml")
    assert "Tower Hamlets" in LONDON_BOROUGHS and "borough" in SLOT_TYPES


def test_without_the_config_the_type_is_unknown():
    with pytest.raises(TemplateError, match="unknown slot type 'ward'"):
        parse_template(TEMPLATE, "t.md")


def test_checking_with_a_user_type(tmp_path, monkeypatch):
    (tmp_path / "template.md").write_text(TEMPLATE, "utf-8")
    (tmp_path / "canonlint.toml").write_text(
        'template = "template.md"\n[slot-types.ward]\nvalues = ["Abbey", "Elm Park"]\n'
        "[slot-types.ward_code]\npattern = '[A-Z]{2}[0-9]{2}'\n", "utf-8")
    (tmp_path / "abbey.txt").write_text("Abbey ward profile\n\nYour councillor is Ann Lee.\n\nWard code: AB01\n", "utf-8")
    (tmp_path / "nowhere.txt").write_text("Nowhere ward profile\n\nYour councillor is Bob Stone.\n\nWard code: 7\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "abbey.txt", "nowhere.txt", "--no-cache", "--select", "CL502"])
    lines = [line for line in result.output.splitlines() if "CL502" in line]
    assert all(line.startswith("nowhere.txt") for line in lines) and len(lines) == 2, result.output
    assert "one of Abbey, Elm Park" in result.output


def test_a_bad_slot_type_stops_the_check_with_one_line(tmp_path, monkeypatch):
    (tmp_path / "canonlint.toml").write_text("[slot-types.ward]\npattern = '(a+)+'\n", "utf-8")
    (tmp_path / "x.txt").write_text("text\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "x.txt"])
    assert result.exit_code == 2
    assert result.stderr.startswith("canonlint: error: ") and result.stderr.count("\n") == 1
    assert "canonlint.toml: [slot-types.ward]: a quantifier inside a quantified group" in result.stderr


@pytest.mark.parametrize("pattern", [
    r"x[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*[a-z]*Z",
    r"a+a+a+a+a+b",
    r"\d+\.?\d+\.?\d+\.?\d+%",
    r"\w+\w+\w+\w+!",
    r"\w+.\w+.\w+!",
    r"(?:ab)+(?:ab)+(?:ab)+c",
])
def test_repeats_next_to_each_other_that_match_alike_are_a_config_error(tmp_path, pattern):
    """Two unbounded repeats that can take the same characters, with nothing between them
    that only one of them could, split a run every way: polynomial time on a long line."""
    with pytest.raises(ConfigError, match=r"\[slot-types.ward\]: two repeats .* can match the same characters"):
        parse_config({"slot-types": {"ward": {"pattern": pattern}}}, tmp_path / "canonlint.toml")


@pytest.mark.parametrize("pattern", [
    r"[A-Z]{2}\d{2}", r"\d+(?:\.\d+)?%", r"[a-z]+-[0-9]+", r"\w+ \w+", r"[A-Z][a-z]+[ \t]+[A-Z][a-z]+",
    r"\d{1,3}(?:,\d{3})+", r"[^,]+,[^,]+",
])
def test_patterns_with_repeats_kept_apart_are_accepted_and_match_in_linear_time(tmp_path, pattern):
    import re
    import time

    from canonlint.align.slot_capture import _compiled

    config = parse_config({"slot-types": {"ward": {"pattern": pattern}}}, tmp_path / "canonlint.toml")
    compiled = _compiled(config.slot_types["ward"].bounded, "any")
    times = []
    for size in (2_000, 8_000):
        line = ("1a, " * size)[:size]
        started = time.perf_counter()
        for _ in range(3):
            compiled.search(line)
        times.append(time.perf_counter() - started)
    assert times[1] < 10 * times[0] + 0.05, times
    assert re.compile(pattern)


@pytest.mark.parametrize("flags", ["(?i)", "(?x)", "(?s)", "(?is)"])
def test_global_flags_in_a_pattern_are_a_config_error(tmp_path, flags):
    with pytest.raises(ConfigError, match=r"\[slot-types.ward_code\]: .*global flags .*\(\?i:…\)"):
        parse_config({"slot-types": {"ward_code": {"pattern": flags + r"[a-z]{2}\d{2}"}}},
                     tmp_path / "canonlint.toml")


@pytest.mark.parametrize("pattern", [r"([A-Z]{2})([0-9]{2})", r"(?P<g>[A-Z]{2})[0-9]{2}", r"([A-Z]{2}(\d{2}))"])
def test_groups_in_a_pattern_do_not_change_what_the_slot_captures(tmp_path, monkeypatch, pattern):
    template = "# Ward {a:ward_code} report\n\nThe codes {b:ward_code} {c:ward_code} are ours.\n"
    (tmp_path / "template.md").write_text(template, "utf-8")
    (tmp_path / "canonlint.toml").write_text(
        f'template = "template.md"\n[slot-types.ward_code]\npattern = \'{pattern}\'\n', "utf-8")
    (tmp_path / "same.txt").write_text("Ward AB12 report\n\nThe codes AB12 CD34 are ours.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["check", "same.txt", "--no-cache"])
    assert result.exit_code == 0, result.output
