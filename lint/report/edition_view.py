"""What the HTML report shows of one edition: its text, and the template's blocks beside
the edition's text block by block, read from the Alignment the rules used (never a diff
of its own).

Made during the run, while the edition's Alignment exists (check_source's `view` hook),
as plain data that travels back from a worker process and is kept until the report is
written: the edition's text and one row per template block, in template order, with
the edition text no block claimed (unexpected text, debris) as rows of their own after
the block they follow in the edition.
"""

from __future__ import annotations

import bisect
from operator import attrgetter
from dataclasses import dataclass

from canonlint.align import LOCATED, Alignment, Status
from canonlint.document import BlockKind, Document
from canonlint.source import Source
from canonlint.template import Template

EXTRA = "extra"   # the status of a row of edition text that no template block claimed
_START = attrgetter("start")
_MARKS = "-*+\u2022\u2013"  # list markers: a bullet, a dash


@dataclass(frozen=True, slots=True)
class ViewRow:
    block: int              # the template block, or -1 for edition text no block claimed
    status: str             # a Status value, or EXTRA
    section: int            # the template section (level-1 heading index) the row is in
    start: int              # edition offsets of the row's text (start == end: none, e.g. missing)
    end: int
    added: tuple[int, ...] = ()    # edition offsets, in pairs: words the template does not have here
    removed: tuple[int, ...] = ()  # template offsets, in pairs: its words the edition does not have


@dataclass(frozen=True, slots=True)
class EditionView:
    text: str
    rows: tuple[ViewRow, ...]


def _pairs(spans) -> tuple[int, ...]:
    return tuple(offset for span in spans for offset in span)


def _block_row(index: int, template: Template, document: Document, alignment: Alignment) -> ViewRow:
    match = alignment.matches[index]
    section = template.blocks[index].section
    if match.status not in LOCATED:  # missing, or a local block (its text is not compared)
        return ViewRow(index, match.status.value, section, match.start, match.end)
    added, removed = [], []
    for diff in match.diffs:
        if diff.e_end > diff.e_start:
            added.append((document.starts[diff.e_start], document.ends[diff.e_end - 1]))
        if diff.t_end > diff.t_start:
            removed.append((template.words[diff.t_start].start, template.words[diff.t_end - 1].end))
    return ViewRow(index, match.status.value, section, match.start, match.end, _pairs(added), _pairs(removed))


def _uncovered(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of text outside every span, trimmed of white space, that hold text."""
    stretches, at = [], 0
    for start, end in sorted(spans) + [(len(text), len(text))]:
        if start > at:
            piece = text[at:start]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if trail > lead:
                stretches.append((at + lead, at + trail))
        at = max(at, end)
    return stretches


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _with_markers(rows: list[ViewRow], text: str) -> list[ViewRow]:
    """Each located row widened back over the marks alone before it on its line (a list
    item's `- ` when a slot starts the item, a flattened list's ` * `): they belong to the
    item, not to a row of "text not in the template" of their own."""
    widened = []
    for row in rows:
        if row.status in LOCATED and row.end > row.start:
            line_start = text.rfind("\n", 0, row.start) + 1
            before = text[line_start:row.start].rstrip()
            marks = len(before.rstrip(_MARKS))
            if marks < len(before) and (marks == 0 or before[marks - 1].isspace()):
                row = ViewRow(row.block, row.status, row.section, line_start + marks, row.end, row.added, row.removed)
        widened.append(row)
    return widened


def _extra_row(start: int, end: int, document: Document, alignment: Alignment) -> ViewRow:
    words = document.words_in(start, end)
    section = alignment.word_sections[words.start] if words and alignment.word_sections else -1
    marked = [(max(start, run.start), min(end, run.end)) for run in (*alignment.unexpected, *alignment.duplicates)
              if run.start < end and run.end > start]
    return ViewRow(-1, EXTRA, section, start, end, _pairs(sorted(marked)))


def _widened(row: ViewRow, match, document: Document) -> ViewRow:
    """A located row widened to the whole edition block (its list marker, its last full
    stop) when its words begin or end one, and else over the punctuation and markup
    touching its first and last words: the alignment places words, and a marker is none."""
    if row.status not in LOCATED:
        return row
    text = document.text
    start, end = row.start, row.end
    if 0 <= match.first_word <= match.last_word < len(document.word_blocks):
        first, last = document.word_blocks[match.first_word], document.word_blocks[match.last_word]
        if document.block_words[first].start == match.first_word:
            start = min(start, document.blocks[first].start)
        if document.block_words[last].stop - 1 == match.last_word:
            end = max(end, document.blocks[last].end)
    while start > 0 and not text[start - 1].isspace() and not text[start - 1].isalnum():
        start -= 1
    while end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    return ViewRow(row.block, row.status, row.section, start, end, row.added, row.removed)


def edition_view(source: Source, document: Document, template: Template, alignment: Alignment) -> EditionView:
    """The rows of one edition: check_source's `view` hook."""
    rows = _with_markers([_widened(_block_row(i, template, document, alignment), alignment.matches[i], document)
                          for i in range(len(template.blocks))], source.text)
    spans = [(r.start, r.end) for r in rows if r.end > r.start]
    # Each stretch of unclaimed text follows the last block found at its place before it.
    in_place = sorted((r.start, i) for i, r in enumerate(rows)
                      if r.status in (Status.FOUND, Status.ALTERED, Status.LOCAL) and r.end > r.start)
    starts = [start for start, _ in in_place]
    after: dict[int, list[ViewRow]] = {}

    def follows(start: int) -> list[ViewRow]:
        k = bisect.bisect_right(starts, start) - 1
        return after.setdefault(in_place[k][1] if k >= 0 else -1, [])

    for start, end in _uncovered(source.text, spans):
        follows(start).append(_extra_row(start, end, document, alignment))
    # A block found out of place is shown where it stands, in the section it stands in.
    moved = {i for i, row in enumerate(rows) if row.status == Status.MOVED and row.end > row.start}
    for i in moved:
        row = rows[i]
        follows(row.start).append(ViewRow(row.block, row.status, _section_at(row, document, alignment), row.start,
                                          row.end, row.added, row.removed))
    ordered = sorted(after.get(-1, ()), key=_START)
    for i, row in enumerate(rows):
        if i not in moved:
            ordered.append(row)
        # Marks without words (an empty bullet) are in the section of the text they follow.
        ordered.extend(extra if extra.status != EXTRA or _has_words(source.text[extra.start:extra.end]) else
                       ViewRow(extra.block, extra.status, row.section, extra.start, extra.end, extra.added)
                       for extra in sorted(after.get(i, ()), key=_START))
    return EditionView(source.text, tuple(ordered))


def _section_at(row: ViewRow, document: Document, alignment: Alignment) -> int:
    """The template section the edition's text of a row stands in."""
    words = document.words_in(row.start, row.end)
    return alignment.word_sections[words.start] if words and alignment.word_sections else row.section


def heading_start(template: Template, index: int) -> int:
    """Where a template block's text is shown from: a heading without its `#` marks."""
    block = template.blocks[index]
    if block.kind is BlockKind.HEADING and block.last_word > block.first_word:
        return template.words[block.first_word].start
    return block.start
