"""The Alignment says which template blocks an edition writes exactly as the template does
(`Alignment.is_verbatim`), and the rules that compare characters skip only those: a block
whose words match the template's while a character differs (case, a hyphen, a quote) is
still compared."""

from __future__ import annotations

from canonlint.align import align
from canonlint.document import parse_document
from canonlint.source import Source
from tests.conftest import edit, sample_text

CONTACT = "please contact review@mpa.gov.uk or call 0207 202 0202."
ADDRESS = "To find out more visit www.mpa.gov.uk/publications/metforward"


def _alignment(template, text: str):
    return align(parse_document(Source.from_text("edition.txt", text)), template)


def _block(template, words: str):
    (block,) = [b for b in template.blocks if words in b.text]
    return block


def test_blocks_written_as_in_the_template_are_verbatim(template):
    alignment = _alignment(template, sample_text("havering"))
    assert alignment.is_verbatim(_block(template, CONTACT))
    assert alignment.is_verbatim(_block(template, ADDRESS).index)
    assert not any(alignment.is_verbatim(b) for b in template.blocks if b.local)


def test_a_character_that_the_words_ignore_makes_a_block_not_verbatim(template, lint):
    # The words still match (case is not part of a word's key); the characters do not.
    text = edit(sample_text("havering"), [(ADDRESS, ADDRESS.replace("publications", "Publications"))])
    alignment = _alignment(template, text)
    assert not alignment.is_verbatim(_block(template, ADDRESS))
    assert alignment.is_verbatim(_block(template, CONTACT))
    assert [f.message for f in lint(text, select=("CL105",))] == [
        "web address differs from the template: expected 'www.mpa.gov.uk/publications/metforward', "
        "found 'www.mpa.gov.uk/Publications/metforward'"]


def test_a_re_wrapped_block_is_not_verbatim_and_reports_nothing(template, lint):
    text = edit(sample_text("havering"), [(CONTACT, CONTACT.replace(" or call", "\nor call"))])
    alignment = _alignment(template, text)
    assert not alignment.is_verbatim(_block(template, CONTACT))
    assert lint(text, select=("CL105",)) == []


def test_a_changed_figure_is_reported_beside_verbatim_blocks(template, lint):
    text = edit(sample_text("havering"), [("0207 202 0202", "0207 202 0203")])
    assert not _alignment(template, text).is_verbatim(_block(template, CONTACT))
    assert [f.found for f in lint(text, select=("CL105",))] == ["0207 202 0203"]


def test_a_line_read_in_one_edition_serves_another_where_it_stands_elsewhere(template, lint):
    # The tokens of a line are kept by its text, as offsets from its start: the same changed
    # line further down another edition is reported at its own place.
    changed = edit(sample_text("havering"), [("0207 202 0202", "0207 202 0203")])
    moved_down = "\n\n" + changed
    first, second = (lint(text, select=("CL105",)) for text in (changed, moved_down))
    assert [f.found for f in first] == [f.found for f in second] == ["0207 202 0203"]
    assert (second[0].line, second[0].column) == (first[0].line + 2, first[0].column)
