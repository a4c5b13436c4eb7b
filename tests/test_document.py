from __future__ import annotations

from lint.document import BlockKind, parse_blocks, parse_document
from lint.source import Source


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
