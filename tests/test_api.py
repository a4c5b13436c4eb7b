"""The Python API: `canonlint.check` gives what `canonlint check --format json` gives, and says
clearly when a run cannot start or an edition cannot be read."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

import canonlint
from canonlint.cli import cli
from canonlint.run.request import CheckError, RunError
from tests.conftest import ROOT, SAMPLES


def test_check_returns_the_json_report_of_the_samples(monkeypatch):
    monkeypatch.chdir(ROOT)
    findings = canonlint.check(["samples/boroughs"])
    report = CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "json"], catch_exceptions=False)
    assert findings == json.loads(report.output)
    assert len(findings) == 44  # 55 before CL402/CL403 grouped a table's rows into one finding
    assert {f["severity"] for f in findings} == {"error", "warning", "info"}


def test_select_ignore_template_and_config_are_the_command_lines(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    only = canonlint.check("samples/boroughs/havering.txt", select="CL105, CL7", ignore=["CL705"])
    assert only and {f["rule"][:3] for f in only} <= {"CL1", "CL7"} and "CL705" not in {f["rule"] for f in only}
    shutil.copy(SAMPLES / "boroughs" / "westminster.txt", tmp_path / "w.txt")
    monkeypatch.chdir(tmp_path)  # no configuration here: template and config given
    given = canonlint.check([tmp_path / "w.txt"], template=SAMPLES / "template.md", config=SAMPLES / "canonlint.toml")
    assert given and all(f["path"].endswith("w.txt") for f in given)


def test_a_run_that_cannot_start_raises_run_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "e.txt").write_text("An edition.\n", "utf-8")
    with pytest.raises(RunError, match="no template"):
        canonlint.check(["e.txt"])
    with pytest.raises(RunError, match="unknown rule 'CL999'"):
        canonlint.check(["e.txt"], template=SAMPLES / "template.md", select=["CL999"])


def test_an_unreadable_edition_raises_with_the_others_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(CheckError) as raised:
        canonlint.check(["samples/boroughs/havering.txt", str(tmp_path / "missing.txt")])
    assert len(raised.value.errors) == 1 and "missing.txt" in raised.value.errors[0]
    assert raised.value.findings == canonlint.check(["samples/boroughs/havering.txt"])
