"""The table of output formats (canonlint.report.formats) is the one the command line, its
help and the README read, and each format writes what it declares: its kind of file, colour
or none, the per-edition views, the line saying where a page went, the step summary, the
summary line, --statistics, and being the default where its variable says so."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import click
import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.report import edition_view as edition_view_module
from canonlint.report.formats import FORMATS, Format, default_format
from tests.conftest import ROOT

EDITIONS = ["samples/boroughs/westminster.txt", "samples/boroughs/havering.txt"]
TABLE = list(FORMATS.values())


def _check(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(cli, ["check", *EDITIONS, *args], env=env, catch_exceptions=False)


@pytest.fixture
def in_samples(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_the_format_option_offers_exactly_the_table():
    option = next(p for p in cli.commands["check"].params if p.name == "output_format")
    assert isinstance(option.type, click.Choice) and list(option.type.choices) == list(FORMATS)


@pytest.mark.parametrize("fmt", TABLE, ids=lambda f: f.name)
def test_every_format_is_in_the_help_and_the_readme(fmt: Format):
    help_text = CliRunner().invoke(cli, ["check", "--help"]).output
    offered = re.search(r"--format \[([^\]]+)\]", " ".join(help_text.split())).group(1)
    assert fmt.name in offered.replace(" ", "").split("|")
    readme = (ROOT / "README.md").read_text("utf-8")
    listed = re.search(r"^\| format \| what it is \|\n\|---\|---\|\n(.*?)\n\n", readme, re.S | re.M).group(1)
    assert re.search(rf"^\| `{fmt.name}` \| \S", listed, re.M)
    assert f"|{fmt.name}|" in "|" + re.search(r"\[--format ([a-z|]+)\]", readme).group(1) + "|"


def _is_kind(report: str, suffix: str) -> bool:
    """Whether the report reads as a file of its declared kind."""
    if suffix in (".json", ".sarif"):
        return isinstance(json.loads(report), (list, dict))
    if suffix == ".xml":
        return ET.fromstring(report) is not None
    if suffix == ".html":
        HTMLParser().feed(report)
        return report.startswith("<!DOCTYPE html>") and report.rstrip().endswith("</html>")
    return suffix == ".txt" and not _is_json(report) and not report.startswith("<")


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("fmt", TABLE, ids=lambda f: f.name)
def test_every_format_writes_what_it_declares(fmt: Format, in_samples, tmp_path, monkeypatch):
    views = []
    real_view = edition_view_module.edition_view

    def counted_view(*args, **kwargs):
        views.append(args)
        return real_view(*args, **kwargs)

    monkeypatch.setattr(edition_view_module, "edition_view", counted_view)
    out, summary = tmp_path / f"report{fmt.suffix}", tmp_path / "summary.md"
    result = _check("--format", fmt.name, "--output", str(out), "--color", "always", "--no-cache",
                    env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 1, result.output
    report = out.read_text("utf-8")
    assert _is_kind(report, fmt.suffix)
    assert ("\x1b[" in report) == fmt.coloured
    assert len(views) == (len(EDITIONS) if fmt.edition_views else 0)
    assert (f"canonlint: wrote {fmt.announced_as} to {out}\n" in result.stderr) == bool(fmt.announced_as)
    assert fmt.announced_as or result.stderr == ""
    assert summary.exists() == fmt.step_summary
    if fmt.step_summary:
        assert summary.read_text("utf-8").startswith("## canonlint")
    last_line = report.rstrip("\n").rsplit("\n", 1)[-1]
    ends_with_summary = re.fullmatch(r"(Found \d+ findings? \(.*\)|No findings) in \d+ of \d+ files\.|"
                                     r"No findings in \d+ files\.", last_line)
    assert (ends_with_summary is not None) == fmt.summary_line


@pytest.mark.parametrize("fmt", TABLE, ids=lambda f: f.name)
def test_statistics_only_where_declared(fmt: Format, in_samples):
    result = _check("--format", fmt.name, "--statistics")
    if fmt.statistics:
        assert result.exit_code == 1 and "CL" in result.output
        assert "works with" not in result.stderr
    else:
        assert result.exit_code == 2
        offered = " or ".join(f.name for f in TABLE if f.statistics)
        assert result.stderr.startswith(f"canonlint: error: --statistics works with --format {offered} ")


@pytest.mark.parametrize("fmt", [f for f in TABLE if f.default_under], ids=lambda f: f.name)
def test_a_format_is_the_default_where_its_variable_says_so(fmt: Format, in_samples):
    assert default_format({fmt.default_under: "true"}) == fmt.name
    assert default_format({fmt.default_under: "false"}) == "text"
    chosen = _check("--format", fmt.name)
    by_default = _check(env={fmt.default_under: "true"})
    assert by_default.output == chosen.output and by_default.exit_code == chosen.exit_code == 1


def test_without_a_variable_the_default_is_text(in_samples):
    assert default_format({}) == "text"
    help_text = " ".join(CliRunner().invoke(cli, ["check", "--help"]).output.split())
    assert "Default: github when GITHUB_ACTIONS=true, else text." in help_text
    assert _check().output == _check("--format", "text").output
