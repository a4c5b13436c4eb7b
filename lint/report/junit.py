"""JUnit XML output: one test suite, one test case per edition checked, and one
`<failure>` per finding at or above the failure level (findings below it are listed in
the case's `<system-out>`); the suite's `failures` counts the editions that failed. A file that could not be checked is a test case with an
`<error>`. Characters XML 1.0 cannot hold (most control characters) are written as
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


def render(results, unreadable: int = 0, run=None) -> str:
    suite = ET.Element("testsuite", name="canonlint")
    failures = errors = 0
    for result in results:
        case = ET.SubElement(suite, "testcase", classname="canonlint", name=xml_text(result.path),
                             file=xml_text(run.relative_path(result.path)))
        below = []
        for f in result.findings:
            if f.severity.rank < run.fail_on.rank:
                below.append(_describe(f))
                continue
            failure = ET.SubElement(case, "failure", type=f"{f.rule} {f.name}",
                                    message=xml_text(f"line {f.line}: {f.message}"))
            failure.text = _describe(f)
        failures += any(child.tag == "failure" for child in case)
        if below:
            ET.SubElement(case, "system-out").text = "\n".join(below)
    for message in run.errors:
        path = message.split(": ", 1)[0]
        case = ET.SubElement(suite, "testcase", classname="canonlint", name=xml_text(path))
        ET.SubElement(case, "error", message=xml_text(message)).text = xml_text(message)
        errors += 1
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    root = ET.Element("testsuites", name="canonlint", tests=suite.get("tests"),
                      failures=str(failures), errors=str(errors))
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
