"""OpenDocument text (.odt) editions, read from the package's content.xml with the
standard library, the same way as Word files (canonlint.readers.docx): headings (text:h, with
their outline level), list items (marked "-", or "N." in a numbered list), table rows with
their cells, paragraphs; notes, annotations, frames (text boxes) and tracked deletions left out (the text reads as
if every tracked change were accepted; the changes still pending and the annotations not
resolved are passed on as the blocks' `pending` work, canonlint.readers.odt_pending). A block's place
is its paragraph number (non-empty paragraphs of the body from 1, a table row as one) and
the heading above it.
"""

from __future__ import annotations

from dataclasses import replace

from canonlint.document import BlockKind
from canonlint.readers import paragraphs_in, plain_paragraph
from canonlint.readers.reader_output import Pending, DocumentPlace, ReadBlock, ReadBlocks, ReadError
from canonlint.readers.package_parts import open_package, part_xml

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
# Notes, annotations, deleted text and frames (text boxes, images): not the body's text, as in Word.
SHAPES = frozenset(f"{DRAW}{tag}" for tag in ("frame", "custom-shape", "rect", "ellipse", "circle", "polygon",
                                                "polyline", "path", "line", "connector", "caption", "measure", "g"))
_SKIPPED = {f"{TEXT}note", f"{OFFICE}annotation", f"{TEXT}tracked-changes", f"{TEXT}bookmark-ref", *SHAPES}


def read(data: bytes, name: str) -> list[ReadBlock]:
    package = open_package(data, name, "OpenDocument text", "content.xml")
    root = part_xml(package, "content.xml", name)
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    if body is None:
        raise ReadError(f"{name}: not an OpenDocument text (content.xml has no text body)")
    roots = [root] + ([part_xml(package, "styles.xml", name)] if "styles.xml" in package.namelist() else [])
    numbered = {style.get(f"{_STYLE}name") for part in roots for style in part.iter(f"{TEXT}list-style")
                if any(level.get(f"{TEXT}level") == "1" and level.tag == f"{TEXT}list-level-style-number"
                       for level in style)}  # the outer level decides (nested levels are not told apart)
    reading = _Reading(numbered, _pending_reader(body))
    reading.children(body, None)
    return reading.blocks.finished()


def _pending_reader(body):
    """What finds the tracked changes and open annotations, or None for a body without any."""
    from canonlint.readers import odt_pending

    if not odt_pending.has_pending(body):
        return None
    return odt_pending.PendingReader(odt_pending.regions(body), _text_of, SHAPES)


class _Reading:
    def __init__(self, numbered: set, pending=None):
        self.numbered, self.pending = numbered, pending
        self.blocks = ReadBlocks()
        self.count = 0
        self.under: str | None = None

    def _place(self) -> DocumentPlace:
        self.count += 1
        return DocumentPlace(paragraph=self.count, under=self.under)

    def children(self, parent, list_style: str | None) -> None:
        for element in parent:
            tag = element.tag
            if tag == f"{TEXT}h":
                text = _text(element)
                if text.strip():
                    level = int(element.get(f"{TEXT}outline-level", "1") or 1)
                    place = self._place()
                    self.under = " ".join(text.split())
                    self.blocks.add(ReadBlock(BlockKind.HEADING, text, (place,), level=min(level, 6)),
                                    self._pending(element))
                else:
                    self.blocks.carry(self._pending(element))
            elif tag == f"{TEXT}p":
                self.blocks.add(plain_paragraph(_text(element), self._place), self._pending(element))
            elif tag == f"{TEXT}list":
                self._list(element, element.get(f"{TEXT}style-name") or list_style)
            elif tag == f"{TABLE}table":
                self._table(element)
            elif tag in (f"{TEXT}section", f"{TEXT}soft-page-break") or tag.endswith("}table-rows"):
                self.children(element, list_style)

    def _pending(self, *paragraphs, at: int = 0) -> tuple[Pending, ...]:
        """The pending work of paragraphs read as one text (joined by a space), from `at` of a block's text."""
        if self.pending is None:
            return ()
        found = []
        for paragraph in paragraphs:
            found.extend(replace(p, at=at + p.at) for p in self.pending.of_paragraph(paragraph))
            at += len(_text(paragraph)) + 1
        return tuple(found)

    def _list(self, element, style: str | None) -> None:
        number = 0
        for item in element:
            if item.tag not in (f"{TEXT}list-item", f"{TEXT}list-header"):
                continue
            number += 1
            marker = f"{number}." if style in self.numbered else "-"
            paragraphs = [p for p in item if p.tag in (f"{TEXT}p", f"{TEXT}h")]
            self.blocks.add(ReadBlock(BlockKind.LIST_ITEM, " ".join(map(_text, paragraphs)), (self._place(),),
                                      marker=marker), self._pending(*paragraphs))
            for nested in item:
                if nested.tag == f"{TEXT}list":
                    self._list(nested, nested.get(f"{TEXT}style-name") or style)

    def _table(self, element) -> None:
        for row in element.iter(f"{TABLE}table-row"):
            cells = tuple(" ".join(" ".join(_text(p).split()) for p in _paragraphs(cell)).strip()
                          for cell in row.findall(f"{TABLE}table-cell"))
            pending, at = [], 0
            for cell, words in zip(row.findall(f"{TABLE}table-cell"), cells):
                pending.extend(replace(p, at=min(p.at, at + len(words)))
                               for p in self._pending(*_paragraphs(cell), at=at))
                at += len(words) + 1
            if any(cells):
                self.blocks.add(ReadBlock(BlockKind.TABLE_ROW, "\t".join(cells), (self._place(),), cells=cells),
                                tuple(pending))
            else:
                self.blocks.carry(tuple(pending))


def _paragraphs(cell):
    """A table cell's paragraphs, in order, not those of its notes and annotations."""
    return paragraphs_in(cell, f"{TEXT}p", _SKIPPED)


def _text(element) -> str:
    out: list[str] = [element.text or ""]
    for child in element:
        out.append(_piece(child))
        out.append(child.tail or "")
    return "".join(out)


def _piece(child) -> str:
    """The text one element adds to its paragraph's (its tail left out)."""
    tag = child.tag
    if tag in _SKIPPED:
        return ""
    if tag == f"{TEXT}s":
        return " " * int(child.get(f"{TEXT}c", "1") or 1)
    if tag == f"{TEXT}tab":
        return "\t"
    if tag == f"{TEXT}line-break":
        return " "
    return _text(child)


def _text_of(element) -> str:
    """A paragraph's text, or what one child adds to it."""
    return _text(element) if element.tag in (f"{TEXT}p", f"{TEXT}h") else _piece(element)
