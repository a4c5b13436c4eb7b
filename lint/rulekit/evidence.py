"""Quoting evidence for messages: the words a diff names, as they are written on each side."""

from __future__ import annotations

from canonlint.document import Document
from canonlint.template import Template
from canonlint.words import normalise


def quote(text: str, limit: int = 70, raw: bool = False) -> str:
    """A short quotation for a message; raw keeps markup and odd characters as written
    (for showing debris), otherwise the text is normalised."""
    text = " ".join(text.split()) if raw else normalise(text)
    return "'" + (text if len(text) <= limit else text[: limit - 1].rstrip() + "…") + "'"


def some_of(names: list[str], count: int, most: int = 3) -> str:
    """The first `most` of `count` names, and how many more: "a, b, c and 7 more" (names
    holds at least the first `most`). A message that named every other edition of a run
    would grow with the run: n² names for n copies."""
    shown = ", ".join(names[:most])
    return f"{shown} and {count - most} more" if count > most else shown


def template_words(template: Template, start: int, end: int) -> str:
    """Template text spanning words [start, end), slots as written."""
    if end <= start:
        return ""
    return template.text[template.words[start].start : template.words[end - 1].end]


def edition_words(document: Document, start: int, end: int) -> str:
    """Edition text spanning words [start, end)."""
    if end <= start:
        return ""
    return document.text[document.words[start].start : document.words[end - 1].end]


def widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) to whole whitespace-delimited tokens, so that markup stuck to the
    words (`**Met Forward**`, `^{*} the`) is shown as it stands."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end

