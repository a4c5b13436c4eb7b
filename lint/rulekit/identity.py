"""Identity: which borough an edition is for, read from its borough slots and file name."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from canonlint.align import SlotValue
from canonlint.slots import slug


def edition_borough(ctx, slot_name: str = "borough") -> tuple[str, list[tuple[SlotValue, str]]] | None:
    """The edition's borough and every (slot value, name) of its borough slots. The borough
    is the one its file is named after (`tower-hamlets.txt`) when a slot names it, else the
    one most slots name (the first, normally the title, breaks a tie). Worked out once per
    edition for all the rules that ask."""
    return ctx.per_edition(("identity.edition_borough", slot_name), lambda: _edition_borough(ctx, slot_name))


def _edition_borough(ctx, slot_name: str) -> tuple[str, list[tuple[SlotValue, str]]] | None:
    values = [v for v in ctx.slot_values(slot_name) if v.value is not None]
    if not values:
        return None
    named = [(v, " ".join(v.value.split())) for v in values]
    names = [n for _, n in named]
    file_slug = slug(Path(ctx.document.source.path).stem)
    by_file = [n for n in names if slug(n) == file_slug]
    if by_file:
        return by_file[0], named
    counts = Counter(names)
    top = max(counts.values())
    return next(n for n in names if counts[n] == top), named
