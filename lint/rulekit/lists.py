"""Lists: where each item of a template list stands in an edition, relative to its list.

The list's place is the stretch of the edition between the blocks that surround the list
in the template (when they were found at their places). An item found inside it is "in
the list"; an item found elsewhere is displaced; an item found nowhere is missing. List
rules share this reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from canonlint.align import LOCATED, end_before, start_after
from canonlint.rulekit.evidence import quote
from canonlint.template import TemplateBlock


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
