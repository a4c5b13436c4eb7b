"""The JSON report writes its text itself: it must be what json.dumps writes, byte for byte."""

from __future__ import annotations

import dataclasses
import json

from lint.finding import Edit, Finding, Fix, Severity
from lint.report.json_format import render
from lint.runner import FileResult


def _expected(results) -> str:
    return json.dumps([f.to_dict() for r in results for f in r.findings], indent=2, ensure_ascii=False) + "\n"


@dataclasses.dataclass(frozen=True, slots=True)
class _OddFix(Fix):
    pass


def _findings():
    hostile = 'quote " back\\slash \n\r\t \x00\x1b[31m \u2028 café 𝄞 \ud800'
    return [
        Finding("a.txt", 1, 1, 1, 5, "CL104", "unexpected-text", Severity.ERROR, "plain"),
        Finding(hostile, 10, 2, 12, 300, "CL201", "x", Severity.WARNING, hostile, hostile, None, None, "ffff"),
        Finding("b.txt", 3, 4, 3, 9, "CL704", "stray-bullet", Severity.INFO, "m", None, "- *",
                Fix("Keep one", (Edit(3, 5, "- "), Edit(9, 9, hostile)), safe=True), "0123"),
        Finding("b.txt", 3, 4, 3, 9, "CL705", "n", Severity.INFO, "m", "e", "", Fix("Nothing", ()), ""),
        Finding("b.txt", 5, 1, 5, 2, "CL706", "o", Severity.ERROR, "odd fix", fix=_OddFix("odd", (Edit(0, 1, ""),))),
    ]


def test_json_is_what_json_dumps_writes():
    results = [FileResult("a.txt", _findings()[:2]), FileResult("empty.txt"), FileResult("b.txt", _findings()[2:])]
    assert render(results) == _expected(results)
    json.loads(render(results))


def test_json_of_no_findings():
    assert render([]) == render([FileResult("a.txt")]) == _expected([]) == "[]\n"


def test_json_takes_the_general_way_when_the_fields_change(monkeypatch):
    import lint.report.json_format as json_format

    monkeypatch.setattr(json_format, "_LAYOUT", ())
    results = [FileResult("a.txt", _findings())]
    assert render(results) == _expected(results)
