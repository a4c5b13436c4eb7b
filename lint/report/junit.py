"""JUnit XML output: a test suite per edition checked, and in it a test case per finding
at or above the failure level, named by rule and place, with its `<failure>` (Jenkins
shows only the first failure of a case); findings below the level are listed in the
suite's `<system-out>`, and an edition with no failing finding has one passing case. A
file that could not be checked is a suite with one test case holding an `<error>`. Characters XML 1.0 cannot hold (most control characters) are written as
`\\xNN`, so the document always parses and says what was written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

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


def _suite(parent: ET.Element, path: str) -> ET.Element:
    return ET.SubElement(parent, "testsuite", name=xml_text(path))


def _edition_suite(parent: ET.Element, result, run) -> ET.Element:
    """One edition's suite: a test case per finding at or above the failure level, each with
    its `<failure>`; the findings below it in the suite's `<system-out>`; a single passing
    case when nothing failed, so every edition checked shows as a test."""
    file = xml_text(run.relative_path(result.path))
    suite = _suite(parent, result.path)
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


def render(results, unreadable: int = 0, run=None) -> str:
    root = ET.Element("testsuites", name="canonlint")
    for result in results:
        _edition_suite(root, result, run)
    for message in run.errors:
        path = message.split(": ", 1)[0]
        suite = _suite(root, path)
        case = ET.SubElement(suite, "testcase", classname=xml_text(path), name="canonlint", file=xml_text(path))
        ET.SubElement(case, "error", message=xml_text(message)).text = xml_text(message)
        _count(suite, failures=0, errors=1)
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(suite.get(key)) for suite in root)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
