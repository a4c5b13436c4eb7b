"""The command line on the samples and on bad input: findings, exit codes, messages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.rules import all_rules
from tests.conftest import ROOT, SAMPLES


@pytest.fixture()
def in_repo(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(*args, **kwargs):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture()
def workspace(tmp_path):
    """A copy of the samples, so tests can edit editions."""
    shutil.copytree(SAMPLES, tmp_path / "samples")
    return tmp_path / "samples"


def test_samples_with_no_flags_report_the_named_inconsistencies(in_repo):
    result = run("check", "samples/boroughs")
    assert result.exit_code == 1
    out = result.output
    expected = [
        "samples/boroughs/kensington-and-chelsea.txt:129:39: CL401 [error] Serious youth violence: -2.7% is a reduction, but the status says 'Target missed'",
        "samples/boroughs/tower-hamlets.txt:123:37: CL401 [error] Residential burglary: -0.6% is a reduction, but the status says 'Target missed'",
        "samples/boroughs/havering.txt:118:38: CL401 [error] Serious youth violence: −1.4% is a reduction",
        "samples/boroughs/havering.txt:31:1: CL201 [error] heading 'Met Forward' is missing from its place after 'MPA'; its words were found run into the text at line 31 as '**Met Forward**'",
        "samples/boroughs/havering.txt:62:5: CL303 [error] item 3 of the list after 'The strategic priorities in the plan are to:' is not in the list: 'the right service at the right price' was found at line 90 as '^{*} the right service at the right price'",
        "samples/boroughs/havering.txt:205:44: CL101 [error] shared paragraph missing: 'In an emergency always dial 999 Non-emergency dial 0300 123 1212'",
        "samples/boroughs/bexley.txt:210:",  # the reordered list
        "CL301 [error] the list after 'The strategic priorities in the plan are to:' is reordered",
        "samples/boroughs/bexley.txt:3:1: CL104 [error] text not in the template in shared section 'Local Policing Summary Bexley' (943 words): 'Similar documents",
        "expected 'www.crimestoppers-uk.org', found 'www.crimestoppers uk.org'",
        "found 'www.mpa.gov.uk/publications/policingplans/haveyoursay businesses'",
    ]
    for line in expected:
        assert line in out, line
    bexley = [line for line in out.splitlines() if line.startswith("samples/boroughs/bexley.txt")]
    # The flattened table lost its signs and statuses: one finding per rule for the table.
    assert sum("CL402" in line and "7 rows of the table" in line for line in bexley) == 1
    assert sum("CL403" in line and "6 rows of the table" in line for line in bexley) == 1
    assert "Transcription" in json.loads(run("check", "samples/boroughs/bexley.txt", "--select", "CL104",
                                              "--format", "json").output)[0]["found"]
    assert out.rstrip().splitlines()[-1].startswith("Found ")


def _json(*args):
    result = run("check", *args, "--format", "json")
    return result, json.loads(result.output)


def test_clean_editions_have_no_error_in_shared_text(in_repo):
    _, westminster = _json("samples/boroughs/westminster.txt")
    assert [f for f in westminster if f["severity"] == "error"] == []
    _, tower = _json("samples/boroughs/tower-hamlets.txt")
    assert [f["rule"] for f in tower if f["severity"] == "error"] == ["CL401"]


def test_borough_in_local_text_is_not_reported(in_repo):
    _, findings = _json("samples/boroughs/kensington-and-chelsea.txt")
    assert not [f for f in findings if f["rule"] == "CL501"]
    assert not [f for f in findings if "Westminster" in f["message"]]


def test_one_digit_of_a_helpline_names_both_numbers(workspace, monkeypatch):
    edition = workspace / "boroughs" / "westminster.txt"
    edition.write_text(edition.read_text("utf-8").replace("tel: 0845 303 0900", "tel: 0845 303 0901"), "utf-8")
    monkeypatch.chdir(workspace.parent)
    result = run("check", "samples/boroughs/westminster.txt")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "[error]" in line]
    assert errors == ["samples/boroughs/westminster.txt:200:6: CL105 [error] phone number differs from the "
                      "template: expected '0845 303 0900', found '0845 303 0901'"]


def test_json_output_carries_the_finding_keys(in_repo):
    result, findings = _json("samples/boroughs")
    assert result.exit_code == 1 and findings
    keys = {"path", "line", "column", "end_line", "end_column", "rule", "name", "severity", "message",
            "expected", "found", "fix", "fingerprint"}
    for finding in findings:
        assert keys <= finding.keys()
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["line"] >= 1 and finding["column"] >= 1
    fixes = [f["fix"] for f in findings if f["fix"]]
    assert fixes and all({"title", "safe", "edits"} <= fix.keys() for fix in fixes)


def test_select_and_ignore(in_repo):
    _, only = _json("samples/boroughs", "--select", "CL401")
    assert {f["rule"] for f in only} == {"CL401"} and len(only) == 3
    _, by_prefix = _json("samples/boroughs", "--select", "CL4", "--ignore", "status-missing")
    assert {f["rule"] for f in by_prefix} == {"CL401", "CL402", "CL405"}


def test_exit_codes_follow_the_failure_level(in_repo):
    assert run("check", "samples/boroughs/westminster.txt", "--fail-on", "error").exit_code == 0
    assert run("check", "samples/boroughs/westminster.txt").exit_code == 1  # its debris is warned of
    assert run("check", "samples/boroughs/kensington-and-chelsea.txt", "--select", "CL202").exit_code == 0
    assert run("check", "samples/boroughs/havering.txt", "--select", "CL202").exit_code == 1
    assert run("check", "samples/boroughs/havering.txt", "--select", "CL202", "--fail-on", "error").exit_code == 0
    assert run("check", "samples/boroughs/havering.txt", "--exit-zero").exit_code == 0


def test_output_file(in_repo, tmp_path):
    target = tmp_path / "report.json"
    result = run("check", "samples/boroughs/havering.txt", "--format", "json", "--output", str(target))
    assert result.exit_code == 1 and result.output == ""
    assert json.loads(target.read_text("utf-8"))


def test_unknown_rule_suggests_a_name(in_repo):
    result = run("check", "samples/boroughs", "--select", "CL4011")
    assert result.exit_code == 2
    assert "unknown rule 'CL4011'; did you mean 'CL401'?" in result.output


def test_config_typo_is_one_clear_line(tmp_path, monkeypatch):
    (tmp_path / "canonlint.toml").write_text('template = "t.md"\nselcet = ["CL1"]\n', "utf-8")
    (tmp_path / "edition.txt").write_text("text\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "edition.txt")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"canonlint: error: {tmp_path / 'canonlint.toml'}: unknown key 'selcet'; did you mean 'select'?"]


@pytest.mark.parametrize("content,message", [
    ('template = 3\n', "'template' must be a string, not integer"),
    ('template = "t.md"\nfail-on = "loud"\n', "'fail-on': 'loud' is not a severity"),
    ('template = "t.md"\n[severity]\nCL999 = "info"\n', "unknown rule 'CL999'"),
    ('template = "t.md"\n[rules.CL102]\nmax_diff = 2\n', "rule CL102 (shared-text-altered) has no option 'max_diff'"),
    ('template = "t.md"\n[rules.CL102]\nmax_diffs = "two"\n', "option 'max_diffs' of CL102 must be int"),
    ('template = [\n', "not valid TOML"),
])
def test_bad_configs_exit_2(tmp_path, monkeypatch, content, message):
    (tmp_path / "canonlint.toml").write_text(content, "utf-8")
    (tmp_path / "t.md").write_text("# Title\n\nShared words here.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", ".")
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_config_in_pyproject_and_rule_options(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.canonlint]\ntemplate = "t.md"\nfail-on = "error"\n'
        '[tool.canonlint.severity]\nshared-text-altered = "warning"\n', "utf-8")
    (tmp_path / "t.md").write_text("# Title\n\nShared words here, all of them.\n", "utf-8")
    (tmp_path / "e.txt").write_text("Title\n\nShared words there, all of them.\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "e.txt")
    assert "CL102 [warning]" in result.output
    assert result.exit_code == 0  # warnings do not fail with fail-on = "error"


def test_bad_paths_are_reported_and_the_rest_still_checked(in_repo, tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Local Policing Summary Westminster caf\u00e9\n".encode("latin-1"))
    result = run("check", "samples/boroughs/havering.txt", "does-not-exist.txt", str(latin))
    assert result.exit_code == 2
    assert "canonlint: error: does-not-exist.txt: no such file or directory" in result.output
    assert f"canonlint: error: {latin}:1:39: not valid UTF-8 (byte 0xe9 at offset 38)" in result.output
    assert "samples/boroughs/havering.txt:118:38: CL401" in result.output


@pytest.mark.parametrize("template,message", [
    ("missing.md", "template missing.md: no such file"),
    ("# Title {borough\n\nText.\n", "t.md:1:9: '{' that does not open a slot: a slot is written {slot} or {slot:type}"),
    ("# Title {n:amount}\n\nText.\n", "t.md:1:9: unknown slot type 'amount'"),
    ("# Title {n:count}\n\nText {n:percent}.\n", "t.md:3:6: slot 'n' is used as 'count' and as 'percent'"),
    ("{{local}}\n", "t.md: the template has no shared text"),
])
def test_bad_templates_exit_2(tmp_path, monkeypatch, template, message):
    if template.endswith(".md"):
        chosen = template
    else:
        (tmp_path / "t.md").write_text(template, "utf-8")
        chosen = "t.md"
    (tmp_path / "e.txt").write_text("Title\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "e.txt", "--template", chosen)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_no_template_anywhere(tmp_path, monkeypatch):
    (tmp_path / "e.txt").write_text("Title\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "e.txt")
    assert result.exit_code == 2
    assert "no template: pass --template or set 'template' in canonlint.toml" in result.output


def test_rules_listing_and_rule_docs(in_repo):
    listing = run("rules")
    assert listing.exit_code == 0
    lines = listing.output.strip().splitlines()
    assert len(lines) == len(all_rules()) + 3  # and canonlint's own notices, CL900-CL902
    assert [line.split()[:2] for line in lines[-3:]] == [["CL900", "plugin-failed"], ["CL901", "unused-suppression"],
                                                         ["CL902", "stale-baseline-entry"]]
    assert lines[0].split()[:3] == ["CL001", "not-an-edition", "error"]
    assert any(line.split()[:4] == ["CL105", "exact-token-changed", "error", "fix"] for line in lines)
    as_json = json.loads(run("rules", "--format", "json").output)
    assert {r["code"] for r in as_json} >= {"CL101", "CL301", "CL401", "CL501"}
    doc = run("rule", "list-reordered")
    assert doc.exit_code == 0 and doc.output.startswith("CL301 list-reordered [error]")
    assert "What it checks:" in doc.output
    unknown = run("rule", "list-reorderd")
    assert unknown.exit_code == 2 and "did you mean 'list-reordered'?" in unknown.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("canonlint ")


@pytest.mark.parametrize("args", [
    ["check", "no-such-file.txt", "--template", "samples/template.md"],
    ["check", "samples/boroughs", "--template", "nope.md"],
    ["check", "samples/boroughs", "--format", "xml"],
    ["rule", "CL999"],
])
def test_errors_never_show_a_traceback(args):
    process = subprocess.run([sys.executable, "-m", "canonlint.cli", *args], cwd=ROOT,
                             capture_output=True, text=True, timeout=60)
    assert process.returncode == 2
    assert "Traceback" not in process.stderr
    assert process.stderr.strip()


@pytest.mark.parametrize("args,message", [
    (["check", "--bogus"], "No such option '--bogus'. Did you mean '--jobs'? (see 'canonlint check --help')"),
    (["check", "--format", "xml"], "Invalid value for '--format': 'xml' is not one of"),
    (["check", "--jobs", "two"], "Invalid value for '--jobs'"),
    (["rule"], "Missing argument 'CODE_OR_NAME'. (see 'canonlint rule --help')"),
    (["nosuch"], "No such command 'nosuch'. (see 'canonlint --help')"),
])
@pytest.mark.parametrize("through", ["console script", "click runner"])
def test_usage_errors_are_one_line_exit_2(args, message, through):
    if through == "console script":
        process = subprocess.run([sys.executable, "-m", "canonlint.cli", *args], cwd=ROOT,
                                 capture_output=True, text=True, timeout=60)
        code, stdout, stderr = process.returncode, process.stdout, process.stderr
    else:
        result = CliRunner().invoke(cli, args, prog_name="canonlint")
        code, stdout, stderr = result.exit_code, result.stdout, result.stderr
    assert code == 2
    assert stdout == ""
    assert stderr.count("\n") == 1 and stderr.startswith("canonlint: error: ")
    assert message in stderr


def test_no_command_shows_the_help_and_exits_2():
    result = CliRunner().invoke(cli, [], prog_name="canonlint")
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: canonlint [OPTIONS] COMMAND")


def test_summary_counts_unreadable_files(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    bad = tmp_path / "binary.txt"
    bad.write_bytes(b"Local Policing Summary\x00\x01")
    result = run("check", str(bad), "--template", "samples/template.md")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == "No findings in 0 files. 1 file could not be read."


def test_ignore_from_the_command_line_is_named_as_such(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("check", "samples/boroughs", "--ignore", "nope")
    assert result.exit_code == 2
    assert "canonlint: error: --ignore: unknown rule 'nope'" in result.output


def test_selectors_separated_by_commas_or_spaces(monkeypatch):
    monkeypatch.chdir(ROOT)
    rules = lambda *args: {f["rule"] for f in json.loads(run("check", "samples/boroughs", "--format", "json", *args).output)}  # noqa: E731
    assert rules("--select", "CL401 CL105") == rules("--select", "CL401,CL105") == {"CL401", "CL105"}
    assert rules("--select", "CL401", "--select", "CL105") == {"CL401", "CL105"}


@pytest.mark.parametrize("crlf_bom", [False, True])
def test_fix_restores_a_changed_phone_number_byte_for_byte(workspace, monkeypatch, crlf_bom):
    edition = workspace / "boroughs" / "westminster.txt"
    original = edition.read_bytes()
    if crlf_bom:
        original = b"\xef\xbb\xbf" + original.replace(b"\n", b"\r\n")
    edition.write_bytes(original.replace(b"tel: 0800 555111", b"tel: 0800 555112"))
    monkeypatch.chdir(workspace.parent)

    preview = run("check", "samples/boroughs/westminster.txt", "--diff", "--select", "CL105")
    assert preview.exit_code == 1
    assert "-tel: 0800 555112" in preview.output and "+tel: 0800 555111" in preview.output
    assert edition.read_bytes() != original  # --diff writes nothing

    fixed = run("check", "samples/boroughs/westminster.txt", "--fix", "--select", "CL105")
    assert fixed.exit_code == 0
    assert "canonlint: fixed 1 finding in 1 file" in fixed.output
    assert edition.read_bytes() == original


def test_unsafe_fixes_only_when_asked(workspace, monkeypatch):
    edition = workspace / "boroughs" / "tower-hamlets.txt"
    original = edition.read_text("utf-8")
    edition.write_text(original.replace("Tower Hamlets police stations", "Westminster police stations"), "utf-8")
    monkeypatch.chdir(workspace.parent)
    assert run("check", "samples/boroughs/tower-hamlets.txt", "--fix", "--select", "CL501").exit_code == 1
    result = run("check", "samples/boroughs/tower-hamlets.txt", "--fix", "--unsafe-fixes", "--select", "CL501")
    assert result.exit_code == 0
    assert edition.read_text("utf-8") == original


def test_a_file_that_is_not_an_edition_gets_one_finding(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    other = tmp_path / "minutes.txt"
    other.write_text("Minutes of the allotment society\n\nThe water rota was agreed.\n", "utf-8")
    result = run("check", str(other), "--template", "samples/template.md")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{other}:1:1: CL001 [error] this does not look like an edition of samples/template.md: only 0 of "
        "its 105 shared blocks were found; other checks were skipped for this file")
    assert len(result.output.splitlines()) == 2


def test_targets_in_the_configuration(tmp_path, monkeypatch):
    shutil.copytree(SAMPLES, tmp_path / "samples")
    config = tmp_path / "samples" / "canonlint.toml"
    monkeypatch.chdir(tmp_path)
    edition = "samples/boroughs/kensington-and-chelsea.txt"
    assert "CL401" in run("check", edition, "--select", "CL401").output
    config.write_text(config.read_text("utf-8") + '\n[rules.CL401.targets]\n"Serious youth violence" = -4.7\n', "utf-8")
    assert run("check", edition, "--select", "CL401").exit_code == 0
    config.write_text(config.read_text("utf-8").replace("-4.7", '"minus 4.7"'), "utf-8")
    result = run("check", edition, "--select", "CL401")
    assert result.exit_code == 2
    assert "the values of option 'targets' of CL401 must be numbers" in result.output
