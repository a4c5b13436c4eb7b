"""The command line's comforts: standard input, statistics, colour, context, parallel
runs and --force-exclude."""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from tests.conftest import ROOT, SAMPLES, sample_text

CHANGED = sample_text("westminster").replace("tel: 0845 303 0900", "tel: 0845 303 0901")
CONTENT = ("--ignore", "CL7")  # the Westminster sample keeps some conversion debris; not what these tests are about


def run(*args, **kwargs):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture()
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)


def test_standard_input_named_by_stdin_filename(in_repo):
    result = run("check", "-", "--stdin-filename", "samples/boroughs/westminster.txt", *CONTENT, input=CHANGED)
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "samples/boroughs/westminster.txt:200:6: CL105 [error] phone number differs from the template: "
        "expected '0845 303 0900', found '0845 303 0901'")
    # The name alone implies '-', and finds the configuration (samples/canonlint.toml) from there.
    implied = run("check", "--stdin-filename", "samples/boroughs/westminster.txt", *CONTENT, input=CHANGED)
    assert implied.output == result.output


def test_standard_input_without_a_name(in_repo):
    result = run("check", "-", "--template", "samples/template.md", *CONTENT, input=CHANGED)
    assert result.exit_code == 1
    assert result.output.startswith("-:200:6: CL105 [error]")
    bad = run("check", "-", "--template", "samples/template.md", input=b"\x81\xff bad bytes")
    assert bad.exit_code == 2 and "canonlint: error: -:1:1: not valid UTF-8" in bad.output


def test_standard_input_fixed_goes_to_stdout_and_the_report_to_stderr(in_repo):
    result = run("check", "-", "--stdin-filename", "samples/boroughs/westminster.txt", "--fix", *CONTENT, input=CHANGED)
    assert result.exit_code == 0
    assert result.stdout == sample_text("westminster")
    assert "canonlint: fixed 1 finding in 1 file" in result.stderr
    assert "No findings in 1 file." in result.stderr


def test_standard_input_once_only(in_repo):
    result = run("check", "-", "-", "--template", "samples/template.md", input="x")
    assert result.exit_code == 2 and "'-' (standard input) may be given once" in result.output


def test_statistics(in_repo):
    text = run("check", "samples/boroughs", "--statistics")
    assert text.exit_code == 1
    lines = text.output.splitlines()
    counts = json.loads(run("check", "samples/boroughs", "--statistics", "--format", "json").output)
    findings = json.loads(run("check", "samples/boroughs", "--format", "json").output)
    top = counts[0]
    assert lines[0].split() == [str(top["count"]), top["code"], top["name"], top["severity"]] + (["fix"] if top["fixable"] else [])
    assert lines[-1] == run("check", "samples/boroughs").output.splitlines()[-1]  # the usual summary line
    assert "CL202  heading-run-in" in text.output and "CL401  status-contradicts-change" in text.output
    assert {c["code"]: c["count"] for c in counts} == {
        code: sum(1 for f in findings if f["rule"] == code) for code in {f["rule"] for f in findings}}
    assert [c["count"] for c in counts] == sorted((c["count"] for c in counts), reverse=True)
    assert len(lines) == len(counts) + 1
    refused = run("check", "samples/boroughs", "--statistics", "--format", "sarif")
    assert refused.exit_code == 2 and "--statistics works with --format text or json" in refused.output


def test_show_context_marks_the_differing_words(in_repo):
    edited = CHANGED.replace("Summary performance achievements", "Summary of performance achievements")
    result = run("check", "-", "--stdin-filename", "samples/boroughs/westminster.txt", "--show-context", *CONTENT,
                 input=edited)
    assert result.output.splitlines()[:6] == [
        "samples/boroughs/westminster.txt:75:9: CL102 [error] shared heading 'Summary performance achievements' "
        "altered: 'of' was added",
        "    expected: Summary performance achievements",
        "    found:    Summary {+of+} performance achievements",
        "samples/boroughs/westminster.txt:200:6: CL105 [error] phone number differs from the template: "
        "expected '0845 303 0900', found '0845 303 0901'",
        "    expected: 0845 303 [-0900-]",
        "    found:    0845 303 {+0901+}",
    ]


@pytest.mark.parametrize("flag,env,coloured", [
    ("always", {}, True),
    ("never", {"FORCE_COLOR": "1"}, False),
    ("auto", {}, False),                  # not a terminal
    ("auto", {"FORCE_COLOR": "1"}, True),
    ("auto", {"FORCE_COLOR": ""}, False),  # set but empty: not set
    ("auto", {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
    ("always", {"NO_COLOR": "1"}, True),  # an explicit flag wins
])
def test_color_choice(in_repo, monkeypatch, flag, env, coloured):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    output = run("check", "samples/boroughs/havering.txt", "--color", flag).output
    assert ("\x1b[" in output) is coloured
    if coloured:
        assert "\x1b[31;1mCL201\x1b[0m" in output


def test_machine_formats_are_never_coloured(in_repo):
    assert "\x1b[" not in run("check", "samples/boroughs/havering.txt", "--color", "always", "--format", "json").output


def test_a_report_file_is_coloured_only_when_asked(in_repo, monkeypatch, tmp_path):
    monkeypatch.setenv("FORCE_COLOR", "1")
    report = tmp_path / "report.txt"
    run("check", "samples/boroughs/havering.txt", "--output", str(report))
    assert "\x1b[" not in report.read_text("utf-8")
    run("check", "samples/boroughs/havering.txt", "--output", str(report), "--color", "always")
    assert "\x1b[31;1mCL201" in report.read_text("utf-8")


def _on_a_terminal(*args, env_extra=None) -> str:
    """Run canonlint with its stdout on a pseudo-terminal and return what it printed."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    env.update(env_extra or {})
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "canonlint.cli", *args], cwd=ROOT, stdout=follower,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_auto_colours_a_terminal_unless_no_color(in_repo):
    assert "\x1b[31;1mCL201\x1b[0m" in _on_a_terminal("check", "samples/boroughs/havering.txt")
    assert "\x1b[" not in _on_a_terminal("check", "samples/boroughs/havering.txt", env_extra={"NO_COLOR": "1"})


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_jobs_give_the_same_report(in_repo, fmt):
    one = run("check", "samples/boroughs", "--format", fmt, "--jobs", "1")
    two = run("check", "samples/boroughs", "--format", fmt, "--jobs", "2")
    assert (one.exit_code, one.output) == (two.exit_code, two.output)
    assert one.output.count("CL") > 10


def test_jobs_with_fixes_and_errors(tmp_path, monkeypatch):
    shutil.copytree(SAMPLES, tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    westminster = tmp_path / "samples" / "boroughs" / "westminster.txt"
    westminster.write_text(CHANGED, "utf-8")
    (tmp_path / "samples" / "boroughs" / "latin1.txt").write_bytes("caf\xe9\n".encode("latin-1"))
    one = run("check", "samples/boroughs", "--diff", "--jobs", "1")
    two = run("check", "samples/boroughs", "--diff", "--jobs", "0")
    assert one.exit_code == two.exit_code == 2
    assert one.output == two.output and "+tel: 0845 303 0900" in one.output
    fixed = run("check", "samples/boroughs", "--fix", "--jobs", "3", "--select", "CL105")
    assert "canonlint: error: samples/boroughs/latin1.txt:1:4: not valid UTF-8" in fixed.output
    assert westminster.read_text("utf-8") == sample_text("westminster")


def test_force_exclude_leaves_out_what_the_configuration_leaves_out(tmp_path, monkeypatch):
    shutil.copy(SAMPLES / "template.md", tmp_path / "template.md")
    shutil.copytree(SAMPLES / "boroughs", tmp_path / "editions")
    (tmp_path / "README.md").write_text("# About these editions\n", "utf-8")
    (tmp_path / "editions" / "draft-camden.txt").write_text("A draft.\n", "utf-8")
    (tmp_path / "canonlint.toml").write_text(
        'template = "template.md"\npaths = ["editions"]\nexclude = ["draft-*"]\nignore = ["CL7"]\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    given = ["README.md", "template.md", "editions/draft-camden.txt", "editions/westminster.txt"]
    assert run("check", *given).exit_code == 1  # named files are checked as given
    result = run("check", "--force-exclude", *given)
    assert result.exit_code == 0
    assert result.output == "No findings in 1 file.\n"


@pytest.mark.parametrize("command", [[], ["check"]])
def test_help_lists_the_exit_codes_the_readme_documents(command):
    import re

    help_text = run(*command, "--help").output
    listed = re.findall(r"^ +(\d+) +\S", help_text.split("Exit codes:")[1], re.MULTILINE)
    section = (ROOT / "README.md").read_text("utf-8").split("## Exit codes and errors")[1].split("\n\n")[1]
    documented = re.findall(r"^\| (\d+) \|", section, re.MULTILINE)
    assert listed == documented == ["0", "1", "2", "101", "130"]


def test_shell_completion_completes_options_and_their_values():
    """The README's completion line: click's completion, driven by its environment variables."""
    def complete(words: str) -> list[str]:
        env = {"_CANONLINT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
        return CliRunner().invoke(cli, [], env=env, prog_name="canonlint").output.split()

    assert "plain,--format" in complete("canonlint check --for")
    assert complete("canonlint check --format s") == ["plain,sarif"]
    source = CliRunner().invoke(cli, [], env={"_CANONLINT_COMPLETE": "bash_source"}, prog_name="canonlint")
    assert "complete -o nosort -F _canonlint_completion canonlint" in source.output
    assert 'eval "$(_CANONLINT_COMPLETE=bash_source canonlint)"' in (ROOT / "README.md").read_text("utf-8")
