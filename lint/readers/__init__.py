"""Readers: the one place that knows a file format. Each turns a file's bytes into the
blocks the format really has (headings, paragraphs, list items, table rows with cells),
each with its place in the file as a person finds it (a page and a line on it, a
paragraph number and the heading above it). canonlint.readers.layout lays the blocks out as one
extracted text and builds the Source whose Layout holds them, so the Document is made
from the reader's blocks and rules never learn the format.

A reader module has `read(data: bytes, name: str) -> list[ReadBlock]` and raises
ReadError for a file it cannot read. Readers are imported only for their own format; a
reader whose library is missing names the extra that brings it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from canonlint.document import BlockKind
from canonlint.source import MAX_BYTES, Source, SourceError, read_source

# Suffix → reader module (in canonlint.readers). Plain text (.txt, and anything not listed)
# keeps canonlint.source's reader; Markdown is read as text, then as CommonMark (canonlint.readers.md).
READERS: dict[str, str] = {
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".odt": "odt",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
}
KINDS = {"docx": "Word", "odt": "OpenDocument text", "pdf": "PDF", "html": "HTML"}
# Formats read by a native library, which can abort the process: read in a child process
# (canonlint.readers.isolated), format → the library.
ISOLATED = {"pdf": "pypdfium2"}
EXTRA = "documents"  # pip install 'canonlint[documents]'


class ReadError(SourceError):
    """A document that cannot be read; the message says why in one line."""


class MissingExtra(ReadError):
    """The library a reader needs is not installed."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a block (or one line of it) stands, in the words of its format."""

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
class ReadBlock:
    """One block as a reader found it. text holds the block's words (for a table row, its
    cells); a PDF paragraph's text may hold line breaks, one per line of the page, and
    places then holds one Place per line."""

    kind: BlockKind
    text: str = ""
    places: tuple[Place, ...] = (Place(),)
    level: int = 0                     # heading level, 1-based
    marker: str = ""                   # list marker: "-" for a bullet, "1." for a number
    cells: tuple[str, ...] = ()        # a table row's cells
    header: bool = False               # a table's header row


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
EMPTY = ReadBlock(BlockKind.PARAGRAPH, "", (Place(),))


def plain_paragraph(text: str, place: Callable[[], Place]) -> ReadBlock:
    """A word processor's paragraph of no heading or list style: a table row where tabs
    part its cells, else a paragraph; an empty one is a blank line (EMPTY), where text was
    typed as lines, and takes no paragraph number (place() is called only for text)."""
    if "\t" in text.strip():
        return ReadBlock(BlockKind.TABLE_ROW, text, (place(),), cells=tuple(text.strip().split("\t")))
    if text.strip():
        return ReadBlock(BlockKind.PARAGRAPH, text, (place(),))
    return EMPTY


@dataclass(frozen=True)
class Layout:
    """What a reader made of a document: its format, its blocks as Document blocks (offsets
    into the extracted text) and the place of every line of that text."""

    format: str                        # "docx", "pdf", ...
    blocks: tuple = ()                 # canonlint.document.Block
    places: tuple[Place, ...] = field(default=(), repr=False)  # by extracted line, 0-based
    # A text format's reader (Markdown) reads the file's own text: `reading` is that text with
    # what is not the edition's (comments, link definitions) blanked, offsets kept, and
    # `reread` makes the Source of another text of the same file (a fixed one, or one with
    # suppression comments masked). A document (reread None) is never rewritten.
    reading: str | None = field(default=None, repr=False)
    reread: Callable[[Source], Source] | None = field(default=None, repr=False, compare=False)

    def place(self, line: int) -> Place | None:
        """The place of a 1-based line of the extracted text (None: a blank line between blocks)."""
        return self.places[line - 1] if 0 < line <= len(self.places) else None


def reader_for(name: str) -> str | None:
    """The reader module for a file name, or None for plain text."""
    return READERS.get(Path(name).suffix.lower())


def read_edition(path: Path | None, display: str, data: bytes | None = None) -> Source:
    """The Source of one edition: a document through its reader, anything else as text.
    path None reads data (standard input, named display)."""
    module = reader_for(display)
    if module is None or module == "md":
        source = read_source(path, display) if path is not None else Source.from_bytes(display, data or b"")
        if module == "md":
            from canonlint.readers.md import with_markdown_layout

            return with_markdown_layout(source)
        return source
    if data is None:
        from canonlint.files import read_file  # regular files only, within MAX_BYTES

        data = read_file(path, display)
    from canonlint.readers.layout import lay_out

    if not data:
        raise ReadError(f"{display}: the file is empty (0 bytes), not a {KINDS[module]} document")
    if module in ISOLATED:
        require(ISOLATED[module], display, KINDS[module])  # the library's absence said here, in one line
        from canonlint.readers import isolated

        blocks = isolated.read(module, data, display, KINDS[module])
    else:
        blocks = read_blocks(module, data, display)
    return lay_out(display, module, blocks)


def read_blocks(module: str, data: bytes, display: str) -> list[ReadBlock]:
    """The blocks canonlint.readers.<module> reads from data; whatever goes wrong a ReadError."""
    reader = importlib.import_module(f"canonlint.readers.{module}")
    try:
        return reader.read(data, display)
    except SourceError:
        raise
    except Exception as exc:  # a library's own error on a damaged file: one line, no traceback
        raise ReadError(f"{display}: cannot read this {KINDS[module]} file ({type(exc).__name__}: "
                        f"{str(exc).splitlines()[0] if str(exc) else 'damaged'})") from None


def require(module: str, display: str, kind: str):
    """Import a reader's library, or say which extra brings it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f"{display}: reading {kind} files needs the '{EXTRA}' extra: "
                           f"pip install 'canonlint[{EXTRA}]'") from None


__all__ = ["EMPTY", "plain_paragraph", "Layout", "MissingExtra", "Place", "ReadBlock", "ReadError", "READERS",
           "read_blocks", "read_edition", "reader_for", "require",
           "TextBudget"]
