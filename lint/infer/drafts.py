"""Drafts: the template's blocks as consensus decides them, before slots are named and
the Markdown is written: each a pivot block with the replacements (slots, or the
majority's wording) to make in its text."""

from __future__ import annotations

from dataclasses import dataclass, field

from canonlint.document import BlockKind


@dataclass
class SlotDraft:
    type: str
    values: tuple[str | None, ...]
    row: bool
    name: str = ""


@dataclass(frozen=True)
class Replacement:
    start: int               # pivot offsets
    end: int
    slot: SlotDraft | None   # a slot, or (None) the majority wording `text`
    text: str = ""


@dataclass
class BlockDraft:
    kind: BlockKind
    level: int
    pivot_block: int
    agreement: float                 # share of voters carrying the block
    local: bool = False
    header: bool = False
    replacements: list[Replacement] = field(default_factory=list)
