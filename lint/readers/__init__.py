"""Readers: the one place that knows a file format. Each turns a file's bytes into the
blocks the format really has (headings, paragraphs, list items, table rows with cells),
each with its place in the file as a person finds it (a page and a line on it, a
paragraph number and the heading above it). canonlint.readers.layout lays the blocks out as one
extracted text and builds the Source whose Layout holds them, so the Document is made
from the reader's blocks and rules never learn the format.

A reader module has `read(data: bytes, name: str) -> list[ReadBlock]` and raises
ReadError for a file it cannot read. Readers are imported only for their own format; a
reader whose library is missing names the extra that brings it.

Below this dispatch, and imported by every reader: `reader_output` (what a reader makes:
ReadBlock, DocumentPlace, Pending, Link, Layout, ReadError), `folding` (whitespace folded as blocks
are laid out, and where an offset stands once folded) and `format_reader` (one format's
reader called on a file's bytes, here or in the isolated child).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from canonlint.document import BlockKind
from canonlint.readers.folding import folded_links
from canonlint.readers.format_reader import read_with
from canonlint.readers.kinds import EDITION_KINDS, format_name, kind_of
from canonlint.readers.reader_output import (
    EMPTY, Layout, Link, MissingExtra, Pending, PendingAt, DocumentPlace, ReadBlock, ReadBlocks, ReadError, TextBudget,
    shifted,
)
from canonlint.source import MAX_BYTES, Source, SourceError, read_file, read_source
from canonlint.table_cells import tab_cells

# Which reader reads which suffix, and what each format is called, come from the one table
# of edition kinds (canonlint.readers.kinds). Plain text (.txt, and anything not listed)
# keeps canonlint.source's reader; Markdown is read as text, then as CommonMark
# (canonlint.readers.md), an edition and a template alike.
READERS: dict[str, str] = {kind.suffix: kind.reader for kind in EDITION_KINDS if kind.reader is not None}
# Formats read by a native library, which can abort the process: read in a child process
# (canonlint.readers.isolated), format → the library.
ISOLATED = {"pdf": "pypdfium2"}
EXTRA = "documents"  # the extra that brings the PDF library (canonlint.extras names its install command)


def plain_paragraph(text: str, place: Callable[[], DocumentPlace]) -> ReadBlock:
    """A word processor's paragraph of no heading or list style: a table row where tabs
    part its cells, else a paragraph; an empty one is a blank line (EMPTY), where text was
    typed as lines, and takes no paragraph number (place() is called only for text)."""
    if "\t" in text.strip():
        return ReadBlock(BlockKind.TABLE_ROW, text, (place(),), cells=tuple(tab_cells(text)))
    if text.strip():
        return ReadBlock(BlockKind.PARAGRAPH, text, (place(),))
    return EMPTY


def paragraphs_in(element, paragraph: str, skipped: set[str]):
    """The paragraphs (tag `paragraph`) inside a word processor's element (a table cell), in
    order, not those inside the `skipped` elements (text boxes, notes, comments)."""
    for child in element:
        if child.tag == paragraph:
            yield child
        elif child.tag not in skipped:
            yield from paragraphs_in(child, paragraph, skipped)


def reader_for(name: str) -> str | None:
    """The reader module for a file name, or None for plain text."""
    return kind_of(name).reader


def read_edition(path: Path | None, display: str, data: bytes | None = None) -> Source:
    """The Source of one edition: a document through its reader, anything else as text.
    path None reads data (standard input, named display); data given with a path is that
    file's bytes, read already (the result cache reads them once)."""
    kind = kind_of(display)
    if data is None:
        data = read_file(path, display) if path is not None else b""  # regular files only, within MAX_BYTES
    if not kind.document:
        source = Source.from_bytes(display, data)
        if kind.markdown:
            from canonlint.readers.md import with_markdown_layout

            return with_markdown_layout(source)
        return source
    from canonlint.readers.layout import lay_out

    if not data:
        raise ReadError(f"{display}: the file is empty (0 bytes), not a {kind.name} document")
    if kind.reader in ISOLATED:
        require(ISOLATED[kind.reader], display, kind.name)  # the library's absence said here, in one line
        from canonlint.readers import isolated

        blocks = isolated.read(kind.reader, data, display, kind.name)
    else:
        blocks = read_blocks(kind.reader, data, display)
    return lay_out(display, kind.reader, blocks)


def read_blocks(module: str, data: bytes, display: str) -> list[ReadBlock]:
    """The blocks canonlint.readers.<module> reads from data; whatever goes wrong a ReadError."""
    return read_with(module, data, display, format_name(module))


def require(module: str, display: str, kind: str):
    """Import a reader's library, or say which extra brings it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        from canonlint.extras import install_command

        raise MissingExtra(f"{display}: reading {kind} files needs the '{EXTRA}' extra: "
                           f"{install_command(EXTRA)}") from None


__all__ = ["EMPTY", "folded_links", "plain_paragraph", "Layout", "Link", "MissingExtra", "Pending", "PendingAt", "DocumentPlace",
           "ReadBlock", "ReadBlocks", "paragraphs_in", "shifted", "ReadError", "READERS",
           "read_blocks", "read_edition", "reader_for", "require", "TextBudget"]
