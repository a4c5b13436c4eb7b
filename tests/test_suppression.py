"""Suppression comments in Markdown editions: regions, the next block, unused or
unreadable comments reported (CL901) and removed by --fix."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from tests.conftest import SAMPLES, edit, sample_text

VICTIM = "tel: 0845 303 0900"
CRIME = "tel: 0800 555111"


def run(*args, **kwargs):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture()
def project(tmp_path, monkeypatch):
    shutil.copy(SAMPLES / "template.md", tmp_path / "template.md")
    # The Westminster sample keeps some conversion debris (CL7..); it is not what these tests are about.
    (tmp_path / "canonlint.toml").write_text('template = "template.md"\nignore = ["CL7"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _edition(project, replacements, name: str = "westminster.md") -> str:
    text = edit(sample_text("westminster"), replacements)
    (project / name).write_text(text, "utf-8")
    return text


def _findings(*args, name: str = "westminster.md") -> list[tuple[str, int, str]]:
    result = run("check", name, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [(f["rule"], f["line"], f["message"]) for f in json.loads(result.output)]


BOTH_CHANGED = [(VICTIM, "tel: 0845 303 0901"), (CRIME, "tel: 0800 555112")]


def test_without_comments_both_changes_are_reported(project):
    _edition(project, BOTH_CHANGED)
    assert [(rule, line) for rule, line, _ in _findings()] == [("CL105", 200), ("CL105", 206)]


def test_a_disabled_region_hides_its_rule_until_enable(project):
    _edition(project, [(VICTIM, "<!-- canonlint: disable=CL105 -->\ntel: 0845 303 0901\n<!-- canonlint: enable -->"),
                       (CRIME, "tel: 0800 555112")])
    assert [(rule, line) for rule, line, _ in _findings()] == [("CL105", 208)]


def test_a_region_without_enable_runs_to_the_end_and_names_work(project):
    _edition(project, [(VICTIM, "<!-- canonlint: disable=exact-token-changed -->\n\ntel: 0845 303 0901"),
                       (CRIME, "tel: 0800 555112")])
    assert _findings() == []


def test_a_region_hides_only_the_rules_it_names(project):
    _edition(project, [(VICTIM, "<!-- canonlint: disable=CL102 -->\ntel: 0845 303 0901"), (CRIME, "tel: 0800 555112")])
    found = _findings()
    assert [(rule, line) for rule, line, _ in found] == [("CL901", 200), ("CL105", 201), ("CL105", 207)]
    assert found[0][2] == "disable of CL102 (shared-text-altered) suppresses nothing"


def test_disable_next_block_hides_only_the_next_block(project):
    _edition(project, [(VICTIM, "<!-- canonlint: disable-next-block=CL105 -->\ntel: 0845 303 0901"),
                       (CRIME, "tel: 0800 555112")])
    assert [(rule, line) for rule, line, _ in _findings()] == [("CL105", 207)]


def test_a_bare_disable_hides_every_rule(project):
    _edition(project, [("Useful contacts", "<!-- canonlint: disable -->\n\nUseful contacts"), *BOTH_CHANGED])
    assert _findings() == []


def test_comments_are_not_the_editions_text(project):
    """A directive between shared paragraphs leaves the alignment as it was: no
    unexpected text, no altered paragraph."""
    _edition(project, [(VICTIM, "<!-- canonlint: disable-next-block=CL105 -->\n" + VICTIM.replace("0900", "0901"))])
    assert _findings() == []


def test_unused_suppression_is_reported_and_fixed(project):
    text = _edition(project, [(CRIME, "<!-- canonlint: disable-next-block=CL105 -->\n" + CRIME)])
    found = _findings()
    assert found == [("CL901", 206, "disable-next-block of CL105 (exact-token-changed) suppresses nothing")]
    result = run("check", "westminster.md", "--fix")
    assert result.exit_code == 0, result.output
    assert (project / "westminster.md").read_text("utf-8") == text.replace(
        "<!-- canonlint: disable-next-block=CL105 -->\n", "")


def test_fix_keeps_the_codes_still_in_use(project):
    _edition(project, [(CRIME, "<!-- canonlint: disable-next-block=CL105,list-reordered -->\ntel: 0800 555112")])
    found = _findings()
    assert found == [("CL901", 206, "disable-next-block of CL301 (list-reordered) suppresses nothing")]
    assert run("check", "westminster.md", "--fix").exit_code == 0
    assert "<!-- canonlint: disable-next-block=CL105 -->\ntel: 0800 555112" in (project / "westminster.md").read_text("utf-8")


def test_unused_suppression_is_info_and_can_be_made_to_fail(project):
    _edition(project, [(CRIME, "<!-- canonlint: disable-next-block=CL105 -->\n" + CRIME)])
    assert run("check", "westminster.md").exit_code == 0
    assert run("check", "westminster.md", "--fail-on", "info").exit_code == 1
    assert run("check", "westminster.md", "--ignore", "unused-suppression", "--fail-on", "info").exit_code == 0


@pytest.mark.parametrize("comment,message", [
    ("<!-- canonlint: disable=CL1055 -->", "disable names no rule: 'CL1055'; did you mean 'CL105'?"),
    ("<!-- canonlint: disabel=CL105 -->", "not a canonlint directive: 'disabel'; did you mean 'disable'?"),
])
def test_unreadable_comments_are_reported(project, comment, message):
    _edition(project, [(CRIME, comment + "\n" + CRIME)])
    found = _findings()
    assert [(rule, line) for rule, line, _ in found] == [("CL901", 206)]
    assert found[0][2].startswith(message)


def test_rules_that_did_not_run_are_not_judged(project):
    _edition(project, [(CRIME, "<!-- canonlint: disable-next-block=CL105 -->\n" + CRIME)])
    assert _findings("--select", "CL401,CL901") == []


def test_plain_text_editions_have_no_directives(project):
    _edition(project, [(VICTIM, "<!-- canonlint: disable=CL105 -->\ntel: 0845 303 0901")], name="westminster.txt")
    rules = {rule for rule, _, _ in _findings(name="westminster.txt")}
    assert "CL105" in rules and "CL901" not in rules


def test_rule_documents_the_notice():
    result = run("rule", "unused-suppression")
    assert result.exit_code == 0
    assert result.output.startswith("CL901 unused-suppression [info] (fixable)")
    assert "What it checks:" in result.output


def test_the_notice_takes_a_configured_severity(project):
    (project / "canonlint.toml").write_text('template = "template.md"\nignore = ["CL7"]\n[severity]\nunused-suppression = "error"\n', "utf-8")
    _edition(project, [(CRIME, "<!-- canonlint: disable-next-block=CL105 -->\n" + CRIME)])
    result = run("check", "westminster.md")
    assert result.exit_code == 1
    assert "westminster.md:206:1: CL901 [error] disable-next-block of CL105" in result.output
