"""PDF editions, read with pypdfium2 (PDFium: fast, permissive licence; the `documents`
extra). Text comes in reading order as PDFium's text segments, each with its box and font:

- segments whose boxes share a baseline band are one line; a line of several segments
  far apart (more than two em) is a table row, one cell per segment, and a following
  line that fills fewer of the columns continues the cells it lies under (a wrapped cell);
- a line set larger than the body text (or bold, where the body is not) is a heading,
  levels by size; lines starting with a bullet (•, ▪, –) or a number ("1.") start list items;
- lines follow on in one block until a wider gap than the line spacing, a change of
  font size, a new item, or (in a block that fills the measure) a line whose first word
  would have fitted after the sentence that ends the line before; a block that fills its last line on one page goes on at the
  top of the next;
- a word hyphenated at a line end is joined: without the hyphen when the line break added
  it (a soft hyphen, or a hyphen drawn apart from its word), or when the document elsewhere
  writes the word whole and never with the hyphen; else with it ("day-to-day" wrapped
  after "day-to-" stays hyphenated). A hyphen PDFium marks as a line end's (U+FFFE) that
  nothing tells apart stays at the line end, hyphen and line break, and the alignment
  takes it as either reading;
- a line holding only a page number at the top or bottom of a page is left out, and so is
  a running header or footer (the same line first or last on half the pages or more).

Each line's place is its page, its line on that page and the heading above it. A PDF without a text layer (a
scan), an encrypted one and a damaged one are ReadErrors.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from canonlint.document import BlockKind
from canonlint.readers import require
from canonlint.readers.reader_output import DocumentPlace, ReadBlock, ReadError, TextBudget

MAX_PAGES = 1_000  # an edition is a few pages; reading takes some 12 ms a page
_BULLETS = "•▪◦‣●■–·\uf0b7"
_TYPED = re.compile(r"\s*([-*+](?:\s+[-*+](?=\s|$))?)(?:\s+|$)")
_NUMBERED = re.compile(r"(\d{1,3}[.)])\s+")
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE)


@dataclass(slots=True)
class _Segment:
    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float
    weight: int
    space_before: bool = False  # its text (in the page) begins with a space
    space_after: bool = False   # or ends with one


@dataclass(slots=True)
class _Line:
    segments: list[_Segment]
    page: int
    number: int  # line on its page, 1-based
    size: float = 0.0
    weight: int = 0

    @property
    def left(self) -> float:
        return self.segments[0].left

    @property
    def right(self) -> float:
        return max(s.right for s in self.segments)

    @property
    def top(self) -> float:
        return max(s.top for s in self.segments)

    @property
    def bottom(self) -> float:
        return min(s.bottom for s in self.segments)

    @property
    def text(self) -> str:
        """The segments' text; segments that touch (a bold word before its comma) join
        without a space."""
        out = self.segments[0].text
        for before, segment in zip(self.segments, self.segments[1:]):
            touching = not (before.space_after or segment.space_before) and \
                segment.left - before.right < 0.1 * max(segment.size, 1.0)
            out += ("" if touching else " ") + segment.text
        return out


def read(data: bytes, name: str) -> list[ReadBlock]:
    pdfium = require("pypdfium2", name, "PDF")
    lines = _lines(pdfium, data, name)
    if not any(line.text.strip() for line in lines):
        raise ReadError(f"{name}: the PDF has no text layer (a scan or images of text?); canonlint reads "
                        "text, so run it through OCR or check the file it was made from")
    return _Blocks(lines).read()


def _lines(pdfium, data: bytes, name: str) -> list[_Line]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ReadError(f"{name}: the PDF is encrypted (password-protected); save an unprotected copy") from None
        raise ReadError(f"{name}: not a readable PDF (damaged or truncated: {exc})") from None
    pages: list[list[_Line]] = []
    budget = TextBudget(name)
    try:
        if len(document) > MAX_PAGES:
            raise ReadError(f"{name}: the PDF has {len(document):,} pages, more than an edition's {MAX_PAGES:,}: refused")
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                budget.spend(textpage.count_chars())
                pages.append(_page_lines(pdfium, textpage, index + 1))
            finally:
                page.close()
    finally:
        document.close()
    running = _running_lines(pages)
    return [line for page in pages for index, line in enumerate(page)
            if not (index in (0, len(page) - 1) and (_DIGITS.sub("#", line.text) in running
                                                     or _page_number(page, index, running)))]


_DIGITS = re.compile(r"\d+")


def _running_lines(pages: list[list[_Line]]) -> dict[str, int]:
    """Texts (figures as #) that stand first or last on at least half the pages, three or
    more: a running header or footer, not the edition's text; and page numbers that do so
    on two or more, with the number of pages each stands on."""
    counts = Counter()
    for page in pages:
        counts.update({_DIGITS.sub("#", line.text) for line in (page[:1] + page[-1:])})
    return {text: count for text, count in counts.items()
            if (len(pages) >= 3 and count >= max(3, len(pages) / 2))
            or (count >= 2 and _PAGE_NUMBER.fullmatch(text.replace("#", "1").strip()))}


def _page_number(page: list[_Line], index: int, running: dict[str, int]) -> bool:
    """Whether the first or last line of a page is its number: a number alone that stands
    apart from the text (unlike the last word of a paragraph), or one like the other pages'."""
    line = page[index]
    if not _PAGE_NUMBER.fullmatch(line.text.strip()):
        return False
    if _DIGITS.sub("#", line.text) in running or len(page) == 1:
        return True
    neighbour = page[index - 1] if index else page[1]
    gap = neighbour.bottom - line.top if index else line.bottom - neighbour.top
    return gap > 1.5 * max(line.size, 1.0)


def _page_lines(pdfium, textpage, page: int) -> list[_Line]:
    segments = _segments(pdfium.raw, textpage)
    textpage.close()
    lines: list[_Line] = []
    for segment in segments:
        middle = (segment.top + segment.bottom) / 2
        for line in reversed(lines[-3:]):
            if line.bottom <= middle <= line.top:
                line.segments.append(segment)
                break
        else:
            lines.append(_Line([segment], page, 0))
    lines.sort(key=lambda line: -line.top)
    for number, line in enumerate(lines, start=1):
        line.segments.sort(key=lambda s: s.left)
        line.number = number
        chars = Counter()
        for segment in line.segments:
            chars[(segment.size, segment.weight)] += len(segment.text)
        line.size, line.weight = chars.most_common(1)[0][0]
    return lines


_BOLD = re.compile(rb"bold|black|heavy|semibold|demi", re.IGNORECASE)


def _weight(raw, textpage, char: int) -> int:
    """The font weight of a character: as the PDF states it, or 700 for a font named bold
    (many PDFs state 400 for every font)."""
    import ctypes

    name = ctypes.create_string_buffer(128)
    raw.FPDFText_GetFontInfo(textpage.raw, char, name, 128, None)
    return 700 if _BOLD.search(name.value) else max(raw.FPDFText_GetFontWeight(textpage.raw, char), 400)


def _segments(raw, textpage) -> list[_Segment]:
    """The page's text segments. PDFium's text comes line by line (a line: a run of its
    characters between generated line breaks); a line of one box is one segment, read from
    the page's text at once; one of several boxes (table cells, text far apart) is read
    box by box, which costs a pass over the page each."""
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():  # characters beyond one UTF-16 unit: box by box
        return [_segment(raw, textpage, rect, None) for rect in _rects(textpage, 0, -1)]
    segments = []
    start = 0
    for line in text.split("\r\n"):
        if line.strip():
            rects = _rects(textpage, start, len(line))
            if len(rects) == 1:
                segments.append(_segment(raw, textpage, rects[0], (start, line)))
            else:
                segments.extend(_segment(raw, textpage, rect, None) for rect in rects)
        start += len(line) + 2
    return [segment for segment in segments if segment is not None]


def _rects(textpage, start: int, count: int) -> list[tuple[float, float, float, float]]:
    return [textpage.get_rect(index) for index in range(textpage.count_rects(start, count))]


def _segment(raw, textpage, rect, line: tuple[int, str] | None) -> _Segment | None:
    """One segment: its text (the line's, or what lies in its box), box and font."""
    left, bottom, right, top = rect
    if line is not None:
        first, text = line[0] + (len(line[1]) - len(line[1].lstrip())), line[1]
        chars = (first,)
    else:
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\r", " ").replace("\n", " ")
        chars = tuple(raw.FPDFText_GetCharIndexAtPos(textpage.raw, x, (top + bottom) / 2, 3.0, 3.0)
                      for x in (left + 0.5, left + (right - left) * 0.3, (left + right) / 2))
    if not text.strip():
        return None
    # a narrow first glyph may be missed by a look at the box's left edge: the next look goes further in
    char = next((c for c in chars if c >= 0 and raw.FPDFText_GetFontSize(textpage.raw, c) > 0), -1)
    size = raw.FPDFText_GetFontSize(textpage.raw, char) if char >= 0 else 0.0
    weight = _weight(raw, textpage, char) if char >= 0 else 400
    words = " ".join(text.split())
    if words in _LINE_END_HYPHENS:
        words = _SOFT  # a hyphen drawn apart from its word: the line break's, not the text's
    return _Segment(words, left, bottom, right, top, round(size, 1), weight,
                    text[:1].isspace(), text[-1:].isspace())


# How PDFium reads a hyphen at a line end (the text's own, or one the line break added).
_LINE_END_HYPHENS = ("\u0002", "\ufffe")
_SOFT = "\u00ad"


@dataclass
class _Open:
    """The block being read."""

    kind: BlockKind
    lines: list[str] = field(default_factory=list)
    places: list[DocumentPlace] = field(default_factory=list)
    level: int = 0
    marker: str = ""
    cells: list[str] = field(default_factory=list)
    columns: list[float] = field(default_factory=list)  # a table row's cell lefts
    last: _Line | None = None
    widest: float = 0.0  # the right edge of its widest line


class _Blocks:
    """Lines into blocks, knowing the body text's size and the lines' usual spacing."""

    def __init__(self, lines: list[_Line]):
        self.lines = lines
        sizes = Counter()
        for line in lines:
            sizes[(line.size, line.weight)] += len(line.text)
        (self.body_size, self.body_weight), _ = sizes.most_common(1)[0]
        bigger = sorted({line.size for line in lines if self._heading_size(line)}, reverse=True)
        self.levels = {size: min(index + 1, 6) for index, size in enumerate(bigger)}
        self.right = max((line.right for line in lines if line.size == self.body_size), default=0.0)
        self.blocks: list[ReadBlock] = []
        self.under: str | None = None  # the last heading so far
        self.open: _Open | None = None

    def _heading_size(self, line: _Line) -> bool:
        return line.size >= self.body_size * 1.12

    def _is_heading(self, line: _Line) -> bool:
        return self._heading_size(line) or (line.weight >= 600 > self.body_weight and line.size >= self.body_size)

    def read(self) -> list[ReadBlock]:
        for line in self.lines:
            self._line(line)
        self._close()
        return _join_hyphens(self.blocks)

    def _line(self, line: _Line) -> None:
        place = DocumentPlace(page=line.page, page_line=line.number, under=self.under)
        text = line.text
        open_ = self.open
        if open_ is not None and open_.kind is BlockKind.TABLE_ROW and self._continues_row(line):
            self._add_to_cells(line)
            return
        gaps = [b.left - a.right for a, b in zip(line.segments, line.segments[1:])]
        if gaps and max(gaps) > 2 * max(line.size, 1.0) and not self._is_heading(line):
            self._row(line, place)
            return
        first = text.lstrip()[:1]
        numbered = _NUMBERED.match(text.lstrip())
        heading = self._is_heading(line)
        if heading:
            level = self.levels.get(line.size, len(self.levels) + 1)
            if open_ is not None and open_.kind is BlockKind.HEADING and open_.level == level and self._follows(line):
                self._extend(line, text, place)
            else:
                self._start(_Open(BlockKind.HEADING, level=level), line, text, place)
            self.under = " ".join(" ".join(self.open.lines).split())
        elif first and first in _BULLETS:
            self._start(_Open(BlockKind.LIST_ITEM, marker="-"), line, text.lstrip()[1:].strip(), place)
        elif _TYPED.match(text) and self._typed_item(open_, line):
            marker = _TYPED.match(text).group(1)
            self._start(_Open(BlockKind.LIST_ITEM, marker=" ".join(marker.split())), line,
                        text[_TYPED.match(text).end():], place)
        elif numbered and line.size == self.body_size:
            self._start(_Open(BlockKind.LIST_ITEM, marker=numbered.group(1)), line, text.lstrip()[numbered.end():], place)
        elif open_ is not None and open_.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) and self._follows(line):
            self._extend(line, text, place)
        else:
            self._start(_Open(BlockKind.PARAGRAPH), line, text, place)

    def _typed_item(self, open_: _Open | None, line: _Line) -> bool:
        """Whether a line starting with a typed "- " or "* " starts a list item: as in a text
        edition, not when it goes on with a paragraph (a dash wrapped to the line start)
        that does not end with a colon."""
        if open_ is None or open_.kind is not BlockKind.PARAGRAPH or not self._follows(line):
            return True
        return open_.lines[-1].rstrip().endswith(":")

    def _follows(self, line: _Line) -> bool:
        """Whether line goes on with the open block: the next line at the usual spacing,
        or the top of a page after a block that filled its last line."""
        last = self.open.last
        if last is None or abs(last.size - line.size) > 0.5:
            return False
        if last.page != line.page:  # the top of the next page goes on with a sentence left open
            ends = last.text.rstrip()[-1:]
            return line.number == 1 and (line.text.lstrip()[:1].islower() or (
                ends not in ".:;!?" and last.right >= self.right - 10 * max(line.size, 1.0)))
        if not 0 <= last.bottom - line.top <= 0.45 * max(line.size, 1.0):
            return False
        # paragraphs set without space between them: in a block whose lines fill the measure,
        # when the line before ends a sentence and the line's first word would have fitted
        # after it, the line before ended a paragraph (hard-wrapped lines are not split so)
        if self.open.widest < self.right - 3 * max(line.size, 1.0) or last.text.rstrip()[-1:] not in ".!?:)":
            return True
        text = line.text.strip()
        width = (line.right - line.left) / max(len(text), 1)
        return last.right + (len(text.split(" ", 1)[0]) + 2) * width >= self.right

    def _start(self, block: _Open, line: _Line, text: str, place: DocumentPlace) -> None:
        self._close()
        block.lines, block.places, block.last, block.widest = [text], [place], line, line.right
        self.open = block

    def _extend(self, line: _Line, text: str, place: DocumentPlace) -> None:
        self.open.lines.append(text)
        self.open.places.append(place)
        self.open.last = line
        self.open.widest = max(self.open.widest, line.right)

    def _row(self, line: _Line, place: DocumentPlace) -> None:
        self._close()
        self.open = _Open(BlockKind.TABLE_ROW, cells=[s.text for s in line.segments],
                          columns=[s.left for s in line.segments], places=[place], last=line)

    def _continues_row(self, line: _Line) -> bool:
        """A line under a table row that fills fewer of its columns, each under one of them."""
        columns = self.open.columns
        last = self.open.last
        if len(line.segments) >= len(columns) or abs(line.size - last.size) > 0.5 or self._is_heading(line):
            return False
        if line.page != last.page:  # a row broken across a page break goes on at the top of the next
            if line.number != 1:
                return False
        elif last.bottom - line.top > 1.0 * max(line.size, 1.0):
            return False
        return all(self._column(s.left) is not None for s in line.segments)

    def _column(self, left: float) -> int | None:
        for index, column in enumerate(self.open.columns):
            if abs(left - column) <= 4.0:
                return index
        return None

    def _add_to_cells(self, line: _Line) -> None:
        for segment in line.segments:
            index = self._column(segment.left)
            cell = self.open.cells[index]
            self.open.cells[index] = cell + segment.text if cell.endswith("-") else f"{cell} {segment.text}".strip()
        self.open.last = line

    def _close(self) -> None:
        open_, self.open = self.open, None
        if open_ is None:
            return
        if open_.kind is BlockKind.TABLE_ROW:
            cells = tuple(open_.cells)
            self.blocks.append(ReadBlock(BlockKind.TABLE_ROW, "\t".join(cells), tuple(open_.places[:1]), cells=cells))
            return
        text = "\n".join(open_.lines)
        if open_.kind is BlockKind.HEADING:
            text = " ".join(open_.lines)  # a wrapped heading is one line
            self.blocks.append(ReadBlock(BlockKind.HEADING, text, tuple(open_.places[:1]), level=open_.level))
            return
        self.blocks.append(ReadBlock(open_.kind, text, tuple(open_.places), marker=open_.marker))


def _join_hyphens(blocks: list[ReadBlock]) -> list[ReadBlock]:
    """Join the words broken at line ends (see the module's docstring)."""
    whole = "\n".join(b.text for b in blocks)
    flat = " ".join(whole.split())
    out = []
    for block in blocks:
        if "\n" not in block.text:
            out.append(block)
            continue
        lines = block.text.split("\n")
        for index in range(len(lines) - 1):
            head, tail = lines[index], lines[index + 1]
            if not head or not tail or head[-1] not in "-" + _SOFT + "".join(_LINE_END_HYPHENS):
                continue
            before = head[:-1].rsplit(" ", 1)[-1]
            after, _, rest = tail.partition(" ")
            if not before[-1:].isalpha() or not after[:1].isalpha():
                continue
            whole = f"{before}{after}" in flat and f"{before}-{after}" not in flat and "-" not in before
            if head[-1] in _LINE_END_HYPHENS and not whole and f"{before}-{after}" not in flat:
                # Either the text's hyphen or the line break's: the line end stays as it
                # stands, and the alignment takes it either way.
                lines[index] = head[:-1] + "-"
                continue
            soft = head[-1] == _SOFT or whole
            lines[index] = head[:-1] + ("" if soft else "-") + after
            lines[index + 1] = rest
        places = block.places if len(block.places) == len(lines) else (block.places[0],) * len(lines)
        kept = [(line, place) for line, place in zip(lines, places) if line.strip()]
        out.append(ReadBlock(block.kind, "\n".join(line for line, _ in kept), tuple(p for _, p in kept),
                             block.level, block.marker, block.cells, block.header))
    return out
