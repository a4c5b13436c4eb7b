"""The README tells the truth: its output excerpt, rule table, slot types and commands."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.readers.kinds import EDITION_KINDS
from canonlint.registry import load_registry
from canonlint.slots import SLOT_TYPES
from tests.conftest import ROOT
from tests.readme_rules import COMMAND, rule_count, rule_table, table_in

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


def test_rule_table_is_the_one_the_rules_make():
    assert table_in(README) == rule_table(), f"README.md's rule table is stale: run `{COMMAND}`"


def test_slot_type_table_matches_the_code():
    section = re.search(r"\| type \| matches \|(.*?)\n\n", README, re.S).group(1)
    names = re.findall(r"^\| `(\w+)` \| ", section, re.M)
    assert names == list(SLOT_TYPES)


def test_the_default_include_lists_are_the_edition_kinds():
    """The README spells the default `include` out twice (configuration and command line):
    both are the kinds table's suffixes, in its order, and its readers table names every kind
    that has a reader."""
    suffixes = [kind.suffix for kind in EDITION_KINDS]
    assert "Default `include`: the edition kinds, `" + " ".join(f"*{s}" for s in suffixes) + "`" in README
    assert "by default the edition kinds, `" + " ".join(suffixes) + "`" in README
    readers_table = " ".join(line for line in README.splitlines() if line.startswith("| `."))
    assert [k.suffix for k in EDITION_KINDS if k.reader and f"`{k.suffix}`" not in readers_table] == []


def test_ci_runs_the_readme_test_command():
    command = re.search(r"# 2\. .*\n(.*)\n", README).group(1)
    assert "pytest" in command
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _section(title: str) -> str:
    return re.search(rf"^#+ {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M).group(1)


def test_documents_excerpt_is_real(monkeypatch):
    pytest.importorskip("pypdfium2")
    monkeypatch.chdir(ROOT)
    body = _section("Word, PDF, OpenDocument, HTML and Markdown editions")
    command = re.search(r"^\.venv/bin/canonlint (check samples/documents/.*)$", body, re.M).group(1).split()
    output = CliRunner().invoke(cli, [*command, "--no-cache"]).output.splitlines()
    excerpt = re.search(r"```text\n(.*?)```", body, re.S).group(1)
    for line in excerpt.strip().splitlines():
        assert line in output, line


def test_inferred_template_excerpt_gives_the_findings_the_readme_counts(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    inferred = tmp_path / "template.md"
    assert CliRunner().invoke(cli, ["template", "infer", "samples/boroughs", "--output", str(inferred)]).exit_code == 0
    template_lines = inferred.read_text("utf-8").splitlines()
    body = README.split("## No template yet: `canonlint init`\n", 1)[1].split("\n## Configuration\n", 1)[0]
    for line in re.search(r"```markdown\n(.*?)```", body, re.S).group(1).splitlines():
        assert line == "…" or line in template_lines, line
    summary = CliRunner().invoke(cli, ["check", "samples/boroughs", "--template", str(inferred), "--no-cache"])
    claimed = int(re.search(r"give the same (\d+) findings", body).group(1))
    assert f"Found {claimed} findings" in summary.output.splitlines()[-1]


def test_finding_counts_in_the_prose_match_the_output_excerpt():
    found = re.search(r"^Found (\d+) findings", README, re.M).group(1)
    claims = re.findall(r"the (\d+) findings of the samples|the same (\d+) findings", README)
    assert claims and all(found in claim for claim in claims)


def test_rule_count_in_the_prose_is_the_number_of_rules():
    (now,) = re.findall(r"(\d+) now\)", README)
    assert int(now) == rule_count(), f"README.md's count of rules is stale: run `{COMMAND}`"


def test_command_line_synopsis_lists_every_option_of_check():
    synopsis = re.search(r"^## Command line\n\n```text\n(.*?)```", README, re.S | re.M).group(1)
    check_part = synopsis.split("canonlint rules")[0]
    documented = set(re.findall(r"\[(--[a-z-]+)", check_part))
    options = {name for param in cli.commands["check"].params for name in param.opts if name.startswith("--")}
    assert documented == options - {"--help"}


def test_cross_edition_rule_ranges_name_every_cross_edition_rule():
    last = max(rule.code for rule in load_registry().rules if rule.code.startswith("CL6"))
    for low, high in re.findall(r"\((CL6\d\d)–(CL6\d\d)\)", README):
        assert (low, high) == ("CL601", last)


def test_every_file_the_readme_names_exists():
    pattern = r"(?:[`(]|python )((?:lint|rules|tests|samples|docs|\.ci)/[\w./-]*[\w/])(` →)?"
    named = [path for path, renamed in re.findall(pattern, README) if not renamed]  # `old` → `new`
    modules = re.findall(r"python -m (tests\.[\w.]+)", README)
    paths = named + [module.replace(".", "/") + ".py" for module in modules]
    assert len(paths) > 30
    assert [path for path in paths if not (ROOT / path).exists()] == []


def test_format_and_json_key_tables_match_the_code(monkeypatch):
    from canonlint.report.formats import FORMATS
    from canonlint.run.request import check

    formats = re.search(r"^\| format \| what it is \|\n\|---\|---\|\n(.*?)\n\n", README, re.S | re.M).group(1)
    assert re.findall(r"^\| `(\w+)` \|", formats, re.M) == list(FORMATS)
    keys_table = re.search(r"^\| key \| meaning \|\n\|---\|---\|\n(.*?)\n\n", README, re.S | re.M).group(1)
    documented = {key for row in keys_table.splitlines() for key in re.findall(r"`(\w+)`", row.split(" | ")[0])}
    monkeypatch.chdir(ROOT)
    keys = {key for finding in check(["samples/boroughs"]) for key in finding}
    assert keys <= documented


def test_cross_references_name_real_sections():
    headings = re.findall(r"^#+ (.+)$", README, re.M)
    slugs = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}
    for anchor in re.findall(r"\]\(#([a-z0-9-]+)\)", README):
        assert anchor in slugs, anchor
    for title in re.findall(r"see \*([^*]+)\*", README):
        assert any(title.lower() in heading.lower() for heading in headings), title
