"""Document: an edition parsed once into blocks and words.

Blocks are headings (`#` lines), list items (`-`, `*`, `•`, `1.`; doubled markers such as
`- *` are one marker), table rows (lines with a tab or starting with `|`) and paragraphs
(consecutive non-blank lines; hard-wrapped lines of one paragraph are one block — a line
that starts with "- " right after a paragraph line is a dash wrapped to the line start,
unless the paragraph ends with a colon that introduces a list). A plain
text edition has no heading syntax: whether a line plays a heading's part is decided by
the template through the alignment, not here. Rules read blocks and words; none re-parses.
What editions share is read once per run: see parse_document.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from itertools import accumulate, chain, compress, islice, repeat
from operator import add, attrgetter, is_, sub
from typing import NamedTuple

from canonlint.source import Source
from canonlint.text_memo import TextMemo
from canonlint.words import block_signature, iter_words, scan_words


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    TABLE_ROW = "table row"
    CODE = "code block"  # a Markdown code block: compared as code, verbatim; prose rules skip it


class Block(NamedTuple):
    """One block; a named tuple, so that joining memoised readings makes one in C."""

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
# A heading's section number (`1.`, `3.1`): numbering, like a list item's, not its words,
# in every format (a Word heading typed "1. Correction" as much as `### 1. Correction`).
SECTION_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?[ \t]+(?=\S)")
LIST_MARKER = re.compile(r"[ \t]*+((?:[-*+\u2022\u25aa\u2023\u25e6]|\d{1,3}[.)])(?=[ \t]|$)(?:[ \t]+[-*+\u2022](?=[ \t]*\w|$))?)[ \t]*")
# Possessive runs (`*+`): no run of blanks or dashes is ever split two ways, so a line of
# 100,000 blanks before a `-` fails in one pass instead of trying every split.
_TABLE_SEPARATOR = re.compile(r"[ \t]*+\|?[ \t]*+:?-{3,}+:?[ \t]*+(?:\|[ \t]*+:?-{3,}+:?[ \t]*+)*+\|?[ \t]*+$")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end without its line break) of every line; a lone CR ends a line too."""
    pos = 0
    length = len(text)
    while pos < length:
        match = _LINE.match(text, pos)
        body = match.group(0).rstrip("\r\n")
        yield pos, pos + len(body)
        if match.end() == pos:
            break
        pos = match.end()


def _line_spans(text: str) -> Iterable[tuple[int, str]]:
    """(start offset, line without its line break) of every line."""
    if "\r" in text:
        return ((start, text[start:end]) for start, end in _lines(text))
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the text ends with a line break (or is empty)
    starts = []
    start = 0
    for line in lines:
        starts.append(start)
        start += len(line) + 1
    return zip(starts, lines)


LIST_START = frozenset("-*+\u2022\u25aa\u2023\u25e6")  # the first characters of a bullet


def parse_blocks(text: str, breaks: frozenset[int] = frozenset()) -> list[Block]:
    """Split text into blocks; linear in its length. A line's first character decides
    which patterns could match it, so most lines try none. breaks: the (0-based) lines
    that start a block whatever stands before them (a Markdown reader's paragraphs, list
    items, tables), as if a blank line stood there."""
    blocks: list[Block] = []
    spans = _line_spans(text)
    _read_blocks(text, _with_breaks(spans, breaks) if breaks else spans, blocks)
    return blocks


def _with_breaks(spans: Iterable[tuple[int, str]], breaks: frozenset[int]) -> Iterator[tuple[int, str]]:
    """spans with a blank line before each line of breaks."""
    for index, (start, line) in enumerate(spans):
        if index in breaks:
            yield start, ""
        yield start, line


def _read_blocks(text: str, spans: Iterable[tuple[int, str]], blocks: list[Block]) -> bool:
    """Append to blocks the blocks of the lines of text that spans gives (start offset,
    line without its break). A heading or a table row is a block of one line; a paragraph
    or a list item stays open (`open_block`) while the lines after it go on with it, and is
    closed by a blank line or a block of another kind. True when reading a line looked at
    a block that blocks held before: only a table separator does (the row above it
    becomes a header)."""
    floor = len(blocks)
    looked_back = False
    open_block: list | None = None  # the paragraph or list item that may go on: a Block's fields
    for start, line in spans:
        stripped = line.strip()
        if not stripped:
            open_block = _close(open_block, blocks)
            continue
        first = stripped[0]
        tail = start + len(line.rstrip())
        if first == "#" and (heading := _heading(text, start, line, tail)):
            open_block = _close(open_block, blocks)
            blocks.append(heading)
            continue
        if first in "|:-" and "-" in line and _TABLE_SEPARATOR.match(line):
            looked_back = looked_back or len(blocks) == floor
            if "|" in line or (blocks and blocks[-1].kind is BlockKind.TABLE_ROW):
                open_block = _close(open_block, blocks)
                _make_header(blocks)
                continue
        if "\t" in stripped or first == "|":
            open_block = _close(open_block, blocks)
            lead = start + len(line) - len(line.lstrip())
            blocks.append(Block(BlockKind.TABLE_ROW, lead, tail, lead))
            continue
        bullet = _bullet(text, line, stripped, open_block) if first in LIST_START or first.isdecimal() else None
        if bullet:
            open_block = _close(open_block, blocks)
            marker = " ".join(bullet.group(1).split())
            open_block = [BlockKind.LIST_ITEM, start + len(line) - len(line.lstrip()), tail, start + bullet.end(), marker]
        elif open_block is not None:
            open_block[_END] = tail  # the paragraph or list item goes on
        else:
            lead = start + len(line) - len(line.lstrip())
            open_block = [BlockKind.PARAGRAPH, lead, tail, lead, ""]
    _close(open_block, blocks)
    return looked_back


_END = 2  # where an open block's end stands among its fields


def _close(open_block: list | None, blocks: list[Block]) -> None:
    """Append the open paragraph or list item, if any, to blocks (then none is open)."""
    if open_block is not None:
        kind, start, end, content_start, marker = open_block
        blocks.append(Block(kind, start, end, content_start, marker=marker))


def _heading(text: str, start: int, line: str, tail: int) -> Block | None:
    """The heading a line starting with `#` is (its content after a section number), or None."""
    heading = _HEADING.match(line)
    if heading is None:
        return None
    lead = start + len(line) - len(line.lstrip())
    content = start + heading.end()
    number = SECTION_NUMBER.match(text, content, tail)
    return Block(BlockKind.HEADING, lead, tail, number.end() if number else content, level=len(heading.group(1)))


def _make_header(blocks: list[Block]) -> None:
    """A table separator (`|---|`) under a table row makes that row a header row."""
    if blocks and blocks[-1].kind is BlockKind.TABLE_ROW and not blocks[-1].header:
        row = blocks[-1]
        blocks[-1] = Block(row.kind, row.start, row.end, row.content_start, header=True)


def _bullet(text: str, line: str, stripped: str, open_block: list | None) -> re.Match | None:
    """The list marker a line starts with, unless the line goes on with an open paragraph
    (that does not end with a colon introducing a list): "- " there is a dash wrapped to the
    line start, and, as in CommonMark, a wrapped "12." or "3. of" is no new item."""
    bullet = LIST_MARKER.match(line)
    if not bullet or open_block is None or open_block[0] is not BlockKind.PARAGRAPH:
        return bullet
    if text[open_block[1] : open_block[_END]].rstrip().endswith(":"):
        return bullet
    if stripped[:1] == "-" and stripped[1:2].isspace():
        return None
    if stripped[0].isdecimal() and (bullet.end() >= len(line.rstrip()) or bullet.group(1).strip()[:-1] != "1"):
        return None
    return bullet


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
    readings: tuple[_Piece, ...] = field(default=(), repr=False, compare=False)  # joined into the arrays

    @property
    def text(self) -> str:
        return self.source.text

    @cached_property
    def block_signatures(self) -> tuple[str, ...]:
        """Each block's block_signature: the memoised readings', while the blocks are theirs."""
        if list(chain.from_iterable(map(attrgetter("counts"), self.readings))) == list(map(len, self.block_words)):
            return tuple(chain.from_iterable(map(attrgetter("signatures"), self.readings)))
        return tuple(block_signature(self.keys[words.start : words.stop]) for words in self.block_words)

    @cached_property
    def words(self) -> Words:
        return Words(self)

    def words_in(self, start: int, end: int) -> range:
        """Indices of the words that start within [start, end)."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))


def parse_document(source: Source) -> Document:
    """Blocks, then the words of each block. Text without a carriage return is read in
    pieces split at blank lines ("\\n\\n"), each piece's reading memoised (canonlint.text_memo),
    so what editions share is read once per run; the readings are then joined, their
    offsets shifted. A blank line ends every block, so a piece reads the same wherever it
    stands, but for a table separator at its top that may look at the row above: such a
    piece is read again, after that row. A document's Source brings its reader's blocks
    (source.layout): those are the blocks."""
    if source.layout is not None:
        return document_from_blocks(source, source.layout.blocks)
    text = source.text
    if "\r" in text:  # lone CRs are line breaks that "\n\n" does not show: read whole
        return _joined(source, [_read_piece(text, None)], [0])
    pieces = text.split("\n\n")
    readings = _memoised_readings(pieces)
    offsets = _piece_offsets(pieces)
    header_rows = _read_again_after_rows(pieces, readings, offsets) if any(
        map(_LOOKED_BACK, readings)) else {}
    return _joined(source, readings, offsets, header_rows)


def document_from_blocks(source: Source, blocks: Sequence[Block]) -> Document:
    """The Document of blocks a reader found (canonlint.readers), with their words."""
    text = getattr(source.layout, "reading", None) or source.text  # words of what the reader kept
    return _joined(source, [_Piece.of(text, list(blocks))], [0])


def _memoised_readings(pieces: list[str]) -> list[_Piece]:
    """The reading of each piece: looked up in the memo's recent generation all at once (at
    C speed: most pieces are there), the others read or found by TextMemo.get."""
    readings = list(map(_MEMO.recent.get, pieces))
    for index in compress(range(len(readings)), map(is_, readings, repeat(None))):
        readings[index] = _MEMO.get(pieces[index])
    return readings


_LOOKED_BACK = attrgetter("looked_back")


def _piece_offsets(pieces: list[str]) -> list[int]:
    """Where each piece starts in the text: after the pieces before it and a "\\n\\n" each."""
    offsets = list(accumulate(map(add, map(len, pieces), repeat(2)), initial=0))
    offsets.pop()  # where a piece after the last would start
    return offsets


def _read_again_after_rows(pieces: list[str], readings: list[_Piece], offsets: list[int]) -> dict[int, Block]:
    """Read again, in readings, each piece whose reading looked back when the block before
    it is a table row, with that row before it; the rows that became header rows, by
    their index among all blocks, their offsets shifted."""
    header_rows: dict[int, Block] = {}
    last: Block | None = None  # the last block so far, its offsets shifted
    count = 0  # blocks so far
    for index, (piece, reading, offset) in enumerate(zip(pieces, readings, offsets)):
        if reading.looked_back and last is not None and last.kind is BlockKind.TABLE_ROW:
            reading = readings[index] = _read_piece(piece, last)
            if reading.previous is not last:
                last = header_rows[count - 1] = reading.previous
        if reading.fixed:
            count += len(reading.fixed) // 4
            last = _shifted(reading.last_block(), offset)
    return header_rows


def _shifted(block: Block, by: int) -> Block:
    """block with its offsets moved by `by` characters."""
    return Block(block.kind, block.start + by, block.end + by, block.content_start + by, block.level,
                 block.marker, block.header)


def _joined(source: Source, readings: list[_Piece], offsets: list[int],
            header_rows: dict[int, Block] | None = None) -> Document:
    """The Document of the pieces' readings joined, each piece's offsets shifted by where
    it starts in the text; header_rows replace the blocks at their indices."""
    blocks = _joined_blocks(readings, offsets)
    for index, row in (header_rows or {}).items():
        blocks[index] = row
    starts, ends = _joined_word_edges(readings, offsets)
    counts: list[int] = []  # words of each block
    keys: list[str] = []
    for reading in readings:
        counts += reading.counts
        keys += reading.keys
    return Document(source, tuple(blocks), tuple(keys), starts, ends, _block_of_each_word(counts),
                    _words_of_each_block(counts), tuple(readings))


_new_block = tuple.__new__  # a Block from the tuple of its fields, as Block._make but in C


def _joined_blocks(readings: list[_Piece], offsets: list[int]) -> list[Block]:
    """Every piece's blocks, offsets shifted: made from two flat sequences in one pass of C
    code (a Python call per block would cost more than the rest of the join), the shifted
    offsets of every block (start, end, content_start) and its other fields (kind, level,
    marker, header)."""
    edges: list[int] = []
    fixed: list = []
    for reading, offset in zip(readings, offsets):
        edges += map(offset.__add__, reading.edges)
        fixed += reading.fixed
    edge, field = iter(edges), iter(fixed)
    return list(map(_new_block, repeat(Block), zip(field, edge, edge, edge, field, field, field)))


def _joined_word_edges(readings: list[_Piece], offsets: list[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The starts and ends of every word. A piece keeps its words' edges as steps (its
    first word's start, then its length, the gap to the next word, that word's length...),
    so that all the edges, start, end, start, end..., are one running sum in C over all
    pieces' steps; the first step into a piece goes from the last word edge before it."""
    steps: list[int] = []
    last_edge = 0
    for reading, offset in zip(readings, offsets):
        if reading.keys:
            steps.append(offset + reading.first_edge - last_edge)
            steps += reading.steps
            last_edge = offset + reading.last_edge
    edges = tuple(accumulate(steps))
    return edges[0::2], edges[1::2]


def _block_of_each_word(counts: list[int]) -> tuple[int, ...]:
    """The block of each word, given the words of each block: block b repeated counts[b] times."""
    return tuple(chain.from_iterable(map(repeat, range(len(counts)), counts)))


def _words_of_each_block(counts: list[int]) -> tuple[range, ...]:
    """The word indices of each block, given its word count (range(0) when it has none)."""
    firsts = accumulate(counts, initial=0)
    return tuple(range(first, first + count) if count else range(0) for first, count in zip(firsts, counts))


def _block_words(text: str, blocks: list[Block]) -> tuple[list[str], list[int], list[int], list[int]]:
    """Keys, starts and ends of the words of the blocks, and each block's word count.
    Words are read from the whole text at once and shared out to the blocks by offset:
    a word never straddles a block's edges (they lie at line ends and after markers, next
    to blank space), and words outside every block (a numbered list's "1") are dropped,
    exactly as reading block by block would."""
    scanned = scan_words(text)
    if scanned is None:  # tags or link targets: read block by block
        return _words_block_by_block(text, blocks)
    keys, starts, ends = scanned
    # Word indices of each block: those starting in [content_start, end). Blocks follow
    # one another, so each block's words come right after the previous block's.
    firsts = [bisect.bisect_left(starts, block.content_start) for block in blocks]
    lasts = [max(first, bisect.bisect_left(starts, block.end)) for first, block in zip(firsts, blocks)]
    counts = [last - first for first, last in zip(firsts, lasts)]
    if sum(counts) == len(keys):
        return keys, starts, ends, counts
    kept_keys: list[str] = []  # some words stand outside every block: leave them out
    kept_starts: list[int] = []
    kept_ends: list[int] = []
    for first, last in zip(firsts, lasts):
        kept_keys += keys[first:last]
        kept_starts += starts[first:last]
        kept_ends += ends[first:last]
    return kept_keys, kept_starts, kept_ends, counts


def _words_block_by_block(text: str, blocks: list[Block]) -> tuple[list[str], list[int], list[int], list[int]]:
    """_block_words for a text holding tags or link targets, which iter_words skips."""
    keys: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    counts: list[int] = []
    for block in blocks:
        first = len(keys)
        for key, start, end in iter_words(text, block.content_start, block.end):
            keys.append(key)
            starts.append(start)
            ends.append(end)
        counts.append(len(keys) - first)
    return keys, starts, ends, counts


class _Piece:
    """The reading of one piece of text, offsets relative to its start, kept flat for the
    join (see _joined_blocks, _joined_word_edges). Blocks: edges holds each one's start,
    end and content_start, fixed its kind, level, marker and header. Words: keys, counts
    (the words of each block), first_edge and last_edge (the first word's start and the
    last one's end) and steps (from the first word's start: its length, the gap to the
    next word, that word's length...). looked_back: a table separator looked at the block
    before the piece; previous: that block as the reading left it, when one was given."""

    __slots__ = ("counts", "edges", "first_edge", "fixed", "keys", "last_edge", "looked_back", "previous",
                 "signatures", "steps")

    def __init__(self, blocks: list[Block], keys: list[str], starts: list[int], ends: list[int],
                 counts: list[int], looked_back: bool = False, previous: Block | None = None):
        self.edges = tuple(chain.from_iterable(map(_EDGES, blocks)))
        self.fixed = tuple(chain.from_iterable(map(_FIELDS, blocks)))
        self.keys, self.counts = tuple(keys), tuple(counts)
        self.signatures = tuple(map(block_signature, map(islice, repeat(iter(self.keys)), self.counts)))
        self.first_edge = starts[0] if starts else 0
        self.last_edge = ends[-1] if ends else 0
        edges = list(chain.from_iterable(zip(starts, ends)))  # start, end, start, end...
        self.steps = tuple(map(sub, edges[1:], edges))  # each edge minus the one before
        self.looked_back, self.previous = looked_back, previous

    @classmethod
    def of(cls, text: str, blocks: list[Block], looked_back: bool = False, previous: Block | None = None) -> _Piece:
        """The reading of text split into blocks: with their words."""
        keys, starts, ends, counts = _block_words(text, blocks)
        return cls(blocks, keys, starts, ends, counts, looked_back, previous)

    def last_block(self) -> Block:
        """The piece's last block (it has one), its offsets relative to the piece."""
        kind, level, marker, header = self.fixed[-4:]
        start, end, content_start = self.edges[-3:]
        return Block(kind, start, end, content_start, level, marker, header)


_EDGES = attrgetter("start", "end", "content_start")  # a Block's offsets, as _Piece keeps them
_FIELDS = attrgetter("kind", "level", "marker", "header")  # and its other fields


def _read_piece(piece: str, previous: Block | None) -> _Piece:
    """Read piece as if previous were the block before it."""
    blocks = [] if previous is None else [previous]
    looked_back = _read_blocks(piece, _line_spans(piece), blocks)
    if previous is not None:
        previous = blocks.pop(0)
    return _Piece.of(piece, blocks, looked_back, previous)


# Readings of pieces by content: what every edition shares is read once per run. A
# piece longer than LONGEST_PIECE (a file without blank lines) is read, not kept.
LONGEST_PIECE = 20_000
_MEMO: TextMemo[_Piece] = TextMemo(lambda piece: _read_piece(piece, None), 1_000_000, LONGEST_PIECE)


__all__ = ["Block", "BlockKind", "DocWord", "Document", "LIST_MARKER", "LIST_START", "SECTION_NUMBER", "Words",
           "document_from_blocks", "parse_blocks", "parse_document"]
