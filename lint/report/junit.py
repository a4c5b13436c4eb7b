"""JUnit XML output: a test suite per edition checked, and in it a test case per finding
at or above the failure level, named by rule and place, with its `<failure>` (Jenkins
shows only the first failure of a case); findings below the level are listed in the
suite's `<system-out>`, and an edition with no failing finding has one passing case. A
file that could not be checked is a suite with one test case holding an `<error>`. Characters XML 1.0 cannot hold (most control characters) are written as
`\\xNN`, so the document always parses and says what was written.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

# Not allowed in XML 1.0, or (CR) changed by every parser: written as escapes instead.
_NOT_XML = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group(0)):02x}" if ord(m.group(0)) < 0x100
                        else f"\\u{ord(m.group(0)):04x}", text)


def _describe(f) -> str:
    lines = [f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity.value}] {f.message}"]
    if f.expected is not None:
        lines.append(f"expected: {f.expected}")
    if f.found is not None:
        lines.append(f"found: {f.found}")
    return xml_text("\n".join(lines))


def _case_names(findings) -> list[str]:
    """Each finding's test case name: its rule and place, `CL105 exact-token-changed at
    12:5`, numbered when two findings of one rule share a place (CI tools key results by
    name)."""
    names, seen = [], {}
    for f in findings:
        name = f"{f.rule} {f.name} at {f.line}:{f.column}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return names


def _suite(path: str) -> ET.Element:
    return ET.Element("testsuite", name=xml_text(path))


def _edition_suite(result, run) -> ET.Element:
    """One edition's suite: a test case per finding at or above the failure level, each with
    its `<failure>`; the findings below it in the suite's `<system-out>`; a single passing
    case when nothing failed, so every edition checked shows as a test."""
    file = xml_text(run.relative_path(result.path))
    suite = _suite(result.path)
    failing = [f for f in result.findings if f.severity.rank >= run.fail_on.rank]
    for f, name in zip(failing, _case_names(failing)):
        case = ET.SubElement(suite, "testcase", classname=file, name=xml_text(name), file=file)
        failure = ET.SubElement(case, "failure", type=f"{f.rule} {f.name}",
                                message=xml_text(f"line {f.line}: {f.message}"))
        failure.text = _describe(f)
    if not failing:
        ET.SubElement(suite, "testcase", classname=file, name="canonlint", file=file)
    below = [_describe(f) for f in result.findings if f.severity.rank < run.fail_on.rank]
    if below:
        ET.SubElement(suite, "system-out").text = "\n".join(below)
    _count(suite, failures=len(failing), errors=0)
    return suite


def _count(suite: ET.Element, failures: int, errors: int) -> None:
    for key, value in (("tests", len(suite.findall("testcase"))), ("failures", failures),
                       ("errors", errors), ("skipped", 0)):
        suite.set(key, str(value))


def _error_suite(message: str) -> ET.Element:
    """The suite of a file that could not be checked: one test case holding the error."""
    path = message.split(": ", 1)[0]
    suite = _suite(path)
    case = ET.SubElement(suite, "testcase", classname=xml_text(path), name="canonlint", file=xml_text(path))
    ET.SubElement(case, "error", message=xml_text(message)).text = xml_text(message)
    _count(suite, failures=0, errors=1)
    return suite


def _totals(results, run) -> dict[str, int]:
    """The root's counts, found before any suite is made: a test case per failing finding
    (one passing case for an edition without), and one erring case per file not checked."""
    tests = failures = 0
    for result in results:
        failing = sum(1 for f in result.findings if f.severity.rank >= run.fail_on.rank)
        tests += failing or 1
        failures += failing
    return {"tests": tests + len(run.errors), "failures": failures, "errors": len(run.errors)}


def render(results, unreadable: int = 0, run=None) -> str:
    return "".join(chunks(results, unreadable, run))


def chunks(results, unreadable: int = 0, run=None) -> Iterator[str]:
    """The report in pieces, an edition's suite at a time (the text ElementTree makes of
    the whole indented document): a run over thousands of editions is written out without
    a tree of every finding, or the whole text, at once."""
    root = ET.Element("testsuites", name="canonlint")
    totals = _totals(results, run)
    for key, value in totals.items():
        root.set(key, str(value))
    head = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
    if not totals["tests"]:  # every edition and every file not checked is a suite with a case
        yield head + "\n"
        return
    yield head.removesuffix(" />") + ">"
    suites = itertools.chain((_edition_suite(result, run) for result in results),
                             map(_error_suite, run.errors))
    for suite in suites:
        ET.indent(suite, level=1)  # as it is indented inside the whole document
        yield "\n  " + ET.tostring(suite, encoding="unicode")
    yield "\n</testsuites>\n"
