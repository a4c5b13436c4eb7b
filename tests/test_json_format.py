"""The JSON report writes its text with dumps_indented: it must be what json.dumps writes, byte for byte."""

from __future__ import annotations

import dataclasses
import json

from canonlint.finding import Edit, Finding, Fix, Severity
from canonlint.report.json_format import render
from canonlint.run.findings import FileResult


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


def test_dumps_indented_is_json_dumps_with_an_indent():
    import random

    from canonlint.finding import Severity
    from canonlint.report.indented_json import dumps_indented

    strings = ["", "a", 'q"\\', "\n\x00\u2028", "café 𝄞", "\ud800", Severity.ERROR]
    leaves = [None, True, False, 0, -7, 10**30, *strings]

    def value(depth: int, rng: random.Random):
        kind = rng.randrange(4 if depth < 4 else 1)
        if kind == 0:
            return rng.choice(leaves)
        if kind == 1:
            return [value(depth + 1, rng) for _ in range(rng.randrange(4))]
        if kind == 2:
            return tuple(value(depth + 1, rng) for _ in range(rng.randrange(3)))
        return {str(rng.choice(strings)) + str(i): value(depth + 1, rng) for i in range(rng.randrange(4))}

    rng = random.Random(7)
    for _ in range(300):
        data = value(0, rng)
        assert dumps_indented(data) == json.dumps(data, indent=2, ensure_ascii=False)
    for unusual in ({"a": [1.5, float("nan")]}, {1: "int key"}, {None: [True]}, [{"x": 1e100}]):
        assert dumps_indented(unusual) == json.dumps(unusual, indent=2, ensure_ascii=False)


def test_finding_dict_is_its_fields_in_order():
    """to_dict is written out field by field: it must be what the dataclass's own fields give,
    keys in field order (the JSON report's key order), places only when a document has them."""
    placed = dataclasses.replace(_findings()[2], page=2, page_line=7, paragraph=None, under="Contact")
    for finding in [*_findings(), placed]:
        expected = dataclasses.asdict(finding)
        expected["severity"] = finding.severity.value
        if finding.fix is not None:
            expected["fix"]["edits"] = list(expected["fix"]["edits"])
        expected = {key: value for key, value in expected.items()
                    if value is not None or key not in ("page", "page_line", "paragraph", "under")}
        assert finding.to_dict() == expected
        assert list(finding.to_dict()) == list(expected)
        assert json.dumps(finding.to_dict()) == json.dumps(expected)
    assert list(placed.to_dict())[-4:] == ["fingerprint", "page", "page_line", "under"]
