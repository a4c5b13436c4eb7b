"""JSON output: an array of finding objects (format version 1; keys are only ever added).

Keys: path, line, column, end_line, end_column (1-based), rule, name, severity
(error|warning|info), message, expected, found (strings or null), fix (null or
{title, safe, edits: [{start, end, replacement}]} with character offsets), fingerprint.
With --statistics: an array of {code, name, severity, count, fixable} instead.
"""

from __future__ import annotations

import json
from dataclasses import fields
from json.encoder import encode_basestring  # what json.dumps(ensure_ascii=False) writes strings with

from lint.finding import Edit, Finding, Fix
from lint.report.statistics import rule_counts

# The fields _finding writes, in order; should they change, every finding takes the
# general way (to_dict and json.dumps) until _finding does too.
_LAYOUT = (("path", "line", "column", "end_line", "end_column", "rule", "name", "severity", "message",
            "expected", "found", "fix", "fingerprint"), ("title", "edits", "safe"), ("start", "end", "replacement"))


def render(results, unreadable: int = 0, run=None) -> str:
    if run is not None and run.statistics:
        data = [count.to_dict() for count in rule_counts(results)]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    findings = [f for result in results for f in result.findings]
    if not findings:
        return "[]\n"
    fast = tuple(tuple(f.name for f in fields(cls)) for cls in (Finding, Fix, Edit)) == _LAYOUT
    # json.dumps with an indent runs the encoder written in Python, several times slower
    # than these few f-strings; the text is the same, byte for byte (tests compare them).
    items = [_finding(f) if fast and _plain(f) else _general(f) for f in findings]
    return "[\n" + ",\n".join(items) + "\n]\n"


def _general(f) -> str:
    return "\n".join("  " + line for line in json.dumps(f.to_dict(), indent=2, ensure_ascii=False).split("\n"))


def _string(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _plain(f) -> bool:
    """A Finding whose fix, if any, is a Fix of Edits: what _finding writes."""
    fix = f.fix
    return type(f) is Finding and (fix is None or (type(fix) is Fix and all(type(e) is Edit for e in fix.edits)))


def _fix(fix: Fix | None) -> str:
    if fix is None:
        return "null"
    if fix.edits:
        edits = ",\n".join(f'        {{\n          "start": {e.start},\n          "end": {e.end},\n'
                           f'          "replacement": {encode_basestring(e.replacement)}\n        }}' for e in fix.edits)
        edits = f"[\n{edits}\n      ]"
    else:
        edits = "[]"
    return (f'{{\n      "title": {encode_basestring(fix.title)},\n      "edits": {edits},\n'
            f'      "safe": {"true" if fix.safe else "false"}\n    }}')


def _finding(f: Finding) -> str:
    return (f'  {{\n    "path": {encode_basestring(f.path)},\n    "line": {f.line},\n'
            f'    "column": {f.column},\n    "end_line": {f.end_line},\n'
            f'    "end_column": {f.end_column},\n    "rule": {encode_basestring(f.rule)},\n'
            f'    "name": {encode_basestring(f.name)},\n    "severity": {encode_basestring(f.severity.value)},\n'
            f'    "message": {encode_basestring(f.message)},\n    "expected": {_string(f.expected)},\n'
            f'    "found": {_string(f.found)},\n    "fix": {_fix(f.fix)},\n'
            f'    "fingerprint": {encode_basestring(f.fingerprint)}\n  }}')
