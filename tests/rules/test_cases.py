"""Every rule's cases from tests/rules/cases/<CODE>.toml: one test id per case, `CODE-name`,
so that `pytest -k CL401` runs one rule's cases.

A case takes a sample edition (`sample = "westminster"`) with `replace = [[old, new], ...]`
edits (each `old` must occur exactly once), a literal `text`, or a document `file` (a path
from the repository's root: a Word file read by its reader); it is checked against the
sample template, or against its own `template` text when it has one; the edition's file name
is the sample's, or `path`; `options` sets the rule's options; `encoding` saves it in that
encoding first. It lists the findings it
expects from that rule alone: `expect = [{line = 12, column = 3, message = "…"}]`, where
column and message (a substring) are optional. `expect = []` is a passing case.

A corpus case lists several `editions` (each with `path` and `sample`/`replace` or `text`);
they are checked in one run, corpus rules included, and each expected finding names its
`path`.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from canonlint.template import parse_template
from tests.conftest import ROOT, edit, sample_text

CASES = Path(__file__).parent / "cases"


def _cases():
    for path in sorted(CASES.glob("*.toml")):
        code = path.stem
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            yield pytest.param(code, case, id=f"{code}-{case['name']}")


def _edition(case) -> tuple[str, str | bytes]:
    if "file" in case:
        return case["file"], (ROOT / case["file"]).read_bytes()
    if "text" in case:
        text = case["text"]
    else:
        text = edit(sample_text(case["sample"]), case.get("replace", []))
    if "encoding" in case:  # the edition as a file saved in that encoding
        text = text.encode(case["encoding"])
    return case.get("path", f"{case['sample']}.txt" if "sample" in case else "edition.txt"), text


@pytest.mark.parametrize("code,case", list(_cases()))
def test_case(code, case, lint, lint_corpus):
    tpl = parse_template(case["template"], "case-template.md") if "template" in case else None
    if "editions" in case:
        findings = lint_corpus([_edition(e) for e in case["editions"]], select=(code,), tpl=tpl)
    else:
        path, text = _edition(case)
        pdf = (case["pdf"], (ROOT / case["pdf"]).read_bytes()) if "pdf" in case else None
        findings = lint(text, select=(code,), tpl=tpl, path=path, options=case.get("options"), pdf=pdf)
    got = [(f.path, f.line, f.column, f.message) for f in findings]
    expected = case["expect"]
    assert len(findings) == len(expected), f"expected {len(expected)} findings, got {got}"
    order = sorted(expected, key=lambda e: (e.get("path", ""), e["line"], e.get("column", 0)))
    for finding, want in zip(sorted(findings, key=lambda f: f.sort_key), order):
        assert finding.rule == code
        assert finding.path == want.get("path", finding.path), got
        assert finding.line == want["line"], got
        if "column" in want:
            assert finding.column == want["column"], got
        if "message" in want:
            assert want["message"] in finding.message, got
