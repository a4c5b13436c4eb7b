"""Property tests: whatever an edition or a template holds, checking never raises, every
finding points inside the file, and the JSON report parses.

`CANONLINT_EXAMPLES=20000 python -m pytest tests/test_properties.py` runs a longer search.
"""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canonlint.report.formats import render
from canonlint.source import Source, SourceError
from canonlint.template import TemplateError, parse_template
from tests.conftest import sample_text

EXAMPLES = int(os.environ.get("CANONLINT_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
WESTMINSTER = sample_text("westminster")


def _check_invariants(findings, source: Source) -> None:
    last_line = len(source.line_starts)
    for f in findings:
        assert 1 <= f.line <= f.end_line <= last_line
        assert f.column >= 1 and f.end_column >= 1
        assert "crashed" not in f.message, f.message


def _lint(text: str, lint, tpl=None):
    findings = lint(text, tpl=tpl)
    _check_invariants(findings, Source.from_text("edition.txt", text))
    return findings


@SETTINGS
@given(st.text())
def test_any_text(lint, text):
    _lint(text, lint)


@SETTINGS
@given(st.binary())
def test_any_bytes(lint, data):
    try:
        source = Source.from_bytes("edition.txt", data)
    except SourceError as exc:
        assert str(exc).startswith("edition.txt:")
        return
    _lint(source.text, lint)


@SETTINGS
@given(st.data())
def test_edited_edition(lint, data):
    text = WESTMINSTER
    for _ in range(data.draw(st.integers(1, 5))):
        start = data.draw(st.integers(0, len(text)))
        end = data.draw(st.integers(start, min(len(text), start + 400)))
        text = text[:start] + data.draw(st.text(max_size=60)) + text[end:]
    findings = _lint(text, lint)

    class Result:  # what the report modules read
        def __init__(self, found):
            self.findings = found

    parsed = json.loads(render("json", [Result(findings)]))
    assert len(parsed) == len(findings)


PIECES = ["# ", "## ", "- ", "| ", " |", "\n", "\n\n", "word ", "Other ", "{x}", "{n:count}", "{b:borough}",
          "{p:percent}", "{{local}}", "|---|---|\n", "\t", "{", "}", "2.5% ", "Westminster "]


@SETTINGS
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
       st.lists(st.sampled_from([*PIECES, "Camden ", "7 ", "-3.1% "]), max_size=60).map("".join))
def test_any_small_template(lint, template_text, edition_text):
    try:
        tpl = parse_template(template_text, "t.md")
    except TemplateError as exc:
        assert str(exc).startswith("t.md")
        return
    _lint(edition_text, lint, tpl)
    _lint(template_text.replace("{", "").replace("}", ""), lint, tpl)
