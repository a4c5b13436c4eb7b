"""OpenDocument text (.odt) editions, read from the package's content.xml with the
standard library, the same way as Word files (canonlint.readers.docx): headings (text:h, with
their outline level), list items (marked "-", or "N." in a numbered list), table rows with
their cells, paragraphs; notes, annotations and tracked deletions left out. A block's place
is its paragraph number (non-empty paragraphs of the body from 1, a table row as one) and
the heading above it.
"""

from __future__ import annotations

from canonlint.document import BlockKind
from canonlint.readers import Place, ReadBlock, ReadError, plain_paragraph
from canonlint.readers.package import open_package, part_xml

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_SKIPPED = {f"{TEXT}note", f"{OFFICE}annotation", f"{TEXT}tracked-changes", f"{TEXT}bookmark-ref"}


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
    reading = _Reading(numbered)
    reading.children(body, None)
    return reading.blocks


class _Reading:
    def __init__(self, numbered: set):
        self.numbered = numbered
        self.blocks: list[ReadBlock] = []
        self.count = 0
        self.under: str | None = None

    def _place(self) -> Place:
        self.count += 1
        return Place(paragraph=self.count, under=self.under)

    def children(self, parent, list_style: str | None) -> None:
        for element in parent:
            tag = element.tag
            if tag == f"{TEXT}h":
                text = _text(element)
                if text.strip():
                    level = int(element.get(f"{TEXT}outline-level", "1") or 1)
                    place = self._place()
                    self.under = " ".join(text.split())
                    self.blocks.append(ReadBlock(BlockKind.HEADING, text, (place,), level=min(level, 6)))
            elif tag == f"{TEXT}p":
                self._paragraph(_text(element))
            elif tag == f"{TEXT}list":
                self._list(element, element.get(f"{TEXT}style-name") or list_style)
            elif tag == f"{TABLE}table":
                self._table(element)
            elif tag in (f"{TEXT}section", f"{TEXT}soft-page-break") or tag.endswith("}table-rows"):
                self.children(element, list_style)

    def _paragraph(self, text: str) -> None:
        self.blocks.append(plain_paragraph(text, self._place))

    def _list(self, element, style: str | None) -> None:
        number = 0
        for item in element:
            if item.tag not in (f"{TEXT}list-item", f"{TEXT}list-header"):
                continue
            number += 1
            marker = f"{number}." if style in self.numbered else "-"
            texts = [_text(p) for p in item if p.tag in (f"{TEXT}p", f"{TEXT}h")]
            self.blocks.append(ReadBlock(BlockKind.LIST_ITEM, " ".join(texts), (self._place(),), marker=marker))
            for nested in item:
                if nested.tag == f"{TEXT}list":
                    self._list(nested, nested.get(f"{TEXT}style-name") or style)

    def _table(self, element) -> None:
        for row in element.iter(f"{TABLE}table-row"):
            cells = tuple(" ".join(" ".join(_text(p).split()) for p in cell.iter(f"{TEXT}p")).strip()
                          for cell in row.findall(f"{TABLE}table-cell"))
            if any(cells):
                self.blocks.append(ReadBlock(BlockKind.TABLE_ROW, "\t".join(cells), (self._place(),), cells=cells))


def _text(element) -> str:
    out: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag in _SKIPPED:
            pass
        elif tag == f"{TEXT}s":
            out.append(" " * int(child.get(f"{TEXT}c", "1") or 1))
        elif tag == f"{TEXT}tab":
            out.append("\t")
        elif tag == f"{TEXT}line-break":
            out.append(" ")
        else:
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)
