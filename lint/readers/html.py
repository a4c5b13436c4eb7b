"""HTML editions (a web page's copy), cut into tags and text by canonlint.readers.html_tokens: the
visible text with its structure — h1–h6 headings, li list items ("-", or "N." in an
ol), table rows (tr) with their td/th cells, and paragraphs for the text of other blocks
(p, div, blockquote, ...). Scripts, styles, the head, templates, inline SVG and navigation
(nav, role="navigation") are left out. A link (`<a href>`) is its text, its target compared
as a link target. The bytes are read as a text edition's are
(canonlint.source.decode: UTF-8, UTF-16 with a byte-order mark, or Windows-1252). A block's
place is its paragraph number and the heading above it.
"""

from __future__ import annotations

from collections import Counter
from itertools import accumulate

from canonlint.document import BlockKind
from canonlint.readers.folding import fold, folded_links
from canonlint.readers.reader_output import DocumentPlace, ReadBlock
from canonlint.readers.html_tokens import tokens
from canonlint.source import decode

_HIDDEN = {"script", "style", "head", "template", "svg", "noscript", "nav", "iframe", "object", "select"}
_BLOCKS = {"p", "div", "section", "article", "blockquote", "pre", "dd", "dt", "figcaption", "address", "main",
           "body", "table", "ul", "ol", "dl", "form", "header", "footer", "center", "aside", "figure", "hr",
           "caption", "fieldset", "details", "summary", "html"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source",
         "track", "wbr"}


def read(data: bytes, name: str) -> list[ReadBlock]:
    text, _ = decode(name, data)
    parser = _Parser()
    handlers = {"start": parser.handle_starttag, "end": parser.handle_endtag}
    for kind, value, attrs in tokens(text):
        if kind == "text":
            parser.handle_data(value)
        else:
            handlers[kind](value, attrs)
    parser.flush()
    return parser.blocks


class _Parser:
    def __init__(self):
        self.blocks: list[ReadBlock] = []
        self.hidden: list[str] = []         # the open hidden elements
        self.open_hidden: Counter[str] = Counter()  # how many of each are open: no search of the stack
        self.parts: list[str] = []
        self.kind, self.level, self.marker = BlockKind.PARAGRAPH, 0, ""
        self.lists: list[list] = []         # [ordered, count] of each open list
        self.cells: list[str] | None = None
        self.cell: list[str] | None = None
        self.header = False
        self.count = 0
        self.under: str | None = None
        self.links: list[tuple[int, int, str]] = []  # the block's links so far: first and last part, target
        self.link: tuple[int, str] | None = None     # the part where the open <a href> starts, and its target

    def _place(self) -> DocumentPlace:
        self.count += 1
        return DocumentPlace(paragraph=self.count, under=self.under)

    def flush(self) -> None:
        raw = "".join(self.parts)
        text = fold(raw)
        at = list(accumulate(map(len, self.parts), initial=0)) if self.links else []  # where each part starts
        links = folded_links(raw, tuple((at[first], at[last], target) for first, last, target in self.links))
        self.parts, self.links, self.link = [], [], None
        kind, self.kind, level, self.level = self.kind, BlockKind.PARAGRAPH, self.level, 0
        if kind is BlockKind.LIST_ITEM:
            self.blocks.append(ReadBlock(kind, text, (self._place(),), marker=self.marker, links=links))
        elif text and kind is BlockKind.HEADING:
            place = self._place()
            self.under = text
            self.blocks.append(ReadBlock(kind, text, (place,), level=level, links=links))
        elif text:
            self.blocks.append(ReadBlock(kind, text, (self._place(),), links=links))

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br" and not self.hidden:
                (self.cell if self.cell is not None else self.parts).append(" ")
            return
        if self.hidden or tag in _HIDDEN or dict(attrs).get("role") == "navigation" or "hidden" in dict(attrs):
            self.hidden.append(tag)
            self.open_hidden[tag] += 1
            return
        if tag == "a" and self.cell is None and dict(attrs).get("href"):
            self.link = (len(self.parts), dict(attrs)["href"])
        elif tag in ("td", "th") and self.cells is not None:
            self.cell = []
            self.header = self.header or tag == "th"
        elif tag == "tr":
            self.flush()
            self.cells, self.header = [], False
        elif tag in _HEADINGS:
            self.flush()
            self.kind, self.level = BlockKind.HEADING, _HEADINGS[tag]
        elif tag == "li":
            self.flush()
            marker = "-"
            if self.lists:
                self.lists[-1][1] += 1
                if self.lists[-1][0]:
                    marker = f"{self.lists[-1][1]}."
            self.kind, self.marker = BlockKind.LIST_ITEM, marker
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append([tag == "ol", 0])
        elif tag in _BLOCKS and self.cell is None and not self._in_item(tag):
            self.flush()

    def _in_item(self, tag: str) -> bool:
        """A paragraph inside a list item (a loose list's `<li><p>`) is the item's text."""
        return self.kind is BlockKind.LIST_ITEM and tag in ("p", "div", "span")

    def handle_endtag(self, tag, attrs=None):
        if self.hidden:
            if self.open_hidden[tag]:
                while (closed := self.hidden.pop()) != tag:
                    self.open_hidden[closed] -= 1
                self.open_hidden[tag] -= 1
            return
        if tag == "a" and self.link is not None:
            start, target = self.link
            self.links.append((start, len(self.parts), target))
            self.link = None
        elif tag in ("td", "th") and self.cell is not None and self.cells is not None:
            self.cells.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.cells is not None:
            cells, self.cells = tuple(self.cells), None
            if any(cells):
                self.blocks.append(ReadBlock(BlockKind.TABLE_ROW, "\t".join(cells), (self._place(),), cells=cells,
                                             header=self.header))
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif (tag in _HEADINGS or tag == "li" or tag in _BLOCKS) and self.cell is None and not self._in_item(tag):
            self.flush()

    def handle_data(self, data):
        if self.hidden:
            return
        (self.cell if self.cell is not None else self.parts).append(data)
