"""A Word document's body text as the bytes of word/document.xml hold it: every character
canonlint.readers.docx reads (the text as if every tracked change were accepted), in order,
each with the run and the element of the run it stands in, and the byte span of each; a
paragraph's end as a character of its own. The writers (tracked changes, comments) find
there where an offset of the extracted text is in the file.

It is read with expat, which tells the byte offset of each tag, so that a writer changes
the part only where it must: every other byte stays as Word or LibreOffice wrote it.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass, field

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# As canonlint.readers.docx: elements whose content is not the body's text.
_HIDDEN = {W + tag for tag in ("delText", "del", "moveFrom", "instrText", "footnoteReference", "endnoteReference",
                               "commentReference", "drawing", "pict", "object", "txbxContent", "fldChar",
                               "rPr", "pPr")}
_PENDING = {W + "ins", W + "moveTo"}
_UNIT_TEXT = {W + "tab": "\t", W + "br": " ", W + "cr": " ", W + "noBreakHyphen": "-"}


@dataclass(slots=True)
class Child:
    """One element of a run: a w:t with its text, a tab or break (one character), or other."""

    start: int
    end: int
    text: str = ""
    is_text: bool = False   # a w:t (its characters can be split apart)


@dataclass(slots=True)
class Run:
    start: int
    end: int
    open_end: int = 0                  # where its start tag ends
    properties: tuple[int, int] | None = None  # the byte span of its w:rPr
    children: list[Child] = field(default_factory=list)
    in_change: bool = False            # inside someone's pending insertion or move
    changed_format: bool = False       # its w:rPr holds a pending formatting change


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    open_end: int = 0
    properties: tuple[int, int] | None = None   # the byte span of its w:pPr
    run_properties: tuple[int, int] | None = None  # of the w:rPr in its w:pPr (its mark's formatting)


@dataclass(frozen=True, slots=True)
class Char:
    """One character of the body text: in a run (run, child, index in the child's text),
    or a paragraph's end (run -1, child: the paragraph)."""

    char: str
    run: int
    child: int
    index: int = 0


@dataclass
class BodyText:
    data: bytes
    runs: list[Run]
    paragraphs: list[Paragraph]
    chars: list[Char]
    largest_id: int    # the largest w:id in the part, so that new ones are unique


def body_text(data: bytes) -> BodyText:
    """word/document.xml (already read once by canonlint.readers.docx, so well-formed and
    without a DTD) taken apart as above."""
    reading = _Reading(data)
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.StartElementHandler = lambda name, attrs: reading.start(name, attrs, parser.CurrentByteIndex)
    parser.EndElementHandler = lambda name: reading.end(name, parser.CurrentByteIndex)
    parser.CharacterDataHandler = reading.characters
    parser.Parse(data, True)
    return BodyText(data, reading.runs, reading.paragraphs, reading.chars, reading.largest_id)


class _Reading:
    def __init__(self, data: bytes):
        self.data = data
        self.stack: list[str] = []
        self.hidden = 0     # depth inside elements whose text is not the body's
        self.pending = 0    # depth inside pending insertions and moves
        self.in_body = False
        self.runs: list[Run] = []
        self.paragraphs: list[Paragraph] = []
        self.run: Run | None = None          # the run open (runs do not nest)
        self.open_paragraphs: list[Paragraph] = []
        self.chars: list[Char] = []
        self.text: list[str] | None = None
        self.largest_id = 0

    def _end_of_tag(self, at: int) -> int:
        return self.data.index(b">", at) + 1

    def _parent(self) -> str:
        return self.stack[-2] if len(self.stack) > 1 else ""

    def start(self, name: str, attrs: dict, at: int) -> None:
        ident = attrs.get(W + "id")
        if ident is not None and ident.isdigit():
            self.largest_id = max(self.largest_id, int(ident))
        self.stack.append(name)
        if name == W + "body":
            self.in_body = True
        if not self.in_body:
            return
        if not self.hidden:
            self._properties_start(name, at)
        elif name == W + "rPr" and self._parent() == W + "pPr" and self.hidden == 1 and self.open_paragraphs:
            self.open_paragraphs[-1].run_properties = (at, -1)
        if name in _HIDDEN:
            self.hidden += 1
        if self.hidden:
            return
        if name in _PENDING:
            self.pending += 1
        elif name == W + "p":
            self.open_paragraphs.append(Paragraph(at, -1, self._end_of_tag(at)))
        elif name == W + "r":
            self.run = Run(at, -1, self._end_of_tag(at), in_change=self.pending > 0)
        elif name == W + "t" and self.run is not None:
            self.text = []
        elif name in _UNIT_TEXT and self.run is not None:
            self.run.children.append(Child(at, -1, _UNIT_TEXT[name]))

    def _properties_start(self, name: str, at: int) -> None:
        if name == W + "rPr" and self._parent() == W + "r" and self.run is not None:
            self.run.properties = (at, -1)
        elif name == W + "pPr" and self._parent() == W + "p" and self.open_paragraphs:
            self.open_paragraphs[-1].properties = (at, -1)

    def characters(self, text: str) -> None:
        if self.text is not None:
            self.text.append(text)

    def end(self, name: str, at: int) -> None:
        parent = self._parent()
        self.stack.pop()
        if not self.in_body:
            return
        end = self._end_of_tag(at) if self.data.startswith(b"</", at) else at
        if name == W + "rPrChange" and self.run is not None and W + "rPr" in self.stack[-1:]:
            self.run.changed_format = True
        elif name == W + "rPr" and parent == W + "pPr" and self.hidden == 2 and self.open_paragraphs \
                and self.open_paragraphs[-1].run_properties is not None:
            self.open_paragraphs[-1].run_properties = (self.open_paragraphs[-1].run_properties[0], end)
        if name in _HIDDEN:
            self.hidden -= 1
            if not self.hidden:
                self._properties_end(name, parent, end)
            return
        if self.hidden:
            return
        if name in _PENDING:
            self.pending -= 1
        elif name == W + "t" and self.text is not None and self.run is not None:
            text = "".join(self.text)
            self.text = None
            self.run.children.append(Child(self.data.rindex(b"<", 0, at), end, text, is_text=True))
            self._add(text)
        elif name in _UNIT_TEXT and self.run is not None:
            self.run.children[-1].end = end
            self._add(self.run.children[-1].text)
        elif name == W + "r" and self.run is not None:
            self.run.end = end
            self.runs.append(self.run)
            self.run = None
        elif name == W + "p" and self.open_paragraphs:
            paragraph = self.open_paragraphs.pop()
            paragraph.end = end
            self.paragraphs.append(paragraph)
            self.chars.append(Char("\n", -1, len(self.paragraphs) - 1))

    def _properties_end(self, name: str, parent: str, end: int) -> None:
        if name == W + "rPr" and parent == W + "r" and self.run is not None and self.run.properties is not None:
            self.run.properties = (self.run.properties[0], end)
        elif name == W + "pPr" and parent == W + "p" and self.open_paragraphs \
                and self.open_paragraphs[-1].properties is not None:
            self.open_paragraphs[-1].properties = (self.open_paragraphs[-1].properties[0], end)

    def _add(self, text: str) -> None:
        run, child = len(self.runs), len(self.run.children) - 1  # the run's index once it closes
        self.chars.extend(Char(c, run, child, k) for k, c in enumerate(text))
