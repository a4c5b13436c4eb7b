"""Word (.docx) editions: the body's paragraphs and tables, in body order, read from the
package's XML with the standard library (no extra needed; faster than python-docx, see
the README's benchmark).

- A paragraph whose style is a heading ("Heading N", "Title", or one with an outline
  level) is a heading of that level; one with list numbering (its own or its style's) is
  a list item, marked "-" for a bullet and "N." for a number; one holding tabs is a table
  row with its tab-separated cells, as in a text edition; the rest are paragraphs.
- A Word table's rows are table rows, one cell per column (a cell's paragraphs joined by
  spaces); a row with no text (an empty header) is left out.
- Headers, footers, footnotes, comments, text boxes and deleted (tracked) text are left
  out: they are not the edition's body text. Inserted (tracked) text is kept: the text is
  read as if every tracked change were accepted, and each change still pending, and each
  comment not marked done, is passed on as the block's `pending` work
  (canonlint.readers.docx_pending), for the rules that report it.
- A paragraph whose mark is a pending deletion (two paragraphs joined, tracked) is read as
  the start of the next one, as Word shows it once accepted.
- A block's place is its paragraph number: the body's non-empty paragraphs counted from
  1, a table row counting as one; and the heading it stands under.
- A hyperlink to another place (`w:hyperlink` with a relationship) is a link: its text is
  text, its target (the relationship's) is compared as a link target.
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from itertools import accumulate
from pathlib import Path

from canonlint.document import BlockKind
from canonlint.readers.kinds import LOCK_PREFIX
from canonlint.readers import paragraphs_in, plain_paragraph
from canonlint.readers.reader_output import DocumentPlace, ReadBlock, ReadBlocks, ReadError, shifted
from canonlint.readers.package_parts import open_package, part_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_SKIPPED = {f"{W}{tag}" for tag in ("delText", "moveFrom", "instrText", "footnoteReference", "endnoteReference",
                                    "commentReference", "drawing", "pict", "object", "txbxContent",
                                    "fldChar", "rPr", "pPr")}


def read(data: bytes, name: str) -> list[ReadBlock]:
    if Path(name).name.startswith(LOCK_PREFIX):
        raise ReadError(f"{name}: a Word lock file (Word keeps it while the document is open), not a document; "
                        "close the document in Word, or leave this file out")
    package = open_package(data, name, "Word", "word/document.xml")
    body = part_xml(package, "word/document.xml", name).find(f"{W}body")
    if body is None:
        raise ReadError(f"{name}: not a Word document (its word/document.xml has no body)")
    styles = _styles(package, name)
    bullets = _bullet_lists(package, name)
    reading = _Reading(styles, bullets, _targets(package, name), _pending_reader(package, name, body))
    for element in _body_elements(body):
        if element.tag == f"{W}p":
            reading.paragraph(element)
        elif element.tag == f"{W}tbl":
            reading.table(element)
    return reading.blocks.finished()


def _pending_reader(package: zipfile.ZipFile, name: str, body):
    """What finds the pending changes and open comments, or None for a body without any."""
    from canonlint.readers import docx_pending

    if not docx_pending.has_pending(body):
        return None
    return docx_pending.PendingReader(docx_pending.comments(package, name), visible_text, cell_paragraphs)


def _body_elements(parent):
    """The body's paragraphs and tables in order, looking inside content controls."""
    for element in parent:
        if element.tag == f"{W}sdt":
            content = element.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_elements(content)
        else:
            yield element


class _Style:
    __slots__ = ("based_on", "level", "listed", "name")

    def __init__(self, name: str, based_on: str | None, level: int, listed: bool):
        self.name, self.based_on, self.level, self.listed = name, based_on, level, listed


def _styles(package: zipfile.ZipFile, name: str) -> dict[str, tuple[int, bool]]:
    """Paragraph style id → (heading level or 0, whether it numbers its paragraphs)."""
    if "word/styles.xml" not in package.namelist():
        return {}
    found: dict[str, _Style] = {}
    for style in part_xml(package, "word/styles.xml", name).iter(f"{W}style"):
        style_id = style.get(f"{W}styleId")
        if style_id is None:
            continue
        label = style.find(f"{W}name")
        based = style.find(f"{W}basedOn")
        ppr = style.find(f"{W}pPr")
        outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
        listed = ppr is not None and ppr.find(f"{W}numPr") is not None
        level = int(outline.get(f"{W}val", "9")) + 1 if outline is not None else 0
        found[style_id] = _Style((label.get(f"{W}val", "") if label is not None else style_id).lower(),
                                 based.get(f"{W}val") if based is not None else None, level if level <= 6 else 0,
                                 listed)
    resolved: dict[str, tuple[int, bool]] = {}
    for style_id in found:
        _resolve(style_id, found, resolved)
    return resolved


def _resolve(style_id: str, styles: dict[str, _Style], resolved: dict[str, tuple[int, bool]]) -> None:
    """Resolve style_id and the styles it is based on into resolved: a style's own heading
    level, else its base's; listed if it or a base is. Each style is resolved once, so a
    long basedOn chain costs its length, not its length squared; a loop ends where it closes."""
    chain, seen = [], set()
    while style_id in styles and style_id not in resolved and style_id not in seen:
        seen.add(style_id)
        chain.append(style_id)
        style_id = styles[style_id].based_on or ""
    level, listed = resolved.get(style_id, (0, False))
    for style_id in reversed(chain):
        style = styles[style_id]
        level, listed = _own_level(style) or level, style.listed or listed
        resolved[style_id] = level, listed


def _own_level(style: _Style) -> int:
    words = style.name.split()
    if words[:1] == ["heading"] and len(words) == 2 and words[1].isdigit():
        return min(int(words[1]), 6)
    return 1 if style.name == "title" else style.level


def _bullet_lists(package: zipfile.ZipFile, name: str) -> dict[tuple[str, str], bool]:
    """(numId, level) → whether that list level is bulleted (else numbered)."""
    if "word/numbering.xml" not in package.namelist():
        return {}
    root = part_xml(package, "word/numbering.xml", name)
    abstract: dict[str, dict[str, bool]] = {}
    for definition in root.iter(f"{W}abstractNum"):
        levels = {}
        for level in definition.iter(f"{W}lvl"):
            fmt = level.find(f"{W}numFmt")
            levels[level.get(f"{W}ilvl", "0")] = fmt is None or fmt.get(f"{W}val") in ("bullet", "none")
        abstract[definition.get(f"{W}abstractNumId", "")] = levels
    lists = {}
    for num in root.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        for level, bullet in abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {}).items():
            lists[(num.get(f"{W}numId", ""), level)] = bullet
    return lists


def _targets(package: zipfile.ZipFile, name: str) -> dict[str, str]:
    """The body's relationships that lead out of the package (hyperlinks): id → target."""
    part = "word/_rels/document.xml.rels"
    if part not in package.namelist():
        return {}
    return {rel.get("Id", ""): rel.get("Target", "") for rel in part_xml(package, part, name).iter(_RELATIONSHIPS)
            if rel.get("TargetMode") == "External"}


class _Reading:
    """The blocks read so far, with the paragraph count, the heading above and the list counters."""

    def __init__(self, styles, bullets, targets: dict[str, str], pending=None):
        self.styles, self.bullets, self.targets, self.pending = styles, bullets, targets, pending
        self.blocks = ReadBlocks()
        # paragraphs whose mark is deleted: text, pending work, links
        self.joined: tuple[str, tuple, tuple] = ("", (), ())
        self.count = 0
        self.under: str | None = None
        self.counters: dict[tuple[str, str], int] = {}

    def _place(self) -> DocumentPlace:
        self.count += 1
        return DocumentPlace(paragraph=self.count, under=self.under)

    def paragraph(self, element) -> None:
        found: list[tuple[int, int, str]] = []
        text = _text(element, self.targets, found)
        links = tuple(found)
        ppr = element.find(f"{W}pPr")
        style_ref = ppr.find(f"{W}pStyle") if ppr is not None else None
        level, listed = self.styles.get(style_ref.get(f"{W}val", "") if style_ref is not None else "", (0, False))
        outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
        if outline is not None and int(outline.get(f"{W}val", "9")) < 6:
            level = int(outline.get(f"{W}val")) + 1
        numbering = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id = numbering.find(f"{W}numId") if numbering is not None else None
        if num_id is not None and num_id.get(f"{W}val") == "0":
            listed, numbering = False, None  # numbering switched off for this paragraph
        pending = self.pending.of_paragraph(element) if self.pending is not None else ()
        if ppr is not None and ppr.find(f"{W}rPr/{W}del") is not None:
            # its paragraph mark deleted (tracked): read, as accepted, as the start of the next paragraph
            self.joined = self._joined(text, pending, links)
            return
        if self.joined != ("", (), ()):
            text, pending, links = self._joined(text, pending, links)
            self.joined = ("", (), ())
        if level and text.strip():
            place = self._place()
            self.under = " ".join(text.split())
            self.blocks.add(ReadBlock(BlockKind.HEADING, text, (place,), level=level, links=links), pending)
        elif numbering is not None or listed:
            self.blocks.add(ReadBlock(BlockKind.LIST_ITEM, text, (self._place(),), marker=self._marker(numbering),
                                      links=links), pending)
        else:
            block = plain_paragraph(text, self._place)
            self.blocks.add(replace(block, links=links) if links and block.kind is BlockKind.PARAGRAPH else block,
                            pending)

    def _joined(self, text: str, pending: tuple, links: tuple) -> tuple[str, tuple, tuple]:
        """The paragraphs joined so far followed by this one's text, pending work and links."""
        at = len(self.joined[0])
        return (self.joined[0] + text, self.joined[1] + shifted(pending, at),
                self.joined[2] + tuple((start + at, end + at, target) for start, end, target in links))

    def _marker(self, numbering) -> str:
        if numbering is None:
            return "-"
        num = numbering.find(f"{W}numId")
        ilvl = numbering.find(f"{W}ilvl")
        key = (num.get(f"{W}val", "") if num is not None else "", ilvl.get(f"{W}val", "0") if ilvl is not None else "0")
        if self.bullets.get(key, True):
            return "-"
        self.counters[key] = self.counters.get(key, 0) + 1
        return f"{self.counters[key]}."

    def table(self, element) -> None:
        for row in element.iter(f"{W}tr"):
            cells = tuple(" ".join(" ".join(_text(p).split()) for p in cell_paragraphs(cell)).strip()
                          for cell in row.findall(f"{W}tc"))
            pending = self.pending.of_row(row, cells) if self.pending is not None else ()
            if not any(cells):  # a row deleted (tracked): its pending work told at the next block
                self.blocks.carry(pending)
                continue
            trpr = row.find(f"{W}trPr")
            header = trpr is not None and trpr.find(f"{W}tblHeader") is not None
            self.blocks.add(ReadBlock(BlockKind.TABLE_ROW, "\t".join(cells), (self._place(),), cells=cells,
                                header=header), pending)


def cell_paragraphs(cell):
    """A table cell's paragraphs, in order, not those of its text boxes (left out, as in the body)."""
    return paragraphs_in(cell, f"{W}p", _SKIPPED)


def _text(paragraph, targets: dict[str, str] | None = None, links: list | None = None) -> str:
    """A paragraph's visible text: runs, tabs, breaks and hyphens, in order; with targets,
    each hyperlink's (start, end, target) in it is added to links."""
    out: list[str] = []
    pieces: list[tuple[int, int, str]] = []  # each hyperlink's first and last piece of out, and its target
    _collect(paragraph, out, targets or {}, pieces)
    if pieces and links is not None:
        at = list(accumulate(map(len, out), initial=0))  # where each piece starts: one pass, however many links
        links += [(at[first], at[last], target) for first, last, target in pieces]
    return "".join(out)


def _collect(element, out: list[str], targets: dict[str, str], links: list) -> None:
    for child in element:
        _collect_one(child, out, targets, links)


def _collect_one(child, out: list[str], targets: dict[str, str], links: list) -> None:
    """The visible text of one element (itself included) added to out; a hyperlink's pieces
    and target added to links."""
    tag = child.tag
    if tag in _SKIPPED:
        return
    if tag == f"{W}hyperlink" and child.get(f"{R}id") in targets:
        first = len(out)
        _collect(child, out, targets, links)
        links.append((first, len(out), targets[child.get(f"{R}id")]))
    elif tag == f"{W}t":
        out.append(child.text or "")
    elif tag == f"{W}tab":
        out.append("\t")
    elif tag in (f"{W}br", f"{W}cr"):
        out.append(" ")
    elif tag == f"{W}noBreakHyphen":
        out.append("-")
    elif tag == f"{W}p":  # a paragraph nested in a run (rare): its text, set apart
        out.append(" ")
        _collect(child, out, targets, links)
    else:
        _collect(child, out, targets, links)


def visible_text(element) -> str:
    """The text one element (a run, an insertion, …) adds to its paragraph's text."""
    out: list[str] = []
    _collect_one(element, out, {}, [])
    return "".join(out)


__all__ = ["read"]
