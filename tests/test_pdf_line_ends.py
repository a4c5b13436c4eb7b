"""PDF line ends, on PDFs LibreOffice set in a narrow column (made by
tests/fixtures/documents/make_fixtures.py): a word the text hyphenates keeps its hyphen, a
word only the line break hyphenated loses it, a placeholder wrapped over two lines is still
one placeholder, and a difference that is only a line-end hyphen is never a finding."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from canonlint.align import align
from canonlint.document import parse_document
from canonlint.readers import read_edition
from canonlint.source import Source
from canonlint.template import parse_template
from canonlint.words import iter_words
from tests.fixtures.documents.make_fixtures import LINE_ENDS_PARAGRAPHS

pytest.importorskip("pypdfium2")

FIXTURES = Path(__file__).parent / "fixtures" / "documents"
TEMPLATE = "\n\n".join(p.replace("\u00ad", "") for p in LINE_ENDS_PARAGRAPHS) + "\n"


def keys(text: str) -> list[str]:
    return [key for key, _, _ in iter_words(text)]


def test_the_fixtures_break_words_after_a_hyphen_and_at_soft_hyphens():
    """What the tests below rely on: PDFium marks both kinds of line-end hyphen alike."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(FIXTURES / "line-ends-filled.pdf"))
    text = "".join(page.get_textpage().get_text_range() for page in document)
    broken = set(re.findall(r"\w+\ufffe\w+", text))
    assert "socio\ufffeeconomic" in broken  # the text's own hyphen, at a line end
    assert {"inci\ufffedent", "under\ufffestandable"} <= broken  # hyphens only the line break added


@pytest.mark.parametrize("name", ["line-ends-filled.pdf", "line-ends-placeholder.pdf"])
def test_line_end_hyphens_are_read_as_the_text_has_them(name):
    text = read_edition(FIXTURES / name, name).text
    assert "\ufffe" not in text and "\u0002" not in text
    words = keys(text)
    assert "incident" in words and "understandable" in words  # hyphenated by the line break only
    assert "socioeconomic" not in words and ["socio", "economic"] == words[words.index("socio"):][:2]
    assert "harassment-free" in text


def findings(lint, name: str):
    source = read_edition(FIXTURES / name, name)
    return [(f.rule, f.message) for f in lint(source.text, tpl=parse_template(TEMPLATE), path=name)]


def test_a_narrow_pdf_of_the_filled_text_has_no_finding(lint):
    assert findings(lint, "line-ends-filled.pdf") == []


def test_a_placeholder_wrapped_over_two_lines_is_one_placeholder(lint):
    found = findings(lint, "line-ends-placeholder.pdf")
    assert [rule for rule, _ in found] == ["CL503"]
    assert "[INSERT CONTACT METHOD]" in " ".join(found[0][1].split())


@pytest.mark.parametrize("edition", [
    "a harassment-\nfree experience, an incident",
    "a harassment-free experience, an inci-\ndent",
    "a harassment-\r\nfree experience, an inci-\r\ndent",
])
def test_a_difference_that_is_only_a_line_end_hyphen_is_none(edition):
    template = parse_template("We offer a harassment-free experience, an incident report and more.\n")
    text = f"We offer {edition} report and more.\n"
    alignment = align(parse_document(Source.from_text("e.txt", text)), template)
    assert [m.diffs for m in alignment.matches] == [()]
    assert not alignment.unexpected


def test_a_hyphen_in_the_middle_of_a_line_is_still_a_difference():
    template = parse_template("We offer a harassment-free experience, an incident report and more.\n")
    text = "We offer a harassment-free experience, an inci-dent report and more.\n"
    alignment = align(parse_document(Source.from_text("e.txt", text)), template)
    assert alignment.matches[0].diffs
