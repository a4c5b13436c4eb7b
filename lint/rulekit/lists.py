"""Lists: where each item of a template list stands in an edition, relative to its list.

The list's place is the stretch of the edition between the blocks that surround the list
in the template (when they were found at their places). An item found inside it is "in
the list"; an item found elsewhere is displaced; an item found nowhere is missing. List
rules share this reading, and the Document's reading of list markers (item_starting_line):
no rule reads a marker with a pattern of its own.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from operator import attrgetter

from canonlint.align import LOCATED, end_before, start_after
from canonlint.document import Block, BlockKind, Document
from canonlint.rulekit.evidence import quote
from canonlint.template import TemplateBlock


_START = attrgetter("start")


# Made for every item of every list of every edition: slotted, not frozen (a frozen
# dataclass costs several times as much to make). Read them only.
@dataclass(slots=True)
class ListPlacement:
    item: TemplateBlock
    located: bool
    in_list: bool
    start: int
    end: int
    insertion_point: int


def list_region(ctx, items: list[TemplateBlock]) -> tuple[int, int]:
    matches = ctx.alignment.matches
    lo, hi = end_before(matches, items[0].index), start_after(matches, items[-1].index, len(ctx.text))
    return lo, max(lo, hi)


def list_placements(ctx, items: list[TemplateBlock]) -> list[ListPlacement]:
    """Where each item of a list stands (worked out once per edition and list)."""
    return list(ctx.per_edition(("list placements", items[0].index, len(items)), lambda: _placements(ctx, items)))


def _placements(ctx, items: list[TemplateBlock]) -> list[ListPlacement]:
    lo, hi = list_region(ctx, items)
    placements = []
    alignment = ctx.alignment
    for item in items:
        match = alignment.matches[item.index]
        located = match.status in LOCATED
        in_list = located and lo <= match.start and match.end <= hi
        placements.append(ListPlacement(item, located, in_list, match.start, match.end,
                                        alignment.insertion_point(item.index)))
    return placements


def list_name(ctx, items: list[TemplateBlock]) -> str:
    """'the list after <lead-in>' — lists have no names of their own in the template."""
    lead = ctx.template.previous_shared(items[0].index)
    return f"the list after {quote(lead.text, 50)}" if lead else "the first list"


def item_starting_line(document: Document, offset: int) -> Block | None:
    """The list item whose first line holds offset, as the Document read it (its marker is
    text[line start:item.content_start]); None when that line starts no list item."""
    line_start, line_end = document.source.line_bounds(offset)
    index = bisect.bisect_right(document.blocks, line_end, key=_START) - 1
    if index < 0:
        return None
    block = document.blocks[index]
    return block if block.kind is BlockKind.LIST_ITEM and block.start >= line_start else None


def starts_line_text(document: Document, offset: int) -> bool:
    """Whether offset starts the text of its line: only spaces, or a list item's marker,
    stand before it."""
    line_start = document.source.line_bounds(offset)[0]
    if not document.text[line_start:offset].strip():
        return True
    item = item_starting_line(document, offset)
    return item is not None and item.start < offset <= item.content_start
