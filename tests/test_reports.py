"""Every output format: valid against its consumer's rules, and unambiguous whatever a
finding's text holds (`::error::`, `%0A`, line breaks, `<`, `&`, quotes, escape codes)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from canonlint.cli import cli
from canonlint.finding import Finding, Severity
from canonlint.registry import load_registry
from canonlint.report.formats import FORMATS, render, render_chunks
from canonlint.report.run_info import RuleInfo, RunInfo
from canonlint.report.text import printable
from canonlint.run.findings import FileResult
from tests.conftest import ROOT

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text("utf-8"))
HOSTILE = [
    "50%\n::error::x",
    "literal %0A and %25 and %0D stay literal",
    "::error file=evil.txt,line=1::injected",
    "line one\r\nline two\rline three",
    "<script>alert('x')</script> & \"double\" 'single' | pipe `tick`",
    "escape \x1b[31mred\x1b[0m bell \x07 nul \x00 and \u2028 separator",
    "comma, colon: both",
]


def _finding(message: str, path: str = "editions/a, b:c.md", line: int = 3, end_line: int = 3,
             severity: Severity = Severity.ERROR, rule: str = "CL105", number: int = 0) -> Finding:
    return Finding(path, line, 2, end_line, 9, rule, "exact-token-changed", severity, message,
                   expected="tel: 0800 555111", found=message, fingerprint=f"{number:016x}")


def _run(**kwargs) -> RunInfo:
    rules = tuple(RuleInfo.of(r) for r in load_registry().rules)
    return RunInfo(rules=rules, **kwargs)


def _hostile_results(multiline_too: bool = True) -> list[FileResult]:
    findings = [_finding(m, number=i) for i, m in enumerate(HOSTILE)]
    if multiline_too:
        findings.append(_finding("spans lines", line=3, end_line=5, severity=Severity.WARNING, number=99))
    return [FileResult("editions/a, b:c.md", findings), FileResult("editions/clean.md", [])]


# --- SARIF ---------------------------------------------------------------------------

def _validate_sarif(document: dict) -> None:
    validator = jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_sarif_of_the_samples_validates_against_the_official_schema(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "sarif"])
    assert result.exit_code == 1
    document = json.loads(result.output)
    _validate_sarif(document)
    assert document["$schema"].endswith("sarif-schema-2.1.0.json") and document["version"] == "2.1.0"
    run = document["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "canonlint" and driver["version"]
    assert [r["id"] for r in driver["rules"]] == [r.code for r in load_registry().rules]
    assert [r["id"] for r in driver["rules"]][-3:] == ["CL900", "CL901", "CL902"]
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert rule["help"]["markdown"]
        assert "helpUri" not in rule  # no docs-url configured: the help travels in the SARIF itself
    assert "informationUri" not in driver
    cl105 = next(r for r in driver["rules"] if r["id"] == "CL105")["help"]["markdown"]
    assert cl105.startswith("A web address, e-mail address, phone number, figure or link target differs from the "
                            "template.")
    assert "**What it checks**\n\nInside every shared block found in the edition" in cl105
    assert "**Fix**\n\nReplace the edition's text with the template's" in cl105
    json_findings = json.loads(CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "json"]).output)
    assert len(run["results"]) == len(json_findings) > 0
    for result_, finding in zip(run["results"], json_findings):
        assert driver["rules"][result_["ruleIndex"]]["id"] == result_["ruleId"] == finding["rule"]
        assert result_["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding["severity"]]
        assert result_["message"]["text"] == finding["message"]
        location = result_["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding["path"]  # the repository root is the working folder here
        assert location["region"] == {"startLine": finding["line"], "startColumn": finding["column"],
                                      "endLine": finding["end_line"], "endColumn": finding["end_column"]}
        assert result_["partialFingerprints"]["primaryLocationLineHash"] == finding["fingerprint"]


def test_sarif_links_each_rule_to_the_configured_docs_url_and_to_nothing_else(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    config = tmp_path / "canonlint.toml"
    config.write_text((ROOT / "samples" / "canonlint.toml").read_text("utf-8").replace(
        'template = "', f'template = "{(ROOT / "samples").as_posix()}/', 1)
        + '\ndocs-url = "https://docs.example.org/canonlint/rules/{code}.html#{name}"\n', "utf-8")
    result = CliRunner().invoke(cli, ["check", "samples/boroughs", "--config", str(config), "--format", "sarif"])
    assert result.exit_code == 1, result.output
    document = json.loads(result.output)
    _validate_sarif(document)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    cl105 = next(r for r in rules if r["id"] == "CL105")
    assert cl105["helpUri"] == "https://docs.example.org/canonlint/rules/CL105.html#exact-token-changed"
    assert all(r["helpUri"] == f"https://docs.example.org/canonlint/rules/{r['id']}.html#{r['name']}" for r in rules)
    assert "your-org" not in result.output and "example.com" not in result.output


@pytest.mark.parametrize(("value", "message"), [
    ('"docs.example.org/{code}"', "'docs-url' must be an http or https address"),
    ('"https://docs.example.org/rules"', "'docs-url' must hold {code} or {name}"),
    ('"https://docs.example.org/{cod}"', "'docs-url': unknown field '{cod}' (use {code} or {name}); did you mean 'code'?"),
    ('"https://docs.example.org/{code"', "'docs-url': expected '}' before end of string"),
])
def test_a_docs_url_that_cannot_link_a_rule_is_a_configuration_error(tmp_path, monkeypatch, value, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "canonlint.toml").write_text(f'template = "t.md"\ndocs-url = {value}\n', "utf-8")
    (tmp_path / "t.md").write_text("# Title\n\nShared text.\n", "utf-8")
    (tmp_path / "e.txt").write_text("Title\n\nShared text.\n", "utf-8")
    result = CliRunner().invoke(cli, ["check", "e.txt"])
    assert result.exit_code == 2
    [line] = result.output.strip().splitlines()
    assert line.startswith("canonlint: error: ") and f"/canonlint.toml: {message}" in line, line


def test_sarif_of_hostile_text_validates_and_keeps_the_text():
    document = json.loads(render("sarif", _hostile_results(), 1, _run(errors=("gone.md: no such file",))))
    _validate_sarif(document)
    messages = [r["message"]["text"] for r in document["runs"][0]["results"]]
    assert messages[: len(HOSTILE)] == HOSTILE
    uri = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "editions/a%2C%20b%3Ac.md"
    invocation = document["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "gone.md: no such file"


def test_sarif_uris_are_relative_to_the_repository_root(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs" / "editions").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "docs")
    from canonlint.report.run_info import repository_root

    run = _run(root=repository_root(Path.cwd()))
    assert run.uri("editions/a.md") == "docs/editions/a.md"
    assert run.relative_path("editions/a.md") == "docs/editions/a.md"
    outside = tmp_path.parent / "elsewhere.md"
    assert run.uri(str(outside)) == outside.as_uri()


# --- GitHub Actions ------------------------------------------------------------------
# A port of the runner's parser (actions/runner ActionCommand.TryParseV2), to read our
# output back exactly as GitHub does.

def _unescape(text: str, mappings) -> str:
    for token, replacement in mappings:
        text = text.replace(replacement, token)
    return text


DATA = [("\r", "%0D"), ("\n", "%0A"), ("%", "%25")]
PROPERTY = [("\r", "%0D"), ("\n", "%0A"), (":", "%3A"), (",", "%2C"), ("%", "%25")]


def parse_workflow_command(line: str):
    message = line.lstrip()
    if not message.startswith("::"):
        return None
    end = message.find("::", 2)
    if end < 0:
        return None
    info = message[2:end]
    space = info.find(" ")
    name = info if space < 0 else info[:space]
    properties = {}
    if space > 0:
        for prop in (p for p in info[space + 1:].strip().split(",") if p):
            pair = [p for p in prop.split("=", 1) if p]
            if len(pair) == 2:
                properties[pair[0]] = _unescape(pair[1], PROPERTY)
    return name, properties, _unescape(message[end + 2:], DATA)


def _runner_lines(output: str) -> list[str]:
    return [line for line in re.split(r"\r\n|\r|\n", output) if line]


def test_github_commands_round_trip_through_the_runners_escaping():
    results = _hostile_results()
    output = render("github", results, 0, _run())
    lines = _runner_lines(output)
    findings = results[0].findings
    assert lines[-1] == "Found 8 findings (7 errors, 1 warning) in 1 of 2 files."  # for the log
    assert parse_workflow_command(lines[-1]) is None
    lines = lines[:-1]
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings):
        name, props, data = parse_workflow_command(line)
        assert data == printable(finding.message, keep="\t\r\n")  # line breaks kept, escape sequences shown
        assert props["file"] == "editions/a, b:c.md"
        assert props["title"] == "CL105 exact-token-changed"
        assert (props["line"], props["endLine"]) == (str(finding.line), str(finding.end_line))
        if finding.line == finding.end_line:
            assert name == "error" and (props["col"], props["endColumn"]) == ("2", "9")
        else:
            assert name == "warning" and "col" not in props and "endColumn" not in props
    assert "50%25%0A::error::x" in lines[0]


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text(min_size=1).filter(lambda p: p.strip() == p and "\x00" not in p))
def test_any_message_and_path_round_trip(message, path):
    """Every message and path arrives as written, but for the control characters that are
    not line breaks or tabs (an escape sequence a terminal would obey), shown escaped."""
    finding = _finding(message, path=path)
    lines = _runner_lines(render("github", [FileResult(path, [finding])], 0, _run()))
    assert len(lines) == 2 and lines[1] == "Found 1 finding (1 error) in 1 of 1 file."
    _, props, data = parse_workflow_command(lines[0])
    assert data == printable(message, keep="\t\r\n")
    assert props["file"] == printable(_run().relative_path(path), keep="\t\r\n")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", lines[0])


def test_github_passes_no_terminal_sequence_from_an_edition():
    finding = _finding("heading '\x1b]0;owned\x07Victim Support' and \x1b[31mred\x1b[0m \x9b2J")
    output = render("github", [FileResult("a.txt", [finding])], 0, _run())
    assert "\x1b" not in output and "\x07" not in output and "\x9b" not in output
    assert "\\x1b]0;owned\\x07Victim Support" in output


def test_github_is_the_default_in_actions_and_writes_the_step_summary(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", "utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(cli, ["check", "samples/boroughs"])
    assert result.exit_code == 1
    *lines, last = result.output.splitlines()
    monkeypatch.delenv("GITHUB_ACTIONS")
    plain = CliRunner().invoke(cli, ["check", "samples/boroughs"]).output.splitlines()
    assert last == plain[-1] and last.startswith("Found ")  # one summary line ends the log
    assert plain[0].startswith("samples/boroughs/")
    plain_findings = [line for line in plain if re.match(r"samples/boroughs/\S+:\d+:\d+: CL", line)]
    assert len(lines) == len(plain_findings) > 10 and all(parse_workflow_command(line) for line in lines)
    text = summary.read_text("utf-8")
    assert text.startswith("earlier step\n## canonlint")
    from canonlint.report.step_summary import cell

    rows = [line for line in text.splitlines() if line.startswith(f"| {cell('samples/boroughs/')}")]
    assert len(rows) == len(lines)  # all of them, not only the 10 annotations per level GitHub shows
    assert cell(plain[-1]) in text  # the summary line


def test_step_summary_is_capped_with_an_and_n_more_line():
    """500 editions with 12 long findings each would make 1.1 MB, over GitHub's 1 MiB per
    step: the summary stops well below it, in UTF-8 bytes, and says how many were left out."""
    from canonlint.report import step_summary

    message = "wording differs: ’curly’ and “quoted” text, " * 4
    results = [FileResult(f"editions/borough-{n:03}.md", [_finding(message, path=f"editions/borough-{n:03}.md",
                                                                    line=k + 1, number=n * 100 + k) for k in range(12)])
               for n in range(500)]
    uncapped = step_summary.render(results, 0, _run(errors=("gone.md: no such file",)), limit=1 << 30)
    assert len(uncapped.encode("utf-8")) > 1024 * 1024
    text = step_summary.render(results, 0, _run(errors=("gone.md: no such file",)))
    assert len(text.encode("utf-8")) <= step_summary.LIMIT <= 600 * 1024
    rows = [line for line in text.splitlines() if line.startswith("| editions")]
    assert 100 < len(rows) < 6000
    assert uncapped.startswith("\n".join(text.splitlines()[: 6 + len(rows)]))  # whole rows, in order
    last = text.rstrip("\n").splitlines()[-1]
    assert last.startswith(f"… and {6000 - len(rows)} more findings, not shown")
    assert "- error: gone.md: no such file" in text.replace("\\", "")  # errors are kept first
    assert "--format json" in last


def test_step_summary_under_the_cap_has_no_more_line():
    from canonlint.report import step_summary

    assert "more finding" not in step_summary.render(_hostile_results(), 0, _run())


def test_step_summary_table_shows_every_message_as_written():
    """Rendered as GitHub renders Markdown (CommonMark with tables), each row has five
    cells, and the message cell is plain text equal to the message (control characters
    escaped as in the text format): no emphasis, HTML or entity takes effect."""
    from markdown_it import MarkdownIt

    from canonlint.report import step_summary
    from canonlint.report.text import printable

    results = _hostile_results()
    results[0].findings.append(_finding("'**Met Forward**' <b>bold</b> &amp; [link](x) \\| a\\b _em_", number=100))
    tokens = MarkdownIt("commonmark").enable("table").parse(step_summary.render(results, 0, _run()))
    rows, cells = [], None
    for token in tokens:
        if token.type == "tr_open":
            cells = []
        elif token.type == "inline" and cells is not None:
            assert all(child.type in ("text", "softbreak") for child in token.children), token.children
            cells.append("".join(child.content for child in token.children))
        elif token.type == "tr_close":
            rows.append(cells)
            cells = None
    findings = results[0].findings
    assert rows[0] == ["file", "line", "rule", "severity", "message"]
    assert len(rows) == len(findings) + 1
    for row, finding in zip(rows[1:], findings):
        assert row == ["editions/a, b:c.md", str(finding.line), "CL105 exact-token-changed",
                       finding.severity.value, printable(finding.message)]


# --- JUnit, GitLab, JSON, text -------------------------------------------------------

def _check_junit_structure(root: ET.Element) -> None:
    """What Jenkins' JUnit plug-in and GitLab's test report read (no JUnit schema ships
    as a package): testsuites > testsuite > testcase, each case named and classed, at
    most one failure, error or skipped child, and every count equal to what is there."""
    assert root.tag == "testsuites"
    for suite in root:
        assert suite.tag == "testsuite" and suite.get("name")
        assert {child.tag for child in suite} <= {"testcase", "system-out", "system-err", "properties"}
        cases = suite.findall("testcase")
        assert cases, "a suite without a test case is not shown"
        assert len({(c.get("classname"), c.get("name")) for c in cases}) == len(cases)
        for case in cases:
            assert case.get("classname") and case.get("name")
            outcomes = [child for child in case if child.tag in ("failure", "error", "skipped")]
            assert len(outcomes) <= 1
            for outcome in outcomes:
                assert outcome.get("message") is not None and (outcome.tag != "failure" or outcome.get("type"))
        counts = {key: int(suite.get(key)) for key in ("tests", "failures", "errors", "skipped")}
        assert counts == {"tests": len(cases), "failures": sum(c.find("failure") is not None for c in cases),
                          "errors": sum(c.find("error") is not None for c in cases), "skipped": 0}
    for key in ("tests", "failures", "errors"):
        assert int(root.get(key)) == sum(int(suite.get(key)) for suite in root)


def test_junit_has_a_case_per_finding_under_a_suite_per_edition():
    results = _hostile_results()
    output = render("junit", results, 1, _run(errors=("gone.md: no such file",), fail_on=Severity.ERROR))
    root = ET.fromstring(output.encode("utf-8"))
    _check_junit_structure(root)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["editions/a, b:c.md", "editions/clean.md", "gone.md"]
    cases = suites[0].findall("testcase")
    assert len(cases) == len(HOSTILE)  # the warning is below --fail-on error
    assert cases[0].get("name") == "CL105 exact-token-changed at 3:2"
    assert cases[1].get("name") == "CL105 exact-token-changed at 3:2 (2)"
    assert all(len(case.findall("failure")) == 1 for case in cases)
    assert "spans lines" in suites[0].find("system-out").text
    clean = suites[1].findall("testcase")
    assert len(clean) == 1 and clean[0].find("failure") is None  # a clean edition is one passing test
    assert suites[2].find("testcase/error").get("message") == "gone.md: no such file"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == (str(len(HOSTILE) + 2), str(len(HOSTILE)), "1")
    failures = [case.find("failure") for case in cases]
    for failure, message in zip(failures, HOSTILE):
        if not re.search(r"[\x00-\x08\x0b-\x1f]", message):
            assert failure.get("message") == f"line 3: {message}"
    escaped = failures[5].get("message")
    assert "\\x1b[31mred" in escaped and "\\x00" in escaped
    assert failures[3].get("message") == "line 3: line one\\x0d\nline two\\x0dline three"


def test_junit_of_the_samples(monkeypatch):
    monkeypatch.chdir(ROOT)
    root = ET.fromstring(CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "junit"]).output.encode())
    _check_junit_structure(root)
    findings = json.loads(CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "json"]).output)
    failing = [f for f in findings if f["severity"] != "info"]  # below the default failure level: system-out
    assert int(root.get("failures")) == len(failing) > 10
    names = [(suite.get("name"), case.get("name")) for suite in root for case in suite.findall("testcase")]
    assert (findings[0]["path"], f"{findings[0]['rule']} {findings[0]['name']} at {findings[0]['line']}:"
            f"{findings[0]['column']}") in names


def test_gitlab_code_quality_report():
    issues = json.loads(render("gitlab", _hostile_results(), 0, _run()))
    assert len(issues) == len(HOSTILE) + 1
    for issue, message in zip(issues, HOSTILE):
        assert issue["description"] == f"CL105 exact-token-changed: {message}"
        assert issue["check_name"] == "CL105" and issue["severity"] == "major"
        assert issue["location"] == {"path": "editions/a, b:c.md", "lines": {"begin": 3, "end": 3}}
    assert issues[-1]["severity"] == "minor" and issues[-1]["location"]["lines"] == {"begin": 3, "end": 5}
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_gitlab_fingerprints_of_the_samples_are_unique(monkeypatch):
    monkeypatch.chdir(ROOT)
    issues = json.loads(CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "gitlab"]).output)
    findings = json.loads(CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "json"]).output)
    assert len(issues) == len(findings) > 10
    assert len({i["fingerprint"] for i in issues}) == len(issues)


def test_json_keeps_hostile_text_exactly():
    findings = json.loads(render("json", _hostile_results(), 0, _run()))
    assert [f["message"] for f in findings][: len(HOSTILE)] == HOSTILE


def test_text_puts_each_finding_on_one_line_and_neutralises_escapes():
    output = render("text", _hostile_results(), 0, _run())
    lines = output.splitlines()
    # the findings, a blank line, the table of editions (a heading and a row each), the summary
    assert len(lines) == len(HOSTILE) + 1 + 1 + 3 + 1 and lines[len(HOSTILE) + 1] == ""
    assert "\x1b" not in output and "\x07" not in output and "\x00" not in output
    assert lines[0].endswith("CL105 [error] 50%\\n::error::x")
    assert "\\x1b[31mred" in lines[5] and "\\u2028" in lines[5]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_report_in_pieces_is_the_whole_report(name):
    results = [*_hostile_results(), FileResult("editions/b.md", [_finding("second file", path="editions/b.md")])]
    pieces = list(render_chunks(name, results, 1, _run()))
    assert "".join(pieces) == render(name, results, 1, _run())
    if name == "text":  # a piece per file with findings, then the table of editions and the summary
        assert len(pieces) == 3 and pieces[1].startswith("editions/b.md:") and pieces[2].startswith("\nedition ")
        assert pieces[2].splitlines()[-1].startswith("Found ")


def test_a_large_run_is_written_whole_and_in_order(tmp_path):
    template = (ROOT / "samples" / "template.md").read_text("utf-8")
    edition = (ROOT / "samples" / "boroughs" / "havering.txt").read_text("utf-8")
    (tmp_path / "template.md").write_text(template, "utf-8")
    for n in range(60):  # enough for several 64 KB writes
        (tmp_path / f"e{n:02d}.txt").write_text(edition, "utf-8")
    result = CliRunner().invoke(cli, ["check", "--template", str(tmp_path / "template.md"), str(tmp_path)],
                                catch_exceptions=False)
    lines = result.output.splitlines()
    assert len(result.output) > 2 * 65_536
    findings = lines[: lines.index("")]
    assert [line.split(":")[0].rsplit("/", 1)[-1] for line in findings] == \
        sorted(line.split(":")[0].rsplit("/", 1)[-1] for line in findings)
    table = lines[lines.index("") + 2 : -1]
    assert [row.split()[0].rsplit("/", 1)[-1] for row in table] == [f"e{n:02d}.txt" for n in range(60)]
    assert lines[-1].startswith("Found ") and "in 60 of 60 files" in lines[-1]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_format_renders_an_empty_run(name):
    assert render(name, [], 0, _run()) is not None


# --- text: the table of editions and readable excerpts --------------------------------

def test_text_ends_with_each_editions_counts_and_verdict(monkeypatch):
    monkeypatch.chdir(ROOT)
    lines = CliRunner().invoke(cli, ["check", "samples/boroughs"]).output.splitlines()
    findings = json.loads(CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "json"]).output)
    table = lines[lines.index("") + 1 : -1]
    assert table[0].split() == ["edition", "errors", "warnings", "info", "verdict"]
    for row in table[1:]:
        path, errors, warnings, info, verdict = row.split(None, 4)
        mine = [f["severity"] for f in findings if f["path"] == path]
        assert (int(errors), int(warnings), int(info)) == (mine.count("error"), mine.count("warning"),
                                                           mine.count("info"))
        assert verdict == "not ready"  # every sample has a warning at least
    assert len(table) == 1 + 5
    # Only errors fail the run: Westminster (warnings and info only) is then ready.
    strict = CliRunner().invoke(cli, ["check", "samples/boroughs", "--fail-on", "error"]).output.splitlines()
    assert [row.split(None, 4)[4] for row in strict if row.startswith("samples/boroughs/westminster.txt ")] == \
        ["ready"]


def test_text_cuts_long_excerpts_but_json_keeps_them_whole(monkeypatch):
    monkeypatch.chdir(ROOT)
    args = ["check", "samples/boroughs/bexley.txt", "--select", "CL104"]
    text = CliRunner().invoke(cli, [*args, "--show-context"]).output.splitlines()
    full = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).output)[0]["found"]
    assert len(full.split()) > 900
    found = next(line for line in text if line.startswith("    found:    Similar documents"))
    assert found.endswith("…") and len(found) <= len("    found:    ") + 160
    assert max(len(line) for line in text) < 300


def test_a_long_word_diff_keeps_the_words_around_each_difference():
    from canonlint.report.text import word_diff

    words = [f"w{n}" for n in range(400)]
    changed = [*words[:200], "CHANGED", *words[201:]]
    expected, found = word_diff(" ".join(words), " ".join(changed), width=160)
    assert "[-w200-]" in expected and "{+CHANGED+}" in found
    assert found.startswith("… w194") and "w206 …" in found and len(found) <= 160
    assert word_diff(" ".join(words), " ".join(changed)) == (
        " ".join([*words[:200], "[-w200-]", *words[201:]]), " ".join([*words[:200], "{+CHANGED+}", *words[201:]]))


def test_a_long_quote_in_a_message_is_cut_to_a_readable_width(tmp_path, monkeypatch):
    """Text not in the template quoted in full would be a 943-word line (a flattened page):
    the report quotes its start, says how long it is, and ends the quote with `…`."""
    monkeypatch.chdir(ROOT)
    long_paragraph = " ".join(f"word{i}" for i in range(943))
    lines = (ROOT / "samples/boroughs/westminster.txt").read_text("utf-8").splitlines()
    edition = tmp_path / "westminster.txt"
    edition.write_text("\n".join([*lines[:40], long_paragraph, *lines[40:]]) + "\n", "utf-8")
    result = CliRunner().invoke(cli, ["check", str(edition), "--template", "samples/template.md"])
    line = next(line for line in result.output.splitlines() if "word0 word1" in line)
    assert "(943 words)" in line and "word942" not in line
    assert line.endswith("…'") and len(line) < 300
