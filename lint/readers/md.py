"""Markdown read as CommonMark (markdown-it-py), the same way for a template and an edition.

A Markdown file stays a text file: its blocks are read from its own text (offsets kept, so
`--fix` rewrites it), after blanking what a reader of the rendered page never sees or what
is not the file's wording:

- HTML comments (`<!-- editor's note -->`), outside code;
- link syntax: the brackets of a link's text, an inline link's target and title
  (`[text](url "title")` reads as `text`), a reference link's `[label]`, the angle brackets
  of an autolink, and link reference definitions (`[mpa]: https://www.mpa.gov.uk`). What a
  link leads to is kept apart, as a Link (its text's span and its target as written): a
  reference definition is the target of its links, never words;
- the fence lines of a fenced code block, its info string (```` ```ruby ````) included.

A fenced or indented code block is one block of kind CODE holding its lines as written:
it is compared as code, verbatim, and prose rules leave it alone. Everything else (bullets,
heading levels, a heading's section number, tables) reads as in any text edition
(canonlint.document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference

from canonlint.document import Block, BlockKind, parse_blocks
from canonlint.readers import Layout, Link
from canonlint.source import Source

# What a CommonMark reading may read differently from a text reading (a comment, a link, a
# definition, a fence, an indented line); a text with none is read as any text edition.
_MAYBE = re.compile(r"<!--|\]:|\]\[|\]\(|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:|@[^\s>]*>|"
                    r"^(?:[ ]{0,3}(?:```|~~~)|(?:[ ]{4}|\t)[ \t]*\S)", re.MULTILINE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DEFINITION = re.compile(r"[ ]{0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+).*")


@dataclass(frozen=True)
class MarkdownReading:
    """What a reader of the rendered page finds in a Markdown text."""

    text: str                  # the text with what is not seen blanked, offsets and line breaks kept
    blocks: tuple[Block, ...]  # its blocks, code blocks of kind CODE
    links: tuple[Link, ...]    # its links, offsets into text


def read_markdown(text: str) -> MarkdownReading | None:
    """The CommonMark reading of text, or None when it reads as any text edition would."""
    if not _MAYBE.search(text):
        return None  # nothing CommonMark reads differently: no parse (most editions)
    reading = _Reading(text)
    if reading.text == text and not reading.code and not reading.links:
        return None
    return MarkdownReading(reading.text, reading.blocks(), tuple(reading.links))


def with_markdown_layout(source: Source) -> Source:
    """source with the Layout of its CommonMark reading (or as it is, if that changes nothing)."""
    reading = read_markdown(source.text)
    if reading is None:
        return source
    return replace(source, layout=Layout("md", reading.blocks, (), reading.text, with_markdown_layout,
                                         links=reading.links))


def _parser() -> MarkdownIt:
    """CommonMark with tables, whose link rules note where each link stands in its inline text."""
    parser = MarkdownIt("commonmark").enable("table")
    for name in ("link", "autolink"):
        rule = next(r.fn for r in parser.inline.ruler.__rules__ if r.name == name)
        parser.inline.ruler.at(name, _noting_span(rule))
    return parser


def _noting_span(rule):
    """rule, also noting on the link_open token it makes where the link's source starts, where
    its text ends (at its `]`; -1 for an autolink) and where it ends, in the inline text."""
    def noted(state, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        text_end = state.md.helpers.parseLinkLabel(state, start, True) if state.src[start] == "[" else -1
        if not rule(state, silent):
            return False
        if not silent:
            for token in state.tokens[count:]:
                if token.type == "link_open":
                    token.meta["span"] = (start, text_end, state.pos)
                    break
        return True
    return noted


_PARSER: MarkdownIt | None = None


class _Reading:
    """One pass over a Markdown text: the blanked text, its code blocks and its links."""

    def __init__(self, text: str):
        global _PARSER
        if _PARSER is None:
            _PARSER = _parser()
        self.source = text
        # Lines as markdown-it counts them: ended by \r\n, \r or \n only (str.splitlines
        # would also end one at a form feed or U+2028, and the token maps would drift).
        self.starts = [0, *(match.end() for match in _LINE_BREAK.finditer(text))]
        if self.starts[-1] < len(text):
            self.starts.append(len(text))
        self.chars = list(text)
        self.code: list[tuple[int, int]] = []  # (first line, last line + 1) of each code block
        self.links: list[Link] = []
        self.cells_read: dict[int, int] = {}  # a table row's line: where its next cell is looked for
        env: dict = {}
        tokens = _PARSER.parse(text, env)
        covered = [False] * (len(self.starts) - 1)
        inlines = []
        for token in tokens:
            if token.map is None:
                continue
            first, last = token.map
            for index in range(first, min(last, len(covered))):
                covered[index] = True
            if token.type in ("fence", "code_block"):
                self._code(token.type, first, min(last, len(self.starts) - 1))
            elif token.type == "inline":
                inlines.append(token)
        definitions = self._definitions(covered)
        for token in inlines:
            self._links(token, definitions)
        code_spans = [(self.starts[lo], self.starts[hi]) for lo, hi in self.code]
        for start, end in _comments(text):
            if not any(lo <= start < hi for lo, hi in code_spans):
                self._blank(start, end)
        self.text = "".join(self.chars)

    def blocks(self) -> tuple[Block, ...]:
        """The blocks of the reading: code blocks as CODE, the rest as in any text edition."""
        if not self.code:
            return tuple(parse_blocks(self.text))
        prose = list(self.text)
        code_blocks = []
        for first, last in self.code:
            lo, hi = self.starts[first], self.starts[last]
            body = self.text[lo:hi]
            if not body.strip():
                continue
            start = lo + len(body) - len(body.lstrip())
            code_blocks.append(Block(BlockKind.CODE, start, lo + len(body.rstrip()), start))
            for index in range(lo, hi):
                if prose[index] not in "\r\n":
                    prose[index] = " "
        return tuple(sorted((*parse_blocks("".join(prose)), *code_blocks), key=lambda block: block.start))

    def _code(self, kind: str, first: int, last: int) -> None:
        """A code block: its fence lines blanked, its lines kept as code."""
        if kind == "fence":
            self._blank(self.starts[first], self._line_end(first))
            closing = last - 1
            line = self.source[self.starts[closing]:self._line_end(closing)]
            if closing > first and line.lstrip()[:3] in ("```", "~~~"):
                self._blank(self.starts[closing], self._line_end(closing))
                last = closing
            first += 1
        self.code.append((first, last))

    def _definitions(self, covered: list[bool]) -> dict[str, tuple[str, int, int]]:
        """Link reference definitions (lines no block covers), blanked: their target as
        written and its offsets, by normalised label (the first definition of a label wins)."""
        found: dict[str, tuple[str, int, int]] = {}
        for index, is_covered in enumerate(covered):
            if is_covered:
                continue
            match = _DEFINITION.fullmatch(self.source, self.starts[index], self._line_end(index))
            if match is None:
                continue
            target_start, target_end = match.span(2)
            if match.group(2).startswith("<"):
                target_start, target_end = target_start + 1, target_end - 1
            found.setdefault(normalizeReference(match.group(1)),
                             (self.source[target_start:target_end], target_start, target_end))
            self._blank(match.start(), match.end())
        return found

    def _links(self, token, definitions: dict[str, tuple[str, int, int]]) -> None:
        """The links of one inline token: their syntax blanked, each noted as a Link."""
        offsets = self._offsets(token)
        if offsets is None:
            return  # its text could not be found line by line in the file: read as text
        src = token.content
        for child in token.children or ():
            span = child.meta.get("span") if child.type == "link_open" else None
            if span is None:
                continue
            start, text_end, end = span
            if child.markup == "autolink":  # <https://…> or <name@host>, which leads to mailto:name@host
                text_start, text_end = start + 1, end - 1
                target, target_start, target_end = src[text_start:text_end], offsets[text_start], offsets[text_end]
                if child.attrs.get("href", "").startswith("mailto:") and not target.lower().startswith("mailto:"):
                    target, target_start, target_end = "mailto:" + target, -1, -1
            else:
                text_start = start + 1
                target, target_start, target_end = self._target(src, start, text_end, end, offsets, definitions)
            self._blank(offsets[start], offsets[text_start])
            self._blank(offsets[text_end], offsets[end - 1] + 1)
            self.links.append(Link(offsets[text_start], offsets[text_end], target, target_start, target_end))

    def _target(self, src: str, start: int, text_end: int, end: int, offsets: list[int],
                definitions: dict[str, tuple[str, int, int]]) -> tuple[str, int, int]:
        """An inline link's target as written, or its reference's definition's."""
        rest = src[text_end + 1:end]
        if rest.startswith("("):
            at = text_end + 2
            while at < end and src[at] in " \t\n":
                at += 1
            result = _PARSER.helpers.parseLinkDestination(src, at, end)
            if result.ok:
                lo, hi = at, result.pos
                if src[lo:lo + 1] == "<":
                    lo, hi = lo + 1, hi - 1
                return src[lo:hi], offsets[lo], offsets[hi]
        label = rest[1:rest.rfind("]")] if rest.startswith("[") else ""  # [text][label], else [text] or [text][]
        return definitions.get(normalizeReference(label or src[start + 1:text_end]), ("", -1, -1))

    def _offsets(self, token) -> list[int] | None:
        """The file offset of every character of an inline token's text (and one past its
        end), found line by line: each line of the text is the end of its line in the file
        (what stands before it is indentation or block markers), or a table cell in it."""
        lines = token.content.split("\n")
        offsets: list[int] = []
        first = token.map[0]
        for number, line in enumerate(lines):
            index = first + number
            if index + 1 >= len(self.starts):
                return None
            file_line = self.source[self.starts[index]:self._line_end(index)]
            if token.map[1] - token.map[0] == 1 and "|" in file_line:
                at = self.cells_read.get(index, 0)
                found = file_line.find(line, at)
                self.cells_read[index] = found + len(line)
            else:
                found = file_line.rstrip().rfind(line) if line else len(file_line)
            if found < 0 or file_line[found:found + len(line)] != line:
                return None
            base = self.starts[index] + found
            offsets.extend(range(base, base + len(line)))
            offsets.append(base + len(line))  # the line break (or the end)
        return offsets

    def _line_end(self, index: int) -> int:
        end = self.starts[index + 1]
        while end > self.starts[index] and self.source[end - 1] in "\r\n":
            end -= 1
        return end

    def _blank(self, start: int, end: int) -> None:
        chars = self.chars
        for index in range(start, end):
            if chars[index] not in "\r\n":
                chars[index] = " "


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
