"""Writing the consensus as a template in canonlint's own syntax (see canonlint.template)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from canonlint.document import BlockKind
from canonlint.infer.drafts import BlockDraft
from canonlint.infer.votes import Votes
from canonlint.slot_syntax import SLOT_PATTERN, SlotMarker, marker, type_of
from canonlint.slots import SLOT_TYPES
from canonlint.table_cells import compile_cell, pipe_cells, row_cells
from canonlint.words import normalise

_SENTINEL = re.compile("\x01(\\d+)\x01")
_NEEDS_ESCAPE = re.compile(r"[#\-*+|>]|\d{1,3}[.)](?:\s|$)")


@dataclass(frozen=True)
class RenderedBlock:
    draft: BlockDraft
    line: int
    text: str


def _finish(text: str, markers: list[str]) -> str:
    text = normalise(text).replace("{", "\\{").replace("}", "\\}")
    return _SENTINEL.sub(lambda m: markers[int(m.group(1))], text)


def block_text(votes: Votes, draft: BlockDraft) -> str:
    if draft.local:
        return "{{local}}"
    document = votes.pivot.document
    raw = document.blocks[draft.pivot_block]
    text, cursor, pieces, markers = document.text, raw.content_start, [], []
    for replacement in sorted(draft.replacements, key=lambda r: r.start):
        pieces.append(text[cursor : replacement.start])
        if replacement.slot is None:
            pieces.append(replacement.text)
        else:
            pieces.append(f"\x01{len(markers)}\x01")
            markers.append(marker(replacement.slot.name, replacement.slot.type))
        cursor = max(cursor, replacement.end)
    pieces.append(text[cursor : raw.end])
    body = "".join(pieces)
    if draft.kind is BlockKind.TABLE_ROW:
        cells = [_finish(c, markers) for c in row_cells(body)]
        line = "| " + " | ".join(cells) + " |"
        return line + "\n|" + "---|" * len(cells) if draft.header else line
    body = _finish(body, markers)
    if draft.kind is BlockKind.HEADING:
        return "#" * max(1, min(draft.level, 6)) + " " + body
    if draft.kind is BlockKind.LIST_ITEM:
        return "- " + body
    return "\\" + body if _NEEDS_ESCAPE.match(body) else body


def _bounded(found: SlotMarker) -> str | None:
    kind = SLOT_TYPES.get(type_of(found))
    return kind.bounded if kind else None


def _rows_of_slots(texts: list[str], drafts: list[BlockDraft]) -> None:
    """A table's rows as rows of slots: a cell all editions happened to agree on (every
    status `Target achieved`) takes the slots its column has in the other rows, when its
    text is of their types."""
    n = 0
    while n < len(drafts):
        if drafts[n].local or drafts[n].kind is not BlockKind.TABLE_ROW:
            n += 1
            continue
        end = n
        while end < len(drafts) and not drafts[end].local and drafts[end].kind is BlockKind.TABLE_ROW:
            end += 1
        rows = [i for i in range(n, end) if not drafts[i].header]
        cells = {i: [c.strip() for c in pipe_cells(texts[i])] for i in rows}
        width = max((len(c) for c in cells.values()), default=0)
        for column in range(1, width):
            shapes = Counter(c[column] for c in cells.values() if len(c) > column and SLOT_PATTERN.search(c[column]))
            if not shapes:
                continue
            shape = shapes.most_common(1)[0][0]
            pattern = compile_cell(shape, _bounded, loose=False)
            for i, row in cells.items():
                if pattern and len(row) > column and not SLOT_PATTERN.search(row[column]) \
                        and pattern.regex.fullmatch(row[column].replace("\\{", "{").replace("\\}", "}")):
                    row[column] = shape
                    texts[i] = "| " + " | ".join(row) + " |"
        n = end


def render(votes: Votes, drafts: list[BlockDraft]) -> tuple[str, list[RenderedBlock]]:
    out: list[str] = []
    rendered: list[RenderedBlock] = []
    line = 1
    previous: BlockDraft | None = None
    texts = [block_text(votes, draft) for draft in drafts]
    _rows_of_slots(texts, drafts)
    for draft, text in zip(drafts, texts):
        if previous is not None:
            tight = not draft.local and not previous.local and draft.kind is previous.kind \
                and draft.kind in (BlockKind.LIST_ITEM, BlockKind.TABLE_ROW)
            out.append("\n" if tight else "\n\n")
            line += 1 if tight else 2
        rendered.append(RenderedBlock(draft, line, text))
        out.append(text)
        line += text.count("\n")
        previous = draft
    return "".join(out) + "\n", rendered
