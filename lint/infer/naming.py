"""Slot names: one name for a value that recurs in an edition, and a name per table column.

Two slots outside tables share a name when they are of one type and hold the same value
(case aside) in most editions that have both (a copy-paste slip in a few is a defect to report): the place name in the title, the
headings and the address. A table's slots are named by their place in the row, so every
row of one table uses the same names (each row's values are its own).
"""

from __future__ import annotations

from canonlint.infer.drafts import BlockDraft, SlotDraft
from canonlint.infer.values import Names

SAME_VALUE = 0.6


def _agree(a: SlotDraft, b: SlotDraft) -> bool:
    both = [(x.casefold(), y.casefold()) for x, y in zip(a.values, b.values) if x and y]
    return bool(both) and sum(1 for x, y in both if x == y) >= SAME_VALUE * len(both)


def name_slots(drafts: list[BlockDraft]) -> None:
    names = Names()
    groups: list[SlotDraft] = []
    columns: dict[tuple[int, int, str], str] = {}
    table = -1
    previous_row = False
    for draft in drafts:
        row = not draft.local and draft.kind.value == "table row"
        if row and not previous_row:
            table = draft.pivot_block
        previous_row = row
        slots = [r.slot for r in sorted(draft.replacements, key=lambda r: r.start) if r.slot is not None]
        for position, slot in enumerate(slots):
            if slot.row:
                key = (table, position, slot.type)
                if key not in columns:
                    columns[key] = names.new(slot.type)
                slot.name = columns[key]
                continue
            same = next((g for g in groups if g.type == slot.type and _agree(g, slot)), None)
            if same is None:
                slot.name = names.new(slot.type)
                groups.append(slot)
            else:
                slot.name = same.name
