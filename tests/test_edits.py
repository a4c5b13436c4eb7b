"""The edits rules' fixes are made of (canonlint.rulekit.edits): what the edited text reads
as, and that nothing but the span and the space beside it changes."""

from __future__ import annotations

import pytest

from canonlint.document import parse_document
from canonlint.finding import Edit
from canonlint.rulekit.edits import delete_block, delete_lines, delete_span, delete_words, move_back
from canonlint.source import Source


def _document_and_span(marked: str):
    """The document of marked without its «», and the span «…» marked."""
    start = marked.index("«")
    end = marked.index("»") - 1
    return parse_document(Source.from_text("edition.txt", marked.replace("«", "").replace("»", ""))), start, end


def _applied(text: str, *edits: Edit) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def _assert_only_span_and_space(text: str, edit: Edit, start: int, end: int, marker: str = "") -> None:
    """The edit reaches past the span only over spaces and line breaks (and marker)."""
    assert edit.start <= start and end <= edit.end or edit.start >= start and edit.end <= end
    assert not text[min(edit.start, start):start].strip().removeprefix(marker)
    assert not text[end:max(edit.end, end)].strip()


_WORDS = [
    ("a «dup» b\n", "a b\n"),                        # between spaces: one space stays
    ("a «dup», b\n", "a, b\n"),                      # before punctuation: the space before goes
    ("a «dup»\n", "a\n"),                            # at the line's end: no trailing space
    ("«dup» a b\n", "a b\n"),                        # at the line's start: no leading space
    ("- «^{*}» item\n", "- item\n"),                 # after a list marker: the marker keeps its space
    ("1. «^{*}» item\n", "1. item\n"),               # a numbered marker as the Document reads it
    ("word «^{*}»text\n", "word text\n"),            # a word touches it: no two words glued
    ("word«^{*}» text\n", "word text\n"),
    ("a\n«dup» b\nc\n", "a\nb\nc\n"),                # only its own line is touched
]
_BLOCK = [
    ("A para.\n\n«B para.»\n\nC para.\n", "A para.\n\nC para.\n"),      # one blank line between blocks stays
    ("A para.\n\n- «B item»\n\nC para.\n", "A para.\n\nC para.\n"),     # its list marker goes along
    ("A para.\n\n«B para.»\n", "A para.\n"),                            # the text's end: it ends as it did
    ("A para.\n\n«B para.»", "A para."),
    ("A para.\r\n\r\n«B para.»\r\n", "A para.\r\n"),                   # in the file's own line breaks
    ("«B para.»\n", ""),
]
_LINES = [
    ("- a\n«-»\n- b\n", "- a\n- b\n"),             # the list stays whole: no blank line taken
    ("- a\n«-»\n\nNext\n", "- a\n\nNext\n"),       # the blank line after it stays
    ("- a\n«-»", "- a\n"),                         # the last line, without a line break
]


@pytest.mark.parametrize("deletion, marked, expected", [
    *((delete_words, *case) for case in _WORDS),
    *((delete_block, *case) for case in _BLOCK),
    *((delete_lines, *case) for case in _LINES),
])
def test_deletion(deletion, marked, expected):
    document, start, end = _document_and_span(marked)
    edit = deletion(document, start, end)
    assert _applied(document.text, edit) == expected
    _assert_only_span_and_space(document.text, edit, start, end, marker="-" if deletion is delete_block else "")


@pytest.mark.parametrize("marked, expected", [
    ("a b «dup.» c\n", "a b c\n"),                   # inside a line: as words
    ("a b\n\n«dup.»\n\nc\n", "a b\n\nc\n"),           # filling its lines: as a block
    ("a b\n\n- «dup.»\n\nc\n", "a b\n\nc\n"),         # after its list marker: as a block
    ("a b\n\n«dup.» c\n\nd\n", "a b\n\nc\n\nd\n"),    # with words after it on its line: as words
])
def test_delete_span_chooses_words_or_block(marked, expected):
    document, start, end = _document_and_span(marked)
    assert _applied(document.text, delete_span(document, start, end)) == expected


def test_move_back_inserts_at_the_place_and_removes_the_span():
    document, start, end = _document_and_span("Intro\n\nHas «Met Forward» introduced things.\n")
    edits = move_back(delete_words(document, start, end), 0, "Met Forward\n\n")
    assert edits is not None
    assert _applied(document.text, *edits) == "Met Forward\n\nIntro\n\nHas introduced things.\n"


def test_move_back_declines_a_place_inside_the_text_it_removes():
    document, start, end = _document_and_span("Intro\n\n«Item»\n\nMore\n")
    removal = delete_block(document, start, end)
    assert move_back(removal, start + 2, "- Item\n") is None
    assert move_back(removal, removal.end, "- Item\n") is None
    assert move_back(removal, removal.end + 1, "- Item\n") is not None
