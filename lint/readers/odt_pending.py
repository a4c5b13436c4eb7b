"""An OpenDocument text's pending work: tracked changes nobody accepted or rejected
(text:tracked-changes: insertions, deletions, format changes) and annotations not marked
resolved, each told as a canonlint.readers.Pending at its place in the paragraph's text —
the text canonlint.readers.odt reads, as if every change were accepted.

In the body, an insertion or a format change stands between text:change-start and
text:change-end, a deletion at a text:change; the region (author, date, deleted words) is
in text:tracked-changes. An annotation (office:annotation, its words in text:p) is anchored
up to its office:annotation-end; LibreOffice marks a resolved one `loext:resolved="true"`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from canonlint.readers.reader_output import Pending

OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_LOEXT = "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}"
_KINDS = {f"{TEXT}insertion": "insertion", f"{TEXT}deletion": "deletion", f"{TEXT}format-change": "formatting"}
MARKS = frozenset({f"{TEXT}change-start", f"{TEXT}change", f"{OFFICE}annotation"})


@dataclass(frozen=True, slots=True)
class Region:
    kind: str
    author: str
    date: str
    deleted: str


def _info(element) -> tuple[str, str]:
    info = element.find(f"{OFFICE}change-info")
    info = element if info is None else info
    creator, date = info.find(f"{_DC}creator"), info.find(f"{_DC}date")
    return (creator.text or "" if creator is not None else ""), (date.text or "" if date is not None else "")


def regions(body) -> dict[str, Region]:
    """The tracked changes of a text body by id."""
    found = {}
    changes = body.find(f"{TEXT}tracked-changes")
    for region in (changes if changes is not None else ()):
        for change in region:
            if change.tag in _KINDS:
                deleted = " ".join(" ".join("".join(p.itertext()).split()) for p in change.iter(f"{TEXT}p"))
                found[region.get(f"{TEXT}id", "")] = Region(_KINDS[change.tag], *_info(change), deleted.strip())
    return found


def has_pending(body) -> bool:
    return any(element.tag in MARKS for element in body.iter())


class PendingReader:
    """Finds the pending work of one paragraph after another."""

    def __init__(self, regions_by_id: dict[str, Region], text_of: Callable[[object], str], shapes: frozenset[str]):
        self.regions = regions_by_id
        self.text_of = text_of  # the text a paragraph, or a child in it, reads as (its tail left out)
        self.shapes = shapes    # text boxes and drawings: their words are not the paragraph's

    def of_paragraph(self, paragraph) -> tuple[Pending, ...]:
        found: list[Pending] = []
        opened: dict[str, tuple[int, Pending]] = {}
        text = self.text_of(paragraph)
        self._walk(paragraph, len(paragraph.text or ""), text, found, opened)
        found.extend(Pending(p.kind, p.author, p.date, text[at:], at, p.note) for at, p in opened.values())
        return tuple(found)

    def _walk(self, element, at: int, text: str, found: list[Pending], opened: dict) -> None:
        """Pending work inside element, whose first child stands at `at` of the paragraph's text."""
        for child in element:
            tag = child.tag
            key = child.get(f"{TEXT}change-id") or child.get(f"{OFFICE}name") or ""
            if tag == f"{TEXT}change" and key in self.regions:
                region = self.regions[key]
                found.append(Pending(region.kind, region.author, region.date, region.deleted, at))
            elif tag == f"{TEXT}change-start" and key in self.regions:
                region = self.regions[key]
                opened[key] = (at, Pending(region.kind, region.author, region.date))
            elif tag == f"{OFFICE}annotation" and child.get(f"{_LOEXT}resolved") != "true":
                note = " ".join(" ".join("".join(p.itertext()).split()) for p in child.iter(f"{TEXT}p"))
                comment = Pending("comment", *_info(child), note=note.strip(), at=at)
                if key:
                    opened[key] = (at, comment)
                else:  # anchored on no words
                    found.append(comment)
            elif tag in (f"{TEXT}change-end", f"{OFFICE}annotation-end") and key in opened:
                start, pending = opened.pop(key)
                found.append(Pending(pending.kind, pending.author, pending.date, text[start:at], start, pending.note))
            elif tag in self.shapes:  # a text box's pending work, told where the box stands
                for inner in child.iter(f"{TEXT}p"):
                    found.extend(replace(p, at=at, in_box=True) for p in self.of_paragraph(inner))
            elif len(child) and tag != f"{OFFICE}annotation":
                self._walk(child, at + len(child.text or ""), text, found, opened)
            at += len(self.text_of(child)) + len(child.tail or "")
