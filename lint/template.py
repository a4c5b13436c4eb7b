r"""Template: the canonical shared text, loaded once per run from a small Markdown file.

- `#`/`##` headings are canonical headings; list items, table rows and paragraphs are
  shared blocks that every edition must carry, in order, word for word.
- `{slot}` / `{slot:type}` slots match any value of their type (see canonlint.slots) and are
  captured; `\{` and `\}` are literal braces (in a Markdown code block, so is any brace that
  opens no slot). A slot name used twice must take the same
  value in an edition, except in table rows, where each row's slots are its own.
- A block that is only `{{local}}` or `{{local some name}}` stands for any number of
  paragraphs written by the borough: not compared with anything.
- A Markdown table's header row (the row above `|---|`) names the columns; it is not
  shared text.
- A Markdown template (`.md`) is read as a Markdown edition is (canonlint.readers.md): what
  a reader of the rendered page does not see (link targets, reference definitions, a code
  fence's info string) is no shared text; its links and code blocks are kept as such. A raw
  HTML block or a paragraph of images only (badges), which a converter may drop or keep as
  alt text, is a local block.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from canonlint.document import BlockKind, parse_blocks
from canonlint.exact_tokens import ExactToken, find_exact_tokens
from canonlint.readers import Link, reader_for
from canonlint.slot_syntax import slot_markers, type_of
from canonlint.slots import SlotType, slot_types_with
from canonlint.source import SourceError, read_source
from canonlint.table_cells import pipe_cells, row_cells
from canonlint.words import hidden_spans, iter_words, normalise

T = TypeVar("T")


class TemplateError(Exception):
    """A template that cannot be used; the message names the file, line and problem."""


LOCAL_MARKER = re.compile(r"\{\{[ \t]*local(?:[ \t]+([^{}\n]*?))?[ \t]*\}\}")
_BRACE = re.compile(r"(?<!\\)[{}]")  # \{ and \} are literal braces


@dataclass(frozen=True)
class Slot:
    name: str
    type: SlotType
    block: int
    word: int          # index of the slot's place in Template.words
    row_scoped: bool   # table-row slots take a value per row
    lead: str = ""     # the punctuation the template writes right before the slot (`'` of `'{gem}'`)
    trail: str = ""    # and right after it: never part of the slot's value


@dataclass(frozen=True)
class TemplateWord:
    key: str           # match key; a slot's key is unique and matches no edition word
    start: int
    end: int
    block: int
    slot: Slot | None = None


@dataclass(frozen=True)
class TemplateBlock:
    index: int
    kind: BlockKind
    start: int
    end: int
    line: int
    text: str                 # normalised display text, markers removed, slots as written
    level: int = 0
    local: bool = False
    local_name: str = ""
    section: int = -1         # index of the level-1 heading this block belongs to
    list_id: int = -1         # index of the first item of the list this item belongs to
    list_position: int = 0    # 1-based position in that list
    table_id: int = -1        # index of the first row of the table this row belongs to
    cells: tuple[str, ...] = ()  # a table row's cells as written, slots included
    key_words: int = 0        # leading words that identify the block: a table row's label
    first_word: int = 0
    last_word: int = 0        # exclusive
    exact_tokens: tuple[ExactToken, ...] = ()

    @property
    def word_range(self) -> range:
        return range(self.first_word, self.last_word)

    @property
    def is_shared(self) -> bool:
        return not self.local


@dataclass(frozen=True)
class Template:
    path: str
    text: str          # the template as read: a Markdown template's with what is not seen blanked
    blocks: tuple[TemplateBlock, ...]
    words: tuple[TemplateWord, ...]
    table_columns: dict[int, tuple[str, ...]]
    links: tuple[Link, ...] = ()  # a Markdown template's links, offsets into text
    inline_code: tuple[tuple[int, int], ...] = ()  # a Markdown template's `code` spans, offsets into text

    @cached_property
    def keys(self) -> tuple[str, ...]:
        """Match keys of all template words, computed once per run."""
        return tuple(w.key for w in self.words)

    @cached_property
    def word_blocks(self) -> tuple[int, ...]:
        """The block of each template word (once per run)."""
        return tuple(w.block for w in self.words)

    @cached_property
    def bigrams(self) -> dict[tuple[str, str], list[int]]:
        """Template word indices by the key bigram they start, within a block (once per run)."""
        index: dict[tuple[str, str], list[int]] = {}
        for i in range(len(self.words) - 1):
            first, second = self.words[i], self.words[i + 1]
            if first.block == second.block and first.slot is None and second.slot is None:
                index.setdefault((first.key, second.key), []).append(i)
        return index

    @cached_property
    def header_keys(self) -> dict[int, tuple[str, ...]]:
        """The match keys of each table's header row, by table id (once per run): an edition
        that keeps the header row carries these words just before the table's first row."""
        return {table_id: tuple(key for cell in columns for key, _, _ in iter_words(cell))
                for table_id, columns in self.table_columns.items()}

    def literal_words(self, block: TemplateBlock) -> list[int]:
        return list(self.literal[block.index])

    def reading(self, key: Any, compute: Callable[[Template], T]) -> T:
        """compute(self), worked out once per template and kept with it for the whole run: a
        reading of the template (the alignment's index, a rule's list of the blocks it
        cares about) that every edition's check would otherwise redo. key names the
        reading; compute must depend on the template alone."""
        readings = self._readings
        if key not in readings:
            readings[key] = compute(self)
        return readings[key]

    def list_items(self, list_id: int) -> list[TemplateBlock]:
        return [b for b in self.blocks if b.list_id == list_id]

    def lists(self) -> list[list[TemplateBlock]]:
        return [list(items) for items in self._lists]

    def tables(self) -> list[list[TemplateBlock]]:
        return [list(rows) for rows in self._tables]

    # Read by every edition's rules: worked out once per template.
    @cached_property
    def _readings(self) -> dict[Any, Any]:
        return {}

    @cached_property
    def literal(self) -> tuple[tuple[int, ...], ...]:
        """Each block's words that are not slots (once per run)."""
        return tuple(tuple(i for i in b.word_range if self.words[i].slot is None) for b in self.blocks)

    @cached_property
    def _lists(self) -> tuple[tuple[TemplateBlock, ...], ...]:
        ids = sorted({b.list_id for b in self.blocks if b.list_id >= 0})
        return tuple(tuple(self.list_items(i)) for i in ids)

    @cached_property
    def _tables(self) -> tuple[tuple[TemplateBlock, ...], ...]:
        ids = sorted({b.table_id for b in self.blocks if b.table_id >= 0})
        return tuple(tuple(b for b in self.blocks if b.table_id == i) for i in ids)

    @cached_property
    def _previous_shared(self) -> tuple[TemplateBlock | None, ...]:
        previous, before = None, []
        for block in self.blocks:
            before.append(previous)
            if block.is_shared:
                previous = block
        return tuple(before)

    def section_title(self, section: int) -> str:
        return self.blocks[section].text if section >= 0 else "(before the first heading)"

    def previous_shared(self, index: int) -> TemplateBlock | None:
        if 0 <= index < len(self.blocks):
            return self._previous_shared[index]
        for block in reversed(self.blocks[:index]):
            if block.is_shared:
                return block
        return None


def load_template(path: Path, display: str | None = None,
                  slot_types: dict[str, SlotType] | None = None) -> Template:
    name = display or str(path)
    try:
        source = read_source(path, name)
    except SourceError as exc:
        raise TemplateError(f"template {exc}") from None
    return parse_template(source.text, name, slot_types)


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse_template(text: str, path: str = "<template>", slot_types: dict[str, SlotType] | None = None) -> Template:
    """slot_types: the user's own slot types (from the configuration), besides the built-in ones."""
    text, raw_blocks, links, inline_code, optional = _read(text, path)
    built = _Blocks(text, path, slot_types_with(slot_types))
    for raw in raw_blocks:
        built.add(raw, raw.start in optional)
    if not any(b.is_shared and b.last_word > b.first_word for b in built.blocks):
        raise TemplateError(f"{path}: the template has no shared text to compare editions with")
    return Template(path, text, tuple(built.blocks), tuple(built.words), built.table_columns, links, inline_code)


class _Blocks:
    """The template's blocks and words, built block by block in order: which section,
    list and table each block belongs to follows from the blocks before it."""

    def __init__(self, text: str, path: str, types: dict[str, SlotType]) -> None:
        self.text, self.path, self.types = text, path, types
        self.blocks: list[TemplateBlock] = []
        self.words: list[TemplateWord] = []
        self.table_columns: dict[int, tuple[str, ...]] = {}
        self.slot_types: dict[str, str] = {}  # the type each slot name takes
        self.section = self.list_id = self.table_id = -1
        self.list_position = 0
        self.previous_kind: BlockKind | str | None = None

    def fail(self, offset: int, message: str) -> TemplateError:
        line, column = _position(self.text, offset)
        return TemplateError(f"{self.path}:{line}:{column}: {message}")

    def add(self, raw, optional: bool) -> None:
        """Add a block as read (raw); optional: a block a converter may drop or keep, local."""
        body = self.text[raw.content_start : raw.end]
        if raw.kind is BlockKind.TABLE_ROW and raw.header:
            self.table_id = len(self.blocks)
            self.table_columns[self.table_id] = tuple(c.strip() for c in pipe_cells(body))
            self.previous_kind = "header"
            return
        local = LOCAL_MARKER.fullmatch(body.strip())
        if local or optional:
            self.blocks.append(TemplateBlock(
                len(self.blocks), BlockKind.PARAGRAPH, raw.start, raw.end, _position(self.text, raw.start)[0],
                text=body.strip(), local=True, local_name=(local.group(1) or "").strip() if local else "",
                section=self.section, first_word=len(self.words), last_word=len(self.words)))
            self.previous_kind = None
            return
        self._place(raw)
        self.blocks.append(self._shared(raw, body))
        self.previous_kind = raw.kind

    def _place(self, raw) -> None:
        """Open a new section, list or table where this block starts one."""
        index = len(self.blocks)
        if raw.kind is BlockKind.HEADING and raw.level == 1:
            self.section = index
        if raw.kind is BlockKind.LIST_ITEM:
            if self.previous_kind is not BlockKind.LIST_ITEM:
                self.list_id, self.list_position = index, 0
            self.list_position += 1
        if raw.kind is BlockKind.TABLE_ROW and self.previous_kind not in (BlockKind.TABLE_ROW, "header"):
            self.table_id = index

    def _shared(self, raw, body: str) -> TemplateBlock:
        index, text = len(self.blocks), self.text
        first_word = len(self.words)
        _block_words(text, raw, index, self.types, self.slot_types, self.words, self.fail)
        row, item = raw.kind is BlockKind.TABLE_ROW, raw.kind is BlockKind.LIST_ITEM
        cells = tuple(c.strip() for c in row_cells(body)) if row else ()
        return TemplateBlock(
            index, raw.kind, raw.start, raw.end, _position(text, raw.start)[0],
            text=normalise(body.replace("|", " ").replace("\\{", "{").replace("\\}", "}")),
            level=raw.level, section=self.section,
            list_id=self.list_id if item else -1, list_position=self.list_position if item else 0,
            table_id=self.table_id if row else -1,
            first_word=first_word, last_word=len(self.words),
            exact_tokens=tuple(find_exact_tokens(text, raw.content_start, raw.end)), cells=cells,
            key_words=len(list(iter_words(cells[0]))) if cells and "{" not in cells[0] else 0)


def _read(text: str, path: str):
    """The template as its reader reads it: its text (a Markdown template's with what is not
    seen blanked), blocks, links, inline code spans, and the starts of the blocks a
    converter may drop or keep (local)."""
    if reader_for(path) == "md":  # read as a Markdown edition is
        from canonlint.readers.md import read_markdown

        reading = read_markdown(text)
        if reading is not None:
            return reading.text, list(reading.blocks), reading.links, reading.inline_code, frozenset(reading.optional)
    return text, parse_blocks(text), (), (), frozenset()


def _block_words(text: str, raw, index: int, types: dict[str, SlotType], slot_types: dict[str, str],
                 words: list[TemplateWord], fail: Callable[[int, str], TemplateError]) -> None:
    """Append the words and slots of block `index` (raw, as parsed) to words; slot_types
    records the type each slot name takes. What an edition's words skip (a link's target,
    a tag) is skipped here as a whole, slots in it too, so that both sides have the same
    words around a slot."""
    cursor = raw.content_start
    hidden = hidden_spans(text, raw.content_start, raw.end)
    code = raw.kind is BlockKind.CODE
    for match in slot_markers(text, raw.content_start, raw.end):
        _literal_words(text, cursor, match.start, index, words, fail, hidden, code)
        name = match.name
        type_name = match.written_type or slot_types.get(name) or type_of(match, types)
        if type_name not in types:
            close = difflib.get_close_matches(type_name, types, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; known types: {', '.join(types)}"
            raise fail(match.start, f"unknown slot type '{type_name}'{hint}")
        if slot_types.setdefault(name, type_name) != type_name:
            raise fail(match.start, f"slot '{name}' is used as '{slot_types[name]}' and as '{type_name}'")
        slot = Slot(name, types[type_name], index, len(words),
                    row_scoped=raw.kind is BlockKind.TABLE_ROW,
                    lead=_glue(_LEAD.search(text, raw.content_start, match.start)),
                    trail=_glue(_TRAIL.match(text, match.end, raw.end)))
        if not _inside(match.start, hidden):
            words.append(TemplateWord(f"\x00slot{len(words)}", match.start, match.end, index, slot))
        cursor = match.end
    _literal_words(text, cursor, raw.end, index, words, fail, hidden, code)


# The punctuation touching a slot on either side, up to the next word or slot.
_LEAD = re.compile(r"[^\w{}]*\Z")
_TRAIL = re.compile(r"[^\w{}]*")


def _glue(found: re.Match | None) -> str:
    return "".join(found.group(0).split()) if found else ""


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(lo <= offset < hi for lo, hi in spans)


def _literal_words(text, start, end, block, words, fail, hidden, code: bool = False) -> None:
    """The words of text[start:end] (no slot among them), but those inside hidden spans. A
    brace that opens no slot is an error, but in code (JSON, an f-string, `{{ var }}`), where
    it is a literal brace."""
    stray = None if code else _BRACE.search(text, start, end)
    if stray:
        what = "'{' that does not open a slot" if stray.group(0) == "{" else "'}' that does not close a slot"
        raise fail(stray.start(), f"{what}: a slot is written {{slot}} or {{slot:type}}; "
                                  "write \\{ or \\} for a literal brace")
    for key, word_start, word_end in iter_words(text, start, end):
        if not _inside(word_start, hidden):
            words.append(TemplateWord(key, word_start, word_end, block))
