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
- the fence lines of a fenced code block, its info string (```` ```ruby ````) included;
- images (`![alt](src)`), raw HTML tags (their text stays), entities (`&nbsp;`), thematic
  breaks (`---`) and a setext heading's underline (the heading above it is a heading).

A fenced or indented code block is one block of kind CODE holding its lines as written:
it is compared as code, verbatim, and prose rules leave it alone. Everything else (bullets,
heading levels, a heading's section number, tables) reads as in any text edition
(canonlint.document).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference

from canonlint.document import Block, BlockKind, parse_blocks
from canonlint.readers.reader_output import Layout, Link
from canonlint.source import Source

# What a CommonMark reading may read differently from a text reading (a tag, comment or
# autolink, a link, a definition, an entity, inline code, a fence, an indented line, a rule
# or a setext underline); a text with none is read as any text edition.
_MAYBE = re.compile(r"<[A-Za-z/!]|\]:|\]\[|\]\(|&#?\w+;|`|"
                    r"^(?:[ ]{0,3}(?:~~~|=+[ \t]*$|-{2,}[ \t]*$|(?:[*_][ \t]*){3,}$)|(?:[ ]{4}|\t)[ \t]*\S)",
                    re.MULTILINE)
_EMAIL = re.compile(r"[^\s@<>:/]+@[^\s@<>]+")  # an autolink that is an e-mail address, not a URL
_WORD = re.compile(r"[^\W_]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_DEFINITION = re.compile(r"[ ]{0,3}\[([^\]\n]+)\]:[ \t]*(<[^>\n]*>|\S+).*")


@dataclass(frozen=True)
class MarkdownReading:
    """What a reader of the rendered page finds in a Markdown text."""

    text: str                  # the text with what is not seen blanked, offsets and line breaks kept
    blocks: tuple[Block, ...]  # its blocks, code blocks of kind CODE
    links: tuple[Link, ...]    # its links, offsets into text
    inline_code: tuple[tuple[int, int], ...] = ()  # its code spans (`code`), offsets into text
    optional: tuple[int, ...] = ()  # the starts of the blocks a converter may drop or keep


def read_markdown(text: str) -> MarkdownReading | None:
    """The CommonMark reading of text, or None when it reads as any text edition would."""
    if not _MAYBE.search(text):
        return None  # nothing CommonMark reads differently: no parse (most editions)
    reading = _Reading(text)
    blocks, optional = reading.blocks()
    if reading.text == text and not (reading.code or reading.links or reading.inline_code or optional) \
            and blocks == tuple(parse_blocks(text)):
        return None
    return MarkdownReading(reading.text, blocks, tuple(reading.links), tuple(reading.inline_code), optional)


def with_markdown_layout(source: Source) -> Source:
    """source with the Layout of its CommonMark reading (or as it is, if that changes nothing)."""
    reading = read_markdown(source.text)
    if reading is None:
        return source
    return replace(source, layout=Layout("md", reading.blocks, (), reading.text, with_markdown_layout,
                                         links=reading.links, inline_code=reading.inline_code))


# The inline rules whose matches the reading needs to place in the file: links (their text
# and target), and what is blanked or kept apart (images, raw HTML, entities, inline code).
_NOTED = ("link", "autolink", "image", "html_inline", "entity", "backticks")


def _parser() -> MarkdownIt:
    """CommonMark with tables, whose inline rules in _NOTED note where each match stands."""
    parser = MarkdownIt("commonmark").enable("table")
    for name in _NOTED:
        rule = next(r.fn for r in parser.inline.ruler.__rules__ if r.name == name)
        parser.inline.ruler.at(name, _noting(name, rule))
    return parser


def _noting(name: str, rule):
    """rule, also noting in the parse's env, by inline text, (rule name, start, end of a link's
    text at its `]` or -1, end) of each match, offsets into that inline text."""
    def noted(state, silent: bool) -> bool:
        start = state.pos
        text_end = -1
        if name == "link" and not silent and state.src[start] == "[":
            text_end = state.md.helpers.parseLinkLabel(state, start, True)
        if not rule(state, silent):
            return False
        if not silent:
            state.env.setdefault("noted", {}).setdefault(id(state.src), []).append((name, start, text_end, state.pos))
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
        self.breaks: set[int] = set()  # lines where CommonMark starts a block
        self.inline_code: list[tuple[int, int]] = []  # (start, end) of each code span, backticks included
        self.headings: list[tuple[int, int, int]] = []  # setext headings: first line, last line + 1, level
        # Lines a converter may drop or keep (raw HTML, a paragraph of images): first, last + 1
        self.optional: list[tuple[int, int]] = []
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
            if token.nesting >= 0 and token.type != "inline":
                self.breaks.add(first)  # a block starts here, as CommonMark reads it
            if token.type in ("fence", "code_block"):
                self._code(token.type, first, min(last, len(self.starts) - 1), token.content)
            elif token.type == "inline":
                inlines.append(token)
            elif token.type == "hr":  # a rule drawn across the page: no words
                self._blank(self.starts[first], self._line_end(first))
            elif token.type == "html_block":
                self._blank_tags(self.starts[first], self.starts[min(last, len(self.starts) - 1)])
                self.optional.append((first, min(last, len(self.starts) - 1)))
            elif token.type == "heading_open" and token.markup in ("=", "-") and last - first >= 2:
                self._blank(self.starts[last - 1], self._line_end(last - 1))  # a setext heading's underline
                self.headings.append((first, last - 1, 1 if token.markup == "=" else 2))
        definitions = self._definitions(covered)
        noted = env.get("noted", {})
        for token in inlines:
            if id(token.content) in noted:
                self._inline(token, noted[id(token.content)], definitions)
                first, last = token.map
                if any(name in ("image", "html_inline") for name, *_ in noted[id(token.content)]) and \
                        not _WORD.search("".join(self.chars[self.starts[first]:self.starts[last]])):
                    self.optional.append((first, last))  # only images (badges): their alt text or nothing
        code_starts = [self.starts[lo] for lo, _ in self.code]  # in order: looked up by bisection
        code_ends = [self.starts[hi] for _, hi in self.code]
        for start, end in _comments(text):
            at = bisect.bisect_right(code_starts, start) - 1
            if at < 0 or start >= code_ends[at]:  # a comment, not code that shows one
                self._blank(start, end)
        self.text = "".join(self.chars)

    def blocks(self) -> tuple[tuple[Block, ...], tuple[int, ...]]:
        """The blocks of the reading — code blocks as CODE, a setext heading (a line underlined
        with `===` or `---`) as a heading, the rest as in any text edition — and the starts of
        those a converter may drop or keep (raw HTML, a paragraph of images), a paragraph
        without words standing for such a paragraph."""
        prose = list(self.text)
        kept = []
        for kind, first, last, level in (*((BlockKind.CODE, lo, hi, 0) for lo, hi in self.code),
                                         *((BlockKind.HEADING, lo, hi, level) for lo, hi, level in self.headings)):
            lo, hi = self.starts[first], self.starts[last]
            body = self.text[lo:hi]
            if not body.strip():
                continue
            start = lo + len(body) - len(body.lstrip())
            kept.append(Block(kind, start, lo + len(body.rstrip()), start, level))
            for index in range(lo, hi):
                if prose[index] not in "\r\n":
                    prose[index] = " "
        breaks = frozenset(self.breaks)
        blocks = sorted([*parse_blocks("".join(prose) if kept else self.text, breaks), *kept],
                        key=lambda block: block.start)
        optional = []
        for first, last in self.optional:
            lo, hi = self.starts[first], self.starts[last]
            inside = [block.start for block in blocks if lo <= block.start < hi]
            if not inside:
                body = self.source[lo:hi]
                start = lo + len(body) - len(body.lstrip())
                blocks.append(Block(BlockKind.PARAGRAPH, start, lo + len(body.rstrip()), start))
                inside = [start]
            optional += inside
        return tuple(sorted(blocks, key=lambda block: block.start)), tuple(optional)

    def _code(self, kind: str, first: int, last: int, content: str) -> None:
        """A code block: its fence lines blanked, its lines kept as code — without what stands
        before them as the block's container (a quote's `>`, a list item's indent), which
        content, the code as CommonMark reads it, leaves out."""
        if kind == "fence":
            self._blank(self.starts[first], self._line_end(first))
            closing = last - 1
            line = self.source[self.starts[closing]:self._line_end(closing)].lstrip(" \t>")  # in a quote too
            if closing > first and line[:3] in ("```", "~~~") and not line.strip(line[0]).strip():
                self._blank(self.starts[closing], self._line_end(closing))
                last = closing
            first += 1
        for index, code in zip(range(first, last), content.split("\n")):
            start, end = self.starts[index], self._line_end(index)
            if code and self.source.endswith(code, start, end):
                self._blank(start, end - len(code))
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

    def _inline(self, token, noted: list, definitions: dict[str, tuple[str, int, int]]) -> None:
        """One inline token's links (their syntax blanked, each noted as a Link), images, raw
        HTML and entities (blanked: no words a reader sees) and inline code (kept apart)."""
        offsets = self._offsets(token)
        if offsets is None:
            return  # its text could not be found line by line in the file: read as text
        src = token.content
        for name, start, text_end, end in noted:
            if name in ("image", "html_inline", "entity"):
                self._blank(offsets[start], offsets[end - 1] + 1)
                continue
            if name == "backticks":
                self.inline_code.append((offsets[start], offsets[end - 1] + 1))
                continue
            if name == "autolink":  # <https://…> or <name@host>, which leads to mailto:name@host
                text_start, text_end = start + 1, end - 1
                target, target_start, target_end = src[text_start:text_end], offsets[text_start], offsets[text_end]
                if _EMAIL.fullmatch(target):
                    target, target_start, target_end = "mailto:" + target, -1, -1
            else:
                text_start = start + 1
                target, target_start, target_end = self._target(src, start, text_end, end, offsets, definitions)
            self._blank(offsets[start], offsets[text_start])
            self._blank(offsets[text_end], offsets[end - 1] + 1)
            if offsets[text_end] > offsets[text_start]:
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

    def _blank_tags(self, start: int, end: int) -> None:
        """Blank every tag (`<p align="center">`, `<img …>`, `</p>`) of a raw HTML block, its
        text left as text; found with str.find, so a `<` that no `>` closes costs one scan."""
        at = self.source.find("<", start, end)
        while at >= 0:
            close = self.source.find(">", at, end)
            if close < 0:
                return
            self._blank(at, close + 1)
            at = self.source.find("<", close + 1, end)

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
