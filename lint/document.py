"""Document: an edition parsed once into blocks and words.

Blocks are headings (`#` lines), list items (`-`, `*`, `•`, `1.`; doubled markers such as
`- *` are one marker), table rows (lines with a tab or starting with `|`) and paragraphs
(consecutive non-blank lines; hard-wrapped lines of one paragraph are one block — a line
that starts with "- " right after a paragraph line is a dash wrapped to the line start,
unless the paragraph ends with a colon that introduces a list). A plain
text edition has no heading syntax: whether a line plays a heading's part is decided by
the template through the alignment, not here. Rules read blocks and words; none re-parses.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property
from enum import StrEnum

from lint.source import Source
from lint.words import iter_words


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    TABLE_ROW = "table row"


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int          # offset of the block's first character (marker included)
    end: int            # offset just past its last non-blank character
    content_start: int  # offset of the text after a heading/list marker
    level: int = 0      # heading level
    marker: str = ""    # list marker as written, e.g. "-", "- *", "1."
    header: bool = False  # a Markdown table header row (followed by |---|)


@dataclass(frozen=True, slots=True)
class DocWord:
    key: str
    start: int
    end: int
    block: int


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_HEADING = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+|$)")
_LIST = re.compile(r"[ \t]*((?:[-*+\u2022\u25aa\u2023\u25e6]|\d{1,3}[.)])(?=[ \t]|$)(?:[ \t]+[-*+\u2022](?=[ \t]*\w|$))?)[ \t]*")
_TABLE_SEPARATOR = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")


def _lines(text: str):
    """(start, end_without_newline) for every line."""
    pos = 0
    length = len(text)
    while pos < length:
        match = _LINE.match(text, pos)
        body = match.group(0).rstrip("\r\n")
        yield pos, pos + len(body)
        if match.end() == pos:
            break
        pos = match.end()


def parse_blocks(text: str) -> list[Block]:
    """Split text into blocks; linear in its length."""
    blocks: list[Block] = []
    open_block: Block | None = None  # a paragraph or list item that may continue

    def close():
        nonlocal open_block
        if open_block is not None:
            blocks.append(open_block)
            open_block = None

    for start, end in _lines(text):
        line = text[start:end]
        stripped = line.strip()
        if not stripped:
            close()
            continue
        lead = start + (len(line) - len(line.lstrip()))
        tail = start + len(line.rstrip())
        heading = _HEADING.match(line)
        if heading:
            close()
            blocks.append(Block(BlockKind.HEADING, lead, tail, start + heading.end(),
                                level=len(heading.group(1))))
            continue
        if _TABLE_SEPARATOR.match(line) and "-" in line and ("|" in line or (blocks and blocks[-1].kind is BlockKind.TABLE_ROW)):
            close()
            if blocks and blocks[-1].kind is BlockKind.TABLE_ROW and not blocks[-1].header:
                previous = blocks[-1]
                blocks[-1] = Block(previous.kind, previous.start, previous.end,
                                   previous.content_start, header=True)
            continue
        if "\t" in stripped or stripped.startswith("|"):
            close()
            blocks.append(Block(BlockKind.TABLE_ROW, lead, tail, lead))
            continue
        bullet = _LIST.match(line)
        if bullet and open_block is not None and open_block.kind is BlockKind.PARAGRAPH \
                and not text[open_block.start : open_block.end].rstrip().endswith(":") \
                and stripped[:1] == "-" and stripped[1:2].isspace():
            bullet = None  # "- " inside a hard-wrapped paragraph is a dash, not a new item
        if bullet:
            close()
            marker = bullet.group(1).strip()
            open_block = Block(BlockKind.LIST_ITEM, lead, tail, start + bullet.end(),
                               marker=" ".join(marker.split()))
            continue
        if open_block is not None:
            open_block = Block(open_block.kind, open_block.start, tail,
                               open_block.content_start, marker=open_block.marker)
        else:
            open_block = Block(BlockKind.PARAGRAPH, lead, tail, lead)
    close()
    return blocks


@dataclass(frozen=True)
class Document:
    """An edition as blocks and words, with the Source it came from."""

    source: Source
    blocks: tuple[Block, ...]
    words: tuple[DocWord, ...]

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def word_starts(self) -> list[int]:
        return [w.start for w in self.words]

    @cached_property
    def block_words(self) -> list[range]:
        """For each block, the range of indices of its words."""
        ranges = [range(0)] * len(self.blocks)
        first = 0
        for index in range(1, len(self.words) + 1):
            if index == len(self.words) or self.words[index].block != self.words[first].block:
                ranges[self.words[first].block] = range(first, index)
                first = index
        return ranges

    def words_in(self, start: int, end: int) -> range:
        """Indices of the words that start within [start, end)."""
        return range(bisect.bisect_left(self.word_starts, start), bisect.bisect_left(self.word_starts, end))


def parse_document(source: Source) -> Document:
    blocks = parse_blocks(source.text)
    words: list[DocWord] = []
    for index, block in enumerate(blocks):
        for key, start, end in iter_words(source.text, block.content_start, block.end):
            words.append(DocWord(key, start, end, index))
    return Document(source=source, blocks=tuple(blocks), words=tuple(words))


__all__ = ["Block", "BlockKind", "DocWord", "Document", "parse_blocks", "parse_document"]
