"""A Word document's pending work: tracked changes nobody accepted or rejected (insertions,
deletions, moves, formatting and paragraph changes, rows inserted or deleted) and comments
not marked done, each told as a canonlint.readers.Pending at its place in the paragraph's
text — the text canonlint.readers.docx reads, as if every change were accepted.

A comment's words and author come from word/comments.xml; whether it is done, from
word/commentsExtended.xml (Word 2013 and later: `w15:done="1"` on the comment's last paragraph).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from canonlint.readers.reader_output import Pending
from canonlint.readers.package_parts import part_xml

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_KINDS = {f"{W}ins": "insertion", f"{W}del": "deletion", f"{W}moveTo": "move"}
# Whatever, anywhere in a body, tells that it holds pending work.
MARKS = frozenset({*_KINDS, f"{W}moveFrom", f"{W}rPrChange", f"{W}pPrChange", f"{W}commentRangeStart",
                   f"{W}commentReference"})


@dataclass(frozen=True, slots=True)
class Comment:
    author: str
    date: str
    note: str
    done: bool


def comments(package: zipfile.ZipFile, name: str) -> dict[str, Comment]:
    """The package's comments by id."""
    names = set(package.namelist())
    if "word/comments.xml" not in names:
        return {}
    done: set[str] = set()
    if "word/commentsExtended.xml" in names:
        done = {ex.get(f"{_W15}paraId", "") for ex in part_xml(package, "word/commentsExtended.xml", name)
                .iter(f"{_W15}commentEx") if ex.get(f"{_W15}done") in ("1", "true")}
    found = {}
    for comment in part_xml(package, "word/comments.xml", name).iter(f"{W}comment"):
        paragraphs = comment.findall(f"{W}p")
        last = paragraphs[-1].get(f"{_W14}paraId", "") if paragraphs else ""
        note = " ".join(" ".join("".join(t.text or "" for t in p.iter(f"{W}t")).split()) for p in paragraphs)
        found[comment.get(f"{W}id", "")] = Comment(comment.get(f"{W}author", ""), comment.get(f"{W}date", ""),
                                                   note.strip(), bool(last) and last in done)
    return found


def has_pending(body) -> bool:
    return any(element.tag in MARKS for element in body.iter())


class PendingReader:
    """Finds the pending work of one paragraph (or table row) after another; a comment
    anchored across paragraphs is told at its start, quoting up to its paragraph's end."""

    def __init__(self, comments_by_id: dict[str, Comment], text_of: Callable[[object], str],
                 cell_paragraphs: Callable[[object], Iterable]):
        self.comments = comments_by_id
        self.text_of = text_of
        self.cell_paragraphs = cell_paragraphs
        self.told: set[str] = set()

    def of_row(self, row, cells: tuple[str, ...]) -> tuple[Pending, ...]:
        """A table row's pending work, each at the start of its cell in the row's text."""
        found: list[Pending] = []
        trpr = row.find(f"{W}trPr")
        for mark in (trpr if trpr is not None else ()):
            if mark.tag in (f"{W}ins", f"{W}del"):
                words = " | ".join(cells) if any(cells) else " ".join(
                    t.text or "" for t in row.iter(f"{W}delText"))
                found.append(_change(mark, "row " + _KINDS[mark.tag], words, 0))
        start = 0
        for cell, words in zip(row.findall(f"{W}tc"), cells):
            for paragraph in self.cell_paragraphs(cell):
                found.extend(Pending(p.kind, p.author, p.date, p.text, start + min(p.at, len(words)), p.note)
                             for p in self.of_paragraph(paragraph))
            start += len(words) + 1
        return tuple(found)

    def of_paragraph(self, paragraph) -> tuple[Pending, ...]:
        found: list[Pending] = []
        opened: dict[str, int] = {}
        text = "".join(map(self.text_of, paragraph))
        ppr = paragraph.find(f"{W}pPr")
        if ppr is not None:
            self._paragraph_marks(ppr, text, found)
        self._walk(paragraph, 0, text, found, opened)
        for comment_id, at in opened.items():  # anchored on into the paragraphs after this one
            self._comment(comment_id, text[at:], at, found)
        return tuple(found)

    def _paragraph_marks(self, ppr, text: str, found: list[Pending]) -> None:
        change = ppr.find(f"{W}pPrChange")
        if change is not None:
            found.append(_change(change, "paragraph formatting", text, 0))
        rpr = ppr.find(f"{W}rPr")
        for mark in (rpr if rpr is not None else ()):
            if mark.tag in (f"{W}ins", f"{W}del"):
                kind = "paragraph break " + _KINDS[mark.tag]
                found.append(_change(mark, kind, text[-40:], len(text)))

    def _walk(self, element, at: int, text: str, found: list[Pending], opened: dict[str, int]) -> None:
        """Pending work inside element, whose text starts at `at` of its paragraph's text."""
        for child in element:
            tag = child.tag
            if tag in (f"{W}pPr", f"{W}rPr"):
                continue
            if tag in (f"{W}del", f"{W}moveFrom"):
                if tag == f"{W}del":  # a move is told where the words went (moveTo)
                    deleted = "".join(t.text or "" for t in child.iter() if t.tag in (f"{W}delText", f"{W}t"))
                    found.append(_change(child, "deletion", deleted, at))
                continue
            if tag in _KINDS:
                found.append(_change(child, _KINDS[tag], self.text_of(child), at))
            elif tag == f"{W}r":
                rpr = child.find(f"{W}rPr")
                change = rpr.find(f"{W}rPrChange") if rpr is not None else None
                if change is not None:
                    found.append(_change(change, "formatting", self.text_of(child), at))
            elif tag == f"{W}commentRangeStart":
                opened.setdefault(child.get(f"{W}id", ""), at)
            elif tag == f"{W}commentRangeEnd":
                comment_id = child.get(f"{W}id", "")
                if comment_id in opened:
                    start = opened.pop(comment_id)
                    self._comment(comment_id, text[start:at], start, found)
            elif tag == f"{W}commentReference":
                self._comment(child.get(f"{W}id", ""), "", at, found)
            if tag == f"{W}txbxContent":  # a text box: its pending work told where the box stands
                boxed: list[Pending] = []
                self._walk(child, at, text, boxed, {})
                found.extend(replace(p, in_box=True, at=at) for p in boxed)
            elif len(child):
                self._walk(child, at, text, found, opened)
            at += len(self.text_of(child))

    def _comment(self, comment_id: str, quote: str, at: int, found: list[Pending]) -> None:
        comment = self.comments.get(comment_id)
        if comment is None or comment.done or comment_id in self.told:
            return
        self.told.add(comment_id)
        found.append(Pending("comment", comment.author, comment.date, quote, at, comment.note))


def _change(mark, kind: str, text: str, at: int) -> Pending:
    return Pending(kind, mark.get(f"{W}author", ""), mark.get(f"{W}date", ""), text, at)
