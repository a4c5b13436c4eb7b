"""A document's findings told where a person finds them — the heading the finding stands
under and a short quote of the words around it, plus the page of a PDF — at the end of the
message: `[under 'Useful contacts': '…0300 123 1213…']`, `[page 2, under 'MPA': '…']`.

The heading is the one the reader found above the finding (a Word heading style, a PDF
line set large); in a file with no heading styles (text saved as Word by LibreOffice), the
template's heading the aligner located last before it. JSON keeps the numbers (`page`,
`page_line`, `paragraph`) and `under`; line and column stay those of the extracted text
(what `--diff` shows), for SARIF and GitHub.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from canonlint.finding import Finding
from canonlint.readers import DocumentPlace, Layout

QUOTE = 40  # characters of the quote, about; whole words


class DocumentPlaces:
    """Where the findings of one document stand, told as each finding is built
    (canonlint.run.findings)."""

    def __init__(self, layout: Layout, text: str, line_starts: tuple[int, ...],
                 headings: tuple[tuple[int, str], ...] = ()) -> None:
        """headings: (offset, heading as the edition writes it) of the template's headings
        located in the edition, in order."""
        self.layout, self.text, self.line_starts, self.headings = layout, text, line_starts, headings
        self._starts = [offset for offset, _ in headings]

    def told(self, finding: Finding) -> Finding:
        """finding with its place at the end of its message, and in its fields."""
        layout, text = self.layout, self.text
        place = layout.place(finding.line)
        if place is None or finding.line <= 0:
            place = _nearest(layout, finding.line) or DocumentPlace()
        offset = _offset(self.line_starts, len(text), finding.line, finding.column)
        under = place.under
        if under is None and self.headings:
            index = bisect.bisect_left(self._starts, offset) - 1  # above it: a heading is not under itself
            under = self.headings[index][1] if index >= 0 else None
        end = _offset(self.line_starts, len(text), finding.end_line, finding.end_column)
        quote = _quote(text, offset, max(offset, end))
        parts = [f"page {place.page}"] if place.page is not None else []
        if under:
            parts.append(f"under '{under}'")
        where = ", ".join(parts)
        if quote:
            where = f"{where}: '{quote}'" if where else f"at '{quote}'"
        if not where:
            return finding
        return replace(finding, message=f"{finding.message} [{where}]", page=place.page,
                       page_line=place.page_line, paragraph=place.paragraph, under=under)


def unplaced(finding: Finding) -> str:
    """A finding's message without the place DocumentPlaces.told at its end."""
    if finding.page is None and finding.paragraph is None and finding.under is None:
        return finding.message
    return finding.message.rsplit(" [", 1)[0]


def _offset(line_starts: tuple[int, ...], size: int, line: int, column: int) -> int:
    if line < 1 or not line_starts:
        return 0
    if line > len(line_starts):
        return size
    return min(line_starts[line - 1] + max(column, 1) - 1, size)


def _quote(text: str, start: int, end: int) -> str:
    """The words of text[start:end] (cut to QUOTE characters), or the words around start,
    on its line; '…' where the line goes on."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if end <= start or end > line_end:
        end = min(line_end, start + QUOTE // 2)
        start = max(line_start, start - QUOTE // 2)
    else:
        spare = max(0, QUOTE - (end - start)) // 2
        start, end = max(line_start, start - spare), min(line_end, end + spare)
    if end - start > QUOTE:
        end = start + QUOTE
    while start > line_start and not text[start - 1].isspace() and not text[start].isspace():
        start -= 1  # whole words
    while end < line_end and not text[end].isspace() and not text[end - 1].isspace():
        end += 1
    words = " ".join(text[start:end].split())
    if not words:
        return ""
    return ("…" if start > line_start else "") + words + ("…" if end < line_end else "")


def _nearest(layout: Layout, line: int):
    """The place of the nearest line that has one (a blank line between blocks: the next block's)."""
    for candidate in (*range(max(line, 1), len(layout.places) + 1), *range(min(line, len(layout.places)), 0, -1)):
        place = layout.place(candidate)
        if place is not None and place.describe():
            return place
    return None
