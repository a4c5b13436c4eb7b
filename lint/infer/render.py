"""Writing the consensus as a template in canonlint's own syntax (see lint.template)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lint.document import BlockKind
from lint.infer.consensus import BlockDraft
from lint.infer.votes import Votes
from lint.slots import default_type
from lint.words import normalise

_SENTINEL = re.compile("\x01(\\d+)\x01")
_NEEDS_ESCAPE = re.compile(r"[#\-*+|>]|\d{1,3}[.)](?:\s|$)")


@dataclass(frozen=True)
class RenderedBlock:
    draft: BlockDraft
    line: int
    text: str


def slot_marker(name: str, type_name: str) -> str:
    return f"{{{name}}}" if default_type(name) == type_name else f"{{{name}:{type_name}}}"


def _cells(row: str) -> list[str]:
    row = row.strip()
    if row.startswith("|"):
        return [c for c in row.strip("|").split("|")]
    return [c for c in row.split("\t") if c.strip()]


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
            markers.append(slot_marker(replacement.slot.name, replacement.slot.type))
        cursor = max(cursor, replacement.end)
    pieces.append(text[cursor : raw.end])
    body = "".join(pieces)
    if draft.kind is BlockKind.TABLE_ROW:
        cells = [_finish(c, markers) for c in _cells(body)]
        line = "| " + " | ".join(cells) + " |"
        return line + "\n|" + "---|" * len(cells) if draft.header else line
    body = _finish(body, markers)
    if draft.kind is BlockKind.HEADING:
        return "#" * max(1, min(draft.level, 6)) + " " + body
    if draft.kind is BlockKind.LIST_ITEM:
        return "- " + body
    return "\\" + body if _NEEDS_ESCAPE.match(body) else body


def render(votes: Votes, drafts: list[BlockDraft]) -> tuple[str, list[RenderedBlock]]:
    out: list[str] = []
    rendered: list[RenderedBlock] = []
    line = 1
    previous: BlockDraft | None = None
    for draft in drafts:
        text = block_text(votes, draft)
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
