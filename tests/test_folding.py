"""Whitespace folding as readers lay text out (canonlint.readers.folding): one mapping from an
offset of a reader's text to its place in the laid-out text, for links and pending changes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from canonlint.readers.folding import fold, folded_links, folded_offsets

TEXTS = st.text(alphabet="ab \t\n\u00a0", max_size=30)


@given(TEXTS, st.booleans())
def test_an_offset_inside_a_word_stands_at_the_same_letter_once_folded(text, keep_lines):
    folded = fold(text, keep_lines)
    inside = [at for at in range(len(text)) if not text[at].isspace()]
    placed = folded_offsets(text, inside, keep_lines)
    assert [folded[placed[at]] for at in inside] == [text[at] for at in inside]


@given(TEXTS)
def test_a_point_right_after_a_word_stays_after_it_and_one_in_blanks_goes_to_the_next_word(text):
    folded = fold(text, keep_lines=True)
    for at in range(len(text) + 1):
        place = folded_offsets(text, (at,), keep_lines=True, points=True)[at]
        before, after = text[:at], text[at:]
        if before[-1:] and not before[-1].isspace():  # right after a letter: right after it
            assert folded[place - 1] == before[-1]
        elif after.strip():  # in blanks: at the next word's first letter
            assert folded[place] == after.strip()[0]
        else:
            assert place == len(folded)


def test_a_pending_change_on_the_second_line_of_a_paragraph_stands_on_its_word():
    """A paragraph typed as lines keeps its line breaks: the change at `x` is laid out at `x`."""
    text = "abc\nx y"
    assert folded_offsets(text, (4,), keep_lines=True, points=True) == {4: 4}
    assert fold(text, keep_lines=True)[4] == "x"


def test_a_link_is_its_words_once_folded():
    text = "see   the  report  here"
    assert folded_links(text, ((6, 18, "u"), (18, 19, "v"))) == ((4, 14, "u"),)
    assert fold(text)[4:14] == "the report"


def test_a_document_lays_a_pending_change_on_a_later_line_at_its_word():
    """A paragraph read as two lines (a document typed as lines): a change made at `x`
    stands at `x` in the extracted text, where the review report and the rules look."""
    from canonlint.document import BlockKind
    from canonlint.readers.layout import lay_out
    from canonlint.readers.reader_output import Pending, DocumentPlace, ReadBlock

    block = ReadBlock(BlockKind.PARAGRAPH, "abc\nx y", (DocumentPlace(), DocumentPlace()), pending=(Pending("insertion", at=4),))
    source = lay_out("typed.docx", "pdf", [block])  # laid out as read: no typed-as-lines joining
    (pending,) = source.layout.pending
    assert source.text[pending.offset] == "x"
