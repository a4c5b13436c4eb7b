"""What the reader of an edition found beside its text — its links, its tracked changes and
comments, the PDF exported from it, the text as the reader read it — for the rules that
check them. The one place rules learn these facts from (a Source holds its reader's
Layout untyped, so that the bottom layer does not import the readers); a plain-text
edition has none of them."""

from __future__ import annotations

from canonlint.document import Document
from canonlint.readers import Link, PendingAt
from canonlint.source import Source


def links(document: Document) -> tuple[Link, ...]:
    """The links of a Markdown, Word or HTML edition: their text's spans and targets."""
    return getattr(document.source.layout, "links", ())


def pending_items(document: Document) -> tuple[PendingAt, ...]:
    """A Word or OpenDocument edition's tracked changes and comments, where they stand."""
    return getattr(document.source.layout, "pending", ())


def companion_pdf(document: Document) -> Source | None:
    """The PDF exported from a Word or OpenDocument edition, read, or None."""
    return getattr(document.source.layout, "companion", None)


def as_read(document: Document) -> str:
    """The edition's text as its reader read it: a Markdown file's with what is not the
    edition's blanked (its comments, link definitions, quote markers), offsets kept."""
    return getattr(document.source.layout, "reading", None) or document.text
