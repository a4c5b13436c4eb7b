from __future__ import annotations

from dataclasses import replace

from canonlint.document import BlockKind, parse_blocks, parse_document
from canonlint.source import Source
from canonlint.words import block_signature


def kinds(text):
    return [(b.kind, text[b.content_start : b.end], b.marker) for b in parse_blocks(text)]


def test_blocks_of_a_plain_text_edition():
    text = ("Title\n\nA paragraph that was\nhard-wrapped.\n\n- * first item\n - second item\n"
            "continued\n-\n\nKnife crime\t\t68 offences\n# Heading\n")
    assert kinds(text) == [
        (BlockKind.PARAGRAPH, "Title", ""),
        (BlockKind.PARAGRAPH, "A paragraph that was\nhard-wrapped.", ""),
        (BlockKind.LIST_ITEM, "first item", "- *"),
        (BlockKind.LIST_ITEM, "second item\ncontinued", "-"),
        (BlockKind.LIST_ITEM, "", "-"),
        (BlockKind.TABLE_ROW, "Knife crime\t\t68 offences", ""),
        (BlockKind.HEADING, "Heading", ""),
    ]


def test_bold_text_is_not_a_list_item_and_markdown_tables_have_headers():
    text = "**Met Forward** text\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    blocks = parse_blocks(text)
    assert blocks[0].kind is BlockKind.PARAGRAPH
    assert [(b.kind, b.header) for b in blocks[1:]] == [(BlockKind.TABLE_ROW, True), (BlockKind.TABLE_ROW, False)]


def test_words_keep_offsets_and_normalise_keys():
    doc = parse_document(Source.from_text("e.txt", "Don’t stop the day-to -day **work**\n"))
    assert [w.key for w in doc.words] == ["don", "t", "stop", "the", "day", "to", "day", "work"]
    assert [doc.text[w.start : w.end] for w in doc.words][:2] == ["Don", "t"]
    assert doc.words_in(0, 5) == range(0, 2)


def test_a_dash_wrapped_to_the_line_start_stays_in_its_paragraph():
    text = "Groups (CPEGs)\n- in some areas known as Boards\n- exist in each borough.\n\nThe plan is to:\n- convince\n"
    assert [(b.kind, b.marker) for b in parse_blocks(text)] == [
        (BlockKind.PARAGRAPH, ""), (BlockKind.PARAGRAPH, ""), (BlockKind.LIST_ITEM, "-")]


# parse_document reads text in pieces split at blank lines and memoises each piece's
# reading; whatever the text, it must give what reading it whole, block by block, gives.
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from canonlint.words import iter_words  # noqa: E402

_PIECES = ["# ", "- ", "* ", "1. ", "• ", "- * ", "| ", " |", "\n", "\n\n", "\n\n\n", " \n", "\r", "\r\n", "\t",
           "word ", "Other ", ":", "---", "|---|---|\n", ":--:", "<b>", "[x](http://a)", "é", "ﬁ", "’", "x_y"]


def _read_whole(text):
    blocks = parse_blocks(text)
    words = [(key, start, end, index) for index, block in enumerate(blocks)
             for key, start, end in iter_words(text, block.content_start, block.end)]
    return blocks, words


def _assert_reads_as_whole(text):
    for _ in range(2):  # the second time from the memo
        doc = parse_document(Source.from_text("e.txt", text))
        blocks, words = _read_whole(text)
        assert list(doc.blocks) == blocks
        assert list(zip(doc.keys, doc.starts, doc.ends, doc.word_blocks)) == words
        assert [list(r) for r in doc.block_words] == [[i for i, w in enumerate(words) if w[3] == b]
                                                      for b in range(len(blocks))]
        assert all(type(a) is tuple for a in (doc.blocks, doc.keys, doc.starts, doc.ends, doc.word_blocks))
        assert doc.block_signatures == tuple(block_signature(doc.keys[r.start : r.stop]) for r in doc.block_words)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join) | st.text())
def test_pieces_read_as_the_whole_text(text):
    _assert_reads_as_whole(text)


def test_a_separator_after_a_blank_line_marks_the_row_before_it():
    for text in ["| a |\n\n|---|\n\nb\n", "a\tb\n\n---\n\n---\nx\n", "x\ty\n\n- a\n---\n", "|a|\n\n\n---|---\n|b|\n"]:
        _assert_reads_as_whole(text)
        _assert_reads_as_whole("p\n\n" + text + text)
    assert [b.header for b in parse_document(Source.from_text("e", "| a |\n\n|---|\n")).blocks] == [True]


def test_a_number_wrapped_to_the_start_of_a_line_goes_on_with_its_paragraph():
    """As in CommonMark: inside a paragraph, `12.` alone or `3. of` is text, not a new item
    (a filled-in count slot wrapped to a line start); `1. first` and an item after a colon
    still start a list."""
    kinds = lambda text: [b.kind.value for b in parse_blocks(text)]  # noqa: E731
    assert kinds("Offences recorded this year:\nnone, against\n12.\n") == ["paragraph"]
    assert kinds("The total fell to\n3. of the wards saw rises\n") == ["paragraph"]
    assert kinds("Steps\n1. first step\n") == ["paragraph", "list item"]
    assert kinds("The steps are:\n2. second step\n") == ["paragraph", "list item"]


def test_block_signatures_follow_the_blocks_when_a_document_is_reblocked():
    """A Document's block signatures come from its memoised readings while its blocks are
    theirs; a Document given other blocks (inference reblocks one by dataclasses.replace)
    has the signatures of its own blocks."""
    doc = parse_document(Source.from_text("e.txt", "one two three\n\nfour five\n\nsix\n"))
    assert doc.block_signatures == ("one\ntwo\nthree", "four\nfive", "six")
    same_count = replace(doc, block_words=(range(0, 2), range(2, 5), range(5, 6)), word_blocks=(0, 0, 1, 1, 1, 2))
    assert same_count.block_signatures == ("one\ntwo", "three\nfour\nfive", "six")
    joined = replace(doc, blocks=doc.blocks[:2], block_words=(range(0, 3), range(3, 6)))
    assert joined.block_signatures == ("one\ntwo\nthree", "four\nfive\nsix")
