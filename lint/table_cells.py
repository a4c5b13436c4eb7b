"""Table cells: where a row's cells part, and a cell with slots as a pattern.

A Markdown row parts its cells at `|` (`| Population | {n:count} |`); a row a word
processor or a text edition writes parts them at tabs. The template, inference, the
readers and the table rules all split and compile cells here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from canonlint.slot_syntax import SlotMarker, slot_markers

CELL_SEPARATOR = re.compile(r"[ \t]*(?:\t|\|)[ \t]*")


def pipe_cells(row: str) -> list[str]:
    """The cells of a Markdown row, as written (unstripped): between its pipes."""
    return row.strip().strip("|").split("|")


def tab_cells(row: str) -> list[str]:
    """The cells of a row whose cells part at tabs, as written: every one, blank ones too
    (a word processor's empty cell is a cell)."""
    return row.strip().split("\t")


def row_cells(row: str) -> list[str]:
    """The cells of a template's or an inferred row, as written (unstripped): between the
    pipes of a Markdown row, else between tabs, blank ones left out."""
    if row.strip().startswith("|"):
        return pipe_cells(row)
    return [cell for cell in tab_cells(row) if cell.strip()]


def cell_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank pieces of text[start:end] between cell separators (tabs or `|`), as
    spans without the blank space around them."""
    spans, cursor = [], start
    for match in CELL_SEPARATOR.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    out = []
    for lo, hi in spans:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            out.append((lo, hi))
    return out


@dataclass(frozen=True)
class CellPattern:
    regex: re.Pattern
    names: tuple[str, ...]   # slot name of capture group k + 1

# Bounded: a search tries the gap after every number, and an unbounded gap would run over a
# whole indented run each time (quadratic on a deeply nested list).
_LOOSE_GAP = r"[\W_]{0,40}?"
_WORD = re.compile(r"[^\W_]+")


def compile_cell(cell: str, pattern_of: Callable[[SlotMarker], str | None], loose: bool) -> CellPattern | None:
    """A template cell with slots as a pattern, each slot as the pattern pattern_of gives
    it, in a capture group of its own. Exact (not loose): the text around the slots as
    written, escaped braces as braces, for a twin cell to match whole. Loose: only its
    words, case aside, with up to 40 characters of blank space or punctuation between
    words and slots, to search an edition's text with. None when the cell holds no slot
    or pattern_of knows no pattern for one."""
    pieces, names, cursor = [], [], 0
    for found in slot_markers(cell):
        pattern = pattern_of(found)
        if pattern is None:
            return None
        pieces.extend(_literal(cell[cursor : found.start], loose))
        pieces.append(f"({pattern})")
        names.append(found.name)
        cursor = found.end
    pieces.extend(_literal(cell[cursor:], loose))
    if not names:
        return None
    if loose:
        return CellPattern(re.compile(_LOOSE_GAP.join(pieces), re.IGNORECASE), tuple(names))
    return CellPattern(re.compile("".join(pieces)), tuple(names))


def _literal(text: str, loose: bool) -> list[str]:
    if loose:
        return [re.escape(word) for word in _WORD.findall(text)]
    return [re.escape(text.replace("\\{", "{").replace("\\}", "}"))]
