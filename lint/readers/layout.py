"""Laying a reader's blocks out as one extracted text, and the Source that holds it.

The extracted text reads as a plain-text edition would: a blank line between blocks, a
list item as its marker and words, a table row as its cells joined by tabs, consecutive
items and rows on consecutive lines. So `--diff` shows a document's fixes against a text a
person can read, and re-reading that text (as the fix loop does) finds the same blocks.
"""

from __future__ import annotations

from dataclasses import replace

from canonlint.document import LIST_MARKER, LIST_START, SECTION_NUMBER, Block, BlockKind
from canonlint.readers.folding import fold, folded_links, folded_offsets
from canonlint.readers.reader_output import EMPTY, Layout, Link, PendingAt, DocumentPlace, ReadBlock, shifted
from canonlint.source import Source

_RUNS = (BlockKind.LIST_ITEM, BlockKind.TABLE_ROW)
_CONTINUED = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)  # what the next line goes on with


def lay_out(display: str, format_name: str, read: list[ReadBlock]) -> Source:
    """The Source of a document: its extracted text, with the reader's blocks and the
    place of each line in its Layout."""
    chunks: list[str] = []
    blocks: list[Block] = []
    places: list[DocumentPlace] = []
    pending: list[PendingAt] = []
    links: list[Link] = []
    offset = 0
    previous: ReadBlock | None = None
    numbered = {id(block) for block in read if block.kind is BlockKind.LIST_ITEM}  # not typed: made by the reader
    markers: list[tuple[int, int]] = []
    if format_name != "pdf":
        read = _lines_as_text(list(map(_typed_bullet, read)))
    for block in read:
        body, content = _body(block)
        if previous is not None:
            gap = "\n" if block.kind in _RUNS and previous.kind is block.kind else "\n\n"
            chunks.append(gap)
            offset += len(gap)
            if gap == "\n\n":
                places.append(DocumentPlace())  # the blank line between blocks has no place of its own
        lines = body.split("\n")
        line_places = block.places if len(block.places) == len(lines) else (block.places[0],) * len(lines)
        places.extend(line_places)
        blocks.append(Block(block.kind, offset, offset + len(body.rstrip()), offset + content,
                            block.level if block.kind is BlockKind.HEADING else 0, block.marker, block.header))
        pending.extend(PendingAt(p, offset + _laid_out_at(block, body, content, p.at)) for p in block.pending)
        if id(block) in numbered and content:
            markers.append((offset, offset + content))
        if block.links and "\n" not in block.text and block.kind is not BlockKind.TABLE_ROW:
            shift = offset + (content if block.kind is BlockKind.LIST_ITEM else 0)
            links += [Link(shift + start, shift + end, target) for start, end, target in folded_links(block.text, block.links)]
        chunks.append(body)
        offset += len(body)
        previous = block
    text = "".join(chunks) + ("\n" if chunks else "")
    source = Source.from_text(display, text)
    return replace(source, layout=Layout(format_name, tuple(blocks), tuple(places), pending=tuple(pending),
                                         markers=tuple(markers), links=tuple(links)))


def _laid_out_at(block: ReadBlock, body: str, content: int, at: int) -> int:
    """Where offset `at` of a block's text stands in its laid-out body (each line's
    whitespace folded, a list item's marker before it); a table row's text is laid out as
    it is."""
    if block.kind is BlockKind.TABLE_ROW:
        return min(at, len(body))
    return min(content + folded_offsets(block.text, (at,), keep_lines=True, points=True)[at], len(body))


# No longer than a line of hard-wrapped text (which wraps at 72–80 columns).
_LINE_LENGTH = 100


def _typed_as_lines(read: list[ReadBlock]) -> bool:
    """Whether a document is typed as lines — text saved as Word, or typed with a blank
    paragraph between paragraphs and a return at each line's end: a paragraph per line and
    empty ones between its paragraphs, a quarter as many or more; fewer where its paragraphs
    run to five lines and more, but then every paragraph is no longer than a line."""
    empty = sum(1 for block in read if block is EMPTY)
    written = [block for block in read if block is not EMPTY]
    if empty >= 0.25 * len(written):
        return True
    return empty > 0 and all(len(block.text) <= _LINE_LENGTH for block in written
                             if block.kind is BlockKind.PARAGRAPH)


def _lines_as_text(read: list[ReadBlock]) -> list[ReadBlock]:
    """The blocks without the empty paragraphs; in a document typed as lines, as in a text
    edition, consecutive paragraphs are the lines of one, and a line right after a list
    item goes on with the item."""
    if not _typed_as_lines(read):
        return [block for block in read if block is not EMPTY]
    out: list[ReadBlock] = []
    for block, before in zip(read, [None, *read]):
        if block is EMPTY:
            continue
        if before is not None and before is not EMPTY and out and out[-1].kind in _CONTINUED \
                and block.kind is BlockKind.PARAGRAPH:
            last = out[-1]
            out[-1] = replace(last, text=f"{last.text}\n{block.text}", places=last.places + block.places,
                              pending=last.pending + shifted(block.pending, len(last.text) + 1))
        else:
            out.append(block)
    return out


def _typed_bullet(block: ReadBlock) -> ReadBlock:
    """A paragraph that starts with a bullet typed by hand ("- ", "* ", "•", "1.") is a
    list item, marked as typed (a doubled "- *" included), as in a text edition."""
    if block.kind is not BlockKind.PARAGRAPH or block is EMPTY:
        return block
    typed = LIST_MARKER.match(block.text)
    if typed is None or not (typed.group(1)[0] in LIST_START or block.text.strip() != typed.group(1).strip()):
        return block
    marker = " ".join(typed.group(1).split())
    cut = typed.end()
    return replace(block, kind=BlockKind.LIST_ITEM, text=block.text[cut:], marker=marker,
                   pending=shifted(block.pending, -cut),
                   links=tuple((start - cut, end - cut, target) for start, end, target in block.links if start >= cut))


def _body(block: ReadBlock) -> tuple[str, int]:
    """A block's text as laid out, and where its content starts within it."""
    if block.kind is BlockKind.TABLE_ROW:
        return "\t".join(map(fold, block.cells)), 0
    text = fold(block.text, keep_lines=True)
    if block.kind is BlockKind.LIST_ITEM:
        marker = block.marker or "-"
        return (f"{marker} {text}" if text else marker), len(marker) + (1 if text else 0)
    if block.kind is BlockKind.HEADING and (number := SECTION_NUMBER.match(text)):
        return text, number.end()
    return text, 0
