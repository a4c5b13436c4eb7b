"""Markdown editions read as CommonMark (markdown-it-py, the `documents` extra; without it
a .md edition is read as plain text, as before).

A Markdown edition stays a text file: its blocks are read from its own text (offsets kept,
so `--fix` rewrites it), after blanking what a reader of the rendered page never sees or
what is not the edition's wording:

- HTML comments (`<!-- editor's note -->`), outside code;
- link reference definitions (`[mpa]: https://www.mpa.gov.uk`) and the `[label]` of a
  reference link `[text][label]` (its text stays);
- the fence lines of a fenced code block (its lines stay, as text of the edition);
- a heading's section number (`### 1.2 Our Pledge` reads as the heading `Our Pledge`).

Inline links `[text](url)`, bare URLs, `*`/`-`/`+` bullets, heading levels (an edition's
`##` for the template's `#`) and tables read as in any text edition (canonlint.document).
"""

from __future__ import annotations

import re
from dataclasses import replace

from canonlint.document import parse_blocks
from canonlint.source import Source

# What a CommonMark reading may blank; a text without any is read as any text edition.
_MAYBE = re.compile(r"<!--|\]:|\]\[|^[ ]{0,3}(?:```|~~~|#{1,6}[ \t]+\d)", re.MULTILINE)
_DEFINITION = re.compile(r"[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S.*")
_REFERENCE = re.compile(r"(?<=\])\[[^\]\n]*\]")
_NUMBER = re.compile(r"(#{1,6}[ \t]+)(\d+(?:\.\d+)*\.?)[ \t]+(?=\S)")


def with_markdown_layout(source: Source) -> Source:
    """source with the Layout of its CommonMark reading (or as it is, without markdown-it)."""
    if not _MAYBE.search(source.text):
        return source  # nothing CommonMark reads differently: no parse (most editions)
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        return source
    from canonlint.readers import Layout

    reading = _blanked(source.text, MarkdownIt("commonmark").enable("table"))
    if reading == source.text:
        return source  # nothing a text reading would get wrong
    return replace(source, layout=Layout("md", tuple(parse_blocks(reading)), (), reading, with_markdown_layout))


def _blanked(text: str, parser) -> str:
    """text with what is not the edition's wording replaced by spaces (line breaks kept)."""
    tokens = parser.parse(text)
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    chars = list(text)
    covered = [False] * (len(starts) - 1)
    code: list[tuple[int, int]] = []
    for token in tokens:
        if token.map is None:
            continue
        first, last = token.map
        for index in range(first, min(last, len(covered))):
            covered[index] = True
        if token.type in ("fence", "code_block"):
            code.append((starts[first], starts[min(last, len(starts) - 1)]))
            if token.type == "fence":
                _blank(chars, starts[first], _line_end(text, starts[first]))
                closing = min(last, len(starts) - 1) - 1
                closing_line = text[starts[closing]:_line_end(text, starts[closing])]
                if closing > first and closing_line.lstrip()[:3] in ("```", "~~~"):
                    _blank(chars, starts[closing], _line_end(text, starts[closing]))
        elif token.type == "heading_open" and token.markup.startswith("#"):
            line = text[starts[first]:_line_end(text, starts[first])]  # not the rest of the text: linear
            number = _NUMBER.match(text, starts[first] + len(line) - len(line.lstrip(" ")))
            if number is not None:
                _blank(chars, number.start(2), number.end())
    for index, is_covered in enumerate(covered):
        if not is_covered and _DEFINITION.fullmatch(text, starts[index], _line_end(text, starts[index])):
            _blank(chars, starts[index], _line_end(text, starts[index]))
    for start, end in (*_comments(text), *((hit.start(), hit.end()) for hit in _REFERENCE.finditer(text))):
        if not any(lo <= start < hi for lo, hi in code):
            _blank(chars, start, end)
    return "".join(chars)


def _comments(text: str):
    """(start, end) of each `<!-- … -->`, found with str.find: a pattern would look for
    the close from every `<!--` of a text that has none (quadratic)."""
    at = text.find("<!--")
    while at >= 0:
        close = text.find("-->", at + 4)
        if close < 0:
            return  # no comment closes after here
        yield at, close + 3
        at = text.find("<!--", close + 3)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return end - 1 if end > start and text[end - 1] == "\r" else end


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] not in "\r\n":
            chars[index] = " "
