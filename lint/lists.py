"""Lists: where each item of a template list stands in an edition, relative to its list.

The list's place is the stretch of the edition between the blocks that surround the list
in the template (when they were found at their places). An item found inside it is "in
the list"; an item found elsewhere is displaced; an item found nowhere is missing. List
rules share this reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from lint.align import Status
from lint.evidence import quote
from lint.rule import LOCATED
from lint.template import TemplateBlock

_IN_PLACE = (Status.FOUND, Status.ALTERED)


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
    lo, hi = _end_before(matches, items[0].index, 0), _start_after(matches, items[-1].index, len(ctx.text))
    return lo, max(lo, hi)


def list_placements(ctx, items: list[TemplateBlock]) -> list[ListPlacement]:
    """Where each item of a list stands (worked out once per edition and list)."""
    key = ("list placements", items[0].index, len(items))
    memo = ctx.alignment.memo
    if key not in memo:
        memo[key] = _placements(ctx, items)
    return list(memo[key])


def _placements(ctx, items: list[TemplateBlock]) -> list[ListPlacement]:
    lo, hi = list_region(ctx, items)
    placements = []
    matches = ctx.alignment.matches
    for item in items:
        match = matches[item.index]
        located = match.status in LOCATED
        in_list = located and lo <= match.start and match.end <= hi
        # Alignment.insertion_point, without copying the matches on either side
        insertion_point = _start_after(matches, item.index, -1)
        if insertion_point < 0:
            insertion_point = _end_before(matches, item.index, 0)
        placements.append(ListPlacement(item, located, in_list, match.start, match.end, insertion_point))
    return placements


def _end_before(matches, index: int, default: int) -> int:
    """Where the nearest block before `index` found at its place ends (default if none)."""
    for k in range(index - 1, -1, -1):
        if matches[k].status in _IN_PLACE:
            return matches[k].end
    return default


def _start_after(matches, index: int, default: int) -> int:
    """Where the nearest block after `index` found at its place starts (default if none)."""
    for k in range(index + 1, len(matches)):
        if matches[k].status in _IN_PLACE:
            return matches[k].start
    return default


def list_name(ctx, items: list[TemplateBlock]) -> str:
    """'the list after <lead-in>' — lists have no names of their own in the template."""
    lead = ctx.template.previous_shared(items[0].index)
    return f"the list after {quote(lead.text, 50)}" if lead else "the first list"
