"""Reports written an edition at a time: the GitLab array an edition's issues at a time, the
same text json.dumps makes of the whole array; the JUnit report a suite at a time, the pieces
making the same indented document ElementTree writes of the whole tree; the HTML page an
edition's list of findings, and later its JSON, at a time."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from canonlint.finding import Finding, Severity
from canonlint.report.formats import render_chunks
from canonlint.report.run_info import RunInfo
from canonlint.run.findings import FileResult


def _finding(path: str, line: int, severity: Severity, message: str) -> Finding:
    return Finding(path, line, 1, line, 5, "CL105", "exact-token-changed", severity, message,
                   expected="0800 555111", found="0800 555112", fingerprint=f"{line:016x}")


def _results() -> list[FileResult]:
    return [
        FileResult("editions/a.txt", [_finding("editions/a.txt", 3, Severity.ERROR, "changed <&> \x01"),
                                      _finding("editions/a.txt", 3, Severity.ERROR, "changed <&> \x01"),
                                      _finding("editions/a.txt", 9, Severity.INFO, "below the level")]),
        FileResult("editions/b.txt", []),
        FileResult("editions/c.txt", [_finding("editions/c.txt", 1, Severity.WARNING, "only a warning")]),
    ]


def _whole_document(text: str) -> str:
    """What ElementTree writes of the document text parses to, indented whole."""
    root = ET.fromstring(text.encode("utf-8"))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


@pytest.mark.parametrize("fail_on", [Severity.ERROR, Severity.INFO])
@pytest.mark.parametrize("errors", [(), ("editions/gone.txt: no such file or directory",)])
def test_junit_comes_a_suite_at_a_time_and_is_the_whole_indented_document(fail_on, errors):
    results = _results()
    pieces = list(render_chunks("junit", results, len(errors), RunInfo(errors=errors, fail_on=fail_on)))
    # the root's start tag, a piece per suite (each edition, each file not checked), the end tag
    assert len(pieces) == 1 + len(results) + len(errors) + 1
    assert all(piece.startswith("\n  <testsuite ") for piece in pieces[1:-1])
    text = "".join(pieces)
    assert text == _whole_document(text)
    root = ET.fromstring(text.encode("utf-8"))
    assert int(root.get("tests")) == len(root.findall("testsuite/testcase"))
    assert int(root.get("failures")) == len(root.findall("testsuite/testcase/failure"))
    assert int(root.get("errors")) == len(errors) == len(root.findall("testsuite/testcase/error"))


def test_junit_of_nothing_is_an_empty_suite_list():
    assert "".join(render_chunks("junit", [], 0, RunInfo())) == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<testsuites name="canonlint" tests="0" failures="0" errors="0" />\n')


def test_the_html_page_comes_an_edition_at_a_time():
    results = _results()
    pieces = list(render_chunks("html", results, 0, RunInfo()))
    # the head and overview, each edition's list of findings, the appendix and the shared
    # data, each edition's JSON, the script
    assert len(pieces) == 1 + len(results) + 1 + len(results) + 1
    summaries, data = pieces[1 : 1 + len(results)], pieces[2 + len(results) : -1]
    assert [re.search(r'id="summary-(\d+)"', piece).group(1) for piece in summaries] == ["0", "1", "2"]
    assert [re.search(r'id="edition-data-(\d+)"', piece).group(1) for piece in data] == ["0", "1", "2"]
    assert "changed &lt;&amp;&gt;" in summaries[0] and "only a warning" in summaries[2]
    assert pieces[-1].endswith("</html>\n")


def test_gitlab_comes_an_edition_at_a_time_and_is_the_whole_indented_array():
    import json

    results = _results()
    pieces = list(render_chunks("gitlab", results, 0, RunInfo()))
    assert len(pieces) == 2 + 1  # a piece per edition with findings, then the array's end
    text = "".join(pieces)
    issues = json.loads(text)
    assert text == json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
    assert [issue["location"]["lines"]["begin"] for issue in issues] == [3, 3, 9, 1]
    assert "".join(render_chunks("gitlab", [], 0, RunInfo())) == "[]\n"
