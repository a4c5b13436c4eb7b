from __future__ import annotations

from collections.abc import Iterator

from lint.evidence import quote, widen
from lint.finding import Report, Severity
from lint.lists import list_name, list_placements
from lint.rule import Context, Rule

__all__ = ["ListItemDisplaced"]


class ListItemDisplaced(Rule):
    r"""An item of a shared list was found outside its list.

    What it checks:
        A list item that is not within its list's place in the edition but stands
        elsewhere — typically pushed below the next paragraph or section by a broken
        conversion, often with debris such as `^{*}` in front of it.
    Why it matters:
        The list reads as if the item were missing, and the stray line confuses the
        section it landed in.
    Example:
        Fails: `- * the right service at the right price\n` → ``; `Looking back on 2009/10` → `the right service at the right price\n\nLooking back on 2009/10`
        Passes: `- * the right service at the right price` → `- the right service at the right price`
    Fix:
        Move the item back into the list at the position the message gives.
    """

    code = "CL303"
    name = "list-item-displaced"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        for items in ctx.template.lists():
            for placement in list_placements(ctx, items):
                if not placement.located or placement.in_list:
                    continue
                item = placement.item
                start, end = _as_written(ctx, placement.start, placement.end)
                line = ctx.document.source.position(start)[0]
                yield ctx.report(placement.insertion_point, placement.insertion_point,
                                 f"item {item.list_position} of {list_name(ctx, items)} is not in the list: "
                                 f"{quote(ctx.display(item), 50)} was found at line {line} as {quote(ctx.text[start:end], 60, raw=True)}",
                                 expected=ctx.display(item), found=ctx.text[start:end], subject=item.text)


def _as_written(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """The item as it stands: its whole line when it is alone there (so that debris such
    as `^{*}` in front of it shows), else the words widened to whole tokens."""
    document = ctx.document
    inside = document.words_in(start, end)
    if inside:
        block = document.words[inside[0]].block
        own = sum(1 for j in inside if document.words[j].block == block)
        if own >= 0.6 * len(document.block_words[block]):
            return document.blocks[block].start, document.blocks[block].end
    return widen(ctx.text, start, end)
