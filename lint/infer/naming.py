"""Slot names: one name for a value that recurs in an edition, and a name per table column.

Two slots outside tables share a name when they are of one type and hold the same value
(case aside) in most editions that have both (a copy-paste slip in a few is a defect to report): the place name in the title, the
headings and the address. A table's slots are named by their place in the row, so every
row of one table uses the same names (each row's values are its own).
"""

from __future__ import annotations

from canonlint.infer.drafts import BlockDraft, SlotDraft
from canonlint.infer.values import Names
from canonlint.words import iter_words

SAME_VALUE = 0.6


def _agree(a: SlotDraft, b: SlotDraft) -> bool:
    both = [(x.casefold(), y.casefold()) for x, y in zip(a.values, b.values) if x and y]
    return bool(both) and sum(1 for x, y in both if x == y) >= SAME_VALUE * len(both)


def name_slots(drafts: list[BlockDraft], text: str) -> None:
    """Name every slot of the drafts; text is the pivot edition's, where they stand."""
    names = Names()
    context = {id(r.slot): word for draft in drafts for r in draft.replacements
               if r.slot is not None and not r.slot.row and r.slot.type == "text"
               for word in [context_name(text, r.start, r.end)] if word}
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
                slot.name = names.new(slot.type, context.get(id(slot)))
                groups.append(slot)
            else:
                slot.name = same.name


# Words that say nothing of what a slot beside them holds.
_STOPWORDS = frozenset("""a about after all an and any are as at be before but by can for from has have in into
is it its may not of on or our over per so than that the their then this to under via was we were which who will
with you your""".split())
_LINE = 200  # characters looked at on either side of a slot


def context_name(text: str, start: int, end: int) -> str | None:
    """A name for a text slot at text[start:end], from the words around it: before a run
    of capitalised words (`{…} Code of Conduct`, `{…} NHS Foundation Trust`) it is a
    name; else the nearest telling word on its line, after it when as near (`{…} ward
    profile`, `the {…} team`). None when no word tells."""
    line_start = max(text.rfind("\n", max(0, start - _LINE), start) + 1, start - _LINE)
    line_end = text.find("\n", end, end + _LINE)
    after = [text[a:b] for _, a, b in iter_words(text, end, line_end if line_end >= 0 else min(len(text), end + _LINE))]
    before = [text[a:b] for _, a, b in iter_words(text, line_start, start)]
    if after and after[0][:1].isupper() and not any(_telling(w) for w in before):
        return "name"
    # the nearest telling word, after the slot when as near
    nearest = [(distance, 0, w) for distance, w in enumerate(after) if _telling(w)][:1] + \
        [(distance, 1, w) for distance, w in enumerate(reversed(before)) if _telling(w)][:1]
    return min(nearest)[2].lower() if nearest else None


def _telling(word: str) -> bool:
    return word.isascii() and word.isalpha() and len(word) >= 3 and word.lower() not in _STOPWORDS
