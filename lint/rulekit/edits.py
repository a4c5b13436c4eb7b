"""The edits rules' fixes make: delete a span and tidy the space around it, delete whole
lines, move a span back to where it belongs.

Each returns Edits over the edition's text and changes no character outside the span it
names and the space it tidies: a fix leaves no doubled, leading or trailing space, no two
words glued together, no blank line left where a block was taken out.
"""

from __future__ import annotations

from canonlint.document import Document
from canonlint.finding import Edit
from canonlint.rulekit.lists import starts_line_text

_SPACE = " \t"
_BLANK = " \t\r\n"


def delete_span(document: Document, start: int, end: int) -> Edit:
    """text[start:end] deleted: as whole lines (delete_block) when it fills its lines — only
    spaces or a list marker before it, nothing after it —, else as words inside a line
    (delete_words)."""
    if end == document.source.line_bounds(end)[1] and starts_line_text(document, start):
        return delete_block(document, start, end)
    return delete_words(document, start, end)


def delete_words(document: Document, start: int, end: int) -> Edit:
    """text[start:end] deleted from within its line with the spaces on one side of it: those
    after it when it starts its line's text (after a list marker, if any); those before it
    when punctuation or the line's end follows; those after it when it stands between
    spaces. A span touching a word on one side goes alone: no two words are glued together."""
    text = document.text
    line_start, line_end = document.source.line_bounds(start)
    after = end
    while after < line_end and text[after] in _SPACE:
        after += 1
    before = start
    while before > line_start and text[before - 1] in _SPACE:
        before -= 1
    if starts_line_text(document, start):
        return Edit(start, after, "")
    if before < start and (after == line_end or not text[after].isalnum()):
        return Edit(before, end, "")
    return Edit(start, after if before < start else end, "")


def delete_block(document: Document, start: int, end: int) -> Edit:
    """The lines holding text[start:end] deleted with the blank lines after them, so that
    the blocks around them stay one blank line apart. At the text's end the blank lines
    before them go instead, and the text ends as it did (with or without a line break)."""
    text, source = document.text, document.source
    line_start = source.line_bounds(start)[0]
    after = source.line_bounds(end)[1]
    while after < len(text) and text[after] in _BLANK:
        after += 1
    if after < len(text):
        return Edit(line_start, after, "")
    before = line_start
    while before > 0 and text[before - 1] in _BLANK:
        before -= 1
    ending = source.newline if text and text[-1] in "\r\n" else ""
    return Edit(before, len(text), ending if before else "")


def delete_lines(document: Document, start: int, end: int) -> Edit:
    """The lines holding text[start:end] deleted with their line breaks, and nothing else
    (an empty bullet between two items leaves the list whole)."""
    source = document.source
    line_start = source.line_bounds(start)[0]
    line_end = source.line_bounds(end)[1]
    line = source.position(line_end)[0]  # 1-based: the index of the next line's start
    following = source.line_starts[line] if line < len(source.line_starts) else line_end
    return Edit(line_start, following, "")


def move_back(removal: Edit, place: int, written: str) -> tuple[Edit, Edit] | None:
    """The edits that move a span back to place: written inserted there, removal (the span
    deleted, made by one of the deletions above) applied. None when place falls inside the
    text removed: the span is already where it belongs."""
    if removal.start <= place <= removal.end:
        return None
    return Edit(place, place, written), removal
