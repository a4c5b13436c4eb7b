"""A review copy of a Word edition: the same file with each finding as a Word comment
anchored on the words it concerns (w:commentRangeStart, w:commentRangeEnd and a
w:commentReference in word/document.xml; the comment itself in word/comments.xml, added to
the package with its relationship and content type if the file has none). The comment
holds the rule's plain name and code, the message, and the template's words where the
finding has them. Nothing else changes: the copy reads as the edition does.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from xml.sax.saxutils import escape, quoteattr

from canonlint.readers.kinds import REVIEW_COPY
from canonlint.finding import Finding
from canonlint.readers.places import unplaced
from canonlint.writers.docx_tracked_changes import Changes, NotWritable, Revision, TrackedText
from canonlint.writers.package_rewrite import replace_parts

_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_COMMENTS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_COMMENTS_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>")
_ID = re.compile(rb'\bw:id="(\d+)"')


def review_copy_name(name: str) -> str:
    """westminster.docx → westminster.canonlint.docx (canonlint.run.discovery leaves such a name out of a walk)."""
    stem, _, suffix = name.rpartition(".")
    return f"{stem}{REVIEW_COPY}{suffix}" if stem else f"{name}{REVIEW_COPY}docx"


def with_comments(package: bytes, source, findings: list[Finding], revision: Revision) -> bytes:
    """The Word file package (whose Source is source) with a comment for each finding.
    Raises NotWritable when its text cannot be found in the file."""
    archive = zipfile.ZipFile(BytesIO(package))
    part = archive.read("word/document.xml")
    text = TrackedText(part, source.text, source.layout.markers)
    comments_part, rels, types = _comments_part(archive)
    existing = archive.read(comments_part) if comments_part in archive.namelist() else None
    next_id = max([int(n) for n in _ID.findall(part)] + [int(n) for n in _ID.findall(existing or b"")] + [-1]) + 1
    changes = Changes()
    written: list[bytes] = []
    for finding in findings:
        anchor = _anchor(text, source, finding)
        if anchor is None:
            continue
        first, last = anchor
        ident = next_id + len(written)
        changes.xml_before[first] += f'<w:commentRangeStart w:id="{ident}"/>'.encode()
        changes.xml_after[last] += (f'<w:commentRangeEnd w:id="{ident}"/>'
                                    f'<w:r><w:commentReference w:id="{ident}"/></w:r>').encode()
        written.append(_comment(ident, finding, revision))
    if not written:
        return package
    parts = {"word/document.xml": text.write(changes, revision),
             comments_part: _comments_xml(existing, b"".join(written))}
    if rels is not None:
        parts["word/_rels/document.xml.rels"] = rels
    return replace_parts(package, parts, content_types=types)


def _anchor(text: TrackedText, source, finding: Finding) -> tuple[int, int] | None:
    """The body characters (first, last) a finding's comment is anchored on: the words of
    its span, else (a span of no words: a paragraph missing here) those of its line, else
    the next word. A run that is someone's pending change is taken whole."""
    start = _offset(source, finding.line, finding.column)
    end = _offset(source, finding.end_line, finding.end_column)
    mapped = [text.to_char[i] for i in range(start, min(end, len(text.to_char))) if text.to_char[i] >= 0]
    if not mapped:
        line_start, line_end = source.line_bounds(start)
        mapped = [text.to_char[i] for i in range(line_start, line_end) if text.to_char[i] >= 0]
    if not mapped:
        following = next((text.to_char[i] for i in range(start, len(text.to_char)) if text.to_char[i] >= 0), None)
        if following is None:
            return None
        mapped = [following]
    first, last = mapped[0], mapped[-1]
    runs = text.body.runs
    for index in (first, last):
        run = runs[text.body.chars[index].run]
        if run.in_change or run.changed_format:
            bounds = text.run_bounds(text.body.chars[index].run)
            first, last = (bounds[0], last) if index == first else (first, bounds[1])
    return first, last


def _offset(source, line: int, column: int) -> int:
    starts = source.line_starts
    if line < 1:
        return 0
    if line > len(starts):
        return len(source.text)
    return min(starts[line - 1] + max(column, 1) - 1, len(source.text))


def _comment(ident: int, finding: Finding, revision: Revision) -> bytes:
    plain = finding.name.replace("-", " ").capitalize()
    lines = [f"{plain} ({finding.rule}, {finding.severity.value})", unplaced(finding)]
    if finding.expected and finding.expected not in finding.message:
        lines.append(f"Template: {finding.expected}")
    paragraphs = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(_xml_text(line))}</w:t></w:r></w:p>'
                         for line in lines)
    return (f'<w:comment w:id="{ident}" w:author={quoteattr(revision.author)} w:date="{revision.date}" '
            f'w:initials="CL">{paragraphs}</w:comment>').encode()


def _xml_text(text: str) -> str:
    """text without the characters XML 1.0 cannot hold."""
    return "".join(c for c in text if c in "\t\n\r" or (" " <= c <= "\ud7ff") or ("\ue000" <= c <= "\ufffd")
                   or c > "\uffff")


def _comments_part(archive: zipfile.ZipFile) -> tuple[str, bytes | None, bytes | None]:
    """The comments part's name, and the relationships and content types to write (None:
    as they are) — those of a new word/comments.xml when the file has no comments part."""
    rels_name = "word/_rels/document.xml.rels"
    rels = archive.read(rels_name) if rels_name in archive.namelist() else None
    if rels is None:
        raise NotWritable("it has no word/_rels/document.xml.rels")
    for relationship in _RELATIONSHIP.findall(rels):
        if _COMMENTS_TYPE.encode() in relationship:
            target = re.search(rb'Target="([^"]+)"', relationship)
            if target is not None:
                return "word/" + target.group(1).decode().lstrip("/").removeprefix("word/"), None, None
    numbers = [int(n) for n in re.findall(rb'Id="rId(\d+)"', rels)]
    ident = f"rId{max(numbers + [0]) + 1}"
    relationship = f'<Relationship Id="{ident}" Type="{_COMMENTS_TYPE}" Target="comments.xml"/>'.encode()
    types = archive.read("[Content_Types].xml")
    if b'PartName="/word/comments.xml"' not in types:
        types = types.replace(b"</Types>", f'<Override PartName="/word/comments.xml" '
                                           f'ContentType="{_COMMENTS_CONTENT}"/></Types>'.encode())
    return "word/comments.xml", rels.replace(b"</Relationships>", relationship + b"</Relationships>"), types


def _comments_xml(existing: bytes | None, comments: bytes) -> bytes:
    if existing is None or f'xmlns:w="{_MAIN}"'.encode() not in existing:
        if existing is not None:
            raise NotWritable("its comments part does not write its namespace with the usual prefix 'w'")
        return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                + f'<w:comments xmlns:w="{_MAIN}">'.encode() + comments + b"</w:comments>")
    closing = existing.rfind(b"</w:comments>")
    if closing >= 0:
        return existing[:closing] + comments + existing[closing:]
    self_closed = existing.rfind(b"/>")  # <w:comments .../>: no comment yet
    return existing[:self_closed] + b">" + comments + b"</w:comments>" + existing[self_closed + 2:]
