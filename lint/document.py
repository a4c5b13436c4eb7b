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
from itertools import accumulate, chain, repeat
from operator import add, attrgetter, sub
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from enum import StrEnum

from lint.source import Source
from lint.words import iter_words, scan_words


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


def _line_spans(text: str):
    """(start, line without its line break) for every line."""
    if "\r" in text:
        return ((start, text[start:end]) for start, end in _lines(text))
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the text ends with a line break (or is empty)
    return zip(accumulate(map(add, map(len, lines), repeat(1)), initial=0), lines)


_LIST_START = frozenset("-*+\u2022\u25aa\u2023\u25e6")


def parse_blocks(text: str) -> list[Block]:
    """Split text into blocks; linear in its length. A line's first character decides
    which patterns could match it, so most lines try none."""
    blocks: list[Block] = []
    # the paragraph or list item that may continue: kind, start, end, content_start, marker
    open_kind: BlockKind | None = None
    open_start = open_end = open_content = 0
    open_marker = ""

    for start, line in _line_spans(text):
        stripped = line.strip()
        if not stripped:
            if open_kind is not None:
                blocks.append(Block(open_kind, open_start, open_end, open_content, marker=open_marker))
                open_kind = None
            continue
        tail = start + len(line.rstrip())
        first = stripped[0]
        if first == "#":
            heading = _HEADING.match(line)
            if heading:
                if open_kind is not None:
                    blocks.append(Block(open_kind, open_start, open_end, open_content, marker=open_marker))
                    open_kind = None
                lead = start + (len(line) - len(line.lstrip()))
                blocks.append(Block(BlockKind.HEADING, lead, tail, start + heading.end(),
                                    level=len(heading.group(1))))
                continue
        elif first in "|:-" and "-" in line and _TABLE_SEPARATOR.match(line) and \
                ("|" in line or (blocks and blocks[-1].kind is BlockKind.TABLE_ROW)):
            if open_kind is not None:
                blocks.append(Block(open_kind, open_start, open_end, open_content, marker=open_marker))
                open_kind = None
            if blocks and blocks[-1].kind is BlockKind.TABLE_ROW and not blocks[-1].header:
                previous = blocks[-1]
                blocks[-1] = Block(previous.kind, previous.start, previous.end,
                                   previous.content_start, header=True)
            continue
        if "\t" in stripped or first == "|":
            if open_kind is not None:
                blocks.append(Block(open_kind, open_start, open_end, open_content, marker=open_marker))
                open_kind = None
            lead = start + (len(line) - len(line.lstrip()))
            blocks.append(Block(BlockKind.TABLE_ROW, lead, tail, lead))
            continue
        bullet = _LIST.match(line) if first in _LIST_START or first.isdecimal() else None
        if bullet and open_kind is BlockKind.PARAGRAPH and not text[open_start:open_end].rstrip().endswith(":") \
                and stripped[:1] == "-" and stripped[1:2].isspace():
            bullet = None  # "- " inside a hard-wrapped paragraph is a dash, not a new item
        if bullet:
            if open_kind is not None:
                blocks.append(Block(open_kind, open_start, open_end, open_content, marker=open_marker))
            marker = bullet.group(1).strip()
            open_kind, open_start, open_end = BlockKind.LIST_ITEM, start + (len(line) - len(line.lstrip())), tail
            open_content, open_marker = start + bullet.end(), " ".join(marker.split())
            continue
        if open_kind is not None:
            open_end = tail
        else:
            lead = start + (len(line) - len(line.lstrip()))
            open_kind, open_start, open_end, open_content, open_marker = BlockKind.PARAGRAPH, lead, tail, lead, ""
    if open_kind is not None:
        blocks.append(Block(open_kind, open_start, open_end, open_content, marker=open_marker))
    return blocks


class Words(Sequence):
    """A Document's words as DocWord objects, made on demand from its arrays (the
    alignment reads the arrays; a DocWord per word would cost more than the parse)."""

    __slots__ = ("_blocks", "_ends", "_keys", "_made", "_starts")

    def __init__(self, document: Document):
        # The arrays, not the document: no reference cycle for the garbage collector.
        self._keys, self._starts, self._ends = document.keys, document.starts, document.ends
        self._blocks = document.word_blocks
        self._made: dict[int, DocWord] = {}

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self._keys))))
        word = self._made.get(index)
        if word is None:
            word = self._made[index] = DocWord(self._keys[index], self._starts[index], self._ends[index],
                                               self._blocks[index])
        return word


@dataclass(frozen=True)
class Document:
    """An edition as blocks and words, with the Source it came from. Word i is keys[i]
    (its match key) at text[starts[i]:ends[i]] in block word_blocks[i]; block b holds the
    words block_words[b]."""

    source: Source
    blocks: tuple[Block, ...]
    keys: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    word_blocks: tuple[int, ...]
    block_words: tuple[range, ...]

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def words(self) -> Words:
        return Words(self)

    @property
    def word_starts(self) -> tuple[int, ...]:
        return self.starts

    def words_in(self, start: int, end: int) -> range:
        """Indices of the words that start within [start, end)."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))


def parse_document(source: Source) -> Document:
    """Blocks, then the words of each block. Words are read from the whole text at once
    and shared out to the blocks by offset: a word never straddles a block's edges (they
    lie at line ends and after markers, next to blank space), and words outside every
    block (a numbered list's "1") are dropped, exactly as reading block by block would."""
    text = source.text
    blocks = parse_blocks(text)
    scanned = scan_words(text)
    if scanned is None:  # tags or link targets: read block by block
        keys, starts, ends, owners = [], [], [], []
        ranges = []
        for index, block in enumerate(blocks):
            first = len(keys)
            for key, start, end in iter_words(text, block.content_start, block.end):
                keys.append(key)
                starts.append(start)
                ends.append(end)
            owners.extend([index] * (len(keys) - first))
            ranges.append(range(first, len(keys)) if len(keys) > first else range(0))
        return Document(source, tuple(blocks), tuple(keys), tuple(starts), tuple(ends), tuple(owners),
                        tuple(ranges))
    keys, starts, ends = scanned
    count = len(blocks)
    # Word indices of each block: those starting in [content_start, end). Blocks follow
    # one another, so each block's words come right after the previous block's.
    firsts = list(map(bisect.bisect_left, repeat(starts, count), map(_CONTENT_START, blocks)))
    lasts = list(map(max, firsts, map(bisect.bisect_left, repeat(starts, count), map(_END, blocks))))
    counts = list(map(sub, lasts, firsts))
    if sum(counts) != len(keys):  # words outside every block
        kept_keys: list[str] = []
        kept_starts: list[int] = []
        kept_ends: list[int] = []
        for lo, hi in zip(firsts, lasts):
            kept_keys += keys[lo:hi]
            kept_starts += starts[lo:hi]
            kept_ends += ends[lo:hi]
        keys, starts, ends = kept_keys, kept_starts, kept_ends
    owners = chain.from_iterable(map(repeat, range(count), counts))
    ranges = [range(first, first + n) if n else range(0)
              for first, n in zip(accumulate(counts, initial=0), counts)]
    return Document(source, tuple(blocks), tuple(keys), tuple(starts), tuple(ends), tuple(owners),
                    tuple(ranges))


_CONTENT_START = attrgetter("content_start")
_END = attrgetter("end")


__all__ = ["Block", "BlockKind", "DocWord", "Document", "Words", "parse_blocks", "parse_document"]
