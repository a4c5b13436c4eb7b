"""What a reader makes of a file (canonlint.readers): its blocks (ReadBlock) with their
places (DocumentPlace), pending work (Pending) and links (Link), the Layout a Document is made from,
and ReadError for a file it cannot read. Every reader module and the layout read these; the
package's dispatch (canonlint.readers) sits above them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from canonlint.document import BlockKind
from canonlint.source import MAX_BYTES, Source, SourceError


class ReadError(SourceError):
    """A document that cannot be read; the message says why in one line."""


class MissingExtra(ReadError):
    """The library a reader needs is not installed."""


@dataclass(frozen=True, slots=True)
class DocumentPlace:
    """Where a block (or one line of it) stands in a document, in the words of its format:
    page and line on it, paragraph, the heading above (canonlint.rule.Place is another
    thing: the line and column a corpus finding points to)."""

    page: int | None = None        # PDF: page number, 1-based
    page_line: int | None = None   # PDF: line on that page, 1-based
    paragraph: int | None = None   # Word/OpenDocument/HTML: paragraph number in body order, 1-based
    under: str | None = None       # the heading the block stands under

    def describe(self) -> str:
        """The place as a person reads it: "page 2, line 14", "paragraph 12, under 'Useful contacts'"."""
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}" + (f", line {self.page_line}" if self.page_line else ""))
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        if self.under:
            parts.append(f"under '{self.under}'")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Pending:
    """Work a reviewer left in a document and nobody accepted, rejected or resolved: a
    tracked change (kind "insertion", "deletion", "move", "formatting", "paragraph") or an
    open comment (kind "comment"). `at` is where it stands in its block's text (a reader
    reads the text as if every change were accepted); `text` is the words concerned (the
    inserted, deleted or moved words, those formatted, or those a comment is anchored on),
    `note` a comment's own words."""

    kind: str
    author: str = ""
    date: str = ""
    text: str = ""
    at: int = 0
    note: str = ""
    in_box: bool = False   # in a text box (told where the box stands: its words are not the text's)


@dataclass(frozen=True, slots=True)
class PendingAt:
    """A Pending laid out: its offset in the extracted text."""

    pending: Pending
    offset: int


@dataclass(frozen=True, slots=True)
class ReadBlock:
    """One block as a reader found it. text holds the block's words (for a table row, its
    cells); a PDF paragraph's text may hold line breaks, one per line of the page, and
    places then holds one DocumentPlace per line."""

    kind: BlockKind
    text: str = ""
    places: tuple[DocumentPlace, ...] = (DocumentPlace(),)
    level: int = 0                     # heading level, 1-based
    marker: str = ""                   # list marker: "-" for a bullet, "1." for a number
    cells: tuple[str, ...] = ()        # a table row's cells
    header: bool = False               # a table's header row
    pending: tuple[Pending, ...] = ()  # a word processor's pending changes and open comments in it
    links: tuple[tuple[int, int, str], ...] = ()  # (start, end, target) of each link in text


@dataclass(frozen=True, slots=True)
class Link:
    """A link as a reader found it: the span of its visible text and the target it leads
    to, as written. Where the file's own text holds the target (a Markdown link or reference
    definition), target_start and target_end are its offsets, else -1."""

    start: int
    end: int
    target: str
    target_start: int = -1
    target_end: int = -1


class TextBudget:
    """The text a document may produce, counted while it is read: as much as a text edition
    may hold (MAX_BYTES characters). A text bomb — a small package whose one run of text or
    whose repeated spaces unpack to hundreds of megabytes — is refused as it unpacks."""

    def __init__(self, name: str) -> None:
        self.name, self.left = name, MAX_BYTES

    def spend(self, characters: int) -> None:
        self.left -= characters
        if self.left < 0:
            raise ReadError(f"{self.name}: the document holds more than {MAX_BYTES / 1e6:.0f} MB of "
                            "text, more than an edition may: refused (a text bomb or not an edition)")


# An empty paragraph, as a reader of Word or OpenDocument passes it on: see canonlint.readers.layout.
EMPTY = ReadBlock(BlockKind.PARAGRAPH, "", (DocumentPlace(),))


def shifted(pending: tuple[Pending, ...], by: int) -> tuple[Pending, ...]:
    """Pending work of a text that now starts `by` characters later (earlier, if negative)."""
    return tuple(replace(p, at=max(0, p.at + by)) for p in pending)


class ReadBlocks(list):
    """A reader's blocks in order, with the pending work (Pending) of each: that of an
    empty paragraph, or a row deleted whole, is told at the start of the next block (at the
    end of the last one, if none follows)."""

    def __init__(self) -> None:
        super().__init__()
        self.carried: tuple[Pending, ...] = ()

    def add(self, block: ReadBlock, pending: tuple[Pending, ...] = ()) -> None:
        pending = self.carried + pending
        if pending and block is EMPTY:
            self.carried = tuple(replace(p, at=0) for p in pending)
        else:
            self.carried = ()
            block = replace(block, pending=pending) if pending else block
        self.append(block)

    def carry(self, pending: tuple[Pending, ...]) -> None:
        """Pending work of something that is no block (a row of no text)."""
        self.carried += tuple(replace(p, at=0) for p in pending)

    def finished(self) -> list[ReadBlock]:
        for index in range(len(self) - 1, -1, -1):
            if self.carried and self[index] is not EMPTY:
                last = self[index]
                self[index] = replace(last, pending=last.pending + tuple(replace(p, at=len(last.text))
                                                                         for p in self.carried))
                break
        return list(self)


@dataclass(frozen=True)
class Layout:
    """What a reader made of a document: its format, its blocks as Document blocks (offsets
    into the extracted text) and the place of every line of that text."""

    format: str                        # "docx", "pdf", ...
    blocks: tuple = ()                 # canonlint.document.Block
    places: tuple[DocumentPlace, ...] = field(default=(), repr=False)  # by extracted line, 0-based
    # A text format's reader (Markdown) reads the file's own text: `reading` is that text with
    # what is not the edition's (comments, link definitions) blanked, offsets kept, and
    # `reread` makes the Source of another text of the same file (a fixed one, or one with
    # suppression comments masked). A document (reread None) is never rewritten.
    reading: str | None = field(default=None, repr=False)
    reread: Callable[[Source], Source] | None = field(default=None, repr=False, compare=False)
    pending: tuple[PendingAt, ...] = field(default=(), repr=False)  # pending changes, open comments
    # Spans of the extracted text no character of the file stands for: the markers a reader
    # gave list items from their numbering ("1. ", "- "). Writing back skips them.
    markers: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    # The PDF exported from this Word or OpenDocument file, read (canonlint.pairs), or None.
    companion: Source | None = field(default=None, repr=False, compare=False)
    links: tuple[Link, ...] = field(default=(), repr=False)  # offsets into the extracted text
    inline_code: tuple[tuple[int, int], ...] = field(default=(), repr=False)  # a Markdown file's `code` spans

    def place(self, line: int) -> DocumentPlace | None:
        """The place of a 1-based line of the extracted text (None: a blank line between blocks)."""
        return self.places[line - 1] if 0 < line <= len(self.places) else None
