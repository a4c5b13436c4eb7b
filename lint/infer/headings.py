"""Which plain lines of an edition play a heading's part, and at which level.

An edition in plain text marks no headings; a template must (`#`, `##`). A block is taken
for a heading when it is one short line that does not read as a sentence or a contact:
no closing punctuation, no address or number-heavy line. The first one (the title) and one directly
followed by another heading open a section (level 1); the others are level 2.
"""

from __future__ import annotations

from canonlint.document import BlockKind, Document

MAX_WORDS = 15
MIN_LETTER_WORDS = 0.5


def _heading_like(document: Document, block: int) -> bool:
    raw = document.blocks[block]
    if raw.kind is BlockKind.HEADING:
        return True
    if raw.kind is not BlockKind.PARAGRAPH:
        return False
    text = document.text[raw.content_start : raw.end].strip()
    words = document.block_words[block]
    if not text or "\n" in text or "\r" in text or len(words) > MAX_WORDS or not text[0].isupper():
        return False
    if text[-1] in ".,;:!" or "@" in text or "www." in text.lower() or "://" in text:
        return False
    letters = sum(1 for i in words if document.keys[i].isalpha())
    return letters >= MIN_LETTER_WORDS * len(words)


def first_heading(document: Document) -> int:
    """The first block that plays a heading's part (-1 if none): the title, level 1."""
    return next((b for b in range(len(document.blocks)) if _heading_like(document, b)), -1)


def heading_level(document: Document, block: int, first: int = -1) -> int:
    """The heading level of a pivot block, 0 when it is no heading; first: first_heading()."""
    raw = document.blocks[block]
    if raw.kind is BlockKind.HEADING:
        return raw.level
    if not _heading_like(document, block):
        return 0
    if block == first:
        return 1
    following = next((b for b in range(block + 1, len(document.blocks)) if len(document.block_words[b])), None)
    if following is None:
        return 0  # a closing line, not a heading of nothing
    return 1 if _heading_like(document, following) else 2
