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
from itertools import accumulate, chain, compress, repeat
from operator import add, attrgetter, is_, itemgetter, not_, sub
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from enum import StrEnum
from typing import NamedTuple

from canonlint.source import Source
from canonlint.text_memo import TextMemo
from canonlint.words import iter_words, scan_words


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
_LIST = re.compile(r"[ \t]*+((?:[-*+\u2022\u25aa\u2023\u25e6]|\d{1,3}[.)])(?=[ \t]|$)(?:[ \t]+[-*+\u2022](?=[ \t]*\w|$))?)[ \t]*")
# Possessive runs (`*+`): no run of blanks or dashes is ever split two ways, so a line of
# 100,000 blanks before a `-` fails in one pass instead of trying every split.
_TABLE_SEPARATOR = re.compile(r"[ \t]*+\|?[ \t]*+:?-{3,}+:?[ \t]*+(?:\|[ \t]*+:?-{3,}+:?[ \t]*+)*+\|?[ \t]*+$")


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


def parse_blocks(text: str, breaks: frozenset[int] = frozenset()) -> list[Block]:
    """Split text into blocks; linear in its length. A line's first character decides
    which patterns could match it, so most lines try none. breaks: the (0-based) lines
    that start a block whatever stands before them (a Markdown reader's paragraphs, list
    items, tables), as if a blank line stood there."""
    blocks: list[Block] = []
    spans = _line_spans(text)
    _read_blocks(text, _with_breaks(spans, breaks) if breaks else spans, blocks)
    return blocks


def _with_breaks(spans: Iterable[tuple[int, str]], breaks: frozenset[int]) -> Iterable[tuple[int, str]]:
    for index, (start, line) in enumerate(spans):
        if index in breaks:
            yield start, ""
        yield start, line


def _read_blocks(text: str, spans: Iterable[tuple[int, str]], blocks: list[Block]) -> bool:
    """Append to blocks the blocks of the lines of text that spans gives (start offset,
    line without its break). True when reading a line looked at a block that blocks held
    before: only a table separator does (the row above it becomes a header)."""
    floor = len(blocks)
    looked_back = False
    # the paragraph or list item that may continue: kind, start, end, content_start, marker
    open_kind: BlockKind | None = None
    open_start = open_end = open_content = 0
    open_marker = ""

    def close() -> None:
        nonlocal open_kind
        if open_kind is not None:
            blocks.append(Block(open_kind, open_start, open_end, open_content, marker=open_marker))
            open_kind = None

    for start, line in spans:
        stripped = line.strip()
        if not stripped:
            close()
            continue
        tail = start + len(line.rstrip())
        first = stripped[0]
        if first == "#":
            heading = _HEADING.match(line)
            if heading:
                close()
                lead = start + (len(line) - len(line.lstrip()))
                content = start + heading.end()
                number = SECTION_NUMBER.match(text, content, tail)
                blocks.append(Block(BlockKind.HEADING, lead, tail, number.end() if number else content,
                                    level=len(heading.group(1))))
                continue
        elif first in "|:-" and "-" in line and _TABLE_SEPARATOR.match(line):
            if len(blocks) == floor:
                looked_back = True
            if "|" in line or (blocks and blocks[-1].kind is BlockKind.TABLE_ROW):
                close()
                if blocks and blocks[-1].kind is BlockKind.TABLE_ROW and not blocks[-1].header:
                    previous = blocks[-1]
                    blocks[-1] = Block(previous.kind, previous.start, previous.end,
                                       previous.content_start, header=True)
                continue
        if "\t" in stripped or first == "|":
            close()
            lead = start + (len(line) - len(line.lstrip()))
            blocks.append(Block(BlockKind.TABLE_ROW, lead, tail, lead))
            continue
        bullet = _LIST.match(line) if first in _LIST_START or first.isdecimal() else None
        if bullet and open_kind is BlockKind.PARAGRAPH and not text[open_start:open_end].rstrip().endswith(":") \
                and stripped[:1] == "-" and stripped[1:2].isspace():
            bullet = None  # "- " inside a hard-wrapped paragraph is a dash, not a new item
        if bullet and open_kind is BlockKind.PARAGRAPH and first.isdecimal() and (
                bullet.end() >= len(line.rstrip()) or bullet.group(1).strip()[:-1] != "1") \
                and not text[open_start:open_end].rstrip().endswith(":"):
            bullet = None  # as in CommonMark: a wrapped "12." or "3. of" goes on with its paragraph
        if bullet:
            close()
            marker = bullet.group(1).strip()
            open_kind, open_start, open_end = BlockKind.LIST_ITEM, start + (len(line) - len(line.lstrip())), tail
            open_content, open_marker = start + bullet.end(), " ".join(marker.split())
            continue
        if open_kind is not None:
            open_end = tail
        else:
            lead = start + (len(line) - len(line.lstrip()))
            open_kind, open_start, open_end, open_content, open_marker = BlockKind.PARAGRAPH, lead, tail, lead, ""
    close()
    return looked_back


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

    def words_in(self, start: int, end: int) -> range:
        """Indices of the words that start within [start, end)."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))


def parse_document(source: Source) -> Document:
    """Blocks, then the words of each block. Text without a carriage return is read in
    pieces split at blank lines ("\\n\\n"), each piece's reading memoised (canonlint.text_memo),
    so what editions share is read once per run; the readings are then joined, their
    offsets shifted, in a few passes of C code over all pieces. A blank line ends every
    block, so a piece reads the same wherever it stands, but for a table separator at its
    top that may look at the row above: such a piece is read again, after that row.
    A document's Source brings its reader's blocks (source.layout): those are the blocks."""
    if source.layout is not None:
        return document_from_blocks(source, source.layout.blocks)
    text = source.text
    if "\r" in text:  # lone CRs are line breaks that "\n\n" does not show: read whole
        blocks = parse_blocks(text)
        keys, starts, ends, counts = _block_words(text, blocks)
        return _document(source, blocks, keys, starts, ends, counts)
    pieces = text.split("\n\n")
    reads = list(map(_MEMO.recent.get, pieces))
    for index in compress(range(len(reads)), map(is_, reads, repeat(None))):
        reads[index] = _MEMO.get(pieces[index])
    offsets = list(accumulate(map(add, map(len, pieces), repeat(2)), initial=0))
    patches = _read_again(pieces, reads, offsets) if any(map(_LOOKED_BACK, reads)) else {}

    # Blocks: each piece's (start, end, content_start) shifted by its offset, zipped back
    # with its other fields (kind, level, marker, header).
    edges = map(add, _joined(map(_EDGES, reads)), _joined(map(repeat, offsets, map(len, map(_EDGES, reads)))))
    fixed = _joined(map(_FIXED, reads))
    blocks = list(map(_new_block, repeat(Block), zip(fixed, edges, edges, edges, fixed, fixed, fixed)))
    for index, block in patches.items():
        blocks[index] = block

    # Words: the edges of all words, start, end, start, end..., as running sums of the
    # pieces' steps; the first step into a piece goes from the last word edge before it.
    has_words = list(map(_WORDED, reads))
    worded = list(compress(reads, has_words))
    worded_offsets = list(compress(offsets, has_words))
    lasts = list(map(add, worded_offsets, map(_LAST_EDGE, worded)))
    entries = map(sub, map(add, worded_offsets, map(_FIRST_EDGE, worded)), chain((0,), lasts))
    word_edges = tuple(accumulate(_joined(_joined(zip(zip(entries), map(_STEPS, worded))))))
    return _document(source, blocks, _joined(map(_KEYS, reads)), word_edges[0::2], word_edges[1::2],
                     list(_joined(map(_COUNTS, reads))))


def document_from_blocks(source: Source, blocks: Sequence[Block]) -> Document:
    """The Document of blocks a reader found (canonlint.readers), with their words."""
    text = getattr(source.layout, "reading", None) or source.text  # words of what the reader kept
    keys, starts, ends, counts = _block_words(text, list(blocks))
    return _document(source, blocks, keys, starts, ends, counts)


_new_block = tuple.__new__  # a Block from the tuple of its fields, as Block._make but in C
_joined = chain.from_iterable


def _read_again(pieces: list[str], reads: list[_Piece], offsets: list[int]) -> dict[int, Block]:
    """Read again, in reads, each piece whose reading looked back when the block before it
    is a table row, with that row before it; the rows it changed, by block index."""
    patches: dict[int, Block] = {}
    last: Block | None = None  # the last block so far, as it stands
    count = 0  # blocks so far
    for index, (piece, read, offset) in enumerate(zip(pieces, reads, offsets)):
        if read.looked_back and last is not None and last.kind is BlockKind.TABLE_ROW:
            read = reads[index] = _read_piece(piece, last)
            if read.previous is not last:
                last = patches[count - 1] = read.previous
        blocks = len(read.fixed) // 4
        if blocks:
            count += blocks
            kind, level, marker, header = read.fixed[-4:]
            start, end, content_start = map(add, read.edges[-3:], repeat(offset))
            last = Block(kind, start, end, content_start, level, marker, header)
    return patches


def _document(source: Source, blocks: Iterable[Block], keys: Iterable[str], starts: Iterable[int],
              ends: Iterable[int], counts: list[int]) -> Document:
    owners = _joined(map(repeat, range(len(counts)), counts))
    ranges = list(map(range, accumulate(counts, initial=0), accumulate(counts)))
    for index in compress(range(len(counts)), map(not_, counts)):
        ranges[index] = range(0)
    return Document(source, tuple(blocks), tuple(keys), tuple(starts), tuple(ends), tuple(owners),
                    tuple(ranges))


def _block_words(text: str, blocks: list[Block]) -> tuple[list[str], list[int], list[int], list[int]]:
    """Keys, starts and ends of the words of the blocks, and each block's word count.
    Words are read from the whole text at once and shared out to the blocks by offset:
    a word never straddles a block's edges (they lie at line ends and after markers, next
    to blank space), and words outside every block (a numbered list's "1") are dropped,
    exactly as reading block by block would."""
    scanned = scan_words(text)
    if scanned is None:  # tags or link targets: read block by block
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
    return keys, starts, ends, counts


_CONTENT_START = attrgetter("content_start")
_END = attrgetter("end")


class _Piece:
    """The reading of one piece of text, with offsets relative to its start. Blocks: edges
    holds each one's start, end and content_start, fixed its kind, level, marker and
    header. Words: keys, and the edges of the words as the first word's start and the
    steps from there (its length, the gap to the next word, that word's length, ...),
    first_edge, last_edge the first word's start and the last's end, worded 1 when it has
    words (else 0); counts the words of each block. looked_back: a table separator looked at the block before the piece;
    previous: that block as the reading left it, when one was given."""

    __slots__ = ("counts", "edges", "first_edge", "fixed", "keys", "last_edge", "looked_back", "previous",
                 "steps", "worded")

    def __init__(self, blocks: list[Block], keys: list[str], starts: list[int], ends: list[int],
                 counts: list[int], looked_back: bool, previous: Block | None):
        self.edges = tuple(_joined(map(_EDGE_FIELDS, blocks)))
        self.fixed = tuple(_joined(map(_FIXED_FIELDS, blocks)))
        self.keys, self.counts = tuple(keys), tuple(counts)
        self.first_edge = starts[0] if starts else 0
        self.last_edge = ends[-1] if ends else 0
        self.worded = 1 if starts else 0  # for compress
        edges = tuple(_joined(zip(starts, ends)))
        self.steps = tuple(map(sub, edges[1:], edges))
        self.looked_back, self.previous = looked_back, previous


_EDGE_FIELDS, _FIXED_FIELDS = itemgetter(1, 2, 3), itemgetter(0, 4, 5, 6)
_EDGES, _FIXED, _KEYS, _COUNTS, _STEPS = map(attrgetter, ("edges", "fixed", "keys", "counts", "steps"))
_FIRST_EDGE, _LAST_EDGE, _WORDED, _LOOKED_BACK = map(
    attrgetter, ("first_edge", "last_edge", "worded", "looked_back"))


def _read_piece(piece: str, previous: Block | None) -> _Piece:
    """Read piece (text without a carriage return) as if previous were the block before it."""
    blocks = [] if previous is None else [previous]
    looked_back = _read_blocks(piece, _line_spans(piece), blocks)
    if previous is not None:
        previous = blocks.pop(0)
    keys, starts, ends, counts = _block_words(piece, blocks)
    return _Piece(blocks, keys, starts, ends, counts, looked_back, previous)


# Readings of pieces by content: what every edition shares is read once per run. A
# piece longer than LONGEST_PIECE (a file without blank lines) is read, not kept.
LONGEST_PIECE = 20_000
_MEMO: TextMemo[_Piece] = TextMemo(lambda piece: _read_piece(piece, None), 1_000_000, LONGEST_PIECE)


__all__ = ["Block", "BlockKind", "DocWord", "Document", "SECTION_NUMBER", "Words", "document_from_blocks", "parse_blocks",
           "parse_document"]
